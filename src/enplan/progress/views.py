"""The staircase on the plan page, and the steering dashboard.

The plan-page views follow the plans app's pattern: a small form swapped in by htmx, or a
plain page without JavaScript. The dashboard shows figures only; it never links to a plan.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import reswap, retarget, trigger_client_event

from enplan.core import editing
from enplan.core.dates import BadQuery
from enplan.core.models import AuditAction
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import editing as plan_editing
from enplan.plans import selectors as plan_selectors
from enplan.progress import access, exports, forms, kept, selectors, services, steering, tables
from enplan.progress.models import StepRegistration


def _section_saved(request, plan, message):
    url = plan_editing.plan_url(plan, "progress")
    if not request.htmx:
        messages.success(request, message)
        return redirect(url)
    progress = selectors.plan_progress_for(request.user, plan)
    response = render(
        request,
        "progress/_saved.html",
        {"plan": plan, "progress": progress, "message": message},
    )
    response = reswap(retarget(response, "#progress"), "outerHTML")
    return trigger_client_event(response, "enplan:saved", {"section": "progress"}, after="settle")


@require_http_methods(["GET", "POST"])
def step_register(request, pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    organisation_access.professional_or_404(request.user)
    members = selectors.visible_members(request.user, plan)
    steps = list(plan_selectors.steps_for_plan(plan))
    form = forms.StepRegistrationForm(
        request.POST or None,
        plan=plan,
        members=members,
        steps=steps,
        initial={"member": request.GET["member"]} if request.GET.get("member") else None,
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.step_register,
            user=request.user,
            plan=plan,
            path=request.path,
            **form.cleaned_data,
        )
        if saved:
            return _section_saved(request, plan, _("The step has been registered."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Register a step"),
        section="progress",
        submit=_("Register"),
    )


@require_http_methods(["GET", "POST"])
def step_withdraw(request, pk, registration_pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    registration = get_object_or_404(
        StepRegistration.objects.select_related("member__citizen", "step"),
        plan=plan,
        pk=registration_pk,
        member__in=plan_access.visible_member_ids(request.user, plan),
    )
    if not access.can_withdraw_registration(request.user, plan, registration):
        raise PermissionDenied
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.step_registration_withdraw,
            user=request.user,
            plan=plan,
            registration=registration,
            path=request.path,
        )
        if saved:
            return _section_saved(request, plan, _("The registration has been withdrawn."))
    name = registration.member.citizen.first_name
    step = registration.step or _("the end of the course")
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Withdraw %(name)s's registration of %(step)s on %(date)s?")
        % {"name": name, "step": step, "date": registration.entered_on.strftime("%d.%m.%Y")},
        section="progress",
        submit=_("Withdraw the registration"),
    )


@require_http_methods(["GET", "POST"])
def step_model_choose(request, pk):
    plan = plan_selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    plan_access.require_coordinator(request.user, plan)
    model, _chosen = plan_selectors.model_for_plan(plan)
    form = forms.StepModelChoiceForm(
        request.POST or None,
        municipality_id=plan.municipality_id,
        initial={"step_model": model},
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.plan_choose_step_model, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _section_saved(request, plan, _("The plan's step model has been saved."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Choose the plan's step model"),
        section="progress",
    )


# The steering dashboard -----------------------------------------------------------------


def _filtered(request):
    access.steering_figures_or_404(request.user)
    today = timezone.localdate()
    choices = steering.group_choices(request.user)
    form = forms.SteeringFilterForm(request.GET, choices=choices, today=today)
    return form, today


@require_GET
def dashboard(request):
    form, today = _filtered(request)
    context = {"form": form, "quick_periods": forms.quick_periods(today), "figures": None}
    if form.is_valid():
        look = kept.steering_look(
            request.user,
            period=form.period,
            group=form.cleaned_data["group"],
            path=request.get_full_path(),
            again="again" in request.GET,
        )
        query = request.GET.copy()
        if query.pop("again", None) is not None and look.figures is None:
            # Asked for again: on to the page without it, so that its reload, its
            # polling and its language switch do not ask once more.
            return redirect(f"{reverse('progress:dashboard')}?{query.urlencode()}")
        context.update(look=look, query=query.urlencode())
        if (figures := look.figures) is not None:
            context.update(
                figures=figures,
                tables={table.key: table for table in tables.all_tables(figures)},
                steps_charts=tables.steps_charts(figures),
                movements_chart=tables.movements_chart(figures),
                continuity_charts=tables.continuity_charts(figures),
                cost_chart=tables.cost_chart(figures),
            )
    return render(request, "progress/dashboard.html", context)


# The file lands in the user's downloads folder: name it in Danish, without æ, ø and å.
EXPORT_FILE_NAMES = {
    "steps": "trin",
    "movements": "bevaegelser",
    "continuity": "moeder-og-sammenhaeng",
    "cost": "udgifter",
    "all": "alle",
}


@require_GET
def dashboard_export(request, table, fmt):
    form, _today = _filtered(request)
    if fmt not in ("xlsx", "csv") or (table not in tables.TABLE_KEYS and table != "all"):
        raise Http404
    if table == "all" and fmt == "csv":
        raise Http404
    if not form.is_valid():
        # A download link with a bad period: say what is wrong, in Danish, and export nothing.
        raise BadQuery(" ".join(m for errors in form.errors.values() for m in errors))
    look = kept.steering_look(
        request.user,
        period=form.period,
        group=form.cleaned_data["group"],
        path=request.get_full_path(),
        what=f"progress.steering.{table}.{fmt}",
        action=AuditAction.EXPORT,
    )
    if (figures := look.figures) is None:
        # Being computed on the task queue: the dashboard for the same figures says so,
        # and offers the download when they are there.
        return redirect(f"{reverse('progress:dashboard')}?{request.GET.urlencode()}")
    chosen = [t for t in tables.all_tables(figures) if table in ("all", t.key)]
    about = exports.about_rows(
        municipality=request.user.municipality,
        period=form.period,
        group=figures.group,
        computed_at=figures.generated_at,
    )
    period = f"{form.period.start:%Y-%m-%d}-{form.period.end:%Y-%m-%d}"
    name = f"styringsdata-{EXPORT_FILE_NAMES[table]}-{period}"
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(chosen[0], about), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.to_xlsx(chosen, about),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
