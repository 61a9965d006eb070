"""Django merges every app's catalogue, and the apps listed first win. A string of ours
that Django's own apps translate differently would silently show their wording."""

from pathlib import Path

import django
import polib

ENPLAN = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent


def test_no_string_of_ours_is_translated_differently_by_django():
    theirs: dict[str, set[str]] = {}
    for path in DJANGO.glob("**/locale/da/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.msgctxt:
                theirs.setdefault(entry.msgid, set()).add(entry.msgstr)
    clashes = [
        (entry.msgid, entry.msgstr, theirs[entry.msgid])
        for path in ENPLAN.glob("*/locale/da/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(path))
        if not entry.msgctxt and entry.msgid in theirs and theirs[entry.msgid] != {entry.msgstr}
    ]
    assert not clashes, f"Use a context (pgettext) or other wording for: {clashes}"
