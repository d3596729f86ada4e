"""The fast linking path must find exactly what the token path finds: random paragraphs full of the awkward cases."""

from __future__ import annotations

import random

import pytest

from build_tools import link, sentences
from build_tools.link import compile_registry, link_article, link_article_on_tokens, link_articles
from build_tools.model import Article
from build_tools.registry import Registry
from tests import builders

# (id, name, type, aliases as (text, kind, case_sensitive, after_full, link))
ACTORS = [
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", [("Kata'ib Hezbollah", None, False, False, True), ("KH", "acronym", True, False, True)]),
    ("qasem-soleimani", "Qasem Soleimani", "person", [("Soleimani", "surname", False, True, True), ("Suleimani", "transliteration", False, False, True)]),
    ("lloyd-austin", "Lloyd J. Austin III", "person", [("Lloyd Austin", None, False, False, True), ("Austin", "surname", False, True, True)]),
    ("austin-texas", "Austin, Texas", "place", [("Austin", "short", False, True, True)]),
    ("united-states", "United States", "state", [("U.S.", "acronym", True, False, True), ("Washington", "short", False, False, False)]),
    ("washington-dc", "Washington, D.C.", "place", [("Washington", "short", False, True, True)]),
    ("george-washington", "George Washington", "person", [("Washington", "surname", False, True, True)]),
    (
        "islamic-state",
        "Islamic State",
        "armed_group",
        [("ISIS", "acronym", True, False, True), ("IS", "acronym", True, True, True), ("Daesh", None, False, False, True)],
    ),
    ("al-qaeda", "al-Qaeda", "armed_group", [("AQAP", "acronym", True, False, True)]),
    ("iran", "Iran", "state", [("Islamic Republic of Iran", None, False, False, True)]),
    ("ahmed-ali", "Ahmed Ali", "person", [("Ali", "surname", True, True, True)]),
    ("st-louis", "St. Louis", "place", [("Saint Louis", None, False, False, True)]),
    ("strasse-group", "Straße Gruppe", "organization", [("Strasse", "short", False, False, True)]),
    ("badr", "Badr Organization", "armed_group", [("badr org", "misspelling", False, False, True), ("Badr", "short", False, False, True)]),
    ("qasr", "Qaṣr al-ʿAmir", "place", [("Qasr", "short", False, False, True)]),
    ("us-army", "U.S. Army", "government_body", [("U.S.A.", "acronym", True, False, True)]),
    ("gen-x", "Gen. Xavier Smith", "person", [("Smith", "surname", False, True, True)]),
]

FRAGMENTS = [
    *("Kataib Hezbollah", "Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kataʿib Hezbollah", "Kataib [1] Hezbollah", "KATAIB HEZBOLLAH", "KH", "Kh"),
    *("Qasem Soleimani", "Qāsem Soleimani", "Soleimani's", "Soleimani’s", "SOLEIMANI'S", "Suleimani", "Qasem\nSoleimani", "Qasem  Soleimani"),
    *("Lloyd J. Austin III", "Lloyd J Austin", "Lloyd Austin", "Austin", "Gen. Austin", "Lt. Gen. Austin", "austin", "Austin Powers", "J. Austin"),
    *("Austin, Texas", "Austin ,Texas", "Austin,Texas", "Austin , Texas", "U.S.", "U.S.A.", "U.S.Army", "U.S. Army", "U.S army", "u.s.", "US"),
    *("Washington", "Washington, D.C.", "Washington D.C.", "George Washington", "President Washington", "Washington's", "Washington’s"),
    *("Islamic State", "ISIS", "IS", "is", "Is", "Daesh", "Da'esh", "Da‘esh", "ISISfighters", "ＩＳＩＳ", "Islamic State’s", "Islamic-State"),
    *("al-Qaeda", "al‑Qaeda", "al–Qaeda", "al-\nQaeda", "AQAP", "Iran", "Iranian", "Iran-backed", "Islamic Republic of Iran", "IRAN'S", "Iran''s"),
    *("Ahmed Ali", "Ali", "Muhammad Ali", "Ali Khamenei", "Ali Jr", "When Ali", "St. Louis", "St Louis", "Saint Louis", "st. louis", "ST. LOUIS"),
    *("Straße Gruppe", "Strasse", "STRASSE", "Badr", "badr", "badr org", "Badr Organization", "BADR ORGANIZATION", "Qaṣr al-ʿAmir", "Qasr", "Qaşr"),
    *("Gen. Xavier Smith", "Smith", "Mr. Smith", "Xavier Smith", "don't", "it's", "Iraqis'", "rock’n’roll", "co\u00adoperation", "zero\u200bwidth"),
    *("https://www.iran.ir/Iran", "www.ISIS.example/Iran", "press@Iraq.gov", "@Iran", "Iran.com", "IRAQ.org", "[2]", "[12]", "(KH)", "“Austin”"),
    *("ﬁne", "Ǆ", "ı", "İran", "ſ", "\u0301", "e\u0301", "½", "²", "#", "_", "a_b", "Mt. Hood", "Jr.", "A.B.", "A.B.C", "x'U.S.", "U.S.'s"),
    *("\x01", "\x00", "\t", "\u00a0", "\u2009", " - ", " — ", "...", "…", "!", "?", ";", ":", ",", ".", "'", "’", "‘", "`", "´", "'s", "s"),
]
WORDS = ["the", "said", "and", "Officials", "in", "met", "The", "after", "a", "of", "near", "while", "Meanwhile", "He", "on", "Monday"]
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "-", "\n", "  ", " [3] ", "; ", ". [4] ", "", "'", "’ ", " (", ") ", ' "', '" ', " — "]


