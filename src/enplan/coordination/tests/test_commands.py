"""`rc_score` and `rc_import`: the same engine as the pages, from the command line."""

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import strip_tags

from enplan.coordination import answer_files, exports, scoring, services
from enplan.coordination.models import Answer, Workgroup
from enplan.coordination.tests.handset import EXPECTED_CSV, as_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "svar.csv"
    path.write_text(as_csv(), encoding="utf-8")
    return path


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rc_score_prints_the_hand_computed_results(answers_file):
    assert _run("rc_score", str(answers_file), "--format", "csv") == EXPECTED_CSV
    assert _run("rc_score", str(answers_file)) == EXPECTED_CSV


def test_rc_score_keeps_a_formula_like_group_name_a_text_as_the_download_does(tmp_path):
    path = tmp_path / "svar.csv"
    path.write_text(as_csv().replace(",C,", ",=HYPERLINK(1),"), encoding="utf-8")
    out = _run("rc_score", str(path))
    assert "\n'=HYPERLINK(1),A,2,,,,,,,,,\n" in out
    assert out == exports.csv_text(
        scoring.score(
            answer_files.parse(answer_files.read_table("svar.csv", path.read_bytes())).rows
        )
    )


def test_rc_score_stores_nothing(answers_file):
    _run("rc_score", str(answers_file))
    assert not Answer.objects.exists()


def test_rc_score_names_the_bad_row(tmp_path):
    path = tmp_path / "svar.csv"
    path.write_text(as_csv().replace("a1,A,A,frequent,5", "a1,A,A,frequent,0"), encoding="utf-8")
    with pytest.raises(CommandError, match="Række 2, kolonne »score«"):
        _run("rc_score", str(path))


def test_rc_score_has_a_readable_text_format(answers_file):
    out = _run("rc_score", str(answers_file), "--format", "text")
    assert out.splitlines()[1].split() == ["A", "A", "4", "4.50", "medium", *["4.50"] * 7]


@pytest.fixture
def abc_round(world, plan_round):
    round_ = plan_round.round
    round_.groups.all().delete()
    for name in "ABC":
        Workgroup.objects.create(municipality_id=round_.municipality_id, round=round_, name=name)
    return round_


def test_rc_import_then_the_pages_agree_with_rc_score(client, world, abc_round, answers_file):
    out = _run("rc_import", str(abc_round.pk), str(answers_file))
    assert "er importeret" in out
    services.round_close(user=world.coordinator.user, round_=abc_round)
    client.force_login(world.coordinator.user)
    exported = client.get(
        reverse("coordination:export_csv", args=[abc_round.pk]) + "?format=machine"
    )
    assert exported.content.decode() == _run("rc_score", str(answers_file)) == EXPECTED_CSV
    page = client.get(reverse("coordination:results", args=[abc_round.pk])).text
    assert "3,44" in page  # B→C, low
    assert "4,67" in page  # A→C, high


def test_rc_import_changes_nothing_when_a_row_is_bad(world, abc_round, tmp_path):
    path = tmp_path / "svar.csv"
    path.write_text(as_csv().replace("b3,B,C,frequent,3", "b3,B,D,frequent,3"), encoding="utf-8")
    with pytest.raises(CommandError, match="kolonne »about_group«: »D« er ikke en gruppe"):
        _run("rc_import", str(abc_round.pk), str(path))
    assert not Answer.objects.exists()


def test_rc_import_refuses_an_unknown_round(answers_file):
    with pytest.raises(CommandError, match=r"Der er ingen måling nr\. 999"):
        _run("rc_import", "999", str(answers_file))


def test_a_missing_file_is_reported_in_danish(tmp_path):
    with pytest.raises(CommandError, match="kan ikke læses"):
        _run("rc_score", str(tmp_path / "findes-ikke.csv"))


def test_rc_import_refuses_a_user_who_does_not_run_the_round(world, abc_round, answers_file):
    with pytest.raises(CommandError, match="står ikke for målingen"):
        _run("rc_import", str(abc_round.pk), str(answers_file), "--user", world.actor.user.username)
    assert not Answer.objects.exists()


def _heatmap(page: str) -> dict:
    """The results page's table of all ties by dimension, as the figures a reader sees:
    (from, to) -> [respondents, score, level, seven dimensions] in the CSV's notation."""
    table = page[page.index('class="table table--compact rc-heatmap"') :]
    table = table[: table.index("</table>")]
    levels = {"høj": "high", "middel": "medium", "lav": "low"}
    ties = {}
    for row in table.split("<tr>")[2:]:
        cells = [strip_tags(c).split() for c in re.split(r"</t[hd]>", row)[:-1]]
        name = " ".join(cells[0]).split(" (")[0]
        from_group, to_group = name.split(" → ")
        respondents = cells[1][0]
        if len(cells) == 3:  # too few answers to show
            ties[(from_group, to_group)] = [respondents, *[""] * 9]
            continue

        def figure(cell):
            return "" if cell[0] == "–" else cell[0].replace(",", ".")

        score, level = figure(cells[2]), levels[cells[2][-1]]
        ties[(from_group, to_group)] = [respondents, score, level, *map(figure, cells[3:])]
    return ties


def test_every_figure_on_the_results_page_agrees_with_rc_score(
    client, world, abc_round, answers_file
):
    _run("rc_import", str(abc_round.pk), str(answers_file))
    services.round_close(user=world.coordinator.user, round_=abc_round)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("coordination:results", args=[abc_round.pk])).text
    printed = list(csv.reader(io.StringIO(_run("rc_score", str(answers_file)))))[1:]
    assert _heatmap(page) == {(row[0], row[1]): row[2:] for row in printed}
