"""Personal names out of bylines and contributor lines: ranks, titles, places and affiliations set aside."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.text import NAME_PARTICLES, NAME_SUFFIXES, RANK_TITLES

# Words that precede a name in a byline without being part of it: services, ranks (`text.RANK_TITLES`), ratings,
# offices and honorifics (`Army Sgt. 1st Class`, `Navy Mass Communication Specialist 2nd Class`,
# `Deputy Secretary of Defense`). Numbers (`Chief Warrant Officer 3`, `2nd`) count too.
_RANK_WORDS = RANK_TITLES | frozenset(
    [
        "army",
        "navy",
        "air",
        "force",
        "marine",
        "marines",
        "corps",
        "coast",
        "guard",
        "national",
        "u.s.",
        "u.s",
        "us",
        "usa",
        "usmc",
        "usn",
        "usaf",
        "retired",
        "ret",
        "rear",
        "vice",
        "staff",
        "master",
        "first",
        "class",
        "chief",
        "petty",
        "officer",
        "warrant",
        "lance",
        "spc",
        "specialist",
        "pfc",
        "pvt",
        "private",
        "seaman",
        "airman",
        "senior",
        "tech",
        "technical",
        "ens",
        "ensign",
        "command",
        "gunnery",
        "mass",
        "communication",
        "communications",
        "apprentice",
        "recruit",
        "journalist",
        "miss",
        "hon",
        "rev",
        "reverend",
        "sheikh",
        "deputy",
        "assistant",
        "under",
        "undersecretary",
        "defense",
        "state",
        "of",
    ]
)
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)?")
# After a name: its suffixes (`text.NAME_SUFFIXES`), also with their full stop, and degrees.
_SUFFIXES = NAME_SUFFIXES | frozenset({"jr.", "sr.", "phd", "ph.d.", "md", "m.d.", "esq."})
# Lower-case particles that belong inside personal names.
_NAME_PARTICLES = NAME_PARTICLES
# Words that mark a byline segment as an organisation, a job, a unit, a ship or a place rather than a person.
_NOT_A_PERSON = frozenset(
    [
        "post",
        "times",
        "news",
        "press",
        "reuters",
        "agency",
        "associated",
        "command",
        "force",
        "forces",
        "department",
        "ministry",
        "institute",
        "center",
        "centre",
        "staff",
        "writer",
        "writers",
        "correspondent",
        "correspondents",
        "reporter",
        "reporters",
        "editor",
        "editors",
        "editorial",
        "board",
        "service",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "office",
        "division",
        "brigade",
        "battalion",
        "regiment",
        "group",
        "task",
        "operation",
        "headquarters",
        "public",
        "affairs",
        "council",
        "foundation",
        "journal",
        "magazine",
        "network",
        "bureau",
        "company",
        "inc",
        "llc",
        "ltd",
        "program",
        "project",
        "committee",
        "university",
        "college",
        "school",
        "report",
        "reports",
        "wire",
        "wires",
        "afp",
        "bbc",
        "cnn",
        "npr",
        "desk",
        "team",
        "special",
        "contributor",
        "contributors",
        "analysis",
        "opinion",
        "guardian",
        "telegraph",
        "herald",
        "tribune",
        "gazette",
        "daily",
        "weekly",
        "monitor",
        "media",
        "activity",
        "features",
        "dod",
        "uss",
        "usns",
        "hms",
        "camp",
        "fort",
        "base",
        "squadron",
        "wing",
        "fleet",
        "army",
        "navy",
        "marines",
        "stars",
        "stripes",
        "radio",
        "television",
        "channel",
        "bloomberg",
        "politico",
    ]
)
_DOMAIN = re.compile(r"\w\.(?:com|org|net|mil|gov|edu|co|uk|io)\b", re.IGNORECASE)
# `By` once, or twice as some military sites print it (`By By Cpl. Jordan Belser`).
_BY = re.compile(r"^\s*(?:by[:\s]\s*){1,2}(?P<rest>.+)$", re.IGNORECASE)
# Separators between the names (and affiliations) of a byline, kept so affiliations stay verbatim.
_SEPARATOR = re.compile(r"(\s*,\s*(?:and\s+|&\s*)?|\s*;\s*|\s*\|\s*|\s+and\s+|\s*&\s*|\s+with\s+)", re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    """What a byline says."""

    authors: tuple[str, ...]
    """Personal names, in the byline's order."""
    affiliations: tuple[str, ...]
    """Everything else the byline says (jobs, units, outlets), one entry per run of it, verbatim."""


