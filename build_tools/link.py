"""Phase 3, link: find every actor mention in every article with a string automaton.

Matching happens on normalised tokens (`build_tools.text`: NFKC, no diacritics, no apostrophes, case
folded), so `Kata'ib` finds `Kataib` and `al‑Qaeda` finds `al-Qaeda`; offsets always point into the
untouched source text, which is what the page shows.

The rules are defined on tokens: a paragraph becomes one string of folded tokens joined by what
stands between them, a space where only white space or hyphens do (the words of one name), else
the punctuation itself between `|` (so `Washington. Post` is never `Washington Post`). Alias keys
are made the same way, and the automaton only counts a key that starts and ends on a token
boundary. That is the token path (`_token_path`); it is slow, one Python object per word.

The fast path (`_fast_path`) gets the same answers from whole-article string operations on E (see
`build_tools.fast_text`): the automaton runs once per article over E case folded, and only its hits
cost Python work. Both paths take their case rules (`CaseRule`), titles and name suffixes from the
same tables; paragraphs E leaves out go the token path, and `tests/test_fast_paths.py` holds the two equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import NamedTuple

import ahocorasick

from build_tools.fast_text import ABBREVIATION_DOT, SEPARATOR, FastText, fast_text, is_word_char
from build_tools.longer_names import inside_longer_name, may_be_inside_longer_name
from build_tools.model import Article, Mention
from build_tools.problems import Problem, warning
from build_tools.processes import in_two_halves, without_cycle_collection
from build_tools.registry import Actor, Alias, Registry
from build_tools.sentences import sentence_bounds, sentence_start_indexes
from build_tools.text import BREAK, NAME_SUFFIXES, TOKEN, Token, joined, joins, mask, titled, tokenize, tokens_from, undotted

# What the fast automaton reads: E case folded, every character that is neither a word character nor a space as `_BOUNDARY`.
_BOUNDARY = "|"
_E_WORD = re.compile(f"(?:[^\\W_]|{ABBREVIATION_DOT})+")


class CaseRule(IntEnum):
    """How the text must write a name for it to count."""

    ANY = 0
    """Several words, or a lower-case alias: any case (`badr organization`)."""
    CAPITAL_FIRST = 1
    """A capitalised one-word name (`Congress`, `Austin`): a capital in the text too, or an all-caps dateline (`TEHRAN —`)."""
    EXACT = 2
    """A case-sensitive alias (acronyms): exactly as written."""
    CAPITALS = 3
    """An alias's dotted abbreviation written without its full stops (`Washington, DC`): in capitals, the other words in any case."""


@dataclass(frozen=True)
class Candidate:
    """One actor's claim on an automaton key."""

    actor: str
    """Actor id."""
    actor_type: str
    """The actor's type (a title before a short form points to a person)."""
    alias: Alias
    """The alias (or the name) that made the key."""
    exact: tuple[str, ...]
    """The alias's tokens with case kept, for case-sensitive comparison."""
    written: str = ""
    """The alias as E writes it (case kept), for case-sensitive comparison on the fast path."""
    capitals: tuple[int, ...] = ()
    """Indexes of its words that the text must write in capitals (`text.undotted`)."""
    all_capitals_too: bool = False
    """A case-sensitive acronym in mixed case that also counts written all in capitals (`DoD` as `DOD`): see `_registry_keys`."""
    needs_context: bool = field(init=False)
    """An ambiguous short form: counts only after the full name, or right after a title."""
    is_person_short_form: bool = field(init=False)
    """A person's ambiguous one-word alias (`Austin`, `Ali`): next to another capitalised word it is someone else's name."""
    case: CaseRule = field(init=False)
    """How the text must write it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs_context", self.alias.after_full)
        object.__setattr__(self, "is_person_short_form", self.actor_type == "person" and len(self.exact) == 1 and self.alias.after_full)
        if self.alias.case_sensitive:
            case = CaseRule.EXACT
        elif self.capitals:
            case = CaseRule.CAPITALS
        elif len(self.exact) == 1 and self.exact[0][:1].isupper():
            case = CaseRule.CAPITAL_FIRST
        else:
            case = CaseRule.ANY
        object.__setattr__(self, "case", case)

    def fits_tokens(self, tokens: Sequence[Token]) -> bool:
        """Whether the text's words write the name as `case` wants."""
        if self.case == CaseRule.EXACT:
            written = tuple(t.exact for t in tokens)
            return written == self.exact or (self.all_capitals_too and written == tuple(word.upper() for word in self.exact))
        if self.case == CaseRule.CAPITALS:
            return all(tokens[index].exact.isupper() for index in self.capitals)
        return self.case == CaseRule.ANY or tokens[0].exact[:1].isupper()

    def fits_e(self, e: str, start: int, end: int) -> bool:
        """`fits_tokens` for the name at E[start:end] (its words joined by single spaces)."""
        if self.case == CaseRule.EXACT:
            return e[start:end] == self.written or (self.all_capitals_too and e[start:end] == self.written.upper())
        if self.case == CaseRule.CAPITALS:
            words = e[start:end].split(" ")
            return all(words[index].isupper() for index in self.capitals)
        return self.case == CaseRule.ANY or e[start].isupper()


