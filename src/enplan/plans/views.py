"""The caseload and the plan page.

Every edit on the plan page is a small form that works with and without JavaScript: htmx
swaps the form into its section and the saved section back, a plain POST redirects to the
plan. The views stay thin: selectors read (and audit), services write (and audit).
"""

from copy import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import reswap, retarget, trigger_client_event

from enplan.core import access as core_access
from enplan.core import editing, notifications
from enplan.core.concurrency import EditConflict
from enplan.core.cpr import mask as cpr_mask
from enplan.core.forms import AlreadySubmitted
from enplan.core.pdf import render_pdf
from enplan.core.sections import collect
from enplan.organisation import access as organisation_access
from enplan.plans import access, forms, notices, selectors, services
from enplan.plans import editing as plan_editing
from enplan.plans.forms import ActorEditForm, ActorEndForm, ActorForm
from enplan.plans.models import Consent, Goal, Intervention, PlanKind

# Parts of every plan page that may change whenever anything on the plan is saved, and
# the log, which changes too but is only on the overview and the log's own page.
ALWAYS_REFRESHED = ("summary", "deviations")


def _saved(request, plan, section, message):
    if not request.htmx:
        messages.success(request, message)
        return redirect(plan_editing.plan_url(plan, section))
    page = selectors.plan_page(request.user, plan)
    shown = plan_editing.page_shown(request, plan)
    refreshed = [s for s in ALWAYS_REFRESHED if s != section]
    if shown in ("overview", "log") and section != "log":
        refreshed.append("log")
    response = render(
        request,
        "plans/_saved.html",
        {
            "page": page,
            "plan": plan,
            "section": section,
            "refreshed": refreshed,
            "message": message,
            "overview": shown == "overview",
        },
    )
    response = reswap(retarget(response, f"#{section}"), "outerHTML")
    return trigger_client_event(response, "enplan:saved", {"section": section}, after="settle")


# Caseload -------------------------------------------------------------------------------


@require_GET
def caseload(request):
    access.staff_side_or_404(request.user)
    if not organisation_access.works_with_cases(request.user):
        return render(request, "plans/no_caseload.html", status=200)
    search = request.GET.get("q", "").strip()[:100]
    sort = request.GET.get("sort", "review")
    if sort not in selectors.CASELOAD_SORTS:
        sort = "review"
    page = selectors.caseload_page(
        request.user,
        search=search,
        sort=sort,
        page_number=request.GET.get("page"),
        path=request.get_full_path(),
    )
    context = {
        "rows": selectors.caseload_rows(page.object_list, request.user),
        "page_obj": page,
        "search": search,
        "sort": sort,
        "extra_query": "&" + urlencode({"q": search, "sort": sort}),
    }
    if request.htmx and request.htmx.target == "caseload-results":
        return render(request, "plans/caseload.html#results", context)
    return render(request, "plans/caseload.html", context)


# Creating a plan ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_create(request):
    organisation_access.professional_or_404(request.user)
    form = forms.PlanCreateForm(request.POST or None, initial={"kind": PlanKind.CITIZEN})
    members = forms.NewMemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        new_members = [
            services.NewMember(**member.cleaned_data) for member in members if member.cleaned_data
        ]
        try:
            plan = services.plan_create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                members=new_members,
                review_date=form.cleaned_data["review_date"],
                path=request.path,
                form_token=form.cleaned_data["form_token"],
            )
        except AlreadySubmitted:
            # A second click on Opret: the first made the plan, which is on the caseload.
            return redirect("plans:caseload")
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("The plan has been created."))
            return redirect(plan_editing.plan_url(plan))
    return render(request, "plans/plan_create.html", {"form": form, "members": members})


# The plan page --------------------------------------------------------------------------


@require_GET
def plan_detail(request, pk):
    """The plan's first page: who and what matters, what is late or due, the latest log
    entries. The rest of the plan is on its section pages, listed in the section menu."""
    plan = selectors.plan_open(request.user, pk, path=request.get_full_path())
    page = selectors.plan_page(request.user, plan)
    context = {
        "page": page,
        "plan": plan,
        "overview": True,
        # Listing the sections reads nothing; each reads its data only when it is shown.
        "sections": collect("plan_sections", user=request.user, plan=plan, page=page),
        "shown": collect("plan_overview_sections", user=request.user, plan=plan, page=page),
    }
    return render(request, "plans/plan_detail.html", context)