def _bare(token: str) -> str:
    return token.strip("().,;:'’")


def _is_name_token(token: str) -> bool:
    bare = token.strip("().,")
    if not bare:
        return False
    if bare.lower() in _NAME_PARTICLES or token.lower() in _SUFFIXES:
        return True
    # `al-Abadi`, `deMarco`, `d'Amato`: a short lower-case prefix glued to a capitalised name.
    if re.fullmatch(r"[a-z]{1,3}['’-]?[A-Z][\w'’.-]*", bare):
        return True
    head = bare[:1]
    return head.isupper() or (head.isalpha() and not head.islower() and not head.isupper())


def _is_rank_word(token: str) -> bool:
    bare = token.strip("().,").lower()
    return bare in _RANK_WORDS or bare == "u.s" or _ORDINAL.fullmatch(bare) is not None


def strip_rank(segment: str) -> str:
    """`Army Col. Steve Warren` -> `Steve Warren`; never strips a name down to one word (`Major Garrett` stays)."""
    tokens = segment.split()
    while len(tokens) > 2 and _is_rank_word(tokens[0]):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].strip("()").lower() in {"ret.", "ret", "retired"}:
        tokens = tokens[:-1]
    return " ".join(tokens)


def names_an_organisation(segment: str) -> bool:
    """Whether a segment contains a word that only organisations, jobs, units or ships have."""
    return any(_bare(t).lower() in _NOT_A_PERSON or _DOMAIN.search(t) for t in segment.split())


def looks_like_person(segment: str) -> bool:
    """Two to six capitalised words (particles and suffixes allowed), none of them an organisation word."""
    tokens = segment.split()
    name_tokens = [t for t in tokens if t.lower() not in _SUFFIXES]
    if not 2 <= len(name_tokens) <= 6:
        return False
    if names_an_organisation(segment):
        return False
    if all(_bare(t).lower() in _NAME_PARTICLES for t in name_tokens[:1]):
        return False
    if any(_bare(t).lower() in ("of", "the", "for") for t in tokens):
        return False  # `SECRETARY OF STATE` in capitals: a post, whose words look capitalised like a name's
    return all(_is_name_token(t) for t in tokens)


def _title_case_word(word: str, first: bool) -> str:
    lower = word.lower()
    if lower.rstrip(".") in {"ii", "iii", "iv"}:
        return word
    if not first and lower in _NAME_PARTICLES:
        return lower
    if lower.startswith("mc") and len(lower) > 3 and lower[2].isalpha():
        return "Mc" + lower[2:].capitalize()
    parts = re.split(r"(['’-])", lower)
    out: list[str] = []
    for index, part in enumerate(parts):
        if index == 0 and not first and part in ("al", "el") and len(parts) > 2 and parts[1] == "-":
            out.append(part)  # `AL-JUBURI` -> `al-Juburi`
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def normalise_name(name: str) -> str:
    """A name printed in capitals (`MICHAEL R. GORDON`, from old archive pages) in ordinary case; others unchanged."""
    if not any(ch.isalpha() for ch in name) or any(ch.islower() for ch in name.replace("Mc", "")):
        return name
    return " ".join(_title_case_word(word, index == 0) for index, word in enumerate(name.split()))


@dataclass(frozen=True)
class _Segment:
    kind: str | None
    """How the segment joins the one before: None (first), `comma`, `and`, `semi`, `bar`."""
    separator: str
    text: str


def _split(text: str) -> list[_Segment]:
    """The segments of a name list with how each joins the previous one; `Jr.`-style suffixes stay with their name."""
    pieces = _SEPARATOR.split(text)
    segments: list[_Segment] = []
    separator = ""
    for index, piece in enumerate(pieces):
        if index % 2:
            separator = piece
            continue
        if not piece.strip():
            continue
        stripped = separator.strip().lower()
        kind: str | None
        if not segments:
            kind = None
        elif stripped == ",":
            kind = "comma"
        elif stripped == ";":
            kind = "semi"
        elif stripped == "|":
            kind = "bar"
        else:
            kind = "and"
        if segments and kind == "comma" and piece.strip().lower() in _SUFFIXES:
            last = segments[-1]
            segments[-1] = _Segment(last.kind, last.separator, f"{last.text} {piece.strip()}")  # `Lloyd J. Austin, III`
            continue
        segments.append(_Segment(kind, separator, piece.strip()))
    return segments


