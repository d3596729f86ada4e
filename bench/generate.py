"""A deterministic synthetic corpus: N articles in the source format and a registry of M actors.

Articles mention registry actors about as often as the seed article does (155 mentions in about
1,500 words; here one every 6 to 13 words), with possessives, surnames after full names, acronyms, unknown names and `[n]`
references, so every phase of the pipeline does realistic work.

Who is named follows one of two laws (`--mode`):

- `long-tail` (the default, what `make bench` builds): as in real archives, a few actors are named in most
  articles (the state, the main armed group, the capital) and most actors in a handful. The k-th actor's
  weight is 1/k (a Zipf law); each article's cast is drawn by weight, and so are its mentions within the
  cast. The busiest actor is in well over half of the articles (`busiest_share` says how many).
- `even`: every actor equally likely, in the cast and in the text (the corpus of earlier sessions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

_SYLLABLES = [
    "ba",
    "da",
    "fa",
    "ha",
    "ja",
    "ka",
    "la",
    "ma",
    "na",
    "qa",
    "ra",
    "sa",
    "ta",
    "wa",
    "za",
    "bi",
    "di",
    "hi",
    "ki",
    "li",
    "mi",
    "ni",
    "ri",
    "si",
    "ti",
    "zi",
    "bu",
    "du",
    "hu",
    "ku",
    "lu",
    "mu",
    "nu",
    "ru",
    "su",
    "tu",
    "zu",
]
_FILLER = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "said",
    "for",
    "on",
    "was",
    "with",
    "as",
    "by",
    "officials",
    "forces",
    "were",
    "it",
    "from",
    "at",
    "his",
    "their",
    "city",
    "had",
    "an",
    "after",
    "which",
    "have",
    "they",
    "militia",
    "this",
    "but",
    "who",
    "not",
    "been",
    "government",
    "are",
    "would",
    "more",
    "military",
    "fighters",
    "two",
    "group",
    "has",
    "also",
    "security",
    "its",
    "province",
    "strikes",
    "there",
    "one",
    "against",
    "when",
    "support",
    "area",
    "over",
    "people",
    "three",
    "last",
    "week",
    "operations",
    "week",
    "campaign",
    "local",
    "commander",
    "reported",
    "control",
    "town",
    "north",
    "south",
    "east",
    "west",
    "region",
    "troops",
    "units",
    "across",
    "since",
    "while",
    "during",
    "before",
    "under",
    "about",
    "could",
    "other",
    "some",
    "many",
    "new",
    "year",
    "days",
    "months",
    "report",
    "statement",
]
_TYPES = ["person"] * 5 + ["armed_group"] * 2 + ["place"] * 2 + ["government_body", "organization", "state", "political_party", "identity_group"]
_TITLES = ["Gen.", "Col.", "Prime Minister", "Sheikh", "Minister", "Lt. Gen."]


def _word(rng: random.Random, low: int = 2, high: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


@dataclass(frozen=True)
class SyntheticActor:
    """One generated actor and the forms articles may use for it."""

    id: str
    name: str
    type: str
    aliases: tuple[dict[str, object], ...]
    short: str | None


def make_actors(count: int, rng: random.Random) -> list[SyntheticActor]:
    actors: list[SyntheticActor] = []
    used: set[str] = set()
    while len(actors) < count:
        kind = rng.choice(_TYPES)
        if kind == "person":
            first, last = _word(rng), _word(rng, 2, 4)
            name = f"{first} al-{last}" if rng.random() < 0.4 else f"{first} {last}"
            aliases: list[dict[str, object]] = [{"text": last, "kind": "surname", "after_full": True}]
            short = last
        elif kind in ("armed_group", "political_party", "organization", "government_body"):
            core = " ".join(_word(rng) for _ in range(rng.randint(1, 2)))
            noun = {"armed_group": "Brigades", "political_party": "Party", "organization": "Foundation", "government_body": "Ministry"}[kind]
            name = f"{core} {noun}"
            acronym = "".join(w[0] for w in name.split()).upper() + rng.choice("BCDFGHJKLMNPQRSTVWXZ")
            aliases = [{"text": acronym, "kind": "acronym"}]
            if rng.random() < 0.5:
                aliases.append({"text": f"{core} {noun[:-1] if noun.endswith('s') else noun + 's'}", "kind": "misspelling"})
            short = acronym
        else:
            name = _word(rng, 2, 4)
            aliases = [{"text": f"{name} province" if kind == "place" else f"Republic of {name}"}] if rng.random() < 0.6 else []
            short = None
        key = name.casefold()
        alias_keys = {str(a["text"]).casefold() for a in aliases}
        if key in used or alias_keys & used:
            continue
        used |= {key} | alias_keys
        for extra in range(rng.randint(0, 2)):
            text = f"{name.split()[0]} {_word(rng)}{extra}"
            if text.casefold() not in used:
                used.add(text.casefold())
                aliases.append({"text": text, "kind": "transliteration"})
        actors.append(SyntheticActor(f"actor-{len(actors):05d}", name, kind, tuple(aliases), short))
    return actors


GENERATOR_VERSION = 2
"""Part of a cached corpus's stamp: a change to what the generator writes makes `generate` write the corpus again."""
MODES = ("long-tail", "even")
"""How mentions spread over the registry; see the module's docstring."""
ZIPF_EXPONENT = 1.0
"""Long tail: the k-th actor weighs 1/k**ZIPF_EXPONENT."""


