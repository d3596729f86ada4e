"""Where a name begins and ends inside a capitalised stretch: the connectors that join the words of one name, and the
titles and departments that stand outside it.

`Iraq and Syria` are two names, `Islamic State of Iraq and Syria` one; `Government of Cuba` is the state, `Ministry of
Defense` a name of its own; `Secretary of State Antony Blinken` is a title, its department, and a person's name;
`Hassan Sheikh Mohamud` holds a title word and is one name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from build_tools.name_types import head_type, place_key
from build_tools.names import (
    AREA_HEADS,
    DIRECTIONS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    GENERIC_ONLY_AS_NAME,
    GROUP_NAME_WORDS,
    HEAD_NOUNS,
    HEAD_PHRASES,
    LEGAL_SUFFIXES,
    MEMBER_NOUNS,
    NOT_ACRONYMS,
    NOT_ACTOR_FIRSTS,
    NOT_ACTOR_HEAD_PHRASES,
    NOT_ACTOR_HEADS,
    SHIP_PREFIXES,
    STATE_FORMS,
    TIME_ZONES,
    TITLE_DEPARTMENTS,
    TO_PHRASE_HEADS,
    Lexicon,
    ends_head_phrase,
    is_common_word,
    is_demonym,
)
from build_tools.stretches import NUMBERED_HEADS, STATE_PREFIXES, Word, fold_word, is_abbreviated_title, is_title, is_title_modifier
from build_tools.text import CALENDAR_WORDS, HYPHEN_PARTICLES, NAME_SUFFIXES, PERSON_TITLES, TITLE_MODIFIERS

# A capitalised word or a number right beside an acronym: it is part of a longer name, a heading or a dateline in
# capitals (`USS Gravely`, `UN Security Council`, `SOUTHWEST ASIA`), or counts things (`two NASAMS`, `3 SAMs`).
_CAPITAL_BESIDE_BEFORE = re.compile(r"(?:\b[A-Z][\w.'’\-]*|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of))[ ]+$")
_CAPITAL_BESIDE_AFTER = re.compile(r"[ ]+[A-Z0-9]")
# A number or section sign right beside an acronym makes it a citation's (`E.O. 13894`, `(E.O.) 13894`, `22 U.S.C. §2378d`).
_NUMBER_BEFORE = re.compile(r"\d[ ]+$")
_NUMBER_AFTER = re.compile(r"[)\]]?[ ]+§?[ ]*\d|[ ]*§")  # `(E.O.) 13894`, `Executive Order [EO] 14347`
# An indefinite article before a name that ends its noun phrase makes it a kind of thing (`called an IRAM, with`, `fired a
# MANPADS.`, `designated as a Foreign Terrorist Organization`): a body is `the UN` or plain `NATO`. Before a noun it may
# still be a body's (`a UN convoy`, `an ISIS cell`). Read here for acronyms and by `suggest` for capitalised words.
INDEFINITE_BEFORE = re.compile(r"\b[Aa]n?\s+$")
_NOUN_AFTER = re.compile(r"[ ]+[a-z]")
# The surname after a middle initial whose full stop was mistyped as a comma (`Mark A, Milley, chairman of ...`).
_SURNAME_AFTER_COMMA = re.compile(r", ((?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[,.;:]|\s+[a-z(]|\s*$)")
CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t|s)$", re.IGNORECASE)
# A reference code's part (`XK482` of a photo's `230110-A-XK482-1047`, a release number): capitals glued to three digits
# or more, or such a number; `M23` and `G20` are names.
_CODE_PART = re.compile(r"[A-Z]{0,4}\d{3,}")
TIME_AFTER = re.compile(r"\s+(?:[Tt]ime|[Ss]tandard [Tt]ime|[Dd]aylight)\b")
_TITLE_OR_MODIFIER = PERSON_TITLES | TITLE_MODIFIERS
# Lower-case words an acronym may spell or skip (`Rewards for Justice (RFJ)`, `Department of Defense (DoD)`).
_SPELLING_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "the", "to", "&"})
_DEPARTMENTS_LONGEST_FIRST = sorted(TITLE_DEPARTMENTS, key=lambda department: -len(department.split()))


# Lower-case words that, hyphened to a name, make an adjective of it (`Kremlin-backed`, `UN-led`, `Iran-aligned`,
# `Tehran-leaning`, `Sunni-majority`): besides the participles in -ed and -ing, the irregular ones and a few suffix words.
_ADJECTIVE_MAKERS = frozenset(
    {"led", "run", "held", "built", "made", "born", "grown", "owned", "known", "drawn", "sworn", "friendly", "style", "era", "majority", "wide", "bound"}
)


def makes_adjective(token: Word) -> bool:
    """A lower-case word hyphened to the name before it that makes an adjective of that name (`Kremlin-backed Wagner Group`):
    no part of any name; the name before it stands alone, and so does the name after it."""
    word = token.text
    if not token.hyphen_before or not word.isalpha() or not word.islower():
        return False
    return word in _ADJECTIVE_MAKERS or (len(word) > 4 and word.endswith(("ed", "ing")))


# The longest syllable a hyphened given name ends in (`Cho Hyun-dong`, `Moon Jae-in`, `Yoon Suk-yeol`).
_SYLLABLE = 4


def ends_in_syllable(words: Sequence[Word]) -> bool:
    """Whether a name's last word is the lower-case syllable of a hyphened given name (`Hyun-dong`, `Jong-un`): part of
    the name, where a lower-case word hyphened to a name that makes an adjective of it is not (`Iran-backed`)."""
    if len(words) < 2:
        return False
    last = words[-1]
    return (
        last.hyphen_before and words[-2].capital and last.text.isalpha() and last.text.islower() and len(last.text) <= _SYLLABLE and not makes_adjective(last)
    )


def after_head_of(current: Sequence[Word]) -> bool:
    """`Office of the Spokesperson`: a title word after a head noun's `of` names the office, not a person."""
    if not current or current[-1].capital:
        return False
    capitals = [token for token in current if token.capital]
    return bool(capitals) and capitals[-1].text in HEAD_NOUNS and any(token.folded == "of" for token in current[current.index(capitals[-1]) :])


