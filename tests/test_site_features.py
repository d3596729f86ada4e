"""Site-wide features: the feed, the 404 page, edit links, compact navigation, a sub-path deployment."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.seed import SEED_CONTENT, SEED_ID
from tests.sitecheck import broken_links, html_pages
from tests.test_site_build import build_site

pytestmark = pytest.mark.slow  # builds whole sites with mkdocs

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.github.io/archive/"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed fixture built as CI deploys the content: under a sub-path, with edit links."""
    saved = {k: os.environ.get(k) for k in ("SITE_URL", "EDIT_BASE_URL")}
    os.environ["SITE_URL"] = SITE_URL
    os.environ["EDIT_BASE_URL"] = "https://github.com/example/archive/edit/main/content/"
    try:
        _, site = build_site(SEED_CONTENT, tmp_path_factory.mktemp("deployed"))
        yield site
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_feed_is_valid_atom_with_resolvable_entries(deployed: Path) -> None:
    feed = ET.parse(deployed / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated", "author", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None
        href = link.get("href", "")
        assert href.startswith(SITE_URL)
        assert (deployed / urlsplit(href).path.removeprefix("/archive/") / "index.html").is_file()
    pages = html_pages(deployed)
    assert any("feed.xml" in resource for page in pages.values() for resource in page.resources) or "application/atom+xml" in (
        deployed / "index.html"
    ).read_text(encoding="utf-8")


def test_links_resolve_under_the_sub_path(deployed: Path) -> None:
    assert broken_links(deployed, root_path="/archive/") == []
    not_found = (deployed / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in not_found
    assert 'href="https://example.github.io/archive/actors/"' in not_found


def test_edit_links_point_at_the_file_a_contributor_edits(deployed: Path) -> None:
    article = (deployed / "articles" / SEED_ID / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/archive/edit/main/content/sources/000_7f35908e9981b166.txt"' in article
    actor = (deployed / "actors" / "iran" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/archive/edit/main/content/actors/iran.yml"' in actor
    assert "api.github.com" not in article


def test_navigation_lists_sections_not_pages(deployed: Path) -> None:
    home = (deployed / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index('class="md-sidebar md-sidebar--secondary"')]  # the primary nav nests the page's own toc
    assert SEED_ID not in nav
    assert "kataib-hezbollah" not in nav
    for section in ("Articles", "Actors", "Graph", "About"):
        assert section in nav


def test_sitemap_lists_every_page(deployed: Path) -> None:
    sitemap = (deployed / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}articles/{SEED_ID}/" in sitemap
    assert f"{SITE_URL}actors/kataib-hezbollah/" in sitemap
