"""The coordinator sends the one-time link to the citizen's phone: once per link, to a
Danish mobile number that is not kept, audited without the number."""

import re

import pytest
from django.urls import reverse

from enplan.core import sms
from enplan.core.models import AuditEvent
from enplan.meetings.models import EvaluationLink

pytestmark = pytest.mark.django_db


def _link_page(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]), {"member": world.member.pk}
    )
    assert response.status_code == 200
    url = re.search(r'value="(http[^"]+/meetings/e/[^"]+/)"', response.text).group(1)
    return response, url, url.rstrip("/").rsplit("/", 1)[1]


def _send(client, cycle, token, mobile="20 12 34 56"):
    return client.post(
        reverse("meetings:evaluation_link_sms", args=[cycle.meeting.pk]),
        {"token": token, "mobile": mobile},
    )


def test_the_link_page_offers_to_send_it_by_sms(client, world, cycle):
    response, _url, token = _link_page(client, world, cycle)
    assert "Send linket som sms" in response.text
    assert f'value="{token}"' in response.text
    assert "bliver ikke gemt" in response.text


def test_the_citizens_own_mobile_number_is_filled_in(client, world, cycle):
    world.member.citizen.phone = "+45 20 12 34 56"
    world.member.citizen.save()
    response, _url, _token = _link_page(client, world, cycle)
    assert 'value="+45 20 12 34 56"' in response.text


def test_a_landline_or_odd_phone_number_is_not_filled_in(client, world, cycle):
    world.member.citizen.phone = "1234"
    world.member.citizen.save()
    response, _url, _token = _link_page(client, world, cycle)
    assert 'value="1234"' not in response.text


def test_the_citizen_gets_the_link_by_sms_naming_nothing_about_the_case(client, world, cycle):
    _page, url, token = _link_page(client, world, cycle)
    response = _send(client, cycle, token)
    assert response.status_code == 200
    assert "Linket er sendt som sms." in response.text
    [message] = sms.outbox
    assert message.to == "+4520123456"
    assert url in message.text
    assert world.member.citizen.first_name not in message.text
    assert world.plan.title not in message.text
    assert EvaluationLink.objects.get().sms_sent_at is not None


def test_each_link_is_sent_at_most_once(client, world, cycle):
    _page, _url, token = _link_page(client, world, cycle)
    _send(client, cycle, token)
    response = _send(client, cycle, token, mobile="30 12 34 56")
    assert response.status_code == 400
    assert "Linket er allerede sendt som sms." in response.text
    assert len(sms.outbox) == 1


def test_a_wrong_number_is_refused_in_danish_and_nothing_is_sent(client, world, cycle):
    _page, _url, token = _link_page(client, world, cycle)
    response = _send(client, cycle, token, mobile="1234")
    assert response.status_code == 400
    assert "Skriv et dansk mobilnummer med 8 cifre" in response.text
    assert not sms.outbox
    assert EvaluationLink.objects.get().sms_sent_at is None


def test_a_failing_gateway_leaves_the_link_to_be_sent_again(client, world, cycle, settings):
    _page, _url, token = _link_page(client, world, cycle)
    settings.ENPLAN_SMS_BACKEND = "enplan.core.tests.test_sms.BrokenGateway"
    response = _send(client, cycle, token)
    assert "kunne ikke sendes. Prøv igen" in response.text
    assert EvaluationLink.objects.get().sms_sent_at is None
    settings.ENPLAN_SMS_BACKEND = "enplan.core.sms.LocmemBackend"
    assert _send(client, cycle, token).status_code == 200
    assert len(sms.outbox) == 1


def test_a_replaced_or_unknown_link_is_not_sent(client, world, cycle):
    _page, _url, old_token = _link_page(client, world, cycle)
    _link_page(client, world, cycle)  # a new link stops the old one
    response = _send(client, cycle, old_token)
    assert response.status_code == 400
    assert "Linket kan ikke længere bruges" in response.text
    response = _send(client, cycle, "not-a-token")
    assert response.status_code == 302
    assert not sms.outbox


def test_the_sending_is_audited_without_the_number(client, world, cycle):
    _page, _url, token = _link_page(client, world, cycle)
    _send(client, cycle, token)
    link = EvaluationLink.objects.get()
    event = AuditEvent.objects.get(object_id=str(link.pk), changed_fields=["sms_sent_at"])
    assert event.user == world.coordinator.user
    assert event.plan_id == world.plan.pk
    assert "20123456" not in str(AuditEvent.objects.values_list())


def test_only_the_meetings_runner_may_send_it(client, world, cycle):
    _page, _url, token = _link_page(client, world, cycle)
    client.force_login(world.actor.user)
    assert _send(client, cycle, token).status_code == 403
    client.force_login(world.outsider.user)
    assert _send(client, cycle, token).status_code == 404
    client.logout()
    assert _send(client, cycle, token).status_code == 302
    assert not sms.outbox


def test_sending_reads_and_writes_a_fixed_number_of_queries(
    client, world, cycle, django_assert_num_queries
):
    _page, _url, token = _link_page(client, world, cycle)
    # Session and user, the meeting and its access checks, the link, the claim, the audit
    # event (with its chain) and the page around the link.
    with django_assert_num_queries(15):
        assert _send(client, cycle, token).status_code == 200
