"""Near misses: text close to a registry name but not equal to it (`Suleimani` for `Soleimani`), with the alias to add.

Which registry name a run of words looks like (`NearMissIndex.best_words`) is found without comparing it
with every name: a word seen often gets its similar registry words computed once; other runs are
compared with the names that share their consonants or lie within the few edits a ratio of
`NEAR_MISS_SCORE` allows.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from build_tools.model import Article
from build_tools.names import is_folded_demonym
from build_tools.problems import Problem, warning
from build_tools.registry import Actor, Registry
from build_tools.text import CALENDAR_WORDS, PARTICLES, PERSON_TITLES, Token, folded_key, tokenize

# The near-miss threshold: a run of words is a near miss of a registry name when every word resembles the name's word in its
# place (Jaro-Winkler at least WORD_SIMILARITY, lengths within WORD_LENGTH_RATIO) and the whole is at least this close (rapidfuzz ratio) ...
NEAR_MISS_SCORE = 88.0
WORD_SIMILARITY = 0.8
WORD_LENGTH_RATIO = 0.6
# ... or has the same consonants, as transliterations do (`Hizballah`/`Hezbollah`, `Suleimani`/`Soleimani`).
MIN_NEAR_MISS_LENGTH = 6
MAX_NGRAM = 6
# Endings that turn a name into a demonym, adjective or plural (`Iraq` -> `Iraqi`): not misspellings.
_DERIVED_ENDINGS = ("i", "is", "ian", "ians", "n", "ns", "s", "es", "ese", "ish", "ite", "ites")
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_PLAIN_YAML = re.compile(r"[^\W\d_][\w .'’\-]*")


def is_name_word(token: Token) -> bool:
    """A capitalised word that is not a month or a day: it may be part of a name."""
    return token.exact[:1].isupper() and token.folded not in CALENDAR_WORDS


@dataclass(frozen=True)
class Known:
    """A registry name a near miss can be compared with."""

    actor: Actor
    """Whose name it is."""
    text: str
    """The name as the registry writes it (the whole alias, even when only its first words are compared)."""


def _alias_tokens(registry: Registry) -> dict[str, list[Token]]:
    """Every registry name's tokens, by its text."""
    found: dict[str, list[Token]] = {}
    for actor in registry.actors.values():
        for alias in actor.names():
            if alias.text not in found:
                found[alias.text] = tokenize(alias.text)
    return found


def known_keys(registry: Registry, tokens_of: dict[str, list[Token]] | None = None) -> set[str]:
    """Every registry name, as folded words joined by spaces."""
    tokens_of = tokens_of if tokens_of is not None else _alias_tokens(registry)
    return {folded_key(tokens_of[alias.text]) for actor in registry.actors.values() for alias in actor.names()}


def near_miss_targets(registry: Registry, tokens_of: dict[str, list[Token]] | None = None) -> dict[int, dict[str, Known]]:
    """Word count -> folded name -> the name: whole names, and the first words of longer ones (`popular mobilization`)."""
    tokens_of = tokens_of if tokens_of is not None else _alias_tokens(registry)
    targets: dict[int, dict[str, Known]] = defaultdict(dict)
    prefixes: dict[int, dict[str, Known]] = defaultdict(dict)
    for actor in registry.actors.values():
        for alias in actor.names():
            tokens = tokens_of[alias.text]
            if not tokens or (alias.case_sensitive and len(tokens) == 1):
                continue  # acronyms are not misspelt, they are other acronyms
            targets[len(tokens)].setdefault(folded_key(tokens), Known(actor, alias.text))
            for n in range(2, len(tokens)):
                if tokens[n - 1].folded not in PARTICLES:
                    prefixes[n].setdefault(folded_key(tokens[:n]), Known(actor, alias.text))
    for n, keys in prefixes.items():
        for key, known in keys.items():
            targets[n].setdefault(key, known)
    return targets


def skeleton(text: str) -> str:
    """The consonants, doubled letters once: what transliterations of one Arabic or Persian name share."""
    return " ".join(_REPEATS.sub(r"\1", _VOWELS.sub("", word)) for word in text.split())


