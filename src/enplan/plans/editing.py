"""The small forms of a plan, as every app that edits part of a plan shows them: in its
section on the plan page with htmx, or as a page of their own without JavaScript."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from enplan.core.concurrency import EditConflict
from enplan.plans.models import Plan


def plan_url(plan: Plan, section: str = "") -> str:
    url = reverse("plans:detail", args=[plan.pk])
    return f"{url}#{section}" if section else url


def render_form(
    request: HttpRequest,
    plan: Plan,
    form,
    *,
    title: str,
    section: str,
    cancel_url: str = "",
    conflict: EditConflict | None = None,
    submit: str | None = None,
    status: int = 200,
    lead: list[str] | None = None,
) -> HttpResponse:
    """`lead`: sentences above the fields, e.g. what a confirmation is about to change."""
    context = {
        "plan": plan,
        "form": form,
        "title": title,
        "action": request.path,
        "section": section,
        "conflict": conflict,
        "submit_label": submit or _("Save"),
        "cancel_url": cancel_url or plan_url(plan, section),
        "lead": lead or [],
    }
    template = "plans/_form.html" if request.htmx else "plans/form_page.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)
