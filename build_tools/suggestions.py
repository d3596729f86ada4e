"""Names the registry lacks: the records suggestions are made of, and their count over all articles.

`build_tools.suggest` finds each article's `Candidate`s, leaving out what the registry knows (`KnownNames`);
here they are collected (`Names.add`, in each process that reads articles), merged (`Names.merged`, in the
parent) and turned into suggestion rows (`Names.rows`, `Suggestion`): most frequent first, each with its
guessed type, proposed id, the signals that fired (`SIGNALS`), the first sentence it appears in, and the
acronyms the articles define for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.names import PLACE_FIRST_WORDS
from build_tools.problems import json_string
from build_tools.registry import actor_id
from build_tools.stretches import Word
from build_tools.text import HYPHEN_PARTICLES, NAME_SUFFIXES, fold

# --- Signals: what kept a candidate, as `reason` shows them ----------------------------------------------------------

PLACE = "gazetteer"
TITLE = "title"
APPOSITION = "apposition"
GIVEN_NAME = "given name"
HEAD_NOUN = "head noun"
OF_PHRASE = "of-phrase"
ACRONYM_DEFINED = "acronym defined"
ACRONYM_RECURRING = "recurring acronym"
# An all-capital word met once that stands alone where a name stands (`a UNICEF count`, `through the WFP`): no capitalised
# word beside it (that makes it part of a longer name, a dateline or a heading: `USS Gravely`, `RAMSTEIN AIR BASE`), no
# number before it (`two NASAMS`), no ordinary word (`AIR`), no weapon, unit, time zone or speaker label.
ACRONYM_ALONE = "acronym standing alone"
CAPITALISED = "capitalised mid-sentence"
AROUND_KNOWN = "longer name around a known one"
ARABIC_GROUP = "group-name word"
IDENTITY = "people noun"
DATELINE = "dateline"
SIGNALS = (
    PLACE,
    TITLE,
    APPOSITION,
    GIVEN_NAME,
    HEAD_NOUN,
    OF_PHRASE,
    ACRONYM_DEFINED,
    ACRONYM_RECURRING,
    ACRONYM_ALONE,
    CAPITALISED,
    AROUND_KNOWN,
    ARABIC_GROUP,
    IDENTITY,
    DATELINE,
)
"""Every signal, in the order a suggestion's `reason` lists them."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in one article that the registry lacks, with why it is thought a name."""

    text: str
    """The name as written."""
    key: str
    """The name folded (`text.fold`): occurrences with the same key are one suggestion."""
    type: str
    """The guessed actor type (one of the registry's types)."""
    reasons: tuple[str, ...]
    """The signals that fired (see `SIGNALS`)."""
    paragraph: int
    """1-based index of the paragraph."""
    start: int
    """Offset of its first character in the paragraph."""
    end: int
    """Offset after its last character."""
    sentence: str
    """The sentence it appears in, as written (for a name's first few occurrences in the article; else empty)."""
    alias_of: str | None = None
    """When it is another name of a candidate of the same article (a surname after the full name, an acronym defined in
    parentheses), that candidate's key."""


class KnownNames:
    """What the registry already knows: its names, and optionally a test for near misses (reported on their own)."""

    def __init__(
        self,
        names: dict[str, str],
        near_miss: Callable[[tuple[str, ...], tuple[bool, ...]], bool] | None = None,
        types: dict[str, str] | None = None,
    ) -> None:
        self.names = names
        """Every registry name and alias, folded words joined by spaces (`text.folded_key`) -> its actor's type."""
        self.keys = frozenset(names)
        self.longest = max((key.count(" ") + 1 for key in names), default=0)
        """The most words a registry name has."""
        self.first_words = frozenset(key.split(" ", 1)[0] for key in names)
        """The first word of every registry name."""
        self.near_miss = near_miss
        self.types = types or {}
        """Actor id -> type: a person's name never starts a longer name (`Lloyd J. Austin III Combined ...`), and a longer
        name hyphened to a known one is of its kind (`ISIS-West Africa`)."""
        self.after_state = frozenset(key[len(state) + 1 :] for key in names for state in _STATE_NAMES if key.startswith(state + " "))
        """The registry's names that begin with a state's name (`u.s. department of defense`), without it."""
        self.seen: dict[tuple[str, tuple[bool, ...]], bool] = {}

    def runs(self, tokens: Sequence[Word]) -> list[tuple[int, int, str]]:
        """(first, end, type) of the registry's names among a stretch's words that no mention covers, longest first from the left."""
        names = self.names
        first_words = self.first_words
        runs: list[tuple[int, int, str]] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.covered or token.folded not in first_words or not (token.capital or token.folded in HYPHEN_PARTICLES):
                index += 1
                continue
            size = 0
            while size < self.longest and index + size < len(tokens) and not tokens[index + size].covered:
                size += 1
            while size and " ".join(token.folded for token in tokens[index : index + size]) not in names:
                size -= 1
            if size:
                runs.append((index, index + size, names[" ".join(token.folded for token in tokens[index : index + size])]))
            index += max(size, 1)
        return runs

    def knows(self, key: str, words: tuple[str, ...], capitals: tuple[bool, ...]) -> bool:
        """Whether the registry has this name, one that reads the same (`Defense Department` for `Department of Defense`, with or without `U.S.` before it), or a near miss of it."""
        found = self.seen.get((key, capitals))
        if found is None:
            reordered = _reorderings(words)
            found = key in self.keys or key in self.after_state or any(form in self.keys or form in self.after_state for form in reordered)
            if not found and self.near_miss is not None:
                found = self.near_miss(words, capitals)
            self.seen[(key, capitals)] = found
        return found


