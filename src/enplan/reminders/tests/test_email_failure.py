"""When the mail server fails: the reminders still go out in the app, and the e-mail that
announces them is sent on a later run, once."""

import logging

import pytest
from django.core import mail

from enplan.core.models import Notification
from enplan.reminders.services import send_due_reminders
from enplan.reminders.tests.conftest import local

pytestmark = pytest.mark.django_db


def test_a_refused_email_does_not_stop_the_other_reminders(world, intervention, mail_server):
    mail_server.add(world.coordinator.user.email)
    result = send_due_reminders(local(2026, 3, 10, 8))
    assert result.sent["interventions_not_started"] == 2
    assert result.emails_failed == 1
    assert Notification.objects.filter(user=world.coordinator.user, emailed_at=None).exists()
    assert [m.to for m in mail.outbox] == [[world.actor.user.email]]


def test_the_notice_is_in_the_app_although_the_mail_server_is_down(
    client, world, intervention, mail_server
):
    mail_server.update({world.coordinator.user.email, world.actor.user.email})
    send_due_reminders(local(2026, 3, 10, 8))
    client.force_login(world.coordinator.user)
    assert "Mentorstøtte" in client.get("/notifications/").text


def test_the_email_is_sent_on_a_later_run_and_only_once(world, intervention, mail_server):
    mail_server.add(world.coordinator.user.email)
    send_due_reminders(local(2026, 3, 10, 8))
    mail_server.clear()
    result = send_due_reminders(local(2026, 3, 10, 9))
    assert not result.sent
    assert result.emails_retried == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.coordinator.user.email, world.actor.user.email]
    )
    assert not Notification.objects.filter(emailed_at=None).exists()
    send_due_reminders(local(2026, 3, 10, 10))
    assert len(mail.outbox) == 2


def test_the_email_is_tried_again_as_long_as_the_server_refuses(world, intervention, mail_server):
    mail_server.add(world.coordinator.user.email)
    send_due_reminders(local(2026, 3, 10, 8))
    assert send_due_reminders(local(2026, 3, 10, 9)).emails_failed == 1
    mail_server.clear()
    assert send_due_reminders(local(2026, 3, 10, 10)).emails_retried == 1


def test_a_notice_read_in_the_meantime_is_not_announced_late(world, intervention, mail_server):
    mail_server.add(world.coordinator.user.email)
    send_due_reminders(local(2026, 3, 10, 8))
    mail_server.clear()
    Notification.objects.filter(user=world.coordinator.user).update(read_at=local(2026, 3, 10, 8))
    assert send_due_reminders(local(2026, 3, 10, 9)).emails_retried == 0
    assert [m.to for m in mail.outbox] == [[world.actor.user.email]]


def test_the_failure_is_logged_without_naming_anyone(world, intervention, mail_server, caplog):
    mail_server.add(world.coordinator.user.email)
    with caplog.at_level(logging.WARNING):
        send_due_reminders(local(2026, 3, 10, 8))
    assert "SMTPRecipientsRefused" in caplog.text
    for personal in (
        world.coordinator.user.email,
        world.coordinator.user.username,
        world.plan.title,
        "Mentorstøtte",
    ):
        assert personal not in caplog.text