def is_derived(candidate: str, known: str) -> bool:
    """Whether every word that differs is the known word plus a demonym or plural ending (`Iraqis`, `universities`)."""
    pairs = [(a, b) for a, b in zip(candidate.split(), known.split(), strict=False) if a != b]
    if not pairs:
        return True
    for a, b in pairs:
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        if longer.startswith(shorter) and longer[len(shorter) :] in _DERIVED_ENDINGS:
            continue
        if shorter.endswith("y") and longer == shorter[:-1] + "ies":
            continue
        return False
    return True


def yaml_text(text: str) -> str:
    return text if _PLAIN_YAML.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def resembles(word: str, other: str) -> bool:
    """Whether `other` is in `similar(word)` (see `NearMissIndex.similar`), computed for this pair alone."""
    longer, shorter = (len(word), len(other)) if len(word) > len(other) else (len(other), len(word))
    return shorter >= WORD_LENGTH_RATIO * longer and JaroWinkler.normalized_similarity(word, other, score_cutoff=WORD_SIMILARITY) >= WORD_SIMILARITY


def _one_deletion(word: str) -> set[str]:
    """`word` with one character left out, in every way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _add_variants(index: dict[str, list[str]], variants: Iterable[str], key: str) -> None:
    for variant in variants:
        index.setdefault(variant, []).append(key)


@dataclass
class _WithinEdits:
    """Strings within a few single-character insertions or deletions (`fuzz.ratio`'s Indel distance) of a query, by deletion variants."""

    exact: dict[str, list[str]] = field(default_factory=dict)
    """String -> the keys it stands for."""
    one: dict[str, list[str]] = field(default_factory=dict)
    """The strings with one character deleted -> keys."""
    two: dict[str, list[str]] = field(default_factory=dict)
    """With two deleted (only when built for distance 2) -> keys."""

    def add(self, text: str, key: str, distance: int) -> None:
        self.exact.setdefault(text, []).append(key)
        ones = _one_deletion(text)
        _add_variants(self.one, ones, key)
        if distance > 1:
            _add_variants(self.two, {two for one in ones for two in _one_deletion(one)}, key)

    def near_one(self, text: str, found: set[str]) -> None:
        """`near` for one edit: (0, 0), (0, 1), (1, 0)."""
        keys = self.exact.get(text)
        if keys:
            found.update(keys)
        keys = self.one.get(text)
        if keys:
            found.update(keys)
        get = self.exact.get
        for i in range(len(text)):
            keys = get(text[:i] + text[i + 1 :])
            if keys:
                found.update(keys)

    def near(self, text: str, pairs: Iterable[tuple[int, int]], found: set[str]) -> None:
        """Add to `found` the keys that `text` with a characters deleted and the key with b deleted make equal, for each (a, b) of `pairs`."""
        shorter: list[str] = [text]
        shortest: set[str] | None = None
        for a, b in pairs:
            get = (self.exact, self.one, self.two)[b].get
            if a == 0:
                variants: Iterable[str] = shorter[:1]
            elif a == 1:
                if len(shorter) == 1:
                    shorter += [text[:i] + text[i + 1 :] for i in range(len(text))]
                variants = shorter[1:]
            else:
                if len(shorter) == 1:
                    shorter += [text[:i] + text[i + 1 :] for i in range(len(text))]
                if shortest is None:
                    shortest = {word[:i] + word[i + 1 :] for word in shorter[1:] for i in range(len(word))}
                variants = shortest
            for variant in variants:
                keys = get(variant)
                if keys:
                    found.update(keys)


def _edit_pairs(length: int) -> list[tuple[int, int]]:
    """(deletions from a text of `length`, deletions from a name) that can leave both equal when `fuzz.ratio` is at least 88."""
    return [(a, b) for a in range(3) for b in range(3) if length - a + b > 0 and 100 * (a + b) <= 12 * (2 * length - a + b)]


_WITHIN_ONE = [(0, 0), (0, 1), (1, 0)]


def _pair_edits(length: int) -> int:
    """The most edits between a text of `length` and a name when `fuzz.ratio` is at least 88 (the name is at most that much longer)."""
    most = 0
    while 100 * (most + 1) <= 12 * (2 * length + most + 1):
        most += 1
    return most


def _together_pairs(length: int) -> list[tuple[int, int]]:
    """`_edit_pairs` for two words written together when their spaces do not align (which costs two edits)."""
    return [(a, b) for a, b in _WITHIN_ONE if 100 * (a + b + 2) <= 12 * (2 * length - a + b)]


# Longest folded single word, and two-word name, whose ratio-88 neighbours are at most 2 (words) or 3 (two words) edits away.
_SINGLE_WITHIN_TWO = 10
_PAIR_WITHIN_THREE = 14
_TOGETHER_PAIRS = [_together_pairs(length) for length in range(_PAIR_WITHIN_THREE + 1)]
_PAIR_EDITS = [_pair_edits(length) for length in range(_PAIR_WITHIN_THREE + 1)]
_EDIT_PAIRS = [_edit_pairs(length) for length in range(_SINGLE_WITHIN_TWO + 1)]


@dataclass
class NearMissIndex:
    """Registry names arranged for near-miss search: a text name is compared only with names whose every word resembles its own."""

    targets: dict[int, dict[str, Known]]
    """Word count -> folded name -> the name."""
    by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]]
    """Word count -> first folded word -> (folded name, its words)."""
    vocabulary: list[str]
    """Every folded word of a registry name."""
    similar_words: dict[str, frozenset[str]]
    """Cache: text word -> registry words that resemble it."""
    known: set[str] = field(default_factory=set)
    """Every registry name's folded key (`known_keys`)."""
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded name -> its words."""
    by_position: dict[tuple[int, int], dict[str, list[str]]] = field(default_factory=dict)
    """(word count, place) -> registry word -> the names with that word in that place."""
    skeletons: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    """Word count -> `skeleton` -> names."""
    singles: _WithinEdits = field(default_factory=_WithinEdits)
    """One-word names, for ratio search."""
    pair_words: tuple[_WithinEdits, _WithinEdits, _WithinEdits] = field(default_factory=lambda: (_WithinEdits(), _WithinEdits(), _WithinEdits()))
    """Two-word names by first word, by second word, and by both words written together."""
    combos: tuple[tuple[int, int], ...] = ()
    """The (word count, place) pairs whose flags `flags` holds, in order."""
    flags: dict[str, str] = field(default_factory=dict)
    """Word -> one character per combo (`1`: may stand in that place of a near miss), then calendar, particle and title flags."""
    default_flags: str = ""
    """The flags of a word not in `flags`: possible everywhere, none of the three."""
    ranked: dict[tuple[str, ...], tuple[tuple[str, bool, bool, tuple[int, ...]], ...]] = field(default_factory=dict)
    """Cache: folded words -> the names `best` may answer, in the order it tries them, each with (same consonants, ratio at least 88,
    the places whose words differ): whether one passes depends only on which words are capitalised."""
    around: dict[tuple[str, int, int], tuple[tuple[str, ...], list[tuple[str, ...]]]] = field(default_factory=dict)
    """Cache: (word with known `similar`, word count, place) -> the names with a similar word there, and their words by place."""
    skeleton_cache: dict[str, str] = field(default_factory=dict)
    """Cache: word -> its `skeleton`."""
    consonants: dict[str, str | None] = field(default_factory=dict)
    """Folded name -> its `skeleton` when that has 3 consonants or more (enough to tell a romanisation), else None."""
    skip: set[tuple[str, ...]] = field(default_factory=set)
    """Word runs never worth a look: too short, or a registry name."""

    @classmethod
    def build(cls, registry: Registry) -> NearMissIndex:
        tokens_of = _alias_tokens(registry)
        targets = near_miss_targets(registry, tokens_of)
        by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]] = defaultdict(lambda: defaultdict(list))
        vocabulary: set[str] = set()
        index = cls(targets, by_first_word, [], {}, known=known_keys(registry, tokens_of))
        for n, keys in targets.items():
            skeletons = index.skeletons.setdefault(n, {})
            for key in keys:
                words = tuple(key.split(" "))
                by_first_word[n][words[0]].append((key, words))
                vocabulary.update(words)
                index.words[key] = words
                for place, word in enumerate(words):
                    index.by_position.setdefault((n, place), {}).setdefault(word, []).append(key)
                skeleton = index.text_skeleton(words)
                skeletons.setdefault(skeleton, []).append(key)
                index.consonants[key] = skeleton if len(skeleton.replace(" ", "")) >= 3 else None
                if n == 1:
                    index.singles.add(key, key, 2 if 10 <= len(key) <= 12 else 1)  # two deletions: only a name 2 longer than a text of 8-10
                elif n == 2:
                    index.pair_words[0].add(words[0], key, 1)
                    index.pair_words[1].add(words[1], key, 1)
                    index.pair_words[2].add(words[0] + words[1], key, 1)
        index.vocabulary = sorted(vocabulary)
        index.combos = tuple((n, place) for n in sorted((n for n in targets if n <= MAX_NGRAM), reverse=True) for place in range(n))
        index.default_flags = "1" * len(index.combos) + "000"
        for word in CALENDAR_WORDS | PARTICLES | PERSON_TITLES:
            index.flags[word] = index._flags(word, None)
        return index

    def _flags(self, word: str, similar: frozenset[str] | None) -> str:
        places = "".join("1" if similar is None or any(other in self.by_position[combo] for other in similar) else "0" for combo in self.combos)
        return places + "".join("1" if word in words else "0" for words in (CALENDAR_WORDS, PARTICLES, PERSON_TITLES))

    def never_alone(self, word: str) -> None:
        """Record in `flags` that `word` alone is never a near miss (too short, a registry name, or no name is like it), so that
        the scan drops its one-word runs with the bit sets instead of looking each up (a quarter of the one-word runs are
        left on the bench corpus; 0.08 s of `check` per 3,000 articles)."""
        place = len(self.combos) - 1
        if self.combos[place:] == ((1, 0),):
            flags = self.flags.get(word, self.default_flags)
            self.flags[word] = flags[:place] + "0" + flags[place + 1 :]

    def similar(self, word: str) -> frozenset[str]:
        """Registry words equal to `word` or close to it (Jaro-Winkler, and not much shorter or longer: `in` is not `dinu`)."""
        found = self.similar_words.get(word)
        if found is None:
            close = process.extract(word, self.vocabulary, scorer=JaroWinkler.normalized_similarity, score_cutoff=WORD_SIMILARITY, limit=None)
            found = frozenset(other for other, _, _ in close if min(len(word), len(other)) >= WORD_LENGTH_RATIO * max(len(word), len(other)))
            self.similar_words[word] = found
            self.flags[word] = self._flags(word, found)
        return found

    def _around(self, word: str, n: int, place: int) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """The names of `n` words whose word in `place` is in `similar(word)`, and their words, by place."""
        found = self.around.get((word, n, place))
        if found is None:
            table = self.by_position.get((n, place), {})
            names = tuple(sorted({key for other in self.similar_words[word] for key in table.get(other, ())}))
            found = names, [tuple(self.words[key][other] for key in names) for other in range(n)]
            self.around[(word, n, place)] = found
        return found

    def _resembling(self, words: tuple[str, ...], folded: str, skeleton: str) -> tuple[Iterable[str], bool]:
        """Names whose every word resembles the word in its place, or at least all of those that can be a near miss; and whether
        the names given still need that checked (they do when they come from the edit and consonant indexes). `skeleton`: the words'."""
        n = len(words)
        known = [(place, self._around(word, n, place)) for place, word in enumerate(words) if word in self.similar_words]
        if not known:
            if n == 1 and len(folded) <= _SINGLE_WITHIN_TWO:
                names: set[str] = set()
                self.singles.near(folded, _EDIT_PAIRS[len(folded)], names)
            elif n == 2 and len(folded) <= _PAIR_WITHIN_THREE:
                # Within d edits (d as `_pair_edits` allows, at most 3): with the spaces aligned, the word edits add up to d, so one
                # word is within d // 2 of its own; with them apart, the spaces take two and the words written together are within d - 2.
                first, second, together = self.pair_words
                names = set()
                if _PAIR_EDITS[len(folded)] > 1:
                    first.near_one(words[0], names)
                    second.near_one(words[1], names)
                else:
                    names.update(first.exact.get(words[0], ()))
                    names.update(second.exact.get(words[1], ()))
                together.near(words[0] + words[1], _TOGETHER_PAIRS[len(folded)], names)
            else:
                self.similar(words[0])
                known = [(0, self._around(words[0], n, 0))]
        if not known:
            # A near miss is within those edits of its name (ratio 88), or has its consonants (`skeleton`).
            names.update(self.skeletons[n].get(skeleton, ()))
            return names, True
        # The names around a word whose similar words are known: keep those whose other words resemble the text's too.
        chosen, (names_around, columns) = min(known, key=lambda found: len(found[1][0]))
        kept: set[int] | None = None
        for place, word in enumerate(words):
            if place == chosen:
                continue
            close = process.extract(word, columns[place], scorer=JaroWinkler.normalized_similarity, score_cutoff=WORD_SIMILARITY, limit=None)
            passing = {index for other, _, index in close if min(len(word), len(other)) >= WORD_LENGTH_RATIO * max(len(word), len(other))}
            kept = passing if kept is None else kept & passing
            if not kept:
                return [], False
        return ([names_around[index] for index in kept] if kept is not None else names_around), False

    def best(self, gram: Sequence[Token]) -> tuple[Known, str] | None:
        """The registry name `gram` looks like, and the kind of alias to add (transliteration or misspelling), or None."""
        return self.best_words(tuple(t.folded for t in gram), tuple(is_name_word(t) for t in gram))

    def rank(self, words: tuple[str, ...]) -> tuple[tuple[str, bool, bool, tuple[int, ...]], ...]:
        """See `ranked`."""
        found = self.ranked.get(words)
        if found is None:
            folded = " ".join(words)
            kept: list[tuple[float, str, bool]] = []
            if self.by_first_word.get(len(words)):
                skeleton = self.text_skeleton(words)
                names, unchecked = self._resembling(words, folded, skeleton)
                consonants = self.consonants
                for key in names:
                    if key == folded:
                        continue
                    ratio = fuzz.ratio(folded, key)
                    # Another romanisation of a name: the same consonants (written as a name, which `best_words` checks).
                    same = skeleton == consonants[key]
                    if not (same or ratio >= NEAR_MISS_SCORE) or is_derived(folded, key):
                        continue  # never the answer
                    if unchecked and not all(resembles(word, other) for word, other in zip(words, self.words[key], strict=True)):
                        continue
                    kept.append((-ratio, key, same))
            kept.sort(key=itemgetter(0, 1))
            found = self.ranked[words] = tuple(
                (key, same, -minus_ratio >= NEAR_MISS_SCORE, tuple(i for i, (a, b) in enumerate(zip(words, self.words[key], strict=True)) if a != b))
                for minus_ratio, key, same in kept
            )
        return found

    def text_skeleton(self, words: Sequence[str]) -> str:
        """`skeleton` of the words joined by spaces, word by word from a cache."""
        cache = self.skeleton_cache
        parts = []
        for word in words:
            part = cache.get(word)
            if part is None:
                part = cache[word] = _REPEATS.sub(r"\1", word.translate(_NO_VOWELS))  # `skeleton` of one word
            parts.append(part)
        return " ".join(parts)

    def best_words(self, words: tuple[str, ...], capitalised: tuple[bool, ...]) -> tuple[Known, str] | None:
        """`best` for folded words and whether each is capitalised: the first name, in the order `rank` gives, that passes."""
        for key, same, close, differing in self.rank(words):
            if any(is_folded_demonym(words[place]) for place in differing):
                continue  # a demonym (`Somali`) is never another spelling of a name (`Somalia`): issue 12
            transliteration = same and all(capitalised[place] for place in differing)
            if transliteration or close:
                return self.targets[len(words)][key], "transliteration" if transliteration else "misspelling"
        return None


def near_miss_problem(shown: Callable[[Path], str], article: Article, line: int, written: str, best: tuple[Known, str]) -> Problem:
    target, kind = best
    alias = f' ("{target.text}")' if target.text != target.actor.name else ""
    return warning(
        shown(article.path),
        line,
        f'"{written}" looks like {target.actor.name}{alias}: if it is the same actor, add it to {shown(target.actor.path)} '
        f"as an alias of kind {kind}, e.g. `- {{text: {yaml_text(written)}, kind: {kind}}}`",
    )
