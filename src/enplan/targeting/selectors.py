"""Reads for finding the citizens. Each starts from the access policy and writes the audit
event itself; figures for leaders suppress small counts."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from enplan.core import access as core_access
from enplan.core import audit
from enplan.core.models import AuditAction, Municipality, User
from enplan.core.suppression import Total, complementary
from enplan.organisation import access as organisation_access
from enplan.targeting import access, services
from enplan.targeting.models import (
    Candidate,
    CandidateDecision,
    Extract,
    Indicator,
    Invitation,
    Nomination,
    NominationStatus,
    RuleSet,
    RuleVersion,
    ScreeningRound,
)

# Figures about fewer than this many citizens are not shown to leaders: a small count
# together with what a leader knows can point out a person.
SMALL_COUNT = 5
# A group is flagged when its share among the proposed is this many times its share
# among everyone scored (and at least SMALL_COUNT of the group are proposed).
OVER_REPRESENTATION_RATIO = 1.5


def suppressed(count: int | None) -> int | None:
    """The count, or None when it is 1-4 (shown as "fewer than 5")."""
    if count is None:
        return None
    return None if 0 < count < SMALL_COUNT else count


class Withheld:
    """A count of 5 or more that is hidden all the same, because together with a total
    it would give away a count shown as "fewer than 5" (see core/suppression.py)."""

    withheld = True

    def __str__(self):
        return str(gettext_lazy("hidden"))


WITHHELD = Withheld()


def _withheld(counts: dict, totals: list[Total]) -> set:
    """The keys of `counts` to hide besides the small ones. Totals not among the keys are
    treated as known: they can be worked out from another breakdown."""
    return complementary(
        {key: (n or 0,) for key, n in counts.items()},
        {key for key, n in counts.items() if n is not None and suppressed(n) is None},
        totals,
        limit=SMALL_COUNT,
    )


def shown(counts: dict, totals: list[Total]) -> dict:
    """Each count as a leader may see it: the number, None for 1-4, or WITHHELD."""
    withheld = _withheld(counts, totals)
    return {
        key: WITHHELD if key in withheld else suppressed(value) for key, value in counts.items()
    }


# Nominations -----------------------------------------------------------------------------


def _with_duplicates(nominations):
    same_citizen = (
        Nomination.objects.filter(
            municipality_id=OuterRef("municipality_id"),
            cpr=OuterRef("cpr"),
            status=NominationStatus.OPEN,
        )
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values("cpr")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return nominations.annotate(
        duplicates=Coalesce(Subquery(same_citizen, output_field=IntegerField()), Value(0))
    )


def nominations_for_handler(user: User, *, status: str = NominationStatus.OPEN):
    access.nomination_handler_or_404(user)
    nominations = access.nominations_visible_to(user)
    if status:
        nominations = nominations.filter(status=status)
    return _with_duplicates(
        nominations.select_related("department", "merged_into").prefetch_related("areas")
    ).order_by("created_at", "id")


def nomination_list(user: User, *, status: str, path: str):
    """The handler's list of nominations, which names citizens: audited as one listing,
    as the caseload is."""
    nominations = nominations_for_handler(user, status=status)
    audit.record_listing(user=user, what="targeting.nominations", path=path)
    return nominations


def invitation_list(user: User, *, path: str):
    """The handler's list of invitations, which names citizens: audited as one listing."""
    invitations = invitations_for_handler(user)
    audit.record_listing(user=user, what="targeting.invitations", path=path)
    return invitations


def my_nominations_listed(user: User, *, path: str, limit: int = 20) -> list[Nomination]:
    """The start page's list of the user's own nominations, audited when it names anyone."""
    rows = list(my_nominations(user)[:limit])
    if rows:
        audit.record_listing(user=user, what="targeting.my_nominations", path=path)
    return rows


def my_nominations(user: User):
    """The nominations this user made, as the access rule lets them see them."""
    return (
        access.nominations_visible_to(user)
        .filter(nominated_by=user)
        .select_related("merged_into", "department")
        .order_by("-created_at", "-id")
    )


