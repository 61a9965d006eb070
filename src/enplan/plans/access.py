"""Who may see a plan and which parts of it. The rules, from the design brief:

- Tenancy: nobody reaches anything outside their own municipality.
- Need-to-know: a professional sees a plan only while they are its coordinator, or an
  active actor on it whose department the citizen's consent covers. Everyone else gets a
  404 rather than a 403, so that not even the plan's existence is revealed.
- Within a household plan, a professional sees a member's own parts (wishes, goals,
  interventions, network, what the stafetlog says about them) only when that member's
  consent covers their department.
- Team leaders and administrators see no individual plan at all. Team leaders see
  figures across their municipality's plans, with groups of fewer than five citizens
  suppressed (`plans_for_figures`).

The citizen's side: a citizen logs in with MitID and reaches only the plans they are a
member of, in their own municipality. Within a household plan (the rules from the field,
and the law on custody):

- everyone sees their own part and the parts that belong to the whole household;
- a parent with custody sees the parts of the children in their custody, until the
  child turns 18;
- a young person gets their own login from 15 (settings.ENPLAN_CITIZEN_OWN_LOGIN_AGE)
  and may hide what they write themselves from their parents; the professionals' parts
  about them stay visible to a parent with custody;
- an adult member's part is theirs alone unless they choose to share it;
- internal notes of the professionals are never shown on the citizen's side;
- a private person the citizen chose to keep from the professionals is never shown to
  a professional, coordinator included.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import access as core_access
from enplan.core.models import AnyUser, Role
from enplan.organisation import access as organisation_access
from enplan.plans.models import Actor, Consent, Plan, PlanMember, PlanStatus


def _consents_covering(professional, day) -> QuerySet[Consent]:
    department = professional.department
    if department is None:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(departments=department) | Q(areas=department.area_id),
        given_on__lte=day,
        withdrawn_on__isnull=True,
    )


def consents_covering(user: AnyUser) -> QuerySet[Consent]:
    """The consents in force today that cover this user's department (or its area)."""
    professional = organisation_access.professional_of(user)
    if professional is None:
        return Consent.objects.none()
    return _consents_covering(professional, timezone.localdate())


def plans_visible_to(user: AnyUser, *, by_row: bool = False) -> QuerySet[Plan]:
    """The plans this user may see. Lists ask for the ids of all their plans at once
    (`_plan_ids_of`). `by_row` writes the same rule as a condition on each plan's own row
    (its coordinator, or the consent covering an active actor), for asking about one plan
    by its key or the plan of one meeting: listing all the user's plans that way would
    test every plan of the municipality."""
    professional = organisation_access.professional_of(user)
    if professional is None:
        return Plan.objects.none()
    today = timezone.localdate()
    if core_access.is_system(user):
        return _plans_seen_by_department(user, professional, today)
    plans = Plan.objects.filter(municipality_id=core_access.scope_of(user)).exclude(
        status=PlanStatus.ANNULLED
    )
    if by_row:
        return plans.filter(
            Q(coordinator=professional)
            | Exists(_consented_actor_on(professional, today).filter(plan=OuterRef("pk")))
        )
    return plans.filter(pk__in=_plan_ids_of(professional, today))


def _plan_ids_of(professional, today) -> QuerySet:
    """The ids of the plans this professional may see, as a UNION of two index-driven sets:
    the plans they coordinate (the coordinator index) and the plans they are an active
    actor on whose consent covers their department (the actor index, then the consents of
    those plans only). A municipality has ~100,000 plans, a caseworker a few hundred;
    written as one OR, PostgreSQL scans every plan of the municipality instead."""
    coordinated = (
        Plan.objects.filter(municipality_id=professional.municipality_id, coordinator=professional)
        .order_by()
        .values("pk")
    )
    consented = _consented_actor_on(professional, today).order_by().values("plan_id")
    return coordinated.union(consented)


def _consented_actor_on(professional, today) -> QuerySet[Consent]:
    """The consents in force that cover this professional, on plans they are an active
    actor on: the second half of the rule, for all their plans or (filtered) for one."""
    acting_on = Actor.objects.active_on(today).filter(professional=professional).values("plan_id")
    return _consents_covering(professional, today).filter(plan__in=acting_on)


