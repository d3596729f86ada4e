"""What a reader does, in Chromium, on the real content served under a sub-path as GitHub Pages serves it.

Each test is one journey from tests/browser/journeys.py; tests/test_browser_faults.py shows each one
failing on a deliberately broken copy of the site. Every test also fails on a console error or on any
request for a host other than 127.0.0.1 (the `context` fixture checks).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser import journeys
from tests.browser.harness import ProxySink, Recorder, SiteServer, is_chromium_service

pytest_plugins = ["tests.browser.fixtures"]


def test_home_to_article_to_actor_and_back_to_the_quoted_paragraph(page: Page, site: SiteServer) -> None:
    journeys.check_home_to_paragraph(page, site)


def test_glossary_filters_by_type_and_lists_aliases(page: Page, site: SiteServer) -> None:
    journeys.check_glossary(page, site)


def test_search_finds_actors_by_another_name_and_by_surname(page: Page, site: SiteServer) -> None:
    journeys.check_search(page, site)


def test_actor_links_preview_the_actor_on_hover_and_focus(page: Page, site: SiteServer) -> None:
    journeys.check_previews(page, site)


def test_footnote_markers_open_references_that_link_the_sources(page: Page, site: SiteServer) -> None:
    journeys.check_footnotes(page, site)


def test_graph_nodes_are_links_and_the_drawing_has_a_text_alternative(page: Page, site: SiteServer) -> None:
    journeys.check_graph(page, site, "graph/")
    journeys.check_graph(page, site, journeys.PAGES["actor"])


def test_dark_mode_persists_across_pages(page: Page, site: SiteServer) -> None:
    journeys.check_dark_mode(page, site)


def test_keyboard_reaches_search_and_actor_links_with_visible_focus(page: Page, site: SiteServer) -> None:
    journeys.check_keyboard(page, site)


def test_no_console_errors_and_nothing_leaves_the_loopback(page: Page, site: SiteServer, recorder: Recorder, proxy_sink: ProxySink) -> None:
    journeys.check_quiet_console(page, site, recorder)
    expect(journeys.heading(page)).to_have_text("Page not found")
    assert recorder.requests and all(r.startswith(site.base_url) for r in recorder.requests), "every request goes to the site under /archive/"
    strays = [c for c in proxy_sink.connections if not is_chromium_service(c)]
    assert not strays, f"connections for other hosts reached the proxy sink: {strays}"
