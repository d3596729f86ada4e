"""Names an article gives that the registry lacks: candidates per article, then suggestion rows across articles.

An article is read in its capitalised stretches only (`_SPAN`: capitalised words, with the particles and connectors a
name can hold between them); the lower-case prose between them is skipped by the regular expression engine. Each
stretch is cut where a name cannot go on (a possessive, a title, a mention the linker found, a connector that joins
two names rather than the words of one), and each piece is kept when some signal says it is a name, not only its
capital: a place in the gazetteer, a title before it, a given name, a head noun (`Command`, `Ministry`), an
`of`-phrase, an acronym defined in parentheses or met again, a capital in mid-sentence that no dictionary gives the
word. Every candidate carries the signals that kept it (`reason`) and a guessed type.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from build_tools.model import Mention
from build_tools.names import (
    CALENDAR,
    DIRECTIONS,
    DOTTED_NAMES,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    GROUP_FIRST_WORDS,
    GROUP_NAME_WORDS,
    GROUP_NOUNS,
    HEAD_NOUNS,
    HEAD_PHRASES,
    HYPHEN_PARTICLES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_ACRONYMS,
    NOT_ACTOR_FIRSTS,
    NOT_ACTOR_HEADS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    RANK_ABBREVIATIONS,
    SPEAKER_LABEL,
    TIME_ZONES,
    TITLE_DEPARTMENTS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    Lexicon,
    is_common_word,
    is_demonym,
    lexicon,
)
from build_tools.sentences import sentence_bounds
from build_tools.text import TOKEN, fold, possessive_end

# --- Signals: what kept a candidate, as `reason` shows them ----------------------------------------------------------

PLACE = "gazetteer"
TITLE = "title"
APPOSITION = "apposition"
GIVEN_NAME = "given name"
HEAD_NOUN = "head noun"
OF_PHRASE = "of-phrase"
ACRONYM_DEFINED = "acronym defined"
ACRONYM_RECURRING = "recurring acronym"
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
    """The name folded (`names.fold`): occurrences with the same key are one suggestion."""
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
    """The sentence it appears in, as written."""
    alias_of: str | None = None
    """When it is another name of a candidate of the same article (a surname after the full name, an acronym defined in
    parentheses), that candidate's key."""


class KnownNames:
    """What the registry already knows: folded names, and optionally a test for near misses (reported on their own)."""

    def __init__(
        self,
        keys: Iterable[str],
        near_miss: Callable[[tuple[str, ...], tuple[bool, ...]], bool] | None = None,
        types: dict[str, str] | None = None,
    ) -> None:
        self.keys = frozenset(keys)
        self.near_miss = near_miss
        self.types = types or {}
        """Actor id -> type: a person's name never starts a longer name (`Lloyd J. Austin III Combined ...`), and a longer
        name hyphened to a known one is of its kind (`ISIS-West Africa`)."""
        self.seen: dict[tuple[str, tuple[bool, ...]], bool] = {}

    def knows(self, key: str, words: tuple[str, ...], capitals: tuple[bool, ...]) -> bool:
        """Whether the registry has this name, one that reads the same (`Defense Department` for `Department of Defense`), or a near miss of it."""
        found = self.seen.get((key, capitals))
        if found is None:
            found = key in self.keys or any(other in self.keys for other in _reorderings(words))
            if not found and self.near_miss is not None:
                found = self.near_miss(words, capitals)
            self.seen[(key, capitals)] = found
        return found


def _reorderings(words: tuple[str, ...]) -> list[str]:
    """`Defense Department` <-> `Department of Defense`, `Interior Ministry` <-> `Ministry of Interior`: one name, two word orders."""
    if len(words) == 2 and words[1] in _REORDERED_HEADS:
        return [f"{words[1]} of {words[0]}", f"{words[1]} of the {words[0]}"]
    if len(words) >= 3 and words[0] in _REORDERED_HEADS and words[1] == "of":
        rest = words[3:] if words[2] == "the" else words[2:]
        return [" ".join((*rest, words[0]))]
    return []


_REORDERED_HEADS = frozenset({"department", "ministry", "agency", "office", "bureau", "directorate", "command"})


# --- The regular expressions -----------------------------------------------------------------------------------------


@functools.cache
def _upper_class() -> str:
    """A character class of the upper-case letters (`re` has no `\\p{Lu}`)."""
    letters = "".join(chr(code) for code in range(0x3000) if chr(code).isupper())
    return "[" + re.escape(letters) + "]"


_UP = _upper_class()
_ABBREVIATIONS = frozenset({*RANK_ABBREVIATIONS, "St", "Mt", "Ft", "Jr", "Sr", "No"})
# A capitalised stretch: capitalised words joined by a space, and connectors between them; a task force's dash joins too
# (`Combined Joint Task Force - Operation Inherent Resolve`, corpus rule 3.9). A word is dotted initials (`U.S.`), a word
# with its apostrophes (`Kata'ib`) and hyphened parts (`ISIS-K`, `Bab el-Mandeb`), with a full stop when a capital
# follows (`Gen. Pat Ryder`; `_stretches` cuts where that full stop ends a sentence), an ordinal (`82nd`), or a
# capitalised word with a particle before it (`Abu Bakr al-Baghdadi`). The expression starts with an upper-case letter
# only, so the engine skips the lower-case prose at C speed: what a stretch may begin with besides (`al-Shabaab`,
# `82nd Airborne Division`) `_stretches` adds.
_WORD_TAIL = r"[^\W_]*(?:['’][^\W_]+)*(?:[-‐][^\W_]+(?:['’][^\W_]+)*)*"
_CAPITAL_WORD = rf"{_UP}(?:(?:\.[^\W\d_])+\.|{_WORD_TAIL}(?:\.(?=[ ]{_UP}))?)"
_NEXT_WORD_IN_NAME = rf"(?:{_CAPITAL_WORD}|(?:{'|'.join(sorted(HYPHEN_PARTICLES))})[-‐]{_UP}{_WORD_TAIL}|\d+(?:st|nd|rd|th)\b)"
_CONNECTOR = r"(?:of|for|the|and|on|to|in|al|el|bin|ibn|bint|abu|de|du|da|del|van|von|der|la|le)"
_NUMBERED_HEADS = ("Base", "Camp", "Force", "Brigade", "Division", "Battalion", "Regiment", "Squadron", "Wing", "Group", "Outpost")
_SPAN = re.compile(
    rf"{_CAPITAL_WORD}(?:(?:[ ](?:{_CONNECTOR}[ ])*|(?<=Task Force)[ ]?[-–—][ ]?){_NEXT_WORD_IN_NAME})*"
    rf"(?:(?:{'|'.join(f'(?<={head})' for head in _NUMBERED_HEADS)})[ ]\d+\b)?"
)
# What may stand before a stretch's first capital and still open it: a particle (`al-Shabaab`, `al Qaeda`), an ordinal.
_OPENING = re.compile(rf"(?:(?<![\w'’])(?:{'|'.join(sorted(HYPHEN_PARTICLES))})[-‐]|(?<![\w'’])(?:al|el)[ ]|(?<![\w'’])\d+(?:st|nd|rd|th)[ ])$")


_OPENING_ENDS = frozenset({"al ", "el ", "st ", "nd ", "rd ", "th "})


