import pytest

pytestmark = pytest.mark.django_db


def test_the_interface_is_danish_even_when_the_browser_asks_for_english(client, world):
    client.force_login(world.coordinator.user)
    response = client.get("/plans/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Mine borgere" in response.text
    assert response["Content-Language"] == "da"


def test_a_user_can_choose_english_in_the_footer(client, world):
    client.force_login(world.coordinator.user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/plans/"})
    response = client.get("/plans/")
    assert "My citizens" in response.text
    assert "Mine borgere" not in response.text


def test_danish_dates_are_written_day_month_year_with_dots(client, world):
    world.plan.review_date = "2026-12-22"
    world.plan.save()
    client.force_login(world.coordinator.user)
    assert "22.12.2026" in client.get("/plans/").text
