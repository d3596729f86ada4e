"""What a reader does on the site, one function per journey; each raises AssertionError naming what broke.

The tests in tests/test_browser_journeys.py run them on the site built from the seed fixture
(tests/fixtures/seed/); tests/test_browser_faults.py runs them on deliberately broken copies and checks that
they say so. Expectations come from that fixture (the actor files and the seed source), never from the built
site under test.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import yaml
from playwright.sync_api import FloatRect, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.harness import PHONE, Recorder, overflowing_elements
from tests.seed import SEED_CONTENT as CONTENT
from tests.seed import SEED_ID, SEED_SOURCE

ARTICLE = f"articles/{SEED_ID}/"

# Seed-fixture facts the journeys rely on: a name only some other name finds, a person by surname alone,
# and an alias listed in the glossary.
SEARCH_ALIAS = ("Daesh", "islamic-state")
SEARCH_SURNAME = ("Chollet", "derek-chollet")
GLOSSARY_ALIAS = ("League of the Righteous", "asaib-ahl-al-haq")
GLOSSARY_TYPE = "person"

PAGES = {
    "home": "",
    "article": ARTICLE,
    "actor": "actors/islamic-state/",
    "glossary": "actors/",
    "graph": "graph/",
}
"""One page of each type, by the name its screenshots carry."""
MISSING = "no-such-page/"
"""Answered with the site's 404 page."""
MAIN = "article.md-content__inner"
"""The page's own content: the search dialog holds `article` elements of its own."""


class Site(Protocol):
    def url(self, path: str = "") -> str: ...


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str

    @property
    def lead(self) -> str:
        """The description's first sentence."""
        return re.split(r"(?<=[.;])\s", self.description, maxsplit=1)[0]


