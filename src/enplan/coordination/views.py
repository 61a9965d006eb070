"""Pages for relational coordination: running a round, answering it, and its results.

Views are thin: the policy decides access, selectors read (and audit), services write.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enplan.coordination import access, diagram, exports, forms, selectors, services
from enplan.coordination.models import (
    Answer,
    AnswerImport,
    Dimension,
    Grouping,
    ScopeKind,
    Workgroup,
)
from enplan.coordination.questions import questions_for
from enplan.core import editing
from enplan.core.models import AuditAction
from enplan.plans import access as plan_access


def _detail_url(round_):
    return reverse("coordination:detail", args=[round_.pk])


@require_GET
def index(request):
    user = request.user
    plan_access.staff_side_or_404(user)
    return render(
        request,
        "coordination/index.html",
        {
            "managed": selectors.managed_rounds(user),
            "invitations": selectors.my_invitations(user),
            "can_start": access.can_start_any_round(user),
        },
    )


@require_http_methods(["GET", "POST"])
def round_create(request):
    if not access.can_start_any_round(request.user):
        raise Http404
    initial = {}
    if request.GET.get("plan", "").isdigit():
        initial = {"plan": int(request.GET["plan"]), "scope": ScopeKind.PLAN}
    form = forms.RoundCreateForm(request.POST or None, user=request.user, initial=initial)
    small = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_create(
                user=request.user,
                title=data["title"],
                scope=data["scope"],
                grouping=data["grouping"],
                closes_on=data["closes_on"],
                plan=data.get("plan"),
                team=data.get("team") or "",
                professionals=list(data.get("professionals") or []),
                small_groups_choice=data.get("small_groups") or "",
                path=request.path,
            )
        except services.SmallGroups as warning:
            merged = sum(n for _name, n in warning.groups)
            small = {
                "groups": warning.groups,
                "minimum": warning.minimum,
                # Merging is offered only where it gives a group that can be shown.
                "can_merge": len(warning.groups) > 1 and merged >= warning.minimum,
                "merged": merged,
            }
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            messages.success(
                request, _("The round has started. The respondents have been invited.")
            )
            if round_.grouping == Grouping.CUSTOM:
                return redirect("coordination:groups", pk=round_.pk)
            return redirect(_detail_url(round_))
    if "plan" in form.fields:
        selectors.plan_choices_shown(request.user, path=request.get_full_path())
    return render(request, "coordination/round_create.html", {"form": form, "small": small})


@require_GET
def round_detail(request, pk):
    round_ = selectors.managed_round_open(request.user, pk, path=request.get_full_path())
    not_asked = []
    if round_.scope == ScopeKind.PLAN and round_.is_open:
        asked = set(round_.respondents.values_list("professional_id", flat=True))
        not_asked = [p for p in services.plan_respondents(round_.plan)[1] if p.pk not in asked]
    rates = selectors.response_rates(round_)
    return render(
        request,
        "coordination/round_detail.html",
        {
            "round": round_,
            "rates": rates,
            "invited": sum(r.invited for r in rates),
            "submitted": sum(r.submitted for r in rates),
            "not_asked": not_asked,
            "small_groups": [
                r.name for r in rates if r.invited < access.coordination_min_respondents()
            ],
            "min_respondents": access.coordination_min_respondents(),
            "imports": list(round_.imports.select_related("imported_by")),
            "groups_locked": round_.respondents.filter(submitted_at__isnull=False).exists(),
            "extend_form": forms.ExtendForm(initial={"closes_on": round_.closes_on}),
        },
    )


def _managed_round(request, pk):
    """The round for the person running it. Opening one of its pages is audited like the
    round's own page (each names the round, often after the family, and its groups); a
    POST is audited by the service that makes the change."""
    if request.method == "POST":
        return access.round_managed_or_404(request.user, pk)
    return selectors.managed_round_open(request.user, pk, path=request.get_full_path())


@require_http_methods(["GET", "POST"])
def round_groups(request, pk):
    round_ = _managed_round(request, pk)
    respondents = list(
        round_.respondents.select_related("group", "professional__department").order_by(
            "group__name", "professional__name", "label"
        )
    )
    form = forms.GroupsForm(request.POST or None, respondents=respondents)
    if request.method == "POST" and form.is_valid():
        saved, _conflict = editing.attempt(
            form,
            services.groups_update,
            user=request.user,
            round_=round_,
            assignments=form.assignments(),
            removed=form.removed(),
        )
        if saved:
            messages.success(request, _("The workgroups have been saved."))
            return redirect(_detail_url(round_))
    names = sorted({r.group.name for r in respondents}, key=str.casefold)
    return render(
        request,
        "coordination/round_groups.html",
        {"round": round_, "form": form, "names": names},
    )


@require_POST
def round_extend(request, pk):
    round_ = access.round_managed_or_404(request.user, pk)
    form = forms.ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.round_extend(
                user=request.user, round_=round_, closes_on=form.cleaned_data["closes_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The closing date has been changed."))
    else:
        messages.error(request, _("Write the date as a valid day, month and year."))
    return redirect(_detail_url(round_))


@require_POST
def round_remind(request, pk):
    round_ = access.round_managed_or_404(request.user, pk)
    try:
        waiting = services.reminders_request(user=request.user, round_=round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A reminder is on its way to the %(n)s respondents who have not answered yet.")
            % {"n": waiting},
        )
    return redirect(_detail_url(round_))


@require_http_methods(["GET", "POST"])
def round_close(request, pk):
    round_ = _managed_round(request, pk)
    if request.method == "POST":
        services.round_close(user=request.user, round_=round_, path=request.path)
        messages.success(request, _("The round has closed. The results are ready."))
        return redirect("coordination:results", pk=round_.pk)
    rates = selectors.response_rates(round_)
    return render(
        request,
        "coordination/confirm.html",
        {
            "round": round_,
            "title": _("Close the round"),
            "question": _(
                "When the round closes, nobody can answer or change their answers any more, "
                "and the results are shown. This cannot be undone."
            ),
            "detail": _("%(submitted)s of %(invited)s respondents have answered.")
            % {
                "submitted": sum(r.submitted for r in rates),
                "invited": sum(r.invited for r in rates),
            },
            "submit": _("Close the round"),
        },
    )


@require_http_methods(["GET", "POST"])
def round_import(request, pk):
    round_ = _managed_round(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.answers_import(
                user=request.user,
                round_=round_,
                file_name=upload.name,
                data=upload.read(),
                path=request.path,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(rows)s answers from %(respondents)s respondents have been imported.")
                % {"rows": batch.rows, "respondents": batch.respondents},
            )
            return redirect(_detail_url(round_))
    groups = list(Workgroup.objects.filter(round=round_).values_list("name", flat=True))
    return render(
        request,
        "coordination/round_import.html",
        {"round": round_, "form": form, "groups": groups, "dimensions": Dimension.values},
    )


@require_http_methods(["GET", "POST"])
def import_delete(request, pk, import_pk):
    round_ = _managed_round(request, pk)
    batch = get_object_or_404(AnswerImport, round=round_, pk=import_pk)
    if request.method == "POST":
        try:
            services.import_delete(user=request.user, round_=round_, batch=batch)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The import has been deleted."))
        return redirect(_detail_url(round_))
    return render(
        request,
        "coordination/confirm.html",
        {
            "round": round_,
            "title": _("Delete the import"),
            "question": _(
                "The %(rows)s answers from %(respondents)s respondents in '%(file)s' will "
                "be deleted."
            )
            % {"rows": batch.rows, "respondents": batch.respondents, "file": batch.file_name},
            "submit": _("Delete the import"),
        },
    )


@require_http_methods(["GET", "POST"])
def answer(request, pk):
    respondent = access.own_respondent_or_404(request.user, pk)
    round_ = respondent.round
    groups = list(Workgroup.objects.filter(round=round_))
    questions = questions_for(round_.municipality_id)
    saved = Answer.objects.filter(respondent=respondent).values_list(
        "about_id", "dimension", "score"
    )
    initial = {"version": respondent.version, **forms.AnswerForm.initial_from(saved)}
    form = forms.AnswerForm(
        request.POST or None, groups=groups, questions=questions, initial=initial
    )
    if request.method == "POST" and round_.is_open and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.answers_save(
                user=request.user,
                respondent=respondent,
                version=form.cleaned_data["version"],
                values=form.values(),
                submit=submit,
            )
        except services.AnswersChangedElsewhere as error:
            messages.error(request, " ".join(error.messages))
            return redirect("coordination:answer", pk=round_.pk)
        except ValidationError as error:
            editing.apply_errors(form, error)
        else:
            if submit:
                messages.success(request, _("Thank you. Your answers have been submitted."))
            else:
                messages.success(
                    request, _("Your answers are saved. You can come back and finish later.")
                )
            return redirect("coordination:answer", pk=round_.pk)
    return render(
        request,
        "coordination/answer.html",
        {
            "round": round_,
            "respondent": respondent,
            "form": form,
            "answer_choices": forms.ANSWER_CHOICES,
            "today": timezone.localdate(),
        },
    )


def _results_context(request, pk, action=AuditAction.VIEW):
    round_, results = selectors.results_open(
        request.user, pk, path=request.get_full_path(), action=action
    )
    return round_, results


@require_GET
def results(request, pk):
    round_, results = _results_context(request, pk)
    if results is None:
        return render(
            request,
            "coordination/results_pending.html",
            {"round": round_, "can_manage": access.can_manage_round(request.user, round_)},
        )
    return render(request, "coordination/results.html", _page(request, round_, results))


WEAKEST_SHOWN = 6


def _page(request, round_, results):
    weakest = [t for t in results.weakest() if t.level != "high"]
    return {
        "round": round_,
        "results": results,
        "diagram": diagram.layout(results),
        "dimensions": Dimension.choices,
        "weakest": weakest[:WEAKEST_SHOWN],
        "more_weak": weakest[WEAKEST_SHOWN:],
        "rates": selectors.response_rates(round_),
        "comparable": selectors.comparable_rounds(request.user, round_),
        "can_manage": access.can_manage_round(request.user, round_),
    }


@require_GET
def results_print(request, pk):
    round_, results = _results_context(request, pk)
    if results is None:
        raise Http404
    return render(request, "coordination/results_print.html", _page(request, round_, results))


@require_GET
def export_csv(request, pk):
    round_, results = _results_context(request, pk, action=AuditAction.EXPORT)
    if results is None:
        raise Http404
    return exports.csv_response(round_, results, machine=request.GET.get("format") == "machine")


@require_GET
def export_xlsx(request, pk):
    round_, results = _results_context(request, pk, action=AuditAction.EXPORT)
    if results is None:
        raise Http404
    return exports.xlsx_response(round_, results, selectors.response_rates(round_))


@require_GET
def compare(request, pk):
    round_, after = _results_context(request, pk)
    if after is None:
        raise Http404
    candidates = selectors.comparable_rounds(request.user, round_)
    chosen = request.GET.get("before", "")
    before_round = next((r for r in candidates if str(r.pk) == chosen), None)
    if before_round is None and candidates:
        before_round = candidates[0]
    changes = []
    if before_round is not None:
        _before, before = selectors.results_open(
            request.user, before_round.pk, path=request.get_full_path()
        )
        # Earlier and later by date, whichever of the two the user started from.
        first, second = (before, after)
        first_round, second_round = before_round, round_
        if before_round.opens_on > round_.opens_on:
            first, second = after, before
            first_round, second_round = round_, before_round
        changes = selectors.compare(first, second)
    else:
        first_round = second_round = None
    return render(
        request,
        "coordination/compare.html",
        {
            "round": round_,
            "candidates": candidates,
            "before_round": first_round,
            "after_round": second_round,
            "chosen": before_round,
            "changes": changes,
        },
    )
