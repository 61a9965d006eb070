"""Repeated notices about the same subject are one notice with a count."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from enplan.core.models import Notification
from enplan.core.notifications import mark_read, notify
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="mette@example.dk")


def _wrote(user, n: int):
    return notify(
        user=user,
        key=f"citizen-wrote:log:{n}",
        text="Sanne har skrevet noget på planen Familien Bak.",
        fold_key="citizen-wrote:7:1",
    )


def test_five_notices_about_the_same_subject_are_one_notice_counting_five(user):
    for n in range(5):
        _wrote(user, n)
    notice = Notification.objects.get(user=user)
    assert notice.count == 5
    assert notice.latest_at >= notice.created_at


def test_a_folded_notice_is_announced_by_one_email_only(user):
    for n in range(3):
        _wrote(user, n)
    assert len(mail.outbox) == 1


def test_a_read_notice_starts_a_new_fold(user):
    _wrote(user, 1)
    _wrote(user, 2)
    mark_read(user=user)
    _wrote(user, 3)
    counts = sorted(Notification.objects.filter(user=user).values_list("count", flat=True))
    assert counts == [1, 2]


def test_notices_about_other_subjects_are_not_folded(user):
    _wrote(user, 1)
    notify(
        user=user, key="citizen-wrote:log:9", text="Jonas har skrevet", fold_key="citizen-wrote:7:2"
    )
    notify(user=user, key="review-soon:1", text="Opfølgning")
    assert Notification.objects.filter(user=user).count() == 3


def test_the_folded_notice_shows_the_latest_text_and_link(user):
    _wrote(user, 1)
    notify(
        user=user,
        key="k2",
        text="Sanne har skrevet igen",
        url="/plans/7/#log",
        fold_key="citizen-wrote:7:1",
    )
    notice = Notification.objects.get(user=user)
    assert (notice.text, notice.url, notice.count) == ("Sanne har skrevet igen", "/plans/7/#log", 2)


def test_the_database_refuses_two_unread_notices_about_the_same_subject(user):
    _wrote(user, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            municipality_id=user.municipality_id,
            user=user,
            key="other",
            text="x",
            fold_key="citizen-wrote:7:1",
        )


def test_a_notice_folds_into_one_a_concurrent_worker_created_a_moment_before(user, monkeypatch):
    """The worker saw no unread notice, then lost the race to create one: it folds instead
    of losing its count."""
    from enplan.core import notifications

    _wrote(user, 1)
    real_fold = notifications._fold
    calls = []

    def fold_missing_the_first_time(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real_fold(*args, **kwargs)

    monkeypatch.setattr(notifications, "_fold", fold_missing_the_first_time)
    _wrote(user, 2)
    assert Notification.objects.get(user=user).count == 2


def test_the_notice_list_shows_the_count(client, world):
    from enplan.core.models import NoticeKind  # noqa: F401  (the kinds are core's)

    user = world.coordinator.user
    for n in range(5):
        _wrote(user, n)
    client.force_login(user)
    response = client.get("/notifications/")
    assert "Sanne har skrevet noget på planen Familien Bak. (5)" in response.text
