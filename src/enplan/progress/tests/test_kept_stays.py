"""What the registrations keep for the steering figures: each one's next registration's date
(`left_on`) and previous step (`prev_step`), and each plan's start (`Plan.start_on`), stay
right through registering, withdrawing and creating plans; and the figures read from them
are the figures of the window over every registration that they replace."""

import importlib
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import Step, StepModel
from enplan.organisation.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    ProfessionalFactory,
    StepFactory,
    StepModelFactory,
)
from enplan.plans.models import Plan, PlanKind
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    InterventionFactory,
    PlanFactory,
    PlanMemberFactory,
    PlanProgressionFactory,
)
from enplan.progress import services, steering
from enplan.progress.models import StepRegistration
from enplan.progress.steering import AREA, MODEL, TEAM, Group, Period
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db


def kept(member) -> list[tuple]:
    return list(
        StepRegistration.objects.filter(member=member)
        .order_by("entered_on", "id")
        .values_list("entered_on", "step_id", "left_on", "prev_step_id")
    )


def windowed() -> dict[int, tuple]:
    """LEAD and LAG over every registration: what the kept columns stand for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, LEAD(entered_on) OVER w, LAG(step_id) OVER w "
            "FROM progress_stepregistration "
            "WINDOW w AS (PARTITION BY member_id ORDER BY entered_on, id)"
        )
        return {pk: (_as_date(left_on), prev) for pk, left_on, prev in cursor.fetchall()}


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def stored() -> dict[int, tuple]:
    return {
        pk: (left_on, prev)
        for pk, left_on, prev in StepRegistration.objects.values_list(
            "pk", "left_on", "prev_step_id"
        )
    }


def derived_starts() -> dict[int, date]:
    """Each plan's start as the dashboard used to work it out on every request."""
    rows = Plan.objects.annotate(
        created_on=TruncDate("created_at"), first=Min("step_registrations__entered_on")
    ).values_list("pk", "created_on", "first")
    return {pk: min(created, first) if first else created for pk, created, first in rows}


def starts() -> dict[int, date]:
    return dict(Plan.objects.values_list("pk", "start_on"))


@pytest.fixture
def steps(world):
    return list(Step.objects.filter(model__municipality=world.municipality).order_by("order"))


def register(world, step, day, member=None):
    return services.step_register(
        user=world.coordinator.user,
        plan=world.plan,
        member=member or world.member,
        step=step,
        entered_on=day,
        reason="Test",
    )


def withdraw(world, registration):
    services.step_registration_withdraw(
        user=world.coordinator.user, plan=world.plan, registration=registration
    )


def test_registering_sets_the_previous_ones_date_left_and_the_new_ones_previous_step(world, steps):
    s1, s2, _s3 = steps
    first = register(world, s1, date(2026, 2, 1))
    assert (first.left_on, first.prev_step_id) == (None, None)
    second = register(world, s2, date(2026, 3, 1))
    assert (second.left_on, second.prev_step_id) == (None, s1.pk)
    ended = register(world, None, date(2026, 3, 1))  # the same day: ties in order made
    assert kept(world.member) == [
        (date(2026, 2, 1), s1.pk, date(2026, 3, 1), None),
        (date(2026, 3, 1), s2.pk, date(2026, 3, 1), s1.pk),
        (date(2026, 3, 1), None, None, s2.pk),
    ]
    again = register(world, s1, date(2026, 4, 1))  # back on the staircase after it ended
    assert (again.left_on, again.prev_step_id) == (None, None)
    assert ended.pk in stored()
    assert stored() == windowed()


def test_withdrawing_the_latest_opens_the_stay_before_it_again(world, steps):
    s1, s2, _s3 = steps
    register(world, s1, date(2026, 2, 1))
    second = register(world, s2, date(2026, 3, 1))
    withdraw(world, second)
    assert kept(world.member) == [(date(2026, 2, 1), s1.pk, None, None)]
    third = register(world, s2, date(2026, 5, 1))
    assert kept(world.member) == [
        (date(2026, 2, 1), s1.pk, date(2026, 5, 1), None),
        (date(2026, 5, 1), s2.pk, None, s1.pk),
    ]
    withdraw(world, third)
    withdraw(world, StepRegistration.objects.get())
    assert kept(world.member) == []


