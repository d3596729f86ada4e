"""A known name inside a longer proper name the registry lacks: the rule linking and suggestions share.

`Dokan Dam` is not a mention of a place called Dokan, nor `U.S. Embassy Baghdad` of the United States or of Baghdad,
nor `Federal Government of Somalia` of Somalia, nor `Abdul Malik al-Houthi` of the Houthis, nor `Latin America` of
America, nor `ISIS-Somalia` of ISIS or of Somalia: the linker links neither (`inside_longer_name`), and `check` suggests
the longer name whole (`longer_name`). `Iraq's Anbar province`, `U.S. forces`, `Government of Iraq`, `Northern Syria`
and `Iraq-Syria border` are no longer names. The rule reads a capitalised stretch and its words
(`build_tools.stretches`); `may_be_inside_longer_name` is its quick first look, from the same tables, true wherever
the rule can be (tested so), so that the linker reads stretches only around the few mentions that need it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from build_tools.name_edges import joins_inside_name
from build_tools.name_types import head_type
from build_tools.names import (
    AREA_HEADS,
    DERIVED_FROM,
    DIRECTIONS,
    GENERIC_ONLY_AS_NAME,
    HEAD_NOUNS,
    NEVER_OPEN_NAME,
    PAIR_NOUNS,
    PLACE_FIRST_WORDS,
    TO_PHRASE_HEADS,
    ends_head_phrase,
    is_demonym,
    lexicon,
)
from build_tools.sentences import ends_sentence
from build_tools.stretches import (
    LEGAL_SUFFIX_AFTER,
    SESSION_HEAD,
    SPACED_PARTICLES,
    STATE_PREFIXES,
    STRETCH_CONNECTORS,
    Word,
    is_heading,
    is_title,
    is_title_modifier,
    iter_stretches,
    label_end,
    service_end,
    title_end,
    words_of,
)
from build_tools.text import APOSTROPHES, HYPHEN_PARTICLES, NAME_PARTICLES, PERSON_TITLES

# Groups whose name an `in`-phrase continues (`Islamic State in the Greater Sahara`, `al-Qaeda in the Arabian Peninsula`).
_GROUPS_IN = ("State", "Qaeda", "Qaida")
# Offices whose name an `in`-phrase continues (`U.S. Mission in Nigeria`).
_OFFICES_IN = ("Mission", "Office")
_EMBASSIES = ("Embassy", "Consulate")
# Capitalised prefixes a hyphen joins to a name to make an adjective (`Anti-Houthi`).
_PREFIXES = ("Anti", "Pro", "Non", "Post", "Pre", "Counter")
# Characters besides letters and digits that a stretch's word may hold (`U.S.`, `Kata'ib`, `ISIS-K`).
_IN_STRETCH_WORD = ".-‐" + APOSTROPHES
# How far around a known name its stretch is looked for.
_REACH = 200
# How many capitalised words before a known place may make another place with it (`Papua New Guinea`) ...
_PLACE_WORDS = 2
# ... but a particle before a place is the same place (`Al Anbar` is Anbar).
_PLACE_PARTICLES = NAME_PARTICLES | HYPHEN_PARTICLES


class LongerName(NamedTuple):
    """A longer name around known words, as word indexes."""

    start: int
    """Index of its first word."""
    end: int
    """Index after its last word."""
    type: str
    """The type it makes likely."""


def may_open_name(word: Word) -> bool:
    """Whether a word before a longer name's head is part of it (`Federal` in `Federal Government of Somalia`; not `The`, nor
    `For` in `For Congress, it ...`)."""
    return word.capital and not word.covered and not is_title(word) and word.folded not in NEVER_OPEN_NAME and not word.possessive


def _opening(words: Sequence[Word], begin: int, *, demonyms: bool = True) -> int:
    """Move `begin` back over the words that may open the name (not over demonyms, when `demonyms` is False)."""
    while begin > 0 and may_open_name(words[begin - 1]) and (demonyms or not is_demonym(words[begin - 1].text)):
        begin -= 1
    return begin


def _head_of_before(words: Sequence[Word], first: int, end: int) -> tuple[int, str | None]:
    """`Federal Government of Somalia`, `University of Baghdad`, `U.S. Mission in Nigeria`: a head noun's `of`-phrase (or an
    office's `in`-phrase) holds the known name."""
    head = words[first - 2]
    if head.text not in HEAD_NOUNS or head.folded in PERSON_TITLES or not (words[first - 1].folded == "of" or head.text in _OFFICES_IN):
        return first, None
    begin = _opening(words, first - 2)
    if head.text in GENERIC_ONLY_AS_NAME and begin == first - 2:
        return first, None  # `Government of Iraq` is the state (corpus rule 4.3)
    if head.text in AREA_HEADS and lexicon().places.get(" ".join(word.folded for word in words[first:end])) == "state":
        return first, None  # `Nineveh Province of Iraq`: the province's name, then the state it lies in
    return begin, HEAD_NOUNS[head.text]