def title_inside_name(current: Sequence[Word], tokens: Sequence[Word], index: int, end: int, words: Lexicon) -> bool:
    """A title word inside a person's name (`Hassan Sheikh Mohamud`): after a given name, before another name word; or inside
    a body's name after its state's demonym (`Syrian General Intelligence Directorate`: a body's head noun ends the words after);
    or the second word of a body's head phrase (`U.S. Consulate General`)."""
    if not current or end - index != 1 or tokens[index].dot or is_abbreviated_title(tokens[index]):
        return False
    if ends_head_phrase(current[-1].text, tokens[index].text):
        return True
    if end >= len(tokens) or not tokens[end].capital or tokens[end].covered:
        return False
    if HEAD_NOUNS.get(tokens[end].text) in _BODY_TYPES and (end + 1 == len(tokens) or not tokens[end + 1].capital):
        return True  # the title word and a head noun end a body's name (`United Nations General Assembly`, `Zorbak General Staff`)
    if all(t.capital and (is_demonym(t.text) or t.folded in STATE_PREFIXES) for t in current):
        stop = end
        while stop < len(tokens) and tokens[stop].capital and not tokens[stop].covered:
            stop += 1
        return head_type(tokens[index:stop]) not in (None, "person")
    # (`As President Name`: a function word opening a sentence is no given name, whatever a list of them holds)
    return current[0].folded in words.given_names and current[0].folded not in FUNCTION_WORDS and all(t.capital for t in current) and len(current) <= 2


def skip_department(tokens: Sequence[Word], index: int) -> int:
    """After a title, `of State`, `of Foreign Affairs`, `for Political Affairs`: the title's own words, not a name; but
    not the first field of a list the portfolio goes on with (`for Political Affairs, Peace and Security Name`)."""
    start = index
    index = _department_end(tokens, index)
    if start < index < len(tokens) and tokens[index].capital and tokens[index].start - tokens[index - 1].end > 1:
        return start  # a comma after it: a list of fields, read as the portfolio (`portfolio_name_start`)
    return index


def _department_end(tokens: Sequence[Word], index: int) -> int:
    """`skip_department` up to the department's end."""
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


# A title's portfolio opens with one of these (`Secretary for Political Affairs`, `Ambassador to Lebanon`, `Head of
# Presidential Administration`).
_PORTFOLIO_OPENERS = frozenset({"for", "to", "of"})
# A person's name is two to four words (`Mara Karlin`, `Linda Thomas-Greenfield`, `C.S. Eliot Kang Jr.`).
_NAME_WORDS = 4
# The last word of a portfolio that names a field, not a body (`Assistant Secretary for Near Eastern Affairs`).
_PORTFOLIO_FIELDS = frozenset({"Affairs", "Issues"})
_INITIALS = re.compile(r"(?:[A-Z]\.?){1,3}")


def portfolio_name_start(tokens: Sequence[Word], index: int, words: Lexicon) -> tuple[int, int]:
    """After a title and its department, the portfolio the title holds (`for International Security Affairs`, `to the
    United Nations`, `for Levant Affairs`) up to the person's name that ends the stretch (`Mara Karlin`), or ends it
    before an `and` that joins another name (`... Affairs Molly Phee and Dana Banks`): where that name starts, at a
    given name after at least one portfolio word (with any initials before it: `C.S. Eliot Kang`), or `index` when no
    name can be told from the portfolio; and where the portfolio's own words end, without the field word after a place
    (`Levant` of `for Levant Affairs`). The portfolio holds no person's name."""
    if index >= len(tokens) or tokens[index].folded not in _PORTFOLIO_OPENERS or tokens[index].capital:
        return index, index
    stop = index + 1
    while stop < len(tokens) and not tokens[stop].covered and not is_title(tokens[stop]):
        stop += 1
        if tokens[stop - 1].possessive:
            break
    # A portfolio may list fields with `and` (`for Democracy, and Human Rights`): an `and` ends the name only when the
    # name cannot end the stretch, and the nearest to it is tried first.
    ands = [end for end in range(stop - 1, index + 1, -1) if tokens[end].folded == "and" and not tokens[end].capital]
    for end in (stop, *ands):
        found = _portfolio_name(tokens, index, end, words)
        if found is not None:
            return found
    return index, index


