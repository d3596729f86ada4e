"""Phase 3, link: find every actor mention in every article with a string automaton.

Matching happens on normalised tokens (NFKC, no diacritics, no apostrophes, case folded), so
`Kata'ib` finds `Kataib` and `al‑Qaeda` finds `al-Qaeda`; offsets always point into the
untouched source text, which is what the page shows.

The rules are defined on tokens: a paragraph becomes one string of folded tokens joined by what
stands between them, a space where only white space or hyphens do (the words of one name), else
the punctuation itself between `|` (so `Washington. Post` is never `Washington Post`). Alias keys
are made the same way, and the automaton only counts a key that starts and ends on a token
boundary. That is the token path (`_token_path`); it is slow, one Python object per word.

The fast path (`_fast_path`) gets the same answers from whole-article string operations: E keeps
one character per source character except in a few recorded places, so words stand as they are,
joining gaps are single spaces and other gaps are something else; the automaton runs once per
article over E case folded, and only its hits cost Python work. Paragraphs with characters it
does not handle go the token path; `tests/test_link_speed_equivalence.py` holds the two equal.
"""

from __future__ import annotations

import bisect
import functools
import gc
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields

import ahocorasick

from build_tools.model import Article, Mention
from build_tools.problems import Problem, warning
from build_tools.processes import can_fork, in_forked_child
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
_SHORT_TITLES = frozenset(
    ["Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Amb", "Pres", "Gens", "Brig"]
)
_LONG_TITLES = frozenset(
    [
        *("General", "Colonel", "Major", "Captain", "Admiral", "Sergeant", "President", "Premier", "Minister", "Secretary", "Senator", "Governor"),
        *("Ambassador", "Ayatollah", "Sheikh", "Sheik", "Imam", "Cleric", "King", "Prince", "Emir", "Commander", "Chairman", "Spokesman"),
        *("Speaker", "Representative"),
    ]
)
# The rule `_titled` applies: a title (an abbreviated one may have its full stop) with only white space after it.
_TITLE_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(sorted(_SHORT_TITLES))})\.?|\b(?:{'|'.join(sorted(_LONG_TITLES))}))\s+$")
# Words that may follow a surname inside the same person's name.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


@functools.lru_cache(maxsize=1 << 16)
def normalise(token: str) -> str:
    """The form a token is compared in, before case folding."""
    # The marks go before NFKC too: it turns `´` into a space and a combining accent.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", token.translate(_DROPPED)))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_DROPPED)


# What a text must hold for `_URL` to match in it, besides `@` or `://`.
_URL_HINT = re.compile(r"\.(?:(?<=www\.)|com|org|net|gov|edu|mil|int|info|io|news)", re.IGNORECASE)


def _may_hold_url(text: str) -> bool:
    """False when `_URL` cannot match in `text` (a cheap test that saves running the expensive pattern)."""
    return "@" in text or "://" in text or _URL_HINT.search(text) is not None


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def mask(text: str) -> str:
    """`text` with URLs and reference markers blanked out (same length, so offsets still hold)."""
    if _may_hold_url(text):
        text = _URL.sub(_blank, text)
    return _MARKER.sub(_blank, text) if "[" in text else text


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
    needs_context: bool = field(init=False)
    """An ambiguous short form: counts only after the full name, or right after a title."""
    is_person_short_form: bool = field(init=False)
    """A person's ambiguous one-word alias (`Austin`, `Ali`): next to another capitalised word it is someone else's name."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs_context", self.alias.after_full)
        object.__setattr__(self, "is_person_short_form", self.actor_type == "person" and len(self.exact) == 1 and self.alias.after_full)


# How the text must write a name that the fast path found (see `_FastEntry`).
_ANY_CASE, _CAPITAL_FIRST, _EXACT_CASE = 0, 1, 2


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
    plain: tuple[tuple[Candidate, int, str], ...]
    """(claimant, case rule, the name as the E string writes it) for names whose words are all joined by white space or hyphens."""
    checked: tuple[tuple[str, int, tuple[Candidate, ...]], ...]
    """(token key, token count, claimants) for names with punctuation between words (`Washington, D.C.`): the key is
    only their first words, and a hit is confirmed on the paragraph's tokens."""


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


