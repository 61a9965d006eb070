"""An extract is all or nothing: the first problem rejects the whole file with a Danish
message naming the row and the column."""

import pytest
from django.utils import translation

from enplan.targeting import engine
from enplan.targeting.tests.extracts import (
    CPR,
    SMALL,
    damaged,
    h,
    p,
    rows,
    write_csv,
    write_parquet,
)

CATALOGUE = engine.Catalogue(
    indicators=frozenset(
        {
            "years_on_benefits",
            "open_cases",
            "children_with_measures",
            "school_absence_pct",
            "psychiatric_contacts",
        }
    ),
    health=frozenset({"psychiatric_contacts"}),
    allow_health=False,
)


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def rejected(path, catalogue=CATALOGUE) -> str:
    with pytest.raises(engine.ExtractError) as error:
        engine.check_extract(path, catalogue)
    return error.value.messages[0]


def test_a_clean_extract_is_accepted(tmp_path):
    result = engine.check_extract(write_csv(tmp_path / "ok.csv", SMALL), CATALOGUE)
    assert result.rows == len(SMALL)


def test_semicolons_and_a_byte_order_mark_from_danish_excel_are_accepted(tmp_path):
    path = write_csv(tmp_path / "excel.csv", SMALL, delimiter=";", encoding="utf-8-sig")
    assert engine.check_extract(path, CATALOGUE).rows == len(SMALL)


def test_a_missing_column_is_named(tmp_path):
    path = write_csv(
        tmp_path / "x.csv", [r[:3] for r in SMALL], header=("person", "household", "indicator")
    )
    assert rejected(path) == (
        "Række 1: kolonnen “value” mangler. Kolonnerne skal være person,household,indicator,value."
    )


def test_an_extra_column_is_refused_because_it_could_carry_names(tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        [(*r, "Anna") for r in SMALL],
        header=("person", "household", "indicator", "value", "navn"),
    )
    assert "kolonnen “navn” er ikke tilladt" in rejected(path)


def test_a_value_that_is_not_a_number_names_row_and_column(tmp_path):
    data = [*SMALL[:3], (p("bo"), h("bo"), "open_cases", "mange"), *SMALL[4:]]
    assert rejected(write_csv(tmp_path / "x.csv", data)) == (
        "Række 5, kolonne “value”: “mange” er ikke et tal."
    )


def test_an_indicator_outside_the_catalogue_is_named(tmp_path):
    data = [*SMALL, *rows(("dina", "shoe_size", "38"))]
    message = rejected(write_csv(tmp_path / "x.csv", data))
    assert message.startswith(f"Række {len(SMALL) + 2}, kolonne “indicator”: “shoe_size”")


@pytest.mark.parametrize("catalogue", [None, CATALOGUE], ids=["without", "with catalogue"])
@pytest.mark.parametrize("name", [" open_cases", "open_cases ", "open cases", "åbne_sager"])
def test_an_indicator_name_must_be_a_plain_name(tmp_path, name, catalogue):
    data = [*SMALL[:1], (p("bo"), h("bo"), name, "1")]
    assert rejected(write_csv(tmp_path / "x.csv", data), catalogue) == (
        f"Række 3, kolonne “indicator”: “{name}” er ikke et indikatornavn. Et navn har kun "
        "bogstaverne a-z, tal, “_” og “-”, og ingen mellemrum."
    )


def test_a_health_indicator_needs_art_9_in_the_legal_basis(tmp_path):
    data = [*SMALL, *rows(("dina", "psychiatric_contacts", "3"))]
    path = write_csv(tmp_path / "x.csv", data)
    assert "helbredsindikator" in rejected(path)
    allowed = engine.Catalogue(CATALOGUE.indicators, CATALOGUE.health, allow_health=True)
    assert engine.check_extract(path, allowed).rows == len(data)


@pytest.mark.parametrize("column", [0, 1, 3])
def test_something_that_looks_like_a_cpr_number_is_refused_without_repeating_it(tmp_path, column):
    row = list(SMALL[2])
    row[column] = CPR["anna"]
    path = write_csv(tmp_path / "x.csv", [*SMALL[:2], tuple(row), *SMALL[3:]])
    message = rejected(path)
    name = ("person", "household", "indicator", "value")[column]
    assert message.startswith(f"Række 4, kolonne “{name}”: værdien ligner et CPR-nummer.")
    assert CPR["anna"] not in message


def test_a_cpr_number_without_dash_is_refused_too(tmp_path):
    data = [*SMALL[:1], (CPR["bo"].replace("-", ""), h("bo"), "open_cases", "1"), *SMALL[1:]]
    assert "ligner et CPR-nummer" in rejected(write_csv(tmp_path / "x.csv", data))


