"""The data that flows between the pipeline's phases, and the source line that the steps of reading pass along."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True)
class Line:
    """A line of a source with its place in the file."""

    number: int
    """1-based line number in the file as the contributor sees it."""
    text: str
    """The line without its end-of-line characters or surrounding white space."""


@dataclass(frozen=True)
class RelatedItem:
    """An entry of a source's `Related:` block: another outlet's story on the same subject."""

    date: str | None
    """ISO `YYYY-MM-DD`, or None when the block gives no date."""
    outlet: str | None
    """The part of the `Outlet: headline` line before the first `: `; None when the line has no such prefix."""
    title: str
    """The headline, verbatim."""
    url: str | None
    """The item's link, or None when the block gives none."""


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph: the unit that anchors (`#p-3`) and mention offsets refer to."""

    text: str
    """The source text; hard-wrapped lines are joined with one space, nothing else changes."""
    line: int
    """The 1-based line in the source file where the paragraph starts."""


@dataclass(frozen=True)
class Reference:
    """A numbered reference from the list at the end of a source."""

    key: str
    """The number between the brackets, as a string (`"1"`)."""
    url: str | None
    """The reference's http(s) URL, or None when the list gives only text."""
    text: str | None
    """Text given instead of (or beside) a URL on the reference line."""
    line: int
    """Where the `[n]` marker of the list stands in the source."""


@dataclass(frozen=True)
class Article:
    """One source file, parsed: everything the later phases need, nothing they must re-read."""

    id: str
    """`YYYY-MM-DD-slug-of-title`; the page is `articles/<id>.md`."""
    path: Path
    """The source file."""
    source_url: str
    """The article's URL line, verbatim."""
    title: str
    """The headline, verbatim."""
    byline: str | None
    """The byline line as printed (without nothing removed), or None when there is none."""
    authors: tuple[str, ...]
    """Personal names from the byline: ranks, titles and affiliations removed."""
    affiliations: tuple[str, ...]
    """What the byline says besides names (`Operation Inherent Resolve spokesman`)."""
    date: str | None
    """ISO date from the date line, or None when the source has none."""
    date_text: str | None
    """The date line as printed."""
    outlet: str
    """Publication name from the outlet table, or the URL's host."""
    related: tuple[RelatedItem, ...]
    """The `Related:` block's items."""
    paragraphs: tuple[Paragraph, ...]
    """The body, in order."""
    contributor_lines: tuple[str, ...]
    """The `X in Baghdad contributed to this report.` lines, verbatim."""
    contributors: tuple[str, ...]
    """Names taken from the contributor lines."""
    references: tuple[Reference, ...]
    """The numbered references, in the order of the list."""
    unnumbered_urls: tuple[str, ...]
    """URLs in the reference list that carry no `[n]` marker; kept so nothing is lost."""
    overridden: tuple[str, ...]
    """Front matter keys whose values came from the source's own front matter."""
    kind: str | None = None
    """The page's label (`Press Statement`, `News Release`, `Readout`, `Transcript`), or None when it prints none."""
    credit: str | None = None
    """Who the byline credits when it names no person (`U.S. Central Command Public Affairs`, `Office of the Spokesperson`)."""
    place: str | None = None
    """Where the page says it was issued, on lines of its own (`Washington, DC`), or None."""
    updated: str | None = None
    """ISO date of an `Updated` line or part beside the date line, or None."""
    release_number: str | None = None
    """The number of a `Release No: NR-011-20` line (`NR-011-20`), or None."""


class Mention(NamedTuple):
    """One occurrence of an actor in an article's body (a row of `data/mentions.json`).

    A named tuple rather than a frozen dataclass: linking makes a million of them at 10,000 articles, and a tuple is built
    three times as fast (a frozen dataclass sets each field through `object.__setattr__`).
    """

    article: str
    """Article id."""
    actor: str
    """Actor id."""
    text: str
    """The exact source substring (`Iran` in `Iran's`)."""
    start: int
    """Offset of its first character in the paragraph's source text."""
    end: int
    """Offset after its last character."""
    paragraph: int
    """1-based index of the body paragraph."""
    linked: bool
    """True on the one occurrence per actor and article that links to the actor's page."""
