"""The Bak household's organisation: collaboration ratings from several perspectives, and
the development points the network agreed on after drawing the map together.

The story: the plan began with the first network meeting some 200 days ago. The map was
drawn then, and again a month ago; some ties improved, some views differ, and the SSP
officer's course with Oliver has ended. Everything here is fictional.
"""

from datetime import timedelta

from enplan.core.demo import Demo, days_ago, days_ahead
from enplan.network import services
from enplan.network.models import DevelopmentPointStatus
from enplan.plans import services as plan_services
from enplan.plans.models import Actor, Plan

# rater, first, second, level, comment, days ago. Keys are the demo professionals' keys,
# or a private person's name.
RATINGS = [
    ("fagperson", "fagperson", "mentor", "good", "Vi taler sammen hver uge.", 180),
    ("mentor", "fagperson", "mentor", "good", "", 180),
    (
        "home_support",
        "home_support",
        "psychiatric_nurse",
        "poor",
        "Vi hører først om ændringer i Sannes medicin bagefter.",
        180,
    ),
    (
        "home_support",
        "home_support",
        "psychiatric_nurse",
        "medium",
        "Bedre efter det fælles møde, men stadig sent.",
        30,
    ),
    ("psychiatric_nurse", "home_support", "psychiatric_nurse", "good", "", 30),
    (
        "teacher_emma",
        "teacher_emma",
        "child_psychiatrist",
        "poor",
        "Vi ved ikke, hvad udredningen handler om, eller hvad vi skal gøre imens.",
        12,
    ),
    ("child_psychiatrist", "teacher_emma", "child_psychiatrist", "medium", "", 10),
    ("school_social", "school_social", "teacher_emma", "good", "", 60),
    ("child_worker_emma", "child_worker_emma", "family_therapist", "good", "", 90),
    (
        "family_therapist",
        "child_worker_emma",
        "family_therapist",
        "medium",
        "Vi mangler en fælles plan for Emma.",
        90,
    ),
    (
        "addiction",
        "addiction",
        "psychiatrist",
        "poor",
        "Behandlingerne er ikke koordineret; Sanne får to forskellige beskeder.",
        60,
    ),
    ("psychiatrist", "addiction", "psychiatrist", "poor", "", 60),
    ("jobconsultant", "jobconsultant", "resource", "medium", "", 40),
    ("daycare", "daycare", "health_visitor", "good", "", 100),
    ("ppr", "ppr", "teacher_oliver", "good", "", 35),
    ("teacher_oliver", "ppr", "teacher_oliver", "medium", "Vi ser hinanden for sjældent.", 35),
    ("Grethe Bak", "Grethe Bak", "family_therapist", "good", "Hun lytter til mig.", 50),
    ("family_therapist", "Grethe Bak", "family_therapist", "good", "", 50),
    ("fagperson", "fagperson", "addiction", "medium", "", 25),
    ("mentor", "mentor", "home_support", "good", "", 25),
    ("child_worker_oliver", "child_worker_oliver", "police", "medium", "", 100),
    ("gp", "gp", "psychiatrist", "medium", "Epikriser kommer, men sent.", 120),
]


def load(demo: Demo) -> None:
    user = demo.users["koordinator"]
    plan = demo.plans["household"]
    # The plan began with the first network meeting, before the demo's other records.
    Plan.objects.filter(pk=plan.pk).update(created_at=plan.created_at - timedelta(days=200))
    plan.refresh_from_db()

    actors = {}
    for actor in Actor.objects.filter(plan=plan).select_related("professional"):
        actors[actor.name or actor.professional_id] = actor
    by_key = {key: actors[p.pk] for key, p in demo.professionals.items() if p.pk in actors}
    by_key.update({a.name: a for a in actors.values() if a.name})

    plan_services.actor_end(user=user, plan=plan, actor=by_key["police"], ended_on=days_ago(45))

    for rater, first, second, level, comment, ago in RATINGS:
        services.relation_rate(
            user=user,
            plan=plan,
            rater=by_key[rater],
            first=by_key[first],
            second=by_key[second],
            level=level,
            comment=comment,
            rated_on=days_ago(ago),
        )

    services.development_point_add(
        user=user,
        plan=plan,
        text="Rusmiddelcentret og Psykiatrisk Center laver én fælles behandlingsplan med Sanne.",
        responsible=by_key["addiction"],
        due_date=days_ahead(30),
        agreed_on=days_ago(30),
    )
    services.development_point_add(
        user=user,
        plan=plan,
        text="Skolen og børne- og ungdomspsykiatrien holder ét fælles møde om Emmas udredning.",
        responsible=by_key["school_social"],
        due_date=days_ahead(14),
        agreed_on=days_ago(10),
    )
    done = services.development_point_add(
        user=user,
        plan=plan,
        text="Bostøtten får besked om ændringer i Sannes medicin samme dag.",
        responsible=by_key["psychiatric_nurse"],
        due_date=days_ago(60),
        agreed_on=days_ago(180),
    )
    services.development_point_update(
        user=user,
        plan=plan,
        point=done,
        version=done.version,
        text=done.text,
        responsible=done.responsible,
        due_date=done.due_date,
        status=DevelopmentPointStatus.DONE,
    )
