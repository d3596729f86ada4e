"""Phase 4, render (the paging half): which of an actor's quotes go on its own page, and the year and month pages for the rest.

An actor page stays light however often the actor is named. Its quotes stay on it while they fit PAGE_BUDGET;
beyond that it quotes the latest articles and links to a page per year (`actors/<id>/<year>.md`), a year too big
for the budget is split into a page per month (`actors/<id>/<year>-<month>.md`), and a month too big into parts
(`…-2.md`, `…-3.md`). So every quote is on the actor page, or one click away (a year page), or two (a month page),
and the number of pages grows only with the busiest actors. This module knows quotes only by their size and month:
glossary.py renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.render import front_matter, plural
from build_tools.timeline import UNDATED, month_label

PAGE_BUDGET = 200_000
"""Bytes of quotes (their HTML) one page may carry: an actor page, a year, a month or a part of one.

With MkDocs and Material's own markup around them, a page at the budget is about 230 KB of HTML (the
issue's ceiling is 400 KB); and the fewer pages, the less MkDocs spends on each one's template.
The glossary holds its entries to the same budget (glossary_index.py)."""
LATEST = 20
"""Articles an actor page quotes when its quotes do not all fit: the newest."""
QUOTES_BY_YEAR = "quotes-by-year"
"""The id of the actor page's list of year pages, which year pages link back to."""
UNDATED_HEADING = "Undated articles"


@dataclass(frozen=True)
class Part:
    """A page of quotes beyond the actor's own: a year, a month of a big year, or a part of a big month."""

    key: str
    """The file stem in `actors/<id>/`: `2015`, `2015-03`, `2015-03-2`, `undated`."""
    heading: str
    """What the page is about: `2015`, `March 2015`, `March 2015, part 2 of 3`."""
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
    """Its pages: the year itself, or its months (and parts of months), newest first."""

    @property
    def indexed(self) -> bool:
        """Whether `<year>.md` lists the year's month pages, rather than holding its quotes (or the first part of them)."""
        return self.parts[0].key != self.key


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


def _parts(base: str, heading: str, chunks: list[range]) -> list[Part]:
    if len(chunks) == 1:
        return [Part(base, heading, chunks[0])]
    return [Part(base if n == 1 else f"{base}-{n}", f"{heading}, part {n} of {len(chunks)}", chunk) for n, chunk in enumerate(chunks, 1)]


def plan_pages(months: Sequence[str], sizes: Sequence[int]) -> Plan:
    """Split an actor's quoted articles (their months and quote sizes in bytes, newest first, undated last) into pages."""
    everything = range(len(months))
    if sum(sizes) <= PAGE_BUDGET:
        return Plan(len(months), ())
    latest = _chunks(range(min(LATEST, len(months))), sizes)[0]
    years: list[Year] = []
    for year, items in _runs([m[:4] if m != UNDATED else UNDATED for m in months], everything):
        whole = [Part(year, year if year != UNDATED else UNDATED_HEADING, items)]
        if sum(sizes[i] for i in items) <= PAGE_BUDGET:
            parts = whole
        elif year == UNDATED:
            parts = _parts(year, UNDATED_HEADING, _chunks(items, sizes))
        else:
            parts = [part for month, run in _runs(months, items) for part in _parts(month, month_label(month), _chunks(run, sizes))]
            # One article alone over the budget: nothing to split, the year page holds it.
            parts = whole if len(parts) == 1 else parts
        years.append(Year(year, items, tuple(parts)))
    return Plan(len(latest), tuple(years))


def month_hrefs(plan: Plan, months: Sequence[str]) -> dict[str, str]:
    """Month -> where its quotes start, as a URL relative to the actor page (what the timeline's bars link to)."""
    if not plan.years:
        return {month: f"#{month_anchor(month)}" for month in dict.fromkeys(months)}
    hrefs: dict[str, str] = {}
    for year in plan.years:
        for part in year.parts:
            for index in part.items:
                month = months[index]
                if month not in hrefs:
                    hrefs[month] = f"{part.key}/" if year.indexed else f"{part.key}/#{month_anchor(month)}"
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


