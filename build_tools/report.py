"""What a branch changed in the content, against a base commit: the pull-request report CI posts.

A reviewer trusts a change by reading what the pipeline made of it, without running anything: each new or
changed article with the fields `read` took from it (a date or a byline read wrongly shows here), each
changed actor field by field, the links the change makes, and what `check` says about the files it touched.
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

from build_tools.build import Result, analyse
from build_tools.check import Suggestion, scan
from build_tools.model import Article
from build_tools.problems import Problem
from build_tools.registry import Actor, alias_as_written, load_registry
from build_tools.render import escape_inline, plural


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
        if not (name.startswith("actors/") and name.endswith(".yml")):
            continue
        actor_id = Path(name).stem
        actor, old = after.registry.actors.get(actor_id), before.registry.actors.get(actor_id)
        changes = tuple(actor_changes(old, actor)) if actor is not None and old is not None else ()
        (added if name not in base_files else changed).append(ActorReport(name, actor_id, actor, changes, tuple(by_file.get(name, ()))))
    return added, changed


def compare(content: Path, base: str) -> ContentDiff:
    with tempfile.TemporaryDirectory(prefix="report-base-") as scratch:
        base_content = checkout_base_content(content, base, Path(scratch))
        base_files = _files(base_content)
        before = analyse(base_content)
        before_problems = {(_inside(p.path, base_content), p.line, p.severity, p.message) for p in before.problems}
        before_articles = {_inside(a.path, base_content): a for a in before.articles}
    files = _files(content)
    touched = {name for name, data in files.items() if base_files.get(name) != data}
    after = analyse(content)

    edited = {Path(name).stem for name in touched if name.startswith("actors/") and name.endswith(".yml")}
    touched_articles = [a for a in sorted(after.articles, key=lambda a: a.id) if _inside(a.path, content) in touched]
    # `check`'s near misses and suggestions, for the articles the change touched (the others' were reviewed when they came in).
    found = scan(touched_articles, after.registry, after.mentions)
    problems = sorted(_problems_blaming(content, after, edited) + found.near_misses)
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(_inside(problem.path, content), []).append(problem)

    before_links, after_links = _linked(before), _linked(after)
    added, changed = _article_entries(content, touched_articles, before_articles, (before_links, after_links), by_file)
    read = {_inside(a.path, content) for a in after.articles}
    unread = [(name, tuple(by_file.get(name, ()))) for name in sorted(touched) if name.startswith("sources/") and name.endswith(".txt") and name not in read]
    actors_added, actors_changed = _actor_entries(touched, base_files, before, after, by_file)

    # Problems of the files listed above show there; of the others, every error, and the warnings the change brought.
    listed = {entry.source for entry in (*added, *changed)} | {entry.source for entry in (*actors_added, *actors_changed)} | {name for name, _ in unread}
    other = [p for p in problems if _inside(p.path, content) not in listed]
    kept = [
        p
        for p in other
        if p.severity == "error" or _inside(p.path, content) in touched or (_inside(p.path, content), p.line, p.severity, p.message) not in before_problems
    ]
    # Links of the articles listed above show with them; a removed article's links go with it.
    removed = {source: a for source, a in before_articles.items() if source not in files}
    own = (
        {entry.article.id for entry in (*added, *changed)}
        | {entry.before.id for entry in changed if entry.before is not None}
        | {a.id for a in removed.values()}
    )
    listed_links = [(entry.article.id, entry.links_added, entry.links_removed) for entry in (*added, *changed)]
    gained = {pair for pair in _pairs(after_links) - _pairs(before_links) if pair[0] not in own}
    lost = {pair for pair in _pairs(before_links) - _pairs(after_links) if pair[0] not in own}
    return ContentDiff(
        unchanged=not touched and set(files) == set(base_files),
        articles=len(after.articles),
        actors=len(after.registry),
        articles_added=added,
        articles_changed=changed,
        articles_removed=sorted((a.id, a.title, source) for source, a in removed.items()),
        unread_sources=unread,
        actors_added=actors_added,
        actors_changed=actors_changed,
        actors_removed=sorted(
            (a.id, a.name) for a in before.registry.actors.values() if f"actors/{a.id}.yml" not in files and a.id not in after.registry.actors
        ),
        links_added=sorted(gained | {(article_id, actor) for article_id, new, _ in listed_links for actor in new}),
        links_removed=sorted(lost | {(article_id, actor) for article_id, _, old in listed_links for actor in old}),
        other_problems=kept,
        old_warnings=len(other) - len(kept),
        suggestions=found.suggestions,
    )


# --------------------------------------------------------------------------------------------
# Markdown for the job summary: content text is escaped, or shown as code when it is to be read as printed.


def _code(text: str) -> str:
    """`text` as a code span, shown exactly as written (a code span takes no escapes, so the fence outgrows any backticks inside)."""
    text = " ".join(text.split())
    run = longest = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(text: str) -> str:
    return escape_inline(" ".join(text.split()))


def _start(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def _was(now: object, before: object, shown: str) -> str:
    return f" (was {shown})" if before is not None and now != before else ""


def _none(what: str) -> str:
    return f"**{what}**"


def _problem_block(problems: Sequence[Problem], limit: int) -> list[str]:
    if not problems:
        return []
    lines = ["```text", *(p.format().replace("```", "'''") for p in problems[:limit])]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more: run `python -m build_tools check`")
    return [*lines, "```"]


def _article_block(entry: ArticleReport, limit: int) -> list[str]:
    article, was = entry.article, entry.before
    rows = [f"#### {_text(article.title)}", "", f"{_code(entry.source)} → page {_code('articles/' + article.id)}"]
    if was is not None and was.id != article.id:
        rows[-1] += f" (was {_code('articles/' + was.id)}: the page's address changes)"
    rows.append("")
    if was is not None and was.title != article.title:
        rows.append(f"- **Title** was: {_text(was.title)}")
    date = f"{article.date} (from {_code(article.date_text or '')})" if article.date else _none("none found")
    updated = f", updated {article.updated}" if article.updated else ""
    rows.append(f"- **Date:** {date}{updated}{_was(article.date, was and was.date, str(was and was.date))}")
    authors = _text(", ".join(article.authors)) if article.authors else _none("none")
    byline = f"; byline {_code(article.byline)}" if article.byline else "; no byline"
    credit = f"; credit: {_text(article.credit)}" if article.credit else ""
    others = [affiliation for affiliation in article.affiliations if affiliation != article.credit]
    titles = f"; titles: {_text(', '.join(others))}" if others else ""
    was_authors = _was(article.authors, was and was.authors, _text(", ".join(was.authors)) if was else "")
    rows.append(f"- **Authors:** {authors}{byline}{credit}{titles}{was_authors}")
    rows.append(f"- **Outlet:** {_text(article.outlet)}{_was(article.outlet, was and was.outlet, _text(was.outlet) if was else '')}")
    if article.kind or (was and was.kind):
        kind = _text(article.kind) if article.kind else _none("none")
        number = f", release {_code(article.release_number)}" if article.release_number else ""
        rows.append(f"- **Kind:** {kind}{number}{_was(article.kind, was and was.kind, _text(was.kind or 'none') if was else '')}")
    if article.place:
        rows.append(f"- **Place:** {_text(article.place)}")
    counts = f"{plural(len(article.paragraphs), 'paragraph')}, {plural(len(article.references), 'reference')}"
    old_counts = f"{plural(len(was.paragraphs), 'paragraph')}, {plural(len(was.references), 'reference')}" if was else None
    first = f"; it starts: “{_text(_start(article.paragraphs[0].text))}”" if article.paragraphs else ""
    rows.append(f"- **Body:** {counts}{_was(counts, old_counts, str(old_counts))}{first}")
    if article.contributors:
        rows.append(f"- **Contributors:** {_text(', '.join(article.contributors))}")
    links = ", ".join(_code(actor) for actor in entry.links_added) or "none"
    rows.append(f"- **New links ({len(entry.links_added)}):** {links}")
    if entry.links_removed:
        rows.append(f"- **Links no longer made ({len(entry.links_removed)}):** {', '.join(_code(actor) for actor in entry.links_removed)}")
    errors = sum(1 for p in entry.problems if p.severity == "error")
    rows.append(f"- **Problems:** {plural(errors, 'error')}, {plural(len(entry.problems) - errors, 'warning')}")
    return [*rows, "", *_problem_block(entry.problems, limit), ""] if entry.problems else [*rows, ""]


def _value(field: str, value: str) -> str:
    """A field's value: the description as text, anything else as the file writes it."""
    return f"“{_text(value)}”" if field == "description" else _code(value)