def _fast_token(raw: str, token: Token) -> str | None:
    """A token as the fast path's folded string writes it, or None when no paragraph the fast path takes can hold it."""
    if "." in raw:  # a dotted abbreviation: its full stops are part of the word
        folded = token.folded.replace(".", _ABBREVIATION_DOT)
        return folded if folded.replace(_ABBREVIATION_DOT, "").isalnum() else None
    return token.folded if token.folded.isalnum() else None


def compile_registry(registry: Registry) -> Matcher:
    """Every name and alias as automaton keys: token keys for the token path, and the fast path's keys (see `_FastEntry`)."""
    claims: dict[str, list[Candidate]] = {}
    fast_plain: dict[str, list[tuple[Candidate, int, str]]] = {}
    fast_checked: dict[str, dict[str, tuple[int, list[Candidate]]]] = {}
    for actor in registry.actors.values():
        for alias in actor.names():
            masked = mask(alias.text)
            raws = [m.group() for m in _TOKEN.finditer(masked)]
            tokens = tokenize(alias.text)
            if not tokens:
                continue
            key = _joined(masked, tokens)[0]
            candidate = Candidate(actor.id, actor.type, alias, tuple(t.exact for t in tokens))
            claims.setdefault(key, []).append(candidate)
            words = [_fast_token(raw, token) for raw, token in zip(raws, tokens, strict=True)]
            if _BREAK not in key:
                if None in words:
                    continue  # never in a paragraph the fast path takes
                fast_key = " ".join(w or "" for w in words)
                if alias.case_sensitive:
                    exact = " ".join(t.exact.replace(".", _ABBREVIATION_DOT) if "." in raw else t.exact for raw, t in zip(raws, tokens, strict=True))
                    fast_plain.setdefault(fast_key, []).append((candidate, _EXACT_CASE, exact))
                elif len(tokens) == 1 and candidate.exact[0][:1].isupper():
                    fast_plain.setdefault(fast_key, []).append((candidate, _CAPITAL_FIRST, ""))
                else:
                    fast_plain.setdefault(fast_key, []).append((candidate, _ANY_CASE, ""))
                continue
            # Punctuation between words: the fast path finds the words before it, and the tokens confirm the rest.
            first = 1
            while joins(masked, tokens[first - 1], tokens[first]):
                first += 1
            if None in words[:first]:
                continue
            trigger = " ".join(w or "" for w in words[:first])
            entry = fast_checked.setdefault(trigger, {}).setdefault(key, (len(tokens), []))
            entry[1].append(candidate)
    automaton = ahocorasick.Automaton()
    for key, candidates in claims.items():
        automaton.add_word(key, (len(key), tuple(candidates)))
    if claims:
        automaton.make_automaton()
    fast = ahocorasick.Automaton()
    for key in fast_plain.keys() | fast_checked.keys():
        checked = tuple((token_key, count, tuple(c)) for token_key, (count, c) in fast_checked.get(key, {}).items())
        plain = tuple(fast_plain.get(key, ()))
        claimants = tuple(c for c, _, _ in plain)
        any_case = claimants if plain and all(case == _ANY_CASE for _, case, _ in plain) else None
        capital = claimants if plain and all(case == _CAPITAL_FIRST for _, case, _ in plain) else None
        short_form = any(c.is_person_short_form for c in claimants)
        value = (len(key) + 2, _FastEntry(any_case, capital, short_form, _titles_matter(claimants), plain, checked))
        for before in " " + _BOUNDARY:  # a name stands between two characters that are not word characters
            for after in " " + _BOUNDARY:
                fast.add_word(before + key + after, value)
    if fast_plain or fast_checked:
        fast.make_automaton()
    return Matcher(automaton, {a.id: a.name for a in registry.actors.values()}, empty=not claims, fast=fast if fast_plain or fast_checked else None)