def _head_noun_alone(words: Sequence[Word], first: int) -> tuple[int, str | None]:
    """`All Progressives Congress`: a known name that is a head noun, with the words of a longer name before it."""
    begin = _opening(words, first - 1, demonyms=False)
    if words[begin].folded in STATE_PREFIXES:
        begin += 1
    return (begin, HEAD_NOUNS[words[first].text]) if begin < first else (first, None)


@functools.cache
def _continent_words() -> frozenset[str]:
    """The continents' last words (`africa`, `america`), folded."""
    return frozenset(continent.rsplit(" ", 1)[-1] for continent in lexicon().continents)


def _names_place(words: Sequence[Word]) -> str | None:
    """The type of the place `words` name by the tables: the gazetteer's, a name a demonym derives from (`Latin America`), or
    a direction before a continent's last word (`West Africa`, `Central America`); None when they name none."""
    key = " ".join(word.folded for word in words)
    kind = lexicon().places.get(key) or ("place" if key in DERIVED_FROM else None)
    if kind is None and len(words) == 2 and words[0].text in DIRECTIONS and words[1].folded in _continent_words():
        return "place"
    return kind


def _place_before(words: Sequence[Word], first: int, end: int) -> tuple[int, str] | None:
    """`South Sudan`, `North Korea`, `Latin America`, `West Africa`: capitalised words before the known words[first:end] that
    make another place with them (`_names_place`); where it begins and its type. None for `Northern Syria`, `Iraqi Kurdistan`,
    `Al Anbar` (a particle before a place is the same place)."""
    found: tuple[int, str] | None = None
    begin = first
    while begin > max(0, first - _PLACE_WORDS) and may_open_name(words[begin - 1]) and words[begin - 1].folded not in _PLACE_PARTICLES:
        begin -= 1
        kind = _names_place(words[begin:end])
        if kind is not None:
            found = (begin, kind)
    return found


def _given_name_around(words: Sequence[Word], first: int, end: int) -> bool:
    """`Mohammed Shia al-Sudani`: a known word between a given name and a family name."""
    return (
        may_open_name(words[first - 1])
        and words[first - 1].folded in lexicon().given_names
        and end + 1 < len(words)
        and words[end].folded in HYPHEN_PARTICLES
        and words[end + 1].hyphen_before
        and words[end + 1].capital
    )


def _before(words: Sequence[Word], first: int, end: int) -> tuple[int, str | None, int]:
    """Where a longer name begins before the known words[first:end], the type it makes (None: it does not), and where it ends
    when what comes before decides that too (else `end`)."""
    before = words[first - 1] if first >= 1 else None
    if before is None:
        return first, None, end
    if first >= 2 and before.folded in ("of", "in") and words[first - 2].capital and not words[first - 2].covered:
        start, kind = _head_of_before(words, first, end)
        return start, kind, end
    if first >= 2 and words[first].hyphen_before and before.folded in HYPHEN_PARTICLES and not before.capital:
        begin = _opening(words, first - 1)  # `Abdul Malik al-Houthi`
        return (begin, "person", end) if begin < first - 1 else (first, None, end)
    if before.text in _EMBASSIES and not before.covered:
        return _opening(words, first - 1), "government_body", end  # `British Embassy Baghdad`
    if before.text in PLACE_FIRST_WORDS and not before.covered:
        return first - 1, "place", end  # `Camp Taji`
    place = _place_before(words, first, end)
    if place is not None:
        return place[0], place[1], end
    if end - first == 1 and words[first].text in HEAD_NOUNS and may_open_name(before) and not is_demonym(before.text):
        start, kind = _head_noun_alone(words, first)
        return start, kind, end
    if _given_name_around(words, first, end):
        return _opening(words, first - 1), "person", end + 2
    head = _to_phrase_head(words, first)
    if head is not None:
        return _opening(words, head), HEAD_NOUNS[words[head].text], end
    return first, None, end


