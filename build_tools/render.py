"""Phase 4, render: Articles (and what linking found) become Markdown pages whose text stays literal."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.model import Article, Paragraph, Reference
from build_tools.problems import json_string
from build_tools.text import MARKER

# Characters that some Markdown extension or HTML could read as syntax anywhere in a line
# (`#` too: trailing hashes close an ATX heading; `!` before a link makes it an image).
# They become numeric character references, which every extension leaves alone and a
# browser shows as the character itself.
_ALWAYS_ESCAPED = frozenset("\\`*_{}[]<>&|~^=$#!")
# At the start of a paragraph, list item or heading, these open blocks (`# `, `> `, `- `, `!!!`, `???`, `: `...).
_LINE_START_ESCAPED = frozenset("#>+-*:!?%/=.")
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])")


_ESCAPE_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _ALWAYS_ESCAPED}


def escape_inline(text: str) -> str:
    """Markdown for `text` that renders exactly as `text`, wherever it stands inside a line."""
    return text.translate(_ESCAPE_TABLE)


def escape_block(text: str) -> str:
    """Like `escape_inline`, for text that starts a block (paragraph, list item, heading text)."""
    # Leading spaces would make an indented code block; trailing ones matter before a link that follows.
    text = " ".join(text.splitlines()).lstrip()
    ordered = _ORDERED_LIST_START.match(text)
    if ordered:
        return ordered.group(1) + f"&#{ord(ordered.group(2))};" + escape_inline(text[ordered.end() :])
    if text[:1] in _LINE_START_ESCAPED:
        return f"&#{ord(text[0])};" + escape_inline(text[1:])
    return escape_inline(text)


def escape_attribute(text: str) -> str:
    """Text for a Markdown link title in double quotes."""
    return escape_inline(text).replace('"', "&quot;")


def link(text_markdown: str, url: str, title: str | None = None) -> str:
    """A Markdown link; the URL is in angle brackets so parentheses in it survive."""
    title_part = f' "{escape_attribute(title)}"' if title else ""
    return f"[{text_markdown}](<{url}>{title_part})"


def plural(count: int, noun: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_date(iso: str | None) -> str:
    """`2015-08-08` -> `August 8, 2015`."""
    if not iso:
        return "Undated"
    day = dt.date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


_ENTITY_LIKE = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def html_safe_title(text: str) -> str:
    """The headline as MkDocs and Material want `title`: they insert it into pages as HTML, unescaped.

    Only what would change meaning in HTML is escaped (`<`, `>`, and a `&` that starts an entity),
    so nearly every headline stays exactly as printed; `headline` keeps the verbatim text.
    """
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


# Characters YAML reads as line breaks or a byte-order mark even inside a quoted string; JSON leaves them raw.
# So are characters outside YAML's printable set (DEL, C1 controls, U+FFFE, U+FFFF), which a YAML reader refuses.
_YAML_UNSAFE = str.maketrans({code: f"\\u{code:04x}" for code in [0x2028, 0x2029, 0x85, 0xFEFF, 0xFFFE, 0xFFFF, *range(0x7F, 0xA0)]})


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # A JSON string is a YAML double-quoted scalar: always quoted, so no value is ever read as a
    # date, a boolean or a number, and json's C encoder does the escaping (what `json.dumps` calls).
    quoted: str = json_string(str(value))
    # ASCII without DEL holds none of the characters YAML needs escaped: most values skip the translation.
    return quoted if quoted.isascii() and "\x7f" not in quoted else quoted.translate(_YAML_UNSAFE)


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _key(key: Any) -> str:
    """Plain where YAML cannot misread it (`title`), quoted otherwise (`"1"` must stay a string)."""
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML_WORDS else _scalar(text)


def _yaml_lines(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return [f"{indent}{key}: {{}}"]
        return [f"{indent}{key}:"] + [line for k, v in value.items() for line in _yaml_lines(_key(k), v, indent + "  ")]
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{indent}{key}: []"]
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, (dict, list, tuple)) and not item:
                lines.append(f"{indent}- {'{}' if isinstance(item, dict) else '[]'}")
            elif isinstance(item, dict):
                entries = [line for k, v in item.items() for line in _yaml_lines(_key(k), v, indent + "  ")]
                lines.append(f"{indent}- {entries[0].lstrip()}")
                lines.extend(entries[1:])
            else:
                lines.append(f"{indent}- {_scalar(item)}")
        return lines
    return [f"{indent}{key}: {_scalar(value)}"]


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter in a fixed key order, so the same content gives the same bytes.

    Written by hand rather than by PyYAML, whose pure-Python representer was most of a large build's render time.
    """
    lines = [line for key, value in data.items() for line in _yaml_lines(_key(key), value, "")]
    return "---\n" + "\n".join(lines) + "\n---\n"


@dataclass(frozen=True)
class InlineLink:
    """A span of a paragraph that becomes a link (an actor mention, chosen by the link phase)."""

    start: int
    """Offset of the first character in the paragraph's source text."""
    end: int
    """Offset after the last character."""
    href: str
    """Where the link goes, relative to the page it is on."""
    title: str | None
    """Tooltip text (the actor's name and lead)."""
    css_class: str
    """Class on the link so the theme can style actor links."""


