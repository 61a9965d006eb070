"""Need-to-know on the citizen's side, URL by URL: only the plan's own members (and only
their parts) get in; staff never reach the citizen's pages, citizens never the staff's."""

import pytest

from enplan.citizen.tests.factories import citizen_of_age, with_login
from enplan.citizen.tests.urls_under_test import CITIZEN_URLS, READ_ONLY, furnish, url_for
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.plans.models import PlanKind
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory
from enplan.plans.tests.urls_under_test import PLAN_URLS
from enplan.plans.tests.urls_under_test import furnish as furnish_plan
from enplan.plans.tests.urls_under_test import url_for as plan_url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(family):
    return furnish(family)


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_the_mother_opens_every_page_of_her_plan(client, family, objects, name):
    client.force_login(with_login(family.mother))
    assert client.get(url_for(name, objects)).status_code == 200


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_anonymous_visitors_are_sent_to_the_citizens_login(client, objects, name):
    response = client.get(url_for(name, objects))
    assert response.status_code == 302
    assert response["Location"].startswith("/borger/login/")


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_a_citizen_of_another_plan_gets_404(client, family, world, objects, name):
    stranger_plan = PlanFactory(coordinator=world.coordinator, kind=PlanKind.CITIZEN)
    stranger = PlanMemberFactory(
        plan=stranger_plan, citizen=citizen_of_age(family.municipality, 30, "Fremmed")
    )
    client.force_login(with_login(stranger))
    assert client.get(url_for(name, objects)).status_code == 404
    assert client.post(url_for(name, objects), {"text": "x"}).status_code in {404, 405}


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_a_citizen_of_another_municipality_gets_404(client, objects, name):
    other = PlanMemberFactory()  # a plan in a municipality of its own
    other.citizen.cpr = objects["member"].citizen.cpr
    other.citizen.save()
    client.force_login(with_login(other))
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_a_child_under_15_gets_404_even_with_a_login(client, family, objects, name):
    client.force_login(with_login(family.child))
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", CITIZEN_URLS)
@pytest.mark.parametrize("who", ["coordinator", "actor"])
def test_staff_never_reach_the_citizens_pages(client, world, objects, name, who):
    client.force_login(getattr(world, who).user)
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", CITIZEN_URLS)
@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN])
def test_leaders_and_administrators_get_404(client, world, objects, name, role):
    client.force_login(UserFactory(municipality=world.municipality, role=role, is_staff=True))
    assert client.get(url_for(name, objects)).status_code == 404


def test_the_partner_cannot_write_the_mothers_words(client, family, objects):
    client.force_login(with_login(family.partner))
    assert client.get(url_for("citizen:wishes", objects)).status_code == 404
    response = client.post(url_for("citizen:wishes", objects), {"version": 1, "wishes": "x"})
    assert response.status_code == 404
    family.mother.refresh_from_db()
    assert family.mother.wishes == ""


def test_the_partner_cannot_comment_on_the_mothers_goal(client, family, objects):
    client.force_login(with_login(family.partner))
    assert client.post(url_for("citizen:goal_comment", objects), {"text": "x"}).status_code == 404


def test_a_young_person_cannot_change_consent(client, family, objects):
    client.force_login(with_login(family.teen))
    assert client.get(url_for("citizen:consent", objects)).status_code == 200
    assert client.post(url_for("citizen:consent_change", objects)).status_code == 404


@pytest.mark.parametrize("name", sorted(set(CITIZEN_URLS) - READ_ONLY))
def test_writable_pages_answer_get_and_post_only(client, family, objects, name):
    client.force_login(with_login(family.mother))
    assert client.put(url_for(name, objects)).status_code == 405


@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_citizen_never_reaches_the_professionals_pages(client, family, name):
    objects = furnish_plan(family.plan, family.mother, family.department)
    client.force_login(with_login(family.mother))
    assert client.get(plan_url_for(name, objects)).status_code == 404


def test_a_citizen_is_sent_to_their_own_side_from_the_front_page(client, family):
    client.force_login(with_login(family.mother))
    assert client.get("/")["Location"] == "/borger/"
    assert client.get("/plans/new/").status_code == 404


def test_a_citizen_sees_their_own_menu_on_shared_pages_and_logs_out_to_their_login(client, family):
    client.force_login(with_login(family.mother))
    page = client.get("/notifications/").content.decode()
    assert "Mine beskeder" in page
    assert "Mine borgere" not in page
    assert 'action="/borger/logud/"' in page
    response = client.post("/borger/logud/")
    assert response["Location"] == "/borger/logget-ud/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path",
    [
        "/plans/",
        "/plans/new/",
        "/meetings/themes/",
        "/coordination/",
        "/coordination/new/",
        "/targeting/",
        "/targeting/nominations/",
        "/targeting/nominations/new/",
        "/targeting/invitations/",
        "/progress/steering/",
    ],
)
def test_a_citizen_never_gets_a_page_of_the_professionals(client, family, path):
    client.force_login(with_login(family.mother))
    assert client.get(path).status_code == 404
