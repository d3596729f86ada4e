"""The benchmark's synthetic corpus, small: it builds with `--strict` and links what it names, and big-archive code paths agree with small ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import build_tools.build as build_module
import build_tools.render as render_module
from bench.generate import generate
from build_tools.build import build
from tests.sitecheck import broken_links
from tests.test_site_build import build_site

pytestmark = pytest.mark.slow  # builds generated archives into whole sites


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus"), articles=40, actors=60, words=300)


def test_generated_site_builds_strict_with_no_broken_links(corpus: Path, tmp_path: Path) -> None:
    _, site = build_site(corpus, tmp_path)
    assert (site / "index.html").is_file()
    assert broken_links(site) == []


def test_every_actor_the_generator_named_is_linked_and_nothing_else(corpus: Path, tmp_path: Path) -> None:
    named: dict[str, list[str]] = json.loads((corpus.parent / "named-actors.json").read_text(encoding="utf-8"))
    result = build(corpus, tmp_path / "docs")
    assert result.wrote, [p.format() for p in result.problems]
    assert len(result.articles) == len(named) == 40
    for article in result.articles:
        mentions = result.mentions[article.id]
        linked = sorted(m.actor for m in mentions if m.linked)
        assert linked == named[article.path.stem], article.path.name
        assert {m.actor for m in mentions} == set(named[article.path.stem])


def test_pages_rendered_in_workers_are_byte_identical_to_serial_ones(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "PARALLEL_RENDER_FROM", 10**9)
    assert build(corpus, tmp_path / "serial").wrote
    monkeypatch.setattr(build_module, "PARALLEL_RENDER_FROM", 1)
    monkeypatch.setattr(build_module, "_workers", lambda: 2)
    assert build(corpus, tmp_path / "parallel").wrote
    serial, parallel = _tree(tmp_path / "serial"), _tree(tmp_path / "parallel")
    assert sorted(serial) == sorted(parallel)
    assert [path for path in serial if serial[path] != parallel[path]] == []
    assert sum(1 for path in parallel if re.fullmatch(r"actors/[^/]+\.md", path)) == 61  # 60 actor pages and the glossary
    assert sum(1 for path in parallel if re.fullmatch(r"actors/[^/]+/feed\.xml", path)) == 60


def test_big_archives_list_articles_by_year_pages(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "ARTICLES_PER_INDEX_PAGE", 10)
    docs, site = build_site(corpus, tmp_path)
    assert broken_links(site) == []
    index = (docs / "articles" / "index.md").read_text(encoding="utf-8")
    years = sorted((docs / "articles" / "years").glob("*.md"))
    assert len(years) > 1
    assert all(f"](years/{page.name})" in index for page in years), index
    listed = [line for page in years for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    assert len(listed) == 40, "every article on exactly one year page"
    assert len({line.split("](<../")[1].split(".md>")[0] for line in listed}) == 40
    assert all("](<../" in line for line in listed)
    assert not [line for line in index.splitlines() if ".md)" in line and "years/" not in line], "the index links years, not articles"
