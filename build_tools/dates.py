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
_PREFIX = r"(?:(?:Published|Updated|Posted|Dated)(?:\s+on)?:?\s+)?"
# A time of day or a time zone may follow the date on the same line; anything else means
# the line is prose that merely starts with a date.
_SUFFIX = r"[\s,.]*(?:(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,5})?)?[\s,.]*"

_PATTERNS = [
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_SUFFIX}$", re.IGNORECASE),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_SUFFIX}$", re.IGNORECASE),
    re.compile(rf"^{_PREFIX}(?P<year>\d{{4}})-(?P<nmonth>\d{{2}})-(?P<day>\d{{2}}){_SUFFIX}$", re.IGNORECASE),
]


class InvalidDate(ValueError):
    """A line shaped like a date that names no real day (`February 30, 2015`)."""


def parse_date_line(line: str) -> str | None:
    """Return the ISO date a whole line states, or None when the line is not a date line.

    Raises InvalidDate when the line is shaped like a date but the day does not exist.
    """
    text = line.strip()
    if len(text) > 80:
        return None
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
        try:
            return dt.date(int(fields["year"]), month, int(fields["day"])).isoformat()
        except ValueError as exc:
            raise InvalidDate(str(exc)) from None
    return None
