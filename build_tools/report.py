"""What a branch changed in the content, against a base commit: the pull-request report CI posts.

A reviewer trusts a change by reading what the pipeline made of it, without running anything: each new or
changed article with the fields `read` took from it (a date or a byline read wrongly shows here), each
changed actor field by field, the links the change makes, and what `check` says about the files it touched.
This module compares; `report_markdown` writes the comparison as the Markdown of the job summary.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from build_tools.build import Result, analyse
from build_tools.check import Suggestion, scan
from build_tools.model import Article
from build_tools.problems import Problem
from build_tools.registry import Actor, alias_as_written, load_registry


class ReportError(Exception):
    """The base commit could not be read (not a git checkout, unknown ref)."""


@dataclass(frozen=True)
class ArticleReport:
    """A new or changed article, as the pipeline read it."""

    source: str
    """The source file, inside the content folder (`sources/x.txt`)."""
    article: Article
    """What `read` made of it."""
    before: Article | None
    """The base's reading of the same source; None for a new article."""
    links_added: tuple[str, ...]
    """Ids of the actors it links now and did not at the base."""
    links_removed: tuple[str, ...]
    """Ids of the actors it linked at the base and no longer does."""
    problems: tuple[Problem, ...]
    """What `check` says about the source, near misses included."""


@dataclass(frozen=True)
class FieldChange:
    """One change to an actor: a field's old and new value, or a list item added (old None) or removed (new None)."""

    field: str
    """The key in the actor file."""
    old: str | None
    """The value at the base, as an actor file writes it."""
    new: str | None
    """The value now."""


@dataclass(frozen=True)
class ActorReport:
    """A new or changed actor file."""

    source: str
    """The file, inside the content folder (`actors/x.yml`)."""
    id: str
    """The file name without `.yml`."""
    actor: Actor | None
    """The actor now; None when the file does not validate (its errors say why)."""
    changes: tuple[FieldChange, ...]
    """What changed against the base's actor (empty for a new actor)."""
    problems: tuple[Problem, ...]
    """What `check` says about the file."""


