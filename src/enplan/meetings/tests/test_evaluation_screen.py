"""The citizen's evaluation on the coordinator's screen."""

import pytest
from django.urls import reverse

from enplan.meetings.models import CitizenEvaluation
from enplan.meetings.tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "felt_heard": "9",
    "talked_about_what_matters": "8",
    "way_of_working_suited_me": "7",
    "overall": "8",
    "comment": "Godt møde.",
}


def test_the_citizen_answers_on_the_coordinators_screen(client, world, cycle):
    client.force_login(world.coordinator.user)
    url = reverse("meetings:evaluation", args=[cycle.meeting.pk])
    page = client.get(url).text
    assert "Lyttede de andre til det, du sagde?" in page
    response = client.post(url, {**ANSWERS, "member": world.member.pk})
    assert response.status_code == 302
    evaluation = CitizenEvaluation.objects.get()
    assert (evaluation.felt_heard, evaluation.overall, evaluation.channel) == (9, 8, "screen")


def test_a_question_left_out_is_explained_and_nothing_saved(client, world, cycle):
    client.force_login(world.coordinator.user)
    answers = {**ANSWERS, "member": world.member.pk, "overall": ""}
    response = client.post(reverse("meetings:evaluation", args=[cycle.meeting.pk]), answers)
    assert "Vælg et tal fra 0 til 10." in response.text
    assert not CitizenEvaluation.objects.exists()


def test_a_score_outside_the_scale_is_refused(client, world, cycle):
    client.force_login(world.coordinator.user)
    answers = {**ANSWERS, "member": world.member.pk, "felt_heard": "11"}
    client.post(reverse("meetings:evaluation", args=[cycle.meeting.pk]), answers)
    assert not CitizenEvaluation.objects.exists()


def test_a_citizen_evaluates_a_meeting_only_once(world, cycle):
    from django.core.exceptions import ValidationError

    from enplan.meetings import services

    scores = services.Scores(8, 8, 8, 8)
    services.evaluation_record(
        user=world.coordinator.user, meeting=cycle.meeting, member=world.member, scores=scores
    )
    with pytest.raises(ValidationError, match="har allerede evalueret"):
        services.evaluation_record(
            user=world.coordinator.user, meeting=cycle.meeting, member=world.member, scores=scores
        )


def test_a_no_show_cannot_evaluate(world, cycle):
    from django.core.exceptions import ValidationError

    from enplan.meetings import services

    cycle.citizen.attended = False
    cycle.citizen.save()
    with pytest.raises(ValidationError, match="registreret som ikke mødt"):
        services.evaluation_record(
            user=world.coordinator.user,
            meeting=cycle.meeting,
            member=world.member,
            scores=services.Scores(5, 5, 5, 5),
        )


def test_a_citizen_who_was_not_invited_cannot_evaluate(world, cycle):
    from django.core.exceptions import ValidationError

    from enplan.meetings import services

    cycle.citizen.delete()
    with pytest.raises(ValidationError, match="ikke inviteret"):
        services.evaluation_record(
            user=world.coordinator.user,
            meeting=cycle.meeting,
            member=world.member,
            scores=services.Scores(5, 5, 5, 5),
        )


def test_a_meeting_for_professionals_is_not_evaluated_by_the_citizen(world):
    from django.core.exceptions import ValidationError

    from enplan.meetings import services

    meeting = MeetingFactory(plan=world.plan, kind="professionals")
    ParticipantFactory(meeting=meeting, member=world.member)
    with pytest.raises(ValidationError):
        services.evaluation_record(
            user=world.coordinator.user,
            meeting=meeting,
            member=world.member,
            scores=services.Scores(5, 5, 5, 5),
        )


def test_a_citizen_is_awaited_although_a_professional_did_not_come(world, cycle):
    from enplan.meetings.selectors import awaiting_evaluation
    from enplan.plans import access as plan_access

    cycle.professional.attended = False
    cycle.professional.save()
    member_ids = plan_access.visible_member_ids(world.coordinator.user, world.plan)
    assert awaiting_evaluation(cycle.meeting, member_ids) == [world.member]