def _stretches(text: str, start: int = 0, end: int | None = None, known: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each capitalised stretch of text[start:end] (see `_SPAN`), cut where a full stop ends a sentence;
    without those that are a known name and nothing else (`known`: start -> end of each, from the mentions)."""
    found: list[tuple[int, int]] = []
    known = known or {}
    for match in _SPAN.finditer(text, start, len(text) if end is None else end):
        begin, stop = match.span()
        known_end = known.get(begin, -1)
        if known_end == stop or (known_end == stop - 2 and text[known_end] in "'’"):
            continue  # most stretches of a linked article, passed at once
        if begin and (text[begin - 1].isalnum() or text[begin - 1] in "'’_"):
            continue  # inside a word (`iPhone`)
        before = text[begin - 3 : begin] if begin >= 3 else text[:begin]
        if before[-1:] in ("-", "‐") or before in _OPENING_ENDS:  # (what `_OPENING` may end with: a quick test first)
            opening = _OPENING.search(text, max(start, begin - 6), begin)
            if opening is not None:
                begin = opening.start()
        # A full stop inside the stretch that is not an abbreviation's or an initial's ends a sentence: cut there.
        dot = text.find(". ", begin, stop)
        while dot >= 0:
            word_start = dot
            while word_start > begin and (text[word_start - 1].isalnum() or text[word_start - 1] in "'’"):
                word_start -= 1
            word = text[word_start:dot]
            if len(word) > 1 and word not in _ABBREVIATIONS and "." not in text[max(begin, word_start - 2) : word_start]:
                found.append((begin, dot))
                begin = dot + 2
            dot = text.find(". ", dot + 2, stop)
        if begin < stop:
            found.append((begin, stop))
    return found


_ACRONYM_IN_PARENS = re.compile(r"\(\s*((?:[A-Z][A-Za-z&\-]{0,8}[A-Z]s?|[A-Z]{2,}))\s*\)")
# The shape of an acronym: capitals, perhaps a small letter among them (`DoD`, `ISIL`, `U.K.`).
_ACRONYM = re.compile(r"[A-Z]{2,7}|[A-Z][a-z]?[A-Z]{1,5}|[A-Z]{2,5}[a-z][A-Z]?|(?:[A-Z]\.){2,4}")
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+((?:[\w\-]+\s+){0,4}?)(\w+)\b|(who)\s)")
_DATELINE = re.compile(rf"^((?:{_UP}[{_UP[1:-1]}'’.\-]+[ ]?)+),\s+(?:[A-Z][\w.]*\s?){{0,3}}(?:--|—|–|-)")
_SENTENCE_OPENERS = frozenset(word.casefold() for word in FUNCTION_WORDS)
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t|s)$", re.IGNORECASE)
# Words before a place (`near Galcad`), and lower-case descriptors after one (`Hiraan region`): corpus rule 3.5.
_PLACE_BEFORE = frozenset(["in", "near", "at", "from", "outside", "around", "across", "into", "toward", "towards", "inside", "through", "via", "between", "of"])
_PLACE_AFTER = frozenset(
    ["province", "provinces", "region", "regions", "district", "districts", "governorate", "city", "town", "village", "area", "state", "river", "valley"]
)


@dataclass(slots=True)
class _Token:
    """A word of a capitalised stretch."""

    start: int
    """Offset in the paragraph."""
    end: int
    """Offset after it (a possessive's `'s` left out)."""
    text: str
    """As written (a possessive's `'s` left out)."""
    folded: str
    """Folded (`names.fold`)."""
    capital: bool
    """Written with a capital first letter."""
    possessive: bool
    """Followed by `'s`: the name ends here."""
    dot: bool
    """Followed by a full stop that is part of it (`Gen.`, `J.`)."""
    hyphen_before: bool
    """Joined to the word before by a hyphen."""
    dash_before: bool
    """Joined to the word before by a dash between spaces (`Task Force - Operation Inherent Resolve`)."""
    covered: bool = False
    """Part of a mention the linker found."""


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """`fold` of one word; plain ASCII letters and digits fold by their case alone (most words, and a hundred thousand
    distinct ones at 10,000 articles: more than the cache holds)."""
    return word.lower() if word.isascii() and word.isalnum() else fold(word)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = -1
    for match in TOKEN.finditer(text, start, end):
        word = match.group()
        kept = possessive_end(word)
        possessive = kept < len(word)
        word, word_end = word[:kept], match.start() + kept
        dot = text[match.end() : match.end() + 1] == "." and not word.endswith(".")
        gap = text[previous_end : match.start()] if previous_end >= 0 else ""
        hyphen = gap in ("-", "‐")
        dash = not hyphen and gap.strip() in ("-", "–", "—")
        tokens.append(_Token(match.start(), word_end, word, _fold_word(word), word[:1].isupper() or word[:1].isdigit(), possessive, dot, hyphen, dash))
        previous_end = match.end()
    return tokens


# --- Paragraph structure ---------------------------------------------------------------------------------------------


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends a sentence: not after an abbreviation (`Gen.`, `U.S.`), an initial or a number
    (what `sentences.sentence_bounds` decides, for one full stop)."""
    begin = stop
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:stop].rstrip(".").casefold()
    return not (len(word) <= 1 or word in _SENTENCE_ABBREVIATIONS)


_SENTENCE_ABBREVIATIONS = frozenset(
    word.casefold() for word in (*RANK_ABBREVIATIONS, "st", "mt", "ft", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "ltd")
) | {
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
    "d.c",
    "a.m",
    "p.m",
    *(month.casefold() for month in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")),
}


def _sentence_around(text: str, start: int) -> str:
    """The sentence that holds offset `start`: from after the last sentence end before it to the next one after it."""
    begin = start
    while True:
        stop = max(text.rfind(". ", 0, begin), text.rfind("? ", 0, begin), text.rfind("! ", 0, begin))
        if stop < 0:
            begin = 0
            break
        if text[stop] != "." or _ends_sentence(text, stop):
            begin = stop + 2
            break
        begin = stop
    end = start
    while True:
        found = [position for position in (text.find(". ", end), text.find("? ", end), text.find("! ", end)) if position >= 0]
        if not found:
            return text[begin:]
        stop = min(found)
        if text[stop] != "." or _ends_sentence(text, stop):
            return text[begin : stop + 1]
        end = stop + 1


def _label_end(text: str) -> int:
    """Where a transcript's speaker label (`MR. PRICE:`, `Q:`, `MODERATOR:`) ends, or 0: labels are structure, not names."""
    match = SPEAKER_LABEL.match(text)
    if match is None:
        return 0
    label = match.group()
    if label.rstrip().endswith(":") or label.strip() in ("Q", "A", "Q.", "A.", "Q:", "A:"):
        return match.end()
    return 0


def _is_heading(text: str) -> bool:
    """A heading, a title or a list of links: no sentence's end, and its words in title case (`Related Links ...`, `Strikes in Syria`)."""
    stripped = text.strip()
    if not stripped or (stripped[-1] in '.!?;"”)' and not _LINK_LIST.match(stripped)):
        return False
    if _LINK_LIST.match(stripped):
        return True
    words = [word for word in re.findall(r"[^\W\d_][\w'’\-]*", stripped) if word.casefold() not in _SMALL_WORDS]
    if not words:
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised * 4 >= len(words) * 3


_LINK_LIST = re.compile(
    r"(?:Related|Recent|More|See Also|Additional)\b[\w ]{0,20}?(?:Links|Articles|Stories|Content|Resources|Releases)?\s*:?\s", re.IGNORECASE
)
# Words that title case leaves in lower case.
_SMALL_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as", "into", "via", "vs"])


def _shouting(text: str) -> bool:
    """A paragraph written in capitals (`FOR IMMEDIATE RELEASE`): its capitals say nothing."""
    return text == text.upper() and sum(ch.isalpha() for ch in text[:40]) >= 8


# --- Finding the candidates of one article ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    """A run of tokens that may be one name, with what is known of its context."""

    tokens: list[_Token]
    titled: bool = False
    """Right after a person's title."""
    opens_sentence: bool = False
    """Its first word begins a sentence (or it stands in a heading): its capital says nothing."""
    attached: bool = False
    """Hyphened to a known name (`Islamic Revolutionary Guard Corps-Quds Force`): part of that name."""
    after_demonym: bool = False
    """It begins with `U.S.` or a demonym that is part of the name (`U.S. Embassy`, `Somali National Army`)."""


class _Reader:
    """One article's candidates."""

    def __init__(self, paragraphs: Sequence[str], mentions: Sequence[Mention], known: KnownNames, words: Lexicon) -> None:
        self.paragraphs = paragraphs
        self.known = known
        self.words = words
        self.spans: dict[int, list[tuple[int, int]]] = {}
        """Paragraph number -> (start, end) of its mentions, in text order (as linking gives them)."""
        self.mention_types: dict[tuple[int, int], str] = {}
        """(paragraph number, start) of a mention -> its actor's type."""
        types = known.types
        spans = self.spans
        for mention in mentions:
            found = spans.get(mention.paragraph)
            if found is None:
                found = spans[mention.paragraph] = []
            found.append((mention.start, mention.end))
            kind = types.get(mention.actor)
            if kind is not None:
                self.mention_types[(mention.paragraph, mention.start)] = kind
        for found in spans.values():
            if any(found[index][0] < found[index - 1][0] for index in range(1, len(found))):
                found.sort()
        self.bounds: dict[int, list[tuple[int, int]]] = {}
        self.found: list[Candidate] = []
        self.mid_capitals: set[str] = set()
        """Folded words the article capitalises inside a sentence: evidence for the same word at a sentence's start."""
        self.acronym_seen: dict[str, list[tuple[int, int, int]]] = {}
        """All-capital words outside speaker labels -> where they stand (paragraph, start, end)."""
        self.quoted: dict[str, int] = {}
        """How many candidates of each key carry their sentence."""

    # Sentences

    def sentence(self, number: int, start: int) -> tuple[int, int]:
        """The sentence around offset `start` of a paragraph (`sentences.sentence_bounds`, read once per paragraph that needs it)."""
        bounds = self.bounds.get(number)
        if bounds is None:
            bounds = self.bounds[number] = sentence_bounds(self.paragraphs[number - 1])
        for bound in bounds:
            if bound[0] <= start < bound[1]:
                return bound
        return bounds[-1] if bounds else (0, 0)

    def opens_sentence(self, text: str, number: int, start: int, floor: int) -> bool:
        """Whether the word at `start` begins a sentence or a clause (after a colon, or opening a quotation)."""
        position = start
        while position > floor and text[position - 1] in " \t\"“‘'([—–-":
            if text[position - 1] in "\"“‘'(" and (position - 1 == floor or text[position - 2] in " \t"):
                return True  # a quotation opens: `said: "Meanwhile ...`, `"Well ...`
            position -= 1
        if position <= floor:
            return True
        if text[position - 1] in ":;":
            return True
        if text[position - 1] in "!?":
            return True
        if text[position - 1] == ".":
            return _ends_sentence(text, position - 1)
        return False

    # The article

    def read(self) -> list[Candidate]:
        stretches: list[tuple[int, list[_Token], bool, bool]] = []
        for number, text in enumerate(self.paragraphs, start=1):
            floor = _label_end(text)
            if _shouting(text[floor:]):
                continue
            heading = _is_heading(text[floor:])
            spans = self.spans.get(number, [])
            starts = [start for start, _ in spans]
            for begin, end in _stretches(text, floor, known=dict(spans)):
                # Quick ways past the commonest stretches, before they are cut into words: a title and a known name
                # (`Prime Minister <name>`), a sentence's ordinary first word (`The`, `Officials`).
                at = bisect.bisect_left(starts, end) - 1
                ends_known = at >= 0 and starts[at] >= begin and (spans[at][1] == end or (spans[at][1] == end - 2 and text[end - 2] in "'’"))
                if ends_known and all(word.rstrip(".") in _TITLE_OR_MODIFIER for word in text[begin : starts[at]].split()):
                    continue
                if " " not in text[begin:end] and "-" not in text[begin:end]:
                    word = text[begin:end]
                    if (
                        word.casefold() in _SENTENCE_OPENERS
                        or (word[1:].islower() and is_common_word(_fold_word(word), self.words) and _fold_word(word) not in self.words.places)
                    ) and (heading or self.opens_sentence(text, number, begin, floor)):
                        continue
                tokens = _tokens(text, begin, end)
                if not tokens:
                    continue
                if len(tokens) == 1 and self.plain_opening(tokens[0]) and (heading or self.opens_sentence(text, number, begin, floor)):
                    continue  # `The`, `In`, `Officials`: a sentence's first word, the commonest stretch of all
                if spans:
                    for token in tokens:
                        at = bisect.bisect_left(starts, token.end) - 1  # the last mention starting before the token ends
                        token.covered = at >= 0 and spans[at][1] > token.start
                    if all(token.covered or not token.capital or token.text in _TITLE_OR_MODIFIER for token in tokens):
                        continue  # `Prime Minister <a known name>`
                opens = heading or self.opens_sentence(text, number, tokens[0].start, floor)
                for index, token in enumerate(tokens):
                    if token.capital:
                        if token.text[1:].islower() or not _ACRONYM.fullmatch(token.text):
                            if index or not opens:
                                self.mid_capitals.add(token.folded)
                        elif not token.covered:
                            self.note_acronym(number, token)  # `ECOWAS`, `DoD`, `U.K.`
                stretches.append((number, tokens, heading, opens))
        for number, tokens, heading, opens in stretches:
            self.stretch(number, tokens, heading, opens)
        for number, text in enumerate(self.paragraphs, start=1):
            if "(" in text:
                self.defined_acronyms(number, text)
        self.dateline()
        return self.found

    def dateline(self) -> None:
        """`TAMPA, Fla. --`: the place a release was sent from, in capitals before the first paragraph's dash."""
        if not self.paragraphs:
            return
        match = _DATELINE.match(self.paragraphs[0])
        if match is None:
            return
        written = match.group(1).strip().rstrip(".")
        key = fold(written)
        place = self.words.places.get(key)
        words = written.title().split()
        if place is None and words and (words[-1] in HEAD_NOUNS or " ".join(words[-2:]) in HEAD_PHRASES) and len(words) > 1:
            place = "place"  # `RAMSTEIN AIR BASE`
        if not key or self._known(key, written) or place is None:
            return
        self.add(written, key, place, (DATELINE, PLACE), 1, match.start(1), match.start(1) + len(written))

    def stretch(self, number: int, tokens: list[_Token], heading: bool, opens: bool) -> None:
        """Cut a capitalised stretch into pieces that may be names, and judge each."""
        if all(token.covered or not token.capital for token in tokens):
            return
        if not opens and not heading and 2 <= len(tokens) <= 4 and all(map(_plain, tokens)):
            # The commonest candidate, two to four capitalised words and nothing else (`Zaid Tamimi`): nothing to cut, nothing to drop.
            self.keep(number, _Piece(tokens))
            return
        if any(token.covered for token in tokens):
            self.around_known(number, tokens, heading)
        pieces: list[_Piece] = []
        current: list[_Token] = []
        titled = False
        title_tokens: list[_Token] = []

        def close(next_titled: bool) -> None:
            nonlocal current, titled
            if current:
                first, last = tokens.index(current[0]), tokens.index(current[-1])
                attached = (current[0].hyphen_before and first > 0 and tokens[first - 1].covered) or (
                    last + 1 < len(tokens) and tokens[last + 1].covered and tokens[last + 1].hyphen_before
                )
                piece = _Piece(current, titled=titled, opens_sentence=opens and current[0] is tokens[0], attached=attached)
                # `General Santander National Police Academy`, `King Khalid International Airport`: a title word in a place's or body's name.
                named_after = titled and title_tokens and title_tokens[-1].end < current[0].start and not title_tokens[-1].dot
                if named_after and (_head_type(current) or "person") != "person" and all(t.text in TITLE_WORDS for t in title_tokens):
                    piece = _Piece([*title_tokens, *current], opens_sentence=opens and title_tokens[0] is tokens[0], attached=attached)
                pieces.append(piece)
            current = []
            titled = next_titled

        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.covered:
                # `Ambassador to Iraq Alina Romanowski`: the title reaches over a connector and a known name.
                close(titled and bool(current) and all(not t.capital for t in current))
                index += 1
                continue
            title_end = _title_at(tokens, index)
            if title_end > index and not _title_inside_name(current, tokens, index, title_end, self.words) and not _after_head_of(current):
                # A service name before a rank is a name of its own (`U.S. Army Gen. ...`, corpus rule 3.1).
                service_end = _service_before_rank(tokens, index, title_end)
                if service_end > index:
                    current.extend(tokens[index:service_end])
                    index = service_end
                    continue
                close(True)
                title_tokens = tokens[index:title_end]
                # `Secretary of State Antony Blinken`, `Minister of Foreign Affairs Fuad Hussein`: the department is the title's.
                index = _skip_department(tokens, title_end)
                continue
            current.append(token)
            if token.possessive:
                close(False)
            index += 1
        close(False)
        for piece in pieces:
            for part in self.split(piece, heading):
                self.judge(number, part)

    def around_known(self, number: int, tokens: list[_Token], heading: bool) -> None:
        """A longer name with a known one inside (`Anbar Operations Command`, `Federal Government of Somalia`, `Abdul Malik
        al-Houthi`, `U.S. Embassy Baghdad`): suggested whole, and its words taken out of the stretch."""
        index = 0
        while index < len(tokens):
            if not tokens[index].covered:
                index += 1
                continue
            first = index
            while index < len(tokens) and tokens[index].covered and not tokens[index].possessive:
                index += 1
            end = index + 1 if index < len(tokens) and tokens[index].covered else index
            index = end
            before = tokens[first - 1] if first > 0 else None
            if tokens[first].hyphen_before and before is not None and not before.covered and not before.capital and before.folded not in HYPHEN_PARTICLES:
                continue  # `anti-Houthi`, `pro-Iran`: an adjective
            if tokens[first].hyphen_before and first > 0 and tokens[first - 1].text in ("Anti", "Pro", "Non", "Post", "Pre"):
                continue
            inner = self.mention_types.get((number, tokens[first].start))
            found = _longer_name(tokens, first, end, self.words, inner, heading)
            if found is None:
                continue
            start, stop, kind = found
            written = self.paragraphs[number - 1][tokens[start].start : tokens[stop - 1].end]
            key = " ".join(token.folded for token in tokens[start:stop])
            if not self._known(key, written):
                self.add(written, key, kind, (AROUND_KNOWN, TITLE if kind == "person" else HEAD_NOUN), number, tokens[start].start, tokens[stop - 1].end)
            for token in tokens[start:stop]:
                token.covered = True
            index = max(index, stop)

    def split(self, piece: _Piece, heading: bool) -> list[_Piece]:
        """Cut a piece at connectors that join two names (`Iraq and Syria`, `Baghdad on Tuesday`), and trim its ends."""
        tokens = piece.tokens
        parts: list[_Piece] = []
        start = 0
        for index, token in enumerate(tokens):
            if token.capital or index == 0:
                continue
            word = token.folded
            if (word in ("and", "on", "to", "in") and not _joins_inside_name(tokens, index, word, self.words)) or (
                word == "of" and not _of_inside_name(tokens, index)
            ):
                parts.append(_Piece(tokens[start:index], piece.titled and start == 0, piece.opens_sentence and start == 0, piece.attached))
                start = index + 1
        parts.append(_Piece(tokens[start:], piece.titled and start == 0, piece.opens_sentence and start == 0, piece.attached))
        trimmed: list[_Piece] = []
        for part in parts:
            words = part.tokens
            while words and not words[0].capital and not _particle_start(words):
                words = words[1:]
            while words and not words[-1].capital:
                words = words[:-1]
            if not words:
                continue
            if not heading or (_head_type(words) is not None and len(words) > 1):
                trimmed.append(_Piece(words, part.titled, part.opens_sentence and words[0] is part.tokens[0], part.attached))
                continue
            # Headings capitalise every word: cut at ordinary words that are not a name's head noun.
            group: list[_Token] = []
            for token in words:
                if token.capital and is_common_word(token.folded, self.words) and token.text not in HEAD_NOUNS and not token.text.isupper():
                    if group:
                        trimmed.append(_Piece(group, part.titled and group[0] is words[0], True, part.attached))
                    group = []
                else:
                    group.append(token)
            if group:
                trimmed.append(_Piece(group, part.titled and group[0] is words[0], True, part.attached))
        return trimmed

    def judge(self, number: int, piece: _Piece) -> None:
        """Keep a piece as a candidate when a signal says it is a name; drop what opens it when nothing does."""
        tokens = piece.tokens
        while tokens and not tokens[-1].capital:
            tokens = tokens[:-1]
        if not tokens or (piece.attached and len(tokens) > 1):
            return
        key = " ".join(token.folded for token in tokens)
        if key not in self.words.places:
            # `U.S.` or a demonym before the name: part of it only when a head noun ends it (`Somali National Army`, `Arabian Sea`).
            while tokens and tokens[0].capital and (is_demonym(tokens[0].text) or tokens[0].folded in _STATE_PREFIXES):
                rest = tokens[1:]
                if rest and _head_type(rest) is not None and not (len(rest) == 1 and rest[0].text in GENERIC_NOUNS and rest[0].text not in HEAD_NOUNS):
                    piece.after_demonym = True
                    break
                tokens = rest
                piece = _Piece(tokens, piece.titled, False, piece.attached)
            while len(tokens) > 1 and is_demonym(tokens[-1].text) and not piece.after_demonym:
                tokens = tokens[:-1]
            while tokens and not tokens[-1].capital:
                tokens = tokens[:-1]
        if not tokens:
            return
        piece.tokens = tokens
        if piece.opens_sentence and not piece.titled and not self.opening_evidence(tokens):
            rest = tokens[1:]
            while rest and not rest[0].capital and not _particle_start(rest):
                rest = rest[1:]
            if rest:
                self.judge(number, _Piece(rest, False, False, piece.attached))
            return
        self.keep(number, piece)

    def plain_opening(self, token: _Token) -> bool:
        """A word that, alone at a sentence's start, is no name whatever the rest of the article says (`opening_evidence` in short)."""
        word = token.folded
        if word in _SENTENCE_OPENERS or _CONTRACTION.search(token.text):
            return True
        return is_common_word(word, self.words) and word not in self.words.places and not token.text.isupper()

    def opening_evidence(self, tokens: list[_Token]) -> bool:
        """Whether a piece whose first word opens a sentence is a name for more than that capital."""
        first = tokens[0]
        word = first.folded
        if _CONTRACTION.search(first.text) or word in _SENTENCE_OPENERS or word in CALENDAR_FOLDED:
            return False
        if len(tokens) > 1 and word in HYPHEN_PARTICLES and (tokens[1].hyphen_before or first.text in ("Al", "El")):
            return True  # `Al-Shabaab`, `Al Qaeda`
        common = is_common_word(word, self.words)
        if word in self.mid_capitals and not common:
            return True
        key = " ".join(token.folded for token in tokens)
        place = self.words.places.get(key)
        if (
            place is not None
            and not first.text.isupper()
            and (len(tokens) > 1 or place == "state" or word in self.words.major_places or (not common and len(word) > 3))
        ):
            return True
        if len(tokens) > 1:
            if (word in self.words.given_names or not common) and word not in self.words.proper_words:
                return True
            if word in self.mid_capitals:
                return True
            # `Federal Government of Somalia`: a head noun and a word no dictionary has; `Millennium Challenge Corporation`: three capitals and a head.
            if _head_type(tokens) is None:
                return False
            return any(not is_common_word(t.folded, self.words) for t in tokens[1:] if t.capital) or sum(t.capital for t in tokens) >= 3
        return False

    def keep(self, number: int, piece: _Piece) -> None:
        tokens = piece.tokens
        text = self.paragraphs[number - 1]
        written = text[tokens[0].start : tokens[-1].end]
        if tokens[-1].dot and tokens[-1].folded in _SUFFIX_FOLDED:
            written += "."
        key = " ".join(token.folded for token in tokens)
        capitals = [token for token in tokens if token.capital]
        single = len(tokens) == 1
        first = tokens[0]
        dotted = first.text + "." if first.dot else first.text
        if single and dotted in DOTTED_NAMES:
            if not self._known(fold(dotted), dotted):  # `Fort Bragg, N.C.`, `U.K.`
                self.add(dotted, fold(dotted), DOTTED_NAMES[dotted], (PLACE,), number, first.start, first.start + len(dotted))
            return
        if not capitals or (single and (len(first.text) == 1 or first.text.isupper())) or all(t.text.isupper() for t in capitals):
            return  # a letter, or capitals alone: acronyms are judged on their own (`note_acronyms`)
        if tokens[-1].text in NOT_ACTOR_HEADS and len(tokens) > 1 and not any(t.folded in ("of", "for") for t in tokens):
            # `Berlin Conference`: an event, held in a place.
            rest = tokens[:-1]
            if " ".join(t.folded for t in rest) in self.words.places:
                self.keep(number, _Piece(rest, attached=piece.attached))
            return
        if _CONTRACTION.search(first.text) or first.text in NOT_ACTOR_FIRSTS or first.folded in CALENDAR_FOLDED:
            return
        if tokens[-1].text in NOT_ACTOR_HEADS and not any(t.folded in ("of", "for") for t in tokens):
            return  # `Strategic Framework Agreement`; not `Institute for the Study of War`
        if single and (first.text in DIRECTIONS or _TIME_AFTER.match(text, first.end)):
            return  # `Eastern time`, `Central`
        if all(t.folded in CALENDAR_FOLDED or t.text in TIME_ZONES or t.text[:1].isdigit() for t in capitals):
            return
        if all(t.text in TITLE_WORDS or t.text in TITLE_MODIFIERS or t.text in RANK_ABBREVIATIONS for t in capitals):
            return  # a job title without a name
        head = _head_type(tokens)
        if _DESIGNATION_IN.search(text, max(0, tokens[0].start - 6), tokens[-1].end) and head not in ("place", "government_body"):
            return  # `F-15E Strike Eagle`: a weapon's name
        if not piece.titled and _INDEFINITE_BEFORE.search(text, max(0, tokens[0].start - 8), tokens[0].start):
            following = _NEXT_WORD.match(text, tokens[-1].end)
            if following is None or following.group(1) in _SENTENCE_OPENERS:
                return  # `designated as a Foreign Terrorist Organization`: a kind of thing, not a name ...
            # ... but `a Millennium Challenge Corporation compact` holds one
        if self._known(key, written):
            return
        reasons: list[str] = []
        kind: str | None = None
        word = first.folded
        place = self.words.places.get(key)
        if piece.titled:
            reasons.append(TITLE)
            kind = "person"
        if head is not None and (not single or piece.after_demonym):
            reasons.append(HEAD_NOUN)
            if any(token.folded in ("of", "for") for token in tokens):
                reasons.append(OF_PHRASE)
            kind = kind or head
        if place is not None and not (single and self.ordinary(word, place)):
            reasons.append(PLACE)
            kind = kind or place
        particle = _particle_start(tokens) or (first.text in ("Al", "El") and len(tokens) > 1)
        if first.text in GROUP_FIRST_WORDS or any(t.text in GROUP_NAME_WORDS for t in tokens):
            reasons.append(ARABIC_GROUP)
            kind = kind or "armed_group"
        if not single and not particle and word in self.words.given_names and kind in (None, "person"):
            reasons.append(GIVEN_NAME)
            kind = kind or "person"
        apposition = self.apposition(number, tokens[-1].end)
        if apposition is not None:
            reasons.append(APPOSITION)
            kind = kind or apposition
        if single:
            if first.text in GENERIC_NOUNS or (first.text in HEAD_NOUNS and not reasons):
                return  # `the Department`: house style for a name given in full elsewhere
            if is_demonym(first.text):
                return
            if _PEOPLE_PLURAL.fullmatch(first.text) and first.text[:-1] in PEOPLE_NOUNS:
                reasons.append(IDENTITY)
                kind = "identity_group"
            elif not reasons:
                if first.text in DIRECTIONS or _TIME_AFTER.match(text, tokens[-1].end):
                    return  # `Eastern time`, `Central`
                if (is_common_word(word, self.words) and word not in self.words.proper_words) or (
                    word in self.words.given_names and word not in self.mid_capitals
                ):
                    return
                reasons.append(CAPITALISED)
        elif not reasons:
            compound = any(t.hyphen_before and not t.capital for t in tokens[1:])  # `Mar-a-Lago`, `Bab el-Mandeb`
            if not compound and not any(not is_common_word(t.folded, self.words) for t in capitals):
                return  # `Human Rights`, `Special Operations`: ordinary words with capitals
            reasons.append(CAPITALISED)
        elif head is not None and not piece.titled and not piece.after_demonym and place is None and _generic_pair(tokens, capitals, self.words):
            return  # `Security Forces`, `Press Office`: a generic pair
        if kind is None:
            kind = _context_type(text, tokens[0].start, tokens[-1].end) or ("armed_group" if particle else _default_type(tokens, self.words))
        self.add(written, key, kind, tuple(dict.fromkeys(reasons)), number, tokens[0].start, tokens[-1].end)

    def ordinary(self, word: str, place: str) -> bool:
        """Whether a one-word place name is more likely an ordinary word (`Police`, `Mission`): a dictionary has it in lower
        case only. States and big cities are always names (`Turkey`, `Chad`, `Tripoli`), and so are words the dictionary
        also has with a capital (`Nice`)."""
        if place == "state" or word in self.words.major_places:
            return False
        return is_common_word(word, self.words) and word not in self.words.proper_words

    def apposition(self, number: int, end: int) -> str | None:
        """`Name, a spokesman for ...`, `Name, who ...` -> person; `Name, an Iranian-backed militia` -> armed group."""
        match = _APPOSITION.match(self.paragraphs[number - 1], end)
        if match is None:
            return None
        if match.group(3):
            return "person"
        noun = match.group(2).casefold()
        if noun in PERSON_NOUNS:
            return "person"
        if noun in GROUP_NOUNS:
            return "armed_group" if noun == "militia" else "organization"
        return None

    def note_acronym(self, number: int, token: _Token) -> None:
        """Where an all-capital word stands (those met twice or more are candidates)."""
        word = token.text
        if word not in NOT_ACRONYMS and word not in TIME_ZONES and not _ROMAN.fullmatch(word):
            self.acronym_seen.setdefault(word, []).append((number, token.start, token.end))

    def defined_acronyms(self, number: int, text: str) -> None:
        """Acronyms defined in parentheses after a name the registry lacks (`Southern Transitional Council (STC)`)."""
        floor = _label_end(text)
        spans = self.spans.get(number, ())
        for match in _ACRONYM_IN_PARENS.finditer(text, floor):
            acronym = match.group(1)
            if acronym in NOT_ACRONYMS or acronym in TIME_ZONES:
                continue
            before = len(text[: match.start()].rstrip())
            if any(e == before for _, e in spans):
                continue  # `U.S. Central Command (CENTCOM)`: another name of a known actor, not a new one
            if any(c.paragraph == number and c.start == match.start(1) for c in self.found):
                continue
            owner = next((c for c in reversed(self.found) if c.paragraph == number and c.end == before), None)
            key = fold(acronym)
            if self._known(key, acronym):
                continue
            kind = owner.type if owner is not None else "organization"
            self.add(acronym, key, kind, (ACRONYM_DEFINED,), number, match.start(1), match.end(1), owner.key if owner is not None else None)

    def _known(self, key: str, written: str) -> bool:
        return self.known.knows(key, tuple(key.split(" ")), tuple(word[:1].isupper() for word in TOKEN.findall(written)))

    def add(self, written: str, key: str, kind: str, reasons: tuple[str, ...], number: int, start: int, end: int, alias_of: str | None = None) -> None:
        # The sentence is wanted for a name's first few occurrences only (a suggestion's example, new-actor's comments).
        quoted = self.quoted.get(key, 0)
        sentence = ""
        if quoted < _QUOTED:
            self.quoted[key] = quoted + 1
            sentence = " ".join(_sentence_around(self.paragraphs[number - 1], start).split())
        self.found.append(Candidate(written, key, kind, reasons, number, start, end, sentence, alias_of))


_TITLE_OR_MODIFIER = RANK_ABBREVIATIONS | TITLE_WORDS | TITLE_MODIFIERS
# Words a piece may not hold for `_Reader.stretch`'s short road: they are cut off, or change what the rest is.
_NOT_PLAIN = _TITLE_OR_MODIFIER | DIRECTIONS | {"U.S.", "U.N.", "U.K.", "US", "UN", "UK"}


def _plain(token: _Token) -> bool:
    """A word that is nothing but a capitalised word of a name: not known, no title, demonym, possessive, hyphen or full stop."""
    return (
        token.capital
        and not (token.covered or token.possessive or token.dot or token.hyphen_before or token.dash_before)
        and token.text not in _NOT_PLAIN
        and not is_demonym(token.text)
    )


# How many occurrences of a name per article carry their sentence.
_QUOTED = 3
CALENDAR_FOLDED = frozenset(word.casefold() for word in CALENDAR)
_SUFFIX_FOLDED = frozenset(fold(suffix) for suffix in NAME_SUFFIXES)
_ROMAN = re.compile(r"[IVXLC]+")
_STATE_PREFIXES = frozenset({"u.s.", "u.n.", "u.k.", "us", "un", "uk"})
_DESIGNATION_IN = re.compile(r"\b(?:[A-Z]{1,4}-?)?\d+[A-Z]\b|\b[A-Z][A-Za-z]{0,3}-\d+\b")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|A|An)\s+$")
_TIME_AFTER = re.compile(r"\s+(?:[Tt]ime|[Ss]tandard [Tt]ime|[Dd]aylight)\b")
# A lower-case word after a name that makes the name attributive (`a Millennium Challenge Corporation compact`): not a function word.
_NEXT_WORD = re.compile(r"[ ]+([a-z][a-z\-]*)")
_PEOPLE_PLURAL = re.compile(r"[A-Z][a-z]+s")


def _context_type(text: str, start: int, end: int) -> str | None:
    """`near Galcad`, `in Hiraan and Middle Shabelle`, `Hiraan region`, `the town of Amerli`: a place by the words around it,
    when nothing else tells."""
    after = text[end : end + 60].replace(",", " ").split()
    while len(after) > 1 and after[0] in ("and", "or") and after[1][:1].isupper():
        after = after[2:]
        while after and after[0][:1].isupper():
            after = after[1:]
    if after and after[0].strip(".;:") in _PLACE_AFTER:
        return "place"
    before = text[max(0, start - 80) : start].replace(",", " ").split()
    while before and (before[-1][:1].isupper() or before[-1] in ("and", "or")):
        before.pop()  # the other names of a list (`in Hiraan and Middle Shabelle`)
    if before and before[-1] in _DIRECTION_WORDS:
        before.pop()
    if before and before[-1] == "the":
        before.pop()
    if before and before[-1] in _PLACE_BEFORE and before[-1] != "of":
        return "place"
    return "place" if len(before) >= 2 and before[-1] == "of" and before[-2] in _PLACE_AFTER else None


_DIRECTION_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "nearby",
        "remote",
        "rural",
        "restive",
    ]
)


