"""`make bench`: time every phase of build_tools and the full site at two sizes each, and print the figures.

The corpora are `bench.generate`'s long-tail ones (a few actors named in most articles, as in real
archives); `--even` builds the earlier corpora, every actor equally likely. Every measured run is a child
process, so its peak memory (max RSS) is its own. Besides times, it prints the heaviest page of each kind
(article, actor, actor-year, glossary, ...): as built in the full sites, and for the biggest pipeline run
the heaviest Markdown pages of each kind rendered by MkDocs on their own. Figures are printed, never
asserted: machines here are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PHASES = ("read", "registry", "link", "render", "write", "search")


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_phases(content: Path, out: Path) -> dict[str, float]:
    """One build, phase by phase, in this one process (one core): where the time goes, not what users wait."""
    from build_tools.build import render_site
    from build_tools.link import link_articles
    from build_tools.processes import without_cycle_collection
    from build_tools.read import read_sources
    from build_tools.registry import load_registry
    from build_tools.search_index import start_site_search
    from build_tools.write import write_output

    times: dict[str, float] = {}
    with without_cycle_collection():
        start = time.perf_counter()
        articles, _ = read_sources(content)
        times["read"] = time.perf_counter() - start
        mark = time.perf_counter()
        registry, _ = load_registry(content)
        times["registry"] = time.perf_counter() - mark
        mark = time.perf_counter()
        mentions, _ = link_articles(registry, articles)
        times["link"] = time.perf_counter() - mark
        mark = time.perf_counter()
        files = render_site(content, articles, registry, mentions, search="material")
        times["render"] = time.perf_counter() - mark
        mark = time.perf_counter()
        problems = write_output(out, files)
        times["write"] = time.perf_counter() - mark
        # Pagefind's index on its own (a real build runs it alongside linking and rendering, when `auto` picks it).
        mark = time.perf_counter()
        index: dict[str, str | bytes] = {}
        start_site_search(articles, registry, "pagefind").add_to(index)
        times["search"] = time.perf_counter() - mark
    assert not problems, problems
    times["mentions"] = sum(len(m) for m in mentions.values())
    return times


def run_mkdocs(docs: Path, site: Path) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False))
    return {
        "mkdocs": time.perf_counter() - start,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pages": float(sum(1 for _ in site.rglob("index.html"))),
    }


def search_index(site: Path) -> tuple[str, float]:
    """The engine the site searches with, and the MiB of its index (Pagefind's: every chunk; a query fetches a few)."""
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return "pagefind", _tree_size(pagefind) / 2**20
    return "material", (site / "search" / "search_index.json").stat().st_size / 2**20


def _child(*args: str) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bench.run", *args], check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _timed_command(*args: str) -> tuple[float, float]:
    """Wall seconds and peak MiB of a command (the only child of a fresh measuring process)."""
    script = (
        "import resource,subprocess,sys,time;s=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "print(time.perf_counter()-s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024);"
        "sys.stderr.buffer.write(r.stderr[-4000:]);sys.exit(r.returncode>1)"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], check=False, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[1:])} failed:\n{done.stderr}")
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def corpus(articles: int, actors: int, mode: str) -> Path:
    from bench.generate import generate

    return generate(CACHE / (f"{articles}x{actors}" if mode == "even" else f"{articles}x{actors}-{mode}"), articles, actors, mode=mode)


def page_kind(route: str) -> str:
    """What kind of page a site address (`actors/x/2015/`, without `index.html`) or docs path (`actors/x/2015.md`) is."""
    parts = [part for part in route.removesuffix("index.html").removesuffix(".md").removesuffix("/index").split("/") if part]
    if parts in ([], ["index"]):
        return "home"
    section, rest = parts[0], parts[1:]
    if section == "articles":
        return "articles-index" if not rest else "articles-year" if rest[0] == "years" else "article"
    if section == "actors":
        if not rest:
            return "glossary"
        if rest[0] == "glossary" and len(rest) > 1:
            return "glossary-letter"
        if len(rest) == 1:
            return "actor"
        return "actor-year-part" if "-" in rest[1] else "actor-year"
    return "graph" if section == "graph" else "other"


