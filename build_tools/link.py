"""Phase 3, link: find every actor mention in every article with one token automaton.

Matching happens on normalised tokens (NFKC, no diacritics, no apostrophes, case folded), so
`Kata'ib` finds `Kataib` and `al‑Qaeda` finds `al-Qaeda`; offsets always point into the
untouched source text, which is what the page shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

from build_tools.model import Article, Mention
from build_tools.problems import Problem, warning
from build_tools.registry import Alias, Registry

# A dotted abbreviation (`U.S.`, `U.N.`) is one token; otherwise letters and digits, with
# apostrophes inside a word (`Kata'ib`, `Shi'ite`) kept in it.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’ʼ`][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’ʼ]s$", re.IGNORECASE)
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Only white space and hyphens (any variant) may stand between the words of one name.
_JOINING_GAP = re.compile(r"[\s\-‐‑‒–]+")
# After an initial or a short abbreviation, a full stop belongs to the name (`Lloyd J. Austin`, `St. Louis`).
_ABBREVIATION_GAP = re.compile(r"\.[\s\-‐‑‒–]*")
_NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "jr", "sr"})
_BREAK = "|"
# Titles after which a short form (`Gen. Austin`, `Prime Minister Abadi`) counts without the full name.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Gen|Lt|Col|Maj|Capt|Adm|Sgt|Cpl|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Amb|Pres|Gens|Brig)\.?"
    r"|\b(?:General|Colonel|Major|Captain|Admiral|Sergeant|President|Premier|Minister|Secretary|Senator|Governor|Ambassador"
    r"|Ayatollah|Sheikh|Sheik|Imam|Cleric|King|Prince|Emir|Commander|Chairman|Spokesman|Speaker|Representative))\s+$"
)


def normalise(token: str) -> str:
    """The form a token is compared in, before case folding."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", token))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_APOSTROPHES)


@dataclass(frozen=True)
class Token:
    """A word of a paragraph."""

    start: int
    """Offset in the paragraph's source text."""
    end: int
    """Offset after the word (a possessive `'s` is left outside)."""
    exact: str
    """Normalised, case kept."""
    folded: str
    """Normalised and case folded: what the automaton sees."""


def tokenize(text: str) -> list[Token]:
    """The words of `text`, outside URLs."""
    masked = _URL.sub(lambda m: " " * len(m.group()), text)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(masked):
        start, end = match.span()
        word = match.group()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 2:
            end -= 2
            word = word[:-2]
        exact = normalise(word)
        tokens.append(Token(start, end, exact, exact.casefold()))
    return tokens


def alias_key(text: str) -> str:
    """The automaton key of an alias: its folded tokens joined by spaces."""
    return " ".join(token.folded for token in tokenize(text))


@dataclass(frozen=True)
class Candidate:
    """One actor's claim on an automaton key."""

    actor: str
    """Actor id."""
    alias: Alias
    """The alias (or the name) that made the key."""
    exact: tuple[str, ...]
    """The alias's tokens with case kept, for case-sensitive comparison."""
    is_full: bool
    """A name that introduces the actor (anything but an after_full alias)."""


@dataclass
class Matcher:
    """The registry compiled once into an Aho-Corasick automaton over folded tokens."""

    automaton: ahocorasick.Automaton
    """Key -> tuple of Candidates."""
    names: dict[str, str]
    """Actor id -> name, for messages."""
    empty: bool = False
    """True when the registry has no aliases at all."""


def compile_registry(registry: Registry) -> Matcher:
    claims: dict[str, list[Candidate]] = {}
    for actor in registry.actors.values():
        for alias in actor.names():
            tokens = tokenize(alias.text)
            if not tokens:
                continue
            key = " ".join(t.folded for t in tokens)
            claims.setdefault(key, []).append(Candidate(actor.id, alias, tuple(t.exact for t in tokens), not alias.after_full))
    automaton = ahocorasick.Automaton()
    for key, candidates in claims.items():
        automaton.add_word(key, (len(key), tuple(candidates)))
    if claims:
        automaton.make_automaton()
    return Matcher(automaton, {a.id: a.name for a in registry.actors.values()}, empty=not claims)


def _case_matches(candidate: Candidate, tokens: Sequence[Token]) -> bool:
    if candidate.alias.case_sensitive:
        return tuple(t.exact for t in tokens) == candidate.exact
    if len(tokens) == 1:
        # A capitalised one-word name (`Congress`, `Austin`) wants a capital in the text too,
        # or an all-caps dateline (`TEHRAN —`); a lower-case alias matches any case.
        written = candidate.exact[0]
        return not written[:1].isupper() or tokens[0].exact[:1].isupper()
    return True