def _to_phrase_head(words: Sequence[Word], first: int) -> int | None:
    """`Global Coalition to Defeat ISIS`: the head noun whose `to`-phrase the known name ends, if any (its index)."""
    index = first - 1
    while index >= 1 and words[index].capital and not words[index].covered and not is_title(words[index]):
        index -= 1
    if index < first - 1 and index >= 1 and words[index].folded == "to" and words[index - 1].text in TO_PHRASE_HEADS and not words[index - 1].covered:
        return index - 1
    return None


def _hyphened_after(words: Sequence[Word], start: int, end: int, inner: str | None, text: str) -> LongerName | None:
    """Capitalised words hyphened to the known words[start:end] (corpus rule 3.9): one name with them when they name no place
    (`ISIS-K`), or when they name a place and the known name is an armed group's (its branch there: `ISIS-West Africa`,
    `ISIS-Somalia`); two names when a place follows another kind of name (`Iraq-Kuwait border`, `NATO-Russia`), when another
    known name follows, or when a noun of two parties follows them (`Hamas-Fatah talks`). `text`: the paragraph."""
    if not (end < len(words) and words[end].hyphen_before and words[end].capital and not is_demonym(words[end].text)):
        return None
    stop, place = _place_after(words, end)
    if place is None:
        if words[end].covered:
            return None
        stop = end + 1
        while stop < len(words) and words[stop].capital and not words[stop].covered and not words[stop - 1].possessive and not is_title(words[stop]):
            stop += 1
    elif inner != "armed_group":
        whole = _names_place(words[start:stop])  # `Guinea-Bissau`
        return LongerName(start, stop, whole) if whole is not None else None
    if _pair_noun_at(words, stop, text):
        return None
    return LongerName(start, stop, inner or head_type(words[start:stop]) or "armed_group")


# How many words a place hyphened to a name may have (`ISIS-West Africa`).
_HYPHENED_PLACE_WORDS = 3
# The word after a stretch, when only a space stands between.
_NEXT_WORD = re.compile(r"[ ]+([^\W\d_]+)")


def _place_after(words: Sequence[Word], end: int) -> tuple[int, str | None]:
    """The end and type of the longest place (`_names_place`) that words[end:] begin with, or (end, None)."""
    stop = end
    while stop < len(words) and stop - end < _HYPHENED_PLACE_WORDS and words[stop].capital and not is_title(words[stop]):
        stop += 1
        if words[stop - 1].possessive:
            break
    while stop > end:
        kind = _names_place(words[end:stop])
        if kind is not None:
            return stop, kind
        stop -= 1
    return end, None


def _pair_noun_at(words: Sequence[Word], index: int, text: str) -> bool:
    """Whether a noun of two parties (`names.PAIR_NOUNS`: `border`, `talks`) is words[index], or comes after the stretch."""
    if index < len(words):
        return words[index].folded in PAIR_NOUNS
    following = _NEXT_WORD.match(text, words[-1].end) if text and not words[-1].possessive else None
    return following is not None and following.group(1).casefold() in PAIR_NOUNS


def _branch(words: Sequence[Word], first: int, end: int, inner: str | None, text: str) -> LongerName | None:
    """`ISIS-Somalia` as two known names: read from `Somalia` (the name hyphened before it decides, by its type), or as one run
    of known words (`check` reads mentions side by side as one) from the first."""
    if first and words[first].hyphen_before and words[first - 1].covered:
        begin = first - 1
        while begin and words[begin - 1].covered and not words[begin].hyphen_before:
            begin -= 1
        found = _hyphened_after(words, begin, first, words[first - 1].known_type, text)
        return found if found is not None and found.end >= end else None
    for index in range(first + 1, end):
        if words[index].hyphen_before:
            found = _hyphened_after(words, first, index, inner, text)
            return found if found is not None and found.end >= end else None
    return None


def _group_in_after(words: Sequence[Word], start: int, end: int, inner: str | None) -> LongerName | None:
    """`Islamic State in the Greater Sahara`, `al-Qaeda in the Arabian Peninsula`."""
    if not (end + 1 < len(words) and words[end].folded == "in" and words[end - 1].text in _GROUPS_IN):
        return None
    index = end + 1
    if words[index].folded == "the":
        index += 1
    stop = index
    while stop < len(words) and words[stop].capital and not words[stop].covered:
        stop += 1
    return LongerName(start, stop, inner or "armed_group") if stop > index else None