def _portfolio_name(tokens: Sequence[Word], index: int, stop: int, words: Lexicon) -> tuple[int, int] | None:
    """`portfolio_name_start` for a name that ends at `stop`, or None."""
    first = stop
    while first > index + 1 and tokens[first - 1].capital:
        first -= 1
    for start in range(max(first + 1, stop - _NAME_WORDS), stop - 1):
        if f"{tokens[start - 1].folded} {tokens[start].folded}" in words.places and tokens[start + 1].folded in words.given_names:
            continue  # `for Central Asia Eric Green`: a place's last word, though a given name too, before a given name
        if tokens[start].folded in words.given_names and not tokens[start].dot and tokens[start].text not in HEAD_NOUNS:
            # (a head noun is a body's, whatever a list of given names holds: `Council`)
            while start - 1 > first and _INITIALS.fullmatch(tokens[start - 1].text):
                start -= 1
            return start - (tokens[start - 1].text in _PORTFOLIO_FIELDS), start
    # A given name no list has: the words no dictionary has after the portfolio's ordinary ones (`for Civilian Security,
    # Democracy, and Human Rights Zarah Zeya`).
    start = stop
    while start > index + 1 and tokens[start - 1].capital and not is_common_word(tokens[start - 1].folded, words):
        start -= 1
    if 2 <= stop - start <= _NAME_WORDS and start > index + 1 and is_common_word(tokens[start - 1].folded, words):
        return (index if _fields_only(tokens[index:start], words) else start), start
    return None


def _fields_only(portfolio: Sequence[Word], words: Lexicon) -> bool:
    """A portfolio that lists fields of work, commas and all (`for Health, Humanitarian Affairs, and Social Development`):
    ordinary words that name no actor."""
    listed = any(later.start - earlier.end > 1 for earlier, later in pairwise(portfolio))
    return listed and all(is_common_word(word.folded, words) for word in portfolio if word.capital)


def place_before_name(words: Sequence[Word], lexicon: Lexicon) -> int:
    """Where a person's name starts after a place the gazetteer has, in one run of capitalised words (`for Afghanistan,
    Pakistan, and Central Asia Rebecca Zimmerman`: a title's portfolio), or 0: at a given name with a word after it."""
    if not all(word.capital for word in words):
        return 0
    for cut in range(len(words) - 2, 0, -1):
        place = lexicon.places.get(" ".join(word.folded for word in words[:cut]))
        # A place of several words or a state (`Mary` and `South` are places too), then a given name that is no place (`China`).
        if words[cut].folded in lexicon.given_names and words[cut].folded not in lexicon.places and (place == "state" or (place and cut > 1)):
            return cut
    return 0


# An acronym's plural (`NGOs`, `IEDs`, `SDGTs`): a kind of thing or body, not one actor's name.
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,6}s")
_ROMAN = re.compile(r"[IVXLC]+")


def may_be_acronym(word: str) -> bool:
    """Whether an all-capital word may be an actor's acronym: not a common one that names none (`names.NOT_ACRONYMS`), an
    operation's or a vessel's first word, a time zone, a Roman numeral or a plural."""
    return (
        word not in NOT_ACRONYMS
        and word not in NOT_ACTOR_FIRSTS
        and word not in TIME_ZONES
        and not _ROMAN.fullmatch(word)
        and not PLURAL_ACRONYM.fullmatch(word)
    )


# The shortest word of a name in capitals with no given name a list knows (`TIMUR IVANOV`): acronyms run shorter.
_CAPITALS_NAME_WORD = 5


def capitals_person(words: Sequence[Word], lexicon: Lexicon) -> bool:
    """A person's name written in capitals, as sanctions lists write them (`ALEKSEY KRIVORUCHKO`, `YUNUS-BEK EVKUROV`): two
    to four words of letters, all in capitals, the first a given name or every one longer than acronyms run (`NATO ISAF`)."""
    if not (2 <= len(words) <= 4 and all(w.text.isupper() and w.text.isalpha() and len(w.text) > 1 for w in words)):
        return False
    return words[0].folded in lexicon.given_names or all(len(w.text) >= _CAPITALS_NAME_WORD for w in words)


