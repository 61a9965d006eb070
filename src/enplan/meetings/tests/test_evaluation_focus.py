"""The evaluation on the coordinator's screen runs in a focused mode: no staff menu, every
other staff page leads back to it, and only the coordinator's password ends it."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent
from enplan.meetings.focus import MAX_WRONG_PASSWORDS
from enplan.meetings.tests.test_evaluation_screen import ANSWERS

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-1"  # the factories' password


def evaluation(cycle):
    return reverse("meetings:evaluation", args=[cycle.meeting.pk])


def leave(cycle):
    return reverse("meetings:evaluation_leave", args=[cycle.meeting.pk])


@pytest.fixture
def focused(client, world, cycle):
    client.force_login(world.coordinator.user)
    assert client.get(evaluation(cycle)).status_code == 200
    return client


def test_the_evaluation_shows_no_staff_menu(focused, cycle):
    page = focused.get(evaluation(cycle)).text
    assert 'aria-label="Hovedmenu"' not in page
    assert "Mine borgere" not in page
    assert "Til koordinatoren: tag skærmen tilbage" in page


def test_every_other_staff_page_leads_back_to_the_evaluation(focused, world, cycle):
    for path in (
        reverse("plans:caseload"),
        reverse("plans:detail", args=[world.plan.pk]),
        reverse("meetings:detail", args=[cycle.meeting.pk]),
        reverse("notifications"),
        "/admin/",
    ):
        response = focused.get(path)
        assert (response.status_code, response["Location"]) == (302, evaluation(cycle)), path


def test_a_post_elsewhere_is_refused_too(focused, cycle):
    response = focused.post(reverse("meetings:recap", args=[cycle.meeting.pk]), {})
    assert response["Location"] == evaluation(cycle)


def test_the_coordinators_password_gives_the_screen_back(focused, world, cycle):
    response = focused.post(leave(cycle), {"password": PASSWORD})
    assert response.status_code == 302
    assert focused.get(reverse("plans:caseload")).status_code == 200


def test_a_wrong_password_keeps_the_screen_locked_with_a_danish_error(focused, cycle):
    response = focused.post(leave(cycle), {"password": "gæt"})
    assert response.status_code == 200
    assert "Adgangskoden er forkert. Skærmen forbliver låst." in response.text
    assert focused.get(reverse("plans:caseload"))["Location"] == evaluation(cycle)


def test_too_many_wrong_passwords_end_the_session(focused, cycle):
    for _ in range(MAX_WRONG_PASSWORDS - 1):
        assert focused.post(leave(cycle), {"password": "gæt"}).status_code == 200
    response = focused.post(leave(cycle), {"password": "gæt"})
    assert response["Location"] == reverse("login")
    assert focused.get(reverse("plans:caseload"))["Location"].startswith("/login/")


def test_after_the_answers_the_screen_asks_to_be_given_back(focused, world, cycle):
    response = focused.post(evaluation(cycle), {**ANSWERS, "member": world.member.pk})
    assert response["Location"] == evaluation(cycle)
    response = focused.get(evaluation(cycle))
    assert response["Location"] == leave(cycle)
    page = focused.get(leave(cycle)).text
    assert "Tak for dine svar. Giv skærmen tilbage til koordinatoren." in page
    assert "Hovedmenu" not in page


def test_entering_and_leaving_are_audited(focused, world, cycle):
    focused.get(evaluation(cycle))  # opened again: no second entering
    focused.post(leave(cycle), {"password": PASSWORD})
    paths = list(
        AuditEvent.objects.filter(user=world.coordinator.user, object_type="meetings.meeting")
        .order_by("seq")
        .values_list("action", "path", "plan_id")
    )
    assert (("view", evaluation(cycle) + "?focused=1", world.plan.pk)) in paths
    assert paths[-1] == ("view", leave(cycle), world.plan.pk)
    assert [p for _a, p, _pl in paths].count(evaluation(cycle) + "?focused=1") == 1


def test_leaving_when_not_focused_goes_to_the_meeting(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.get(leave(cycle))
    assert response["Location"] == reverse("meetings:detail", args=[cycle.meeting.pk]) + (
        "#evaluation"
    )


def test_an_actor_cannot_open_or_post_the_page_for_leaving(client, world, cycle):
    client.force_login(world.actor.user)
    assert client.get(leave(cycle)).status_code == 403
    assert client.post(leave(cycle), {"password": PASSWORD}).status_code == 403


def test_a_professional_not_on_the_plan_gets_404_for_leaving(client, world, cycle):
    client.force_login(world.outsider.user)
    assert client.get(leave(cycle)).status_code == 404
    assert client.post(leave(cycle), {"password": PASSWORD}).status_code == 404


def test_a_user_without_a_password_here_logs_out_to_leave(focused, world, cycle):
    user = world.coordinator.user
    user.set_unusable_password()
    user.save()
    focused.force_login(user)
    focused.get(evaluation(cycle))
    page = focused.get(leave(cycle)).text
    assert "Log ud, og log ind igen for at tage skærmen tilbage." in page
    assert 'name="password"' not in page


def test_the_leaving_page_reads_in_few_queries(focused, cycle, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert focused.get(leave(cycle)).status_code == 200


def test_the_evaluation_screen_reads_in_few_queries(focused, cycle, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert focused.get(evaluation(cycle)).status_code == 200
