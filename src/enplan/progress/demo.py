"""The staircase in the demo: registrations on the demo plans, and enough further fictional
plans for the steering figures to show real numbers rather than "<5".

The further plans are coordinated by four extra coordinators and involve professionals
without logins, so the existing demo users' caseloads stay as they were. Everything is
fictional and generated from a fixed seed, with bulk inserts so that `make run` stays quick.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from enplan.core import search
from enplan.core.demo import Demo, born, days_ago
from enplan.core.models import Role, User
from enplan.meetings.models import (
    CitizenEvaluation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Participant,
)
from enplan.organisation.models import Professional, Step, StepModel
from enplan.plans import services as plan_services
from enplan.plans.models import (
    Actor,
    ActorKind,
    Citizen,
    Consent,
    CoordinatorHandover,
    Intervention,
    InterventionStatus,
    MemberRole,
    Plan,
    PlanKind,
    PlanMember,
    PlanProgression,
)
from enplan.progress import services
from enplan.progress.models import StepRegistration, keep_stays

YOUNG_MODEL = (
    "Unge på vej mod uddannelse",
    "For unge under 30 uden uddannelse: fra afklaring over et forberedende forløb til uddannelse.",
    [
        ("Afklaring", "Den unge og netværket afklarer ønsker, helbred og skoleforudsætninger.", 92),
        (
            "Forberedende forløb",
            "Den unge er i et forberedende forløb, fx FGU, højskole eller brobygning.",
            183,
        ),
        ("Uddannelse", "Den unge er i gang med en ungdomsuddannelse.", None),
    ],
)


def load(demo: Demo) -> None:
    young = _young_model(demo)
    _demo_plans(demo, young)
    _steering_plans(demo, young)


def _young_model(demo: Demo) -> StepModel:
    name, description, steps = YOUNG_MODEL
    model = StepModel.objects.create(
        municipality=demo.municipality, name=name, description=description
    )
    Step.objects.bulk_create(
        Step(
            municipality=demo.municipality,
            model=model,
            order=order,
            name=step_name,
            description=text,
            max_days=limit,
        )
        for order, (step_name, text, limit) in enumerate(steps, start=1)
    )
    return model


def _steps(model) -> list[Step]:
    return list(Step.objects.filter(model=model).order_by("order"))


def _demo_plans(demo: Demo, young: StepModel) -> None:
    """Caseworkers' registrations on the demo plans, and which step efforts aim at."""
    default = StepModel.objects.get(municipality=demo.municipality, is_default=True)
    job = _steps(default)
    youth = _steps(young)
    users = demo.users
    plans = demo.plans

    def register(username, plan, member, step, ago, reason):
        services.step_register(
            user=users[username],
            plan=plan,
            member=member,
            step=step,
            entered_on=days_ago(ago),
            reason=reason,
        )

    household = plans["household"]
    sanne, kenneth = list(household.members.order_by("order"))[:2]
    register(
        "koordinator",
        household,
        sanne,
        job[0],
        200,
        "Første netværksmøde: behandling og ro i hverdagen kommer først.",
    )
    register("koordinator", household, kenneth, job[0], 200, "Afklaring af arbejdsevne og ønsker.")
    register(
        "kim.vestergaard",
        household,
        kenneth,
        job[1],
        90,
        "Tilbudt virksomhedspraktik på lageret hos Bøgeby Byg.",
    )
    for plan_key in ("jonas", "ahmad"):
        plan = plans[plan_key]
        services.plan_choose_step_model(user=plan.coordinator.user, plan=plan, step_model=young)
    jonas = plans["jonas"].members.get()
    register("koordinator", plans["jonas"], jonas, youth[0], 95, "Opstart i Ungeindsatsen.")
    register(
        "ali.hassan",
        plans["jonas"],
        jonas,
        youth[1],
        30,
        "Startet på FGU, produktionsgrundforløb (træ).",
    )
    ahmad = plans["ahmad"].members.get()
    register(
        "jonas.krogh", plans["ahmad"], ahmad, youth[0], 60, "Opstart; vil gerne arbejde med biler."
    )
    fatima = plans["fatima"].members.get()
    register("jonas.krogh", plans["fatima"], fatima, job[0], 95, "Ressourceforløb bevilget.")
    peter = plans["peter"].members.get()
    register("jonas.krogh", plans["peter"], peter, job[0], 95, "Bolig og behandling først.")
    line = plans["line"].members.get()
    register("koordinator", plans["line"], line, job[0], 250, "Opstart med mentor.")
    register("anne.berg", plans["line"], line, job[1], 120, "Praktik i Bøgeby Brugs.")
    register("koordinator", plans["line"], line, job[2], 10, "Ansat i fleksjob, 20 timer om ugen.")

    # Which step each effort is meant to move the citizen towards.
    aims = {
        "Kontanthjælp og samtaleforløb": job[0],
        "Ambulant rusmiddelbehandling": job[0],
        "Mentorstøtte": job[1],
        "Virksomhedspraktik med løntilskud": job[1],
        "Ressourceforløb": job[0],
    }
    koordinator = users["koordinator"]
    for intervention in Intervention.objects.filter(
        plan__in=[household, plans["fatima"], plans["line"]], title__in=aims
    ).prefetch_related("goals"):
        user = koordinator if intervention.plan.coordinator.user_id == koordinator.pk else None
        user = user or intervention.plan.coordinator.user
        assert user is not None  # the demo's coordinators all log in
        plan_services.intervention_update(
            user=user,
            plan=intervention.plan,
            intervention=intervention,
            version=intervention.version,
            goals=list(intervention.goals.all()),
            step=aims[intervention.title],
        )


