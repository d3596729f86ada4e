"""Phase 1, read sources: every `sources/*.txt` becomes an Article, and every oddity a Problem."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from slugify import slugify

from build_tools.bylines import (
    Byline,
    is_contributor_line,
    looks_like_byline,
    looks_like_office,
    name_and_title,
    names_a_job,
    names_list,
    names_only,
    parse_byline,
    read_contributors,
)
from build_tools.dates import PART_SEPARATOR, InvalidDate, is_update_line, parse_date_line, updated_date
from build_tools.labels import looks_like_place, navigation_heading, page_chrome, page_kind, photo_credit, release_number
from build_tools.model import Article, Paragraph, Reference, RelatedItem
from build_tools.problems import Problem, display_path, error, warning
from build_tools.text import MARKER, MARKER_TEXT

SOURCE_EXAMPLE = (
    "https://www.example.com/world/2015/08/08/story.html\n"
    "    Headline of the article\n"
    "    By Jane Doe\n"
    "    August 8, 2015\n"
    "    First paragraph of the body [1].\n"
    "    [1]\n"
    "    https://www.example.com/cited-page.html"
)
OVERRIDABLE_KEYS = (
    "id",
    "title",
    "authors",
    "affiliations",
    "byline",
    "date",
    "outlet",
    "related",
    "contributors",
    "kind",
    "credit",
    "place",
    "updated",
    "release_number",
)

_URL_LINE = re.compile(r"<?(?P<url>https?://\S+?)>?", re.IGNORECASE)
_OTHER_SCHEME_LINE = re.compile(r"(?P<url>(?!https?:)[A-Za-z][A-Za-z0-9+.-]{1,20}:\S+)")
_REFERENCE_LINE = re.compile(rf"{MARKER.pattern}[:.]?(?:\s+(?P<rest>\S.*))?")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")", "…")
_TRAILING_MARKERS = re.compile(rf"(?:\s*{MARKER_TEXT})+$")
# `www.example.com/page.html`: a web address pasted without its `https://`.
_SCHEMELESS_URL = re.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/\S*|www\.\S+", re.IGNORECASE)
_EMBEDDED_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]", re.IGNORECASE)
_RELATED_HEADING = re.compile(r"related(?:\s+(?:coverage|stories|articles|content|reading|links))?\s*:?", re.IGNORECASE)
_ALLOWED_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


@dataclass(frozen=True)
class Line:
    """A line of a source with its place in the file."""

    number: int
    """1-based line number in the file as the contributor sees it."""
    text: str
    """The line without its end-of-line characters or surrounding white space."""


class _TextDatesLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as written: `date: 2015-02-30` is then our clear error, not a crash in PyYAML."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# What loading YAML can raise besides YAMLError (an explicit `!!timestamp 2015-02-30`, absurd nesting).
_YAML_FAILURES = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_TextDatesLoader)  # a SafeLoader subclass: no arbitrary objects


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence; reference markers after the full stop (`said. [1]`) do not count."""
    if text.endswith(_SENTENCE_END):
        return True
    return text.endswith("]") and _TRAILING_MARKERS.sub("", text).endswith(_SENTENCE_END)


def _is_url_line(text: str) -> bool:
    """A line that is nothing but an address, of any scheme (`javascript:` ones are errors, not text)."""
    return _URL_LINE.fullmatch(text) is not None or _OTHER_SCHEME_LINE.fullmatch(text) is not None