@dataclass(frozen=True)
class ContentDiff:
    """Differences between the base's content and the working tree's, with what a reviewer needs to judge them."""

    unchanged: bool
    """The content folder holds the same files, byte for byte, as at the base."""
    articles: int
    """How many articles the content has now."""
    actors: int
    """How many actors load now."""
    articles_added: list[ArticleReport]
    """Sources the base did not have, in id order."""
    articles_changed: list[ArticleReport]
    """Sources whose text changed."""
    articles_removed: list[tuple[str, str, str]]
    """(id, title, source) of the base's articles whose source is gone."""
    unread_sources: list[tuple[str, tuple[Problem, ...]]]
    """(source, its problems) of new or changed sources that do not read as an article."""
    actors_added: list[ActorReport]
    """Actor files the base did not have."""
    actors_changed: list[ActorReport]
    """Actor files whose text changed."""
    actors_removed: list[tuple[str, str]]
    """(id, name) of the base's actors whose file is gone."""
    links_added: list[tuple[str, str]]
    """(article id, actor id) pairs linked now but not at the base: those of the articles listed above, and of the others."""
    links_removed: list[tuple[str, str]]
    """Pairs linked at the base but no longer (a removed article's links left out)."""
    other_problems: list[Problem]
    """Problems of files not listed above: every error, and the warnings of files the change touched or that the base did not have."""
    old_warnings: int
    """Warnings of untouched files that the base had too (left out of the report)."""
    suggestions: list[Suggestion]
    """Names in the new and changed articles that the registry lacks."""


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


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path inside it."""
    root = folder.resolve()
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _inside(path: Path | str, content: Path) -> str:
    """A path (or a problem's path as printed) inside the content folder, e.g. `sources/x.txt`; as given when outside it."""
    try:
        return Path(path).resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        return str(path)


def _linked(result: Result) -> dict[str, set[str]]:
    """The actors each article links, by article id."""
    return {article_id: {m.actor for m in mentions if m.linked} for article_id, mentions in result.mentions.items()}


def _pairs(links: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(article_id, actor) for article_id, actors in links.items() for actor in actors}


def _problems_blaming(content: Path, result: Result, edited: set[str]) -> list[Problem]:
    """`result.problems`, with a name two actors claim reported on the actor file the change added or edited."""
    if not edited:
        return list(result.problems)
    plain, blamed = load_registry(content)[1], load_registry(content, edited)[1]
    if plain == blamed:
        return list(result.problems)
    return sorted((Counter(result.problems) - Counter(plain) + Counter(blamed)).elements())


def _listed(values: Iterable[object]) -> str:
    return ", ".join(str(value) for value in values)


def _actor_fields(actor: Actor) -> dict[str, str | list[str]]:
    """An actor's fields as an actor file writes them: text for one value, a list of items for the others."""
    return {
        "name": actor.name,
        "type": actor.type,
        "aliases": [alias_as_written(alias) for alias in actor.aliases],
        "description": actor.description,
        "description_source": actor.description_source,
        "roles": [
            _listed(part for part in (role.title, role.of and f"of: {role.of}", role.start and f"from: {role.start}", role.end and f"to: {role.end}") if part)
            for role in actor.roles
        ],
        "relations": [
            _listed(
                part
                for part in (
                    f"{relation.type}: {relation.target}",
                    relation.start and f"from: {relation.start}",
                    relation.end and f"to: {relation.end}",
                    relation.source and f"source: {relation.source}",
                )
                if part
            )
            for relation in actor.relations
        ],
        "external_ids": [f"{scheme}: {value}" for scheme, value in actor.external_ids],
        "not_same_as": list(actor.not_same_as),
    }


def actor_changes(old: Actor, new: Actor) -> list[FieldChange]:
    """What changed between two versions of an actor, in file order: old -> new for one value, items added and removed for lists."""
    changes: list[FieldChange] = []
    before, after = _actor_fields(old), _actor_fields(new)
    for field, was in before.items():
        now = after[field]
        if isinstance(was, str) and isinstance(now, str):
            if was != now:
                changes.append(FieldChange(field, was, now))
        elif isinstance(was, list) and isinstance(now, list):
            changes += [FieldChange(field, item, None) for item in was if item not in now]
            changes += [FieldChange(field, None, item) for item in now if item not in was]
    return changes


def _article_entries(
    content: Path,
    articles: Sequence[Article],
    before: dict[str, Article],
    links: tuple[dict[str, set[str]], dict[str, set[str]]],
    by_file: dict[str, list[Problem]],
) -> tuple[list[ArticleReport], list[ArticleReport]]:
    """(added, changed): `articles` (the touched ones) against the base's reading of the same sources, `before`."""
    before_links, after_links = links
    added: list[ArticleReport] = []
    changed: list[ArticleReport] = []
    for article in articles:
        source = _inside(article.path, content)
        was = before.get(source)
        now_links = after_links.get(article.id, set())
        old_links = before_links.get(was.id, set()) if was is not None else set()
        entry = ArticleReport(source, article, was, tuple(sorted(now_links - old_links)), tuple(sorted(old_links - now_links)), tuple(by_file.get(source, ())))
        (added if was is None else changed).append(entry)
    return added, changed


def _actor_entries(
    touched: set[str], base_files: dict[str, bytes], before: Result, after: Result, by_file: dict[str, list[Problem]]
) -> tuple[list[ActorReport], list[ActorReport]]:
    """(added, changed) actor files, each with its fields' changes when both versions load."""
    added: list[ActorReport] = []
    changed: list[ActorReport] = []
    for name in sorted(touched):
        if not _is_actor_file(name):
            continue
        actor_id = Path(name).stem
        actor, old = after.registry.actors.get(actor_id), before.registry.actors.get(actor_id)
        changes = tuple(actor_changes(old, actor)) if actor is not None and old is not None else ()
        (added if name not in base_files else changed).append(ActorReport(name, actor_id, actor, changes, tuple(by_file.get(name, ()))))
    return added, changed


class _Base(NamedTuple):
    """The content as it is at the base commit, as the pipeline reads it."""

    files: dict[str, bytes]
    """Every file, by its path inside the content folder."""
    result: Result
    """What the pipeline made of it."""
    problems: set[tuple[str, int, str, str]]
    """Its problems as (file inside the content folder, line, severity, message): to tell the change's own from those it inherits."""
    articles: dict[str, Article]
    """Its articles, by source file inside the content folder."""


def _read_base(content: Path, base: str) -> _Base:
    """The content folder as it is at `base`, read by the pipeline in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="report-base-") as scratch:
        base_content = checkout_base_content(content, base, Path(scratch))
        files = _files(base_content)
        result = analyse(base_content)
        problems: set[tuple[str, int, str, str]] = {(_inside(p.path, base_content), p.line, p.severity, p.message) for p in result.problems}
        articles = {_inside(a.path, base_content): a for a in result.articles}
    return _Base(files, result, problems, articles)


def _is_actor_file(name: str) -> bool:
    """An actor file, by its path inside the content folder."""
    return name.startswith("actors/") and name.endswith(".yml")


def _by_file(content: Path, problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems by file inside the content folder, in the order given."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(_inside(problem.path, content), []).append(problem)
    return by_file


def _unread_sources(content: Path, touched: set[str], after: Result, by_file: dict[str, list[Problem]]) -> list[tuple[str, tuple[Problem, ...]]]:
    """(source, its problems) of the touched sources that do not read as an article."""
    read = {_inside(a.path, content) for a in after.articles}
    sources = (name for name in sorted(touched) if name.startswith("sources/") and name.endswith(".txt"))
    return [(name, tuple(by_file.get(name, ()))) for name in sources if name not in read]


def _other_problems(
    content: Path, problems: list[Problem], listed: set[str], touched: set[str], inherited: set[tuple[str, int, str, str]]
) -> tuple[list[Problem], list[Problem]]:
    """(all, kept): the problems of files not listed in the report, and of those every error and the warnings the change brought."""
    other = [p for p in problems if _inside(p.path, content) not in listed]
    kept = []
    for problem in other:
        where = _inside(problem.path, content)
        if problem.severity == "error" or where in touched or (where, problem.line, problem.severity, problem.message) not in inherited:
            kept.append(problem)
    return other, kept


def _link_changes(
    links: tuple[dict[str, set[str]], dict[str, set[str]]], entries: Sequence[ArticleReport], removed: Iterable[Article]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(added, removed) (article id, actor id) pairs: those of the listed articles, and of the others; a removed article's links go with it."""
    before_links, after_links = links
    own = {entry.article.id for entry in entries} | {entry.before.id for entry in entries if entry.before is not None} | {a.id for a in removed}
    gained = {pair for pair in _pairs(after_links) - _pairs(before_links) if pair[0] not in own}
    lost = {pair for pair in _pairs(before_links) - _pairs(after_links) if pair[0] not in own}
    added = {(entry.article.id, actor) for entry in entries for actor in entry.links_added}
    dropped = {(entry.article.id, actor) for entry in entries for actor in entry.links_removed}
    return sorted(gained | added), sorted(lost | dropped)


def _actors_removed(before: Result, after: Result, files: dict[str, bytes]) -> list[tuple[str, str]]:
    """(id, name) of the base's actors whose file is gone."""
    gone = (a for a in before.registry.actors.values() if f"actors/{a.id}.yml" not in files)
    return sorted((a.id, a.name) for a in gone if a.id not in after.registry.actors)


def compare(content: Path, base: str) -> ContentDiff:
    """What the content folder's working tree changed against the commit `base`, with what a reviewer needs to judge it."""
    was = _read_base(content, base)
    files = _files(content)
    touched = {name for name, data in files.items() if was.files.get(name) != data}
    after = analyse(content)

    edited = {Path(name).stem for name in touched if _is_actor_file(name)}
    touched_articles = [a for a in sorted(after.articles, key=lambda a: a.id) if _inside(a.path, content) in touched]
    # `check`'s near misses and suggestions, for the articles the change touched (the others' were reviewed when they came in).
    found = scan(touched_articles, after.registry, after.mentions)
    problems = sorted(_problems_blaming(content, after, edited) + found.near_misses)
    by_file = _by_file(content, problems)

    links = (_linked(was.result), _linked(after))
    added, changed = _article_entries(content, touched_articles, was.articles, links, by_file)
    unread = _unread_sources(content, touched, after, by_file)
    actors_added, actors_changed = _actor_entries(touched, was.files, was.result, after, by_file)

    # Problems of the files listed above show there; of the others, every error, and the warnings the change brought.
    listed = {entry.source for entry in (*added, *changed)} | {entry.source for entry in (*actors_added, *actors_changed)} | {name for name, _ in unread}
    other, kept = _other_problems(content, problems, listed, touched, was.problems)
    # Links of the articles listed above show with them; a removed article's links go with it.
    removed = {source: a for source, a in was.articles.items() if source not in files}
    links_added, links_removed = _link_changes(links, (*added, *changed), removed.values())
    return ContentDiff(
        unchanged=not touched and set(files) == set(was.files),
        articles=len(after.articles),
        actors=len(after.registry),
        articles_added=added,
        articles_changed=changed,
        articles_removed=sorted((a.id, a.title, source) for source, a in removed.items()),
        unread_sources=unread,
        actors_added=actors_added,
        actors_changed=actors_changed,
        actors_removed=_actors_removed(was.result, after, files),
        links_added=links_added,
        links_removed=links_removed,
        other_problems=kept,
        old_warnings=len(other) - len(kept),
        suggestions=found.suggestions,
    )
