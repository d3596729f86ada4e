"""`python -m bench.actor_page`: how fast the busiest actor's page opens in Chromium with the CPU slowed down 4 times.

    .venv/bin/python -m bench.actor_page                 # 2,000 articles + 1,000 actors, long-tail corpus, 5 visits
    .venv/bin/python -m bench.actor_page --runs 9 --rate 6

Builds `bench.generate`'s long-tail corpus (the busiest actor is named in most articles) with build_tools then
MkDocs into bench/.cache/actor-page/ (once per code version: `--rebuild` after changing build_tools, overrides/
or mkdocs.yml), serves it on 127.0.0.1 gzipped as static hosts serve it (bench.search's server), and opens the
page of the actor named in the most articles in Debian's Chromium, kept on the loopback as the browser tests
keep it. Each visit is cold, in a fresh context, with Chrome DevTools' CPU throttling
(`Emulation.setCPUThrottlingRate`) as slow phones are emulated; it prints DOMContentLoaded and load from the
navigation's start, the HTML's size and what went over the wire. Figures are printed, never asserted.

`--code DIR` builds with another checkout's build_tools, overrides/ and mkdocs.yml (run with that checkout's
interpreter, e.g. a pristine copy of main, to compare before and after).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def build(content: Path, code: Path, out: Path) -> Path:
    """`python -m build_tools build` then `mkdocs build`, with the build_tools, mkdocs.yml and overrides/ of `code`."""
    site = out / "site"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code), "SITE_URL": "http://127.0.0.1:8000/"}
    subprocess.run([sys.executable, "-m", "build_tools", "build", "--content", str(content), "--out", str(out / "docs")], check=True, cwd=code, env=env)
    script = (
        "import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
        "build(load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True))"
    )
    subprocess.run([sys.executable, "-c", script, str(code / "mkdocs.yml"), str(out / "docs"), str(site)], check=True, cwd=code, env=env)
    return site


def busiest_actor(docs: Path) -> tuple[str, int]:
    """The actor named in the most articles (data/actors.json), and how many."""
    actors = json.loads((docs / "data" / "actors.json").read_text(encoding="utf-8"))
    best = max(actors, key=lambda actor: (len(actor["articles"]), actor["id"]))
    return best["id"], len(best["articles"])


_TIMING_JS = """
() => {
  const n = performance.getEntriesByType("navigation")[0];
  return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, html: n.decodedBodySize, wire: n.encodedBodySize,
          nodes: document.getElementsByTagName("*").length};
}
"""


def visit(url: str, runs: int, rate: float) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import CHROMIUM, DESKTOP, ProxySink, chromium_args, is_chromium_service

    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium (never `playwright install`)")
    sink = ProxySink()
    found: list[dict[str, float]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=chromium_args(sink.port), timeout=30_000)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport=DESKTOP, service_workers="block")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                page.goto(url, wait_until="load", timeout=600_000)
                found.append(page.evaluate(_TIMING_JS))
                context.close()
        finally:
            browser.close()
    sink.close()
    strays = [c for c in sink.connections if not is_chromium_service(c)]
    if strays:
        print(f"warning: connections for other hosts: {strays}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="cold visits (default 5)")
    parser.add_argument("--rate", type=float, default=4.0, help="CPU slowdown (default 4)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose build_tools, overrides/ and mkdocs.yml build the site")
    parser.add_argument("--rebuild", action="store_true", help="build the site again even if it is there")
    parser.add_argument("--also", nargs="*", default=["about/"], metavar="PATH", help="other pages to time the same way, for scale (default: about/)")
    args = parser.parse_args()

    from bench.generate import generate
    from bench.search import CountingServer

    content = generate(CACHE / f"{args.articles}x{args.actors}-long-tail", args.articles, args.actors)
    out = CACHE / "actor-page" / f"{args.articles}x{args.actors}-{args.code.resolve().name}"
    if args.rebuild or not (out / "site" / "index.html").is_file():
        build(content, args.code.resolve(), out)
    actor_id, articles = busiest_actor(out / "docs")
    print(f"at {args.articles} articles + {args.actors} actors ({args.code.resolve().name}), the busiest actor is {actor_id}, named in {articles} articles")
    print(f"CPU slowed {args.rate:g}x, {args.runs} cold visits each (seconds from navigation start):")
    server = CountingServer(out / "site")
    try:
        for path in [f"actors/{actor_id}/", *args.also]:
            found = visit(f"{server.url}{path}", args.runs, args.rate)
            dcl = [f["dcl"] / 1000 for f in found]
            load = [f["load"] / 1000 for f in found]
            print(
                f"  {path:<24} HTML {found[0]['html'] / 1024:8.1f} KiB ({found[0]['wire'] / 1024:6.1f} KiB gzipped), {int(found[0]['nodes']):6,} elements: "
                f"DOMContentLoaded median {statistics.median(dcl):.2f} (min {min(dcl):.2f}, max {max(dcl):.2f}), load median {statistics.median(load):.2f}"
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
