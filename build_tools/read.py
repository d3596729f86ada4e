"""Phase 1, read sources: every `sources/*.txt` becomes an Article, and every oddity a Problem.

A source is read top to bottom as it is printed: front matter (`front_matter`), an optional `Related:` block, the
article URL (`urls`), the headline and the lines around it (`header`), the body (`paragraphs`), its contributor
lines and the reference list (`references`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from slugify import slugify

from build_tools.bylines import Contributors, is_contributor_line, parse_byline, read_contributors
from build_tools.dates import InvalidDate, is_date_line, parse_date_line, updated_date
from build_tools.front_matter import YAML_FAILURES, check_overrides, load_yaml, split_front_matter
from build_tools.header import Header, HeaderReader
from build_tools.model import Article, Line, Paragraph, Reference, RelatedItem
from build_tools.paragraphs import split_paragraphs
from build_tools.problems import Problem, display_path, error, warning
from build_tools.references import read_reference_list, without_trailing_markers
from build_tools.text import MARKER
from build_tools.urls import OTHER_SCHEME_LINE, SCHEMELESS_URL, URL_LINE, is_url_line, url_problem

SOURCE_EXAMPLE = (
    "https://www.example.com/world/2015/08/08/story.html\n"
    "    Headline of the article\n"
    "    By Jane Doe\n"
    "    August 8, 2015\n"
    "    First paragraph of the body [1].\n"
    "    [1]\n"
    "    https://www.example.com/cited-page.html"
)
_RELATED_HEADING = re.compile(r"related(?:\s+(?:coverage|stories|articles|content|reading|links))?\s*:?", re.IGNORECASE)


@dataclass(frozen=True)
class OutletTable:
    """Publication names by domain (`washingtonpost.com: The Washington Post`)."""

    by_domain: dict[str, str]
    """Lower-case domain without `www.` to publication name."""

    def outlet_for(self, url: str) -> tuple[str, bool]:
        """The outlet of a URL, and whether the table knew its domain (subdomains match their parent)."""
        host = (urlsplit(url).hostname or "").lower()
        host = host.removeprefix("www.")
        labels = host.split(".")
        for start in range(len(labels) - 1):
            name = self.by_domain.get(".".join(labels[start:]))
            if name:
                return name, True
        return host, False


def load_outlets(content: Path) -> tuple[OutletTable, list[Problem]]:
    """`content/outlets.yml`; a content folder without one gets an empty table (hosts are shown instead)."""
    path = content / "outlets.yml"
    if not path.exists():
        return OutletTable({}), []
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"))
    except (*YAML_FAILURES, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return OutletTable({}), [
            error(
                path,
                line,
                f"not valid YAML ({getattr(exc, 'problem', exc)}): write one `domain: Outlet Name` per line, e.g. `washingtonpost.com: The Washington Post`",
            )
        ]
    if data is None:
        return OutletTable({}), []
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return OutletTable({}), [error(path, 1, "must be a mapping of domains to outlet names, e.g. `washingtonpost.com: The Washington Post`")]
    return OutletTable({k.lower().removeprefix("www."): v for k, v in data.items()}), []


def read_sources(content: Path, executor: Executor | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every source under `content/sources/`, in file-name order, and check that ids are unique."""
    outlets, problems = load_outlets(content)
    paths, found = source_paths(content)
    problems += found
    articles, found = read_paths(paths, outlets, executor)
    problems += found
    unique, found = unique_articles(articles)
    return unique, problems + found


def source_paths(content: Path) -> tuple[list[Path], list[Problem]]:
    """The `.txt` files of `content/sources/`, in file-name order (the order articles are read and reported in)."""
    sources_dir = content / "sources"
    if not sources_dir.is_dir():
        return [], [error(content, 0, f"no `sources/` folder in {display_path(content)}: put one article per `.txt` file in `{display_path(sources_dir)}/`")]
    return sorted(sources_dir.glob("*.txt")), []


