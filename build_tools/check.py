"""What `check` adds to a build's problems: near misses of known names, and names the registry lacks.

Near misses read an article's words once, from the linker's fast strings (see `build_tools.link`): words, the
gaps between them and their capitals come out of a few `str` operations per article, and which word
runs need a look comes out of integer bit sets, one bit per word. Only what survives is handled one by
one; a paragraph the fast strings leave out is read on its tokens, as it always was. The names the registry
lacks come from `build_tools.suggest`, article by article, right after each is linked (see `_check_part`).

Which registry name a run of words looks like (`_NearMissIndex.best`) is found without comparing it
with every name: a word seen often gets its similar registry words computed once; other runs are
compared with the names that share their consonants or lie within the few edits a ratio of 88 allows.
"""

from __future__ import annotations

import bisect
import gc
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from itertools import accumulate, chain, compress, repeat
from operator import add, attrgetter, itemgetter, le, lshift, lt, sub
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from build_tools.link import (
    _ABBREVIATION_DOT,
    _SEPARATOR,
    Matcher,
    Token,
    _fast_text,
    _FastText,
    _find_all,
    compile_registry,
    joins,
    link_article,
    mask,
    tokenize,
    unmentioned_actors,
)
from build_tools.model import Article, Mention, Paragraph
from build_tools.names import lexicon
from build_tools.problems import Problem, display_path, json_string, warning
from build_tools.processes import in_two_halves
from build_tools.read import OutletTable, load_outlets, read_paths, source_paths, unique_articles
from build_tools.registry import Actor, Registry, load_registry
from build_tools.suggest import Candidate, Group, KnownNames, Suggested, aggregate, collect, merge, rows, suggest_article

# A near miss: every word resembles the registry's word in its place, and the whole is this close (rapidfuzz ratio) ...
_NEAR_MISS_SCORE = 88.0
_WORD_SIMILARITY = 0.8
_WORD_LENGTH_RATIO = 0.6
# ... or has the same consonants, as transliterations do (`Hizballah`/`Hezbollah`, `Suleimani`/`Soleimani`).
_MIN_NEAR_MISS_LENGTH = 6
_MAX_NGRAM = 6
# Endings that turn a name into a demonym, adjective or plural (`Iraq` -> `Iraqi`): not misspellings.
_DERIVED_ENDINGS = ("i", "is", "ian", "ians", "n", "ns", "s", "es", "ese", "ish", "ite", "ites")
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_ABBREVIATION_GAP = re.compile(r"\.\s+")
# Lower-case words allowed inside a name (`Asaib Ahl al-Haq`, `Institute for the Study of War`); `and` is not one: it joins two names.
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "of", "the", "for", "la", "le", "van", "von", "du", "da"})
# A person's titles: never part of a suggested name, before it or after it.
_TITLES = frozenset(
    [
        *("gen", "general", "lt", "col", "colonel", "maj", "major", "capt", "captain", "adm", "admiral", "sgt", "sergeant", "brig", "brigadier"),
        *("lieutenant", "mr", "mrs", "ms", "dr", "prof", "sen", "senator", "rep", "gov", "governor", "amb", "ambassador", "president"),
        *("premier", "minister", "prime", "secretary", "ayatollah", "sheikh", "imam", "cleric", "king", "prince", "emir", "commander"),
        *("spokesman", "spokeswoman", "chairman", "speaker"),
    ]
)
_CALENDAR = frozenset(
    [
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ]
)
_PLAIN_YAML = re.compile(r"[^\W\d_][\w .'’\-]*")


@dataclass(frozen=True)
class Suggestion:
    """A name in the articles that the registry does not know (a row of `check --format json`'s suggestions)."""

    text: str
    """The name as written (its most common spelling)."""
    count: int
    """How often it occurs across all articles."""
    articles: tuple[str, ...]
    """Ids of the articles it occurs in, sorted."""
    type: str = ""
    """The guessed actor type (one of the registry's types)."""
    id: str = ""
    """The proposed actor id: `new-actor` writes `actors/<id>.yml`."""
    reason: str = ""
    """The signals that made it a name (see `build_tools.suggest.SIGNALS`)."""
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


@dataclass(frozen=True)
class _Known:
    """A registry name a near miss can be compared with."""

    actor: Actor
    """Whose name it is."""
    text: str
    """The name as the registry writes it (the whole alias, even when only its first words are compared)."""


def _key(tokens: Sequence[Token]) -> str:
    return " ".join(t.folded for t in tokens)


def _alias_tokens(registry: Registry) -> dict[str, list[Token]]:
    """Every registry name's tokens, by its text."""
    found: dict[str, list[Token]] = {}
    for actor in registry.actors.values():
        for alias in actor.names():
            if alias.text not in found:
                found[alias.text] = tokenize(alias.text)
    return found


def _known_keys(registry: Registry, tokens_of: dict[str, list[Token]] | None = None) -> set[str]:
    """Every registry name, as folded words joined by spaces."""
    tokens_of = tokens_of if tokens_of is not None else _alias_tokens(registry)
    return {_key(tokens_of[alias.text]) for actor in registry.actors.values() for alias in actor.names()}


