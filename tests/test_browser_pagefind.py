"""Search on a site indexed by Pagefind, in Chromium, under the /archive/ sub-path as GitHub Pages serves it.

The seed content is small, so `auto` keeps it on Material's search; the `pagefind_site` fixture forces
Pagefind (`build --search pagefind`), as a site above search_index.PAGEFIND_ABOVE pages gets by default.
tests/test_browser_faults.py shows the journey failing on broken copies of this site.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser import journeys
from tests.browser.harness import ProxySink, Recorder, SiteServer, is_chromium_service

pytest_plugins = ["tests.browser.fixtures"]


def test_aliases_find_their_actor_first_and_results_lead_there(page: Page, pagefind_site: SiteServer, recorder: Recorder, proxy_sink: ProxySink) -> None:
    journeys.check_pagefind_search(page, pagefind_site, recorder)
    strays = [c for c in proxy_sink.connections if not is_chromium_service(c)]
    assert not strays, f"connections for other hosts reached the proxy sink: {strays}"


def test_search_box_works_on_the_404_page(page: Page, pagefind_site: SiteServer) -> None:
    journeys.open_page(page, pagefind_site.url(journeys.MISSING), status=404)
    query, wanted_id = journeys.SEARCH_ALIAS
    found = journeys.pagefind_search(page, query)
    assert found[:1] == [pagefind_site.url(f"actors/{wanted_id}/")], f"on the 404 page, searching {query!r} finds {found}"
