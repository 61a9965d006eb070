"""The command-line tools: pseudonymise at the source, and score without storing."""

import csv
import hashlib
import hmac
import io

import pytest
from django.core.management import CommandError, call_command

from enplan.targeting.tests.extracts import CPR, RULES, SMALL, TEST_KEY, h, p, rows, write_csv


def raw_extract(path):
    rows = [
        (CPR["anna"], CPR["anna"], "years_on_benefits", "3"),
        (CPR["bo"].replace("-", ""), CPR["anna"], "open_cases", "5"),
    ]
    return write_csv(path, rows, header=("cpr", "husstand", "indicator", "value"))


def test_pseudonymise_refuses_to_run_without_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("ENPLAN_PSEUDONYM_KEY", raising=False)
    with pytest.raises(CommandError, match="ENPLAN_PSEUDONYM_KEY"):
        call_command(
            "pseudonymise",
            str(raw_extract(tmp_path / "in.csv")),
            str(tmp_path / "out.csv"),
            "--cpr-column",
            "cpr",
        )
    assert not (tmp_path / "out.csv").exists()


def test_pseudonymise_refuses_a_short_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ENPLAN_PSEUDONYM_KEY", "kort")
    with pytest.raises(CommandError):
        call_command(
            "pseudonymise",
            str(raw_extract(tmp_path / "in.csv")),
            str(tmp_path / "out.csv"),
            "--cpr-column",
            "cpr",
        )


def test_pseudonymise_writes_keyed_hmac_sha256_of_the_ten_digits(tmp_path, monkeypatch):
    monkeypatch.setenv("ENPLAN_PSEUDONYM_KEY", TEST_KEY)
    out = tmp_path / "out.csv"
    call_command(
        "pseudonymise",
        str(raw_extract(tmp_path / "in.csv")),
        str(out),
        "--cpr-column",
        "cpr",
        "--household-column",
        "husstand",
        stdout=io.StringIO(),
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    expected = hmac.new(
        TEST_KEY.encode(), CPR["bo"].replace("-", "").encode(), hashlib.sha256
    ).hexdigest()
    assert list(rows[0]) == ["person", "household", "indicator", "value"]
    assert rows[1]["person"] == expected
    assert rows[0]["household"] == rows[1]["household"] == rows[0]["person"]
    assert CPR["anna"] not in out.read_text()
    # A plain hash would be enumerable; the pseudonym is not a plain SHA-256.
    assert rows[1]["person"] != hashlib.sha256(CPR["bo"].replace("-", "").encode()).hexdigest()


def test_pseudonymise_refuses_a_value_that_is_not_a_cpr_number(tmp_path, monkeypatch):
    monkeypatch.setenv("ENPLAN_PSEUDONYM_KEY", TEST_KEY)
    path = write_csv(tmp_path / "in.csv", [("123", "x", "1")], header=("cpr", "indicator", "value"))
    with pytest.raises(CommandError, match="Række 2"):
        call_command("pseudonymise", str(path), str(tmp_path / "o.csv"), "--cpr-column", "cpr")


def test_pseudonymise_stops_in_danish_on_a_file_excel_saved_in_windows_1252(tmp_path, monkeypatch):
    monkeypatch.setenv("ENPLAN_PSEUDONYM_KEY", TEST_KEY)
    path = tmp_path / "in.csv"
    text = f"cpr;navn;indicator;value\r\n{CPR['anna']};Søren Æblø;open_cases;2\r\n"
    path.write_bytes(text.encode("cp1252"))
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError) as error:
        call_command("pseudonymise", str(path), str(out), "--cpr-column", "cpr")
    assert str(error.value) == (
        "Række 2: filen er ikke i UTF-8. Gem den som “CSV UTF-8”, og kør kommandoen igen."
    )
    assert not out.exists()


def test_pseudonymise_stops_in_danish_on_a_file_that_is_not_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("ENPLAN_PSEUDONYM_KEY", TEST_KEY)
    path = tmp_path / "in.csv"
    path.write_bytes(bytes(range(128)) * 10)  # text, but no table in it
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="Filen kan ikke læses som CSV"):
        call_command("pseudonymise", str(path), str(out), "--cpr-column", "cpr")
    assert not out.exists()


