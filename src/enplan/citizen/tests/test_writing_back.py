"""What the citizen writes: marked as theirs, in the stafetlog, told to the coordinator,
and nothing saved when the input is wrong."""

import pytest
from django.core.exceptions import ValidationError

from enplan.citizen import services
from enplan.citizen.models import MeetingTopic
from enplan.citizen.tests.factories import with_login
from enplan.core.concurrency import EditConflict
from enplan.core.models import Notification
from enplan.plans.models import Actor, LogEntry
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_the_mother_writes_what_matters_most_in_her_own_words(client, family):
    client.force_login(with_login(family.mother))
    url = f"/borger/plan/{family.plan.pk}/vigtigst/{family.mother.pk}/"
    response = client.post(url, {"version": family.mother.version, "wishes": "Ro i hverdagen."})
    assert response.status_code == 302
    family.mother.refresh_from_db()
    assert family.mother.wishes == "Ro i hverdagen."
    entry = LogEntry.objects.get(plan=family.plan)
    assert entry.citizen_author == family.mother
    assert entry.author_name == "Mona Holm"
    assert "Ro i hverdagen." in entry.text
    assert not entry.is_internal


def test_the_coordinator_is_told_but_not_what_was_written(family):
    user = with_login(family.mother)
    services.wishes_update(
        user=user,
        plan=family.plan,
        member_pk=family.mother.pk,
        version=family.mother.version,
        wishes="Et job.",
    )
    notice = Notification.objects.get(user=family.coordinator.user)
    assert "Mona" in notice.text
    assert "Et job." not in notice.text


def test_two_writers_do_not_overwrite_each_other(family):
    user = with_login(family.mother)
    version = family.mother.version
    services.wishes_update(
        user=user, plan=family.plan, member_pk=family.mother.pk, version=version, wishes="A"
    )
    with pytest.raises(EditConflict):
        services.wishes_update(
            user=user, plan=family.plan, member_pk=family.mother.pk, version=version, wishes="B"
        )
    family.mother.refresh_from_db()
    assert family.mother.wishes == "A"


def test_a_comment_on_a_goal_lands_in_the_log_on_that_goal(client, family):
    goal = GoalFactory(plan=family.plan, member=family.mother)
    client.force_login(with_login(family.mother))
    client.post(
        f"/borger/plan/{family.plan.pk}/maal/{goal.pk}/kommentar/", {"text": "Det går godt."}
    )
    entry = LogEntry.objects.get(goal=goal)
    assert entry.text == "Det går godt."
    assert entry.citizen_author == family.mother


def test_an_empty_comment_is_refused_in_danish_and_saves_nothing(client, family):
    goal = GoalFactory(plan=family.plan, member=family.mother)
    client.force_login(with_login(family.mother))
    response = client.post(
        f"/borger/plan/{family.plan.pk}/maal/{goal.pk}/kommentar/", {"text": "   "}
    )
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not LogEntry.objects.exists()


def test_a_private_person_kept_from_the_professionals_leaves_no_trace_for_them(client, family):
    client.force_login(with_login(family.mother))
    response = client.post(
        f"/borger/plan/{family.plan.pk}/netvaerk/ny/",
        {"name": "Lise", "role": "Min søster", "visible_to_professionals": "no"},
    )
    assert response.status_code == 302
    actor = Actor.objects.get(name="Lise")
    assert actor.member == family.mother
    assert actor.added_by_citizen
    assert not actor.visible_to_professionals
    assert not LogEntry.objects.exists()  # the stafetlog is read by the professionals
    client.force_login(family.coordinator.user)
    for page in ("", "network/", "log/"):
        assert "Lise" not in client.get(f"/plans/{family.plan.pk}/{page}").content.decode()