def read_paths(paths: Sequence[Path], outlets: OutletTable, executor: Executor | None = None) -> tuple[list[Article], list[Problem]]:
    """`read_source` for each path, in order; ids are not compared (see `unique_articles`)."""
    mapped: Iterable[tuple[Article | None, list[Problem]]]
    if executor is not None and len(paths) > 50:
        mapped = executor.map(read_source, paths, [outlets] * len(paths), chunksize=64)
    else:
        mapped = (read_source(path, outlets) for path in paths)
    articles: list[Article] = []
    problems: list[Problem] = []
    for article, found in mapped:
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def unique_articles(articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    """The articles without those whose id an earlier one has, and an error for each of those."""
    first_by_id: dict[str, Article] = {}
    unique: list[Article] = []
    problems: list[Problem] = []
    for article in articles:
        other = first_by_id.get(article.id)
        if other is not None:
            problems.append(
                error(
                    article.path,
                    1,
                    f"article id `{article.id}` is also the id of {display_path(other.path)}: two sources of one article? Delete one, or give this one its own id in front matter (`id: {article.id}-2` between `---` lines at the top)",
                )
            )
            continue
        first_by_id[article.id] = article
        unique.append(article)
    return unique, problems


def _decode(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text with `\n` line ends; None, with the error, when it is empty, binary or not UTF-8."""
    if not raw.strip():
        return None, [error(path, 0, f"the file is empty: paste the article into it, starting with its URL, e.g.\n    {SOURCE_EXAMPLE}")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(path, 0, "the file is UTF-16 text: re-save it as UTF-8 (in most editors: Save As, encoding UTF-8)")]
    if b"\x00" in raw[:8192]:
        return None, [error(path, 0, "this is a binary file, not plain text: save the article as UTF-8 text (`.txt`)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(path, line, f"byte {raw[exc.start]:#04x} is not UTF-8: re-save the file as UTF-8 text (in most editors: Save As, encoding UTF-8)")]
    if not text.strip():
        return None, [error(path, 0, f"the file is empty: paste the article into it, starting with its URL, e.g.\n    {SOURCE_EXAMPLE}")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


# Unicode category Cc (C0, DEL, C1) but the tab; one regex search per line instead of a look-up per character.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _clean_controls(path: Path, lines: list[Line]) -> tuple[list[Line], list[Problem]]:
    """Control characters are invisible on the page and unsafe in Markdown: drop them, say where."""
    problems: list[Problem] = []
    cleaned: list[Line] = []
    for line in lines:
        bad = _CONTROL.findall(line.text)
        if bad:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
            problems.append(
                warning(
                    path,
                    line.number,
                    f"invisible control character(s) {codes} removed: they cannot be shown on a page; delete them from the source to silence this",
                )
            )
            line = Line(line.number, "".join(ch for ch in line.text if ch not in bad))
        cleaned.append(line)
    return cleaned, problems


def read_source(path: Path, outlets: OutletTable) -> tuple[Article | None, list[Problem]]:
    """Parse one source file. Returns None (with errors) when it cannot make a page."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(path, 0, f"cannot read the file ({exc.strerror})")]
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    data, first_line, found = split_front_matter(path, text)
    problems += found
    if found and first_line >= text.count("\n") + 1:
        return None, problems  # front matter never closed: everything after `---` was swallowed
    overrides, found = check_overrides(path, data, text)
    problems += found
    all_lines = [Line(number, raw_line.strip()) for number, raw_line in enumerate(text.split("\n"), start=1)][first_line:]
    all_lines, found = _clean_controls(path, all_lines)
    problems += found
    parser = _SourceParser(path, all_lines, outlets)
    article = parser.parse(overrides)
    problems += parser.problems
    return article, problems


class _Body(NamedTuple):
    """What follows the header: the paragraphs, and what the end of the source lists."""

    paragraphs: tuple[Paragraph, ...]
    """The dek, the body's paragraphs and the trailer, in order."""
    references: tuple[Reference, ...]
    """The numbered references."""
    unnumbered: tuple[str, ...]
    """URLs of the reference list without a `[n]`."""
    contributor_lines: list[Line]
    """The `X in Baghdad contributed to this report.` lines."""
    credited: list[Contributors]
    """What each of them credits (read once, for its warnings and for the article's contributors)."""


class _SourceParser:
    """Walks one source's lines top to bottom: Related block, URL, headline, header, body, contributors, references."""

    def __init__(self, path: Path, lines: list[Line], outlets: OutletTable) -> None:
        self.path = path
        self.lines = lines
        self.nonblank = [line for line in lines if line.text]
        self.outlets = outlets
        self.problems: list[Problem] = []
        self.source_lines: dict[int, list[Line]] = {}
        """The lines each hard-wrapped paragraph was joined from, by the paragraph's first line."""
        self.headers = HeaderReader(self.nonblank)

    def error(self, line: int, message: str) -> None:
        """Record an error on a line of this source."""
        self.problems.append(error(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        """Record a warning on a line of this source."""
        self.problems.append(warning(self.path, line, message))

    def date_of(self, line: Line) -> str | None:
        """The ISO date of a date line; None, with an error, when it names no real day."""
        try:
            return parse_date_line(line.text)
        except InvalidDate as exc:
            self.error(line.number, f"date `{line.text}` {exc}")
            return None

    def at(self, index: int) -> Line | None:
        """The non-blank line at `index`, or None past the end."""
        return self.nonblank[index] if index < len(self.nonblank) else None

    def parse(self, overrides: dict[str, Any]) -> Article | None:
        """The article, or None (with errors) when the source cannot make a page. Problems come in the order of the lines."""
        index, related = self.related_block()
        url = self.article_url(index)
        if url is None:
            return None
        header = Header()
        index = self.headers.above_headline(index + 1, header)
        title_line = self.headline(index, url)
        if title_line is None:
            return None
        index = self.headers.below_headline(index + 1, header)
        date = self.date_of(header.date) if header.date else None
        self.check_header(header, title_line, overrides)
        body = self.body(index, header)
        if not body.paragraphs:
            self.error(title_line.number, f"the article has no body: paste its paragraphs after the headline, byline and date, e.g.\n    {SOURCE_EXAMPLE}")
            return None
        for number, message in self.headers.misplaced_lines(body.paragraphs[len(header.dek) :], header, overrides, self.source_lines):
            self.warn(number, message)
        self.check_markers(body.paragraphs, body.references)
        outlet = self.outlet(url, overrides)
        updated = self.date_of(header.updated) if header.updated else (updated_date(header.date.text) if header.date else None)
        return self.article(overrides, url=url, title_line=title_line, related=related, header=header, body=body, date=date, updated=updated, outlet=outlet)

    def related_block(self) -> tuple[int, tuple[RelatedItem, ...]]:
        """Items of a leading `Related:` block; returns the index of the line after it."""
        first = self.at(0)
        if first is None or not _RELATED_HEADING.fullmatch(first.text):
            return 0, ()
        items: list[RelatedItem] = []
        index = 1
        date: str | None = None
        heading: Line | None = None
        while index < len(self.nonblank):
            line = self.nonblank[index]
            if is_url_line(line.text):
                following = self.at(index + 1)
                # An item's URL is followed by the next item (date, `Outlet: headline`) or by the article URL.
                belongs_to_item = (
                    heading is not None
                    and following is not None
                    and (is_url_line(following.text) or is_date_line(following.text) or _RELATED_HEADING.fullmatch(following.text) is not None)
                )
                if not belongs_to_item:
                    break
                assert heading is not None
                items.append(self.related_item(date, heading, line))
                date, heading = None, None
            elif is_date_line(line.text) and heading is None and date is None:
                date = self.date_of(line)
            elif _RELATED_HEADING.fullmatch(line.text):
                pass
            else:
                if heading is not None:
                    items.append(self.related_item(date, heading, None))
                    date = self.date_of(line) if is_date_line(line.text) else None
                    heading = None if is_date_line(line.text) else line
                else:
                    heading = line
            index += 1
        if heading is not None:
            items.append(self.related_item(date, heading, None))
        elif date is not None:
            self.warn(
                self.nonblank[index - 1].number, "the `Related:` block ends with a date but no `Outlet: headline` line: add the item's headline after its date"
            )
        if not items:
            self.warn(first.number, "`Related:` block with no items: remove the line, or add a date and an `Outlet: headline` line after it")
        return index, tuple(items)

    def related_item(self, date: str | None, heading: Line, url_line: Line | None) -> RelatedItem:
        """One `Related:` item from its `Outlet: headline` line, date and URL line (a URL that cannot be a link is dropped, with the error)."""
        outlet, sep, title = heading.text.partition(": ")
        url = url_line.text.strip("<>") if url_line else None
        if url_line is not None and url is not None and url_problem(url):
            self.error(url_line.number, f"related item URL: {url_problem(url)}")
            url = None
        if not sep:
            self.warn(heading.number, f"related item `{heading.text}` has no `Outlet: ` prefix: write it as `Reuters: {heading.text}`")
            return RelatedItem(date, None, heading.text, url)
        return RelatedItem(date, outlet.strip(), title.strip(), url)

    def article_url(self, index: int) -> Line | None:
        """The article's address, without `<>`, with its line number; None (with the error) when the line is not one."""
        line = self.at(index)
        if line is None or not URL_LINE.fullmatch(line.text):
            self.missing_url(line)
            return None
        url = line.text.strip("<>")
        problem = url_problem(url)
        if problem:
            self.error(line.number, f"article URL: {problem}")
            return None
        return Line(line.number, url)

    def missing_url(self, line: Line | None) -> None:
        """The error for a source whose URL line (`line`, None past the end) is not an http(s) address."""
        if line is not None:
            other = OTHER_SCHEME_LINE.fullmatch(line.text)
            if other:
                self.error(line.number, f"article URL: {url_problem(other.group('url'))}")
                return
            if SCHEMELESS_URL.fullmatch(line.text):
                self.error(
                    line.number,
                    f"the article URL `{line.text}` has no `https://`: paste the whole address from the browser, e.g. `https://{line.text.removeprefix('//')}`",
                )
                return
        where = line.number if line else 1
        self.error(
            where,
            f"no article URL where one is expected: the first line (after an optional `Related:` block) must be the article's web address, e.g.\n    {SOURCE_EXAMPLE}",
        )

    def headline(self, index: int, url: Line) -> Line | None:
        """The headline: the line after the URL (and any label or date above the headline); None, with the error, when it is not one."""
        title_line = self.at(index)
        if title_line is None or URL_LINE.fullmatch(title_line.text) or is_date_line(title_line.text):
            self.error(url.number, f"the article URL is not followed by a headline: put the headline on the line after the URL, e.g.\n    {SOURCE_EXAMPLE}")
            return None
        return title_line

    def check_header(self, header: Header, title_line: Line, overrides: dict[str, Any]) -> None:
        """Say that the header has no date (it is never guessed), and which page furniture it left out."""
        if header.date is None and "date" not in overrides:
            where = header.byline[-1] if header.byline else title_line
            self.warn(
                where.number,
                f"no date line after the {'byline' if header.byline else 'headline'}: the article's date is left empty (it is never guessed from the text); "
                "add the date on its own line after it, e.g. `August 8, 2015`, or `date: '2015-08-08'` in front matter",
            )
        for chrome in header.chrome:
            self.warn(
                chrome.line.number,
                f"`{chrome.line.text}` is {chrome.chrome}, not article text: it is left out; delete the line from the source to silence this",
            )

    def body(self, index: int, header: Header) -> _Body:
        """Everything from the first body line (`index`, in the non-blank lines) on: paragraphs, contributor lines, references."""
        body_start = self.nonblank[index].number if index < len(self.nonblank) else None
        body_lines = [line for line in self.lines if body_start is not None and line.number >= body_start]
        listed, found = read_reference_list(self.path, body_lines)
        self.problems += found
        body_lines, contributor_lines, credited, trailer = self.contributor_block(listed.body)
        paragraphs = (
            tuple(Paragraph(line.text, line.number) for line in header.dek)
            + tuple(self.paragraphs(body_lines))
            + tuple(Paragraph(line.text, line.number) for line in trailer)
        )
        self.check_url_paragraphs(paragraphs)
        return _Body(paragraphs, listed.references, listed.unnumbered, contributor_lines, credited)

    def contributor_block(self, lines: list[Line]) -> tuple[list[Line], list[Line], list[Contributors], list[Line]]:
        """Split off the `X in Baghdad contributed to this report.` lines at the end of the body.

        Returns the body before them, the contributor lines, what each credits, and the trailer: a page copied whole
        may go on with a short list of headlines (`Read more:` and links' titles), which is body text.
        """
        text_lines = [line for line in lines if line.text]
        trailer = 0
        while trailer < len(text_lines) and not is_contributor_line(text_lines[-1 - trailer].text):
            if trailer == _MAX_TRAILER or not _is_trailer_line(text_lines[-1 - trailer].text):
                return lines, [], [], []
            trailer += 1
        run = trailer
        while run < len(text_lines) and is_contributor_line(text_lines[-1 - run].text):
            run += 1
        if run == trailer:
            return lines, [], [], []
        found = text_lines[len(text_lines) - run : len(text_lines) - trailer]
        trailing = text_lines[len(text_lines) - trailer :]
        credited = [read_contributors(line.text) for line in found]
        for line, contributors in zip(found, credited, strict=True):
            unread = contributors.unread
            if unread:
                names = ", ".join(f"`{part}`" for part in unread)
                verb = (
                    "is not read as a person's full name, so it is not listed as a contributor"
                    if len(unread) == 1
                    else "are not read as people's full names, so they are not listed as contributors"
                )
                self.warn(
                    line.number,
                    f"contributor line: {names} {verb}: "
                    "write names whole, e.g. `Jane Doe in Baghdad contributed to this report.`, or set `contributors: [Jane Doe]` in front matter",
                )
        return [line for line in lines if line.number < found[0].number], found, credited, trailing

    def paragraphs(self, lines: list[Line]) -> Iterable[Paragraph]:
        """The body's paragraphs (`paragraphs.split_paragraphs`), keeping the lines each was joined from."""
        for paragraph, source in split_paragraphs(lines, self.headers.looks_like_header):
            self.source_lines[paragraph.line] = source
            yield paragraph

    def check_url_paragraphs(self, paragraphs: tuple[Paragraph, ...]) -> None:
        """A body paragraph that is only an address is kept as text; say so, it may be a reference without its `[n]`."""
        for paragraph in paragraphs:
            if is_url_line(paragraph.text):
                self.warn(
                    paragraph.line,
                    "a URL on its own line in the body is kept as body text, not as a link: if the article cites it, "
                    "move it to the reference list at the end as `[n]` and the URL, and put `[n]` in the text where it is cited",
                )

    def line_at(self, paragraph: Paragraph, offset: int) -> int:
        """The source line of the character at `offset` in a paragraph, also when it was joined from several lines."""
        number = paragraph.line
        position = 0
        for line in self.source_lines.get(paragraph.line, []):
            start = paragraph.text.find(line.text, position)
            if start < 0 or start > offset:
                break
            number, position = line.number, start + len(line.text)
        return number

    def check_markers(self, paragraphs: tuple[Paragraph, ...], references: tuple[Reference, ...]) -> None:
        """Say where a `[n]` marker has no reference, and which references no marker cites."""
        keys = {ref.key for ref in references if ref.url or ref.text}
        cited: set[str] = set()
        for paragraph in paragraphs:
            for match in MARKER.finditer(paragraph.text):
                key = match.group("key")
                cited.add(key)
                if key not in keys:
                    self.warn(
                        self.line_at(paragraph, match.start()),
                        f"marker [{key}] has no URL in the reference list: add `[{key}]` and its URL at the end of the file, or delete the marker",
                    )
        for ref in references:
            if ref.key not in cited and (ref.url or ref.text):
                self.warn(
                    ref.line,
                    f"reference [{ref.key}] is never cited in the text: it is listed under 'Other links'; add the marker [{ref.key}] where the text cites it",
                )

    def outlet(self, url: Line, overrides: dict[str, Any]) -> str:
        """The outlet the URL's domain names in the outlet table, or its host (with a warning, unless front matter sets one)."""
        outlet, known = self.outlets.outlet_for(url.text)
        if not known and "outlet" not in overrides:
            domain = outlet
            self.warn(
                url.number,
                f"`{domain}` is not in the outlet table, so the outlet shows as `{domain}`: add a line `{domain}: Outlet Name` to outlets.yml in the content folder, or set `outlet:` in front matter",
            )
        return outlet

    def article(
        self,
        overrides: dict[str, Any],
        *,
        url: Line,
        title_line: Line,
        related: tuple[RelatedItem, ...],
        header: Header,
        body: _Body,
        date: str | None,
        updated: str | None,
        outlet: str,
    ) -> Article:
        """The Article from what was read, each field as front matter overrides it."""
        byline = header.byline_names()
        if "byline" in overrides:  # a corrected byline also corrects the names read from it
            byline = parse_byline(overrides["byline"])
        authors = overrides.get("authors", byline.authors if byline else ())
        affiliations = overrides.get("affiliations", byline.affiliations if byline else ())
        article = Article(
            id="",
            path=self.path,
            source_url=url.text,
            title=overrides.get("title", title_line.text),
            byline=overrides.get("byline", header.byline_text()),
            authors=authors,
            affiliations=affiliations,
            date=overrides.get("date", date),
            date_text=header.date.text if header.date else None,
            outlet=overrides.get("outlet", outlet),
            related=overrides.get("related", related),
            paragraphs=body.paragraphs,
            contributor_lines=tuple(line.text for line in body.contributor_lines),
            contributors=overrides.get("contributors", _contributors(body.credited, authors)),
            references=body.references,
            unnumbered_urls=body.unnumbered,
            overridden=tuple(sorted(overrides)),
            kind=overrides.get("kind", header.kind),
            credit=overrides.get("credit", ", ".join(affiliations) if affiliations and not authors else None),
            place=overrides.get("place", ", ".join(line.text for line in header.place) or None),
            updated=overrides.get("updated", updated),
            release_number=overrides.get("release_number", header.release),
        )
        return replace(article, id=overrides.get("id") or article_id(article))


_MAX_TRAILER = 8
"""How many headline-like lines may follow the contributor lines (a `Read more:` list)."""


def _is_trailer_line(text: str) -> bool:
    """A `Read more:` heading or a linked headline after the contributor line: short, not a sentence, no marker."""
    return len(text) <= 120 and MARKER.search(text) is None and not without_trailing_markers(text).endswith((".", "!", "?", '"', "”"))


def _contributors(credited: list[Contributors], authors: tuple[str, ...]) -> tuple[str, ...]:
    """Names the contributor lines credit, each once, leaving out the authors (`Writing by` the author)."""
    seen = {author.casefold() for author in authors}
    names: list[str] = []
    for contributors in credited:
        for name in contributors.names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return tuple(names)


ID_SLUG_MAX_LENGTH = 80
"""The longest headline slug in an article id (after `YYYY-MM-DD-`): ids stay about 100 characters at most."""
# Words that are not part of a name even when a Title Case headline capitalises them; a cut next to one
# is between phrases. The id does not end on one either: `...-in-a` reads as if a word were missing.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "but",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "without",
        "from",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "about",
        "against",
        "amid",
        "among",
        "despite",
        "during",
        "near",
        "since",
        "than",
        "that",
        "through",
        "until",
        "upon",
        "via",
        "while",
        "its",
        "it",
        "their",
        "his",
        "her",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "says",
        "say",
        "said",
    ]
)


def _headline_slug(title: str) -> str:
    """The headline's slug, cut (when longer than ID_SLUG_MAX_LENGTH) between whole words of the headline: never inside a
    word or an abbreviation (`U.S.`), before a run of capitalised words (a name) rather than inside it, not after `a`, `of`..."""
    full: str = slugify(title)
    if len(full) <= ID_SLUG_MAX_LENGTH:
        return full
    words = [(word, slug) for word in title.split() if (slug := slugify(word))]
    ends: list[int] = []  # ends[n - 1]: the length of the slug of the first n words
    for _, slug in words:
        ends.append(len(slug) if not ends else ends[-1] + 1 + len(slug))
    cut = sum(1 for end in ends if end <= ID_SLUG_MAX_LENGTH)
    if cut == 0:
        return full[:ID_SLUG_MAX_LENGTH].rstrip("-")  # one word longer than an id: nothing better to cut at
    bare = [word.strip("\"'“”‘’()[],.;:!?").lower() for word, _ in words]
    in_name = [word[:1].isupper() and bare[index] not in _FUNCTION_WORDS for index, (word, _) in enumerate(words)]
    start = cut
    while start > 1 and in_name[start] and in_name[start - 1]:
        start -= 1  # back to where the name that the cut would split begins
    if start < cut and ends[start - 1] >= ID_SLUG_MAX_LENGTH // 2:
        cut = start
    while cut > 1 and bare[cut - 1] in _FUNCTION_WORDS:
        cut -= 1
    return "-".join(slug for _, slug in words[:cut])


def article_id(article: Article) -> str:
    """`YYYY-MM-DD-slug-of-title`: stable across runs, ASCII, at most about 100 characters."""
    slug = _headline_slug(article.title) or slugify(article.path.stem) or "article"
    return f"{article.date or 'undated'}-{slug}"