def _plans_seen_by_department(user: AnyUser, system, today) -> QuerySet[Plan]:
    """A department's system sees the plans a professional of its department may see: those
    its department takes part in (an active actor or the coordinator from it), and only
    while the citizen's consent covers the department. The coordinator's own right to see a
    plan without consent is personal and does not pass to the department's system."""
    department_id = system.department_id
    if department_id is None:
        return Plan.objects.none()
    involved = (
        Actor.objects.active_on(today)
        .filter(professional__department_id=department_id)
        .values("plan_id")
    )
    consented = _consents_covering(system, today).values("plan_id")
    return (
        Plan.objects.filter(municipality_id=core_access.scope_of(user), pk__in=consented)
        .exclude(status=PlanStatus.ANNULLED)
        .filter(Q(coordinator__department_id=department_id) | Q(pk__in=involved))
    )


# What the plan's pages show of its coordinator.
_PLAN_PAGE_RELATED = (
    "coordinator__profession",
    "coordinator__department__area",
    "coordinator__user",
)


def visible_plan_or_404(user: AnyUser, pk) -> Plan:
    """The plan with this key, if `plans_visible_to` holds it (404 otherwise).

    The same rule, asked about one plan: the plan is read by its key, and the rule is a
    condition on that one row (its coordinator, or the consent covering an active actor).
    Asked as "is it among the UNION of all the user's plans", PostgreSQL spends 3 ms
    planning a query it runs in 0.5 ms, on every page of every plan."""
    plans = plans_visible_to(user, by_row=True).select_related(*_PLAN_PAGE_RELATED)
    # No ORDER BY for a lookup by key: sorting one row costs planning, not running.
    found = list(plans.filter(pk=pk).order_by()[:1])
    if not found:
        raise Http404
    return found[0]


def is_coordinator(user: AnyUser, plan: Plan) -> bool:
    professional = organisation_access.professional_of(user)
    return professional is not None and plan.coordinator_id == professional.pk


def visible_members(user: AnyUser, plan: Plan) -> QuerySet[PlanMember]:
    """The members whose own parts of the plan this user may see: every member for the
    coordinator, the members whose consent covers their department for an actor."""
    if is_coordinator(user, plan):
        return PlanMember.objects.filter(plan=plan)
    professional = organisation_access.professional_of(user)
    if professional is None:
        return PlanMember.objects.none()
    covering = _consents_covering(professional, timezone.localdate())
    return PlanMember.objects.filter(plan=plan, consents__in=covering)


def check_same_plan(plan: Plan, *objects) -> None:
    """Refuse a choice (a member, a goal, a person in the network) from another plan."""
    for obj in objects:
        if obj is not None and obj.plan_id != plan.pk:
            raise ValidationError(_("That choice does not belong to this plan."))


class EveryMember(frozenset):
    """The ids of a plan's members, for a user who sees every member's parts (the
    coordinator, `visible_members`). The member rule is then true of every part of the
    plan, so the queries that get these ids leave it out (`visible_parts`,
    `member_rule_applies`): on the plan page that is 4 ms less of building SQL for the
    log alone. Made only here and by `members_seen`, never from a list of ids alone."""


def members_seen(user: AnyUser, plan: Plan, ids) -> frozenset[int]:
    """The ids `visible_members` gave for this user and plan, marked as every member for
    the coordinator."""
    return EveryMember(ids) if is_coordinator(user, plan) else frozenset(ids)


def member_rule_applies(member_ids) -> bool:
    """Whether the parts of the plan must be checked against `member_ids` at all."""
    return not isinstance(member_ids, EveryMember)


def visible_member_ids(user: AnyUser, plan: Plan) -> frozenset[int]:
    """`visible_members` as a set of ids, for pages that check many parts against it."""
    return members_seen(user, plan, visible_members(user, plan).values_list("pk", flat=True))


def visible_member_or_404(user: AnyUser, plan: Plan, pk) -> PlanMember:
    member = visible_members(user, plan).select_related("citizen").filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def parts_visible_to(user: AnyUser, plan: Plan, parts: QuerySet) -> QuerySet:
    """The plan's parts (goals, interventions, actors) this user may see: those of the
    whole household, and those of a member they may see."""
    return parts.filter(plan=plan).filter(
        Q(member__isnull=True) | Q(member__in=visible_members(user, plan).values("pk"))
    )


def actors_visible_to(user: AnyUser, plan: Plan) -> QuerySet[Actor]:
    """The network as this professional may see it: within the member rule, and without
    the private persons the citizen keeps from the professionals."""
    return parts_visible_to(user, plan, professional_actors(Actor.objects.all()))


