"""Text rules every phase shares: how a word is written, compared and joined to the next, and the lists of titles.

Reading, bylines, the registry, linking, `check` and the glossary all look at the same words: this
module is the one place where what counts as a word (`tokenize`), what a word is compared as
(`normalise`), what is not text at all (`mask`: web addresses and `[n]` reference markers), which gaps
hold the words of one name together (`joins`), and which words are a person's titles (`PERSON_TITLES`)
are defined. The linker's fast path (`build_tools.fast_text`) and `check`'s word scan are built from
the tables here too.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

# --- titles ----------------------------------------------------------------------------------------------------------------
# A person's titles, folded, each with its abbreviations. Linking counts a short form after one (`Gen. Austin`), `check`
# never makes one part of a suggested name (and a name after one is a person's), an abbreviation's full stop ends no
# sentence, and a byline drops ranks, offices and forms of address before a name.
MILITARY_RANKS: dict[str, tuple[str, ...]] = {
    "general": ("gen", "gens"),
    "lieutenant": ("lt",),
    "colonel": ("col", "ltc"),
    "major": ("maj",),
    "captain": ("capt", "cpt"),
    "commander": ("cmdr", "cdr"),
    "commodore": (),
    "admiral": ("adm",),
    "brigadier": ("brig",),
    "marshal": (),
    "sergeant": ("sgt", "msgt", "ssgt", "tsgt"),
    "corporal": ("cpl", "lcpl"),
    "private": ("pvt", "pfc"),
    "specialist": ("spc",),
    "ensign": ("ens",),
    "airman": (),
    "seaman": (),
    "officer": (),
    "commandant": ("cmdt",),
}
FORMS_OF_ADDRESS: dict[str, tuple[str, ...]] = {
    "mister": ("mr",),
    "missus": ("mrs",),
    "miz": ("ms",),
    "doctor": ("dr",),
    "professor": ("prof",),
    "reverend": ("rev",),
    "honorable": ("hon",),
    "madam": (),
}
OFFICES: dict[str, tuple[str, ...]] = {
    "president": ("pres",),
    "senator": ("sen",),
    "representative": ("rep",),
    "governor": ("gov",),
    "ambassador": ("amb",),
    "secretary": ("sec",),
    **dict.fromkeys(("premier", "prime", "minister", "undersecretary", "chairman", "chairwoman", "chairperson", "speaker", "envoy"), ()),
    **dict.fromkeys(("congressman", "congresswoman", "mayor"), ()),
}
# Titles that never stand in a byline's rank before a name (`Pentagon spokesman` is a job, the byline keeps it).
ROLES_AND_HONOURS: dict[str, tuple[str, ...]] = {
    "inspector": ("insp",),
    "superintendent": ("supt",),
    **dict.fromkeys(("spokesman", "spokeswoman", "spokesperson", "director", "administrator", "commissioner", "chancellor"), ()),
    **dict.fromkeys(("judge", "prosecutor", "attorney", "counselor", "counsellor", "adviser", "advisor", "coordinator", "detective", "warden"), ()),
    **dict.fromkeys(("sheriff", "lawmaker", "leader", "founder", "chief", "head", "ceo"), ()),
    **dict.fromkeys(("ayatollah", "hojatoleslam", "sheikh", "sheik", "shaykh", "imam", "mullah", "mufti", "cleric"), ()),
    **dict.fromkeys(("king", "queen", "prince", "princess", "emir", "amir", "sultan"), ()),
    **dict.fromkeys(("pope", "cardinal", "archbishop", "bishop", "patriarch", "rabbi", "father", "pastor"), ()),
}
# Titles written in capitals (`Anthropic CEO Name Surname`, the U.S. Army's `LTC Name Surname`), where capitals elsewhere
# make an acronym.
CAPITALS_TITLES = frozenset({"ceo", "gen", "ltc", "col", "maj", "cpt", "capt", "sgt", "adm", "cdr"})
# Spelt-out forms that are not written before names (`Mister`): only their abbreviations are titles.
_ONLY_ABBREVIATED = frozenset({"mister", "missus", "miz", "doctor"})


def _words(*tables: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The folded titles of the tables: full words (unless only abbreviated) and abbreviations."""
    return frozenset(word for table in tables for full, short in table.items() for word in (*short, *((full,) if full not in _ONLY_ABBREVIATED else ())))


def _abbreviations(*tables: dict[str, tuple[str, ...]]) -> frozenset[str]:
    return frozenset(word for table in tables for short in table.values() for word in short)


