"""The pipeline, phase by phase: read sources -> load registry -> link -> render -> write."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from build_tools.feed import render_feed
from build_tools.glossary import Glossary, actor_href, actor_tooltip, co_mention_counts, index_glossary, render_actor_page, render_glossary
from build_tools.graph import render_graph_page
from build_tools.link import actor_ids_in_order, link_articles
from build_tools.model import Article, Mention
from build_tools.problems import Problem, has_errors
from build_tools.read import read_sources
from build_tools.registry import TYPE_LABELS, Registry, load_registry
from build_tools.render import InlineLink, escape_inline, link, render_article, render_articles_index, render_home
from build_tools.write import write_output

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("build/docs")
# Below this many sources a process pool costs more to start than it saves.
PARALLEL_FROM = 400
DEFAULT_ABOUT = "# About\n\nNews reporting linked to a glossary of the actors it names. Add `pages/about.md` to the content folder to say more.\n"


@dataclass(frozen=True)
class Result:
    """What a build or check found."""

    problems: list[Problem]
    """Everything wrong, in file and line order."""
    articles: list[Article]
    """The sources that became articles."""
    registry: Registry
    """The actors that loaded."""
    mentions: dict[str, list[Mention]]
    """Article id -> its mentions."""
    wrote: bool
    """Whether the output folder was replaced."""


def edit_base_url() -> str | None:
    """Where edit links point: EDIT_BASE_URL, else the GitHub repository CI runs in, else nowhere."""
    explicit = os.environ.get("EDIT_BASE_URL")
    if explicit:
        return explicit if explicit.endswith("/") else explicit + "/"
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if server and repository:
        return f"{server}/{repository}/edit/{os.environ.get('EDIT_BRANCH', 'main')}/content/"
    return None


def _source_path(article: Article, content: Path) -> str:
    """The source's path inside the content folder, as edit links want it."""
    try:
        return article.path.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        return article.path.name


def _actors_box(glossary: Glossary, actor_ids: Sequence[str]) -> list[str]:
    if not actor_ids:
        return []
    out = ["## Actors in this article", ""]
    for actor_id in actor_ids:
        actor = glossary.registry.actors[actor_id]
        out.append(
            f"- {link(escape_inline(actor.name), f'../actors/{actor_id}.md', actor_tooltip(actor))} · {TYPE_LABELS[actor.type]} — {escape_inline(actor.description)}"
        )
    return [*out, "{: .actors-in-article }", ""]


def _article_page(article: Article, content: Path, glossary: Glossary, mentions: Sequence[Mention]) -> str:
    links: dict[int, list[InlineLink]] = defaultdict(list)
    for mention in mentions:
        if mention.linked:
            actor = glossary.registry.actors[mention.actor]
            links[mention.paragraph].append(InlineLink(mention.start, mention.end, actor_href(actor.id, "articles"), actor_tooltip(actor), "actor-link"))
    actor_ids = actor_ids_in_order(mentions)
    source_path = _source_path(article, content)
    edit_url = f"{glossary.edit_base_url}{source_path}" if glossary.edit_base_url else None
    return render_article(article, source_path, actor_ids, links, _actors_box(glossary, actor_ids), edit_url)


def _json(rows: Sequence[object]) -> str:
    """A JSON array with one record per line: readable diffs, and json's C encoder (indent= would force the slow one)."""
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"


def _data_files(articles: Sequence[Article], glossary: Glossary, mentions: Mapping[str, Sequence[Mention]]) -> dict[str, str | bytes]:
    actors = [
        {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "aliases": [alias.text for alias in actor.aliases],
            "alias_rules": [asdict(alias) for alias in actor.aliases],
            "description": actor.description,
            "description_source": actor.description_source,
            "roles": [{"title": r.title, "of": r.of, "from": r.start, "to": r.end} for r in actor.roles],
            "relations": [{"type": r.type, "target": r.target, "from": r.start, "to": r.end, "source": r.source} for r in actor.relations],
            "external_ids": dict(actor.external_ids),
            "not_same_as": list(actor.not_same_as),
            "mention_count": len(glossary.mentions_by_actor.get(actor.id, [])),
            "articles": glossary.articles_by_actor.get(actor.id, []),
        }
        for actor in glossary.registry.actors.values()
    ]
    rows = [
        {"article": m.article, "actor": m.actor, "text": m.text, "start": m.start, "end": m.end, "paragraph": m.paragraph, "linked": m.linked}
        for article in sorted(articles, key=lambda a: a.id)
        for m in mentions.get(article.id, [])
    ]
    listing = [
        {
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "outlet": a.outlet,
            "authors": list(a.authors),
            "source_url": a.source_url,
            "actors": actor_ids_in_order(mentions.get(a.id, [])),
        }
        for a in sorted(articles, key=lambda a: a.id)
    ]
    return {"data/actors.json": _json(actors), "data/mentions.json": _json(rows), "data/articles.json": _json(listing)}


def render_site(content: Path, articles: list[Article], registry: Registry, mentions: dict[str, list[Mention]]) -> dict[str, str | bytes]:
    """Every file of the docs folder, by relative path."""
    glossary = index_glossary(registry, articles, mentions, edit_base_url())
    files: dict[str, str | bytes] = {}
    for article in articles:
        files[f"articles/{article.id}.md"] = _article_page(article, content, glossary, mentions.get(article.id, []))
    files["articles/index.md"] = render_articles_index(articles)
    co_mentions = co_mention_counts(glossary)
    for actor in registry.actors.values():
        files[f"actors/{actor.id}.md"] = render_actor_page(glossary, actor, co_mentions.get(actor.id, Counter()))
    files["actors/index.md"] = render_glossary(glossary)
    files["graph/index.md"] = render_graph_page(registry)
    files["feed.xml"] = render_feed(articles)
    pages = content / "pages"
    intro_path = pages / "index.md"
    intro = intro_path.read_text(encoding="utf-8") if intro_path.exists() else None
    files["index.md"] = render_home(articles, len(registry), intro)
    if pages.is_dir():
        for page in sorted(pages.rglob("*")):
            if page.is_file() and page != intro_path:
                files[page.relative_to(pages).as_posix()] = page.read_bytes()
    # mkdocs.yml's nav names about.md: a content folder without one still builds.
    files.setdefault("about.md", DEFAULT_ABOUT)
    for asset in resources.files("build_tools").joinpath("assets").iterdir():
        if asset.is_file():
            files[f"assets/{asset.name}"] = asset.read_bytes()
    files.update(_data_files(articles, glossary, mentions))
    return files


def analyse(content: Path) -> Result:
    """Read, load and link: everything `check` needs, nothing written."""
    sources = content / "sources"
    many = sources.is_dir() and sum(1 for _ in sources.glob("*.txt")) >= PARALLEL_FROM
    if many and (os.cpu_count() or 1) > 1:
        # Parsing is pure Python and independent per file: both cores pay off on big archives.
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:
            articles, problems = read_sources(content, pool)
    else:
        articles, problems = read_sources(content)
    registry, found = load_registry(content)
    problems += found
    mentions, found = link_articles(registry, articles)
    problems += found
    return Result(sorted(problems), articles, registry, mentions, wrote=False)


def build(content: Path, out: Path) -> Result:
    """Run every phase; write only when nothing is in error, so a failed build leaves the old output."""
    result = analyse(content)
    if has_errors(result.problems):
        return result
    files = render_site(content, result.articles, result.registry, result.mentions)
    problems = write_output(out, files)
    return Result(sorted(result.problems + problems), result.articles, result.registry, result.mentions, wrote=not problems)
