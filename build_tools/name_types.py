"""The type a name makes likely (one of the registry's types): by its head noun, the words around it, or its shape.

`suggest` gives each candidate a type from its signals first (a title: a person; a gazetteer entry: its kind); the
rules here tell the rest: a head noun (`Command`: a government body, `Brigades`: an armed group, `Dam`: a place), the
words around it (`near Galcad`, `Hiraan region`), its shape (two to four capitalised words read as a person).
`guess_type` is the same for a name alone, as `new-actor` gets it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from build_tools.names import (
    ARMED_GROUP_AFTER,
    DIRECTIONS,
    DOTTED_NAMES,
    GENERIC_NOUNS,
    GENERIC_ONLY_AS_NAME,
    GROUP_FIRST_WORDS,
    GROUP_NAME_WORDS,
    GROUP_NOUNS,
    HEAD_NOUNS,
    HEAD_PHRASES,
    MEMBER_STATES,
    PERSON_NOUNS,
    PLACE_AFTER,
    PLACE_BEFORE,
    PLACE_FIRST_WORDS,
    PLACE_QUALIFIERS,
    TITLE_DEPARTMENTS,
    Lexicon,
    is_common_word,
    is_demonym,
    lexicon,
)
from build_tools.sentences import ends_sentence
from build_tools.stretches import STATE_PREFIXES, UPPER, Word, words_of
from build_tools.text import HYPHEN_PARTICLES, NAME_PARTICLES, fold

_DEPARTMENT_SUBJECTS = frozenset(department for department in TITLE_DEPARTMENTS if " " not in department)


def head_type(words: Sequence[Word]) -> str | None:
    """The type a name's head noun makes likely: the words before its first `of`/`for`/`in`/`on` or dash, else its last words."""
    while len(words) > 1 and words[-1].text.isdigit():
        words = words[:-1]  # `Nigerien Air Base 201`
    texts = [word.text for word in words]
    heads = []
    for index, word in enumerate(words):
        if index and (word.folded in ("of", "for", "in", "on") or word.dash_before):
            heads.append(index)
            break
    heads.append(len(texts))
    for end in heads:
        if end >= 2 and f"{texts[end - 2]} {texts[end - 1]}" in HEAD_PHRASES:
            return HEAD_PHRASES[f"{texts[end - 2]} {texts[end - 1]}"]
        if end >= 1 and texts[end - 1] in HEAD_NOUNS and not (words[end - 1].hyphen_before and end >= 2 and words[end - 2].folded in HYPHEN_PARTICLES):
            return _head_noun_type(words, texts, end)
    if any(text in GROUP_NAME_WORDS for text in texts):
        return "armed_group"
    if texts and texts[0] in PLACE_FIRST_WORDS and len(texts) > 1:
        return "place"
    return None


def _head_noun_type(words: Sequence[Word], texts: Sequence[str], end: int) -> str:
    """`head_type` for a head noun at `end - 1`: its type, unless the words around it say whose body it is."""
    kind = HEAD_NOUNS[texts[end - 1]]
    if kind == "government_body" and end > 1 and (acronym_type(texts[0]) == "intergovernmental_org" or texts[0] == "Intergovernmental"):
        return "intergovernmental_org"  # `UN Commission of Inquiry`: a body of the organisation, not of a state; what its name says
    if end < len(texts) and texts[-1] in MEMBER_STATES and texts[-2] != "United" and kind in ("organization", "government_body"):
        return "intergovernmental_org"  # `Organization of American States`; not `Embassy of the United States`
    if texts[end - 1] == "Army" and not any(w.folded in STATE_PREFIXES or is_demonym(w.text) for w in words[: end - 1]):
        return "armed_group"  # `Mahdi Army`, `Free Syrian Army` hold no state
    return kind


