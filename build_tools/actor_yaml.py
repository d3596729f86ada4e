"""Reading an actor file's YAML: the line of every value, the YAML 1.1 traps (`NO`, `yes`, a bare date) turned back
into text with an error, items YAML silently swallows, and syntax errors in plain words with the line fixed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.actor_schema import ACTOR_EXAMPLE, SCHEMA_COMMENT
from build_tools.problems import Problem, error, warning

_BOOLEAN_KEYS = frozenset({"case_sensitive", "after_full", "link"})

# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one spends ~2 ms per file.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader; `load_actor_yaml` drives it node by node to keep lines and defuse YAML 1.1 traps."""


_STR_TAG = "tag:yaml.org,2002:str"
_TRAP_TAGS = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
}
Lines = dict[tuple[Any, ...], int]
"""The line of each value of a file, by its path of keys and indexes (`("aliases", 2)`)."""


def _is_trap(node: yaml.Node) -> bool:
    """A plain scalar that YAML 1.1 reads as something other than text (`NO`, `yes`, `2014-09-08`, `1e3`)."""
    # A plain scalar's style is None from the Python parser and "" from libyaml's.
    return isinstance(node, yaml.ScalarNode) and not node.style and node.tag in _TRAP_TAGS


def _walk(node: yaml.Node, path: tuple[Any, ...], lines: Lines, found: list[tuple[int, str]], source: list[str]) -> None:
    """Record the line of every value by its path; report duplicate keys, YAML 1.1 traps and swallowed list items, and turn the traps back into text."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and not node.style and node.end_mark.line > node.start_mark.line:
        found.extend(_swallowed_items(node, source))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if _is_trap(key_node):
                key_node.tag = _STR_TAG  # a key is a name: `NO:` means the text NO
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in seen:
                found.append((key_node.start_mark.line + 1, f"key `{key}` appears twice in one mapping: YAML keeps only the last; merge them into one"))
            seen.add(key)
            if key not in _BOOLEAN_KEYS and _is_trap(value_node):
                meaning = _TRAP_TAGS[value_node.tag]
                found.append(
                    (
                        value_node.start_mark.line + 1,
                        f'`{key}: {value_node.value}` is read by YAML as {meaning}, not as text: quote it, e.g. `{key}: "{value_node.value}"`',
                    )
                )
                value_node.tag = _STR_TAG
            _walk(value_node, (*path, key), lines, found, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if _is_trap(item):
                where = f" in `{path[-1]}`" if path else ""
                found.append(
                    (
                        item.start_mark.line + 1,
                        f'`- {item.value}`{where} is read by YAML as {_TRAP_TAGS[item.tag]}, not as text: quote it, e.g. `- "{item.value}"`',
                    )
                )
                item.tag = _STR_TAG
            _walk(item, (*path, index), lines, found, source)


# YAML syntax errors in plain words. PyYAML says where it gave up ("expected <block end>, but found '?'");
# a contributor needs the line to change and how: a tab, an indent that lines up with nothing, a `: ` inside a value.
_INDENT_RULE = "YAML nests by indentation, so a key lines up exactly with the keys beside it (and a `- ` item with the items beside it)"
_KEY_LINE = re.compile(r"^( *)((?:- +)?)([A-Za-z_][\w-]*|\"[^\"]*\"|'[^']*') *:(?: |$)")
_ITEM_LINE = re.compile(r"^( *)- ")
_EXAMPLE_LINES = 5


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


def _with_tabs_shown(line: str) -> str:
    return line.replace("\t", "<TAB>")


def _without_tabs(line: str) -> str:
    """The line as it should be: leading tabs become two spaces each, any other tab one space."""
    stripped = line.lstrip(" \t")
    lead = line[: len(line) - len(stripped)]
    return lead.replace("\t", "  ") + stripped.replace("\t", " ")


def _example_lines(lines: list[str]) -> str:
    return "".join(f"\n    {line}" for line in lines)


def _places_above(source: list[str], number: int) -> tuple[dict[int, int], dict[int, int]]:
    """Columns where a key, and where a `- ` item, may start on line `number`: those of the lines it could belong to, by line."""
    keys: dict[int, int] = {}
    items: dict[int, int] = {}
    limit = len(source[number - 1])
    for above in range(number - 1, 0, -1):
        text = source[above - 1]
        key = _KEY_LINE.match(text)
        item = _ITEM_LINE.match(text)
        if not (key or item) or _indent_of(text) >= limit:
            continue
        column = limit = _indent_of(text)
        if item:
            items.setdefault(column, above)
        if key:
            keys.setdefault(column + len(key.group(2)), above)
        if column == 0:
            break
    return keys, items


def _indent_error(source: list[str], number: int) -> tuple[int, str] | None:
    """Line `number` lines up with no block above it: the indent it should have, with the lines around it fixed."""
    text = source[number - 1]
    indent = _indent_of(text)
    keys, items = _places_above(source, number)
    places = items if _ITEM_LINE.match(text) and not text.lstrip().startswith("- -") else keys
    if not places or indent in places:
        return None
    distance = min(abs(column - indent) for column in places)
    nearest = sorted((column for column in places if abs(column - indent) == distance), reverse=True)
    column, parent = nearest[0], places[nearest[0]]

    def option(column: int) -> str:
        if column == 0:
            return "start it at the beginning of the line, as a key of its own"
        above = source[places[column] - 1][column:]
        lined_up = f"`{above.split(':')[0]}:`" if places is keys else f"`{above.strip()}`"
        return f"indent it by {_spaces(column)}, to line it up with {lined_up} on line {places[column]}"

    options = ", or ".join(option(c) for c in nearest)
    shown = source[parent - 1 : number - 1]
    if len(shown) > _EXAMPLE_LINES:
        shown = [shown[0], " " * _indent_of(shown[-1]) + "...", shown[-1]]
    example = _example_lines([*shown, " " * column + text.strip()])
    return number, f"`{text.strip()}` is indented by {_spaces(indent)}, which lines up with nothing above it: {_INDENT_RULE}; {options}, e.g.:{example}"


@dataclass(frozen=True)
class _Failure:
    """Where and why PyYAML gave up on a file."""

    source: list[str]
    """The file's lines."""
    problem: str
    """What PyYAML found (`mapping values are not allowed here`)."""
    context: str
    """What PyYAML was reading when it found it (`while scanning a quoted scalar`), or empty."""
    mark: Any
    """Where it found it, or None."""
    context_mark: Any
    """Where what it was reading began, or None."""

    @property
    def number(self) -> int:
        """The line PyYAML gave up on; 0 when it does not say."""
        return self.mark.line + 1 if self.mark else 0

    @property
    def line(self) -> str:
        """The text of that line; empty when there is none."""
        return self.source[self.number - 1] if 0 < self.number <= len(self.source) else ""

    def context_line(self) -> tuple[int, str]:
        """The line where what PyYAML was reading began, and its text without indentation."""
        number = self.context_mark.line + 1
        return number, self.source[number - 1].strip() if number <= len(self.source) else ""


