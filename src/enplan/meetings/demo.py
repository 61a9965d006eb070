"""The demo meetings: the Bak household's meeting cycle so far, and one meeting on each of
the other plans, so that the evaluations over time and the learning themes have something to
show. Everything here is fictional."""

from datetime import datetime, time

from django.utils import timezone

from enplan.core.demo import Demo, days_ago, days_ahead
from enplan.meetings import services
from enplan.meetings.models import (
    ConversationType,
    DecisionEffect,
    MeetingKind,
    MeetingSettings,
    Theme,
)
from enplan.plans.models import Actor


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(demo: Demo) -> None:
    municipality = demo.municipality
    MeetingSettings.objects.get_or_create(municipality=municipality)
    demo.extra["conversation_types"] = {
        c.name: c for c in ConversationType.objects.filter(municipality=municipality)
    }
    demo.extra["themes"] = {t.name: t for t in Theme.objects.filter(municipality=municipality)}
    _household(demo)
    _single_plans(demo)


def _actors(plan, *professional_keys, demo):
    wanted = [demo.professionals[k].pk for k in professional_keys]
    found = {a.professional_id: a for a in Actor.objects.filter(plan=plan, professional__in=wanted)}
    return [found[pk] for pk in wanted]


def _held(
    demo,
    *,
    plan,
    user,
    kind,
    day,
    members,
    actors,
    no_shows=(),
    conversation_types=(),
    purpose="",
    agenda=(),
    place="Borgerservice, mødelokale 2",
):
    meeting = services.meeting_create(
        user=user,
        plan=plan,
        kind=kind,
        starts_at=at(day, 10),
        ends_at=at(day, 11, 30),
        place=place,
        purpose=purpose,
        conversation_types=[demo.extra["conversation_types"][n] for n in conversation_types],
        actors=actors,
        members=members,
        agenda=agenda,
    )
    absent = {a.pk for a in no_shows}
    services.meeting_record(
        user=user,
        meeting=meeting,
        version=meeting.version,
        attendance={p.pk: p.actor_id not in absent for p in meeting.participants.all()},
    )
    return meeting


def _evaluate(user, meeting, member, scores, comment=""):
    services.evaluation_record(
        user=user,
        meeting=meeting,
        member=member,
        scores=services.Scores(*scores, comment=comment),
    )


def _recap(demo, user, meeting, worked, differently, themes, tags=()):
    services.recap_save(
        user=user,
        meeting=meeting,
        version=None,
        what_worked=worked,
        do_differently=differently,
        themes=[demo.extra["themes"][t] for t in themes],
        tags=list(tags),
    )


