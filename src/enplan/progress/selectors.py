"""Reads of a plan's progression on the staircase. Each starts from the access policy.

The plan page's section gets everything it shows in a fixed number of queries. The
steering group's figures live in `steering.py`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from enplan.core.models import User
from enplan.organisation.models import Step, StepModel
from enplan.plans import access as plan_access
from enplan.plans.models import Intervention, Plan, PlanMember
from enplan.plans.selectors import model_for_plan
from enplan.progress import access, charts
from enplan.progress.models import StepRegistration


@dataclass
class Stay:
    """A citizen's time on one step, from one registration to the next (or to today)."""

    step: Step
    started_on: date
    ended_on: date | None  # None: the citizen is still on the step
    days: int
    registration: StepRegistration

    @property
    def is_overdue(self) -> bool:
        return self.step.max_days is not None and self.days > self.step.max_days

    @property
    def days_over(self) -> int:
        limit = self.step.max_days
        return self.days - limit if limit is not None and self.days > limit else 0


@dataclass
class MemberPath:
    member: PlanMember
    registrations: list[StepRegistration]
    stays: list[Stay]
    current: Stay | None
    has_ended: bool
    chart: charts.PathChart | None

    @property
    def earlier_overdue_stays(self) -> list[Stay]:
        """Steps the citizen has left, after staying longer than the step's limit."""
        return [s for s in self.stays if s.is_overdue and s.ended_on is not None]

    @property
    def latest(self) -> StepRegistration | None:
        return self.registrations[-1] if self.registrations else None

    can_withdraw_latest: bool = False

    @property
    def summary(self) -> str:
        """The chart in words, for its text alternative."""
        parts = [
            _("step %(number)s from %(date)s")
            % {
                "number": stay.step.order,
                "date": formats.date_format(stay.started_on, "SHORT_DATE_FORMAT"),
            }
            for stay in self.stays
        ]
        if self.has_ended and self.latest is not None:
            parts.append(
                _("the course ended %(date)s")
                % {"date": formats.date_format(self.latest.entered_on, "SHORT_DATE_FORMAT")}
            )
        return _("%(name)s's path on the staircase: %(path)s.") % {
            "name": self.member.citizen.first_name,
            "path": ", ".join(parts),
        }


@dataclass
class PlanProgress:
    model: StepModel | None
    is_chosen: bool
    steps: list[Step]
    paths: list[MemberPath]
    not_on_staircase: list[PlanMember]
    interventions_by_step: dict = field(default_factory=dict)
    can_choose_model: bool = False
    can_register: bool = False

    @property
    def steps_with_interventions(self) -> list[tuple[Step, list[Intervention]]]:
        return [(step, self.interventions_by_step.get(step.pk, [])) for step in self.steps]


def member_paths(
    registrations: list[StepRegistration], members: list[PlanMember], steps: list[Step], today
) -> tuple[list[MemberPath], list[PlanMember]]:
    """Each member's path from their registrations (oldest first): pure, no queries."""
    by_member: dict[int, list[StepRegistration]] = {}
    for registration in registrations:
        by_member.setdefault(registration.member_id, []).append(registration)
    paths, without = [], []
    for member in members:
        own = by_member.get(member.pk)
        if not own:
            without.append(member)
            continue
        stays = []
        for registration, following in zip(own, [*own[1:], None], strict=True):
            if registration.step is None:
                continue
            ended_on = following.entered_on if following is not None else None
            stays.append(
                Stay(
                    step=registration.step,
                    started_on=registration.entered_on,
                    ended_on=ended_on,
                    days=((ended_on or today) - registration.entered_on).days,
                    registration=registration,
                )
            )
        has_ended = own[-1].step is None
        current = stays[-1] if stays and not has_ended and stays[-1].ended_on is None else None
        paths.append(
            MemberPath(
                member=member,
                registrations=own,
                stays=stays,
                current=current,
                has_ended=has_ended,
                chart=charts.path_chart(
                    stays, steps, today, ended_on=own[-1].entered_on if has_ended else None
                ),
            )
        )
    return paths, without


def plan_progress(
    user: User, plan: Plan, *, members: list[PlanMember], interventions: list[Intervention]
) -> PlanProgress:
    """The staircase section of the plan page, for the members this user may see.

    `members` and `interventions` are the ones the plan page already fetched within the
    user's access, so the section adds only three queries.
    """
    today = timezone.localdate()
    model, is_chosen = model_for_plan(plan)
    steps = list(Step.objects.filter(model=model)) if model is not None else []
    member_ids = [m.pk for m in members]
    # Only the coordinator may choose the model, and the coordinator sees every member,
    # so for them the registrations fetched are all there are.
    is_coordinator = plan_access.can_manage_plan(user, plan)
    registrations = list(
        StepRegistration.objects.filter(plan=plan, member_id__in=member_ids)
        .select_related("step")
        .order_by("member_id", "entered_on", "id")
    )
    paths, without = member_paths(registrations, members, steps, today)
    for path in paths:
        path.can_withdraw_latest = access.can_withdraw_registration(user, plan, path.latest)
    by_step: dict[int, list[Intervention]] = {}
    for intervention in interventions:
        if intervention.step_id:
            by_step.setdefault(intervention.step_id, []).append(intervention)
    return PlanProgress(
        model=model,
        is_chosen=is_chosen,
        steps=steps,
        paths=paths,
        not_on_staircase=without,
        interventions_by_step=by_step,
        can_choose_model=is_coordinator and not registrations,
        can_register=model is not None and bool(members),
    )


def visible_members(user: User, plan: Plan) -> list[PlanMember]:
    """The members whose path on the staircase this user may see and register."""
    member_ids = plan_access.visible_member_ids(user, plan)
    return list(
        PlanMember.objects.filter(plan=plan, pk__in=member_ids)
        .select_related("citizen")
        .order_by("order", "id")
    )


def plan_progress_for(user: User, plan: Plan) -> PlanProgress:
    """The section on its own, for refreshing it after a registration."""
    members = visible_members(user, plan)
    interventions = list(
        Intervention.objects.filter(plan=plan, step__isnull=False)
        .filter(Q(member__isnull=True) | Q(member__in=[m.pk for m in members]))
        .only("id", "title", "step_id", "member_id")
    )
    return plan_progress(user, plan, members=members, interventions=interventions)
