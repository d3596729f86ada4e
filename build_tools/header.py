"""The lines around a source's headline: page label, byline, place, date, release number and page furniture.

Pages print them in a few orders (`HeaderReader.below_headline` says which); a line that fits none of them is body
text, and `HeaderReader.misplaced_lines` says where a body line looks like one, with the front matter that would fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from build_tools.bylines import (
    Byline,
    looks_like_byline,
    looks_like_office,
    name_and_title,
    names_a_job,
    names_list,
    names_only,
    parse_byline,
)
from build_tools.dates import PART_SEPARATOR, InvalidDate, is_date_line, is_update_line, parse_date_line
from build_tools.labels import looks_like_place, navigation_heading, page_chrome, page_kind, photo_credit, release_number
from build_tools.model import Line, Paragraph
from build_tools.text import MARKER


@dataclass(frozen=True)
class HeaderLine:
    """What a line around the headline says when it is not text: a label, a date, a byline, a release number, chrome.

    One line may say several (`Press Release | Jan. 5, 2020`, `Jan. 2, 2020 | By Jim Garamone, DOD News`).
    """

    line: Line
    """The line."""
    kind: str | None = None
    """The page label it is or begins with, as a kind (`Press Statement`)."""
    date: str | None = None
    """Its date part, as printed."""
    byline: str | None = None
    """Its byline part, as printed."""
    release: str | None = None
    """The number of a `Release No:` line."""
    chrome: str | None = None
    """What page furniture it is (`the page's share buttons`): left out of the article, with a warning."""


@dataclass
class Header:
    """What stands between the article URL and the body: label, headline's byline, place and date lines."""

    byline: list[Line] = field(default_factory=list)
    """The byline, one or more lines (`By Jim Garamone` + `DoD News, Defense Media Activity`)."""
    byline_part: Line | None = None
    """The byline when it shares a line with the date or label (`Jan. 2, 2020 | By Jim Garamone`): that part only."""
    date: Line | None = None
    """The date as printed: a date line, or the date part of a line it shares (with that line's number)."""
    updated: Line | None = None
    """An `Updated ...` line after the date line."""
    dek: list[Line] = field(default_factory=list)
    """A summary line printed under the headline, before the byline; it is body text."""
    place: list[Line] = field(default_factory=list)
    """Lines between byline and date that say where the page was issued (`Washington, DC`)."""
    kind: str | None = None
    """The page's label as a kind."""
    release: str | None = None
    """The release number."""
    chrome: list[HeaderLine] = field(default_factory=list)
    """Page furniture found among the header lines: left out, with a warning each."""
    next_index: int = 0
    """Index (in the non-blank lines) of the first body line."""

    def has_byline(self) -> bool:
        """Whether a byline was read, on lines of its own or beside the date."""
        return bool(self.byline) or self.byline_part is not None

    def byline_lines(self) -> list[Line]:
        """The byline's part of the line it shares, or its own lines."""
        return [self.byline_part] if self.byline_part is not None else self.byline

    def byline_text(self) -> str | None:
        """The byline as one text (`By Jim Garamone, DoD News, Defense Media Activity`); None when there is none."""
        lines = self.byline_lines()
        # `By Jim Garamone , DOD News`: the space defense.gov leaves between its link and the comma is not the byline's.
        return _SPACE_BEFORE_COMMA.sub("", _join_byline(lines)) if lines else None

    def byline_names(self) -> Byline | None:
        """Authors and affiliations of the byline; lines of bare names (no `By`) are read one by one."""
        lines = self.byline_lines()
        if not lines:
            return None
        if len(lines) == 1 and (names := names_list(lines[0].text)):
            return Byline(names, ())  # `Ahmed Rasheed, John Davison`: a comma between two names, not before a title
        if looks_like_byline(lines[0].text) or len(lines) == 1:
            return parse_byline(_join_byline(lines))
        parts = [parse_byline(line.text) for line in lines]
        return Byline(tuple(a for p in parts for a in p.authors), tuple(a for p in parts for a in p.affiliations))


