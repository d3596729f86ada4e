"""The content report as GitHub-flavoured Markdown for the pull request's job summary.

Content text is escaped, or shown as code when it is to be read as printed: nothing in a source becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_tools.model import Article
from build_tools.problems import Problem
from build_tools.render import escape_inline, plural
from build_tools.report import ActorReport, ArticleReport, ContentDiff, FieldChange


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
    """A new or changed article: where its page goes, the fields `read` took from it (with the base's where they differ), links and problems."""
    article, was = entry.article, entry.before
    rows = [f"#### {_text(article.title)}", "", f"{_code(entry.source)} → page {_code('articles/' + article.id)}"]
    if was is not None and was.id != article.id:
        rows[-1] += f" (was {_code('articles/' + was.id)}: the page's address changes)"
    rows.append("")
    if was is not None and was.title != article.title:
        rows.append(f"- **Title** was: {_text(was.title)}")
    rows += [_date_row(article, was), _authors_row(article, was)]
    rows.append(f"- **Outlet:** {_text(article.outlet)}{_was(article.outlet, was and was.outlet, _text(was.outlet) if was else '')}")
    rows += _kind_rows(article, was)
    if article.place:
        rows.append(f"- **Place:** {_text(article.place)}")
    rows.append(_body_row(article, was))
    if article.contributors:
        rows.append(f"- **Contributors:** {_text(', '.join(article.contributors))}")
    rows += _link_rows(entry)
    errors = sum(1 for p in entry.problems if p.severity == "error")
    rows.append(f"- **Problems:** {plural(errors, 'error')}, {plural(len(entry.problems) - errors, 'warning')}")
    return [*rows, "", *_problem_block(entry.problems, limit), ""] if entry.problems else [*rows, ""]


def _date_row(article: Article, was: Article | None) -> str:
    """The date read, with the text it was read from, and the date it was updated."""
    date = f"{article.date} (from {_code(article.date_text or '')})" if article.date else _none("none found")
    updated = f", updated {article.updated}" if article.updated else ""
    return f"- **Date:** {date}{updated}{_was(article.date, was and was.date, str(was and was.date))}"


def _authors_row(article: Article, was: Article | None) -> str:
    """The authors, the byline they were read from, the credit and the other affiliations."""
    authors = _text(", ".join(article.authors)) if article.authors else _none("none")
    byline = f"; byline {_code(article.byline)}" if article.byline else "; no byline"
    credit = f"; credit: {_text(article.credit)}" if article.credit else ""
    others = [affiliation for affiliation in article.affiliations if affiliation != article.credit]
    titles = f"; titles: {_text(', '.join(others))}" if others else ""
    was_authors = _was(article.authors, was and was.authors, _text(", ".join(was.authors)) if was else "")
    return f"- **Authors:** {authors}{byline}{credit}{titles}{was_authors}"


def _kind_rows(article: Article, was: Article | None) -> list[str]:
    """The page's label and release number, when it or the base's reading has one."""
    if not (article.kind or (was and was.kind)):
        return []
    kind = _text(article.kind) if article.kind else _none("none")
    number = f", release {_code(article.release_number)}" if article.release_number else ""
    return [f"- **Kind:** {kind}{number}{_was(article.kind, was and was.kind, _text(was.kind or 'none') if was else '')}"]


def _body_row(article: Article, was: Article | None) -> str:
    """How many paragraphs and references, and how the body starts."""
    counts = f"{plural(len(article.paragraphs), 'paragraph')}, {plural(len(article.references), 'reference')}"
    old_counts = f"{plural(len(was.paragraphs), 'paragraph')}, {plural(len(was.references), 'reference')}" if was else None
    first = f"; it starts: “{_text(_start(article.paragraphs[0].text))}”" if article.paragraphs else ""
    return f"- **Body:** {counts}{_was(counts, old_counts, str(old_counts))}{first}"


def _link_rows(entry: ArticleReport) -> list[str]:
    """The actors the article links now and did not, and those it no longer links."""
    links = ", ".join(_code(actor) for actor in entry.links_added) or "none"
    rows = [f"- **New links ({len(entry.links_added)}):** {links}"]
    if entry.links_removed:
        rows.append(f"- **Links no longer made ({len(entry.links_removed)}):** {', '.join(_code(actor) for actor in entry.links_removed)}")
    return rows


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
        out += _unchanged(diff, base, limit)
        return "\n".join(out).rstrip("\n") + "\n"
    out += [_totals(diff), ""]
    for title, entries in (("Articles added", diff.articles_added), ("Articles changed", diff.articles_changed)):
        out += _articles_section(title, entries, limit)
    out += _unread_section(diff.unread_sources, limit)
    out += _section(f"Articles removed ({len(diff.articles_removed)})", [f"- {_code(i)} {_text(t)} ({_code(s)})" for i, t, s in diff.articles_removed])
    out += _section(f"Actors added ({len(diff.actors_added)})", [row for entry in diff.actors_added for row in _actor_rows(entry, True, limit)])
    out += _section(f"Actors changed ({len(diff.actors_changed)})", [row for entry in diff.actors_changed for row in _actor_rows(entry, False, limit)])
    out += _section(f"Actors removed ({len(diff.actors_removed)})", [f"- {_code(i)} {_text(n)}" for i, n in diff.actors_removed])
    listed_ids = {entry.article.id for entry in (*diff.articles_added, *diff.articles_changed)}
    out += _section("New links in other articles", _grouped_links(diff.links_added, listed_ids, limit))
    out += _section("Links no longer made in other articles", _grouped_links(diff.links_removed, listed_ids, limit))
    out += _other_problems_section(diff, limit)
    out += _section(
        f"Names the registry lacks, in the new and changed articles ({len(diff.suggestions)})",
        [f"- {_text(s.text)}: {s.count} in {plural(len(s.articles), 'article')}" for s in diff.suggestions[:50]],
    )
    return "\n".join(out).rstrip("\n") + "\n"


def _unchanged(diff: ContentDiff, base: str, limit: int) -> list[str]:
    """The report when the content is the same as at the base: that, and the errors it still has."""
    out = [
        f"No content change: the content folder is the same as at {_code(base)} ({plural(diff.articles, 'article')}, {plural(diff.actors, 'actor')}).",
        "",
    ]
    standing = [p for p in diff.other_problems if p.severity == "error"]
    if standing:
        out += [f"### Errors in the content ({len(standing)})", "", *_problem_block(standing, limit), ""]
    return out


def _totals(diff: ContentDiff) -> str:
    """One line: how many articles and actors were added, changed and removed, new links, and every problem counted."""
    touched_problems = [p for entry in (*diff.articles_added, *diff.articles_changed) for p in entry.problems]
    touched_problems += [p for entry in (*diff.actors_added, *diff.actors_changed) for p in entry.problems]
    touched_problems += [p for _, found in diff.unread_sources for p in found]
    everything = touched_problems + diff.other_problems
    errors = sum(1 for p in everything if p.severity == "error")
    return (
        f"**{len(diff.articles_added)}** articles added, **{len(diff.articles_changed)}** changed, **{len(diff.articles_removed)}** removed · "
        f"**{len(diff.actors_added)}** actors added, **{len(diff.actors_changed)}** changed, **{len(diff.actors_removed)}** removed · "
        f"**{len(diff.links_added)}** new links · **{errors}** errors, **{len(everything) - errors}** warnings"
    )


def _articles_section(title: str, entries: Sequence[ArticleReport], limit: int) -> list[str]:
    """The added or the changed articles, each as `_article_block`, the first `limit` of them."""
    if not entries:
        return []
    out = [f"### {title} ({len(entries)})", ""]
    for entry in entries[:limit]:
        out += _article_block(entry, limit)
    if len(entries) > limit:
        out += [f"… and {len(entries) - limit} more.", ""]
    return out


def _unread_section(unread: Sequence[tuple[str, Sequence[Problem]]], limit: int) -> list[str]:
    """The touched sources that do not read as an article, with their errors."""
    if not unread:
        return []
    out = [f"### Sources that are not articles ({len(unread)})", ""]
    for source, found in unread:
        out += [f"- {_code(source)}: fix the errors below", "", *_problem_block(found, limit), ""]
    return out


def _other_problems_section(diff: ContentDiff, limit: int) -> list[str]:
    """Problems of the files the report does not list, and how many old warnings were left out."""
    if not (diff.other_problems or diff.old_warnings):
        return []
    other_errors = sum(1 for p in diff.other_problems if p.severity == "error")
    title = f"### Other problems ({other_errors} errors, {len(diff.other_problems) - other_errors} warnings)"
    out = [title, "", *_problem_block(diff.other_problems, limit)]
    if diff.old_warnings:
        out += ["", f"{plural(diff.old_warnings, 'warning')} the base had too {'is' if diff.old_warnings == 1 else 'are'} left out."]
    return [*out, ""]