def _particle_start(tokens: Sequence[_Token]) -> bool:
    """A name that starts with a lower-case particle hyphened to a capitalised word (`al-Shabaab`, `el-Sisi`)."""
    return len(tokens) > 1 and tokens[0].folded in HYPHEN_PARTICLES and not tokens[0].capital and tokens[1].capital


def _is_title(token: _Token) -> bool:
    return token.capital and not token.covered and (token.text in RANK_ABBREVIATIONS or token.text in TITLE_WORDS)


def _title_at(tokens: Sequence[_Token], index: int) -> int:
    """The end of a person's title starting at `index` (`Brig. Gen`, `Army Gen.`, `Defense Secretary`, `Prime Minister`), or `index`."""
    end = index
    saw_title = False
    while end < len(tokens):
        token = tokens[end]
        if token.covered or not token.capital:
            break
        if _is_title(token):
            saw_title = True
            end += 1
        elif token.text in TITLE_MODIFIERS and any(_is_title(t) for t in tokens[end + 1 : end + 4]):
            end += 1
        else:
            break
    if not saw_title:
        return index
    while end > index and not _is_title(tokens[end - 1]):
        end -= 1
    return end


def _after_head_of(current: Sequence[_Token]) -> bool:
    """`Office of the Spokesperson`: a title word after a head noun's `of` names the office, not a person."""
    if not current or current[-1].capital:
        return False
    capitals = [token for token in current if token.capital]
    return bool(capitals) and capitals[-1].text in HEAD_NOUNS and any(token.folded == "of" for token in current[current.index(capitals[-1]) :])


