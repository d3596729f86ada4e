"""`python -m bench.search`: Material's built-in search against Pagefind, as build_tools ships them, in headless Chromium, at scale.

    .venv/bin/pip install -e '.[dev]'         # Playwright (dev); pagefind[bin] is a dependency; Chromium from Debian
    .venv/bin/python -m bench.search          # 50 + 20, 500 + 200 and 5,000 articles + 1,000 actors
    .venv/bin/python -m bench.search --sizes 5000x1000 --runs 5 --verbose

For each size it builds the synthetic corpus of `bench.generate` twice, `build --search material` and
`build --search pagefind`, each with build_tools then MkDocs, into bench/.cache/search/ (once: later runs
reuse them; `--rebuild` after build_tools, overrides/ or mkdocs.yml changed). The Pagefind build times
the Pagefind step inside build_tools (start of indexing to its files in hand) and the peak memory of
Pagefind's process; the Material build times Material's search plugin inside MkDocs. Each site is then
served on 127.0.0.1 (gzipping text, as static hosts do, and counting every byte sent) and opened in
Debian's Chromium, kept on the loopback as the browser tests keep it. Each engine gets cold visits, a
fresh browser context each: the query (an actor's name) is typed into the header search box as soon as
the page is ready, and the time to the first result is taken from navigation start and from typing
(Pagefind: until the results list answers the whole query, `data-query`, not a prefix typed on the way).
Two aliases (a transliteration, an acronym) are then searched warm, and the actor page's place among the
results is reported. Figures are printed, never asserted: machines here are shared and noisy.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import itertools
import json
import os
import posixpath
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
SITES = CACHE / "search"


# --------------------------------------------------------------------------------------------
# The built sites (a child process each, so that its peak memory is its own)

ENGINES = ("material", "pagefind")


def _vm_hwm(pid: int) -> float:
    """A process's peak resident memory so far, in MiB (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
    return int(found.group(1)) / 1024 if found else 0.0


def _build_child(content: Path, docs: Path, site: Path, engine: str) -> dict[str, float]:
    """build_tools then mkdocs; the time spent in Pagefind's step (build_tools) or Material's search plugin hooks (mkdocs) measured apart."""
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from build_tools import search_index
    from build_tools.build import build

    spent = {"material_index_s": 0.0, "pagefind_s": 0.0, "pagefind_wait_s": 0.0, "pagefind_cpu_s": 0.0, "pagefind_peak_mib": 0.0}

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent["material_index_s"] += time.perf_counter() - start

        return wrapper

    # MkDocs binds a plugin's event methods when the config loads: wrap them on the class first.
    for event in ("on_page_context", "on_post_build"):
        setattr(SearchPlugin, event, timed(getattr(SearchPlugin, event)))

    # The Pagefind step: from the start of indexing (records sent) until its files are in hand, and the
    # service's peak memory and CPU time, read just before build_tools stops it.
    started, files, stop = search_index.PagefindIndexing.__init__, search_index.PagefindIndexing.files, search_index._stop
    # Big sites index in parts, one service each: the step runs from the first start to the last files.
    clock: dict[str, float] = {}

    def start_indexing(self: Any, pages: Any, folder: str = search_index.OUTPUT_DIR) -> None:
        clock.setdefault("start", time.perf_counter())
        started(self, pages, folder)

    def wait_for_files(self: Any) -> dict[str, bytes]:
        waiting = time.perf_counter()
        try:
            return files(self)
        finally:
            spent["pagefind_wait_s"] += time.perf_counter() - waiting
            spent["pagefind_s"] = time.perf_counter() - clock["start"]

    def stop_service(process: subprocess.Popen[bytes], *args: Any) -> None:
        spent["pagefind_peak_mib"] = max(spent["pagefind_peak_mib"], _vm_hwm(process.pid))
        try:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            spent["pagefind_cpu_s"] += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
        stop(process, *args)

    search_index.PagefindIndexing.__init__ = start_indexing  # type: ignore[method-assign]
    search_index.PagefindIndexing.files = wait_for_files  # type: ignore[method-assign]
    search_index._stop = stop_service

    start = time.perf_counter()
    result = build(content, docs, engine)
    if not result.wrote:
        raise SystemExit("build_tools wrote nothing:\n" + "\n".join(p.format() for p in result.problems))
    build_tools_seconds = time.perf_counter() - start
    build_tools_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    mkdocs_build(load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False))
    return {
        "build_tools_s": build_tools_seconds,
        "build_tools_peak_mib": build_tools_peak,
        "mkdocs_s": time.perf_counter() - start,
        **spent,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pages": float(sum(1 for _ in site.rglob("index.html"))),
    }


