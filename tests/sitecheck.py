"""Reading a built site as a browser would: its links, anchors and the resources it loads."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}


@dataclass
class Page:
    """What one HTML file links to and defines."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "a" and ("href" in values or "xlink:href" in values):
            self.page.links.append(values.get("href") or values["xlink:href"])
        # canonical and alternate links name addresses; they are not fetched when the page loads.
        if tag == "link" and "href" in values and not set(values.get("rel", "").split()) & {"canonical", "alternate", "next", "prev"}:
            self.page.resources.append(values["href"])
        if tag in RESOURCE_TAGS and values.get(RESOURCE_TAGS[tag]):
            self.page.resources.append(values[RESOURCE_TAGS[tag]])
        if "srcset" in values:
            self.page.resources.extend(part.split()[0] for part in values["srcset"].split(",") if part.strip())
        if "style" in values:
            self.page.inline_styles.append(values["style"])
        self.in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.page.inline_styles.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    _Collector(page).feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def _target_file(site: Path, page_path: str, href: str, root_path: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if not parts.path:
        return site / page_path, parts.fragment
    base = posixpath.dirname(page_path)
    if parts.path.startswith("/"):
        # Root-relative links (the 404 page has them) start with the site's own path.
        if not parts.path.startswith(root_path):
            return None, parts.fragment
        base, href = "", href[len(root_path) :] or "./"
        parts = urlsplit(href)
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path) or "."))
    target = site / joined
    if href.split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """Internal links whose file or anchor does not exist, as `page: href (why)`."""
    pages = html_pages(site)
    problems: list[str] = []
    for page_path, page in pages.items():
        for href in page.links:
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https", "mailto") or href.startswith("//"):
                continue
            target, fragment = _target_file(site, page_path, href, root_path)
            if target is None or not target.is_file():
                problems.append(f"{page_path}: {href} (no such file)")
                continue
            if fragment:
                target_key = target.relative_to(site).as_posix()
                ids = pages[target_key].ids if target_key in pages else set()
                if fragment not in ids:
                    problems.append(f"{page_path}: {href} (no anchor #{fragment})")
    return problems


_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)|@import\s+['\"](?P<imp>[^'\"]+)")


def external_resources(site: Path) -> list[str]:
    """Scripts, styles, fonts and images that a page would load from another host."""
    found: list[str] = []

    def is_external(url: str) -> bool:
        return bool(urlsplit(url).scheme in ("http", "https") or url.startswith("//"))

    for page_path, page in html_pages(site).items():
        found += [f"{page_path}: {url}" for url in page.resources if is_external(url)]
        for style in page.inline_styles:
            found += [f"{page_path}: {m.group('url') or m.group('imp')}" for m in _CSS_URL.finditer(style) if is_external(m.group("url") or m.group("imp"))]
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        found += [
            f"{css.relative_to(site)}: {m.group('url') or m.group('imp')}" for m in _CSS_URL.finditer(text) if is_external(m.group("url") or m.group("imp"))
        ]
    return found
