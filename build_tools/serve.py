"""`make serve`: build, serve on 127.0.0.1, and rebuild whenever content or the site settings change.

MkDocs' own server watches only its docs folder, which build_tools replaces as a whole on each
build; polling the sources and rebuilding both steps is simpler and never serves half a build.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from build_tools.build import build


def _snapshot(paths: Iterable[Path]) -> dict[str, float]:
    state: dict[str, float] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
        for path in files:
            try:
                state[str(path)] = path.stat().st_mtime
            except OSError:
                continue
    return state


def _rebuild(content: Path, out: Path, site: Path) -> None:
    result = build(content, out)
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if not result.wrote:
        print("serve: content has errors; still showing the last good build", file=sys.stderr)
        return
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], check=False)
    print("serve: rebuilt" if done.returncode == 0 else "serve: mkdocs build failed (see above)", file=sys.stderr)


def serve(content: Path, out: Path, site: Path, port: int, interval: float = 1.0) -> int:
    watched = [content, Path("mkdocs.yml"), Path("overrides")]
    _rebuild(content, out, site)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://127.0.0.1:{port}/ (Ctrl+C to stop); watching {', '.join(map(str, watched))}", file=sys.stderr)
    before = _snapshot(watched)
    try:
        while True:
            time.sleep(interval)
            now = _snapshot(watched)
            if now != before:
                before = now
                _rebuild(content, out, site)
    except KeyboardInterrupt:
        server.shutdown()
        return 0
