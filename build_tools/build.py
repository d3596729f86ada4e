"""The pipeline, phase by phase: read sources -> load registry -> link -> render -> write."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from build_tools.actor_schema import TYPE_LABELS
from build_tools.feed import render_feed
from build_tools.glossary import Glossary, actor_href, actor_tooltip, co_mention_counts, index_glossary, render_actor_files
from build_tools.glossary_index import render_glossary_pages
from build_tools.graph import render_graph_page
from build_tools.link import actor_ids_in_order, link_articles
from build_tools.model import Article, Mention
from build_tools.problems import Problem, error, has_errors, json_string
from build_tools.processes import without_cycle_collection, worth_splitting
from build_tools.read import read_sources
from build_tools.registry import Registry, load_registry
from build_tools.render import InlineLink, escape_inline, link, render_article, render_article_listing, render_home
from build_tools.search_index import Engine, PagefindError, SiteSearch, page_for_engine, start_site_search
from build_tools.write import write_files, write_output

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("build/docs")
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
    path = article.path
    # Each folder resolved once (`resolve` walks every component: a twentieth of rendering at 10,000 articles);
    # a linked file itself resolves to wherever it points.
    resolved = path.resolve() if path.is_symlink() or path.name in ("", ".", "..") else _resolved(path.parent) / path.name
    try:
        return resolved.relative_to(_resolved(content)).as_posix()
    except ValueError:
        return path.name


@functools.lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


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
    by_id = sorted(articles, key=lambda a: a.id)
    ordered = [m for article in by_id for m in mentions.get(article.id, [])]
    listing = [
        {
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "outlet": a.outlet,
            "authors": list(a.authors),
            "source_url": a.source_url,
            "actors": actor_ids_in_order(mentions.get(a.id, [])),
            "kind": a.kind,
            "credit": a.credit,
        }
        for a in by_id
    ]
    return {"data/actors.json": _json(actors), "data/mentions.json": _mentions_json(ordered), "data/articles.json": _json(listing)}


def _mentions_json(mentions: Sequence[Mention]) -> str:
    """`_json` of the mention rows, byte for byte, without a dict and a dumps call per row: big archives have a million rows."""
    if not mentions:
        return "[]\n"
    quote = json_string
    rows = [
        f'{{"article": {quote(m.article)}, "actor": {quote(m.actor)}, "text": {quote(m.text)}, "start": {m.start}, "end": {m.end}, '
        f'"paragraph": {m.paragraph}, "linked": {"true" if m.linked else "false"}}}'
        for m in mentions
    ]
    return "[\n" + ",\n".join(rows) + "\n]\n"


@dataclass(frozen=True)
class PageRenderer:
    """What article and actor pages are rendered from: built once, then shared (forked workers inherit it)."""

    content: Path
    """The content folder (edit links name files inside it)."""
    glossary: Glossary
    """Registry, articles and mentions, indexed by actor."""
    mentions: dict[str, list[Mention]]
    """Article id -> its mentions."""
    co_mentions: dict[str, Counter[str]]
    """Actor id -> actors sharing its articles, with counts."""
    engine: Engine
    """The site's search engine (Pagefind adds front matter to every page)."""

    def jobs(self) -> list[str]:
        """The pages to render, as `articles/<id>.md` and `actors/<id>.md` paths."""
        return [f"articles/{article_id}.md" for article_id in self.glossary.articles] + [f"actors/{actor_id}.md" for actor_id in self.glossary.registry.actors]

    def render(self, path: str) -> dict[str, str]:
        """A job's files: an article page, or an actor's page with its year pages and feed (one job, so its quotes are found once)."""
        folder, _, name = path.partition("/")
        item_id = name.removesuffix(".md")
        if folder == "articles":
            files = {path: _article_page(self.glossary.articles[item_id], self.content, self.glossary, self.mentions.get(item_id, []))}
        else:
            files = render_actor_files(self.glossary, self.glossary.registry.actors[item_id], self.co_mentions.get(item_id, Counter()))
        return {file: page_for_engine(self.engine, file, text) if file.endswith(".md") else text for file, text in files.items()}


def _other_files(
    content: Path, articles: list[Article], glossary: Glossary, mentions: dict[str, list[Mention]], site_search: SiteSearch
) -> dict[str, str | bytes]:
    """Everything but the article and actor pages: indexes, glossary, graph, feed, home, hand-written pages, assets, data, search index."""
    registry = glossary.registry
    files: dict[str, str | bytes] = {
        **render_article_listing(articles),
        **render_glossary_pages(glossary),
        "graph/index.md": render_graph_page(registry),
        "feed.xml": render_feed(articles),
    }
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
    # Last: Pagefind has been indexing in its own process meanwhile.
    site_search.add_to(files)
    return files


def _start_rendering(
    content: Path, articles: list[Article], registry: Registry, mentions: dict[str, list[Mention]], search: str | SiteSearch
) -> tuple[SiteSearch, PageRenderer]:
    _resolved.cache_clear()  # `serve` builds again and again in one process: folders may have moved since
    # Pagefind starts first (unless it already has): it indexes in its own process while the pages render.
    site_search = search if isinstance(search, SiteSearch) else start_site_search(articles, registry, search)
    glossary = index_glossary(registry, articles, mentions, edit_base_url())
    return site_search, PageRenderer(content, glossary, mentions, co_mention_counts(glossary), site_search.engine)