def render_paragraph(paragraph: Paragraph, footnote_keys: set[str], links: Sequence[InlineLink] = ()) -> str:
    """The paragraph's Markdown: literal text, `[^n]` footnote references and actor links."""
    events: list[tuple[int, int, str]] = []
    for match in MARKER.finditer(paragraph.text):
        if match.group("key") in footnote_keys:
            events.append((match.start(), match.end(), f"[^{match.group('key')}]"))
    for item in links:
        label = escape_inline(paragraph.text[item.start : item.end])
        events.append((item.start, item.end, f"{link(label, item.href, item.title)}{{: .{item.css_class} data-preview }}"))
    events.sort()
    pieces: list[str] = []
    position = 0
    for start, end, markdown in events:
        if start < position:
            continue  # overlapping spans are the link phase's bug; the text is never duplicated
        before = paragraph.text[position:start]
        if markdown.startswith("[^"):
            before = before.rstrip()  # the marker sits against the word it cites, as a superscript does
        pieces.append(escape_block(before) if position == 0 else escape_inline(before))
        pieces.append(markdown)
        position = end
    rest = paragraph.text[position:]
    pieces.append(escape_block(rest) if position == 0 else escape_inline(rest))
    body = "".join(pieces).rstrip()
    return body


def paragraph_anchor(index: int) -> str:
    """The id of the 1-based `index`-th body paragraph of an article page."""
    return f"p-{index}"


def article_front_matter(article: Article, actor_ids: Sequence[str], source_path: str, edit_url: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "title": html_safe_title(article.title),
        "authors": list(article.authors),
        "date": article.date,
        "outlet": article.outlet,
        "source_url": article.source_url,
        "related": [{"date": item.date, "outlet": item.outlet, "title": item.title, "url": item.url} for item in article.related],
        "references": {ref.key: ref.url for ref in article.references},
        "contributors": list(article.contributors),
        "actors": list(actor_ids),
        "headline": article.title,
        "byline": article.byline,
        "affiliations": list(article.affiliations),
        "source_path": source_path,
        "overridden": list(article.overridden),
    }
    # Keys of government pages' headers, written only when the page has them, so other pages' front matter stays as it was.
    for key, value in (
        ("kind", article.kind),
        ("credit", article.credit),
        ("place", article.place),
        ("updated", article.updated),
        ("release_number", article.release_number),
    ):
        if value is not None:
            data[key] = value
    if edit_url:
        data["edit_url"] = edit_url
    return data


def _byline_markdown(article: Article) -> str:
    """`byline · place · date (updated ...) · Release No. ... · outlet`: the line under the headline."""
    texts = [text for text in (article.byline, article.place) if text]
    updated = f" (updated {display_date(article.updated)})" if article.updated and article.updated != article.date else ""
    texts.append(display_date(article.date) + updated)
    if article.release_number:
        texts.append(f"Release No. {article.release_number}")
    parts = [escape_block(text) if index == 0 else escape_inline(text) for index, text in enumerate(texts)]
    parts.append(link(escape_inline(article.outlet), article.source_url, f"Read the original at {article.outlet}"))
    return " · ".join(parts)


def _kind_markdown(article: Article) -> list[str]:
    """The page's label (`Press Statement`) as a small line above the headline, as the page printed it."""
    return [escape_block(article.kind), "{: .article-kind }", ""] if article.kind else []


def _related_markdown(article: Article) -> list[str]:
    if not article.related:
        return []
    lines = ['!!! abstract "Related coverage"', ""]
    for item in article.related:
        when = display_date(item.date) if item.date else "Undated"
        outlet = f"{escape_inline(item.outlet)}: " if item.outlet else ""
        headline = link(escape_inline(item.title), item.url) if item.url else escape_inline(item.title)
        lines.append(f"    - {when} — {outlet}{headline}")
    return [*lines, ""]


def _reference_markdown(ref: Reference) -> str:
    if ref.url:
        return f"<{ref.url}>"
    return escape_block(ref.text or "")


def render_article(
    article: Article,
    source_path: str,
    actor_ids: Sequence[str] = (),
    links_by_paragraph: dict[int, list[InlineLink]] | None = None,
    actors_box: Iterable[str] = (),
    edit_url: str | None = None,
) -> str:
    """The article page: front matter, headline, byline line, related box, anchored paragraphs, footnotes."""
    links_by_paragraph = links_by_paragraph or {}
    cited = {m.group("key") for p in article.paragraphs for m in MARKER.finditer(p.text)}
    footnotes = [ref for ref in article.references if ref.key in cited and (ref.url or ref.text)]
    footnote_keys = {ref.key for ref in footnotes}
    out: list[str] = [front_matter(article_front_matter(article, actor_ids, source_path, edit_url)), ""]
    out += _kind_markdown(article)
    out += [f"# {escape_block(article.title)}", ""]
    out += [_byline_markdown(article), "{: .article-byline }", ""]
    out += _related_markdown(article)
    for index, paragraph in enumerate(article.paragraphs, start=1):
        out += [render_paragraph(paragraph, footnote_keys, links_by_paragraph.get(index, ())), f"{{: #{paragraph_anchor(index)} }}", ""]
    for line in article.contributor_lines:
        out += [escape_block(line), "{: .article-contributors }", ""]
    out += list(actors_box)
    others = [ref for ref in article.references if ref.key not in footnote_keys]
    if others or article.unnumbered_urls:
        out += ["## Other links", ""]
        for ref in others:
            out.append(f"- &#91;{ref.key}&#93; {_reference_markdown(ref)}")
        out += [f"- <{url}>" for url in article.unnumbered_urls]
        out.append("")
    for ref in sorted(footnotes, key=lambda r: int(r.key)):
        out.append(f"[^{ref.key}]: {_reference_markdown(ref)}")
    return "\n".join(out).rstrip("\n") + "\n"


