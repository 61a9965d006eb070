"""The demo: two closed rounds around the Bak household, so before and after works."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from enplan.coordination import selectors
from enplan.coordination.models import SurveyRound

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_has_a_round_before_and_after_for_the_household(client, demo):
    before, after = SurveyRound.objects.filter(scope="plan").order_by("opens_on")
    assert before.plan.title == after.plan.title == "Familien Bak"
    assert before.is_closed
    assert after.is_closed
    results = selectors.compute_results(after)
    assert all(results.tie(g, g).shown for g in results.groups)
    assert any(t.level == "low" for t in results.shown_ties)
    first = selectors.compute_results(before)
    assert first.tie("Jobcentret", "Børn og familie").level == "low"
    assert results.tie("Jobcentret", "Børn og familie").level == "high"

    client.login(
        request=RequestFactory().post("/login/"), username="koordinator", password="enplan-demo"
    )
    page = client.get(reverse("coordination:compare", args=[after.pk])).text
    assert "Familien Bak – ved opstart" in page
    assert "bedre" in page


def test_the_demo_leader_sees_none_of_the_households_rounds(client, demo):
    client.login(request=RequestFactory().post("/login/"), username="leder", password="enplan-demo")
    page = client.get(reverse("coordination:index")).text
    assert "Familien Bak" not in page
    assert (
        client.get(
            reverse("coordination:results", args=[SurveyRound.objects.first().pk])
        ).status_code
        == 404
    )
