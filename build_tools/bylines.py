"""Personal names out of bylines and contributor lines: ranks, titles, places and affiliations set aside."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that precede a name in a byline without being part of it: services, ranks, honorifics.
_RANK_WORDS = frozenset(
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
        "us",
        "usa",
        "usmc",
        "usn",
        "usaf",
        "retired",
        "ret",
        "gen",
        "general",
        "lt",
        "lieutenant",
        "maj",
        "major",
        "col",
        "colonel",
        "capt",
        "captain",
        "cmdr",
        "commander",
        "cdr",
        "adm",
        "admiral",
        "rear",
        "vice",
        "brig",
        "brigadier",
        "sgt",
        "sergeant",
        "staff",
        "master",
        "first",
        "1st",
        "2nd",
        "3rd",
        "4th",
        "class",
        "chief",
        "petty",
        "officer",
        "warrant",
        "cpl",
        "corporal",
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
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "sen",
        "senator",
        "rep",
        "representative",
        "amb",
        "ambassador",
        "gov",
        "governor",
        "hon",
        "rev",
        "reverend",
        "sheikh",
    ]
)
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d.", "esq."})
# Lower-case particles that belong inside personal names.
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "da", "do", "dos", "du", "van", "von", "der", "den", "le", "la", "y", "ter", "zu"}
)
# Words that mark a byline segment as an organisation, a job or a place rather than a person.
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
    ]
)
_SPLIT = re.compile(r"\s*(?:,|;|\||\band\b|&|\bwith\b)\s*")


@dataclass(frozen=True)
class Byline:
    """What a byline says."""

    authors: tuple[str, ...]
    """Personal names, in the byline's order."""
    affiliations: tuple[str, ...]
    """Everything else the byline says (jobs, units, outlets)."""


def _tokens(text: str) -> list[str]:
    return text.split()


def _is_name_token(token: str) -> bool:
    bare = token.strip("().,")
    if not bare:
        return False
    if bare.lower() in _NAME_PARTICLES or token.lower() in _SUFFIXES:
        return True
    head = bare.split("-")[-1] if bare.lower().startswith(("al-", "el-")) else bare
    return head[:1].isupper() or (head[:1].isalpha() and not head[:1].islower() and not head[:1].isupper())


def strip_rank(segment: str) -> str:
    """`Army Col. Steve Warren` -> `Steve Warren`; never strips a name down to one word (`Major Garrett` stays)."""
    tokens = _tokens(segment)
    while len(tokens) > 2 and tokens[0].strip("().,").lower() in _RANK_WORDS | {"u.s"}:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].strip("()").lower() in {"ret.", "ret", "retired"}:
        tokens = tokens[:-1]
    return " ".join(tokens)


def looks_like_person(segment: str) -> bool:
    """Two to six capitalised words (particles and suffixes allowed), none of them an organisation word."""
    tokens = _tokens(segment)
    name_tokens = [t for t in tokens if t.lower() not in _SUFFIXES]
    if not 2 <= len(name_tokens) <= 6:
        return False
    if any(t.strip("().,'’").lower() in _NOT_A_PERSON for t in tokens):
        return False
    return all(_is_name_token(t) for t in tokens)


def _segments(text: str) -> list[str]:
    """Split a list of names at commas and `and`, keeping `Jr.`-style suffixes with their name."""
    parts = [p for p in _SPLIT.split(text) if p]
    merged: list[str] = []
    for part in parts:
        if merged and part.lower() in _SUFFIXES:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def looks_like_byline(line: str) -> bool:
    """A `By ...` line naming people or an outlet, as opposed to prose that starts with `By`."""
    match = re.match(r"^\s*by\s+(.+)$", line, re.IGNORECASE)
    if not match or len(line) > 200:
        return False
    rest = match.group(1).strip()
    if not _is_name_token(rest.split()[0]):
        return False
    if rest.endswith((".", "!", "?", ":")) and not rest.lower().endswith((*tuple(_SUFFIXES), "inc.", "ltd.", "co.")):
        return False
    words = rest.split()
    lower_words = [
        w for w in words if w[:1].islower() and w.strip(",;").lower() not in _NAME_PARTICLES | {"and", "of", "the", "for", "to", "at", "in", "with", "on"}
    ]
    # A job after a comma (`..., staff writer`) is fine; a verb-laden sentence is not.
    before_comma = rest.split(",")[0]
    lower_before_comma = [w for w in before_comma.split() if w[:1].islower() and not _is_name_token(w) and w.lower() != "and"]
    return len(words) <= 30 and not lower_before_comma and len(lower_words) <= 4


def parse_byline(line: str) -> Byline:
    """The authors and affiliations of a line that `looks_like_byline` or stands in the byline's place."""
    match = re.match(r"^\s*by\s+(.+)$", line, re.IGNORECASE)
    if not match:
        return Byline((), (line.strip(),))
    authors: list[str] = []
    affiliations: list[str] = []
    for segment in _segments(match.group(1).strip()):
        name = strip_rank(segment)
        if looks_like_person(name):
            authors.append(name)
        else:
            affiliations.append(segment)
    return Byline(tuple(authors), tuple(affiliations))


CONTRIBUTOR_LINE = re.compile(
    r"^(?P<names>.+?)\s+(?:also\s+)?contributed(?:\s+\w+){0,3}?\s+(?:to\s+)?(?:this\s+|the\s+)?"
    r"(?:report|reporting|article|story|coverage)\b[^.]*\.?\s*$",
    re.IGNORECASE,
)
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at)\s+[A-Z].*$")
_JOB_PREFIX = re.compile(
    r"^(?:(?:special|staff|foreign|senior|national|chief|contributing)\s+)?"
    r"(?:writers?|correspondents?|researchers?|reporters?|editors?)\s+",
    re.IGNORECASE,
)


def contributor_names(line: str) -> tuple[str, ...]:
    """`Mustafa Salim in Baghdad and Liz Sly in Beirut contributed to this report.` -> the two names."""
    match = CONTRIBUTOR_LINE.match(line.strip())
    if not match:
        return ()
    names: list[str] = []
    for segment in _segments(match.group("names")):
        segment = re.sub(r"^(?:the\s+)?[\w.]+(?:’s|'s)\s+", "", segment, flags=re.IGNORECASE)  # `The Post's Jane Doe`
        segment = _JOB_PREFIX.sub("", _PLACE_TAIL.sub("", segment))
        person = strip_rank(segment)
        # Anything else (a lone `Iraq` from `in Erbil, Iraq, and ...`) is the tail of a place, not a person.
        if looks_like_person(person):
            names.append(person)
    return tuple(names)
