"""The plan as a PDF from the plan page: tagged PDF/UA-1 with metadata, audited as an export."""

import subprocess

import pytest
from django.utils import timezone

from enplan.core.models import AuditAction, AuditEvent
from enplan.core.tests.pdfs import assert_pdf_ua
from enplan.plans.tests.factories import GoalFactory, LogEntryFactory

pytestmark = pytest.mark.django_db


def test_the_plan_page_offers_the_plan_as_a_pdf(client, world):
    client.force_login(world.coordinator.user)
    html = client.get(f"/plans/{world.plan.pk}/").text
    assert f'href="/plans/{world.plan.pk}/plan.pdf"' in html
    assert "Print / PDF" in html


def test_the_pdf_is_tagged_pdf_ua_with_its_title_and_the_whole_plan(client, world, tmp_path):
    GoalFactory(plan=world.plan, member=world.member, title="Komme i praktik")
    LogEntryFactory(plan=world.plan, text="Talte med Sanne om praktik")
    client.force_login(world.coordinator.user)
    response = client.get(f"/plans/{world.plan.pk}/plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-{world.plan.pk}-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    assert_pdf_ua(response.content, title=f"{world.plan.title} – Fælles plan")
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert world.plan.title in text
    assert "Komme i praktik" in text
    assert "Talte med Sanne om praktik" in text


def test_the_pdf_is_audited_as_an_export(client, world):
    client.force_login(world.coordinator.user)
    client.get(f"/plans/{world.plan.pk}/plan.pdf")
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="plans.plan", object_id=str(world.plan.pk)
    ).exists()


def test_someone_who_may_not_see_the_plan_gets_no_pdf(client, world):
    client.force_login(world.outsider.user)
    assert client.get(f"/plans/{world.plan.pk}/plan.pdf").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