@dataclass(frozen=True)
class _HeaderLine:
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
class _Header:
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
    chrome: list[_HeaderLine] = field(default_factory=list)
    """Page furniture found among the header lines: left out, with a warning each."""
    next_index: int = 0
    """Index (in the non-blank lines) of the first body line."""

    def has_byline(self) -> bool:
        return bool(self.byline) or self.byline_part is not None


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
        data = _load_yaml(path.read_text(encoding="utf-8-sig"))
    except (*_YAML_FAILURES, UnicodeDecodeError) as exc:
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


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], int, list[Problem]]:
    """The source's own front matter, and the index of the first line after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, 0, []
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, len(lines), [error(path, 1, "front matter opened with `---` is never closed: add a line `---` after the last key, before the article URL")]
    try:
        data = _load_yaml("\n".join(lines[1:end]))
    except _YAML_FAILURES as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return (
            {},
            end + 1,
            [
                error(
                    path, line, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)}): write `key: value` lines, e.g. `outlet: The Washington Post`"
                )
            ],
        )
    if data is None:
        return {}, end + 1, []
    if not isinstance(data, dict):
        return {}, end + 1, [error(path, 2, "front matter must be `key: value` lines, e.g. `date: '2015-08-08'`")]
    return data, end + 1, []


def _key_line(lines: list[str], key: str) -> int:
    for number, text in enumerate(lines, start=1):
        if text.startswith(f"{key}:"):
            return number
    return 1


def _check_overrides(path: Path, data: dict[str, Any], text: str) -> tuple[dict[str, Any], list[Problem]]:
    """Validate front matter overrides; return the usable ones in the shapes the Article wants."""
    lines = text.split("\n")
    problems: list[Problem] = []
    usable: dict[str, Any] = {}
    for key, value in data.items():
        line = _key_line(lines, str(key))
        if key not in OVERRIDABLE_KEYS:
            problems.append(error(path, line, f"front matter key `{key}` is not one a source can set: use one of {', '.join(OVERRIDABLE_KEYS)}"))
            continue
        if key in ("title", "outlet", "byline", "id", "kind", "credit", "place", "release_number"):
            if not isinstance(value, str) or not value.strip():
                problems.append(error(path, line, f'`{key}` must be a non-empty text, e.g. `{key}: "..."`'))
                continue
            if key == "id" and value != slugify(value):
                problems.append(
                    error(path, line, f"`id: {value}` must be lower-case ASCII words joined by hyphens, e.g. `id: {slugify(value) or '2015-08-08-headline'}`")
                )
                continue
            usable[key] = value.strip()
        elif key in ("date", "updated"):
            iso = value.isoformat() if isinstance(value, dt.date) else value
            if value is not None and not (isinstance(iso, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) and _valid_iso(iso)):
                problems.append(error(path, line, f"`{key}: {value}` is not a date: write it as `{key}: '2015-08-08'` (year-month-day, quoted)"))
                continue
            usable[key] = iso
        elif key in ("authors", "affiliations", "contributors"):
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(error(path, line, f"`{key}` must be a list of names, e.g. `{key}: [Missy Ryan]` (or `[]` for none)"))
                continue
            usable[key] = tuple(v.strip() for v in value)
        elif key == "related":
            items, found = _related_overrides(path, line, value)
            problems.extend(found)
            if not found:
                usable[key] = items
    return usable, problems


def _valid_iso(iso: str) -> bool:
    try:
        return parse_date_line(iso) is not None
    except InvalidDate:
        return False


def _related_overrides(path: Path, line: int, value: Any) -> tuple[tuple[RelatedItem, ...], list[Problem]]:
    example = "related: [{date: '2015-07-28', outlet: Reuters, title: Headline, url: null}]"
    if not isinstance(value, list):
        return (), [error(path, line, f"`related` must be a list, e.g. `{example}`")]
    items: list[RelatedItem] = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or set(entry) - {"date", "outlet", "title", "url"}:
            return (), [error(path, line, f"each `related` entry needs a `title` and may have `date`, `outlet`, `url` only, e.g. `{example}`")]
        url = entry.get("url")
        if url is not None and _url_problem(str(url)):
            return (), [error(path, line, f"`related` url {url!r}: {_url_problem(str(url))}")]
        date: Any = entry.get("date")
        date_iso = date.isoformat() if isinstance(date, dt.date) else date
        items.append(RelatedItem(date_iso if isinstance(date_iso, str) else None, entry.get("outlet"), entry["title"], url))
    return tuple(items), []


def _url_problem(url: str) -> str | None:
    """Why a URL cannot be a link on the site, or None when it can."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "the address is malformed (its host part is not a name or an IP address): copy it again from the browser's address bar"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http:// and https:// links are allowed, not `{parts.scheme}:`; paste the page's web address, e.g. https://www.example.com/page.html"
    if not host:
        return "the address has no host: write it whole, e.g. https://www.example.com/page.html"
    if not _ALLOWED_URL_CHARS.fullmatch(url):
        return "the address contains characters a URL cannot (spaces, quotes or `<>`): percent-encode them or copy the address again from the browser"
    return None


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
    data, first_line, found = _split_front_matter(path, text)
    problems += found
    if found and first_line >= text.count("\n") + 1:
        return None, problems  # front matter never closed: everything after `---` was swallowed
    overrides, found = _check_overrides(path, data, text)
    problems += found
    all_lines = [Line(number, raw_line.strip()) for number, raw_line in enumerate(text.split("\n"), start=1)][first_line:]
    all_lines, found = _clean_controls(path, all_lines)
    problems += found
    parser = _SourceParser(path, all_lines, outlets)
    article = parser.parse(overrides)
    problems += parser.problems
    return article, problems


