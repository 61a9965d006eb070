"""Who may open what, page by page: the rules in `enplan.core.policy`.

A plan's round is run by the plan's coordinator; its respondents may answer (and read the
results once they have taken part and the round has closed); everyone else, team leaders
included, is told the round does not exist.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.coordination import services
from enplan.coordination.tests.conftest import answer_as
from enplan.core.models import AuditEvent, Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

MANAGER_PAGES = ["detail", "groups", "close", "import"]
MANAGER_POSTS = ["extend", "remind", "close"]
RESULT_PAGES = ["results", "print", "export_csv", "export_xlsx", "compare"]


def url(name, round_):
    return reverse(f"coordination:{name}", args=[round_.pk])


@pytest.fixture
def closed_round(plan_round, world):
    for professional in plan_round.respondents[:3]:
        answer_as(professional, plan_round.round)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    return plan_round.round


@pytest.fixture
def other_municipality_professional(db):
    return ProfessionalFactory()


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_the_coordinator_runs_the_round(client, world, plan_round, name):
    client.force_login(world.coordinator.user)
    assert client.get(url(name, plan_round.round)).status_code == 200


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_a_respondent_may_not_run_the_round(client, world, plan_round, name):
    client.force_login(world.actor.user)
    assert client.get(url(name, plan_round.round)).status_code == 403


@pytest.mark.parametrize("name", MANAGER_POSTS)
def test_a_respondent_may_not_post_to_the_round_either(client, world, plan_round, name):
    client.force_login(world.actor.user)
    assert client.post(url(name, plan_round.round), {"closes_on": "2099-01-01"}).status_code == 403
    plan_round.round.refresh_from_db()
    assert plan_round.round.closed_at is None


@pytest.mark.parametrize("name", [*MANAGER_PAGES, "answer", *RESULT_PAGES])
def test_a_professional_not_in_the_round_gets_404(client, world, closed_round, name):
    client.force_login(world.outsider.user)
    assert client.get(url(name, closed_round)).status_code == 404


@pytest.mark.parametrize("name", [*MANAGER_PAGES, "answer", *RESULT_PAGES])
def test_an_actor_outside_the_consent_gets_404(client, world, closed_round, name):
    client.force_login(world.uncovered_actor.user)
    assert client.get(url(name, closed_round)).status_code == 404


@pytest.mark.parametrize("name", [*MANAGER_PAGES, "answer", *RESULT_PAGES])
def test_a_team_leader_gets_404_for_a_plans_round(client, leader, closed_round, name):
    client.force_login(leader)
    assert client.get(url(name, closed_round)).status_code == 404


@pytest.mark.parametrize("name", [*MANAGER_PAGES, "answer", *RESULT_PAGES])
def test_another_municipality_gets_404(client, closed_round, other_municipality_professional, name):
    client.force_login(other_municipality_professional.user)
    assert client.get(url(name, closed_round)).status_code == 404


@pytest.mark.parametrize("name", [*MANAGER_PAGES, "answer", *RESULT_PAGES])
def test_anonymous_visitors_are_sent_to_the_login(client, closed_round, name):
    response = client.get(url(name, closed_round))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", RESULT_PAGES)
def test_a_respondent_who_took_part_reads_the_results(client, world, closed_round, name):
    client.force_login(world.actor.user)
    assert client.get(url(name, closed_round)).status_code == 200


@pytest.mark.parametrize("name", RESULT_PAGES)
def test_a_respondent_who_did_not_answer_does_not(client, plan_round, closed_round, name):
    silent = plan_round.respondents[3]
    client.force_login(silent.user)
    assert client.get(url(name, closed_round)).status_code == 404


def test_a_respondent_who_left_the_plan_can_no_longer_answer(client, world, plan_round):
    actor = world.plan.actors.get(professional=world.actor)
    actor.started_on = timezone.localdate() - timedelta(days=30)
    actor.ended_on = timezone.localdate() - timedelta(days=1)
    actor.save()
    client.force_login(world.actor.user)
    assert client.get(url("answer", plan_round.round)).status_code == 404


def test_a_team_leader_runs_their_own_team_round_and_no_one_elses(client, world, leader):
    team = [ProfessionalFactory(department=world.department) for _ in range(3)]
    round_ = services.round_create(
        user=leader,
        title="Dobbeltdiagnoser",
        scope="team",
        team="Dobbeltdiagnoser",
        professionals=team,
        grouping="department",
        closes_on=timezone.localdate(),
    )
    client.force_login(leader)
    assert client.get(url("detail", round_)).status_code == 200
    other_leader = UserFactory(municipality=world.municipality, role=Role.LEADER)
    client.force_login(other_leader)
    assert client.get(url("detail", round_)).status_code == 404
    client.force_login(world.coordinator.user)
    assert client.get(url("detail", round_)).status_code == 404


def test_only_coordinators_and_leaders_may_start_a_round(client, world, leader):
    create = reverse("coordination:create")
    client.force_login(world.actor.user)
    assert client.get(create).status_code == 404
    client.force_login(world.coordinator.user)
    assert client.get(create).status_code == 200
    client.force_login(leader)
    assert client.get(create).status_code == 200


def test_a_leader_cannot_start_a_round_for_a_plan(client, world, leader):
    client.force_login(leader)
    response = client.post(
        reverse("coordination:create"),
        {
            "scope": "plan",
            "plan": world.plan.pk,
            "grouping": "department",
            "closes_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert world.plan.coordination_rounds.count() == 0
    assert world.plan.title not in response.text


def test_a_refused_request_writes_no_audit_event(client, world, closed_round):
    client.force_login(world.outsider.user)
    client.get(url("results", closed_round))
    assert not AuditEvent.objects.filter(user=world.outsider.user).exists()
