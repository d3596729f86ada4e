"""Sentence boundaries in news prose, for quoting the sentence around a mention."""

from __future__ import annotations

import re
from collections.abc import Sequence

from build_tools.text import MARKER, MARKER_TEXT, NAME_ABBREVIATIONS, TITLE_ABBREVIATIONS, Token

SENTENCE_ABBREVIATIONS = (
    TITLE_ABBREVIATIONS
    | NAME_ABBREVIATIONS
    | frozenset(
        [
            *("no", "vs", "etc", "inc", "co", "corp", "ltd", "pte", "rev"),
            *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
            *("u.s", "u.n", "u.k", "e.g", "i.e", "d.c", "a.m", "p.m"),
        ]
    )
)
"""Abbreviations after which a full stop does not end a sentence (folded, without their last full stop: `gen`, `u.s`)."""
_END = re.compile(rf"[.!?]+[\"”’')\]]*(?:\s*{MARKER_TEXT})*\s+(?=[\"“‘'(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(rf"([\w.]+)[.!?]*[\"”’')\]]*(?:\s*{MARKER_TEXT})*\s+$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, covering the text without gaps."""
    bounds: list[tuple[int, int]] = []
    start = 0
    position = _next_stop(text, 0)
    # `_END` can only match where a full stop, question or exclamation mark is: try it there (what `finditer` does, minus the scan).
    while position >= 0:
        match = _END.match(text, position)
        if match is None:
            position = _next_stop(text, position + 1)
            continue
        if text[position] == ".":
            # `_WORD_BEFORE.search` over the 30 characters before: it matches from the start of the last word (or of the window).
            window = max(0, position - 30)
            first = position
            while first > window and (text[first - 1].isalnum() or text[first - 1] in "_."):
                first -= 1
            word = _WORD_BEFORE.match(text, first, match.end())
            before = word.group(1).lower().rstrip(".") if word else ""
            if _abbreviation(before, hyphened=first > 0 and text[first - 1] == "-"):
                position = _next_stop(text, match.end())
                continue
        bounds.append((start, match.end()))
        start = match.end()
        position = _next_stop(text, start)
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


# Dotted initials before their last full stop (`t.h` of `T.H.`).
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _abbreviation(word: str, hyphened: bool = False) -> bool:
    """Whether a word before a full stop (folded, without its full stops at the end) makes the full stop an abbreviation's: a
    known abbreviation, an initial or dotted initials (`Harvard T.H. Chan School`). A letter hyphened to a word is the end
    of a name (`to lead ISIS-K. Ghafari said`), no initial."""
    return word in SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha() and not hyphened) or _INITIALS.fullmatch(word) is not None


def ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` may end a sentence, as `sentence_bounds` decides it (looking only behind it): not after
    an abbreviation (`Gen.`, `U.S.`) or an initial."""
    begin = stop
    while begin > max(0, stop - 30) and (text[begin - 1].isalnum() or text[begin - 1] in "_."):
        begin -= 1
    return not _abbreviation(text[begin:stop].lower().rstrip("."), hyphened=begin > 0 and text[begin - 1] == "-")


def opens_sentence(text: str, start: int, floor: int = 0) -> bool:
    """Whether the word at `start` begins a sentence or a clause (after a colon, or opening a quotation); `floor`: where
    the text that counts begins (after a transcript's speaker label)."""
    position = start
    while position > floor and text[position - 1] in " \t\"“‘'([—–-":
        if text[position - 1] in "\"“‘'(" and (position - 1 == floor or text[position - 2] in " \t"):
            return True  # a quotation opens: `said: "Meanwhile ...`, `"Well ...`
        position -= 1
    if position - 1 > floor and text[position - 1] in ")]\"”’'" and text[position - 2] in ".!?":
        position -= 1  # `(... in 2025.) Following`, `"... today." Then`: a sentence ended inside brackets or quotes
    if position <= floor or text[position - 1] in ":;!?":
        return True
    if text[position - 1] == ".":
        return ends_sentence(text, position - 1)
    return False


def sentence_start_indexes(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indexes of the tokens that begin a sentence (a reference marker or URL before them is skipped)."""
    starts: set[int] = set()
    bounds = iter(sentence_bounds(text))
    bound = next(bounds, None)
    for index, token in enumerate(tokens):
        while bound is not None and token.start >= bound[0]:
            starts.add(index)
            bound = next(bounds, None)
    return starts


def _next_stop(text: str, start: int) -> int:
    """The first full stop, question or exclamation mark at or after `start`, or -1."""
    found = [position for position in (text.find(".", start), text.find("!", start), text.find("?", start)) if position >= 0]
    return min(found) if found else -1


def sentence_around(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The sentence that contains offset `start`."""
    for sentence in bounds:
        if sentence[0] <= start < sentence[1]:
            return sentence
    return bounds[-1] if bounds else (0, 0)


def quoted_sentence(text: str, bounds: list[tuple[int, int]], start: int) -> str:
    """The sentence of `text` (its `sentence_bounds`) around offset `start`, on one line and without reference markers, as
    a suggestion quotes it."""
    begin, end = sentence_around(bounds, start)
    sentence = text[begin:end]
    return " ".join((MARKER.sub("", sentence) if "[" in sentence else sentence).split())
