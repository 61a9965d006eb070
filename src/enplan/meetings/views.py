"""Meetings: planning, the meeting page, recording, the citizen's evaluation, the recap,
the calendar file and the themes overview. Views stay thin: selectors read (and audit),
services write (and audit), the policy decides who may do what."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enplan.core import editing
from enplan.core.concurrency import EditConflict
from enplan.core.sections import collect
from enplan.core.sms import is_danish_mobile
from enplan.meetings import (
    access,
    calendar,
    focus,
    forms,
    public_access,
    selectors,
    services,
)
from enplan.meetings.models import DecisionEffect, LearningRecap
from enplan.meetings.questions import questions_for
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import forms as plan_forms
from enplan.plans import selectors as plan_selectors
from enplan.plans.models import Goal, Intervention


def _meeting_url(meeting, section=""):
    url = reverse("meetings:detail", args=[meeting.pk])
    return f"{url}#{section}" if section else url


def _simple_form(request, meeting, form, *, conflict, title, submit, lead="", danger=False):
    return render(
        request,
        "meetings/simple_form.html",
        {
            "meeting": meeting,
            "plan": meeting.plan,
            "form": form,
            "conflict": conflict,
            "title": title,
            "lead": lead,
            "submit": submit,
            "danger": danger,
        },
    )


# The plan's meetings --------------------------------------------------------------------


@require_GET
def plan_meetings(request, plan_pk):
    plan = plan_selectors.plan_open(request.user, plan_pk, path=request.get_full_path())
    page = selectors.plan_meetings(request.user, plan)
    return render(request, "meetings/plan_meetings.html", {"plan": plan, "page": page})


def _meeting_form(request, plan, *, meeting=None):
    member_ids = plan_access.visible_member_ids(request.user, plan)
    actors = selectors.invitable_actors(plan, member_ids)
    members = selectors.invitable_members(plan, member_ids)
    initial = (
        forms.MeetingForm.initial_for(meeting)
        if meeting is not None
        else forms.MeetingForm.initial_new(members, actors)
    )
    return forms.MeetingForm(
        request.POST or None,
        initial=initial,
        actors=actors,
        members=members,
        conversation_types=selectors.conversation_types_for(plan.municipality_id),
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, plan_pk):
    plan = plan_selectors.plan_for_form(request.user, plan_pk, **editing.form_read(request))
    organisation_access.professional_or_404(request.user)
    form = _meeting_form(request, plan)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                user=request.user, plan=plan, path=request.path, **form.service_values()
            )
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect(_meeting_url(meeting))
    return render(
        request,
        "meetings/meeting_form.html",
        {"plan": plan, "form": form, "title": _("Plan a meeting"), "submit": _("Plan meeting")},
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    plan = meeting.plan
    form = _meeting_form(request, plan, meeting=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = editing.attempt(
            form,
            lambda: services.meeting_update(
                user=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            ),
        )
        if saved:
            messages.success(request, _("The meeting has been changed."))
            return redirect(_meeting_url(meeting))
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "plan": plan,
            "meeting": meeting,
            "form": form,
            "conflict": conflict,
            "title": _("Change the meeting"),
            "submit": _("Save"),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    form = forms.CancelForm(request.POST or None, initial={"version": meeting.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = editing.attempt(
            form,
            lambda: services.meeting_cancel(
                user=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect(_meeting_url(meeting))
    return _simple_form(
        request,
        meeting,
        form,
        conflict=conflict,
        title=_("Cancel the meeting"),
        lead=_("The invited are not told by Én plan: tell them yourself."),
        submit=_("Cancel the meeting"),
        danger=True,
    )


# One meeting ----------------------------------------------------------------------------


@require_GET
def meeting_detail(request, pk):
    meeting = selectors.meeting_open(request.user, pk, path=request.get_full_path())
    page = selectors.meeting_page(request.user, meeting)
    context = {
        "page": page,
        "plan": meeting.plan,
        # What apps above add to the meeting's agenda (the citizen's own topics).
        "sections": collect("meeting_sections", user=request.user, meeting=meeting, page=page),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_GET
def meeting_agenda(request, pk):
    """The printable agenda and list of invitations."""
    meeting = selectors.meeting_open(request.user, pk, path=request.get_full_path())
    page = selectors.meeting_page(request.user, meeting)
    context = {
        "page": page,
        "plan": meeting.plan,
        "sections": collect("meeting_sections", user=request.user, meeting=meeting, page=page),
        "printing": True,
    }
    return render(request, "meetings/agenda.html", context)


@require_GET
def meeting_ics(request, pk):
    meeting = selectors.meeting_export(request.user, pk, path=request.get_full_path())
    body = calendar.meeting_ics(meeting, url=request.build_absolute_uri(_meeting_url(meeting)))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="moede-{day}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def meeting_record(request, pk):
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    member_ids = plan_access.visible_member_ids(request.user, meeting.plan)
    participants = selectors.meeting_participants(meeting, member_ids)
    form = forms.AttendanceForm(
        request.POST or None, participants=participants, initial={"version": meeting.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = editing.attempt(
            form,
            lambda: services.meeting_record(
                user=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                attendance=form.attendance(),
            ),
        )
        if saved:
            messages.success(request, _("Attendance has been recorded."))
            return redirect(_meeting_url(meeting, "decisions"))
    return _simple_form(
        request,
        meeting,
        form,
        conflict=conflict,
        title=_("Who came?"),
        lead=_("No-shows are recorded too: they count when the network looks back."),
        submit=_("Save attendance"),
    )


# Decisions ------------------------------------------------------------------------------

EFFECT_FORMS = {
    DecisionEffect.GOAL_CREATE: "goal",
    DecisionEffect.GOAL_UPDATE: "goal",
    DecisionEffect.INTERVENTION_CREATE: "intervention",
    DecisionEffect.INTERVENTION_UPDATE: "intervention",
}


@require_http_methods(["GET", "POST"])
def decision_create(request, pk):
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    plan = meeting.plan
    params = request.POST if request.method == "POST" else request.GET
    effect = params.get("effect", DecisionEffect.LOG)
    if effect not in DecisionEffect.values:
        effect = DecisionEffect.LOG
    member_ids = plan_access.visible_member_ids(request.user, plan)
    goals = plan_access.parts_visible_to(request.user, plan, Goal.objects.all())
    interventions = plan_access.parts_visible_to(
        request.user, plan, Intervention.objects.select_related("department")
    )
    context = {
        "meeting": meeting,
        "plan": plan,
        "effect": effect,
        # A professional who convened the meeting records decisions, but the goals stay
        # the coordinator's (`plans.access.can_change_goals`): a decision about a goal is
        # then recorded in the log for the coordinator to take up.
        "effects": [
            (value, label)
            for value, label in DecisionEffect.choices
            if value not in (DecisionEffect.GOAL_CREATE, DecisionEffect.GOAL_UPDATE)
            or plan_access.can_change_goals(request.user, plan)
        ],
    }

    target = None
    if effect in (DecisionEffect.GOAL_UPDATE, DecisionEffect.INTERVENTION_UPDATE):
        is_goal = effect == DecisionEffect.GOAL_UPDATE
        choices = goals if is_goal else interventions
        picked = params.get("target", "")
        target = choices.filter(pk=picked).first() if picked.isdigit() else None
        if target is None:
            context["choose_form"] = forms.ChooseForm(
                params if picked else None,
                label=_("Which goal?") if is_goal else _("Which intervention?"),
                queryset=choices,
            )
            return render(request, "meetings/decision_form.html", context)

    form = forms.DecisionForm(request.POST or None)
    subform = None
    kind = EFFECT_FORMS.get(effect)
    if kind is not None:
        form_class = plan_forms.GoalForm if kind == "goal" else plan_forms.InterventionForm
        # A copy: validating a model form writes the input onto its instance.
        subform = form_class(
            request.POST or None,
            instance=copy(target),
            plan=plan,
            member_ids=member_ids,
            prefix=kind,
            initial={"version": target.version if target else None},
        )
    conflict = None
    if request.method == "POST" and form.is_valid() and (subform is None or subform.is_valid()):
        values = version = None
        if subform is not None:
            values = {
                k: v for k, v in subform.cleaned_data.items() if k not in ("version", "form_token")
            }
            version = subform.cleaned_data.get("version")
        try:
            services.decision_record(
                user=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                effect=effect,
                goal=target if kind == "goal" else None,
                goal_version=version if kind == "goal" else None,
                goal_values=values if kind == "goal" else None,
                intervention=target if kind == "intervention" else None,
                intervention_version=version if kind == "intervention" else None,
                intervention_values=values if kind == "intervention" else None,
                path=request.path,
            )
        except EditConflict as error:
            conflict = editing.keep_input(subform, error)
        except ValidationError as error:
            editing.apply_errors(subform if subform is not None else form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(_meeting_url(meeting, "decisions"))
    context.update({"form": form, "subform": subform, "target": target, "conflict": conflict})
    return render(request, "meetings/decision_form.html", context)


# The citizen's evaluation ---------------------------------------------------------------


def _scores(form) -> services.Scores:
    data = form.cleaned_data
    return services.Scores(
        felt_heard=data["felt_heard"],
        talked_about_what_matters=data["talked_about_what_matters"],
        way_of_working_suited_me=data["way_of_working_suited_me"],
        overall=data["overall"],
        comment=data.get("comment", ""),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def evaluation_screen(request, pk):
    """The citizen answers on the coordinator's screen, in the focused mode (focus.py):
    the page shows nothing but the questions, and the rest of the product stays away until
    the coordinator re-enters their password."""
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    member_ids = plan_access.visible_member_ids(request.user, meeting.plan)
    members = selectors.awaiting_evaluation(meeting, member_ids)
    if not members:
        if focus.focused_meeting_id(request) == meeting.pk:
            return redirect("meetings:evaluation_leave", pk=meeting.pk)
        messages.info(request, _("Everyone invited has evaluated the meeting."))
        return redirect(_meeting_url(meeting, "evaluation"))
    focus.enter(request, meeting, user=request.user)
    form = forms.EvaluationForm(
        request.POST or None, questions=questions_for(meeting.municipality_id), members=members
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.evaluation_record,
            user=request.user,
            meeting=meeting,
            member=form.cleaned_data["member"],
            scores=_scores(form),
            path=request.path,
        )
        if saved:
            messages.success(request, _("Thank you. The evaluation has been saved."))
            return redirect("meetings:evaluation", pk=meeting.pk)
    return render(
        request,
        "meetings/evaluation_screen.html",
        {"meeting": meeting, "form": form, "members": members},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def evaluation_leave(request, pk):
    """The coordinator takes the screen back with their password. A user who signs in
    through the municipality's identity provider has no password here and logs out
    instead, then in again."""
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    if focus.focused_meeting_id(request) != meeting.pk:
        return redirect(_meeting_url(meeting, "evaluation"))
    form = forms.LeaveFocusForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            focus.leave(request, meeting, user=request.user)
            messages.success(request, _("The screen is yours again."))
            return redirect(_meeting_url(meeting, "evaluation"))
        if focus.wrong_password(request):
            messages.error(request, _("Too many wrong passwords. Log in again."))
            return redirect("login")
    return render(
        request,
        "meetings/evaluation_leave.html",
        {
            "meeting": meeting,
            "form": form,
            "has_password": request.user.has_usable_password(),
            "awaiting": bool(
                selectors.awaiting_evaluation(
                    meeting, plan_access.visible_member_ids(request.user, meeting.plan)
                )
            ),
        },
    )


@never_cache
@require_POST
def evaluation_link(request, pk):
    """Make a one-time link for the citizen's own device. It is shown once, now."""
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    member_ids = plan_access.visible_member_ids(request.user, meeting.plan)
    members = selectors.awaiting_evaluation(meeting, member_ids)
    form = forms.LinkForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Choose who the link is for."))
        return redirect(_meeting_url(meeting, "evaluation"))
    try:
        link, token = services.evaluation_link_create(
            user=request.user, meeting=meeting, member=form.cleaned_data["member"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_meeting_url(meeting, "evaluation"))
    return _link_page(request, meeting, link, token)


def _link_page(request, meeting, link, token, *, sms_form=None, status=200):
    url = request.build_absolute_uri(reverse("meetings:public_evaluation", args=[token]))
    if sms_form is None and link.sms_sent_at is None:
        # The citizen's own phone number, when it is a Danish mobile number, saves typing.
        phone = link.member.citizen.phone
        sms_form = forms.SmsLinkForm(
            initial={"token": token, "mobile": phone if is_danish_mobile(phone) else ""}
        )
    return render(
        request,
        "meetings/evaluation_link.html",
        {
            "meeting": meeting,
            "plan": meeting.plan,
            "link": link,
            "url": url,
            "qr": _qr_svg(url),
            "sms_form": sms_form,
        },
        status=status,
    )


@never_cache
@require_POST
def evaluation_link_sms(request, pk):
    """Send the one-time link shown a moment ago to the citizen's phone."""
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    form = forms.SmsLinkForm(request.POST)
    token = request.POST.get("token", "")
    link = selectors.evaluation_link_of(meeting, token)
    if link is None:
        messages.error(request, _("The link can no longer be used. Make a new one."))
        return redirect(_meeting_url(meeting, "evaluation"))
    if form.is_valid():
        url = request.build_absolute_uri(reverse("meetings:public_evaluation", args=[token]))
        try:
            link = services.evaluation_link_send_sms(
                user=request.user,
                meeting=meeting,
                token=token,
                mobile=form.cleaned_data["mobile"],
                url=url,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The link has been sent by SMS."))
            return _link_page(request, meeting, link, token)
    return _link_page(request, meeting, link, token, sms_form=form, status=400)


def _qr_svg(url: str) -> str:
    """The link as a QR code the citizen scans with her phone's camera: an inline SVG
    (segno), drawn with presentation attributes only, so the page needs no inline style."""
    import segno

    svg = segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", lineclass=None, omitsize=False
    )
    label = escape(_("QR code with the one-time link"))
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def _public(response):
    # The address holds the token: keep it out of search engines. Other sites never see it
    # as a referrer (Referrer-Policy same-origin, set for every page); "no-referrer" would
    # make browsers send "Origin: null" and fail the form's CSRF check.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(request):
    return _public(render(request, "meetings/public_limited.html", status=429))


def _already_given(request, link):
    return _public(
        render(
            request,
            "meetings/public_already_given.html",
            {
                "first_name": link.member.citizen.first_name,
                "day": timezone.localdate(link.meeting.starts_at),
            },
        )
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def public_evaluation(request, token):
    """The citizen's own device, without logging in. Shows the first name and the meeting
    date, nothing else."""
    try:
        link = services.evaluation_link_for(token)
    except services.EvaluationAlreadyGiven as given:
        if not public_access.link_request_allowed(token):
            return _limited(request)
        return _already_given(request, given.link)
    except services.LinkNotUsable:
        if not public_access.wrong_link_allowed(request):
            return _limited(request)
        return _public(render(request, "meetings/public_unusable.html", status=404))
    if not public_access.link_request_allowed(token):
        return _limited(request)
    form = forms.EvaluationForm(request.POST or None, questions=questions_for(link.municipality_id))
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit_by_link(token=token, scores=_scores(form))
        except services.EvaluationAlreadyGiven as given:
            return _already_given(request, given.link)
        except services.LinkNotUsable:
            return _public(render(request, "meetings/public_unusable.html", status=404))
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            return _public(
                render(
                    request,
                    "meetings/public_thanks.html",
                    {"first_name": link.member.citizen.first_name},
                )
            )
    return _public(
        render(
            request,
            "meetings/public_evaluation.html",
            {
                "form": form,
                "first_name": link.member.citizen.first_name,
                "day": timezone.localdate(link.meeting.starts_at),
            },
        )
    )


# The learning recap ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def recap_edit(request, pk):
    meeting = selectors.meeting_for_form(request.user, pk, **editing.form_read(request))
    access.require_meeting_runner(request.user, meeting)
    recap = LearningRecap.objects.filter(meeting=meeting).prefetch_related("themes").first()
    initial = {"quotable": True}
    if recap is not None:
        initial = {
            "what_worked": recap.what_worked,
            "do_differently": recap.do_differently,
            "themes": list(recap.themes.all()),
            "tags": ", ".join(recap.tags),
            "quotable": recap.quotable,
            "version": recap.version,
        }
    form = forms.RecapForm(
        request.POST or None,
        initial=initial,
        themes=selectors.themes_for(meeting.municipality_id),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, conflict = editing.attempt(
            form,
            lambda: services.recap_save(
                user=request.user,
                meeting=meeting,
                version=data["version"],
                what_worked=data["what_worked"],
                do_differently=data["do_differently"],
                themes=list(data["themes"]),
                tags=data["tags"],
                quotable=data["quotable"],
            ),
        )
        if saved:
            messages.success(request, _("The learning recap has been saved."))
            return redirect(_meeting_url(meeting, "recap"))
    return _simple_form(
        request,
        meeting,
        form,
        conflict=conflict,
        title=_("Learning recap"),
        lead=_(
            "A few lines among the professionals: what worked, and what you will do "
            "differently. Themes that keep coming up go to the next workshop."
        ),
        submit=_("Save recap"),
    )


# Themes across plans --------------------------------------------------------------------


@require_GET
def themes_overview(request):
    access.learning_themes_or_404(request.user)
    form = forms.PeriodForm(request.GET or None, initial=forms.PeriodForm.default())
    period = forms.PeriodForm.default()
    if request.GET and form.is_valid():
        period = {"start": form.cleaned_data["start"], "end": form.cleaned_data["end"]}
    elif not request.GET:
        form = forms.PeriodForm(initial=period)
    overview = None
    if not request.GET or form.is_valid():
        overview = selectors.themes_overview(request.user, **period)
    return render(
        request,
        "meetings/themes.html",
        {"form": form, "overview": overview, "period": period},
    )
