"""The learning themes across plans, for the workshop: counts and anonymised quotes only.

Pure functions over plain data; `selectors.themes_overview` gathers the data and the names
to remove. How a quote is made anonymous, in order (docs/meetings.md explains why):

1. Only recaps whose writer allowed quoting, and only for a theme seen in at least
   `min_plans` different plans (fewer are shown as "fewer than 5", without quotes).
2. CPR numbers, e-mail addresses, phone numbers, dates, street addresses and any number of
   three or more digits are replaced by a placeholder.
3. Every known name is replaced, wherever it stands and however it is written: the first
   and last names of every citizen of the municipality, of the private persons in their
   networks, and of every professional and user, including the genitive ("Sannes").
4. Any other word with a capital letter inside a sentence (or in brackets) is replaced
   too. Danish capitalises proper nouns only, so this catches names nobody registered (a
   neighbour, a pet, a street); the municipality's own organisation names, laws and themes
   are kept. A name nobody registered that opens a sentence cannot be told from an
   ordinary first word, and stays: hence the writer's consent to quoting, and rule 1.
5. Quotes carry no date, plan or author, are cut to 300 characters, and are ordered by a
   hash of their text, so their order does not reveal when or where they were written.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

NAME = "[navn]"
QUOTE_LENGTH = 300
MIN_PLANS = 5
QUOTES_PER_THEME = 3

MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
STREET = r"[A-ZÆØÅ][\wæøå]*(?:vej|gade|allé|alle|vænget|stræde|torv|plads|parken|stien|have)"
PATTERNS = [
    (re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)"), "[cpr]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"(?<![\d,.])(?:\+45\s?)?\d{2}(?:\s?\d{2}){3}(?![\d,])"), "[telefon]"),
    (
        re.compile(rf"\b{STREET}\s+\d+\s?[A-Za-z]?\b(?:,?\s*\d+\.?\s*(?:tv|th|mf|sal)\.?)?"),
        "[adresse]",
    ),
    (re.compile(r"(?<![\d,])\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?(?![\d,])"), "[dato]"),
    (re.compile(rf"\b\d{{1,2}}\.?\s*(?:{MONTHS})\.?(?:\s+\d{{4}})?\b", re.IGNORECASE), "[dato]"),
    (re.compile(r"(?<![\d,.])\d{3,}(?![\d,])"), "[tal]"),
]
# A word starting with a capital followed by at least one small letter; acronyms (PPR, UU)
# and the Danish plural "I" are not names.
CAPITALISED = re.compile(r"(?<![\w\[])([A-ZÆØÅ][a-zæøåéü][\wæøåéü-]*)")
# What may come before the first word of a sentence. Not a bracket: "mormor (Grethe)"
# names someone far more often than a bracket opens a sentence.
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[-•*]\s+|[\"“«]\s*)$")


# A word as names are written: letters, with an inner apostrophe ("O'Brien", "Sanne's").
# Each part of a double name ("Ole-Bjørn", "Bak-familien") is a word of its own.
WORD = re.compile(r"(?<![\w\[])\w+(?:['’]\w+)*(?![\w\]])")


# Words for a relation, as in a private person's label ("Mormor Åse", "Naboen Jens"): never
# a name on their own.
RELATION_WORDS = frozenset(
    [
        "mor",
        "far",
        "mormor",
        "morfar",
        "farmor",
        "farfar",
        "bedstemor",
        "bedstefar",
        "bror",
        "søster",
        "storebror",
        "lillebror",
        "storesøster",
        "lillesøster",
        "moster",
        "faster",
        "morbror",
        "farbror",
        "onkel",
        "tante",
        "fætter",
        "kusine",
        "nabo",
        "naboen",
        "ven",
        "vennen",
        "veninde",
        "veninden",
        "kæreste",
        "kæresten",
        "mentor",
        "træner",
    ]
)
# Everyday Danish words that are also first names or surnames ("at bo", "hans mormor",
# "per måned", "lykke", "en skov"). Written in small letters they are the word, not the
# person; with a capital they are treated as a name.
EVERYDAY_WORDS = frozenset(
    [
        "bo",
        "hans",
        "per",
        "have",
        "lykke",
        "skov",
        "lund",
        "holm",
        "bjerg",
        "dam",
        "vang",
        "eng",
        "dal",
        "strand",
        "bro",
        "borg",
        "hede",
        "birk",
        "ask",
        "lind",
        "lyng",
        "ager",
        "mark",
        "kær",
        "sø",
        "by",
        "storm",
        "vinter",
        "sommer",
        "høst",
        "frost",
        "ravn",
        "falk",
        "ørn",
        "ulv",
        "bjørn",
        "lærke",
        "rask",
        "glad",
        "ung",
        "grøn",
        "hvid",
        "sort",
        "rose",
        "sten",
        "kirke",
        "møller",
        "smed",
        "bager",
    ]
)


def _name_words(names: Iterable[str]) -> set[str]:
    return {
        w.casefold()
        for name in names
        for w in re.split(r"[\s-]+", name or "")
        if len(w) >= 2 and w.casefold() not in RELATION_WORDS
    }


def _is_name(word: str, known: set[str]) -> bool:
    """A known name, with or without the genitive. In any case ("kenneth", "SANNE"),
    except an everyday word written in small letters."""
    folded = word.casefold()
    base = re.sub(r"(?:'s|’s|s)$", "", folded)
    if folded not in known and base not in known:
        return False
    return word[0].isupper() or (folded not in EVERYDAY_WORDS and base not in EVERYDAY_WORDS)


def anonymiser(names: Iterable[str], keep: Iterable[str] = ()) -> Callable[[str], str]:
    """A function that removes personal data from a text, by the rules above."""
    known = _name_words(names)
    kept = {w.casefold() for phrase in keep for w in re.split(r"[\s,()–-]+", phrase or "") if w}

    def anonymise(text: str) -> str:
        for pattern, placeholder in PATTERNS:
            text = pattern.sub(placeholder, text)
        if known:
            text = WORD.sub(lambda m: NAME if _is_name(m.group(0), known) else m.group(0), text)

        def replace(match: re.Match) -> str:
            word = match.group(1)
            if word.casefold() in kept or word.rstrip("s").casefold() in kept:
                return word
            if SENTENCE_START.search(text[: match.start()]):
                return word
            return NAME

        text = CAPITALISED.sub(replace, text)
        return re.sub(rf"(?:{re.escape(NAME)}[\s,]*)+(?={re.escape(NAME)})", "", text)

    return anonymise


def quote(text: str, anonymise: Callable[[str], str]) -> str:
    text = anonymise(" ".join(text.split()))
    if len(text) <= QUOTE_LENGTH:
        return text
    cut = text[:QUOTE_LENGTH]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > QUOTE_LENGTH // 2 else cut.rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class RecapData:
    plan_id: int
    themes: tuple[str, ...]
    tags: tuple[str, ...]
    what_worked: str
    do_differently: str
    quotable: bool


@dataclass
class ThemeSummary:
    name: str
    is_tag: bool
    recaps: int
    plans: int
    suppressed: bool
    worked: list[str] = field(default_factory=list)
    differently: list[str] = field(default_factory=list)


@dataclass
class Overview:
    themes: list[ThemeSummary]
    suppressed: list[ThemeSummary]
    recaps: int
    plans: int
    min_plans: int

    @property
    def too_few_plans(self) -> bool:
        return self.plans < self.min_plans


def _stable_order(texts: Iterable[str]) -> list[str]:
    unique = {t for t in texts if t.strip()}
    return sorted(unique, key=lambda t: hashlib.sha256(t.encode()).hexdigest())


def summarise(
    recaps: Iterable[RecapData],
    *,
    anonymise: Callable[[str], str],
    min_plans: int = MIN_PLANS,
    quotes_per_theme: int = QUOTES_PER_THEME,
) -> Overview:
    recaps = list(recaps)
    groups: dict[tuple[bool, str], list[RecapData]] = defaultdict(list)
    labels: dict[tuple[bool, str], str] = {}
    for recap in recaps:
        for theme in recap.themes:
            groups[(False, theme.casefold())].append(recap)
            labels.setdefault((False, theme.casefold()), theme)
        for tag in recap.tags:
            # A tag can be a name ("Sanne"); it goes through the same anonymisation, and a
            # tag that was only a name is dropped.
            clean = anonymise(tag).strip()
            if not clean or clean == NAME:
                continue
            groups[(True, clean.casefold())].append(recap)
            labels.setdefault((True, clean.casefold()), clean)
    summaries = []
    for key, members in groups.items():
        plans = len({r.plan_id for r in members})
        suppressed = plans < min_plans
        summary = ThemeSummary(
            name=labels[key],
            is_tag=key[0],
            recaps=len(members),
            plans=plans,
            suppressed=suppressed,
        )
        if not suppressed:
            quotable = [r for r in members if r.quotable]
            summary.worked = _stable_order(
                quote(r.what_worked, anonymise) for r in quotable if r.what_worked
            )[:quotes_per_theme]
            summary.differently = _stable_order(
                quote(r.do_differently, anonymise) for r in quotable if r.do_differently
            )[:quotes_per_theme]
        summaries.append(summary)
    shown = sorted(
        (s for s in summaries if not s.suppressed), key=lambda s: (-s.recaps, s.is_tag, s.name)
    )
    # Not even the count: a count of one or two can point to a family. A rare tag of a
    # writer's own is not named at all; the municipality's themes are harmless to name.
    hidden = sorted((s for s in summaries if s.suppressed and not s.is_tag), key=lambda s: s.name)
    for summary in hidden:
        summary.recaps = summary.plans = 0
    return Overview(
        themes=shown,
        suppressed=hidden,
        recaps=len(recaps),
        plans=len({r.plan_id for r in recaps}),
        min_plans=min_plans,
    )
