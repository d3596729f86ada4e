"""A source's own front matter: the keys that correct what reading found, checked into the shapes an Article wants.

Its YAML loader keeps dates as written; `outlets.yml` is read with it too.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from build_tools.dates import InvalidDate, parse_date_line
from build_tools.model import RelatedItem
from build_tools.problems import Problem, error
from build_tools.urls import url_problem

# The fields a source may set in front matter, where reading got them wrong or the page does not print them
# (README: front matter overrides).
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


class _TextDatesLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as written: `date: 2015-02-30` is then our clear error, not a crash in PyYAML."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# What loading YAML can raise besides YAMLError (an explicit `!!timestamp 2015-02-30`, absurd nesting).
YAML_FAILURES = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def load_yaml(text: str) -> Any:
    """A YAML document as Python values, dates kept as the text written."""
    return yaml.load(text, Loader=_TextDatesLoader)  # a SafeLoader subclass: no arbitrary objects


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], int, list[Problem]]:
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
        data = load_yaml("\n".join(lines[1:end]))
    except YAML_FAILURES as exc:
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
    """The line of the file where front matter sets `key` (1 when not found: problems always name a line)."""
    for number, text in enumerate(lines, start=1):
        if text.startswith(f"{key}:"):
            return number
    return 1


def check_overrides(path: Path, data: dict[str, Any], text: str) -> tuple[dict[str, Any], list[Problem]]:
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
    """Whether `YYYY-MM-DD` names a real day."""
    try:
        return parse_date_line(iso) is not None
    except InvalidDate:
        return False


def _related_overrides(path: Path, line: int, value: Any) -> tuple[tuple[RelatedItem, ...], list[Problem]]:
    """Front matter's `related` list as RelatedItems; one error (and no items) when an entry is not right."""
    example = "related: [{date: '2015-07-28', outlet: Reuters, title: Headline, url: null}]"
    if not isinstance(value, list):
        return (), [error(path, line, f"`related` must be a list, e.g. `{example}`")]
    items: list[RelatedItem] = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or set(entry) - {"date", "outlet", "title", "url"}:
            return (), [error(path, line, f"each `related` entry needs a `title` and may have `date`, `outlet`, `url` only, e.g. `{example}`")]
        url = entry.get("url")
        if url is not None and url_problem(str(url)):
            return (), [error(path, line, f"`related` url {url!r}: {url_problem(str(url))}")]
        date: Any = entry.get("date")
        date_iso = date.isoformat() if isinstance(date, dt.date) else date
        items.append(RelatedItem(date_iso if isinstance(date_iso, str) else None, entry.get("outlet"), entry["title"], url))
    return tuple(items), []