def _near_miss_targets(registry: Registry, tokens_of: dict[str, list[Token]] | None = None) -> dict[int, dict[str, _Known]]:
    """Word count -> folded name -> the name: whole names, and the first words of longer ones (`popular mobilization`)."""
    tokens_of = tokens_of if tokens_of is not None else _alias_tokens(registry)
    targets: dict[int, dict[str, _Known]] = defaultdict(dict)
    prefixes: dict[int, dict[str, _Known]] = defaultdict(dict)
    for actor in registry.actors.values():
        for alias in actor.names():
            tokens = tokens_of[alias.text]
            if not tokens or (alias.case_sensitive and len(tokens) == 1):
                continue  # acronyms are not misspelt, they are other acronyms
            targets[len(tokens)].setdefault(_key(tokens), _Known(actor, alias.text))
            for n in range(2, len(tokens)):
                if tokens[n - 1].folded not in _PARTICLES:
                    prefixes[n].setdefault(_key(tokens[:n]), _Known(actor, alias.text))
    for n, keys in prefixes.items():
        for key, known in keys.items():
            targets[n].setdefault(key, known)
    return targets


def _name_joins(masked: str, previous: Token, token: Token) -> bool:
    """Words of one name: joined as the linker joins them, or after a title's full stop (`Gen. Joseph Dunford`)."""
    if joins(masked, previous, token):
        return True
    return bool(_ABBREVIATION_GAP.fullmatch(masked[previous.end : token.start])) and previous.folded in _TITLES