def heaviest_built(site: Path) -> dict[str, tuple[int, str]]:
    """Kind -> (bytes, address) of the biggest HTML page of that kind in a built site."""
    found: dict[str, tuple[int, str]] = {}
    for page in site.rglob("*.html"):
        route = page.relative_to(site).as_posix()
        if not route.endswith("index.html"):
            continue
        kind, size = page_kind(route), page.stat().st_size
        if size > found.get(kind, (-1, ""))[0]:
            found[kind] = (size, route.removesuffix("index.html"))
    return found


def render_heaviest(docs: Path, work: Path, per_kind: int = 3) -> dict[str, tuple[int, str]]:
    """The heaviest page of each kind of a docs folder too big to build whole here: its `per_kind` biggest Markdown
    pages of each kind rendered by MkDocs in a site of their own (links to pages left out stay unresolved, a few bytes)."""
    candidates: dict[str, list[tuple[int, str]]] = {}
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs).as_posix()
        candidates.setdefault(page_kind(relative), []).append((page.stat().st_size, relative))
    small = work / "heaviest-docs"
    shutil.rmtree(small, ignore_errors=True)
    for items in candidates.values():
        for _, relative in sorted(items, reverse=True)[:per_kind]:
            (small / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(docs / relative, small / relative)
    for extra in ("assets", "about.md"):
        if (docs / extra).is_dir():
            shutil.copytree(docs / extra, small / extra, dirs_exist_ok=True)
        elif (docs / extra).is_file():
            shutil.copyfile(docs / extra, small / extra)
    site = work / "heaviest-site"
    _child("--mkdocs", str(small), str(site))
    found = heaviest_built(site)
    shutil.rmtree(small, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    return found


def print_heaviest(where: str, found: dict[str, tuple[int, str]]) -> None:
    print(f"heaviest page of each kind, {where} (KiB):")
    for kind, (size, route) in sorted(found.items(), key=lambda item: -item[1][0]):
        print(f"  {kind:>16} {size / 1024:8.1f}  {route}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phases", nargs=2, type=Path, metavar=("CONTENT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--mkdocs", nargs=2, type=Path, metavar=("DOCS", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--small", action="store_true", help="tenth-size run, to try the benchmark itself quickly")
    parser.add_argument("--even", action="store_true", help="the earlier corpora: mentions spread evenly over the actors, not on a long tail")
    args = parser.parse_args()
    if args.phases:
        print(json.dumps(run_phases(*args.phases)))
        return 0
    if args.mkdocs:
        print(json.dumps(run_mkdocs(*args.mkdocs)))
        return 0

    from bench.generate import busiest_share

    mode = "even" if args.even else "long-tail"
    scale = 10 if args.small else 1
    pipeline_sizes = [(1000 // scale, 1000 // scale), (10000 // scale, 5000 // scale)]
    site_sizes = [(500 // scale, 200 // scale), (5000 // scale, 1000 // scale)]
    work = CACHE / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    cores = os.cpu_count()
    print(f"corpora: {mode} mentions (bench/generate.py --mode {mode})")
    print(f"build_tools: phases timed one after another in one process; `build` is `python -m build_tools build` as run ({cores} cores)")
    print("(seconds; memory and output in MiB)")
    header = (
        f"{'articles x actors':>18} {'read':>7} {'registry':>8} {'link':>7} {'render':>7} {'write':>7} {'search':>7} {'phases':>7} | "
        f"{'build':>7} {'engine':>8} {'peak':>7} {'output':>7} {'mentions':>9}"
    )
    print(header)
    pipeline: list[dict[str, float]] = []
    for n_articles, n_actors in pipeline_sizes:
        content = corpus(n_articles, n_actors, mode)
        row = _child("--phases", str(content), str(work / f"phases-{n_articles}"))
        out = work / f"docs-{n_articles}"
        row["build"], row["peak_mib"] = _timed_command(sys.executable, "-m", "build_tools", "build", "--content", str(content), "--out", str(out))
        row["output_mib"] = _tree_size(out) / 2**20
        engine = "pagefind" if (out / "pagefind").is_dir() else "material"
        row["phases"] = sum(row[phase] for phase in PHASES)
        pipeline.append(row)
        shutil.rmtree(work / f"phases-{n_articles}", ignore_errors=True)
        print(
            f"{f'{n_articles} x {n_actors}':>18} {row['read']:7.2f} {row['registry']:8.2f} {row['link']:7.2f} {row['render']:7.2f} "
            f"{row['write']:7.2f} {row['search']:7.2f} {row['phases']:7.2f} | {row['build']:7.2f} {engine:>8} {row['peak_mib']:7.0f} "
            f"{row['output_mib']:7.1f} {int(row['mentions']):9d}"
        )
    print("search = Pagefind's index alone; build = the real command: Pagefind included when `auto` picks it, alongside the other phases;")
    print("peak = the largest process of the real command (build_tools, a render worker or a Pagefind process)")
    big = corpus(*pipeline_sizes[1], mode)
    share, busiest = busiest_share(big.parent)
    print(f"busiest actor at {pipeline_sizes[1][0]} x {pipeline_sizes[1][1]}: {busiest}, named in {share:.0%} of the articles")
    print_heaviest(f"{pipeline_sizes[1][0]} x {pipeline_sizes[1][1]}, rendered alone", render_heaviest(work / f"docs-{pipeline_sizes[1][0]}", work))
    check_seconds, check_peak = _timed_command(sys.executable, "-m", "build_tools", "check", "--content", str(big), "--format", "json")
    print(f"check at {pipeline_sizes[1][0]} x {pipeline_sizes[1][1]}: {check_seconds:.2f} s, peak {check_peak:.0f} MiB")

    print()
    print("full site: `python -m build_tools build`, then `mkdocs build` (seconds; MiB)")
    print(f"{'articles + actors':>18} {'pages':>6} {'build_tools':>11} {'mkdocs':>7} {'total':>7} {'peak':>7} {'search':>9} {'index MiB':>9}")
    site_rows: list[dict[str, float]] = []
    engines: list[str] = []
    heaviest: list[tuple[str, dict[str, tuple[int, str]]]] = []
    for n_articles, n_actors in site_sizes:
        content = corpus(n_articles, n_actors, mode)
        docs = work / f"site-docs-{n_articles}"
        build_seconds, build_peak = _timed_command(sys.executable, "-m", "build_tools", "build", "--content", str(content), "--out", str(docs))
        site_dir = work / f"site-{n_articles}"
        site = _child("--mkdocs", str(docs), str(site_dir))
        engine, index_mib = search_index(site_dir)
        engines.append(engine)
        total = build_seconds + site["mkdocs"]
        peak = max(build_peak, site["peak_mib"])
        site_rows.append({**site, "build_tools": build_seconds, "total": total, "peak": peak, "index_mib": index_mib})
        heaviest.append((f"site {n_articles} + {n_actors}", heaviest_built(site_dir)))
        print(
            f"{f'{n_articles} + {n_actors}':>18} {int(site['pages']):6d} {build_seconds:11.2f} {site['mkdocs']:7.2f} {total:7.2f} "
            f"{peak:7.0f} {engine:>9} {index_mib:9.1f}"
        )

    for where, found in heaviest:
        print_heaviest(where, found)

    pipeline_ratio = pipeline[1]["build"] / pipeline[0]["build"]
    site_ratio = site_rows[1]["total"] / site_rows[0]["total"]
    slowest = max(PHASES, key=lambda phase: pipeline[1][phase])
    print()
    print(
        f"summary: build_tools {pipeline_sizes[1][0]}x{pipeline_sizes[1][1]} {pipeline[1]['build']:.1f} s (10x articles: {pipeline_ratio:.1f}x time, "
        f"peak {pipeline[1]['peak_mib']:.0f} MiB, slowest phase {slowest}); check {check_seconds:.1f} s; "
        f"site {site_sizes[1][0]}+{site_sizes[1][1]} {site_rows[1]['total']:.1f} s (10x: {site_ratio:.1f}x, peak {site_rows[1]['peak']:.0f} MiB, "
        f"{engines[1]} search index {site_rows[1]['index_mib']:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
