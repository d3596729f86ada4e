"""The shared text rules: each quick form equals its pattern, and the title lists all come from the one table."""

from __future__ import annotations

import random

from build_tools import bylines, sentences, text


def test_titled_is_the_title_pattern() -> None:
    rng = random.Random(5)
    alphabet = ["Gen", "Gens", "General", "Lt", " ", "  ", ".", "\n", "x", "_", "5", "é", "Sheikh", "Sheik", "\u00a0", "(", "Ms", "Mrs", "Minister", "Cmdr"]
    for _ in range(20000):
        written = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(written))
        expected = text.TITLE_BEFORE.search(written[max(0, start - text.TITLE_WINDOW) : start]) is not None
        assert text.titled(written, start) == expected, (written, start)


def test_mask_is_the_reference() -> None:
    """`mask` skips the address pattern when a cheap test says it cannot match: never wrongly (`ı`, `İ`, `ſ` count as `i`, `s`)."""
    rng = random.Random(9)
    pieces = ["http", "s", "://", "www", ".", "com", "org", "info", "io", "news", "net", "x", "@", "a", "İ", "ı", "ſ", "K", "/", " ", "[1]", "-", "_"]
    pieces += ["WWW", "COM", "ınfo", "newſ", "İo", "gov", "edu", "mil", "int", "[", "]", "12"]
    for _ in range(50000):
        written = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert text.mask(written) == text.MARKER.sub(text.blank, text.URL.sub(text.blank, written)), written


def test_the_possessive_rule() -> None:
    assert [t.exact for t in text.tokenize("Iran's and Iran’s allies, its 's, Kata'ib and IRAN'S")] == [
        "Iran",
        "and",
        "Iran",
        "allies",
        "its",
        "s",
        "Kataib",
        "and",
        "IRAN",
    ]
    assert text.tokenize("Iran's")[0].end == 4


def test_the_possessive_rule_by_hand_is_its_pattern() -> None:
    rng = random.Random(11)
    pieces = ["s", "S", "ſ", "x", "'", "’", "‘", "`", "´", "ʼ", "ʻ", "a", "É"]
    for _ in range(20000):
        word = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        expected = len(word) - 2 if len(word) > 2 and text._POSSESSIVE.search(word) else len(word)
        assert text.possessive_end(word) == expected, word


def test_every_title_list_comes_from_the_one_table() -> None:
    assert {word.casefold() for word in text.SHORT_TITLES | text.LONG_TITLES} == text.PERSON_TITLES
    assert {"cpl", "cmdr", "corporal", "commander", "spokeswoman", "representative"} <= text.PERSON_TITLES
    assert text.TITLE_ABBREVIATIONS <= sentences.SENTENCE_ABBREVIATIONS
    assert text.RANK_TITLES <= bylines._RANK_WORDS
    assert "spokesman" not in bylines._RANK_WORDS  # a byline's `Pentagon spokesman` is a job, kept as an affiliation


def reference_sentence_bounds(written: str) -> list[tuple[int, int]]:
    """`sentence_bounds` as first written: every `_END` match, the word before it found by a search over the 30 characters before."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in sentences._END.finditer(written):
        window = max(0, match.start() - 30)
        word = sentences._WORD_BEFORE.search(written[window : match.end()])
        before = word.group(1).lower().rstrip(".") if word else ""
        hyphened = word is not None and window + word.start(1) > 0 and written[window + word.start(1) - 1] == "-"
        initial = (len(before) == 1 and before.isalpha() and not hyphened) or sentences._INITIALS.fullmatch(before) is not None
        if written[match.start()] == "." and (before in sentences.SENTENCE_ABBREVIATIONS or initial):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(written):
        bounds.append((start, len(written)))
    return bounds


def test_sentence_bounds_are_the_reference() -> None:
    rng = random.Random(11)
    pieces = ["Gen", "U.S", "a", "J", "x", "word", "longerwordhere" * 3, ".", "..", "!", "?", "?!", " ", "  ", "\n", "[1]", " [12]", '"', "”", ")"]
    pieces += ["(", "'", "The", "É", "5", "St", "e.g", ".x", "_", "Mr", "No", "-", "ISIS-K"]
    for _ in range(50000):
        written = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        assert sentences.sentence_bounds(written) == reference_sentence_bounds(written), written


def test_a_letter_hyphened_to_a_name_is_no_initial() -> None:
    written = "Zorbak was named to lead ISIS-K. Tamimi is his deputy. Kadri M. Tamimi is not."
    assert [written[a:b].strip() for a, b in sentences.sentence_bounds(written)] == [
        "Zorbak was named to lead ISIS-K.",
        "Tamimi is his deputy.",
        "Kadri M. Tamimi is not.",
    ]
    assert sentences.ends_sentence(written, written.index("K.") + 1)
    assert not sentences.ends_sentence(written, written.index("M.") + 1)


def test_dotted_initials_end_no_sentence() -> None:
    written = "Zorbak T.H. Kamu spoke. He left."
    assert [written[a:b].strip() for a, b in sentences.sentence_bounds(written)] == ["Zorbak T.H. Kamu spoke.", "He left."]
    assert not sentences.ends_sentence(written, written.index("H.") + 1)
