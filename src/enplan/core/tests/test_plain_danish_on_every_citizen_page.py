"""Every page and document the citizen reads measures LIX at most 35 (`core.text.lix` over
the text the reader sees: no tags, scripts or hidden elements; a PDF as pdftotext reads
it), on the demo: each page of the citizen's side of the walk (`page_walk`), the
evaluation behind a one-time link and its thank-you page, the evaluation on the
coordinator's screen, the citizen's plan as a PDF and the letter inviting a citizen to a
plan."""

import subprocess

from django.urls import reverse

from enplan.core.tests.page_walk import client_for, meeting_to_evaluate, route_pages
from enplan.core.tests.test_write_matrix import demo_once
from enplan.core.text import lix, visible_text

__all__ = ["demo_once"]

PLAIN = 35
ANSWERS = {
    "felt_heard": "8",
    "talked_about_what_matters": "7",
    "way_of_working_suited_me": "8",
    "overall": "8",
    "comment": "",
}


def assert_plain(text: str, what: str) -> None:
    measured = lix(text)
    assert measured <= PLAIN, f"LIX {measured:.1f} for {what}:\n{text}"


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_each_page_of_the_citizens_side_is_plain_danish(demo_once, db):
    pages = route_pages(demo_once, apps={"citizen", "accessibility"})
    plan = demo_once["plan"].pk
    assert {"/borger/login/", f"/borger/plan/{plan}/", f"/borger/plan/{plan}/min-log/"} <= set(
        pages
    )
    assert len(pages) >= 12, sorted(pages)
    for path, html in pages.items():
        assert_plain(visible_text(html), path)


def test_the_evaluation_by_link_and_its_thanks_are_plain_danish(demo_once, db):
    _, _, token = meeting_to_evaluate(demo_once)
    client = client_for(demo_once, "anonymous")
    form = client.get(f"/meetings/e/{token}/")
    assert form.status_code == 200
    assert_plain(visible_text(form.text), "the evaluation by link")
    thanks = client.post(f"/meetings/e/{token}/", ANSWERS)
    assert thanks.status_code == 200
    assert "Tak" in thanks.text
    assert_plain(visible_text(thanks.text), "the thanks after the evaluation")


def test_the_evaluation_on_the_coordinators_screen_is_plain_danish(demo_once, db):
    meeting, _, _ = meeting_to_evaluate(demo_once)
    response = client_for(demo_once, "coordinator").get(f"/meetings/{meeting.pk}/evaluation/")
    assert response.status_code == 200
    assert_plain(visible_text(response.text), "the evaluation on the coordinator's screen")


def test_the_citizens_plan_as_a_pdf_is_plain_danish(demo_once, db, tmp_path):
    url = reverse("citizen:download_pdf", args=[demo_once["plan"].pk])
    response = client_for(demo_once, "citizen").get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Min plan" in text
    assert_plain(text, "the citizen's plan as a PDF")


def test_the_letter_inviting_a_citizen_is_plain_danish(demo_once, db, tmp_path):
    from enplan.targeting.models import Invitation

    invitation = Invitation.objects.filter(municipality=demo_once["plan"].municipality).first()
    assert invitation is not None
    url = reverse("targeting:invitation_letter", args=[invitation.pk])
    response = client_for(demo_once, "coordinator").get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Vil du have én fælles plan?" in text
    assert_plain(text, "the invitation letter")
