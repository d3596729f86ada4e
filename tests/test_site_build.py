"""The seed fixture (tests/fixtures/seed/), built the way `make site` builds content, read as a reader's browser would."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from build_tools.build import build
from tests.seed import ROOT, SEED_CONTENT, SEED_ID
from tests.seed import SEED_SOURCE as SEED
from tests.sitecheck import broken_links, external_resources

pytestmark = pytest.mark.slow  # builds whole sites with mkdocs


def build_site(content: Path, work: Path, search: str = "auto") -> tuple[Path, Path]:
    """build_tools into an absolute docs folder outside the repo, then mkdocs --strict from it."""
    docs, site = work / "docs", work / "site"
    result = build(content, docs, search)
    assert result.wrote, [p.format() for p in result.problems]
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
    mkdocs_build(config)
    return docs, site


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_site(SEED_CONTENT, tmp_path_factory.mktemp("seed"))


def test_seed_front_matter(real_site: tuple[Path, Path]) -> None:
    docs, _ = real_site
    page = frontmatter.load(str(docs / "articles" / f"{SEED_ID}.md"))
    assert page["id"] == SEED_ID
    assert page["title"] == "Expanding U.S. role in Iraq strains awkward alliance with Iran"
    assert page["authors"] == ["Missy Ryan"]
    assert page["date"] == "2015-08-08"
    assert page["outlet"] == "The Washington Post"
    assert page["related"] == [
        {"date": "2015-07-28", "outlet": "Reuters", "title": "Iraqi militia leader says U.S. not serious about fighting Islamic State", "url": None}
    ]
    assert sorted(page["references"], key=int) == [str(n) for n in range(1, 8)]
    assert page["references"]["2"] == "https://twitter.com/attackerman/status/507193819599994880"
    assert page["contributors"] == ["Mustafa Salim"]
    assert page["source_url"] == SEED.read_text(encoding="utf-8").splitlines()[3]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _elements(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(text)
    return parser.found


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and any(k == "id" and (v or "").startswith("p-") for k, v in attrs):
            self.depth = 1
            self.texts.append("")
        elif self.depth and tag == "sup":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.depth = 0
        elif self.depth > 1 and tag == "sup":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 1:
            self.texts[-1] += data


def test_every_seed_paragraph_is_on_the_page_in_order(real_site: tuple[Path, Path]) -> None:
    _, site = real_site
    parser = _Paragraphs()
    parser.feed((site / "articles" / SEED_ID / "index.html").read_text(encoding="utf-8"))
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("August 8, 2015") + 1 : lines.index("Mustafa Salim in Baghdad contributed to this report.")]
    expected = [" ".join(re.sub(r"\s*\[\d+\]", "", line).split()) for line in body if line.strip()]
    shown = [" ".join(text.split()) for text in parser.texts]
    assert shown == expected


def test_no_broken_links_or_anchors(real_site: tuple[Path, Path]) -> None:
    _, site = real_site
    assert broken_links(site) == []


def test_no_page_loads_anything_from_another_host(real_site: tuple[Path, Path]) -> None:
    _, site = real_site
    assert external_resources(site) == []


def test_actor_pages_quote_the_seed_with_paragraph_links(real_site: tuple[Path, Path]) -> None:
    _, site = real_site
    page = (site / "actors" / "kataib-hezbollah" / "index.html").read_text(encoding="utf-8")
    assert "Iranian-backed militia that the United States considers a terrorist group" in page
    assert f'href="../../articles/{SEED_ID}/#p-8"' in page
    assert f'href="../../articles/{SEED_ID}/#p-13"' in page


def test_hostile_source_reaches_the_page_as_text_only(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    hostile = [
        "<script>alert('body')</script> [x](javascript:alert(1)) <img src=x onerror=alert(2)> {{ config.site_name }} {% raw %}",
        "# not a heading *not emphasis* _nor this_ | a | b | &amp; <!-- comment --> <iframe src=https://evil.example/>",
        "1. not a list",
        "--- not a rule ---",
        "[click](https://evil.example/) ![img](https://evil.example/i.png) <https://evil.example/auto>",
    ]
    source = "\n".join(
        [
            "https://www.example.com/hostile",
            "<script>alert('title')</script> {{ title }} *Headline*",
            "By <b>Evil</b> Writer",
            "August 8, 2015",
            *hostile,
        ]
    )
    (content / "sources" / "hostile.txt").write_text(source + "\n", encoding="utf-8")
    _, site = build_site(content, tmp_path / "out")
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        elements = _elements(text)
        for tag, attrs in elements:
            assert tag not in ("iframe", "img", "object", "embed"), (html_file, tag, attrs)
            for name, value in attrs:
                assert not name.startswith("on"), (html_file, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (html_file, tag, name)
                assert "evil.example" not in (value or ""), (html_file, tag, name)
        for inline in re.findall(r"<script>(.*?)</script>", text, flags=re.S):
            assert "alert(" not in inline, html_file
        assert "<script>alert" not in text and "<b>Evil</b>" not in text
    article = html.unescape(next((site / "articles").glob("2015-08-08-*/index.html")).read_text(encoding="utf-8"))
    for line in hostile:
        assert " ".join(line.split()) in article, f"not shown literally: {line}"
