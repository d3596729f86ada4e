"""axe-core finds no serious or critical violation on each page type. Saves a desktop screenshot of each."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import journeys
from tests.browser.harness import SiteServer, axe_violations, save_screenshot

pytest_plugins = ["tests.browser.fixtures"]

AXE_PAGES = {**journeys.PAGES, "404": journeys.MISSING}


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_violations(page: Page, site: SiteServer, name: str) -> None:
    path = AXE_PAGES[name]
    try:
        journeys.open_page(page, site.url(path), status=404 if path == journeys.MISSING else 200)
    finally:
        save_screenshot(page, f"desktop-{name}")
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


def test_axe_finds_no_serious_violations_in_dark_mode(page: Page, site: SiteServer) -> None:
    journeys.open_page(page, site.url(journeys.ARTICLE))
    journeys.toggle_palette(page)
    journeys.open_page(page, site.url(journeys.PAGES["actor"]))
    assert journeys.scheme(page) == "slate"
    save_screenshot(page, "desktop-actor-dark")
    violations = axe_violations(page)
    assert not violations, f"{page.url} (dark):\n" + "\n".join(violations)


def test_axe_finds_no_serious_violations_in_pagefind_search(page: Page, pagefind_site: SiteServer) -> None:
    """The Pagefind search box open with results, on a site indexed by Pagefind; then a result focused by keyboard."""
    journeys.open_page(page, pagefind_site.url(journeys.ARTICLE))
    query, _ = journeys.SEARCH_ALIAS
    assert journeys.pagefind_search(page, query), f"searching {query!r} finds nothing"
    save_screenshot(page, "desktop-search-pagefind")
    violations = axe_violations(page)
    assert not violations, f"{page.url}, searching {query!r}:\n" + "\n".join(violations)
    page.keyboard.press("ArrowDown")
    violations = axe_violations(page)
    assert not violations, f"{page.url}, a search result focused:\n" + "\n".join(violations)