def acronym_stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the acronym at text[start:end] stands alone: not in parentheses (a defined acronym, perhaps a known name's),
    not a thing's name after `a`/`an`, no capitalised word or number beside it (`suggestions.ACRONYM_ALONE`)."""
    if text[start - 1 : start] == "(":
        return False
    if INDEFINITE_BEFORE.search(text, max(0, start - 8), start) and not _NOUN_AFTER.match(text, end):
        return False
    return not (_CAPITAL_BESIDE_BEFORE.search(text, max(0, start - 40), start) or _CAPITAL_BESIDE_AFTER.match(text, end))


_WORD_IN_WINDOW = re.compile(r"\S+")


def spelt_before(text: str, end: int, acronym: str) -> bool:
    """Whether the words ending at `end` spell the acronym (`Foreign Terrorist Organization (FTO)`, `Rewards for Justice
    (RFJ)`, `Executive Order (E.O.)`): their capitals' initials, a connector's counted or not. When no candidate ends there,
    the phrase was judged no actor's name (a kind of thing, a document, a programme), and so is its acronym."""
    return spelt_start(text, end, acronym) is not None


def spelt_start(text: str, end: int, acronym: str) -> int | None:
    """Where the longest phrase ending at `end` that spells the acronym starts (`spelt_before`), or None: `Liberation
    Tigers of Tamil Eelam (LTTE)` is one name, though its words make two."""
    letters = [letter for letter in acronym if letter.isupper()]
    words: list[str] = []
    starts: list[int] = []
    window = max(0, end - 120)
    for match in reversed(list(_WORD_IN_WINDOW.finditer(text, window, end))):
        word = match.group()
        if not (word[:1].isupper() or word in _SPELLING_CONNECTORS) or CONTRACTION.search(word):
            break
        words.insert(0, word)
        starts.insert(0, match.start())

    def spells(word: int, letter: int) -> bool:
        if word == len(words) or letter == len(letters):
            return word == len(words) and letter == len(letters)
        written = words[word]
        if written in _SPELLING_CONNECTORS and spells(word + 1, letter):
            return True
        return written[:1].upper() == letters[letter] and spells(word + 1, letter + 1)

    first = next((first for first in range(len(words)) if words[first][:1].isupper() and spells(first, 0)), None) if letters else None
    return None if first is None else starts[first]


def cites(text: str, start: int, end: int) -> bool:
    """Whether the acronym at text[start:end] is a document's in a citation (`E.O. 13894`, `22 U.S.C. §2378d`): a number
    or section sign beside it."""
    return bool(_NUMBER_AFTER.match(text, end) or _NUMBER_BEFORE.search(text, max(0, start - 12), start))


def possessive_inside_name(tokens: Sequence[Word], index: int, words: Lexicon) -> bool:
    """A possessive that holds a name together (`Sudan People's Liberation Army`): an ordinary noun's, between a name's
    words. Not a name's (`Iraq's Anbar province`: two names), nor a head noun's or a title's
    (`the Wagner Group's Africa Corps`, `the Minister's Office`), which end a name."""
    token = tokens[index]
    if index + 1 >= len(tokens) or not tokens[index + 1].capital or tokens[index + 1].covered or token.covered:
        return False
    if token.text == "People" and tokens[index + 1].text in STATE_FORMS:
        return True  # `People's Republic of China`, `Lao People's Democratic Republic`
    if place_key(tokens[index : index + 2]) in words.places:
        return True  # `Cox's Bazar`: a place the gazetteer writes so
    if not index or not tokens[index - 1].capital:
        return False  # `the Department of the Treasury's Office`: an of-phrase's end ends its name
    if is_title(tokens[index - 1]):
        return False  # `President Trump's Coalition`: a person's, whatever a dictionary says of the surname
    if token.text in HEAD_NOUNS or token.text in GENERIC_NOUNS or is_title(token) or is_title_modifier(token):
        return False
    return is_common_word(token.folded, words) and token.folded not in words.places and token.folded not in words.proper_words


def ends_in_bare_initial(tokens: Sequence[Word]) -> bool:
    """`Mark A`: a name of several words whose last is one capital with no full stop (nor a hyphen: `ISIS-K`)."""
    last = tokens[-1]
    return len(tokens) > 1 and len(last.text) == 1 and not (last.dot or last.hyphen_before)


def surname_after_initial(text: str, end: int) -> re.Match[str] | None:
    """The surname after a bare initial ending at `end`, when a comma stands for the initial's full stop (`Mark A, Milley`)."""
    return _SURNAME_AFTER_COMMA.match(text, end)


def department_end(tokens: Sequence[Word]) -> int:
    """`Department of State London Media Hub`: where a department's name (a head noun and the department words of a title,
    `Department of State`, `Ministry of Foreign Affairs`) ends when a name with a head noun of its own follows it; two
    names side by side stay two (corpus rule 3.3). 0 when it is one name."""
    if len(tokens) < 4 or tokens[0].text not in HEAD_NOUNS or tokens[1].folded != "of":
        return 0
    end = skip_department(tokens, 1)
    if end == 1 or end >= len(tokens) or not tokens[end].capital or head_type(tokens[end:]) is None:
        return 0
    return end


def joins_inside_name(tokens: Sequence[Word], index: int, word: str, words: Lexicon) -> bool:
    """Whether `and`/`on`/`to`/`in` at `index` is inside one name (`Islamic State of Iraq and Syria`, `Committee on Foreign
    Relations`, `Global Coalition to Defeat ISIS`, `African Union Transition Mission in Somalia`), rather than between two."""
    before = tokens[:index]
    after = tokens[index + 1 :]
    if not before or not after:
        return False
    if " ".join(token.folded for token in tokens) in words.places:
        return True
    if after[0].folded in CALENDAR_WORDS:
        return False  # `the Zorbak Council on Monday`, `in January`: a date after the name
    last = before[-1].text
    if word == "on":
        return last in ("Subcommittee", "Conference") or _on_phrase_head(before, after, words)
    if word == "to":
        return last in TO_PHRASE_HEADS and not after[0].covered
    if word == "in":
        if any(t.folded == "on" and joins_inside_name(tokens, n, "on", words) for n, t in enumerate(before)):
            return after[0].capital  # `Commission on Human Rights in South Sudan`: where the subject is
        # Folded: `al-Qa’ida in the Islamic Maghreb` is written with an apostrophe or a hamza as often as without one.
        return before[-1].folded in ("mission", "qaeda", "qaida", "office") and (after[0].folded == "the" or after[0].capital)
    return _and_inside_name(before, after, words)


def _on_phrase_head(before: Sequence[Word], after: Sequence[Word], words: Lexicon) -> bool:
    """Whether an `on`-phrase is the subject of a body's name: right after its head noun or the head's `of`-phrase
    (`Intergovernmental Authority on Development`, `Commission of Experts on Human Rights`); not a place or a known name
    after it (`the Department of State on Zarbania`: what a statement is about)."""
    of = next((n for n, token in enumerate(before) if token.folded == "of"), len(before))
    if HEAD_NOUNS.get(before[of - 1].text if of else "") in (None, "place", "state"):
        return False
    subject = after[: next((n for n, token in enumerate(after) if not token.capital), len(after))]
    return bool(subject) and not any(token.covered for token in subject) and " ".join(t.folded for t in subject) not in words.places


def _compass_pair(before: Sequence[Word], after: Sequence[Word], words: Lexicon) -> bool:
    """Whether `and` joins two compass words of one place (`Central and Eastern Europe`: the gazetteer has `Eastern Europe`)."""
    place = after[: next((n for n, token in enumerate(after) if not token.capital), len(after))]
    return before[-1].text in DIRECTIONS and after[0].text in DIRECTIONS and len(place) > 1 and words.places.get(" ".join(t.folded for t in place)) == "place"


def _and_inside_name(before: Sequence[Word], after: Sequence[Word], words: Lexicon) -> bool:
    """`joins_inside_name` for `and`."""
    # `and`: between two compass words of one place (`Central and Eastern Europe`) ...
    if _compass_pair(before, after, words):
        return True
    # ... or two adjectives of one head (`West African Economic and Monetary Union`), the second right after it
    # (`Jordan and the Arab League` is two names) ...
    if before[-1].capital and after[0].capital and is_common_word(before[-1].folded, words) and head_type(before) is None and head_type(after) is not None:
        return not any(token.covered for token in after)
    # ... or inside an `of`/`for` phrase whose second part (up to the next `and`) is not a name of its own.
    return _and_inside_of_phrase(before, after, words)


def _plural_head(text: str) -> bool:
    """A head noun in the plural (`Departments`, `Ministries`): several bodies of that kind."""
    return _singular(text) in HEAD_NOUNS and text not in HEAD_NOUNS


def _and_inside_of_phrase(before: Sequence[Word], after: Sequence[Word], words: Lexicon) -> bool:
    """`_and_inside_name` inside an `of`/`for` phrase (not a title's `for` that opens the piece: `for the Bureau of European
    and Eurasian Affairs`)."""
    of = next((n for n, token in enumerate(before) if n and token.folded in ("of", "for")), 0)
    if not of:
        return False
    if before[of - 1].text in GENERIC_ONLY_AS_NAME and (after[0].folded == "the" or words.places.get(after[0].folded) == "state"):
        return False  # `the Government of Ethiopia and the Tigray ...`, `the Republic of Korea and Japan`: two parties
    if _plural_head(before[of - 1].text) and after[0].folded == "the":
        return False  # `the Departments of State and the Treasury`: several bodies (not `Centres for Disease Control and Prevention`)
    after = after[: next((place for place, token in enumerate(after) if token.folded == "and"), len(after))]
    if not after or any(token.covered for token in after) or len(after) > 3 or after[0].text in HEAD_NOUNS:
        return False
    if is_demonym(after[0].text) and head_type(after) is not None and not is_demonym(before[-1].text):
        # a nation's body of its own: `Federal Government of Somalia and Somali National Army`; but two demonyms are the
        # adjectives of one head (`Bureau of European and Eurasian Affairs`)
        return False
    return not (after[0].folded in words.given_names and not is_common_word(after[0].folded, words) and len(after) > 1)  # `... and Joseph Dunford`


def of_inside_name(tokens: Sequence[Word], index: int, words: Lexicon) -> bool:
    """Whether `of` at `index` is inside one name (`Ministry of Defense`, `University of Maryland`, `Islamic State of Iraq`)."""
    before = [token for token in tokens[:index] if token.capital]
    if not before:
        return False
    last = before[-1].text
    if last in LEGAL_SUFFIXES:
        return False  # `Zorbak Architects LLP of New York`: a company's legal form ends its name; the `of`-phrase says where it is
    if last in GENERIC_ONLY_AS_NAME and (len(before) < 2 or before[-2].folded in FUNCTION_WORDS):
        # `Government of Cuba`: the state is the name (corpus rule 4.3); `Federal Government of Somalia` is one, and so is
        # `Government of National Unity`, whose `of`-phrase names no place.
        place = _of_phrase_place(tokens, index, words)
        return place is None or (last in STATE_FORMS and place == "state")  # but `Kingdom of Zorvia` is the state's formal name
    if last in AREA_HEADS and _of_phrase_place(tokens, index, words) == "state":
        return False  # `Mopti Region of Mali`: the region's name, then the state it lies in
    if last not in GENERIC_ONLY_AS_NAME and _second_of_phrase(tokens, index) and _of_phrase_place(tokens, index, words) == "state":
        return False  # `Ministry of National Defense of the Republic of Niger`: the body's name, then its state's
    if last in HEAD_NOUNS or is_title(before[-1]) or last in ("State", "States", "Chiefs", "Friends", "People", "Sons", "Party"):
        return True
    # `Institute for the Study of War`: an `of` inside the phrase a head noun's `for` or `of` opened.
    if any(t.text in HEAD_NOUNS and n + 1 < index and tokens[n + 1].folded in ("of", "for") for n, t in enumerate(tokens[:index])):
        return True
    return f"{before[-2].text} {last}" in HEAD_PHRASES if len(before) > 1 else False


def _second_of_phrase(tokens: Sequence[Word], index: int) -> bool:
    """Whether the `of` at `index` follows a head noun's own `of`-phrase (`Ministry of Defense of ...`)."""
    return any(token.text in HEAD_NOUNS and tokens[n + 1].folded == "of" for n, token in enumerate(tokens[: index - 1]))


def _of_phrase_place(tokens: Sequence[Word], index: int, words: Lexicon) -> str | None:
    """What the `of`-phrase at `index` names, when it is a place (`state` or `place`, as the gazetteer has it, or `state`
    for a state's own name, `the Republic of ...`), or None; a phrase of no capitalised word counts as a place."""
    phrase = list(tokens[index + 1 :])
    if phrase and phrase[0].folded == "the":
        phrase = phrase[1:]
    end = next((n for n, token in enumerate(phrase) if not token.capital), len(phrase))
    if not end:
        return "place"
    if any(token.text in GENERIC_ONLY_AS_NAME for token in phrase[:end]) and (end > 1 or end < len(phrase)):
        return "state"  # `the Republic of ...`, `the United States`; not `State` alone (`Department of State`)
    phrase = phrase[:end]
    found = words.places.get(" ".join(token.folded for token in phrase))
    return found if found is not None or not any(token.covered for token in phrase) else "place"


def named_again(paragraphs: Sequence[str], tails: Sequence[str]) -> bool:
    """Whether an article names one of a name's tails (`Presidential Leadership Council`, `Leadership Council`: its last
    two words or more) with `the` and as a noun phrase of its own (`the Leadership Council to ...`, not `the Leadership
    Council meeting`): a name introduced with `a` that is then an actor's."""
    for tail in tails:
        # Compiled only where `the` and the tail stand together: the tail stands in the name's own paragraph, and a
        # pattern compiled for every name `check` asks about cost 0.5 ms each (2% of `check` at 10,000 articles).
        written = (f"the {tail}", f"The {tail}")
        pattern = None
        for paragraph in paragraphs:
            if written[0] in paragraph or written[1] in paragraph:
                pattern = pattern or re.compile(rf"\b[Tt]he {re.escape(tail)}\b(?![\w\-])(?:[ ]+([a-z][a-z\-]*))?")
                for match in pattern.finditer(paragraph):
                    if match.group(1) is None or match.group(1) in FUNCTION_WORDS:
                        return True
    return False


def group_after_person(tokens: Sequence[Word]) -> int:
    """Where a group's name with its particle (`al-Shabaab`, `al-Qaeda`: a group-name word) begins at the end of the words
    after a person's title (`Sheikh Name Surname al-Shabaab's spokesman`): no person's family name; else their number."""
    end = len(tokens)
    if end >= 3 and tokens[-1].text in GROUP_NAME_WORDS and tokens[-1].hyphen_before and tokens[-2].folded in HYPHEN_PARTICLES:
        return end - 2 if not tokens[-2].capital and tokens[-3].capital else end
    return end


def is_body_phrase(tokens: Sequence[Word], head: str | None) -> bool:
    """A head noun with an `of`- or `for`-phrase (`Bureau of African Affairs`): a body's name, never a person's, even right
    after a title (`Assistant Secretary for the Bureau of ... Dr. Name`: the title's portfolio)."""
    return head is not None and any(token.folded in ("of", "for") for token in tokens)


def written_end(token: Word) -> int:
    """Where a name ending in `token` ends as written: after its full stop when that is a suffix's (`Jr.`) or a company's
    legal form's (`Zorbak, Inc.`), which no sentence's end takes away."""
    return token.end + 1 if token.dot and (token.folded in NAME_SUFFIXES or token.text in LEGAL_SUFFIXES) else token.end


# The words of `names.MEMBER_NOUNS` (`Member States`).
MEMBER_WORDS = frozenset(word for noun in MEMBER_NOUNS for word in noun.split())


def is_plain(token: Word) -> bool:
    """A word that is nothing but a capitalised word of a name: not known, no title, demonym, member noun (`Allies`),
    possessive, hyphen or full stop."""
    return (
        token.capital
        and token.text not in MEMBER_WORDS
        and not (token.covered or token.possessive or token.dot or token.hyphen_before or token.dash_before)
        and token.folded not in PERSON_TITLES
        and token.folded not in TITLE_MODIFIERS
        and token.text not in DIRECTIONS
        and token.folded not in CALENDAR_WORDS
        and token.folded not in STATE_PREFIXES
        and not is_demonym(token.text)
    )


def without_demonyms(tokens: Sequence[Word]) -> tuple[Sequence[Word], bool]:
    """A name's words without `U.S.` or a demonym before it, unless a head noun ends it (`Somali National Army`, `Arabian Sea`)
    or it names a document or an event (`UN Security Council Resolution`: `event_head`),
    and without demonyms after it; and whether it begins with such a word, kept."""
    after_demonym = False
    while tokens and tokens[0].capital and (is_demonym(tokens[0].text) or tokens[0].folded in STATE_PREFIXES):
        rest = tokens[1:]
        if (
            rest
            and (head_type(rest) is not None or event_head(rest) is not None)
            # `Ukrainian Government`, `U.S. Embassy`: a state's government is the state (corpus rule 4.3), its embassy a body
            and not (len(rest) == 1 and rest[0].text in GENERIC_NOUNS and (rest[0].text not in HEAD_NOUNS or rest[0].text in GENERIC_ONLY_AS_NAME))
        ):
            after_demonym = True
            break
        tokens = rest
    while len(tokens) > 1 and is_demonym(tokens[-1].text) and not after_demonym and not _nisba(tokens):
        tokens = tokens[:-2] if tokens[-1].hyphen_before else tokens[:-1]  # `Bissau-Guinean`: a demonym of two words
    while tokens and not tokens[-1].capital and not ends_in_syllable(tokens):
        tokens = tokens[:-1]
    return tokens, after_demonym


# The types a head noun gives a body that issues documents and holds events (`UN Security Council Resolution 2576`).
_BODY_TYPES = frozenset({"government_body", "intergovernmental_org", "organization", "armed_group", "political_party"})


def body_before(words: Sequence[Word]) -> int:
    """The end of the longest run of words, from the first, that a body's head noun ends (`UN Security Council` of `UN
    Security Council Resolution`, `United Nations` of `United Nations Framework Convention`), or that an acronym is
    (`ASEAN` of `ASEAN Ministerial Meeting`), or 0: the words before a document's or an event's head noun, whose body is
    an actor even though the document is not."""
    if head_type(words) in _BODY_TYPES:
        return len(words)  # ... a head noun and its `of`-phrase too (`Department of State` of `Department of State Fact Sheet`)
    found = next((end for end in range(len(words), 0, -1) if words[end - 1].capital and HEAD_NOUNS.get(words[end - 1].text) in _BODY_TYPES), 0)
    # ... or an acronym that opens it (`ASEAN Ministerial Meeting`, `NATO Summit`): the body that holds it.
    return found or int(bool(words) and words[0].text.isupper() and words[0].text.isalpha() and len(words[0].text) > 1)


def _nisba(tokens: Sequence[Word]) -> bool:
    """Whether a name ends in a demonym hyphened to a particle (`Adnan Abu Walid al-Sahrawi`, `al-Masri`): an Arabic
    surname that says where a family came from (a nisba), part of the name."""
    return len(tokens) > 1 and tokens[-1].hyphen_before and tokens[-2].folded in HYPHEN_PARTICLES


def event_head(tokens: Sequence[Word]) -> int | None:
    """Where the head noun that makes a name an event's, a plan's or an agreement's stands (`Berlin Conference`, `Second
    Berlin Conference on Libya`, `Declaration of Principles`), or None: the last word, or the word before the first `of`,
    `for` or `on`-phrase when that word makes nothing else (never a body's head noun: `Port Authority of ...`)."""
    if len(tokens) > 1 and f"{tokens[-2].text} {tokens[-1].text}" in NOT_ACTOR_HEAD_PHRASES:
        return len(tokens) - 2  # the phrase's first word (`Haiti Trust Fund`: `Trust`; `Department of State Fact Sheet`: `Fact`)
    end = next((n for n, token in enumerate(tokens) if token.folded in ("of", "for", "on")), len(tokens))
    if end == len(tokens):
        return end - 1 if _not_actor_head(tokens[-1].text) else None
    head = tokens[end - 1] if end else None
    return end - 1 if head is not None and _not_actor_head(head.text) and head.text not in HEAD_NOUNS else None


def _not_actor_head(text: str) -> bool:
    """A head noun of no actor's name, or its plural (`Leahy Laws`, `Geneva Conventions`)."""
    return text in NOT_ACTOR_HEADS or (text.endswith("s") and text[:-1] in NOT_ACTOR_HEADS and text not in HEAD_NOUNS)


def names_no_actor(text: str, tokens: Sequence[Word]) -> bool:
    """Words that make a name no actor's: a reference code, a contraction, an operation or a vessel (`Operation ...`, `USS ...`), a date, a
    word that names nothing (`We`, `So`, whatever a gazetteer says), an agreement or an event, a direction or a time."""
    first = tokens[0]
    single = len(tokens) == 1
    if any(_CODE_PART.fullmatch(token.text) and not (n and token.text.isdigit() and tokens[n - 1].text in NUMBERED_HEADS) for n, token in enumerate(tokens)):
        return True  # a reference code, not a name (but `Air Base 201`, `Task Force 151`)
    if CONTRACTION.search(first.text) or first.text in NOT_ACTOR_FIRSTS or first.folded in CALENDAR_WORDS or (single and first.folded in FUNCTION_WORDS):
        return True
    if event_head(tokens) is not None:
        return True  # `Strategic Framework Agreement`, `Conference on Libya`; not `Institute for the Study of War`
    if not single and first.folded not in STATE_PREFIXES and _plural_title(_head_word(tokens)):
        return True  # `Regional Refugee Coordinators`, `Deputy Assistant Secretaries`: people in a role; not `U.S. Marshals`
    return single and (first.text in DIRECTIONS or TIME_AFTER.match(text, first.end) is not None)  # `Eastern time`, `Central`


# A vessel's name after its prefix. The prefix must stand apart from the word before it, which `vessel_last_words` checks with
# `_JOINED_BEFORE` rather than a look-behind here: an expression that opens on a look-behind is tried at every character,
# one that opens on a prefix's letter is skipped to the next `U`, `H`, `I`, `M`, `R` or `F` by the engine (3x faster, 2% of `check`).
_VESSEL = re.compile(rf"(?:{'|'.join(sorted(SHIP_PREFIXES))})[ ]+((?:[A-Z][\w.'’\-]*[ ]+)*[A-Z][\w'’\-]*)")
_JOINED_BEFORE = re.compile(r"[\w/]")


def _vessels(paragraph: str) -> Iterator[re.Match[str]]:
    """The vessels' names in a paragraph (`_VESSEL` where its prefix stands apart from the word before)."""
    position = 0
    while (match := _VESSEL.search(paragraph, position)) is not None:
        start = match.start()
        if start and _JOINED_BEFORE.match(paragraph, start - 1):
            position = start + 1  # `XUSS`: no prefix; look again just after it
            continue
        yield match
        position = match.end()


def vessel_last_words(paragraphs: Iterable[str]) -> frozenset[str]:
    """The last words of the vessels' names an article gives (`USS Dwight D. Eisenhower`, folded): the vessel again
    (`the Eisenhower`), not a place or a person, wherever the article writes it alone."""
    return frozenset(fold_word(match.group(1).rsplit(" ", 1)[-1]) for paragraph in paragraphs for match in _vessels(paragraph))


def _head_word(tokens: Sequence[Word]) -> Word:
    """A name's head word: the one before its first `of`, else its last."""
    return next((tokens[n - 1] for n, token in enumerate(tokens) if n and token.folded == "of"), tokens[-1])


def _plural_title(word: Word) -> bool:
    """A person's title in the plural (`Coordinators`, `Secretaries`), not a body's head noun (`Joint Chiefs of Staff`)."""
    text = word.text
    if text in HEAD_NOUNS:
        return False
    singular = _singular(text)
    return singular.casefold() in PERSON_TITLES and len(singular) > 3


def _singular(text: str) -> str:
    """A plural noun's singular (`Secretaries` -> `Secretary`, `Departments` -> `Department`), or `` for no plural."""
    return text[:-3] + "y" if text.endswith("ies") else text[:-1] if text.endswith("s") else ""


def only_titles_and_known(tokens: Sequence[Word], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Mark the words the mentions cover; whether the words are only titles and known names."""
    for token in tokens:
        at = bisect.bisect_left(starts, token.end) - 1  # the last mention starting before the word ends
        token.covered = at >= 0 and spans[at][1] > token.start
    return all(token.covered or not token.capital or is_title(token) or is_title_modifier(token) for token in tokens)


def span_covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one of the spans."""
    return any(s <= start and end <= e for s, e in spans)


def written_title(word: str) -> bool:
    """A word of the text, as written, that is a title or begins one (`Prime`, `Minister`, `Gen.`)."""
    return word[:1].isupper() and word.rstrip(".").casefold() in _TITLE_OR_MODIFIER
