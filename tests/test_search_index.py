"""The search phase: which engine a site gets, what Pagefind's records hold, and a whole site built with Pagefind."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from pathlib import Path

import frontmatter
import pytest

from build_tools import search_index
from build_tools.build import Result, analyse
from build_tools.cli import main
from build_tools.search_index import (
    PAGEFIND_ABOVE,
    PagefindIndexing,
    actor_record,
    article_record,
    choose_engine,
    index_parts,
    page_for_engine,
    part_folder,
    records,
    start_site_search,
)
from tests.builders import make_article, make_registry
from tests.seed import ROOT, SEED_CONTENT, SEED_ID
from tests.sitecheck import broken_links, external_resources
from tests.test_site_build import build_site

CONTENT = SEED_CONTENT


@pytest.fixture(scope="module")
def seed() -> Result:
    return analyse(CONTENT)


# --------------------------------------------------------------------------------------------
# The engine


@pytest.mark.parametrize(
    ("requested", "pages", "engine"),
    [
        ("auto", 46, "material"),
        ("auto", PAGEFIND_ABOVE, "material"),
        ("auto", PAGEFIND_ABOVE + 1, "pagefind"),
        ("auto", 6000, "pagefind"),
        ("material", 6000, "material"),
        ("pagefind", 3, "pagefind"),
    ],
)
def test_engine_by_page_count_unless_forced(requested: str, pages: int, engine: str) -> None:
    assert choose_engine(requested, pages) == engine


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown search engine 'lunr'"):
        choose_engine("lunr", 10)


def test_auto_counts_articles_and_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(search_index, "PagefindIndexing", lambda pages, folder: started.append(len(list(pages))))
    registry = make_registry([(f"actor-{n}", f"Actor {n}", "person", []) for n in range(PAGEFIND_ABOVE - 10)])
    articles = [make_article(f"2015-01-{n:02d}-a", n, ["Text."]) for n in range(1, 12)]
    assert search_index.start_site_search(articles[:10], registry).engine == "material"
    assert search_index.start_site_search(articles, registry).engine == "pagefind"
    assert started == [PAGEFIND_ABOVE + 1], "Pagefind indexes every article and actor"


def test_cli_takes_the_engine(tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "site_fixture" / "content"
    assert main(["build", "--content", str(fixture), "--out", str(tmp_path / "docs"), "--search", "pagefind"]) == 0
    assert (tmp_path / "docs" / "pagefind" / "pagefind.js").is_file()
    assert main(["build", "--content", str(fixture), "--out", str(tmp_path / "docs")]) == 0
    assert not (tmp_path / "docs" / "pagefind").exists(), "auto on two articles is Material's search"
    with pytest.raises(SystemExit) as refused:
        main(["build", "--content", str(fixture), "--out", str(tmp_path / "docs"), "--search", "lunr"])
    assert refused.value.code == 2


# --------------------------------------------------------------------------------------------
# The records


def _body(record_html: str) -> str:
    return record_html.split("<body>", 1)[1]


def test_actor_record_weighs_name_and_aliases_and_leaves_quotes_out(seed: Result) -> None:
    actor = seed.registry.actors["islamic-state"]
    record = actor_record(actor)
    assert record.url == "actors/islamic-state/"
    body = _body(record.html)
    assert '<h1 data-pagefind-meta="title, context:Armed group" data-pagefind-weight="10">Islamic State</h1>' in body
    for alias in ("Daesh", "ISIS", "ISIL", "Islamic State of Iraq and the Levant"):
        assert f'<p data-pagefind-weight="10">{alias}</p>' in body, alias
    assert "Salafi jihadist militant group" in body
    # The actor page quotes the seed article's sentences; the record must not, or every article's words would rank the actor.
    seed_text = " ".join(p.text for p in seed.articles[0].paragraphs)
    assert "common threat with Daesh" in seed_text
    assert "common threat" not in body and "militia" not in body.lower()


def test_article_record_has_headline_body_byline_and_date_without_markers(seed: Result) -> None:
    article = next(a for a in seed.articles if a.id == SEED_ID)
    record = article_record(article)
    assert record.url == f"articles/{SEED_ID}/"
    body = _body(record.html)
    assert body.startswith('<h1 data-pagefind-meta="title, context:August 8, 2015 · The Washington Post">Expanding U.S. role in Iraq')
    assert "By Missy Ryan" in body and "<p>August 8, 2015</p>" in body
    assert "common threat with Daesh" in body
    assert not re.search(r"\[\d+\]", body), "reference markers are not words to search"
    assert "data-pagefind-weight" not in body, "articles keep Pagefind's own weights (headline 7, text 1)"


def test_records_escape_what_they_quote() -> None:
    article = make_article("2015-01-01-x", 1, ["<script>alert(1)</script> & [1]"])
    record = article_record(article)
    assert "<script>" not in record.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in record.html
    registry = make_registry([("a-b", 'A "quoted" <b>name</b>', "person", [])])
    html = actor_record(registry.actors["a-b"]).html
    assert "<b>name" not in html and 'A "quoted" &lt;b&gt;name&lt;/b&gt;</h1>' in html
    outlet = dataclasses.replace(article, outlet='The "Post" <i>')
    assert 'context:Undated · The &quot;Post&quot; &lt;i&gt;">' in article_record(outlet).html, "the meta attribute stays one attribute"


def test_records_come_in_a_fixed_order(seed: Result) -> None:
    urls = [record.url for record in records(list(reversed(seed.articles)), seed.registry)]
    assert urls == [f"articles/{SEED_ID}/"] + [f"actors/{actor_id}/" for actor_id in sorted(seed.registry.actors)]


def test_generated_pages_leave_materials_search_and_the_home_page_names_the_engine() -> None:
    page = '---\ntitle: "Iraq"\n---\n\n# Iraq\n'
    excluded = page_for_engine("pagefind", "actors/iraq.md", page)
    assert excluded == '---\nsearch:\n  exclude: true\ntitle: "Iraq"\n---\n\n# Iraq\n'
    assert page_for_engine("pagefind", "actors/iraq.md", excluded) == excluded, "adding twice adds once"
    home = frontmatter.loads(page_for_engine("pagefind", "index.md", page))
    assert home.metadata == {"search": {"exclude": True}, "search_engine": "pagefind", "search_index_parts": 1, "title": "Iraq"}
    assert frontmatter.loads(page_for_engine("pagefind", "index.md", page, index_parts=2))["search_index_parts"] == 2
    assert frontmatter.loads(page_for_engine("pagefind", "about.md", "# About\n")).metadata == {"search": {"exclude": True}}
    assert page_for_engine("material", "index.md", page) == page


def test_index_parts_hold_every_record_once_with_the_actors_last() -> None:
    registry = make_registry([("b", "B", "person", []), ("a", "A", "person", [])])
    articles = [make_article(f"2015-01-0{n}-story", n, ["Nothing here."]) for n in range(1, 6)]
    parts = index_parts(articles, registry, 2)
    assert [[record.url for record in part] for part in parts] == [
        [f"articles/2015-01-0{n}-story/" for n in (1, 2, 3)],
        ["articles/2015-01-04-story/", "articles/2015-01-05-story/", "actors/a/", "actors/b/"],
    ]
    assert [record.url for part in index_parts(articles, registry, 1) for record in part] == [record.url for record in records(articles, registry)]
    assert [part_folder(n) for n in (1, 2)] == ["pagefind", "pagefind-2"]


def test_big_sites_index_in_two_parts(seed: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "INDEX_PARTS_FROM", len(seed.articles) + len(seed.registry))
    files: dict[str, str | bytes] = {"index.md": '---\ntitle: "Home"\n---\n'}
    start_site_search(seed.articles, seed.registry, "pagefind").add_to(files)
    assert {"pagefind/pagefind-entry.json", "pagefind-2/pagefind-entry.json"} <= set(files)
    counts = [json.loads(files[f"{folder}/pagefind-entry.json"])["languages"]["en"]["page_count"] for folder in ("pagefind", "pagefind-2")]
    assert counts == [len(seed.articles), len(seed.registry)]
    home = files["index.md"]
    assert isinstance(home, str) and frontmatter.loads(home)["search_index_parts"] == 2
    again: dict[str, str | bytes] = {"index.md": '---\ntitle: "Home"\n---\n'}
    start_site_search(seed.articles, seed.registry, "pagefind").add_to(again)
    assert again == files, "the same content gives the same index parts, byte for byte"
    monkeypatch.setattr(search_index, "INDEX_PARTS_FROM", len(seed.articles) + len(seed.registry) + 1)
    one: dict[str, str | bytes] = {}
    start_site_search(seed.articles, seed.registry, "pagefind").add_to(one)
    assert not [name for name in one if name.startswith("pagefind-2/")]


# --------------------------------------------------------------------------------------------
# Pagefind's index


def test_index_is_byte_identical_across_runs(seed: Result) -> None:
    one = PagefindIndexing(records(seed.articles, seed.registry)).files()
    two = PagefindIndexing(records(seed.articles, seed.registry)).files()
    assert one == two
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json", "pagefind/wasm.en.pagefind"} <= set(one)
    assert not [name for name in one if "-ui." in name or "highlight" in name], "the UI bundles are not shipped: the header box uses the JS API"
    entry = json.loads(one["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["page_count"] == len(seed.articles) + len(seed.registry)
    fragments = [json.loads(gzip.decompress(data)[len(b"pagefind_dcd") :]) for name, data in one.items() if name.startswith("pagefind/fragment/")]
    by_url = {fragment["url"]: fragment for fragment in fragments}
    assert by_url["actors/islamic-state/"]["meta"] == {"title": "Islamic State", "context": "Armed group"}
    assert "Daesh" in by_url["actors/islamic-state/"]["content"]


def test_a_failing_pagefind_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "_pagefind_binary", lambda: "/bin/false")
    with pytest.raises(search_index.PagefindError, match="pagefind stopped"):
        PagefindIndexing(records([], make_registry([("a", "A", "person", [])]))).files()


# --------------------------------------------------------------------------------------------
# A whole site searched with Pagefind


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed fixture with Pagefind forced (the browser tests serve it under a sub-path)."""
    return build_site(CONTENT, tmp_path_factory.mktemp("pagefind"), search="pagefind")


