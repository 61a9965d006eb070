"""The evaluation turned towards the citizen, in a real browser on a 320 px phone-sized
screen: the scale's meaning before the first question, numbers that never overlap, no
staff menu, and the coordinator's password to take the screen back. Checked with axe-core."""

import pytest
from playwright.sync_api import expect

from enplan.core.demo import DEMO_PASSWORD
from enplan.core.tests.browser import assert_accessible, log_in
from enplan.meetings.tests.test_browser_meeting_cycle import bak_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(inner, outer) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def assert_scale_fits(page) -> None:
    viewport = page.viewport_size
    for scale in page.locator("fieldset.scale").all():
        options = scale.locator(".scale__option").all()
        assert len(options) == 11
        boxes = [option.bounding_box() for option in options]
        for n, box in enumerate(boxes):
            assert box["x"] >= 0, n
            assert box["x"] + box["width"] <= viewport["width"], n
            digit = options[n].locator("span").bounding_box()
            radio = options[n].locator("input").bounding_box()
            assert inside(digit, box), n
            assert inside(radio, box), n
            assert not overlap(digit, radio), n
            for m in range(n + 1, 11):
                assert not overlap(box, boxes[m]), (n, m)


def test_the_evaluation_on_a_320_px_screen(page, live_server, demo):
    meeting = bak_meeting(demo, "network")
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/#evaluation")
    page.get_by_role("link", name="Evaluér på denne skærm").click()

    expect(page.get_by_role("heading", level=1, name="Hvordan var mødet for dig?")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_have_count(0)
    meaning = page.get_by_text("0 betyder slet ikke. 10 betyder i høj grad.")
    first = page.get_by_role("group", name="Lyttede de andre til det, du sagde?")
    assert meaning.bounding_box()["y"] < first.bounding_box()["y"]
    assert_scale_fits(page)
    # Two rows of numbers, not one row wider than the screen.
    rows = {round(o.bounding_box()["y"]) for o in first.locator(".scale__option").all()}
    assert len(rows) == 2
    assert_accessible(page)

    # The staff pages are out of reach while the screen is turned.
    page.goto(f"{live_server.url}/plans/")
    expect(page.get_by_role("heading", level=1, name="Hvordan var mødet for dig?")).to_be_visible()

    page.get_by_role("link", name="Til koordinatoren: tag skærmen tilbage").click()
    expect(page.get_by_role("heading", level=1, name="Giv skærmen tilbage")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Din adgangskode").fill("forkert")
    page.get_by_role("button", name="Tag skærmen tilbage").click()
    expect(page.get_by_text("Adgangskoden er forkert. Skærmen forbliver låst.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Din adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tag skærmen tilbage").click()
    expect(page.get_by_text("Skærmen er din igen.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()


def test_the_scale_fits_on_a_wide_screen_too(page, live_server, demo):
    meeting = bak_meeting(demo, "network")
    page.set_viewport_size({"width": 1024, "height": 768})
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/evaluation/")
    assert_scale_fits(page)
    first = page.get_by_role("group", name="Lyttede de andre til det, du sagde?")
    rows = {round(o.bounding_box()["y"]) for o in first.locator(".scale__option").all()}
    assert len(rows) == 1