def _titles_matter(candidates: Sequence[Candidate]) -> bool:
    """Whether `_decide` (or `_inside_other_name`) can come out differently after a title, for a match these candidates claim."""
    return any(c.needs_context for c in candidates) or (len(candidates) > 1 and any(c.actor_type == "person" for c in candidates))


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
    """Whether a title ends right before `start` (what `_TITLE_BEFORE` finds in the 40 characters before it)."""
    window = text[max(0, start - 40) : start]
    stripped = window.rstrip()
    if len(stripped) == len(window) or not stripped:
        return False  # `\s+$`: white space must come last, after a title
    dotted = stripped.endswith(".")
    if dotted:
        stripped = stripped[:-1]
        if not stripped[-1:].isalnum():
            return False  # an abbreviated title stands right before its full stop
    word = stripped.rsplit(None, 1)[-1]
    if word.isalnum():  # white space (or the window's start) before it: `\b`
        return word in _SHORT_TITLES or (not dotted and word in _LONG_TITLES)
    # `\b` before the title: the whole last word of the window.
    first = len(stripped)
    while first and (stripped[first - 1].isalnum() or stripped[first - 1] == "_"):
        first -= 1
    word = stripped[first:]
    return word in _SHORT_TITLES or (not dotted and word in _LONG_TITLES)


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


# One mention candidate of an article, in text order, before the article's state decides on it:
# (paragraph number, start, end, source text, no marker inside, after a title, claimants that fit, key for warnings:
# the folded words joined by spaces, where a dotted abbreviation's full stops may be `_ABBREVIATION_DOT`).
_Found = tuple[int, int, int, str, bool, bool, Sequence[Candidate], str]


def _token_path(matcher: Matcher, number: int, text: str) -> list[_Found]:
    """The mention candidates of one paragraph, found on its tokens (the reference for the fast path)."""
    masked = mask(text)
    paragraph = _Paragraph(text, masked, tokenize(text))
    found: list[_Found] = []
    for match in _paragraph_matches(matcher, masked, paragraph.tokens):
        span = paragraph.tokens[match.first : match.last]
        start, end = span[0].start, span[-1].end
        titled = _titled(text, start)
        fitting = list(match.candidates)
        if any(c.is_person_short_form for c in fitting) and _inside_other_name(paragraph, match.first, match.last, titled):
            fitting = [c for c in fitting if not c.is_person_short_form]
        key = " ".join(t.folded for t in span)
        found.append((number, start, end, text[start:end], masked[start:end] == text[start:end], titled, fitting, key))
    return found


def _decide(matcher: Matcher, article: Article, found: Iterable[_Found]) -> tuple[list[Mention], list[Problem]]:
    """Apply the article's context rules to its mention candidates, in text order: which count, which link."""
    state = _ArticleState()
    mentions: list[Mention] = []
    problems: list[Problem] = []
    introduced, linked_actors = state.introduced, state.linked
    article_id = article.id
    for number, start, end, written, clean, titled, fitting, key in found:
        if len(fitting) == 1:
            chosen = fitting[0]
            usable = not chosen.needs_context or titled or chosen.actor in introduced
        else:
            choice = [c for c in fitting if not c.needs_context or titled or c.actor in introduced]
            usable = bool(choice)
            if len(choice) > 1:
                # After a title, a person; otherwise the actor introduced most recently, then one that needs no context.
                choice.sort(key=lambda c: (not (titled and c.actor_type == "person"), -introduced.get(c.actor, -1), c.needs_context, c.actor))
            if choice:
                chosen = choice[0]
        if not usable:
            key = key.replace(_ABBREVIATION_DOT, ".")
            if fitting and key not in state.warned:
                state.warned.add(key)
                problems.append(_warn_no_context(matcher, article, article.paragraphs[number - 1].line, written, fitting))
            continue
        state.counter += 1
        if not chosen.needs_context or titled:
            introduced[chosen.actor] = state.counter
        # A link cannot hold a reference marker (`Kataib [1] Hezbollah`): such a mention is recorded, the next one links.
        linked = chosen.alias.link and clean and chosen.actor not in linked_actors
        if linked:
            linked_actors.add(chosen.actor)
        mentions.append(_new_mention(article_id, chosen.actor, written, start, end, number, linked))
    return mentions, problems


def _plain_mention(article: str, actor: str, text: str, start: int, end: int, paragraph: int, linked: bool) -> Mention:
    """`Mention(...)` without the frozen dataclass's `object.__setattr__` per field (a third of the time)."""
    mention = object.__new__(Mention)
    mention.__dict__.update(article=article, actor=actor, text=text, start=start, end=end, paragraph=paragraph, linked=linked)
    return mention


