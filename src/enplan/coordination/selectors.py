"""Reads for relational coordination. Each starts from the policy; results are computed by
the one scoring engine and audited here, so no page or export can skip either."""

from dataclasses import dataclass
from fractions import Fraction

from django.db import connection
from django.db.models import Case, Count, F, Q, When

from enplan.coordination import access, scoring
from enplan.coordination.models import (
    Answer,
    CoordinationSettings,
    Respondent,
    ScopeKind,
    SurveyRound,
    Workgroup,
)
from enplan.core import audit
from enplan.core.models import AuditAction, User


def thresholds_for(municipality_id) -> scoring.Thresholds:
    own = CoordinationSettings.objects.filter(municipality_id=municipality_id).first()
    return own.thresholds if own is not None else scoring.Thresholds()


def answer_rows(round_: SurveyRound) -> list[tuple]:
    """The round's submitted answers as plain rows for the engine, groups by their ids.
    Drafts do not count.

    The ORM writes the query; the rows come straight from the database cursor, because
    none of these columns needs converting and the ORM's per-row work is a third of the
    time for a round of 350,000 answers (docs/benchmarks.md).
    """
    queryset = (
        Answer.objects.filter(respondent__round=round_, respondent__submitted_at__isnull=False)
        .annotate(
            # An imported respondent is known by a negative key, so the same query tells
            # the engine which answers came from paper (`_ImportedKeys`).
            respondent_key=Case(
                When(respondent__imported_from__isnull=True, then=F("respondent_id")),
                default=-F("respondent_id"),
            )
        )
        .values_list("respondent_key", "respondent__group_id", "about_id", "dimension", "score")
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _ImportedKeys:
    """The respondents of `answer_rows` whose answers were imported from paper."""

    def __contains__(self, key) -> bool:
        return key < 0


def compute_results(round_: SurveyRound) -> scoring.Results:
    names = dict(Workgroup.objects.filter(round=round_).values_list("pk", "name"))
    return scoring.score(
        answer_rows(round_),
        groups=sorted(names, key=lambda pk: (names[pk].casefold(), pk)),
        names=names,
        thresholds=thresholds_for(round_.municipality_id),
        min_respondents=access.coordination_min_respondents(),
        imported=_ImportedKeys(),
    )


def _plan_of(round_):
    return round_.plan if round_.scope == ScopeKind.PLAN else None


def managed_round_open(user: User, pk, *, path: str) -> SurveyRound:
    """The round, for the person running it. Audited: its pages name the professionals
    around the citizen, which is part of the citizen's picture."""
    round_ = access.round_managed_or_404(user, pk)
    audit.record(user=user, action=AuditAction.VIEW, obj=round_, plan=_plan_of(round_), path=path)
    return round_


def results_open(user: User, pk, *, path: str, action=AuditAction.VIEW):
    """The round and its results, for a user who may read them. Audited."""
    round_ = access.round_results_or_404(user, pk)
    if not access.results_released(round_):
        return round_, None
    results = compute_results(round_)
    audit.record(user=user, action=action, obj=round_, plan=_plan_of(round_), path=path)
    return round_, results


@dataclass
class GroupRate:
    name: str
    invited: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


def response_rates(round_: SurveyRound) -> list[GroupRate]:
    """Response rates per group (never per person: who has answered is nobody's business
    but the respondent's; the reminders go out by themselves)."""
    groups = (
        Workgroup.objects.filter(round=round_)
        .annotate(
            invited=Count("members"),
            submitted=Count("members", filter=Q(members__submitted_at__isnull=False)),
        )
        .values_list("name", "invited", "submitted")
    )
    rates = [GroupRate(name=n, invited=i, submitted=s) for n, i, s in groups]
    return sorted(rates, key=lambda rate: rate.name.casefold())


@dataclass
class RoundRow:
    round: SurveyRound
    invited: int
    submitted: int


def managed_rounds(user: User) -> list[RoundRow]:
    rounds = (
        access.rounds_managed_by(user)
        .select_related("plan")
        .annotate(
            invited=Count("respondents"),
            submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
        )
    )
    return [RoundRow(round=r, invited=r.invited, submitted=r.submitted) for r in rounds]


def my_invitations(user: User) -> list[Respondent]:
    return list(
        access.respondent_records_of(user)
        .select_related("round", "group")
        .order_by("round__closes_on", "round_id")
    )


@dataclass
class PlanRound:
    round: SurveyRound
    invited: int
    submitted: int
    url: str


def plan_section(user: User, plan) -> dict:
    """The rounds of one plan, for the plan page: what this user runs or was asked in,
    each linked to the page that is theirs to open. Two queries, however many rounds."""
    from django.urls import reverse

    managed = set(access.rounds_managed_by(user).filter(plan=plan).values_list("pk", flat=True))
    mine = dict(
        access.respondent_records_of(user)
        .filter(round__plan=plan)
        .values_list("round_id", "submitted_at")
    )
    rounds = (
        SurveyRound.objects.filter(plan=plan, pk__in=managed | set(mine))
        .annotate(
            invited=Count("respondents"),
            submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
        )
        .order_by("-opens_on", "-id")
    )
    rows = []
    for r in rounds:
        if r.is_closed and (r.pk in managed or mine.get(r.pk)):
            url = reverse("coordination:results", args=[r.pk])
        elif r.is_closed:
            url = ""
        elif r.pk in managed:
            url = reverse("coordination:detail", args=[r.pk])
        else:
            url = reverse("coordination:answer", args=[r.pk])
        rows.append(PlanRound(round=r, invited=r.invited, submitted=r.submitted, url=url))
    return {
        "rounds": rows,
        "can_start": access.plans_for_new_round(user).filter(pk=plan.pk).exists(),
    }


def comparable_rounds(user: User, round_: SurveyRound) -> list[SurveyRound]:
    """Other closed rounds of the same scope (the same plan, or the same team's name) whose
    results this user may read: the candidates for before and after."""
    rounds = access.rounds_with_results_for(user).exclude(pk=round_.pk)
    if round_.scope == ScopeKind.PLAN:
        rounds = rounds.filter(scope=ScopeKind.PLAN, plan_id=round_.plan_id)
    else:
        rounds = rounds.filter(scope=ScopeKind.TEAM, team__iexact=round_.team)
    return [r for r in rounds.order_by("-opens_on", "-id") if r.is_closed]


@dataclass
class Change:
    from_group: str
    to_group: str
    before: scoring.Tie | None
    after: scoring.Tie | None

    @property
    def delta(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        if self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score

    @property
    def direction(self) -> str:
        delta = self.delta
        if delta is None:
            return ""
        rounded = scoring.round_half_up(delta)
        return "up" if rounded > 0 else "down" if rounded < 0 else "same"

    @property
    def within(self) -> bool:
        return self.from_group == self.to_group


def compare(before: scoring.Results, after: scoring.Results) -> list[Change]:
    """Tie by tie, in the later round's order, then ties found only in the earlier one."""
    changes = [
        Change(t.from_group, t.to_group, before.tie(t.from_group, t.to_group), t)
        for t in after.ties
    ]
    changes += [
        Change(t.from_group, t.to_group, t, None)
        for t in before.ties
        if after.tie(t.from_group, t.to_group) is None
    ]
    return changes


def plan_choices_shown(user: User, *, path: str) -> None:
    """A new round's choice of plan lists the user's plans by name (often a citizen's):
    audited as one listing, as the caseload is."""
    audit.record_listing(user=user, what="coordination.plan_choices", path=path)
