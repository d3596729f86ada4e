"""Phase 4, render (the search half): which search engine the site uses, and Pagefind's index when it is Pagefind.

Material's built-in search ships one index that every reader downloads whole before the first result: at
5,000 articles + 1,000 actors that is 37 MiB (8.9 MiB gzipped) and about 6 s from typing to the first
result. Pagefind splits its index into chunks and fetches only those a query needs (210 KiB and about
0.5 s for the same site). Above PAGEFIND_ABOVE pages the build indexes articles and actors with Pagefind, puts the
index under `pagefind/` in the docs folder (mkdocs copies it as static files), and marks every generated
page `search: {exclude: true}` so Material's plugin indexes nothing; the home page's
`search_engine: "pagefind"` tells overrides/partials/search.html to render the Pagefind search box.

Pagefind runs as `pagefind --service` (the binary from the pagefind[bin] wheel), fed tiny HTML documents:
titles and aliases carry weights, so an alias (an acronym, a transliteration) ranks its actor first.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import json
import os
import subprocess
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import Any, BinaryIO, Literal

from build_tools.actor_schema import TYPE_LABELS
from build_tools.model import Article
from build_tools.registry import Actor, Registry
from build_tools.render import display_date
from build_tools.text import MARKER

Engine = Literal["material", "pagefind"]
ENGINE_CHOICES = ("auto", "material", "pagefind")
"""What `build --search` accepts: `auto` picks by page count, the others force an engine (tests use them on small fixtures)."""

# Measured with bench/search.py on the synthetic corpus (both engines as this build ships them, headless
# Chromium on 127.0.0.1, gzip as static hosts serve it; medians of 5 cold visits, query typed as soon as the
# page is ready), seconds from opening the page to the first result, Material / Pagefind:
#   75 pages 0.75 / 0.91, 145 0.77 / 0.90, 215 0.81 / 0.92, 405 1.20 / 1.09, 705 1.89 / 1.19
#   (and in two runs of 3 visits at 6,005 pages: 6.7-7.5 / 1.1-1.3).
# Material's time grows with its one index (+1.9 s per 1,000 pages); Pagefind's, a few chunks per query,
# barely moves. They cross near 300 pages, where either answers within 0.1 s of the other. Below, Material
# keeps its extras (search terms highlighted on the page opened, suggestions, browsing from file://).
PAGEFIND_ABOVE = 300
"""Pages (articles + actors) above which `auto` chooses Pagefind."""

OUTPUT_DIR = "pagefind"
"""Where the index goes in the docs folder, and so on the site: pagefind/pagefind.js is the entry point."""
INDEX_PARTS_FROM = 2000
"""Records (articles + actors) from which Pagefind indexes in two parts, each in its own process: on two cores
that nearly halves the step, the longest of a big build, and each process's memory (one process took 2.1 GiB at
15,000 records). The browser merges the parts (`mergeIndex`): a query fetches a few chunks from each."""

LANGUAGE = "en"
"""The site's language (mkdocs.yml `theme.language`): one index, one stemmer."""
NAME_WEIGHT = 10
"""Pagefind weight of an actor's name and aliases: the maximum, above a headline's automatic 7 and body text's 1."""

# The files pagefind.js fetches: its worker, the entry, the WebAssembly of our one language, the meta index
# and the chunks. The UI bundles, the highlighter and the other languages' WebAssembly are left out: the
# header search box (build_tools/assets/search/pagefind-search.js) drives the JS API itself.
_KEEP_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", f"wasm.{LANGUAGE}.pagefind")
_KEEP_DIRS = ("index/", "fragment/", "filter/")


@dataclass(frozen=True)
class Record:
    """One page in Pagefind's index, as the tiny HTML document Pagefind reads."""

    url: str
    """The page's address relative to the site root (`actors/islamic-state/`); pagefind.js prefixes the folder it is served from."""
    html: str
    """A whole HTML document: only what should be found, with weights and the meta the result list shows."""


def choose_engine(requested: str, pages: int) -> Engine:
    """The engine for a site of `pages` articles and actors: `requested` unless it is `auto`."""
    if requested == "material":
        return "material"
    if requested == "pagefind":
        return "pagefind"
    if requested != "auto":
        raise ValueError(f"unknown search engine {requested!r}: choose one of {', '.join(ENGINE_CHOICES)}")
    return "pagefind" if pages > PAGEFIND_ABOVE else "material"


def _text(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _document(title: str, title_weight: int | None, context: str, parts: Iterable[tuple[str, int | None]]) -> str:
    # The h1 gives the result its title (and, unweighted, a heading's automatic weight 7). `context` is the
    # line under the title in the results (an actor's type; an article's date and outlet): given in the
    # attribute, after the first colon, so it is shown but not searched twice; commas there are safe.
    weight = f' data-pagefind-weight="{title_weight}"' if title_weight else ""
    meta = html.escape(f"title, context:{' '.join(context.split())}", quote=True)
    body = "".join(f'<p data-pagefind-weight="{w}">{_text(t)}</p>' if w else f"<p>{_text(t)}</p>" for t, w in parts if t.strip())
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>'
        f'<h1 data-pagefind-meta="{meta}"{weight}>{_text(title)}</h1>{body}</body></html>'
    )


