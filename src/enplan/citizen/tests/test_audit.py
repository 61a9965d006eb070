"""Every page the citizen opens and every thing they write leaves an audit event."""

import pytest

from enplan.citizen.tests.factories import with_login
from enplan.citizen.tests.urls_under_test import CITIZEN_URLS, furnish, url_for
from enplan.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

EXPORTS = {"citizen:download_pdf", "citizen:download_json", "citizen:meeting_ics"}


@pytest.mark.parametrize("name", CITIZEN_URLS)
def test_each_citizen_page_writes_an_audit_event(client, family, name):
    objects = furnish(family)
    user = with_login(family.mother)
    client.force_login(user)
    assert client.get(url_for(name, objects)).status_code == 200
    event = AuditEvent.objects.get(user=user)
    assert event.plan_id == family.plan.pk
    assert event.action == (AuditAction.EXPORT if name in EXPORTS else AuditAction.VIEW)
    assert event.actor_role == "Borger"


@pytest.mark.parametrize(
    ("url", "data", "object_type"),
    [
        ("vigtigst/{member}/", {"version": 1, "wishes": "Ro"}, "plans.planmember"),
        (
            "netvaerk/ny/",
            {"name": "Lise", "role": "Ven", "visible_to_professionals": "yes"},
            "plans.actor",
        ),
        ("moeder/emne/", {"text": "Økonomi"}, "citizen.meetingtopic"),
        ("samtykke/{department}/withdraw/", {}, "plans.consent"),
    ],
)
def test_each_write_is_audited(client, family, url, data, object_type):
    user = with_login(family.mother)
    client.force_login(user)
    path = url.format(member=family.mother.pk, department=family.department.pk)
    assert client.post(f"/borger/plan/{family.plan.pk}/{path}", data).status_code == 302
    assert AuditEvent.objects.filter(user=user, object_type=object_type).exists()


def test_a_refused_request_writes_no_event(client, family, world):
    client.force_login(world.outsider.user)
    client.get(f"/borger/plan/{family.plan.pk}/")
    assert not AuditEvent.objects.exists()
