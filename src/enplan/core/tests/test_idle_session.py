"""A session ends after a time without use: 30 minutes for staff, 15 for a citizen. The
server enforces it whatever the page does; asking how long is left is not use, and
"Stay logged in" starts the clock again."""

import time

import pytest
from django.urls import reverse

from enplan.citizen.tests.factories import make_family, with_login
from enplan.core.sessions import LAST_ACTIVITY

pytestmark = pytest.mark.django_db


def idle_for(client, seconds):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time()) - seconds
    session.save()


def test_a_staff_session_ends_after_30_minutes_without_use(client, world):
    client.force_login(world.coordinator.user)
    idle_for(client, 31 * 60 + 60)
    response = client.get(reverse("plans:caseload"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "Du blev logget ud efter 30 minutter uden brug." in response.content.decode()


def test_a_staff_session_in_use_goes_on(client, world):
    client.force_login(world.coordinator.user)
    idle_for(client, 29 * 60)
    assert client.get(reverse("plans:caseload")).status_code == 200
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 5


def test_a_citizens_session_ends_after_15_minutes_without_use(client, world):
    family = make_family(world)
    client.force_login(with_login(family.mother))
    idle_for(client, 16 * 60 + 60)
    response = client.get(reverse("citizen:home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_citizens_session_lasts_its_15_minutes(client, world):
    family = make_family(world)
    client.force_login(with_login(family.mother))
    idle_for(client, 14 * 60)
    assert client.get(reverse("citizen:home")).status_code in {200, 302}
    assert "_auth_user_id" in client.session


def test_asking_how_long_is_left_is_not_use(client, world):
    client.force_login(world.coordinator.user)
    idle_for(client, 10 * 60)
    response = client.get(reverse("session"))
    assert response.status_code == 200
    assert 19 * 60 <= response.json()["seconds_left"] <= 20 * 60
    assert "no-store" in response["Cache-Control"]
    assert client.session[LAST_ACTIVITY] <= int(time.time()) - 10 * 60


def test_staying_logged_in_starts_the_clock_again(client, world):
    client.force_login(world.coordinator.user)
    idle_for(client, 29 * 60 + 30)
    response = client.post(reverse("session"))
    assert response.status_code == 200
    assert response.json()["seconds_left"] >= 30 * 60 - 5


def test_the_page_is_told_the_limit_and_carries_the_warning(client, world):
    client.force_login(world.coordinator.user)
    html = client.get(reverse("plans:caseload")).content.decode()
    assert 'data-idle-seconds="1800"' in html
    assert 'data-idle-warning-seconds="60"' in html
    assert "Du bliver logget ud om 1 minut" in html
    assert "Bliv logget ind" in html


def test_an_anonymous_visitor_has_no_session_clock(client, db):
    response = client.get(reverse("session"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("session")).status_code == 302
    assert "data-idle-seconds" not in client.get(reverse("login")).content.decode()


def test_the_session_clock_takes_only_get_and_post(client, world):
    client.force_login(world.coordinator.user)
    assert client.put(reverse("session")).status_code == 405
