"""Phase 4, render (the feed half): an Atom feed of the latest articles."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from build_tools.model import Article
from build_tools.render import sorted_articles

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url() -> str:
    """The address the site is served from (`SITE_URL`, as mkdocs.yml reads it), ending in `/`."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def render_feed(articles: Sequence[Article], site_name: str = "Conflict Reporting Archive") -> str:
    """Atom 1.0: the newest dated articles, each with its first paragraph as summary."""
    base = site_url()
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    dated = [a for a in sorted_articles(articles) if a.date][:FEED_SIZE]
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site_name}: latest articles"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base
    ET.SubElement(feed, f"{{{ATOM}}}link", href=base, rel="alternate", type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}feed.xml", rel="self", type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{dated[0].date}T00:00:00Z" if dated else "1970-01-01T00:00:00Z"
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site_name
    for article in dated:
        url = f"{base}articles/{article.id}/"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = article.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url, rel="alternate", type="text/html")
        ET.SubElement(entry, f"{{{ATOM}}}link", href=article.source_url, rel="related", type="text/html", title=article.outlet)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{article.date}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{article.date}T00:00:00Z"
        for name in article.authors or (article.outlet,):
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = article.paragraphs[0].text if article.paragraphs else ""
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
