"""Min log: every time someone read or changed the plan, with role, organisation, purpose
and date, for the last two years; never the citizen's own visits, never another adult's
part."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.citizen.tests.factories import with_login
from enplan.core import audit
from enplan.core.models import AuditAction, AuditEvent
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def log_rows(client, family, who="mother", **params):
    client.force_login(with_login(getattr(family, who)))
    response = client.get(f"/borger/plan/{family.plan.pk}/min-log/", params)
    assert response.status_code == 200
    return response.context["page_obj"].object_list


def test_a_professionals_visit_shows_role_organisation_and_purpose(client, family):
    client.force_login(family.actor.user)
    client.get(f"/plans/{family.plan.pk}/")
    [row] = log_rows(client, family)
    assert row.role == "Sagsbehandler"
    assert row.organisation == "Jobcentret, Center for Arbejdsmarked"
    assert row.purpose == "Åbnede din plan"


def test_the_citizens_own_visits_are_not_listed(client, family):
    log_rows(client, family)
    log_rows(client, family)
    assert log_rows(client, family) == []


def test_changes_to_another_adults_part_are_not_in_my_log(client, family):
    partner_goal = GoalFactory(plan=family.plan, member=family.partner)
    my_goal = GoalFactory(plan=family.plan, member=family.mother)
    user = family.coordinator.user
    audit.record(user=user, action=AuditAction.CHANGE, obj=partner_goal, plan=family.plan)
    audit.record(user=user, action=AuditAction.CHANGE, obj=my_goal, plan=family.plan)
    assert [r.purpose for r in log_rows(client, family, kind="change")] == ["Ændrede et mål"]
    partners = log_rows(client, family, "partner", kind="change")
    assert [r.purpose for r in partners] == ["Ændrede et mål"]


def test_events_older_than_two_years_are_left_out(client, family):
    event = audit.record(
        user=family.coordinator.user, action=AuditAction.VIEW, obj=family.plan, plan=family.plan
    )
    AuditEvent.objects.create(
        municipality=family.municipality,
        at=timezone.now() - timedelta(days=2 * 365 + 1),
        user=family.coordinator.user,
        action=AuditAction.VIEW,
        object_type="plans.plan",
        object_id=str(family.plan.pk),
        plan_id=family.plan.pk,
    )
    rows = log_rows(client, family)
    assert [r.at for r in rows] == [event.at]


def test_the_log_filters_by_what_was_done_by_whom_and_when(client, family):
    user = family.coordinator.user
    audit.record(user=user, action=AuditAction.VIEW, obj=family.plan, plan=family.plan)
    audit.record(user=user, action=AuditAction.EXPORT, obj=family.plan, plan=family.plan)
    assert [r.purpose for r in log_rows(client, family, kind="export")] == ["Hentede din plan"]
    assert len(log_rows(client, family, kind="read")) == 1
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert log_rows(client, family, since=tomorrow) == []
    organisation = "Jobcentret, Center for Arbejdsmarked"
    assert len(log_rows(client, family, organisation=organisation)) == 2


def test_a_filter_with_the_dates_the_wrong_way_round_is_explained(client, family):
    client.force_login(with_login(family.mother))
    response = client.get(
        f"/borger/plan/{family.plan.pk}/min-log/", {"since": "2026-05-01", "until": "2026-04-01"}
    )
    assert "Startdatoen er efter slutdatoen." in response.content.decode()


def test_every_action_and_object_type_has_a_purpose_in_danish():
    from django.utils import translation

    from enplan.citizen.purposes import BY_ACTION, PURPOSES

    for label in [*PURPOSES.values(), *BY_ACTION.values()]:
        with translation.override("en"):
            english = str(label)
        with translation.override("da"):
            assert str(label) != english


def test_a_look_at_another_adults_own_meeting_is_not_in_my_log(client, family):
    from enplan.citizen.tests.factories import network_meeting

    theirs = network_meeting(family, starts_at=timezone.now(), invited=family.partner)
    mine = network_meeting(family, starts_at=timezone.now())
    user = family.coordinator.user
    audit.record(user=user, action=AuditAction.VIEW, obj=theirs, plan=family.plan)
    audit.record(user=user, action=AuditAction.VIEW, obj=mine, plan=family.plan)
    assert [r.purpose for r in log_rows(client, family)] == ["Så på et møde"]
    # (The partner's log also shows the mother's own visits, as "Borger".)
    partners = [r for r in log_rows(client, family, "partner") if r.role != "Borger"]
    assert [r.purpose for r in partners] == ["Så på et møde"]


def test_what_belongs_to_another_adults_meeting_is_not_in_my_log(client, family):
    from enplan.citizen.tests.factories import network_meeting
    from enplan.meetings.tests.factories import CitizenEvaluationFactory, LearningRecapFactory

    theirs = network_meeting(family, starts_at=timezone.now(), invited=family.partner)
    user = family.coordinator.user
    for obj in [
        LearningRecapFactory(meeting=theirs),
        CitizenEvaluationFactory(meeting=theirs, member=family.partner),
    ]:
        audit.record(user=user, action=AuditAction.CREATE, obj=obj, plan=family.plan)
    assert log_rows(client, family) == []
    assert len(log_rows(client, family, "partner", kind="change")) == 2


def test_a_step_registered_for_another_adult_is_not_in_my_log(client, family):
    from enplan.progress.tests.factories import StepRegistrationFactory

    today = timezone.localdate()
    theirs = StepRegistrationFactory(member=family.partner, entered_on=today)
    mine = StepRegistrationFactory(member=family.mother, entered_on=today)
    user = family.coordinator.user
    for obj in [theirs, mine]:
        audit.record(user=user, action=AuditAction.CREATE, obj=obj, plan=family.plan)
    assert len(log_rows(client, family)) == 1
    assert len(log_rows(client, family, "partner", kind="change")) == 1


def test_a_withdrawn_step_registration_stays_in_its_members_log_only(client, family):
    from enplan.progress import services as progress_services
    from enplan.progress.tests.factories import StepRegistrationFactory

    mine = StepRegistrationFactory(member=family.mother, entered_on=timezone.localdate())
    user = family.coordinator.user
    audit.record(user=user, action=AuditAction.CREATE, obj=mine, plan=family.plan)
    progress_services.step_registration_withdraw(user=user, plan=family.plan, registration=mine)

    rows = log_rows(client, family, kind="change")
    assert [row.purpose for row in rows] == [
        "Slettede noget i din plan",
        "Skrev noget nyt i din plan",
    ]
    assert log_rows(client, family, "partner", kind="change") == []


def test_a_young_persons_hidden_evaluation_is_not_in_their_parents_log(client, family):
    from enplan.citizen.tests.factories import network_meeting
    from enplan.meetings.tests.factories import CitizenEvaluationFactory

    meeting = network_meeting(family, starts_at=timezone.now(), invited=family.teen)
    evaluation = CitizenEvaluationFactory(meeting=meeting, member=family.teen)
    audit.record(user=None, action=AuditAction.CREATE, obj=evaluation, plan=family.plan)
    assert len(log_rows(client, family)) == 1
    family.teen.hides_writing_from_custodians = True
    family.teen.save()
    assert log_rows(client, family) == []


def test_events_from_before_actors_moved_to_plans_keep_their_member_rule(client, family):
    """Events written while actors were kept with the network map carry the old label
    "network.actor"; they follow the member rule and keep their plain purpose."""
    from enplan.plans.tests.factories import PrivateActorFactory

    partners_friend = PrivateActorFactory(plan=family.plan, member=family.partner)
    mothers_friend = PrivateActorFactory(plan=family.plan, member=family.mother)
    for actor in (partners_friend, mothers_friend):
        AuditEvent.objects.create(
            municipality=family.municipality,
            user=family.coordinator.user,
            action=AuditAction.CREATE,
            object_type="network.actor",
            object_id=str(actor.pk),
            plan_id=family.plan.pk,
        )
    added = ["Satte en person på dit netværk"]
    assert [r.purpose for r in log_rows(client, family, kind="change")] == added
    assert [r.purpose for r in log_rows(client, family, "partner", kind="change")] == added


def test_the_count_and_the_organisations_follow_the_filter(client, family):
    """The count of times, the pages and the list of organisations come from one query."""
    coordinator, actor = family.coordinator.user, family.actor.user
    events = [
        audit.record(user=user, action=action, obj=family.plan, plan=family.plan)
        for user, action in [
            (coordinator, AuditAction.VIEW),
            (coordinator, AuditAction.EXPORT),
            (actor, AuditAction.VIEW),
            (actor, AuditAction.VIEW),
        ]
    ]
    actors_organisation = events[2].actor_organisation
    client.force_login(with_login(family.mother))
    url = f"/borger/plan/{family.plan.pk}/min-log/"

    def counted(**params):
        response = client.get(url, params)
        page = response.context["page_obj"]
        assert page.paginator.count == len(page.object_list)
        return page.paginator.count, response.context["form"]

    count, form = counted()
    assert count == 4
    choices = [value for value, _label in form.fields["organisation"].choices]
    assert choices == ["", *sorted({e.actor_organisation for e in events} - {""})]
    assert counted(kind="read")[0] == 3
    read_there = [
        e for e in events if e.action == "view" and e.actor_organisation == actors_organisation
    ]
    assert counted(kind="read", organisation=actors_organisation)[0] == len(read_there)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert counted(since=tomorrow)[0] == 0
    # A filter that does not hold (an organisation not in the log, dates the wrong way
    # round) shows everything, and the page says why.
    assert counted(organisation="Ingen")[0] == 4
    assert counted(kind="read", since="2026-05-01", until="2026-04-01")[0] == 4
