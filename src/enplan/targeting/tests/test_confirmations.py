"""Steps that cannot be undone are confirmed on a page that says what they change:
scoring a round and merging nominations. Nothing is written before the confirmation."""

import pytest

from enplan.targeting import services
from enplan.targeting.models import NominationStatus, RoundStatus
from enplan.targeting.tests.conftest import csv_upload
from enplan.targeting.tests.test_nominations import nominate

pytestmark = pytest.mark.django_db


def test_scoring_a_round_is_confirmed_first(client, screening, django_capture_on_commit_callbacks):
    services.extract_upload(
        user=screening.reviewer.user, screening_round=screening.round, uploaded_file=csv_upload()
    )
    client.force_login(screening.reviewer.user)
    url = f"/targeting/rounds/{screening.round.pk}/score/"
    page = client.post(url)
    assert page.status_code == 200
    assert "kan ikke beregnes igen" in page.text
    assert 'name="confirmed" value="1"' in page.text
    screening.round.refresh_from_db()
    assert screening.round.status == RoundStatus.OPEN
    assert not screening.round.candidates.exists()
    assert screening.round.scoring_requested_at is None
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"confirmed": "1"}).status_code == 302
    screening.round.refresh_from_db()
    assert screening.round.scoring_requested_at is not None  # queued for the worker


def test_merging_nominations_is_confirmed_first(client, world, screening):
    first = nominate(world)
    second = nominate(world, professional=world.uncovered_actor, areas=[])
    client.force_login(screening.handler.user)
    url = f"/targeting/nominations/{second.pk}/merge/"
    data = {"into": first.pk, "version": second.version}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "kan ikke fortrydes" in page.text
    assert f'name="into" value="{first.pk}"' in page.text
    second.refresh_from_db()
    assert second.status == NominationStatus.OPEN
    client.post(url, data | {"confirmed": "1"})
    second.refresh_from_db()
    assert second.status == NominationStatus.MERGED