def _generic_pair(tokens: Sequence[_Token], capitals: Sequence[_Token], words: Lexicon) -> bool:
    """`Security Forces`, `Press Office`, `Public Affairs`: two ordinary words, the second a noun house style capitalises.

    Not `State Department` (a department's own subject), `Black Sea`, `United Nations`, `World Bank`.
    """
    if len(capitals) >= 3 or any(t.folded in ("of", "for") for t in tokens) or not all(is_common_word(t.folded, words) for t in capitals):
        return False
    head = capitals[-1].text
    if head not in GENERIC_NOUNS or (len(capitals) == 2 and f"{capitals[0].text} {head}" in HEAD_PHRASES):
        return False
    return not (len(capitals) == 2 and head in ("Department", "Ministry") and capitals[0].text in _DEPARTMENT_SUBJECTS)


_DEPARTMENT_SUBJECTS = frozenset(department for department in TITLE_DEPARTMENTS if " " not in department)


def _title_inside_name(current: Sequence[_Token], tokens: Sequence[_Token], index: int, title_end: int, words: Lexicon) -> bool:
    """A title word inside a person's name (`Hassan Sheikh Mohamud`): after a given name, before another name word."""
    if not current or title_end - index != 1 or tokens[index].dot or tokens[index].text in RANK_ABBREVIATIONS:
        return False
    if title_end >= len(tokens) or not tokens[title_end].capital or tokens[title_end].covered:
        return False
    return current[0].folded in words.given_names and all(t.capital for t in current) and len(current) <= 2