@pytest.mark.slow  # a whole site with mkdocs
def test_pagefind_site_builds_strict_with_its_index(pagefind_site: tuple[Path, Path]) -> None:
    docs, site = pagefind_site
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "assets" / "pagefind-search.js").is_file() and (site / "assets" / "pagefind-search.css").is_file()
    assert broken_links(site) == []
    assert external_resources(site) == []
    assert frontmatter.load(str(docs / "index.md")).metadata["search_engine"] == "pagefind"
    for page in [docs / "index.md", docs / "actors" / "index.md", docs / "articles" / f"{SEED_ID}.md", *sorted((docs / "actors").glob("*.md"))]:
        assert frontmatter.load(str(page)).metadata["search"] == {"exclude": True}, page


@pytest.mark.slow  # a whole site with mkdocs
def test_materials_index_holds_only_hand_written_pages(pagefind_site: tuple[Path, Path]) -> None:
    _, site = pagefind_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {doc["location"].split("#")[0] for doc in index["docs"]} <= {"about/"}, "content/pages/about.md is written by hand and left as it is"


@pytest.mark.slow  # a whole site with mkdocs
def test_every_page_has_the_pagefind_box_and_no_material_search_form(pagefind_site: tuple[Path, Path]) -> None:
    _, site = pagefind_site
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Material's bundle fetches search/search_index.json on every page that has this form.
        assert 'name="search"' not in text, page
        assert 'data-md-component="search"' not in text, page
        assert "data-pagefind-search" in text and "assets/pagefind-search.js" in text, page