def test_a_private_person_the_professionals_may_see_is_on_their_plan_page(client, family):
    client.force_login(with_login(family.mother))
    client.post(
        f"/borger/plan/{family.plan.pk}/netvaerk/ny/",
        {"name": "Lise", "role": "Min søster", "visible_to_professionals": "yes"},
    )
    assert LogEntry.objects.get().citizen_author == family.mother
    client.force_login(family.coordinator.user)
    assert "Lise" in client.get(f"/plans/{family.plan.pk}/network/").content.decode()
    assert "Skrevet af borgeren" in client.get(f"/plans/{family.plan.pk}/").content.decode()


def test_a_person_needs_a_name(family):
    with pytest.raises(ValidationError):
        services.private_person_add(
            user=with_login(family.mother), plan=family.plan, name=" ", role="Ven"
        )
    assert not Actor.objects.filter(kind="private").exists()


def test_a_topic_for_the_next_meeting_is_kept_and_logged(client, family):
    client.force_login(with_login(family.mother))
    client.post(f"/borger/plan/{family.plan.pk}/moeder/emne/", {"text": "Min økonomi"})
    topic = MeetingTopic.objects.get()
    assert topic.member == family.mother
    assert LogEntry.objects.get().text.endswith("Min økonomi")


def test_an_adult_chooses_to_share_their_part_with_the_family(client, family):
    client.force_login(with_login(family.partner))
    client.post(
        f"/borger/plan/{family.plan.pk}/deling/",
        {"version": family.partner.version, "share": "yes"},
    )
    family.partner.refresh_from_db()
    assert family.partner.shares_with_household


def test_a_young_person_chooses_to_hide_what_they_write(client, family):
    client.force_login(with_login(family.teen))
    client.post(
        f"/borger/plan/{family.plan.pk}/deling/", {"version": family.teen.version, "share": "no"}
    )
    family.teen.refresh_from_db()
    assert family.teen.hides_writing_from_custodians
    assert not family.teen.shares_with_household


def test_professionals_mark_a_note_internal_from_the_log_form(client, family):
    client.force_login(family.coordinator.user)
    form = client.get(f"/plans/{family.plan.pk}/log/new/").content.decode()
    assert 'name="is_internal"' in form
    client.post(
        f"/plans/{family.plan.pk}/log/new/",
        {"kind": "note", "occurred_on": "2026-01-05", "text": "Arbejdsnotat", "is_internal": "on"},
    )
    entry = LogEntry.objects.get(text="Arbejdsnotat")
    assert entry.is_internal
    client.force_login(with_login(family.mother))
    assert "Arbejdsnotat" not in client.get(f"/borger/plan/{family.plan.pk}/").content.decode()


def test_a_log_entry_is_shared_with_the_citizen_unless_marked_internal(family):
    from enplan.plans.forms import LogEntryForm

    form = LogEntryForm(plan=family.plan, goals=[], interventions=[])
    assert form.fields["is_internal"].initial in (None, False)


def test_a_topic_goes_with_the_citizens_own_next_meeting_not_someone_elses(family):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.citizen.tests.factories import network_meeting
    from enplan.meetings.models import MeetingKind
    from enplan.meetings.tests.factories import MeetingFactory

    soon = timezone.now() + timedelta(days=1)
    network_meeting(family, starts_at=soon, invited=family.partner)  # the partner's own
    MeetingFactory(plan=family.plan, starts_at=soon, kind=MeetingKind.BILATERAL)
    mine = network_meeting(family, starts_at=soon + timedelta(days=2))
    topic = services.meeting_topic_add(
        user=with_login(family.mother), plan=family.plan, text="Min økonomi"
    )
    assert topic.meeting == mine


def test_five_comments_from_the_citizen_are_one_notice_with_a_count(family):
    user = with_login(family.mother)
    goal = GoalFactory(plan=family.plan)
    for n in range(5):
        services.goal_comment(user=user, plan=family.plan, goal_pk=goal.pk, text=f"Kommentar {n}")
    notice = Notification.objects.get(user=family.coordinator.user)
    assert notice.count == 5
    assert notice.text.startswith("Mona har skrevet noget")