def make_registry() -> Registry:
    return builders.make_registry(ACTORS)


def make_article(index: int, paragraphs: list[str]) -> Article:
    return builders.make_article(f"article-{index}", index, paragraphs)


def random_paragraph(rng: random.Random) -> str:
    pieces: list[str] = []
    for _ in range(rng.randint(1, 14)):
        pieces.append(rng.choice(FRAGMENTS) if rng.random() < 0.6 else rng.choice(WORDS))
        pieces.append(rng.choice(SEPARATORS))
    return "".join(pieces).strip(" ") if rng.random() < 0.9 else "".join(pieces)


def random_articles(seed: int, count: int) -> list[Article]:
    rng = random.Random(seed)
    return [make_article(index, [random_paragraph(rng) for _ in range(rng.randint(1, 6))]) for index in range(count)]


@pytest.mark.parametrize("seed", range(8))
def test_fast_path_finds_what_the_token_path_finds(seed: int) -> None:
    matcher = compile_registry(make_registry())
    for article in random_articles(seed, 250):
        assert link_article(matcher, article) == link_article_on_tokens(matcher, article), [p.text for p in article.paragraphs]


def test_fast_path_on_the_golden_awkward_cases() -> None:
    matcher = compile_registry(make_registry())
    paragraphs = [
        "Lloyd J. Austin III met Austin, Texas officials; then Austin left, and Gen. Austin returned.",
        "Kata'ib Hezbollah's fighters and KH's allies met in Washington, D.C., and Washington ,D.C. too.",
        "The U.S. Army, the U.S.A. and U.S.Army units met St. Louis officials; St.Louis and St Louis agreed.",
        "Muhammad Ali and Ali Khamenei. Ali said nothing. When Ali left, Ahmed Ali spoke; Ali Jr stayed.",
        "Straße Gruppe and STRASSE met Qaṣr al-ʿAmir envoys at https://www.iran.ir/Iran and Iran.com.",
    ]
    article = make_article(0, paragraphs)
    assert link_article(matcher, article) == link_article_on_tokens(matcher, article)


def test_titled_is_the_title_pattern() -> None:
    rng = random.Random(5)
    alphabet = ["Gen", "Gens", "General", "Lt", " ", "  ", ".", "\n", "x", "_", "5", "é", "Sheikh", "Sheik", "\u00a0", "(", "Ms", "Mrs", "Minister"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        assert link._titled(text, start) == (link._TITLE_BEFORE.search(text[max(0, start - 40) : start]) is not None), (text, start)


def test_mask_is_the_reference() -> None:
    """`mask` skips the address pattern when a cheap test says it cannot match: never wrongly (`ı`, `İ`, `ſ` count as `i`, `s`)."""
    rng = random.Random(9)
    pieces = ["http", "s", "://", "www", ".", "com", "org", "info", "io", "news", "net", "x", "@", "a", "İ", "ı", "ſ", "K", "/", " ", "[1]", "-", "_"]
    pieces += ["WWW", "COM", "ınfo", "newſ", "İo", "gov", "edu", "mil", "int", "[", "]", "12"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        expected = link._MARKER.sub(link._blank, link._URL.sub(link._blank, text))
        assert link.mask(text) == expected, text


def test_parallel_linking_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = make_registry()
    articles = random_articles(99, 120)
    monkeypatch.setattr(link, "PARALLEL_FROM", 10**9)
    alone = link_articles(registry, articles)
    monkeypatch.setattr(link, "PARALLEL_FROM", 10)
    assert link_articles(registry, articles) == alone


def test_a_failing_child_leaves_its_share_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = make_registry()
    articles = random_articles(99, 120)
    alone = link_articles(registry, articles)

    def broken(linked: object) -> None:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(link, "PARALLEL_FROM", 10)
    monkeypatch.setattr(link, "_sendable", broken)  # runs in the forked child only
    assert link_articles(registry, articles) == alone


def reference_sentence_bounds(text: str) -> list[tuple[int, int]]:
    """`sentence_bounds` as first written: every `_END` match, the word before it found by a search over the 30 characters before."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in sentences._END.finditer(text):
        word = sentences._WORD_BEFORE.search(text[max(0, match.start() - 30) : match.end()])
        before = word.group(1).lower().rstrip(".") if word else ""
        if text[match.start()] == "." and (before in sentences._ABBREVIATIONS or (len(before) == 1 and before.isalpha())):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def test_sentence_bounds_are_the_reference() -> None:
    rng = random.Random(11)
    pieces = ["Gen", "U.S", "a", "J", "x", "word", "longerwordhere" * 3, ".", "..", "!", "?", "?!", " ", "  ", "\n", "[1]", " [12]", '"', "”", ")"]
    pieces += ["(", "'", "The", "É", "5", "St", "e.g", ".x", "_", "Mr", "No"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        assert sentences.sentence_bounds(text) == reference_sentence_bounds(text), text
