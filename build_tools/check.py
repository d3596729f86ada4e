"""What `check` adds to a build's problems: near misses of known names, and names the registry lacks.

`scan` reads each article once for both, right after it is linked: the near misses
(`build_tools.near_miss`) from its words (`build_tools.article_words`, read from the linker's E string),
and the names the registry lacks from the suggestion engine (`build_tools.suggest`, one article at a
time), collected where they are read (`build_tools.suggestions.Names`). Paragraphs E leaves out are
read on their tokens, the clear path; `scan(..., on_tokens=True)` reads every paragraph so, and
`tests/test_fast_paths.py` holds both readings equal. `check_content` is the command: each source
read, linked and scanned once, the later half by a forked child; the parent merges what both found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from build_tools.article_words import ArticleWords, MentionWords, all_on_tokens, bits, flags, ones, read_words, token_mention_ranges
from build_tools.fast_text import FastText, fast_text
from build_tools.link import Matcher, compile_registry, link_article, unmentioned_actors
from build_tools.model import Article, Mention
from build_tools.names import lexicon
from build_tools.near_miss import MAX_NGRAM, MIN_NEAR_MISS_LENGTH, Known, NearMissIndex, is_name_word, near_miss_problem
from build_tools.problems import Problem, display_path
from build_tools.processes import in_two_halves, without_cycle_collection
from build_tools.read import OutletTable, load_outlets, read_paths, source_paths, unique_articles
from build_tools.registry import Registry, load_registry
from build_tools.suggest import suggest_article
from build_tools.suggestions import KnownNames, Names, Suggestion
from build_tools.text import folded_key, joins_after_title, mask, name_runs, tokenize

__all__ = ["Checked", "Scan", "Suggestion", "check_content", "scan"]

# Words met this often outside mentions get their similar registry words computed, so that runs they cannot be part of drop out early.
_FREQUENT = 20
# After how many articles the frequent words are looked at again.
_PROMOTE_AFTER = (10, 50, 250, 1000, 4000)


class Scan(NamedTuple):
    """What `scan` found."""

    near_misses: list[Problem]
    """The near-miss warnings, in article and text order."""
    suggestions: list[Suggestion]
    """Names the registry lacks, most frequent first."""


@dataclass
class _Found:
    """What reading some articles found: small, so a forked child sends it back cheaply."""

    near_misses: list[Problem] = field(default_factory=list)
    """The near-miss warnings, in article and text order."""
    names: Names = field(default_factory=Names)
    """The names the articles give that the registry lacks, collected."""

    @classmethod
    def merged(cls, parts: Iterable[_Found]) -> _Found:
        """One result of what several read, in their order."""
        parts = list(parts)
        return cls([problem for part in parts for problem in part.near_misses], Names.merged(part.names for part in parts))

    def scan(self) -> Scan:
        return Scan(self.near_misses, self.names.rows())


class _NearMiss(NamedTuple):
    """A near miss found on E, before the paragraph's order decides which are reported."""

    paragraph: int
    """Index of its paragraph."""
    minus_size: int
    """Minus its word count (longer runs are reported first)."""
    first: int
    """Index of its first word."""
    key: str
    """Its folded words."""
    best: tuple[Known, str]
    """The registry name it looks like, and the kind of alias to add."""


