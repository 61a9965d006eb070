"""Every string the interface shows has a Danish translation."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("*/locale/da/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_danish_catalogue():
    assert {p.parts[-5] for p in CATALOGUES} >= {
        "core",
        "organisation",
        "plans",
        "network",
        "meetings",
        "reminders",
        "citizen",
        "coordination",
        "targeting",
        "progress",
    }


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-5])
def test_the_catalogue_is_complete_and_not_fuzzy(catalogue):
    po = polib.pofile(str(catalogue))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"Missing Danish for: {untranslated}"
    assert not fuzzy, f"Fuzzy (unchecked) Danish for: {fuzzy}"


def test_the_compiled_catalogue_is_in_use():
    with translation.override("da"):
        assert translation.gettext("The most important thing for me") == "Det vigtigste for mig"
