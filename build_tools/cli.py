"""The command line: the one place that prints problems and picks the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.actor_schema import ACTOR_TYPES, SCHEMA_FILE, TYPE_LABELS, actor_schema_text
from build_tools.build import DEFAULT_CONTENT, DEFAULT_OUT, build
from build_tools.check import Checked, Suggestion, check_content
from build_tools.new_actor import new_actor, new_suggested_actors
from build_tools.problems import Problem
from build_tools.processes import without_cycle_collection
from build_tools.report import ReportError, compare
from build_tools.report_markdown import render_report
from build_tools.search_index import ENGINE_CHOICES, PAGEFIND_ABOVE
from build_tools.serve import serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Build the conflict-reporting site's Markdown from plain-text sources.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="read sources and actors, write the docs folder for mkdocs")
    build_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    build_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, help="docs folder to write (default: %(default)s)")
    build_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    build_cmd.add_argument(
        "--search",
        choices=ENGINE_CHOICES,
        default="auto",
        help=f"site search: Material's built-in index, or Pagefind's chunked one (auto: Pagefind above {PAGEFIND_ABOVE} articles and actors)",
    )
    check_cmd = commands.add_parser("check", help="report every problem in the content without writing anything")
    check_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text", help="text lines for people, JSON for tools")
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    report_cmd = commands.add_parser("report", help="Markdown report of what the content changed against a git commit (for pull requests)")
    report_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    report_cmd.add_argument("--base", required=True, help="git commit, branch or tag to compare against, e.g. origin/main")
    serve_cmd = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when content changes")
    serve_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    serve_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, help="docs folder to write (default: %(default)s)")
    serve_cmd.add_argument("--site", type=Path, default=Path("site"), help="where mkdocs writes the site (default: %(default)s)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: %(default)s)")
    new_cmd = commands.add_parser(
        "new-actor",
        help="write actors/<id>.yml for a name the articles give (or for every suggestion), for an editor to write its lead",
        description="Write actors/<id>.yml for NAME: its type, the other names the articles use for it, and the sentences that name it. "
        "It never overwrites a file, and refuses a name that is already an actor's name or alias.",
    )
    new_cmd.add_argument("name", nargs="?", help='the actor\'s name as the articles write it, e.g. "Joseph Dunford"')
    new_cmd.add_argument("--type", choices=ACTOR_TYPES, help="the actor's type (default: guessed from how the articles use the name)")
    new_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    new_cmd.add_argument("--suggested", action="store_true", help="write a file for each name `check` suggests, instead of NAME")
    new_cmd.add_argument("--min-count", type=int, default=1, metavar="N", help="with --suggested: only names given at least N times (default: 1)")
    schema_cmd = commands.add_parser("schema", help="write the actor JSON Schema that editors use (content/actors.schema.json)")
    schema_cmd.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: %(default)s)")
    return parser


def _exit_code(problems: list[Problem], strict: bool) -> int:
    failing = [p for p in problems if p.severity == "error" or strict]
    return 1 if failing else 0


def _print_problems(problems: list[Problem]) -> None:
    # One write: standard error is line-buffered, and a big archive has tens of thousands of lines.
    if problems:
        sys.stderr.write("".join(f"{problem.format()}\n" for problem in problems))
        sys.stderr.flush()


def _summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _check_json(problems: list[Problem], suggestions: list[Suggestion]) -> str:
    """`{"problems": [...], "suggestions": [...]}`, an entry per line (a diff shows what changed).

    Written row by row: `json.dumps` with `indent` runs its pure-Python encoder, a second at 10,000 articles.
    """

    def rows(entries: list[str]) -> str:
        return "[\n" + ",\n".join(f"  {entry}" for entry in entries) + "\n ]" if entries else "[]"

    problem_rows = rows([p.as_json_text() for p in problems])
    suggestion_rows = rows([s.as_json_text() for s in suggestions])
    return f'{{\n "problems": {problem_rows},\n "suggestions": {suggestion_rows}\n}}\n'


# How many suggestions the text report lists (the JSON report has them all).
SHOWN_SUGGESTIONS = 25


def _suggestion_lines(suggestions: list[Suggestion], actors_dir: Path) -> list[str]:
    """The most frequent suggestions, grouped by guessed type (the types in the order of their most frequent name).

    A name whose file is already there (scaffolded, its lead not yet written, so it does not load) points at that
    file, not at `new-actor`, which would refuse it.
    """
    shown = suggestions[:SHOWN_SUGGESTIONS]
    lines = [
        f"Names the registry lacks (top {len(shown)} of {len(suggestions)}): if one is an actor, scaffold its file with "
        '`python -m build_tools new-actor "NAME"` (or all of them with `new-actor --suggested`), or add it as an alias to the actor it names.'
    ]
    groups: dict[str, list[Suggestion]] = {}
    for suggestion in shown:
        groups.setdefault(suggestion.type, []).append(suggestion)
    for kind, members in groups.items():
        lines.append(f"  {TYPE_LABELS.get(kind, kind or 'Unknown type')}:")
        for s in members:
            articles = f"{len(s.articles)} article{'s' * (len(s.articles) != 1)}"
            also = f"; also {', '.join(s.aliases)}" if s.aliases else ""
            target = f"actors/{s.id}.yml"
            todo = " exists: finish it (its errors are above)" if (actors_dir / f"{s.id}.yml").exists() else ""
            lines.append(f"    {s.text}: {s.count} in {articles} ({s.reason}{also}) -> {target}{todo}")
    return lines


def _report_check(checked: Checked, output_format: str, actors_dir: Path) -> None:
    problems, suggestions = checked.problems, checked.suggestions
    if output_format == "json":
        sys.stdout.write(_check_json(problems, suggestions))
    else:
        _print_problems(problems)
        if suggestions:
            sys.stderr.write("\n" + "\n".join(_suggestion_lines(suggestions, actors_dir)) + "\n")
        print(f"build_tools check: {checked.articles} articles, {checked.actors} actors, {_summary(problems)}", file=sys.stderr)


def _new_actor(args: argparse.Namespace) -> int:
    if args.suggested == bool(args.name):
        print(
            f'{args.content}: error: give either a name or --suggested, e.g. `python -m build_tools new-actor "Joseph Dunford"` '
            "or `python -m build_tools new-actor --suggested --min-count 2`",
            file=sys.stderr,
        )
        return 2
    with without_cycle_collection():
        written, problems = new_suggested_actors(args.content, args.min_count) if args.suggested else new_actor(args.content, args.name, args.type)
    _print_problems(problems)
    for made in written:
        print(f"{made.path}: wrote {made.name} ({TYPE_LABELS[made.type]}): write its description and description_source", file=sys.stderr)
    if args.suggested and not written and not problems:
        print(f"{args.content}: no suggestion to write (check lists none named {args.min_count} times or more)", file=sys.stderr)
    return 1 if any(problem.severity == "error" for problem in problems) else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        target = args.content / SCHEMA_FILE
        target.write_text(actor_schema_text(), encoding="utf-8")
        print(f"build_tools: wrote {target}", file=sys.stderr)
        return 0
    if args.command == "new-actor":
        return _new_actor(args)
    if args.command == "serve":
        return serve(args.content, args.out, args.site, args.port)
    if args.command == "report":
        try:
            diff = compare(args.content, args.base)
        except ReportError as exc:
            print(f"{args.content}: error: cannot compare with `{args.base}`: {exc}; fetch it first (e.g. `git fetch origin main`)", file=sys.stderr)
            return 2
        sys.stdout.write(render_report(diff, args.base))
        return 0
    if args.command == "build":
        result = build(args.content, args.out, args.search)
        _print_problems(result.problems)
        if result.wrote:
            print(
                f"build_tools: {len(result.articles)} articles, {len(result.registry)} actors written to {args.out} ({_summary(result.problems)})",
                file=sys.stderr,
            )
        else:
            print(f"build_tools: nothing written, {args.out} is unchanged ({_summary(result.problems)})", file=sys.stderr)
        code = _exit_code(result.problems, args.strict)
        return code if result.wrote or code else 1
    # The collector stays paused while the report is written too: hundreds of thousands of rows on a heap that big.
    with without_cycle_collection():
        checked = check_content(args.content)
        _report_check(checked, args.format, Path(args.content) / "actors")
    return _exit_code(checked.problems, args.strict)