def _serial_list_continues(segments: list[_Segment], persons: list[bool], index: int) -> bool:
    """Whether `segments[index:]` goes on as `B, C and D`: the commas of a list of names end in an `and`."""
    while index < len(segments) and segments[index].kind == "comma" and persons[index]:
        index += 1
    return index < len(segments) and segments[index].kind == "and" and persons[index]


def _names_and_runs(text: str) -> tuple[list[str], list[str]]:
    segments = _split(text)
    persons = [looks_like_person(strip_rank(s.text)) for s in segments]
    authors: list[str] = []
    runs: list[str] = []
    run: str | None = None
    for index, segment in enumerate(segments):
        if segment.kind is None or segment.kind in ("and", "semi", "bar"):
            is_author = persons[index]
        elif run is not None:
            is_author = False  # `DoD News, Defense Media Activity`: a comma goes on with the affiliation
        else:
            is_author = _serial_list_continues(segments, persons, index)
        if is_author:
            if run is not None:
                runs.append(run)
                run = None
            authors.append(normalise_name(strip_rank(segment.text)))
        elif run is not None and segment.kind in ("comma", "and"):
            run = f"{run}{segment.separator}{segment.text}"
        else:
            if run is not None:
                runs.append(run)
            run = segment.text
    if run is not None:
        runs.append(run)
    return authors, runs


# A source's byline is read three times (`looks_like_byline` as a header line, again and `parse_byline` for its names),
# and bylines repeat across sources: each is read once (read_paths on 3,000 bench sources: 1.44 s -> 1.37 s).
@functools.lru_cache(maxsize=1 << 12)
def parse_byline(line: str) -> Byline:
    """The authors and affiliations of a byline (`By A, B and C, Outlet`), with or without its `By`.

    Names are joined by `and` or in a serial list (`A, B and C`); anything after a comma that
    does not continue such a list (`A, DoD News, Defense Media Activity`) is an affiliation.
    """
    match = _BY.match(line)
    text = match.group("rest") if match else line
    authors, runs = _names_and_runs(text.strip())
    return Byline(tuple(authors), tuple(runs))


@functools.lru_cache(maxsize=1 << 12)  # see `parse_byline`
def looks_like_byline(line: str) -> bool:
    """A `By ...` line naming people or an outlet, as opposed to prose that starts with `By`."""
    match = _BY.match(line)
    if not match or len(line) > 200:
        return False
    rest = match.group("rest").strip()
    if not rest or not _is_name_token(rest.split()[0]):
        return False
    if rest.endswith((".", "!", "?", ":")) and not rest.lower().endswith((*tuple(_SUFFIXES), "inc.", "ltd.", "co.")):
        return False
    words = rest.split()
    lower_words = [
        w for w in words if w[:1].islower() and w.strip(",;").lower() not in _NAME_PARTICLES | {"and", "of", "the", "for", "to", "at", "in", "with", "on"}
    ]
    # A job after a comma (`..., staff writer`) is fine; a verb-laden sentence is not.
    before_comma = rest.split(",")[0]
    lower_before_comma = [w for w in before_comma.split() if w[:1].islower() and not _is_name_token(w) and w.lower() not in ("and", "of", "the")]
    if len(words) > 30 or lower_before_comma or len(lower_words) > 4:
        return False
    byline = parse_byline(line)
    return bool(byline.authors) or any(names_an_organisation(run) for run in byline.affiliations)


# Words that make a line under a name a job title (`Department Spokesperson`, `Secretary of State`), not a place.
_JOB_WORDS = frozenset(
    [
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "minister",
        "president",
        "vice",
        "chairman",
        "chair",
        "director",
        "coordinator",
        "envoy",
        "representative",
        "adviser",
        "advisor",
        "counselor",
        "counsellor",
        "administrator",
        "commander",
        "chief",
        "undersecretary",
        "deputy",
        "assistant",
        "officer",
        "attache",
        "attaché",
        "consul",
        "chargé",
        "charge",
        "governor",
        "senator",
        "general",
        "admiral",
        "spokespersons",
    ]
)


