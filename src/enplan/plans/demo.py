"""The demo plans: the Bak household and five citizens with plans of their own.

The household is the kind of family the product exists for: a mother of 39 with psychiatric
illness since her teens, periods of substance-abuse treatment, no education and no job; her
partner of 29, father of the youngest, in and out of work; and three children of 2, 12 and
14 with notices on all three and school absence for the two eldest. More than 20
professionals across five areas and several sector laws. Everything here is fictional.
"""

from decimal import Decimal

from enplan.core.demo import Demo, born, days_ago, days_ahead
from enplan.plans import services
from enplan.plans.models import (
    ActorKind,
    GoalStatus,
    InterventionStatus,
    LifeArea,
    LogEntry,
    LogEntryKind,
    MemberRole,
)
from enplan.plans.services import actor_add


def load(demo: Demo) -> None:
    _household(demo)
    _single_plans(demo)


def _member(demo, first, last, age, offset, role):
    return services.NewMember(
        cpr=demo.next_cpr(born(age, offset)), first_name=first, last_name=last, role=role
    )


def _household(demo: Demo) -> None:
    koordinator = demo.users["koordinator"]
    p = demo.professionals
    d = demo.departments
    law = demo.legislation
    plan = services.plan_create(
        user=koordinator,
        kind="household",
        title="Familien Bak",
        members=[
            _member(demo, "Sanne", "Bak", 39, 40, MemberRole.PARENT),
            _member(demo, "Kenneth", "Nørgaard", 29, 200, MemberRole.PARTNER),
            _member(demo, "Emma", "Bak", 14, 90, MemberRole.CHILD),
            _member(demo, "Oliver", "Bak", 12, 150, MemberRole.CHILD),
            _member(demo, "Alma", "Bak Nørgaard", 2, 60, MemberRole.CHILD),
        ],
        review_date=days_ahead(10),
    )
    # The plan was made before the consent and the first meeting the log records below;
    # its first entry should not sit on top of the log dated today.
    LogEntry.objects.filter(plan=plan).update(occurred_on=days_ago(211))
    demo.plans["household"] = plan
    sanne, kenneth, emma, oliver, alma = list(plan.members.order_by("order"))
    # Kenneth is Alma's father and shares custody of her; Sanne has custody of all three.
    services.member_set_custodians(
        user=koordinator, plan=plan, member=alma, custodians=[sanne, kenneth]
    )

    wishes = {
        sanne: (
            "Jeg vil gerne have ro på, så jeg kan være en god mor. Og jeg drømmer om at blive "
            "social- og sundhedshjælper en dag. Jeg er træt af at fortælle min historie igen og igen.",
            [LifeArea.FAMILY, LifeArea.EDUCATION, LifeArea.HEALTH],
        ),
        kenneth: (
            "Et fast arbejde, så vi ved, hvad vi har at gøre godt med hver måned.",
            [LifeArea.JOB, LifeArea.ECONOMY],
        ),
        emma: (
            "At kunne gå i skole uden ondt i maven. Og at mor har det godt.",
            [LifeArea.EDUCATION, LifeArea.HEALTH],
        ),
        oliver: (
            "Spille fodbold igen og have nogen at være sammen med efter skole.",
            [LifeArea.NETWORK],
        ),
        alma: (
            "(Skrevet af mor) At Alma trives i vuggestuen og sover om natten.",
            [LifeArea.FAMILY],
        ),
    }
    for member, (text, areas) in wishes.items():
        services.member_update(
            user=koordinator,
            plan=plan,
            member=member,
            version=member.version,
            wishes=text,
            goal_areas=areas,
        )

    goal = lambda **kw: services.goal_create(user=koordinator, plan=plan, **kw)  # noqa: E731
    g_home = goal(
        title="En hverdag, hvor børnene kommer i skole, og der er ro derhjemme",
        life_area=LifeArea.FAMILY,
        target_date=days_ahead(180),
        status=GoalStatus.IN_PROGRESS,
    )
    g_sanne_health = goal(
        title="Sanne er stabil i sin behandling og har et netværk at støtte sig til",
        member=sanne,
        life_area=LifeArea.HEALTH,
        target_date=days_ahead(120),
        status=GoalStatus.IN_PROGRESS,
    )
    g_sanne_edu = goal(
        title="Sanne begynder på et forløb mod SOSU-uddannelsen",
        member=sanne,
        life_area=LifeArea.EDUCATION,
        target_date=days_ahead(300),
    )
    g_kenneth = goal(
        title="Kenneth har et fast job på mindst 30 timer om ugen",
        member=kenneth,
        life_area=LifeArea.JOB,
        target_date=days_ahead(150),
        status=GoalStatus.IN_PROGRESS,
    )
    g_emma = goal(
        title="Emma går i skole mindst 90 % af dagene",
        member=emma,
        life_area=LifeArea.EDUCATION,
        target_date=days_ahead(90),
        status=GoalStatus.IN_PROGRESS,
    )
    g_oliver = goal(
        title="Oliver har en fritidsaktivitet og en ven at gå hjem med",
        member=oliver,
        life_area=LifeArea.NETWORK,
        target_date=days_ahead(60),
    )
    g_alma = goal(
        title="Alma trives og udvikler sig alderssvarende",
        member=alma,
        life_area=LifeArea.HEALTH,
        target_date=days_ahead(200),
        status=GoalStatus.IN_PROGRESS,
    )

    def intervention(
        title,
        department,
        legislation,
        responsible,
        member,
        goals,
        agreed,
        actual=None,
        status=InterventionStatus.ACTIVE,
        cost=None,
        reason="",
    ):
        return services.intervention_create(
            user=koordinator,
            plan=plan,
            title=title,
            department=d[department],
            legislation=law[legislation],
            responsible=p[responsible],
            member=member,
            goals=goals,
            agreed_start=agreed,
            actual_start=actual,
            status=status,
            status_reason=reason,
            monthly_cost=Decimal(cost) if cost is not None else None,
        )

    intervention(
        "Kontanthjælp og samtaleforløb",
        "jobcenter",
        "Aktivloven",
        "fagperson",
        sanne,
        [g_sanne_edu],
        days_ago(400),
        days_ago(400),
        cost="14200",
    )
    intervention(
        "Mentorstøtte",
        "jobcenter",
        "Beskæftigelsesloven",
        "mentor",
        sanne,
        [g_sanne_edu, g_sanne_health],
        days_ago(120),
        days_ago(110),
        cost="4800",
    )
    intervention(
        "Socialpædagogisk bostøtte (§ 85)",
        "psychiatry",
        "Serviceloven",
        "home_support",
        sanne,
        [g_sanne_health, g_home],
        days_ago(200),
        days_ago(195),
        cost="9600",
    )
    intervention(
        "Ambulant rusmiddelbehandling",
        "addiction",
        "Serviceloven",
        "addiction",
        sanne,
        [g_sanne_health],
        days_ago(90),
        days_ago(85),
        cost="6500",
    )
    intervention(
        "Ambulant psykiatrisk behandling",
        "adult_psychiatry",
        "Sundhedsloven",
        "psychiatrist",
        sanne,
        [g_sanne_health],
        days_ago(700),
        days_ago(700),
    )
    intervention(
        "Virksomhedspraktik med løntilskud",
        "jobcenter",
        "Beskæftigelsesloven",
        "jobconsultant",
        kenneth,
        [g_kenneth],
        days_ago(21),
        status=InterventionStatus.PLANNED,
        cost="3000",
    )
    intervention(
        "Familiebehandling i hjemmet",
        "family_treatment",
        "Barnets lov",
        "family_therapist",
        None,
        [g_home],
        days_ago(150),
        days_ago(140),
        cost="18500",
    )
    intervention(
        "Støttekontaktperson til Emma",
        "family_treatment",
        "Barnets lov",
        "contact_person",
        emma,
        [g_emma],
        days_ago(100),
        days_ago(100),
        cost="7200",
    )
    intervention(
        "Udredning i børne- og ungdomspsykiatrien",
        "child_psychiatry",
        "Sundhedsloven",
        "child_psychiatrist",
        emma,
        [g_emma],
        days_ago(14),
        status=InterventionStatus.PLANNED,
    )
    intervention(
        "Mødeplan og skolefraværsindsats",
        "school",
        "Folkeskoleloven",
        "school_social",
        emma,
        [g_emma],
        days_ago(60),
        days_ago(55),
    )
    intervention(
        "Skolefraværsindsats og PPR-samtaler",
        "ppr",
        "Folkeskoleloven",
        "ppr",
        oliver,
        [g_oliver],
        days_ago(45),
        days_ago(40),
        cost="2500",
    )
    intervention(
        "Fritidspas til fodboldklub",
        "family",
        "Barnets lov",
        "child_worker_oliver",
        oliver,
        [g_oliver],
        days_ago(30),
        status=InterventionStatus.PAUSED,
        reason="Venter på, at Oliver selv vælger klub.",
        cost="350",
    )
    intervention(
        "Ekstra sundhedsplejebesøg",
        "health_visitor",
        "Sundhedsloven",
        "health_visitor",
        alma,
        [g_alma],
        days_ago(300),
        days_ago(300),
    )
    intervention(
        "Vuggestueplads med støttetimer",
        "daycare",
        "Dagtilbudsloven",
        "daycare",
        alma,
        [g_alma],
        days_ago(250),
        days_ago(250),
        cost="5200",
    )

    actors = [
        ("fagperson", sanne, "Sagsbehandler, kontanthjælp"),
        ("mentor", sanne, "Mentor i jobcentret"),
        ("home_support", sanne, "Bostøtte, kommer to gange om ugen"),
        ("addiction", sanne, "Behandler i rusmiddelcentret"),
        ("psychiatrist", sanne, "Psykiater"),
        ("psychiatric_nurse", sanne, "Kontaktsygeplejerske"),
        ("gp", None, "Familiens egen læge"),
        ("jobconsultant", kenneth, "Virksomhedskonsulent"),
        ("resource", kenneth, "Sagsbehandler, jobafklaring"),
        ("child_worker_emma", emma, "Børnesagsbehandler for Emma"),
        ("child_worker_oliver", oliver, "Børnesagsbehandler for Oliver og Alma"),
        ("family_therapist", None, "Familiebehandler"),
        ("contact_person", emma, "Støttekontaktperson"),
        ("teacher_emma", emma, "Klasselærer"),
        ("teacher_oliver", oliver, "Klasselærer"),
        ("school_social", None, "Skolesocialrådgiver"),
        ("ppr", oliver, "Skolepsykolog"),
        ("uu", emma, "UU-vejleder"),
        ("child_psychiatrist", emma, "Børne- og ungdomspsykiater"),
        ("daycare", alma, "Pædagog i vuggestuen"),
        ("health_visitor", alma, "Sundhedsplejerske"),
        ("police", oliver, "SSP-betjent"),
    ]
    for key, works_with, role in actors:
        actor_add(
            user=koordinator,
            plan=plan,
            kind=ActorKind.PROFESSIONAL,
            professional=p[key],
            member=works_with,
            role=role,
            started_on=days_ago(200),
        )
    actor_add(
        user=koordinator,
        plan=plan,
        kind=ActorKind.PRIVATE,
        name="Grethe Bak",
        member=None,
        role="Mormor, henter børnene om onsdagen",
        phone="20 00 00 01",
        added_by_citizen=True,
        started_on=days_ago(200),
    )
    actor_add(
        user=koordinator,
        plan=plan,
        kind=ActorKind.PRIVATE,
        name="Bettina",
        member=sanne,
        role="Veninde fra NA-gruppen",
        added_by_citizen=True,
        started_on=days_ago(60),
    )

    all_areas = list(demo.areas.values())
    services.consent_record(
        user=koordinator,
        plan=plan,
        given_by=sanne,
        covers=[sanne, emma, oliver, alma],
        given_on=days_ago(210),
        method="written",
        departments=[],
        areas=all_areas,
        note="Underskrevet på første netværksmøde.",
    )
    services.consent_record(
        user=koordinator,
        plan=plan,
        given_by=kenneth,
        covers=[kenneth, alma],
        given_on=days_ago(200),
        method="oral",
        departments=[],
        areas=[demo.areas["work"], demo.areas["social"], demo.areas["health"]],
        note="Givet mundtligt til koordinator; skriftligt samtykke følger.",
    )

    entries = [
        (
            206,
            LogEntryKind.NOTE,
            "Baggrund: Familierådgivningen har det seneste år modtaget underretninger om alle tre børn: fra skolen om Emmas og Olivers fravær og fra sundhedsplejen om Almas trivsel.",
            None,
        ),
        (
            205,
            LogEntryKind.DECISION,
            "Første netværksmøde med Sanne og Kenneth. Vi aftalte én fælles plan og Mette som koordinator. Sanne ønsker, at hun ikke skal fortælle sin historie flere gange.",
            None,
        ),
        (
            180,
            LogEntryKind.CONTACT,
            "Telefon med skolen: Emma har haft 30 % fravær siden sommerferien. Mødeplan aftalt.",
            g_emma,
        ),
        (150, LogEntryKind.ACTION, "Familiebehandling startet i hjemmet to gange om ugen.", g_home),
        (
            120,
            LogEntryKind.NOTE,
            "Sanne fortæller, at morgenerne er svære. Mormor tager Alma om onsdagen.",
            g_home,
        ),
        (
            90,
            LogEntryKind.DECISION,
            "Netværksmøde: Kenneth tilbydes virksomhedspraktik. Oliver vil gerne spille fodbold igen.",
            g_kenneth,
        ),
        (
            60,
            LogEntryKind.CONTACT,
            "Skolesocialrådgiver: Emma er kommet i skole 4 ud af 5 dage de sidste tre uger.",
            g_emma,
        ),
        (
            21,
            LogEntryKind.DEVIATION,
            "Kenneths praktik er ikke startet som aftalt. Virksomheden har udskudt; jobkonsulenten leder efter en anden plads.",
            g_kenneth,
        ),
        (
            7,
            LogEntryKind.NOTE,
            "Sanne har været til alle aftaler i rusmiddelcentret i den seneste måned.",
            g_sanne_health,
        ),
    ]
    for ago, kind, text, linked_goal in entries:
        services.log_entry_create(
            user=koordinator,
            plan=plan,
            kind=kind,
            text=text,
            occurred_on=days_ago(ago),
            goal=linked_goal,
        )


