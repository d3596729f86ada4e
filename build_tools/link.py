"""Phase 3, link: find every actor mention in every article with one token automaton.

Matching happens on normalised tokens (NFKC, no diacritics, no apostrophes, case folded), so
`Kata'ib` finds `Kataib` and `al‑Qaeda` finds `al-Qaeda`; offsets always point into the
untouched source text, which is what the page shows.

A paragraph becomes one string of folded tokens joined by what stands between them: a space
where only white space or hyphens do (the words of one name), else the punctuation itself
between `|` (so `Washington. Post` is never `Washington Post`). Alias keys are made the same
way, and the automaton only counts a key that starts and ends on a token boundary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

from build_tools.model import Article, Mention
from build_tools.problems import Problem, warning
from build_tools.registry import Alias, Registry
from build_tools.sentences import sentence_bounds

# Marks that stand inside a word and are dropped for matching: apostrophes and the ayn/hamza signs of
# transliterations (`Kata'ib`, `Kata’ib`, `Kataʿib`, `Da‘esh`), a soft hyphen, zero-width (non-)joiners.
_IN_WORD = "'’‘ʼʻʿʾ`´\u00ad\u200b\u200c\u200d\u2060"
# A dotted abbreviation (`U.S.`, `U.N.`) is one token; otherwise letters and digits, with the in-word marks kept in it.
_TOKEN = re.compile(rf"(?:[^\W\d_]\.){{2,}}|[^\W_]+(?:[{_IN_WORD}]+[^\W_]+)*")
_POSSESSIVE = re.compile(r"['’‘ʼ`´]s$", re.IGNORECASE)
_DROPPED = str.maketrans("", "", _IN_WORD)
# Text no name is looked for in: web addresses (with a scheme, `www.`, or a bare domain), e-mail addresses and @handles.
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])@\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|mil|int|info|io|news)\b(?:/\S*)?",
    re.IGNORECASE,
)
# Reference markers (`[3]`) are not words: a name reads through them.
_MARKER = re.compile(r"\[\d{1,4}\]")
# Only white space and hyphens (any variant) may stand between the words of one name.
_HYPHENS = "\\-\u2010\u2011\u2012\u2013\u2043\u2212\ufe63\uff0d"
_JOINING_GAP = re.compile(rf"[\s{_HYPHENS}]+")
# After an initial or a short abbreviation, a full stop belongs to the name (`Lloyd J. Austin`, `St. Louis`).
_ABBREVIATION_GAP = re.compile(rf"\.[\s{_HYPHENS}]*")
_NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "jr", "sr"})
_BREAK = "|"
# Titles after which a short form (`Gen. Austin`, `Prime Minister Abadi`) counts without the full name.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Gen|Lt|Col|Maj|Capt|Adm|Sgt|Cpl|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Amb|Pres|Gens|Brig)\.?"
    r"|\b(?:General|Colonel|Major|Captain|Admiral|Sergeant|President|Premier|Minister|Secretary|Senator|Governor|Ambassador"
    r"|Ayatollah|Sheikh|Sheik|Imam|Cleric|King|Prince|Emir|Commander|Chairman|Spokesman|Speaker|Representative))\s+$"
)
# Words that may follow a surname inside the same person's name.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


@functools.lru_cache(maxsize=1 << 16)
def normalise(token: str) -> str:
    """The form a token is compared in, before case folding."""
    # The marks go before NFKC too: it turns `´` into a space and a combining accent.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", token.translate(_DROPPED)))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_DROPPED)


def mask(text: str) -> str:
    """`text` with URLs and reference markers blanked out (same length, so offsets still hold)."""
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    return _MARKER.sub(lambda m: " " * len(m.group()), text)


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
    """The words of `text`, outside URLs and reference markers."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(mask(text)):
        start, end = match.span()
        word = match.group()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 2:
            end -= 2
            word = word[:-2]
        exact = normalise(word)
        tokens.append(Token(start, end, exact, exact.casefold()))
    return tokens


def joins(masked: str, previous: Token, token: Token) -> bool:
    """Whether two neighbouring tokens may be words of one name (only spaces, hyphens, or an initial's full stop between them)."""
    gap = masked[previous.end : token.start]
    if _JOINING_GAP.fullmatch(gap):
        return True
    initial = len(previous.exact) == 1 and previous.exact.isupper()
    return bool(_ABBREVIATION_GAP.fullmatch(gap)) and (initial or previous.folded in _NAME_ABBREVIATIONS)


def _separator(masked: str, previous: Token, token: Token) -> str:
    if joins(masked, previous, token):
        return " "
    punctuation = "".join(normalise(masked[previous.end : token.start]).split()).casefold()
    return f"{_BREAK}{punctuation}{_BREAK}" if punctuation else _BREAK


def _joined(masked: str, tokens: Sequence[Token]) -> tuple[str, list[int]]:
    """The folded tokens joined by their separators, and where each token starts in that string."""
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    for index, token in enumerate(tokens):
        if index:
            separator = _separator(masked, tokens[index - 1], token)
            pieces.append(separator)
            position += len(separator)
        starts.append(position)
        pieces.append(token.folded)
        position += len(token.folded)
    return "".join(pieces), starts


def alias_key(text: str) -> str:
    """The automaton key of an alias: its folded tokens joined as a paragraph's would be."""
    return _joined(mask(text), tokenize(text))[0]


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

    @property
    def needs_context(self) -> bool:
        """An ambiguous short form: counts only after the full name, or right after a title."""
        return self.alias.after_full

    @property
    def is_person_short_form(self) -> bool:
        """A person's ambiguous one-word alias (`Austin`, `Ali`): next to another capitalised word it is someone else's name."""
        return self.actor_type == "person" and len(self.exact) == 1 and self.alias.after_full