# The further fictional plans behind the steering figures -----------------------------------

FIRST_NAMES = [
    "Anders",
    "Bente",
    "Camilla",
    "Dennis",
    "Eva",
    "Frederik",
    "Gitte",
    "Henrik",
    "Ida",
    "Jesper",
    "Karin",
    "Lasse",
    "Mona",
    "Niels",
    "Oda",
    "Per",
    "Rikke",
    "Simon",
    "Tina",
    "Ulla",
    "Viktor",
    "Yasmin",
    "Zainab",
    "Mads",
    "Louise",
    "Kasper",
    "Sara",
    "Emil",
]
LAST_NAMES = [
    "Andersen",
    "Bruun",
    "Dam",
    "Eriksen",
    "Frost",
    "Gade",
    "Holst",
    "Iversen",
    "Juhl",
    "Krog",
    "Lauritsen",
    "Mølgaard",
    "Nygaard",
    "Olesen",
    "Poulsen",
    "Rask",
    "Skov",
    "Thygesen",
]
COORDINATORS = [
    ("karina.holt", "Karina Holt", "coordination"),
    ("soeren.vang", "Søren Vang", "coordination"),
    ("maria.lind", "Maria Lind", "youth"),
    ("ole.brix", "Ole Brix", "resource"),
]
NETWORK = [
    ("Bent Aagesen", "Jobkonsulent", "jobcenter"),
    ("Hanne Kirk", "Sagsbehandler", "jobcenter"),
    ("Torben Vind", "Sagsbehandler, ressourceforløb", "resource"),
    ("Lise Wulff", "Bostøttemedarbejder", "psychiatry"),
    ("Claus Riis", "Behandler", "addiction"),
    ("Merete Lyng", "Familierådgiver", "family"),
    ("Jakob Falk", "Ungevejleder", "youth"),
    ("Pernille Hald", "Sundhedskonsulent", "prevention"),
]
EFFORTS = [
    ("Kontanthjælp og samtaleforløb", "jobcenter", "Aktivloven"),
    ("Ressourceforløb", "resource", "Beskæftigelsesloven"),
    ("Socialpædagogisk bostøtte (§ 85)", "psychiatry", "Serviceloven"),
    ("Ambulant rusmiddelbehandling", "addiction", "Serviceloven"),
    ("Mentorstøtte", "jobcenter", "Beskæftigelsesloven"),
    ("Forebyggende familieindsats", "family", "Barnets lov"),
    ("Sundhedsforløb", "prevention", "Sundhedsloven"),
    ("Uddannelsesvejledning", "youth", "KUI-loven"),
]
REASONS = {
    "up": [
        "Startet i virksomhedspraktik.",
        "Begyndt på brobygning til uddannelse.",
        "Optaget på uddannelse.",
        "Ansat i job med løntilskud.",
    ],
    "down": ["Tilbagefald; behandlingen er genoptaget.", "Praktikken stoppede; ny afklaring."],
    "end": ["Fast job; forløbet afsluttet.", "Flyttet til en anden kommune."],
}
EXTRA_PLANS = 48


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _steering_plans(demo: Demo, young: StepModel) -> None:
    rng = random.Random(1906)
    today = timezone.localdate()
    municipality = demo.municipality
    default = StepModel.objects.get(municipality=municipality, is_default=True)
    models = {default.pk: _steps(default), young.pk: _steps(young)}
    # The same demo password, without hashing it once more (argon2 is slow by design).
    password = demo.users["koordinator"].password
    coordinators = []
    for username, name, department in COORDINATORS:
        first, last = name.split(" ", 1)
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@boegeby.example",
            municipality=municipality,
            role=Role.PROFESSIONAL,
            password=password,
        )
        demo.users[username] = user
        coordinators.append(
            Professional.objects.create(
                municipality=municipality,
                user=user,
                name=name,
                title="Koordinerende sagsbehandler",
                department=demo.departments[department],
                email=f"{username}@boegeby.example",
            )
        )
    network = Professional.objects.bulk_create(
        Professional(
            municipality=municipality,
            name=name,
            title=title,
            department=demo.departments[department],
            organisation=demo.departments[department].area.name,
        )
        for name, title, department in NETWORK
    )

    specs = []
    for index in range(EXTRA_PLANS):
        coordinator = coordinators[index % len(coordinators)]
        is_young = coordinator.department_id == demo.departments["youth"].pk
        age = rng.randint(18, 29) if is_young else rng.randint(25, 60)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        start = today - timedelta(days=rng.randint(40, 430))
        specs.append((coordinator, is_young, age, first, last, start))

    citizens = Citizen.objects.bulk_create(
        Citizen(
            municipality=municipality,
            cpr=demo.next_cpr(born(age, 20 + index * 7)),
            birth_date=born(age, 20 + index * 7),
            first_name=first,
            last_name=last,
            search_name=search.fold(f"{first} {last}"),
        )
        for index, (_c, _y, age, first, last, _s) in enumerate(specs)
    )
    plans = bulk_create_with_history(
        [
            Plan(
                municipality=municipality,
                kind=PlanKind.CITIZEN,
                title=f"{first} {last}",
                coordinator=coordinator,
                review_date=today + timedelta(days=rng.randint(5, 90)),
                created_at=_at(start),
                start_on=start,
                created_by=coordinator.user,
            )
            for coordinator, _y, _a, first, last, start in specs
        ],
        Plan,
    )
    plans = list(Plan.objects.filter(pk__in=[p.pk for p in plans]).order_by("pk"))
    members = bulk_create_with_history(
        [
            PlanMember(
                municipality=municipality, plan=plan, citizen=citizen, role=MemberRole.CITIZEN
            )
            for plan, citizen in zip(plans, citizens, strict=True)
        ],
        PlanMember,
    )
    members = list(PlanMember.objects.filter(plan__in=plans).order_by("plan_id"))
    PlanProgression.objects.bulk_create(
        PlanProgression(
            municipality=municipality,
            plan=plan,
            step_model=young if spec[1] else default,
            chosen_by=spec[0].user,
        )
        for plan, spec in zip(plans, specs, strict=True)
    )

    registrations, interventions, actors, consents = [], [], [], []
    for plan, member, (coordinator, is_young, _age, _f, _l, start) in zip(
        plans, members, specs, strict=True
    ):
        steps = models[young.pk if is_young else default.pk]
        registrations += _path(rng, plan, member, steps, start, today, coordinator)
        interventions += _efforts(rng, demo, plan, steps, start, today)
        for professional in rng.sample(network, rng.randint(2, 5)):
            actors.append(
                Actor(
                    municipality=municipality,
                    plan=plan,
                    kind=ActorKind.PROFESSIONAL,
                    professional=professional,
                    role=professional.title,
                    started_on=start,
                    added_by=coordinator.user,
                )
            )
        consents.append(
            Consent(
                municipality=municipality,
                plan=plan,
                given_by=member,
                given_on=start,
                method="written",
                recorded_by=coordinator.user,
            )
        )
    StepRegistration.objects.bulk_create(registrations)
    for member_id in {r.member_id for r in registrations}:
        keep_stays(member_id)  # made in bulk, without the registrations' own save
    bulk_create_with_history(interventions, Intervention)
    bulk_create_with_history(actors, Actor)
    actors = list(Actor.objects.filter(plan__in=plans).order_by("plan_id", "pk"))
    consents = Consent.objects.bulk_create(consents)
    areas = [demo.areas[key] for key in ("work", "social", "health", "education")]
    Consent.covers.through.objects.bulk_create(
        Consent.covers.through(consent_id=c.pk, planmember_id=c.given_by_id) for c in consents
    )
    Consent.areas.through.objects.bulk_create(
        Consent.areas.through(consent_id=c.pk, area_id=a.pk) for c in consents for a in areas
    )
    _meetings(rng, plans, members, actors, specs, today)
    _handovers(rng, plans, coordinators, today)


