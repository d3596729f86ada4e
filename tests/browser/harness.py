"""What the browser tests stand on: the built site served under a sub-path, Chromium kept on the loopback.

Nothing here knows about pytest: the fixtures in `tests/browser/fixtures.py` put it together, and the
fault tests reuse it to serve deliberately broken copies of the site.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

from build_tools.build import build

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "screenshots"
SUBPATH = "/archive/"
"""GitHub Pages serves a project site under /<repository>/; the tests serve it under this path."""

# axe-core, from npm at an exact version, in the git-ignored .tools/ folder (see the Makefile).
AXE_VERSION = "4.14.1"
AXE_JS = ROOT / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SETUP_HINT = (
    "the browser tests need Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`), "
    f"Playwright's Python package (`pip install -e '.[dev]'`) and axe-core {AXE_VERSION} in .tools/axe/ (`make test` installs it)"
)

CHROMIUM_SERVICES = (".google.com", ".googleapis.com", ".gstatic.com", ".gvt1.com")
"""Chromium's own background calls (component updates, account lists, autofill) go to these, whatever the flags;
the proxy sink refuses them on 127.0.0.1. A page's request never gets that far: the route aborts it."""


def is_chromium_service(connection: str) -> bool:
    """Whether a request line the proxy sink read (`CONNECT host:443 ...`, `GET http://host/...`) is for Chromium's services."""
    parts = connection.split()
    host = parts[1].split("://")[-1].split("/")[0].split(":")[0] if len(parts) > 1 else ""
    return host.endswith(CHROMIUM_SERVICES)