# Only while Mention is the plain frozen dataclass of these fields; else its own constructor.
_new_mention: Callable[[str, str, str, int, int, int, bool], Mention] = (
    _plain_mention
    if tuple(f.name for f in fields(Mention)) == ("article", "actor", "text", "start", "end", "paragraph", "linked")
    and not hasattr(Mention, "__slots__")
    and not hasattr(Mention, "__post_init__")
    else Mention
)


# The fast path. An article's masked paragraphs, joined by `_SEPARATOR`, become a string E with one character
# per source character: letters and digits normalised one for one (case kept), white space and hyphens as
# spaces, in-word marks and anything else as characters that are neither word characters nor spaces. Then a
# few recorded edits: in-word marks go (`Kata'ib`), a possessive's s leaves its word (`Iran's`), a dotted
# abbreviation's full stops join its word (`U.S.`), a full stop after an initial becomes a space (`J. Austin`),
# and runs of spaces shrink to one. So E holds each token as the token path folds it, a joining gap as one
# space and any other gap as something else; segments map E's offsets back to the source. The automaton
# reads E case folded, with every other non-word character as `_BOUNDARY`, and its keys (aliases whose words
# are joined only by white space or hyphens, written the same way) stand between a space or `_BOUNDARY` on
# each side, so no hit is inside a word. An alias with punctuation between words is found by its first words
# and confirmed on the paragraph's tokens. A paragraph with characters this cannot hold (control characters,
# letters that normalise to several characters or to none, runs of in-word marks, words with nothing between
# them) takes the token path.
_SEPARATOR = "\x01"  # between the paragraphs of one article
_POSSESSIVE_MARK = "\x00"  # ' ’ ‘ ` ´: dropped inside a word, and the apostrophe of a possessive `'s`
_OTHER_MARK = "\x02"  # soft hyphen and zero-width characters: dropped inside a word
_POSSESSIVE_S = "\x03"  # the s of a possessive `'s`, which is not part of the word
_UNFIT = "\x04"  # a character that sends its paragraph to the token path
_ABBREVIATION_DOT = "\x06"  # a full stop inside a dotted abbreviation (`U.S.`), part of the word
_MARKS = _POSSESSIVE_MARK + _OTHER_MARK
_HYPHEN_CHARS = "-\u2010\u2011\u2012\u2013\u2043\u2212\ufe63\uff0d"


def _fast_char(ch: str) -> str:
    """What one source character becomes in E."""
    if ch.isspace() or ch in _HYPHEN_CHARS:
        return " "
    if ch in "'’‘`´":
        return _POSSESSIVE_MARK
    if ch in "\u00ad\u200b\u200c\u200d\u2060":
        return _OTHER_MARK
    if ch.isalnum():
        normal = normalise(ch)
        if len(normal) == 1 and normal.isalnum() and len(normal.casefold()) == 1 and normal.casefold().isalnum():
            return normal
        return _UNFIT
    if ch == "." or (ch.isascii() and ch.isprintable()):
        return ch
    return _UNFIT if ord(ch) < 32 or ord(ch) == 127 else "#"


class _FastTable(dict[int, str]):
    """`str.translate` table from source characters to E's, filled as characters are first met."""

    def __missing__(self, code: int) -> str:
        value = _fast_char(chr(code))
        self[code] = value
        return value


_TABLE = _FastTable({code: _fast_char(chr(code)) for code in range(128)})
_TABLE[ord(_SEPARATOR)] = _SEPARATOR


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == _ABBREVIATION_DOT


