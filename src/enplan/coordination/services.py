"""Writes for relational-coordination rounds. One transaction each, audited."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.coordination import access, answer_files
from enplan.coordination.models import (
    Answer,
    AnswerImport,
    Dimension,
    Grouping,
    Respondent,
    ScopeKind,
    SurveyRound,
    Workgroup,
)
from enplan.core import access as core_access
from enplan.core import audit
from enplan.core.models import AuditAction, Role, User
from enplan.organisation.models import Professional
from enplan.plans.models import Actor, Consent, Plan

NO_PROFESSION = "Uden faggruppe"
EXTERNAL = "Eksterne"
MERGED = "Øvrige"


class SmallGroupsChoice:
    """What to do with workgroups too small for their figures ever to be shown, decided by
    the person starting the round before anyone is invited."""

    ASK = ""  # not decided yet: the round is not started
    SEND = "send"  # invite anyway; those groups' figures stay empty
    MERGE = "merge"  # put the small groups together into one group


class SmallGroups(ValidationError):
    """The round would have groups whose figures can never be shown, and the person
    starting it has not yet said what to do. Nothing is saved and nobody is invited."""

    def __init__(self, groups: list[tuple[str, int]], minimum: int):
        self.groups = groups
        self.minimum = minimum
        super().__init__(
            _("Some workgroups have fewer than %(n)s respondents. Choose what to do with them.")
            % {"n": minimum}
        )


def planned_groups(
    professionals: list[Professional], grouping: str
) -> dict[str, list[Professional]]:
    """The workgroups a round would start with, by name, in name order."""
    groups: dict[str, list[Professional]] = {}
    for professional in sorted(professionals, key=lambda p: p.name):
        groups.setdefault(_group_name(professional, grouping), []).append(professional)
    return dict(sorted(groups.items(), key=lambda item: item[0].casefold()))


def small_groups(groups: dict[str, list[Professional]], minimum: int) -> list[tuple[str, int]]:
    """(name, respondents) of each group with fewer respondents than the minimum: its
    figures can never be shown, since every figure needs that many answers."""
    return [(name, len(members)) for name, members in groups.items() if len(members) < minimum]


def merge_small_groups(
    groups: dict[str, list[Professional]], minimum: int
) -> dict[str, list[Professional]]:
    """The small groups put together into one group, "Øvrige"; with only one small group
    there is nothing to merge it with, so it stays as it is."""
    small = [name for name, _n in small_groups(groups, minimum)]
    if len(small) < 2:
        return groups
    merged = {name: members for name, members in groups.items() if name not in small}
    name, n = MERGED, 1
    while name in merged:  # a department could be called "Øvrige" itself
        n += 1
        name = f"{MERGED} ({n})"
    merged[name] = sorted((p for n in small for p in groups[n]), key=lambda p: p.name)
    return merged


def _plan_of(round_: SurveyRound):
    return round_.plan if round_.scope == ScopeKind.PLAN else None


def _group_name(professional: Professional, grouping: str) -> str:
    if grouping == Grouping.PROFESSION:
        return professional.profession.name if professional.profession else NO_PROFESSION
    if professional.department is not None:
        return professional.department.name
    return professional.organisation or EXTERNAL


def plan_respondents(plan: Plan) -> tuple[list[Professional], list[Professional]]:
    """Who a round for this plan asks, and who it cannot ask.

    Asked: the coordinator and the plan's active professional actors with a login whose
    department the citizen's consent covers (the professionals who can see the plan).
    Not asked in the app: external contacts without a login and actors outside the consent;
    their answers can be collected on paper and imported.
    """
    today = timezone.localdate()
    consents = Consent.objects.filter(plan=plan, given_on__lte=today, withdrawn_on__isnull=True)
    departments = set(consents.values_list("departments", flat=True)) - {None}
    areas = set(consents.values_list("areas", flat=True)) - {None}
    actors = (
        Actor.objects.active_on(today)
        .filter(plan=plan, professional__isnull=False, professional__is_active=True)
        .select_related(
            "professional__profession", "professional__department", "professional__user"
        )
        .order_by("professional__name")
    )
    asked = {plan.coordinator_id: plan.coordinator}
    not_asked = {}
    for actor in actors:
        professional = actor.professional
        covered = professional.department_id is not None and (
            professional.department_id in departments or professional.department.area_id in areas
        )
        can_log_in = (
            professional.user_id is not None
            and professional.user.is_active
            and professional.user.role == Role.PROFESSIONAL
        )
        if can_log_in and covered:
            asked.setdefault(professional.pk, professional)
        elif professional.pk not in asked:
            not_asked[professional.pk] = professional
    return list(asked.values()), list(not_asked.values())


@transaction.atomic
def round_create(
    *,
    user: User,
    title: str,
    scope: str,
    grouping: str,
    closes_on: date,
    plan: Plan | None = None,
    team: str = "",
    professionals: list[Professional] | None = None,
    small_groups_choice: str = SmallGroupsChoice.ASK,
    path: str = "",
) -> SurveyRound:
    """Start a round and queue its invitations. When some workgroups would be too small
    for their figures ever to be shown, nothing happens until `small_groups_choice` says
    to send anyway or to merge them (`SmallGroups`): the warning must come before anyone is
    invited, not on the round's page after."""
    today = timezone.localdate()
    if closes_on < today:
        raise ValidationError({"closes_on": _("The closing date has already passed.")})
    if scope == ScopeKind.PLAN:
        if plan is None or not access.plans_for_new_round(user).filter(pk=plan.pk).exists():
            raise PermissionDenied
        asked, _not_asked = plan_respondents(plan)
        team = ""
    elif scope == ScopeKind.TEAM:
        if not access.can_start_team_round(user):
            raise PermissionDenied
        team = team.strip()
        if not team:
            raise ValidationError({"team": _("Name the team.")})
        asked = [
            p
            for p in professionals or []
            if p.municipality_id == user.municipality_id
            and p.is_active
            and p.user is not None
            and p.user.is_active
            and p.user.role == Role.PROFESSIONAL
        ]
        plan = None
    else:
        raise ValidationError(_("Choose who is asked."))
    minimum = access.coordination_min_respondents()
    if len(asked) < minimum:
        raise ValidationError(
            _(
                "A round needs at least %(n)s respondents with a login; otherwise no result "
                "can ever be shown."
            )
            % {"n": minimum}
        )
    planned = planned_groups(asked, grouping)
    if small_groups_choice == SmallGroupsChoice.MERGE:
        planned = merge_small_groups(planned, minimum)
    if small_groups_choice != SmallGroupsChoice.SEND and small_groups(planned, minimum):
        raise SmallGroups(small_groups(planned, minimum), minimum)
    round_ = SurveyRound.objects.create(
        municipality_id=core_access.scope_of(user),
        title=title.strip() or (plan.title if plan else team),
        scope=scope,
        plan=plan,
        team=team,
        grouping=grouping,
        opens_on=today,
        closes_on=closes_on,
        created_by=user,
    )
    respondents: list[Respondent] = []
    for name, members in planned.items():
        group = Workgroup.objects.create(
            municipality_id=round_.municipality_id, round=round_, name=name
        )
        respondents.extend(
            Respondent(
                municipality_id=round_.municipality_id,
                round=round_,
                group=group,
                professional=professional,
            )
            for professional in members
        )
    Respondent.objects.bulk_create(respondents)
    audit.record(user=user, action=AuditAction.CREATE, obj=round_, plan=_plan_of(round_), path=path)
    from enplan.coordination import tasks

    tasks.invite_respondents.enqueue(round_.pk)
    _remind_before_the_date(round_)
    _announce_when_the_date_passes(round_)
    return round_