@pytest.mark.slow  # a whole site with mkdocs
def test_small_site_keeps_materials_search(tmp_path: Path) -> None:
    docs, site = build_site(CONTENT, tmp_path)
    assert not (docs / "pagefind").exists()
    assert not list((docs / "assets").glob("pagefind-*")), "the Pagefind search box's files ship only with Pagefind"
    assert "search" not in frontmatter.load(str(docs / "index.md")).metadata
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="search"' in home and "data-pagefind-search" not in home and "pagefind-search.js" not in home


@pytest.mark.parametrize("failure", ["binary missing", "binary fails"])
def test_a_failing_pagefind_is_an_error_line_and_the_old_output_stays(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = ROOT / "tests" / "site_fixture" / "content"
    out = tmp_path / "docs"
    assert main(["build", "--content", str(fixture), "--out", str(out), "--search", "material"]) == 0
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))

    def missing() -> str:
        raise search_index.PagefindError("the pagefind binary is missing")

    monkeypatch.setattr(search_index, "_pagefind_binary", missing if failure == "binary missing" else lambda: "/bin/false")
    capsys.readouterr()
    assert main(["build", "--content", str(fixture), "--out", str(out), "--search", "pagefind"]) == 1
    printed = capsys.readouterr().err
    assert re.search(r"content: error: the search index could not be built \(.*pagefind.*\); reinstall .* or build with `--search material`", printed), printed
    assert "Traceback" not in printed
    assert "nothing written" in printed
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
