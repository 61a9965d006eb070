"""Every page and document written to the citizen reads as plain Danish: LIX at most 35
(`core.text.lix`, measured over the text the citizen sees), on the demo family's data."""

import subprocess

import pytest

from enplan.citizen import services
from enplan.core.models import User
from enplan.core.text import lix, page_lix
from enplan.plans.models import Plan

PLAIN = 35


@pytest.fixture
def sanne(demo, client):
    """Sanne Bak of the demo's household plan, after two professionals opened her plan, so
    that Min log has something to tell."""
    plan = Plan.objects.get(municipality=demo, title="Familien Bak")
    for username in ("koordinator", "fagperson"):
        client.force_login(User.objects.get(username=username))
        assert client.get(f"/plans/{plan.pk}/").status_code == 200
    mother = plan.members.select_related("citizen").get(citizen__first_name="Sanne")
    client.force_login(services.citizen_user_for_login(cpr_number=mother.citizen.cpr))
    return plan


CITIZEN_PAGES = ["", "samtykke/", "min-log/", "mine-data/"]


@pytest.mark.parametrize("page", CITIZEN_PAGES)
def test_the_citizens_pages_measure_at_most_35(client, sanne, page):
    response = client.get(f"/borger/plan/{sanne.pk}/{page}")
    assert response.status_code == 200
    assert page_lix(response.content.decode()) <= PLAIN


def test_min_log_tells_in_plain_sentences_who_did_what(client, sanne):
    html = client.get(f"/borger/plan/{sanne.pk}/min-log/").content.decode()
    assert "Lars Holm åbnede din plan den " in html
    assert "Mette Lund åbnede din plan den " in html


def test_the_accessibility_statement_measures_at_most_35(client, sanne):
    assert page_lix(client.get("/tilgaengelighed/").content.decode()) <= PLAIN


def test_the_citizens_pdf_measures_at_most_35(client, sanne, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(client.get(f"/borger/plan/{sanne.pk}/mine-data/plan.pdf").content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Min plan" in text
    assert lix(text) <= PLAIN