def _household(demo: Demo) -> None:
    user = demo.users["koordinator"]
    plan = demo.plans["household"]
    sanne, kenneth, _emma, oliver, _alma = list(plan.members.order_by("order"))

    first = _held(
        demo,
        plan=plan,
        user=user,
        kind=MeetingKind.NETWORK,
        day=days_ago(205),
        members=[sanne, kenneth],
        actors=_actors(
            plan, "fagperson", "family_therapist", "child_worker_emma", "school_social", demo=demo
        ),
        conversation_types=["Jobsamtale", "Børnefaglig samtale"],
        purpose="At lære hinanden at kende og aftale én fælles plan.",
        agenda=[
            "Velkommen: hvad er vigtigst for jer?",
            "Hvem er omkring familien?",
            "Én plan og én koordinator",
            "Hvordan var mødet for jer?",
        ],
    )
    services.decision_record(
        user=user,
        meeting=first,
        text="Familien får én fælles plan med Mette Lund som koordinator.",
        effect=DecisionEffect.NONE,
    )
    _evaluate(user, first, sanne, (7, 8, 6, 7), "Godt at jeg ikke skulle fortælle det hele igen.")
    _evaluate(user, first, kenneth, (6, 6, 6, 6))
    _recap(
        demo,
        user,
        first,
        "Sanne fik ordet først og satte selv dagsordenen. Vi holdt os til én plan.",
        "Vi var for mange fagfolk i rummet. Næste gang aftaler vi på forhånd, hvem der siger hvad.",
        ["Borgerens stemme", "Rollefordeling"],
    )

    second = _held(
        demo,
        plan=plan,
        user=user,
        kind=MeetingKind.NETWORK,
        day=days_ago(90),
        members=[sanne, kenneth, oliver],
        actors=_actors(
            plan, "jobconsultant", "child_worker_oliver", "teacher_oliver", "mentor", demo=demo
        ),
        conversation_types=["Jobsamtale", "Børnefaglig samtale", "Uddannelsesvejledning"],
        purpose="Kenneths vej mod job og Olivers fritid.",
    )
    services.decision_record(
        user=user,
        meeting=second,
        text="Oliver vælger selv en fodboldklub; Thomas hjælper med fritidspas.",
        effect=DecisionEffect.NONE,
    )
    _evaluate(user, second, sanne, (9, 9, 8, 9))
    _evaluate(user, second, kenneth, (7, 8, 7, 7), "Godt med en konkret praktikplads.")
    _evaluate(user, second, oliver, (8, 9, 8, 8))
    _recap(
        demo,
        user,
        second,
        "Et kort formøde mellem fagfolkene gjorde, at mødet med familien blev roligt.",
        "Vi skal sende dagsordenen til familien en uge før.",
        ["Forberedelse", "Borgerens stemme"],
        tags=["formøde"],
    )

    bilateral = _held(
        demo,
        plan=plan,
        user=user,
        kind=MeetingKind.BILATERAL,
        day=days_ago(45),
        members=[],
        actors=_actors(plan, "school_social", "child_worker_emma", demo=demo),
        purpose="Skolen og familierådgivningen afklarer, hvem der følger op på Emmas fravær.",
        place="Bøgeby Skole",
    )
    _recap(
        demo,
        user,
        bilateral,
        "Vi fik sagt højt, hvor vi trådte hinanden over tæerne.",
        "Skolen tager fraværet, familierådgivningen tager hjemmet. Det skriver vi i planen.",
        ["Samarbejde på tværs", "Rollefordeling"],
    )

    third = _held(
        demo,
        plan=plan,
        user=user,
        kind=MeetingKind.NETWORK,
        day=days_ago(20),
        members=[sanne, kenneth],
        actors=_actors(
            plan, "fagperson", "home_support", "addiction", "psychiatrist", "resource", demo=demo
        ),
        no_shows=_actors(plan, "psychiatrist", demo=demo),
        conversation_types=["Opfølgning på sundhed", "Opfølgning på bostøtte", "Jobsamtale"],
        purpose="Sannes behandling og hverdag, og Kenneths praktik.",
    )
    services.decision_record(
        user=user,
        meeting=third,
        text="Sanne og Pia laver en fast morgenplan; Pia følger op om to uger.",
        effect=DecisionEffect.LOG,
    )
    _evaluate(
        user,
        third,
        sanne,
        (4, 6, 5, 6),
        "Der var mange mennesker, og psykiateren kom ikke. Jeg nåede ikke at sige det vigtigste.",
    )
    _recap(
        demo,
        user,
        third,
        "Morgenplanen kom fra Sanne selv, og hun tog ejerskab for den.",
        "Vi skal være færre på mødet og sikre, at de vigtigste deltagere kommer. "
        "Ring til psykiatrien dagen før.",
        ["Mødeform og tid", "Opfølgning på aftaler"],
        tags=["udeblivelse"],
    )

    # Held four days ago and not yet followed up: the reminder fires for it.
    _held(
        demo,
        plan=plan,
        user=user,
        kind=MeetingKind.PROFESSIONALS,
        day=days_ago(4),
        members=[],
        actors=_actors(plan, "child_worker_emma", "contact_person", "uu", demo=demo),
        purpose="Emmas overgang til ungdomsuddannelse.",
    )

    services.meeting_create(
        user=user,
        plan=plan,
        kind=MeetingKind.NETWORK,
        starts_at=at(days_ahead(6), 9, 30),
        ends_at=at(days_ahead(6), 11),
        place="Familiens hjem",
        purpose="Færre ved bordet: hvad er vigtigst for Sanne lige nu?",
        conversation_types=[
            demo.extra["conversation_types"]["Opfølgning på sundhed"],
            demo.extra["conversation_types"]["Børnefaglig samtale"],
        ],
        actors=_actors(plan, "home_support", "child_worker_emma", "family_therapist", demo=demo),
        members=[sanne, kenneth],
        agenda=[
            "Velkommen: hvad er vigtigst for dig i dag?",
            "Sidste møde: hvad skal vi gøre anderledes?",
            "Morgenplanen: hvordan går det?",
            "Emmas skole og udredning",
            "Aftaler: hvem gør hvad og hvornår",
            "Hvordan var mødet for dig?",
        ],
    )


SINGLE_RECAPS = {
    "jonas": (
        "Jonas havde selv skrevet sine spørgsmål ned, og vi tog dem først.",
        "Mødet lå midt i hans skoletid. Næste gang holder vi det efter kl. 15.",
        ["Borgerens stemme", "Mødeform og tid"],
        (8, 8, 7, 8),
    ),
    "fatima": (
        "Alle havde læst planen før mødet, så vi brugte tiden på beslutninger.",
        "Vi talte for meget om ryggen og for lidt om, hvad hun gerne vil arbejde med.",
        ["Forberedelse", "Borgerens stemme"],
        (6, 4, 6, 6),
    ),
    "peter": (
        "Mødet i hans egen lejlighed gav ro; hunden var med.",
        "Bostøtten og misbrugsbehandlingen skal aftale, hvem der følger op på hvad.",
        ["Rollefordeling", "Borgerens stemme", "Forberedelse"],
        (9, 9, 9, 9),
    ),
    "line": (
        "En klar dagsorden på papir hjalp Line med at holde fast.",
        "Vi skal følge op på aftalerne skriftligt dagen efter.",
        ["Forberedelse", "Opfølgning på aftaler"],
        (8, 7, 8, 8),
    ),
    "ahmad": (
        "Ahmad valgte selv, hvem der skulle med. Det gav et andet møde.",
        "UU og jobcentret sagde det samme to gange. Vi deler rollerne inden næste møde.",
        ["Borgerens stemme", "Forberedelse", "Rollefordeling"],
        (7, 8, 8, 7),
    ),
}


def _single_plans(demo: Demo) -> None:
    for offset, (key, (worked, differently, theme_names, scores)) in enumerate(
        SINGLE_RECAPS.items()
    ):
        plan = demo.plans[key]
        user = plan.coordinator.user
        member = plan.members.get()
        actors = list(Actor.objects.filter(plan=plan).order_by("id"))
        meeting = _held(
            demo,
            plan=plan,
            user=user,
            kind=MeetingKind.NETWORK,
            day=days_ago(30 + 9 * offset),
            members=[member],
            actors=actors,
            conversation_types=["Jobsamtale"],
            purpose="Opfølgning på planen.",
        )
        _evaluate(user, meeting, member, scores)
        _recap(demo, user, meeting, worked, differently, theme_names)