@dataclass
class Matcher:
    """The registry compiled once into an Aho-Corasick automaton over folded tokens."""

    automaton: ahocorasick.Automaton
    """Key -> (key length, tuple of Candidates)."""
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
            key = alias_key(alias.text)
            claims.setdefault(key, []).append(Candidate(actor.id, actor.type, alias, tuple(t.exact for t in tokens)))
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
    # Several words: any case (`badr organization`).
    return True


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
    joined, starts = _joined(masked, tokens)
    token_at = {start: index for index, start in enumerate(starts)}
    ends = {start + len(tokens[i].folded): i for i, start in enumerate(starts)}
    found: list[_Match] = []
    for end_index, (length, candidates) in matcher.automaton.iter(joined):
        first = token_at.get(end_index - length + 1)
        last = ends.get(end_index + 1)
        if first is None or last is None:
            continue  # the key matched inside a word
        fitting = tuple(c for c in candidates if _case_matches(c, tokens[first : last + 1]))
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


@dataclass
class _ArticleState:
    """What linking one article has seen so far."""

    introduced: dict[str, int] = field(default_factory=dict)
    """Actor id -> order of its latest mention by a name that needs no context (or after a title)."""
    linked: set[str] = field(default_factory=set)
    """Actors whose link has been placed."""
    warned: set[str] = field(default_factory=set)
    """Alias keys already reported as lacking context."""
    counter: int = 0
    """Mentions so far (orders `introduced`)."""


@dataclass
class _Paragraph:
    """One paragraph prepared for linking."""

    text: str
    """The source text."""
    masked: str
    """The text with URLs and markers blanked."""
    tokens: list[Token]
    """Its words."""
    _sentence_starts: set[int] | None = None

    def sentence_starts(self) -> set[int]:
        """Indexes of the tokens that begin a sentence."""
        if self._sentence_starts is None:
            self._sentence_starts = sentence_start_indexes(self.text, self.tokens)
        return self._sentence_starts


def sentence_start_indexes(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indexes of the tokens that begin a sentence (a reference marker or URL before them is skipped)."""
    starts: set[int] = set()
    bounds = iter(sentence_bounds(text))
    bound = next(bounds, None)
    for index, token in enumerate(tokens):
        while bound is not None and token.start >= bound[0]:
            starts.add(index)
            bound = next(bounds, None)
    return starts


def _titled(text: str, start: int) -> bool:
    return _TITLE_BEFORE.search(text[max(0, start - 40) : start]) is not None


def _inside_other_name(paragraph: _Paragraph, first: int, last: int, titled: bool) -> bool:
    """A person's one-word alias glued to another capitalised word (`Muhammad Ali`, `Ali Khamenei`) is part of someone else's name."""
    tokens = paragraph.tokens
    if last < len(tokens) and joins(paragraph.masked, tokens[last - 1], tokens[last]):
        following = tokens[last]
        if following.exact[:1].isupper() and following.folded not in _NAME_SUFFIXES:
            return True
    if first > 0 and not titled and joins(paragraph.masked, tokens[first - 1], tokens[first]):
        previous = tokens[first - 1]
        if previous.exact[:1].isupper() and first - 1 not in paragraph.sentence_starts():
            return True
    return False


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


def link_article(matcher: Matcher, article: Article) -> tuple[list[Mention], list[Problem]]:
    """Every mention in one article, the first linkable one per actor marked `linked`."""
    state = _ArticleState()
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for number, source in enumerate(article.paragraphs, start=1):
        text = source.text
        masked = mask(text)
        paragraph = _Paragraph(text, masked, tokenize(text))
        for match in _paragraph_matches(matcher, masked, paragraph.tokens):
            span = paragraph.tokens[match.first : match.last]
            start, end = span[0].start, span[-1].end
            titled = _titled(text, start)
            fitting = list(match.candidates)
            if any(c.is_person_short_form for c in fitting) and _inside_other_name(paragraph, match.first, match.last, titled):
                fitting = [c for c in fitting if not c.is_person_short_form]
            usable = [c for c in fitting if not c.needs_context or c.actor in state.introduced or titled]
            if not usable:
                if fitting:
                    key = " ".join(t.folded for t in span)
                    if key not in state.warned:
                        state.warned.add(key)
                        problems.append(_warn_no_context(matcher, article, source.line, text[start:end], fitting))
                continue
            # After a title, a person; otherwise the actor introduced most recently, then one that needs no context.
            usable.sort(key=lambda c: (not (titled and c.actor_type == "person"), -state.introduced.get(c.actor, -1), c.needs_context, c.actor))
            chosen = usable[0]
            state.counter += 1
            if not chosen.needs_context or titled:
                state.introduced[chosen.actor] = state.counter
            # A link cannot hold a reference marker (`Kataib [1] Hezbollah`): such a mention is recorded, the next one links.
            linked = chosen.alias.link and chosen.actor not in state.linked and masked[start:end] == text[start:end]
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
            problems.append(
                warning(
                    actor.path,
                    0,
                    f"no article mentions {actor.name}: check its name and aliases against the articles' spelling, or remove the actor",
                )
            )
    return by_article, problems


def actor_ids_in_order(mentions: Iterable[Mention]) -> list[str]:
    """Actor ids in order of first mention."""
    seen: dict[str, None] = {}
    for mention in mentions:
        seen.setdefault(mention.actor, None)
    return list(seen)