class _BoundaryTable(dict[int, str]):
    """`str.translate` table from F to what the fast automaton reads: characters that are neither word characters nor spaces become `_BOUNDARY`."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = ch if ch == " " or _is_word_char(ch) else _BOUNDARY
        self[code] = value
        return value


_BOUNDARY = "|"
_BOUNDARY_TABLE = _BoundaryTable()
_BOUNDARY_TABLE.update((code, _BOUNDARY_TABLE[code]) for code in range(128))
_E_WORD = re.compile(f"(?:[^\\W_]|{_ABBREVIATION_DOT})+")


def _replace(text: str, replacements: dict[int, str]) -> str:
    """`text` with single characters replaced, by position."""
    pieces: list[str] = []
    last = 0
    for position in sorted(replacements):
        pieces.append(text[last:position])
        pieces.append(replacements[position])
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


@dataclass
class _FastText:
    """An article's paragraphs as the fast path sees them."""

    whole: str
    """The paragraphs' source texts joined by `_SEPARATOR`."""
    masked: str
    """`whole` with each paragraph masked."""
    starts: list[int]
    """Offset of each paragraph in `whole`."""
    e: str
    """E: see above; paragraphs the fast path does not take are blanked out in it (`_UNFIT`)."""
    segment_e: list[int]
    """Offsets in E where a stretch that maps one to one onto `whole` begins ..."""
    segment_source: list[int]
    """... and the offset in `whole` that each begins at."""
    unfit: list[int]
    """Indexes of the paragraphs left to the token path."""
    hidden: bool = False
    """Whether a full stop or question mark may stand where E shows none: in a masked web address, or after an initial."""

    def source(self, position: int) -> int:
        """The offset in `whole` of E's character at `position`."""
        index = bisect.bisect_right(self.segment_e, position) - 1
        return self.segment_source[index] + position - self.segment_e[index]

    def e_position(self, source: int) -> int:
        """The offset in E of the character at `source` in `whole` (which must be kept in E)."""
        index = bisect.bisect_right(self.segment_source, source) - 1
        return self.segment_e[index] + source - self.segment_source[index]

    def paragraph(self, source: int) -> int:
        """Index of the paragraph that holds offset `source` of `whole`."""
        return bisect.bisect_right(self.starts, source) - 1


def _word_continues(e: str, position: int) -> bool:
    """Whether a token that reached `position` goes on there (a letter, or in-word marks then a letter)."""
    if position >= len(e):
        return False
    ch = e[position]
    return ch.isalnum() or (ch in _MARKS and position + 1 < len(e) and e[position + 1].isalnum())


def _joining_full_stop(e: str, position: int, dropped: set[int]) -> bool:
    """Whether the full stop at `position` ends an initial or a short abbreviation that reads on into the next word (`J. Austin`, `St. Louis`)."""
    after = position + 1
    while after < len(e) and e[after] == " ":
        after += 1
    if after >= len(e) or not e[after].isalnum():
        return False
    letters: list[str] = []
    before = position - 1
    while before >= 0 and len(letters) < 3:
        if e[before].isalnum():
            letters.append(e[before])
        elif before not in dropped:
            break
        before -= 1
    word = "".join(reversed(letters))
    return (len(word) == 1 and word.isupper()) or word.casefold() in _NAME_ABBREVIATIONS


# A full stop after a word character that may need a look: a word character follows it (a dotted abbreviation?)
# or its word is shorter than three (an initial?).
_FULL_STOP = re.compile(r"\.(?<=[^\W_]\.)(?:(?=[^\W_])|(?<![^\W_]{3}\.))")


def _find_all(text: str, needle: str) -> list[int]:
    found: list[int] = []
    position = text.find(needle)
    while position >= 0:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _fast_text(article: Article) -> _FastText:
    """Build E for an article (see above); `check` asks twice in a row for each article (linking, then scanning it), so the last one is kept."""
    if _LAST_FAST_TEXT and _LAST_FAST_TEXT[0][0] is article:
        return _LAST_FAST_TEXT[0][1]
    text = _build_fast_text(article)
    _LAST_FAST_TEXT[:] = [(article, text)]
    return text


# The last article's E and its article: one slot.
_LAST_FAST_TEXT: list[tuple[Article, _FastText]] = []


