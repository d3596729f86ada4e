"""What a branch changed in the content, against a base commit: the pull-request report CI posts."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools.build import Result, analyse
from build_tools.check import Suggestion, scan
from build_tools.problems import Problem
from build_tools.render import escape_inline


class ReportError(Exception):
    """The base commit could not be read (not a git checkout, unknown ref)."""


@dataclass(frozen=True)
class ContentDiff:
    """Differences between the base's content and the working tree's."""

    articles_added: list[tuple[str, str, str]]
    """(id, title, source path) of articles only the branch has."""
    articles_changed: list[tuple[str, str, str]]
    """Articles whose source text changed."""
    articles_removed: list[tuple[str, str]]
    """(id, title) of articles the branch deleted."""
    actors_added: list[tuple[str, str, str]]
    """(id, name, type) of new actors."""
    actors_changed: list[tuple[str, str, str]]
    """Actors whose file changed."""
    actors_removed: list[tuple[str, str]]
    """(id, name) of deleted actors."""
    links_added: list[tuple[str, str]]
    """(article id, actor id) pairs linked now but not at the base."""
    links_removed: list[tuple[str, str]]
    """Pairs linked at the base but no longer."""
    problems: list[Problem]
    """Everything `check` finds in the branch's content."""
    suggestions: list[Suggestion]
    """Names the registry lacks."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout
    except FileNotFoundError as exc:
        raise ReportError("git is not installed: the report compares against a commit, so it needs git") from exc
    except subprocess.CalledProcessError as exc:
        raise ReportError(exc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed") from exc


def checkout_base_content(content: Path, base: str, into: Path) -> Path:
    """Extract the content folder as it is at `base` into `into`; an empty folder when it did not exist there."""
    content = content.resolve()
    top = Path(_git(content if content.is_dir() else content.parent, "rev-parse", "--show-toplevel").decode().strip())
    relative = content.relative_to(top).as_posix()
    _git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    target = into / "content"
    target.mkdir(parents=True)
    listing = _git(top, "ls-tree", "-r", "--name-only", base, "--", relative).decode().split()
    if not listing:
        return target
    archive = _git(top, "archive", "--format=tar", base, "--", relative)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = Path(member.name).relative_to(relative)
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            extracted = tar.extractfile(member)
            if extracted is not None:
                destination.write_bytes(extracted.read())
    return target


def _linked_pairs(result: Result) -> set[tuple[str, str]]:
    return {(m.article, m.actor) for mentions in result.mentions.values() for m in mentions if m.linked}


def _relative(path: Path, content: Path) -> str:
    try:
        return path.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        return path.name


def compare(content: Path, base: str) -> ContentDiff:
    with tempfile.TemporaryDirectory(prefix="report-base-") as scratch:
        base_content = checkout_base_content(content, base, Path(scratch))
        before = analyse(base_content)
        before_sources = {a.id: a.path.read_bytes() for a in before.articles}
        before_actors = {a.id: a.path.read_bytes() for a in before.registry.actors.values()}
    after = analyse(content)
    found = scan(after.articles, after.registry, after.mentions)
    problems = sorted(after.problems + found.near_misses)
    after_ids = {a.id for a in after.articles}
    articles_added, articles_changed = [], []
    for article in sorted(after.articles, key=lambda a: a.id):
        entry = (article.id, article.title, _relative(article.path, content))
        if article.id not in before_sources:
            articles_added.append(entry)
        elif article.path.read_bytes() != before_sources[article.id]:
            articles_changed.append(entry)
    actors_added, actors_changed = [], []
    for actor in after.registry.actors.values():
        entry = (actor.id, actor.name, actor.type)
        if actor.id not in before_actors:
            actors_added.append(entry)
        elif actor.path.read_bytes() != before_actors[actor.id]:
            actors_changed.append(entry)
    before_links, after_links = _linked_pairs(before), _linked_pairs(after)
    return ContentDiff(
        articles_added=articles_added,
        articles_changed=articles_changed,
        articles_removed=sorted((a.id, a.title) for a in before.articles if a.id not in after_ids),
        actors_added=actors_added,
        actors_changed=actors_changed,
        actors_removed=sorted((a.id, a.name) for a in before.registry.actors.values() if a.id not in after.registry.actors),
        links_added=sorted(after_links - before_links),
        links_removed=sorted(before_links - after_links),
        problems=problems,
        suggestions=found.suggestions,
    )


def _section(title: str, rows: Iterable[str]) -> list[str]:
    rows = list(rows)
    return [f"### {title} ({len(rows)})", "", *rows, ""] if rows else []


def render_report(diff: ContentDiff, base: str, limit: int = 200) -> str:
    """GitHub-flavoured Markdown for the job summary; every piece of content text is escaped."""
    errors = sum(1 for p in diff.problems if p.severity == "error")
    warnings = len(diff.problems) - errors
    out = [f"## Content report against `{escape_inline(base)}`", ""]
    out += [
        f"**{len(diff.articles_added)}** articles added, **{len(diff.articles_changed)}** changed, **{len(diff.articles_removed)}** removed · "
        f"**{len(diff.actors_added)}** actors added, **{len(diff.actors_changed)}** changed, **{len(diff.actors_removed)}** removed · "
        f"**{len(diff.links_added)}** new links · **{errors}** errors, **{warnings}** warnings",
        "",
    ]
    out += _section("Articles added", (f"- `{i}` {escape_inline(t)} (`{escape_inline(p)}`)" for i, t, p in diff.articles_added))
    out += _section("Articles changed", (f"- `{i}` {escape_inline(t)} (`{escape_inline(p)}`)" for i, t, p in diff.articles_changed))
    out += _section("Articles removed", (f"- `{i}` {escape_inline(t)}" for i, t in diff.articles_removed))
    out += _section("Actors added", (f"- `{i}` {escape_inline(n)} ({t})" for i, n, t in diff.actors_added))
    out += _section("Actors changed", (f"- `{i}` {escape_inline(n)} ({t})" for i, n, t in diff.actors_changed))
    out += _section("Actors removed", (f"- `{i}` {escape_inline(n)}" for i, n in diff.actors_removed))
    out += _section("New links", (f"- `{article}` → `{actor}`" for article, actor in diff.links_added[:limit]))
    if len(diff.links_added) > limit:
        out += [f"… and {len(diff.links_added) - limit} more.", ""]
    out += _section("Links no longer made", (f"- `{article}` → `{actor}`" for article, actor in diff.links_removed[:limit]))
    if diff.problems:
        out += [f"### Problems ({errors} errors, {warnings} warnings)", "", "```text"]
        out += [p.format().replace("```", "'''") for p in diff.problems[:limit]]
        out += ["```", ""]
    out += _section(
        "Names the registry lacks",
        (f"- {escape_inline(s.text)}: {s.count} in {len(s.articles)} article{'s' * (len(s.articles) != 1)}" for s in diff.suggestions[:50]),
    )
    return "\n".join(out).rstrip("\n") + "\n"
