"""Search on names, the way a caseworker types them: without caring for case, accents or
the Danish letters. Nørgaard, norgaard and Noergaard are one name; so are Gård and Gaard,
Mæhl and Maehl.

A citizen's folded name is stored beside the name (`Citizen.search_name`, kept on save)
and, on PostgreSQL, indexed by trigram (pg_trgm), so a part of a name is found by the
index in a municipality's 100,000 citizens.
"""

import re
import unicodedata

# Letters first, then the two-letter spellings people type for them when the keyboard
# has no æ, ø or å: both fold to one form.
_LETTERS = str.maketrans({"ø": "o", "æ": "e", "å": "a", "ß": "ss"})
_SPELLINGS = (("oe", "o"), ("ae", "e"), ("aa", "a"))
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The searchable form of a name: lower case, Danish letters and their spellings
    folded together, other accents removed, spaces collapsed."""
    text = (text or "").casefold().translate(_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for spelling, letter in _SPELLINGS:
        text = text.replace(spelling, letter)
    return _SPACES.sub(" ", text).strip()


def cpr_search(text: str) -> tuple[str, bool] | None:
    """A search for a CPR number, with or without its dash (and spaces): the formatted
    number or its start, and whether it is the whole number. None for a name."""
    digits = re.sub(r"[\s-]", "", text or "")
    if not digits.isdigit() or not 6 <= len(digits) <= 10:
        return None
    formatted = digits[:6] + ("-" + digits[6:] if len(digits) > 6 else "")
    return formatted, len(digits) == 10
