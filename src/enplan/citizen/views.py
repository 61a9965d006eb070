"""The citizen's pages: Min plan, writing back, consent, Min log, downloads.

Plain pages and plain forms (post, then redirect with a message): they work on any phone,
with or without JavaScript. Every page opens the plan through the citizen selectors, which
apply the policy's citizen rules and write the audit event.
"""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enplan.citizen import calendar, forms, mitid, selectors, services
from enplan.core import editing
from enplan.core.concurrency import EditConflict
from enplan.core.models import AuditAction
from enplan.core.pdf import render_pdf
from enplan.meetings import selectors as meeting_selectors
from enplan.plans import access as plan_access
from enplan.plans.models import Citizen, Goal


def citizen_page(view):
    """A page for a logged-in citizen: others are sent to the citizen's login (anonymous)
    or told it does not exist (staff, and anyone else)."""

    @login_required(login_url="citizen:login")
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not plan_access.is_citizen(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _plan_url(plan, anchor=""):
    url = reverse("citizen:plan", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


# Logging in --------------------------------------------------------------------------------


REFUSALS = {
    "too_young": lambda: _(
        "You can log in yourself from the age of 15. Until then, your parents can see your part "
        "of the plan."
    ),
    "broker": lambda: _("MitID does not answer right now. Please try again later."),
    "unknown": lambda: _(
        "We could not find a plan for you. If you think you should have one, call your "
        "municipality."
    ),
    "expired": lambda: _("Your login with MitID took too long. Please log in again."),
    "cancelled": lambda: _("You stopped the login with MitID. You can try again when you like."),
    "level": lambda: _(
        "Your plan needs a safe login with MitID, at the level called Betydelig. The login you "
        "used was not safe enough. Please log in again with the MitID app or a code display."
    ),
    "failed": lambda: _("The login did not work. Please try again."),
}


@login_not_required
@require_GET
def login_page(request, *, logged_out=False):
    if plan_access.is_citizen(request.user):
        return redirect("citizen:home")
    error = None
    if request.GET.get("fejl"):
        reason = request.session.pop(mitid.SESSION_REFUSAL, "")
        error = REFUSALS.get(reason, REFUSALS["failed"])()
    return render(
        request,
        "citizen/login.html",
        {
            "error": error,
            "logged_out": logged_out,
            "mitid": mitid.mitid_configured(),
            "test_mitid": mitid.test_mitid_allowed(),
        },
    )


@login_not_required
@require_GET
def logged_out(request):
    """Where the broker sends the browser back after logging the citizen out there too."""
    return login_page(request, logged_out=True)


@login_not_required
@require_POST
def logout(request):
    """Ends the session here and then at the MitID broker, so that the next person at a
    shared computer is asked for their own MitID instead of being let in as the last one."""
    via = request.session.get(mitid.SESSION_LOGOUT_VIA)
    if via:
        # 307 keeps the POST (and its CSRF token) for the other provider's logout.
        return HttpResponseRedirect(via, status=307)
    id_token = request.session.get(mitid.SESSION_ID_TOKEN, "")
    auth_logout(request)
    return redirect(mitid.logout_url_at_broker(request, id_token) or "citizen:logged_out")


@login_not_required
@require_http_methods(["GET", "POST"])
def test_mitid(request):
    """Development only: pick a demo citizen instead of MitID (docs/citizen-login.md)."""
    if not mitid.test_mitid_allowed():
        raise Http404
    citizens = [
        c
        for c in Citizen.objects.filter(memberships__isnull=False)
        .select_related("municipality")
        .distinct()
        .order_by("municipality__name", "last_name", "first_name")[:200]
        if plan_access.may_log_in_as_citizen(c)
    ]
    form = forms.TestMitIDForm(request.POST or None, citizens=citizens)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.citizen_user_for_login(cpr_number=form.cleaned_data["citizen"])
        except services.CitizenLoginRefused as refusal:
            form.add_error(None, REFUSALS[refusal.reason]())
        else:
            login(request, user, backend="enplan.citizen.mitid.MitIDBackend")
            return redirect("citizen:home")
    return render(request, "citizen/test_mitid.html", {"form": form})


# Min plan ----------------------------------------------------------------------------------


@citizen_page
@require_GET
def home(request):
    plans = list(selectors.citizen_plans(request.user))
    if len(plans) == 1:
        return redirect("citizen:plan", pk=plans[0].pk)
    return render(request, "citizen/home.html", {"plans": plans})


@citizen_page
@require_GET
def plan(request, pk):
    plan, scope = selectors.plan_open(request.user, pk, path=request.get_full_path())
    page = selectors.my_plan(plan, scope)
    return render(request, "citizen/plan.html", {"plan": plan, "page": page})


@citizen_page
@require_http_methods(["GET", "POST"])
def wishes(request, pk, member_pk):
    plan, scope = _open_for_form(request, pk)
    member = next((m for m in plan.members.select_related("citizen") if m.pk == member_pk), None)
    if member is None or member.pk not in scope.member_ids or not scope.can_write_for(member):
        raise Http404
    form = forms.WishesForm(
        request.POST or None, initial={"wishes": member.wishes, "version": member.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.wishes_update(
                user=request.user, plan=plan, member_pk=member.pk, **form.cleaned_data
            )
        except EditConflict as error:
            conflict = error
            data = form.data.copy()
            data["version"] = error.current_version
            form.data = data
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("Thank you. We have saved what you wrote."))
            return redirect(_plan_url(plan, "wishes"))
    return _form_page(
        request,
        plan,
        form,
        title=_("The most important thing for me")
        if member.pk == scope.member.pk
        else _("The most important thing for %(name)s") % {"name": member.citizen.first_name},
        anchor="wishes",
        conflict=conflict,
    )


def _open_for_form(request, pk):
    if request.method == "GET":
        return selectors.plan_open(request.user, pk, path=request.get_full_path())
    return selectors.plan_for_write(request.user, pk)


def _form_page(request, plan, form, *, title, anchor, conflict=None, intro="", submit=None):
    return render(
        request,
        "citizen/form_page.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "intro": intro,
            "conflict": conflict,
            "submit_label": submit or _("Save"),
            "cancel_url": _plan_url(plan, anchor),
        },
    )


@citizen_page
@require_http_methods(["GET", "POST"])
def goal_comment(request, pk, goal_pk):
    plan, scope = _open_for_form(request, pk)
    goal = Goal.objects.filter(plan=plan, pk=goal_pk).filter(scope.parts()).first()
    if goal is None:
        raise Http404
    return _write_back(
        request,
        plan,
        forms.CommentForm(request.POST or None),
        lambda **data: services.goal_comment(user=request.user, plan=plan, goal_pk=goal.pk, **data),
        success=_("Thank you. Your comment is saved."),
        title=_("Comment on a goal"),
        intro=goal.title,
        anchor=f"goal-{goal.pk}",
        submit=_("Send comment"),
    )


@citizen_page
@require_http_methods(["GET", "POST"])
def person_add(request, pk):
    plan, _scope = _open_for_form(request, pk)
    return _write_back(
        request,
        plan,
        forms.PersonForm(request.POST or None),
        lambda **data: services.private_person_add(user=request.user, plan=plan, **data),
        success=_("The person is now in your network."),
        title=_("Add a person you lean on"),
        intro=_("For example family, a friend or a mentor."),
        anchor="network",
        submit=_("Add person"),
    )


@citizen_page
@require_http_methods(["GET", "POST"])
def topic_add(request, pk):
    plan, _scope = _open_for_form(request, pk)
    return _write_back(
        request,
        plan,
        forms.TopicForm(request.POST or None),
        lambda **data: services.meeting_topic_add(user=request.user, plan=plan, **data),
        success=_("Thank you. We will take it up at the next meeting."),
        title=_("What I want to talk about at the next meeting"),
        anchor="meetings",
        submit=_("Send"),
    )


def _write_back(request, plan, form, write, *, success, anchor, **page):
    """Something new the citizen writes: save and go back to the plan, or show the form
    again with Danish messages and nothing saved."""
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(form, write, **form.cleaned_data)
        if saved:
            messages.success(request, success)
            return redirect(_plan_url(plan, anchor))
    return _form_page(request, plan, form, anchor=anchor, **page)


@citizen_page
@require_http_methods(["GET", "POST"])
def sharing(request, pk):
    plan, scope = _open_for_form(request, pk)
    if plan.kind != "household":
        raise Http404
    member = scope.member
    young = scope.is_young_person
    current = not member.hides_writing_from_custodians if young else member.shares_with_household
    form = forms.SharingForm(
        request.POST or None,
        young_person=young,
        initial={"share": "yes" if current else "no", "version": member.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.sharing_update(
                user=request.user,
                plan=plan,
                version=form.cleaned_data["version"],
                share=form.cleaned_data["share"],
            )
        except EditConflict as error:
            conflict = error
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect(_plan_url(plan, "sharing"))
    return _form_page(
        request,
        plan,
        form,
        title=_("Who in the family sees your part"),
        anchor="sharing",
        conflict=conflict,
    )


# Consent -----------------------------------------------------------------------------------


@citizen_page
@require_GET
def consent(request, pk):
    plan, scope = selectors.plan_open(request.user, pk, path=request.get_full_path())
    areas, consents = selectors.consent_overview(plan, scope)
    return render(
        request,
        "citizen/consent.html",
        {"plan": plan, "scope": scope, "areas": areas, "consents": consents},
    )


@citizen_page
@require_http_methods(["GET", "POST"])
def consent_change(request, pk, department_pk, action):
    """Give or withdraw consent for one department, after a confirmation."""
    if action not in {"give", "withdraw"}:
        raise Http404
    plan, scope = _open_for_form(request, pk)
    if not scope.can_manage_consent:
        raise Http404
    areas, _consents = selectors.consent_overview(plan, scope)
    item = next((d for a in areas for d in a.departments if d.department.pk == department_pk), None)
    if item is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            if action == "withdraw":
                services.consent_withdraw(user=request.user, plan=plan, department_pk=department_pk)
                messages.success(
                    request,
                    _("%(name)s can no longer see your plan.") % {"name": item.department.name},
                )
            else:
                services.consent_give(user=request.user, plan=plan, department_pk=department_pk)
                messages.success(
                    request, _("%(name)s may now see your plan.") % {"name": item.department.name}
                )
        except ValidationError as refusal:
            error = refusal.messages[0]
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("citizen:consent", pk=plan.pk)
    return render(
        request,
        "citizen/consent_confirm.html",
        {"plan": plan, "item": item, "action": action, "error": error},
    )


# Min log -----------------------------------------------------------------------------------


@citizen_page
@require_GET
def access_log(request, pk):
    plan, scope = selectors.plan_open(request.user, pk, path=request.get_full_path())
    events = selectors.access_events(request.user, plan, scope)
    # The filter's list of organisations and the counts come from one query; its dates and
    # kind are read first, since the counts under them are part of it.
    data = request.GET or None
    first = forms.LogFilterForm(data, organisations=[request.GET.get("organisation", "")])
    summary = selectors.log_summary(
        events, selectors.LogFilter(**first.cleaned_data) if data and first.is_valid() else None
    )
    form = forms.LogFilterForm(data, organisations=summary.organisations)
    filters = None
    if form.is_bound and form.is_valid():
        filters = selectors.LogFilter(**form.cleaned_data)
        events = selectors.filter_events(events, filters)
    page = selectors.access_page(events, request.GET.get("side"), count=summary.count(filters))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "citizen/access_log.html",
        {"plan": plan, "form": form, "page_obj": page, "query": query.urlencode()},
    )


# My data -----------------------------------------------------------------------------------


@citizen_page
@require_GET
def my_data(request, pk):
    """GDPR art. 15: what the municipality holds, why, under which law, how long, whom to ask."""
    plan, scope = selectors.plan_open(request.user, pk, path=request.get_full_path())
    return render(
        request,
        "citizen/my_data.html",
        {"plan": plan, "scope": scope, "contact": selectors.privacy_contact(plan)},
    )


@citizen_page
@require_GET
def download_json(request, pk):
    plan, scope = selectors.plan_open(
        request.user, pk, path=request.get_full_path(), action=AuditAction.EXPORT
    )
    data = selectors.all_my_data(request.user, plan, scope)
    return _json_download(data, "min-plan", "application/json")


@citizen_page
@require_GET
def download_fhir(request, pk):
    """The same data as a FHIR R4 Bundle, for a health app or another system."""
    plan, scope = selectors.plan_open(
        request.user, pk, path=request.get_full_path(), action=AuditAction.EXPORT
    )
    bundle = selectors.my_data_fhir(request.user, plan, scope)
    return _json_download(bundle, "min-plan-fhir", "application/fhir+json")


def _json_download(data, name: str, content_type: str) -> HttpResponse:
    """A JSON file to keep, named after the day it was downloaded."""
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type=content_type
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response


@citizen_page
@require_GET
def download_pdf(request, pk):
    plan, scope = selectors.plan_open(
        request.user, pk, path=request.get_full_path(), action=AuditAction.EXPORT
    )
    page = selectors.my_plan(plan, scope)
    pdf = render_pdf(
        request,
        "citizen/plan_pdf.html",
        {"plan": plan, "page": page, "printed": timezone.localtime()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="min-plan-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    return response


@citizen_page
@require_GET
def meeting_ics(request, pk, meeting_pk):
    plan, _scope = selectors.plan_for_write(request.user, pk)
    meeting = selectors.meeting_for_calendar(
        request.user, plan, meeting_pk, path=request.get_full_path()
    )
    if meeting is None:
        raise Http404
    response = HttpResponse(
        calendar.meeting_ics(meeting, plan=plan), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="moede-{meeting.pk}.ics"'
    return response


# For everyone ------------------------------------------------------------------------------


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "citizen/accessibility.html")


# The citizen's topics in the meeting (the staff's side) ----------------------------------


@require_POST
def meeting_topic_talked_about(request, meeting_pk, topic_pk):
    """The person running the meeting ticks off a topic the citizen wrote."""
    plan_access.staff_side_or_404(request.user)
    meeting = meeting_selectors.meeting_for_form(
        request.user, meeting_pk, opening=False, path=request.path
    )
    topic = selectors.topic_for_meeting_or_404(request.user, meeting, topic_pk)
    services.meeting_topic_talked_about(user=request.user, meeting=meeting, topic=topic)
    messages.success(request, _("The topic is ticked off."))
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#citizen-topics")