class _Confirmable(NamedTuple):
    """A name with punctuation between words, as the fast path confirms it on tokens."""

    token_key: str
    """Its token key (`text.joined`)."""
    token_count: int
    """How many tokens it has."""
    candidates: tuple[Candidate, ...]
    """Its claimants."""


@dataclass(frozen=True)
class _FastEntry:
    """What a key of the fast automaton stands for."""

    any_case: tuple[Candidate, ...] | None
    """The claimants, when every one of them takes the name in any case (so none need checking)."""
    capital: tuple[Candidate, ...] | None
    """The claimants, when every one of them wants the text to write the name's first letter as a capital."""
    short_form: bool
    """Whether a claimant is a person's one-word short form (see `_inside_other_name`)."""
    titles: bool
    """Whether a title before the name can change what it means (see `_decide`)."""
    plain: tuple[Candidate, ...]
    """Claimants of names whose words are all joined by white space or hyphens."""
    checked: tuple[_Confirmable, ...]
    """Names with punctuation between words (`Washington, D.C.`): the fast key is only their first words, and a hit is
    confirmed on the paragraph's tokens."""


@dataclass
class Matcher:
    """The registry compiled once: an automaton over joined folded tokens, and one over the fast path's strings."""

    automaton: ahocorasick.Automaton
    """Token key -> (key length, tuple of Candidates), for paragraphs the fast path does not take."""
    names: dict[str, str]
    """Actor id -> name, for messages."""
    empty: bool = False
    """True when the registry has no aliases at all."""
    fast: ahocorasick.Automaton | None = None
    """Fast path key -> (key length, _FastEntry)."""


# --- compiling the registry ------------------------------------------------------------------------------------------------


def _fast_word(raw: str, token: Token, case_kept: bool = False) -> str | None:
    """A token as E writes it (folded, or with its case kept), or None when no paragraph the fast path takes can hold it."""
    word = token.exact if case_kept else token.folded
    if "." in raw:  # a dotted abbreviation: its full stops are part of the word
        word = word.replace(".", ABBREVIATION_DOT)
        return word if word.replace(ABBREVIATION_DOT, "").isalnum() else None
    return word if word.isalnum() else None


class _AliasKeys(NamedTuple):
    """What one alias becomes in the automata."""

    candidate: Candidate
    """Its claim."""
    token_key: str
    """The token path's key (`text.joined`)."""
    fast_key: str | None
    """The fast path's key: the whole name when its words are only joined by spaces or hyphens, else its first words
    so joined (confirmed on tokens); None when no paragraph the fast path takes can hold them."""
    token_count: int
    """How many tokens the alias has."""


