"""Capitalised stretches of text and their words: where the names of a paragraph can be, as suggestions and the longer-name rule read them.

A stretch (`stretches`) is a run of capitalised words joined by single spaces, with the particles and connectors a
name can hold between them (`Institute for the Study of War`, `Abu Bakr al-Baghdadi`); the lower-case prose between
stretches is skipped by the regular expression engine. Its words (`words_of`) carry what the rules ask of them: the
folded form, a capital, a possessive, a full stop, a hyphen before. The small judgements on words every name rule
needs live here too: a person's title (`title_end`), a service before a rank (`service_end`), the type a head noun
makes likely (`head_type`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from build_tools.names import HEAD_NOUNS, LEGAL_SUFFIXES, SESSION_HEADS, SPEAKER_LABEL, TITLE_DEPARTMENTS, Lexicon, is_common_word, is_demonym
from build_tools.sentences import ends_sentence
from build_tools.text import (
    APOSTROPHES,
    CAPITALS_TITLES,
    HYPHEN_PARTICLES,
    NAME_CONNECTORS,
    NAME_PARTICLES,
    OFFICE_PLURALS,
    PERSON_TITLES,
    TITLE_ABBREVIATIONS,
    TITLE_MODIFIERS,
    TOKEN,
    fold,
    possessive_end,
)


@functools.cache
def _upper_class() -> str:
    """A character class of the upper-case letters (`re` has no `\\p{Lu}`)."""
    letters = "".join(chr(code) for code in range(0x3000) if chr(code).isupper())
    return "[" + re.escape(letters) + "]"


UPPER = _upper_class()
"""A regular expression character class: the upper-case letters."""
_APOSTROPHE = f"[{re.escape(APOSTROPHES)}]"
_HYPHEN = "[-‐]"
_ORDINAL = r"\d+(?:st|nd|rd|th)"
_HYPHEN_PARTICLE = "|".join(sorted(HYPHEN_PARTICLES))
# A capitalised stretch: capitalised words joined by a space, and connectors between them; a task force's dash joins too
# (`Combined Joint Task Force - Operation Inherent Resolve`, corpus rule 3.9). A word is dotted initials (`U.S.`), a word
# with its apostrophes (`Kata'ib`) and hyphened parts (`ISIS-K`, `Bab el-Mandeb`), with a full stop when a capital
# follows (`Gen. Pat Ryder`; `stretches` cuts where that full stop ends a sentence), an ordinal (`82nd`), or a
# capitalised word with a particle before it (`Abu Bakr al-Baghdadi`). The expression starts with an upper-case letter
# only, so the engine skips the lower-case prose at C speed: what a stretch may begin with besides (`al-Shabaab`,
# `82nd Airborne Division`) `stretches` adds.
_WORD_TAIL = rf"[^\W_]*(?:{_APOSTROPHE}[^\W_]+)*(?:{_HYPHEN}[^\W_]+(?:{_APOSTROPHE}[^\W_]+)*)*"
_CAPITAL_WORD = rf"{UPPER}(?:(?:\.[^\W\d_])+\.|{_WORD_TAIL}(?:\.(?=[ ]{UPPER}))?)"
# A legislature's session number opens no stretch (`the 119th Congress`: names.SESSION_HEADS).
SESSION_HEAD = re.compile(rf"(?:{'|'.join(sorted(SESSION_HEADS))})\b")
# A nickname in quotation marks between a person's names is part of the name (`Michael “Erik” Kurilla`).
_NICKNAME = rf"[“\"]{UPPER}[^\W_]*[”\"](?=[ ]{UPPER})"
_NEXT_WORD_IN_NAME = rf"(?:{_CAPITAL_WORD}|{_NICKNAME}|(?:{_HYPHEN_PARTICLE}){_HYPHEN}{UPPER}{_WORD_TAIL}|{_ORDINAL}\b(?![ ]{SESSION_HEAD.pattern}))"
# Lower-case words a stretch reads through: a name's own particles and connectors, and the words that join two names
# (`Iraq and Syria`) or a name and a phrase (`Committee on Foreign Relations`), which `suggest` cuts again where they do.
STRETCH_CONNECTORS = NAME_PARTICLES | NAME_CONNECTORS | frozenset({"and", "on", "to", "in"})
# An ampersand joins a company's words too (`Myanmar Chemical & Machinery Company`).
_CONNECTOR = "(?:" + "|".join(sorted(STRETCH_CONNECTORS, key=lambda word: (-len(word), word))) + "|&)"
# Head nouns a number may follow (`Nigerien Air Base 201`, `Task Force 61`).
NUMBERED_HEADS = ("Base", "Camp", "Force", "Brigade", "Division", "Battalion", "Regiment", "Squadron", "Wing", "Group", "Outpost")
# A company's legal form after a comma (`Pernix Federal, LLC`): the company's name goes on over the comma.
LEGAL_SUFFIX_AFTER = re.compile(rf",[ ](?:{'|'.join(sorted(LEGAL_SUFFIXES))})\b")
SPAN = re.compile(
    rf"{_CAPITAL_WORD}(?:(?:[ ](?:{_CONNECTOR}[ ])*|(?<=Task Force)[ ]?[-–—][ ]?){_NEXT_WORD_IN_NAME})*"
    rf"(?:(?:{'|'.join(f'(?<={head})' for head in NUMBERED_HEADS)})[ ]\d+\b|{LEGAL_SUFFIX_AFTER.pattern})?"
)
"""A capitalised stretch, as the regular expression finds it (see above)."""
# Particles that open a name before a space too (`al Qaeda`); the others only before a hyphen (`ash-Sham`, not `as Name`).
SPACED_PARTICLES = frozenset({"al", "el"})
# What may stand before a stretch's first capital and still open it: a particle (`al-Shabaab`, `al Qaeda`), an ordinal.
_OPENING = re.compile(rf"(?:(?<![\w'’])(?:{_HYPHEN_PARTICLE}){_HYPHEN}|(?<![\w'’])(?:{'|'.join(sorted(SPACED_PARTICLES))})[ ]|(?<![\w'’]){_ORDINAL}[ ])$")
# What `_OPENING` may end with (a quick test before it).
_OPENING_ENDS = frozenset({"al ", "el ", "st ", "nd ", "rd ", "th "})


def stretches(text: str, start: int = 0, end: int | None = None, known: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each capitalised stretch of text[start:end] (see `SPAN`), cut where a full stop ends a sentence;
    without those that are a known name and nothing else (`known`: start -> end of each, from the mentions)."""
    return list(iter_stretches(text, start, end, known))