def test_a_registration_before_the_plan_was_created_moves_its_start_back_until_withdrawn(
    world, steps
):
    s1, s2, _s3 = steps
    created_on = timezone.localdate(world.plan.created_at)
    assert Plan.objects.get(pk=world.plan.pk).start_on == created_on
    household = PlanMemberFactory(plan=world.plan)
    ConsentFactory(plan=world.plan, given_by=household, departments=[world.department])
    register(world, s1, created_on - timedelta(days=30), member=household)
    early = register(world, s1, created_on - timedelta(days=90))
    assert Plan.objects.get(pk=world.plan.pk).start_on == created_on - timedelta(days=90)
    later = register(world, s2, created_on - timedelta(days=10))
    assert Plan.objects.get(pk=world.plan.pk).start_on == created_on - timedelta(days=90)
    withdraw(world, later)
    withdraw(world, early)
    # The other member's registration is now the first.
    assert Plan.objects.get(pk=world.plan.pk).start_on == created_on - timedelta(days=30)
    assert starts() == derived_starts()


def test_a_registration_after_the_plans_creation_leaves_its_start(world, steps):
    register(world, steps[0], timezone.localdate())
    assert Plan.objects.get(pk=world.plan.pk).start_on == timezone.localdate(world.plan.created_at)


def test_a_plan_starts_on_the_local_day_it_was_created():
    # 23:30 UTC on 31 March is 1 April in Copenhagen.
    plan = PlanFactory(created_at=datetime(2025, 3, 31, 23, 30, tzinfo=UTC))
    assert Plan.objects.get(pk=plan.pk).start_on == date(2025, 4, 1)


def test_saving_a_plan_read_before_a_registration_keeps_the_new_start(world, steps):
    plan = Plan.objects.get(pk=world.plan.pk)  # read now, e.g. by a form opened earlier
    register(world, steps[0], date(2025, 6, 1))
    plan.title = "Nyt navn"
    plan.save()
    saved = Plan.objects.get(pk=world.plan.pk)
    assert (saved.title, saved.start_on) == ("Nyt navn", date(2025, 6, 1))


def test_the_migration_fills_in_what_the_registrations_keep(world, steps):
    s1, s2, s3 = steps
    for step, day in ((s3, date(2026, 5, 1)), (s1, date(2025, 1, 1)), (s2, date(2026, 1, 1))):
        StepRegistrationFactory(member=world.member, step=step, entered_on=day)
    before, plan_starts = stored(), starts()
    StepRegistration.objects.update(left_on=None, prev_step=None)
    Plan.objects.update(start_on=date(2000, 1, 1))
    migration = importlib.import_module(
        "enplan.progress.migrations.0004_registrations_keep_their_stays"
    )
    migration.fill_in(apps, SimpleNamespace(connection=connection))
    assert stored() == before == windowed()
    assert starts() == plan_starts == derived_starts()


# The figures from the kept columns against the window they replace ---------------------


def window_over_every_registration(q, municipality_id, plan_ids, period: Period) -> str:
    """The staircase's registrations as the dashboard read them before they kept their
    stays: each citizen's registrations up to the period's end, windowed with LEAD and LAG
    on every request."""
    table = StepRegistration._meta.db_table
    step = Step._meta.db_table

    def in_group(column: str) -> str:
        if plan_ids is None:
            return ""
        sql, params = plan_ids.query.sql_with_params()
        q.params.extend(params)
        return f" AND {column} IN ({sql})"

    return (
        f"cut AS (SELECT member_id, MAX(entered_on) AS since FROM {table} "
        f"WHERE municipality_id = {q.value(municipality_id)} "
        f"AND entered_on < {q.date(period.start)}{in_group('plan_id')} GROUP BY member_id), "
        "windowed AS (SELECT r.member_id, r.plan_id, r.step_id, r.entered_on, "
        "LEAD(r.entered_on) OVER w AS left_on, LAG(r.step_id) OVER w AS prev_step "
        f"FROM {table} r LEFT JOIN cut c ON c.member_id = r.member_id "
        f"WHERE r.municipality_id = {q.value(municipality_id)} "
        f"AND r.entered_on <= {q.date(period.last_day)}{in_group('r.plan_id')} "
        "AND (c.since IS NULL OR r.entered_on >= c.since) "
        "WINDOW w AS (PARTITION BY r.member_id ORDER BY r.entered_on, r.id)), "
        'reg AS (SELECT w.*, s."order" AS step_order, s.max_days, '
        'p."order" AS prev_order FROM windowed w '
        f"LEFT JOIN {step} s ON s.id = w.step_id LEFT JOIN {step} p ON p.id = w.prev_step "
        f"WHERE w.left_on IS NULL OR w.entered_on >= {q.date(period.start)} "
        f"OR w.left_on >= {q.date(period.start)})"
    )