_SERVICES = ("Army", "Navy", "Marine Corps", "Marines", "Air Force", "Coast Guard", "National Guard", "Space Force", "Army Reserve")


def _service_before_rank(tokens: Sequence[_Token], index: int, title_end: int) -> int:
    """`U.S. Army Gen.`: the end of a full service name (after `U.S.` or a demonym) that opens a title, or `index`."""
    if index == 0:
        return index
    before = tokens[index - 1]
    if not (before.folded in _STATE_PREFIXES or is_demonym(before.text) or before.text == "Royal"):
        return index
    for service in _SERVICES:
        names = service.split()
        if [token.text for token in tokens[index : index + len(names)]] == names and index + len(names) < title_end:
            return index + len(names)
    return index


def _skip_department(tokens: Sequence[_Token], index: int) -> int:
    """After a title, `of State`, `of Foreign Affairs`, `for Political Affairs`: the title's own words, not a name."""
    while index < len(tokens) and tokens[index].folded in ("of", "for"):
        following = [token.text for token in tokens[index + 1 :]]
        for department in _DEPARTMENTS_LONGEST_FIRST:
            names = department.split()
            if following[: len(names)] == names:
                index += 1 + len(names)
                break
        else:
            return index
    return index


_DEPARTMENTS_LONGEST_FIRST = sorted(TITLE_DEPARTMENTS, key=lambda department: -len(department.split()))


