"""The steering figures are computed once and kept until the next night: a look reads
what was kept, says when it was computed, and never trusts a row it did not sign."""

import dataclasses
import io
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.core.models import AuditEvent, Role
from enplan.core.tests.factories import UserFactory
from enplan.progress import forms, kept, steering
from enplan.progress.models import KeptSteeringFigures
from enplan.progress.steering import Group
from enplan.progress.tests.conftest import MARCH
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"
ON_THE_STAIRCASE = "<dt>På trappen ved periodens slutning</dt><dd>{}</dd>"


def _five_more_on_the_staircase(march) -> None:
    from enplan.plans.tests.factories import PlanMemberFactory

    for day in range(1, 6):
        member = PlanMemberFactory(plan__coordinator=march.plans["A"].coordinator)
        StepRegistrationFactory(
            member=member, step=march.steps["s1"], entered_on=date(2025, 3, day)
        )


def test_a_second_look_reads_the_kept_figures_and_says_when_they_were_computed(client, march):
    client.force_login(march.leader)
    first = client.get("/progress/steering/" + QUERY)
    assert ON_THE_STAIRCASE.format(9) in first.text
    _five_more_on_the_staircase(march)
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/progress/steering/" + QUERY)
    # Until the night, the figures are the ones computed at the first look.
    assert ON_THE_STAIRCASE.format(9) in second.text
    computed = timezone.localtime(first.context["figures"].generated_at)
    assert f"Beregnet den {computed:%d.%m.%Y} kl. {computed:%H:%M}." in second.text
    # The kept look reads no plan and no registration: a fixed handful of queries.
    assert len(queries) <= 12 + CHAIN_QUERIES
    assert not [q for q in queries if "progress_stepregistration" in q["sql"]]


