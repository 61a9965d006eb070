"""The citizen's organisation: the network map page, its exports and its small forms.

The page is part of the plan and follows the plan's access rule. Edits work with and
without JavaScript: htmx swaps a form into its slot and the refreshed organisation back,
a plain POST redirects to the page. Selectors read (and audit), services write (and audit).
"""

from datetime import date

import cairosvg
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import reswap, retarget

from enplan.core import editing
from enplan.core.concurrency import EditConflict
from enplan.core.dates import parse_date_param
from enplan.network import access, selectors, services
from enplan.network.forms import (
    DevelopmentPointEditForm,
    DevelopmentPointForm,
    MapDateForm,
    RatingForm,
)
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import editing as plan_editing
from enplan.plans import selectors as plan_selectors
from enplan.plans import services as plan_services
from enplan.plans.forms import ActorEndForm, ActorForm

# The PNG is drawn at twice the map's size, sharp enough for print and slides.
PNG_SCALE = 2


def _map_url(plan, section=""):
    url = reverse("network:map", args=[plan.pk])
    return f"{url}#{section}" if section else url


def _chosen_day(request) -> date | None:
    # Bad input answers 400 before the plan is read; the map is never drawn for a day
    # nobody meant (year 1 has no "90 days before").
    on = parse_date_param(request, "on")
    return min(on, timezone.localdate()) if on else None


def _map_form(request, plan, form, *, title, section, submit=None, conflict=None):
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=title,
        section=section,
        cancel_url=_map_url(plan, section),
        conflict=conflict,
        submit=submit,
    )


def _saved(request, plan, message, section):
    if not request.htmx:
        messages.success(request, message)
        return redirect(_map_url(plan, section))
    page = selectors.organisation_page(request.user, plan)
    response = render(
        request,
        "network/organisation.html#saved",
        {"page": page, "plan": plan, "message": message, "map_form": MapDateForm()},
    )
    return reswap(retarget(response, "#organisation"), "outerHTML")


def _active_actors(request, plan):
    return (
        plan_access.actors_visible_to(request.user, plan)
        .active_on(timezone.localdate())
        .select_related("professional")
        .order_by("kind", "professional__name", "name", "id")
    )


# The page and its exports ------------------------------------------------------------


@require_GET
def organisation(request, pk):
    on = _chosen_day(request)
    page = selectors.organisation_open(request.user, pk, on=on, path=request.get_full_path())
    return render(
        request,
        "network/organisation.html",
        {
            "page": page,
            "plan": page.plan,
            "map_form": MapDateForm(initial={"on": page.on}),
        },
    )


def _svg(request, page, *, standalone=True) -> str:
    return render_to_string(
        "network/map.svg.html", {"page": page, "standalone": standalone}, request=request
    )


def _download_name(page, extension) -> str:
    return f"netvaerkskort-{page.plan.pk}-{page.on:%Y-%m-%d}.{extension}"


@require_GET
def map_svg(request, pk):
    page = selectors.organisation_export(
        request.user, pk, on=_chosen_day(request), path=request.get_full_path()
    )
    response = HttpResponse(_svg(request, page), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(page, "svg")}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def map_png(request, pk):
    page = selectors.organisation_export(
        request.user, pk, on=_chosen_day(request), path=request.get_full_path()
    )
    png = cairosvg.svg2png(
        bytestring=_svg(request, page).encode(),
        output_width=page.layout.width * PNG_SCALE,
        output_height=page.layout.height * PNG_SCALE,
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(page, "png")}"'
    response["Cache-Control"] = "no-store"
    return response


# People ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def actor_add(request, pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    member_ids = plan_access.visible_member_ids(request.user, plan)
    form = ActorForm(request.POST or None, plan=plan, member_ids=member_ids)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, plan_services.actor_add, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, _("The person has been added to the network."), "map")
    return _map_form(
        request, plan, form, title=_("Add to the network"), section="map", submit=_("Add")
    )


@require_http_methods(["GET", "POST"])
def actor_end(request, pk, actor_pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    actor = plan_access.visible_actor_or_404(request.user, plan, actor_pk)
    form = ActorEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            plan_services.actor_end,
            user=request.user,
            plan=plan,
            actor=actor,
            **form.cleaned_data,
        )
        if saved:
            return _saved(request, plan, _("The involvement has been ended."), "people")
    return _map_form(
        request,
        plan,
        form,
        title=_("End the involvement of %(name)s") % {"name": actor.display_name},
        section="people",
        submit=_("End involvement"),
    )


# Collaboration ratings ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rate(request, pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    actors = _active_actors(request, plan)
    initial = {}
    professional = organisation_access.professional_of(request.user)
    own = next((a for a in actors if professional and a.professional_id == professional.pk), None)
    if own is not None:
        initial["rater"] = own.pk
    for name in ("first", "second"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    form = RatingForm(request.POST or None, actors=actors, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.relation_rate, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, _("The rating has been recorded."), "map")
    return _map_form(
        request,
        plan,
        form,
        title=_("Rate a collaboration"),
        section="map",
        submit=_("Record rating"),
    )


# Development points ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def point_create(request, pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    form = DevelopmentPointForm(request.POST or None, actors=_active_actors(request, plan))
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.development_point_add, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, _("The development point has been added."), "points")
    return _map_form(
        request, plan, form, title=_("New development point"), section="points", submit=_("Add")
    )


@require_http_methods(["GET", "POST"])
def point_edit(request, pk, point_pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    point = access.visible_point_or_404(request.user, plan, point_pk)
    # Everyone the reader may see, so that a point keeps its responsible person after that
    # person's involvement has ended.
    actors = (
        plan_access.actors_visible_to(request.user, plan)
        .select_related("professional")
        .order_by("kind", "professional__name", "name", "id")
    )
    form = DevelopmentPointEditForm(
        request.POST or None,
        actors=actors,
        initial={
            "text": point.text,
            "responsible": point.responsible_id,
            "due_date": point.due_date,
            "status": point.status,
            "version": point.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.development_point_update(
                user=request.user, plan=plan, point=point, **form.cleaned_data
            )
        except EditConflict as error:
            data = form.data.copy()
            data["version"] = error.current_version
            form.data = data
            conflict = error
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            return _saved(request, plan, _("The development point has been saved."), "points")
    return _map_form(
        request,
        plan,
        form,
        title=_("Edit development point"),
        section="points",
        conflict=conflict,
    )