def render_site(
    content: Path, articles: list[Article], registry: Registry, mentions: dict[str, list[Mention]], search: str | SiteSearch = "auto"
) -> dict[str, str | bytes]:
    """Every file of the docs folder, by relative path; `search`: auto, material or pagefind (see search_index), or the engine already started."""
    site_search, renderer = _start_rendering(content, articles, registry, mentions, search)
    files: dict[str, str | bytes] = {file: text for path in renderer.jobs() for file, text in renderer.render(path).items()}
    files.update(_other_files(content, articles, renderer.glossary, mentions, site_search))
    return files


# Above this many article and actor pages, they render and are written in forked workers, one per core.
PARALLEL_RENDER_FROM = 1500
# What forked workers render from: set just before the fork, so the children inherit it instead of unpickling it.
_INHERITED: PageRenderer | None = None


def _render_and_write(folder: Path, paths: list[str]) -> int:
    renderer = _INHERITED
    assert renderer is not None, "_render_and_write runs in workers forked by _render_in_workers"
    made: set[Path] = set()
    for path in paths:
        for file, text in renderer.render(path).items():
            target = folder / file
            if target.parent not in made:  # an actor's year pages and feed go in a folder of its own
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(text, encoding="utf-8", newline="\n")
    return len(paths)


def _render_in_workers(folder: Path, renderer: PageRenderer, workers: int, meanwhile: Callable[[], None]) -> None:
    """Article and actor pages rendered and written into `folder` by forked workers, while this process runs `meanwhile`."""
    global _INHERITED
    jobs = renderer.jobs()
    for directory in {path.partition("/")[0] for path in jobs}:
        (folder / directory).mkdir(parents=True, exist_ok=True)
    # Small interleaved batches: actor pages differ a lot in size, and every worker should end together.
    batches = [jobs[start :: workers * 8] for start in range(workers * 8)]
    _INHERITED = renderer
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            written = pool.map(_render_and_write, [folder] * len(batches), batches)
            meanwhile()
            done = sum(written)
    finally:
        _INHERITED = None
    assert done == len(jobs), f"workers wrote {done} of {len(jobs)} pages"


def _workers() -> int:
    """Worker processes for the render phase: one per core, where forking is possible (not on Windows)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, 4)


def _render_and_write_site(
    out: Path, content: Path, articles: list[Article], registry: Registry, mentions: dict[str, list[Mention]], site_search: SiteSearch
) -> list[Problem]:
    """Render and write: in memory for small sites, pages rendered and written by workers for big ones."""
    workers = _workers()
    if len(articles) + len(registry) < PARALLEL_RENDER_FROM or workers < 2:
        return write_output(out, render_site(content, articles, registry, mentions, site_search))
    site_search, renderer = _start_rendering(content, articles, registry, mentions, site_search)

    def fill(folder: Path) -> None:
        def other_files() -> None:
            write_files(folder, _other_files(content, articles, renderer.glossary, mentions, site_search))

        _render_in_workers(folder, renderer, workers, meanwhile=other_files)

    return write_output(out, {}, fill=fill)


def analyse(content: Path) -> Result:
    """Read, load and link: everything `check` needs, nothing written."""
    with without_cycle_collection():
        return _analyse(content)


def _analyse(content: Path, when_loaded: Callable[[list[Article], Registry, list[Problem]], None] | None = None) -> Result:
    sources = content / "sources"
    if sources.is_dir() and worth_splitting(sum(1 for _ in sources.glob("*.txt"))):
        # Parsing is pure Python and independent per file: both cores pay off on big archives.
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:
            articles, problems = read_sources(content, pool)
    else:
        articles, problems = read_sources(content)
    registry, found = load_registry(content)
    problems += found
    if when_loaded is not None:
        when_loaded(articles, registry, problems)
    mentions, found = link_articles(registry, articles)
    problems += found
    return Result(sorted(problems), articles, registry, mentions, wrote=False)


def build(content: Path, out: Path, search: str = "auto") -> Result:
    """Run every phase; write only when nothing is in error, so a failed build leaves the old output."""
    with without_cycle_collection():
        return _build(content, out, search)


def _build(content: Path, out: Path, search: str) -> Result:
    started: list[SiteSearch] = []
    failed: list[PagefindError] = []

    def start_search(articles: list[Article], registry: Registry, problems: list[Problem]) -> None:
        # Pagefind's indexing is the longest step of a big build, and needs only articles and actors:
        # it starts before linking, in its own process. (A build that fails later drops it, which stops it.)
        if not has_errors(problems):
            try:
                started.append(start_site_search(articles, registry, search))
            except PagefindError as exc:
                failed.append(exc)

    result = _analyse(content, start_search)
    if has_errors(result.problems):
        return result
    try:
        if failed:
            raise failed[0]
        site_search = started[0] if started else start_site_search(result.articles, result.registry, search)
        problems = _render_and_write_site(out, content, result.articles, result.registry, result.mentions, site_search)
    except PagefindError as exc:
        # Nothing is written: the output folder is swapped in only once every file is there.
        message = f"the search index could not be built ({exc}); reinstall (`make site` installs pagefind[bin], which ships the binary) or build with `--search material`"
        return Result(sorted([*result.problems, error(content, 0, message)]), result.articles, result.registry, result.mentions, wrote=False)
    return Result(sorted(result.problems + problems), result.articles, result.registry, result.mentions, wrote=not problems)
