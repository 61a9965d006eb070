"""The one-time link: no login, expires, single use, rate-limited, stores only a hash and
reveals nothing but the citizen's first name and the meeting date."""

import hashlib
import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.meetings.models import CitizenEvaluation, EvaluationLink

pytestmark = pytest.mark.django_db

ANSWERS = {
    "felt_heard": "3",
    "talked_about_what_matters": "6",
    "way_of_working_suited_me": "7",
    "overall": "6",
    "comment": "Der var for mange.",
}


def make_link(client, world, cycle) -> str:
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]), {"member": world.member.pk}
    )
    assert response.status_code == 200
    client.logout()
    return re.search(r'value="(http[^"]+/meetings/e/[^"]+/)"', response.text).group(1)


def test_the_coordinator_sees_the_link_once_and_only_its_hash_is_stored(client, world, cycle):
    url = make_link(client, world, cycle)
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = EvaluationLink.objects.get()
    assert len(token) >= 43
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(EvaluationLink.objects.values_list()[0])


def test_the_link_is_offered_to_copy_and_as_a_qr_code(client, world, cycle):
    import segno

    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]), {"member": world.member.pk}
    )
    html = response.text
    url = re.search(r'value="(http[^"]+/meetings/e/[^"]+/)"', html).group(1)
    assert 'data-copy="evaluation-url"' in html
    assert "Kopiér linket" in html
    assert '<svg role="img" aria-label="QR-kode med engangslinket"' in html
    # The code drawn is exactly the code of this link (segno is deterministic).
    expected = segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", lineclass=None, omitsize=False
    )
    path = re.search(r'<path stroke="#000" d="([^"]+)"', expected).group(1)
    assert path in html
    assert " style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_link_shows_only_the_first_name_and_the_date(client, world, cycle):
    url = make_link(client, world, cycle)
    page = client.get(url)
    assert page.status_code == 200
    citizen = world.member.citizen
    assert f"Hej {citizen.first_name}" in page.text
    assert timezone.localtime(cycle.meeting.starts_at).strftime("%d.%m.%Y") in page.text
    for secret in (citizen.last_name, world.plan.title, world.coordinator.name, citizen.cpr[:6]):
        assert secret not in page.text
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"]


def test_the_citizen_answers_without_logging_in_and_the_link_is_spent(client, world, cycle):
    url = make_link(client, world, cycle)
    response = client.post(url, ANSWERS)
    assert response.status_code == 200
    assert f"Tak, {world.member.citizen.first_name}" in response.text
    evaluation = CitizenEvaluation.objects.get()
    assert (evaluation.felt_heard, evaluation.channel) == (3, "link")
    assert EvaluationLink.objects.get().used_at is not None
    event = AuditEvent.objects.get(object_type="meetings.citizenevaluation")
    assert event.user is None
    assert event.actor_role == "Borger, via et engangslink"
    assert event.plan_id == world.plan.pk

    again = client.get(url)
    assert "Din evaluering af mødet" in again.text
    assert "Send mine svar" not in again.text
    assert "Send mine svar" not in client.post(url, ANSWERS).text
    assert CitizenEvaluation.objects.count() == 1


def evaluate_on_screen(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:evaluation", args=[cycle.meeting.pk]),
        {**ANSWERS, "member": world.member.pk},
    )
    assert response.status_code == 302
    client.logout()


def test_a_link_tells_the_citizen_the_evaluation_is_given_after_answering_on_the_screen(
    client, world, cycle
):
    url = make_link(client, world, cycle)
    evaluate_on_screen(client, world, cycle)
    page = client.get(url)
    assert page.status_code == 200
    assert "Din evaluering af mødet" in page.text
    assert "er allerede givet" in page.text
    assert "Send mine svar" not in page.text
    assert world.member.citizen.last_name not in page.text
    assert not EvaluationLink.objects.get().is_usable_at(timezone.now())


def test_answers_sent_from_a_form_opened_before_the_screen_evaluation_are_not_saved(
    client, world, cycle
):
    url = make_link(client, world, cycle)
    assert "Send mine svar" in client.get(url).text
    evaluate_on_screen(client, world, cycle)
    response = client.post(url, {**ANSWERS, "overall": "1"})
    assert "er allerede givet" in response.text
    assert CitizenEvaluation.objects.get().channel == "screen"
    assert CitizenEvaluation.objects.get().overall == 6


