"""LIX, the Danish readability score (Björnsson): words per sentence plus the percentage of
long words (more than six letters). Up to 35 is easy text on the usual Danish scale.

A page's main text is read the way a reader meets it: every heading, list item, table
cell, button and paragraph is a unit of its own, and sentences end at . ! ? or :.
"""

import re
from html.parser import HTMLParser

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "td",
    "th",
    "button",
    "summary",
    "dt",
    "dd",
    "label",
    "legend",
    "a",
    "caption",
    "blockquote",
    "option",
    "div",
    "section",
    "nav",
}
SKIPPED = {"script", "style", "template", "select"}


def lix(text: str) -> float:
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    words = WORD.findall(text)
    if not words:
        return 0.0
    long_words = [w for w in words if len(w.replace("-", "")) > 6]
    return len(words) / max(len(sentences), 1) + 100 * len(long_words) / len(words)


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <main>
        self.skip = 0
        self.units: list[str] = []
        self.current: list[str] = []

    def _flush(self):
        unit = " ".join("".join(self.current).split())
        if unit:
            self.units.append(unit)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in SKIPPED:
            self.skip += 1
        if tag in BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip -= 1
        if tag in BLOCKS:
            self._flush()
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)


def main_text(html: str) -> str:
    """The text of <main>, one unit a line, each ending a sentence."""
    parser = _MainText()
    parser.feed(html)
    parser._flush()
    return "\n".join(u if SENTENCE_END.search(u[-1:] or "") else f"{u}." for u in parser.units)