@dataclass
class NominationPage:
    nomination: Nomination
    is_handler: bool
    duplicates: list[Nomination]
    merge_candidates: object
    merged: list[Nomination]


def nomination_open(user: User, pk, *, path: str) -> NominationPage:
    nomination = access.visible_nomination_or_404(user, pk)
    is_handler = access.handles_nominations(user)
    duplicates, merge_candidates, merged = [], Nomination.objects.none(), []
    if is_handler:
        open_ones = (
            access.nominations_visible_to(user)
            .filter(status=NominationStatus.OPEN)
            .exclude(pk=nomination.pk)
        )
        duplicates = list(open_ones.filter(cpr=nomination.cpr).select_related("department"))
        # Nominations of the same citizen first: they are the likely duplicates.
        merge_candidates = open_ones.annotate(
            same_citizen=Case(When(cpr=nomination.cpr, then=Value(0)), default=Value(1))
        ).order_by("same_citizen", "last_name", "first_name")
        merged = list(nomination.merged.select_related("department"))
    audit.record(user=user, action=AuditAction.VIEW, obj=nomination, path=path)
    return NominationPage(nomination, is_handler, duplicates, merge_candidates, merged)


@dataclass
class Figure:
    label: str
    count: int | Withheld | None  # None: fewer than SMALL_COUNT


def nomination_figures(user: User) -> dict[str, list[Figure]]:
    """Counts for leaders: per status and per nominating department, small ones hidden."""
    if not access.sees_targeting_figures(user):
        raise Http404
    nominations = Nomination.objects.filter(municipality_id=core_access.scope_of(user))
    labels = dict(NominationStatus.choices)
    by_status = dict(nominations.values_list("status").annotate(n=Count("pk")).order_by())
    by_department = list(
        nominations.values_list("department__name")
        .annotate(n=Count("pk"))
        .order_by("department__name")
    )
    # Both breakdowns add up to the number of nominations, so a hidden count in one could
    # be worked out from the other: the rule hides a second count where needed.
    counts: dict[tuple[str, str | int], int] = {("status", s): by_status.get(s, 0) for s in labels}
    counts |= {("department", i): n for i, (_name, n) in enumerate(by_department)}
    everyone = "all nominations"
    seen = shown(
        counts,
        [
            Total(everyone, tuple(key for key in counts if key[0] == "status")),
            Total(everyone, tuple(key for key in counts if key[0] == "department")),
        ],
    )
    return {
        "status": [Figure(str(labels[s]), seen[("status", s)]) for s in labels],
        "department": [
            Figure(name, seen[("department", i)]) for i, (name, _n) in enumerate(by_department)
        ],
    }


# Invitations -----------------------------------------------------------------------------


def invitations_for_handler(user: User):
    access.nomination_handler_or_404(user)
    return (
        access.invitations_visible_to(user)
        .select_related("round", "plan")
        .prefetch_related("people")
        .order_by("status", "-created_at")
    )


def invitation_open(user: User, pk, *, path: str, action=AuditAction.VIEW) -> Invitation:
    invitation = get_object_or_404(
        invitations_for_handler(user).select_related("created_by"), pk=pk
    )
    audit.record(user=user, action=action, obj=invitation, plan=invitation.plan, path=path)
    return invitation


# Screening rounds ------------------------------------------------------------------------


def rounds_for(user: User):
    return (
        access.rounds_visible_to(user)
        .select_related("rule_version__rule_set")
        .annotate(
            extract_count=Count("extracts", distinct=True),
            accepted_waiting=Count(
                "candidates",
                filter=Q(
                    candidates__decision=CandidateDecision.ACCEPTED,
                    candidates__invitation__isnull=True,
                ),
                distinct=True,
            ),
        )
    )


@dataclass
class DepartmentUpload:
    department: object
    extract: Extract | None


@dataclass
class RoundPage:
    round: ScreeningRound
    gate_missing: list[str]
    uploads: list[DepartmentUpload]
    counts: dict
    is_reviewer: bool
    is_key_holder: bool
    can_manage: bool
    my_department_takes_part: bool
    suppress: bool


