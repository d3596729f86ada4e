"""Phase 4, render (the timeline half): an actor's mentions per month across the archive, as a static SVG whose bars are links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

UNDATED = "undated"
"""The period of articles without a date: no bar, counted in the text."""

# Drawing units (the SVG scales to the column's width): a slot per month, bars up to BAR_HEIGHT tall, year labels below.
_WIDTH = 720
_BAR_HEIGHT = 64
_LABEL_HEIGHT = 18
_MAX_SLOT = 24
"""Units per month at most: a short archive's bars stay bars, at the drawing's left."""
_MIN_LABEL_GAP = 36
"""Units between two year labels at least (a label is about 26 wide): on long archives only some years are labelled."""


@dataclass(frozen=True)
class MonthCount:
    """One bar: an actor's mentions in one month, and where that month's quotes are."""

    mentions: int
    """Mentions in the month's articles."""
    articles: int
    """Articles of the month that mention the actor."""
    href: str
    """The month's quotes, relative to the page the timeline is on."""


def month_of(date: str | None) -> str:
    """`2015-03-08` -> `2015-03`; no date -> `undated`."""
    return date[:7] if date else UNDATED


def month_label(month: str) -> str:
    """`2015-03` -> `March 2015`."""
    if month == UNDATED:
        return "Undated"
    return f"{dt.date(int(month[:4]), int(month[5:7]), 1):%B %Y}"


def archive_months(dates: Iterable[str | None]) -> tuple[str, ...]:
    """Every month from the archive's first dated article to its last, gaps included: every actor's timeline spans them all."""
    months = {month_of(date) for date in dates if date}
    if not months:
        return ()
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    found: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(found)


def _number(value: float) -> str:
    """A coordinate, to a hundredth and no longer than it needs: `7.2`, `64`."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def timeline_summary(name: str, months: Sequence[str], counts: Mapping[str, MonthCount]) -> str:
    """The drawing in words: the span, the totals, the busiest month, and what is left out (undated articles)."""
    dated = [month for month in months if month in counts]
    mentions = sum(counts[m].mentions for m in dated)
    articles = sum(counts[m].articles for m in dated)
    if not dated:
        text = f"No dated article mentions {name}."
    else:
        busiest = max(dated, key=lambda m: (counts[m].mentions, m))
        span = month_label(dated[0]) if len(dated) == 1 else f"{month_label(dated[0])} to {month_label(dated[-1])}"
        text = (
            f"{_plural(mentions, 'mention')} of {name} in {_plural(articles, 'article')}, {span}: in {len(dated)} of the archive's "
            f"{_plural(len(months), 'month')}, the most in {month_label(busiest)} ({counts[busiest].mentions:,})."
        )
    undated = counts.get(UNDATED)
    if undated:
        text += f" {_plural(undated.articles, 'undated article')} ({_plural(undated.mentions, 'mention')}) are not drawn."
    return text


def timeline_html(name: str, months: Sequence[str], counts: Mapping[str, MonthCount], svg_id: str = "mention-timeline") -> str:
    """A figure: the SVG (a bar per month of `months` with mentions, each a link to `href`) and its caption in words.

    No script: the bars' `<title>`s are their names and tooltips. `xlink:href`, as the relations graphs use,
    because Material's instant navigation rewrites `href` properties, which SVG links only let it read.
    """
    summary = timeline_summary(name, months, counts)
    slot = min(_WIDTH / max(len(months), 1), _MAX_SLOT)
    tallest = max((counts[m].mentions for m in months if m in counts), default=0)
    labels: list[str] = []
    bars: list[str] = []
    links: list[str] = []
    labelled_at = -float(_MIN_LABEL_GAP)
    for index, month in enumerate(months):
        x = index * slot
        # Greedy: the first month and each January get their year, if it stands clear of the last label.
        if (index == 0 or month.endswith("-01")) and x - labelled_at >= _MIN_LABEL_GAP:
            labels.append(f'<text class="timeline-year" x="{_number(x)}" y="{_BAR_HEIGHT + _LABEL_HEIGHT - 4}">{month[:4]}</text>')
            labelled_at = x
        found = counts.get(month)
        if found is None or not found.mentions:
            continue
        height = max(2.0, found.mentions / tallest * (_BAR_HEIGHT - 4))
        bars.append(f"M{_number(x + slot * 0.15)} {_number(_BAR_HEIGHT - height)}h{_number(slot * 0.7)}v{_number(height)}h-{_number(slot * 0.7)}z")
        label = f"{month_label(month)}: {_plural(found.mentions, 'mention')} in {_plural(found.articles, 'article')}"
        # The link is the month's whole column, so a month with one mention is as easy to point at as the busiest;
        # every bar is drawn beneath in one path. Each element here is parsed twice per page by MkDocs and Python-Markdown.
        links.append(
            f'<a xlink:href="{escape(found.href)}"><title>{escape(label)}</title>'
            f'<rect class="timeline-slot" x="{_number(x)}" y="0" width="{_number(slot)}" height="{_BAR_HEIGHT}"/></a>'
        )
    axis = f'<line class="timeline-axis" x1="0" y1="{_BAR_HEIGHT}" x2="{_number(slot * len(months))}" y2="{_BAR_HEIGHT}"/>'
    body = [axis, *labels, f'<path class="timeline-bars" d="{"".join(bars)}"/>' if bars else "", *links]
    height = _BAR_HEIGHT + _LABEL_HEIGHT
    svg = (
        f'<svg class="mention-timeline" viewBox="0 0 {_WIDTH} {height}" role="group" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<title id="{svg_id}-title">Mentions of {escape(name)} per month; each bar links to that month\'s quotes</title>'
        f'<desc id="{svg_id}-desc">{escape(summary)}</desc>{"".join(body)}</svg>'
    )
    return f'<figure class="mention-timeline-figure">{svg}<figcaption>{escape(summary)}</figcaption></figure>'
