import pytest
from django.core import mail

from enplan.core import notifications as notices
from enplan.core.models import Notification
from enplan.core.notifications import notify
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="mette@example.dk")


def test_a_notice_is_created_and_announced_by_email(user):
    notice = notify(user=user, key="review-soon:1", text="Familien Bak skal følges op 05.12.2026")
    assert notice is not None
    assert Notification.objects.get(user=user).text.startswith("Familien Bak")
    assert len(mail.outbox) == 1
    assert notice.emailed_at is not None


def test_the_email_does_not_reveal_what_the_notice_is_about(user):
    notify(user=user, key="review-soon:1", text="Familien Bak skal følges op")
    message = mail.outbox[0]
    assert "Bak" not in message.subject + message.body
    assert "/notifications/" in message.body


def test_the_same_notice_is_sent_at_most_once(user):
    assert notify(user=user, key="review-soon:1", text="A") is not None
    assert notify(user=user, key="review-soon:1", text="A") is None
    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


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
    # about), the unread count, the count for the pages and the page of notices.
    with django_assert_num_queries(6):
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


def test_a_failing_mail_server_leaves_the_notice_unannounced_for_a_later_try(user, mail_server):
    mail_server.add(user.email)
    notice = notify(user=user, key="review-soon:1", text="Familien Bak skal følges op")
    assert notice is not None
    mail_server.clear()
    assert Notification.objects.get(pk=notice.pk).emailed_at is None
    assert notices.email_unannounced().sent == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notice.pk).emailed_at is not None
    assert notices.email_unannounced().sent == 0
    assert len(mail.outbox) == 1


def test_a_notice_meant_for_the_app_only_is_never_announced_by_email(user):
    notify(user=user, key="k1", text="Kun i appen", email=False)
    assert notices.email_unannounced().sent == 0
    assert not mail.outbox


def test_the_notices_waiting_for_their_email_are_announced_in_one_email(user):
    for key in ("k1", "k2"):
        notify(user=user, key=key, text="Påmindelse")
    Notification.objects.update(emailed_at=None)
    mail.outbox.clear()
    assert notices.email_unannounced().sent == 1
    assert len(mail.outbox) == 1
