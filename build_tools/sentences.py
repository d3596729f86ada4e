"""Sentence boundaries in news prose, for quoting the sentence around a mention."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        *("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "cmdr", "brig", "sen", "rep", "gov", "amb", "pres"),
        *("st", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "ltd", "rev", "ft", "mt"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("u.s", "u.n", "u.k", "e.g", "i.e", "d.c", "a.m", "p.m"),
    ]
)
_END = re.compile(r"[.!?]+[\"”’')\]]*(?:\s*\[\d+\])*\s+(?=[\"“‘'(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"”’')\]]*(?:\s*\[\d+\])*\s+$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, covering the text without gaps."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        word = _WORD_BEFORE.search(text[max(0, match.start() - 30) : match.end()])
        before = word.group(1).lower().rstrip(".") if word else ""
        if text[match.start()] == "." and (before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha())):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_around(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The sentence that contains offset `start`."""
    for sentence in bounds:
        if sentence[0] <= start < sentence[1]:
            return sentence
    return bounds[-1] if bounds else (0, 0)