def built_site(articles: int, actors: int, engine: str, rebuild: bool = False) -> tuple[Path, Path, dict[str, float]]:
    """The corpus and its site built with `engine` for this size (built once, then reused), with the build's figures."""
    from bench.generate import generate

    content = generate(CACHE / f"{articles}x{actors}", articles, actors)
    corpus_stamp = (content.parent / "generated.txt").read_text()
    out = SITES / f"{articles}x{actors}-{engine}"
    stamp = out / "built.json"
    ready = out / "site" / ("pagefind/pagefind.js" if engine == "pagefind" else "search/search_index.json")
    if not rebuild and stamp.is_file():
        recorded = json.loads(stamp.read_text())
        if recorded.get("corpus") == corpus_stamp and ready.is_file():
            return content, out / "site", recorded["figures"]
    stamp.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}  # mkdocs.yml's default address
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    print(f"building {articles} articles + {actors} actors with {engine} search into {out.relative_to(ROOT)} (once; later runs reuse it)", flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.search", "--build", str(content), str(out / "docs"), str(out / "site"), engine],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    size, files = _tree_size(out / "site" / "pagefind") if engine == "pagefind" else (0, 0)
    figures |= {"pagefind_bytes": float(size), "pagefind_files": float(files)}
    stamp.write_text(json.dumps({"corpus": corpus_stamp, "figures": figures}, indent=1) + "\n")
    return content, out / "site", figures


def _tree_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# --------------------------------------------------------------------------------------------
# Serving: a threaded static server on 127.0.0.1 that gzips text as static hosts do and counts what it sends

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}
_COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".map", ".txt")
"""Gzipped on the way out, as GitHub Pages and most static hosts do; Pagefind's own files are gzipped already."""


@dataclass(frozen=True)
class Sent:
    path: str
    wire: int
    """Body bytes on the wire (gzipped when the type is compressible)."""
    raw: int
    """The file's own size."""