_ALL_TITLES = (MILITARY_RANKS, FORMS_OF_ADDRESS, OFFICES, ROLES_AND_HONOURS)
PERSON_TITLES = _words(*_ALL_TITLES)
"""Every title, folded: full words and abbreviations."""
TITLE_ABBREVIATIONS = _abbreviations(*_ALL_TITLES)
"""The abbreviated titles, folded (`gen`, `lt`, `mr`): a full stop after one ends no sentence."""
RANK_TITLES = _words(MILITARY_RANKS, FORMS_OF_ADDRESS, OFFICES)
"""Titles a byline may put before a name (`Army Col.`, `Dr.`, `Secretary`), folded."""
OFFICE_PLURALS = frozenset(office[:-1] + "ies" if office.endswith("y") else office + "s" for office in OFFICES)
"""Offices in the plural, as written before several people's names (`Foreign Ministers Cho and Mori`), folded."""
# As articles write them before a name: an abbreviation may take its full stop, a full word may not.
SHORT_TITLES = frozenset(word.capitalize() for word in TITLE_ABBREVIATIONS)
LONG_TITLES = frozenset(word.capitalize() for word in PERSON_TITLES - TITLE_ABBREVIATIONS)
# Words that begin or continue a title (`Defense Secretary`, `Army Gen.`, `Grand Ayatollah`, `Vice Adm.`, `Press Secretary`) but
# also stand in names (`Mahdi Army`, `National Police`): titles only where a title word follows.
TITLE_MODIFIERS = frozenset(
    [
        *("vice", "deputy", "acting", "assistant", "under", "principal", "chief", "grand", "senior", "former", "interim", "rear"),
        *("first", "second", "staff", "master", "command", "petty", "warrant", "lance", "sergeant", "field", "crown", "prime"),
        *("special", "executive", "press", "foreign", "defense", "defence", "interior", "army", "navy", "marine", "marines", "corps"),
        *("air", "force", "coast", "guard", "national", "space", "regional", "provincial", "state", "federal", "supreme", "top", "lead"),
        *("retired", "ret", "gunnery", "technical", "mass", "communication", "communications", "class", "high"),
    ]
)
# Lower-case particles inside a personal or group name (`Abu Bakr al-Baghdadi`, `Asaib Ahl al-Haq`, `Joost van der Berg`):
# besides the European ones, `son of` and `daughter of` as Arabic (`bin`, `ibn`, `bint`), Hassaniya (`ould`, `wuld`) and
# Tamasheq (`ag`) write them, and Arabic's `and` inside a group's name (`wa`, `wal`). Not `ben` or Hausa's `dan`: bylines
# compare these in any case, and `Ben` and `Dan` are given names ...
NAME_PARTICLES = frozenset(
    {
        *("al", "el", "bin", "ibn", "bint", "abu", "ul", "ould", "wuld", "ag", "wa", "wal"),
        *("de", "del", "della", "da", "dos", "du", "van", "von", "der", "le", "la", "y", "ter", "zu"),
    }
)
# ... those written before a hyphen, which may also open a name in lower case (`al-Shabaab`, `el-Sisi`, `ash-Sham`); the
# article before a sun letter is spelt with `a` or `e` (`az-Zawr`, `Deir ez-Zor`) ...
HYPHEN_PARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "wal", "ed", "er", "es", "esh", "et", "ez"})
# ... and the words that join an organisation's name (`Institute for the Study of War`). `and` is not one: it joins two names.
NAME_CONNECTORS = frozenset({"of", "for", "the"})
PARTICLES = NAME_PARTICLES | NAME_CONNECTORS
"""Lower-case words allowed inside a name."""
# Capitalised words that are never names: months, days and feasts.
CALENDAR_WORDS = frozenset(
    [
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("ramadan", "eid", "christmas", "easter", "thanksgiving", "nowruz", "ashura", "arbaeen", "hajj"),
    ]
)
# Words that may follow a surname inside the same person's name.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
# Short abbreviations whose full stop belongs to the name that goes on after it (`St. Louis`, `Mt. Hood`).
NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "jr", "sr"})

# The rule `titled` applies: a title (an abbreviated one may have its full stop) with only white space after it.
TITLE_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(sorted(SHORT_TITLES))})\.?|\b(?:{'|'.join(sorted(LONG_TITLES))}))\s+$")
TITLE_WINDOW = 40
"""How far before a name `titled` looks for a title."""