class _Scanner:
    """Reads articles one by one: near misses here, names for suggestions by the suggestion step."""

    def __init__(self, index: NearMissIndex, known: KnownNames) -> None:
        self.index = index
        self.known = known
        self.found = _Found()
        self.sizes = sorted((n for n in index.targets if n <= MAX_NGRAM), reverse=True)
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

    def read(self, article: Article, mentions: Sequence[Mention], text: FastText) -> None:
        """Read one article (`text`: its E) for near misses and names."""
        self.read_count += 1
        if self.read_count in _PROMOTE_AFTER:
            self._promote()
        words = read_words(text, [p.text for p in article.paragraphs])
        covered = words.mention_words(mentions)
        self._count_uses(words, covered)
        self.found.near_misses += self._near_misses(article, mentions, words, covered)
        self.found.names.add(article.id, suggest_article([p.text for p in article.paragraphs], mentions, self.known))

    def _count_uses(self, words: ArticleWords, covered: MentionWords) -> None:
        """Count the words outside mentions, over enough articles to tell the frequent ones."""
        if self.read_count <= 4000 and (self.read_count <= 500 or self.read_count % 10 == 0):
            folded = words.folded
            self.uses.update([word for word, flag in zip(folded, flags(covered.covered, len(folded)), strict=True) if flag == "0"])

    def _promote(self) -> None:
        """Compute the similar words of the words met often enough (from then on, runs they cannot be part of drop out early)."""
        for word in [word for word, count in self.uses.items() if count >= _FREQUENT and word not in self.index.similar_words]:
            self.index.similar(word)

    def _candidate_runs(self, words: ArticleWords, covered: MentionWords) -> dict[int, list[int]]:
        """Word count -> the first words of the runs of that many words that can be a near miss (from the index's per-word flags)."""
        index = self.index
        count = len(words.folded)
        everything = (1 << count) - 1
        # Per word: may it stand in each place of a near miss of each size.
        width = len(index.combos) + 3
        # `map` calls `dict.get` from C: a list comprehension's per-word method call was 0.1 s more per 1,000 articles.
        word_flags = "".join(map(index.flags.get, words.folded, repeat(index.default_flags)))
        alive = {combo: bits(word_flags[place::width]) for place, combo in enumerate(index.combos)}
        capitalised = words.capitalised
        runs: dict[int, list[int]] = {}
        for n in self.sizes:
            found = everything
            for place in range(n):
                found &= alive[(n, place)] >> place
            for place in range(1, n):
                found &= words.joined >> place
            if n == 1:
                found &= capitalised
            if covered.disjoint:
                # Not inside a mention, nor straddling one; holding a whole one is fine when both ends are capitalised.
                window = 0
                for place in range(n):
                    window |= covered.covered >> place
                inside_start = covered.covered & ~covered.starts
                inside_end = (covered.covered & ~covered.ends) >> (n - 1)
                found &= ~inside_start & ~inside_end & (~window | (capitalised & (capitalised >> (n - 1))))
            runs[n] = ones(found)
        return runs

    def _fast_near_misses(self, words: ArticleWords, covered: MentionWords) -> list[_NearMiss]:
        """The near misses among the candidate runs, in the order they are reported: by paragraph, longer runs first, then from the left."""
        index = self.index
        folded = words.folded
        capitals = flags(words.capitalised, len(folded))
        ranked, skip = index.ranked, index.skip
        near: list[_NearMiss] = []
        for n, firsts in self._candidate_runs(words, covered).items():
            for first in firsts:
                last = first + n
                gram = tuple(folded[first:last])
                if gram in skip or ranked.get(gram) == ():
                    if n == 1:
                        index.never_alone(gram[0])
                    continue  # too short, a registry name, or no name can be its near miss
                if not covered.disjoint:
                    held = [covered.ranges[word] for word in range(first, last) if word in covered.ranges]
                    if any(r[0] < first or r[1] > last for r in held):
                        continue
                    if held and not (capitals[first] == "1" and capitals[last - 1] == "1"):
                        continue
                key = " ".join(gram)
                if len(key) < MIN_NEAR_MISS_LENGTH or key in index.known:
                    skip.add(gram)
                    if n == 1:
                        index.never_alone(gram[0])
                    continue
                best = index.best_words(gram, tuple(c == "1" for c in capitals[first:last]))
                if best is not None:
                    near.append(_NearMiss(words.paragraph_of(first), -n, first, key, best))
                elif n == 1 and ranked[gram] == ():
                    index.never_alone(gram[0])
        near.sort(key=itemgetter(0, 1, 2))
        return near

    def _near_misses(self, article: Article, mentions: Sequence[Mention], words: ArticleWords, covered: MentionWords) -> list[Problem]:
        """The article's near misses, paragraph by paragraph (a paragraph E leaves out is read on its tokens in its turn);
        each folded name is reported once per article, and a word belongs to one near miss at most."""
        near = self._fast_near_misses(words, covered)
        paragraphs = article.paragraphs
        problems: list[Problem] = []
        reported: set[str] = set()
        claimed: set[int] = set()
        current = -1
        next_near = 0
        for paragraph in [*words.text.unfit, len(paragraphs)]:
            while next_near < len(near) and near[next_near].paragraph < paragraph:
                at, minus_n, first, key, best = near[next_near]
                next_near += 1
                if at != current:
                    current, claimed = at, set()
                if key in reported or not claimed.isdisjoint(range(first, first - minus_n)):
                    continue
                reported.add(key)
                claimed.update(range(first, first - minus_n))
                problems.append(near_miss_problem(self.shown, article, paragraphs[at].line, words.written(first, first - minus_n), best))
            if paragraph < len(paragraphs):
                spans = [(mention.start, mention.end) for mention in mentions if mention.paragraph == paragraph + 1]
                problems += self._paragraph_near_misses(article, paragraph + 1, spans, reported)
        return problems

    def _paragraph_near_misses(self, article: Article, number: int, spans: Sequence[tuple[int, int]], reported: set[str]) -> list[Problem]:
        """One paragraph's near misses, read on its tokens (the clear path): every run of words, longest first, from the left."""
        paragraph = article.paragraphs[number - 1]
        text = paragraph.text
        tokens = tokenize(text)
        runs = name_runs(mask(text), tokens, joins_after_title)
        ranges = token_mention_ranges(tokens, spans)
        claimed = [False] * len(tokens)
        problems: list[Problem] = []
        for n in self.sizes:
            for run_start, run_end in runs:
                for first in range(run_start, run_end - n + 1):
                    last = first + n
                    gram = tokens[first:last]
                    if n == 1 and not is_name_word(gram[0]):
                        continue
                    # Already a mention, or straddling one: nothing to add. Holding a whole mention is fine (`Haidar al-Abadi` around `Abadi`).
                    held = [r for r in ranges[first:last] if r is not None]
                    if any(r[0] < first or r[1] > last for r in held):
                        continue
                    if held and not (is_name_word(gram[0]) and is_name_word(gram[-1])):
                        continue  # `at Taqaddum`, `United States to`: a known name and some words, not a new spelling
                    if any(claimed[first:last]):
                        continue
                    folded = folded_key(gram)
                    if len(folded) < MIN_NEAR_MISS_LENGTH or folded in reported or folded in self.index.known:
                        continue
                    best = self.index.best(gram)
                    if best is None:
                        continue
                    reported.add(folded)
                    claimed[first:last] = [True] * n
                    problems.append(near_miss_problem(self.shown, article, paragraph.line, text[gram[0].start : gram[-1].end], best))
        return problems