def _alias_keys(actor: Actor, alias: Alias, capitals: tuple[int, ...] = ()) -> _AliasKeys | None:
    """The keys of one alias (`capitals`: the indexes of its words a text must write in capitals), or None when it has no word."""
    masked = mask(alias.text)
    raws = [m.group() for m in TOKEN.finditer(masked)]
    tokens = tokenize(alias.text)
    if not tokens:
        return None
    token_key = joined(masked, tokens)[0]
    first = len(tokens)
    if BREAK in token_key:  # punctuation between words: the fast path finds the words before it, the tokens confirm the rest
        first = 1
        while joins(masked, tokens[first - 1], tokens[first]):
            first += 1
    words = [_fast_word(raw, token) for raw, token in zip(raws[:first], tokens[:first], strict=True)]
    written = " ".join(_fast_word(raw, token, case_kept=True) or "" for raw, token in zip(raws, tokens, strict=True))
    candidate = Candidate(actor.id, actor.type, alias, tuple(t.exact for t in tokens), written, capitals)
    fast_key = None if None in words else " ".join(w or "" for w in words)
    return _AliasKeys(candidate, token_key, fast_key, len(tokens))


def _titles_matter(candidates: Sequence[Candidate]) -> bool:
    """Whether `_decide` (or `_inside_other_name`) can come out differently after a title, for a match these candidates claim."""
    return any(c.needs_context for c in candidates) or (len(candidates) > 1 and any(c.actor_type == "person" for c in candidates))


def _fast_entry(plain: Sequence[Candidate], checked: dict[str, tuple[int, list[Candidate]]]) -> _FastEntry:
    """The fast automaton's value for one key, from its claimants."""
    claimants = tuple(plain)
    any_case = claimants if plain and all(c.case == CaseRule.ANY for c in plain) else None
    capital = claimants if plain and all(c.case == CaseRule.CAPITAL_FIRST for c in plain) else None
    short_form = any(c.is_person_short_form for c in claimants)
    confirmed = tuple(_Confirmable(token_key, count, tuple(c)) for token_key, (count, c) in checked.items())
    return _FastEntry(any_case, capital, short_form, _titles_matter(claimants), claimants, confirmed)


def _registry_keys(registry: Registry) -> list[_AliasKeys]:
    """The keys of every name and alias, and of each one's dotted abbreviations written without their full stops
    (`text.undotted`: `Washington, DC` for `Washington, D.C.`) where no name or alias of the registry is written so
    (its own rules then decide: an `US` alias that counts only after the full name) and only one actor would claim it.
    A case-sensitive acronym in mixed case also counts in capitals (`DoD` as `DOD`, as headings and some house styles
    write acronyms) unless the registry has that written so too; not a surname (`BLINKEN:` is a speaker label)."""
    found: list[_AliasKeys] = []
    variants: dict[str, list[_AliasKeys]] = {}
    exact_aliases = {alias.text for actor in registry.actors.values() for alias in actor.names() if alias.case_sensitive}
    for actor in registry.actors.values():
        for alias in actor.names():
            keys = _alias_keys(actor, alias)
            if keys is not None:
                if alias.kind == "acronym" and alias.case_sensitive and not alias.text.isupper() and alias.text.upper() not in exact_aliases:
                    keys = keys._replace(candidate=replace(keys.candidate, all_capitals_too=True))
                found.append(keys)
            other = undotted(alias.text)
            variant = _alias_keys(actor, replace(alias, text=other[0]), other[1]) if other is not None else None
            if variant is not None:
                variants.setdefault(variant.token_key, []).append(variant)
    taken = {keys.token_key for keys in found}
    for key, claims in variants.items():
        if key not in taken and len({claim.candidate.actor for claim in claims}) == 1:
            found += claims
    return found


