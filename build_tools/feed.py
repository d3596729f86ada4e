"""Phase 4, render (the feed half): Atom feeds, of the latest articles (`feed.xml`) and of those that mention an actor (`actors/<id>/feed.xml`)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from build_tools.model import Article
from build_tools.render import paragraph_anchor, sorted_articles

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
"""Entries per feed: the newest dated articles."""
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url() -> str:
    """The address the site is served from (`SITE_URL`, as mkdocs.yml reads it), ending in `/`."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


# Characters XML 1.0 forbids (C0 controls but tab and line ends, surrogates, U+FFFE, U+FFFF): a feed reader refuses a
# document with one, and ElementTree writes them as they are.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _atom(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _feed(title: str, page_url: str, feed_url: str, updated: str | None, author: str) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(_atom("feed"))
    ET.SubElement(feed, _atom("title")).text = _text(title)
    ET.SubElement(feed, _atom("id")).text = page_url
    ET.SubElement(feed, _atom("link"), href=page_url, rel="alternate", type="text/html")
    ET.SubElement(feed, _atom("link"), href=feed_url, rel="self", type="application/atom+xml")
    # The newest entry's date, never the build's: the same content gives the same bytes.
    ET.SubElement(feed, _atom("updated")).text = f"{updated}T00:00:00Z" if updated else "1970-01-01T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, _atom("author")), _atom("name")).text = author
    return feed


def _document(feed: ET.Element) -> str:
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def render_actor_feed(actor_id: str, name: str, entries: Sequence[tuple[Article, str, int]], site_name: str = "Conflict Reporting Archive") -> str:
    """Atom 1.0 for following one actor: the newest dated articles that mention it (`entries`: article, the first sentence
    that names the actor and its paragraph; newest first, at most FEED_SIZE), each entry linking that paragraph."""
    base = site_url()
    page = f"{base}actors/{actor_id}/"
    feed = _feed(f"{site_name}: articles that mention {name}", page, f"{page}feed.xml", entries[0][0].date if entries else None, site_name)
    for article, sentence, paragraph in entries[:FEED_SIZE]:
        url = f"{base}articles/{article.id}/"
        entry = ET.SubElement(feed, _atom("entry"))
        ET.SubElement(entry, _atom("title")).text = _text(article.title)
        # The article's own address: a reader following the site feed too sees one entry, not two.
        ET.SubElement(entry, _atom("id")).text = url
        ET.SubElement(entry, _atom("link"), href=f"{url}#{paragraph_anchor(paragraph)}", rel="alternate", type="text/html")
        ET.SubElement(entry, _atom("updated")).text = f"{article.date}T00:00:00Z"
        ET.SubElement(entry, _atom("summary"), type="text").text = _text(sentence)
    return _document(feed)


def render_feed(articles: Sequence[Article], site_name: str = "Conflict Reporting Archive") -> str:
    """Atom 1.0: the newest dated articles, each with its first paragraph as summary."""
    base = site_url()
    dated = [a for a in sorted_articles(articles) if a.date][:FEED_SIZE]
    feed = _feed(f"{site_name}: latest articles", base, f"{base}feed.xml", dated[0].date if dated else None, site_name)
    for article in dated:
        url = f"{base}articles/{article.id}/"
        entry = ET.SubElement(feed, _atom("entry"))
        ET.SubElement(entry, _atom("title")).text = _text(article.title)
        ET.SubElement(entry, _atom("id")).text = url
        ET.SubElement(entry, _atom("link"), href=url, rel="alternate", type="text/html")
        ET.SubElement(entry, _atom("link"), href=article.source_url, rel="related", type="text/html", title=_text(article.outlet))
        ET.SubElement(entry, _atom("updated")).text = f"{article.date}T00:00:00Z"
        ET.SubElement(entry, _atom("published")).text = f"{article.date}T00:00:00Z"
        for name in article.authors or (article.outlet,):
            ET.SubElement(ET.SubElement(entry, _atom("author")), _atom("name")).text = _text(name)
        ET.SubElement(entry, _atom("summary"), type="text").text = _text(article.paragraphs[0].text) if article.paragraphs else ""
    return _document(feed)
