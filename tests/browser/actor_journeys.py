"""What a reader does with an actor's timeline, year pages and feed, and with the glossary's name filter; each raises AssertionError naming what broke.

Expectations come from the fixture's content (tests/site_fixture/content: its actor files and sources), never from
the built site under test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import yaml
from playwright.sync_api import Page, expect

from tests.browser.harness import ROOT
from tests.browser.journeys import MAIN, Site, check_paragraph_marked, click_after_scrolling, expect_page, heading, open_page, paragraph_text, squash

CONTENT = ROOT / "tests" / "site_fixture" / "content"
BUSY = "islamic-state"
"""The fixture's actor named in both articles (December 2015 and January 2016)."""
ALIAS = ("Daesh", "islamic-state")
"""An alias only this actor has."""
ALIAS_OTHER = ("ISF", "iraqi-army")
"""An acronym: the filter finds it by the alias, the actor's name does not contain it."""


@cache
def names() -> dict[str, str]:
    """Actor id -> name, from the fixture's actor files."""
    return {p.stem: str(yaml.safe_load(p.read_text(encoding="utf-8"))["name"]) for p in sorted((CONTENT / "actors").glob("*.yml"))}


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

_TIMELINE_JS = """
() => {
  const svg = document.querySelector("svg.mention-timeline");
  if (!svg) return null;
  const ids = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
  return {
    role: svg.getAttribute("role"),
    labels: ids.map((id) => { const el = document.getElementById(id); return el ? el.textContent.trim() : null; }),
    scripts: svg.querySelectorAll("script").length,
    bars: Array.from(svg.querySelectorAll("a")).map((a) => ({
      href: new URL(a.getAttribute("xlink:href") || a.getAttribute("href"), location.href).href,
      title: (a.querySelector("title") || {}).textContent || "",
    })),
  };
}
"""

_MONTH_ARTICLES_JS = """
(id) => {
  const found = document.getElementById(id);
  if (!found) return null;
  const dates = [];
  for (let el = found.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
    el.querySelectorAll(".mention-article .mention-date").forEach((d) => dates.push(d.textContent.trim()));
  }
  return {heading: found.textContent.replace(/¶/g, "").trim(), tag: found.tagName, dates};
}
"""


def timeline(page: Page) -> dict[str, Any]:
    found = page.evaluate(_TIMELINE_JS)
    assert found is not None, f"{page.url} has no mention timeline (svg.mention-timeline)"
    assert found["role"] in ("group", "img"), f"{page.url}: the timeline's role is {found['role']!r}"
    assert found["labels"] and all(found["labels"]), f"{page.url}: the timeline's aria-labelledby names missing or empty elements: {found['labels']}"
    assert found["scripts"] == 0, f"{page.url}: the timeline has a script"
    assert found["bars"], f"{page.url}: the timeline has no bar links"
    return dict(found)


def check_timeline(page: Page, site: Site, actor_id: str = BUSY) -> None:
    """Every bar is a link to its month's quotes, which list articles of that month only; a bar followed shows them."""
    open_page(page, site.url(f"actors/{actor_id}/"))
    found = timeline(page)
    for bar in found["bars"]:
        match = re.match(r"(\w+) (\d{4}): (\d+) mentions? in (\d+) articles?$", bar["title"])
        assert match, f"{page.url}: a bar is named {bar['title']!r}, not 'Month YYYY: n mentions in m articles'"
        month, year, articles = match.group(1), match.group(2), int(match.group(4))
        anchor = bar["href"].partition("#")[2]
        assert anchor == f"m-{year}-{_MONTHS.index(month) + 1:02d}", f"{page.url}: the bar for {month} {year} links {bar['href']}"
        there = page.context.new_page()
        try:
            open_page(there, bar["href"])
            listed = there.evaluate(_MONTH_ARTICLES_JS, anchor)
            assert listed is not None, f"{bar['href']}: no element #{anchor} for the bar of {month} {year}"
            assert listed["heading"] == f"{month} {year}", f"{bar['href']}: the bar of {month} {year} lands on {listed['heading']!r}"
            assert len(listed["dates"]) == articles, f"{bar['href']}: {len(listed['dates'])} articles under {month} {year}, the bar says {articles}"
            assert all(d.startswith(month) and d.endswith(year) for d in listed["dates"]), f"{bar['href']}: dates {listed['dates']} under {month} {year}"
        finally:
            there.close()
    # A reader clicks the first bar: the month's quotes come into view.
    first = found["bars"][0]
    page.locator("svg.mention-timeline a").first.click()
    page.wait_for_url(first["href"])
    anchor = first["href"].partition("#")[2]
    expect(page.locator(f"[id='{anchor}']"), f"{page.url}: the month's heading is not in view after its bar is followed").to_be_in_viewport()