WAIT_MS = 5_000
"""How long a journey waits for the page to react; generous for a loaded CI machine, never reached when all is well."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def chromium_args(proxy_port: int) -> list[str]:
    """Flags that keep Chromium on the loopback: every other host resolves to nothing and proxies into a sink.

    Playwright adds a fresh temporary --user-data-dir itself (and refuses one in `args`).
    """
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--proxy-server=http://127.0.0.1:{proxy_port}",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ]


# --------------------------------------------------------------------------------------------
# Building and serving


def build_site(content: Path, work: Path, site_url: str, search: str = "auto") -> Path:
    """`python -m build_tools build [--search ...]` then `mkdocs build --strict`, for a site that lives at `site_url`."""
    docs, site = work / "docs", work / "site"
    before = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = site_url  # build_tools' feed and mkdocs.yml's site_url both read it
    try:
        result = build(content, docs, search)
        assert result.wrote, [p.format() for p in result.problems]
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
        mkdocs_build(config)
    finally:
        if before is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = before
    return site


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves `server.root` under SUBPATH the way GitHub Pages does: `dir` -> `dir/`, misses -> 404.html."""

    server: SiteServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        relative = unquote(urlsplit(path).path)[len(SUBPATH) :]
        return str(self.server.root.joinpath(*[p for p in posixpath.normpath("/" + relative).split("/") if p]))

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        if not path.startswith(SUBPATH) and path != SUBPATH.rstrip("/"):
            return self._not_found()
        if path == SUBPATH.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", SUBPATH)
            self.end_headers()
            return None
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not path.endswith("/"):
            return super().send_head()  # redirects to the slash
        if not (local / "index.html" if local.is_dir() else local).is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> Any:
        body = (self.server.root / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded static server on 127.0.0.1; `root` can be swapped to serve a broken copy for a while."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = Path()
        self.thread = threading.Thread(target=self.serve_forever, name="site-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{SUBPATH}"

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def start(self, root: Path) -> None:
        self.root = root
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():  # shutdown() waits for serve_forever(), which never ran if the build failed
            self.shutdown()
        self.server_close()

    @contextlib.contextmanager
    def serving(self, root: Path) -> Iterator[None]:
        """Serve another copy of the site at the same address, then the original again."""
        before, self.root = self.root, root
        try:
            yield
        finally:
            self.root = before


def broken_copy(site: Path, work: Path, edit: Callable[[Path], None]) -> Path:
    """A copy of the built site with one deliberate fault, made by `edit` on the copy."""
    copy = work / "site"
    shutil.copytree(site, copy)
    edit(copy)
    return copy


def replace_in(path: Path, old: str, new: str, count: int = -1) -> None:
    """Edit a built file; fails if `old` is not there, so a fault is never silently not introduced."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found, the fault would not be introduced"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


class ProxySink:
    """The browser's proxy: a listening socket on 127.0.0.1 that records each connection and closes it.

    Chromium never proxies loopback addresses, so only a request for another host could come here;
    none ever gets through (the connection is closed at once), and `connections` says if any tried.
    """

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.connections: list[str] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="proxy-sink", daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(0.5)
                try:
                    first = connection.recv(200).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    first = "(nothing read)"
                self.connections.append(first)

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.socket.close()


# --------------------------------------------------------------------------------------------
# Watching a browser context


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Recorder:
    """Every request a context makes, with off-host ones aborted; console errors and uncaught exceptions.

    A page answered with 404 on purpose makes Chromium log the status; that one message is expected.
    """

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    missing_documents: set[str] = field(default_factory=set)
    in_flight: set[Request] = field(default_factory=set)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("requestfinished", self._done)
        context.on("requestfailed", self._done)
        context.on("response", self._response)
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)
        self.in_flight.add(request)

    def _done(self, request: Request) -> None:
        self.in_flight.discard(request)

    def settle(self, page: Page, quiet_ms: int = 150, limit_ms: int = 5_000) -> None:
        """Wait until no request has been in flight for `quiet_ms` (Playwright's networkidle waits 500 ms)."""
        quiet = waited = 0
        while quiet < quiet_ms and waited < limit_ms:
            page.wait_for_timeout(25)
            waited += 25
            quiet = quiet + 25 if not self.in_flight else 0

    def _response(self, response: Response) -> None:
        if response.status == 404 and response.request.is_navigation_request():
            self.missing_documents.add(response.url)

    def _page(self, page: Page) -> None:
        page.on("console", functools.partial(self._console, page))
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: uncaught {error.name}: {error.message}"))

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "") if message.location else ""
        if source in self.missing_documents and "status of 404" in message.text:
            return
        self.console_errors.append(f"{page.url}: {message.text} ({source})")

    def off_host(self) -> list[str]:
        return sorted({*self.blocked, *(url for url in self.requests if not is_loopback(url))})

    def problems(self) -> list[str]:
        """Console errors and off-host requests, one a line; empty when the visit was clean."""
        return [f"console error: {e}" for e in self.console_errors] + [f"request for another host: {u}" for u in self.off_host()]


# --------------------------------------------------------------------------------------------
# Page checks shared by the journeys, the layout and the accessibility tests

_OVERFLOW_JS = """
(width) => {
  const found = [];
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    const classes = (el.getAttribute("class") || "").split(/\\s+/).filter(Boolean).slice(0, 3);
    if (classes.length) name += "." + classes.join(".");
    return name;
  };
  const clipped = (el) => {
    // Inside a box that scrolls or clips sideways and itself fits: the reader scrolls that box, not the page.
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible" && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right <= width + 1) continue;
    if (clipped(el)) continue;
    // Report the outermost offender only: what is inside an overflowing element adds nothing.
    if (found.some((f) => f.el.contains(el))) continue;
    found.push({el, text: `${describe(el)} (right edge at ${Math.round(rect.right)} px)`});
  }
  return found.map((f) => f.text);
}
"""


def overflowing_elements(page: Page, width: int) -> list[str]:
    """Elements whose right edge passes `width` (the viewport's, not innerWidth), outermost first."""
    result = page.evaluate(_OVERFLOW_JS, width)
    assert isinstance(result, list)
    return [str(item) for item in result]


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core on the page; each violation of the given impacts as `rule (impact): help: targets`."""
    assert AXE_JS.is_file(), f"{AXE_JS} is missing: {SETUP_HINT}"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    version = page.evaluate("() => axe.version")
    assert version == AXE_VERSION, f"{AXE_JS} is axe-core {version}, the tests pin {AXE_VERSION}: change AXE_VERSION here and in the Makefile together"
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] in impacts:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']}: {targets}")
    return found


def save_screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
