"""Names are searched as a caseworker types them."""

import pytest

from enplan.core.search import cpr_search, fold


@pytest.mark.parametrize("typed", ["Nørgaard", "norgaard", "Noergaard", "NØRGÅRD", "nørgård"])
def test_the_danish_letters_and_their_spellings_are_one_name(typed):
    assert fold(typed) == fold("Nørgaard")


def test_accents_case_and_spaces_do_not_matter():
    assert fold("  José   MÆHL ") == fold("jose maehl") == "jose mehl"


def test_different_names_stay_different():
    assert fold("Hansen") != fold("Jensen")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("010203-1234", ("010203-1234", True)),
        ("0102031234", ("010203-1234", True)),
        ("010203 1234", ("010203-1234", True)),
        ("010203", ("010203", False)),
        ("0102031", ("010203-1", False)),
    ],
)
def test_a_cpr_number_is_found_with_or_without_its_dash(typed, expected):
    assert cpr_search(typed) == expected


@pytest.mark.parametrize("typed", ["Hansen", "12345", "01020312345", "", "Borger12"])
def test_anything_else_is_searched_as_a_name(typed):
    assert cpr_search(typed) is None