def _build_fast_text(article: Article) -> _FastText:
    texts = [p.text for p in article.paragraphs]
    whole = _SEPARATOR.join(texts)
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    if whole.count(_SEPARATOR) != len(texts) - 1:  # a paragraph holds the separator itself: all on tokens
        return _FastText(whole, whole, starts, "", [0], [0], list(range(len(texts))))
    masked = whole
    hidden = False
    if _may_hold_url(whole):
        hidden = True
        masked = _SEPARATOR.join(mask(text) for text in texts)
    elif "[" in whole:
        masked = _MARKER.sub(_blank, whole)
    e = masked.translate(_TABLE)
    unfit: set[int] = set()
    if _UNFIT in e:
        unfit |= {bisect.bisect_right(starts, position) - 1 for position in _find_all(e, _UNFIT)}
    replacements: dict[int, str] = {}
    dropped: set[int] = set()
    # In-word marks: dropped (`Kata'ib`), except the apostrophe of a possessive, whose s leaves the word (`Iran's`).
    if _POSSESSIVE_MARK in e or _OTHER_MARK in e:
        for mark in _MARKS:
            for position in _find_all(e, mark):
                after = e[position + 1 : position + 2]
                if after and after in _MARKS:
                    unfit.add(bisect.bisect_right(starts, position) - 1)
                elif position and after.isalnum() and e[position - 1].isalnum():
                    if mark == _POSSESSIVE_MARK and after in "sS" and not _word_continues(e, position + 2):
                        replacements[position + 1] = _POSSESSIVE_S
                    else:
                        dropped.add(position)
        if replacements:
            e = _replace(e, replacements)
            replacements = {}
    # Full stops: inside a dotted abbreviation (found on the exact tokens of its stretch of text), after an initial, or neither.
    if "." in e:
        done = -1
        for stop in _FULL_STOP.finditer(e):
            position = stop.start()
            if position > done and e[position + 1 : position + 2].isalnum():
                first = max(e.rfind(" ", 0, position), e.rfind(_SEPARATOR, 0, position)) + 1
                ends = [end for end in (e.find(" ", position), e.find(_SEPARATOR, position)) if end >= 0]
                done = min(ends) if ends else len(e)
                previous_end = -1
                for match in _TOKEN.finditer(masked, first, done):
                    if match.start() == previous_end:  # two words with nothing between them
                        unfit.add(bisect.bisect_right(starts, position) - 1)
                    previous_end = match.end()
                    if "." in match.group():
                        for dot in range(match.start(), match.end()):
                            if masked[dot] == ".":
                                replacements[dot] = _ABBREVIATION_DOT
            if position in replacements:
                continue
            if position >= 3 and e[position - 2].isalnum() and e[position - 3].isalnum():
                continue  # a word of three letters or more: a sentence's end, not an initial
            if _joining_full_stop(e, position, dropped):
                replacements[position] = " "
                hidden = True
        if replacements:
            e = _replace(e, replacements)
    if unfit:
        for index in unfit:
            end = starts[index] + len(texts[index])
            e = e[: starts[index]] + _UNFIT * (end - starts[index]) + e[end:]
    # Dropped marks go, and runs of spaces become one.
    cuts = sorted((position, position + 1) for position in dropped)
    if "  " in e:
        position = e.find("  ")
        while position >= 0:
            end = position + 2
            while end < len(e) and e[end] == " ":
                end += 1
            cuts.append((position + 1, end))
            position = e.find("  ", end)
        cuts.sort()
    segment_e = [0]
    segment_source = [0]
    if cuts:
        pieces: list[str] = []
        last = 0
        for cut_start, cut_end in cuts:
            pieces.append(e[last:cut_start])
            segment_e.append(segment_e[-1] + cut_start - last)
            segment_source.append(cut_end)
            last = cut_end
        pieces.append(e[last:])
        e = "".join(pieces)
    return _FastText(whole, masked, starts, e, segment_e, segment_source, sorted(unfit), hidden)