def _path(rng, plan, member, steps, start, today, coordinator) -> list[StepRegistration]:
    """A plausible path: up most often, sometimes down, sometimes out."""

    def registration(day, step, reason):
        return StepRegistration(
            municipality=plan.municipality,
            plan=plan,
            member=member,
            step=step,
            entered_on=day,
            reason=reason,
            registered_by=coordinator.user,
            registered_by_name=coordinator.name,
            registered_by_workplace=coordinator.workplace,
        )

    result = [registration(start, steps[0], "Opstart på den fælles plan.")]
    level, day = 0, start
    while True:
        day += timedelta(days=rng.randint(35, 230))
        if day > today:
            return result
        roll = rng.random()
        if level < len(steps) - 1 and roll < 0.72:
            level += 1
            result.append(registration(day, steps[level], rng.choice(REASONS["up"])))
        elif level > 0 and roll < 0.86:
            level -= 1
            result.append(registration(day, steps[level], rng.choice(REASONS["down"])))
        elif level == len(steps) - 1 and roll < 0.95:
            result.append(registration(day, None, rng.choice(REASONS["end"])))
            return result


def _efforts(rng, demo, plan, steps, start, today) -> list[Intervention]:
    """An effort the citizen had before the plan (often ended once efforts were
    coordinated), and one or two started under the plan, not always on the agreed day."""
    efforts = []
    title, department, law = rng.choice(EFFORTS)
    before = start - timedelta(days=rng.randint(30, 300))
    ended = start + timedelta(days=rng.randint(20, 200))
    is_ended = ended <= today and rng.random() < 0.85
    efforts.append(
        Intervention(
            municipality=plan.municipality,
            plan=plan,
            title=title,
            department=demo.departments[department],
            legislation=demo.legislation[law],
            agreed_start=before,
            actual_start=before,
            end_date=ended if is_ended else None,
            status=InterventionStatus.ENDED if is_ended else InterventionStatus.ACTIVE,
            status_reason="Afsluttet, da indsatserne blev samlet i planen." if is_ended else "",
            monthly_cost=Decimal(rng.randrange(6000, 18000, 100)),
            step=steps[0],
        )
    )
    for _ in range(rng.randint(1, 2)):
        title, department, law = rng.choice(EFFORTS)
        agreed = start + timedelta(days=rng.randint(5, 90))
        actual = agreed if rng.random() < 0.7 else agreed + timedelta(days=rng.randint(3, 40))
        started = actual <= today
        efforts.append(
            Intervention(
                municipality=plan.municipality,
                plan=plan,
                title=title,
                department=demo.departments[department],
                legislation=demo.legislation[law],
                agreed_start=agreed,
                actual_start=actual if started else None,
                status=InterventionStatus.ACTIVE if started else InterventionStatus.PLANNED,
                monthly_cost=Decimal(rng.randrange(800, 5000, 100)),
                step=steps[min(1, len(steps) - 1)],
            )
        )
    return efforts