class _Handler(http.server.BaseHTTPRequestHandler):
    server: CountingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        local = self.server.root.joinpath(*[p for p in posixpath.normpath(path).split("/") if p not in ("", ".", "..")])
        if local.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if local.is_dir():
            local = local / "index.html"
        status = 200
        if not local.is_file():
            status, local = 404, self.server.root / "404.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        body, raw, gzipped = self.server.payload(local, gzip_ok)
        self.send_response(status)
        self.send_header("Content-Type", _TYPES.get(local.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)
            self.server.record(Sent(path, len(body), raw))


class CountingServer(http.server.ThreadingHTTPServer):
    """Serves a built site at http://127.0.0.1:PORT/ and keeps a list of every body it sent."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.sent: list[Sent] = []
        self._lock = threading.Lock()
        self._gzipped: dict[tuple[Path, int, int], bytes] = {}
        self.thread = threading.Thread(target=self.serve_forever, name="bench-site-server", daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def payload(self, path: Path, gzip_ok: bool) -> tuple[bytes, int, bool]:
        data = path.read_bytes()
        if not gzip_ok or path.suffix not in _COMPRESSED:
            return data, len(data), False
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._gzipped.get(key)
        if cached is None:
            cached = gzip.compress(data, compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped[key] = cached
        return cached, len(data), True

    def precompress(self, path: Path) -> int:
        """Gzip a large file before the clock starts (a static host serves it precompressed or from its cache)."""
        return len(self.payload(path, gzip_ok=True)[0])

    def record(self, sent: Sent) -> None:
        with self._lock:
            self.sent.append(sent)

    def mark(self) -> int:
        with self._lock:
            return len(self.sent)

    def since(self, mark: int) -> list[Sent]:
        with self._lock:
            return self.sent[mark:]

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


# --------------------------------------------------------------------------------------------
# In the browser

WAIT_MS = 300_000
"""Generous: Material's first result at 5,000 articles takes seconds, and the machine is shared."""
TOP = 10
"""A query "finds" a page when the page is among its first TOP results (both search boxes show 10 at first)."""


@dataclass(frozen=True)
class Query:
    label: str
    text: str
    actor_id: str
    actor_name: str

    @property
    def path(self) -> str:
        return f"/actors/{self.actor_id}/"


def pick_queries(content: Path) -> list[Query]:
    """From the registry: the first person with a transliteration alias (name, then that alias) and the first armed group's acronym."""
    person: Query | None = None
    alias: Query | None = None
    acronym: Query | None = None
    for path in sorted((content / "actors").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        aliases = [a for a in data.get("aliases") or [] if isinstance(a, dict)]
        kinds = {str(a.get("kind")): str(a["text"]) for a in reversed(aliases)}  # the first of each kind
        if person is None and data["type"] == "person" and "transliteration" in kinds:
            person = Query("name", data["name"], path.stem, data["name"])
            alias = Query("alias (transliteration)", kinds["transliteration"], path.stem, data["name"])
        if acronym is None and data["type"] == "armed_group" and "acronym" in kinds:
            acronym = Query("alias (acronym)", kinds["acronym"], path.stem, data["name"])
        if person and alias and acronym:
            return [person, alias, acronym]
    raise SystemExit(f"{content}: no person with a transliteration alias or no armed group with an acronym")


@dataclass
class Visit:
    """One cold visit: open the home page in a fresh context, search at once, then search the other queries warm."""

    engine: str
    from_open: float
    """Seconds from navigation start to the first result of the first query."""
    from_typing: float
    """Seconds from typing the first query to its first result."""
    first: list[Sent]
    """What the server sent from navigation until the first result (both engines show the first screen of results at once)."""
    warm: dict[str, float] = field(default_factory=dict)
    """Seconds from typing to the first result, per later query (the index already loaded)."""
    ranks: dict[str, tuple[int | None, int]] = field(default_factory=dict)
    """Per query: the actor page's place among the first TOP results (None: not there), and how many results."""


def is_search_file(engine: str, path: str) -> bool:
    if engine == "material":
        return path == "/search/search_index.json" or "/workers/search." in path
    return path.startswith("/pagefind/")


def _wire(sent: list[Sent], engine: str, search: bool = True) -> int:
    return sum(s.wire for s in sent if is_search_file(engine, s.path) == search)


_MATERIAL_WATCH_JS = """
() => {
  window.__benchFirst = undefined;
  const list = document.querySelector(".md-search-result__list");
  const seen = () => {
    if (list.children.length && window.__benchFirst === undefined) {
      window.__benchFirst = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(list, {childList: true});
  return performance.now();
}
"""

_MATERIAL_RESULTS_JS = """
() => ({
  paths: Array.from(document.querySelectorAll(".md-search-result__list > li")).map((li) => {
    const link = li.querySelector("a");
    return link ? new URL(link.href).pathname : "";
  }),
  meta: (document.querySelector(".md-search-result__meta") || {}).textContent || "",
})
"""


def _material_query(page: Page, text: str) -> tuple[float, float]:
    """Type `text` into Material's search box (one keyup, with the whole query); milliseconds at typing and at the first result."""
    box = page.locator("input.md-search__input")
    list_length = "() => document.querySelector('.md-search-result__list').children.length"
    if page.evaluate(list_length):
        box.fill("x")
        box.press("Backspace")  # an empty query: Material clears the list
        page.wait_for_function(f"() => ({list_length})() === 0")
    typed = float(page.evaluate(_MATERIAL_WATCH_JS))
    box.fill(text[:-1])
    box.press(text[-1])  # Material searches on keyup
    page.wait_for_function("() => window.__benchFirst !== undefined", timeout=WAIT_MS)
    return typed, float(page.evaluate("() => window.__benchFirst"))


def _place(found: dict[str, Any], query: Query) -> tuple[int | None, int]:
    """The actor page's place among the first TOP results shown (None if not there), and how many results the list says it has."""
    count = re.search(r"\d[\d,]*", found["meta"])
    total = int(count.group().replace(",", "")) if count else len(found["paths"])
    paths = found["paths"][:TOP]
    return (paths.index(query.path) + 1 if query.path in paths else None), total


def _material_ranks(page: Page, query: Query) -> tuple[int | None, int]:
    """The actor page's place among the rendered results, once Material has rendered its first screen."""
    found: dict[str, Any] = {}
    for _ in range(100):  # results are appended one by one: wait until the list stops growing
        page.wait_for_timeout(50)
        now = page.evaluate(_MATERIAL_RESULTS_JS)
        if found and now["paths"] == found["paths"]:
            break
        found = now
    return _place(found, query)


def material_visit(context: BrowserContext, server: CountingServer, queries: list[Query]) -> Visit:
    return _visit("material", context, server, queries, _material_query, _material_ranks)


_PAGEFIND_WATCH_JS = """
(query) => {
  window.__benchFirst = undefined;
  const list = document.querySelector(".md-search-result__list");
  // The search box marks the list with the query it answers, once that query's first screen is shown.
  const seen = () => {
    if (list.dataset.query === query && window.__benchFirst === undefined) {
      window.__benchFirst = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(list, {attributes: true, attributeFilter: ["data-query"]});
  return performance.now();
}
"""


def _pagefind_query(page: Page, text: str) -> tuple[float, float]:
    """Type `text` into the Pagefind search box as into Material's; milliseconds at typing and when the list answers `text`."""
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")  # an empty query: the box clears the list
        page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.query === ''")
    typed = float(page.evaluate(_PAGEFIND_WATCH_JS, text))
    box.fill(text[:-1])
    box.press(text[-1])
    page.wait_for_function("() => window.__benchFirst !== undefined", timeout=WAIT_MS)
    return typed, float(page.evaluate("() => window.__benchFirst"))


def _pagefind_ranks(page: Page, query: Query) -> tuple[int | None, int]:
    return _place(page.evaluate(_MATERIAL_RESULTS_JS), query)  # the same markup as Material's results


def pagefind_visit(context: BrowserContext, server: CountingServer, queries: list[Query]) -> Visit:
    """As `material_visit`, in the header search box build_tools ships with Pagefind (it loads Pagefind when it gets focus)."""
    return _visit("pagefind", context, server, queries, _pagefind_query, _pagefind_ranks)


def _visit(
    engine: str,
    context: BrowserContext,
    server: CountingServer,
    queries: list[Query],
    query_box: Callable[[Page, str], tuple[float, float]],
    ranks: Callable[[Page, Query], tuple[int | None, int]],
) -> Visit:
    """A cold visit: open the home page, search the first query (timed from opening and from typing), then the others warm."""
    page = context.new_page()
    mark = server.mark()
    page.goto(server.url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.document$ !== undefined")  # Material is set up
    page.locator("input.md-search__input").click()
    typed, first = query_box(page, queries[0].text)
    sent = server.since(mark)
    visit = Visit(engine, first / 1000, (first - typed) / 1000, sent)
    visit.ranks[queries[0].label] = ranks(page, queries[0])
    for query in queries[1:]:
        typed, first = query_box(page, query.text)
        visit.warm[query.label] = (first - typed) / 1000
        visit.ranks[query.label] = ranks(page, query)
    page.close()
    return visit


def measure_browser(sites: dict[str, Path], queries: list[Query], runs: int, verbose: bool) -> tuple[list[Visit], list[Visit], list[str]]:
    """`runs` cold visits per engine (each on its own site), alternating, after one warm-up visit of each; and anything amiss."""
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import CHROMIUM, DESKTOP, ProxySink, Recorder, chromium_args, is_chromium_service

    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium (never `playwright install`)")
    servers = {engine: CountingServer(site) for engine, site in sites.items()}
    servers["material"].precompress(sites["material"] / "search" / "search_index.json")
    sink = ProxySink()
    notes: list[str] = []
    visits: dict[str, list[Visit]] = {engine: [] for engine in ENGINES}
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=chromium_args(sink.port), timeout=30_000)
        for run in range(runs + 1):
            for engine in ENGINES:
                recorder = Recorder()
                context = browser.new_context(color_scheme="light", service_workers="block", viewport=DESKTOP)
                context.set_default_timeout(WAIT_MS)
                recorder.attach(context)  # aborts every request for another host
                visit = (material_visit if engine == "material" else pagefind_visit)(context, servers[engine], queries)
                context.close()
                notes += [f"{engine}: {problem}" for problem in recorder.problems()]
                if engine == "pagefind":
                    notes += [f"pagefind: Material's search file requested: {sent.path}" for sent in visit.first if is_search_file("material", sent.path)]
                if verbose:
                    label = "warm-up" if run == 0 else f"run {run}"
                    print(f"  {engine} {label}: first result {visit.from_open:.2f} s after opening, {visit.from_typing:.2f} s after typing", flush=True)
                    for sent in visit.first:
                        print(f"    {sent.wire:>12,} B  {sent.path}")
                if run:  # the first visit of each warms the disk cache and the server's gzip cache
                    visits[engine].append(visit)
        browser.close()
    finally:
        playwright.stop()
        sink.close()
        for server in servers.values():
            server.stop()
    notes += [f"a connection reached the proxy sink: {c}" for c in sink.connections if not is_chromium_service(c)]
    return visits["material"], visits["pagefind"], sorted(set(notes))


# --------------------------------------------------------------------------------------------
# The report


@dataclass
class SizeResult:
    articles: int
    actors: int
    pages: int
    builds: dict[str, dict[str, float]]
    """Per engine: the build's figures (see _build_child)."""
    material_index: int
    material_index_gz: int
    queries: list[Query]
    material: list[Visit]
    pagefind_visits: list[Visit]

    def visits(self, engine: str) -> list[Visit]:
        return self.material if engine == "material" else self.pagefind_visits

    def cold(self, engine: str) -> float:
        return statistics.median(v.from_open for v in self.visits(engine))

    def first_bytes(self, engine: str) -> int:
        return int(statistics.median(_wire(v.first, engine) for v in self.visits(engine)))


def _size(count: float) -> str:
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count:.0f} B"


def measure_size(articles: int, actors: int, runs: int, rebuild: bool, verbose: bool) -> SizeResult:
    sites: dict[str, Path] = {}
    builds: dict[str, dict[str, float]] = {}
    for engine in ENGINES:
        content, sites[engine], builds[engine] = built_site(articles, actors, engine, rebuild)
    queries = pick_queries(content)
    print(f"measuring in Chromium: {runs} cold visits per engine (after a warm-up visit each)", flush=True)
    material, pagefind_visits, notes = measure_browser(sites, queries, runs, verbose)
    for note in notes:
        print(f"  note: {note}")
    if not notes:
        print(
            "  Chromium stayed on 127.0.0.1 (no request for another host, none reached the proxy sink), no console error; the Pagefind site never asked for Material's index"
        )
    index = sites["material"] / "search" / "search_index.json"
    return SizeResult(
        articles,
        actors,
        int(builds["material"]["pages"]),
        builds,
        index.stat().st_size,
        len(gzip.compress(index.read_bytes(), compresslevel=6, mtime=0)),
        queries,
        material,
        pagefind_visits,
    )


def print_table(results: list[SizeResult], runs: int) -> None:
    print()
    print(f"search in headless Chromium on 127.0.0.1, gzip as a static host serves it; times are medians of {runs} cold visits")
    print("  downloaded = the engine's own files sent from opening the page until the first screen of results")
    print("  from open = navigation start to the first result; from typing = the query typed as soon as the page was ready")
    print("  indexing = Material: its search plugin inside `mkdocs build`; Pagefind: its step inside `build_tools build` (start to files in hand)")
    print("  peak = Material: the whole mkdocs build's; Pagefind: Pagefind's process; site build = build_tools + mkdocs")
    header = (
        f"{'articles + actors':>17} {'pages':>6}  {'engine':<8} {'index on disk':>24} {'downloaded':>11} "
        f"{'from open':>9} {'from typing':>11} {'warm query':>10} {'indexing':>9} {'peak MiB':>9} {'site build':>10}"
    )
    print(header)
    for result in results:
        size = f"{result.articles} + {result.actors}"
        for engine in ENGINES:
            visits = result.visits(engine)
            build = result.builds[engine]
            warm = statistics.median(t for v in visits for t in v.warm.values())
            if engine == "material":
                disk = f"{_size(result.material_index)} ({_size(result.material_index_gz)} gz)"
                indexing, peak = f"{build['material_index_s']:.1f} s", f"{build['peak_mib']:.0f}"
            else:
                disk = f"{_size(build['pagefind_bytes'])} ({int(build['pagefind_files']):,} files)"
                indexing, peak = f"{build['pagefind_s']:.1f} s", f"{build['pagefind_peak_mib']:.0f}"
            print(
                f"{size:>17} {result.pages:>6}  {engine:<8} {disk:>24} {_size(result.first_bytes(engine)):>11} "
                f"{statistics.median(v.from_open for v in visits):8.2f}s {statistics.median(v.from_typing for v in visits):10.2f}s "
                f"{warm:9.3f}s {indexing:>9} {peak:>9} {build['build_tools_s'] + build['mkdocs_s']:9.1f}s"
            )
            size = ""
    print()
    for result in results:
        pagefind = result.builds["pagefind"]
        print(
            f"Pagefind inside build_tools at {result.articles} + {result.actors}: {pagefind['pagefind_s']:.1f} s from the start of indexing to its files "
            f"(the build waited {pagefind['pagefind_wait_s']:.1f} s of it), {pagefind['pagefind_cpu_s']:.1f} s of CPU, peak {pagefind['pagefind_peak_mib']:.0f} MiB; "
            f"build_tools {pagefind['build_tools_s']:.1f} s with it, {result.builds['material']['build_tools_s']:.1f} s without"
        )
    print()
    for result in results:
        print(f"does a query find the actor's page (its place in the first {TOP} results, of how many)? {result.articles} + {result.actors}:")
        for query in result.queries:
            places = []
            for engine in ENGINES:
                rank, total = result.visits(engine)[-1].ranks[query.label]
                places.append(f"{engine} {f'#{rank}' if rank else f'not in first {TOP}'} of {total:,}")
            print(f"  {query.label:<24} {query.text!r:<26} -> {query.path:<22} {', '.join(places)}")


def _fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least squares line through (pages, seconds): intercept, slope."""
    if len(points) < 2:
        return points[0][1], 0.0
    slope, intercept = statistics.linear_regression([p for p, _ in points], [s for _, s in points])
    return intercept, slope


def summary(results: list[SizeResult]) -> str:
    big = max(results, key=lambda r: r.pages)
    material, pagefind = big.cold("material"), big.cold("pagefind")
    material_bytes, pagefind_bytes = big.first_bytes("material"), big.first_bytes("pagefind")
    line = (
        f"summary: at {big.pages:,} pages Pagefind shows a first result in {pagefind:.2f} s after downloading {_size(pagefind_bytes)}, "
        f"Material in {material:.2f} s after {_size(material_bytes)}"
    )
    if len(results) < 2:
        faster = "Pagefind" if pagefind < material else "Material"
        return line + f"; {faster} is faster at this size (run several sizes for where they cross)"
    m_at, m_slope = _fit([(r.pages, r.cold("material")) for r in results])
    p_at, p_slope = _fit([(r.pages, r.cold("pagefind")) for r in results])
    line += f"; per 1,000 pages Material's time grows {m_slope * 1000:+.2f} s, Pagefind's {p_slope * 1000:+.2f} s"
    ordered = sorted(results, key=lambda r: r.pages)
    gaps = [r.cold("material") - r.cold("pagefind") for r in ordered]  # > 0: Pagefind is faster
    for (low, low_gap), (high, high_gap) in itertools.pairwise(zip(ordered, gaps, strict=True)):
        if low_gap <= 0 < high_gap:
            cross = low.pages + (high.pages - low.pages) * -low_gap / (high_gap - low_gap)
            return line + (
                f". Recommendation: Pagefind above about {cross:,.0f} pages (Material is faster at {low.pages:,}, Pagefind at {high.pages:,}; "
                "interpolated), Material's built-in search below"
            )
    if all(gap > 0 for gap in gaps):
        guess = f"; the fitted lines cross near {(p_at - m_at) / (m_slope - p_slope):,.0f}" if m_slope > p_slope else ""
        return line + f". Recommendation: Pagefind, faster at every size measured (from {ordered[0].pages:,} pages{guess})"
    if all(gap <= 0 for gap in gaps):
        return line + f". Recommendation: keep Material's built-in search, faster at every size measured (up to {ordered[-1].pages:,} pages)"
    return line + ". No clear winner: the faster engine changes more than once across the sizes measured (try --runs 5)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", nargs=4, metavar=("CONTENT", "DOCS", "SITE", "ENGINE"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--sizes", nargs="+", default=["50x20", "500x200", "5000x1000"], metavar="ARTICLESxACTORS", help="corpus sizes (default: 50x20 500x200 5000x1000)"
    )
    parser.add_argument("--small", action="store_true", help="tenth-size run (50x20 500x100), to try the benchmark itself quickly")
    parser.add_argument("--runs", type=int, default=3, help="cold visits per engine and size (default 3; the median is printed)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached sites (after build_tools, overrides/ or mkdocs.yml changed)")
    parser.add_argument("--verbose", action="store_true", help="print every visit and every file it downloaded")
    args = parser.parse_args()
    if args.build:
        content, docs, site, engine = args.build
        print(json.dumps(_build_child(Path(content), Path(docs), Path(site), engine)))
        return 0
    sizes = ["50x20", "500x100"] if args.small else args.sizes
    results = []
    for size in sizes:
        articles, actors = (int(n) for n in size.lower().split("x"))
        print(f"== {articles} articles + {actors} actors", flush=True)
        results.append(measure_size(articles, actors, args.runs, args.rebuild, args.verbose))
    print_table(results, args.runs)
    print()
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
