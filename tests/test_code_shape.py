"""The code stays readable where every rule change lands: no function too branchy or too long, no module too long, no import cycle.

Complexity is radon's cyclomatic complexity; lengths are counted on the syntax tree. Figures, not timings: they cannot be noisy.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Function

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
MOST_COMPLEXITY = 25
MOST_FUNCTION_LINES = 80
MOST_MODULE_LINES = 800
# Over the limits in code that landed with the byline, date and report work (issue 12) while the fast core was split up
# (issue 14): to split next. The list may only shrink: an entry that meets the limits again fails the test until it is removed.
NOT_YET = {
    "report.py:_article_block": "complexity",
    "report.py:compare": "complexity",
    "report.py:render_report": "complexity",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def _blocks(functions: list[Function], owner: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, complexity) of every function, method and closure."""
    for function in functions:
        name = f"{owner}{function.classname + '.' if function.classname else ''}{function.name}"
        yield name, function.complexity
        yield from _blocks(function.closures, f"{name}.")


def _too_complex() -> set[str]:
    found = set()
    for path in _modules():
        functions = [block for block in cc_visit(path.read_text(encoding="utf-8")) if isinstance(block, Function)]
        found |= {f"{path.name}:{name}" for name, complexity in _blocks(functions) if complexity > MOST_COMPLEXITY}
    return found


def _too_long() -> set[str]:
    found = set()
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > MOST_MODULE_LINES:
            found.add(path.name)
        tree = ast.parse(source)
        for parent in ast.walk(tree):
            for node in ast.iter_child_nodes(parent):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                    owner = f"{parent.name}." if isinstance(parent, ast.ClassDef) else ""
                    if node.end_lineno - node.lineno + 1 > MOST_FUNCTION_LINES:
                        found.add(f"{path.name}:{owner}{node.name}")
    return found


def _imports() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, anywhere in it (an import inside a function makes a cycle too)."""
    names = {path.stem for path in _modules()}
    graph: dict[str, set[str]] = {}
    for path in _modules():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "build_tools":
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools."):
                imported.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("build_tools.")}
        graph[path.stem] = (imported & names) - {path.stem}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A chain of imports that comes back to where it started, if any."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for other in sorted(graph[module]):
            found = visit(other, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return None


def test_no_function_is_too_complex() -> None:
    over = _too_complex()
    assert over <= set(NOT_YET), f"cyclomatic complexity above {MOST_COMPLEXITY}: split into named steps: {sorted(over - set(NOT_YET))}"


def test_no_function_or_module_is_too_long() -> None:
    over = _too_long()
    assert over <= set(NOT_YET), f"functions above {MOST_FUNCTION_LINES} lines or modules above {MOST_MODULE_LINES}: {sorted(over - set(NOT_YET))}"


def test_the_exceptions_still_need_to_be_exceptions() -> None:
    mended = set(NOT_YET) - _too_complex() - _too_long()
    assert not mended, f"within the limits now: remove from NOT_YET {sorted(mended)}"


def test_no_import_cycle() -> None:
    graph = _imports()
    assert graph["registry"] and "link" not in graph["registry"], "the registry must not import the linker"
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph) or [])}"


def test_the_cycle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