def visible_actor_or_404(user: AnyUser, plan: Plan, pk) -> Actor:
    """A person in the network whose part of the plan this user may see; never a private
    person the citizen keeps from the professionals."""
    actor = actors_visible_to(user, plan).select_related("professional").filter(pk=pk).first()
    if actor is None:
        raise Http404
    return actor


def visible_part_or_404(user: AnyUser, plan: Plan, parts: QuerySet, pk):
    part = parts_visible_to(user, plan, parts).filter(pk=pk).first()
    if part is None:
        raise Http404
    return part


def members_visible_to(user: AnyUser, *, among=None) -> QuerySet[PlanMember]:
    """Across plans, the members whose own parts this user may see: every member of the
    plans they coordinate, and the members whose consent covers their department on the
    plans they are an active actor on (the rule of `visible_member_ids`, as one query).
    Bounded by the user's own plans (a UNION over the coordinator and actor indexes),
    never by the whole municipality's consents. On one plan, use `visible_members`.

    `among` (member ids, or a query of them) asks about those members only, inside each
    part of the UNION: a search that found two people then checks two people, not the
    thousands on a big caseload."""
    professional = organisation_access.professional_of(user)
    if professional is None:
        return PlanMember.objects.none()
    today = timezone.localdate()
    if core_access.is_system(user):
        # A department's system: the members its department's consent covers, on the
        # plans the department takes part in (bounded by `_plans_seen_by_department`).
        members = PlanMember.objects.filter(
            plan__in=plans_visible_to(user),
            consents__in=_consents_covering(professional, today),
        )
        return members if among is None else members.filter(pk__in=among)
    on_own_plans = PlanMember.objects.filter(
        plan__municipality_id=professional.municipality_id, plan__coordinator=professional
    )
    if among is not None:
        on_own_plans = on_own_plans.filter(pk__in=among)
    coordinated = on_own_plans.order_by().values("pk")
    acting_on = Actor.objects.active_on(today).filter(professional=professional).values("plan_id")
    covers = Consent.covers.through.objects.filter(
        consent__in=_consents_covering(professional, today).filter(plan__in=acting_on)
    )
    if among is not None:
        covers = covers.filter(planmember_id__in=among)
    consented = covers.order_by().values("planmember_id")
    return PlanMember.objects.filter(
        municipality_id=core_access.scope_of(user), pk__in=coordinated.union(consented)
    )


# The write policy -------------------------------------------------------------------
#
# Who may create, change, end and delete each part of a plan, for a user who may already
# see the plan (`visible_plan_or_404` answers 404 to everyone else). The services ask these
# rules themselves, so the pages, the API and the commands share them; a refusal is
# `PermissionDenied` (403). The whole table, with the other apps' parts, is docs/access.md.


def can_manage_plan(user: AnyUser, plan: Plan) -> bool:
    """Coordinator-only actions: the plan's name, status and review date, consent,
    custody, hand-over and the step model."""
    return is_coordinator(user, plan)


def can_write_on_plan(user: AnyUser, plan: Plan) -> bool:
    """The shared parts (the network, log entries, meetings, development points,
    ratings) are written by every professional on the plan: its
    coordinator and its active actors within the consent. Team leaders, administrators,
    key holders and systems of a department are none of them."""
    if is_coordinator(user, plan):
        return True
    if not organisation_access.works_with_cases(user):
        return False
    return core_access.remembered(
        user,
        f"writes_on_plan_{plan.pk}",
        lambda: plans_visible_to(user).filter(pk=plan.pk).exists(),
    )


def require_can_write_on_plan(user: AnyUser, plan: Plan) -> None:
    if not can_write_on_plan(user, plan):
        raise PermissionDenied


def require_coordinator(user: AnyUser, plan: Plan) -> None:
    # The plan is already visible to this user, so a 404 would be confusing; the action is
    # simply not theirs to take. PermissionDenied renders as 403.
    if not can_manage_plan(user, plan):
        raise PermissionDenied


def can_change_goals(user: AnyUser, plan: Plan) -> bool:
    """The plan's goals are set with the citizen by the coordinator, who holds the plan
    together: they create, change and end them. The other professionals on the plan
    propose a goal or a change in the stafetlog (an entry about the goal), which the
    coordinator takes up; one department does not rewrite the whole network's aim."""
    return is_coordinator(user, plan)


def require_can_change_goals(user: AnyUser, plan: Plan) -> None:
    if not can_change_goals(user, plan):
        raise core_access.Refused(
            _(
                "Only the plan's coordinator changes its goals. "
                "Propose a goal or a change in the log."
            )
        )


