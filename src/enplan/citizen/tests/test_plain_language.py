"""Every text the citizen reads is easy Danish: LIX at most 35 on each page's main text and
each letter. The plan is filled with short, plain content so that the score measures the
product's own words, not what staff happen to write."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from enplan.citizen.tests.factories import network_meeting, with_login
from enplan.citizen.tests.lix import lix, main_text
from enplan.citizen.views import REFUSALS
from enplan.core import audit
from enplan.core.models import AuditAction
from enplan.plans.tests.factories import (
    GoalFactory,
    InterventionFactory,
    LogEntryFactory,
    PrivateActorFactory,
)

pytestmark = pytest.mark.django_db

LIMIT = 35

PAGES = [
    "",
    "vigtigst/{mother}/",
    "maal/{goal}/kommentar/",
    "netvaerk/ny/",
    "moeder/emne/",
    "deling/",
    "samtykke/",
    "samtykke/{department}/withdraw/",
    "samtykke/{other_department}/give/",
    "min-log/",
    "mine-data/",
]


@pytest.fixture
def filled(family):
    plan = family.plan
    family.mother.wishes = "Ro i hverdagen og et job."
    family.mother.save()
    goal = GoalFactory(plan=plan, member=family.mother, title="Et job på deltid")
    InterventionFactory(
        plan=plan,
        member=family.mother,
        department=family.department,
        title="Hjælp til job",
        responsible=family.actor,
        agreed_start=timezone.localdate(),
    )
    LogEntryFactory(plan=plan, goal=goal, text="Vi talte om job.")
    PrivateActorFactory(plan=plan, member=family.mother, name="Lise", role="Søster")
    network_meeting(family, starts_at=timezone.now() + timedelta(days=3), place="Rådhuset")
    audit.record(user=family.actor.user, action=AuditAction.VIEW, obj=plan, plan=plan)
    return {"goal": goal}


@pytest.mark.parametrize("path", PAGES)
def test_each_citizen_page_is_easy_to_read(client, family, filled, path):
    client.force_login(with_login(family.mother))
    url = f"/borger/plan/{family.plan.pk}/" + path.format(
        mother=family.mother.pk,
        goal=filled["goal"].pk,
        department=family.department.pk,
        other_department=family.other_department.pk,
    )
    response = client.get(url)
    assert response.status_code == 200
    text = main_text(response.content.decode())
    assert len(text) > 40
    assert lix(text) <= LIMIT, f"LIX {lix(text):.0f} for {url}:\n{text}"


@pytest.mark.parametrize("url", ["/borger/login/", "/tilgaengelighed/"])
def test_the_pages_before_login_are_easy_to_read(client, url):
    text = main_text(client.get(url).content.decode())
    assert lix(text) <= LIMIT, f"LIX {lix(text):.0f} for {url}:\n{text}"


def test_the_young_persons_pages_are_easy_to_read(client, family, filled):
    client.force_login(with_login(family.teen))
    for path in ["", "samtykke/", "deling/"]:
        text = main_text(client.get(f"/borger/plan/{family.plan.pk}/{path}").content.decode())
        assert lix(text) <= LIMIT, f"LIX {lix(text):.0f} for {path}:\n{text}"


@pytest.mark.parametrize("letter", ["consent_given", "consent_withdrawn"])
def test_each_letter_is_easy_to_read(letter):
    with translation.override("da"):
        text = render_to_string(
            f"citizen/letters/{letter}.txt", {"department": "Jobcentret", "date": "01.12.2026"}
        )
    assert lix(text) <= LIMIT, f"LIX {lix(text):.0f}: {text}"


@pytest.mark.parametrize("reason", REFUSALS)
def test_each_login_refusal_is_easy_to_read(reason):
    with translation.override("da"):
        text = REFUSALS[reason]()
    assert lix(text) <= LIMIT, f"LIX {lix(text):.0f}: {text}"


def test_lix_follows_the_formula():
    # 7 words, 2 sentences, 2 long words ("vigtigste", "hverdagen"): 3.5 + 28.6
    assert round(lix("Det vigtigste er ro. Og hverdagen går."), 1) == 32.1