def titled(text: str, start: int) -> bool:
    """Whether a title ends right before `start` (what `TITLE_BEFORE` finds in the `TITLE_WINDOW` characters before it), without the regex."""
    window = text[max(0, start - TITLE_WINDOW) : start]
    stripped = window.rstrip()
    if len(stripped) == len(window) or not stripped:
        return False  # `\s+$`: white space must come last, after a title
    dotted = stripped.endswith(".")
    if dotted:
        stripped = stripped[:-1]
        if not stripped[-1:].isalnum():
            return False  # an abbreviated title stands right before its full stop
    word = stripped.rsplit(None, 1)[-1]
    if not word.isalnum():
        # `\b` before the title: the whole last word of the window.
        first = len(stripped)
        while first and (stripped[first - 1].isalnum() or stripped[first - 1] == "_"):
            first -= 1
        word = stripped[first:]
    return word in SHORT_TITLES or (not dotted and word in LONG_TITLES)


# --- what is not text ------------------------------------------------------------------------------------------------------
# A reference marker (`[3]`): not a word, a name reads through it. `MARKER_TEXT` is the same without the group, to go in other patterns.
MARKER_KEY = r"\d{1,4}"
MARKER = re.compile(rf"\[(?P<key>{MARKER_KEY})\]")
MARKER_TEXT = rf"\[{MARKER_KEY}\]"
# Text no name is looked for in: web addresses (with a scheme, `www.`, or a bare domain), e-mail addresses and @handles.
_DOMAINS = "com|org|net|gov|edu|mil|int|info|io|news"
URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])@\w+"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{_DOMAINS})\b(?:/\S*)?",
    re.IGNORECASE,
)
# What a text must hold for `URL` to match in it, besides `@` or `://`.
_URL_HINT = re.compile(rf"\.(?:(?<=www\.)|{_DOMAINS})", re.IGNORECASE)


def may_hold_url(text: str) -> bool:
    """False when `URL` cannot match in `text` (a cheap test that saves running the expensive pattern)."""
    return "@" in text or "://" in text or _URL_HINT.search(text) is not None


def blank(match: re.Match[str]) -> str:
    """As many spaces as the match is long (masking keeps offsets)."""
    return " " * len(match.group())


def mask(text: str) -> str:
    """`text` with URLs and reference markers blanked out (same length, so offsets still hold)."""
    if may_hold_url(text):
        text = URL.sub(blank, text)
    return MARKER.sub(blank, text) if "[" in text else text


# --- words -----------------------------------------------------------------------------------------------------------------
# Marks that stand inside a word and are dropped for matching: apostrophes and the ayn/hamza signs of
# transliterations (`Kata'ib`, `Kata’ib`, `Kataʿib`, `Da‘esh`), a soft hyphen, zero-width (non-)joiners.
APOSTROPHES = "'’‘`´"
IN_WORD = APOSTROPHES + "ʼʻʿʾ" + "\u00ad\u200b\u200c\u200d\u2060"
# A dotted abbreviation (`U.S.`, `U.N.`) is one token; otherwise letters and digits, with the in-word marks kept in it.
TOKEN = re.compile(rf"(?:[^\W\d_]\.){{2,}}|[^\W_]+(?:[{IN_WORD}]+[^\W_]+)*")
# The possessive rule: an apostrophe and `s` ending a word longer than that is not part of the name (`Iran's` is `Iran`).
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}ʼ]s$", re.IGNORECASE)
_POSSESSIVE_MARKS = APOSTROPHES + "ʼ"
_DROPPED = str.maketrans("", "", IN_WORD)


def possessive_end(word: str) -> int:
    """The length of `word` without a possessive `'s` (the whole length when it has none)."""
    # `_POSSESSIVE` (case-insensitive: `s`, `S` and the long `ſ`) tested by hand: every word of every name goes through here.
    return len(word) - 2 if len(word) > 2 and word[-1] in "sSſ" and word[-2] in _POSSESSIVE_MARKS else len(word)


@functools.lru_cache(maxsize=1 << 16)
def normalise(token: str) -> str:
    """The form a token is compared in, before case folding: NFKC, no diacritics, no in-word marks."""
    # The marks go before NFKC too: it turns `´` into a space and a combining accent.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", token.translate(_DROPPED)))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_DROPPED)


class Token(NamedTuple):
    """A word of a paragraph."""

    start: int
    """Offset in the paragraph's source text."""
    end: int
    """Offset after the word (a possessive `'s` is left outside)."""
    exact: str
    """Normalised, case kept."""
    folded: str
    """Normalised and case folded: what the automaton sees."""


def _token(match: re.Match[str]) -> Token:
    start = match.start()
    word = match.group()
    kept = possessive_end(word)
    exact = normalise(word[:kept])
    return Token(start, start + kept, exact, exact.casefold())


def tokenize(text: str) -> list[Token]:
    """The words of `text`, outside URLs and reference markers."""
    return [_token(match) for match in TOKEN.finditer(mask(text))]


