"""A screening round's settings in the administration: editable while the round collects
extracts, fixed once it has been scored or closed, so that the DPIA annex always shows
the rules, catalogue and deletion period the round was actually scored with."""

import pytest

from enplan.targeting import services
from enplan.targeting.models import RoundStatus, ScreeningRound
from enplan.targeting.tests.factories import rule_version_for

pytestmark = pytest.mark.django_db

# The settings that decide what is scored, under which basis, and when it is deleted.
# Written out, not imported from the admin, so a field dropped from its list fails here.
FIXED_ONCE_SCORED = [
    "purpose",
    "rule_version",
    "indicators",
    "departments",
    "public_task_basis",
    "national_legal_basis",
    "health_data_basis",
    "dpia_upload",
    "dpia_approved_on",
    "dpo_name",
    "dpo_signed_on",
    "delete_after_days",
]


def change_url(screening_round):
    return f"/admin/targeting/screeninground/{screening_round.pk}/change/"


def form_data(screening_round, **changes):
    """What the change page posts for the round as it is, with `changes`."""
    data = {
        "name": screening_round.name,
        "purpose": screening_round.purpose,
        "rule_version": screening_round.rule_version_id,
        "indicators": [i.pk for i in screening_round.indicators.all()],
        "departments": [d.pk for d in screening_round.departments.all()],
        "reviewers": [r.pk for r in screening_round.reviewers.all()],
        "public_task_basis": "on",
        "national_legal_basis": screening_round.national_legal_basis,
        "dpia_approved_on": screening_round.dpia_approved_on.isoformat(),
        "dpo_name": screening_round.dpo_name,
        "dpo_signed_on": screening_round.dpo_signed_on.isoformat(),
        "delete_after_days": screening_round.delete_after_days,
        "_save": "Gem",
    }
    data.update(changes)
    return data


def closed(screening):
    services.round_close(user=screening.admin, screening_round=screening.round)
    screening.round.refresh_from_db()
    return screening


def test_an_open_rounds_settings_can_be_changed(client, screening):
    newer = rule_version_for(screening.round.municipality)
    client.force_login(screening.admin)
    page = client.get(change_url(screening.round)).text
    assert 'name="rule_version"' in page
    assert 'name="delete_after_days"' in page
    response = client.post(
        change_url(screening.round),
        form_data(screening.round, rule_version=newer.pk, delete_after_days=7),
    )
    assert response.status_code == 302
    screening.round.refresh_from_db()
    assert (screening.round.rule_version, screening.round.delete_after_days) == (newer, 7)


@pytest.mark.parametrize("finished", ["scored", "closed"])
def test_a_scored_or_closed_round_shows_its_settings_without_fields_to_change_them(
    client, request, finished
):
    screening = request.getfixturevalue("scored")
    if finished == "closed":
        closed(screening)
    client.force_login(screening.admin)
    page = client.get(change_url(screening.round)).text
    for name in FIXED_ONCE_SCORED:
        assert f'name="{name}"' not in page, name
    assert 'name="name"' in page
    assert 'name="reviewers"' in page
    assert screening.round.rule_version.rule_set.name in page
    assert "kan ikke længere ændres" in page


@pytest.mark.parametrize("finished", ["scored", "closed"])
def test_posting_new_settings_for_a_scored_or_closed_round_changes_none_of_them(
    client, request, finished
):
    screening = request.getfixturevalue("scored")
    if finished == "closed":
        closed(screening)
    before = ScreeningRound.objects.get(pk=screening.round.pk)
    indicators = set(before.indicators.all())
    newer = rule_version_for(before.municipality)
    client.force_login(screening.admin)
    response = client.post(
        change_url(before),
        form_data(
            before,
            name="Nyt navn",
            purpose="Et andet formål.",
            rule_version=newer.pk,
            indicators=[],
            delete_after_days=3650,
            dpo_name="En anden",
        ),
    )
    assert response.status_code == 302
    after = ScreeningRound.objects.get(pk=before.pk)
    assert after.name == "Nyt navn"
    assert (after.purpose, after.rule_version, after.delete_after_days, after.dpo_name) == (
        before.purpose,
        before.rule_version,
        before.delete_after_days,
        before.dpo_name,
    )
    assert set(after.indicators.all()) == indicators
    assert after.status == (RoundStatus.REVIEW if finished == "scored" else RoundStatus.CLOSED)