def names_a_job(line: str) -> bool:
    """A short line that names a post and no person (`Department Spokesperson`, `Secretary of State`)."""
    if len(line) > 100 or line.endswith((".", "!", "?")) or parse_byline(line).authors:
        return False
    return any(_bare(token).lower() in _JOB_WORDS for token in line.split())


def looks_like_office(line: str) -> bool:
    """A short line that names an office or organisation and no person, written as a name is
    (`Office of the Spokesperson`, `U.S. Central Command Public Affairs`, `CENTCOM`)."""
    words = line.split()
    if not 1 <= len(words) <= 10 or len(line) > 100 or line.endswith(("!", "?", ":", ";")) or parse_byline(line).authors:
        return False
    if line.endswith(".") and not line.lower().endswith(("inc.", "co.", "ltd.", "u.s.")):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    lower_allowed = sum(1 for word in words if word.lower() in ("of", "the", "for", "and", "on", "in", "&"))
    return capitalised + lower_allowed == len(words) and (capitalised >= 2 or (len(words) == 1 and words[0].isupper() and len(words[0]) >= 3))


def name_and_title(line: str) -> bool:
    """A line without `By` that names people and then their post or outlet, after a comma
    (`Michael R. Pompeo, Secretary of State`, `Jim Garamone, DOD News`)."""
    if len(line) > 120 or _BY.match(line) or line.endswith(("!", "?", ":")) or re.search(r"\b[a-z]+\.$", line):
        return False
    byline = parse_byline(line)
    return bool(byline.authors) and bool(byline.affiliations) and all(names_a_job(run) or names_an_organisation(run) for run in byline.affiliations)


def names_list(line: str) -> tuple[str, ...]:
    """The names of a line without `By` that lists people and nothing else, commas included
    (`Ahmed Rasheed, John Davison`, as Reuters prints its bylines); () for any other line."""
    if len(line) > 120 or _BY.match(line) or (line.endswith((".", "!", "?", ":")) and not line.lower().endswith(tuple(_SUFFIXES))):
        return ()
    segments = [segment.text for segment in _split(line)]
    if not all(looks_like_person(strip_rank(segment)) and not names_a_job(segment) for segment in segments):
        return ()
    return tuple(normalise_name(strip_rank(segment)) for segment in segments)


def names_only(line: str) -> bool:
    """A line without `By` that is nothing but personal names (`Missy Ryan and Loveday Morris`)."""
    if len(line) > 120 or _BY.match(line):
        return False
    byline = parse_byline(line)
    return bool(byline.authors) and not byline.affiliations


# `Mustafa Salim in Baghdad contributed to this report.`
CONTRIBUTOR_LINE = re.compile(
    r"^(?P<names>.+?)\s+(?:also\s+)?contributed(?:\s+\w+){0,3}?\s+(?:to\s+)?(?:this\s+|the\s+)?"
    r"(?:report|reporting|article|story|coverage)\b[^.]*\.?\s*$",
    re.IGNORECASE,
)
# `Reporting was contributed by A from Baghdad, B from Erbil, Iraq, and C from Washington.`
_CONTRIBUTED_BY = re.compile(r"^(?:additional\s+)?reporting\s+(?:was\s+)?contributed\s+by\s+(?P<names>.+?)\.?\s*$", re.IGNORECASE)
# `Contributing: A in Baghdad; B in Erbil` (USA Today).
_CONTRIBUTING = re.compile(r"^contributing(?:\s+reporters?)?:\s*(?P<names>.+?)\.?\s*$", re.IGNORECASE)
# `(Reporting by A in Mosul; Additional reporting by B; Writing by C; Editing by D)` (Reuters).
_CREDIT_ROLE = r"(?:additional\s+)?(?:reporting|writing|editing|research|compiled|compiling|graphics|photography|video|fact[- ]checking)(?:\s+and\s+(?:reporting|writing|editing))?"
_CREDIT_PART = re.compile(rf"^(?P<role>{_CREDIT_ROLE})\s+by\s+(?P<names>.+)$", re.IGNORECASE)
_CREDIT_PREFIX = re.compile(rf"^(?P<role>{_CREDIT_ROLE})\s+by\s+", re.IGNORECASE)
_CREDIT_SPLIT = re.compile(rf"\s*;\s*|\s*,\s*(?={_CREDIT_ROLE}\s+by\b)", re.IGNORECASE)
# Roles whose people reported or wrote the story; editors, photographers and graphics are not contributors.
_REPORTING_ROLES = ("reporting", "writing", "research", "compil")
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at)\s+[^\w\s]*[A-Z].*$")
_JOB_PREFIX = re.compile(
    r"^(?:.*?\s)?(?:(?:special|staff|foreign|senior|national|chief|contributing)\s+)?"
    r"(?:writers?|correspondents?|researchers?|reporters?|editors?|journalists?|stringers?)\s+(?=\S*[A-Z])",
)


