"""A respondent answers through their own form: save and come back, then submit."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enplan.coordination import services
from enplan.coordination.models import Answer
from enplan.coordination.tests.conftest import answer_as

pytestmark = pytest.mark.django_db


def _post_all(round_, score="4"):
    data = {}
    for group in round_.groups.all():
        for dimension in services.Dimension.values:
            data[f"a_{group.pk}_{dimension}"] = score
    return data


def test_a_respondent_saves_part_of_the_form_and_finds_it_again(client, world, plan_round):
    round_ = plan_round.round
    group = round_.groups.get()
    respondent = plan_round.respondent_of(world.actor)
    client.force_login(world.actor.user)
    response = client.post(
        reverse("coordination:answer", args=[round_.pk]),
        {
            "version": respondent.version,
            f"a_{group.pk}_frequent": "3",
            f"a_{group.pk}_timely": "dk",
            "save": "",
        },
        follow=True,
    )
    assert "Dine svar er gemt" in response.text
    respondent.refresh_from_db()
    assert respondent.saved_at is not None
    assert respondent.submitted_at is None
    page = client.get(reverse("coordination:answer", args=[round_.pk])).text
    assert f'value="3" id="id_a_{group.pk}_frequent_2" checked' in page
    assert dict(Answer.objects.filter(respondent=respondent).values_list("dimension", "score")) == {
        "frequent": 3,
        "timely": None,
    }


def test_submitting_needs_every_question_answered(client, world, plan_round):
    round_ = plan_round.round
    respondent = plan_round.respondent_of(world.actor)
    client.force_login(world.actor.user)
    data = _post_all(round_)
    data.pop(next(iter(data)))
    response = client.post(
        reverse("coordination:answer", args=[round_.pk]),
        {"version": respondent.version, "submit": "", **data},
    )
    assert response.status_code == 200
    assert "1 spørgsmål er ikke besvaret" in response.text
    respondent.refresh_from_db()
    assert respondent.submitted_at is None
    assert not Answer.objects.filter(respondent=respondent).exists()


def test_a_complete_form_is_submitted(client, world, plan_round):
    round_ = plan_round.round
    respondent = plan_round.respondent_of(world.actor)
    client.force_login(world.actor.user)
    response = client.post(
        reverse("coordination:answer", args=[round_.pk]),
        {"version": respondent.version, "submit": "", **_post_all(round_)},
        follow=True,
    )
    assert "Tak. Dine svar er sendt." in response.text
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert Answer.objects.filter(respondent=respondent).count() == 7


def test_answers_saved_in_another_window_are_not_overwritten(client, world, plan_round):
    round_ = plan_round.round
    respondent = plan_round.respondent_of(world.actor)
    stale = respondent.version
    answer_as(world.actor, round_, score=5, submit=False)
    client.force_login(world.actor.user)
    response = client.post(
        reverse("coordination:answer", args=[round_.pk]),
        {"version": stale, "save": "", **_post_all(round_, "1")},
        follow=True,
    )
    assert "gemt i et andet vindue" in response.text
    assert set(Answer.objects.filter(respondent=respondent).values_list("score", flat=True)) == {5}


def test_nobody_can_save_anyone_elses_answers(world, plan_round):
    theirs = plan_round.respondent_of(world.actor)
    with pytest.raises(Exception):  # noqa: B017,PT011 - 404 or 403, never a save
        services.answers_save(
            user=world.coordinator.user,
            respondent=theirs,
            version=theirs.version,
            values={},
            submit=False,
        )
    theirs.refresh_from_db()
    assert theirs.saved_at is None


def test_a_closed_round_takes_no_more_answers(world, plan_round):
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    with pytest.raises(ValidationError, match="lukket"):
        answer_as(world.actor, plan_round.round)


def test_a_respondent_is_never_shown_anyone_elses_answers(client, world, plan_round):
    answer_as(world.coordinator, plan_round.round, score=2)
    client.force_login(world.actor.user)
    page = client.get(reverse("coordination:answer", args=[plan_round.round.pk])).text
    assert "checked" not in page