def _phrase_connector(words: Sequence[Word], index: int, last_head: int | None) -> bool:
    """Whether the word at `index` joins a `for`/`of`-phrase to the head noun ending at `last_head`: `U.S. Agency for
    International Development`, `U.S. District Court for the Northern District of California` (and its `the`); or an
    `and` joins two words of the head to come."""
    word = words[index].folded
    if word == "and" and last_head is None and words[index - 1].capital and not words[index - 1].covered:
        # `U.S. Fish and Wildlife Service`: two words of one head, as `suggest` reads them (not `U.S. and Iraqi Forces`).
        return joins_inside_name(words, index, "and", lexicon())
    if word in ("for", "of") and last_head == index:
        after = index + 2 if index + 2 < len(words) and words[index + 1].folded == "the" else index + 1
        return after < len(words) and words[after].capital
    return word == "the" and last_head is not None and last_head == index - 1 and words[last_head].folded in ("for", "of")


def _phrase_goes_on(words: Sequence[Word], index: int, last_head: int | None, head_kind: str | None) -> tuple[str, int | None, str | None]:
    """What a word after the known name (at `index`) does to the head-noun phrase read so far (ending at `last_head`, of type
    `head_kind`): `go` on past a connector, `stop` (the phrase's end and type as they then are), or `read` the word."""
    word = words[index]
    if _phrase_connector(words, index, last_head):
        return "go", last_head, head_kind
    if word.folded == "in" and last_head == index and words[index - 1].text in _OFFICES_IN and index + 1 < len(words):
        stop = index + 1
        while stop < len(words) and words[stop].capital and not words[stop - 1].possessive:
            stop += 1
        return "stop", stop if stop > index + 1 else last_head, head_kind  # `U.S. Mission in Nigeria`
    if is_title_modifier(word) and title_end(words, index) > index:
        # `U.S. Marine Corps Gen. ...`: a service's name reaches up to its rank.
        service = service_end(words, index, title_end(words, index))
        return ("stop", service, "government_body") if service > index else ("stop", last_head, head_kind)
    if not word.capital or (is_title(word) and not ends_head_phrase(words[index - 1].text, word.text)):
        return "stop", last_head, head_kind
    if word.covered:
        if last_head is not None and words[last_head - 1].text in _EMBASSIES:
            stop = index  # `U.S. Embassy Baghdad`: the embassy's city is part of its name
            while stop < len(words) and words[stop].covered and not words[stop - 1].possessive:
                stop += 1
            return "stop", stop, head_kind
        return "stop", last_head, head_kind
    return "read", last_head, head_kind


def _head_after(words: Sequence[Word], first: int, end: int) -> tuple[int | None, str | None]:
    """`Anbar Operations Command`, `Mosul Dam`: capitalised words after the known words[first:end] that end in a head noun;
    where the longest such phrase ends, and the type its head makes. A generic head (`Government`) right after a one-word
    name makes none (`Iraq Government` is the state, corpus rule 4.3; `Republic of Yemen Government`, `Kurdistan Regional
    Government` are names of their own)."""
    last_head: int | None = None
    head_kind: str | None = None
    index = end
    while not words[end - 1].possessive and index < len(words):
        step, last_head, head_kind = _phrase_goes_on(words, index, last_head, head_kind)
        if step == "go":
            index += 1
            continue
        if step == "stop":
            break
        word = words[index]
        index += 1
        if last_head is not None and words[last_head].folded in ("for", "of"):
            last_head = index  # the `for`/`of` phrase goes on
        found = head_type(words[end:index])
        if found is not None and (word.text not in GENERIC_ONLY_AS_NAME or index - end > 1 or end - first > 1):
            last_head, head_kind = index, found
        if word.possessive:
            break
    return last_head, head_kind