def _change_rows(changes: Sequence[FieldChange]) -> list[str]:
    rows = []
    for change in changes:
        if change.old is not None and change.new is not None:
            rows.append(f"  - `{change.field}`: {_value(change.field, change.old)} → {_value(change.field, change.new)}")
        elif change.new is not None:
            rows.append(f"  - `{change.field}`: added {_value(change.field, change.new)}")
        elif change.old is not None:
            rows.append(f"  - `{change.field}`: removed {_value(change.field, change.old)}")
    return rows


def _actor_rows(entry: ActorReport, new: bool, limit: int) -> list[str]:
    actor = entry.actor
    if actor is None:
        head = f"- {_code(entry.id)} does not load: fix the errors below ({_code(entry.source)})"
    else:
        head = f"- {_code(entry.id)} {_text(actor.name)} ({actor.type})"
        if not new and not entry.changes:
            head += ": the file changed, no field did (comments or layout)"
    rows = [head, *_change_rows(entry.changes)]
    if entry.problems:
        rows += ["", *("  " + line for line in _problem_block(entry.problems, limit))]
    return rows


def _section(title: str, rows: Sequence[str]) -> list[str]:
    rows = list(rows)
    while rows and not rows[-1]:
        rows.pop()
    return [f"### {title}", "", *rows, ""] if rows else []