def compile_registry(registry: Registry) -> Matcher:
    """Every name and alias as automaton keys: token keys for the token path, and the fast path's keys (see `_FastEntry`)."""
    claims: dict[str, list[Candidate]] = {}
    fast_plain: dict[str, list[Candidate]] = {}
    fast_checked: dict[str, dict[str, tuple[int, list[Candidate]]]] = {}
    for keys in _registry_keys(registry):
        claims.setdefault(keys.token_key, []).append(keys.candidate)
        if keys.fast_key is None:
            continue  # never in a paragraph the fast path takes
        if BREAK not in keys.token_key:
            fast_plain.setdefault(keys.fast_key, []).append(keys.candidate)
        else:
            entry = fast_checked.setdefault(keys.fast_key, {}).setdefault(keys.token_key, (keys.token_count, []))
            entry[1].append(keys.candidate)
    automaton = ahocorasick.Automaton()
    for key, candidates in claims.items():
        automaton.add_word(key, (len(key), tuple(candidates)))
    if claims:
        automaton.make_automaton()
    fast = ahocorasick.Automaton()
    for key in fast_plain.keys() | fast_checked.keys():
        value = (len(key) + 2, _fast_entry(fast_plain.get(key, ()), fast_checked.get(key, {})))
        for before in " " + _BOUNDARY:  # a name stands between two characters that are not word characters
            for after in " " + _BOUNDARY:
                fast.add_word(before + key + after, value)
    if fast_plain or fast_checked:
        fast.make_automaton()
    return Matcher(automaton, {a.id: a.name for a in registry.actors.values()}, empty=not claims, fast=fast if fast_plain or fast_checked else None)


# --- the token path --------------------------------------------------------------------------------------------------------


class _Found(NamedTuple):
    """One mention candidate of an article, in text order, before the article's state decides on it."""

    paragraph: int
    """Paragraph number."""
    start: int
    """Offset in the paragraph."""
    end: int
    """Offset after it."""
    written: str
    """The source text."""
    clean: bool
    """No reference marker inside (a link cannot hold one)."""
    titled: bool
    """A title stands right before it."""
    candidates: Sequence[Candidate]
    """The claimants whose case rule the text satisfies."""
    key: str
    """For warnings: the folded words joined by spaces (a dotted abbreviation's full stops may be `ABBREVIATION_DOT`)."""


@dataclass(frozen=True)
class _Match:
    """A key found in a paragraph, with the candidates whose case fits the text."""

    first: int
    """Index of its first token."""
    last: int
    """Index after its last token."""
    candidates: tuple[Candidate, ...]
    """Claimants whose case rule the text satisfies."""


def _paragraph_matches(matcher: Matcher, masked: str, tokens: Sequence[Token]) -> list[_Match]:
    """Leftmost-longest non-overlapping matches whose case fits."""
    if not tokens or matcher.empty:
        return []
    key, starts = joined(masked, tokens)
    token_at = {start: index for index, start in enumerate(starts)}
    ends = {start + len(tokens[i].folded): i for i, start in enumerate(starts)}
    found: list[_Match] = []
    for end_index, (length, candidates) in matcher.automaton.iter(key):
        first = token_at.get(end_index - length + 1)
        last = ends.get(end_index + 1)
        if first is None or last is None:
            continue  # the key matched inside a word
        fitting = tuple(c for c in candidates if c.fits_tokens(tokens[first : last + 1]))
        if fitting:
            found.append(_Match(first, last + 1, fitting))
    found.sort(key=lambda m: (m.first, -(m.last - m.first)))
    chosen: list[_Match] = []
    reach = 0
    for match in found:
        if match.first >= reach:
            chosen.append(match)
            reach = match.last
    return chosen


def _inside_other_name(text: str, masked: str, tokens: Sequence[Token], first: int, last: int, titled_before: bool) -> bool:
    """A person's one-word alias glued to another capitalised word (`Muhammad Ali`, `Ali Khamenei`) is part of someone else's name."""
    if last < len(tokens) and joins(masked, tokens[last - 1], tokens[last]):
        following = tokens[last]
        if following.exact[:1].isupper() and following.folded not in NAME_SUFFIXES:
            return True
    if first > 0 and not titled_before and joins(masked, tokens[first - 1], tokens[first]):
        previous = tokens[first - 1]
        if previous.exact[:1].isupper() and first - 1 not in sentence_start_indexes(text, tokens):
            return True
    return False


