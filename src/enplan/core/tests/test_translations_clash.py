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


def test_a_string_is_translated_the_same_way_in_every_app_of_ours():
    # Only the first app's translation is ever shown, so a second, different one is a
    # silent mistake; where the meaning differs, the string needs a context.
    seen: dict[tuple, dict[str, list[str]]] = {}
    for path in sorted(ENPLAN.glob("*/locale/da/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            text = entry.msgstr or str(sorted(entry.msgstr_plural.items()))
            seen.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(text, []).append(
                path.parts[-5]
            )
    differing = {key: texts for key, texts in seen.items() if len(texts) > 1}
    assert not differing, f"Translated differently by our apps: {differing}"