SINGLES = [
    # key, first, last, age, coordinator user, actors (professional keys), areas consented
    (
        "jonas",
        "Jonas",
        "Ravn",
        24,
        "koordinator",
        ["fagperson", "addiction", "youth"],
        ["work", "social"],
    ),
    (
        "fatima",
        "Fatima",
        "Ali",
        45,
        "jonas.krogh",
        ["resource", "fagperson", "gp"],
        ["work", "health"],
    ),
    (
        "peter",
        "Peter",
        "Mikkelsen",
        52,
        "jonas.krogh",
        ["home_support", "addiction", "psychiatrist"],
        ["social"],
    ),
    ("line", "Line", "Kjær", 31, "koordinator", ["mentor", "home_support"], ["work", "social"]),
    (
        "ahmad",
        "Ahmad",
        "Karimi",
        19,
        "jonas.krogh",
        ["youth", "uu", "fagperson"],
        ["work", "education"],
    ),
]

SINGLE_STORIES = {
    "jonas": (
        "Jeg vil have min egen lejlighed og gøre min uddannelse som tømrer færdig.",
        LifeArea.EDUCATION,
        "Jonas gennemfører grundforløbet på tømreruddannelsen",
        "Ambulant rusmiddelbehandling for unge",
        "addiction",
        "Serviceloven",
    ),
    "fatima": (
        "At komme tilbage på arbejdsmarkedet i et job, hvor min ryg kan holde.",
        LifeArea.JOB,
        "Fatima har afklaret sin arbejdsevne",
        "Ressourceforløb",
        "resource",
        "Beskæftigelsesloven",
    ),
    "peter": (
        "Et sted at bo, hvor jeg kan have min hund.",
        LifeArea.HOUSING,
        "Peter har en fast bolig",
        "Socialpædagogisk bostøtte (§ 85)",
        "psychiatry",
        "Serviceloven",
    ),
    "line": (
        "Jeg vil kunne klare min økonomi selv og have overskud til min søn.",
        LifeArea.ECONOMY,
        "Line har styr på sine regninger",
        "Mentorstøtte",
        "jobcenter",
        "Beskæftigelsesloven",
    ),
    "ahmad": (
        "Jeg vil gerne arbejde med biler.",
        LifeArea.EDUCATION,
        "Ahmad starter på en erhvervsuddannelse",
        "Uddannelsespålæg og vejledning",
        "youth",
        "KUI-loven",
    ),
}