def _token_path(matcher: Matcher, number: int, text: str) -> list[_Found]:
    """The mention candidates of one paragraph, found on its tokens (the reference for the fast path)."""
    masked = mask(text)
    tokens = tokenize(text)
    found: list[_Found] = []
    for match in _paragraph_matches(matcher, masked, tokens):
        span = tokens[match.first : match.last]
        start, end = span[0].start, span[-1].end
        after_title = titled(text, start)
        fitting: Sequence[Candidate] = match.candidates
        if any(c.is_person_short_form for c in fitting) and _inside_other_name(text, masked, tokens, match.first, match.last, after_title):
            fitting = [c for c in fitting if not c.is_person_short_form]
        key = " ".join(t.folded for t in span)
        found.append(_Found(number, start, end, text[start:end], masked[start:end] == text[start:end], after_title, list(fitting), key))
    return found


# --- the fast path ---------------------------------------------------------------------------------------------------------


class _BoundaryTable(dict[int, str]):
    """`str.translate` table from folded E to what the fast automaton reads: characters that are neither word characters nor spaces become `_BOUNDARY`."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = ch if ch == " " or is_word_char(ch) else _BOUNDARY
        self[code] = value
        return value


_BOUNDARY_TABLE = _BoundaryTable()
_BOUNDARY_TABLE.update((code, _BOUNDARY_TABLE[code]) for code in range(128))


class _Hit(NamedTuple):
    """A key the fast automaton found in E."""

    start: int
    """Offset in E."""
    end: int
    """Offset after it in E."""
    candidates: tuple[Candidate, ...]
    """Claimants whose case rule the text satisfies."""
    tokens: list[Token] | None
    """The paragraph's tokens it covers, when confirmed on tokens (a name with punctuation between words)."""
    short_form: bool
    """Whether a claimant is a person's one-word short form."""
    titles: bool
    """Whether a title before it can matter."""


def _confirmed(text: FastText, paragraphs: Sequence[str], start: int, entry: _FastEntry) -> Iterator[_Hit]:
    """The names with punctuation between words whose first words are at E[start:], confirmed on the paragraph's tokens."""
    source = text.source(start)
    index = text.paragraph(source)
    paragraph_end = text.starts[index] + len(paragraphs[index])
    for token_key, count, claimants in entry.checked:
        window = tokens_from(text.masked, source, paragraph_end, count)
        if len(window) == count and joined(text.masked, window)[0] == token_key:
            fitting = tuple(c for c in claimants if c.fits_tokens(window))
            if fitting:
                yield _Hit(start, text.e_position(window[-1].end - 1) + 1, fitting, window, False, True)


def _fast_hits(matcher: Matcher, fast: ahocorasick.Automaton, text: FastText, paragraphs: Sequence[str]) -> list[_Hit]:
    """Every key found in E whose case rule the text satisfies, leftmost first, longest first."""
    e = text.e
    hits: list[_Hit] = []
    # Keys are written between a space or `_BOUNDARY` and another: so a hit is never inside a word.
    for last, (length, entry) in fast.iter(_BOUNDARY + text.folded.translate(_BOUNDARY_TABLE) + _BOUNDARY):
        start = last - length + 1
        end = last - 1
        if entry.any_case:
            hits.append(_Hit(start, end, entry.any_case, None, entry.short_form, entry.titles))
        elif entry.capital:
            if e[start].isupper():
                hits.append(_Hit(start, end, entry.capital, None, entry.short_form, entry.titles))
        elif entry.plain:
            fitting = tuple(c for c in entry.plain if c.fits_e(e, start, end))
            if fitting:
                hits.append(_Hit(start, end, fitting, None, entry.short_form and any(c.is_person_short_form for c in fitting), entry.titles))
        if entry.checked:
            hits.extend(_confirmed(text, paragraphs, start, entry))
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    return hits


def _word_start(e: str, position: int) -> int:
    """Start of the word whose last character is at `position`."""
    while position > 0 and is_word_char(e[position - 1]):
        position -= 1
    return position