def _head_type(tokens: Sequence[_Token]) -> str | None:
    """The type a piece's head noun makes likely: the words before its first `of`/`for`/`in` or dash, else its last words."""
    while len(tokens) > 1 and tokens[-1].text.isdigit():
        tokens = tokens[:-1]  # `Nigerien Air Base 201`
    texts = [token.text for token in tokens]
    heads = []
    for index, token in enumerate(tokens):
        if index and (token.folded in ("of", "for", "in") or token.dash_before):
            heads.append(index)
            break
    heads.append(len(texts))
    for end in heads:
        if end >= 2 and f"{texts[end - 2]} {texts[end - 1]}" in HEAD_PHRASES:
            return HEAD_PHRASES[f"{texts[end - 2]} {texts[end - 1]}"]
        if end >= 1 and texts[end - 1] in HEAD_NOUNS and not (tokens[end - 1].hyphen_before and end >= 2 and tokens[end - 2].folded in HYPHEN_PARTICLES):
            kind = HEAD_NOUNS[texts[end - 1]]
            if texts[end - 1] == "Army" and not any(t.folded in _STATE_PREFIXES or is_demonym(t.text) for t in tokens[: end - 1]):
                return "armed_group"  # `Mahdi Army`, `Free Syrian Army` hold no state
            return kind
    if any(text in GROUP_NAME_WORDS for text in texts):
        return "armed_group"
    if texts and texts[0] in _PLACE_FIRST_WORDS and len(texts) > 1:
        return "place"
    return None


