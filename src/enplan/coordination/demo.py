"""Demo rounds of relational coordination around the Bak household.

The first round was held when the plan started, about nine months ago; the second closed
last week. Between them the jobcenter and the family side began meeting bilaterally, so
that tie grows from low to high, while the school's tie to adult social care stays weak.
The regional psychiatry answered on paper, imported from a file. The head of centre
(`leder`) has two rounds of her own, for a team working with citizens with dual
diagnoses; they name no citizen. Everything is fictional.
"""

import csv
import io
from datetime import timedelta
from itertools import cycle

from django.utils import timezone

from enplan.coordination import services
from enplan.coordination.models import Grouping, Respondent, ScopeKind, SurveyRound
from enplan.coordination.scoring import DIMENSIONS
from enplan.core.demo import Demo, days_ago

GROUPS = {
    "Jobcentret": ["fagperson", "mentor", "jobconsultant", "resource"],
    "Børn og familie": [
        "koordinator",
        "child_worker_emma",
        "child_worker_oliver",
        "family_therapist",
        "contact_person",
    ],
    "Skole og dagtilbud": [
        "teacher_emma",
        "teacher_oliver",
        "school_social",
        "ppr",
        "uu",
        "daycare",
    ],
    "Voksen, social og sundhed": ["home_support", "addiction", "health_visitor"],
}
PAPER_GROUP = "Regionspsykiatrien"

# The mean each group gives each group, before and after (answering group, about group).
BEFORE = {
    ("Jobcentret", "Børn og familie"): 2.9,
    ("Børn og familie", "Jobcentret"): 3.0,
    ("Skole og dagtilbud", "Voksen, social og sundhed"): 2.8,
    ("Voksen, social og sundhed", "Skole og dagtilbud"): 3.1,
    ("Børn og familie", "Regionspsykiatrien"): 3.3,
    ("Regionspsykiatrien", "Jobcentret"): 3.2,
}
AFTER = {
    ("Jobcentret", "Børn og familie"): 4.3,
    ("Børn og familie", "Jobcentret"): 4.2,
    ("Skole og dagtilbud", "Voksen, social og sundhed"): 3.0,
    ("Voksen, social og sundhed", "Skole og dagtilbud"): 3.2,
    ("Børn og familie", "Regionspsykiatrien"): 3.8,
    ("Regionspsykiatrien", "Jobcentret"): 3.7,
}
WITHIN = {"before": 4.3, "after": 4.6}
BETWEEN = {"before": 3.7, "after": 3.9}
NOISE = (0, 1, 0, -1, 0, 0, 1, -1, 0)


def _score(mean: float, noise) -> int | None:
    step = next(noise)
    if step is None:
        return None
    return max(1, min(5, round(mean + step * 0.8)))


def _answers(groups, own, means, within, between, noise, skip):
    values: dict[tuple[int, str], int | None] = {}
    for about in groups:
        for index, dimension in enumerate(DIMENSIONS):
            if next(skip):
                values[(about.pk, dimension)] = None  # "don't know"
                continue
            mean = means.get(about.name)
            if mean is None:
                mean = within if about.name == own else between
            values[(about.pk, dimension)] = _score(mean + (0.15 if index % 3 == 0 else 0), noise)
    return values