def _remind_before_the_date(round_: SurveyRound) -> None:
    """One reminder goes by itself two working days before the closing date, at 9 o'clock.
    It is tied to that date: when the date moves, the earlier task does nothing and a new
    one is due before the new date."""
    from enplan.coordination import tasks

    closes_on = round_.closes_on
    remind_on = closes_on - timedelta(days=4 if closes_on.weekday() < 2 else 2)
    if remind_on > timezone.localdate():
        at = timezone.make_aware(datetime.combine(remind_on, time(9)))
        tasks.remind_respondents.using(run_after=at).enqueue(
            round_.pk, tasks.AUTOMATIC_REMINDER, closes_on=closes_on.isoformat()
        )


def _announce_when_the_date_passes(round_: SurveyRound) -> None:
    """A round that closes by its date, not by hand, tells the respondents who took part
    early the next morning. A date moved later leaves the earlier task with nothing to do
    (the round is still open then); a round closed by hand has announced already, and a
    notice is never sent twice."""
    from enplan.coordination import tasks

    at = timezone.make_aware(datetime.combine(round_.closes_on + timedelta(days=1), time(6)))
    tasks.announce_results.using(run_after=at).enqueue(round_.pk)


def _require_open(round_: SurveyRound) -> None:
    if round_.is_closed:
        raise ValidationError(_("The round has closed; nothing more can be changed."))


