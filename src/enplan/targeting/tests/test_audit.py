"""Every page that shows a citizen's or a round's data writes its audit event."""

import pytest

from enplan.core.models import AuditAction, AuditEvent
from enplan.targeting.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def events(user, action, object_type):
    return AuditEvent.objects.filter(user=user, action=action, object_type=object_type)


def test_opening_a_nomination_is_audited(client, scored, world):
    nomination = NominationFactory(department=world.department)
    client.force_login(scored.handler.user)
    client.get(f"/targeting/nominations/{nomination.pk}/")
    assert events(scored.handler.user, AuditAction.VIEW, "targeting.nomination").count() == 1


def test_the_shortlist_round_page_and_annex_are_audited(client, scored):
    client.force_login(scored.reviewer.user)
    for suffix in ("", "shortlist/", "annex/"):
        client.get(f"/targeting/rounds/{scored.round.pk}/{suffix}")
    assert events(scored.reviewer.user, AuditAction.VIEW, "targeting.screeninground").count() == 3


def test_the_annex_pdf_is_an_audited_export(client, scored):
    client.force_login(scored.leader)
    response = client.get(f"/targeting/rounds/{scored.round.pk}/annex.pdf")
    assert response.content.startswith(b"%PDF")
    assert f'filename="dpia-bilag-{scored.round.pk}.pdf"' in response["Content-Disposition"]
    assert events(scored.leader, AuditAction.EXPORT, "targeting.screeninground").count() == 1


def test_uploading_scoring_and_reviewing_are_audited(scored):
    reviewer = scored.reviewer.user
    assert events(reviewer, AuditAction.CREATE, "targeting.extract").count() == 1
    assert events(reviewer, AuditAction.CHANGE, "targeting.screeninground").count() == 1


def test_a_refused_request_writes_no_event(client, scored):
    client.force_login(scored.outsider.user)
    client.get(f"/targeting/rounds/{scored.round.pk}/shortlist/")
    assert not AuditEvent.objects.filter(user=scored.outsider.user).exists()
