"""Actor pages at scale, in Chromium: the timeline's links, a year page's deep link back to the paragraph, the feed in the head,
the glossary's name filter (keyboard only too), axe on the new pages, and phones.

Built from the fixture content (tests/site_fixture/content) twice: as it is, and with the page budget lowered so that an
actor's quotes go to year pages and the glossary splits by letter, as on a big archive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from build_tools import actor_pages
from tests.browser import actor_journeys, journeys
from tests.browser.harness import (
    DESKTOP,
    PHONE,
    WAIT_MS,
    Recorder,
    SiteServer,
    axe_violations,
    broken_copy,
    build_site,
    overflowing_elements,
    replace_in,
    save_screenshot,
)

pytest_plugins = ["tests.browser.fixtures"]

PAGED_BUDGET = 600
"""Bytes: under one article's quotes of the busy actor, and a glossary entry or two."""


def _serve(tmp_path_factory: pytest.TempPathFactory, name: str, budget: int | None) -> Iterator[SiteServer]:
    server = SiteServer()
    try:
        with pytest.MonkeyPatch.context() as patch:
            if budget is not None:
                patch.setattr(actor_pages, "PAGE_BUDGET", budget)
            server.start(build_site(actor_journeys.CONTENT, tmp_path_factory.mktemp(name), server.base_url))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The fixture content as it is: every actor's quotes on its page, the glossary on one page."""
    yield from _serve(tmp_path_factory, "fixture-site", None)


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The fixture content with PAGED_BUDGET: year pages for the busy actor, the glossary split by letter."""
    yield from _serve(tmp_path_factory, "paged-site", PAGED_BUDGET)


def test_timeline_bars_link_to_their_months_quotes_on_the_page(page: Page, fixture_site: SiteServer) -> None:
    actor_journeys.check_timeline(page, fixture_site)


def test_timeline_bars_link_to_their_months_on_year_pages(page: Page, paged_site: SiteServer) -> None:
    actor_journeys.check_timeline(page, paged_site)


def test_a_year_pages_quote_links_back_to_its_paragraph(page: Page, paged_site: SiteServer) -> None:
    actor_journeys.check_year_page_deep_link(page, paged_site)


def test_actor_pages_announce_their_feed_in_the_head(page: Page, fixture_site: SiteServer, paged_site: SiteServer) -> None:
    actor_journeys.check_feed_in_head(page, fixture_site)
    actor_journeys.check_feed_in_head(page, paged_site)


def test_glossary_filters_by_name_and_alias_with_the_keyboard_only(page: Page, fixture_site: SiteServer) -> None:
    actor_journeys.check_glossary_name_filter(page, fixture_site)


def test_a_glossary_split_by_letter_finds_every_actor_from_its_index(page: Page, paged_site: SiteServer) -> None:
    actor_journeys.check_split_glossary_filter(page, paged_site)


NEW_PAGES = {
    "actor-timeline": ("fixture", f"actors/{actor_journeys.BUSY}/", None),
    "actor-latest": ("paged", f"actors/{actor_journeys.BUSY}/", None),
    "actor-year": ("paged", f"actors/{actor_journeys.BUSY}/2016/", None),
    "glossary-filtered": ("fixture", "actors/", "iraq"),
    "glossary-index": ("paged", "actors/", "is"),
    "glossary-letter": ("paged", "actors/glossary/i/", "army"),
}
"""Page name (for screenshots) -> site, path, what is typed into the glossary's filter."""


def _open(page: Page, site: SiteServer, path: str, typed: str | None) -> None:
    journeys.open_page(page, site.url(path))
    if typed:
        page.locator("#glossary-filter").fill(typed)
        page.locator("#glossary-filter").dispatch_event("input")
        page.wait_for_function("() => !/^\\d+ actors$/.test(document.getElementById('glossary-filter-count').textContent)")


@pytest.mark.parametrize("name", NEW_PAGES)
def test_axe_finds_no_serious_violations_on_the_new_pages(page: Page, fixture_site: SiteServer, paged_site: SiteServer, name: str) -> None:
    which, path, typed = NEW_PAGES[name]
    site = fixture_site if which == "fixture" else paged_site
    try:
        _open(page, site, path, typed)
    finally:
        save_screenshot(page, f"desktop-{name}")
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


def test_axe_finds_no_serious_violations_on_the_timeline_in_dark_mode(page: Page, fixture_site: SiteServer) -> None:
    journeys.open_page(page, fixture_site.url(f"actors/{actor_journeys.BUSY}/"))
    journeys.toggle_palette(page)
    assert journeys.scheme(page) == "slate"
    page.locator("svg.mention-timeline").scroll_into_view_if_needed()
    save_screenshot(page, "desktop-actor-timeline-dark")
    violations = axe_violations(page)
    assert not violations, f"{page.url} (dark):\n" + "\n".join(violations)