def sorted_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first; undated articles last; ties broken by id so the order never changes."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date or "", a.id), reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: a.id)
    return dated + undated


def article_list_item(article: Article, href: str) -> str:
    """One line of an article list: date, linked headline, outlet, authors."""
    # The office a statement is credited to, when no person signs it and it is not the outlet itself.
    who = ", ".join(article.authors) or (article.credit if article.credit != article.outlet else None)
    authors = f" · {escape_inline(who)}" if who else ""
    return f"- {display_date(article.date)} — {link(escape_inline(article.title), href)} · {escape_inline(article.outlet)}{authors}"


def render_articles_index(articles: Sequence[Article]) -> str:
    """`articles/index.md`: every article, newest first, grouped by year and month."""
    out = [front_matter({"title": "Articles"}), "", "# Articles", "", f"{plural(len(articles), 'article')}, newest first.", ""]
    return "\n".join(out + _by_month(sorted_articles(articles), "", year_headings=True)).rstrip("\n") + "\n"


def _year_of(article: Article) -> str:
    return article.date[:4] if article.date else "Undated"


def _by_month(articles: Sequence[Article], href_prefix: str, year_headings: bool) -> list[str]:
    """Markdown lines: the articles (sorted newest first) under month headings, and year headings if asked."""
    out: list[str] = []
    current: tuple[str, str] | None = None
    for article in articles:
        if article.date:
            day = dt.date.fromisoformat(article.date)
            group = (str(day.year), f"{day:%B} {day.year}")
        else:
            group = ("Undated", "Undated")
        if year_headings and (current is None or group[0] != current[0]):
            out += [f"## {group[0]}", ""]
        if current != group and group[0] != "Undated":
            out += [f"{'###' if year_headings else '##'} {group[1]}", ""]
        current = group
        out.append(article_list_item(article, f"{href_prefix}{article.id}.md"))
        out.append("")
    return out


# Above this many articles, the index lists the years and each year has its own page: one page listing ten
# thousand articles is megabytes for every visit, and a long wait for MkDocs to render.
ARTICLES_PER_INDEX_PAGE = 1000


def render_article_listing(articles: Sequence[Article]) -> dict[str, str]:
    """`articles/index.md`, and on big archives a page per year (`articles/years/<year>.md`) that it links to."""
    if len(articles) <= ARTICLES_PER_INDEX_PAGE:
        return {"articles/index.md": render_articles_index(articles)}
    by_year: dict[str, list[Article]] = {}
    for article in sorted_articles(articles):
        by_year.setdefault(_year_of(article), []).append(article)
    out = [front_matter({"title": "Articles"}), "", "# Articles", "", f"{plural(len(articles), 'article')}, by year, newest first.", ""]
    out += [f"- [{year}](years/{year.lower()}.md) · {plural(len(items), 'article')}" for year, items in by_year.items()]
    pages = {"articles/index.md": "\n".join(out) + "\n"}
    for year, items in by_year.items():
        title = f"Articles from {year}" if year != "Undated" else "Undated articles"
        page = [front_matter({"title": title}), "", f"# {title}", "", f"{plural(len(items), 'article')}, newest first. [All years](../index.md)", ""]
        page += _by_month(items, "../", year_headings=False)
        pages[f"articles/years/{year.lower()}.md"] = "\n".join(page).rstrip("\n") + "\n"
    return pages


def render_home(articles: Sequence[Article], actor_count: int, intro: str | None) -> str:
    """The home page: what the site is, counts, the latest articles."""
    out = [front_matter({"title": "Home"}), ""]
    out += [intro.strip() if intro else "# Conflict reporting archive", ""]
    glossary = f" · **{actor_count}** {'actor' if actor_count == 1 else 'actors'} in the [glossary](actors/index.md)" if actor_count else ""
    out += [f"**{len(articles)}** {'article' if len(articles) == 1 else 'articles'}{glossary}", ""]
    out += ["## Latest articles", ""]
    out += [article_list_item(a, f"articles/{a.id}.md") for a in sorted_articles(articles)[:10]]
    out += ["", "[All articles](articles/index.md)", ""]
    return "\n".join(out).rstrip("\n") + "\n"