def _run_round(
    demo: Demo,
    *,
    user,
    create: dict,
    groups: dict,
    means: dict,
    phase: str,
    opened: int,
    closed: int,
    paper_group: str | None = None,
):
    """Start a round, put everyone in their group, let most of them answer, import the
    paper answers, close it, and move it back in time."""
    round_ = services.round_create(
        user=user,
        grouping=Grouping.CUSTOM,
        closes_on=timezone.localdate(),
        # The demo's groups are set by hand just below, before anyone answers.
        small_groups_choice=services.SmallGroupsChoice.SEND,
        **create,
    )
    group_of = {demo.professionals[key].pk: name for name, keys in groups.items() for key in keys}
    respondents = list(round_.respondents.select_related("professional"))
    services.groups_update(
        user=user,
        round_=round_,
        assignments={r.pk: group_of.get(r.professional_id, "") for r in respondents},
        removed={r.pk for r in respondents if r.professional_id not in group_of},
    )
    if paper_group:
        round_.groups.get_or_create(municipality_id=round_.municipality_id, name=paper_group)
    workgroups = list(round_.groups.all())
    noise = cycle(NOISE)
    skip = cycle([False] * 13 + [True])
    # One in seven leaves the round unanswered, as in any real round (but never so many
    # that a group falls below three).
    for index, respondent in enumerate(
        Respondent.objects.filter(round=round_).select_related("group", "professional__user")
    ):
        if index % 7 == 6 and len(groups[respondent.group.name]) > 3:
            continue
        own = respondent.group.name
        per_group = {
            about.name: means[(own, about.name)]
            for about in workgroups
            if (own, about.name) in means
        }
        values = _answers(workgroups, own, per_group, WITHIN[phase], BETWEEN[phase], noise, skip)
        assert respondent.professional is not None  # the demo's respondents all log in
        assert respondent.professional.user is not None
        services.answers_save(
            user=respondent.professional.user,
            respondent=respondent,
            version=respondent.version,
            values=values,
            submit=True,
        )
    if paper_group:
        _import_paper(user, round_, workgroups, paper_group, means, phase, noise)
    services.round_close(user=user, round_=round_)
    SurveyRound.objects.filter(pk=round_.pk).update(
        opens_on=days_ago(opened),
        closes_on=days_ago(closed),
        created_at=timezone.now() - timedelta(days=opened),
        closed_at=timezone.now() - timedelta(days=closed),
    )
    # The answers were given while the round was open, not on the day the demo is loaded.
    answered_at = timezone.now() - timedelta(days=(opened + closed) // 2)
    Respondent.objects.filter(round=round_, submitted_at__isnull=False).update(
        submitted_at=answered_at, saved_at=answered_at
    )
    return round_


def _import_paper(user, round_, workgroups, paper_group, means, phase, noise):
    """Three respondents without a login answered on paper; their file is imported."""
    buffer = io.StringIO()
    lines = csv.writer(buffer, lineterminator="\n")
    lines.writerow(["respondent", "respondent_group", "about_group", "dimension", "score"])
    for number in range(1, 4):
        for about in workgroups:
            mean = means.get((paper_group, about.name))
            if mean is None:
                mean = WITHIN[phase] if about.name == paper_group else BETWEEN[phase]
            for dimension in DIMENSIONS:
                score = _score(mean, noise)
                lines.writerow(
                    [f"{phase[0].upper()}{number}", paper_group, about.name, dimension, score]
                )
    services.answers_import(
        user=user,
        round_=round_,
        file_name="regionspsykiatrien-papir.csv",
        data=buffer.getvalue().encode(),
    )


TEAM = "Dobbeltdiagnoser"
TEAM_GROUPS = {
    "Beskæftigelse": ["fagperson", "mentor", "resource", "youth"],
    "Social og misbrug": ["addiction", "home_support", "koordinator", "coordinator2"],
    "Sundhed og familie": ["udenfor", "health_visitor", "family_therapist"],
}
TEAM_BEFORE = {
    ("Beskæftigelse", "Social og misbrug"): 3.1,
    ("Social og misbrug", "Beskæftigelse"): 3.3,
    ("Sundhed og familie", "Social og misbrug"): 3.4,
}
TEAM_AFTER = {
    ("Beskæftigelse", "Social og misbrug"): 4.2,
    ("Social og misbrug", "Beskæftigelse"): 4.0,
    ("Sundhed og familie", "Social og misbrug"): 3.5,
}


def load(demo: Demo) -> None:
    household = {"scope": ScopeKind.PLAN, "plan": demo.plans["household"]}
    koordinator = demo.users["koordinator"]
    for title, means, phase, opened, closed in (
        ("Familien Bak – ved opstart", BEFORE, "before", 280, 266),
        ("Familien Bak – ni måneder efter", AFTER, "after", 20, 6),
    ):
        demo.extra[f"rc_{phase}"] = _run_round(
            demo,
            user=koordinator,
            create={**household, "title": title},
            groups=GROUPS,
            means=means,
            phase=phase,
            opened=opened,
            closed=closed,
            paper_group=PAPER_GROUP,
        )
    # The head of centre follows a team across departments: no citizen is named.
    leader = demo.users["leder"]
    team = [demo.professionals[key] for keys in TEAM_GROUPS.values() for key in keys]
    for title, means, phase, opened, closed in (
        ("Dobbeltdiagnoser – forår", TEAM_BEFORE, "before", 250, 236),
        ("Dobbeltdiagnoser – efterår", TEAM_AFTER, "after", 30, 16),
    ):
        _run_round(
            demo,
            user=leader,
            create={"scope": ScopeKind.TEAM, "team": TEAM, "professionals": team, "title": title},
            groups=TEAM_GROUPS,
            means=means,
            phase=phase,
            opened=opened,
            closed=closed,
        )