def can_write_wishes(user: AnyUser, plan: Plan) -> bool:
    """What matters most to a member is their own words: written by the citizen on their
    pages (`CitizenScope.can_write_for`), or recorded for them by the coordinator, who
    talks with them about the plan. Other professionals write what they heard in the log."""
    return is_coordinator(user, plan)


def require_can_write_wishes(user: AnyUser, plan: Plan) -> None:
    if not can_write_wishes(user, plan):
        raise core_access.Refused(
            _(
                "A member's own words are written by the citizen, or by the coordinator on "
                "their behalf. Write what you heard in the log."
            )
        )


def can_change_intervention(user: AnyUser, plan: Plan, department_id) -> bool:
    """An effort belongs to its department: it is registered and changed by the plan's
    coordinator and by the department's own professionals (and its system), not by the
    other departments on the plan."""
    if is_coordinator(user, plan):
        return True
    professional = organisation_access.professional_of(user)
    return (
        professional is not None
        and professional.department_id is not None
        and professional.department_id == department_id
    )


def require_can_change_intervention(user: AnyUser, plan: Plan, intervention) -> None:
    """403 for a change to another department's effort on a plan the user may see."""
    if not can_change_intervention(user, plan, intervention.department_id):
        raise core_access.Refused(
            _(
                "An intervention is changed by its own department and the coordinator. "
                "Write a log entry about it, or propose the change to them."
            )
        )


def require_can_register_intervention(user: AnyUser, plan: Plan, department) -> None:
    """403 for registering an effort in the name of another department."""
    if not can_change_intervention(user, plan, getattr(department, "pk", department)):
        raise PermissionDenied


def log_entries_of_members_seen(member_ids) -> Q:
    """For a log entry, on either side: nothing about a member outside `member_ids`
    (their goal, their intervention, their own meeting), and not written by such a member
    on their own side."""
    if not member_rule_applies(member_ids):
        return Q()
    return (
        (Q(goal__isnull=True) | Q(goal__member__isnull=True) | Q(goal__member__in=member_ids))
        & (
            Q(intervention__isnull=True)
            | Q(intervention__member__isnull=True)
            | Q(intervention__member__in=member_ids)
        )
        & (Q(citizen_author__isnull=True) | Q(citizen_author__in=member_ids))
        & log_entries_about_members_seen(member_ids)
    )


def log_entries_about_members_seen(member_ids) -> Q:
    """For a log entry: true unless it is about some members only and none of them is
    among `member_ids` (what happened to a meeting to which only another member was
    invited is that member's, as the meeting is)."""
    from enplan.plans.models import LogEntryAbout

    if not member_rule_applies(member_ids):
        return Q()
    about = LogEntryAbout.objects.filter(log_entry=OuterRef("pk"))
    return ~Exists(about) | Exists(about.filter(member__in=member_ids))


def professional_actors(actors: QuerySet) -> QuerySet:
    """The network as professionals see it: without the private persons the citizen
    chose to keep to themselves."""
    return actors.filter(visible_to_professionals=True)


def citizen_of(user: AnyUser):
    """The citizen behind a logged-in citizen user, or None. Cached on the user."""
    from enplan.plans.models import Citizen

    if not user.is_authenticated or user.role != Role.CITIZEN or not user.municipality_id:
        return None
    return core_access.remembered(
        user,
        "citizen",
        lambda: Citizen.objects.filter(
            user=user, municipality_id=core_access.scope_of(user)
        ).first(),
    )


def may_log_in_as_citizen(citizen) -> bool:
    return citizen is not None and citizen.age >= settings.ENPLAN_CITIZEN_OWN_LOGIN_AGE


def is_citizen(user: AnyUser) -> bool:
    return citizen_of(user) is not None


def staff_side_or_404(user: AnyUser) -> None:
    """The municipality's own pages are closed to citizens, even those that would show them
    nothing: 404, as for any page that is not theirs."""
    if is_citizen(user):
        raise Http404


def citizen_plans(user: AnyUser) -> QuerySet[Plan]:
    """The plans a citizen is a member of. Nothing for anyone else, or for a child under
    the age of their own login."""
    citizen = citizen_of(user)
    if not may_log_in_as_citizen(citizen):
        return Plan.objects.none()
    return (
        Plan.objects.filter(municipality_id=core_access.scope_of(user), members__citizen=citizen)
        .exclude(status=PlanStatus.ANNULLED)
        .distinct()
    )