def round_open(user: User, pk, *, path: str) -> RoundPage:
    screening_round = access.visible_round_or_404(user, pk)
    is_reviewer = access.is_reviewer(user, screening_round)
    extracts = {
        e.department_id: e
        for e in Extract.objects.filter(round=screening_round)
        .defer("data")
        .select_related("uploaded_by")
    }
    departments = list(screening_round.departments.select_related("area").order_by("name"))
    professional = organisation_access.professional_of(user)
    counts = services.live_counts(screening_round)
    suppress = not is_reviewer
    if suppress:
        counts = {key: suppressed(value) for key, value in counts.items()}
    audit.record(user=user, action=AuditAction.VIEW, obj=screening_round, path=path)
    return RoundPage(
        round=screening_round,
        gate_missing=services.gate_missing(screening_round),
        uploads=[DepartmentUpload(d, extracts.get(d.pk)) for d in departments],
        counts=counts,
        is_reviewer=is_reviewer,
        is_key_holder=access.can_reidentify(user, screening_round),
        can_manage=access.can_manage_screening_round(user, screening_round),
        my_department_takes_part=bool(
            professional
            and professional.department_id
            and any(d.pk == professional.department_id for d in departments)
        ),
        suppress=suppress,
    )


def shortlist(user: User, screening_round, *, path: str) -> list[Candidate]:
    """The proposed households, highest first, by pseudonym only, for the reviewers."""
    if not access.can_review(user, screening_round):
        raise Http404
    candidates = list(
        access.candidates_visible_to(user, screening_round).select_related(
            "decided_by", "first_approved_by"
        )
    )
    audit.record(user=user, action=AuditAction.VIEW, obj=screening_round, path=path)
    return candidates


def accepted_for_reidentification(user: User, screening_round, *, path: str) -> list[Candidate]:
    if not access.can_reidentify(user, screening_round):
        raise Http404
    candidates = list(
        access.candidates_visible_to(user, screening_round).select_related("invitation")
    )
    audit.record(user=user, action=AuditAction.VIEW, obj=screening_round, path=path)
    return candidates


def candidate_for(user: User, screening_round, pk) -> Candidate:
    return get_object_or_404(
        access.candidates_visible_to(user, screening_round).select_related("round"), pk=pk
    )


@dataclass
class GroupRow:
    kind: str
    label: str
    population: int | Withheld | None
    proposed: int | Withheld | None
    population_share: float | None
    proposed_share: float | None
    ratio: float | None
    flagged: bool


@dataclass
class Annex:
    round: ScreeningRound
    municipality: Municipality
    counts: list[Figure]
    groups: list[GroupRow]
    indicators: list[Indicator]
    rules: object
    gate_missing: list[str]
    flagged: list[GroupRow]


COUNT_LABELS = (
    ("uploaded_rows", gettext_lazy("Rows uploaded")),
    ("scored_persons", gettext_lazy("Persons scored")),
    ("scored_households", gettext_lazy("Households scored")),
    ("proposed_households", gettext_lazy("Households proposed")),
    ("proposed_persons", gettext_lazy("Persons proposed")),
    ("accepted_households", gettext_lazy("Households accepted by the reviewers")),
    ("reidentified_persons", gettext_lazy("Persons re-identified")),
    ("consented_persons", gettext_lazy("Persons who said yes and gave consent")),
)

GROUP_KINDS = {
    "household_size": gettext_lazy("Household size"),
    "source": gettext_lazy("Known to department"),
    "indicator": gettext_lazy("Group"),
}


COLUMNS = ("population", "proposed")