def _inside_other_name_fast(text: FastText, paragraph: str, index: int, start: int, end: int, titled_before: bool) -> bool:
    """`_inside_other_name` for a one-word match at E[start:end] of paragraph `index`."""
    e = text.e
    if e[end : end + 1] == " " and e[end + 1 : end + 2].isupper():
        following = _E_WORD.match(e, end + 1)
        if following is not None and following.group().casefold() not in NAME_SUFFIXES:
            return True
    if titled_before or start < 2 or e[start - 1] != " " or not is_word_char(e[start - 2]):
        return False
    space = e.rfind(" ", 0, start - 1) + 1
    previous = space if e[space : start - 1].isalnum() else _word_start(e, start - 2)
    if not e[previous].isupper():
        return False
    # Is the previous word a sentence's first? A sentence begins after the word before it and no later than it.
    paragraph_start = text.starts[index]
    previous_source = text.source(previous) - paragraph_start
    before = previous - 1
    while before >= 0 and not is_word_char(e[before]) and e[before] != SEPARATOR:
        before -= 1
    earlier = -1 if before < 0 or e[before] == SEPARATOR else text.source(_word_start(e, before)) - paragraph_start
    return not any(earlier < s <= previous_source for s, _ in sentence_bounds(paragraph))


def _found_from_hits(text: FastText, paragraphs: Sequence[str], hits: Sequence[_Hit]) -> list[_Found]:
    """The leftmost-longest non-overlapping hits as mention candidates, with their source offsets, title and context."""
    found: list[_Found] = []
    reach = 0
    f = text.folded
    masked, whole = text.masked, text.whole
    # `FastText.source` and `FastText.paragraph` as walks: the kept hits and their ends only move forward, so the segment and the
    # paragraph that hold one are found by stepping on from the last (two method calls and bisects less per hit: 0.1 s per 3,000 articles).
    segment_e, segment_source, paragraph_starts = text.segment_e, text.segment_source, text.starts
    segment, segments = 0, len(segment_e)
    index, paragraph_count = 0, len(paragraph_starts)
    for start, end, fitting, tokens, short_form, titles in hits:
        if start < reach:
            continue
        reach = end
        while segment + 1 < segments and segment_e[segment + 1] <= start:
            segment += 1
        source = segment_source[segment] + start - segment_e[segment]
        while segment + 1 < segments and segment_e[segment + 1] <= end - 1:
            segment += 1
        source_end = segment_source[segment] + end - 1 - segment_e[segment] + 1
        while index + 1 < paragraph_count and paragraph_starts[index + 1] <= source:
            index += 1
        offset = paragraph_starts[index]
        paragraph = paragraphs[index]
        after_title = titles and titled(paragraph, source - offset)  # when no title can matter, any answer does
        candidates: Sequence[Candidate] = fitting
        if short_form and _inside_other_name_fast(text, paragraph, index, start, end, after_title):
            candidates = [c for c in candidates if not c.is_person_short_form]
        key = " ".join(t.folded for t in tokens) if tokens is not None else f[start:end]
        written = whole[source:source_end]
        clean = masked is whole or masked[source:source_end] == written
        found.append(_Found(index + 1, source - offset, source_end - offset, written, clean, after_title, candidates, key))
    return found


def _fast_path(matcher: Matcher, article: Article, text: FastText | None) -> list[_Found]:
    """The mention candidates of an article, found on its E string `text` (paragraphs it cannot take go the token path)."""
    paragraphs = [p.text for p in article.paragraphs]
    if matcher.fast is None or text is None:
        found: list[_Found] = []
        unfit = list(range(len(paragraphs)))
    else:
        found = _found_from_hits(text, paragraphs, _fast_hits(matcher, matcher.fast, text, paragraphs))
        unfit = text.unfit
    if unfit:
        for index in unfit:
            found.extend(_token_path(matcher, index + 1, paragraphs[index]))
        found.sort(key=lambda item: (item.paragraph, item.start))
    return found


# --- deciding, article by article ------------------------------------------------------------------------------------------


