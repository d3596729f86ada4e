"""Linking on the seed fixture (tests/fixtures/seed/): the seed article mentions every actor, links each once, and warns about nothing."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from build_tools.build import Result, analyse
from build_tools.check import scan
from tests.seed import SEED_CONTENT

URL = re.compile(r"(?:https?://|www\.)\S+")
DEMONYMS = re.compile(r"\b(?:Iranians?|Iraqis?|Americans?|Syrians?|Kurdish|Shiites?-led)\b")


@pytest.fixture(scope="module")
def seed() -> Result:
    return analyse(SEED_CONTENT)


def test_every_actor_is_mentioned_in_the_seed(seed: Result) -> None:
    mentioned = {m.actor for mentions in seed.mentions.values() for m in mentions}
    files = {path.stem for path in (SEED_CONTENT / "actors").glob("*.yml")}
    assert files == set(seed.registry.actors)
    assert sorted(files - mentioned) == []


def test_first_mention_of_each_actor_is_its_only_link(seed: Result) -> None:
    for mentions in seed.mentions.values():
        first: dict[str, bool] = {}
        for mention in mentions:
            first.setdefault(mention.actor, mention.linked)
        assert [actor for actor, linked in first.items() if not linked] == []
        linked = Counter(m.actor for m in mentions if m.linked)
        assert {actor for actor, count in linked.items() if count != 1} == set()
        assert set(linked) == set(first)


def test_mentions_are_the_source_text_and_never_inside_a_url(seed: Result) -> None:
    for article in seed.articles:
        for mention in seed.mentions[article.id]:
            text = article.paragraphs[mention.paragraph - 1].text
            assert text[mention.start : mention.end] == mention.text
            urls = [match.span() for match in URL.finditer(text)]
            assert not [span for span in urls if span[0] < mention.end and mention.start < span[1]], mention
            # A mention is whole words: no letter glued to either end.
            assert not text[mention.end : mention.end + 1].isalpha(), mention
            assert not text[mention.start - 1 : mention.start].isalpha() or mention.start == 0, mention


def test_demonyms_are_never_mentions(seed: Result) -> None:
    checked = 0
    for article in seed.articles:
        for number, paragraph in enumerate(article.paragraphs, start=1):
            mentions = [m for m in seed.mentions[article.id] if m.paragraph == number]
            for match in DEMONYMS.finditer(paragraph.text):
                checked += 1
                over = [m for m in mentions if m.start < match.end() and match.start() < m.end]
                # Only a longer name may hold the word (`Iraqi troops` is the Iraqi Armed Forces); never a state on its own.
                assert all(m.end - m.start > match.end() - match.start() for m in over), (number, match.group())
                assert not [m for m in over if seed.registry.actors[m.actor].type == "state"], (number, match.group())
    assert checked >= 10  # the seed says Iranian, Iraqi, Iraqis, American and Americans many times


def test_seed_has_no_link_warnings(seed: Result) -> None:
    linking = [p.format() for p in seed.problems if "may mean" in p.message or "no article mentions" in p.message]
    assert linking == []
    assert [p.format() for p in scan(seed.articles, seed.registry, seed.mentions).near_misses] == []
