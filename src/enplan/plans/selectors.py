"""Reads of plans. Each starts from the access policy and writes the audit event itself."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cached_property
from itertools import groupby

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from enplan.core import access as core_access
from enplan.core import audit
from enplan.core import search as core_search
from enplan.core.models import AuditAction, User
from enplan.organisation import access as organisation_access
from enplan.organisation.models import Professional, Step, StepModel
from enplan.plans import access
from enplan.plans.models import (
    Actor,
    Citizen,
    Consent,
    Goal,
    Intervention,
    InterventionStatus,
    LogEntry,
    MemberRole,
    Plan,
    PlanMember,
    PlanProgression,
)

CASELOAD_SORTS = {
    "name": ("title",),
    "-name": ("-title",),
    "review": ("review_date_is_null", "review_date", "title"),
    "-review": ("-review_date", "title"),
    "interventions": ("active_interventions", "title"),
    "-interventions": ("-active_interventions", "title"),
    "quiet": ("-days_quiet_sort", "title"),
    "-quiet": ("days_quiet_sort", "title"),
}


# The latest log entries on the plan's first page; the whole log is on its own page.
LATEST_ON_PLAN_PAGE = 5


@dataclass
class CaseloadRow:
    plan: Plan
    is_coordinator: bool
    active_interventions: int
    days_since_last_entry: int | None
    review_is_due: bool
    # What the row shows, worked out here once rather than by the template per row.
    url: str = ""
    kind_label: str = ""
    review_label: str = ""


# The sorts that read only the plan's own columns: the page can be cut out of the plan ids
# first, and only its plans annotated. The others sort by figures over the plan's
# interventions and log entries, which must then be worked out for every plan in the list.
_PLAIN_SORTS = {"name", "-name", "review", "-review"}


def caseload_for(user: User, *, search: str = "", sort: str = "review") -> QuerySet[Plan]:
    """Mine borgere: the plans this user coordinates or is an active actor on."""
    plans: QuerySet[Plan] = _caseload_plans(user, search=search).annotate(
        review_date_is_null=Q(review_date__isnull=True)
    )
    if sort not in _PLAIN_SORTS:
        plans = _with_figures(plans)
    return plans.order_by(*CASELOAD_SORTS.get(sort, CASELOAD_SORTS["review"]))


def _caseload_plans(user: User, *, search: str) -> QuerySet[Plan]:
    plans = access.plans_visible_to(user)
    if search:
        # A search looks among the user's own plans only: their ids first (the plan rule,
        # index-driven), then the name and the members among those few plans. Asked in one
        # query, PostgreSQL matches the title against every plan of the municipality.
        ids = list(plans.values_list("pk", flat=True))
        plans = Plan.objects.filter(pk__in=ids).filter(
            Q(title__icontains=search) | Q(pk__in=_plans_with_a_member_found_by(user, search, ids))
        )
    return plans


def _with_figures(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The caseload's figures per plan: active interventions and the last log entry."""
    today = timezone.localdate()
    active = (
        Intervention.objects.filter(plan=OuterRef("pk"), status=InterventionStatus.ACTIVE)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last_entry = (
        LogEntry.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(last=Max("occurred_on"))
        .values("last")
    )
    plans = plans.annotate(
        active_interventions=Coalesce(Subquery(active, output_field=IntegerField()), Value(0)),
        last_entry_on=Subquery(last_entry),
    )
    # Sorting by "days since last entry" is sorting by the last entry's date; plans with no
    # entry at all are the quietest of all, so they sort as the oldest possible date.
    return plans.annotate(days_quiet_sort=Coalesce("last_entry_on", Value(today.replace(year=1))))


def citizens_found_by(municipality_id, text: str) -> QuerySet[Citizen]:
    """The citizens of the municipality a search finds: by CPR number (with or without its
    dash; the start of one finds those born that day) or by a part of the name, whatever
    its case, accents and Danish letters (core.search). Both by index on PostgreSQL."""
    citizens = Citizen.objects.filter(municipality_id=municipality_id)
    as_cpr = core_search.cpr_search(text)
    if as_cpr is not None:
        number, whole = as_cpr
        return citizens.filter(cpr=number) if whole else citizens.filter(cpr__startswith=number)
    return citizens.filter(search_name__contains=core_search.fold(text))


def _plans_with_a_member_found_by(user: User, text: str, plan_ids: list[int]) -> QuerySet:
    # Only through members whose part the user may see: a match on anyone else would
    # tell that they belong to the household.
    found = PlanMember.objects.filter(
        plan_id__in=plan_ids,
        citizen__in=citizens_found_by(core_access.scope_of(user), text).values("pk"),
    ).values("pk")
    return access.members_visible_to(user, among=found).order_by().values("plan_id")


def caseload_page(user: User, *, search: str, sort: str, page_number, path: str) -> Page:
    """One page of Mine borgere, audited as one listing: who listed or searched, with the
    search, sort and page in the path."""
    plans = caseload_for(user, search=search, sort=sort)
    page: Page
    if sort in _PLAIN_SORTS:
        # Cut the page out of the plan ids, then fetch and annotate only the plans shown:
        # for a caseworker on 3,000 plans, 50 plans' figures instead of 3,000. The ids come
        # in one query and are counted in Python: a COUNT would run the plan rule again.
        all_ids = list(plans.values_list("pk", flat=True))
        ids = Paginator(all_ids, settings.ENPLAN_CASELOAD_PAGE_SIZE)
        page = ids.get_page(page_number)
        shown = list(page.object_list)
        by_pk = _with_figures(Plan.objects.filter(pk__in=shown))
        plans_by_pk = {plan.pk: plan for plan in by_pk}
        page.object_list = [plans_by_pk[pk] for pk in shown]  # type: ignore[misc]
    else:
        page = Paginator(plans, settings.ENPLAN_CASELOAD_PAGE_SIZE).get_page(page_number)
    audit.record_listing(user=user, what="plans.caseload", path=path)
    return page


def caseload_rows(plans, user: User) -> list[CaseloadRow]:
    today = timezone.localdate()
    professional = organisation_access.professional_of(user)
    soon = today + timedelta(days=settings.ENPLAN_REVIEW_SOON_DAYS)
    return [
        CaseloadRow(
            plan=plan,
            is_coordinator=professional is not None and plan.coordinator_id == professional.pk,
            active_interventions=plan.active_interventions,
            days_since_last_entry=(today - plan.last_entry_on).days if plan.last_entry_on else None,
            review_is_due=plan.review_date is not None and plan.review_date <= soon,
            url=reverse("plans:detail", args=[plan.pk]),
            kind_label=str(plan.get_kind_display()),
            review_label=date_format(plan.review_date, "SHORT_DATE_FORMAT")
            if plan.review_date
            else "",
        )
        for plan in plans
    ]


@dataclass
class DepartmentGroup:
    department: object
    interventions: list[Intervention]


@dataclass
class AreaGroup:
    area: object
    departments: list[DepartmentGroup]


class PlanPage:
    """Everything the plan's pages show. Each part is read the first time a page asks for
    it, and then kept: the first page shows the summary, the deviations, the members' own
    words and the latest log entries, a section page its own part, the printout all, and
    none of them pays for the parts it does not show. The number of queries depends on
    the parts shown, never on the plan's size."""

    def __init__(self, user: User, plan: Plan, *, log_page_number=1):
        self.user = user
        self.plan = plan
        self.today = timezone.localdate()
        self._log_page_number = log_page_number

    @cached_property
    def members(self) -> list[PlanMember]:
        # The members whose own parts this user may see, in the same query as their ids.
        # Whether each has a consent in force comes along, for the summary's notice.
        in_force = Consent.objects.filter(
            plan=self.plan, given_by=OuterRef("pk"), withdrawn_on__isnull=True
        )
        rows = list(
            PlanMember.objects.filter(
                plan=self.plan, pk__in=access.visible_members(self.user, self.plan).values("pk")
            )
            .select_related("citizen")
            .annotate(has_consent_in_force=Exists(in_force))
        )
        self._consent_in_force = any(m.has_consent_in_force for m in rows)
        members: list[PlanMember] = list(rows)
        member_ids = {m.pk for m in members}
        children = [m for m in members if m.role == MemberRole.CHILD]
        if children:
            # Custody is shown for a child only.
            prefetch_related_objects(
                children,
                Prefetch("custodians", queryset=PlanMember.objects.select_related("citizen")),
            )
        for member in members:
            # A custody holder whose own part this user may not see is not named either.
            member.visible_custodians = (
                [c for c in member.custodians.all() if c.pk in member_ids]
                if member.role == MemberRole.CHILD
                else []
            )
        return members

    @cached_property
    def visible_member_ids(self) -> frozenset[int]:
        return access.members_seen(self.user, self.plan, (m.pk for m in self.members))

    @cached_property
    def goals(self) -> list[Goal]:
        return list(
            access.visible_parts(
                Goal.objects.filter(plan=self.plan), self.visible_member_ids
            ).select_related("member__citizen")
        )

    def _interventions(self, *related: str) -> list[Intervention]:
        mine = Intervention.objects.filter(plan=self.plan)
        interventions = list(
            access.visible_parts(mine, self.visible_member_ids)
            .select_related("department__area", *related)
            .order_by(
                "department__area__order",
                "department__area__name",
                "department__name",
                "agreed_start",
                "id",
            )
        )
        for intervention in interventions:
            # The others on the plan read another department's effort and write a log entry
            # about it; the edit link is for the coordinator and the department's own people.
            intervention.may_change = access.can_change_intervention(
                self.user, self.plan, intervention.department_id
            )
        return interventions

    @cached_property
    def interventions(self) -> list[Intervention]:
        """The interventions with their department, for the summary's cost, the deviations
        and the staircase. Joining every relation the list of efforts shows costs
        PostgreSQL more to plan than to run (2.3 ms against 0.2 ms), so the list reads its
        own (`intervention_groups`)."""
        return self._interventions()

    @cached_property
    def intervention_groups(self) -> list[AreaGroup]:
        """The efforts by area and department, with what the list and the printout show of
        each: legal basis, responsible, member, step and the goals it supports."""
        interventions = self._interventions("legislation", "responsible", "member__citizen", "step")
        prefetch_related_objects(
            interventions, Prefetch("goals", queryset=Goal.objects.only("id", "title"))
        )
        groups: list[AreaGroup] = []
        for area, by_area in groupby(interventions, key=lambda i: i.department.area):
            departments = [
                DepartmentGroup(department=dep, interventions=list(items))
                for dep, items in groupby(by_area, key=lambda i: i.department)
            ]
            groups.append(AreaGroup(area=area, departments=departments))
        return groups

    @cached_property
    def overdue(self) -> list[Intervention]:
        return [i for i in self.interventions if i.is_overdue_on(self.today)]

    @cached_property
    def monthly_cost(self) -> Decimal:
        return sum(
            (
                i.monthly_cost or Decimal(0)
                for i in self.interventions
                if i.status == InterventionStatus.ACTIVE
            ),
            Decimal(0),
        )

    @cached_property
    def _all_actors(self) -> list[Actor]:
        return list(
            access.visible_parts(
                access.professional_actors(Actor.objects.filter(plan=self.plan)),
                self.visible_member_ids,
            )
            .select_related(
                "professional__profession", "professional__department__area", "member__citizen"
            )
            .order_by("kind", "professional__name", "name", "id")
        )

    @cached_property
    def actors(self) -> list[Actor]:
        return [a for a in self._all_actors if a.is_active_on(self.today)]

    @cached_property
    def former_actors(self) -> list[Actor]:
        return [a for a in self._all_actors if not a.is_active_on(self.today)]

    @cached_property
    def consents(self) -> list[Consent]:
        # A consent names the person who gave it, so it is shown only to those who may see
        # them.
        member_ids = self.visible_member_ids
        consents = list(
            Consent.objects.filter(plan=self.plan, given_by__in=member_ids)
            .select_related("given_by__citizen")
            .prefetch_related(
                "departments",
                "areas",
                Prefetch("covers", queryset=PlanMember.objects.select_related("citizen")),
            )
        )
        for consent in consents:
            consent.visible_covers = [m for m in consent.covers.all() if m.pk in member_ids]
        return consents

    @cached_property
    def has_active_consent(self) -> bool:
        """A consent in force given by a member this user may see (the consents shown, of
        which one `is_active`), read with the members."""
        return bool(self.members) and self._consent_in_force

    @cached_property
    def log_page(self) -> Page:
        return log_entries_page(self.plan, self.visible_member_ids, self._log_page_number)

    @cached_property
    def latest_log_entries(self) -> list[LogEntry]:
        """The first page's few latest entries, without counting the whole log."""
        return list(visible_log_entries(self.plan, self.visible_member_ids)[:LATEST_ON_PLAN_PAGE])

    @cached_property
    def is_coordinator(self) -> bool:
        return access.is_coordinator(self.user, self.plan)

    # The goals and the members' own words are the coordinator's to write
    # (`access.can_change_goals`, `access.can_write_wishes`); the others propose in the log.
    @cached_property
    def can_change_goals(self) -> bool:
        return access.can_change_goals(self.user, self.plan)

    @cached_property
    def can_write_wishes(self) -> bool:
        return access.can_write_wishes(self.user, self.plan)


def plan_open(user: User, pk, *, path: str) -> Plan:
    """The plan, if this user may see it (404 otherwise). Writes the view to the audit trail."""
    plan = access.visible_plan_or_404(user, pk)
    audit.record(user=user, action=AuditAction.VIEW, obj=plan, plan=plan, path=path)
    return plan


def plan_for_form(user: User, pk, *, opening: bool, path: str) -> Plan:
    """The plan for an edit form. Opening the form (GET) shows the plan's data as stored, so
    it is audited as a view, whether or not anything is saved; a submitted form is audited
    by the write that follows."""
    plan = access.visible_plan_or_404(user, pk)
    if opening:
        audit.record(user=user, action=AuditAction.VIEW, obj=plan, plan=plan, path=path)
    return plan


def plan_print_open(user: User, pk, *, path: str) -> Plan:
    """The plan for the printable view: same rule as viewing, audited as an export, since
    a printout leaves the system."""
    plan = access.visible_plan_or_404(user, pk)
    audit.record(user=user, action=AuditAction.EXPORT, obj=plan, plan=plan, path=path)
    return plan


def visible_log_entries(plan: Plan, member_ids: frozenset[int]) -> QuerySet[LogEntry]:
    """The stafetlog, newest first, without entries about members this user may not see
    (their goals, interventions and own meetings), nor what such a member wrote on their
    own side."""
    return (
        LogEntry.objects.filter(plan=plan)
        .filter(access.log_entries_of_members_seen(member_ids))
        .select_related("goal", "intervention")
    )


def log_entries_page(plan: Plan, member_ids: frozenset[int], page_number=1) -> Page:
    entries = visible_log_entries(plan, member_ids)
    return Paginator(entries, settings.ENPLAN_LOG_PAGE_SIZE).get_page(page_number)


def plan_page(user: User, plan: Plan, *, log_page_number=1) -> PlanPage:
    """What the plan's pages show, each part read when first shown (`PlanPage`)."""
    return PlanPage(user, plan, log_page_number=log_page_number)


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    kind: str  # "+", "~" or "-", as simple-history records them
    object_label: str
    object_name: str
    changes: list


def plan_history(user: User, plan: Plan) -> list[HistoryEntry]:
    """Who changed what and when, across the plan and everything in it, newest first.

    Diffs are computed between consecutive history records of each object, and references
    are resolved to names with one query per referenced model, not one per change.
    """
    from enplan.core.concurrency import FieldChange, display_value

    member_ids = access.visible_member_ids(user, plan)
    sources = [
        (Plan, Plan.history.filter(id=plan.pk)),
        (PlanMember, PlanMember.history.filter(plan_id=plan.pk, id__in=member_ids)),
        (Goal, access.visible_parts(Goal.history.filter(plan_id=plan.pk), member_ids)),
        (
            Intervention,
            access.visible_parts(Intervention.history.filter(plan_id=plan.pk), member_ids),
        ),
        (
            Actor,
            access.visible_parts(
                access.professional_actors(Actor.history.filter(plan_id=plan.pk)), member_ids
            ),
        ),
        (Consent, Consent.history.filter(plan_id=plan.pk, given_by_id__in=member_ids)),
    ]
    skip = {"id", "version", "municipality", "plan", "history_id"}
    raw = []  # (model, record, fields, changed pairs)
    wanted: dict = {}
    for model, records in sources:
        fields = [f for f in model._meta.concrete_fields if f.name not in skip and f.editable]
        previous_by_id: dict = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            previous = previous_by_id.get(record.id)
            pairs = []
            for f in fields:
                after = getattr(record, f.attname, None)
                before = getattr(previous, f.attname, None) if previous is not None else None
                if record.history_type == "~" and before == after:
                    continue
                if record.history_type == "+" and after in (None, "", []):
                    continue
                if record.history_type == "-":
                    continue
                pairs.append((f, before, after))
                if f.is_relation:
                    for value in (before, after):
                        if value is not None:
                            wanted.setdefault(f.related_model, set()).add(value)
            previous_by_id[record.id] = record
            # The object's own name, for the heading of each change.
            if model is PlanMember:
                wanted.setdefault(Citizen, set()).add(record.citizen_id)
            elif model is Actor and record.professional_id:
                wanted.setdefault(Professional, set()).add(record.professional_id)
            if record.history_type == "~" and not pairs:
                continue
            raw.append((model, record, pairs))
    names = {
        (related, obj.pk): str(obj)
        for related, pks in wanted.items()
        for obj in related._default_manager.filter(pk__in=pks)
    }
    entries = []
    for model, record, pairs in raw:
        changes = []
        for f, before, after in pairs:
            if f.is_relation:
                shown_before = names.get((f.related_model, before), display_value(f, None))
                shown_after = names.get((f.related_model, after), display_value(f, None))
            else:
                shown_before, shown_after = display_value(f, before), display_value(f, after)
            changes.append(
                FieldChange(
                    label=str(f.verbose_name).capitalize(),
                    before=shown_before if record.history_type == "~" else "",
                    after=shown_after,
                )
            )
        who = ""
        if record.history_user is not None:
            who = record.history_user.get_full_name() or record.history_user.username
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=who,
                kind=record.history_type,
                object_label=str(model._meta.verbose_name).capitalize(),
                object_name=_history_name(model, record, names),
                changes=changes,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def _history_name(model, record, names) -> str:
    if model is PlanMember:
        return names.get((Citizen, record.citizen_id), "")
    if model is Actor:
        return record.name or names.get((Professional, record.professional_id), "")
    return getattr(record, "title", "") or ""


def default_model_for(municipality_id) -> StepModel | None:
    return StepModel.objects.filter(
        municipality_id=municipality_id, is_default=True, is_active=True
    ).first()


def model_for_plan(plan: Plan) -> tuple[StepModel | None, bool]:
    """The model the plan follows, and whether it was chosen for it (rather than the
    municipality's default, which a plan follows until someone chooses)."""
    progression = PlanProgression.objects.filter(plan=plan).select_related("step_model").first()
    if progression is not None:
        return progression.step_model, True
    return default_model_for(plan.municipality_id), False


def steps_for_plan(plan: Plan) -> QuerySet[Step]:
    """The steps a registration or an intervention on this plan may point at."""
    progression = PlanProgression.objects.filter(plan=plan).values("step_model")
    if progression.exists():
        return Step.objects.filter(model__in=progression)
    return Step.objects.filter(
        model__municipality_id=plan.municipality_id, model__is_default=True, model__is_active=True
    )
