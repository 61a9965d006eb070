"""LIX, the readability index the citizen's texts are held to (at most 35)."""

import pytest

from enplan.core.text import lix, page_lix, visible_text


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 8 words, 2 sentences, 2 long words ("kommunen", "sagsbehandler"): 4 + 25.
    assert lix("Jeg bor i kommunen. Min sagsbehandler ringer nu.") == pytest.approx(29.0)


def test_a_text_without_words_measures_zero():
    assert lix("") == 0
    assert lix("12.05.2026 – 3") == 0


def test_long_sentences_of_long_words_measure_high():
    text = "Koordineringsindsatsen understøtter tværfaglige beskæftigelsesrettede foranstaltninger."
    assert lix(text) > 60


def test_the_visible_text_leaves_out_scripts_styles_and_hidden_parts_and_breaks_at_blocks():
    html = (
        "<html><head><title>Titel</title><style>p{}</style></head><body>"
        "<h1>Min plan</h1><p>Her er <strong>din</strong> plan</p><script>var x;</script>"
        "<div hidden>Skjult</div><svg><text>Kort</text></svg><ul><li>En</li><li>To</li></ul>"
        "</body></html>"
    )
    assert visible_text(html) == "Min plan\nHer er din plan\nEn\nTo"


def test_each_block_counts_as_a_sentence():
    # Four blocks of two short words: 2 words per sentence, no long words.
    assert page_lix("<h1>Min plan</h1><p>Du ser</p><li>Ja tak</li><td>Nej tak</td>") == 2