def iter_stretches(text: str, start: int = 0, end: int | None = None, known: dict[int, int] | None = None) -> Iterator[tuple[int, int]]:
    """`stretches`, one at a time (a caller that looks for one stops early)."""
    known = known or {}
    for match in SPAN.finditer(text, start, len(text) if end is None else end):
        begin, stop = match.span()
        known_end = known.get(begin, -1)
        if known_end == stop or (known_end == stop - 2 and text[known_end] in APOSTROPHES):
            continue  # most stretches of a linked article, passed at once
        if begin and text[begin - 1] in APOSTROPHES and text[begin - 2 : begin - 1].isalpha():
            # An elided particle's word (`Chargé d’Affaires Susan ...`, `Côte d’Ivoire`): the names after it are still names.
            begin = text.find(" ", begin, stop) + 1
            if not begin:
                continue
        elif begin and (text[begin - 1].isalnum() or text[begin - 1] in APOSTROPHES or text[begin - 1] in "_#@"):
            continue  # inside a word (`iPhone`), a hashtag or a handle (`#DefeatISIS`, `@StateDept`)
        before = text[begin - 3 : begin] if begin >= 3 else text[:begin]
        if before[-1:] in ("-", "‐") or before in _OPENING_ENDS:
            opening = _OPENING.search(text, max(start, begin - 6), begin)
            if opening is not None and not (before[-1:] == " " and text[opening.start()].isdigit() and SESSION_HEAD.match(text, begin)):
                begin = opening.start()
        # A full stop inside the stretch that is not an abbreviation's or an initial's ends a sentence: cut there.
        dot = text.find(". ", begin, stop)
        while dot >= 0:
            if ends_sentence(text, dot):
                yield begin, dot
                begin = dot + 2
            dot = text.find(". ", dot + 2, stop)
        if begin < stop:
            yield begin, stop


