"""The RC form in a real browser: one compact row per dimension, labelled radios, the
progress, on a phone (320 px) and on a desktop screen. Checked with axe-core."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enplan.coordination import services
from enplan.coordination.models import Grouping, ScopeKind
from enplan.core.models import User
from enplan.core.tests.browser import assert_accessible, log_in
from enplan.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_round(demo):
    plan = Plan.objects.get(title="Familien Bak")
    return services.round_create(
        user=User.objects.get(username="koordinator"),
        title="Matrix i browseren",
        scope=ScopeKind.PLAN,
        plan=plan,
        grouping=Grouping.DEPARTMENT,
        closes_on=timezone.localdate(),
        small_groups_choice=services.SmallGroupsChoice.SEND,
    )


def open_form(page, live_server, open_round):
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/coordination/{open_round.pk}/answer/")
    expect(page.get_by_role("heading", level=1, name="Matrix i browseren")).to_be_visible()


def test_on_a_phone_the_rows_stack_with_their_labels(page, live_server, open_round):
    page.set_viewport_size({"width": 320, "height": 640})
    open_form(page, live_server, open_round)
    groups = open_round.groups.count()
    expect(page.locator(".rc-grid__head").first).to_be_hidden()
    row = page.locator("fieldset.rc-grid__row").first
    expect(row.get_by_text("4 Ofte")).to_be_visible()
    width = page.viewport_size["width"]
    for option in row.locator(".rc-grid__option").all():
        box = option.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
    expect(page.locator("[data-rc-progress]")).to_contain_text(f"0 af {groups}")
    assert_accessible(page)


def test_on_a_wide_screen_each_group_is_one_compact_matrix(page, live_server, open_round):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_form(page, live_server, open_round)
    group = page.locator(".rc-group").first
    head = group.locator(".rc-grid__head")
    expect(head).to_be_visible()
    rows = group.locator("fieldset.rc-grid__row")
    expect(rows).to_have_count(7)
    # The six answers of a row sit side by side, under their column heads.
    options = rows.first.locator(".rc-grid__option").all()
    tops = {round(option.bounding_box()["y"]) for option in options}
    assert len(tops) == 1
    heads = head.locator("span").all()
    for option, column in zip(options, heads, strict=True):
        o, c = option.bounding_box(), column.bounding_box()
        assert abs((o["x"] + o["width"] / 2) - (c["x"] + c["width"] / 2)) < 4
    rows.first.get_by_label("5 Altid").check()
    expect(rows.first.get_by_label("5 Altid")).to_be_checked()
    assert_accessible(page)
