"""The small forms of a plan, as every app that edits part of a plan shows them: in its
section on the plan page with htmx, or as a page of their own without JavaScript."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from enplan.core.concurrency import EditConflict
from enplan.plans.models import Plan

# Parts of the plan shown on its first page (the overview); every other section has a
# page of its own at /plans/<pk>/<section>/.
ON_THE_OVERVIEW = frozenset({"summary", "deviations", "wishes", "log"})


def plan_url(plan: Plan, section: str = "", anchor: str = "") -> str:
    """Where a part of the plan is shown: its section page, or the overview; `anchor` is
    an element within it (default: the section itself)."""
    if not section or section in ON_THE_OVERVIEW:
        url = reverse("plans:detail", args=[plan.pk])
    else:
        url = reverse("plans:section", args=[plan.pk, section])
    anchor = anchor or section
    return f"{url}#{anchor}" if anchor else url


def page_shown(request: HttpRequest, plan: Plan) -> str:
    """Which of the plan's pages an htmx request was sent from: "overview", a section's
    key, or "" for any other page."""
    current = getattr(request, "htmx", None) and request.htmx.current_url_abs_path  # type: ignore[attr-defined]
    if not current:
        return ""
    try:
        match = resolve(current.split("?", 1)[0])
    except Resolver404:
        return ""
    if match.kwargs.get("pk") != plan.pk:
        return ""
    if match.view_name == "plans:detail":
        return "overview"
    if match.view_name == "plans:section":
        return match.kwargs.get("key", "")
    return ""


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
