"""The reference list at the end of a source: `[n]` lines with their URLs, and URLs listed without a number."""

from __future__ import annotations

import re
from pathlib import Path
from re import Match
from typing import NamedTuple

from build_tools.bylines import is_contributor_line
from build_tools.model import Line, Reference
from build_tools.problems import Problem, error, warning
from build_tools.text import MARKER, MARKER_KEY, MARKER_TEXT
from build_tools.urls import EMBEDDED_URL, OTHER_SCHEME_LINE, SCHEMELESS_URL, URL_LINE, url_problem

_REFERENCE_LINE = re.compile(rf"{MARKER.pattern}[:.]?(?:\s+(?P<rest>\S.*))?")
TRAILING_MARKERS = re.compile(rf"(?:\s*{MARKER_TEXT})+$")
"""The reference markers a line ends with (`the militia said. [1] [2]`)."""
# The same, read from the end: matched at the start of the reversed line instead of searched for through the whole line
# (a search tries every position: 14 µs on a line of 500 characters, 0.4 µs so; 0.2 s of `check`'s CPU per 3,000 articles).
_REVERSED_MARKERS = re.compile(rf"(?:\]{MARKER_KEY}\[\s*)+")


def without_trailing_markers(text: str) -> str:
    """`TRAILING_MARKERS.sub("", text)`: the text without the reference markers it ends with."""
    if text.endswith("]"):
        found = _REVERSED_MARKERS.match(text[::-1])
        return text[: len(text) - found.end()] if found else text
    # `$` also matches before a final line break; the clear path for that rare case.
    return TRAILING_MARKERS.sub("", text) if text.endswith("\n") else text


class ReferenceList(NamedTuple):
    """A source's lines split at its reference list."""

    body: list[Line]
    """The lines before the list."""
    references: tuple[Reference, ...]
    """The numbered references, in the order of the list."""
    unnumbered: tuple[str, ...]
    """URLs the list gives without a `[n]`: kept, so nothing is lost."""


def read_reference_list(path: Path, lines: list[Line]) -> tuple[ReferenceList, list[Problem]]:
    """Split off the trailing `[n]` + URL list, with the problems of its entries in list order."""
    start = _list_start(lines)
    if start == len(lines):
        return ReferenceList(lines, (), ()), []
    reader = _ListReader(path)
    for line in lines[start:]:
        if line.text:
            reader.read_line(line)
    reader.close()
    return ReferenceList(lines[:start], tuple(reader.references), tuple(reader.unnumbered)), reader.problems


def _is_list_part(text: str, previous: str) -> bool:
    """A line that can belong to the list: blank, a `[n]` line, an address, or whatever stands after a bare `[n]` line."""
    if not text or _REFERENCE_LINE.fullmatch(text) is not None or URL_LINE.fullmatch(text) is not None or OTHER_SCHEME_LINE.fullmatch(text) is not None:
        return True
    bare = _REFERENCE_LINE.fullmatch(previous)
    return bare is not None and not bare.group("rest")


def _list_start(lines: list[Line]) -> int:
    """Index of the list's first line; `len(lines)` when the source has no list."""
    index = len(lines) - 1
    while index >= 0 and _is_list_part(lines[index].text, lines[index - 1].text if index > 0 else ""):
        index -= 1
    # The list starts at its first `[n]` line; URLs above that are the end of the body, unless a
    # contributor line (which closes the body) stands above them: then they are references too.
    start = next((i for i in range(index + 1, len(lines)) if _REFERENCE_LINE.fullmatch(lines[i].text)), len(lines))
    if index >= 0 and index + 1 < len(lines) and is_contributor_line(lines[index].text):
        start = index + 1
    return start


def _url_or_text(text: str) -> tuple[str | None, str | None]:
    """(the address, None) when the text is one address, of any scheme; (None, the text) when it is not."""
    found = URL_LINE.fullmatch(text) or OTHER_SCHEME_LINE.fullmatch(text)
    return (found.group("url"), None) if found else (None, text)


class _ListReader:
    """Reads the list's non-blank lines in order: `[n]` with its URL on the same line or the next, and URLs with no `[n]`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.references: list[Reference] = []
        self.unnumbered: list[str] = []
        self.problems: list[Problem] = []
        self.pending: tuple[str, int] | None = None
        """A bare `[n]` line waiting for its URL on the next line: (n, its line number)."""
        self.seen: dict[str, int] = {}
        """The line of each `[n]` listed so far."""

    def read_line(self, line: Line) -> None:
        """Take one line of the list."""
        marker = _REFERENCE_LINE.fullmatch(line.text)
        if marker:
            self.marker_line(line, marker)
        elif self.pending:
            self.add(self.pending[0], self.pending[1], *_url_or_text(line.text), line.number)
            self.pending = None
        else:
            url, _ = _url_or_text(line.text)
            if url is not None:
                self.unnumbered_url(line, url)

    def marker_line(self, line: Line, marker: Match[str]) -> None:
        """A `[n]` line: with its URL (or text) after the marker, or bare, its URL then on the next line."""
        if self.pending:
            self.add(self.pending[0], self.pending[1], None, None)
        rest = marker.group("rest")
        if rest is None:
            self.pending = (marker.group("key"), line.number)
            return
        self.pending = None
        self.add(marker.group("key"), line.number, *_url_or_text(rest))

    def unnumbered_url(self, line: Line, url: str) -> None:
        """A URL with no `[n]` before it: kept for the page's 'Other links' when it can be a link."""
        problem = url_problem(url)
        if problem:
            self.problems.append(error(self.path, line.number, f"URL in the reference list: {problem}"))
            return
        self.problems.append(
            warning(
                self.path,
                line.number,
                "URL without a `[n]` marker in the reference list: it is listed under 'Other links'; put `[n]` on the line before it and the same `[n]` in the text where it is cited",
            )
        )
        self.unnumbered.append(url)

    def close(self) -> None:
        """The end of the list: a bare `[n]` on its last line has no URL."""
        if self.pending:
            self.add(self.pending[0], self.pending[1], None, None)

    def add(self, key: str, number: int, url: str | None, text: str | None, where: int | None = None) -> None:
        """Reference `[key]` listed on line `number`, its URL or text on line `where` (default: the same line)."""
        where = where or number
        if key in self.seen:
            self.problems.append(
                error(self.path, number, f"reference [{key}] is listed twice (first on line {self.seen[key]}): renumber one of them and its marker in the text")
            )
            return
        self.seen[key] = number
        if url is not None and url_problem(url):
            self.problems.append(error(self.path, where, f"reference [{key}]: {url_problem(url)}"))
            url, text = None, text or url
        elif text is not None and (embedded := EMBEDDED_URL.search(text)):
            self.problems.append(
                warning(
                    self.path,
                    where,
                    f"reference [{key}] has words around its URL, so the footnote shows them as text, not as a link: "
                    f"put the URL alone after `[{key}]`, e.g. `[{key}] {embedded.group(0)}`",
                )
            )
        elif text is not None and SCHEMELESS_URL.fullmatch(text):
            self.problems.append(
                warning(
                    self.path,
                    where,
                    f"reference [{key}] `{text}` has no `https://`, so it is shown as text, not a link: write the whole address, e.g. `https://{text}`",
                )
            )
        if url is None and text is None:
            self.problems.append(
                warning(
                    self.path, number, f"reference [{key}] has no URL: put the address on the line after `[{key}]`, e.g. `https://www.example.com/page.html`"
                )
            )
        self.references.append(Reference(key, url, text, number))