def _tokens_from(masked: str, start: int, end: int, count: int) -> list[Token]:
    """The first `count` tokens of `masked` from `start` (a token's start) to `end`, as `tokenize` makes them."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(masked, start, end):
        token_start, token_end = match.span()
        word = match.group()
        if _POSSESSIVE.search(word) and len(word) > 2:
            token_end -= 2
            word = word[:-2]
        exact = normalise(word)
        tokens.append(Token(token_start, token_end, exact, exact.casefold()))
        if len(tokens) == count:
            break
    return tokens


def _word_start(e: str, position: int) -> int:
    """Start of the word whose last character is at `position`."""
    while position > 0:
        ch = e[position - 1]
        if not (ch.isalnum() or ch == _ABBREVIATION_DOT):
            break
        position -= 1
    return position


def _inside_other_name_fast(text: _FastText, paragraph: str, index: int, start: int, end: int, titled: bool) -> bool:
    """`_inside_other_name` for a one-word match at E[start:end] of paragraph `index`."""
    e = text.e
    if e[end : end + 1] == " " and e[end + 1 : end + 2].isupper():
        following = _E_WORD.match(e, end + 1)
        if following is not None and following.group().casefold() not in _NAME_SUFFIXES:
            return True
    if titled or start < 2 or e[start - 1] != " " or not _is_word_char(e[start - 2]):
        return False
    space = e.rfind(" ", 0, start - 1) + 1
    previous = space if e[space : start - 1].isalnum() else _word_start(e, start - 2)
    if not e[previous].isupper():
        return False
    # Is the previous word a sentence's first? A sentence begins after the word before it and no later than it.
    paragraph_start = text.starts[index]
    previous_source = text.source(previous) - paragraph_start
    before = previous - 1
    while before >= 0 and not _is_word_char(e[before]) and e[before] != _SEPARATOR:
        before -= 1
    earlier = -1 if before < 0 or e[before] == _SEPARATOR else text.source(_word_start(e, before)) - paragraph_start
    return not any(earlier < s <= previous_source for s, _ in sentence_bounds(paragraph))


def _fast_path(matcher: Matcher, article: Article) -> list[_Found]:
    """The mention candidates of an article, found on its E string (paragraphs it cannot take go the token path)."""
    if matcher.fast is None:
        text = None
        unfit = list(range(len(article.paragraphs)))
        hits: list[tuple[int, int, tuple[Candidate, ...], list[Token] | None, bool, bool]] = []
    else:
        text = _fast_text(article)
        unfit = text.unfit
        e = text.e
        f = e.casefold()
        hits = []
        # Keys are written between a space or `_BOUNDARY` and another: so a hit is never inside a word.
        for last, (length, entry) in matcher.fast.iter(_BOUNDARY + f.translate(_BOUNDARY_TABLE) + _BOUNDARY):
            start = last - length + 1
            end = last - 1
            if entry.any_case:
                hits.append((start, end, entry.any_case, None, entry.short_form, entry.titles))
            elif entry.capital:
                if e[start].isupper():
                    hits.append((start, end, entry.capital, None, entry.short_form, entry.titles))
            elif entry.plain:
                fitting = tuple(
                    c for c, case, exact in entry.plain if case == _ANY_CASE or (e[start].isupper() if case == _CAPITAL_FIRST else e[start:end] == exact)
                )
                if fitting:
                    hits.append((start, end, fitting, None, entry.short_form and any(c.is_person_short_form for c in fitting), entry.titles))
            for token_key, count, claimants in entry.checked:
                source = text.source(start)
                index = text.paragraph(source)
                paragraph_end = text.starts[index] + len(article.paragraphs[index].text)
                window = _tokens_from(text.masked, source, paragraph_end, count)
                if len(window) == count and _joined(text.masked, window)[0] == token_key:
                    fitting = tuple(c for c in claimants if _case_matches(c, window))
                    if fitting:
                        hits.append((start, text.e_position(window[-1].end - 1) + 1, fitting, window, False, True))
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
    found: list[_Found] = []
    if text is not None:
        reach = 0
        segment_e, segment_source, starts, paragraphs = text.segment_e, text.segment_source, text.starts, article.paragraphs
        masked, whole = text.masked, text.whole
        for start, end, fitting, tokens, short_form, titles in hits:
            if start < reach:
                continue
            reach = end
            segment = bisect.bisect_right(segment_e, start) - 1
            source = segment_source[segment] + start - segment_e[segment]
            segment = bisect.bisect_right(segment_e, end - 1) - 1
            source_end = segment_source[segment] + end - segment_e[segment]
            index = bisect.bisect_right(starts, source) - 1
            offset = starts[index]
            paragraph = paragraphs[index].text
            titled = titles and _titled(paragraph, source - offset)  # when no title can matter, any answer does
            candidates: Sequence[Candidate] = fitting
            if short_form and _inside_other_name_fast(text, paragraph, index, start, end, titled):
                candidates = [c for c in candidates if not c.is_person_short_form]
            key = " ".join(t.folded for t in tokens) if tokens is not None else f[start:end]
            written = whole[source:source_end]
            clean = masked is whole or masked[source:source_end] == written
            found.append((index + 1, source - offset, source_end - offset, written, clean, titled, candidates, key))
    if unfit:
        for index in unfit:
            found.extend(_token_path(matcher, index + 1, article.paragraphs[index].text))
        found.sort(key=lambda item: (item[0], item[1]))
    return found


def link_article(matcher: Matcher, article: Article) -> tuple[list[Mention], list[Problem]]:
    """Every mention in one article, the first linkable one per actor marked `linked`."""
    if matcher.empty:
        return [], []
    return _decide(matcher, article, _fast_path(matcher, article))


def link_article_on_tokens(matcher: Matcher, article: Article) -> tuple[list[Mention], list[Problem]]:
    """`link_article` without the fast path: every paragraph matched on its tokens (slow; the reference the fast path must equal)."""
    if matcher.empty:
        return [], []
    found = [f for number, source in enumerate(article.paragraphs, start=1) for f in _token_path(matcher, number, source.text)]
    return _decide(matcher, article, found)


def _missing_actors(registry: Registry, by_article: dict[str, list[Mention]]) -> list[Problem]:
    return unmentioned_actors(registry, {m.actor for mentions in by_article.values() for m in mentions})


def unmentioned_actors(registry: Registry, mentioned: set[str]) -> list[Problem]:
    """A warning for each actor whose id is not in `mentioned`."""
    return [
        warning(actor.path, 0, f"no article mentions {actor.name}: check its name and aliases against the articles' spelling, or remove the actor")
        for actor_id, actor in registry.actors.items()
        if actor_id not in mentioned
    ]


# From this many articles on, a second process links part of them (where `fork` is available and there is a second core).
PARALLEL_FROM = 400
# The share of the articles the parent links itself: it also rebuilds the child's mentions.
_PARENT_SHARE = 0.47
# A mention as the child sends it: (actor, start, end, paragraph, linked); the text is the paragraph's own.
_Sent = tuple[list[tuple[str, int, int, int, bool]], list[Problem]]


def _sendable(linked: tuple[list[Mention], list[Problem]]) -> _Sent:
    mentions, problems = linked
    return [(m.actor, m.start, m.end, m.paragraph, m.linked) for m in mentions], problems


def _received(article: Article, sent: _Sent) -> tuple[list[Mention], list[Problem]]:
    paragraphs = article.paragraphs
    mentions = [
        _new_mention(article.id, actor, paragraphs[number - 1].text[start:end], start, end, number, linked) for actor, start, end, number, linked in sent[0]
    ]
    return mentions, sent[1]


def _link_all(matcher: Matcher, articles: Sequence[Article]) -> list[tuple[list[Mention], list[Problem]]]:
    """`link_article` for each article, in order; with many articles a forked child links the later ones meanwhile."""
    if len(articles) < PARALLEL_FROM or not can_fork():
        return [link_article(matcher, article) for article in articles]
    split = int(len(articles) * _PARENT_SHARE)
    later = articles[split:]
    child_result = in_forked_child(lambda: [_sendable(link_article(matcher, article)) for article in later])
    if child_result is None:
        return [link_article(matcher, article) for article in articles]
    results = [link_article(matcher, article) for article in articles[:split]]
    sent = child_result()
    if sent is None or len(sent) != len(later):  # the child failed: do its share here
        return results + [link_article(matcher, article) for article in later]
    return results + [_received(article, item) for article, item in zip(later, sent, strict=True)]


def link_articles(registry: Registry, articles: Sequence[Article]) -> tuple[dict[str, list[Mention]], list[Problem]]:
    """Mentions by article id, and the problems linking found."""
    matcher = compile_registry(registry)
    by_article: dict[str, list[Mention]] = {}
    problems: list[Problem] = []
    # Linking makes many objects and no reference cycles: the cyclic collector would only rescan the heap, again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for article, (mentions, found) in zip(articles, _link_all(matcher, articles), strict=True):
            by_article[article.id] = mentions
            problems += found
    finally:
        if collecting:
            gc.enable()
    return by_article, problems + _missing_actors(registry, by_article)


def actor_ids_in_order(mentions: Iterable[Mention]) -> list[str]:
    """Actor ids in order of first mention."""
    seen: dict[str, None] = {}
    for mention in mentions:
        seen.setdefault(mention.actor, None)
    return list(seen)
