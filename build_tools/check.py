"""What `check` adds to a build's problems: near misses of known names, and names the registry lacks."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from build_tools.link import Token, tokenize
from build_tools.model import Article, Mention
from build_tools.problems import Problem, warning
from build_tools.registry import Registry
from build_tools.sentences import sentence_bounds

_NEAR_MISS_SCORE = 88.0
_MAX_NGRAM = 4
# Endings that turn a name into a demonym, adjective or plural (`Iraq` -> `Iraqi`): not misspellings.
_DERIVED_ENDINGS = ("i", "is", "ian", "ians", "n", "ns", "s", "es", "ese", "ish", "ite", "ites")
_JOIN = re.compile(r"[\s\-‐‑‒–]+")
_ABBREVIATION_GAP = re.compile(r"\.\s+")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "of", "the", "for", "and", "la", "le", "van", "von", "du", "da"})
_TITLES = frozenset(
    """
    gen general lt col colonel maj major capt captain adm admiral sgt sergeant mr mrs ms dr prof sen
    senator rep gov governor amb ambassador president premier minister prime secretary defense
    foreign interior ayatollah grand sheikh imam cleric king prince emir commander spokesman chairman
    brig brigadier lieutenant vice deputy chief marine army navy
    """.split()
)
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Z0-9&\-]{1,9})\)")


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


def _known_keys(registry: Registry) -> dict[int, dict[str, tuple[str, str]]]:
    """Token count -> folded alias -> (actor id, alias text)."""
    known: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for actor in registry.actors.values():
        for alias in actor.names():
            tokens = tokenize(alias.text)
            if tokens:
                known[len(tokens)].setdefault(" ".join(t.folded for t in tokens), (actor.id, alias.text))
    return known


def _joins(text: str, previous: Token, token: Token) -> bool:
    gap = text[previous.end : token.start]
    if _JOIN.fullmatch(gap):
        return True
    # `Gen. Joseph Dunford`, `Lloyd J. Austin`: a full stop after a title or an initial stays inside the name.
    return bool(_ABBREVIATION_GAP.fullmatch(gap)) and (previous.folded in _TITLES or (len(previous.exact) == 1 and previous.exact.isupper()))


def _runs(text: str, tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
    """Token index ranges joined only by spaces or hyphens (a name never spans a comma)."""
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or not _joins(text, tokens[index - 1], tokens[index]):
            yield start, index
            start = index


def _is_derived(candidate: str, known: str) -> bool:
    longer, shorter = (candidate, known) if len(candidate) > len(known) else (known, candidate)
    return longer.startswith(shorter) and longer[len(shorter) :] in _DERIVED_ENDINGS


def near_misses(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Problem]:
    """Text close to an alias but not equal to it (`Suleimani` vs `Soleimani`), with the alias to add."""
    known = _known_keys(registry)
    choices = {n: list(keys) for n, keys in known.items()}
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for n, keys in choices.items():
        for key in keys:
            blocks[(n, key[:1])].append(key)
    problems: list[Problem] = []
    for article in articles:
        spans = defaultdict(list)
        for m in mentions.get(article.id, []):
            spans[m.paragraph].append((m.start, m.end))
        reported: set[str] = set()
        for number, paragraph in enumerate(article.paragraphs, start=1):
            tokens = tokenize(paragraph.text)
            taken = spans.get(number, [])
            for run_start, run_end in _runs(paragraph.text, tokens):
                for n in range(1, _MAX_NGRAM + 1):
                    for first in range(run_start, run_end - n + 1):
                        gram = tokens[first : first + n]
                        start, end = gram[0].start, gram[-1].end
                        if any(s < end and start < e for s, e in taken):
                            continue
                        folded = " ".join(t.folded for t in gram)
                        if len(folded) < 6 or folded in reported or folded in known.get(n, {}):
                            continue
                        if not any(t.exact[:1].isupper() for t in gram) and n == 1:
                            continue
                        block = blocks.get((n, folded[:1]), [])
                        if not block:
                            continue
                        best = process.extractOne(folded, block, scorer=fuzz.ratio, score_cutoff=_NEAR_MISS_SCORE)
                        if best is None or _is_derived(folded, best[0]):
                            continue
                        reported.add(folded)
                        actor_id, alias_text = known[n][best[0]]
                        actor = registry.actors[actor_id]
                        written = paragraph.text[start:end]
                        problems.append(
                            warning(
                                article.path,
                                paragraph.line,
                                f'"{written}" looks like {actor.name} ("{alias_text}"): if it is the same actor, add it to content/actors/{actor_id}.yml as an alias of kind misspelling, '
                                f"e.g. `- {{text: {written}, kind: misspelling}}` (or transliteration)",
                            )
                        )
    return problems


def _is_capitalised(token: Token) -> bool:
    return token.exact[:1].isupper()


def _candidate_runs(text: str, tokens: Sequence[Token], sentence_starts: set[int]) -> Iterable[tuple[int, int]]:
    """Runs of capitalised words (particles allowed inside), without a sentence-initial word or leading titles."""
    for run_start, run_end in _runs(text, tokens):
        index = run_start
        while index < run_end:
            if not _is_capitalised(tokens[index]):
                index += 1
                continue
            end = index
            while end < run_end and (_is_capitalised(tokens[end]) or (tokens[end].folded in _PARTICLES and end + 1 < run_end and _is_capitalised(tokens[end + 1]))):
                end += 1
            start = index
            if tokens[start].start in sentence_starts:
                start += 1
            titled = False
            while start < end and tokens[start].folded in _TITLES:
                start += 1
                titled = True
            while start < end and tokens[start].folded in _PARTICLES:
                start += 1
            names = [t for t in tokens[start:end] if _is_capitalised(t)]
            if len(names) >= 2 or (titled and len(names) == 1):
                if not all(t.folded in _CALENDAR or t.folded in _TITLES for t in names):
                    yield start, end
            index = max(end, index + 1)


def _sentence_starts(text: str, tokens: Sequence[Token]) -> set[int]:
    """Offsets of the tokens that begin a sentence: their capital says nothing about being a name."""
    starts: set[int] = set()
    token_starts = [t.start for t in tokens]
    for sentence_start, _ in sentence_bounds(text):
        index = bisect.bisect_left(token_starts, sentence_start)
        while index < len(tokens) and text[tokens[index].start - 1 : tokens[index].start] == "[":
            index += 1  # a reference marker `[2]` between sentences is not the first word
        if index < len(tokens):
            starts.add(tokens[index].start)
    return starts


def unknown_actor_suggestions(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> list[Suggestion]:
    """Names in the text that no actor claims: multi-word capitalised names, names after titles, acronyms in parentheses."""
    known = {key for keys in _known_keys(registry).values() for key in keys}
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, set[str]] = defaultdict(set)

    def note(text: str, key: str, article_id: str) -> None:
        counts[key] += 1
        spellings[key][text] += 1
        where[key].add(article_id)

    for article in articles:
        spans = defaultdict(list)
        for m in mentions.get(article.id, []):
            spans[m.paragraph].append((m.start, m.end))
        for number, paragraph in enumerate(article.paragraphs, start=1):
            text = paragraph.text
            tokens = tokenize(text)
            taken = spans.get(number, [])
            for start, end in _candidate_runs(text, tokens, _sentence_starts(text, tokens)):
                first, last = tokens[start], tokens[end - 1]
                if any(s < last.end and first.start < e for s, e in taken):
                    continue
                key = " ".join(t.folded for t in tokens[start:end])
                if key not in known:
                    note(text[first.start : last.end], key, article.id)
            for match in _ACRONYM_IN_PARENS.finditer(text):
                acronym = match.group(1)
                if acronym.casefold() not in known:
                    note(acronym, acronym.casefold(), article.id)
    suggestions = [Suggestion(spellings[key].most_common(1)[0][0], count, tuple(sorted(where[key]))) for key, count in counts.items()]
    return sorted(suggestions, key=lambda s: (-s.count, -len(s.articles), s.text.casefold()))