def test_targeting_score_writes_one_row_per_person_highest_household_first(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    first = write_csv(tmp_path / "a.csv", SMALL[:6])
    second = write_csv(tmp_path / "b.csv", SMALL[6:])
    out = tmp_path / "scores.csv"
    call_command(
        "targeting_score",
        str(first),
        str(second),
        "--rules",
        str(rules),
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 6
    assert [r["household_points"] for r in rows] == ["1900"] * 3 + ["800"] + ["500"] * 2


def test_targeting_score_breaks_ties_by_household_then_person_and_lists_rules_in_file_order(
    tmp_path,
):
    # Dina (household of one, 500 + 400) and Emil's household (Emil 500 + Frida 400)
    # both score 900. Dina fires the fourth rule and the first: they are listed in the
    # rules file's order, not in the extract's nor the alphabet's.
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    extract = write_csv(
        tmp_path / "tie.csv",
        rows(
            ("dina", "school_absence_pct", "25"),
            ("dina", "years_on_benefits", "3"),
            ("frida", "school_absence_pct", "20"),
            ("emil", "years_on_benefits", "7"),
        ),
    )
    out = tmp_path / "scores.csv"
    call_command(
        "targeting_score",
        str(extract),
        "--rules",
        str(rules),
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    got = [
        (r["person"], r["household"], r["household_points"], r["rules"])
        for r in csv.DictReader(out.open(encoding="utf-8"))
    ]
    households = sorted([h("dina"), h("emil")])
    expected = {
        h("dina"): [
            (p("dina"), h("dina"), "900", "Mindst 3 år på offentlig forsørgelse;Højt skolefravær")
        ],
        h("emil"): sorted(
            [
                (p("emil"), h("emil"), "900", "Mindst 3 år på offentlig forsørgelse"),
                (p("frida"), h("emil"), "900", "Højt skolefravær"),
            ]
        ),
    }
    assert got == [row for household in households for row in expected[household]]


def test_targeting_score_rejects_a_bad_extract_naming_the_file(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    bad = write_csv(tmp_path / "bad.csv", [*SMALL, SMALL[0]])
    with pytest.raises(CommandError, match=r"bad\.csv"):
        call_command(
            "targeting_score", str(bad), "--rules", str(rules), "--out", str(tmp_path / "o.csv")
        )
    assert not (tmp_path / "o.csv").exists()


def test_targeting_score_names_the_file_and_row_that_repeats_another_extract(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    first = write_csv(tmp_path / "a.csv", SMALL[:3])
    second = write_csv(tmp_path / "b.csv", [*SMALL[3:5], (), SMALL[0]])
    with pytest.raises(CommandError, match=r"b\.csv: Række 5, kolonne “indicator”"):
        call_command(
            "targeting_score",
            str(first),
            str(second),
            "--rules",
            str(rules),
            "--out",
            str(tmp_path / "o.csv"),
        )
    assert not (tmp_path / "o.csv").exists()


def test_targeting_score_refuses_an_indicator_with_spaces_around_it_naming_the_row(tmp_path):
    # Without a catalogue to compare with, " open_cases " would match no rule and score 0.
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    extract = write_csv(tmp_path / "a.csv", [SMALL[0], (*SMALL[1][:2], " open_cases ", "4")])
    with pytest.raises(CommandError) as error:
        call_command(
            "targeting_score", str(extract), "--rules", str(rules), "--out", str(tmp_path / "o.csv")
        )
    assert str(error.value) == (
        f"{extract}: Række 3, kolonne “indicator”: “ open_cases ” er ikke et indikatornavn. "
        "Et navn har kun bogstaverne a-z, tal, “_” og “-”, og ingen mellemrum."
    )
    assert not (tmp_path / "o.csv").exists()


def test_targeting_score_rejects_bad_rules(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "targeting_score",
            str(write_csv(tmp_path / "a.csv", SMALL)),
            "--rules",
            str(rules),
            "--out",
            str(tmp_path / "o.csv"),
        )
