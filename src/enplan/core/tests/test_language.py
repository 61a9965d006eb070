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


def test_ids_above_a_thousand_are_not_written_with_a_thousands_separator(client, world):
    from enplan.plans.models import Goal
    from enplan.plans.tests.factories import GoalFactory

    goal = GoalFactory(plan=world.plan)
    Goal.objects.filter(pk=goal.pk).update(id=12345)
    client.force_login(world.coordinator.user)
    response = client.get(f"/plans/{world.plan.pk}/goals/")
    assert 'id="goal-12345"' in response.text


def test_money_is_grouped_the_danish_way(client, world):
    from enplan.plans.tests.factories import InterventionFactory

    InterventionFactory(
        plan=world.plan, department=world.department, monthly_cost=14200, status="active"
    )
    client.force_login(world.coordinator.user)
    assert "14.200 kr." in client.get(f"/plans/{world.plan.pk}/interventions/").text


@pytest.mark.parametrize(
    ("role", "staff", "start"),
    [
        ("professional", False, "/plans/"),
        ("leader", False, "/progress/"),
        ("admin", True, "/admin/"),
        ("key_holder", False, "/targeting/"),
    ],
)
def test_each_role_starts_where_their_work_is(client, world, role, staff, start):
    from enplan.core.tests.factories import UserFactory

    user = UserFactory(municipality=world.municipality, role=role, is_staff=staff)
    client.force_login(user)
    response = client.get("/")
    assert response["Location"].startswith(start)
    page = client.get(response["Location"], follow=True)
    assert page.status_code == 200
    assert ("Mine borgere" in page.text) == (role == "professional")


def test_the_language_menu_names_each_language_in_its_own_words(client, world):
    client.force_login(world.coordinator.user)
    response = client.get("/plans/")
    assert '<option value="en" lang="en">English</option>' in response.text
    assert "Engelsk" not in response.text
