"""What `check` adds to a build's problems: near misses of known names, and names the registry lacks."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from build_tools.link import Token, joins, mask, sentence_start_indexes, tokenize
from build_tools.model import Article, Mention
from build_tools.problems import Problem, display_path, warning
from build_tools.registry import Actor, Registry

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
# Words that begin a title (`Defense Secretary`, `Army Gen.`, `Grand Ayatollah`) but also names (`Mahdi Army`): dropped only before a title.
_TITLE_MODIFIERS = frozenset(["grand", "vice", "deputy", "chief", "defense", "defence", "foreign", "interior", "army", "navy", "marine", "air", "force"])
_CALENDAR = frozenset(
    [
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ]
)
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Z0-9&\-]{1,9})\)")
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

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "count": self.count, "articles": list(self.articles)}


@dataclass(frozen=True)
class _Known:
    """A registry name a near miss can be compared with."""

    actor: Actor
    """Whose name it is."""
    text: str
    """The name as the registry writes it (the whole alias, even when only its first words are compared)."""


def _key(tokens: Sequence[Token]) -> str:
    return " ".join(t.folded for t in tokens)


def _known_keys(registry: Registry) -> set[str]:
    """Every registry name, as folded words joined by spaces."""
    return {_key(tokenize(alias.text)) for actor in registry.actors.values() for alias in actor.names()}


def _near_miss_targets(registry: Registry) -> dict[int, dict[str, _Known]]:
    """Word count -> folded name -> the name: whole names, and the first words of longer ones (`popular mobilization`)."""
    targets: dict[int, dict[str, _Known]] = defaultdict(dict)
    prefixes: dict[int, dict[str, _Known]] = defaultdict(dict)
    for actor in registry.actors.values():
        for alias in actor.names():
            tokens = tokenize(alias.text)
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

    @classmethod
    def build(cls, registry: Registry) -> _NearMissIndex:
        targets = _near_miss_targets(registry)
        by_first_word: dict[int, dict[str, list[tuple[str, tuple[str, ...]]]]] = defaultdict(lambda: defaultdict(list))
        vocabulary: set[str] = set()
        for n, keys in targets.items():
            for key in keys:
                words = tuple(key.split(" "))
                by_first_word[n][words[0]].append((key, words))
                vocabulary.update(words)
        return cls(targets, by_first_word, sorted(vocabulary), {})

    def similar(self, word: str) -> frozenset[str]:
        """Registry words equal to `word` or close to it (Jaro-Winkler, and not much shorter or longer: `in` is not `dinu`)."""
        found = self.similar_words.get(word)
        if found is None:
            close = process.extract(word, self.vocabulary, scorer=JaroWinkler.normalized_similarity, score_cutoff=_WORD_SIMILARITY, limit=None)
            found = frozenset(other for other, _, _ in close if min(len(word), len(other)) >= _WORD_LENGTH_RATIO * max(len(word), len(other)))
            self.similar_words[word] = found
        return found

    def best(self, gram: Sequence[Token]) -> tuple[_Known, str] | None:
        """The registry name `gram` looks like, and the kind of alias to add (transliteration or misspelling), or None."""
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
            # Another romanisation of a name: the same consonants, written as a name.
            transliteration = _skeleton(folded) == _skeleton(key) and len(_skeleton(key).replace(" ", "")) >= 3 and all(_is_capitalised(t) for t in differing)
            if transliteration or fuzz.ratio(folded, key) >= _NEAR_MISS_SCORE:
                return self.targets[len(words)][key], "transliteration" if transliteration else "misspelling"
        return None


def _mention_ranges(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """For each token, the token range of the mention that covers it, if any."""
    ranges: list[tuple[int, int] | None] = [None] * len(tokens)
    for s, e in spans:
        covered = [i for i, t in enumerate(tokens) if s < t.end and t.start < e]
        if covered:
            for i in covered:
                ranges[i] = (covered[0], covered[-1] + 1)
    return ranges


def near_misses(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Problem]:
    """Text close to a registry name but not equal to it (`Suleimani` vs `Soleimani`), with the alias to add."""
    index = _NearMissIndex.build(registry)
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
                        # Already a mention, or straddling one: nothing to add. Holding a whole mention is fine (`Haidar al-Abadi` around `Abadi`).
                        held = [r for r in ranges[first:last] if r is not None]
                        if any(r[0] < first or r[1] > last for r in held):
                            continue
                        if held and not (_is_capitalised(gram[0]) and _is_capitalised(gram[-1])):
                            continue  # `at Taqaddum`, `United States to`: a known name and some words, not a new spelling
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


def _is_capitalised(token: Token) -> bool:
    return token.exact[:1].isupper() and token.folded not in _CALENDAR


_AFTER_COLON = re.compile(r"[:;]\s*[\"“‘'(]*$")


def _sentence_starts(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indexes of the tokens that begin a sentence (or a clause after a colon): their capital says nothing about being a name."""
    starts = sentence_start_indexes(text, tokens)
    starts.update(index for index in range(1, len(tokens)) if _AFTER_COLON.search(text[tokens[index - 1].end : tokens[index].start]))
    return starts