# --- lists inside a body's name ------------------------------------------------------------------------------------------

# A body's name may hold a list of its fields, commas and all: after its head's `of` or `for` (`Bureau of Population,
# Refugees, and Migration`, `Under Secretary for Civilian Security, Democracy, and Human Rights`), or before its head
# (`Strategy, Engagement, and Programs Directorate`). The expressions find the few places worth a look; `name_lists` judges.
_LIST_ITEM = rf"{UPPER}[a-z]+(?:[ ]{UPPER}[a-z]+){{0,2}}"
_LIST_TAIL = rf"(?:,[ ]{_LIST_ITEM})+,?[ ]and[ ]"
# A title's department may stand between the title and its list (`Under Secretary of State for Civilian Security, ...`).
_DEPARTMENT = "|".join(sorted((re.escape(department) for department in TITLE_DEPARTMENTS), key=lambda text: (-len(text), text)))
_LIST_AFTER_HEAD = re.compile(rf"(?<![\w'’])({UPPER}[a-z]+)(?:[ ]of[ ](?:{_DEPARTMENT}))?[ ](?:of|for)[ ](?:the[ ])?({_LIST_ITEM}{_LIST_TAIL})({UPPER}[a-z]+)")
_LIST_BEFORE_HEAD = re.compile(rf"(?<![\w'’-])({_LIST_ITEM}{_LIST_TAIL}(?:{UPPER}[a-z]+[ ]){{0,2}})({UPPER}[a-z]+)\b")
# What every such list holds, found fast from its literal comma: most paragraphs have none, and are passed at once.
_LIST_HINT = re.compile(rf",[ ]{_LIST_ITEM},?[ ]and[ ]{UPPER}")
# How far before its last items a list's head may stand (five items of three words, and a title).
_LIST_REACH = 160
_LIST_HEAD_TYPES = frozenset({"government_body", "organization", "intergovernmental_org"})


def _ordinary_words(phrase: str, lexicon: Lexicon) -> bool:
    """Whether a list's items are fields of a body's work, not parties: ordinary English words (and demonyms: `Afghan
    Women`) that name no place and end in no head noun but `Affairs` (`Population`, `Human Rights`; not `Canada`, not
    `United Nations, World Bank and ...`)."""
    items = [item.split() for item in re.split(r",|\band\b", phrase)]
    return all(
        (HEAD_NOUNS.get(item[-1]) is None or item[-1] == "Affairs")
        and " ".join(item).casefold() not in lexicon.places
        and all(is_common_word(word.casefold(), lexicon) or is_demonym(word) for word in item)
        for item in items
        if item
    )