def _warn_no_context(matcher: Matcher, article: Article, line: int, written: str, candidates: Sequence[Candidate]) -> Problem:
    names = list(dict.fromkeys(matcher.names[c.actor] for c in candidates))
    who = " or ".join(names)
    context = (
        "neither the full name nor a title (`Gen.`, `Prime Minister`) comes"
        if any(c.actor_type == "person" for c in candidates)
        else "the full name does not come"
    )
    return warning(
        article.path,
        line,
        f"`{written}` may mean {who}, but {context} before it in the article, so it is not counted: "
        f"if it is {names[0]}, write the full name at its first mention, e.g. `{names[0]}`",
    )


def _choose(fitting: Sequence[Candidate], titled_before: bool, introduced: dict[str, int]) -> Candidate | None:
    """The claimant a mention counts for, or None when each needs context the article has not given.

    After a title, a person; otherwise the actor introduced most recently, then one that needs no context.
    """
    if len(fitting) == 1:
        only = fitting[0]
        return only if not only.needs_context or titled_before or only.actor in introduced else None
    choice = [c for c in fitting if not c.needs_context or titled_before or c.actor in introduced]
    if len(choice) > 1:
        choice.sort(key=lambda c: (not (titled_before and c.actor_type == "person"), -introduced.get(c.actor, -1), c.needs_context, c.actor))
    return choice[0] if choice else None


def _decide(matcher: Matcher, article: Article, found: Iterable[_Found]) -> tuple[list[Mention], list[Problem]]:
    """Apply the article's context rules to its mention candidates, in text order: which count, which link."""
    introduced: dict[str, int] = {}  # actor id -> order of its latest mention by a name that needs no context (or after a title)
    linked_actors: set[str] = set()
    warned: set[str] = set()  # alias keys already reported as lacking context
    mentions: list[Mention] = []
    problems: list[Problem] = []
    article_id = article.id
    for number, start, end, written, clean, titled_before, fitting, key in found:
        chosen = _choose(fitting, titled_before, introduced)
        if chosen is None:
            key = key.replace(ABBREVIATION_DOT, ".")
            if fitting and key not in warned:
                warned.add(key)
                problems.append(_warn_no_context(matcher, article, article.paragraphs[number - 1].line, written, fitting))
            continue
        if not chosen.needs_context or titled_before:
            introduced[chosen.actor] = len(mentions) + 1
        # A link cannot hold a reference marker (`Kataib [1] Hezbollah`): such a mention is recorded, the next one links.
        linked = chosen.alias.link and clean and chosen.actor not in linked_actors
        if linked:
            linked_actors.add(chosen.actor)
        mentions.append(Mention(article_id, chosen.actor, written, start, end, number, linked))
    return mentions, problems


def _outside_longer_names(article: Article, found: Iterable[_Found], text: FastText | None = None) -> list[_Found]:
    """The mention candidates without the claims of actors whose name stands inside a longer name the registry lacks
    (`Dokan Dam`, `U.S. Embassy Baghdad`: `longer_names.inside_longer_name`); a candidate no claim is left to is no mention.
    The rule reads the masked paragraph (no name is in a web address) around a candidate only where its quick look says it may hold;
    `text`: the article's E, whose masked text holds the paragraphs it takes already masked."""
    found = list(found)
    kept: list[_Found] = []
    masked: dict[int, str] = {}
    spans: dict[int, list[tuple[int, int, str | None]]] = {}  # paragraph -> where its candidates stand, and their type
    for item in found:
        paragraph = masked.get(item.paragraph)
        if paragraph is None:
            taken = text.masked_paragraph(item.paragraph - 1) if text is not None else None
            paragraph = masked[item.paragraph] = taken if taken is not None else mask(article.paragraphs[item.paragraph - 1].text)
        if item.candidates and may_be_inside_longer_name(paragraph, item.start, item.end):
            others = spans.get(item.paragraph)
            if others is None:
                others = spans[item.paragraph] = [(other.start, other.end, _one_type(other)) for other in found if other.paragraph == item.paragraph]
            known = [span for span in others if span[0] != item.start]
            inside = {kind: inside_longer_name(paragraph, item.start, item.end, kind, known) for kind in {c.actor_type for c in item.candidates}}
            fitting = [c for c in item.candidates if not inside[c.actor_type]]
            if not fitting:
                continue
            item = item._replace(candidates=fitting)
        kept.append(item)
    return kept


