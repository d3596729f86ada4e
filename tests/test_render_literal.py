"""Plain text stays plain text: whatever a source says, the page shows it literally."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.model import Paragraph
from build_tools.render import InlineLink, escape_block, render_paragraph
from tests.site_config import site_markdown

MARKUP = [
    "*", "**", "_", "__", "`", "```", "\\", "<script>alert(1)</script>", "<b>", "</p>", "[x](y)", "[x](javascript:alert(1))",
    "![i](x.png)", "{{ config }}", "{% raw %}", "|", "| a | b |", "#", "# ", "1. ", "2) ", "---", "===", "&amp;", "&lt;",
    "&#42;", "> ", "- ", "+ ", "!!! note", "??? x", ": ", "[^1]", "[1]", "{: #id }", "{: onclick=x }", "<!-- c -->", "~~",
    "==", "^^", "$x$", "<https://a.example/>", "https://b.example/x_y_", "*[HTML]: Hyper", "    code", "\t", "  ", "™", "’",
]  # fmt: skip


class _Text(HTMLParser):
    """Visible text of an HTML fragment (what a reader sees, ignoring markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(markup: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split()), parser.tags


# Text as a contributor could paste it: any printable Unicode (no control characters, which
# the read phase removes with a warning) mixed with every piece of markup we know of.
text_pieces = st.one_of(st.sampled_from(MARKUP), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))
paragraphs = st.lists(text_pieces, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())


@pytest.mark.slow  # many generated examples
@settings(max_examples=400, deadline=None)
@given(paragraphs)
def test_paragraph_renders_its_text_exactly(text: str) -> None:
    md = site_markdown()
    shown, tags = visible(md.convert(render_paragraph(Paragraph(text, 1), set())))
    assert shown == " ".join(text.split())
    assert set(tags) <= {"p"}, f"markup from the source became HTML: {tags}"


@pytest.mark.slow  # many generated examples
@settings(max_examples=200, deadline=None)
@given(paragraphs)
def test_headings_and_list_items_render_their_text_exactly(text: str) -> None:
    md = site_markdown()
    heading = md.convert(f"# {escape_block(text)}")
    shown, tags = visible(re.sub(r'<a class="headerlink".*?</a>', "", heading))
    assert shown == " ".join(text.split())
    assert set(tags) <= {"h1"}


def test_markers_become_footnote_references_and_nothing_else() -> None:
    md = site_markdown()
    source = "He said <script>x</script> [1] and [2], see [3]."
    out = md.convert(render_paragraph(Paragraph(source, 1), {"1", "3"}) + "\n\n[^1]: <https://a.example/>\n[^3]: <https://c.example/>")
    assert out.count('class="footnote-ref"') == 2
    assert "<script>" not in out
    assert "<script>x</script>" in html.unescape(out)
    assert "[2]" in html.unescape(out)


@st.composite
def paragraphs_with_links(draw: st.DrawFn) -> tuple[str, list[InlineLink]]:
    text = draw(paragraphs)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))))
    links = [
        InlineLink(a, b, "../actors/x.md", draw(st.sampled_from([None, 'He said "hi" <b>', "Lead *x* [y]"])), "actor-link")
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        if b > a and text[a:b].strip()
    ]
    return text, links


@pytest.mark.slow  # many generated examples
@settings(max_examples=300, deadline=None)
@given(paragraphs_with_links())
def test_linked_spans_keep_the_text_around_them(case: tuple[str, list[InlineLink]]) -> None:
    text, links = case
    md = site_markdown()
    out = md.convert(render_paragraph(Paragraph(text, 1), set(), links))
    shown, tags = visible(out)
    assert shown == " ".join(text.split())
    assert tags.count("a") == len(links)
    assert set(tags) <= {"p", "a"}