@cache
def actors() -> dict[str, Actor]:
    found = {}
    for path in sorted((CONTENT / "actors").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        aliases = tuple(a if isinstance(a, str) else a["text"] for a in data.get("aliases") or [])
        found[path.stem] = Actor(path.stem, data["name"], data["type"], aliases, squash(data["description"]))
    return found


def source_references(source: Path = SEED_SOURCE) -> dict[str, str]:
    """The `[n]` URLs at the end of a source, `[n]` and its URL on one line or two."""
    text = source.read_text(encoding="utf-8")
    return dict(re.findall(r"^\[(\d+)\]\s*\n?\s*(https?://\S+)\s*$", text, flags=re.M))


def squash(text: str) -> str:
    return " ".join(text.split())


def actor_id(url: str) -> str:
    match = re.search(r"/actors/([^/#?]+)/", url)
    assert match, f"{url} is not an actor page's address"
    return match.group(1)


def actor_for(url: str, where: str) -> Actor:
    """The actor whose page `url` is; fails when the fixture has no such actor."""
    actor = actors().get(actor_id(url))
    assert actor is not None, f"{where} links {url}, which is no actor in {CONTENT.name}/actors"
    return actor


# --------------------------------------------------------------------------------------------
# Small helpers


def open_page(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, f"{url}: HTTP {response.status if response else 'no response'}, not {status}"
    # Material is ready once it has published its document$ (instant navigation hooks links then).
    page.wait_for_function("() => window.document$ !== undefined")


def heading(page: Page) -> Locator:
    return page.locator(f"{MAIN} h1").first


def expect_page(page: Page, url: str | re.Pattern[str], title: str) -> None:
    """Wait until the browser shows `title` at `url` (a full load or Material's instant navigation)."""
    page.wait_for_url(url)
    expect(heading(page), f"{url} should show the heading {title!r}").to_have_text(re.compile(rf"^\s*{re.escape(title)}\W*$"))


def click_after_scrolling(page: Page, link: Locator) -> None:
    """Scroll a link into view, let the page settle as it would for a reader, then click it.

    Material records the scroll offset in the history entry 100 ms after the page stops moving; a click on
    an in-page anchor (`page/#p-3`) before then lands at the top of the next page, not at the anchor.
    Playwright scrolls and clicks within a millisecond; people do not.
    """
    link.scroll_into_view_if_needed()
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => history.state !== null && Math.abs((history.state.y || 0) - scrollY) < 2", timeout=1_000)
    link.click()


def paragraph_text(element: Locator) -> str:
    """An element's text without reference markers and permalinks, whitespace squashed."""
    text = element.evaluate(
        "(el) => { const copy = el.cloneNode(true); copy.querySelectorAll('sup, .headerlink').forEach((n) => n.remove()); return copy.textContent; }"
    )
    return squash(str(text))


# --------------------------------------------------------------------------------------------
# 1. Home -> latest article -> first actor -> the quoted sentence -> back to its paragraph

_QUOTES_JS = """
(article) => Array.from(document.querySelectorAll("article.md-content__inner blockquote p")).map((quote) => {
  const link = quote.querySelector("a[href*='#p-']");
  const copy = quote.cloneNode(true);
  copy.querySelectorAll("a[href*='#p-']").forEach((a) => a.remove());
  return {
    text: copy.textContent,
    href: link ? link.href : null,
    marked: Array.from(quote.querySelectorAll("strong")).map((s) => s.textContent),
  };
}).filter((q) => q.href && q.href.split("#")[0] === article)
"""


def check_home_to_paragraph(page: Page, site: Site) -> None:
    open_page(page, site.url())
    latest = page.locator(f"{MAIN} h2", has_text="Latest articles").locator("xpath=following-sibling::ul[1]//a").first
    expect(latest, "the home page lists the latest articles").to_be_visible()
    title, article_url = latest.inner_text().strip(), str(latest.evaluate("(a) => a.href"))
    latest.click()
    expect_page(page, article_url, title)

    first = page.locator(f"{MAIN} p a.actor-link").first
    expect(first, "the article's body links its actors").to_be_visible()
    name_in_text = first.inner_text().strip()
    actor_url = str(first.evaluate("(a) => a.href"))
    paragraph = first.locator("xpath=ancestor::p[1]")
    paragraph_id = paragraph.get_attribute("id")
    assert paragraph_id, f"{article_url}: the paragraph with the first actor link ({name_in_text!r}) has no id, so nothing can link to it"
    said = paragraph_text(paragraph)
    actor = actor_for(actor_url, f"{article_url}: the first actor link ({name_in_text!r})")
    first.click()
    expect_page(page, actor_url, actor.name)

    quotes: list[dict[str, Any]] = page.evaluate(_QUOTES_JS, article_url)
    assert quotes, f"{actor_url} quotes nothing from {article_url}"
    target = f"{article_url}#{paragraph_id}"
    here = [q for q in quotes if q["href"] == target]
    assert here, f"{actor_url}: no quote links to {target}; the quotes link to {sorted(q['href'] for q in quotes)}"
    quote = here[0]
    sentence = squash(re.sub(r"\s*\[\d+\]", "", quote["text"]))  # the article shows [n] as footnote markers
    assert sentence and sentence in said, f"{actor_url}: the quote {sentence!r} is not in paragraph {paragraph_id} of the article: {said!r}"
    assert name_in_text in quote["marked"], f"{actor_url}: the quote does not mark {name_in_text!r} (marked: {quote['marked']})"

    click_after_scrolling(page, page.locator(f"{MAIN} blockquote a[href='{target}']").first)
    expect_page(page, target, title)
    check_paragraph_marked(page, str(paragraph_id))


def check_paragraph_marked(page: Page, paragraph_id: str) -> None:
    """The paragraph is the page's :target, shown below the header and marked unlike its neighbours."""
    state = page.evaluate(
        """(id) => {
          const p = document.getElementById(id);
          if (!p) return null;
          const other = Array.from(document.querySelectorAll("article.md-content__inner p[id^='p-']")).find((q) => q !== p);
          const look = (el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow].join(" "); };
          const rect = p.getBoundingClientRect();
          const header = document.querySelector(".md-header");
          return {target: document.querySelector(":target") === p, look: look(p), other: other ? look(other) : "",
                  top: rect.top, bottom: rect.bottom, headerBottom: header ? header.getBoundingClientRect().bottom : 0,
                  height: innerHeight};
        }""",
        paragraph_id,
    )
    assert state is not None, f"{page.url}: no paragraph #{paragraph_id}"
    assert state["target"], f"{page.url}: paragraph #{paragraph_id} is not the :target"
    assert state["look"] != state["other"], f"{page.url}: paragraph #{paragraph_id} looks like every other paragraph ({state['look']})"
    assert state["headerBottom"] - 2 <= state["top"] < state["height"], (
        f"{page.url}: paragraph #{paragraph_id} is not in view below the header (top {state['top']:.0f}, header ends {state['headerBottom']:.0f})"
    )


# --------------------------------------------------------------------------------------------
# 2. The glossary: filter by type, find an actor by an alias


def _visible_types(page: Page) -> list[str]:
    types = page.evaluate("() => Array.from(document.querySelectorAll('li[data-type]')).filter((li) => li.offsetParent).map((li) => li.dataset.type)")
    return [str(t) for t in types]


def check_glossary(page: Page, site: Site) -> None:
    open_page(page, site.url("actors/"))
    everyone = actors()
    assert len(_visible_types(page)) == len(everyone), f"the glossary shows {len(_visible_types(page))} actors, the fixture has {len(everyone)}"

    wanted = [a for a in everyone.values() if a.type == GLOSSARY_TYPE]
    button = page.locator(f".glossary-filter[data-type='{GLOSSARY_TYPE}']")
    button.click()
    shown = _visible_types(page)
    assert shown == [GLOSSARY_TYPE] * len(wanted), (
        f"filtered by {GLOSSARY_TYPE}, the glossary shows {len(shown)} actors of types {sorted(set(shown))}, not the {len(wanted)} of that type"
    )
    expect(button, f"the {GLOSSARY_TYPE} filter button is not shown as pressed").to_have_attribute("aria-pressed", "true")
    assert str(len(wanted)) in button.inner_text(), f"the {GLOSSARY_TYPE} button says {button.inner_text()!r}, there are {len(wanted)}"

    alias, wanted_id = GLOSSARY_ALIAS
    actor = everyone[wanted_id]
    page.locator(f".glossary-filter[data-type='{actor.type}']").click()
    entry = page.locator("li[data-type]:visible", has_text=alias)
    expect(entry, f"filtered by {actor.type}, one entry lists the alias {alias!r}").to_have_count(1)
    link = entry.locator("a").first
    assert link.inner_text().strip() == actor.name, f"the entry listing {alias!r} links {link.inner_text()!r}, not {actor.name!r}"

    page.locator(".glossary-filter[data-type='']").click()
    assert len(_visible_types(page)) == len(everyone), "after 'All' the glossary does not show every actor again"

    url = str(link.evaluate("(a) => a.href"))
    link.click()
    expect_page(page, url, actor.name)
    expect(page.locator(MAIN), f"{url} lists the alias {alias!r}").to_contain_text(alias)


# --------------------------------------------------------------------------------------------
# 3. Search


def search(page: Page, query: str, wanted_url: str) -> Locator:
    """Type into Material's search box; returns the result that links `wanted_url` (with its `?h=` highlight)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    expect(results.first, f"searching {query!r} finds nothing").to_be_visible()
    hit = page.locator(f".md-search-result__list a.md-search-result__link:is([href='{wanted_url}'], [href^='{wanted_url}?'])").first
    try:
        expect(hit).to_be_visible()
    except AssertionError:
        found = results.evaluate_all("(links) => links.map((a) => a.href)")
        raise AssertionError(f"searching {query!r} does not find {wanted_url}; it finds {found}") from None
    return hit


def check_search(page: Page, site: Site) -> None:
    open_page(page, site.url())
    for query, wanted_id in (SEARCH_ALIAS, SEARCH_SURNAME):
        actor = actors()[wanted_id]
        url = site.url(f"actors/{wanted_id}/")
        hit = search(page, query, url)
        expect(hit.locator("h1"), f"the result for {query!r} is titled {actor.name!r}").to_have_text(actor.name)
        hit.click()
        expect_page(page, re.compile(rf"{re.escape(url)}(\?.*)?$"), actor.name)


# --------------------------------------------------------------------------------------------
# 3b. Search on a site indexed by Pagefind (`build --search pagefind`; big sites get it by default)

PAGEFIND_QUERIES = (SEARCH_ALIAS, ("ISF", "iraqi-security-forces"))
"""A transliteration and an acronym, both also in the seed article's text: the actor's page must still come first."""
PAGEFIND_RESULTS = ".md-search-result__list"
MATERIAL_SEARCH_FILES = ("/search/search_index.json", "/assets/javascripts/workers/search.")
"""What Material's own search downloads; a Pagefind site never asks for them."""


def pagefind_search(page: Page, query: str) -> list[str]:
    """Type `query` into the header search box, key by key; the results' addresses once the list answers `query` itself."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    try:
        # Results for the prefixes typed on the way come first: wait for the list to answer the whole query.
        page.wait_for_function("(query) => document.querySelector('.md-search-result__list')?.dataset.query === query", arg=query)
    except PlaywrightTimeoutError:
        status = squash(page.locator(".md-search-result__meta").inner_text())
        raise AssertionError(f"searching {query!r} shows no results for it (the search box says {status!r})") from None
    hrefs = page.locator(f"{PAGEFIND_RESULTS} a.md-search-result__link").evaluate_all("(links) => links.map((a) => a.href)")
    return [str(href) for href in hrefs]


def check_pagefind_search(page: Page, site: Site, recorder: Recorder) -> None:
    open_page(page, site.url())
    expect(page.locator("[data-pagefind-search]"), f"{page.url} has no Pagefind search box in its header").to_have_count(1)
    for number, (query, wanted_id) in enumerate(PAGEFIND_QUERIES):
        actor = actors()[wanted_id]
        url = site.url(f"actors/{wanted_id}/")
        found = pagefind_search(page, query)
        assert found, f"searching {query!r} finds nothing"
        assert found[0] == url, f"searching {query!r}: the first result is {found[0]}, not {url}; the results: {found}"
        first = page.locator(f"{PAGEFIND_RESULTS} a.md-search-result__link").first
        expect(first.locator("h1"), f"the first result for {query!r} is titled {actor.name!r}").to_have_text(actor.name)
        if number == 0:
            page.evaluate("() => { window.__beforeResult = true; }")
            first.click()
        else:
            # By keyboard: down to the first result, which shows its focus, then Enter.
            page.keyboard.press("ArrowDown")
            active = page.evaluate(_ACTIVE_JS)
            assert active and active["href"] == url, f"{page.url}: ArrowDown from the search box focuses {active}, not the first result"
            problem = focus_problem(page, active)
            assert problem is None, f"{page.url}: the focused search result {problem}"
            page.keyboard.press("Enter")
        # The second search starts on the actor page, reached by instant navigation: the header search outlives it.
        expect_page(page, url, actor.name)
        if number == 0:
            kept = page.evaluate("() => window.__beforeResult === true")
            assert kept, f"following the result for {query!r} reloaded the page: Material's instant navigation did not take it"
        expect(page.locator("#__search"), "the search dialog stays open after following a result").not_to_be_checked()
    assert any("/pagefind/pagefind.js" in url for url in recorder.requests), "the search never loaded pagefind/pagefind.js"
    material = [url for url in recorder.requests if any(name in url for name in MATERIAL_SEARCH_FILES)]
    assert not material, f"Material's search files were requested: {material}"
    elsewhere = [url for url in recorder.requests if not url.startswith(site.base_url)]
    assert not elsewhere, f"requests outside {site.base_url}: {elsewhere}"


# --------------------------------------------------------------------------------------------
# 4. Instant previews of actor links, on hover and on keyboard focus

_RAW_LINKS_JS = """
async () => {
  const html = await (await fetch(location.href)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  return Array.from(doc.querySelectorAll("article.md-content__inner a.actor-link")).map((a) => ({
    href: new URL(a.getAttribute("href"), location.href).href, text: a.textContent,
    preview: a.hasAttribute("data-preview"), title: a.getAttribute("title") || "",
  }));
}
"""


def preview(page: Page, actor: Actor) -> Locator:
    """Material's instant preview of an actor page: its heading (as h3), then its lead."""
    return page.locator(".md-tooltip2", has=page.locator("h3", has_text=actor.name))


def check_previews(page: Page, site: Site) -> None:
    open_page(page, site.url(ARTICLE))
    raw: list[dict[str, Any]] = page.evaluate(_RAW_LINKS_JS)
    assert raw, f"{page.url}: no actor links in the page as served"
    for link in raw:
        actor = actor_for(link["href"], f"{page.url}: the actor link {link['text']!r}")
        assert link["preview"], f"{page.url}: the actor link {link['text']!r} has no data-preview attribute"
        assert link["title"].startswith(actor.name) and actor.lead in squash(link["title"]), (
            f"{page.url}: the actor link {link['text']!r} has the title {link['title']!r}, not {actor.name!r} with its lead"
        )

    links = page.locator(f"{MAIN} p[id^='p-'] a.actor-link")
    first = links.first
    first_actor = actors()[actor_id(str(first.evaluate("(a) => a.href")))]
    first.hover()
    shown = preview(page, first_actor)
    expect(shown, f"hovering {first_actor.name!r} shows no preview").to_be_visible()
    expect(shown).to_contain_text(first_actor.lead)

    page.mouse.move(0, 0)
    expect(shown, "the preview stays after the pointer leaves").to_be_hidden()
    other = links.filter(has_not_text=first.inner_text()).first
    other_actor = actors()[actor_id(str(other.evaluate("(a) => a.href")))]
    other.focus()
    shown = preview(page, other_actor)
    expect(shown, f"focusing {other_actor.name!r} shows no preview").to_be_visible()
    expect(shown).to_contain_text(other_actor.lead)


# --------------------------------------------------------------------------------------------
# 5. Footnotes


def check_footnotes(page: Page, site: Site) -> None:
    open_page(page, site.url(ARTICLE))
    references = source_references()
    assert references, f"{SEED_SOURCE} has no references"
    markers = page.locator(f"{MAIN} sup a.footnote-ref")
    numbers = sorted({str(m).removeprefix("#fn:") for m in markers.evaluate_all("(as) => as.map((a) => a.hash)")}, key=int)
    assert numbers == sorted(references, key=int), f"{page.url}: markers for references {numbers}, the source has {sorted(references, key=int)}"

    for number, url in references.items():
        item = page.locator(f"[id='fn:{number}']")
        expect(item, f"{page.url}: no reference #fn:{number}").to_have_count(1)
        hrefs = item.locator("a:not(.footnote-backref)").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
        assert hrefs == [url], f"{page.url}: reference {number} links {hrefs}, the source says {url}"

    marker = markers.nth(1)
    number = str(marker.evaluate("(a) => a.hash")).removeprefix("#fn:")
    marker.hover()
    expect(page.locator(".md-tooltip2", has_text=references[number]), f"hovering marker {number} shows no tooltip with its URL").to_be_visible()

    marker = markers.first
    number = str(marker.evaluate("(a) => a.hash")).removeprefix("#fn:")
    click_after_scrolling(page, marker)
    page.wait_for_url(f"**#fn:{number}")
    item = page.locator(f"[id='fn:{number}']")
    expect(item, f"reference {number} is not in view after its marker is followed").to_be_in_viewport()
    back = item.locator("a.footnote-backref")
    assert back.evaluate("(a) => a.hash") == f"#fnref:{number}", f"{page.url}: reference {number} does not link back to its marker"


# --------------------------------------------------------------------------------------------
# 6. Relations graphs

_GRAPH_JS = """
(svg) => {
  const labelled = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
  const names = labelled.map((id) => { const el = document.getElementById(id); return el ? el.textContent.trim() : ""; });
  const title = svg.querySelector(":scope > title");
  const alternative = [svg.getAttribute("aria-label") || "", ...names, title ? title.textContent.trim() : ""].filter(Boolean);
  const nodes = Array.from(svg.querySelectorAll("circle")).map((circle) => {
    const a = circle.closest("a");
    const href = a && (a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href"));
    const title = a && a.querySelector(":scope > title");
    return {href: href ? new URL(href, document.baseURI).href : null,
            name: a ? (a.getAttribute("aria-label") || (title && title.textContent) || "").trim() : "",
            label: (circle.parentNode.querySelector("text") || {}).textContent || ""};
  });
  return {role: svg.getAttribute("role") || "", missing: labelled.filter((id) => !document.getElementById(id)), alternative, nodes};
}
"""

_PAGE_TITLE_JS = """
async (url) => {
  const response = await fetch(url);
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const h1 = doc.querySelector("article.md-content__inner h1");
  return {status: response.status, title: h1 ? h1.textContent : ""};
}
"""


def check_graph(page: Page, site: Site, path: str = "graph/") -> None:
    open_page(page, site.url(path))
    graphs = page.locator("svg.relations-graph")
    expect(graphs.first, f"{page.url} has no relations graph").to_be_visible()
    for index in range(graphs.count()):
        graph = page.evaluate(_GRAPH_JS, graphs.nth(index).element_handle())
        where = f"{page.url}: graph {index + 1}"
        assert graph["role"] in ("img", "group", "graphics-document"), f"{where}: role {graph['role']!r}, so assistive technology may skip it"
        assert not graph["missing"], f"{where}: aria-labelledby names missing elements {graph['missing']}"
        assert graph["alternative"], f"{where}: the SVG has no text alternative (aria-label, aria-labelledby or <title>)"
        assert graph["nodes"], f"{where}: no nodes"
        for node in graph["nodes"]:
            assert node["href"], f"{where}: the node {node['label']!r} is not a link"
            assert node["name"], f"{where}: the node link {node['href']} has no accessible name"
        for href in sorted({node["href"] for node in graph["nodes"]}):
            target = page.evaluate(_PAGE_TITLE_JS, href)
            name = actor_for(href, where).name
            assert target["status"] == 200, f"{where}: the node link {href} answers HTTP {target['status']}"
            assert squash(target["title"]).rstrip("¶ ") == name, f"{where}: the node link {href} opens {target['title']!r}, not {name!r}"

    # A reader selects a circle: the first one drawn, and its link opens that actor's page.
    first = page.evaluate(_GRAPH_JS, graphs.first.element_handle())["nodes"][0]
    graphs.first.locator("circle").first.click()
    expect_page(page, first["href"], actor_for(first["href"], page.url).name)


# --------------------------------------------------------------------------------------------
# 7. Dark mode


def scheme(page: Page) -> str:
    return str(page.evaluate("() => document.body.getAttribute('data-md-color-scheme')"))


def toggle_palette(page: Page) -> None:
    page.locator("form[data-md-component='palette'] label.md-header__button:not([hidden])").click()


def check_dark_mode(page: Page, site: Site) -> None:
    open_page(page, site.url())
    assert scheme(page) == "default", f"{page.url} starts in the {scheme(page)!r} scheme, not the light one"
    toggle_palette(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")

    page.locator(".md-nav--primary").get_by_role("link", name="Articles", exact=True).first.click()
    expect_page(page, site.url("articles/"), "Articles")
    assert scheme(page) == "slate", f"{page.url}: dark mode lost on following a link"

    for path in ("actors/islamic-state/", "graph/"):
        open_page(page, site.url(path))
        assert scheme(page) == "slate", f"{page.url}: dark mode lost on loading the page"
    other = page.context.new_page()
    try:
        open_page(other, site.url("actors/"))
        assert scheme(other) == "slate", f"{other.url}: dark mode lost in a new tab"
    finally:
        other.close()

    toggle_palette(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    assert scheme(page) == "default", f"{page.url}: light mode lost on reloading"


# --------------------------------------------------------------------------------------------
# 8. Keyboard only

_ACTIVE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), cls: el.getAttribute("class") || "", href: el.href ? String(el.href.baseVal ?? el.href) : "",
          outline: [s.outlineStyle, parseFloat(s.outlineWidth)], shadow: s.boxShadow,
          box: {x: r.left, y: r.top, width: r.width, height: r.height}};
}
"""


def focus_problem(page: Page, active: dict[str, Any], unfocused: bytes | None = None) -> str | None:
    """Why the focused element's focus does not show, or None.

    Links need a ring (an outline or a box shadow). A text field may show focus by changing its look
    instead, as Material's search box does: `unfocused` is a screenshot of its box before it had focus.
    """
    style, width = active["outline"]
    if (style != "none" and width >= 1) or active["shadow"] not in ("none", ""):
        return None
    if active["tag"] == "input" and unfocused is not None and page.screenshot(clip=clip_of(active["box"]), animations="disabled", caret="hide") != unfocused:
        return None
    return f"{active['tag']}.{active['cls'].replace(' ', '.')} shows no focus (outline {style} {width}px, box-shadow {active['shadow']})"


def clip_of(box: FloatRect, margin: float = 4) -> FloatRect:
    return {"x": max(box["x"] - margin, 0), "y": max(box["y"] - margin, 0), "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}


def check_keyboard(page: Page, site: Site, presses: int = 80) -> None:
    open_page(page, site.url(ARTICLE))
    box = page.locator("input.md-search__input").bounding_box()
    assert box is not None, f"{page.url}: the search box is not shown"
    unfocused = page.screenshot(clip=clip_of(box), animations="disabled", caret="hide")
    seen_search = seen_actor = False
    trail: list[str] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE_JS)
        if active is None:
            continue
        trail.append(f"{active['tag']}.{active['cls'].split(' ')[0]}")
        is_search = active["tag"] == "input" and "md-search__input" in active["cls"]
        is_actor = active["tag"] == "a" and "actor-link" in active["cls"]
        if is_search or is_actor:
            problem = focus_problem(page, active, unfocused)
            assert problem is None, f"{page.url}: {problem}"
        if is_search:
            seen_search = True
            page.keyboard.press("Escape")  # closes the search again; focus stays in the header
        if is_actor:
            seen_actor = True
            url, actor = active["href"], actors()[actor_id(active["href"])]
            break
    assert seen_search, f"{page.url}: {presses} presses of Tab never reach the search box: {' '.join(trail[:40])}"
    assert seen_actor, f"{page.url}: {presses} presses of Tab never reach an actor link: {' '.join(trail[:40])}"
    page.keyboard.press("Enter")
    expect_page(page, url, actor.name)


# --------------------------------------------------------------------------------------------
# 9. Phone layout


def check_no_sideways_scroll(page: Page, site: Site, path: str, width: int = PHONE["width"]) -> None:
    open_page(page, site.url(path), status=404 if path == MISSING else 200)
    wide = overflowing_elements(page, width)
    assert not wide, f"{page.url} at {width} px scrolls sideways; too wide: {', '.join(wide[:8])}"


# --------------------------------------------------------------------------------------------
# 10. Console errors, and nothing but the loopback

EVERY_PAGE = (*PAGES.values(), "articles/", "about/", MISSING)


def check_quiet_console(page: Page, site: Site, recorder: Recorder, paths: tuple[str, ...] = EVERY_PAGE) -> None:
    """Pages load, and their scripts settle, without a console error or a request for another host; the 404 page too."""
    for path in paths:
        open_page(page, site.url(path), status=404 if path == MISSING else 200)
        recorder.settle(page)
    problems = recorder.problems()
    assert not problems, "\n".join(problems)