@dataclass(frozen=True)
class Cast:
    """Who an article may name: each article draws its actors from here."""

    actors: list[SyntheticActor]
    """The registry, in rank order (the first is the busiest in long-tail mode)."""
    cumulative: list[float] | None
    """Long tail: running sums of the actors' weights, for `random.choices`; None for the even law."""
    names: frozenset[str]
    """Every name and alias, casefolded: an unknown name must not be one, nor contain a one-word one."""

    def unknown_name(self, rng: random.Random) -> list[str]:
        """Two made-up words that name no actor (else the linker would rightly find one the article was not meant to name)."""
        while True:
            words = [_word(rng), _word(rng)]
            if not ({w.casefold() for w in words} | {" ".join(words).casefold()}) & self.names:
                return words

    def draw(self, rng: random.Random, count: int) -> list[SyntheticActor]:
        """`count` distinct actors."""
        count = min(count, len(self.actors))
        if self.cumulative is None:
            return rng.sample(self.actors, k=count)
        chosen: dict[int, None] = {}  # in the order drawn: the headline names the first two
        while len(chosen) < count:
            for picked in rng.choices(range(len(self.actors)), cum_weights=self.cumulative, k=count - len(chosen)):
                chosen.setdefault(picked, None)
        return [self.actors[rank] for rank in chosen]


def _weight(rank: int) -> float:
    return float((rank + 1) ** -ZIPF_EXPONENT)


def make_cast(actors: list[SyntheticActor], mode: str) -> Cast:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    names = frozenset(name.casefold() for actor in actors for name in (actor.name, *(str(alias["text"]) for alias in actor.aliases)))
    if mode == "even":
        return Cast(actors, None, names)
    cumulative, total = [], 0.0
    for rank in range(len(actors)):
        total += _weight(rank)
        cumulative.append(total)
    return Cast(actors, cumulative, names)