# How a registry may write the state before a government body's name.
_STATE_NAMES = ("u.s.", "united states")


def _reorderings(words: tuple[str, ...]) -> list[str]:
    """`Defense Department` <-> `Department of Defense`, `Interior Ministry` <-> `Ministry of Interior`: one name, two word orders."""
    if len(words) == 2 and words[1] in _REORDERED_HEADS:
        return [f"{words[1]} of {words[0]}", f"{words[1]} of the {words[0]}"]
    if len(words) >= 3 and words[0] in _REORDERED_HEADS and words[1] == "of":
        rest = words[3:] if words[2] == "the" else words[2:]
        return [" ".join((*rest, words[0]))]
    return []


_REORDERED_HEADS = frozenset({"department", "ministry", "agency", "office", "bureau", "directorate", "command"})


def inside_candidate(found: Sequence[Candidate], number: int, start: int, end: int) -> bool:
    """Whether paragraph `number`'s text[start:end] lies inside one of the candidates `found` (`DMITRY` of `DMITRY SHUGAEV`)."""
    return any(c.paragraph == number and c.start <= start and end <= c.end for c in found)


def with_aliases(found: list[Candidate]) -> list[Candidate]:
    """Surnames after a person's full name (`Esper` after `Mark T. Esper`), and short forms after a place's (`Taji` after
    `Camp Taji`), become aliases of it; an acronym defined for a name takes the name's type."""
    owners: dict[str, Candidate] = {}
    result: list[Candidate] = []
    for candidate in found:
        words = candidate.key.split(" ")
        if len(words) == 1 and candidate.alias_of is None and candidate.key in owners:
            owner = owners[candidate.key]
            candidate = Candidate(
                candidate.text, candidate.key, owner.type, candidate.reasons, candidate.paragraph, candidate.start, candidate.end, candidate.sentence, owner.key
            )
        elif len(words) > 1 and (candidate.type == "person" or (candidate.type == "place" and candidate.text.split()[0] in PLACE_FIRST_WORDS)):
            last = next((word for word in reversed(words) if word not in NAME_SUFFIXES), words[-1])  # `Jr. Jr.`: suffixes alone
            owners.setdefault(last, candidate)
        result.append(candidate)
    types = {candidate.key: candidate.type for candidate in result if candidate.alias_of is None}
    return [
        Candidate(c.text, c.key, types[c.alias_of], c.reasons, c.paragraph, c.start, c.end, c.sentence, c.alias_of)
        if c.alias_of is not None and c.alias_of in types and types[c.alias_of] != c.type
        else c
        for c in result
    ]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A name in the articles that the registry does not know (a row of `check --format json`'s suggestions)."""

    text: str
    """The name as written (its most common spelling)."""
    count: int
    """How often it occurs across all articles."""
    articles: tuple[str, ...]
    """Ids of the articles it occurs in, sorted."""
    type: str = ""
    """The guessed actor type (one of the registry's types; the most frequent guess, ties to the first met)."""
    id: str = ""
    """The proposed actor id: `new-actor` writes `actors/<id>.yml`."""
    reason: str = ""
    """The signals that made it a name (`suggest.SIGNALS`, in that order, joined by `, `)."""
    example: str = ""
    """The first sentence it appears in."""
    aliases: tuple[str, ...] = ()
    """Acronyms the articles define for it."""

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "count": self.count,
            "articles": list(self.articles),
            "type": self.type,
            "id": self.id,
            "reason": self.reason,
            "example": self.example,
            "aliases": list(self.aliases),
        }

    def as_json_text(self) -> str:
        """`json.dumps(self.as_json(), ensure_ascii=False)`, from the C string encoder alone (`check` prints tens of thousands)."""
        articles = ", ".join(map(json_string, self.articles))
        aliases = ", ".join(map(json_string, self.aliases))
        return (
            f'{{"text": {json_string(self.text)}, "count": {self.count}, "articles": [{articles}], "type": {json_string(self.type)}, '
            f'"id": {json_string(self.id)}, "reason": {json_string(self.reason)}, "example": {json_string(self.example)}, "aliases": [{aliases}]}}'
        )


