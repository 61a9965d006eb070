"""What the API reads, composed from the owning apps' access rules and selectors.

Every read that shows a plan's contents is audited as a view of that plan by
`plans.selectors.plan_open`, once per request, as the plan page is; a list of plans is
audited as a listing. Nothing here decides who may see what: `plans.access`,
`meetings.access` and the members' consent do.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from enplan.core import audit
from enplan.core.models import User
from enplan.meetings import access as meeting_access
from enplan.meetings.models import Decision, Meeting
from enplan.organisation import access as organisation_access
from enplan.organisation.models import Legislation
from enplan.plans import access as plan_access
from enplan.plans import selectors as plan_selectors
from enplan.plans.models import (
    Actor,
    Consent,
    Goal,
    Intervention,
    LogEntry,
    Plan,
    PlanMember,
)
from enplan.progress.models import StepRegistration


def changed_since(queryset: QuerySet, since: datetime | None) -> QuerySet:
    """The rows changed (or written) at or after `since`, from their history; one query."""
    if since is None:
        return queryset
    model = queryset.model
    history = getattr(model, "history", None)
    if history is None:
        return queryset.filter(created_at__gte=since)
    return queryset.filter(
        Exists(history.model.objects.filter(id=OuterRef("pk"), history_date__gte=since))
    )


def _changed_within(plan_ref: str, since: datetime) -> Q:
    """A plan changed when the plan itself or anything in it changed: goals, efforts,
    consent, the network, or a new entry in the log."""
    q = Q(Exists(LogEntry.objects.filter(plan_id=OuterRef(plan_ref), created_at__gte=since)))
    for model in (Plan, Goal, Intervention, Consent, Actor):
        field = "id" if model is Plan else "plan_id"
        history = model.history.model.objects.filter(
            **{field: OuterRef(plan_ref)}, history_date__gte=since
        )
        q |= Q(Exists(history))
    return q


def plans_for(user: User, *, since: datetime | None, path: str) -> QuerySet[Plan]:
    plans = (
        plan_access.plans_visible_to(user).select_related("coordinator__department").order_by("id")
    )
    if since is not None:
        plans = plans.filter(_changed_within("pk", since))
    audit.record_listing(user=user, what="api.plans", path=path)
    return plans


def plan_open(user: User, pk: int, *, path: str) -> Plan:
    return plan_selectors.plan_open(user, pk, path=path)


def plan_for_write(user: User, pk: int, *, path: str) -> Plan:
    """The plan a write goes to: the plan's rule decides, the write audits itself."""
    return plan_selectors.plan_for_form(user, pk, opening=False, path=path)


def members_of(user: User, plan: Plan) -> QuerySet[PlanMember]:
    # Distinct: a member covered by several consents is still one member.
    return (
        plan_access.visible_members(user, plan)
        .select_related("citizen")
        .distinct()
        .order_by("order", "id")
    )


def goals_of(user: User, plan: Plan) -> QuerySet[Goal]:
    return plan_access.parts_visible_to(user, plan, Goal.objects.all()).order_by("id")


def interventions_of(user: User, plan: Plan) -> QuerySet[Intervention]:
    return (
        plan_access.parts_visible_to(user, plan, Intervention.objects.all())
        .select_related("department", "legislation", "responsible")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.only("id")))
        .order_by("id")
    )


def intervention_of(user: User, plan: Plan, pk: int) -> Intervention:
    return plan_access.visible_part_or_404(user, plan, interventions_of(user, plan), pk)


def log_entries_of(user: User, plan: Plan) -> QuerySet[LogEntry]:
    member_ids = plan_access.visible_member_ids(user, plan)
    return plan_selectors.visible_log_entries(plan, member_ids).order_by("-occurred_on", "-id")


def meetings_of(user: User, plan: Plan) -> QuerySet[Meeting]:
    return (
        meeting_access.plan_meetings_visible(user, plan)
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("id")))
        .order_by("-starts_at", "id")
    )


def actors_of(user: User, plan: Plan) -> QuerySet[Actor]:
    return (
        plan_access.actors_visible_to(user, plan)
        .select_related("professional__department")
        .order_by("id")
    )