@transaction.atomic
def groups_update(
    *, user: User, round_: SurveyRound, assignments: dict[int, str], removed: set[int]
) -> None:
    """Move respondents between workgroups (by name) and take respondents out, while
    nobody has submitted: after that the groups are what people answered about."""
    access.require_round_manager(user, round_)
    _require_open(round_)
    if round_.respondents.filter(submitted_at__isnull=False).exists():
        raise ValidationError(
            _("Someone has already answered, so the groups can no longer be changed.")
        )
    respondents = {r.pk: r for r in round_.respondents.select_for_update()}
    remaining = set(respondents) - set(removed)
    if len(remaining) < access.coordination_min_respondents():
        raise ValidationError(
            _("A round needs at least %(n)s respondents.")
            % {"n": access.coordination_min_respondents()}
        )
    groups = {g.name.casefold(): g for g in round_.groups.all()}
    for pk in remaining:
        name = " ".join((assignments.get(pk) or "").split())
        if not name:
            raise ValidationError(_("Every respondent needs a workgroup."))
        if len(name) > 150:
            raise ValidationError(_("A workgroup's name can be at most 150 characters."))
        if name[0] in "=+-@":
            # A spreadsheet would read such a name in an export as a formula.
            raise ValidationError(
                _("A workgroup's name cannot begin with %(chars)s.") % {"chars": "= + - @"}
            )
        group = groups.get(name.casefold())
        if group is None:
            group = groups[name.casefold()] = Workgroup.objects.create(
                municipality_id=round_.municipality_id, round=round_, name=name
            )
        respondent = respondents[pk]
        if respondent.group_id != group.pk:
            respondent.group = group
            respondent.save(update_fields=["group"])
    Respondent.objects.filter(round=round_, pk__in=set(removed) & set(respondents)).delete()
    Workgroup.objects.filter(round=round_, members__isnull=True).delete()
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=round_,
        plan=_plan_of(round_),
        changed_fields=["groups"],
    )


class AnswersChangedElsewhere(ValidationError):
    pass


@transaction.atomic
def answers_save(
    *,
    user: User,
    respondent: Respondent,
    version: int,
    values: dict[tuple[int, str], int | None],
    submit: bool,
) -> Respondent:
    """Save a respondent's own answers; `values` maps (workgroup id, dimension) to a score,
    or to None for "don't know"; questions left out are unanswered. Submitting needs every
    question answered (with "don't know" where that is the honest answer)."""
    if access.own_respondent_or_404(user, respondent.round_id).pk != respondent.pk:
        raise PermissionDenied
    round_ = respondent.round
    _require_open(round_)
    group_ids = set(round_.groups.values_list("pk", flat=True))
    for (group_id, dimension), score in values.items():
        if group_id not in group_ids or dimension not in Dimension.values:
            raise ValidationError(_("The form does not match this round. Reload the page."))
        if score is not None and not 1 <= score <= 5:
            raise ValidationError(_("Answer on the scale from 1 to 5."))
    if submit:
        missing = len(group_ids) * len(Dimension.values) - len(values)
        if missing:
            raise ValidationError(
                _(
                    "%(n)s questions are not answered yet. Answer them, or choose "
                    '"Don\'t know", before you submit.'
                )
                % {"n": missing},
                code="incomplete",
            )
    now = timezone.now()
    changes = {"version": F("version") + 1, "saved_at": now}
    if submit:
        changes["submitted_at"] = now
    if not Respondent.objects.filter(pk=respondent.pk, version=version).update(**changes):
        raise AnswersChangedElsewhere(
            _(
                "Your answers were saved in another window meanwhile. The form now shows "
                "what was saved there; check it and save again."
            ),
            code="conflict",
        )
    Answer.objects.filter(respondent=respondent).delete()
    Answer.objects.bulk_create(
        Answer(
            municipality_id=respondent.municipality_id,
            respondent=respondent,
            about_id=group_id,
            dimension=dimension,
            score=score,
        )
        for (group_id, dimension), score in values.items()
    )
    respondent.refresh_from_db()
    # The respondent's own record: not part of any citizen's log.
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=respondent,
        changed_fields=["answers", "submitted_at"] if submit else ["answers"],
    )
    return respondent


