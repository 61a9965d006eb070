"""A file that is not an answer file at all is refused with a Danish message, and
changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enplan.coordination.models import Respondent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02garbage\x00",
        b"respondent,respondent_group,about_group,dimension,score\n" + b"x" * 200_000,
        b'respondent,respondent_group\n"unterminated',
        bytes(range(256)) * 40,
    ],
    ids=["nul-bytes", "huge-field", "unterminated-quote", "binary"],
)
def test_a_garbage_csv_to_the_coordination_import_is_refused_in_danish(
    client, world, plan_round, data
):
    before = Respondent.objects.count()
    world.client_for(client, world.coordinator)
    response = client.post(
        reverse("coordination:import", args=[plan_round.round.pk]),
        {"file": SimpleUploadedFile("svar.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert "Filen" in response.text or "Række" in response.text
    assert Respondent.objects.count() == before
