"""Screening is off until the round records its legal basis, an approved DPIA and the
DPO's sign-off; health indicators need GDPR art. 9(2)(g) as well."""

import pytest
from django.core.exceptions import ValidationError

from enplan.targeting import services
from enplan.targeting.models import Extract
from enplan.targeting.tests.conftest import csv_upload
from enplan.targeting.tests.extracts import SMALL, rows

pytestmark = pytest.mark.django_db

MISSING = {
    "public_task_basis": False,
    "national_legal_basis": "",
    "dpia_file_name": "",
    "dpia_approved_on": None,
    "dpo_name": "",
    "dpo_signed_on": None,
}


@pytest.mark.parametrize(("field", "empty"), MISSING.items())
def test_an_upload_is_refused_while_any_part_of_the_gate_is_missing(screening, field, empty):
    setattr(screening.round, field, empty)
    screening.round.save()
    with pytest.raises(ValidationError) as error:
        services.extract_upload(
            user=screening.reviewer.user,
            screening_round=screening.round,
            uploaded_file=csv_upload(),
        )
    assert error.value.messages[0].startswith("Screeningen er slået fra")
    assert not Extract.objects.exists()


def test_scoring_is_refused_without_the_dpo_sign_off(screening):
    services.extract_upload(
        user=screening.reviewer.user, screening_round=screening.round, uploaded_file=csv_upload()
    )
    screening.round.dpo_signed_on = None
    screening.round.save()
    with pytest.raises(ValidationError):
        services.round_score(user=screening.reviewer.user, screening_round=screening.round)
    assert not screening.round.candidates.exists()


def test_with_the_whole_gate_recorded_screening_is_on(screening):
    assert services.gate_missing(screening.round) == []


def test_a_health_indicator_in_the_catalogue_needs_art_9(screening):
    from enplan.targeting.models import Indicator

    screening.round.indicators.add(Indicator.objects.get(key="psychiatric_contacts"))
    assert len(services.gate_missing(screening.round)) == 1
    screening.round.health_data_basis = True
    screening.round.save()
    assert services.gate_missing(screening.round) == []


def test_health_rows_are_refused_without_art_9_even_if_the_catalogue_has_them(screening):
    from enplan.targeting.models import Indicator

    screening.round.indicators.add(Indicator.objects.get(key="psychiatric_contacts"))
    screening.round.health_data_basis = True
    screening.round.save()
    data = [*SMALL, *rows(("dina", "psychiatric_contacts", "3"))]
    services.extract_upload(
        user=screening.reviewer.user,
        screening_round=screening.round,
        uploaded_file=csv_upload(data),
    )
    assert Extract.objects.get().per_indicator["psychiatric_contacts"] == 1


def test_the_round_page_says_screening_is_off_and_what_is_missing(client, screening):
    screening.round.dpia_file_name = ""
    screening.round.save()
    client.force_login(screening.reviewer.user)
    response = client.get(f"/targeting/rounds/{screening.round.pk}/")
    assert "Screeningen er slået fra." in response.text
    assert "Den godkendte konsekvensanalyse (DPIA) er ikke uploadet." in response.text
    assert "Beregn point for runden" not in response.text