def _runs(masked: str, tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
    """Token index ranges joined only by spaces or hyphens (a name never spans a comma)."""
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or not _name_joins(masked, tokens[index - 1], tokens[index]):
            yield start, index
            start = index


def _skeleton(text: str) -> str:
    """The consonants, doubled letters once: what transliterations of one Arabic or Persian name share."""
    return " ".join(_REPEATS.sub(r"\1", _VOWELS.sub("", word)) for word in text.split())


def _is_derived(candidate: str, known: str) -> bool:
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


def _yaml_text(text: str) -> str:
    return text if _PLAIN_YAML.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def _resembles(word: str, other: str) -> bool:
    """Whether `other` is in `similar(word)` (see `_NearMissIndex.similar`), computed for this pair alone."""
    longer, shorter = (len(word), len(other)) if len(word) > len(other) else (len(other), len(word))
    return shorter >= _WORD_LENGTH_RATIO * longer and JaroWinkler.normalized_similarity(word, other, score_cutoff=_WORD_SIMILARITY) >= _WORD_SIMILARITY


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
class _NearMissIndex:
    """Registry names arranged for near-miss search: a text name is compared only with names whose every word resembles its own."""

    targets: dict[int, dict[str, _Known]]
    """Word count -> folded name -> the name."""
    by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]]
    """Word count -> first folded word -> (folded name, its words)."""
    vocabulary: list[str]
    """Every folded word of a registry name."""
    similar_words: dict[str, frozenset[str]]
    """Cache: text word -> registry words that resemble it."""
    known: set[str] = field(default_factory=set)
    """Every registry name's folded key (`_known_keys`)."""
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded name -> its words."""
    by_position: dict[tuple[int, int], dict[str, list[str]]] = field(default_factory=dict)
    """(word count, place) -> registry word -> the names with that word in that place."""
    skeletons: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    """Word count -> `_skeleton` -> names."""
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
    """Cache: word -> its `_skeleton`."""
    skip: set[tuple[str, ...]] = field(default_factory=set)
    """Word runs never worth a look: too short, or a registry name."""

    @classmethod
    def build(cls, registry: Registry) -> _NearMissIndex:
        tokens_of = _alias_tokens(registry)
        targets = _near_miss_targets(registry, tokens_of)
        by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]] = defaultdict(lambda: defaultdict(list))
        vocabulary: set[str] = set()
        index = cls(targets, by_first_word, [], {}, known=_known_keys(registry, tokens_of))
        for n, keys in targets.items():
            skeletons = index.skeletons.setdefault(n, {})
            for key in keys:
                words = tuple(key.split(" "))
                by_first_word[n][words[0]].append((key, words))
                vocabulary.update(words)
                index.words[key] = words
                for place, word in enumerate(words):
                    index.by_position.setdefault((n, place), {}).setdefault(word, []).append(key)
                skeletons.setdefault(index.text_skeleton(words), []).append(key)
                if n == 1:
                    index.singles.add(key, key, 2 if 10 <= len(key) <= 12 else 1)  # two deletions: only a name 2 longer than a text of 8-10
                elif n == 2:
                    index.pair_words[0].add(words[0], key, 1)
                    index.pair_words[1].add(words[1], key, 1)
                    index.pair_words[2].add(words[0] + words[1], key, 1)
        index.vocabulary = sorted(vocabulary)
        index.combos = tuple((n, place) for n in sorted((n for n in targets if n <= _MAX_NGRAM), reverse=True) for place in range(n))
        index.default_flags = "1" * len(index.combos) + "000"
        for word in _CALENDAR | _PARTICLES | _TITLES:
            index.flags[word] = index._flags(word, None)
        return index

    def _flags(self, word: str, similar: frozenset[str] | None) -> str:
        places = "".join("1" if similar is None or any(other in self.by_position[combo] for other in similar) else "0" for combo in self.combos)
        return places + "".join("1" if word in words else "0" for words in (_CALENDAR, _PARTICLES, _TITLES))

    def similar(self, word: str) -> frozenset[str]:
        """Registry words equal to `word` or close to it (Jaro-Winkler, and not much shorter or longer: `in` is not `dinu`)."""
        found = self.similar_words.get(word)
        if found is None:
            close = process.extract(word, self.vocabulary, scorer=JaroWinkler.normalized_similarity, score_cutoff=_WORD_SIMILARITY, limit=None)
            found = frozenset(other for other, _, _ in close if min(len(word), len(other)) >= _WORD_LENGTH_RATIO * max(len(word), len(other)))
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

    def _resembling(self, words: tuple[str, ...], folded: str) -> tuple[Iterable[str], bool]:
        """Names whose every word resembles the word in its place, or at least all of those that can be a near miss; and whether
        the names given still need that checked (they do when they come from the edit and consonant indexes)."""
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
            # A near miss is within those edits of its name (ratio 88), or has its consonants (`_skeleton`).
            names.update(self.skeletons[n].get(self.text_skeleton(words), ()))
            return names, True
        # The names around a word whose similar words are known: keep those whose other words resemble the text's too.
        chosen, (names_around, columns) = min(known, key=lambda found: len(found[1][0]))
        kept: set[int] | None = None
        for place, word in enumerate(words):
            if place == chosen:
                continue
            close = process.extract(word, columns[place], scorer=JaroWinkler.normalized_similarity, score_cutoff=_WORD_SIMILARITY, limit=None)
            passing = {index for other, _, index in close if min(len(word), len(other)) >= _WORD_LENGTH_RATIO * max(len(word), len(other))}
            kept = passing if kept is None else kept & passing
            if not kept:
                return [], False
        return ([names_around[index] for index in kept] if kept is not None else names_around), False

    def best(self, gram: Sequence[Token]) -> tuple[_Known, str] | None:
        """The registry name `gram` looks like, and the kind of alias to add (transliteration or misspelling), or None."""
        return self.best_words(tuple(t.folded for t in gram), tuple(_is_capitalised(t) for t in gram))

    def rank(self, words: tuple[str, ...]) -> tuple[tuple[str, bool, bool, tuple[int, ...]], ...]:
        """See `ranked`."""
        found = self.ranked.get(words)
        if found is None:
            folded = " ".join(words)
            kept: list[tuple[float, str, bool]] = []
            if self.by_first_word.get(len(words)):
                names, unchecked = self._resembling(words, folded)
                skeleton = self.text_skeleton(words)
                for key in names:
                    if key == folded:
                        continue
                    ratio = fuzz.ratio(folded, key)
                    # Another romanisation of a name: the same consonants (written as a name, which `best_words` checks).
                    same = skeleton == self.skeleton_of(key) and len(self.skeleton_of(key).replace(" ", "")) >= 3
                    if not (same or ratio >= _NEAR_MISS_SCORE) or _is_derived(folded, key):
                        continue  # never the answer
                    if unchecked and not all(_resembles(word, other) for word, other in zip(words, self.words[key], strict=True)):
                        continue
                    kept.append((-ratio, key, same))
            kept.sort(key=itemgetter(0, 1))
            found = self.ranked[words] = tuple(
                (key, same, -minus_ratio >= _NEAR_MISS_SCORE, tuple(i for i, (a, b) in enumerate(zip(words, self.words[key], strict=True)) if a != b))
                for minus_ratio, key, same in kept
            )
        return found

    def text_skeleton(self, words: Sequence[str]) -> str:
        """`_skeleton` of the words joined by spaces, word by word from a cache."""
        cache = self.skeleton_cache
        parts = []
        for word in words:
            part = cache.get(word)
            if part is None:
                part = cache[word] = _REPEATS.sub(r"\1", word.translate(_NO_VOWELS))  # `_skeleton` of one word
            parts.append(part)
        return " ".join(parts)

    def skeleton_of(self, key: str) -> str:
        """`_skeleton` of a registry name."""
        return self.text_skeleton(self.words[key])

    def best_words(self, words: tuple[str, ...], capitalised: tuple[bool, ...]) -> tuple[_Known, str] | None:
        """`best` for folded words and whether each is capitalised: the first name, in the order `rank` gives, that passes."""
        for key, same, close, differing in self.rank(words):
            transliteration = same and all(capitalised[place] for place in differing)
            if transliteration or close:
                return self.targets[len(words)][key], "transliteration" if transliteration else "misspelling"
        return None


def _is_capitalised(token: Token) -> bool:
    return token.exact[:1].isupper() and token.folded not in _CALENDAR


class _CharTable(dict[int, str | None]):
    """A `str.translate` table made by a function of the character, filled as characters are first met."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule
        for code in range(128):
            self[code] = rule(chr(code))

    def __missing__(self, code: int) -> str | None:
        value = self.rule(chr(code))
        self[code] = value
        return value


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == _ABBREVIATION_DOT


