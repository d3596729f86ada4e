"""Actor-page quotes: the plain-paragraph road writes exactly what the cleaning road writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.glossary import _is_plain, _quote_html
from build_tools.model import Mention
from build_tools.sentences import sentence_around, sentence_bounds

_WORDS = st.sampled_from(["Iran", "said", "Abadi's", "U.S.", "forces", "Gen.", "The", "Islamic", "State", "\u00e9lite", "5.", "(ISIS)", '"We', 'won."'])
_ENDS = st.sampled_from([" ", ". ", "? ", "! ", ", ", ' " ', "  ", "\n", " [1] ", "&", "<b>", "\u00a0", "\t"])


@st.composite
def paragraphs_with_mentions(draw: st.DrawFn) -> tuple[str, list[Mention]]:
    pieces = [draw(_WORDS)]
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        pieces += [draw(_ENDS), draw(_WORDS)]
    text = "".join(pieces).strip(" ") if draw(st.booleans()) else "".join(pieces)
    mentions: list[Mention] = []
    position = 0
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        if position >= len(text):
            break
        start = draw(st.integers(min_value=position, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 15)))
        mentions.append(Mention("a", "x", text[start:end], start, end, 1, False))
        position = end if draw(st.booleans()) else start  # overlapping mentions too
    return text, mentions


@pytest.mark.slow  # many generated examples
@settings(max_examples=1500, deadline=None)
@given(paragraphs_with_mentions())
def test_plain_paragraphs_quote_as_the_cleaning_road_does(case: tuple[str, list[Mention]]) -> None:
    text, mentions = case
    bounds = sentence_bounds(text)
    sentence = sentence_around(bounds, mentions[0].start)
    found = [m for m in mentions if sentence_around(bounds, m.start) == sentence]
    cleaned = _quote_html(text, sentence, found)
    if _is_plain(text):
        assert _quote_html(text, sentence, found, plain=True) == cleaned
    else:
        # Only for the reasons it gives: something to escape, a marker, or white space to make one space.
        assert any(c in text for c in "[&<>\t\n\u00a0") or "  " in text or text.startswith(" ")


def test_every_white_space_but_the_space_makes_a_paragraph_need_cleaning() -> None:
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code) != " "]
    assert spaces and not any(_is_plain(f"Iran{space}said.") for space in spaces)