@dataclass
class _ArticleState:
    """What linking one article has seen so far."""

    full_seen_at: dict[str, int] = field(default_factory=dict)
    """Actor id -> order of its latest full-name mention."""
    linked: set[str] = field(default_factory=set)
    """Actors whose link has been placed."""
    warned: set[str] = field(default_factory=set)
    """Alias keys already reported as lacking context."""
    counter: int = 0
    """Mentions so far (orders `full_seen_at`)."""


def _joined(text: str, tokens: list[Token]) -> tuple[str, list[int]]:
    """Folded tokens joined by a space where only space or hyphens separate them, else by a break."""
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    for index, token in enumerate(tokens):
        if index:
            previous = tokens[index - 1]
            gap = text[previous.end : token.start]
            joins = _JOINING_GAP.fullmatch(gap) or (
                _ABBREVIATION_GAP.fullmatch(gap) and (len(previous.exact) == 1 and previous.exact.isupper() or previous.folded in _NAME_ABBREVIATIONS)
            )
            separator = " " if joins else _BREAK
            pieces.append(separator)
            position += 1
        starts.append(position)
        pieces.append(token.folded)
        position += len(token.folded)
    return "".join(pieces), starts


def _paragraph_matches(matcher: Matcher, text: str) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """Leftmost-longest non-overlapping matches as (first token, last token + 1, candidates)."""
    tokens = tokenize(text)
    if not tokens or matcher.empty:
        return []
    joined, starts = _joined(text, tokens)
    token_at = {start: index for index, start in enumerate(starts)}
    ends = {start + len(tokens[i].folded): i for i, start in enumerate(starts)}
    found: list[tuple[int, int, tuple[Candidate, ...]]] = []
    for end_index, (length, candidates) in matcher.automaton.iter(joined):
        start = end_index - length + 1
        first = token_at.get(start)
        last = ends.get(end_index + 1)
        if first is None or last is None:
            continue  # the key matched inside a word
        found.append((first, last + 1, candidates))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[tuple[int, int, tuple[Candidate, ...]]] = []
    reach = 0
    for match in found:
        if match[0] >= reach:
            chosen.append(match)
            reach = match[1]
    return chosen


def link_article(matcher: Matcher, article: Article) -> tuple[list[Mention], list[Problem]]:
    """Every mention in one article, the first linkable one per actor marked `linked`."""
    state = _ArticleState()
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        text = paragraph.text
        tokens = tokenize(text)
        for first, last, candidates in _paragraph_matches(matcher, text):
            span = tokens[first:last]
            start, end = span[0].start, span[-1].end
            fitting = [c for c in candidates if _case_matches(c, span)]
            if not fitting:
                continue
            titled = _TITLE_BEFORE.search(text[max(0, start - 40) : start]) is not None
            usable = [c for c in fitting if c.is_full or c.actor in state.full_seen_at or titled]
            if not usable:
                key = " ".join(t.folded for t in span)
                if key not in state.warned:
                    state.warned.add(key)
                    who = " or ".join(matcher.names[c.actor] for c in fitting)
                    problems.append(
                        warning(
                            article.path,
                            paragraph.line,
                            f"`{text[start:end]}` may mean {who}, but the full name does not come earlier in the article, so it is not linked: "
                            f"if it is {who}, write the full name at its first mention",
                        )
                    )
                continue
            # A name that introduces an actor wins; among short forms, the actor named most recently.
            usable.sort(key=lambda c: (not c.is_full, -state.full_seen_at.get(c.actor, -1), c.actor))
            chosen = usable[0]
            state.counter += 1
            if chosen.is_full:
                state.full_seen_at[chosen.actor] = state.counter
            linked = chosen.alias.link and chosen.actor not in state.linked
            if linked:
                state.linked.add(chosen.actor)
            mentions.append(Mention(article.id, chosen.actor, text[start:end], start, end, number, linked))
    return mentions, problems


def link_articles(registry: Registry, articles: Sequence[Article]) -> tuple[dict[str, list[Mention]], list[Problem]]:
    """Mentions by article id, and the problems linking found."""
    matcher = compile_registry(registry)
    by_article: dict[str, list[Mention]] = {}
    problems: list[Problem] = []
    for article in articles:
        mentions, found = link_article(matcher, article)
        by_article[article.id] = mentions
        problems += found
    mentioned = {m.actor for mentions in by_article.values() for m in mentions}
    for actor_id, actor in registry.actors.items():
        if actor_id not in mentioned:
            problems.append(warning(actor.path, 0, f"no article mentions {actor.name}: check its name and aliases against the articles' spelling, or remove the actor"))
    return by_article, problems


def actor_ids_in_order(mentions: Iterable[Mention]) -> list[str]:
    """Actor ids in order of first mention."""
    seen: dict[str, None] = {}
    for mention in mentions:
        seen.setdefault(mention.actor, None)
    return list(seen)

