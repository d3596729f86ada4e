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


def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def _blocks(functions: list[Function], owner: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, complexity) of every function, method and closure."""
    for function in functions:
        name = f"{owner}{function.classname + '.' if function.classname else ''}{function.name}"
        yield name, function.complexity
        yield from _blocks(function.closures, f"{name}.")


def _too_complex(modules: list[Path]) -> set[str]:
    found = set()
    for path in modules:
        functions = [block for block in cc_visit(path.read_text(encoding="utf-8")) if isinstance(block, Function)]
        found |= {f"{path.name}:{name}" for name, complexity in _blocks(functions) if complexity > MOST_COMPLEXITY}
    return found


def _too_long(modules: list[Path]) -> set[str]:
    found = set()
    for path in modules:
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
    over = _too_complex(_modules())
    assert not over, f"cyclomatic complexity above {MOST_COMPLEXITY}: split into named steps: {sorted(over)}"


def test_no_function_or_module_is_too_long() -> None:
    over = _too_long(_modules())
    assert not over, f"functions above {MOST_FUNCTION_LINES} lines or modules above {MOST_MODULE_LINES}: {sorted(over)}"


def test_the_limits_find_what_is_over_them(tmp_path: Path) -> None:
    """The measures themselves: a method one branch over the complexity limit, a function one line over the length limit
    and a module one line over its limit are found, by their qualified names; the same code at the limits is not."""

    def module(name: str, branches: int, body_lines: int, padding: int) -> Path:
        checks = "".join(f"        if x == {n}:\n            return {n}\n" for n in range(branches))
        body = "".join(f"    y = {n}\n" for n in range(body_lines - 1))
        source = f"class Shape:\n    def branchy(self, x: int) -> int:\n{checks}        return -1\n\n\ndef long() -> None:\n{body}    return None\n"
        path = tmp_path / f"{name}.py"
        path.write_text(source + "\n" * (padding - len(source.splitlines())), encoding="utf-8")
        return path

    # A method's complexity is 1 + its branches; a function's lines count its `def` line.
    over = module("over", MOST_COMPLEXITY, MOST_FUNCTION_LINES, MOST_MODULE_LINES + 1)
    within = module("within", MOST_COMPLEXITY - 1, MOST_FUNCTION_LINES - 1, MOST_MODULE_LINES)
    assert _too_complex([over, within]) == {"over.py:Shape.branchy"}
    assert _too_long([over, within]) == {"over.py", "over.py:long"}


def test_no_import_cycle() -> None:
    graph = _imports()
    assert graph["registry"] and "link" not in graph["registry"], "the registry must not import the linker"
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph) or [])}"


def test_the_cycle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