# From the fast strings: the folded words (an abbreviation's full stops back), capitals, and gaps as `s` (a space) or `x` (anything else).
_WORDS = _CharTable(lambda ch: "." if ch == _ABBREVIATION_DOT else ch if _is_word_char(ch) else " ")
_CAPITALS = _CharTable(lambda ch: "1" if ch.isupper() else "0")
_GAPS = _CharTable(lambda ch: " " if _is_word_char(ch) else "s" if ch == " " else "x")
_TITLE_DOT = re.compile(r"\. (?=[^\W_])(?:" + "|".join(rf"(?<=(?<![^\W_])(?<!\x06){re.escape(title)}\. )" for title in sorted(_TITLES)) + ")")


def _bits(flags: str) -> int:
    """A string of `0` and `1`, one per word, as a bit set (word k is bit k)."""
    return int(flags[::-1], 2) if flags else 0


def _ones(bits: int) -> list[int]:
    """The set bits, in increasing order."""
    digits = format(bits, "b")[::-1]
    found: list[int] = []
    position = digits.find("1")
    while position >= 0:
        found.append(position)
        position = digits.find("1", position + 1)
    return found


@dataclass
class _Article:
    """One article's words, as the fast strings give them (paragraphs they leave out have none)."""

    text: _FastText
    folded: list[str]
    """Folded words, in order."""
    starts: list[int]
    """Offset in E of each word."""
    ends: list[int]
    """Offset in E after each word."""
    first_word: list[int]
    """Index of each paragraph's first word, then the number of words."""
    upper: int
    """Bit set: words whose first letter is a capital."""
    joined: int
    """Bit set: words joined to the word before as the words of one name are (`_name_joins`)."""
    marks: int
    """Bit set: words that may begin a sentence or a clause (`.`, `!`, `?`, `:` or `;` in the gap before, or an abbreviation before)."""

    def source_start(self, word: int) -> int:
        """Offset in the article's joined text of a word's first character."""
        return self.text.source(self.starts[word])

    def source_end(self, word: int) -> int:
        """Offset in the article's joined text after a word's last character."""
        return self.text.source(self.ends[word] - 1) + 1


def _read_article(article: Article) -> _Article:
    """An article's words and what is known of each (see `_Article`)."""
    text = _fast_text(article)
    e = text.e
    f = e.casefold()
    folded = f.translate(_WORDS).split()
    between = e.translate(_GAPS).split()
    lead = len(between.pop(0)) if e and not _is_word_char(e[0]) else 0
    # Word starts and ends: running sums of word and gap lengths, taken alternately.
    bounds = list(accumulate(chain.from_iterable(zip(map(len, folded), map(len, between), strict=False)), initial=lead))
    if len(between) < len(folded):
        bounds.append(bounds[-1] + len(folded[-1]))
    starts, ends = bounds[0 : 2 * len(folded) : 2], bounds[1 : 2 * len(folded) : 2]
    # Capitals: each word's first character, as `1` or `0`.
    firsts = itemgetter(*starts)(e) if len(starts) > 1 else tuple(e[start] for start in starts)
    upper = _bits("".join(firsts).translate(_CAPITALS))
    first_word = (
        [0, *(bisect.bisect_left(starts, position + 1) for position in _find_all(e, _SEPARATOR)), len(folded)] if e else [0] * (len(article.paragraphs) + 1)
    )
    # Joined: only a space between (a title's full stop joins it to the name after it too: `Gen. Joseph Dunford`).
    joined = _bits("0" + "".join(map({"s": "1"}.get, between[: max(0, len(folded) - 1)], repeat("0"))))
    for match in _TITLE_DOT.finditer(f):
        position = match.start()
        if _ABBREVIATION_GAP.fullmatch(text.masked[text.source(position - 1) + 1 : text.source(position + 2)]):
            joined |= 1 << bisect.bisect_left(starts, position + 2)
    # A sentence or clause may begin after a full stop, question or exclamation mark, colon or semicolon, or an abbreviation.
    marks = 0
    for mark in ".!?:;":
        if mark in e:
            for position in _find_all(e, mark):
                marks |= 1 << bisect.bisect_left(starts, position)
    if _ABBREVIATION_DOT in e:
        for position in _find_all(e, _ABBREVIATION_DOT):
            marks |= 1 << bisect.bisect_right(starts, position)
    return _Article(text, folded, starts, ends, first_word, upper, joined, marks)


