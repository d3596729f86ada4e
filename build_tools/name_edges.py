"""Where a name begins and ends inside a capitalised stretch: the connectors that join the words of one name, and the
titles and departments that stand outside it.

`Iraq and Syria` are two names, `Islamic State of Iraq and Syria` one; `Government of Cuba` is the state, `Ministry of
Defense` a name of its own; `Secretary of State Antony Blinken` is a title, its department, and a person's name;
`Hassan Sheikh Mohamud` holds a title word and is one name.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_tools.name_types import head_type
from build_tools.names import (
    DIRECTIONS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    GENERIC_ONLY_AS_NAME,
    HEAD_NOUNS,
    HEAD_PHRASES,
    TITLE_DEPARTMENTS,
    TO_PHRASE_HEADS,
    Lexicon,
    is_common_word,
    is_demonym,
)
from build_tools.stretches import STATE_PREFIXES, Word, is_abbreviated_title, is_title
from build_tools.text import PERSON_TITLES, TITLE_MODIFIERS

_DEPARTMENTS_LONGEST_FIRST = sorted(TITLE_DEPARTMENTS, key=lambda department: -len(department.split()))


def after_head_of(current: Sequence[Word]) -> bool:
    """`Office of the Spokesperson`: a title word after a head noun's `of` names the office, not a person."""
    if not current or current[-1].capital:
        return False
    capitals = [token for token in current if token.capital]
    return bool(capitals) and capitals[-1].text in HEAD_NOUNS and any(token.folded == "of" for token in current[current.index(capitals[-1]) :])


def title_inside_name(current: Sequence[Word], tokens: Sequence[Word], index: int, end: int, words: Lexicon) -> bool:
    """A title word inside a person's name (`Hassan Sheikh Mohamud`): after a given name, before another name word."""
    if not current or end - index != 1 or tokens[index].dot or is_abbreviated_title(tokens[index]):
        return False
    if end >= len(tokens) or not tokens[end].capital or tokens[end].covered:
        return False
    return current[0].folded in words.given_names and all(t.capital for t in current) and len(current) <= 2


def skip_department(tokens: Sequence[Word], index: int) -> int:
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


def joins_inside_name(tokens: Sequence[Word], index: int, word: str, words: Lexicon) -> bool:
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
        return last in TO_PHRASE_HEADS and not after[0].covered
    if word == "in":
        return last in ("Mission", "Qaeda", "Qaida", "Office") and (after[0].folded == "the" or after[0].capital)
    return _and_inside_name(before, after, words)


def _and_inside_name(before: Sequence[Word], after: Sequence[Word], words: Lexicon) -> bool:
    """`joins_inside_name` for `and`."""
    # `and`: between two adjectives of one head (`West African Economic and Monetary Union`) ...
    if before[-1].capital and is_common_word(before[-1].folded, words) and head_type(before) is None and head_type(after) is not None:
        return not any(token.covered for token in after)
    # ... or inside an `of`/`for` phrase whose second part (up to the next `and`) is not a name of its own.
    if not any(token.folded in ("of", "for") for token in before):
        return False
    after = after[: next((place for place, token in enumerate(after) if token.folded == "and"), len(after))]
    if not after or any(token.covered for token in after) or len(after) > 3 or after[0].text in HEAD_NOUNS:
        return False
    return not (after[0].folded in words.given_names and not is_common_word(after[0].folded, words) and len(after) > 1)  # `... and Joseph Dunford`


def of_inside_name(tokens: Sequence[Word], index: int) -> bool:
    """Whether `of` at `index` is inside one name (`Ministry of Defense`, `University of Maryland`, `Islamic State of Iraq`)."""
    before = [token for token in tokens[:index] if token.capital]
    if not before:
        return False
    last = before[-1].text
    if last in GENERIC_ONLY_AS_NAME and (len(before) < 2 or before[-2].folded in FUNCTION_WORDS):
        return False  # `Government of Cuba`: the state is the name (corpus rule 4.3); `Federal Government of Somalia` is one
    if last in HEAD_NOUNS or is_title(before[-1]) or last in ("State", "States", "Chiefs", "Friends", "People", "Sons", "Party"):
        return True
    # `Institute for the Study of War`: an `of` inside the phrase a head noun's `for` or `of` opened.
    if any(t.text in HEAD_NOUNS and n + 1 < index and tokens[n + 1].folded in ("of", "for") for n, t in enumerate(tokens[:index])):
        return True
    return f"{before[-2].text} {last}" in HEAD_PHRASES if len(before) > 1 else False


def is_plain(token: Word) -> bool:
    """A word that is nothing but a capitalised word of a name: not known, no title, demonym, possessive, hyphen or full stop."""
    return (
        token.capital
        and not (token.covered or token.possessive or token.dot or token.hyphen_before or token.dash_before)
        and token.folded not in PERSON_TITLES
        and token.folded not in TITLE_MODIFIERS
        and token.text not in DIRECTIONS
        and token.folded not in STATE_PREFIXES
        and not is_demonym(token.text)
    )


def without_demonyms(tokens: Sequence[Word]) -> tuple[Sequence[Word], bool]:
    """A name's words without `U.S.` or a demonym before it, unless a head noun ends it (`Somali National Army`, `Arabian Sea`),
    and without demonyms after it; and whether it begins with such a word, kept."""
    after_demonym = False
    while tokens and tokens[0].capital and (is_demonym(tokens[0].text) or tokens[0].folded in STATE_PREFIXES):
        rest = tokens[1:]
        if rest and head_type(rest) is not None and not (len(rest) == 1 and rest[0].text in GENERIC_NOUNS and rest[0].text not in HEAD_NOUNS):
            after_demonym = True
            break
        tokens = rest
    while len(tokens) > 1 and is_demonym(tokens[-1].text) and not after_demonym:
        tokens = tokens[:-1]
    while tokens and not tokens[-1].capital:
        tokens = tokens[:-1]
    return tokens, after_demonym