def article_record(article: Article) -> Record:
    """Headline (a heading's weight), the body without its `[n]` markers, then byline and date: an excerpt starts with the text."""
    context = f"{display_date(article.date)} · {article.outlet}"
    parts: list[tuple[str, int | None]] = [(MARKER.sub("", p.text), None) for p in article.paragraphs]
    parts += [(article.byline or "", None), (display_date(article.date) if article.date else "", None)]
    return Record(f"articles/{article.id}/", _document(article.title, None, context, parts))


def actor_record(actor: Actor) -> Record:
    """Name and each alias at NAME_WEIGHT, the description, the type. Never the quoted sentences: they are the articles' text."""
    parts: list[tuple[str, int | None]] = [(actor.description, None)]
    parts += [(alias.text, NAME_WEIGHT) for alias in actor.aliases]
    parts.append((TYPE_LABELS[actor.type], None))
    return Record(f"actors/{actor.id}/", _document(actor.name, NAME_WEIGHT, TYPE_LABELS[actor.type], parts))


def records(articles: Sequence[Article], registry: Registry) -> Iterator[Record]:
    """Every page Pagefind indexes, in a fixed order (Pagefind numbers pages as they arrive: same order, same bytes)."""
    for article in sorted(articles, key=lambda a: a.id):
        yield article_record(article)
    for actor_id in sorted(registry.actors):
        yield actor_record(registry.actors[actor_id])


