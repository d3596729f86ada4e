"""Phase 4, render (the paging half): which of an actor's quotes go on its own page, and the year pages for the rest.

An actor page stays light however often the actor is named. Its quotes stay on it while they fit PAGE_BUDGET;
beyond that it quotes the latest articles and links to a page per year (`actors/<id>/<year>.md`). A year too big
for the budget is cut at month boundaries, as many whole months to a page as fit: `<year>.md` holds the newest,
`<year>-<month>.md` the next ones (named for their newest month), and a month too big on its own is cut into parts
(`…-2.md`, `…-3.md`). So every quote is on the actor page, or one click away (a year page), or two (the year's other
pages), and the number of pages grows only with the busiest actors: measured at 5,000 articles, a page per month
made MkDocs render 2,000 more pages, and Material's template costs the same for a small page as for a big one.
This module knows quotes only by their size and month: glossary.py renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.render import front_matter, plural
from build_tools.timeline import UNDATED, month_label

PAGE_BUDGET = 300_000
"""Bytes of quotes (their HTML) one page may carry: an actor page, a year page or one of a big year's other pages.

With Material's own markup around them, pages at the budget are 310-345 KiB of HTML at 10,000 articles x 5,000
actors (`make bench`; the ceiling is 400 KB); and the fewer pages, the less MkDocs spends on each one's template.
The glossary holds its entries to the same budget (glossary_index.py)."""
LATEST = 20
"""Articles an actor page quotes when its quotes do not all fit: the newest."""
QUOTES_BY_YEAR = "quotes-by-year"
"""The id of the actor page's list of year pages, which year pages link back to."""
UNDATED_HEADING = "Undated articles"
"""What the page of the articles without a date is called."""


@dataclass(frozen=True)
class Part:
    """A page of quotes beyond the actor's own: a year, or one of the pages of a big year."""

    key: str
    """The file stem in `actors/<id>/`: `2015` (a year's first page), `2015-09` (a later one, from its newest month), `2015-09-2`, `undated`."""
    span: str
    """The months it covers, for links and headings: `2015`, `October–December 2015`, `March 2015`, `March 2015, part 2 of 3`."""
    items: range
    """Indexes of its articles in the actor's quoted articles (newest first)."""


@dataclass(frozen=True)
class Year:
    """The quotes of one year (or of the undated articles), on one page or on several."""

    key: str
    """`2015`, or `undated`."""
    items: range
    """Indexes of its articles in the actor's quoted articles."""
    parts: tuple[Part, ...]
    """Its pages, newest first; the first is `<year>.md`."""


@dataclass(frozen=True)
class Plan:
    """Where each of an actor's quotes goes."""

    on_actor_page: int
    """How many of the newest quoted articles the actor page quotes."""
    years: tuple[Year, ...]
    """The year pages, newest first (undated last); empty when the actor page quotes every article."""


def _chunks(items: range, sizes: Sequence[int]) -> list[range]:
    """Consecutive runs of `items` whose sizes fit the budget (an item bigger than the budget is a run of its own)."""
    runs: list[range] = []
    start, total = items.start, 0
    for index in items:
        if index > start and total + sizes[index] > PAGE_BUDGET:
            runs.append(range(start, index))
            start, total = index, 0
        total += sizes[index]
    if len(items):
        runs.append(range(start, items.stop))
    return runs


def _runs(keys: Sequence[str], items: range) -> list[tuple[str, range]]:
    """`items` cut where `keys` (sorted, so equal keys are together) changes."""
    runs: list[tuple[str, range]] = []
    for index in items:
        if runs and runs[-1][0] == keys[index]:
            runs[-1] = (keys[index], range(runs[-1][1].start, index + 1))
        else:
            runs.append((keys[index], range(index, index + 1)))
    return runs


def _month_chunks(months: Sequence[str], items: range, sizes: Sequence[int]) -> list[range]:
    """`items` cut at month boundaries into runs that fit the budget; a month too big on its own is cut between articles."""
    chunks: list[range] = []
    open_for_more = False  # whether the last chunk holds whole months only, so the next month may join it
    for _, run in _runs(months, items):
        size = sum(sizes[i] for i in run)
        if open_for_more and sum(sizes[i] for i in chunks[-1]) + size <= PAGE_BUDGET:
            chunks[-1] = range(chunks[-1].start, run.stop)
            continue
        parts = _chunks(run, sizes)
        chunks += parts
        open_for_more = len(parts) == 1
    return chunks


def _span(months: Sequence[str], chunk: range) -> str:
    newest, oldest = months[chunk.start], months[chunk.stop - 1]
    if newest == oldest:
        return month_label(newest)
    return f"{month_label(oldest).split()[0]}–{month_label(newest)}"


def _year_parts(year: str, months: Sequence[str], items: range, sizes: Sequence[int]) -> list[Part]:
    if sum(sizes[i] for i in items) <= PAGE_BUDGET:
        return [Part(year, year if year != UNDATED else UNDATED_HEADING, items)]
    chunks = _month_chunks(months, items, sizes)
    if len(chunks) == 1:  # one article alone over the budget: nothing to cut, the year page holds it
        return [Part(year, year, items)]
    parts: list[Part] = []
    for number, chunk in enumerate(chunks):
        month = months[chunk.start]
        # Parts of one month: numbered after the month's first page.
        of_month = [c for c in chunks if months[c.start] == month and months[c.stop - 1] == month]
        span = _span(months, chunk) if year != UNDATED else UNDATED_HEADING
        if len(of_month) > 1 and chunk in of_month:
            place = of_month.index(chunk) + 1
            span = f"{span}, part {place} of {len(of_month)}"
            key = month if place == 1 else f"{month}-{place}"
        else:
            key = month
        parts.append(Part(year if number == 0 else key, span, chunk))
    return parts