# Besides short lines, a line can be a byline (`By ...`), the site banner or a release number by how it starts,
# and a date line (or a line the date shares) only with a year in it.
_LONG_HEADER_START = re.compile(
    r"by[\s:]|(?:news |press )?release\s*(?:no|num|#)|an official|an? \.|an? lock|official websites|secure \.|share sensitive|skip to", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _may_be_header_line(text: str) -> bool:
    """A quick test that most body lines fail: only a line that passes can be a label, date, byline, release number or chrome."""
    length = len(text)
    if length <= 80:
        return True
    if length > 300:
        return False
    if _LONG_HEADER_START.match(text):
        return True
    if length <= 120 or "|" in text or " / " in text or "·" in text or "•" in text:
        return _YEAR.search(text) is not None
    return False


_SPACE_BEFORE_COMMA = re.compile(r"\s+(?=,)")

_HEADER_WINDOW = 9
"""How many lines after the headline may hold its label, byline, place and date lines (State Department remarks use six)."""
_MAX_RUN = 6
"""Plain lines between two header lines at most: a dek (2), a byline without `By` (2) and a place (2)."""
_MAX_DEK = 2
"""Summary lines a page may print between the headline and the byline."""


class HeaderReader:
    """Reads the header of one source from its non-blank lines, and answers what a line around the headline says."""

    def __init__(self, nonblank: list[Line]) -> None:
        self.nonblank = nonblank
        self.header_lines: dict[tuple[int, str], HeaderLine | None] = {}
        """What `header_line` found, by line number and text: the header scan, the body's paragraphs and its warnings ask again."""

    def at(self, index: int) -> Line | None:
        """The non-blank line at `index`, or None past the end."""
        return self.nonblank[index] if index < len(self.nonblank) else None

    def header_line(self, line: Line) -> HeaderLine | None:
        """What a line near the headline says, when it is a label, a date, a byline, a release number or chrome."""
        key = (line.number, line.text)
        if key not in self.header_lines:
            self.header_lines[key] = self._header_line(line)
        return self.header_lines[key]

    def _header_line(self, line: Line) -> HeaderLine | None:
        """`header_line`, uncached."""
        text = line.text
        if not _may_be_header_line(text):
            return None
        kind = page_kind(text)
        if kind:
            return HeaderLine(line, kind=kind)
        if is_date_line(text):
            return HeaderLine(line, date=text)
        chrome = page_chrome(text)
        if chrome:
            return HeaderLine(line, chrome=chrome)
        number = release_number(text)
        if number:
            return HeaderLine(line, release=number)
        shared = _shared_line(line)
        if shared is not None:
            return shared
        if looks_like_byline(text):
            return HeaderLine(line, byline=text)
        return None

    def above_headline(self, index: int, header: Header) -> int:
        """Skip the page furniture and read the label or date printed above the headline (`Press Statement`,
        `News | June 1, 2015`, `January 3, 2020 / 4:26 AM / Updated 5 years ago`); return the index of the headline."""
        while (line := self.at(index)) is not None:
            chrome = page_chrome(line.text)
            if chrome:
                header.chrome.append(HeaderLine(line, chrome=chrome))
                index += 1
                continue
            if not (page_kind(line.text) or PART_SEPARATOR.search(line.text) or is_date_line(line.text)):
                break  # most headlines
            part = self.header_line(line)
            following = self.at(index + 1)
            # A label or date only stands above a headline: one followed by another header line or by nothing is the headline itself.
            if part is None or following is None or self.at(index + 2) is None or self.header_line(following) is not None:
                break
            if (part.kind is None and part.date is None) or (part.kind and header.kind) or (part.date and header.date):
                break
            header.kind = header.kind or part.kind
            if part.date is not None:
                header.date = Line(line.number, part.date)
            if part.byline is not None:
                header.byline_part = Line(line.number, part.byline)
            index += 1
        return index

    def below_headline(self, index: int, header: Header) -> int:
        """Read the label, byline, place and date lines after the headline, in the orders pages print them; return
        the index of the first body line.

        The byline may span lines (`By Jim Garamone` + `DoD News, Defense Media Activity`), lack its `By`
        (`Missy Ryan and Loveday Morris`, `Michael R. Pompeo, Secretary of State`, `Office of the Spokesperson`)
        when a date line follows it, or share the date's line. A dek may come first. A line that does not fit
        stops the header there: it and what follows are body text (and `misplaced_lines` says so).
        """
        window: list[Line] = []
        for line in self.nonblank[index : index + _HEADER_WINDOW]:
            if MARKER.search(line.text) or len(line.text) > 300:
                break
            window.append(line)
        start = 0
        while start < len(window):
            # The next line that is a label, date, byline..., unless more plain lines than a header holds come first.
            # After the date only the label line's date printed again may follow plain lines (`U.S. Central Command`).
            longest = _MAX_RUN if header.date is None else 1
            at = next((k for k in range(start, min(len(window), start + longest + 1)) if self.header_line(window[k]) is not None), None)
            if at is None:
                break
            part = self.header_line(window[at])
            assert part is not None
            if not self.take(window[start:at], part, header):
                break
            start = at + 1
        if header.byline and start < len(window) and window[start - 1] == header.byline[-1] and looks_like_office(window[start].text):
            header.byline = [*header.byline, window[start]]  # `By Senior Airman Jane Doe` / `380th Air Expeditionary Wing Public Affairs`
            start += 1
        if start < len(window) and (header.date or header.kind) and _take_names(window[start : start + 1], header):
            start += 1  # the names under a headline whose date stood above it (`January 3, 2020 / 4:26 AM`)
            while start < len(window) and (part := self.header_line(window[start])) is not None and part.chrome is not None:
                header.chrome.append(part)
                start += 1
        header.next_index = index + start
        return header.next_index

    def take(self, run: list[Line], part: HeaderLine, header: Header) -> bool:
        """Add a header line, and the plain lines before it (`run`), to the header; False when they do not fit there."""
        if part.chrome is not None or part.release is not None or (part.kind is not None and part.date is None):
            return _take_undated(run, part, header)
        if part.date is None:
            return _take_by_line(run, part, header)
        if header.date is not None:
            return _take_date_again(run, part, part.date, header)
        return _take_date(run, part, part.date, header)

    def looks_like_header(self, line: Line) -> bool:
        """Whether a body line looks like a label, date, byline, release number, chrome or navigation line: it is then never
        joined to the lines around it (it is its own paragraph, which `misplaced_lines` warns about)."""
        return photo_credit(line.text) or navigation_heading(line.text) or self.header_line(line) is not None

    def misplaced_lines(
        self, paragraphs: Sequence[Paragraph], header: Header, overrides: Mapping[str, Any], joined: Mapping[int, list[Line]]
    ) -> Iterator[tuple[int, str]]:
        """(line, message) where a body paragraph looks like a label, a date or a byline the header did not take: it stays
        body text, and the message says what to do. `joined`: the lines each paragraph was joined from, by its first line."""
        for index, paragraph in enumerate(paragraphs):
            text = paragraph.text
            if not _may_be_header_line(text) and (index or len(text) > 120):
                continue  # most paragraphs (the first is also looked at as a byline without `By`)
            if len(joined.get(paragraph.line, ())) > 1:
                continue  # joined from lines none of which looked like a header line (paragraphs keep those apart)
            message = self.header_look(Line(paragraph.line, paragraph.text), header, overrides, first=index == 0)
            if message:
                yield paragraph.line, message

    def header_look(self, line: Line, header: Header, overrides: Mapping[str, Any], first: bool) -> str | None:
        """Why a body line looks like it belongs to the header, and what to do about it; None when it does not."""
        text = line.text
        if len(text) > 300:
            return None
        part = self.header_line(line)
        furniture = _furniture_look(text, part)
        if furniture is not None:
            return furniture
        kind, date, byline = _header_parts(text, part)
        if byline is None and first and not header.has_byline() and (names_only(text) or name_and_title(text) or names_list(text)):
            byline = text  # the first paragraph is a byline without `By` that no date line followed
        looks = _unset_parts(kind, date, byline, part.release if part is not None else None, overrides)
        if not looks:
            return None
        quoted = f"`{text}`"
        if kind and header.kind and len(looks) == 1:
            return f"{quoted} looks like a page label, but the page's label is already `{header.kind}` and this line is kept as body text: delete it if it only repeats the label"
        if part is None:
            why = "the rest of the line is not a label, a date or a byline"
        elif first:
            why = "it does not stand where the header does, right above or below the headline, in an order pages print"
        else:
            why = "it stands after the first body line, not with the headline"
        return (
            f"{quoted} looks like {' and '.join(what for what, _ in looks)} but is kept as body text ({why}): if it is, set {', '.join(fix for _, fix in looks)} "
            "in the source's front matter (see the README's front matter overrides) and delete the line; "
            "if it is the article's own text, leave it (the text is never dropped)"
        )


def _shared_line(line: Line) -> HeaderLine | None:
    """A line that holds a date beside a label or a byline, separated by `|` (`Jan. 2, 2020 | By Jim Garamone, DOD News`,
    `By Jim Garamone | Jan. 2, 2020`, `Press Release | Jan. 5, 2020`); None unless every part is one of those."""
    text = line.text
    if len(text) > 300:
        return None
    separators = list(PART_SEPARATOR.finditer(text))
    if not separators:
        return None
    starts = [0] + [m.end() for m in separators]
    ends = [m.start() for m in separators] + [len(text)]

    def span(first: int, last: int) -> str:
        return text[starts[first] : ends[last - 1]] if first < last else ""

    count = len(starts)
    kind = page_kind(span(0, 1))
    first = 1 if kind else 0
    for cut in range(first + 1, count + 1):
        # The date first, then the byline (`Jan. 2, 2020 | By ...`), or the byline, then the date.
        for date, byline in ((span(first, cut), span(cut, count)), (span(cut, count), span(first, cut))):
            if date and is_date_line(date) and (not byline or _byline_part(byline)):
                return HeaderLine(line, kind=kind, date=date, byline=byline or None)
    return None


# --------------------------------------------------------------------------------------------
# What a header line adds to the header, by what it says. Each step returns False when the line (or the plain
# lines before it, `run`) cannot stand where it does: the header ends there.


def _other_label(kind: str | None, header: Header) -> bool:
    """A label that is not the page's: one already read, or the generic `Release` a page prints beside its own, is no other."""
    return kind not in (header.kind, "Release")


def _take_undated(run: list[Line], part: HeaderLine, header: Header) -> bool:
    """Chrome, a release number or a label alone on its line; the plain lines before it can only be the names of a byline."""
    if run and not _take_names(run, header):
        return False
    if part.chrome is not None:
        header.chrome.append(part)
    elif part.release is not None:
        if header.release is not None:
            return False
        header.release = part.release
    elif header.kind is None:
        header.kind = part.kind
    elif _other_label(part.kind, header):
        return False  # a second, different label is body text (and said to be)
    return True


def _take_by_line(run: list[Line], part: HeaderLine, header: Header) -> bool:
    """A `By` line: the plain lines above it are a dek, unless a dek or the date was read already."""
    if header.has_byline() or (header.date is not None and run) or len(run) > 2 or (run and header.dek):
        return False
    # Lines above the `By` line are a dek; one read earlier (above the date) stays.
    header.dek, header.byline = run or header.dek, [part.line]
    return True


def _take_date_again(run: list[Line], part: HeaderLine, date: str, header: Header) -> bool:
    """A date line after the date: an `Updated` line, or the date of the label line above the headline printed again
    (with the byline, or after it)."""
    assert header.date is not None
    if part.kind is not None and _other_label(part.kind, header):
        return False
    if is_update_line(date) and part.byline is None and header.updated is None and not run:
        header.updated = part.line
        return True
    if not _same_date(date, header.date.text) or (part.byline is not None and (header.has_byline() or run)):
        return False
    if run and not _take_run(run, header):
        return False
    if part.byline is not None:
        header.byline_part = Line(part.line.number, part.byline)
    return True


def _take_date(run: list[Line], part: HeaderLine, date: str, header: Header) -> bool:
    """The date line, perhaps with a label or a byline on it; the plain lines before it are a dek, the byline and place."""
    if part.byline is not None and header.has_byline():
        return False
    if part.kind is not None:
        if header.kind is not None and _other_label(part.kind, header):
            return False
        header.kind = header.kind or part.kind
    if part.byline is not None and run:
        if len(run) > _MAX_DEK:
            return False
        header.dek = run  # the byline shares the date's line: what stands above them is a dek
    elif run and not _take_run(run, header):
        return False
    header.date = Line(part.line.number, date)
    if part.byline is not None:
        header.byline_part = Line(part.line.number, part.byline)
    return True


def _take_names(run: list[Line], header: Header) -> bool:
    """A line of names alone (`Ahmed Rasheed, John Davison`) where the byline stands, with no date line after it."""
    if len(run) != 1 or header.has_byline() or not names_list(run[0].text):
        return False
    header.byline = run
    return True


def _take_run(run: list[Line], header: Header) -> bool:
    """Plain lines before the date: the rest of a `By` byline, or a dek, a byline without `By` and place lines."""
    if header.byline:
        if not all(_continues_byline(line.text) for line in run):
            return False
        header.byline = header.byline + run
        return True
    if header.byline_part is not None:
        return False
    split = _split_run(run)
    if split is None or (split[0] and header.dek):
        return False
    # A dek read earlier (above the date) stays when these lines bring none.
    header.dek, header.byline, header.place = split[0] or header.dek, split[1], split[2]
    return True


def _continues_byline(text: str) -> bool:
    """A second byline line: an affiliation or more names (`DoD News, Defense Media Activity`, `and Loveday Morris`)."""
    return len(text) <= 100 and not text.endswith(("!", "?")) and (not text.endswith(".") or text.lower().endswith(("jr.", "sr.", "inc.", "co.")))


def _byline_part(text: str) -> bool:
    """The part of a shared line beside the date that is a byline: `By ...`, names, a name and title, or an office."""
    return looks_like_byline(text) or names_only(text) or name_and_title(text) or looks_like_office(text)


def _same_date(one: str, other: str) -> bool:
    """Whether two date texts name the same day (an impossible date is no day)."""
    try:
        return parse_date_line(one) == parse_date_line(other)
    except InvalidDate:
        return False


def _byline_block_end(run: list[Line], start: int) -> int | None:
    """Where a byline without `By` that begins at `run[start]` ends: names (`Heather Nauert`) and the job line under
    them (`Department Spokesperson`), a name and title (`Michael R. Pompeo, Secretary of State`) or an office."""
    text = run[start].text
    if names_only(text):
        end = start + 1
        while end < len(run) and names_only(run[end].text):
            end += 1
        if end < len(run) and names_a_job(run[end].text):
            end += 1
        return end
    if name_and_title(text) or looks_like_office(text):
        return start + 1
    return None


def _split_run(run: list[Line]) -> tuple[list[Line], list[Line], list[Line]] | None:
    """The lines between headline (or label) and date, without a `By` line among them, as (dek, byline, place);
    None when they cannot be that.

    State Department pages print the byline's name and title, then where the page was issued, then the date:
    `Heather Nauert` / `Department Spokesperson` / `Washington, DC` / `September 7, 2018`.
    """
    for start in range(min(len(run), _MAX_DEK + 1)):
        end = _byline_block_end(run, start)
        if end is not None and all(looks_like_place(line.text) for line in run[end:]) and len(run) - end <= 2:
            return run[:start], run[start:end], run[end:]
    split = _split_header(run)
    return (split[0], split[1], []) if split else None


def _split_header(before: list[Line]) -> tuple[list[Line], list[Line]] | None:
    """Lines between headline and date, with no `By` among them, as (dek, byline), or None when they cannot be that."""
    start = len(before)
    while start > 0 and names_only(before[start - 1].text):
        start -= 1
    if start == len(before) and len(before[-1].text) <= 120 and _continues_byline(before[-1].text):
        start -= 1  # a short line just above the date stands where the byline goes, even if it names nobody (not a sentence)
    if start > _MAX_DEK:
        return None
    return before[:start], before[start:]


def _join_byline(lines: list[Line]) -> str:
    """One byline text from its lines: `By Jim Garamone, DoD News, Defense Media Activity`."""
    text = lines[0].text
    for line in lines[1:]:
        joiner = " " if text.endswith((",", ";", "|")) or re.match(r"(?:and|&)\s", line.text, re.IGNORECASE) else ", "
        text = f"{text}{joiner}{line.text}"
    return text


# --------------------------------------------------------------------------------------------
# A body line that looks like a header line: what it looks like, and the front matter that would say so.


def _furniture_look(text: str, part: HeaderLine | None) -> str | None:
    """The message for a body line that looks like page furniture (chrome, a list heading, a picture's credit); None otherwise."""
    quoted = f"`{text}`"
    if part is not None and part.chrome is not None:
        return f"{quoted} looks like {part.chrome}, not article text, and is kept as body text: delete the line if it is not part of the article"
    if navigation_heading(text):
        return (
            f"{quoted} looks like a heading of the site's own lists (related links, subscriptions), not article text, and is kept as body text: "
            "delete it, and the lines it heads, if they are not part of the article"
        )
    if photo_credit(text):
        return f"{quoted} looks like a picture's credit, not article text, and is kept as body text: delete the line (and the caption) if it is not part of the article"
    return None


def _header_parts(text: str, part: HeaderLine | None) -> tuple[str | None, str | None, str | None]:
    """(label as a kind, date, byline) a body line holds: what `header_line` read, or else its `|`-separated pieces that are one."""
    if part is not None:
        return part.kind, part.date, part.byline
    pieces = [piece for piece in PART_SEPARATOR.split(text) if piece] if PART_SEPARATOR.search(text) else []
    kind = page_kind(pieces[0]) if pieces else None
    date = next((piece for piece in pieces if is_date_line(piece)), None)
    byline = next((piece for piece in pieces if looks_like_byline(piece)), None)
    return kind, date, byline


def _unset_parts(kind: str | None, date: str | None, byline: str | None, release: str | None, overrides: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(what the line looks like, the front matter that would set it) for each part the source's front matter does not set already."""
    looks: list[tuple[str, str]] = []
    if kind and "kind" not in overrides:
        looks.append(("the page's label", f"`kind: {kind}`"))
    if date is not None and "date" not in overrides:
        looks.append(("a date line", f"`date: '{_iso_or_example(date)}'`"))
    if byline is not None and not {"authors", "byline"} & set(overrides):
        looks.append(("a byline", f'`authors: [{", ".join(parse_byline(byline).authors) or "Jane Doe"}]`, `byline: "{byline}"`'))
    if release is not None and "release_number" not in overrides:
        looks.append(("a release number", f"`release_number: {release}`"))
    return looks


def _iso_or_example(date: str) -> str:
    """The ISO form of a date text, or an example date when it names no real day."""
    try:
        return parse_date_line(date) or "2020-01-02"
    except InvalidDate:
        return "2020-01-02"
