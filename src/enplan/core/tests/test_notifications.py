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
