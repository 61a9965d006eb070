"""Each user chooses per kind of notice how to be told: in Én plan, by e-mail, or daily."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from enplan.core import notifications
from enplan.core.models import (
    NOTICE_KINDS_FOR_STAFF,
    NoticeChannel,
    NoticeDigest,
    NoticeKind,
    NoticePreference,
    Role,
)
from enplan.core.notifications import notify, send_digests
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/settings/"
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def user():
    return UserFactory(email="mette@example.dk")


def _morning(days_after=1):
    """8 o'clock on a coming day: the notices the tests make now came before it."""
    day = timezone.localdate() + timedelta(days=days_after)
    return datetime(day.year, day.month, day.day, 8, 0, tzinfo=CPH)


# The page ---------------------------------------------------------------------------------


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_platform_operator_without_a_municipality_has_nothing_to_choose(client):
    client.force_login(UserFactory(municipality=None, role=Role.ADMIN))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404


def test_the_page_names_each_kind_in_danish_with_todays_behaviour_chosen(
    client, user, django_assert_num_queries
):
    client.force_login(user)
    client.get(URL)  # the session and the user are loaded once
    # The session, the user, the user's choices (one query) and the header's count (one
    # query, by plan, since the header asks the plan rule only about plans named).
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    assert "Påmindelser om planer" in response.text
    assert "Borgeren har skrevet eller givet samtykke" in response.text
    # The code keys are only in the form's field names, never in what is read.
    assert response.text.count("citizen_wrote") == response.text.count('name="kind-citizen_wrote"')
    assert response.text.count('value="email" checked') == len(NOTICE_KINDS_FOR_STAFF)


def test_a_citizen_chooses_only_for_the_kinds_a_citizen_receives(client):
    citizen = UserFactory(role=Role.CITIZEN, email="")
    client.force_login(citizen)
    response = client.get(URL)
    assert "Kvitteringer for dine valg" in response.text
    assert "Påmindelser om planer" not in response.text
    assert "Vi har ikke din e-mailadresse" in response.text


def test_the_user_saves_a_choice_and_sees_it_again(client, user):
    client.force_login(user)
    form = {f"kind-{kind}": NoticeChannel.EMAIL for kind in NoticeKind.values}
    del form["kind-receipt"]
    form["kind-citizen_wrote"] = NoticeChannel.DIGEST
    form["kind-survey"] = NoticeChannel.APP
    response = client.post(URL, form)
    assert response.status_code == 302
    assert notifications.preferences_for(user)["citizen_wrote"] == NoticeChannel.DIGEST
    assert notifications.preferences_for(user)["survey"] == NoticeChannel.APP
    page = client.get(URL).text
    assert 'name="kind-survey" value="app" checked' in page


def test_a_missing_choice_is_refused_in_danish_and_nothing_is_saved(client, user):
    client.force_login(user)
    response = client.post(URL, {"kind-reminder": "app", "kind-survey": "by-pigeon"})
    assert response.status_code == 400
    assert "Vælg hvordan du vil have besked om: Spørgeskemaer om koordinering." in response.text
    assert not NoticePreference.objects.exists()


def test_a_user_writes_only_their_own_choices(client, user):
    other = UserFactory(municipality=user.municipality, email="o@example.dk")
    client.force_login(other)
    form = {f"kind-{kind}": NoticeChannel.APP for kind in NOTICE_KINDS_FOR_STAFF}
    client.post(URL, {**form, "user": user.pk})
    assert not NoticePreference.objects.filter(user=user).exists()
    assert NoticePreference.objects.filter(user=other).count() == len(form)


def test_the_notice_list_links_to_the_choices(client, user):
    client.force_login(user)
    assert URL in client.get("/notifications/").text


# What the choice does ---------------------------------------------------------------------


def _choose(user, kind, channel):
    notifications.preferences_update(user=user, channels={kind: channel})


def test_a_kind_chosen_for_the_app_only_sends_no_email(user):
    _choose(user, NoticeKind.REMINDER, NoticeChannel.APP)
    notice = notify(user=user, key="r1", text="Påmindelse", kind=NoticeKind.REMINDER)
    assert notice is not None
    assert not notice.email_wanted
    assert not mail.outbox
    notify(user=user, key="o1", text="Anden besked")
    assert len(mail.outbox) == 1


def test_the_daily_summary_counts_the_waiting_notices_by_kind_and_names_nothing(user):
    _choose(user, NoticeKind.CITIZEN_WROTE, NoticeChannel.DIGEST)
    _choose(user, NoticeKind.REMINDER, NoticeChannel.DIGEST)
    for n in range(2):
        notify(user=user, key=f"r{n}", text="Familien Bak: opfølgning", kind=NoticeKind.REMINDER)
    notify(user=user, key="w1", text="Sanne har skrevet", kind=NoticeKind.CITIZEN_WROTE)
    assert not mail.outbox
    result = send_digests(_morning())
    assert result.sent == 1
    body = mail.outbox[0].body
    assert "- Påmindelser om planer: 2" in body
    assert "- Borgeren har skrevet eller givet samtykke: 1" in body
    assert "Bak" not in body
    assert "Sanne" not in body
    assert mail.outbox[0].subject == "Dagens oversigt fra Én plan"


def test_the_daily_summary_is_sent_once_a_day_and_only_when_something_is_new(user):
    _choose(user, NoticeKind.REMINDER, NoticeChannel.DIGEST)
    notify(user=user, key="r1", text="Påmindelse", kind=NoticeKind.REMINDER)
    send_digests(_morning())
    send_digests(_morning().replace(hour=15))
    assert len(mail.outbox) == 1
    send_digests(_morning(days_after=2))  # nothing new since yesterday's
    assert len(mail.outbox) == 1
    assert NoticeDigest.objects.filter(user=user).count() == 1


def test_the_daily_summary_waits_for_the_morning(user):
    _choose(user, NoticeKind.REMINDER, NoticeChannel.DIGEST)
    notify(user=user, key="r1", text="Påmindelse", kind=NoticeKind.REMINDER)
    assert send_digests(_morning().replace(hour=5)).sent == 0
    assert not mail.outbox


def test_a_failed_summary_is_sent_on_a_later_run(user, mail_server):
    _choose(user, NoticeKind.REMINDER, NoticeChannel.DIGEST)
    notify(user=user, key="r1", text="Påmindelse", kind=NoticeKind.REMINDER)
    mail_server.add(user.email)
    assert send_digests(_morning()).failed == 1
    mail_server.clear()
    assert send_digests(_morning().replace(hour=9)).sent == 1


def test_the_reminder_scan_sends_the_daily_summaries(user):
    _choose(user, NoticeKind.REMINDER, NoticeChannel.DIGEST)
    notify(user=user, key="r1", text="Påmindelse", kind=NoticeKind.REMINDER)
    from enplan.reminders.tasks import send_reminders

    result = send_reminders.call()
    assert "digests_sent" in result


def test_the_command_sends_the_daily_summaries(user):
    import io

    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert "Daily summaries sent" in out.getvalue()
