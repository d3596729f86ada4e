"""The pipeline, phase by phase: read sources -> load registry -> link -> render -> write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from build_tools.model import Article
from build_tools.problems import Problem, has_errors
from build_tools.read import read_sources
from build_tools.render import render_article, render_articles_index, render_home
from build_tools.write import write_output

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("build/docs")


@dataclass(frozen=True)
class Result:
    """What a build or check found."""

    problems: list[Problem]
    """Everything wrong, in file and line order."""
    articles: int
    """How many sources became articles."""
    wrote: bool
    """Whether the output folder was replaced."""


def _source_path(article: Article, content: Path) -> str:
    """The source's path inside the content folder, as edit links want it."""
    try:
        return article.path.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        return article.path.name


def render_site(content: Path, articles: list[Article]) -> dict[str, str | bytes]:
    """Every file of the docs folder, by relative path."""
    files: dict[str, str | bytes] = {}
    for article in articles:
        files[f"articles/{article.id}.md"] = render_article(article, _source_path(article, content))
    files["articles/index.md"] = render_articles_index(articles)
    pages = content / "pages"
    intro_path = pages / "index.md"
    intro = intro_path.read_text(encoding="utf-8") if intro_path.exists() else None
    files["index.md"] = render_home(articles, 0, intro)
    if pages.is_dir():
        for page in sorted(pages.rglob("*")):
            if page.is_file() and page != intro_path:
                files[page.relative_to(pages).as_posix()] = page.read_bytes()
    for asset in resources.files("build_tools").joinpath("assets").iterdir():
        if asset.is_file():
            files[f"assets/{asset.name}"] = asset.read_bytes()
    files["data/articles.json"] = (
        json.dumps(
            [{"id": a.id, "title": a.title, "date": a.date, "outlet": a.outlet, "authors": list(a.authors), "source_url": a.source_url} for a in articles],
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    return files


def build(content: Path, out: Path | None, *, write: bool = True) -> Result:
    """Run every phase; write only when nothing is in error."""
    articles, problems = read_sources(content)
    files = render_site(content, articles)
    wrote = False
    if write and out is not None and not has_errors(problems):
        problems += write_output(out, files)
        wrote = not has_errors(problems)
    return Result(sorted(problems), len(articles), wrote)
