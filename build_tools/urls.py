"""Web addresses in a source: which lines are one, and which can be a link on the site.

The article URL, the `Related:` items, front matter's `related` and the reference list all follow these rules.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL_LINE = re.compile(r"<?(?P<url>https?://\S+?)>?", re.IGNORECASE)
"""A line that is one http(s) address, perhaps in angle brackets (as some mail clients paste it)."""
OTHER_SCHEME_LINE = re.compile(r"(?P<url>(?!https?:)[A-Za-z][A-Za-z0-9+.-]{1,20}:\S+)")
"""A line that is one address of another scheme (`javascript:`, `data:`): never a link, always an error."""
SCHEMELESS_URL = re.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/\S*|www\.\S+", re.IGNORECASE)
"""`www.example.com/page.html`: a web address pasted without its `https://`."""
EMBEDDED_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]", re.IGNORECASE)
"""An http(s) address among other words, without the punctuation that ends the sentence around it."""
_URL_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
_ALLOWED_URL_CHARS = re.compile(rf"[{_URL_CHARS}]+")
# An address every rule of `url_problem` passes, told without parsing it: http(s), a host of ASCII letters, digits, dots and
# hyphens (no user, port or brackets), then allowed characters only. `urlsplit` of a new address takes 3.7 µs, this 0.4 µs:
# 0.06 s of `check`'s CPU per 3,000 sources with their references. (No IGNORECASE: with it, `[a-z]` also matches `K` and `ſ`.)
_PLAIN_URL = re.compile(rf"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9][A-Za-z0-9.-]*(?:[/?#][{_URL_CHARS}]*)?")


def is_url_line(text: str) -> bool:
    """A line that is nothing but an address, of any scheme (`javascript:` ones are errors, not text)."""
    return URL_LINE.fullmatch(text) is not None or OTHER_SCHEME_LINE.fullmatch(text) is not None


def url_problem(url: str) -> str | None:
    """Why a URL cannot be a link on the site, or None when it can."""
    return None if _PLAIN_URL.fullmatch(url) else _parsed_url_problem(url)


def _parsed_url_problem(url: str) -> str | None:
    """`url_problem` by parsing the address: the clear path."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "the address is malformed (its host part is not a name or an IP address): copy it again from the browser's address bar"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http:// and https:// links are allowed, not `{parts.scheme}:`; paste the page's web address, e.g. https://www.example.com/page.html"
    if not host:
        return "the address has no host: write it whole, e.g. https://www.example.com/page.html"
    if not _ALLOWED_URL_CHARS.fullmatch(url):
        return "the address contains characters a URL cannot (spaces, quotes or `<>`): percent-encode them or copy the address again from the browser"
    return None