def _default_type(tokens: Sequence[_Token], words: Lexicon) -> str:
    """A name with no other hint: a person when it reads like one (two to four words, no connector), else an organisation or group."""
    capitals = [token for token in tokens if token.capital]
    if tokens[0].text in GROUP_FIRST_WORDS:
        return "armed_group"
    if 2 <= len(capitals) <= 4 and all(token.folded in NAME_PARTICLES or token.capital for token in tokens):
        return "person"
    if len(tokens) == 1:
        return "armed_group"
    return "organization"


def _joins_inside_name(tokens: Sequence[_Token], index: int, word: str, words: Lexicon) -> bool:
    """Whether `and`/`on`/`to`/`in` at `index` is inside one name (`Islamic State of Iraq and Syria`, `Committee on Foreign
    Relations`, `Global Coalition to Defeat ISIS`, `African Union Transition Mission in Somalia`), rather than between two."""
    before = tokens[:index]
    after = tokens[index + 1 :]
    if not before or not after:
        return False
    if " ".join(token.folded for token in tokens) in words.places:
        return True
    last = before[-1].text
    if word == "on":
        return last in ("Committee", "Commission", "Council", "Subcommittee", "Conference")
    if word == "to":
        return last in ("Coalition", "Mission", "Office") and not after[0].covered
    if word == "in":
        return last in ("Mission", "Qaeda", "Qaida", "Office") and (after[0].folded == "the" or after[0].capital)
    # `and`: between two adjectives of one head (`West African Economic and Monetary Union`) ...
    if before[-1].capital and is_common_word(before[-1].folded, words) and _head_type(before) is None and _head_type(after) is not None:
        return not any(token.covered for token in after)
    # ... or inside an `of`/`for` phrase whose second part is not a name of its own.
    if not any(token.folded in ("of", "for") for token in before):
        return False
    if any(token.covered for token in after) or len(after) > 3 or after[0].text in HEAD_NOUNS:
        return False
    return not (after[0].folded in words.given_names and len(after) > 1)


def _of_inside_name(tokens: Sequence[_Token], index: int) -> bool:
    """Whether `of` at `index` is inside one name (`Ministry of Defense`, `University of Maryland`, `Islamic State of Iraq`)."""
    before = [token for token in tokens[:index] if token.capital]
    if not before:
        return False
    last = before[-1].text
    if last in GENERIC_ONLY_AS_NAME and (len(before) < 2 or before[-2].folded in _SENTENCE_OPENERS):
        return False  # `Government of Cuba`: the state is the name (corpus rule 4.3); `Federal Government of Somalia` is one
    if last in HEAD_NOUNS or last in TITLE_WORDS or last in ("State", "States", "Chiefs", "Friends", "People", "Sons", "Party"):
        return True
    # `Institute for the Study of War`: an `of` inside the phrase a head noun's `for` or `of` opened.
    if any(t.text in HEAD_NOUNS and n + 1 < index and tokens[n + 1].folded in ("of", "for") for n, t in enumerate(tokens[:index])):
        return True
    return f"{before[-2].text} {last}" in HEAD_PHRASES if len(before) > 1 else False


# Head nouns that do not make a longer name out of a state's name alone (`Iraq Government`, `Government of Iraq`: corpus rule 4.3).
GENERIC_ONLY_AS_NAME = frozenset({"Government", "Republic", "Kingdom", "People", "Federation", "State", "States"})
_PLACE_FIRST_WORDS = frozenset({"Camp", "Lake", "Mount", "Port", "Fort", "Forward", "Outpost", "Combat"})


def _may_open_name(token: _Token) -> bool:
    """Whether a word before a longer name's head is part of it (`Federal` in `Federal Government of Somalia`; not `The`)."""
    return token.capital and not token.covered and not _is_title(token) and token.folded not in _DETERMINERS and not token.possessive


_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"])