def tokens_from(masked: str, start: int, end: int, count: int) -> list[Token]:
    """The first `count` tokens of `masked` (a masked text) from `start` (a token's start) to `end`, as `tokenize` makes them."""
    tokens: list[Token] = []
    for match in TOKEN.finditer(masked, start, end):
        tokens.append(_token(match))
        if len(tokens) == count:
            break
    return tokens


def fold(text: str) -> str:
    """A name as word tables hold it (the gazetteer, suggestion keys): its words normalised and case folded, joined by
    single spaces (`Nīnawá` -> `ninawa`, `U.S.` -> `u.s.`). Unlike `alias_key`, nothing is masked and no possessive cut."""
    return " ".join([normalise(word).casefold() for word in TOKEN.findall(text)])


# --- gaps between words ----------------------------------------------------------------------------------------------------
# Only white space and hyphens (any variant) may stand between the words of one name.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2043\u2212\ufe63\uff0d"
_JOINING_GAP = re.compile(rf"[\s{re.escape(HYPHENS)}]+")
# After an initial or a short abbreviation, a full stop belongs to the name (`Lloyd J. Austin`, `St. Louis`).
_ABBREVIATION_GAP = re.compile(rf"\.[\s{re.escape(HYPHENS)}]*")
# After an abbreviated title, its full stop and white space (`Gen. Joseph Dunford`): `check` reads the title and name as one run.
TITLE_GAP = re.compile(r"\.\s+")
# What stands between the words of a key where they are not words of one name.
BREAK = "|"


def is_initial(token: Token) -> bool:
    """A one-letter capital (`J` in `Lloyd J. Austin`)."""
    return len(token.exact) == 1 and token.exact.isupper()


def joins(masked: str, previous: Token, token: Token) -> bool:
    """Whether two neighbouring tokens may be words of one name (only spaces, hyphens, or an initial's full stop between them)."""
    gap = masked[previous.end : token.start]
    if _JOINING_GAP.fullmatch(gap):
        return True
    return bool(_ABBREVIATION_GAP.fullmatch(gap)) and (is_initial(previous) or previous.folded in NAME_ABBREVIATIONS)


def joins_after_title(masked: str, previous: Token, token: Token) -> bool:
    """Words of one run for `check`: joined as names are, or a title's full stop between them (`Gen. Joseph Dunford`)."""
    if joins(masked, previous, token):
        return True
    return bool(TITLE_GAP.fullmatch(masked[previous.end : token.start])) and previous.folded in PERSON_TITLES


def name_runs(masked: str, tokens: Sequence[Token], joining: Callable[[str, Token, Token], bool] = joins) -> list[tuple[int, int]]:
    """Token index ranges whose neighbours `joining` joins (a name never spans a comma)."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or not joining(masked, tokens[index - 1], tokens[index]):
            runs.append((start, index))
            start = index
    return runs


def _separator(masked: str, previous: Token, token: Token) -> str:
    if joins(masked, previous, token):
        return " "
    punctuation = "".join(normalise(masked[previous.end : token.start]).split()).casefold()
    return f"{BREAK}{punctuation}{BREAK}" if punctuation else BREAK


def joined(masked: str, tokens: Sequence[Token]) -> tuple[str, list[int]]:
    """The folded tokens joined by what stands between them (a space for a joining gap, else the punctuation between
    `BREAK`s), and where each token starts in that string."""
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
    return joined(mask(text), tokenize(text))[0]


def undotted(alias: str) -> tuple[str, tuple[int, ...]] | None:
    """An alias with its dotted abbreviations of capitals written without their full stops, as texts also write them
    (`Washington, D.C.` -> `Washington, DC`, `U.S. Army` -> `US Army`), and the indexes of the words that were such
    abbreviations: a text must write them in capitals (`US` is the abbreviation, `us` a word). None when it has none."""
    masked = mask(alias)
    pieces: list[str] = []
    capitals: list[int] = []
    position = 0
    for index, match in enumerate(TOKEN.finditer(masked)):
        word = match.group()
        if "." in word and word.replace(".", "").isupper():  # only `TOKEN`'s dotted abbreviations hold a full stop
            pieces += [alias[position : match.start()], word.replace(".", "")]
            position = match.end()
            capitals.append(index)
    if not capitals:
        return None
    return "".join([*pieces, alias[position:]]), tuple(capitals)


def folded_key(tokens: Sequence[Token]) -> str:
    """Folded words joined by spaces: how `check` compares a run of words with registry names."""
    return " ".join(t.folded for t in tokens)