@transaction.atomic
def round_close(*, user: User, round_: SurveyRound, path: str = "") -> SurveyRound:
    access.require_round_manager(user, round_)
    if round_.closed_at is not None:
        return round_
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    from enplan.coordination.tasks import announce_results

    announce_results.enqueue(round_.pk)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=round_,
        plan=_plan_of(round_),
        changed_fields=["closed_at"],
        path=path,
    )
    return round_


@transaction.atomic
def round_extend(*, user: User, round_: SurveyRound, closes_on: date) -> SurveyRound:
    access.require_round_manager(user, round_)
    _require_open(round_)
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("The closing date has already passed.")})
    if closes_on == round_.closes_on:
        return round_
    round_.closes_on = closes_on
    round_.save(update_fields=["closes_on"])
    _remind_before_the_date(round_)
    _announce_when_the_date_passes(round_)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=round_,
        plan=_plan_of(round_),
        changed_fields=["closes_on"],
    )
    return round_


@transaction.atomic
def reminders_request(*, user: User, round_: SurveyRound) -> int:
    """Queue a reminder to everyone who has not submitted; returns how many will get one."""
    access.require_round_manager(user, round_)
    _require_open(round_)
    waiting = round_.respondents.filter(
        submitted_at__isnull=True, professional__user__isnull=False
    ).count()
    if not waiting:
        raise ValidationError(_("Everyone has answered; there is nobody to remind."))
    SurveyRound.objects.filter(pk=round_.pk).update(reminders_sent=F("reminders_sent") + 1)
    round_.refresh_from_db(fields=["reminders_sent"])
    from enplan.coordination.tasks import remind_respondents

    remind_respondents.enqueue(round_.pk, round_.reminders_sent)
    return waiting


@transaction.atomic
def answers_import(
    *, user: User, round_: SurveyRound, file_name: str, data: bytes, path: str = ""
) -> AnswerImport:
    """Import a file of answers into an open round: every row, or none."""
    access.require_round_manager(user, round_)
    _require_open(round_)
    groups = {g.name: g for g in round_.groups.all()}
    parsed = answer_files.parse(answer_files.read_table(file_name, data), groups=list(groups))
    taken = set(round_.respondents.exclude(label="").values_list("label", flat=True)) & set(
        parsed.line_of
    )
    if taken:
        label = min(taken, key=lambda value: parsed.line_of[value])
        raise answer_files.AnswerFileError(
            _(
                "Row %(row)s, column 'respondent': %(respondent)s was imported into this "
                "round before. Delete that import first, or give the respondent another label."
            )
            % {"row": parsed.line_of[label], "respondent": label}
        )
    batch = AnswerImport.objects.create(
        municipality_id=round_.municipality_id,
        round=round_,
        file_name=file_name[:200],
        rows=len(parsed.rows),
        respondents=parsed.respondents,
        imported_by=user,
    )
    now = timezone.now()
    # An imported respondent is known by the label in the file.
    respondents: dict[str, Respondent] = {}
    for row in parsed.rows:
        label = str(row.respondent)
        if label not in respondents:
            respondents[label] = Respondent(
                municipality_id=round_.municipality_id,
                round=round_,
                group=groups[row.respondent_group],
                imported_from=batch,
                label=label,
                submitted_at=now,
                saved_at=now,
            )
    Respondent.objects.bulk_create(respondents.values())
    ids = dict(Respondent.objects.filter(imported_from=batch).values_list("label", "pk"))
    Answer.objects.bulk_create(
        (
            Answer(
                municipality_id=round_.municipality_id,
                respondent_id=ids[str(row.respondent)],
                about=groups[row.about_group],
                dimension=row.dimension,
                score=row.score,
            )
            for row in parsed.rows
        ),
        batch_size=2000,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=batch, plan=_plan_of(round_), path=path)
    return batch


@transaction.atomic
def import_delete(*, user: User, round_: SurveyRound, batch: AnswerImport) -> None:
    access.require_round_manager(user, round_)
    _require_open(round_)
    if batch.round_id != round_.pk:
        raise ValidationError(_("That import does not belong to this round."))
    audit.record(user=user, action=AuditAction.DELETE, obj=batch, plan=_plan_of(round_))
    batch.delete()