def _longer_name(
    tokens: Sequence[_Token], first: int, end: int, words: Lexicon, inner: str | None = None, heading: bool = False
) -> tuple[int, int, str] | None:
    """(start, end, type) of a longer name around the known name at tokens[first:end] (of type `inner`, when known), or
    None when it is a name of its own.

    After it: capitalised words that end in a head noun (`Anbar Operations Command`, `Mosul Dam`, `U.S. Agency for
    International Development`), an embassy's city (`U.S. Embassy Baghdad`), hyphened words (`ISIS-West Africa`), an
    `in`-phrase of a group (`Islamic State in the Greater Sahara`). Before it: a head noun's `of` (`Federal Government of
    Somalia`, `University of Baghdad`), a person's names (`Abdul Malik al-Houthi`, `Mohammed Shia al-Sudani`), an embassy
    (`British Embassy Baghdad`), a place's generic word (`Camp Taji`).
    """
    start = first
    kind: str | None = None
    stop = end
    # Before it.
    if first >= 2 and tokens[first - 1].folded in ("of", "in") and tokens[first - 2].capital and not tokens[first - 2].covered:
        head = tokens[first - 2].text
        if head in HEAD_NOUNS and head not in TITLE_WORDS and (tokens[first - 1].folded == "of" or head in ("Mission", "Office")):
            begin = first - 2
            while begin > 0 and _may_open_name(tokens[begin - 1]):
                begin -= 1
            if head not in GENERIC_ONLY_AS_NAME or begin < first - 2:
                start, kind = begin, HEAD_NOUNS[head]
    elif first >= 2 and tokens[first].hyphen_before and tokens[first - 1].folded in HYPHEN_PARTICLES and not tokens[first - 1].capital:
        begin = first - 1
        while begin > 0 and _may_open_name(tokens[begin - 1]):
            begin -= 1
        if begin < first - 1:
            start, kind = begin, "person"
    elif first >= 1 and tokens[first - 1].text in ("Embassy", "Consulate") and not tokens[first - 1].covered:
        begin = first - 1
        while begin > 0 and _may_open_name(tokens[begin - 1]):
            begin -= 1
        start, kind = begin, "government_body"
    elif first >= 1 and tokens[first - 1].text in _PLACE_FIRST_WORDS and not tokens[first - 1].covered:
        start, kind = first - 1, "place"
    elif first >= 1 and end - first == 1 and tokens[first].text in HEAD_NOUNS and _may_open_name(tokens[first - 1]) and not is_demonym(tokens[first - 1].text):
        # `All Progressives Congress`: a known name that is a head noun, with the words of a longer name before it.
        begin = first - 1
        while begin > 0 and _may_open_name(tokens[begin - 1]) and not is_demonym(tokens[begin - 1].text):
            begin -= 1
        if tokens[begin].folded in _STATE_PREFIXES:
            begin += 1
        if begin < first:
            start, kind = begin, HEAD_NOUNS[tokens[first].text]
    elif (
        first >= 1
        and _may_open_name(tokens[first - 1])
        and tokens[first - 1].folded in words.given_names
        and end + 1 < len(tokens)
        and tokens[end].folded in HYPHEN_PARTICLES
        and tokens[end + 1].hyphen_before
        and tokens[end + 1].capital
    ):
        # `Mohammed Shia al-Sudani`: a known word between a given name and a family name.
        begin = first - 1
        while begin > 0 and _may_open_name(tokens[begin - 1]):
            begin -= 1
        return begin, end + 2, "person"
    if inner == "person":
        return (start, end, kind) if start < first and kind is not None else None
    # After it: hyphened words (`ISIS-K`, `ISIS-West Africa`: corpus rule 3.9).
    if end < len(tokens) and tokens[end].hyphen_before and tokens[end].capital and not tokens[end].covered and not is_demonym(tokens[end].text):
        stop = end + 1
        while stop < len(tokens) and tokens[stop].capital and not tokens[stop].covered and not tokens[stop - 1].possessive and not _is_title(tokens[stop]):
            stop += 1
        return start, stop, inner or _head_type(tokens[start:stop]) or "armed_group"
    index = end
    # `Islamic State in the Greater Sahara`, `al-Qaeda in the Arabian Peninsula`.
    if index + 1 < len(tokens) and tokens[index].folded == "in" and tokens[end - 1].text in ("State", "Qaeda", "Qaida"):
        index += 1
        if tokens[index].folded == "the":
            index += 1
        stop = index
        while stop < len(tokens) and tokens[stop].capital and not tokens[stop].covered:
            stop += 1
        if stop > index:
            return start, stop, inner or "armed_group"
        index = end
    last_head: int | None = None
    head_kind: str | None = None
    while not tokens[end - 1].possessive and index < len(tokens):
        token = tokens[index]
        if token.folded in ("for", "of") and last_head == index and index + 1 < len(tokens) and tokens[index + 1].capital:
            index += 1  # `U.S. Agency for International Development`
            continue
        if token.folded == "in" and last_head == index and tokens[index - 1].text in ("Mission", "Office") and index + 1 < len(tokens):
            stop = index + 1
            while stop < len(tokens) and tokens[stop].capital and not tokens[stop - 1].possessive:
                stop += 1
            if stop > index + 1:
                last_head = stop  # `U.S. Mission in Nigeria`
            break
        if token.text in TITLE_MODIFIERS and _title_at(tokens, index) > index:
            # `U.S. Marine Corps Gen. ...`: a service's name reaches up to its rank.
            service_end = _service_before_rank(tokens, index, _title_at(tokens, index))
            if service_end > index:
                last_head, head_kind = service_end, "government_body"
            break
        if not token.capital or _is_title(token):
            break
        if token.covered:
            if last_head is not None and tokens[last_head - 1].text in ("Embassy", "Consulate"):
                stop = index
                while stop < len(tokens) and tokens[stop].covered and not tokens[stop - 1].possessive:
                    stop += 1
                last_head = stop
            break
        index += 1
        if last_head is not None and tokens[last_head].folded in ("for", "of"):
            last_head = index  # the `for`/`of` phrase goes on
        found = _head_type(tokens[end:index])
        if found is not None and token.text not in GENERIC_ONLY_AS_NAME:
            last_head, head_kind = index, found
        if token.possessive:
            break
    if last_head is not None and heading and last_head < len(tokens) and tokens[last_head].capital and not tokens[last_head].covered:
        last_head = None  # `U.S. Service Members in Kabul`: title case goes on past the head
    if last_head is not None:
        return start, last_head, head_kind or kind or "organization"
    if start < first and kind is not None:
        return start, end, kind
    return None


def inside_longer_name(text: str, start: int, end: int, kind: str | None = None) -> bool:
    """Whether a known name matched at text[start:end] (of an actor of type `kind`, when given) is part of a longer
    proper name the registry lacks.

    `Dokan Dam`, `Basra Operations Command`, `Islamic State West Africa Province`, `U.S. Embassy Baghdad` (for `U.S.`
    and for `Baghdad`), `Federal Government of Somalia`, `Abdul Malik al-Houthi`: the linker should not link the inner
    actor there, and the longer name is suggested whole. `Iraq's Anbar province`, `U.S. forces`, `Government of Iraq`
    are not longer names.
    """
    for begin, stop in _stretches(text, max(0, start - 200), min(len(text), end + 200)):
        if begin <= start and end <= stop:
            tokens = _tokens(text, begin, stop)
            inner = [index for index, token in enumerate(tokens) if start <= token.start and token.end <= end]
            if not inner:
                return False
            for index in inner:
                tokens[index].covered = True
            first, last = inner[0], inner[-1] + 1
            if tokens[first].hyphen_before and first > 0 and not tokens[first - 1].capital and tokens[first - 1].folded not in HYPHEN_PARTICLES:
                return False
            # `U.S. Embassy Baghdad` holds two known names: look from the first of them.
            found = _longer_name(tokens, first, last, lexicon(), kind)
            if found is None and first >= 2 and tokens[first - 1].text in ("Embassy", "Consulate"):
                return True
            return found is not None and not tokens[last - 1].possessive
    return False


def suggest_article(paragraphs: Sequence[str], mentions: Sequence[Mention], known: KnownNames, words: Lexicon | None = None) -> list[Candidate]:
    """The names one article gives that the registry lacks, in text order (a name given twice is two candidates).

    `paragraphs` are the body's paragraph texts, `mentions` what linking found in them (their spans are names the
    registry knows), `known` the registry's names. A surname after its full name, and an acronym defined after a name,
    are candidates with `alias_of` set to that name's key.
    """
    reader = _Reader(paragraphs, mentions, known, words or lexicon())
    found = reader.read()
    # All-capital words met twice or more (`ECOWAS`), that no other rule kept and the registry lacks.
    kept = {candidate.text for candidate in found}
    for word, places in reader.acronym_seen.items():
        if len(places) < 2 or word in kept:
            continue
        key = fold(word)
        if reader._known(key, word) or (len(word) > 4 and is_common_word(word.casefold(), reader.words)):
            continue
        if all(_covered(reader.spans.get(number, ()), start, end) for number, start, end in places):
            continue
        number, start, end = places[0]
        reader.add(word, key, "organization", (ACRONYM_RECURRING,), number, start, end)
    found.sort(key=lambda candidate: (candidate.paragraph, candidate.start))
    return _with_aliases(found)


def _with_aliases(found: list[Candidate]) -> list[Candidate]:
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
        elif len(words) > 1 and (candidate.type == "person" or (candidate.type == "place" and candidate.text.split()[0] in _PLACE_FIRST_WORDS)):
            last = [word for word in words if word not in _SUFFIX_FOLDED][-1]
            owners.setdefault(last, candidate)
        result.append(candidate)
    types = {candidate.key: candidate.type for candidate in result if candidate.alias_of is None}
    return [
        Candidate(c.text, c.key, types[c.alias_of], c.reasons, c.paragraph, c.start, c.end, c.sentence, c.alias_of)
        if c.alias_of is not None and c.alias_of in types and types[c.alias_of] != c.type
        else c
        for c in result
    ]


def _covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def guess_type(name: str, words: Lexicon | None = None) -> str:
    """The type a name alone suggests, when no article tells more: a place or state from the gazetteer, a head noun's type,
    a person for a given name or two to four capitalised words (`new-actor "Name"` without `--type`)."""
    words = words or lexicon()
    tokens = _tokens(name, 0, len(name))
    if not tokens:
        return "organization"
    key = " ".join(token.folded for token in tokens)
    if key in words.places:
        return words.places[key]
    if name in DOTTED_NAMES:
        return DOTTED_NAMES[name]
    head = _head_type(tokens)
    if head is not None:
        return head
    if name.replace(".", "").isupper():
        return "organization"
    if tokens[0].folded in words.given_names and len(tokens) > 1:
        return "person"
    return _default_type(tokens, words)