def _grouped_links(pairs: Sequence[tuple[str, str]], skip: set[str], limit: int) -> list[str]:
    by_article: dict[str, list[str]] = {}
    for article_id, actor_id in pairs:
        if article_id not in skip:
            by_article.setdefault(article_id, []).append(actor_id)
    rows = [f"- {_code(article_id)} → {', '.join(_code(a) for a in actors)}" for article_id, actors in sorted(by_article.items())]
    return rows[:limit] + ([f"- … and {len(rows) - limit} more articles"] if len(rows) > limit else [])


def render_report(diff: ContentDiff, base: str, limit: int = 200) -> str:
    """GitHub-flavoured Markdown for the job summary; every piece of content text is escaped or shown as code."""
    out = [f"## Content report against {_code(base)}", ""]
    if diff.unchanged:
        out += [
            f"No content change: the content folder is the same as at {_code(base)} ({plural(diff.articles, 'article')}, {plural(diff.actors, 'actor')}).",
            "",
        ]
        standing = [p for p in diff.other_problems if p.severity == "error"]
        if standing:
            out += [f"### Errors in the content ({len(standing)})", "", *_problem_block(standing, limit), ""]
        return "\n".join(out).rstrip("\n") + "\n"
    touched_problems = [p for entry in (*diff.articles_added, *diff.articles_changed) for p in entry.problems]
    touched_problems += [p for entry in (*diff.actors_added, *diff.actors_changed) for p in entry.problems]
    touched_problems += [p for _, found in diff.unread_sources for p in found]
    everything = touched_problems + diff.other_problems
    errors = sum(1 for p in everything if p.severity == "error")
    out += [
        f"**{len(diff.articles_added)}** articles added, **{len(diff.articles_changed)}** changed, **{len(diff.articles_removed)}** removed · "
        f"**{len(diff.actors_added)}** actors added, **{len(diff.actors_changed)}** changed, **{len(diff.actors_removed)}** removed · "
        f"**{len(diff.links_added)}** new links · **{errors}** errors, **{len(everything) - errors}** warnings",
        "",
    ]
    shown_articles = [*diff.articles_added, *diff.articles_changed]
    for title, entries in (("Articles added", diff.articles_added), ("Articles changed", diff.articles_changed)):
        if entries:
            out += [f"### {title} ({len(entries)})", ""]
            for entry in entries[:limit]:
                out += _article_block(entry, limit)
            if len(entries) > limit:
                out += [f"… and {len(entries) - limit} more.", ""]
    if diff.unread_sources:
        out += [f"### Sources that are not articles ({len(diff.unread_sources)})", ""]
        for source, found in diff.unread_sources:
            out += [f"- {_code(source)}: fix the errors below", "", *_problem_block(found, limit), ""]
    out += _section(f"Articles removed ({len(diff.articles_removed)})", [f"- {_code(i)} {_text(t)} ({_code(s)})" for i, t, s in diff.articles_removed])
    out += _section(f"Actors added ({len(diff.actors_added)})", [row for entry in diff.actors_added for row in _actor_rows(entry, True, limit)])
    out += _section(f"Actors changed ({len(diff.actors_changed)})", [row for entry in diff.actors_changed for row in _actor_rows(entry, False, limit)])
    out += _section(f"Actors removed ({len(diff.actors_removed)})", [f"- {_code(i)} {_text(n)}" for i, n in diff.actors_removed])
    listed_ids = {entry.article.id for entry in shown_articles}
    out += _section("New links in other articles", _grouped_links(diff.links_added, listed_ids, limit))
    out += _section("Links no longer made in other articles", _grouped_links(diff.links_removed, listed_ids, limit))
    if diff.other_problems or diff.old_warnings:
        other_errors = sum(1 for p in diff.other_problems if p.severity == "error")
        title = f"### Other problems ({other_errors} errors, {len(diff.other_problems) - other_errors} warnings)"
        out += [title, "", *_problem_block(diff.other_problems, limit)]
        if diff.old_warnings:
            out += ["", f"{plural(diff.old_warnings, 'warning')} the base had too {'is' if diff.old_warnings == 1 else 'are'} left out."]
        out += [""]
    out += _section(
        f"Names the registry lacks, in the new and changed articles ({len(diff.suggestions)})",
        [f"- {_text(s.text)}: {s.count} in {plural(len(s.articles), 'article')}" for s in diff.suggestions[:50]],
    )
    return "\n".join(out).rstrip("\n") + "\n"
