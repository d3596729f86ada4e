"""`check`'s fast near misses must equal the straightforward algorithm (kept here as the reference) on awkward text."""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from collections.abc import Sequence

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from build_tools import check, processes
from build_tools.check import (
    _MAX_NGRAM,
    _MIN_NEAR_MISS_LENGTH,
    _NEAR_MISS_SCORE,
    _WORD_LENGTH_RATIO,
    _WORD_SIMILARITY,
    _is_capitalised,
    _is_derived,
    _key,
    _Known,
    _known_keys,
    _mention_ranges,
    _near_miss_targets,
    _runs,
    _skeleton,
    _yaml_text,
    near_misses,
)
from build_tools.link import Token, link_articles, mask, tokenize
from build_tools.model import Article, Mention
from build_tools.problems import Problem, display_path, warning
from build_tools.registry import Registry
from tests import builders

# --- the reference: the algorithm as first written, one token at a time ------------------------------------------------


class ReferenceIndex:
    def __init__(self, registry: Registry) -> None:
        self.targets = _near_miss_targets(registry)
        self.by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]] = defaultdict(lambda: defaultdict(list))
        vocabulary: set[str] = set()
        for n, keys in self.targets.items():
            for key in keys:
                words = tuple(key.split(" "))
                self.by_first_word[n][words[0]].append((key, words))
                vocabulary.update(words)
        self.vocabulary = sorted(vocabulary)
        self.similar_words: dict[str, frozenset[str]] = {}

    def similar(self, word: str) -> frozenset[str]:
        found = self.similar_words.get(word)
        if found is None:
            close = process.extract(word, self.vocabulary, scorer=JaroWinkler.normalized_similarity, score_cutoff=_WORD_SIMILARITY, limit=None)
            found = frozenset(other for other, _, _ in close if min(len(word), len(other)) >= _WORD_LENGTH_RATIO * max(len(word), len(other)))
            self.similar_words[word] = found
        return found

    def best(self, gram: Sequence[Token]) -> tuple[_Known, str] | None:
        table = self.by_first_word.get(len(gram))
        if not table:
            return None
        firsts = [first for first in self.similar(gram[0].folded) if first in table]
        if not firsts:
            return None
        words = [t.folded for t in gram]
        folded = " ".join(words)
        candidates = [key for first in firsts for key, target in table[first] if all(target[j] in self.similar(words[j]) for j in range(1, len(words)))]
        for key in sorted(candidates, key=lambda key: (-fuzz.ratio(folded, key), key)):
            if key == folded or _is_derived(folded, key):
                continue
            differing = [t for t, other in zip(gram, key.split(" "), strict=True) if t.folded != other]
            transliteration = _skeleton(folded) == _skeleton(key) and len(_skeleton(key).replace(" ", "")) >= 3 and all(_is_capitalised(t) for t in differing)
            if transliteration or fuzz.ratio(folded, key) >= _NEAR_MISS_SCORE:
                return self.targets[len(words)][key], "transliteration" if transliteration else "misspelling"
        return None


def reference_near_misses(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Problem]:
    index = ReferenceIndex(registry)
    known = _known_keys(registry)
    sizes = sorted((n for n in index.targets if n <= _MAX_NGRAM), reverse=True)
    problems: list[Problem] = []
    for article in articles:
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for m in mentions.get(article.id, []):
            spans[m.paragraph].append((m.start, m.end))
        reported: set[str] = set()
        for number, paragraph in enumerate(article.paragraphs, start=1):
            tokens = tokenize(paragraph.text)
            runs = list(_runs(mask(paragraph.text), tokens))
            ranges = _mention_ranges(tokens, spans.get(number, []))
            claimed = [False] * len(tokens)
            for n in sizes:
                for run_start, run_end in runs:
                    for first in range(run_start, run_end - n + 1):
                        last = first + n
                        gram = tokens[first:last]
                        if n == 1 and not _is_capitalised(gram[0]):
                            continue
                        held = [r for r in ranges[first:last] if r is not None]
                        if any(r[0] < first or r[1] > last for r in held):
                            continue
                        if held and not (_is_capitalised(gram[0]) and _is_capitalised(gram[-1])):
                            continue
                        if any(claimed[first:last]):
                            continue
                        folded = _key(gram)
                        if len(folded) < _MIN_NEAR_MISS_LENGTH or folded in reported or folded in known:
                            continue
                        best = index.best(gram)
                        if best is None:
                            continue
                        reported.add(folded)
                        claimed[first:last] = [True] * n
                        target, kind = best
                        written = paragraph.text[gram[0].start : gram[-1].end]
                        alias = f' ("{target.text}")' if target.text != target.actor.name else ""
                        problems.append(
                            warning(
                                article.path,
                                paragraph.line,
                                f'"{written}" looks like {target.actor.name}{alias}: if it is the same actor, add it to {display_path(target.actor.path)} '
                                f"as an alias of kind {kind}, e.g. `- {{text: {_yaml_text(written)}, kind: {kind}}}`",
                            )
                        )
    return problems