def _syntax_error(text: str, exc: yaml.YAMLError) -> tuple[int, str]:
    """(line, message) for a file YAML cannot read: the cause in plain words, with the line fixed where we can tell how.

    The causes are tried in order, the first that fits explains; a cause we cannot tell shows PyYAML's words and a correct file.
    """
    failure = _Failure(
        source=text.splitlines(),
        problem=str(getattr(exc, "problem", None) or exc),
        context=str(getattr(exc, "context", None) or ""),
        mark=getattr(exc, "problem_mark", None),
        context_mark=getattr(exc, "context_mark", None),
    )
    for explain in _CAUSES:
        found = explain(failure)
        if found is not None:
            return found
    return failure.number, f"not valid YAML ({failure.problem}); a correct file looks like:\n    {ACTOR_EXAMPLE}"


def _tab(failure: _Failure) -> tuple[int, str] | None:
    """A tab where YAML wants spaces."""
    if "\t" not in failure.problem and "\\t" not in failure.problem:
        return None
    line = failure.line
    return failure.number, (
        f"a tab in `{_with_tabs_shown(line)}`: YAML indents with spaces only, never tabs; use spaces instead, "
        f"e.g. `{_without_tabs(line)}` (set your editor to insert spaces for the Tab key)"
    )


def _indented_first_key(failure: _Failure) -> tuple[int, str] | None:
    """The file's first key does not start at the beginning of its line."""
    first = next((n for n, row in enumerate(failure.source, 1) if row.strip() and not row.lstrip().startswith("#")), 0)
    if not first or _indent_of(failure.source[first - 1]) == 0:
        return None
    row = failure.source[first - 1]
    return first, (
        f"`{row.strip()}` is indented by {_spaces(_indent_of(row))}: the keys of an actor file start at the beginning of the line; "
        f"remove the spaces before it, e.g. `{row.strip()}`"
    )