def _first_kept(text: _FastText, offsets: Iterable[int]) -> list[int]:
    """For each offset of the joined text, the offset in E of the first character at or after it that E keeps."""
    offsets = list(offsets)
    segments = list(map(sub, map(bisect.bisect_right, repeat(text.segment_source), offsets), repeat(1)))
    lengths = [*map(sub, text.segment_e[1:], text.segment_e), len(text.e) - text.segment_e[-1]]
    within = map(min, map(sub, offsets, map(text.segment_source.__getitem__, segments)), map(lengths.__getitem__, segments))
    return list(map(add, map(text.segment_e.__getitem__, segments), within))


def _mention_words(
    words: _Article, paragraphs: Sequence[Paragraph], unfit: set[int], mentions: Sequence[Mention], ranges: dict[int, tuple[int, int]]
) -> tuple[int, int, int, bool]:
    """Bit sets of the words mentions cover, of the first and of the last word of each; and whether no two mentions share a word.

    A word overlaps a mention's span (`_mention_ranges`); when mentions share words, `ranges` gets each covered word's range.
    """
    if not mentions:
        return 0, 0, 0, True
    numbers = list(map(attrgetter("paragraph"), mentions))
    begins = list(map(attrgetter("start"), mentions))
    finishes = list(map(attrgetter("end"), mentions))
    indexes = list(map(sub, numbers, repeat(1)))
    lengths = [len(paragraph.text) for paragraph in paragraphs]
    inside = min(numbers) >= 1 and max(numbers) <= len(paragraphs) and not unfit.intersection(indexes) and min(begins) >= 0
    if inside and all(map(le, finishes, map(lengths.__getitem__, indexes))):
        # What linking gives: spans inside their paragraphs, in text order, apart. Done list by list.
        offsets = list(map(words.text.starts.__getitem__, indexes))
        firsts = list(map(bisect.bisect_right, repeat(words.ends), _first_kept(words.text, map(add, offsets, begins))))
        lasts = list(map(bisect.bisect_left, repeat(words.starts), _first_kept(words.text, map(add, offsets, finishes))))
        if all(map(lt, firsts, lasts)) and all(map(le, lasts[:-1], firsts[1:])):
            covered = sum(map(sub, map(lshift, repeat(1), lasts), map(lshift, repeat(1), firsts)))
            return covered, sum(map(lshift, repeat(1), firsts)), sum(map(lshift, repeat(1), map(sub, lasts, repeat(1)))), True
    covered = starts = ends = 0
    spans: list[tuple[int, int]] = []
    for number, begin, finish in zip(numbers, begins, finishes, strict=True):
        if number - 1 in unfit or not 0 < number <= len(paragraphs):
            continue
        offset, length = words.text.starts[number - 1], lengths[number - 1]
        first = bisect.bisect_right(words.ends, _first_kept(words.text, [offset + min(max(begin, 0), length)])[0])
        last = bisect.bisect_left(words.starts, _first_kept(words.text, [offset + min(max(finish, 0), length)])[0])
        if first < last:
            spans.append((first, last))
    disjoint = True
    for first, last in spans:
        span = ((1 << (last - first)) - 1) << first
        disjoint = disjoint and not covered & span
        covered |= span
        starts |= 1 << first
        ends |= 1 << (last - 1)
    if not disjoint:  # later mentions' ranges win, as in `_mention_ranges`
        for first, last in spans:
            for word in range(first, last):
                ranges[word] = (first, last)
    return covered, starts, ends, disjoint


@dataclass
class _Scan:
    """What `near_misses` found in one reading of the articles (suggestions come from `build_tools.suggest`)."""

    near_misses: list[Problem] = field(default_factory=list)
    """The near-miss warnings, in article and text order."""


def _near_miss_problem(shown: Callable[[Path], str], article: Article, line: int, written: str, best: tuple[_Known, str]) -> Problem:
    target, kind = best
    alias = f' ("{target.text}")' if target.text != target.actor.name else ""
    return warning(
        shown(article.path),
        line,
        f'"{written}" looks like {target.actor.name}{alias}: if it is the same actor, add it to {shown(target.actor.path)} '
        f"as an alias of kind {kind}, e.g. `- {{text: {_yaml_text(written)}, kind: {kind}}}`",
    )


# Words met this often outside mentions get their similar registry words computed, so that runs they cannot be part of drop out early.
_FREQUENT = 20


