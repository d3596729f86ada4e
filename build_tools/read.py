"""Phase 1, read sources: every `sources/*.txt` becomes an Article, and every oddity a Problem."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from slugify import slugify

from build_tools.bylines import Byline, is_contributor_line, looks_like_byline, names_only, parse_byline, read_contributors
from build_tools.dates import InvalidDate, parse_date_line
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
OVERRIDABLE_KEYS = ("id", "title", "authors", "affiliations", "byline", "date", "outlet", "related", "contributors")

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
class _Header:
    """What stands between the headline and the body."""

    byline: list[Line]
    """The byline, one or more lines (`By Jim Garamone` + `DoD News, Defense Media Activity`)."""
    date: Line | None
    """The date line."""
    dek: list[Line]
    """A summary line printed under the headline, before the byline; it is body text."""
    next_index: int
    """Index (in the non-blank lines) of the first body line."""


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
        if key in ("title", "outlet", "byline", "id"):
            if not isinstance(value, str) or not value.strip():
                problems.append(error(path, line, f'`{key}` must be a non-empty text, e.g. `{key}: "..."`'))
                continue
            if key == "id" and value != slugify(value):
                problems.append(
                    error(path, line, f"`id: {value}` must be lower-case ASCII words joined by hyphens, e.g. `id: {slugify(value) or '2015-08-08-headline'}`")
                )
                continue
            usable[key] = value.strip()
        elif key == "date":
            iso = value.isoformat() if isinstance(value, dt.date) else value
            if value is not None and not (isinstance(iso, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) and _valid_iso(iso)):
                problems.append(error(path, line, f"`date: {value}` is not a date: write it as `date: '2015-08-08'` (year-month-day, quoted)"))
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
        title_line = self.at(index)
        if title_line is None or _URL_LINE.fullmatch(title_line.text) or self.is_date(title_line):
            self.error(
                url_line.number, f"the article URL is not followed by a headline: put the headline on the line after the URL, e.g.\n    {SOURCE_EXAMPLE}"
            )
            return None
        index += 1
        header = self.header(index)
        byline, date_line, index = header.byline, header.date, header.next_index
        date = self.date_of(date_line) if date_line else None
        if date_line is None and "date" not in overrides:
            self.warn(
                byline[-1].number if byline else title_line.number,
                f"no date line after the {'byline' if byline else 'headline'}: the article's date is left empty (it is never guessed from the text); "
                "add the date on its own line after it, e.g. `August 8, 2015`, or `date: '2015-08-08'` in front matter",
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
        self.check_markers(paragraphs, references)
        outlet, known = self.outlets.outlet_for(source_url)
        if not known and "outlet" not in overrides:
            domain = outlet
            self.warn(
                url_line.number,
                f"`{domain}` is not in the outlet table, so the outlet shows as `{domain}`: add a line `{domain}: Outlet Name` to outlets.yml in the content folder, or set `outlet:` in front matter",
            )
        byline_text = _join_byline(byline) if byline else None
        byline_parts = _parse_byline_lines(byline) if byline else None
        if "byline" in overrides:  # a corrected byline also corrects the names read from it
            byline_parts = parse_byline(overrides["byline"])
        authors = overrides.get("authors", byline_parts.authors if byline_parts else ())
        title = overrides.get("title", title_line.text)
        date = overrides.get("date", date)
        article = Article(
            id="",
            path=self.path,
            source_url=source_url,
            title=title,
            byline=overrides.get("byline", byline_text),
            authors=authors,
            affiliations=overrides.get("affiliations", byline_parts.affiliations if byline_parts else ()),
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

    def header(self, index: int) -> _Header:
        """The byline and date after the headline, in either order, each optional; a dek may come first.

        The byline may span lines (`By Jim Garamone` + `DoD News, Defense Media Activity`) and may
        lack its `By` (`Missy Ryan and Loveday Morris`) when a date line follows it.
        """
        window: list[Line] = []
        for line in self.nonblank[index : index + 5]:
            if MARKER.search(line.text) or len(line.text) > 300:
                break
            window.append(line)
        date_at = next((k for k, line in enumerate(window) if self.is_date(line)), None)
        if date_at == 0:
            following = self.at(index + 1)
            if following is not None and looks_like_byline(following.text):
                return _Header([following], window[0], [], index + 2)
            return _Header([], window[0], [], index + 1)
        split = _split_header(window[:date_at]) if date_at is not None else None
        if date_at is None or split is None:
            first = self.at(index)
            if first is not None and looks_like_byline(first.text):
                return _Header([first], None, [], index + 1)
            return _Header([], None, [], index)
        dek, byline = split
        return _Header(byline, window[date_at], dek, index + date_at + 1)

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
            for paragraph, source in _group_paragraphs(group, wrap_width, several_groups=len(groups) > 1, body_wrapped=body_wrapped):
                self.source_lines[paragraph.line] = source
                yield paragraph

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


def _group_paragraphs(group: list[Line], wrap_width: float, several_groups: bool, body_wrapped: bool = False) -> Iterable[tuple[Paragraph, list[Line]]]:
    """Decide whether a group's lines are one hard-wrapped paragraph or several one-line paragraphs."""
    if len(group) == 1:
        yield Paragraph(group[0].text, group[0].number), group
        return
    inner = group[:-1]
    # In hard-wrapped text, a full line that happens to end a sentence is still a wrap.
    ending_sentences = sum(
        1 for index, line in enumerate(inner) if _ends_sentence(line.text) and (not body_wrapped or _room_for(line, group[index + 1], wrap_width))
    )
    wrapped = ending_sentences <= len(inner) / 2 and max(len(line.text) for line in inner) <= 140
    if not wrapped:
        for line in group:
            yield Paragraph(line.text, line.number), [line]
        return
    current: list[Line] = []
    for index, line in enumerate(group):
        current.append(line)
        # Without blank lines between paragraphs, a line that ends a sentence ends its paragraph when
        # it is short, or when the next line's first word would have fitted on it.
        room = _room_for(line, group[index + 1] if index + 1 < len(group) else None, wrap_width)
        if not several_groups and _ends_sentence(line.text) and (len(line.text) < 0.75 * wrap_width or room):
            yield _join(current), current
            current = []
    if current:
        yield _join(current), current


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


def _split_header(before: list[Line]) -> tuple[list[Line], list[Line]] | None:
    """The lines between headline and date as (dek, byline), or None when they cannot be that."""
    by = next((k for k, line in enumerate(before) if looks_like_byline(line.text)), None)
    if by is not None:
        if not all(_continues_byline(line.text) for line in before[by + 1 :]):
            return None
        start = by
    else:
        start = len(before)
        while start > 0 and names_only(before[start - 1].text):
            start -= 1
        if start == len(before) and len(before[-1].text) <= 120:
            start -= 1  # a short line just above the date stands where the byline goes, even if it names nobody
    if start > 2:
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
    if looks_like_byline(lines[0].text) or len(lines) == 1:
        return parse_byline(_join_byline(lines))
    parts = [parse_byline(line.text) for line in lines]
    return Byline(tuple(a for p in parts for a in p.authors), tuple(a for p in parts for a in p.affiliations))


def article_id(article: Article) -> str:
    """`YYYY-MM-DD-slug-of-title`: stable across runs, ASCII, at most about 100 characters."""
    slug = slugify(article.title, max_length=80, word_boundary=True) or slugify(article.path.stem) or "article"
    return f"{article.date or 'undated'}-{slug}"