def plan_pages(months: Sequence[str], sizes: Sequence[int]) -> Plan:
    """Split an actor's quoted articles (their months and quote sizes in bytes, newest first, undated last) into pages."""
    if sum(sizes) <= PAGE_BUDGET:
        return Plan(len(months), ())
    latest = _chunks(range(min(LATEST, len(months))), sizes)[0]
    years = [
        Year(year, items, tuple(_year_parts(year, months, items, sizes)))
        for year, items in _runs([m[:4] if m != UNDATED else UNDATED for m in months], range(len(months)))
    ]
    return Plan(len(latest), tuple(years))


def month_hrefs(plan: Plan, months: Sequence[str]) -> dict[str, str]:
    """Month -> where its quotes start, as a URL relative to the actor page (what the timeline's bars link to)."""
    if not plan.years:
        return {month: f"#{month_anchor(month)}" for month in dict.fromkeys(months)}
    hrefs: dict[str, str] = {}
    for year in plan.years:
        for part in year.parts:
            for index in part.items:
                hrefs.setdefault(months[index], f"{part.key}/#{month_anchor(months[index])}")
    return hrefs


def month_anchor(month: str) -> str:
    """The id of a month's heading: `m-2015-03`, `m-undated`."""
    return f"m-{month}"


def quotes_by_month(months: Sequence[str], blocks: Sequence[str], items: range, level: str) -> list[str]:
    """Markdown lines: the articles' quote blocks under a heading per month (`level`: `##` or `###`), newest first."""
    out: list[str] = []
    for month, run in _runs(months, items):
        out += [f"{level} {month_label(month)} {{: #{month_anchor(month)} }}", "", '<div class="actor-mentions" data-search-exclude>']
        out += [blocks[index] for index in run]
        out += ["</div>", ""]
    return out


def _counted(items: range, mentions: Sequence[int]) -> str:
    return f"{plural(len(items), 'article')}, {plural(sum(mentions[i] for i in items), 'mention')}"


def _short(year: Year, part: Part, number: int) -> str:
    """A page's span without its year, for the year's list of pages: `October–December`, `March, part 2 of 3`, `part 2`."""
    return part.span.replace(f" {year.key}", "") if year.key != UNDATED else f"part {number}"


def year_links(actor_id: str, plan: Plan, mentions: Sequence[int]) -> list[str]:
    """Markdown lines for the actor page: a list item per year, with the year's other pages when it has them."""
    out: list[str] = []
    for year in plan.years:
        label = year.key if year.key != UNDATED else UNDATED_HEADING
        line = f"- [{label}]({actor_id}/{year.key}.md) · {_counted(year.items, mentions)}"
        if len(year.parts) > 1:
            line += ": " + ", ".join(f"[{_short(year, part, n)}]({actor_id}/{part.key}.md)" for n, part in enumerate(year.parts, 1))
        out.append(line)
    return out


@dataclass(frozen=True)
class ActorRef:
    """What an actor's year and month pages say about it."""

    id: str
    """Actor id."""
    name: str
    """As Markdown: escaped."""
    title: str
    """As the `title` front matter wants it (html_safe_title)."""
    feed_meta: dict[str, str]
    """Front matter keys that announce the actor's feed."""


def _title(name: str, span: str) -> str:
    """`Name in 2015`, `Name in October–December 2015`, `Name: undated articles, part 2 of 3`."""
    return f"{name}: {span[0].lower()}{span[1:]}" if span.startswith(UNDATED_HEADING) else f"{name} in {span}"


def _year_nav(actor: ActorRef, years: Sequence[Year], position: int) -> str:
    """Earlier year · the actor · later year."""
    earlier = years[position + 1] if position + 1 < len(years) else None
    later = years[position - 1] if position > 0 else None
    items = [
        f"[← {earlier.key if earlier.key != UNDATED else UNDATED_HEADING}]({earlier.key}.md)" if earlier else "",
        f"[All of {actor.name}](../{actor.id}.md#{QUOTES_BY_YEAR})",
        f"[{later.key} →]({later.key}.md)" if later else "",
    ]
    return " · ".join(item for item in items if item)


def render_period_pages(actor: ActorRef, plan: Plan, months: Sequence[str], blocks: Sequence[str], mentions: Sequence[int]) -> dict[str, str]:
    """`actors/<id>/<year>.md` for every year of the plan, and the other pages of the years too big for one.

    `blocks` are the quote blocks as they read from these pages (two folders below `actors/`).
    """
    pages: dict[str, str] = {}
    for position, year in enumerate(plan.years):
        nav = [_year_nav(actor, plan.years, position), "{: .period-nav }", ""]
        for part in year.parts:
            this_year: list[str] = []
            if len(year.parts) > 1:
                pieces = [
                    f"**{_short(year, other, n)}**" if other is part else f"[{_short(year, other, n)}]({other.key}.md)" for n, other in enumerate(year.parts, 1)
                ]
                this_year = [f"{year.key if year.key != UNDATED else UNDATED_HEADING}, a page at a time: " + " · ".join(pieces), "{: .period-nav }", ""]
            # `search` first, as search_index.page_for_engine would add it: then it is not added twice.
            meta = {"search": {"exclude": True}, "title": _title(actor.title, part.span), "actor_id": actor.id, "period": part.key, **actor.feed_meta}
            body = quotes_by_month(months, blocks, part.items, "##")
            intro = [f"{_counted(part.items, mentions).capitalize()}, newest first.", ""]
            out = [front_matter(meta), "", f"# {_title(actor.name, part.span)}", "", *intro, *nav, *this_year, *body, *nav]
            pages[f"actors/{actor.id}/{part.key}.md"] = "\n".join(out).rstrip("\n") + "\n"
    return pages