class _Scanner:
    """Reads the articles one by one into a `_Scan`."""

    def __init__(self, index: _NearMissIndex, mentions: dict[str, list[Mention]]) -> None:
        self.index = index
        self.mentions = mentions
        self.scan = _Scan()
        self.sizes = sorted((n for n in index.targets if n <= _MAX_NGRAM), reverse=True)
        self.uses: Counter[str] = Counter()
        self.read_count = 0
        self.paths: dict[Path, str] = {}
        self.folders: dict[Path, Path] = {}
        self.here = Path.cwd().resolve()

    def shown(self, path: Path) -> str:
        """`display_path`, resolving each folder once (a file that is not a link resolves to its resolved folder and its name)."""
        found = self.paths.get(path)
        if found is None:
            if path.is_symlink() or path.name in ("", ".", ".."):
                found = display_path(path)
            else:
                folder = self.folders.get(path.parent)
                if folder is None:
                    folder = self.folders[path.parent] = path.parent.resolve()
                try:
                    found = str((folder / path.name).relative_to(self.here))
                except ValueError:
                    found = str(path)
            self.paths[path] = found
        return found

    def _promote(self) -> None:
        """Compute the similar words of the words met often enough (from then on, runs they cannot be part of drop out early)."""
        for word in [word for word, count in self.uses.items() if count >= _FREQUENT and word not in self.index.similar_words]:
            self.index.similar(word)

    def read(self, article: Article) -> None:
        self.read_count += 1
        if self.read_count in (10, 50, 250, 1000, 4000):
            self._promote()
        index, scan = self.index, self.scan
        words = _read_article(article)
        text, folded = words.text, words.folded
        count = len(folded)
        everything = (1 << count) - 1
        paragraphs = article.paragraphs
        unfit = set(text.unfit)
        article_mentions = self.mentions.get(article.id, [])
        # The words mentions cover, and the word range of the mention over each.
        ranges: dict[int, tuple[int, int]] = {}
        covered, mention_starts, mention_ends, disjoint = _mention_words(words, paragraphs, unfit, article_mentions, ranges)
        if self.read_count <= 4000 and (self.read_count <= 500 or self.read_count % 10 == 0):  # enough to tell the frequent words
            self.uses.update(compress(folded, map("0".__eq__, format(covered, "b")[::-1].ljust(count, "0"))))
        # Per word: may it stand in each place of a near miss of each size; is it a month or day, a particle.
        width = len(index.combos) + 3
        flags = "".join(map(index.flags.get, folded, repeat(index.default_flags)))
        alive = {combo: _bits(flags[place::width]) for place, combo in enumerate(index.combos)}
        capitalised = words.upper & ~_bits(flags[width - 3 :: width])
        capitals = format(capitalised, "b")[::-1].ljust(count, "0")
        # Near misses: the word runs that can be one, by size.
        grams: dict[int, list[int]] = {}
        for n in self.sizes:
            found = everything
            for place in range(n):
                found &= alive[(n, place)] >> place
            for place in range(1, n):
                found &= words.joined >> place
            if n == 1:
                found &= capitalised
            if disjoint:
                window = 0
                for place in range(n):
                    window |= covered >> place
                inside_start = covered & ~mention_starts
                inside_end = (covered & ~mention_ends) >> (n - 1)
                found &= ~inside_start & ~inside_end & (~window | (capitalised & (capitalised >> (n - 1))))
            grams[n] = _ones(found)

        def written(start: int, last: int) -> str:
            """The source text of words start to last - 1."""
            begin = words.source_start(start)
            paragraph = bisect.bisect_right(text.starts, begin) - 1
            offset = text.starts[paragraph]
            return paragraphs[paragraph].text[begin - offset : words.source_end(last - 1) - offset]

        # Near misses. Which runs are one does not depend on the others; which get reported does, in the order of the paragraph
        # loop (by paragraph, longer runs first, then from the left): so find them all, then report in that order.
        near: list[tuple[int, int, int, str, tuple[_Known, str]]] = []
        ranked, skip = index.ranked, index.skip
        for n in self.sizes:
            for first in grams[n]:
                last = first + n
                gram = tuple(folded[first:last])
                if gram in skip or ranked.get(gram) == ():
                    continue  # too short, a registry name, or no name can be its near miss
                if not disjoint:
                    held = [ranges[word] for word in range(first, last) if word in ranges]
                    if any(r[0] < first or r[1] > last for r in held):
                        continue
                    if held and not (capitals[first] == "1" and capitals[last - 1] == "1"):
                        continue
                key = " ".join(gram)
                if len(key) < _MIN_NEAR_MISS_LENGTH or key in index.known:
                    skip.add(gram)
                    continue
                best = index.best_words(gram, tuple(c == "1" for c in capitals[first:last]))
                if best is not None:
                    near.append((bisect.bisect_right(words.first_word, first) - 1, -n, first, key, best))
        near.sort(key=itemgetter(0, 1, 2))
        # Report, paragraph by paragraph (a paragraph the fast strings leave out is read on its tokens in its turn).
        reported: set[str] = set()
        claimed: set[int] = set()
        current = -1
        next_near = 0
        for paragraph in [*sorted(unfit), len(paragraphs)]:
            while next_near < len(near) and near[next_near][0] < paragraph:
                at, minus_n, first, key, best = near[next_near]
                next_near += 1
                if at != current:
                    current, claimed = at, set()
                if key in reported or not claimed.isdisjoint(range(first, first - minus_n)):
                    continue
                reported.add(key)
                claimed.update(range(first, first - minus_n))
                scan.near_misses.append(_near_miss_problem(self.shown, article, paragraphs[at].line, written(first, first - minus_n), best))
            if paragraph < len(paragraphs):
                spans = [(mention.start, mention.end) for mention in article_mentions if mention.paragraph == paragraph + 1]
                self._on_tokens(article, paragraph + 1, spans, reported)

    def _on_tokens(self, article: Article, number: int, spans: Sequence[tuple[int, int]], reported: set[str]) -> None:
        """One paragraph the fast strings leave out, read on its tokens."""
        index, scan = self.index, self.scan
        paragraph = article.paragraphs[number - 1]
        text = paragraph.text
        tokens = tokenize(text)
        masked = mask(text)
        runs = list(_runs(masked, tokens))
        ranges = _mention_ranges(tokens, spans)
        claimed = [False] * len(tokens)
        for n in self.sizes:
            for run_start, run_end in runs:
                for first in range(run_start, run_end - n + 1):
                    last = first + n
                    gram = tokens[first:last]
                    if n == 1 and not _is_capitalised(gram[0]):
                        continue
                    # Already a mention, or straddling one: nothing to add. Holding a whole mention is fine (`Haidar al-Abadi` around `Abadi`).
                    held = [r for r in ranges[first:last] if r is not None]
                    if any(r[0] < first or r[1] > last for r in held):
                        continue
                    if held and not (_is_capitalised(gram[0]) and _is_capitalised(gram[-1])):
                        continue  # `at Taqaddum`, `United States to`: a known name and some words, not a new spelling
                    if any(claimed[first:last]):
                        continue
                    folded = _key(gram)
                    if len(folded) < _MIN_NEAR_MISS_LENGTH or folded in reported or folded in index.known:
                        continue
                    best = index.best(gram)
                    if best is None:
                        continue
                    reported.add(folded)
                    claimed[first:last] = [True] * n
                    scan.near_misses.append(_near_miss_problem(self.shown, article, paragraph.line, text[gram[0].start : gram[-1].end], best))