def _one_type(item: _Found) -> str | None:
    """The type of the actors a mention candidate may be, when they are of one type."""
    types = {candidate.actor_type for candidate in item.candidates}
    return types.pop() if len(types) == 1 else None


def link_article(matcher: Matcher, article: Article, text: FastText | None = None) -> tuple[list[Mention], list[Problem]]:
    """Every mention in one article, the first linkable one per actor marked `linked`; `text`: its E, when already built."""
    if matcher.empty:
        return [], []
    if matcher.fast is not None and text is None:
        text = fast_text(article)
    return _decide(matcher, article, _outside_longer_names(article, _fast_path(matcher, article, text), text))


def link_article_on_tokens(matcher: Matcher, article: Article) -> tuple[list[Mention], list[Problem]]:
    """`link_article` without the fast path: every paragraph matched on its tokens (slow; the reference the fast path must equal)."""
    if matcher.empty:
        return [], []
    found = [f for number, source in enumerate(article.paragraphs, start=1) for f in _token_path(matcher, number, source.text)]
    return _decide(matcher, article, _outside_longer_names(article, found))


def unmentioned_actors(registry: Registry, mentioned: set[str]) -> list[Problem]:
    """A warning for each actor whose id is not in `mentioned`."""
    return [
        warning(actor.path, 0, f"no article mentions {actor.name}: check its name and aliases against the articles' spelling, or remove the actor")
        for actor_id, actor in registry.actors.items()
        if actor_id not in mentioned
    ]


# --- all articles ----------------------------------------------------------------------------------------------------------
# The share of the articles the parent links itself: it also rebuilds the child's mentions.
_PARENT_SHARE = 0.47
_Linked = list[tuple[list[Mention], list[Problem]]]
# A mention as the child sends it: (actor, start, end, paragraph, linked); the text is the paragraph's own.
_Sent = list[tuple[list[tuple[str, int, int, int, bool]], list[Problem]]]


def _packed(linked: _Linked) -> _Sent:
    return [([(m.actor, m.start, m.end, m.paragraph, m.linked) for m in mentions], problems) for mentions, problems in linked]


def _unpacked(articles: Sequence[Article], sent: _Sent) -> _Linked:
    linked: _Linked = []
    for article, (rows, problems) in zip(articles, sent, strict=True):
        paragraphs = article.paragraphs
        mentions = [Mention(article.id, actor, paragraphs[number - 1].text[start:end], start, end, number, flag) for actor, start, end, number, flag in rows]
        linked.append((mentions, problems))
    return linked


def link_articles(registry: Registry, articles: Sequence[Article]) -> tuple[dict[str, list[Mention]], list[Problem]]:
    """Mentions by article id, and the problems linking found; with many articles a forked child links the later ones meanwhile."""
    matcher = compile_registry(registry)
    by_article: dict[str, list[Mention]] = {}
    problems: list[Problem] = []
    with without_cycle_collection():
        halves = in_two_halves(
            articles, lambda part: [link_article(matcher, article) for article in part], parent_share=_PARENT_SHARE, pack=_packed, unpack=_unpacked
        )
        for article, (mentions, found) in zip(articles, (linked for half in halves for linked in half), strict=True):
            by_article[article.id] = mentions
            problems += found
    return by_article, problems + unmentioned_actors(registry, {m.actor for mentions in by_article.values() for m in mentions})


def actor_ids_in_order(mentions: Iterable[Mention]) -> list[str]:
    """Actor ids in order of first mention."""
    seen: dict[str, None] = {}
    for mention in mentions:
        seen.setdefault(mention.actor, None)
    return list(seen)