def test_a_plain_name_instead_of_a_pseudonym_is_refused(tmp_path):
    data = [*SMALL[:1], ("anna", h("anna"), "open_cases", "1")]
    assert "kolonne “person”: værdien er ikke et pseudonym" in rejected(
        write_csv(tmp_path / "x.csv", data)
    )


def test_the_same_person_and_indicator_twice_is_refused_naming_both_rows(tmp_path):
    data = [*SMALL, SMALL[1]]
    assert rejected(write_csv(tmp_path / "x.csv", data)) == (
        f"Række {len(SMALL) + 2}, kolonnerne “person” og “indicator”: samme person og "
        "indikator står allerede i række 3."
    )


def test_a_person_in_two_households_is_refused(tmp_path):
    data = [*SMALL, (p("anna"), h("dina"), "school_absence_pct", "1")]
    assert "kolonne “household”" in rejected(write_csv(tmp_path / "x.csv", data))


def test_a_file_in_the_wrong_encoding_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "latin1.csv"
    text = "person,household,indicator,value\n" + "\n".join(",".join(r) for r in SMALL[:2])
    path.write_bytes(text.encode("utf-8") + "\n".join(["", "ø,æ,å,1"]).encode("latin-1"))
    assert rejected(path) == (
        "Række 4: filen er ikke i UTF-8. Gem den som “CSV UTF-8”, og upload den igen."
    )


def test_an_empty_value_is_refused(tmp_path):
    data = [*SMALL[:1], (p("bo"), h("bo"), "open_cases", "")]
    assert rejected(write_csv(tmp_path / "x.csv", data)) == (
        "Række 3, kolonne “value”: værdien er tom."
    )


def test_a_row_with_too_many_fields_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("person,household,indicator,value\n" + ",".join(SMALL[0]) + ",9\n")
    assert rejected(path).startswith("Række 2 har ikke de fire kolonner")


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "x.csv").write_text("")
    assert rejected(tmp_path / "x.csv") == "Filen er tom."


def test_a_header_without_rows_is_refused(tmp_path):
    assert "ingen rækker" in rejected(write_csv(tmp_path / "x.csv", []))


def test_parquet_is_checked_the_same_way(tmp_path):
    import duckdb

    path = tmp_path / "x.parquet"
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (person VARCHAR, household VARCHAR, indicator VARCHAR, value DOUBLE)"
    )
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [(*r[:3], 1.0) for r in SMALL])
    con.execute("INSERT INTO t VALUES (?, ?, 'open_cases', 2)", [p("anna"), h("anna")])
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    con.close()
    assert rejected(path) == (
        f"Række {len(SMALL) + 1}, kolonnerne “person” og “indicator”: samme person og "
        "indikator står allerede i række 2."
    )


def test_another_departments_extract_may_not_repeat_a_person_and_indicator(tmp_path):
    first = tmp_path / "a.parquet"
    first.write_bytes(engine.check_extract(write_csv(tmp_path / "a.csv", SMALL[:3]), None).parquet)
    second = tmp_path / "b.parquet"
    second.write_bytes(
        engine.check_extract(write_csv(tmp_path / "b.csv", SMALL[2:4]), None).parquet
    )
    with pytest.raises(engine.ExtractError):
        engine.check_against(second, [engine.Source(first)])
    third = tmp_path / "c.parquet"
    third.write_bytes(engine.check_extract(write_csv(tmp_path / "c.csv", SMALL[3:]), None).parquet)
    engine.check_against(third, [engine.Source(first)])


@pytest.mark.parametrize("value_type", ["DOUBLE", "FLOAT", "DECIMAL(12, 2)", "BIGINT"])
def test_a_cpr_number_stored_as_a_number_in_parquet_is_refused(tmp_path, value_type):
    number = int(CPR["anna"].replace("-", ""))
    data = [(*r[:3], 1) for r in SMALL[:2]] + [(*SMALL[2][:3], number)]
    path = write_parquet(tmp_path / "x.parquet", data, value_type)
    message = rejected(path)
    assert message.startswith("Række 3, kolonne “value”: værdien ligner et CPR-nummer.")
    assert str(number) not in message


def test_a_cpr_number_that_lost_its_leading_zero_as_a_number_is_refused(tmp_path):
    # Born on the 1st to the 9th: as a number, the CPR number has nine digits.
    number = 103851234
    data = [(*SMALL[0][:3], number)]
    path = write_parquet(tmp_path / "x.parquet", data, "DOUBLE")
    assert "kolonne “value”: værdien ligner et CPR-nummer" in rejected(path)