def test_an_expired_link_does_not_work(client, world, cycle):
    url = make_link(client, world, cycle)
    EvaluationLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 404
    assert world.member.citizen.first_name not in response.text


def test_a_new_link_stops_the_old_one(client, world, cycle):
    first = make_link(client, world, cycle)
    second = make_link(client, world, cycle)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_the_link_expires_after_the_municipalitys_hours(client, world, cycle):
    from enplan.meetings.models import MeetingSettings

    MeetingSettings.objects.create(municipality=world.municipality, evaluation_link_hours=2)
    make_link(client, world, cycle)
    link = EvaluationLink.objects.get()
    assert timedelta(hours=1, minutes=59) < link.expires_at - timezone.now() <= timedelta(hours=2)


def test_guessing_links_is_stopped_after_a_few_tries(client, settings):
    settings.ENPLAN_PUBLIC_GUESSES = (3, 300)
    for attempt in range(3):
        assert client.get(f"/meetings/e/guess-{attempt}/").status_code == 404
    response = client.get("/meetings/e/guess-4/")
    assert response.status_code == 429
    assert "for mange forsøg" in response.text


def test_a_valid_link_keeps_working_after_ten_wrong_guesses_from_the_same_address(
    client, world, cycle
):
    url = make_link(client, world, cycle)
    client.logout()
    answers = [client.get(f"/meetings/e/guess-{attempt}/").status_code for attempt in range(10)]
    assert answers == [404] * 5 + [429] * 5
    assert client.get(url).status_code == 200
    response = client.post(url, ANSWERS)
    assert response.status_code == 200
    assert EvaluationLink.objects.get().used_at is not None


def test_the_cool_off_after_wrong_guesses_is_short(client, settings):
    settings.ENPLAN_PUBLIC_GUESSES = (2, 1)
    for attempt in range(2):
        assert client.get(f"/meetings/e/guess-{attempt}/").status_code == 404
    assert client.get("/meetings/e/guess-3/").status_code == 429
    time.sleep(1.1)
    assert client.get("/meetings/e/guess-4/").status_code == 404


def test_one_link_cannot_be_flooded(client, world, cycle, settings):
    url = make_link(client, world, cycle)
    settings.ENPLAN_PUBLIC_LINK_REQUESTS = (2, 600)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 429


def test_guesses_from_another_address_do_not_count_against_this_one(client, settings):
    settings.ENPLAN_PUBLIC_GUESSES = (2, 300)
    for attempt in range(3):
        client.get(f"/meetings/e/guess-{attempt}/", REMOTE_ADDR="10.0.0.8")
    assert client.get("/meetings/e/guess-9/").status_code == 404


def test_a_wrong_answer_keeps_the_link_usable(client, world, cycle):
    url = make_link(client, world, cycle)
    response = client.post(url, {**ANSWERS, "overall": "12"})
    assert response.status_code == 200
    assert "Vælg et tal fra 0 til 10." in response.text
    assert EvaluationLink.objects.get().used_at is None


def test_no_link_for_a_citizen_who_has_evaluated(client, world, cycle):
    from enplan.meetings.tests.factories import CitizenEvaluationFactory

    CitizenEvaluationFactory(meeting=cycle.meeting, member=world.member)
    client.force_login(world.coordinator.user)
    client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]), {"member": world.member.pk}
    )
    assert not EvaluationLink.objects.exists()


def test_a_forwarded_address_the_client_wrote_itself_does_not_get_round_the_limit(client, settings):
    # Behind a proxy that appends the address it saw to X-Forwarded-For, only the last
    # entry is the proxy's word; anything before it was written by the client.
    settings.ENPLAN_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.ENPLAN_PUBLIC_GUESSES = (3, 300)
    for attempt in range(3):
        forged = f"198.51.100.{attempt}, 203.0.113.7"
        assert (
            client.get(f"/meetings/e/g{attempt}/", HTTP_X_FORWARDED_FOR=forged).status_code == 404
        )
    response = client.get("/meetings/e/g9/", HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7")
    assert response.status_code == 429