@require_GET
def plan_section(request, pk, key):
    """One section of the plan on a page of its own, under the plan's summary and menu."""
    plan = selectors.plan_open(request.user, pk, path=request.get_full_path())
    page = selectors.plan_page(request.user, plan, log_page_number=request.GET.get("log"))
    sections = collect("plan_sections", user=request.user, plan=plan, page=page)
    section = next((s for s in sections if s.key == key), None)
    if section is None:
        raise Http404
    if section.url:
        return redirect(section.url)
    if request.htmx and request.htmx.target == key == "log":
        return render(request, "plans/_plan_sections.html#log", {"page": page, "plan": plan})
    context = {
        "page": page,
        "plan": plan,
        "current": section,
        "sections": sections,
        "shown": [section],
    }
    return render(request, "plans/plan_detail.html", context)


@require_GET
def plan_print(request, pk):
    """The whole plan on one printable page, with what other apps add (the network map)."""
    plan = selectors.plan_print_open(request.user, pk, path=request.get_full_path())
    page = selectors.plan_page(request.user, plan)
    context = {
        "page": page,
        "plan": plan,
        "log_entries": list(selectors.visible_log_entries(plan, page.visible_member_ids)),
        "sections": collect("plan_print_sections", user=request.user, plan=plan, page=page),
    }
    return render(request, "plans/plan_print.html", context)