def _strip_titles(tokens: Sequence[Token], start: int, end: int) -> tuple[int, bool]:
    """Skip the titles a name starts with (`Prime Minister`, `Defense Secretary`, `Secretary of State`); say whether there were any."""
    titled = False
    while start < end:
        folded = tokens[start].folded
        if folded in _TITLES:
            start, titled = start + 1, True
        elif folded in _TITLE_MODIFIERS and any(t.folded in _TITLES for t in tokens[start + 1 : end]):
            start += 1
        elif titled and folded == "of" and end - start > 2:
            start += 2  # `Secretary of State John Kerry`, `Minister of Defense Khaled al-Obeidi`
        else:
            break
    return start, titled


def _candidates(masked: str, tokens: Sequence[Token], covered: set[int], sentence_starts: set[int], name_words: set[str]) -> Iterable[tuple[int, int]]:
    """Capitalised names (particles allowed inside) of two words or more, or of one after a title, outside mentions.

    A sentence's first word counts only when the articles also capitalise it inside a sentence (`Joseph` in `Joseph Dunford said`, not `Meanwhile`).
    """
    for run_start, run_end in _runs(masked, tokens):
        index = run_start
        while index < run_end:
            if index in covered or not _is_capitalised(tokens[index]):
                index += 1
                continue
            end = index
            while end < run_end and end not in covered:
                if _is_capitalised(tokens[end]):
                    end += 1
                else:
                    after = end
                    while after < run_end and after not in covered and tokens[after].folded in _PARTICLES and not _is_capitalised(tokens[after]):
                        after += 1
                    if after in (end, run_end) or after in covered or not _is_capitalised(tokens[after]):
                        break
                    end = after
            start, titled = _strip_titles(tokens, index, end)
            if not titled and start == index and start in sentence_starts and tokens[start].folded not in name_words:
                start, titled = _strip_titles(tokens, start + 1, end)
            while start < end and tokens[start].folded in _PARTICLES:
                start += 1
            last = end
            while last > start and tokens[last - 1].folded in _TITLES:
                last -= 1
            names = [t for t in tokens[start:last] if _is_capitalised(t)]
            if len(names) >= 2 or (titled and len(names) == 1):
                yield start, last
            index = max(end, index + 1)


def unknown_actor_suggestions(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Suggestion]:
    """Names in the text that no actor claims: multi-word capitalised names, names after titles, acronyms in parentheses."""
    known = _known_keys(registry)
    index = _NearMissIndex.build(registry)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, set[str]] = defaultdict(set)

    def note(text: str, key: str, article_id: str) -> None:
        counts[key] += 1
        spellings[key][text] += 1
        where[key].add(article_id)

    paragraphs: list[tuple[str, int, str, str, list[Token], set[int]]] = []
    name_words: set[str] = set()
    for article in articles:
        for number, paragraph in enumerate(article.paragraphs, start=1):
            tokens = tokenize(paragraph.text)
            starts = _sentence_starts(paragraph.text, tokens)
            paragraphs.append((article.id, number, paragraph.text, mask(paragraph.text), tokens, starts))
            name_words.update(t.folded for i, t in enumerate(tokens) if i not in starts and _is_capitalised(t))
    name_words -= _PARTICLES | _TITLES | _TITLE_MODIFIERS
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for article_id, found in mentions.items():
        for m in found:
            spans[(article_id, m.paragraph)].append((m.start, m.end))
    for article_id, number, text, masked, tokens, starts in paragraphs:
        taken = spans.get((article_id, number), [])
        covered = {i for i, t in enumerate(tokens) if any(s < t.end and t.start < e for s, e in taken)}
        for start, end in _candidates(masked, tokens, covered, starts, name_words):
            key = _key(tokens[start:end])
            if key not in known and index.best(tokens[start:end]) is None:
                note(text[tokens[start].start : tokens[end - 1].end], key, article_id)
        for match in _ACRONYM_IN_PARENS.finditer(masked):
            acronym = match.group(1)
            key = _key(tokenize(acronym))
            if key not in known:
                note(acronym, key, article_id)
    suggestions = [Suggestion(spellings[key].most_common(1)[0][0], count, tuple(sorted(where[key]))) for key, count in counts.items()]
    return sorted(suggestions, key=lambda s: (-s.count, -len(s.articles), s.text.casefold()))