@pytest.fixture
def varied(db):
    """Forty plans with random paths on two models: same-day registrations, courses that
    end and start again, registrations before the plan was created, households, made in
    random order and some withdrawn."""
    rng = random.Random(21)
    municipality = MunicipalityFactory()
    leader = UserFactory(municipality=municipality, role=Role.LEADER)
    default = StepModel.objects.get(municipality=municipality, is_default=True)
    second = StepModelFactory(municipality=municipality, name="M2")
    StepFactory(model=second, order=1, name="t1", max_days=60)
    StepFactory(model=second, order=2, name="t2", max_days=None)
    models = {m.pk: list(Step.objects.filter(model=m).order_by("order")) for m in (default, second)}
    departments = [
        DepartmentFactory(area=AreaFactory(municipality=municipality, name=name))
        for name in ("Work", "Social")
    ]
    teams = [ProfessionalFactory(department=d) for d in departments]
    registrations = []
    for index in range(40):
        created = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
        plan = PlanFactory(
            coordinator=teams[index % 2],
            kind=PlanKind.HOUSEHOLD if index % 7 == 0 else PlanKind.CITIZEN,
            created_at=timezone.make_aware(datetime(created.year, created.month, created.day, 9)),
        )
        model = second if index % 4 == 0 else default
        PlanProgressionFactory(plan=plan, step_model=model)
        ActorFactory(plan=plan, professional=teams[(index + 1) % 2])
        for k in range(rng.randint(0, 3)):
            start = created + timedelta(days=rng.randint(-30, 200))
            InterventionFactory(
                plan=plan,
                department=departments[(index + k) % 2],
                agreed_start=start,
                actual_start=start if k != 2 else None,
                end_date=start + timedelta(days=120) if k == 1 else None,
                status="ended" if k == 1 else "active",
                monthly_cost=Decimal(1000 * (k + 1) + index),
            )
        for _member in range(2 if plan.kind == PlanKind.HOUSEHOLD else 1):
            member = PlanMemberFactory(plan=plan)
            day = created + timedelta(days=rng.randint(-60, 90))
            previous = None
            for _registration in range(rng.randint(0, 9)):
                choices = [*models[model.pk], None] if previous is not None else models[model.pk]
                step = rng.choice([s for s in choices if s != previous])
                registrations.append((member, step, day))
                previous = step
                day += timedelta(days=rng.choice([0, 0, 3, 20, 45, 90, 150, 200]))
    rng.shuffle(registrations)
    for member, step, day in registrations:
        StepRegistrationFactory(member=member, step=step, entered_on=day)
    members = {member for member, _step, _day in registrations}
    for member in sorted(members, key=lambda m: m.pk)[::5]:
        StepRegistration.objects.filter(member=member).order_by("-entered_on", "-id")[0].delete()
    return SimpleNamespace(leader=leader, models=[default, second], teams=teams)


def _periods():
    months = [date(2024, 1, 1) + timedelta(days=31 * n) for n in range(30)]
    for first in months:
        first = first.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        yield Period(first, last)
    yield Period(date(2024, 1, 1), date(2025, 12, 31))
    yield Period(date(2025, 3, 17), date(2025, 4, 2))
    yield Period(date(2026, 11, 15), date(2026, 12, 31))  # ends in the future


def test_the_staircase_from_the_kept_stays_equals_the_window_over_every_registration(
    varied, monkeypatch
):
    assert stored() == windowed()
    assert starts() == derived_starts()
    municipality = varied.leader.municipality_id
    groups = [
        Group(),
        *(Group(kind=MODEL, pk=m.pk) for m in varied.models),
        *(Group(kind=TEAM, pk=t.department_id) for t in varied.teams),
        *(Group(kind=AREA, pk=t.department.area_id) for t in varied.teams),
    ]
    steps = list(Step.objects.filter(model__in=varied.models).select_related("model"))
    compared = 0
    for group in groups:
        plan_ids = steering.plans_in_group(varied.leader, group).values("pk")
        plans = None if group.kind == steering.ALL else plan_ids
        for period in _periods():
            kept_figures = steering._staircase(municipality, plans, period, steps)
            with monkeypatch.context() as patch:
                patch.setattr(steering, "_registrations", window_over_every_registration)
                windowed_figures = steering._staircase(municipality, plans, period, steps)
            assert kept_figures == windowed_figures, (group, period)
            compared += sum(row.on_step.value or 0 for row in kept_figures[0])
    assert compared > 500  # the dataset puts people on the staircase in most periods


def test_the_dashboards_figures_are_the_same_from_the_kept_columns(varied, monkeypatch):
    period = Period(date(2025, 1, 1), date(2025, 6, 30))
    kept_figures = steering.steering_figures(varied.leader, period=period, group=Group())
    monkeypatch.setattr(steering, "_registrations", window_over_every_registration)
    windowed_figures = steering.steering_figures(varied.leader, period=period, group=Group())
    for name in ("steps", "movements", "continuity", "cost_by_area", "cost_total"):
        assert getattr(kept_figures, name) == getattr(windowed_figures, name), name
    assert kept_figures.cost_total.at_end.value > 0