def year_links(actor_id: str, plan: Plan, mentions: Sequence[int]) -> list[str]:
    """Markdown lines for the actor page: a list item per year page, with its month pages when the year has them."""
    out: list[str] = []
    for year in plan.years:
        label = year.key if year.key != UNDATED else UNDATED_HEADING
        line = f"- [{label}]({actor_id}/{year.key}.md) · {_counted(year.items, mentions)}"
        if year.indexed:
            line += ": " + ", ".join(f"[{part.heading.replace(f' {year.key}', '')}]({actor_id}/{part.key}.md)" for part in year.parts)
        elif len(year.parts) > 1:
            line += ": " + ", ".join(f"[part {n}]({actor_id}/{part.key}.md)" for n, part in enumerate(year.parts, 1))
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


def _nav_links(sequence: Sequence[Part], position: int, label: str) -> list[str]:
    """Earlier · up · later, between consecutive pages of `sequence` (newest first)."""
    earlier = sequence[position + 1] if position + 1 < len(sequence) else None
    later = sequence[position - 1] if position > 0 else None
    items = [f"[← {earlier.heading}]({earlier.key}.md)" if earlier else "", label, f"[{later.heading} →]({later.key}.md)" if later else ""]
    return [" · ".join(item for item in items if item), "{: .period-nav }", ""]


def _title(name: str, heading: str) -> str:
    """`Name in March 2015`, `Name: undated articles, part 2 of 3`."""
    return f"{name}: {heading[0].lower()}{heading[1:]}" if heading.startswith(UNDATED_HEADING) else f"{name} in {heading}"


def _page(actor: ActorRef, part: Part, heading: str, intro: str, body: list[str], nav: list[str]) -> str:
    # `search` first, as search_index.page_for_engine would add it: then it is not added twice.
    meta = {"search": {"exclude": True}, "title": _title(actor.title, heading), "actor_id": actor.id, "period": part.key, **actor.feed_meta}
    title = _title(actor.name, heading)
    return "\n".join([front_matter(meta), "", f"# {title}", "", intro, "", *nav, *body, *nav]).rstrip("\n") + "\n"


def render_period_pages(actor: ActorRef, plan: Plan, months: Sequence[str], blocks: Sequence[str], mentions: Sequence[int]) -> dict[str, str]:
    """`actors/<id>/<period>.md` for every year of the plan, and the month pages of the years split by month.

    `blocks` are the quote blocks as they read from these pages (two folders below `actors/`).
    """
    pages: dict[str, str] = {}
    back = f"[All of {actor.name}](../{actor.id}.md#{QUOTES_BY_YEAR})"
    years = [Part(y.key, y.key if y.key != UNDATED else UNDATED_HEADING, y.items) for y in plan.years]
    for position, year in enumerate(plan.years):
        year_nav = _nav_links(years, position, back)
        if year.indexed:
            intro = f"{_counted(year.items, mentions).capitalize()} in {year.key}: too many quotes for one page, so each month has its own, newest first."
            listing = [f"- [{part.heading}]({part.key}.md) · {_counted(part.items, mentions)}" for part in year.parts]
            pages[f"actors/{actor.id}/{year.key}.md"] = _page(actor, years[position], year.key, intro, [*listing, ""], year_nav)
            up = f"[{year.key}]({year.key}.md)"
            for index, part in enumerate(year.parts):
                intro = f"{_counted(part.items, mentions).capitalize()}, newest first."
                body = ['<div class="actor-mentions" data-search-exclude>', *(blocks[i] for i in part.items), "</div>", ""]
                pages[f"actors/{actor.id}/{part.key}.md"] = _page(actor, part, part.heading, intro, body, _nav_links(year.parts, index, up))
            continue
        for index, part in enumerate(year.parts):
            intro = f"{_counted(part.items, mentions).capitalize()}, newest first."
            if len(year.parts) == 1:
                body, nav = quotes_by_month(months, blocks, part.items, "##"), year_nav
            else:
                body = ['<div class="actor-mentions" data-search-exclude>', *(blocks[i] for i in part.items), "</div>", ""]
                nav = _nav_links(year.parts, index, back)
            pages[f"actors/{actor.id}/{part.key}.md"] = _page(actor, part, part.heading, intro, body, nav)
    return pages