# --- made-up content -------------------------------------------------------------------------------------------------------

ACTORS = [
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", [("Kata'ib Hezbollah", None, False, False, True), ("KH", "acronym", True, False, True)]),
    ("qasem-soleimani", "Qasem Soleimani", "person", [("Soleimani", "surname", False, True, True)]),
    ("haider-al-abadi", "Haider al-Abadi", "person", [("Abadi", "surname", False, True, True)]),
    ("popular-mobilization", "Popular Mobilization Forces", "armed_group", [("PMF", "acronym", True, False, True)]),
    ("lloyd-austin", "Lloyd J. Austin III", "person", [("Austin", "surname", False, True, True)]),
    ("washington-dc", "Washington, D.C.", "place", [("Washington", "short", False, True, True)]),
    ("islamic-state", "Islamic State", "armed_group", [("ISIS", "acronym", True, False, True), ("Daesh", None, False, False, True)]),
    ("iraq", "Iraq", "state", []),
    ("hara", "Hara", "place", [("Hara province", None, False, False, True)]),
    ("tiba-zabi", "Tiba Zabi Party", "political_party", [("Tiba Zabi Parties", "misspelling", False, False, True)]),
    ("kaka-muwa", "Kaka Muwa", "person", [("Muwa", "surname", False, True, True)]),
    ("babi-kudu", "Babi al-Kudu", "person", [("Kudu", "surname", False, True, True)]),
    ("institute", "Institute for the Study of War", "organization", [("ISW", "acronym", True, False, True)]),
    ("st-louis", "St. Louis", "place", []),
]
NAMES = [
    *("Qasem Soleimani", "Suleimani", "Soleymani", "Haidar al-Abadi", "Haider al-Abadi", "Abadi", "Kataib Hizballah", "Kata'ib Hezbollah"),
    *("Popular Mobilization Forces", "population mobilization", "Lloyd Austin", "Austin", "Gen. Austin", "Lt. Gen. Joseph Dunford", "Joseph Dunford"),
    *("Washington, D.C.", "Washington", "Islamic State", "ISIS", "Iraq", "Iraqis", "Iraqi", "Hara province", "Harra province", "area province"),
    *("Tiba Zabi", "Tuba Zaba", "Tiba Zabi Party", "Kaka Muwa", "Kaku Mawa", "Babi al-Kudu", "Kudu", "Kudo", "Babi Kudu", "Bibi al-Kadu"),
    *(
        "the Institute for the Study of War",
        "(ISW)",
        "(IS)",
        "(PMF)",
        "St. Louis",
        "St Louis",
        "Defense Secretary Ashton Carter",
        "Prime Minister Nouri al-Maliki",
    ),
    *("President Barack Obama", "Secretary of State John Kerry", "Grand Ayatollah Ali al-Sistani", "Col. Warren", "Mr. Smith Jones", "U.S. Army"),
    *("Kabida Lumu", "Tubi Luzi", "Tabi Luzu", "Rimi Kibi", "Monday", "March", "Tuesday March", "Mahdi Army", "Army Gen. Lloyd Austin", "Abadi's"),
]
WORDS = ["the", "said", "and", "officials", "in", "met", "after", "a", "of", "near", "while", "that", "with", "on", "for", "forces", "area"]
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "-", "  ", " [3] ", "; ", ": ", ". [4] ", "! ", "? ", " (", ") ", ' "', '" ', " — ", "\n"]
STARTS = ["", "", "The ", "Meanwhile ", "On Monday ", '"', "Officials said "]


def make_registry() -> Registry:
    return builders.make_registry(ACTORS)


def make_article(index: int, paragraphs: list[str]) -> Article:
    return builders.make_article(f"article-{index:03d}", index, paragraphs)