def longer_name(
    words: Sequence[Word], first: int, end: int, inner: str | None = None, heading: Callable[[], bool] = lambda: False, text: str = ""
) -> LongerName | None:
    """The longer name around the known words[first:end] (of an actor of type `inner`, when known), or None when they are a
    name of their own; `heading()`: whether the words stand in a heading, where title case goes on past a head noun
    (asked only where it matters); `text`: the paragraph the words are of (for the word after them).

    After it: capitalised words that end in a head noun (`Anbar Operations Command`, `Mosul Dam`, `U.S. Agency for
    International Development`), an embassy's city (`U.S. Embassy Baghdad`), hyphened words (`ISIS-West Africa`), an
    `in`-phrase of a group (`Islamic State in the Greater Sahara`). Before it: a head noun's `of` (`Federal Government of
    Somalia`, `University of Baghdad`), a person's names (`Abdul Malik al-Houthi`, `Mohammed Shia al-Sudani`), an embassy
    (`British Embassy Baghdad`), a place's generic word (`Camp Taji`), words that make another place with it (`South Sudan`,
    `Latin America`). A person's name never opens a longer one; a prefix makes an adjective of it (`anti-Houthi`).
    """
    if is_adjective(words, first):
        return None
    branch = _branch(words, first, end, inner, text)
    if branch is not None:
        return branch
    start, kind, stop = _before(words, first, end)
    if stop > end:
        return LongerName(start, stop, kind or "person")
    if inner == "person":
        return LongerName(start, end, kind) if start < first and kind is not None else None
    found = _hyphened_after(words, start, end, inner, text) or _group_in_after(words, start, end, inner)
    if found is not None:
        return found
    last_head, head_kind = _head_after(words, first, end)
    if last_head is not None and last_head < len(words) and words[last_head].capital and not words[last_head].covered and heading():
        last_head = None  # `U.S. Service Members in Kabul`: title case goes on past the head
    if last_head is not None:
        return LongerName(start, last_head, head_kind or kind or "organization")
    if start < first and kind is not None:
        return LongerName(start, end, kind)
    return None


def is_adjective(words: Sequence[Word], first: int) -> bool:
    """`anti-Houthi`, `pro-Iran`, `Anti-Houthi`: a known name hyphened to a prefix makes an adjective, no longer name."""
    if not words[first].hyphen_before or first == 0:
        return False
    before = words[first - 1]
    return (not before.covered and not before.capital and before.folded not in HYPHEN_PARTICLES) or before.text in _PREFIXES


def is_prefix(word: Word) -> bool:
    """`Counter` in `Counter-ISIS`, `Anti` in `Anti-Houthi`: a word that makes an adjective of the name it is hyphened to."""
    return word.text in _PREFIXES


def inside_longer_name(text: str, start: int, end: int, kind: str | None = None, known: Sequence[tuple[int, int, str | None]] = ()) -> bool:
    """Whether a known name matched at text[start:end] (of an actor of type `kind`, when given) is part of a longer
    proper name the registry lacks (see above); `known`: where the paragraph's other known names stand, and their types."""
    floor = label_end(text)
    for begin, stop in iter_stretches(text, max(floor, start - _REACH), min(len(text), end + _REACH)):
        if begin > start:
            break
        if end <= stop:
            return _inside(text, begin, stop, start, end, kind, known, floor)
    return False


def _inside(text: str, begin: int, stop: int, start: int, end: int, kind: str | None, known: Sequence[tuple[int, int, str | None]], floor: int) -> bool:
    """`inside_longer_name` for the known name at text[start:end] of the stretch text[begin:stop]."""
    words = words_of(text, begin, stop)
    inner = [index for index, word in enumerate(words) if start <= word.start and word.end <= end]
    if not inner:
        return False
    for index in inner:
        words[index].covered = True
        words[index].known_type = kind
    for word in words:
        for other_start, other_end, other_type in known:
            if other_start < word.end and word.start < other_end:
                word.covered, word.known_type = True, other_type
    first, last = inner[0], inner[-1] + 1
    found = longer_name(words, first, last, kind, lambda: is_heading(text[floor:] if floor else text), text)
    if found is None and first >= 2 and words[first - 1].text in _EMBASSIES:
        return True  # `U.S. Embassy Baghdad` holds two known names: looked at from the first of them
    return found is not None and (found.start < first or found.end > last) and not words[last - 1].possessive


# --- the quick first look ------------------------------------------------------------------------------------------------