def context_type(text: str, start: int, end: int) -> str | None:
    """`near Galcad`, `in Hiraan and Middle Shabelle`, `Hiraan region`, `the town of Amerli`: a place by the words around it,
    when nothing else tells."""
    after = text[end : end + 60].replace(",", " ").split()
    while len(after) > 1 and after[0] in ("and", "or") and after[1][:1].isupper():
        after = after[2:]
        while after and after[0][:1].isupper():
            after = after[1:]
    if after and after[0].strip(".;:") in PLACE_AFTER:
        return "place"
    if after and after[0].strip(".;:") in ARMED_GROUP_AFTER:
        return "armed_group"  # `the Zorbak gang`
    begin = max(0, start - 80)
    stop = text.rfind(". ", begin, start)
    while stop >= 0 and not ends_sentence(text, stop):
        stop = text.rfind(". ", begin, stop)
    # Only the words of its own sentence: `in Africa. Zorbak Tamimi, ...` says nothing of where Zorbak Tamimi is.
    before = text[max(begin, stop + 1) : start].replace(",", " ").split()
    while before and (before[-1][:1].isupper() or before[-1] in ("and", "or")):
        before.pop()  # the other names of a list (`in Hiraan and Middle Shabelle`)
    if before and before[-1] in PLACE_QUALIFIERS:
        before.pop()
    if before and before[-1] == "the":
        before.pop()
    if before and before[-1] in PLACE_BEFORE and before[-1] != "of":
        return "place"
    return "place" if len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_AFTER else None


# A list's separators between two items (`Tibet, Hong Kong, and Xinjiang`, `Aden or Mocha`), and the whole item of one to
# three capitalised words next to one.
_ITEM_AFTER = re.compile(rf"(?:,[ ](?:and[ ]|or[ ])?|[ ](?:and|or)[ ])({UPPER}[^\W\d_]*(?:[ ]{UPPER}[^\W\d_]*){{0,2}})(?![\w'’.-])")
_ITEM_BEFORE = re.compile(rf"(?<![\w'’.-])({UPPER}[^\W\d_]*(?:[ ]{UPPER}[^\W\d_]*){{0,2}})(?:,[ ](?:and[ ]|or[ ])?|[ ](?:and|or)[ ])$")


