"""Date lines as newsrooms print them, read into ISO dates; nothing is guessed."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
# `Updated`, `Published on:`, `Last updated`, `First published on` before the date.
_PREFIX = r"(?:(?:(?:Last|First)\s+)?(?:Published|Updated|Posted|Dated|Modified)(?:\s+on)?:?\s+)?"
# Time zones are matched case-sensitively, so that `March 3, 2016 said` is not a date line.
_ZONE = r"(?-i:(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|GMT|UTC|Z|[ECMP][SD]?T|BST|CES?T|AST|IST)"
_TIME = rf"(?:(?:at\s+)?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?\s?m\.?)?(?:\s+{_ZONE})?|{_ZONE})"
# A time of day or a time zone may follow the date on the same line; anything else means
# the line is prose that merely starts with a date.
_SUFFIX = rf"[\s,.]*(?:{_TIME})?[\s,.]*"

# CNN prints the time first: `Updated 4:47 PM ET, Fri January 3, 2020`.
_TIME_FIRST = rf"(?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?\s?m\.?)?(?:\s+{_ZONE})?,?\s+)?"

_PATTERNS = [
    re.compile(rf"^{_PREFIX}{_TIME_FIRST}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_SUFFIX}$", re.IGNORECASE),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_SUFFIX}$", re.IGNORECASE),
    re.compile(
        rf"^{_PREFIX}(?P<year>\d{{4}})-(?P<nmonth>\d{{2}})-(?P<day>\d{{2}})(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_SUFFIX}$",
        re.IGNORECASE,
    ),
]
# `08/09/2015` or `13.08.2015`: which number is the day is only known when one of them is above 12.
_NUMERIC = re.compile(rf"^{_PREFIX}{_WEEKDAY}(?P<first>\d{{1,2}})(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}){_SUFFIX}$", re.IGNORECASE)
# After the date, pages print more, separated by `/`, `|` or `·`: a time, how long ago, when it was updated.
# Pages also print the date beside a byline or a page label this way (`Jan. 2, 2020 | By Jim Garamone`).
PART_SEPARATOR = re.compile(r"\s+[/|·•]\s+")
# `Updated`, `Last updated`, `Modified` before a date: the page's last change, not its publication.
_UPDATE_PREFIX = re.compile(r"\s*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
# Copied from pages that set the date, time and update note side by side without spaces:
# `January 3, 20204:26 PM GMT+3Updated 5 years ago`.
_GLUED_TIME = re.compile(r"(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d{2}\s*[AaPp]\.?\s?[Mm]\b)")
_GLUED_UPDATE = re.compile(r"(?<=[A-Za-z0-9.])(?=Updated\b)")
_TRAILING_PART = re.compile(
    rf"^(?:{_TIME}|(?:updated\s+)?(?:an?|\d+)\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|\d+\s+min(?:ute)?s?\s+read)[\s.]*$",
    re.IGNORECASE,
)


class InvalidDate(ValueError):
    """A line shaped like a date that does not name exactly one real day (`February 30, 2015`, `08/09/2015`)."""


def _single_date(text: str) -> str | None:
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        fields = match.groupdict()
        if fields.get("nmonth"):
            month = int(fields["nmonth"])
        else:
            month_number = MONTHS.get(fields["month"].lower())
            if month_number is None:
                continue
            month = month_number
        return _iso(int(fields["year"]), month, int(fields["day"]))
    numeric = _NUMERIC.match(text)
    if numeric:
        first, second, year = int(numeric["first"]), int(numeric["second"]), int(numeric["year"])
        if first <= 12 and second <= 12 and first != second:
            raise InvalidDate(
                f"could be {_display(year, first, second)} or {_display(year, second, first)}: write the month as a word, e.g. `{_display(year, first, second)}`"
            )
        month, day = (second, first) if first > 12 else (first, second)
        return _iso(year, month, day)
    return None


def _display(year: int, month: int, day: int) -> str:
    try:
        return f"{dt.date(year, month, day):%B} {day}, {year}"
    except ValueError:
        return f"{year}-{month:02d}-{day:02d}"


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise InvalidDate("names no real day: correct it, e.g. `August 8, 2015`") from None


def parse_date_line(line: str) -> str | None:
    """Return the ISO date a whole line states, or None when the line is not a date line.

    The line may carry a time, a time zone, and after `/`, `|` or `·` how long ago or when
    the page was updated (`AUGUST 8, 2015 / 3:29 PM / 4 YEARS AGO`); the first date is the one
    returned. Raises InvalidDate when the line is shaped like a date but names no single real day.
    """
    text = _unglued(line.strip())
    if len(text) > 120:
        return None
    first, *rest = PART_SEPARATOR.split(text)
    if len(first) > 80:
        return None
    date = _single_date(first)
    if date is None:
        return None
    for part in rest:
        if _TRAILING_PART.match(part):
            continue
        try:
            if _single_date(part) is not None:
                continue
        except InvalidDate:
            pass
        return None
    return date


def is_date_line(line: str) -> bool:
    """Whether a line is a date line, or is shaped like one but names no real day (`February 30, 2016`: an error, not text)."""
    try:
        return parse_date_line(line) is not None
    except InvalidDate:
        return True


def _unglued(text: str) -> str:
    """`January 3, 20204:26 PM GMT+3Updated 5 years ago` as printed: `January 3, 2020 4:26 PM GMT+3 | Updated 5 years ago`."""
    if "Updated" not in text and ":" not in text:
        return text
    return _GLUED_UPDATE.sub(" | ", _GLUED_TIME.sub(" ", text))


def is_update_line(line: str) -> bool:
    """A date line that says when the page was last changed (`Updated: Jan. 3, 2020 4:10 p.m. ET`)."""
    return _UPDATE_PREFIX.match(line) is not None


def updated_date(line: str) -> str | None:
    """The date after `Updated` on a date line that states two (`Published Aug. 8, 2015 | Updated Aug. 9, 2015`), else None."""
    _, *rest = PART_SEPARATOR.split(_unglued(line.strip()))
    for part in rest:
        if is_update_line(part):
            try:
                return _single_date(part)
            except InvalidDate:
                return None
    return None