class _SourceParser:
    """Walks one source's lines top to bottom: Related block, URL, headline, byline, date, body, contributors, references."""

    def __init__(self, path: Path, lines: list[Line], outlets: OutletTable) -> None:
        self.path = path
        self.lines = lines
        self.nonblank = [line for line in lines if line.text]
        self.outlets = outlets
        self.problems: list[Problem] = []
        self.source_lines: dict[int, list[Line]] = {}
        """The lines each hard-wrapped paragraph was joined from, by the paragraph's first line."""
        self.header_lines: dict[tuple[int, str], _HeaderLine | None] = {}
        """What `header_line` found, by line number and text: the header scan, the body's paragraphs and its warnings ask again."""

    def error(self, line: int, message: str) -> None:
        self.problems.append(error(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(warning(self.path, line, message))

    def date_of(self, line: Line) -> str | None:
        try:
            return parse_date_line(line.text)
        except InvalidDate as exc:
            self.error(line.number, f"date `{line.text}` {exc}")
            return None

    def at(self, index: int) -> Line | None:
        return self.nonblank[index] if index < len(self.nonblank) else None

    def parse(self, overrides: dict[str, Any]) -> Article | None:
        index, related = self.related_block()
        url_line = self.at(index)
        if url_line is None or not _URL_LINE.fullmatch(url_line.text):
            self.missing_url(url_line)
            return None
        source_url = url_line.text.strip("<>")
        problem = _url_problem(source_url)
        if problem:
            self.error(url_line.number, f"article URL: {problem}")
            return None
        index += 1
        header = _Header()
        index = self.above_headline(index, header)
        title_line = self.at(index)
        if title_line is None or _URL_LINE.fullmatch(title_line.text) or self.is_date(title_line):
            self.error(
                url_line.number, f"the article URL is not followed by a headline: put the headline on the line after the URL, e.g.\n    {SOURCE_EXAMPLE}"
            )
            return None
        index = self.header(index + 1, header)
        date_line = header.date
        date = self.date_of(date_line) if date_line else None
        if date_line is None and "date" not in overrides:
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
        body_start = self.nonblank[index].number if index < len(self.nonblank) else None
        body_lines = [line for line in self.lines if body_start is not None and line.number >= body_start]
        body_lines, references, unnumbered = self.reference_list(body_lines)
        body_lines, contributor_lines, trailer = self.contributor_block(body_lines)
        paragraphs = (
            tuple(Paragraph(line.text, line.number) for line in header.dek)
            + tuple(self.paragraphs(body_lines))
            + tuple(Paragraph(line.text, line.number) for line in trailer)
        )
        self.check_url_paragraphs(paragraphs)
        if not paragraphs:
            self.error(title_line.number, f"the article has no body: paste its paragraphs after the headline, byline and date, e.g.\n    {SOURCE_EXAMPLE}")
            return None
        self.check_header_paragraphs(paragraphs[len(header.dek) :], header, overrides)
        self.check_markers(paragraphs, references)
        outlet, known = self.outlets.outlet_for(source_url)
        if not known and "outlet" not in overrides:
            domain = outlet
            self.warn(
                url_line.number,
                f"`{domain}` is not in the outlet table, so the outlet shows as `{domain}`: add a line `{domain}: Outlet Name` to outlets.yml in the content folder, or set `outlet:` in front matter",
            )
        byline_lines = [header.byline_part] if header.byline_part is not None else header.byline
        # `By Jim Garamone , DOD News`: the space defense.gov leaves between its link and the comma is not the byline's.
        byline_text = _SPACE_BEFORE_COMMA.sub("", _join_byline(byline_lines)) if byline_lines else None
        byline_parts = _parse_byline_lines(byline_lines) if byline_lines else None
        if "byline" in overrides:  # a corrected byline also corrects the names read from it
            byline_parts = parse_byline(overrides["byline"])
        authors = overrides.get("authors", byline_parts.authors if byline_parts else ())
        affiliations = overrides.get("affiliations", byline_parts.affiliations if byline_parts else ())
        title = overrides.get("title", title_line.text)
        date = overrides.get("date", date)
        updated = self.date_of(header.updated) if header.updated else (updated_date(date_line.text) if date_line else None)
        article = Article(
            id="",
            path=self.path,
            source_url=source_url,
            title=title,
            byline=overrides.get("byline", byline_text),
            authors=authors,
            affiliations=affiliations,
            date=date,
            date_text=date_line.text if date_line else None,
            outlet=overrides.get("outlet", outlet),
            related=overrides.get("related", related),
            paragraphs=paragraphs,
            contributor_lines=tuple(line.text for line in contributor_lines),
            contributors=overrides.get("contributors", _contributors(contributor_lines, authors)),
            references=references,
            unnumbered_urls=unnumbered,
            overridden=tuple(sorted(overrides)),
            kind=overrides.get("kind", header.kind),
            credit=overrides.get("credit", ", ".join(affiliations) if affiliations and not authors else None),
            place=overrides.get("place", ", ".join(line.text for line in header.place) or None),
            updated=overrides.get("updated", updated),
            release_number=overrides.get("release_number", header.release),
        )
        return replace(article, id=overrides.get("id") or article_id(article))

    def is_date(self, line: Line | None) -> bool:
        if line is None:
            return False
        try:
            return parse_date_line(line.text) is not None
        except InvalidDate:
            return True

    def missing_url(self, line: Line | None) -> None:
        if line is not None:
            other = _OTHER_SCHEME_LINE.fullmatch(line.text)
            if other:
                self.error(line.number, f"article URL: {_url_problem(other.group('url'))}")
                return
            if _SCHEMELESS_URL.fullmatch(line.text):
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
            if _is_url_line(line.text):
                following = self.at(index + 1)
                # An item's URL is followed by the next item (date, `Outlet: headline`) or by the article URL.
                belongs_to_item = (
                    heading is not None
                    and following is not None
                    and (_is_url_line(following.text) or self.is_date(following) or _RELATED_HEADING.fullmatch(following.text) is not None)
                )
                if not belongs_to_item:
                    break
                assert heading is not None
                items.append(self.related_item(date, heading, line))
                date, heading = None, None
            elif self.is_date(line) and heading is None and date is None:
                date = self.date_of(line)
            elif _RELATED_HEADING.fullmatch(line.text):
                pass
            else:
                if heading is not None:
                    items.append(self.related_item(date, heading, None))
                    date = self.date_of(line) if self.is_date(line) else None
                    heading = None if self.is_date(line) else line
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
        outlet, sep, title = heading.text.partition(": ")
        url = url_line.text.strip("<>") if url_line else None
        if url_line is not None and url is not None and _url_problem(url):
            self.error(url_line.number, f"related item URL: {_url_problem(url)}")
            url = None
        if not sep:
            self.warn(heading.number, f"related item `{heading.text}` has no `Outlet: ` prefix: write it as `Reuters: {heading.text}`")
            return RelatedItem(date, None, heading.text, url)
        return RelatedItem(date, outlet.strip(), title.strip(), url)

    def header_line(self, line: Line) -> _HeaderLine | None:
        """What a line near the headline says, when it is a label, a date, a byline, a release number or chrome."""
        key = (line.number, line.text)
        if key not in self.header_lines:
            self.header_lines[key] = self._header_line(line)
        return self.header_lines[key]

    def _header_line(self, line: Line) -> _HeaderLine | None:
        text = line.text
        if not _may_be_header_line(text):
            return None
        kind = page_kind(text)
        if kind:
            return _HeaderLine(line, kind=kind)
        if self.is_date(line):
            return _HeaderLine(line, date=text)
        chrome = page_chrome(text)
        if chrome:
            return _HeaderLine(line, chrome=chrome)
        number = release_number(text)
        if number:
            return _HeaderLine(line, release=number)
        shared = self.shared_line(line)
        if shared is not None:
            return shared
        if looks_like_byline(text):
            return _HeaderLine(line, byline=text)
        return None

    def shared_line(self, line: Line) -> _HeaderLine | None:
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
                if date and self.is_date(Line(line.number, date)) and (not byline or _byline_part(byline)):
                    return _HeaderLine(line, kind=kind, date=date, byline=byline or None)
        return None

    def above_headline(self, index: int, header: _Header) -> int:
        """Skip the page furniture and read the label or date printed above the headline (`Press Statement`,
        `News | June 1, 2015`, `January 3, 2020 / 4:26 AM / Updated 5 years ago`); return the index of the headline."""
        while (line := self.at(index)) is not None:
            chrome = page_chrome(line.text)
            if chrome:
                header.chrome.append(_HeaderLine(line, chrome=chrome))
                index += 1
                continue
            if not (page_kind(line.text) or PART_SEPARATOR.search(line.text) or self.is_date(line)):
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

    def header(self, index: int, header: _Header) -> int:
        """Read the label, byline, place and date lines after the headline, in the orders pages print them; return
        the index of the first body line.

        The byline may span lines (`By Jim Garamone` + `DoD News, Defense Media Activity`), lack its `By`
        (`Missy Ryan and Loveday Morris`, `Michael R. Pompeo, Secretary of State`, `Office of the Spokesperson`)
        when a date line follows it, or share the date's line. A dek may come first. A line that does not fit
        stops the header there: it and what follows are body text (and `check_header_paragraphs` says so).
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
        if start < len(window) and (header.date or header.kind) and self.take_names(window[start : start + 1], header):
            start += 1  # the names under a headline whose date stood above it (`January 3, 2020 / 4:26 AM`)
            while start < len(window) and (part := self.header_line(window[start])) is not None and part.chrome is not None:
                header.chrome.append(part)
                start += 1
        header.next_index = index + start
        return header.next_index

    def take(self, run: list[Line], part: _HeaderLine, header: _Header) -> bool:
        """Add a header line, and the plain lines before it (`run`), to the header; False when they do not fit there."""
        has_date = header.date is not None
        if part.chrome is not None or part.release is not None or (part.kind is not None and part.date is None):
            if run and not self.take_names(run, header):
                return False
            if part.chrome is not None:
                header.chrome.append(part)
            elif part.release is not None:
                if header.release is not None:
                    return False
                header.release = part.release
            elif header.kind is None:
                header.kind = part.kind
            elif part.kind not in (header.kind, "Release"):
                return False  # a second, different label is body text (and said to be)
            return True
        if part.date is None:  # a `By` line
            if header.has_byline() or (has_date and run) or len(run) > 2 or (run and header.dek):
                return False
            # Lines above the `By` line are a dek; one read earlier (above the date) stays.
            header.dek, header.byline = run or header.dek, [part.line]
            return True
        if has_date:
            assert header.date is not None
            if part.kind is not None and part.kind not in (header.kind, "Release"):
                return False
            if is_update_line(part.date) and part.byline is None and header.updated is None and not run:
                header.updated = part.line
                return True
            # The date of the label line above the headline, printed again (with the byline, or after it).
            if not _same_date(part.date, header.date.text) or (part.byline is not None and (header.has_byline() or run)):
                return False
            if run and not self.take_run(run, header):
                return False
            if part.byline is not None:
                header.byline_part = Line(part.line.number, part.byline)
            return True
        if part.byline is not None and header.has_byline():
            return False
        if part.kind is not None:
            if header.kind is not None and part.kind not in (header.kind, "Release"):
                return False
            header.kind = header.kind or part.kind
        if part.byline is not None and run:
            if len(run) > _MAX_DEK:
                return False
            header.dek = run  # the byline shares the date's line: what stands above them is a dek
        elif run and not self.take_run(run, header):
            return False
        header.date = Line(part.line.number, part.date)
        if part.byline is not None:
            header.byline_part = Line(part.line.number, part.byline)
        return True

    def take_names(self, run: list[Line], header: _Header) -> bool:
        """A line of names alone (`Ahmed Rasheed, John Davison`) where the byline stands, with no date line after it."""
        if len(run) != 1 or header.has_byline() or not names_list(run[0].text):
            return False
        header.byline = run
        return True

    def take_run(self, run: list[Line], header: _Header) -> bool:
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

    def reference_list(self, lines: list[Line]) -> tuple[list[Line], tuple[Reference, ...], tuple[str, ...]]:
        """Split off the trailing `[n]` + URL list; returns the body lines before it."""
        index = len(lines) - 1
        while index >= 0:
            text = lines[index].text
            previous = lines[index - 1].text if index > 0 else ""
            is_ref_part = (
                not text
                or _REFERENCE_LINE.fullmatch(text) is not None
                or _URL_LINE.fullmatch(text) is not None
                or _OTHER_SCHEME_LINE.fullmatch(text) is not None
                or (_REFERENCE_LINE.fullmatch(previous) is not None and not _REFERENCE_LINE.fullmatch(previous).group("rest"))  # type: ignore[union-attr]
            )
            if not is_ref_part:
                break
            index -= 1
        # The list starts at its first `[n]` line; URLs above that are the end of the body, unless a
        # contributor line (which closes the body) stands above them: then they are references too.
        start = next((i for i in range(index + 1, len(lines)) if _REFERENCE_LINE.fullmatch(lines[i].text)), len(lines))
        if index >= 0 and index + 1 < len(lines) and is_contributor_line(lines[index].text):
            start = index + 1
        tail = lines[start:]
        if not tail:
            return lines, (), ()
        references: list[Reference] = []
        unnumbered: list[str] = []
        pending: tuple[str, int] | None = None  # a `[n]` line waiting for its URL on the next line
        seen: dict[str, int] = {}

        def add(key: str, number: int, url: str | None, text: str | None, where: int | None = None) -> None:
            """Reference `[key]` listed on line `number`, its URL or text on line `where` (default: the same line)."""
            where = where or number
            if key in seen:
                self.error(number, f"reference [{key}] is listed twice (first on line {seen[key]}): renumber one of them and its marker in the text")
                return
            seen[key] = number
            if url is not None and _url_problem(url):
                self.error(where, f"reference [{key}]: {_url_problem(url)}")
                url, text = None, text or url
            elif text is not None and (embedded := _EMBEDDED_URL.search(text)):
                self.warn(
                    where,
                    f"reference [{key}] has words around its URL, so the footnote shows them as text, not as a link: "
                    f"put the URL alone after `[{key}]`, e.g. `[{key}] {embedded.group(0)}`",
                )
            elif text is not None and _SCHEMELESS_URL.fullmatch(text):
                self.warn(
                    where,
                    f"reference [{key}] `{text}` has no `https://`, so it is shown as text, not a link: write the whole address, e.g. `https://{text}`",
                )
            if url is None and text is None:
                self.warn(number, f"reference [{key}] has no URL: put the address on the line after `[{key}]`, e.g. `https://www.example.com/page.html`")
            references.append(Reference(key, url, text, number))

        for line in tail:
            if not line.text:
                continue
            ref = _REFERENCE_LINE.fullmatch(line.text)
            if ref:
                if pending:
                    add(pending[0], pending[1], None, None)
                rest = ref.group("rest")
                if rest is None:
                    pending = (ref.group("key"), line.number)
                    continue
                pending = None
                url_match = _URL_LINE.fullmatch(rest) or _OTHER_SCHEME_LINE.fullmatch(rest)
                add(ref.group("key"), line.number, url_match.group("url") if url_match else None, None if url_match else rest)
                continue
            url_match = _URL_LINE.fullmatch(line.text) or _OTHER_SCHEME_LINE.fullmatch(line.text)
            if pending:
                add(pending[0], pending[1], url_match.group("url") if url_match else None, None if url_match else line.text, line.number)
                pending = None
            elif url_match:
                url = url_match.group("url")
                problem = _url_problem(url)
                if problem:
                    self.error(line.number, f"URL in the reference list: {problem}")
                else:
                    self.warn(
                        line.number,
                        "URL without a `[n]` marker in the reference list: it is listed under 'Other links'; put `[n]` on the line before it and the same `[n]` in the text where it is cited",
                    )
                    unnumbered.append(url)
        if pending:
            add(pending[0], pending[1], None, None)
        return lines[:start], tuple(references), tuple(unnumbered)

    def contributor_block(self, lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
        """Split off the `X in Baghdad contributed to this report.` lines at the end of the body.

        Returns the body before them, the contributor lines, and the trailer: a page copied whole
        may go on with a short list of headlines (`Read more:` and links' titles), which is body text.
        """
        text_lines = [line for line in lines if line.text]
        trailer = 0
        while trailer < len(text_lines) and not is_contributor_line(text_lines[-1 - trailer].text):
            if trailer == _MAX_TRAILER or not _is_trailer_line(text_lines[-1 - trailer].text):
                return lines, [], []
            trailer += 1
        run = trailer
        while run < len(text_lines) and is_contributor_line(text_lines[-1 - run].text):
            run += 1
        if run == trailer:
            return lines, [], []
        found = text_lines[len(text_lines) - run : len(text_lines) - trailer]
        trailing = text_lines[len(text_lines) - trailer :]
        for line in found:
            unread = read_contributors(line.text).unread
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
        return [line for line in lines if line.number < found[0].number], found, trailing

    def paragraphs(self, lines: list[Line]) -> Iterable[Paragraph]:
        """Blank-line-separated groups; each group is one hard-wrapped paragraph or one paragraph per line."""
        groups: list[list[Line]] = [[]]
        for line in lines:
            if line.text:
                groups[-1].append(line)
            elif groups[-1]:
                groups.append([])
        groups = [group for group in groups if group]
        widths = [len(line.text) for group in groups for line in group]
        wrap_width = statistics.quantiles(widths, n=10)[-1] if len(widths) >= 10 else max(widths, default=0)
        # In hard-wrapped text most lines stop mid-sentence; in one-paragraph-per-line text almost none do.
        inner = [line for group in groups for line in group[:-1]]
        body_wrapped = bool(inner) and sum(1 for line in inner if not _ends_sentence(line.text)) > len(inner) / 2
        for group in groups:
            for paragraph, source in _group_paragraphs(group, wrap_width, len(groups) > 1, body_wrapped, self.looks_like_header):
                self.source_lines[paragraph.line] = source
                yield paragraph

    def looks_like_header(self, line: Line) -> bool:
        """Whether a body line looks like a label, date, byline, release number, chrome or navigation line: it is then never
        joined to the lines around it (it is its own paragraph, which `check_header_paragraphs` warns about)."""
        return photo_credit(line.text) or navigation_heading(line.text) or self.header_line(line) is not None

    def check_header_paragraphs(self, paragraphs: Sequence[Paragraph], header: _Header, overrides: dict[str, Any]) -> None:
        """Say where a body line looks like a label, a date or a byline (the header did not take it): it stays body text."""
        for index, paragraph in enumerate(paragraphs):
            text = paragraph.text
            if not _may_be_header_line(text) and (index or len(text) > 120):
                continue  # most paragraphs (the first is also looked at as a byline without `By`)
            if len(self.source_lines.get(paragraph.line, ())) > 1:
                continue  # joined from lines none of which looked like a header line (`_group_paragraphs` keeps those apart)
            message = self.header_look(Line(paragraph.line, paragraph.text), header, overrides, first=index == 0)
            if message:
                self.warn(paragraph.line, message)

    def header_look(self, line: Line, header: _Header, overrides: dict[str, Any], first: bool) -> str | None:
        """Why a body line looks like it belongs to the header, and what to do about it; None when it does not."""
        text = line.text
        if len(text) > 300:
            return None
        quoted = f"`{text}`"
        part = self.header_line(line)
        if part is not None and part.chrome is not None:
            return f"{quoted} looks like {part.chrome}, not article text, and is kept as body text: delete the line if it is not part of the article"
        if navigation_heading(text):
            return (
                f"{quoted} looks like a heading of the site's own lists (related links, subscriptions), not article text, and is kept as body text: "
                "delete it, and the lines it heads, if they are not part of the article"
            )
        if photo_credit(text):
            return f"{quoted} looks like a picture's credit, not article text, and is kept as body text: delete the line (and the caption) if it is not part of the article"
        pieces = [piece for piece in PART_SEPARATOR.split(text) if piece] if PART_SEPARATOR.search(text) else []
        kind = part.kind if part is not None else (page_kind(pieces[0]) if pieces else None)
        date = part.date if part is not None else next((piece for piece in pieces if self.is_date(Line(line.number, piece))), None)
        byline = part.byline if part is not None else next((piece for piece in pieces if looks_like_byline(piece)), None)
        if byline is None and first and not header.has_byline() and (names_only(text) or name_and_title(text) or names_list(text)):
            byline = text  # the first paragraph is a byline without `By` that no date line followed
        looks: list[str] = []
        fixes: list[str] = []
        if kind and "kind" not in overrides:
            looks.append("the page's label")
            fixes.append(f"`kind: {kind}`")
        if date is not None and "date" not in overrides:
            looks.append("a date line")
            fixes.append(f"`date: '{_iso_or_example(date)}'`")
        if byline is not None and not {"authors", "byline"} & set(overrides):
            looks.append("a byline")
            fixes.append(f'`authors: [{", ".join(parse_byline(byline).authors) or "Jane Doe"}]`, `byline: "{byline}"`')
        if part is not None and part.release is not None and "release_number" not in overrides:
            looks.append("a release number")
            fixes.append(f"`release_number: {part.release}`")
        if not looks:
            return None
        if kind and header.kind and len(looks) == 1:
            return f"{quoted} looks like a page label, but the page's label is already `{header.kind}` and this line is kept as body text: delete it if it only repeats the label"
        if part is None:
            why = "the rest of the line is not a label, a date or a byline"
        elif first:
            why = "it does not stand where the header does, right above or below the headline, in an order pages print"
        else:
            why = "it stands after the first body line, not with the headline"
        return (
            f"{quoted} looks like {' and '.join(looks)} but is kept as body text ({why}): if it is, set {', '.join(fixes)} "
            "in the source's front matter (see the README's front matter overrides) and delete the line; "
            "if it is the article's own text, leave it (the text is never dropped)"
        )

    def check_url_paragraphs(self, paragraphs: tuple[Paragraph, ...]) -> None:
        """A body paragraph that is only an address is kept as text; say so, it may be a reference without its `[n]`."""
        for paragraph in paragraphs:
            if _is_url_line(paragraph.text):
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


def _room_for(line: Line, following: Line | None, wrap_width: float) -> bool:
    """Whether the next line's first word would have fitted on `line`: then a wrap did not end it.

    10 % slack, because character counts only approximate the widths of proportional fonts
    (a line of capitals is full with fewer characters).
    """
    word = following.text.split()[0] if following is not None and following.text else ""
    return len(line.text) + 1 + len(word) <= 0.9 * wrap_width


def _group_paragraphs(
    group: list[Line], wrap_width: float, several_groups: bool, body_wrapped: bool = False, alone: Callable[[Line], bool] | None = None
) -> Iterable[tuple[Paragraph, list[Line]]]:
    """Decide whether a group's lines are one hard-wrapped paragraph or several one-line paragraphs.

    A line marked `alone` (one that looks like a label, date or byline) is a paragraph of its own either way.
    """
    if len(group) == 1:
        yield Paragraph(group[0].text, group[0].number), group
        return
    alone_at = [False] * len(group)
    wrapped = _looks_wrapped(group, alone_at, wrap_width, body_wrapped)
    if wrapped and alone is not None:
        # Lines that stand alone (`Photo By: ...`, `Related Links`) end no sentence: they must not make the group look
        # wrapped. Asked only here, since most groups are one paragraph per line without them.
        alone_at = [alone(line) for line in group]
        wrapped = not any(alone_at) or _looks_wrapped(group, alone_at, wrap_width, body_wrapped)
    if not wrapped:
        for line in group:
            yield Paragraph(line.text, line.number), [line]
        return
    current: list[Line] = []
    for index, line in enumerate(group):
        if alone_at[index]:
            if current:
                yield _join(current), current
            yield Paragraph(line.text, line.number), [line]
            current = []
            continue
        current.append(line)
        # Without blank lines between paragraphs, a line that ends a sentence ends its paragraph when
        # it is short, or when the next line's first word would have fitted on it.
        room = _room_for(line, group[index + 1] if index + 1 < len(group) else None, wrap_width)
        if not several_groups and _ends_sentence(line.text) and (len(line.text) < 0.75 * wrap_width or room):
            yield _join(current), current
            current = []
    if current:
        yield _join(current), current


def _looks_wrapped(group: list[Line], alone_at: list[bool], wrap_width: float, body_wrapped: bool) -> bool:
    """Whether a group's lines, those that stand alone left out, are one hard-wrapped paragraph rather than one paragraph per line."""
    inner = [index for index in range(len(group) - 1) if not alone_at[index]]
    # In hard-wrapped text, a full line that happens to end a sentence is still a wrap.
    ending_sentences = sum(
        1 for index in inner if _ends_sentence(group[index].text) and (not body_wrapped or _room_for(group[index], group[index + 1], wrap_width))
    )
    return ending_sentences <= len(inner) / 2 and max((len(group[index].text) for index in inner), default=0) <= 140


def _join(lines: list[Line]) -> Paragraph:
    text = lines[0].text
    for line in lines[1:]:
        # A hyphen at the end of a wrapped line is kept, and the word goes on without a space.
        joiner = "" if re.search(r"\w-$", text) else " "
        text = f"{text}{joiner}{line.text}"
    return Paragraph(text, lines[0].number)


_MAX_TRAILER = 8
"""How many headline-like lines may follow the contributor lines (a `Read more:` list)."""


def _is_trailer_line(text: str) -> bool:
    """A `Read more:` heading or a linked headline after the contributor line: short, not a sentence, no marker."""
    return len(text) <= 120 and MARKER.search(text) is None and not _TRAILING_MARKERS.sub("", text).endswith((".", "!", "?", '"', "”"))


def _continues_byline(text: str) -> bool:
    """A second byline line: an affiliation or more names (`DoD News, Defense Media Activity`, `and Loveday Morris`)."""
    return len(text) <= 100 and not text.endswith(("!", "?")) and (not text.endswith(".") or text.lower().endswith(("jr.", "sr.", "inc.", "co.")))


def _byline_part(text: str) -> bool:
    """The part of a shared line beside the date that is a byline: `By ...`, names, a name and title, or an office."""
    return looks_like_byline(text) or names_only(text) or name_and_title(text) or looks_like_office(text)


def _iso_or_example(date: str) -> str:
    try:
        return parse_date_line(date) or "2020-01-02"
    except InvalidDate:
        return "2020-01-02"


def _same_date(one: str, other: str) -> bool:
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


_MAX_DEK = 2
"""Summary lines a page may print between the headline and the byline."""


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


def _contributors(lines: list[Line], authors: tuple[str, ...]) -> tuple[str, ...]:
    """Names from the contributor lines, each once, leaving out the authors (`Writing by` the author)."""
    seen = {author.casefold() for author in authors}
    names: list[str] = []
    for line in lines:
        for name in read_contributors(line.text).names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return tuple(names)


def _join_byline(lines: list[Line]) -> str:
    """One byline text from its lines: `By Jim Garamone, DoD News, Defense Media Activity`."""
    text = lines[0].text
    for line in lines[1:]:
        joiner = " " if text.endswith((",", ";", "|")) or re.match(r"(?:and|&)\s", line.text, re.IGNORECASE) else ", "
        text = f"{text}{joiner}{line.text}"
    return text


def _parse_byline_lines(lines: list[Line]) -> Byline:
    """Authors and affiliations of a byline; lines of bare names (no `By`) are read one by one."""
    if len(lines) == 1 and (names := names_list(lines[0].text)):
        return Byline(names, ())  # `Ahmed Rasheed, John Davison`: a comma between two names, not before a title
    if looks_like_byline(lines[0].text) or len(lines) == 1:
        return parse_byline(_join_byline(lines))
    parts = [parse_byline(line.text) for line in lines]
    return Byline(tuple(a for p in parts for a in p.authors), tuple(a for p in parts for a in p.affiliations))


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
