"""Finding the citizens: nominations, invitations, screening rounds and the published rules.

Views stay thin: the policy decides who may see what, selectors read (and audit),
services write (and audit).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enplan.core import access as core_access
from enplan.core import editing
from enplan.core.concurrency import EditConflict
from enplan.core.models import AuditAction
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import services as plan_services
from enplan.plans.models import PlanKind
from enplan.targeting import access, documents, forms, selectors, services
from enplan.targeting.models import InvitationStatus, NominationStatus, RoundStatus


def _conflict_message():
    return _("Someone else changed this in the meantime. Reload the page and try again.")


# Overview --------------------------------------------------------------------------------


@require_GET
def index(request):
    user = request.user
    plan_access.staff_side_or_404(user)
    context = {
        "can_nominate": access.can_nominate(user),
        "is_handler": access.handles_nominations(user),
        "sees_figures": access.sees_targeting_figures(user),
        "is_key_holder": core_access.is_key_holder(user),
        "rounds": list(selectors.rounds_for(user)),
        "municipality": user.municipality,
    }
    if context["can_nominate"]:
        context["my_nominations"] = selectors.my_nominations_listed(
            user, path=request.get_full_path()
        )
    if context["is_handler"]:
        context["open_count"] = selectors.nominations_for_handler(user).count()
        context["pending_invitations"] = (
            selectors.invitations_for_handler(user).filter(status=InvitationStatus.PENDING).count()
        )
    if context["sees_figures"]:
        context["figures"] = selectors.nomination_figures(user)
    return render(request, "targeting/index.html", context)


# Nominations -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def nomination_create(request):
    if not access.can_nominate(request.user):
        raise Http404
    professional = organisation_access.professional_of(request.user)
    form = forms.NominationForm(
        request.POST or None,
        municipality=request.user.municipality,
        initial={"department": professional.department_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = services.nomination_create(
                user=request.user,
                cpr_number=data["cpr"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                department=data["department"],
                reason=data["reason"],
                areas=list(data["areas"]),
                whole_household=data["whole_household"],
                path=request.path,
            )
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The nomination has been sent; you will see the outcome here."),
            )
            return redirect("targeting:nomination", nomination.pk)
    return render(request, "targeting/nomination_form.html", {"form": form})


@require_GET
def nomination_list(request):
    status = request.GET.get("status", NominationStatus.OPEN)
    if status not in NominationStatus.values:
        status = NominationStatus.OPEN
    nominations = selectors.nomination_list(
        request.user, status=status, path=request.get_full_path()
    )
    return render(
        request,
        "targeting/nomination_list.html",
        {
            "nominations": nominations,
            "status": status,
            "statuses": NominationStatus.choices,
        },
    )


@require_GET
def nomination_detail(request, pk):
    page = selectors.nomination_open(request.user, pk, path=request.get_full_path())
    nomination = page.nomination
    context = {"page": page, "nomination": nomination}
    if page.is_handler and nomination.status == NominationStatus.OPEN:
        context["decision_form"] = forms.DecisionForm(initial={"version": nomination.version})
        if page.merge_candidates.exists():
            context["merge_form"] = forms.MergeForm(
                candidates=page.merge_candidates, initial={"version": nomination.version}
            )
    return render(request, "targeting/nomination_detail.html", context)


@require_POST
def nomination_decide(request, pk):
    access.nomination_handler_or_404(request.user)
    page = selectors.nomination_open(request.user, pk, path=request.path)
    nomination = page.nomination
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                invitation = services.nomination_accept(
                    user=request.user,
                    nomination=nomination,
                    version=data["version"],
                    reason=data["reason"],
                    path=request.path,
                )
                messages.success(request, _("Accepted. Send the invitation letter."))
                return redirect("targeting:invitation", invitation.pk)
            services.nomination_decline(
                user=request.user,
                nomination=nomination,
                version=data["version"],
                reason=data["reason"],
                path=request.path,
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("Declined. The nominating professional can see why."))
            return redirect("targeting:nominations")
    context = {"page": page, "nomination": nomination, "decision_form": form}
    return render(request, "targeting/nomination_detail.html", context, status=400)


@require_POST
def nomination_merge(request, pk):
    access.nomination_handler_or_404(request.user)
    page = selectors.nomination_open(request.user, pk, path=request.path)
    form = forms.MergeForm(request.POST, candidates=page.merge_candidates)
    if form.is_valid() and not editing.confirmed(request):
        into = form.cleaned_data["into"]
        return editing.confirmation(
            request,
            title=_("Merge nomination %(this)s into %(into)s?")
            % {"this": page.nomination.pk, "into": into.pk},
            lead=[
                _("Nomination %(this)s is closed as merged; its reasons stay with it.")
                % {"this": page.nomination.pk},
                _("Nomination %(into)s is the one handled from now on.") % {"into": into.pk},
                _("A merge cannot be undone."),
            ],
            submit=_("Yes, merge"),
            cancel_url=reverse("targeting:nomination", args=[page.nomination.pk]),
        )
    if form.is_valid():
        try:
            services.nomination_merge(
                user=request.user,
                nomination=page.nomination,
                into=form.cleaned_data["into"],
                version=form.cleaned_data["version"],
                path=request.path,
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("The nominations have been merged."))
            return redirect("targeting:nomination", form.cleaned_data["into"].pk)
    context = {"page": page, "nomination": page.nomination, "merge_form": form}
    return render(request, "targeting/nomination_detail.html", context, status=400)


# Invitations -----------------------------------------------------------------------------


@require_GET
def invitation_list(request):
    invitations = selectors.invitation_list(request.user, path=request.get_full_path())
    return render(request, "targeting/invitation_list.html", {"invitations": invitations})


@require_GET
def invitation_detail(request, pk):
    invitation = selectors.invitation_open(request.user, pk, path=request.get_full_path())
    context = {"invitation": invitation, "people": list(invitation.people.all())}
    if invitation.status == InvitationStatus.PENDING:
        context["decline_form"] = forms.InvitationDeclineForm(
            initial={"version": invitation.version}
        )
    return render(request, "targeting/invitation_detail.html", context)


@require_GET
def invitation_letter(request, pk):
    invitation = selectors.invitation_open(
        request.user, pk, path=request.path, action=AuditAction.EXPORT
    )
    pdf = documents.invitation_letter(request, invitation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invitation-{invitation.pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def invitation_accept(request, pk):
    invitation = selectors.invitation_open(request.user, pk, path=request.path)
    if invitation.status != InvitationStatus.PENDING:
        raise Http404
    people = list(invitation.people.all())
    initial_members = [
        {"cpr": p.cpr, "first_name": p.first_name, "last_name": p.last_name, "role": p.role}
        for p in people
    ]
    form = forms.InvitationAcceptForm(
        request.POST or None,
        municipality=request.user.municipality,
        initial={"kind": invitation.kind, "version": invitation.version},
    )
    members = forms.member_formset(request.POST or None, initial=initial_members)
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        try:
            plan = services.invitation_accept(
                user=request.user,
                invitation=invitation,
                version=data["version"],
                kind=data["kind"],
                members=[
                    plan_services.NewMember(**m.cleaned_data) for m in members if m.cleaned_data
                ],
                consent=services.Answer(
                    given_on=data["given_on"],
                    method=data["method"],
                    departments=list(data["departments"]),
                    areas=list(data["areas"]),
                    note=data["note"],
                ),
                path=request.path,
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(request, _("The plan has been created and the consent recorded."))
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "targeting/invitation_accept.html",
        {"invitation": invitation, "form": form, "members": members, "kinds": PlanKind},
    )


@require_POST
def invitation_decline(request, pk):
    invitation = selectors.invitation_open(request.user, pk, path=request.path)
    form = forms.InvitationDeclineForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_decline(
                user=request.user, invitation=invitation, path=request.path, **form.cleaned_data
            )
        except EditConflict:
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(
                request, _("Recorded. Nothing changes in the help the citizen already has.")
            )
            return redirect("targeting:invitations")
    context = {"invitation": invitation, "people": list(invitation.people.all())}
    context["decline_form"] = form
    return render(request, "targeting/invitation_detail.html", context, status=400)


# Screening rounds ------------------------------------------------------------------------


@require_GET
def round_detail(request, pk):
    page = selectors.round_open(request.user, pk, path=request.get_full_path())
    return render(request, "targeting/round_detail.html", {"page": page, "round": page.round})


@require_http_methods(["GET", "POST"])
def round_upload(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    core_access.require(access.can_upload_extract(request.user, screening_round))
    form = forms.ExtractUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            extract = services.extract_upload(
                user=request.user,
                screening_round=screening_round,
                uploaded_file=form.cleaned_data["file"],
                path=request.path,
            )
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The extract has been checked and stored: %(rows)s rows, %(persons)s persons.")
                % {"rows": extract.rows, "persons": extract.persons},
            )
            return redirect("targeting:round", screening_round.pk)
    return render(
        request,
        "targeting/round_upload.html",
        {
            "round": screening_round,
            "form": form,
            "gate_missing": services.gate_missing(screening_round),
            "indicators": screening_round.indicators.order_by("key"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def round_score(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    access.require_reviewer(request.user, screening_round)
    if not editing.confirmed(request):
        return editing.confirmation(
            request,
            title=_("Score the round %(name)s?") % {"name": screening_round.name},
            lead=[
                _("The published rules score the extracts the round holds now."),
                _("After scoring, the round takes no more extracts, and cannot be scored again."),
                _("The reviewers then see the proposed households by pseudonym only."),
            ],
            submit=_("Yes, score the round"),
            cancel_url=reverse("targeting:round", args=[screening_round.pk]),
        )
    try:
        services.round_score_request(
            user=request.user, screening_round=screening_round, path=request.path
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("targeting:round", screening_round.pk)
    screening_round.refresh_from_db()
    if screening_round.status != RoundStatus.OPEN:
        # A worker that runs tasks at once (the immediate backend) has scored it already.
        messages.success(
            request,
            _("The round is scored: %(n)s households are proposed.")
            % {"n": screening_round.counts.get("proposed_households", 0)},
        )
        return redirect("targeting:shortlist", screening_round.pk)
    return redirect("targeting:round", screening_round.pk)


@require_GET
def shortlist(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    candidates = selectors.shortlist(request.user, screening_round, path=request.get_full_path())
    return render(
        request,
        "targeting/shortlist.html",
        {
            "round": screening_round,
            "candidates": candidates,
            "review_form": forms.ReviewForm(),
            "can_decide": screening_round.status == RoundStatus.REVIEW,
        },
    )


@require_POST
def candidate_review(request, pk, candidate_pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    access.require_reviewer(request.user, screening_round)
    candidate = selectors.candidate_for(request.user, screening_round, candidate_pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.candidate_review(
                user=request.user,
                candidate=candidate,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
                path=request.path,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Candidate %(rank)s: saved.") % {"rank": candidate.rank})
    else:
        messages.error(
            request,
            _("Candidate %(rank)s: choose accept or reject and write the reason.")
            % {"rank": candidate.rank},
        )
    return redirect(reverse("targeting:shortlist", args=[pk]) + f"#candidate-{candidate.pk}")


@require_GET
def reidentify_list(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    candidates = selectors.accepted_for_reidentification(
        request.user, screening_round, path=request.get_full_path()
    )
    return render(
        request,
        "targeting/reidentify_list.html",
        {"round": screening_round, "candidates": candidates},
    )


@require_http_methods(["GET", "POST"])
def reidentify(request, pk, candidate_pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    if not access.can_reidentify(request.user, screening_round):
        raise Http404
    candidate = selectors.candidate_for(request.user, screening_round, candidate_pk)
    if candidate.invitation_id:
        messages.info(request, _("This candidate has already been re-identified."))
        return redirect("targeting:reidentify_list", pk)
    form = forms.ReidentifyForm(
        request.POST or None, request.FILES or None, members=len(candidate.members)
    )
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.candidate_reidentify,
            user=request.user,
            candidate=candidate,
            key=form.cleaned_data["key"],
            people=form.cleaned_data["people"],
            path=request.path,
        )
        if saved:
            messages.success(
                request,
                _("Re-identified. The invitation is waiting for the nomination handlers."),
            )
            return redirect("targeting:reidentify_list", pk)
    return render(
        request,
        "targeting/reidentify.html",
        {"round": screening_round, "candidate": candidate, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def round_annex(request, pk):
    annex = selectors.annex(request.user, pk, path=request.get_full_path())
    return render(request, "targeting/annex.html", {"annex": annex, "round": annex.round})


@require_GET
def round_annex_pdf(request, pk):
    annex = selectors.annex(request.user, pk, path=request.path, action=AuditAction.EXPORT)
    response = HttpResponse(documents.annex(request, annex), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dpia-bilag-{annex.round.pk}.pdf"'
    return response


@require_GET
def round_dpia(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    if not access.can_download_dpia(request.user, screening_round):
        raise Http404
    response = HttpResponse(bytes(screening_round.dpia_file), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{screening_round.dpia_file_name}"'
    return response


@require_http_methods(["GET", "POST"])
def round_close(request, pk):
    screening_round = access.visible_round_or_404(request.user, pk)
    core_access.require(access.can_manage_screening_round(request.user, screening_round))
    if request.method == "POST":
        try:
            services.round_close(
                user=request.user, screening_round=screening_round, path=request.path
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The round is closed. Its extracts and scores will be deleted in %(days)s days.")
                % {"days": screening_round.delete_after_days},
            )
        return redirect("targeting:round", pk)
    return render(request, "targeting/round_close.html", {"round": screening_round})


# Public ----------------------------------------------------------------------------------


@login_not_required
@require_GET
def public_rules(request, code):
    municipality, rule_sets, indicators = selectors.published_rules(code)
    return render(
        request,
        "targeting/public_rules.html",
        {"municipality": municipality, "rule_sets": rule_sets, "indicators": indicators},
    )


@login_not_required
@require_GET
def public_rule_version(request, code, rule_set_pk, number):
    municipality, version, rules, indicators = selectors.published_version(
        code, rule_set_pk, number
    )
    return render(
        request,
        "targeting/public_rule_version.html",
        {
            "municipality": municipality,
            "version": version,
            "rules": rules,
            "indicators": indicators,
        },
    )
