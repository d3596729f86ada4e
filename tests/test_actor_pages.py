"""Actor pages stay light: quotes beyond the page budget go to year and month pages, every quote within two clicks, a feed per actor.

The paging rules are tested on their own (any sizes and months), then on a whole site: the benchmark's long-tail corpus,
small, built with the budget lowered so that its busy actors get year pages, month pages and parts of months.
"""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate
from build_tools import actor_pages
from build_tools.actor_pages import LATEST, PAGE_BUDGET, month_hrefs, plan_pages
from build_tools.timeline import UNDATED, archive_months
from tests.sitecheck import broken_links, read_page
from tests.test_site_build import build_site

ATOM = "{http://www.w3.org/2005/Atom}"


@st.composite
def quoted_articles(draw: st.DrawFn) -> tuple[list[str], list[int]]:
    """Months (newest first, undated last) and quote sizes of an actor's articles."""
    count = draw(st.integers(min_value=1, max_value=120))
    months = sorted(draw(st.lists(st.sampled_from(["2014-11", "2014-12", "2015-01", "2015-03", "2016-07", UNDATED]), min_size=count, max_size=count)))
    months = [m for m in reversed(months) if m != UNDATED] + [m for m in months if m == UNDATED]
    sizes = draw(st.lists(st.integers(min_value=1, max_value=PAGE_BUDGET // 3), min_size=count, max_size=count))
    if draw(st.booleans()):  # now and then one article quotes more than a page holds
        sizes[draw(st.integers(min_value=0, max_value=count - 1))] = PAGE_BUDGET + 1
    return months, sizes


@settings(max_examples=400, deadline=None)
@given(quoted_articles())
def test_every_quote_is_on_exactly_one_page_that_fits_the_budget(case: tuple[list[str], list[int]]) -> None:
    months, sizes = case
    plan = plan_pages(months, sizes)
    if sum(sizes) <= PAGE_BUDGET:
        assert plan.on_actor_page == len(months) and not plan.years
        return
    assert 1 <= plan.on_actor_page <= LATEST
    assert sum(sizes[: plan.on_actor_page]) <= PAGE_BUDGET or plan.on_actor_page == 1
    parts = [part for year in plan.years for part in year.parts]
    assert [i for part in parts for i in part.items] == list(range(len(months))), "the pages hold every article once, in order"
    for year in plan.years:
        assert {months[i][:4] if months[i] != UNDATED else UNDATED for i in year.items} == {year.key}
        assert year.parts[0].key == year.key, "a year's first page is named for the year"
        for part in year.parts:
            assert sum(sizes[i] for i in part.items) <= PAGE_BUDGET or len(part.items) == 1, f"{part.key} is over the budget"
        # Pages are cut at month boundaries: a month on two pages is one too big for a page, alone on each.
        for month in {months[i] for i in year.items}:
            holding = [part for part in year.parts if any(months[i] == month for i in part.items)]
            if len(holding) > 1:
                assert all({months[i] for i in part.items} == {month} for part in holding), f"{month} is cut, yet shares a page"
                assert sum(sizes[i] for i in year.items if months[i] == month) > PAGE_BUDGET
        assert len({part.key for part in year.parts}) == len(year.parts)
    hrefs = month_hrefs(plan, months)
    assert set(hrefs) == set(months), "every month's bar links somewhere"


def test_a_year_too_big_for_the_budget_is_cut_at_months_and_a_month_too_big_into_parts() -> None:
    months = ["2015-03"] * 3 + ["2015-02"] * 2 + ["2015-01", "2014-12"]
    third = PAGE_BUDGET // 3
    plan = plan_pages(months, [third + 1, third + 1, third + 1, third, third, third, 10])
    assert [(year.key, [(p.key, p.span) for p in year.parts]) for year in plan.years] == [
        ("2015", [("2015", "March 2015, part 1 of 2"), ("2015-03-2", "March 2015, part 2 of 2"), ("2015-02", "January–February 2015")]),
        ("2014", [("2014", "2014")]),
    ]
    assert month_hrefs(plan, months) == {
        "2015-03": "2015/#m-2015-03",
        "2015-02": "2015-02/#m-2015-02",
        "2015-01": "2015-02/#m-2015-01",
        "2014-12": "2014/#m-2014-12",
    }


def test_archive_months_span_every_month_between_the_first_and_last_dated_article() -> None:
    assert archive_months(["2015-11-30", None, "2016-02-01", "2015-12-05"]) == ("2015-11", "2015-12", "2016-01", "2016-02")
    assert archive_months([None]) == ()


# --------------------------------------------------------------------------------------------
# A whole site with the budget lowered

SMALL_BUDGET = 6_000
"""Bytes: the corpus's busiest actors (a few dozen articles, about 1 KB of quotes each) get year pages, and years cut
at months (the parts of a month too big are left to the test of the rules above: this corpus has few articles a month)."""


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """The generated long-tail corpus (content), built with SMALL_BUDGET: docs and site folders."""
    content = generate(tmp_path_factory.mktemp("paged-corpus"), articles=40, actors=60, words=300)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actor_pages, "PAGE_BUDGET", SMALL_BUDGET)
        docs, site = build_site(content, tmp_path_factory.mktemp("paged-site"))
    yield content, docs, site


def _mentions(docs: Path) -> dict[str, set[tuple[str, int]]]:
    """Actor id -> (article, paragraph) of each of its mentions, from data/mentions.json."""
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for row in json.loads((docs / "data" / "mentions.json").read_text(encoding="utf-8")):
        found[row["actor"]].add((row["article"], row["paragraph"]))
    return found


def _page_file(site: Path, page: str, href: str) -> str | None:
    """The site page (`actors/x/2015/index.html`) an href on `page` opens, or None when it leaves the actor's pages."""
    path = href.split("#")[0]
    if not path or "://" in path:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return f"{target}/index.html" if not target.endswith(".html") else target


_PARAGRAPH_LINK = re.compile(r"articles/([^/#]+)/#p-(\d+)$")


def test_the_generated_site_builds_strict_with_no_broken_links(paged: tuple[Path, Path, Path]) -> None:
    _, docs, site = paged
    assert broken_links(site) == []
    years = sorted(p.relative_to(docs).as_posix() for p in docs.glob("actors/*/*.md"))
    assert any(re.fullmatch(r"actors/[^/]+/\d{4}\.md", y) for y in years), years
    assert any(re.fullmatch(r"actors/[^/]+/\d{4}-\d\d\.md", y) for y in years), "a year too big is cut at months into pages"


def test_every_quote_of_every_mention_is_within_two_clicks_of_the_actor_page(paged: tuple[Path, Path, Path]) -> None:
    _, docs, site = paged
    mentions = _mentions(docs)
    paged_actors = 0
    for actor_id, wanted in mentions.items():
        start = f"actors/{actor_id}/index.html"
        reached: set[tuple[str, int]] = set()
        frontier, seen = [start], {start}
        for clicks in range(3):  # the actor page itself, then one click, then two
            following: list[str] = []
            for page in frontier:
                for href in read_page(site / page).links:
                    quoted = _PARAGRAPH_LINK.search(href)
                    if quoted:
                        reached.add((quoted.group(1), int(quoted.group(2))))
                    target = _page_file(site, page, href)
                    if clicks < 2 and target and target.startswith(f"actors/{actor_id}/") and target not in seen and (site / target).is_file():
                        seen.add(target)
                        following.append(target)
            frontier = following
        paged_actors += len(seen) > 1
        assert wanted <= reached, f"{actor_id}: quotes more than two clicks away: {sorted(wanted - reached)[:5]}"
    assert paged_actors, "no actor got year pages: the test would prove nothing"


def test_pages_of_quotes_keep_to_the_budget(paged: tuple[Path, Path, Path]) -> None:
    _, docs, _ = paged
    for page in [*docs.glob("actors/*.md"), *docs.glob("actors/*/*.md")]:
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<p class="mention-article">.*?</blockquote>', text, flags=re.S)
        quotes = sum(len(block.encode()) for block in blocks)
        # An actor page's quotes are measured as year pages read them (three bytes longer per link).
        assert quotes <= SMALL_BUDGET or len(blocks) == 1, f"{page.relative_to(docs)}: {quotes} bytes of quotes in {len(blocks)} articles"


def test_data_mentions_keeps_every_mention(paged: tuple[Path, Path, Path]) -> None:
    content, docs, _ = paged
    named: dict[str, list[str]] = json.loads((content.parent / "named-actors.json").read_text(encoding="utf-8"))
    rows = json.loads((docs / "data" / "mentions.json").read_text(encoding="utf-8"))
    actors = json.loads((docs / "data" / "actors.json").read_text(encoding="utf-8"))
    assert len(rows) == sum(actor["mention_count"] for actor in actors)
    assert {row["actor"] for row in rows} == {actor for names in named.values() for actor in names}


def test_every_actor_has_a_valid_atom_feed_of_its_latest_articles(paged: tuple[Path, Path, Path]) -> None:
    _, docs, site = paged
    texts: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for row in json.loads((docs / "data" / "mentions.json").read_text(encoding="utf-8")):
        texts[(row["actor"], row["article"], row["paragraph"])].append(row["text"])
    articles = {a["id"]: a for a in json.loads((docs / "data" / "articles.json").read_text(encoding="utf-8"))}
    for actor in json.loads((docs / "data" / "actors.json").read_text(encoding="utf-8")):
        path = site / "actors" / actor["id"] / "feed.xml"
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{required}") is not None, f"{path}: no {required}"
        assert feed.find(f"{ATOM}link[@rel='self']").get("href", "").endswith(f"actors/{actor['id']}/feed.xml")  # type: ignore[union-attr]
        entries = feed.findall(f"{ATOM}entry")
        dated = sorted((articles[a]["date"], a) for a in actor["articles"] if articles[a]["date"])
        assert len(entries) == min(50, len(dated)), f"{path}: {len(entries)} entries"
        assert [e.findtext(f"{ATOM}updated") for e in entries] == [f"{d}T00:00:00Z" for d, _ in sorted(dated, reverse=True)[: len(entries)]]
        for entry in entries:
            for required in ("id", "title", "updated", "summary"):
                assert entry.find(f"{ATOM}{required}") is not None, f"{path}: an entry without {required}"
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href", "")  # type: ignore[union-attr]
            quoted = _PARAGRAPH_LINK.search(href)
            assert quoted, f"{path}: {href} does not link a paragraph"
            said = texts[(actor["id"], quoted.group(1), int(quoted.group(2)))]
            summary = entry.findtext(f"{ATOM}summary") or ""
            assert said and any(text in summary for text in said), f"{path}: {summary!r} is not a sentence naming {actor['id']} in {href}"


def test_actor_pages_announce_their_feed_in_the_head(paged: tuple[Path, Path, Path]) -> None:
    _, _, site = paged
    for actor_page in sorted(site.glob("actors/actor-*/index.html"))[:10]:
        text = actor_page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', head)
        assert ("Conflict Reporting Archive: latest articles", "../../feed.xml") in found, found
        assert any(href == "feed.xml" for _, href in found), f"{actor_page}: the actor's feed is not announced: {found}"
        assert 'href="feed.xml"' in text[text.index("</head>") :], f"{actor_page}: the page does not link its feed"


def test_the_timeline_has_a_bar_per_month_with_mentions_and_says_what_it_shows(paged: tuple[Path, Path, Path]) -> None:
    _, docs, site = paged
    actors = json.loads((docs / "data" / "actors.json").read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in json.loads((docs / "data" / "articles.json").read_text(encoding="utf-8"))}
    busiest = max(actors, key=lambda a: len(a["articles"]))
    text = (site / "actors" / busiest["id"] / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="mention-timeline".*?</svg>', text, flags=re.S)
    assert svg, "no timeline"
    months = {articles[a]["date"][:7] for a in busiest["articles"] if articles[a]["date"]}
    bars = re.findall(r'<a xlink:href="([^"]+)"><title>([^<]+)</title>', svg.group(0))
    assert sorted(title.split(":")[0] for _, title in bars) == sorted(
        f"{['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][int(m[5:]) - 1]} {m[:4]}"
        for m in months
    )
    assert "<script" not in svg.group(0)
    assert re.search(r'aria-labelledby="mention-timeline-title mention-timeline-desc"', svg.group(0))
    assert f"{busiest['mention_count']} mentions" in re.sub(r"(\d),(\d)", r"\1\2", svg.group(0)), "the text alternative gives the total"


def test_the_glossary_splits_by_letter_beyond_the_budget(paged: tuple[Path, Path, Path]) -> None:
    _, docs, _ = paged
    actors = json.loads((docs / "data" / "actors.json").read_text(encoding="utf-8"))
    index = (docs / "actors" / "index.md").read_text(encoding="utf-8")
    letters = sorted(docs.glob("actors/glossary/*.md"))
    assert letters, "6,000 bytes hold no 60 entries: the glossary should split"
    assert all(f"(glossary/{page.name})" in index for page in letters), index
    listed = [
        re.search(r"\]\(<\.\./([^>]+)\.md>", line).group(1)
        for page in letters
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.startswith("- [")
    ]  # type: ignore[union-attr]
    assert sorted(listed) == sorted(a["id"] for a in actors), "every actor on exactly one letter page"
    names = json.loads((docs / "data" / "actor-names.json").read_text(encoding="utf-8"))
    assert sorted(n["id"] for n in names) == sorted(a["id"] for a in actors)
    assert 'data-names-url="../data/actor-names.json"' in index