def _article(index: int, registry: Cast, rng: random.Random, words: int) -> tuple[str, list[str]]:
    """The source text, and the ids of the actors it names (each by its full name at least once)."""
    date = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randint(0, 3000))
    cast = registry.draw(rng, rng.randint(6, 14))
    headline = f"{cast[0].name} and {cast[1].name} clash near {_word(rng)} as talks stall {index}"
    paragraphs: list[str] = []
    introduced: set[str] = set()
    references = 0
    written = 0
    while written < words:
        sentence: list[str] = []
        for _ in range(rng.randint(2, 4)):
            sentence += [rng.choice(_FILLER) for _ in range(rng.randint(5, 12))]
            actor = rng.choice(cast)
            if actor.id in introduced and actor.short and rng.random() < 0.5:
                sentence.append(actor.short)
            else:
                if actor.type == "person" and rng.random() < 0.3:
                    sentence.append(rng.choice(_TITLES))
                sentence.append(actor.name + ("'s" if rng.random() < 0.1 else ""))
                introduced.add(actor.id)
            if rng.random() < 0.15:
                sentence += [rng.choice(_FILLER), *registry.unknown_name(rng)]
        text = " ".join(sentence)
        text = text[0].upper() + text[1:] + "."
        if rng.random() < 0.2:
            references += 1
            text += f" [{references}]"
        paragraphs.append(text)
        written += len(sentence)
    lines = [
        f"https://www.example-news.com/world/{date:%Y/%m/%d}/story-{index}.html",
        headline,
        f"By {_word(rng)} {_word(rng)}",
        f"{date:%B} {date.day}, {date.year}",
        *paragraphs,
        f"{_word(rng)} {_word(rng)} in Baghdad contributed to this report.",
    ]
    for number in range(1, references + 1):
        lines += [f"[{number}]", f"https://www.example-news.com/ref/{index}/{number}.html"]
    return "\n".join(lines) + "\n", sorted(introduced)


def generate(root: Path, articles: int, actors: int, words: int = 800, seed: int = 7, mode: str = "long-tail") -> Path:
    """Write `root/content` (sources, actors, outlets.yml) unless it is already there for these sizes and mode."""
    content = root / "content"
    stamp = root / "generated.txt"
    wanted = f"{articles} {actors} {words} {seed} {mode} {GENERATOR_VERSION}\n"
    if stamp.exists() and stamp.read_text() == wanted:
        return content
    rng = random.Random(seed)
    (content / "sources").mkdir(parents=True, exist_ok=True)
    (content / "actors").mkdir(exist_ok=True)
    registry = make_actors(actors, rng)
    for actor in registry:
        data = {
            "name": actor.name,
            "type": actor.type,
            "aliases": list(actor.aliases),
            "description": f"{actor.name} is a synthetic {actor.type.replace('_', ' ')} made for benchmarks.",
            "description_source": f"https://www.example-news.com/actors/{actor.id}",
        }
        if actor.type != "place" and rng.random() < 0.5:
            target = rng.choice(registry)
            if target.id != actor.id:
                data["relations"] = [{"type": "part_of" if actor.type == "person" else "allied_with", "target": target.id}]
        text = "# yaml-language-server: $schema=../actors.schema.json\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (content / "actors" / f"{actor.id}.yml").write_text(text, encoding="utf-8")
    named: dict[str, list[str]] = {}
    cast = make_cast(registry, mode)
    for index in range(articles):
        text, named[f"article-{index:05d}"] = _article(index, cast, rng, words)
        (content / "sources" / f"article-{index:05d}.txt").write_text(text, encoding="utf-8")
    # What linking should find, for the test suite: source file stem -> actor ids the text names.
    (root / "named-actors.json").write_text(json.dumps(named, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    (content / "outlets.yml").write_text("example-news.com: Example News\n", encoding="utf-8")
    stamp.write_text(wanted)
    return content


def busiest_share(root: Path) -> tuple[float, str]:
    """The share of articles that name the busiest actor, and its id (from the generator's `named-actors.json`)."""
    named: dict[str, list[str]] = json.loads((root / "named-actors.json").read_text(encoding="utf-8"))
    counts = Counter(actor for actors in named.values() for actor in actors)
    actor_id, count = max(counts.items(), key=lambda item: (item[1], item[0])) if counts else ("", 0)
    return count / max(len(named), 1), actor_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--actors", type=int, default=100)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--mode", choices=MODES, default="long-tail", help="how mentions spread over the actors (default: long-tail)")
    args = parser.parse_args()
    content = generate(args.root, args.articles, args.actors, args.words, mode=args.mode)
    share, actor_id = busiest_share(content.parent)
    print(f"{content}: the busiest actor ({actor_id}) is named in {share:.0%} of the articles")


if __name__ == "__main__":
    main()