def listed_with_places(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the word at text[start:end] is an item of a list whose whole item next to it is a state or a major place
    (`human rights abuses in Tibet, Hong Kong, and Xinjiang`): a place too, though a dictionary has the word (`tibet`, a
    cloth). Smaller places are not enough: the gazetteer has towns named `Liberty` and `Opportunity`."""
    after = _ITEM_AFTER.match(text, end)
    before = _ITEM_BEFORE.search(text, max(0, start - 60), start)
    for item in (after, before):
        if item is not None:
            key = fold(item.group(1))
            if lexicon.places.get(key) == "state" or key in lexicon.major_places:
                return True
    return False


def is_generic_pair(tokens: Sequence[Word], capitals: Sequence[Word], words: Lexicon) -> bool:
    """`Security Forces`, `Press Office`, `Public Affairs`: two ordinary words, the second a noun house style capitalises.

    Not `State Department` (a department's own subject), `Black Sea`, `United Nations`, `World Bank`, nor an
    administration named by its president (`Trump Administration`, whose surname a dictionary may have in lower case).
    """
    if len(capitals) >= 3 or any(t.folded in ("of", "for") for t in tokens) or not all(is_common_word(t.folded, words) for t in capitals):
        return False
    head = capitals[-1].text
    if head not in GENERIC_NOUNS or head == "Administration" or (len(capitals) == 2 and f"{capitals[0].text} {head}" in HEAD_PHRASES):
        return False
    return not (len(capitals) == 2 and head in ("Department", "Ministry") and capitals[0].text in _DEPARTMENT_SUBJECTS)


def default_type(tokens: Sequence[Word], words: Lexicon) -> str:
    """A name with no other hint: a person when it reads like one (two to four words, no connector), else an organisation or group."""
    capitals = [token for token in tokens if token.capital]
    if tokens[0].text in GROUP_FIRST_WORDS:
        return "armed_group"
    if 2 <= len(capitals) <= 4 and all(token.folded in NAME_PARTICLES or token.folded in HYPHEN_PARTICLES or token.capital for token in tokens):
        return "person"
    if len(tokens) == 1:
        return "armed_group"
    return "organization"


# A group of states named by its count (`G7`, `G20`, `G77`): capitals and digits, which no other rule reads as a name.
_GROUP_OF_STATES = re.compile(r"G\d{1,2}")


def fixed_type(written: str) -> str | None:
    """The type a one-word name's form alone tells: a dotted name's (`Fla.`, `U.K.`), a group of states' (`G20`); else None."""
    if written in DOTTED_NAMES:
        return DOTTED_NAMES[written]
    return "intergovernmental_org" if _GROUP_OF_STATES.fullmatch(written) else None


def acronym_type(acronym: str) -> str:
    """The type an acronym makes likely: a dotted name's, however it is written (`U.N.`, `UN`, `E.U.`), else an organisation's."""
    letters = acronym.replace(".", "")
    return DOTTED_NAMES.get(acronym) or DOTTED_NAMES.get("".join(f"{letter}." for letter in letters)) or "organization"


def guess_type(name: str, words: Lexicon | None = None) -> str:
    """The type a name alone suggests, when no article tells more: a place or state from the gazetteer, a head noun's type,
    a person for a given name or two to four capitalised words (`new-actor "Name"` without `--type`)."""
    words = words or lexicon()
    tokens = words_of(name, 0, len(name))
    if not tokens:
        return "organization"
    key = " ".join(token.folded for token in tokens)
    if key in words.places:
        return words.places[key]
    fixed = fixed_type(name)
    if fixed is not None:
        return fixed
    head = head_type(tokens)
    if head is not None:
        return head
    if name.replace(".", "").isupper():
        return "organization"
    if tokens[0].folded in words.given_names and len(tokens) > 1:
        return "person"
    return default_type(tokens, words)


_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+((?:[\w\-]+\s+){0,4}?)(\w+)\b|(who)\s)")


def apposition_type(text: str, end: int) -> str | None:
    """The type an apposition after a name ending at `end` says: `Name, a spokesman for ...`, `Name, who ...` -> person;
    `Name, an Iranian-backed militia` -> armed group."""
    match = _APPOSITION.match(text, end)
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


def place_key(words: Sequence[Word]) -> str:
    """A phrase as the gazetteer's keys write it: folded words, a possessive inside it as an `s` (`Cox's Bazar`: `coxs bazar`)."""
    return " ".join(word.folded + ("s" if word.possessive and word is not words[-1] else "") for word in words)


def phrase_place(words: Sequence[Word], lexicon: Lexicon) -> str | None:
    """The type of place a phrase names (`state` or `place`): the gazetteer's, or `place` for a compass word before a place
    that is no state (`Western Balkans`, `Eastern Europe`); before a state it says which part is meant (`Northern Syria` is
    Syria, corpus rule 3.3)."""
    key = place_key(words)
    found = lexicon.places.get(key)
    if found is None and len(words) > 1 and words[0].text in DIRECTIONS and lexicon.places.get(key.split(" ", 1)[1]) not in (None, "state"):
        return "place"
    return found


# A release's dateline: a place in capitals (and its state's abbreviation) before the first paragraph's dash.
_DATELINE = re.compile(rf"^((?:{UPPER}[{UPPER[1:-1]}'’.\-]+[ ]?)+)(?:,\s+(?:[A-Z][\w.]*\s?){{0,3}}|[ ])(?:--|—|–|-)")


def dateline_place(paragraph: str, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """`TAMPA, Fla. --`, `RAMSTEIN AIR BASE, Germany --`: the place a release was sent from, as written, its type and its
    offset, when the first paragraph opens on one the gazetteer has or a place's head noun ends."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    written = match.group(1).strip().rstrip(".")
    place = lexicon.places.get(fold(written))
    words = written.title().split()
    if place is None and len(words) > 1 and (words[-1] in HEAD_NOUNS or " ".join(words[-2:]) in HEAD_PHRASES):
        place = "place"  # `RAMSTEIN AIR BASE`
    return (written, place, match.start(1)) if written and place is not None else None


def state_alone(words: Sequence[Word], lexicon: Lexicon) -> Sequence[Word]:
    """A state's name without a compass word before it or its government's word after it (`Northwest Guatemala`,
    `Kosovo Government`: the state, corpus rules 3.3 and 4.3); other names as they are."""
    if len(words) == 2 and words[0].text in DIRECTIONS and phrase_place(words[1:], lexicon) == "state" and phrase_place(words, lexicon) is None:
        return words[1:]  # but `South Sudan` is a state of its own
    if len(words) == 2 and words[1].text in GENERIC_ONLY_AS_NAME and phrase_place(words[:1], lexicon) == "state":
        return words[:1]
    return words