def index_parts(articles: Sequence[Article], registry: Registry, parts: int) -> list[list[Record]]:
    """`records` in `parts` indexes of about as many articles each (they are the bulk of the work), the actors in the last."""
    pages = list(records(articles, registry))
    count = len(articles)  # `records` gives the articles first
    size = -(-count // parts)
    bounds = [min(size * part, count) for part in range(parts)] + [len(pages)]
    return [pages[start:end] for start, end in pairwise(bounds)]


def part_folder(number: int) -> str:
    """The docs folder's folder for index part `number` (from 1): `pagefind/` holds the first and the script, then `pagefind-2/`..."""
    return OUTPUT_DIR if number == 1 else f"{OUTPUT_DIR}-{number}"


class PagefindError(RuntimeError):
    """Pagefind could not be started, or refused the index."""


def _pagefind_binary() -> str:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindError("Pagefind is missing: `pip install -e .` installs pagefind[bin], which ships its binary") from None
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise PagefindError("the pagefind binary is missing: `pip install -e .` installs pagefind[bin], which ships it")
    return str(executable)


def _stop(process: subprocess.Popen[bytes], stderr: BinaryIO, owner: int) -> None:
    """End the service and close its files; safe to call twice, and a no-op in a forked child of the owner.

    Terminated rather than left to exit when its input closes: a process forked meanwhile (the render
    workers) holds a copy of that pipe, so closing ours alone would not end it.
    """
    if os.getpid() != owner:
        return
    for stream in (process.stdin, process.stdout, stderr):
        if stream is not None and not stream.closed:
            with contextlib.suppress(OSError):
                stream.close()
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class PagefindIndexing:
    """Pagefind indexing `pages` in its own process (`pagefind --service`) while the caller goes on; `files()` waits for it.

    Spoken to directly (base64 JSON messages, each ended by a comma) rather than through Pagefind's Python
    client, which reads one reply per 0.1 s poll: 6,000 records took it 10 minutes. Every request goes out
    at once, the last one asking for the index files; the replies are read only in `files()`. The service
    reads its input eagerly into an unbounded queue, so it never stops reading while its replies wait in
    the pipe, and neither side can block the other. The files come back through the pipe: asking the
    service to write them to disk instead took longer (thousands of small files, seconds of system time).
    """

    def __init__(self, pages: Iterable[Record], folder: str = OUTPUT_DIR) -> None:
        self._folder = folder
        # stderr goes to a file, closed with the service: a pipe nobody reads could fill up and stall the service.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen([_pagefind_binary(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        except BaseException:
            self._stderr.close()
            raise
        # Whatever happens to the caller (an exception while pages render), the service ends.
        self._cleanup = weakref.finalize(self, _stop, self._process, self._stderr, os.getpid())
        self._sent = 0
        self._send({"type": "NewIndex", "config": {"force_language": LANGUAGE}})
        for page in pages:
            self._send({"type": "AddFile", "index_id": 0, "url": page.url, "file_path": None, "file_contents": page.html})
        self._last = self._send({"type": "GetFiles", "index_id": 0})
        assert self._process.stdin is not None
        self._write(self._process.stdin.flush)

    def _send(self, payload: dict[str, Any]) -> int:
        assert self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}, ensure_ascii=False).encode("utf-8")
        self._write(functools.partial(self._process.stdin.write, base64.b64encode(message) + b","))
        return self._sent

    def _write(self, action: Callable[[], object]) -> None:
        try:
            action()
        except BrokenPipeError:
            raise PagefindError(f"pagefind stopped: {self._stderr_text()}") from None

    def _replies(self) -> Iterator[dict[str, Any]]:
        assert self._process.stdout is not None
        parts: list[bytes] = []  # of the message being read: the index files come as one of tens of MiB
        while True:
            chunk = os.read(self._process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise PagefindError(f"pagefind stopped (exit {self._process.poll()}): {self._stderr_text()}")
            start = 0
            while (comma := chunk.find(b",", start)) >= 0:
                parts.append(chunk[start:comma])
                start = comma + 1
                yield json.loads(base64.b64decode(b"".join(parts)))
                parts = []
            parts.append(chunk[start:])

    def _stderr_text(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()[-2000:] or "no message"

    def files(self) -> dict[str, bytes]:
        """Wait for the index; its files by path in the docs folder (`pagefind/...`). Ends the service."""
        try:
            errors: list[str] = []
            for reply in self._replies():
                payload = reply.get("payload") or {}
                if payload.get("type") == "Error":
                    errors.append(str(payload.get("message")))
                if reply.get("message_id") == self._last:
                    break
            if errors:
                raise PagefindError("pagefind refused the index: " + "; ".join(errors[:5]))
            found = {str(file["path"]): file["content"] for file in payload["files"]}
            return {f"{self._folder}/{path}": base64.b64decode(found[path]) for path in sorted(found) if _kept(path)}
        finally:
            self._cleanup()


def _kept(path: str) -> bool:
    return path in _KEEP_FILES or path.startswith(_KEEP_DIRS) or (path.startswith("pagefind.") and path.endswith(".pf_meta"))


# YAML lines added at the top of generated pages' front matter. Added, never changed: `search.exclude` is
# what Material's search plugin reads (plugins/search/plugin.py, add_entry_from_context).
_EXCLUDE = "search:\n  exclude: true\n"
_HOME = 'search_engine: "pagefind"\nsearch_index_parts: {parts}\n'


def _add_front_matter(page: str, lines: str) -> str:
    # Generated pages start with render.front_matter's `---` line: the keys go right after it, a string
    # insert rather than a YAML round trip. A generated page without front matter (the default about.md)
    # gets a block of its own. Adding twice changes nothing (a page may pass through here twice).
    if page.startswith("---\n" + lines):
        return page
    if page.startswith("---\n"):
        return "---\n" + lines + page[4:]
    return "---\n" + lines + "---\n\n" + page


class SiteSearch:
    """The site's search engine, chosen at the start of rendering; for Pagefind, the index being built meanwhile."""

    def __init__(self, engine: Engine, indexing: Sequence[PagefindIndexing] = ()) -> None:
        self.engine = engine
        """`material` or `pagefind`."""
        self._indexing = list(indexing)
        """For Pagefind, the index parts being built."""

    def add_to(self, files: dict[str, str | bytes]) -> None:
        """For Pagefind: add the index to the docs folder's `files`, and take every generated page out of Material's search.

        Hand-written pages (`content/pages/`, kept as bytes) are left as written.
        """
        if not self._indexing:
            return
        for part in self._indexing:
            files.update(part.files())
        # The search box's script and style, kept apart in assets/search/ so that sites on Material's search do not ship them.
        for asset in resources.files("build_tools").joinpath("assets", "search").iterdir():
            if asset.is_file():
                files[f"assets/{asset.name}"] = asset.read_bytes()
        for path, page in files.items():
            if path.endswith(".md") and isinstance(page, str):
                files[path] = page_for_engine(self.engine, path, page, len(self._indexing))


def page_for_engine(engine: Engine, path: str, page: str, index_parts: int = 1) -> str:
    """A generated page as `engine` wants it: for Pagefind, out of Material's search, and the home page naming the engine
    and how many index parts the search box merges.

    A function of plain values, so that pages rendered in worker processes get the same front matter.
    """
    if engine != "pagefind":
        return page
    return _add_front_matter(page, _EXCLUDE + (_HOME.format(parts=index_parts) if path == "index.md" else ""))


def start_site_search(articles: Sequence[Article], registry: Registry, requested: str = "auto") -> SiteSearch:
    """Choose the engine; for Pagefind, start indexing now, so it runs on another core while the pages render."""
    engine = choose_engine(requested, len(articles) + len(registry))
    if engine != "pagefind":
        return SiteSearch(engine)
    parts = 2 if len(articles) + len(registry) >= INDEX_PARTS_FROM else 1
    return SiteSearch(engine, [PagefindIndexing(pages, part_folder(number)) for number, pages in enumerate(index_parts(articles, registry, parts), 1)])