def test_a_cpr_number_written_as_a_decimal_number_in_a_csv_is_refused(tmp_path):
    data = [*SMALL[:1], (p("bo"), h("bo"), "open_cases", "1501901234.0")]
    assert rejected(write_csv(tmp_path / "x.csv", data)).startswith(
        "Række 3, kolonne “value”: værdien ligner et CPR-nummer."
    )


def test_ordinary_numbers_in_parquet_are_accepted(tmp_path):
    data = [(*r[:3], 1234.5) for r in SMALL]
    path = write_parquet(tmp_path / "x.parquet", data, "DOUBLE")
    assert engine.check_extract(path, CATALOGUE).rows == len(SMALL)


def test_a_row_number_counts_the_blank_lines_above_it(tmp_path):
    # Lines: 1 header, 2-4 rows, 5-6 blank, 7 the bad row.
    data = [*SMALL[:3], (), (), (p("bo"), h("bo"), "open_cases", "mange"), *SMALL[4:]]
    assert rejected(write_csv(tmp_path / "x.csv", data)) == (
        "Række 7, kolonne “value”: “mange” er ikke et tal."
    )


def test_both_rows_of_a_repeated_person_and_indicator_are_the_lines_of_the_file(tmp_path):
    # Lines: 1 header, 2 blank, 3-4 rows, 5-6 blank, 7 the repeat of line 4.
    data = [(), *SMALL[:2], (), (), SMALL[1]]
    assert rejected(write_csv(tmp_path / "x.csv", data)) == (
        "Række 7, kolonnerne “person” og “indicator”: samme person og "
        "indikator står allerede i række 4."
    )


def test_quoted_fields_and_blank_lines_do_not_shift_the_row_number(tmp_path):
    path = tmp_path / "x.csv"
    quoted = "\r\n".join('"' + '","'.join(r) + '"' for r in SMALL[:2])
    bad = ",".join([p("bo"), h("bo"), "open_cases", "mange"])
    path.write_text(
        f"person,household,indicator,value\r\n{quoted}\r\n\r\n\r\n{bad}\r\n\r\n", encoding="utf-8"
    )
    assert rejected(path) == "Række 6, kolonne “value”: “mange” er ikke et tal."


def test_a_row_with_too_many_fields_below_blank_lines_names_its_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "person,household,indicator,value\n" + ",".join(SMALL[0]) + "\n\n\n"
        f"{','.join(SMALL[1])},9\n"
    )
    assert rejected(path).startswith("Række 5 har ikke de fire kolonner")


def test_blank_lines_at_the_end_of_the_file_are_accepted(tmp_path):
    path = write_csv(tmp_path / "x.csv", [*SMALL, (), ()])
    assert engine.check_extract(path, CATALOGUE).rows == len(SMALL)


def checked_parquet(tmp_path, name, data):
    checked = engine.check_extract(write_csv(tmp_path / f"{name}.csv", data), None)
    (tmp_path / f"{name}.parquet").write_bytes(checked.parquet)
    return tmp_path / f"{name}.parquet", checked


def test_a_clash_with_another_departments_extract_names_the_row_of_the_new_file(tmp_path):
    first, _ = checked_parquet(tmp_path, "a", SMALL[:3])
    # Lines: 1 header, 2-3 rows, 4 blank, 5 Anna's open_cases, which the first extract holds.
    second, checked = checked_parquet(tmp_path, "b", [*SMALL[3:5], (), SMALL[1]])
    with pytest.raises(engine.ExtractError) as error:
        engine.check_against(second, [engine.Source(first)], row_of=checked.row_of)
    assert error.value.messages[0].startswith(
        "Række 5, kolonne “indicator”: en anden afdelings udtræk i runden har allerede "
        "“open_cases” for personen."
    )


def test_a_person_in_another_household_than_in_another_extract_names_the_row(tmp_path):
    first, _ = checked_parquet(tmp_path, "a", SMALL[:3])
    moved = (p("anna"), h("dina"), "school_absence_pct", "1")
    second, checked = checked_parquet(tmp_path, "b", [*SMALL[6:8], (), (), moved])
    with pytest.raises(engine.ExtractError) as error:
        engine.check_against(second, [engine.Source(first)], row_of=checked.row_of)
    assert error.value.messages[0].startswith(
        "Række 6, kolonne “household”: personen står i en anden husstand end i en anden "
        "afdelings udtræk."
    )


def test_a_parquet_file_without_rows_is_refused(tmp_path):
    path = write_parquet(tmp_path / "x.parquet", [], "DOUBLE")
    assert rejected(path) == "Filen har ingen rækker under kolonnenavnene."


def test_a_parquet_file_with_damaged_pages_is_refused(tmp_path):
    path = damaged(write_parquet(tmp_path / "x.parquet", [(*r[:3], 1) for r in SMALL], "DOUBLE"))
    assert rejected(path) == "Filen kan ikke læses som Parquet."