def _meetings(rng, plans, members, actors, specs, today) -> None:
    actors_by_plan: dict[int, list[Actor]] = {}
    for actor in actors:
        actors_by_plan.setdefault(actor.plan_id, []).append(actor)
    meetings = []
    for plan, (coordinator, _y, _a, _f, _l, start) in zip(plans, specs, strict=True):
        day = start + timedelta(days=rng.randint(3, 20))
        while day <= today:
            meetings.append(
                Meeting(
                    municipality=plan.municipality,
                    plan=plan,
                    kind=MeetingKind.NETWORK,
                    starts_at=_at(day),
                    ends_at=_at(day) + timedelta(hours=1),
                    place="Rådhuset, mødelokale 2",
                    status=MeetingStatus.HELD,
                    created_by=coordinator.user,
                )
            )
            day += timedelta(days=rng.randint(30, 75))
    bulk_create_with_history(meetings, Meeting)
    meetings = list(Meeting.objects.filter(plan__in=plans).order_by("pk"))
    member_of = {m.plan_id: m for m in members}
    participants, evaluations = [], []
    for meeting in meetings:
        member = member_of[meeting.plan_id]
        came = rng.random() < 0.85
        participants.append(
            Participant(
                municipality=meeting.municipality, meeting=meeting, member=member, attended=came
            )
        )
        for actor in actors_by_plan.get(meeting.plan_id, [])[:3]:
            participants.append(
                Participant(
                    municipality=meeting.municipality,
                    meeting=meeting,
                    actor=actor,
                    attended=rng.random() < 0.9,
                )
            )
        if came and rng.random() < 0.75:
            evaluations.append(
                CitizenEvaluation(
                    municipality=meeting.municipality,
                    meeting=meeting,
                    member=member,
                    felt_heard=rng.randint(5, 10),
                    talked_about_what_matters=rng.randint(4, 10),
                    way_of_working_suited_me=rng.randint(4, 10),
                    overall=rng.randint(5, 10),
                    submitted_at=meeting.starts_at + timedelta(hours=1),
                )
            )
    Participant.objects.bulk_create(participants)
    CitizenEvaluation.objects.bulk_create(evaluations)


def _handovers(rng, plans, coordinators, today) -> None:
    """A few hand-overs, as when a coordinator changes job."""
    handovers = []
    for plan in rng.sample(plans, 8):
        successor = rng.choice([c for c in coordinators if c.pk != plan.coordinator_id])
        day = today - timedelta(days=rng.randint(1, 200))
        if day <= timezone.localtime(plan.created_at).date():
            continue
        handovers.append(
            CoordinatorHandover(
                municipality=plan.municipality,
                plan=plan,
                from_coordinator_id=plan.coordinator_id,
                to_coordinator=successor,
                note="Overdraget ved ny fordeling af sager i teamet.",
                handed_over_at=_at(day),
                recorded_by=successor.user,
            )
        )
        plan.coordinator = successor
    CoordinatorHandover.objects.bulk_create(handovers)
    Plan.objects.bulk_update(plans, ["coordinator"])
