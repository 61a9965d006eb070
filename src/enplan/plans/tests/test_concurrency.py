"""Two people editing the same thing never silently overwrite each other."""

import pytest

from enplan.plans.models import Intervention
from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_the_second_save_is_refused_and_shows_what_the_first_changed(client, world):
    goal = GoalFactory(plan=world.plan, title="Komme i job")
    opened_version = goal.version
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {
            "title": "Komme i job",
            "life_area": "job",
            "status": "achieved",
            "version": opened_version,
        },
    )
    # The coordinator again, in a second tab opened before the first save.
    other = client.__class__()
    other.force_login(world.coordinator.user)
    response = other.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {
            "title": "Komme i fleksjob",
            "life_area": "job",
            "status": "in_progress",
            "version": opened_version,
        },
        HTTP_HX_REQUEST="true",
    )
    goal.refresh_from_db()
    assert goal.title == "Komme i job"
    assert goal.status == "achieved"
    assert "Dine ændringer er ikke gemt." in response.text
    assert world.coordinator.user.get_full_name() in response.text
    # The other person's change is listed: status went from not started to achieved.
    assert "Ikke startet" in response.text
    assert "Nået" in response.text
    # The second editor's own input is kept in the form, now at the current version.
    assert 'value="Komme i fleksjob"' in response.text
    assert f'name="version" value="{goal.version}"' in response.text


def test_saving_again_after_seeing_the_conflict_is_a_deliberate_overwrite(client, world):
    intervention = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    Intervention.objects.filter(pk=intervention.pk).update(version=2)
    client.force_login(world.coordinator.user)
    data = {
        "title": "Ny titel",
        "department": world.department.pk,
        "legislation": world.legislation.pk,
        "status": "planned",
        "version": 1,
    }
    response = client.post(f"/plans/{world.plan.pk}/interventions/{intervention.pk}/", data)
    assert "Dine ændringer er ikke gemt." in response.text
    intervention.refresh_from_db()
    assert intervention.title != "Ny titel"
    client.post(f"/plans/{world.plan.pk}/interventions/{intervention.pk}/", data | {"version": 2})
    intervention.refresh_from_db()
    assert intervention.title == "Ny titel"


def test_the_members_own_words_are_protected_the_same_way(client, world):
    client.force_login(world.coordinator.user)
    url = f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/"
    client.post(url, {"wishes": "At få et job", "version": 1})
    response = client.post(url, {"wishes": "At få en uddannelse", "version": 1})
    world.member.refresh_from_db()
    assert world.member.wishes == "At få et job"
    assert "Dine ændringer er ikke gemt." in response.text


def test_the_plans_own_settings_are_protected_and_the_message_shows_what_changed(client, world):
    from datetime import date

    plan = world.plan
    opened_version = plan.version
    client.force_login(world.coordinator.user)
    url = f"/plans/{plan.pk}/settings/"
    first = {"title": plan.title, "review_date": "2027-03-01", "status": plan.status}
    client.post(url, first | {"version": opened_version})
    response = client.post(
        url,
        {"title": "Et andet navn", "review_date": "", "status": plan.status}
        | {"version": opened_version},
    )
    plan.refresh_from_db()
    assert plan.title != "Et andet navn"
    assert plan.review_date == date(2027, 3, 1)
    assert "Dine ændringer er ikke gemt." in response.text
    assert "1. marts 2027" in response.text
    # The page still names the plan by its saved name, not the refused one.
    assert "Et andet navn</a>" not in response.text
