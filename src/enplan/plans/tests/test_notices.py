"""Beskeder: the user's own notices, and only while they may see the plan a notice names."""

import pytest

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.core.models import Notification
from enplan.core.notifications import notify
from enplan.core.tests.factories import UserFactory
from enplan.plans import notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="mette@example.dk")


def test_the_notice_list_shows_only_my_notices_and_marks_them_read(client, user):
    other = UserFactory(municipality=user.municipality)
    notify(user=user, key="k1", text="Til mig", email=False)
    notify(user=other, key="k1", text="Til en anden", email=False)
    client.force_login(user)
    response = client.get("/notifications/")
    assert "Til mig" in response.text
    assert "Til en anden" not in response.text
    assert '<span class="visually-hidden"> ulæst</span>' in client.get("/plans/").text
    client.post("/notifications/")
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).exists()


def test_the_notice_list_runs_a_fixed_number_of_queries(client, user, django_assert_num_queries):
    for i in range(30):
        notify(user=user, key=f"k{i}", text=f"Påmindelse {i}", email=False)
    client.force_login(user)
    # Session, user, the user's professional record (which plans they may still hear
    # about), the unread count, the count for the pages and the page of notices, and the
    # audit event of the list (its row and the chain's).
    with django_assert_num_queries(6 + 1 + CHAIN_QUERIES):
        client.get("/notifications/")


def test_a_notice_about_a_plan_disappears_when_the_user_may_no_longer_see_the_plan(client, world):
    from django.utils import timezone

    notify(user=world.actor.user, key="k1", text="Maja Holm: opfølgning", plan=world.plan)
    notify(user=world.actor.user, key="k2", text="Uden plan", email=False)
    client.force_login(world.actor.user)
    assert "Maja Holm" in client.get("/notifications/").text
    # The citizen withdraws consent: the plan, and what the notices said about it, are gone.
    world.plan.consents.update(withdrawn_on=timezone.localdate())
    response = client.get("/notifications/")
    assert "Maja Holm" not in response.text
    assert "Uden plan" in response.text
    assert notices.unread_count(world.actor.user) == 1


def test_a_citizen_keeps_the_notices_about_their_own_plan(client, world):
    from enplan.citizen.tests.factories import with_login

    citizen_user = with_login(world.member)
    notify(user=citizen_user, key="receipt:1", text="Kvittering for samtykke", plan=world.plan)
    client.force_login(citizen_user)
    assert "Kvittering for samtykke" in client.get("/notifications/").text