def random_paragraph(rng: random.Random) -> str:
    pieces = [rng.choice(STARTS)]
    for _ in range(rng.randint(1, 16)):
        pieces.append(rng.choice(NAMES) if rng.random() < 0.45 else rng.choice(WORDS))
        pieces.append(rng.choice(SEPARATORS))
    text = "".join(pieces).strip(" ")
    if rng.random() < 0.05:
        text += " see https://www.example.org/Tubi. Then Kabida Lumu left"
    if rng.random() < 0.05:
        text = text.replace("a", "ā", 1)  # a letter that loses its mark
    if rng.random() < 0.08:
        text += " Kataʿib Hezbollah and Bibi al-Kadu met Straße officials."  # a paragraph the fast strings leave to the tokens
    return text


def random_articles(seed: int, count: int) -> list[Article]:
    rng = random.Random(seed)
    return [make_article(index, [random_paragraph(rng) for _ in range(rng.randint(1, 5))]) for index in range(count)]


def messy(mentions: dict[str, list[Mention]], seed: int) -> dict[str, list[Mention]]:
    """Mentions as no linker makes them: overlapping, off the words, past the paragraph's end."""
    rng = random.Random(seed)
    result: dict[str, list[Mention]] = {}
    for article_id, found in mentions.items():
        changed = list(found)
        for mention in found:
            if rng.random() < 0.2:
                changed.append(dataclasses.replace(mention, start=max(0, mention.start - rng.randint(0, 8)), end=mention.end + rng.randint(-2, 9)))
            if rng.random() < 0.05:
                changed.append(dataclasses.replace(mention, paragraph=mention.paragraph + rng.choice([-1, 1, 7])))
        result[article_id] = changed
    return result


@pytest.mark.parametrize("seed", range(4))
def test_check_finds_what_the_reference_finds(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "_SCANS", [])
    monkeypatch.setattr(check, "_INDEXES", [])
    registry = make_registry()
    articles = random_articles(seed, 120)
    mentions, _ = link_articles(registry, articles)
    assert near_misses(articles, registry, mentions) == reference_near_misses(articles, registry, mentions)
    odd = messy(mentions, seed)
    assert near_misses(articles, registry, odd) == reference_near_misses(articles, registry, odd)


def test_check_in_two_processes_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = make_registry()
    articles = random_articles(42, 60)
    mentions, _ = link_articles(registry, articles)
    monkeypatch.setattr(check, "PARALLEL_FROM", 10)
    monkeypatch.setattr(check, "_SCANS", [])
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    assert near_misses(articles, registry, mentions) == reference_near_misses(articles, registry, mentions)


def test_check_whose_child_fails_reads_its_share_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = make_registry()
    articles = random_articles(42, 60)
    mentions, _ = link_articles(registry, articles)

    def broken() -> None:
        raise RuntimeError("the child fails")

    real_child = processes.in_forked_child
    monkeypatch.setattr(check, "PARALLEL_FROM", 10)
    monkeypatch.setattr(check, "_SCANS", [])
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    monkeypatch.setattr(processes, "in_forked_child", lambda work: real_child(broken))  # a real child, which fails
    assert near_misses(articles, registry, mentions) == reference_near_misses(articles, registry, mentions)


def test_best_matches_the_reference_on_near_spellings() -> None:
    """Names one or two edits from registry names, words swapped, run together or split: the blocked search misses none."""
    registry = make_registry()
    reference = ReferenceIndex(registry)
    fast = check._NearMissIndex.build(registry)
    rng = random.Random(7)
    keys = [key for keys in reference.targets.values() for key in keys]
    letters = "abdhikmnorstuz "
    for _ in range(3000):
        key = rng.choice(keys)
        text = list(key)
        for _ in range(rng.randint(0, 3)):
            spot = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4 and text:
                del text[min(spot, len(text) - 1)]
            elif action < 0.8:
                text.insert(spot, rng.choice(letters))
            elif text:
                text[min(spot, len(text) - 1)] = rng.choice(letters)
        words = "".join(text).split()
        if not words:
            continue
        tokens = [Token(0, 1, word.capitalize() if rng.random() < 0.7 else word, word) for word in words]
        assert fast.best(tokens) == reference.best(tokens), words


def test_similar_word_test_agrees_with_the_search() -> None:
    """`_resembles` (one pair) and `similar` (a search over all registry words) agree."""
    registry = make_registry()
    fast = check._NearMissIndex.build(registry)
    rng = random.Random(3)
    for _ in range(2000):
        word = "".join(rng.choice("abdhikmnorstuzel") for _ in range(rng.randint(1, 10)))
        similar = fast.similar(word)
        assert {other for other in fast.vocabulary if check._resembles(word, other)} == similar
