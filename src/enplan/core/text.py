"""How easy a Danish text is to read: LIX (læsbarhedsindeks, Björnsson 1968).

LIX = words per sentence + the percentage of long words (more than six letters). Plain
Danish for everyone is at most 35 (easy, as in children's and easy-reading books); the
product holds every page and document written to a citizen to that. A page is measured
on the text it shows: `visible_text` keeps what a reader sees (not scripts, styles or the
head), and every block (a heading, a list item, a table cell, a button) ends a sentence,
as a reader takes it in as one unit.
"""

import re
from html.parser import HTMLParser

# Letters of any alphabet; a word is a run of them, with digits, hyphens and apostrophes
# inside ("3.", "10-årig", "Lars'"); numbers alone are not words.
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option",
    "p", "pre", "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot",
    "th", "thead", "tr", "ul",
})  # fmt: skip
UNSEEN = frozenset({"script", "style", "head", "template", "noscript", "svg"})


def lix(text: str) -> float:
    """The text's LIX; 0 for a text without words. Sentences end at . ! ? : ; and at a
    line break (a block of its own)."""
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = [
        s for line in text.splitlines() for s in SENTENCE_END.split(line) if WORD.search(s)
    ]
    long_words = [w for w in words if len(re.sub(r"[\d'’-]", "", w)) > 6]
    return len(words) / max(len(sentences), 1) + 100 * len(long_words) / len(words)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.unseen = 0
        self.hidden_stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in UNSEEN or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            if tag not in ("br", "hr", "img", "input", "meta", "link"):
                self.hidden_stack.append(tag)
                self.unseen += 1
            return
        if tag in BLOCKS:
            self.lines.append("")
        if tag == "img" and attributes.get("alt") and not self.unseen:
            self.lines[-1] += f" {attributes['alt']} "

    def handle_endtag(self, tag):
        if self.hidden_stack and self.hidden_stack[-1] == tag:
            self.hidden_stack.pop()
            self.unseen -= 1
            return
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if not self.unseen:
            self.lines[-1] += data


def visible_text(html: str) -> str:
    """The text a reader sees on a rendered page, one block a line."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(" ".join(line.split()) for line in parser.lines if line.strip())


def page_lix(html: str) -> float:
    return lix(visible_text(html))
