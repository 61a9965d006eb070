import pytest

from enplan.core.demo import demo_cpr
from enplan.core.models import AuditEvent
from enplan.plans.models import MemberRole, Plan
from enplan.plans.tests.factories import CitizenFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db


def form_data(kind="citizen", title="", members=(), review_date=""):
    data = {
        "kind": kind,
        "title": title,
        "review_date": review_date,
        "members-TOTAL_FORMS": "6",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "12",
    }
    for i, (cpr, first, last, role) in enumerate(members):
        data |= {
            f"members-{i}-cpr": cpr,
            f"members-{i}-first_name": first,
            f"members-{i}-last_name": last,
            f"members-{i}-role": role,
        }
    return data


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world.coordinator.user)
    return client


def test_a_professional_creates_a_plan_for_a_citizen_and_becomes_coordinator(
    coordinator_client, world
):
    response = coordinator_client.post(
        "/plans/new/", form_data(members=[("150387-1235", "Sara", "Holm", "citizen")])
    )
    plan = Plan.objects.exclude(pk=world.plan.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert plan.title == "Sara Holm"
    assert plan.coordinator == world.coordinator
    assert plan.municipality == world.municipality
    member = plan.members.get()
    assert member.citizen.cpr == "150387-1235"
    assert str(member.citizen.birth_date) == "1987-03-15"
    assert AuditEvent.objects.filter(
        action="create", object_type="plans.plan", plan_id=plan.pk
    ).exists()
    assert plan.log_entries.count() == 1
    # The coordinator is in the citizen's network from the start.
    assert plan.actors.get().professional == world.coordinator


def test_a_household_plan_gets_members_with_roles_and_default_custody(coordinator_client, world):
    coordinator_client.post(
        "/plans/new/",
        form_data(
            kind="household",
            members=[
                (
                    demo_cpr(__import__("datetime").date(1987, 3, 15), 100),
                    "Sanne",
                    "Holm",
                    "parent",
                ),
                (
                    demo_cpr(__import__("datetime").date(1997, 6, 9), 200),
                    "Kenneth",
                    "Lund",
                    "partner",
                ),
                (
                    demo_cpr(__import__("datetime").date(2014, 6, 28), 300),
                    "Oliver",
                    "Holm",
                    "child",
                ),
                (
                    demo_cpr(__import__("datetime").date(2005, 2, 3), 400),
                    "Ida",
                    "Holm",
                    "child",
                ),
            ],
        ),
    )
    plan = Plan.objects.exclude(pk=world.plan.pk).get()
    assert plan.title == "Familien Holm"
    mother, partner, child, grown_up = plan.members.order_by("order")
    assert [m.role for m in (mother, partner, child)] == ["parent", "partner", "child"]
    assert list(child.custodians.all()) == [mother]
    # A child of the household who is over 18 is in nobody's custody.
    assert not grown_up.custodians.exists()


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("15038-71234", "Skriv CPR-nummeret som DDMMÅÅ-XXXX"),
        ("320187-1234", "starter ikke med en gyldig dato"),
    ],
)
def test_an_invalid_cpr_number_is_refused_with_a_danish_message(
    coordinator_client, world, cpr, message
):
    response = coordinator_client.post(
        "/plans/new/", form_data(members=[(cpr, "A", "B", "citizen")])
    )
    assert response.status_code == 200
    assert message in response.text
    assert Plan.objects.count() == 1


def test_the_same_cpr_twice_is_refused(coordinator_client, world):
    response = coordinator_client.post(
        "/plans/new/",
        form_data(
            kind="household",
            members=[("150387-1235", "A", "B", "parent"), ("150387-1235", "C", "D", "child")],
        ),
    )
    assert "Det samme CPR-nummer er skrevet to gange." in response.text
    assert Plan.objects.count() == 1


def test_a_household_needs_two_people_and_a_citizen_plan_one(coordinator_client, world):
    response = coordinator_client.post(
        "/plans/new/", form_data(kind="household", members=[("150387-1235", "A", "B", "parent")])
    )
    assert "mindst to personer" in response.text
    response = coordinator_client.post(
        "/plans/new/",
        form_data(
            members=[("150387-1235", "A", "B", "citizen"), ("160387-1235", "C", "D", "citizen")]
        ),
    )
    assert "præcis én person" in response.text
    assert Plan.objects.count() == 1


def test_a_citizen_with_a_plan_gets_no_second_plan_and_no_one_is_named(client, world):
    client.force_login(world.outsider.user)
    response = client.post(
        "/plans/new/",
        form_data(members=[(world.member.citizen.cpr, "X", "Y", "citizen")]),
    )
    assert response.status_code == 200
    assert "har allerede en fælles plan" in response.text
    # Whom to ask, not who the citizen or the coordinator is: Ny plan is no CPR register.
    assert world.department.name in response.text
    assert world.coordinator.name not in response.text
    assert world.member.citizen.first_name not in response.text
    assert Plan.objects.count() == 1
    # The lookup of the existing plan is itself audited.
    assert AuditEvent.objects.filter(
        user=world.outsider.user, action="view", plan_id=world.plan.pk
    ).exists()


def test_an_existing_citizen_is_reused_not_duplicated(coordinator_client, world):
    citizen = CitizenFactory(municipality=world.municipality, first_name="Ib")
    coordinator_client.post(
        "/plans/new/", form_data(members=[(citizen.cpr, "Ib", "Jensen", "citizen")])
    )
    assert citizen.memberships.count() == 1


def test_a_past_review_date_is_refused(coordinator_client):
    response = coordinator_client.post(
        "/plans/new/",
        form_data(members=[("150387-1235", "A", "B", "citizen")], review_date="2020-01-01"),
    )
    assert "allerede passeret" in response.text


def test_the_full_cpr_number_is_not_shown_on_the_plan_page(coordinator_client, world):
    response = coordinator_client.get(f"/plans/{world.plan.pk}/")
    cpr = world.member.citizen.cpr
    assert cpr not in response.text
    assert f"{cpr[:6]}-xxxx" in response.text


def test_team_leaders_cannot_create_plans(client, leader):
    client.force_login(leader)
    assert client.get("/plans/new/").status_code == 404


def test_citizen_plans_ignore_the_role_field(coordinator_client, world):
    coordinator_client.post("/plans/new/", form_data(members=[("150387-1235", "A", "B", "child")]))
    plan = Plan.objects.exclude(pk=world.plan.pk).get()
    assert plan.members.get().role == MemberRole.CITIZEN


def test_a_member_of_a_closed_plan_can_get_a_new_plan(coordinator_client, world):
    world.plan.status = "closed"
    world.plan.save()
    PlanMemberFactory  # noqa: B018 - the factory is only imported for the world fixture
    coordinator_client.post(
        "/plans/new/", form_data(members=[(world.member.citizen.cpr, "X", "Y", "citizen")])
    )
    assert Plan.objects.count() == 2


def test_the_coordinator_closes_a_plan_and_the_caseload_shows_it(coordinator_client, world):
    coordinator_client.post(
        f"/plans/{world.plan.pk}/settings/",
        {
            "title": world.plan.title,
            "review_date": "",
            "status": "closed",
            "version": world.plan.version,
        },
    )
    world.plan.refresh_from_db()
    assert world.plan.status == "closed"
    assert "Afsluttet" in coordinator_client.get("/plans/").text