def known_names(index: NearMissIndex, registry: Registry) -> KnownNames:
    """What the suggestion engine must not suggest: registry names, and near misses of them (reported as problems instead).
    Made before a fork, with the engine's word lists loaded, so a child inherits both."""
    lexicon()
    types = {actor.id: actor.type for actor in registry.actors.values()}
    names = {folded_key(tokenize(alias.text)): actor.type for actor in registry.actors.values() for alias in actor.names()}
    return KnownNames(names, lambda words, capitalised: index.best_words(words, capitalised) is not None, types)


def _read_all(
    index: NearMissIndex, known: KnownNames, articles: Sequence[Article], mentions: dict[str, list[Mention]], text_of: Callable[[Article], FastText]
) -> _Found:
    """Read `articles`, in order, with a scanner of their own."""
    scanner = _Scanner(index, known)
    for article in articles:
        scanner.read(article, mentions.get(article.id, []), text_of(article))
    return scanner.found


def scan(articles: Sequence[Article], registry: Registry, mentions: dict[str, list[Mention]], *, on_tokens: bool = False) -> Scan:
    """Near misses and names the registry lacks, from one reading of the articles (a forked child reads the later half of many).

    `on_tokens`: read every paragraph on its tokens, the slow clear path the fast one must equal.
    """
    index = NearMissIndex.build(registry)  # before the fork, so the child inherits it
    known = known_names(index, registry)

    def text_of(article: Article) -> FastText:
        return all_on_tokens([p.text for p in article.paragraphs]) if on_tokens else fast_text(article)

    with without_cycle_collection():
        return _Found.merged(in_two_halves(articles, lambda part: _read_all(index, known, part, mentions, text_of))).scan()


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
    found: _Found
    """Near misses and the names for suggestions."""


def _check_part(paths: Sequence[Path], outlets: OutletTable, matcher: Matcher, index: NearMissIndex, known: KnownNames) -> _Part:
    articles, problems = read_paths(paths, outlets)
    articles, found = unique_articles(articles)
    problems += found
    mentioned: set[str] = set()
    scanner = _Scanner(index, known)
    for article in articles:
        # Scanned right after it is linked: both start from the same E, made once.
        text = fast_text(article)
        mentions, found = link_article(matcher, article, text)
        problems += found
        mentioned.update(mention.actor for mention in mentions)
        scanner.read(article, mentions, text)
    return _Part([(article.id, article.path) for article in articles], problems, mentioned, scanner.found)


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
    index = NearMissIndex.build(registry)
    known = known_names(index, registry)
    with without_cycle_collection():
        parts = in_two_halves(paths, lambda half: _check_part(half, outlets, matcher, index, known))
        ids = [article_id for part in parts for article_id, _ in part.articles]
        if len(set(ids)) < len(ids):
            parts = [_check_part(paths, outlets, matcher, index, known)]
        scan = _Found.merged(part.found for part in parts).scan()
    mentioned: set[str] = set()
    for part in parts:
        problems += part.problems
        mentioned |= part.mentioned
    problems += unmentioned_actors(registry, mentioned)
    problems += scan.near_misses
    return Checked(sorted(problems), scan.suggestions, sum(len(part.articles) for part in parts), len(registry))