def citizen_plan_or_404(user: AnyUser, pk) -> Plan:
    plan = (
        citizen_plans(user)
        .select_related("coordinator__department__area", "coordinator__profession")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


@dataclass(frozen=True)
class CitizenScope:
    """What one citizen may see of one plan, worked out once per request."""

    member: PlanMember  # the citizen's own membership
    member_ids: frozenset  # members whose parts they see (own, children in custody, sharers)
    children_ids: frozenset  # children in their custody
    hidden_writer_ids: frozenset  # members whose own writing they may not see
    hidden_writer_user_ids: frozenset

    def parts(self) -> Q:
        """Parts (goals, interventions, actors) of a member they see, or of the household."""
        return Q(member__isnull=True) | Q(member__in=self.member_ids)

    def can_write_for(self, member) -> bool:
        """Their own words, and a young child's words written by a parent with custody."""
        if member.pk == self.member.pk:
            return True
        return member.pk in self.children_ids and not may_log_in_as_citizen(member.citizen)

    @property
    def can_manage_consent(self) -> bool:
        # In a household an adult consents for themselves and the children in their
        # custody; a citizen with a plan of their own consents for themselves.
        return self.member.is_adult or self.member.plan.kind == "citizen"

    @property
    def is_young_person(self) -> bool:
        return not self.member.is_adult and self.member.plan.kind == "household"


def citizen_scope(user: AnyUser, plan: Plan) -> CitizenScope:
    """The citizen's view of `plan`; 404 if they are not a member (or too young)."""
    citizen = citizen_of(user)
    if not may_log_in_as_citizen(citizen):
        raise Http404
    members = list(
        PlanMember.objects.filter(plan=plan)
        .select_related("citizen", "plan")
        .prefetch_related(Prefetch("custodians", queryset=PlanMember.objects.only("id")))
    )
    own = next((m for m in members if m.citizen_id == citizen.pk), None)
    if own is None:
        raise Http404
    # Custody ends at 18, whatever the plan still records: from then on the young adult's
    # part is theirs alone, as any adult member's.
    children = {
        m.pk for m in members if not m.is_adult and own.pk in {c.pk for c in m.custodians.all()}
    }
    sharing_adults = {
        m.pk for m in members if m.pk != own.pk and m.is_adult and m.shares_with_household
    }
    hidden = {m for m in members if m.pk in children and m.hides_writing_from_custodians}
    return CitizenScope(
        member=own,
        member_ids=frozenset({own.pk} | children | sharing_adults),
        children_ids=frozenset(children),
        hidden_writer_ids=frozenset(m.pk for m in hidden),
        hidden_writer_user_ids=frozenset(
            m.citizen.user_id for m in hidden if m.citizen.user_id is not None
        ),
    )


def citizen_log_entries(
    scope: CitizenScope, entries: QuerySet, *, with_internal: bool = False
) -> QuerySet:
    """The stafetlog as the citizen may read it: no internal notes, nothing about parts
    they do not see, and nothing a young person has hidden from them.

    `with_internal` keeps the internal notes, for Min log, which tells that a note was
    written without showing it.
    """
    ids = scope.member_ids
    if not with_internal:
        entries = entries.filter(is_internal=False)
    return entries.filter(log_entries_of_members_seen(ids)).exclude(
        citizen_author__in=scope.hidden_writer_ids
    )


def citizen_actors(scope: CitizenScope, actors: QuerySet) -> QuerySet:
    return actors.filter(scope.parts()).exclude(added_by_id__in=scope.hidden_writer_user_ids)


def plans_known_to(user: AnyUser) -> QuerySet[Plan]:
    """The plans a user may still be told about (their notices): the plans they may see,
    on the professionals' side or the citizen's. A notice about any other plan is hidden
    once access ends, for its text names the plan."""
    if citizen_of(user) is not None:
        return citizen_plans(user)
    return plans_visible_to(user)


def plans_for_figures(user: AnyUser) -> QuerySet[Plan]:
    """The plans a leader's figures are computed over: every plan in their municipality.

    Only ever aggregated, with small groups suppressed: never listed, linked or opened.
    """
    if not core_access.sees_steering_figures(user):
        return Plan.objects.none()
    # A plan created by mistake never was a plan: it counts in no figure.
    return Plan.objects.filter(municipality_id=core_access.scope_of(user)).exclude(
        status=PlanStatus.ANNULLED
    )


def visible_parts(qs, member_ids):
    """Parts that belong to a member the user may see, or to the whole household."""
    if not member_rule_applies(member_ids):
        return qs
    return qs.filter(Q(member__isnull=True) | Q(member__in=member_ids))