def _mention_ranges(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """For each token, the token range of the mention that covers it, if any."""
    ranges: list[tuple[int, int] | None] = [None] * len(tokens)
    for s, e in spans:
        covered = [i for i, t in enumerate(tokens) if s < t.end and t.start < e]
        if covered:
            for i in covered:
                ranges[i] = (covered[0], covered[-1] + 1)
    return ranges


_INDEXES: list[tuple[Registry, _NearMissIndex]] = []
_SCANS: list[tuple[Sequence[Article], Registry, dict[str, list[Mention]], tuple[int, ...], _Scan]] = []


def _index_for(registry: Registry) -> _NearMissIndex:
    """The registry's near-miss index, built once per registry object (its caches are what make repeated searches cheap)."""
    for known, index in _INDEXES:
        if known is registry:
            return index
    index = _NearMissIndex.build(registry)
    _INDEXES[:] = [(registry, index)]
    return index


# From this many articles on, a forked child reads the later half meanwhile (see `processes.in_two_halves`).
PARALLEL_FROM = 400


def _scan_part(registry: Registry, mentions: dict[str, list[Mention]], articles: Sequence[Article]) -> _Scan:
    """Read `articles`, in order, with a scanner of their own."""
    scanner = _Scanner(_index_for(registry), mentions)
    for article in articles:
        scanner.read(article)
    return scanner.scan


def _merged(scans: Iterable[_Scan]) -> _Scan:
    """One scan of what several read, in their order."""
    merged = _Scan()
    for scan in scans:
        merged.near_misses.extend(scan.near_misses)
    return merged


def _read_all(registry: Registry, mentions: dict[str, list[Mention]], articles: Sequence[Article]) -> _Scan:
    """Read each article, in order; with many articles a forked child reads the later half meanwhile."""
    if len(articles) < PARALLEL_FROM:
        return _scan_part(registry, mentions, articles)
    _index_for(registry)  # built before the fork, so the child inherits it
    return _merged(in_two_halves(articles, lambda half: _scan_part(registry, mentions, half)))


def _scan(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> _Scan:
    """Read the articles once for both near misses and suggestions (`check` asks for both with the same arguments)."""
    shape = (len(articles), len(mentions), sum(len(found) for found in mentions.values()))
    for seen_articles, seen_registry, seen_mentions, seen_shape, scan in _SCANS:
        if seen_articles is articles and seen_registry is registry and seen_mentions is mentions and seen_shape == shape:
            return scan
    collecting = gc.isenabled()
    gc.disable()  # many objects, no reference cycles
    try:
        scan = _read_all(registry, mentions, articles)
    finally:
        if collecting:
            gc.enable()
    _SCANS[:] = [(articles, registry, mentions, shape, scan)]
    return scan


def near_misses(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Problem]:
    """Text close to a registry name but not equal to it (`Suleimani` vs `Soleimani`), with the alias to add."""
    return list(_scan(articles, registry, mentions).near_misses)


def unknown_actor_suggestions(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Suggestion]:
    """Names in the text that no actor claims (see `build_tools.suggest`), most frequent first."""
    known = _known_names(registry)
    return _suggestion_rows(_article_candidates(article, mentions.get(article.id, []), known) for article in articles)


# --- Suggestions come from `build_tools.suggest`, article by article; what the registry knows is the near-miss index's. ---


def _known_names(registry: Registry) -> KnownNames:
    """The registry's names for `suggest_article`: its folded names, and its near misses (reported as problems instead)."""
    index = _index_for(registry)
    types = {actor.id: actor.type for actor in registry.actors.values()}
    return KnownNames(index.known, lambda words, capitals: index.best_words(words, capitals) is not None, types)


def _article_candidates(article: Article, mentions: Sequence[Mention], known: KnownNames) -> tuple[str, list[Candidate]]:
    return article.id, suggest_article([paragraph.text for paragraph in article.paragraphs], mentions, known)


def _suggestion_rows(per_article: Iterable[tuple[str, Sequence[Candidate]]]) -> list[Suggestion]:
    return _as_suggestions(aggregate(per_article))


def _as_suggestions(found: Iterable[Suggested]) -> list[Suggestion]:
    """`Suggestion` rows, made without the frozen dataclass's `object.__setattr__` per field (a hundred thousand at 10,000
    articles: half a second); only while `Suggestion` is the plain frozen dataclass of `Suggested`'s fields."""
    if not _PLAIN_SUGGESTION:
        return [Suggestion(s.text, s.count, s.articles, s.type, s.id, s.reason, s.example, s.aliases) for s in found]
    made = []
    for s in found:
        row = object.__new__(Suggestion)
        row.__dict__.update(s.__dict__)
        made.append(row)
    return made


_PLAIN_SUGGESTION = (
    [f.name for f in fields(Suggestion)] == [f.name for f in fields(Suggested)]
    and not hasattr(Suggestion, "__slots__")
    and not hasattr(Suggestion, "__post_init__")
    and not hasattr(Suggested, "__slots__")
)


@dataclass(frozen=True)
class Checked:
    """What `check` reports about a content folder."""

    problems: list[Problem]
    """Every problem, near misses included, in file and line order."""
    suggestions: list[Suggestion]
    """Names the registry lacks, most frequent first."""
    articles: int
    """How many sources became articles."""
    actors: int
    """How many actors loaded."""


@dataclass(frozen=True)
class _Part:
    """What checking a run of sources found: what a forked child sends back, small beside the articles themselves."""

    articles: list[tuple[str, Path]]
    """(id, path) of each article read, to find ids that two parts both have."""
    problems: list[Problem]
    """What reading and linking found."""
    mentioned: set[str]
    """Ids of the actors these articles mention."""
    scan: _Scan
    """Near misses."""
    names: dict[str, Group]
    """The names these articles give that the registry lacks, collected (`suggest.collect`) where they were read."""


def _check_part(paths: Sequence[Path], outlets: OutletTable, registry: Registry, matcher: Matcher) -> _Part:
    articles, problems = read_paths(paths, outlets)
    articles, found = unique_articles(articles)
    problems += found
    mentions: dict[str, list[Mention]] = {}
    scanner = _Scanner(_index_for(registry), mentions)
    known = _known_names(registry)
    candidates = []
    for article in articles:
        # Scanned right after it is linked: both start from the same folded text, made once.
        mentions[article.id], found = link_article(matcher, article)
        problems += found
        scanner.read(article)
        candidates.append(_article_candidates(article, mentions[article.id], known))
    mentioned = {mention.actor for found_mentions in mentions.values() for mention in found_mentions}
    return _Part([(article.id, article.path) for article in articles], problems, mentioned, scanner.scan, collect(candidates))


def check_content(content: Path) -> Checked:
    """Everything `check` reports, each source read, linked and scanned once from start to end.

    Unlike `build`, `check` needs no article back once it is scanned: with many sources a forked child
    reads, links and scans the later half and sends back only what it found, and no article crosses
    between processes. An id both halves have (one article pasted twice) sends it down the one-process road,
    which drops the later copy before linking it.
    """
    registry, problems = load_registry(content)
    outlets, found = load_outlets(content)
    problems += found
    paths, found = source_paths(content)
    problems += found
    # Built before the fork, so a child inherits them instead of building them again.
    matcher = compile_registry(registry)
    _index_for(registry)
    lexicon()
    parts = in_two_halves(paths, lambda half: _check_part(half, outlets, registry, matcher)) if len(paths) >= PARALLEL_FROM else []
    ids = [article_id for part in parts for article_id, _ in part.articles]
    if not parts or len(set(ids)) < len(ids):
        parts = [_check_part(paths, outlets, registry, matcher)]
    scan = _merged(part.scan for part in parts)
    mentioned: set[str] = set()
    for part in parts:
        problems += part.problems
        mentioned |= part.mentioned
    problems += unmentioned_actors(registry, mentioned)
    problems += scan.near_misses
    suggestions = _as_suggestions(rows(merge(part.names for part in parts)))
    return Checked(sorted(problems), suggestions, sum(len(part.articles) for part in parts), len(registry))