def _next_word(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the letters and digits from `position` on."""
    end = position
    while end < len(text) and text[end].isalnum():
        end += 1
    return position, end


def _continues_after(text: str, end: int) -> bool:
    """Whether a stretch may go on after text[:end]: a hyphen or dash, a title-like full stop, or a space before a capital, a
    digit or connectors that lead to one."""
    after = text[end : end + 1]
    if after == "," and LEGAL_SUFFIX_AFTER.match(text, end):
        return True  # `Zorbak, Inc.`
    if after == "." and not ends_sentence(text, end):
        end += 1
        after = text[end : end + 1]
    if after in ("-", "‐", "–", "—") or (after in ("”", '"') and text[end + 1 : end + 2] == " " and text[end + 2 : end + 3].isupper()):
        return True  # ... or the end of a quoted nickname before a name (`Michael “Erik” Kurilla`)
    while after == " ":
        following = text[end + 1 : end + 2]
        if not following:
            return False
        if following.isupper() or following.isdigit() or following in '-–—“"':
            return True  # ... or a quoted nickname (`Michael “Erik” Kurilla`: `stretches._NICKNAME`)
        word_start, word_end = _next_word(text, end + 1)
        word = text[word_start:word_end].casefold()
        if word in HYPHEN_PARTICLES and text[word_end : word_end + 1] in ("-", "‐"):
            return True
        if word not in STRETCH_CONNECTORS:
            return False
        end = word_end
        after = text[end : end + 1]
    return False


def _continues_before(text: str, start: int) -> bool:
    """Whether a stretch may have begun before text[start:]: a hyphen, or a space after a word that opens or continues one
    (a capital, a digit, a particle), perhaps with connectors between."""
    before = text[start - 1 : start]
    if before in ("-", "‐") or (before in ("“", '"') and text[start - 2 : start - 1] == " "):
        return True  # ... or the start of a quoted nickname after a name
    first_word = True
    while before == " " and start >= 2:
        if text[start - 2] in '–—-”"':
            return True  # `Task Force - Operation ...`, `Michael “Erik” Kurilla`
        word_end = start - 1
        word_start = word_end
        while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in _IN_STRETCH_WORD):
            word_start -= 1
        word = text[word_start:word_end]
        if not word or (first_word and _written_title(word)):
            return False  # a title right before a name opens no longer name (`Gen. Name`)
        if first_word and word[:1].isdigit() and SESSION_HEAD.match(text, start):
            return False  # a legislature's session (`the 119th Congress`): no name goes on before it
        first_word = False
        if any(ch.isupper() or ch.isdigit() for ch in word) or word.casefold() in SPACED_PARTICLES:
            return True  # a capital or a digit anywhere in it (`don't-Mahdi Army`: the stretch begins inside the word), `al Qaeda`
        if word.casefold() not in STRETCH_CONNECTORS:
            return False
        start = word_start
        before = text[start - 1 : start]
    return False


def _written_title(word: str) -> bool:
    """A person's title as written before a name (`Gen.`, `Sheikh`: `stretches.is_title` for a word of the text)."""
    bare = word.rstrip(".")
    return bare[:1].isupper() and not (bare.isupper() and len(bare) > 1) and bare.casefold() in PERSON_TITLES


# The commonest ends of a known name in prose, which no stretch goes on past: punctuation, or a space and a lower-case word that is
# neither a connector nor a particle before a hyphen. One match in C saves `_continues_after` its Python steps (linking asks
# about every mention: about 0.1 s per 1,000 articles).
_QUIET_AFTER = re.compile(
    rf"""(?:,(?!{LEGAL_SUFFIX_AFTER.pattern[1:]})|[;:)!?’]|["”](?![ ][^\W\d_])|[ ](?!(?:{"|".join(sorted(STRETCH_CONNECTORS | HYPHEN_PARTICLES))})(?![^\W_]))[a-z])"""
)


def _quiet_before(text: str, start: int) -> bool:
    """The commonest start of a known name in prose, which no stretch reaches over: the paragraph's start, punctuation, or a
    lower-case word that is neither a connector nor a particle, then a space."""
    if not start:
        return True
    before = text[start - 1]
    if before in "(,;:‘" or (before in '"“' and text[start - 2 : start - 1] != " "):
        return True  # (a quotation mark after a space may open a nickname: `Michael “Erik” Kurilla`)
    if before != " " or start < 2:
        return False
    space = text.rfind(" ", 0, start - 1)
    word = text[space + 1 : start - 1]
    return word.isalpha() and word.islower() and word.isascii() and word not in STRETCH_CONNECTORS and word not in SPACED_PARTICLES


def may_be_inside_longer_name(text: str, start: int, end: int) -> bool:
    """False where `inside_longer_name` is certainly False: nothing before or after text[start:end] can belong to its stretch."""
    after_quiet = end >= len(text) or _QUIET_AFTER.match(text, end) is not None
    if not after_quiet and _continues_after(text, end):
        return True
    return not _quiet_before(text, start) and _continues_before(text, start)
