"""Reads of the citizen's organisation: the network map, the relations and the burden panel.

`network_facts` reads everything in a fixed number of queries, whatever the size of the
network; the rest is computed by pure functions (`burden`, `relations`, `map_layout`).
The public entry points start from the access policy and write the audit event.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import audit
from enplan.core.models import AuditAction, User
from enplan.meetings.models import Meeting, Participant
from enplan.network import access
from enplan.network.burden import (
    Burden,
    BurdenChange,
    burden_changes,
    burden_dates,
    coordination_burden,
)
from enplan.network.facts import (
    ActorFact,
    CoordinatorFact,
    HandoverFact,
    InterventionFact,
    MeetingFact,
    NetworkFacts,
    RatingFact,
)
from enplan.network.map_layout import Group, MapLayout, group_actors, map_layout
from enplan.network.models import DevelopmentPoint, RelationRating
from enplan.network.relations import current_relations
from enplan.plans import access as plan_access
from enplan.plans.access import visible_parts
from enplan.plans.models import Actor, CoordinatorHandover, Intervention, Plan, PlanMember


def plan_started_on(plan: Plan) -> date:
    return timezone.localdate(plan.created_at)


def network_facts(plan: Plan, member_ids: frozenset[int]) -> NetworkFacts:
    """Everything the map and the panel need, in six queries.

    Only the parts of a household plan this reader may see are read: a professional
    outside a member's consent learns nothing about that member's network, not even how
    many people it has.
    """
    all_members = list(
        PlanMember.objects.filter(plan=plan).select_related("citizen").order_by("order", "id")
    )
    members = [m for m in all_members if m.pk in member_ids]
    actors = [
        ActorFact(
            id=a.pk,
            kind=a.kind,
            name=a.display_name,
            role=a.role,
            started_on=a.started_on,
            ended_on=a.ended_on,
            added_by_citizen=a.added_by_citizen,
            member_name=a.member.citizen.first_name if a.member_id else "",
            professional_id=a.professional_id,
            department_id=a.professional.department_id if a.professional_id else None,
            department_name=(
                a.professional.department.name
                if a.professional_id and a.professional.department_id
                else ""
            ),
            area_id=(
                a.professional.department.area_id
                if a.professional_id and a.professional.department_id
                else None
            ),
            area_name=(
                a.professional.department.area.name
                if a.professional_id and a.professional.department_id
                else ""
            ),
            area_order=(
                a.professional.department.area.order
                if a.professional_id and a.professional.department_id
                else 0
            ),
            area_is_external=bool(
                a.professional_id
                and a.professional.department_id
                and a.professional.department.area.is_external
            ),
            organisation=a.professional.organisation if a.professional_id else "",
        )
        for a in visible_parts(
            plan_access.professional_actors(Actor.objects.filter(plan=plan)), member_ids
        )
        .select_related("professional__department__area", "member__citizen")
        .order_by("id")
    ]
    interventions = [
        InterventionFact(
            id=i["id"],
            status=i["status"],
            department_id=i["department_id"],
            area_id=i["department__area_id"],
            legislation_id=i["legislation_id"],
            legislation_name=i["legislation__short_name"],
            responsible_id=i["responsible_id"],
            agreed_start=i["agreed_start"],
            actual_start=i["actual_start"],
            end_date=i["end_date"],
        )
        for i in visible_parts(Intervention.objects.filter(plan=plan), member_ids)
        .order_by("id")
        .values(
            "id",
            "status",
            "department_id",
            "department__area_id",
            "legislation_id",
            "legislation__short_name",
            "responsible_id",
            "agreed_start",
            "actual_start",
            "end_date",
        )
    ]
    citizen_invited = Participant.objects.filter(meeting=OuterRef("pk"), member__in=member_ids)
    meetings = [
        MeetingFact(
            id=m.pk,
            starts_on=timezone.localdate(m.starts_at),
            status=m.status,
            citizen_invited=m.citizen_invited,
        )
        for m in Meeting.objects.filter(plan=plan)
        .annotate(citizen_invited=Exists(citizen_invited))
        .only("id", "starts_at", "status")
        .order_by("starts_at", "id")
    ]
    handovers = [
        HandoverFact(
            on=timezone.localdate(h.handed_over_at),
            from_name=h.from_coordinator.name,
            to_name=h.to_coordinator.name,
        )
        for h in CoordinatorHandover.objects.filter(plan=plan)
        .select_related("from_coordinator", "to_coordinator")
        .order_by("handed_over_at", "id")
    ]
    ratings = [
        RatingFact(**r)
        for r in RelationRating.objects.filter(plan=plan)
        .order_by("rated_on", "id")
        .values("id", "rater_id", "first_id", "second_id", "level", "comment", "rated_on")
    ]
    coordinator = plan.coordinator
    return NetworkFacts(
        plan_title=plan.title,
        started_on=plan_started_on(plan),
        member_names=[m.citizen.first_name for m in members],
        members_hidden=len(members) < len(all_members),
        coordinator=CoordinatorFact(
            professional_id=coordinator.pk,
            name=coordinator.name,
            title=coordinator.title,
            workplace=coordinator.workplace,
        ),
        actors=actors,
        interventions=interventions,
        meetings=meetings,
        handovers=handovers,
        ratings=ratings,
    )


@dataclass
class RelationRow:
    first: ActorFact
    second: ActorFact
    level: str
    disagreement: bool
    views: list[tuple[ActorFact, RatingFact]]


@dataclass
class PersonRow:
    actor: ActorFact
    group: str
    section: str
    laws: list[str]
    is_coordinator: bool


@dataclass
class OrganisationPage:
    plan: Plan
    on: date
    today: date
    started_on: date
    layout: MapLayout
    groups: list[Group]
    people: list[PersonRow]
    former: list[ActorFact]
    relations: list[RelationRow]
    burden: Burden
    burden_at_start: Burden
    changes: list[BurdenChange]
    timeline: list[Burden]
    development_points: list[DevelopmentPoint]
    coordinator_actor: ActorFact | None
    partial_view: bool
    counts: dict = field(default_factory=dict)

    @property
    def is_today(self) -> bool:
        return self.on == self.today

    @property
    def active_actors(self) -> list[ActorFact]:
        return [row.actor for row in self.people]


def _laws_on(
    facts: NetworkFacts, day: date
) -> tuple[dict[int, list[str]], dict[int | None, list[str]]]:
    """The laws each department and each professional acts under on `day`: from the
    efforts in force that the department holds or the professional is responsible for."""
    by_department: dict[int, set[str]] = {}
    by_professional: dict[int, set[str]] = {}
    for i in facts.interventions:
        if i.is_in_force_on(day):
            by_department.setdefault(i.department_id, set()).add(i.legislation_name)
            if i.responsible_id:
                by_professional.setdefault(i.responsible_id, set()).add(i.legislation_name)
    return (
        {k: sorted(v) for k, v in by_department.items()},
        {k: sorted(v) for k, v in by_professional.items()},
    )


def organisation_from_facts(
    facts: NetworkFacts, *, plan: Plan, on: date, development_points=(), partial_view=False
) -> OrganisationPage:
    """The whole page from plain facts: pure apart from the translated group names."""
    today = timezone.localdate()
    active = [a for a in facts.actors if a.is_active_on(on)]
    coordinator_actor = next(
        (a for a in active if a.professional_id == facts.coordinator.professional_id), None
    )
    laws_by_department, laws_by_professional = _laws_on(facts, on)
    groups = group_actors(
        [a for a in active if a is not coordinator_actor],
        laws_by_department=laws_by_department,
        other_external_title=_("Other external contacts"),
        private_title=_("Private network"),
    )
    relations = current_relations(facts.ratings, on, {a.id for a in active})
    layout = map_layout(
        groups=groups,
        centre_title=facts.plan_title,
        centre_names=facts.member_names,
        coordinator_name=facts.coordinator.name,
        coordinator_role=_("Coordinator"),
        coordinator_actor=coordinator_actor,
        relations=relations,
    )
    by_id = {a.id: a for a in facts.actors}
    people = []
    if coordinator_actor is not None:
        people.append(
            PersonRow(
                actor=coordinator_actor,
                group=_("Coordinator"),
                section=facts.coordinator.workplace,
                laws=laws_by_professional.get(coordinator_actor.professional_id, []),
                is_coordinator=True,
            )
        )
    for group in groups:
        for section in group.sections:
            for actor in section.actors:
                people.append(
                    PersonRow(
                        actor=actor,
                        group=group.title,
                        section=section.title,
                        laws=laws_by_professional.get(actor.professional_id, []),
                        is_coordinator=False,
                    )
                )
    relation_rows = sorted(
        (
            RelationRow(
                first=by_id[r.first_id],
                second=by_id[r.second_id],
                level=r.level,
                disagreement=r.disagreement,
                views=[(by_id[v.rater_id], v) for v in r.views],
            )
            for r in relations
        ),
        key=lambda row: (
            {"poor": 0, "medium": 1, "good": 2}[row.level],
            not row.disagreement,
            row.first.name,
            row.second.name,
        ),
    )
    started_on = facts.started_on
    start_day = min(started_on, on)
    timeline = [coordination_burden(facts, day) for day in burden_dates(start_day, on)]
    burden = timeline[-1]
    burden_at_start = timeline[0]
    levels = [r.level for r in relations]
    return OrganisationPage(
        plan=plan,
        on=on,
        today=today,
        started_on=started_on,
        layout=layout,
        groups=groups,
        people=people,
        former=sorted(
            (a for a in facts.actors if a.ended_on is not None and a.ended_on < on),
            key=lambda a: (a.ended_on, a.name),
        ),
        relations=relation_rows,
        burden=burden,
        burden_at_start=burden_at_start,
        changes=burden_changes(burden_at_start, burden),
        timeline=timeline,
        development_points=list(development_points),
        coordinator_actor=coordinator_actor,
        partial_view=partial_view,
        counts={
            "people": len(active),
            "groups": len(groups),
            "relations": len(relations),
            "good": levels.count("good"),
            "medium": levels.count("medium"),
            "poor": levels.count("poor"),
            "disagreements": sum(1 for r in relations if r.disagreement),
        },
    )


def development_points(user: User, plan: Plan) -> list[DevelopmentPoint]:
    # A point whose responsible person belongs to a member the reader may not see is
    # shown without the name, rather than hidden: the point itself is the network's.
    return list(
        access.points_visible_to(user, plan)
        .select_related("responsible__professional")
        .order_by("-status", F("due_date").asc(nulls_last=True), "id")
    )


def organisation_page(
    user: User, plan: Plan, *, on: date | None = None, member_ids: frozenset[int] | None = None
) -> OrganisationPage:
    """The organisation of a plan the caller has already opened (and audited), in a fixed
    number of queries. `member_ids` may be passed by a caller that has them already."""
    if member_ids is None:
        member_ids = plan_access.visible_member_ids(user, plan)
    facts = network_facts(plan, member_ids)
    return organisation_from_facts(
        facts,
        plan=plan,
        on=on or timezone.localdate(),
        development_points=development_points(user, plan),
        partial_view=facts.members_hidden,
    )


def organisation_open(user: User, pk, *, on: date | None = None, path: str) -> OrganisationPage:
    """The map page: visible to whoever may see the plan; writes the view to the audit trail."""
    plan = plan_access.visible_plan_or_404(user, pk)
    audit.record(user=user, action=AuditAction.VIEW, obj=plan, plan=plan, path=path)
    return organisation_page(user, plan, on=on)


def organisation_export(user: User, pk, *, on: date | None = None, path: str) -> OrganisationPage:
    """The map for download (SVG or PNG): same access as the page, audited as an export."""
    plan = plan_access.visible_plan_or_404(user, pk)
    audit.record(user=user, action=AuditAction.EXPORT, obj=plan, plan=plan, path=path)
    return organisation_page(user, plan, on=on)