def _single_plans(demo: Demo) -> None:
    for offset, (key, first, last, age, coordinator, actor_keys, areas) in enumerate(SINGLES):
        user = demo.users[coordinator]
        plan = services.plan_create(
            user=user,
            kind="citizen",
            title="",
            members=[_member(demo, first, last, age, 30 + 37 * offset, MemberRole.CITIZEN)],
            review_date=days_ahead(20 + 15 * offset),
        )
        LogEntry.objects.filter(plan=plan).update(occurred_on=days_ago(96))
        demo.plans[key] = plan
        member = plan.members.get()
        wish, area, goal_title, intervention_title, department, law = SINGLE_STORIES[key]
        services.member_update(
            user=user,
            plan=plan,
            member=member,
            version=member.version,
            wishes=wish,
            goal_areas=[area],
        )
        goal = services.goal_create(
            user=user,
            plan=plan,
            title=goal_title,
            life_area=area,
            target_date=days_ahead(150),
            status=GoalStatus.IN_PROGRESS,
        )
        services.intervention_create(
            user=user,
            plan=plan,
            title=intervention_title,
            department=demo.departments[department],
            legislation=demo.legislation[law],
            responsible=demo.professionals[actor_keys[0]],
            goals=[goal],
            agreed_start=days_ago(60 + offset * 10),
            actual_start=days_ago(55 + offset * 10),
            status=InterventionStatus.ACTIVE,
            monthly_cost=Decimal(3000 + 1500 * offset),
        )
        for actor_key in actor_keys:
            actor_add(
                user=user,
                plan=plan,
                kind=ActorKind.PROFESSIONAL,
                professional=demo.professionals[actor_key],
                role=demo.professionals[actor_key].title,
                started_on=days_ago(90),
            )
        services.consent_record(
            user=user,
            plan=plan,
            given_by=member,
            covers=[member],
            given_on=days_ago(95),
            method="written",
            departments=[],
            areas=[demo.areas[a] for a in areas],
        )
        services.log_entry_create(
            user=user,
            plan=plan,
            kind=LogEntryKind.DECISION,
            text=f"Opstartsmøde med {first}. Vi aftalte at arbejde ud fra det, {first} selv ønsker.",
            occurred_on=days_ago(95 - offset * 7),
            goal=goal,
        )