def test_figures_kept_before_the_nightly_refresh_are_computed_again(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    _five_more_on_the_staircase(march)
    KeptSteeringFigures.objects.update(computed_at=kept.last_refresh() - timedelta(minutes=1))
    text = client.get("/progress/steering/" + QUERY).text
    assert ON_THE_STAIRCASE.format(14) in text
    assert KeptSteeringFigures.objects.count() == 1


def test_the_refresh_is_at_the_configured_hour_local_time(settings):
    settings.ENPLAN_STEERING_REFRESH_HOUR = 2
    before = timezone.make_aware(datetime(2026, 12, 3, 1, 59))
    after = timezone.make_aware(datetime(2026, 12, 3, 2, 0))
    assert timezone.localtime(kept.last_refresh(before)) == timezone.make_aware(
        datetime(2026, 12, 2, 2, 0)
    )
    assert kept.last_refresh(after) == after


def test_a_kept_row_changed_in_the_database_is_thrown_away_not_unpickled(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    _five_more_on_the_staircase(march)
    row = KeptSteeringFigures.objects.get()
    # Whoever can write the table cannot make the site load their own object.
    value, _sep, signature = row.payload.rpartition(":")
    KeptSteeringFigures.objects.update(payload=value + ":" + "A" * len(signature))
    text = client.get("/progress/steering/" + QUERY).text
    assert ON_THE_STAIRCASE.format(14) in text
    assert KeptSteeringFigures.objects.get().payload != row.payload


def test_every_look_at_kept_figures_is_audited(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    client.get("/progress/steering/all.xlsx" + QUERY)
    client.get("/progress/steering/" + QUERY)
    looks = list(
        AuditEvent.objects.filter(user=march.leader).order_by("pk").values_list("action", "path")
    )
    assert [action for action, _path in looks] == ["view", "export", "view"]
    assert all(path.startswith("/progress/steering/") for _action, path in looks)


def test_kept_figures_are_never_read_by_someone_who_may_not_see_figures(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    coordinator = march.plans["A"].coordinator.user
    client.force_login(coordinator)
    assert client.get("/progress/steering/" + QUERY).status_code == 404
    assert client.get("/progress/steering/all.xlsx" + QUERY).status_code == 404


def test_another_municipality_never_reads_the_figures_kept_for_this_one(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    elsewhere = UserFactory(role=Role.LEADER)
    figures = kept.figures(elsewhere, period=MARCH, group=Group())
    assert figures.movements.on_staircase.value == 0
    assert KeptSteeringFigures.objects.filter(municipality=elsewhere.municipality).count() == 1


def _look(client, path: str, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path + QUERY)
    return response, [q["sql"] for q in queries]


def test_one_kept_row_shows_danish_labels_in_danish_and_english_labels_in_english(client, march):
    client.force_login(march.leader)
    english, _queries = _look(client, "/progress/steering/", "en")
    assert "Figures for <strong>All plans</strong>" in english.text
    danish, queries = _look(client, "/progress/steering/", "da")
    # Read from the row the English look kept, not computed again in Danish.
    assert KeptSteeringFigures.objects.count() == 1
    assert not [sql for sql in queries if "progress_stepregistration" in sql]
    english, _queries = _look(client, "/progress/steering/", "en")
    in_danish = ["Tal for <strong>Alle planer</strong>", "Blev lyttet til", "Alle områder"]
    in_danish += ["Borgernes evaluering (0–10): Blev lyttet til", "Gennemsnit pr. plan"]
    in_english = ["Figures for <strong>All plans</strong>", "Listened to", "All areas"]
    in_english += ["Citizens&#x27; evaluation (0–10): Listened to", "Average per plan"]
    assert [label for label in in_danish if label not in danish.text] == []
    assert [label for label in in_english if label not in english.text] == []
    assert [label for label in in_english if label in danish.text] == []
    assert [label for label in in_danish if label in english.text] == []


def _cells(content: bytes) -> set:
    workbook = load_workbook(io.BytesIO(content))
    return {
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }


def test_one_kept_row_exports_danish_labels_in_danish_and_english_labels_in_english(client, march):
    client.force_login(march.leader)
    danish, _queries = _look(client, "/progress/steering/all.xlsx", "da")
    english, queries = _look(client, "/progress/steering/all.xlsx", "en")
    assert KeptSteeringFigures.objects.count() == 1
    assert not [sql for sql in queries if "progress_stepregistration" in sql]
    in_danish, in_english = _cells(danish.content), _cells(english.content)
    assert {"Alle planer", "Borgernes evaluering (0–10): Blev lyttet til"} <= in_danish
    assert {"Alle områder", "Gennemsnit pr. plan", "Work", "Social"} <= in_danish
    assert {"All plans", "Citizens' evaluation (0–10): Listened to"} <= in_english
    assert {"All areas", "Average per plan", "Work", "Social"} <= in_english
    assert not in_danish & {"All plans", "All areas", "Average per plan"}
    assert not in_english & {"Alle planer", "Alle områder", "Gennemsnit pr. plan"}


def test_the_nightly_run_keeps_the_usual_periods_for_every_group_once(march):
    output = io.StringIO()
    call_command("keep_steering_figures", stdout=output)
    assert "sets of figures kept" in output.getvalue()
    choices = steering.group_choices(march.leader)
    groups = 1 + len(choices.areas) + len(choices.models) + len(choices.teams)
    periods = 4
    rows = KeptSteeringFigures.objects.filter(municipality=march.municipality)
    # One row per period and group: the same figures serve every language.
    assert rows.count() == groups * periods
    assert {row.computed_at.date() for row in rows} == {timezone.now().date()}


def _without_time(figures):
    return dataclasses.replace(figures, generated_at=None)


def test_the_nightly_runs_figures_for_a_group_are_what_a_fresh_look_computes(march):
    today = date(2025, 4, 15)
    kept.keep_for_municipality(march.municipality, today=today)
    choices = steering.group_choices(march.leader)
    keys = ["all", *(f"area:{a.pk}" for a in choices.areas)]
    keys += [f"model:{m.pk}" for m in choices.models]
    keys += [f"team:{d.pk}" for d in choices.teams]
    hidden_for_the_rest = 0
    for _label, period in forms.quick_periods(today):
        everyone = steering.steering_figures(march.leader, period=period, group=Group())
        for key in keys:
            group = choices.group_for(key)
            kept_figures = kept._read(march.municipality.pk, kept._key(period, group))
            fresh = steering.steering_figures(march.leader, period=period, group=group)
            assert _without_time(kept_figures) == _without_time(fresh), (period, key)
            if key != "all":
                hidden_for_the_rest += _hidden_for_the_rest(kept_figures, everyone)
    # Some figure was hidden because the rest of the plans was small: the figures of all
    # plans the run computed once per period were used for the groups.
    assert hidden_for_the_rest


def _hidden_for_the_rest(figures, everyone) -> int:
    limit = settings.ENPLAN_SMALL_GROUP_LIMIT
    hidden = 0
    for holder, name, whole in steering._paired_cells(figures, everyone):
        part = getattr(holder, name)
        rest = (whole.citizens - part.citizens, whole.plans - part.plans)
        if part.withheld and not part.is_small and any(rest) and min(rest) < limit:
            hidden += 1
    return hidden


def test_without_a_leader_the_nightly_run_computes_nothing(march):
    type(march.leader).objects.filter(pk=march.leader.pk).update(is_active=False)
    assert kept.keep_for_municipality(march.municipality) == 0
    assert not KeptSteeringFigures.objects.exists()