# What `Names` keeps of one name, as a plain list (a forked child sends tens of thousands back: a list pickles and
# unpickles two to three times as fast as a slots dataclass). The positions:
_COUNT, _TEXTS, _WHERE, _TYPES, _REASONS, _EXAMPLE, _ALIASES = range(7)
_Group = list[Any]
"""[count, spelling -> count, article ids, type -> count, signals, first example sentence, alias texts (a dict as an ordered set)]."""


class Names:
    """The candidates of some articles, collected by name (folded key)."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = {}

    def __getstate__(self) -> dict[str, _Group]:
        return self.groups

    def __setstate__(self, groups: dict[str, _Group]) -> None:
        self.groups = groups

    def add(self, article_id: str, candidates: Sequence[Candidate]) -> None:
        """Count one article's candidates. One that is another name of a candidate of its article (`alias_of`) counts for
        that one, and its text becomes one of its aliases."""
        groups = self.groups
        for candidate in candidates:
            key = candidate.alias_of or candidate.key
            group = groups.get(key)
            if group is None:
                group = groups[key] = [0, {}, set(), {}, set(), "", {}]
            group[_COUNT] += 1
            group[_WHERE].add(article_id)
            group[_REASONS].update(candidate.reasons)
            if candidate.alias_of is not None:
                group[_ALIASES][candidate.text] = None
                continue
            texts, types = group[_TEXTS], group[_TYPES]
            texts[candidate.text] = texts.get(candidate.text, 0) + 1
            types[candidate.type] = types.get(candidate.type, 0) + 1
            if not group[_EXAMPLE] and candidate.sentence:
                group[_EXAMPLE] = candidate.sentence

    @classmethod
    def merged(cls, parts: Iterable[Names]) -> Names:
        """What several collected, as one (the parts in article order: the first example stays)."""
        merged = cls()
        groups = merged.groups
        for part in parts:
            if not groups:
                groups.update(part.groups)
                continue
            for key, group in part.groups.items():
                have = groups.get(key)
                if have is None:
                    groups[key] = group
                    continue
                have[_COUNT] += group[_COUNT]
                for index in (_TEXTS, _TYPES):
                    for text, count in group[index].items():
                        have[index][text] = have[index].get(text, 0) + count
                have[_WHERE] |= group[_WHERE]
                have[_REASONS] |= group[_REASONS]
                have[_EXAMPLE] = have[_EXAMPLE] or group[_EXAMPLE]
                have[_ALIASES].update(group[_ALIASES])
        return merged

    def acronyms_with_their_names(self) -> dict[str, _Group]:
        """The groups, an acronym met without its name in one article and defined for it in another (`the ISW said`) counted
        for that name, as in the article that defines it."""
        groups = self.groups
        owners = {fold(alias): key for key, group in groups.items() for alias in group[_ALIASES] if alias.isupper()}
        if not owners.keys() & groups.keys():
            return groups
        groups = dict(groups)
        for alias_key, owner in owners.items():
            group = groups.get(alias_key)
            if group is None or alias_key == owner or owner not in groups:
                continue
            have = groups[owner] = list(groups[owner])
            have[_COUNT] += group[_COUNT]
            have[_WHERE] = have[_WHERE] | group[_WHERE]
            have[_REASONS] = have[_REASONS] | group[_REASONS]
            del groups[alias_key]
        return groups

    def rows(self) -> list[Suggestion]:
        """Suggestion rows: most frequent first, then those in most articles, then by text."""
        found = []
        for key, (count, texts, where, types, reasons, example, aliases) in self.acronyms_with_their_names().items():
            if not texts:
                continue  # only ever met as another name's alias (cannot happen: an alias follows its name in its article)
            text = next(iter(texts)) if len(texts) == 1 else max(texts, key=texts.__getitem__)
            kind = next(iter(types)) if len(types) == 1 else max(types, key=types.__getitem__)
            reason = ", ".join(signal for signal in SIGNALS if signal in reasons)
            articles = tuple(sorted(where))
            alias_texts = tuple(alias for alias in aliases if fold(alias) != key)
            found.append((-count, -len(articles), text.casefold(), Suggestion(text, count, articles, kind, actor_id(text), reason, example, alias_texts)))
        found.sort(key=lambda row: (row[0], row[1], row[2]))
        return [row[3] for row in found]


def suggestion_rows(per_article: Iterable[tuple[str, Sequence[Candidate]]]) -> list[Suggestion]:
    """Suggestion rows from each article's candidates, collected in one process."""
    names = Names()
    for article_id, candidates in per_article:
        names.add(article_id, candidates)
    return names.rows()