@pytest.mark.parametrize("name", NEW_PAGES)
def test_phone_layout_of_the_new_pages_has_no_sideways_scrolling(phone: Page, fixture_site: SiteServer, paged_site: SiteServer, name: str) -> None:
    which, path, typed = NEW_PAGES[name]
    site = fixture_site if which == "fixture" else paged_site
    try:
        _open(phone, site, path, typed)
        wide = overflowing_elements(phone, PHONE["width"])
        assert not wide, f"{phone.url} at {PHONE['width']} px scrolls sideways; too wide: {', '.join(wide[:8])}"
    finally:
        save_screenshot(phone, f"phone-{name}")


# --------------------------------------------------------------------------------------------
# Each journey catches a real fault: run on a copy of the built site with one thing broken, it fails, saying what.

BUSY_PAGE = f"actors/{actor_journeys.BUSY}/index.html"


def _misdirect_a_bar(site: Path) -> None:
    replace_in(site / BUSY_PAGE, 'xlink:href="#m-2015-12"', 'xlink:href="#m-2016-01"')


def _drop_feed_from_head(site: Path) -> None:
    page = site / BUSY_PAGE
    text = page.read_text(encoding="utf-8")
    changed, count = re.subn(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="feed\.xml">', "", text)
    assert count == 1, "the fault would not be introduced"
    page.write_text(changed, encoding="utf-8")


def _misdirect_a_deep_link(site: Path) -> None:
    page = site / f"actors/{actor_journeys.BUSY}/2016/index.html"
    text = page.read_text(encoding="utf-8")
    changed, count = re.subn(r'(<a href="[^"]*/)#p-1">', r'\1#p-7">', text)
    assert count, "the fault would not be introduced"
    page.write_text(changed, encoding="utf-8")


def _drop_alias_keys(site: Path) -> None:
    page = site / "actors" / "index.html"
    text = page.read_text(encoding="utf-8")
    changed, count = re.subn(r'data-names="([^"|]*)\|[^"]*"', r'data-names="\1"', text)
    assert count, "the fault would not be introduced"
    page.write_text(changed, encoding="utf-8")


def _names_file_without_aliases(site: Path) -> None:
    replace_in(site / "data" / "actor-names.json", '"ISF"', '"XXX"')


FAULTS: dict[str, tuple[str, Callable[[Path], None], Callable[[Page, SiteServer], None], str]] = {
    "a bar links another month": ("fixture", _misdirect_a_bar, actor_journeys.check_timeline, r"the bar for December 2015 links .*#m-2016-01"),
    "the feed is not in the head": (
        "fixture",
        _drop_feed_from_head,
        actor_journeys.check_feed_in_head,
        r"the head announces .*, not .*/actors/islamic-state/feed\.xml",
    ),
    "a year page's quote links the wrong paragraph": (
        "paged",
        _misdirect_a_deep_link,
        actor_journeys.check_year_page_deep_link,
        r"#p-7: no paragraph #p-7",
    ),
    "the glossary entries lose their aliases": ("fixture", _drop_alias_keys, actor_journeys.check_glossary_name_filter, r"1 actor of 6 match|typing 'daes'"),
    "the names file loses an alias": ("paged", _names_file_without_aliases, actor_journeys.check_split_glossary_filter, r"typing 'isf' lists no single match"),
}
"""Fault -> (site, edit, journey, what the failure says)."""


@pytest.mark.parametrize("name", FAULTS)
def test_actor_page_journeys_report_the_fault(name: str, browser: Browser, fixture_site: SiteServer, paged_site: SiteServer, tmp_path: Path) -> None:
    which, edit, journey, reported = FAULTS[name]
    site = fixture_site if which == "fixture" else paged_site
    copy = broken_copy(site.root, tmp_path, edit)
    context = browser.new_context(color_scheme="light", service_workers="block", viewport=DESKTOP)  # type: ignore[arg-type]
    context.set_default_timeout(1_500)
    Recorder().attach(context)
    expect.set_options(timeout=1_500)
    try:
        with site.serving(copy), pytest.raises((AssertionError, PlaywrightError)) as failure:
            journey(context.new_page(), site)
    finally:
        expect.set_options(timeout=WAIT_MS)
        context.close()
    assert re.search(reported, str(failure.value)), f"the journey failed, but not for the fault: {failure.value}"