def check_year_page_deep_link(page: Page, site: Site, actor_id: str = BUSY) -> None:
    """Actor page -> a year page (one click) -> a quote's ¶ link -> the quoted paragraph, marked, in the article."""
    open_page(page, site.url(f"actors/{actor_id}/"))
    years = page.locator(f"{MAIN} h2#quotes-by-year").locator("xpath=following-sibling::ul[1]/li/a[1]")
    expect(years.first, f"{page.url} links no year page under 'Quotes by year'").to_be_visible()
    year = years.first.inner_text().strip()
    url = str(years.first.evaluate("(a) => a.href"))
    years.first.click()
    expect_page(page, url, f"{names()[actor_id]} in {year}")
    quote = page.locator(f"{MAIN} .actor-mentions blockquote p").first
    expect(quote, f"{page.url} quotes nothing").to_be_visible()
    link = quote.locator("a[href*='#p-']").last
    target = str(link.evaluate("(a) => a.href"))
    said = squash(str(quote.evaluate("(p) => { const c = p.cloneNode(true); c.querySelectorAll('a').forEach((a) => a.remove()); return c.textContent; }")))
    marked = quote.locator("strong").all_inner_texts()
    assert marked, f"{page.url}: the quote {said!r} marks no mention"
    title = page.locator(f"{MAIN} .mention-article a").first.inner_text().strip()
    click_after_scrolling(page, link)
    expect_page(page, target, title)
    paragraph_id = target.rpartition("#")[2]
    check_paragraph_marked(page, paragraph_id)
    # Quotes leave out `[n]` markers (the article shows a marker without a reference as text).
    text = squash(re.sub(r"\s*\[\d+\]", "", paragraph_text(page.locator(f"[id='{paragraph_id}']"))))
    for sentence in re.split(r" … ", said):
        assert sentence in text, f"{page.url}: the year page quoted {sentence!r}, not in #{paragraph_id}: {text!r}"
    assert all(name in text for name in marked), f"{page.url}: #{paragraph_id} does not name {marked}"


def check_feed_in_head(page: Page, site: Site, actor_id: str = BUSY) -> None:
    """The page's head announces the actor's Atom feed; the feed is there, valid XML, and is the actor's."""
    open_page(page, site.url(f"actors/{actor_id}/"))
    links = page.evaluate(
        """() => Array.from(document.querySelectorAll("head link[rel='alternate'][type='application/atom+xml']"))
                   .map((l) => ({href: l.href, title: l.title}))"""
    )
    wanted = site.url(f"actors/{actor_id}/feed.xml")
    assert any(link["href"] == wanted for link in links), f"{page.url}: the head announces {links}, not {wanted}"
    assert any(link["href"] == site.url("feed.xml") for link in links), f"{page.url}: the site feed is no longer announced: {links}"
    in_page = page.locator(f"{MAIN} a[href$='feed.xml']")
    expect(in_page, f"{page.url} does not link its feed in the page").to_have_count(1)
    assert in_page.evaluate("(a) => a.href") == wanted
    response = page.request.get(wanted)
    assert response.status == 200, f"{wanted}: HTTP {response.status}"
    feed = ET.fromstring(response.body())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed", f"{wanted} is not an Atom feed"
    assert names()[actor_id] in (feed.findtext(f"{atom}title") or ""), f"{wanted}: the feed's title does not name {names()[actor_id]}"
    assert feed.find(f"{atom}entry") is not None, f"{wanted} has no entry"