def _credit_parts(line: str) -> list[tuple[str, str]] | None:
    """`(Reporting by A; Editing by B)` as (role, names) pairs, or None when the line is not such a credit."""
    text = line.strip().rstrip(".").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text.startswith((";", ",")) and _CREDIT_PREFIX.match(text) is None:
        return None  # its first part names no role, so not every part does: no need to split the whole line
    parts = [p for p in _CREDIT_SPLIT.split(text) if p]
    matches = [_CREDIT_PART.match(p) for p in parts]
    if not parts or not all(matches):
        return None
    return [(m.group("role").lower(), m.group("names")) for m in matches if m]


def _name_lists(line: str) -> list[str] | None:
    """The parts of a contributor line that list people, or None when the line is not a contributor line."""
    text = line.strip()
    if len(text) > 400:
        return None
    # `CONTRIBUTOR_LINE` tries every space of a line before it fails (4 µs on a line of 150 characters): an ASCII line
    # without its word cannot match it (with `_credit_parts`'s early return, 0.05 s of `check` per 3,000 sources).
    may_say_contributed = not text.isascii() or "contributed" in text.lower()
    for pattern in (_CONTRIBUTED_BY, _CONTRIBUTING, CONTRIBUTOR_LINE):
        match = pattern.match(text) if may_say_contributed or pattern is not CONTRIBUTOR_LINE else None
        if match:
            return [match.group("names")]
    credits = _credit_parts(text)
    if credits is None:
        return None
    return [names for role, names in credits if _is_reporting_role(role)]


def _is_reporting_role(role: str) -> bool:
    return any(role.startswith(r) or f" {r}" in role for r in _REPORTING_ROLES)


def is_contributor_line(line: str) -> bool:
    """`X in Baghdad contributed to this report.`, `Reporting was contributed by ...`, `(Reporting by ...; Editing by ...)`."""
    return _name_lists(line) is not None


@dataclass(frozen=True)
class Contributors:
    """What a contributor line says."""

    names: tuple[str, ...]
    """Personal names, in the line's order."""
    unread: tuple[str, ...]
    """Parts that are neither a person's name nor an organisation (`Mustafa`, a lone first name)."""


def read_contributors(line: str) -> Contributors:
    """The people a contributor line credits, and what it says that could not be read as a name."""
    lists = _name_lists(line)
    if lists is None:
        return Contributors((), ())
    names: list[str] = []
    unread: list[str] = []
    for text in lists:
        after_place = False
        for segment in _split(text):
            credit = _CREDIT_PREFIX.match(segment.text)  # `Additional reporting by A; B in Baghdad contributed ...`
            if credit and not _is_reporting_role(credit.group("role").lower()):
                continue
            raw = segment.text[credit.end() :] if credit else segment.text
            raw = re.sub(r"^(?:the\s+)?[\w.]+(?:’s|'s)\s+", "", raw, flags=re.IGNORECASE)  # `The Post's Jane Doe`
            raw = _JOB_PREFIX.sub("", raw)
            has_place = _PLACE_TAIL.search(raw) is not None
            person = strip_rank(_PLACE_TAIL.sub("", raw))
            if after_place and segment.kind == "comma" and not has_place:
                continue  # `Iraq` in `A in Erbil, Iraq, and B in Beirut` ends the place, it is nobody
            after_place = has_place
            if looks_like_person(person):
                names.append(normalise_name(person))
            elif not names_an_organisation(person):
                unread.append(person)
    return Contributors(tuple(names), tuple(unread))