def consents_of(user: User, plan: Plan) -> tuple[QuerySet[Consent], frozenset[int]]:
    """The plan's consents as the plan page shows them: given by a member this user may
    see, naming only the members covered whom they may see (their ids come along)."""
    member_ids = plan_access.visible_member_ids(user, plan)
    consents = (
        Consent.objects.filter(plan=plan, given_by__in=member_ids)
        .prefetch_related(
            Prefetch("covers", queryset=PlanMember.objects.only("id")),
            "departments",
            "areas",
        )
        .order_by("-given_on", "-id")
    )
    return consents, member_ids


def step_registrations_of(user: User, plan: Plan) -> QuerySet[StepRegistration]:
    member_ids = plan_access.visible_member_ids(user, plan)
    return (
        StepRegistration.objects.filter(plan=plan, member_id__in=member_ids)
        .select_related("step")
        .order_by("entered_on", "id")
    )


def intervention_refs(
    user: User, plan: Plan, *, legislation_id, member_id, responsible_id, goal_ids
) -> dict:
    """The law, member, responsible and goals an effort names, looked up within what this
    user may see of the plan and its municipality; 422 naming each id that is not."""
    errors: dict[str, str] = {}
    legislation = Legislation.objects.filter(
        pk=legislation_id, municipality_id=plan.municipality_id
    ).first()
    if legislation is None:
        errors["legislation_id"] = _("There is no law with this id in the municipality.")
    member = None
    if member_id is not None:
        member = plan_access.visible_members(user, plan).filter(pk=member_id).first()
        if member is None:
            errors["member_id"] = _("There is no member with this id on the plan.")
    responsible = None
    if responsible_id is not None:
        responsible = (
            organisation_access.people_to_choose(plan.municipality_id)
            .filter(pk=responsible_id)
            .first()
        )
        if responsible is None:
            errors["responsible_id"] = _("There is no professional with this id.")
    wanted = set(goal_ids)
    goals = list(goals_of(user, plan).filter(pk__in=wanted)) if wanted else []
    if len(goals) != len(wanted):
        errors["goal_ids"] = _("One of the goals is not on the plan.")
    if errors:
        raise ValidationError(errors)
    return {
        "legislation": legislation,
        "member": member,
        "responsible": responsible,
        "goals": goals,
    }


def log_entry_refs(user: User, plan: Plan, *, goal_id, intervention_id) -> dict:
    """The goal and effort a log entry is about, if this user may see them; 422 if not."""
    errors: dict[str, str] = {}
    goal = intervention = None
    if goal_id is not None:
        goal = goals_of(user, plan).filter(pk=goal_id).first()
        if goal is None:
            errors["goal_id"] = _("One of the goals is not on the plan.")
    if intervention_id is not None:
        intervention = interventions_of(user, plan).filter(pk=intervention_id).first()
        if intervention is None:
            errors["intervention_id"] = _("There is no intervention with this id on the plan.")
    if errors:
        raise ValidationError(errors)
    return {"goal": goal, "intervention": intervention}


def plan_export(user: User, pk: int, *, path: str) -> Plan:
    """The plan for an export (the FHIR Bundle): the plan's rule, audited as an export."""
    return plan_selectors.plan_print_open(user, pk, path=path)


PARTS: dict[str, type[Goal | Intervention | Consent | PlanMember]] = {
    "goal": Goal,
    "intervention": Intervention,
    "consent": Consent,
    "member": PlanMember,
}


def plan_id_of(kind: str, pk: int) -> int:
    """The plan a goal, effort, consent or member belongs to, to ask the plan's rule about
    it; the rule answers 404 for a plan the user may not see, so nothing is revealed."""
    from django.http import Http404

    plan_id = PARTS[kind]._default_manager.filter(pk=pk).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise Http404
    return plan_id


def fhir_parts(user: User, plan: Plan) -> dict:
    """What the FHIR mapping needs of one plan, as this user may see it."""
    consents, _member_ids = consents_of(user, plan)
    return {
        "members": list(members_of(user, plan)),
        "goals": list(goals_of(user, plan)),
        "interventions": list(interventions_of(user, plan)),
        "actors": list(actors_of(user, plan)),
        "consents": list(consents),
    }