@require_GET
def plan_pdf(request, pk):
    """The whole plan as a tagged PDF (PDF/UA-1) with its title and metadata, audited as
    an export. Its file name carries the plan's number and the day, never a name."""
    plan = selectors.plan_print_open(request.user, pk, path=request.get_full_path())
    page = selectors.plan_page(request.user, plan)
    context = {
        "page": page,
        "plan": plan,
        "printed": timezone.localtime(),
        "log_entries": list(selectors.visible_log_entries(plan, page.visible_member_ids)),
        "sections": collect("plan_print_sections", user=request.user, plan=plan, page=page),
    }
    response = HttpResponse(render_pdf(request, "plans/plan_pdf.html", context))
    response["Content-Type"] = "application/pdf"
    response["Content-Disposition"] = (
        f'attachment; filename="plan-{plan.pk}-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    return response


@require_GET
def plan_history(request, pk):
    plan = selectors.plan_open(request.user, pk, path=request.get_full_path())
    changes = selectors.plan_history(request.user, plan)
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    return render(request, "plans/plan_history.html", {"plan": plan, "page_obj": page})


@require_http_methods(["GET", "POST"])
def plan_settings(request, pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    form = forms.PlanSettingsForm(
        request.POST or None,
        initial={
            "title": plan.title,
            "review_date": plan.review_date,
            "status": plan.status,
            "version": plan.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                user=request.user,
                plan=plan,
                version=data["version"],
                title=data["title"],
                review_date=data["review_date"],
                status=data["status"],
            )
        except EditConflict as error:
            conflict = editing.keep_input(form, error)
        else:
            return _saved(request, plan, "summary", _("The plan has been saved."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Name, review date and status"),
        section="summary",
        conflict=conflict,
    )


@require_http_methods(["GET", "POST"])
def plan_annul(request, pk):
    """A plan created by mistake is annulled by its coordinator, after a confirmation
    page: it leaves every list at once and is deleted after the audit period."""
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    form = forms.PlanAnnulForm(request.POST or None, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        if not editing.confirmed(request):
            return editing.confirmation(
                request,
                title=_("Annul the plan %(title)s") % {"title": plan.title},
                lead=[
                    _("The plan disappears from every list and page, also for the citizen."),
                    _(
                        "Its contents are kept, unseen, for %(days)s days for the audit trail, "
                        "and then deleted."
                    )
                    % {"days": settings.ENPLAN_ANNULLED_PLAN_KEEP_DAYS},
                    _("Reason: %(reason)s") % {"reason": form.cleaned_data["reason"]},
                ],
                submit=_("Annul the plan"),
                cancel_url=plan_editing.plan_url(plan),
            )
        saved, conflict = editing.attempt(
            form,
            services.plan_annul,
            user=request.user,
            plan=plan,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            path=request.path,
        )
        if saved:
            messages.success(request, _("The plan has been annulled."))
            return redirect("plans:caseload")
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Annul a plan created by mistake"),
        section="summary",
        conflict=conflict,
        submit=_("Continue"),
    )


@require_http_methods(["GET", "POST"])
def handover(request, pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    form = forms.HandoverForm(request.POST or None, plan=plan, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid() and not form.cleaned_data["confirmed"]:
        # A hand-over cannot be taken back by the one who made it: say what changes first.
        return _handover_confirmation(request, plan, form)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirmed"}
        saved, conflict = editing.attempt(
            form, services.coordinator_hand_over, user=request.user, plan=plan, **data
        )
        if saved:
            messages.success(request, _("Coordination has been handed over."))
            # The previous coordinator may no longer see the plan, so leave it for the caseload.
            target = (
                plan_editing.plan_url(plan)
                if access.plans_visible_to(request.user).filter(pk=plan.pk).exists()
                else reverse("plans:caseload")
            )
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Hand over coordination"),
        section="summary",
        conflict=conflict,
        submit=_("Hand over"),
    )


def _handover_confirmation(request, plan, form):
    new = form.cleaned_data["to_coordinator"]
    lead = [
        _("%(name)s becomes the coordinator and the citizen's way in.") % {"name": new.name},
        _("You stay in the citizen's network as former coordinator.")
        if form.cleaned_data["previous_stays_in_network"]
        else _("You leave the citizen's network, and the plan leaves your caseload."),
        _("%(name)s, you and the citizen are told, and the stafetlog records it.")
        % {"name": new.name},
    ]
    confirm = forms.HandoverForm(request.POST, plan=plan, confirming=True)
    return plan_editing.render_form(
        request,
        plan,
        confirm,
        title=_("Hand over coordination to %(name)s?") % {"name": new.name},
        section="summary",
        submit=_("Yes, hand over"),
        lead=lead,
    )


# Members' own words ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def member_wishes(request, pk, member_pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    member = access.visible_member_or_404(request.user, plan, member_pk)
    # Refused before the form is read: the service holds the same rule.
    access.require_can_write_wishes(request.user, plan)
    form = forms.MemberWishesForm(
        request.POST or None,
        initial={
            "wishes": member.wishes,
            "goal_areas": member.goal_areas,
            "version": member.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(user=request.user, plan=plan, member=member, **form.cleaned_data)
        except EditConflict as error:
            conflict = editing.keep_input(form, error)
        else:
            return _saved(request, plan, "wishes", _("Saved."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("The most important thing for %(name)s") % {"name": member.citizen.first_name},
        section="wishes",
        conflict=conflict,
    )


@require_http_methods(["GET", "POST"])
def member_custody(request, pk, member_pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    member = access.visible_member_or_404(request.user, plan, member_pk)
    form = forms.CustodyForm(
        request.POST or None,
        plan=plan,
        member=member,
        initial={"custodians": list(member.custodians.all())},
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.member_set_custodians,
            user=request.user,
            plan=plan,
            member=member,
            custodians=list(form.cleaned_data["custodians"]),
        )
        if saved:
            return _saved(request, plan, "wishes", _("Saved."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Custody of %(name)s") % {"name": member.citizen.first_name},
        section="wishes",
    )


@require_http_methods(["GET", "POST"])
def member_correct(request, pk, member_pk):
    """The coordinator corrects a name or CPR number typed wrong, after a confirmation
    page that says what changes."""
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    member = access.visible_member_or_404(request.user, plan, member_pk)
    citizen = member.citizen
    form = forms.CitizenCorrectForm(
        request.POST or None,
        initial={
            "first_name": citizen.first_name,
            "last_name": citizen.last_name,
            "cpr": citizen.cpr,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not editing.confirmed(request):
            lead = [
                _("The name becomes %(name)s.")
                % {"name": f"{data['first_name'].strip()} {data['last_name'].strip()}"}
            ]
            if data["cpr"] != citizen.cpr:
                lead.append(
                    _(
                        "The CPR number changes from %(old)s to %(new)s. The citizen's MitID "
                        "login must be made again."
                    )
                    % {"old": citizen.masked_cpr, "new": cpr_mask(data["cpr"])}
                )
            lead.append(_("The old values stay in the citizen's history."))
            return editing.confirmation(
                request,
                title=_("Correct %(name)s") % {"name": citizen.full_name},
                lead=lead,
                submit=_("Correct"),
                cancel_url=plan_editing.plan_url(plan),
            )
        saved, _conflict = editing.attempt(
            form,
            services.citizen_correct,
            user=request.user,
            plan=plan,
            member=member,
            first_name=data["first_name"],
            last_name=data["last_name"],
            cpr_number=data["cpr"],
            path=request.path,
        )
        if saved:
            messages.success(request, _("The correction has been saved."))
            return redirect(plan_editing.plan_url(plan))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Correct name or CPR number"),
        section="wishes",
        submit=_("Continue"),
    )


@require_http_methods(["GET", "POST"])
def member_remove(request, pk, member_pk):
    """The coordinator takes a person added by mistake out of a household plan, after a
    confirmation page."""
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    member = access.visible_member_or_404(request.user, plan, member_pk)
    if request.method == "POST":
        if not editing.confirmed(request):
            return editing.confirmation(
                request,
                title=_("Remove %(name)s from the plan") % {"name": member.citizen.full_name},
                lead=[
                    _("%(name)s is no longer part of the plan, and the plan leaves their Min plan.")
                    % {"name": member.citizen.first_name},
                    _("The audit trail keeps that they were in it."),
                ],
                submit=_("Remove from the plan"),
                cancel_url=plan_editing.plan_url(plan),
            )
        try:
            services.member_remove(user=request.user, plan=plan, member=member, path=request.path)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The person has been removed from the plan."))
        return redirect(plan_editing.plan_url(plan))
    return editing.confirmation(
        request,
        title=_("Remove %(name)s from the plan") % {"name": member.citizen.full_name},
        lead=[_("Only for a person added to the plan by mistake.")],
        submit=_("Continue"),
        cancel_url=plan_editing.plan_url(plan),
    )


# Goals ----------------------------------------------------------------------------------


def _part_edit(
    request,
    pk,
    part_pk,
    *,
    model,
    form_class,
    create,
    update,
    section,
    saved,
    may_change=None,
    require_writer=None,
):
    """Add or change a goal or an intervention: a part of the plan that may belong to one
    member, edited under optimistic locking."""
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    if require_writer is not None:
        # Refused before the form is read: the service holds the same rule.
        require_writer(request.user, plan)
    member_ids = access.visible_member_ids(request.user, plan)
    part = None
    if part_pk is not None:
        part = access.visible_part_or_404(request.user, plan, model.objects.all(), part_pk)
        # Refused before the form is read: the service holds the same rule.
        if may_change is not None:
            core_access.require(may_change(request.user, plan, part))
    form = form_class(
        request.POST or None,
        # A copy: validating a model form writes the input onto its instance, and the
        # service must see the part as stored to know what changed.
        instance=copy(part),
        plan=plan,
        member_ids=member_ids,
        initial={"version": part.version if part else None},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if part is None:
            ok, conflict = editing.attempt(form, create, user=request.user, plan=plan, **data)
        else:
            version = form.cleaned_data["version"]
            ok, conflict = editing.attempt(
                form, update, part, user=request.user, plan=plan, version=version, **data
            )
        if ok:
            return _saved(request, plan, section, saved)
    return plan_editing.render_form(
        request, plan, form, title=form_class.title_for(part), section=section, conflict=conflict
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_pk=None):
    return _part_edit(
        request,
        pk,
        goal_pk,
        model=Goal,
        form_class=forms.GoalForm,
        create=services.goal_create,
        update=lambda goal, **values: services.goal_update(goal=goal, **values),
        section="goals",
        saved=_("The goal has been saved."),
        require_writer=access.require_can_change_goals,
    )


# Interventions --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def intervention_edit(request, pk, intervention_pk=None):
    return _part_edit(
        request,
        pk,
        intervention_pk,
        model=Intervention,
        form_class=forms.InterventionForm,
        create=lambda **values: services.intervention_create(path=request.path, **values),
        update=lambda intervention, **values: services.intervention_update(
            intervention=intervention, **values
        ),
        section="interventions",
        saved=_("The intervention has been saved."),
        may_change=lambda user, plan, intervention: access.can_change_intervention(
            user, plan, intervention.department_id
        ),
    )


# Stafetlog ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def log_entry_create(request, pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    goals = access.parts_visible_to(request.user, plan, Goal.objects.all())
    interventions = access.parts_visible_to(request.user, plan, Intervention.objects.all())
    form = forms.LogEntryForm(
        request.POST or None,
        plan=plan,
        goals=goals,
        interventions=interventions,
        # "Propose a change" on a goal opens the log form about that goal.
        initial={"goal": request.GET.get("goal")} if request.method == "GET" else None,
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.log_entry_create, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, "log", _("The log entry has been added."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("New log entry"),
        section="log",
        submit=_("Add to log"),
    )


# Network --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def actor_add(request, pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    member_ids = access.visible_member_ids(request.user, plan)
    form = ActorForm(request.POST or None, plan=plan, member_ids=member_ids)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.actor_add, user=request.user, plan=plan, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, "network", _("The person has been added to the network."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Add to the network"),
        section="network",
        submit=_("Add"),
    )


@require_http_methods(["GET", "POST"])
def actor_edit(request, pk, actor_pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    actor = access.visible_actor_or_404(request.user, plan, actor_pk)
    form = ActorEditForm(
        request.POST or None, instance=copy(actor), initial={"version": actor.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = editing.attempt(
            form,
            services.actor_update,
            user=request.user,
            plan=plan,
            actor=actor,
            **form.cleaned_data,
        )
        if saved:
            return _saved(request, plan, "network", _("The person's details have been saved."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Edit %(name)s") % {"name": actor.display_name},
        section="network",
        conflict=conflict,
    )


@require_http_methods(["GET", "POST"])
def actor_end(request, pk, actor_pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    actor = access.visible_actor_or_404(request.user, plan, actor_pk)
    form = ActorEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form, services.actor_end, user=request.user, plan=plan, actor=actor, **form.cleaned_data
        )
        if saved:
            return _saved(request, plan, "network", _("The involvement has been ended."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("End the involvement of %(name)s") % {"name": actor.display_name},
        section="network",
        submit=_("End involvement"),
    )


# Consent --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def consent_create(request, pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    form = forms.ConsentForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["covers"] = list(data.get("covers") or [])
        data["departments"] = list(data["departments"])
        data["areas"] = list(data["areas"])
        saved, _conflict = editing.attempt(
            form, services.consent_record, user=request.user, plan=plan, **data
        )
        if saved:
            return _saved(request, plan, "consent", _("The consent has been recorded."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Record consent"),
        section="consent",
        submit=_("Record consent"),
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk, consent_pk):
    plan = selectors.plan_for_form(request.user, pk, **editing.form_read(request))
    access.require_coordinator(request.user, plan)
    consent = get_object_or_404(
        Consent.objects.select_related("given_by__citizen"), plan=plan, pk=consent_pk
    )
    form = forms.ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.consent_withdraw,
            user=request.user,
            plan=plan,
            consent=consent,
            **form.cleaned_data,
        )
        if saved:
            return _saved(request, plan, "consent", _("The consent has been withdrawn."))
    return plan_editing.render_form(
        request,
        plan,
        form,
        title=_("Withdraw consent from %(name)s") % {"name": consent.given_by.citizen.full_name},
        section="consent",
        submit=_("Withdraw consent"),
    )


@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        ids = request.POST.getlist("notification")
        notifications.mark_read(user=request.user, notification_ids=ids or None)
        return redirect("notifications")
    page = notices.notifications_page(
        request.user, page_number=request.GET.get("page"), path=request.get_full_path()
    )
    return render(request, "core/notifications.html", {"page_obj": page})