# --------------------------------------------------------------------------------------------
# The glossary's name filter


def _visible_entries(page: Page) -> list[str]:
    found = page.evaluate(
        "() => Array.from(document.querySelectorAll('li[data-type]')).filter((li) => li.offsetParent).map((li) => li.querySelector('a').textContent)"
    )
    return [str(name) for name in found]


def focus_filter_by_keyboard(page: Page, presses: int = 60) -> None:
    """Tab from the top of the page until the filter box has the focus."""
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id === 'glossary-filter'"):
            return
    raise AssertionError(f"{page.url}: {presses} presses of Tab never reach the name filter")


def _status(page: Page) -> str:
    return squash(page.locator("#glossary-filter-count").inner_text())


def check_glossary_name_filter(page: Page, site: Site) -> None:
    """Keyboard only, on a one-page glossary: Tab to the box, type an alias, the list narrows and says so, Down and Enter open the actor."""
    open_page(page, site.url("actors/"))
    box = page.locator("#glossary-filter")
    expect(box, f"{page.url}: the name filter is not shown").to_be_visible()
    label = page.locator("label[for='glossary-filter']")
    expect(label, f"{page.url}: the name filter has no label").to_have_count(1)
    everyone = sorted(names().values())
    assert sorted(_visible_entries(page)) == everyone, f"{page.url} shows {_visible_entries(page)} before filtering"
    focus_filter_by_keyboard(page)
    alias, actor_id = ALIAS
    page.keyboard.type(alias.lower()[:4])
    expect(page.locator("#glossary-filter-count")).to_have_text(re.compile(r"^1 actor of 6 match\.$"))
    assert _visible_entries(page) == [names()[actor_id]], f"typing {alias.lower()[:4]!r} shows {_visible_entries(page)}"
    assert page.locator("#glossary-filter-count").get_attribute("role") == "status", "the count is not a live status"
    for _ in range(4):
        page.keyboard.press("Backspace")
    page.keyboard.type("zzz")
    expect(page.locator("#glossary-filter-count")).to_have_text("No actor matches.")
    assert _visible_entries(page) == [], f"'zzz' still shows {_visible_entries(page)}"
    page.keyboard.press("Escape")
    expect(page.locator("#glossary-filter-count")).to_have_text("6 actors")
    assert sorted(_visible_entries(page)) == everyone, "Escape did not bring every actor back"
    acronym, other = ALIAS_OTHER
    page.keyboard.type(acronym)
    assert _visible_entries(page) == [names()[other]], f"typing {acronym!r} shows {_visible_entries(page)}, not {names()[other]!r}"
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement && document.activeElement.textContent")
    assert focused == names()[other], f"Down from the box focuses {focused!r}, not the match {names()[other]!r}"
    page.keyboard.press("Enter")
    expect_page(page, site.url(f"actors/{other}/"), names()[other])


def check_split_glossary_filter(page: Page, site: Site) -> None:
    """On the letter index of a big glossary, the box searches every actor's names and lists the matches as links."""
    open_page(page, site.url("actors/"))
    letters = page.locator(f"{MAIN} .glossary-letters a")
    expect(letters.first, f"{page.url} lists no letter pages").to_be_visible()
    focus_filter_by_keyboard(page)
    acronym, other = ALIAS_OTHER
    page.keyboard.type(acronym.lower())
    results = page.locator(".glossary-results li")
    expect(results, f"typing {acronym.lower()!r} lists no single match").to_have_count(1)
    expect(results.first).to_contain_text(names()[other])
    expect(results.first, "an actor found by an alias shows the alias").to_contain_text(acronym)
    expect(page.locator("#glossary-filter-count")).to_have_text(re.compile(r"^1 actor of 6 match\.$"))
    page.keyboard.press("Enter")
    expect_page(page, site.url(f"actors/{other}/"), names()[other])
    assert heading(page).is_visible()