def name_lists(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of the lists of fields inside bodies' names in a paragraph (see above): a suggestion reads each as one
    stretch with the stretches around it. Items must be ordinary words that name no place, so that a list of states
    (`Canada, France, and Italy`) stays a list."""
    if _LIST_HINT.search(text) is None:
        return []  # most paragraphs, at the cost of one search
    found: set[tuple[int, int]] = set()
    for hint in _LIST_HINT.finditer(text):
        # The whole list lies around its last items: the expressions read only there (they are slow on a whole paragraph).
        begin, end = max(0, hint.start() - _LIST_REACH), hint.end() + _LIST_REACH // 4
        for match in _LIST_AFTER_HEAD.finditer(text, begin, end):
            head, items, last = match.groups()
            if (
                (HEAD_NOUNS.get(head) in _LIST_HEAD_TYPES or head.casefold() in PERSON_TITLES)
                and _ordinary_words(items, lexicon)
                and is_common_word(last.casefold(), lexicon)
            ):
                found.add((match.start(1), match.end(3)))
        for match in _LIST_BEFORE_HEAD.finditer(text, begin, end):
            items, head = match.groups()
            if HEAD_NOUNS.get(head) in _LIST_HEAD_TYPES and _ordinary_words(items, lexicon):
                found.add((match.start(1), match.end(2)))
    return sorted(found)


def with_lists(found: Iterable[tuple[int, int]], lists: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Stretches, those that overlap one of the `lists` (`name_lists`) joined into one."""
    if not lists:
        yield from found
        return
    joined: tuple[int, int] | None = None
    reach = -1
    for begin, end in found:
        if joined is not None and begin < reach:
            joined = (joined[0], end)
            continue
        if joined is not None:
            yield joined
            joined = None
        hit = next((stop for start, stop in lists if begin < stop and start < end), None)
        if hit is None:
            yield begin, end
        else:
            joined, reach = (begin, end), hit
    if joined is not None:
        yield joined


@dataclass(slots=True)
class Word:
    """A word of a capitalised stretch."""

    start: int
    """Offset in the paragraph."""
    end: int
    """Offset after it (a possessive's `'s` left out)."""
    text: str
    """As written (a possessive's `'s` left out)."""
    folded: str
    """Folded (`text.fold`)."""
    capital: bool
    """Written with a capital first letter (or a digit: `82nd`)."""
    possessive: bool
    """Followed by `'s`: the name ends here."""
    dot: bool
    """Followed by a full stop that is part of it (`Gen.`, `J.`)."""
    hyphen_before: bool
    """Joined to the word before by a hyphen."""
    dash_before: bool
    """Joined to the word before by a dash between spaces (`Task Force - Operation Inherent Resolve`)."""
    covered: bool = False
    """Part of a name the registry knows (a mention the linker found, or the known name a rule asks about)."""
    known_type: str | None = None
    """The type of the known name it is part of, when the caller knows it."""


@functools.lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` of one word; plain ASCII letters and digits fold by their case alone (most words, and a hundred thousand
    distinct ones at 10,000 articles: more than the cache holds)."""
    return word.lower() if word.isascii() and word.isalnum() else fold(word)


def words_of(text: str, start: int, end: int) -> list[Word]:
    """The words of text[start:end] (`text.TOKEN`, the possessive rule), with what the name rules ask of them."""
    found: list[Word] = []
    previous_end = -1
    for match in TOKEN.finditer(text, start, end):
        whole = match.group()
        word_start, after = match.span()
        kept = possessive_end(whole)
        word = whole[:kept] if kept < len(whole) else whole
        dot = text[after : after + 1] == "." and not word.endswith(".")
        hyphen = dash = False
        if previous_end >= 0:
            gap = text[previous_end:word_start]
            hyphen = gap in ("-", "‐")
            dash = not hyphen and gap.strip() in ("-", "–", "—")
        found.append(Word(word_start, word_start + kept, word, fold_word(word), word[:1].isupper() or word[:1].isdigit(), kept < len(whole), dot, hyphen, dash))
        previous_end = after
    return found


# --- titles ----------------------------------------------------------------------------------------------------------------


def _written_as_title(word: Word) -> bool:
    """Capitalised as a title is before a name: `Gen`, `MSgt`, `General`; not in capitals (`SEC` is an acronym), but for
    the few titles written so (`CEO`)."""
    return word.capital and (not (word.text.isupper() and len(word.text) > 1) or word.folded in CAPITALS_TITLES)


def is_title(word: Word) -> bool:
    """A person's title (`text.PERSON_TITLES`, and an office in the plural: `text.OFFICE_PLURALS`), as written before a
    name, and not part of a known name."""
    return not word.covered and (word.folded in PERSON_TITLES or word.folded in OFFICE_PLURALS) and _written_as_title(word)


def is_abbreviated_title(word: Word) -> bool:
    """An abbreviated title (`Gen`, `Lt`, `Dr`)."""
    return word.folded in TITLE_ABBREVIATIONS and _written_as_title(word)


def is_title_modifier(word: Word) -> bool:
    """A word that begins or continues a title (`Vice`, `Defense`, `Army`: `text.TITLE_MODIFIERS`)."""
    return word.folded in TITLE_MODIFIERS and _written_as_title(word)


def title_end(words: Sequence[Word], index: int) -> int:
    """The end of a person's title starting at `index` (`Brig. Gen`, `Army Gen.`, `Defense Secretary`, `Prime Minister`), or `index`.
    A title stands apart from the word before it: a word hyphened to one is a name's (`Port-au-Prince`)."""
    if index < len(words) and words[index].hyphen_before and index > 0:
        return index
    end = index
    saw_title = False
    while end < len(words):
        word = words[end]
        if word.covered or not word.capital:
            break
        if is_title(word):
            saw_title = True
            end += 1
        elif is_title_modifier(word) and any(is_title(w) for w in words[end + 1 : end + 4]):
            end += 1
        else:
            break
    if not saw_title:
        return index
    while end > index and not is_title(words[end - 1]):
        end -= 1
    last = words[end - 1]
    if is_abbreviated_title(last) and not last.dot and not (end < len(words) and words[end].capital):
        return index  # an abbreviation is a title before a name only (`Hun Sen and ...` is a name; `Sen Name` a title)
    while end < len(words) and words[end].hyphen_before and not last.dot:
        end += 1  # `Ambassador-at-Large`, `Commander-in-Chief`, `President-elect`: one title
    return end


# `U.S.` and the other states written as dotted or capital letters, before a service or an office's name.
STATE_PREFIXES = frozenset({"u.s.", "u.n.", "u.k.", "us", "un", "uk"})
_SERVICES = ("Army", "Navy", "Marine Corps", "Marines", "Air Force", "Coast Guard", "National Guard", "Space Force", "Army Reserve")


def service_end(words: Sequence[Word], index: int, end_of_title: int) -> int:
    """`U.S. Army Gen.`: the end of a full service name (after `U.S.` or a demonym) that opens a title, or `index`."""
    if index == 0:
        return index
    before = words[index - 1]
    if not (before.folded in STATE_PREFIXES or is_demonym(before.text) or before.text == "Royal"):
        return index
    for service in _SERVICES:
        names = service.split()
        if [word.text for word in words[index : index + len(names)]] == names and index + len(names) < end_of_title:
            return index + len(names)
    return index


def particle_start(words: Sequence[Word]) -> bool:
    """A name that starts with a lower-case particle hyphened to a capitalised word (`al-Shabaab`, `el-Sisi`)."""
    return len(words) > 1 and words[0].folded in HYPHEN_PARTICLES and not words[0].capital and words[1].capital


# --- paragraph structure: what holds no name -----------------------------------------------------------------------------


def label_end(text: str) -> int:
    """Where a transcript's speaker label (`MR. PRICE:`, `Q:`, `MODERATOR:`) ends, or 0: labels are structure, not names."""
    match = SPEAKER_LABEL.match(text)
    if match is None:
        return 0
    label = match.group()
    if label.rstrip().endswith(":") or label.strip() in ("Q", "A", "Q.", "A.", "Q:", "A:"):
        return match.end()
    return 0


# A list of links opens with its label (`Related Links`, `Related:`, `More Stories`); the label's noun or its colon is wanted,
# or every paragraph that opens `More information ...` or `Recent reports ...` would be a heading.
_LINK_LIST = re.compile(
    r"(?:Related|Recent|More|See Also|Additional)\b(?:[\w ]{0,20}?(?:Links|Articles|Stories|Content|Resources|Releases)\b\s*:?|\s*:)(?:\s|$)",
    re.IGNORECASE,
)
# Words that title case leaves in lower case.
_SMALL_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as", "into", "via", "vs"])


def is_heading(text: str) -> bool:
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


def is_shouting(text: str) -> bool:
    """A paragraph written in capitals (`FOR IMMEDIATE RELEASE`): its capitals say nothing. (`isupper` stops at the first small
    letter; a paragraph with no cased letter has no capital to judge either.)"""
    return text.isupper() and sum(ch.isalpha() for ch in text[:40]) >= 8
