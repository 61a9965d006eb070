"""Starting a round: who is asked, in which groups, and the invitations."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enplan.coordination import services
from enplan.coordination.models import Respondent, SurveyRound
from enplan.coordination.tasks import invite_respondents
from enplan.core.models import AuditAction, AuditEvent, Notification
from enplan.organisation.tests.factories import ProfessionalFactory, ProfessionFactory
from enplan.plans.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_a_plans_round_asks_the_coordinator_and_the_actors_who_can_see_the_plan(world, plan_round):
    asked = set(plan_round.round.respondents.values_list("professional_id", flat=True))
    assert asked == {p.pk for p in plan_round.respondents}
    assert world.uncovered_actor.pk not in asked
    assert world.outsider.pk not in asked


def test_respondents_are_grouped_by_department(world, plan_round):
    assert list(plan_round.round.groups.values_list("name", flat=True)) == [world.department.name]


def test_respondents_can_be_grouped_by_profession(world):
    nurse = ProfessionFactory(municipality=world.municipality, name="Sygeplejerske")
    world.coordinator.profession = world.actor.profession = nurse
    world.coordinator.save()
    world.actor.save()
    third = ProfessionalFactory(department=world.department)
    ActorFactory(plan=world.plan, professional=third)
    round_ = services.round_create(
        user=world.coordinator.user,
        title="",
        scope="plan",
        plan=world.plan,
        grouping="profession",
        closes_on=timezone.localdate(),
        small_groups_choice="send",
    )
    members = {r.professional_id: r.group.name for r in round_.respondents.select_related("group")}
    assert members == {
        world.coordinator.pk: "Sygeplejerske",
        world.actor.pk: "Sygeplejerske",
        third.pk: services.NO_PROFESSION,
    }


def test_starting_a_round_queues_the_invitations_and_is_audited(world, plan_round):
    assert DBTaskResult.objects.filter(task_path__endswith="invite_respondents").exists()
    assert AuditEvent.objects.filter(
        user=world.coordinator.user,
        action=AuditAction.CREATE,
        object_type="coordination.surveyround",
        plan_id=world.plan.pk,
    ).exists()


def test_the_invitation_reaches_each_respondent_once(world, plan_round):
    assert invite_respondents.call(plan_round.round.pk) == 4
    assert invite_respondents.call(plan_round.round.pk) == 0
    notice = Notification.objects.get(user=world.actor.user)
    assert notice.url == reverse("coordination:answer", args=[plan_round.round.pk])


def test_a_round_needs_three_respondents_with_a_login(world):
    with pytest.raises(ValidationError, match="mindst 3"):
        services.round_create(
            user=world.coordinator.user,
            title="",
            scope="plan",
            plan=world.plan,
            grouping="department",
            closes_on=timezone.localdate(),
        )
    assert not SurveyRound.objects.exists()


def test_a_closing_date_in_the_past_is_refused(world, plan_round):
    with pytest.raises(ValidationError):
        services.round_create(
            user=world.coordinator.user,
            title="",
            scope="plan",
            plan=world.plan,
            grouping="department",
            closes_on=timezone.localdate() - timedelta(days=1),
        )


def test_the_form_starts_a_round_and_shows_it(client, world, plan_round):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("coordination:create"),
        {
            "scope": "plan",
            "plan": world.plan.pk,
            "title": "Opfølgning",
            "grouping": "profession",
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
        follow=True,
    )
    round_ = SurveyRound.objects.get(title="Opfølgning")
    assert response.redirect_chain[-1][0] == reverse("coordination:detail", args=[round_.pk])
    assert "Målingen er startet" in response.text
    assert Respondent.objects.filter(round=round_).count() == 4


def test_the_form_explains_what_is_missing_in_danish(client, world, plan_round):
    client.force_login(world.coordinator.user)
    response = client.post(reverse("coordination:create"), {"scope": "plan"})
    assert response.status_code == 200
    assert "Vælg planen." in response.text
    assert SurveyRound.objects.count() == 1


def test_a_leader_starts_a_team_round_from_the_form(client, world, leader, plan_round):
    client.force_login(leader)
    people = [world.coordinator, world.actor, world.outsider]
    response = client.post(
        reverse("coordination:create"),
        {
            "scope": "team",
            "team": "Dobbeltdiagnoser",
            "professionals": [p.pk for p in people],
            "grouping": "custom",
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    round_ = SurveyRound.objects.get(scope="team")
    assert response.status_code == 302
    assert round_.plan is None
    assert round_.created_by == leader
    assert round_.respondents.count() == 3


def test_the_plan_page_lists_the_plans_rounds(client, world, plan_round):
    client.force_login(world.coordinator.user)
    response = client.get(reverse("plans:section", args=[world.plan.pk, "coordination"]))
    assert "Maja – start" in response.text
    assert reverse("coordination:detail", args=[plan_round.round.pk]) in response.text
    client.force_login(world.actor.user)
    response = client.get(reverse("plans:section", args=[world.plan.pk, "coordination"]))
    assert reverse("coordination:answer", args=[plan_round.round.pk]) in response.text


def test_only_professionals_who_can_log_in_and_answer_are_offered(world, leader):
    from enplan.coordination.forms import RoundCreateForm
    from enplan.organisation.tests.factories import ProfessionalFactory

    as_professional = ProfessionalFactory(user=leader, department=world.department)
    offered = set(RoundCreateForm(user=leader).fields["professionals"].queryset)
    assert world.actor in offered
    assert as_professional not in offered


def test_the_closing_date_can_be_moved_while_the_round_is_open(client, world, plan_round):
    client.force_login(world.coordinator.user)
    later = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("coordination:extend", args=[plan_round.round.pk]),
        {"closes_on": later.isoformat()},
        follow=True,
    )
    assert "Slutdatoen er ændret." in response.text
    plan_round.round.refresh_from_db()
    assert plan_round.round.closes_on == later


def test_a_round_past_its_date_cannot_be_reopened(client, world, plan_round):
    SurveyRound.objects.filter(pk=plan_round.round.pk).update(
        opens_on=timezone.localdate() - timedelta(days=9),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("coordination:extend", args=[plan_round.round.pk]),
        {"closes_on": (timezone.localdate() + timedelta(days=5)).isoformat()},
        follow=True,
    )
    assert "Målingen er lukket" in response.text
    plan_round.round.refresh_from_db()
    assert plan_round.round.closes_on < timezone.localdate()