def _group_rows(groups: list[dict], indicator_names: dict[str, str]) -> list[GroupRow]:
    total_population = sum(g["population"] for g in groups if g["kind"] == "household_size")
    total_proposed = sum(g["proposed"] for g in groups if g["kind"] == "household_size")
    # The household sizes add up to the persons scored and the persons proposed, which
    # the annex shows: a hidden size could be worked out from them.
    sizes = [i for i, g in enumerate(groups) if g["kind"] == "household_size"]
    seen = shown(
        {(column, i): g[column] for i, g in enumerate(groups) for column in COLUMNS},
        [Total(column, tuple((column, i) for i in sizes)) for column in COLUMNS],
    )
    rows = []
    for i, g in enumerate(groups):
        population_share = g["population"] / total_population if total_population else None
        proposed_share = g["proposed"] / total_proposed if total_proposed else None
        ratio = (
            proposed_share / population_share
            if population_share and proposed_share is not None
            else None
        )
        flagged = (
            ratio is not None
            and ratio >= OVER_REPRESENTATION_RATIO
            and g["proposed"] >= SMALL_COUNT
        )
        label = g["group"]
        if g["kind"] == "indicator":
            label = indicator_names.get(label, label)
        population, proposed = seen[("population", i)], seen[("proposed", i)]
        small = any(value is None or value is WITHHELD for value in (population, proposed))
        rows.append(
            GroupRow(
                kind=str(GROUP_KINDS[g["kind"]]),
                label=label,
                population=population,
                proposed=proposed,
                # Shares of a suppressed count would give the count away.
                population_share=None if small else population_share,
                proposed_share=None if small else proposed_share,
                ratio=None if small else ratio,
                flagged=flagged,
            )
        )
    return rows


def annex(user: User, pk, *, path: str, action=AuditAction.VIEW) -> Annex:
    """The DPIA annex: purpose, legal basis, data, rules, counts per step and the
    over-representation check. Figures only, small counts suppressed, for everyone."""
    screening_round = access.visible_round_or_404(user, pk)
    if core_access.is_key_holder(user):
        raise Http404
    indicators = list(screening_round.indicators.order_by("key"))
    names = {i.key: i.name for i in indicators}
    counts = services.live_counts(screening_round)
    groups = _group_rows(screening_round.groups, names)
    audit.record(user=user, action=action, obj=screening_round, path=path)
    return Annex(
        round=screening_round,
        municipality=screening_round.municipality,
        counts=[Figure(str(label), suppressed(counts.get(key))) for key, label in COUNT_LABELS],
        groups=groups,
        indicators=indicators,
        rules=screening_round.rule_version.parsed(),
        gate_missing=services.gate_missing(screening_round),
        flagged=[g for g in groups if g.flagged],
    )


# Public rules ----------------------------------------------------------------------------


@dataclass
class PublishedVersion:
    version: RuleVersion
    rules: object
    rounds: list


@dataclass
class PublishedRuleSet:
    rule_set: RuleSet
    current: PublishedVersion | None
    versions: list[RuleVersion]


def _indicators_by_key(municipality: Municipality) -> dict[str, Indicator]:
    """The indicators by key, so a public page names each in words, never by its key."""
    return {
        i.key: i
        for i in Indicator.objects.filter(municipality=municipality).only(
            "key", "name", "description"
        )
    }


def published_rules(code: str) -> tuple[Municipality, list[PublishedRuleSet], dict]:
    """The rules in force and every earlier version: public, no personal data."""
    municipality = get_object_or_404(Municipality, code=code)
    rule_sets = list(
        RuleSet.objects.filter(municipality=municipality, is_active=True).prefetch_related(
            "versions__rounds"
        )
    )
    indicators = _indicators_by_key(municipality)
    published = []
    for rule_set in rule_sets:
        versions = sorted(rule_set.versions.all(), key=lambda v: -v.number)
        current = None
        if versions:
            latest = versions[0]
            current = PublishedVersion(
                latest,
                latest.parsed(),
                sorted(latest.rounds.all(), key=lambda r: r.created_at),
            )
        published.append(PublishedRuleSet(rule_set, current, versions))
    return municipality, published, indicators


def published_version(code: str, rule_set_pk: int, number: int):
    municipality = get_object_or_404(Municipality, code=code)
    version = get_object_or_404(
        RuleVersion.objects.select_related("rule_set"),
        municipality=municipality,
        rule_set_id=rule_set_pk,
        number=number,
    )
    indicators = _indicators_by_key(municipality)
    return municipality, version, version.parsed(), indicators