def _missing_colon(failure: _Failure) -> tuple[int, str] | None:
    """A line that is neither `key: value` nor indented under a key (a description wrapped without `>-`)."""
    if "could not find expected ':'" not in failure.problem or failure.context_mark is None:
        return None
    number, row = failure.context_line()
    return number, (
        f"`{row}` is not a `key: value` line, and is not indented under a key: if it continues the value above, indent it further than "
        f"that key; if it is a key, add the colon. A description on several lines looks like:\n    description: >-\n"
        f"      Kataib Hezbollah is an Iraqi Shiite militia\n      backed by Iran."
    )


def _unclosed_quote(failure: _Failure) -> tuple[int, str] | None:
    """A quoted value that never ends."""
    if "quoted scalar" not in failure.context or failure.context_mark is None:
        return None
    number, row = failure.context_line()
    return (
        number,
        f'the quote opened in `{row}` is never closed: end the value with the same quote mark, e.g. `description: "Iran is a country in West Asia."`',
    )


def _colon_in_value(failure: _Failure) -> tuple[int, str] | None:
    """A value with `: ` in it, which YAML reads as the start of another key."""
    if failure.problem != "mapping values are not allowed here" or failure.mark is None:
        return None
    line = failure.line
    key = _KEY_LINE.match(line)
    if not key or failure.mark.column <= key.end() - 2:
        return None
    name, value = key.group(3), line[key.end() :].strip()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return failure.number, f"the value of `{name}` holds `: `, which YAML reads as the start of another key: put the value in quotes, e.g. `{name}: {quoted}`"


def _misaligned(failure: _Failure) -> tuple[int, str] | None:
    """A line that lines up with no block above it."""
    if not failure.number or not (failure.problem == "mapping values are not allowed here" or failure.problem.startswith("expected <block end>")):
        return None
    return _indent_error(failure.source, failure.number)


_CAUSES = (_tab, _indented_first_key, _missing_colon, _unclosed_quote, _colon_in_value, _misaligned)


def _swallowed_items(node: yaml.ScalarNode, source: list[str]) -> list[tuple[int, str]]:
    """A `- ` item indented deeper than the one above it: YAML reads it as more words of that item (`Persia - Iran`), silently."""
    found = []
    first = source[node.start_mark.line] if node.start_mark.line < len(source) else ""
    item = _ITEM_LINE.match(first)
    for number in range(node.start_mark.line + 2, node.end_mark.line + 2):
        text = source[number - 1] if number <= len(source) else ""
        if item and text.lstrip().startswith("- "):
            fixed = " " * len(item.group(1)) + text.strip()
            found.append(
                (
                    number,
                    f"`{text.strip()}` is indented deeper than the item above it, so YAML reads it as more of that item (`{node.value}`): "
                    f"{_INDENT_RULE}; line its `- ` up with the one on line {node.start_mark.line + 1}, e.g.:{_example_lines([first, fixed])}",
                )
            )
    return found


def _python_parser_error(text: str) -> yaml.YAMLError | None:
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return exc
    return None


def load_actor_yaml(path: Path) -> tuple[Any, Lines, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, {}, [error(path, 0, "not UTF-8 text: re-save the file as UTF-8")]
    except OSError as exc:
        return None, {}, [error(path, 0, f"cannot read the file ({exc.strerror})")]
    problems: list[Problem] = []
    if not text.startswith(SCHEMA_COMMENT):
        problems.append(warning(path, 1, f"first line should be `{SCHEMA_COMMENT}` so editors complete and validate the file"))
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, [*problems, error(path, 0, f"the file is empty; a correct file looks like:\n    {ACTOR_EXAMPLE}")]
        lines: Lines = {}
        found: list[tuple[int, str]] = []
        _walk(node, (), lines, found, text.splitlines())
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        # Reparsed by the pure-Python parser: its messages say more than libyaml's, and the same on every machine.
        return None, {}, [*problems, error(path, *_syntax_error(text, _python_parser_error(text) or exc))]
    finally:
        loader.dispose()
    return data, lines, [*problems, *(error(path, line, message) for line, message in found)]
