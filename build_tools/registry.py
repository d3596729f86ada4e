"""Phase 2, load registry: `actors/<id>.yml` files become Actors, checked as a whole."""

from __future__ import annotations

import contextlib
import difflib
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from build_tools.problems import Problem, display_path, error, warning
from build_tools.processes import in_two_halves
from build_tools.text import alias_key, tokenize

ActorType = Literal[
    "person",
    "armed_group",
    "political_party",
    "government_body",
    "state",
    "place",
    "intergovernmental_org",
    "organization",
    "identity_group",
]
ACTOR_TYPES: tuple[str, ...] = ActorType.__args__  # type: ignore[attr-defined]
TYPE_LABELS = {
    "person": "Person",
    "armed_group": "Armed group",
    "political_party": "Political party",
    "government_body": "Government body",
    "state": "State",
    "place": "Place",
    "intergovernmental_org": "Intergovernmental organization",
    "organization": "Organization",
    "identity_group": "Identity group",
}
AliasKind = Literal["acronym", "short", "surname", "transliteration", "misspelling", "former"]
RelationType = Literal["backed_by", "part_of", "member_of", "led_by", "allied_with", "opposes", "designated_terrorist_by", "located_in", "successor_of"]
# How each relation reads on its source's page, and (inverse) on its target's page.
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "backed_by": ("Backed by", "Backs"),
    "part_of": ("Part of", "Includes"),
    "member_of": ("Member of", "Members"),
    "led_by": ("Led by", "Leads"),
    "allied_with": ("Allied with", "Allied with"),
    "opposes": ("Opposes", "Opposed by"),
    "designated_terrorist_by": ("Designated a terrorist organization by", "Designates as terrorist"),
    "located_in": ("Located in", "Contains"),
    "successor_of": ("Successor of", "Succeeded by"),
}
SCHEMA_FILE = "actors.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
ACTOR_EXAMPLE = f"""{SCHEMA_COMMENT}
    name: Kataib Hezbollah
    type: armed_group
    aliases:
      - Kata'ib Hezbollah
      - {{text: KH, kind: acronym}}
    description: Kataib Hezbollah is an Iraqi Shiite militia backed by Iran.
    description_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah"""
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BOOLEAN_KEYS = frozenset({"case_sensitive", "after_full", "link"})

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
ActorId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class AliasEntry(BaseModel):
    """Another name the actor goes by, with the rules for matching it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Text = Field(description="The alias as it appears in articles.")
    kind: AliasKind | None = Field(None, description="What sort of alias: acronym, short, surname, transliteration, misspelling or former.")
    case_sensitive: bool | None = Field(None, description="Match only with this exact capitalisation (default: yes for acronyms, no otherwise).")
    after_full: bool = Field(
        False, description="Count only after the actor's full name appeared in the same article, or right after a title (Gen., Prime Minister)."
    )
    link: bool = Field(True, description="False: record mentions but never link them.")


class RoleEntry(BaseModel):
    """A position the actor held."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    title: Text = Field(description="The position, e.g. Prime Minister.")
    of: ActorId | None = Field(None, description="Id of the actor the position is in.")
    from_: PartialDate | None = Field(None, alias="from", description="Start, as YYYY, YYYY-MM or YYYY-MM-DD (quoted).")
    to: PartialDate | None = Field(None, description="End, as YYYY, YYYY-MM or YYYY-MM-DD (quoted).")


class RelationEntry(BaseModel):
    """A tie from this actor to another; the inverse shows on the target's page."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    type: RelationType = Field(description="backed_by, part_of, member_of, led_by, allied_with, opposes, designated_terrorist_by, located_in or successor_of.")
    target: ActorId = Field(description="Id of the other actor.")
    from_: PartialDate | None = Field(None, alias="from", description="Start, as YYYY, YYYY-MM or YYYY-MM-DD (quoted).")
    to: PartialDate | None = Field(None, description="End, as YYYY, YYYY-MM or YYYY-MM-DD (quoted).")
    source: Url | None = Field(None, description="A URL backing the relation.")


class ActorFile(BaseModel):
    """One `content/actors/<id>.yml` file: a person, armed group, government body, state, place or organisation."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Actor")
    id: ActorId | None = Field(None, description="Optional; must equal the file name without .yml.")
    name: Text = Field(description="The canonical full name.")
    type: ActorType = Field(description="What the actor is.")
    aliases: list[Text | AliasEntry] = Field(default_factory=list, description="Other names: a plain string, or a mapping with matching rules.")
    description: Text = Field(description="The lead: one or two plain sentences.")
    description_source: Url = Field(description="A URL that backs the description.")
    roles: list[RoleEntry] = Field(default_factory=list, description="Positions held.")
    relations: list[RelationEntry] = Field(default_factory=list, description="Ties to other actors.")
    external_ids: dict[str, Text] = Field(default_factory=dict, description="Identifiers elsewhere, e.g. {wikidata: Q794}.")
    not_same_as: list[ActorId] = Field(default_factory=list, description="Ids of actors this one must not be confused with.")


def actor_schema() -> dict[str, Any]:
    """The JSON Schema editors use to complete and validate actor files."""
    schema = ActorFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def actor_schema_text() -> str:
    return json.dumps(actor_schema(), indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Alias:
    """A name to match, with its rules resolved (no more None defaults)."""

    text: str
    """As written in the registry."""
    kind: str | None
    """acronym, short, surname, transliteration, misspelling, former, or None for a plain alternative name."""
    case_sensitive: bool
    """Match this capitalisation only."""
    after_full: bool
    """Count only after the full name (or a title) in the same article."""
    link: bool
    """Whether a mention through this alias may be the article's link to the actor."""


@dataclass(frozen=True)
class Role:
    """A position held."""

    title: str
    """The position."""
    of: str | None
    """Actor id the position is in."""
    start: str | None
    """YYYY[-MM[-DD]]."""
    end: str | None
    """YYYY[-MM[-DD]]."""


@dataclass(frozen=True)
class Relation:
    """A tie between two actors, as written on the source actor."""

    type: str
    """One of RELATION_LABELS."""
    source_actor: str
    """Id of the actor whose file states the relation."""
    target: str
    """Id of the other actor."""
    start: str | None
    """YYYY[-MM[-DD]]."""
    end: str | None
    """YYYY[-MM[-DD]]."""
    source: str | None
    """URL backing it."""


@dataclass(frozen=True)
class Actor:
    """One registry entry, validated."""

    id: str
    """File stem: an ASCII slug."""
    path: Path
    """The YAML file."""
    name: str
    """Canonical name; matched like a case-insensitive alias."""
    type: str
    """One of ACTOR_TYPES."""
    aliases: tuple[Alias, ...]
    """Other names, in file order."""
    description: str
    """The lead."""
    description_source: str
    """URL backing the lead."""
    roles: tuple[Role, ...]
    """Positions held."""
    relations: tuple[Relation, ...]
    """Ties stated in this file."""
    external_ids: tuple[tuple[str, str], ...]
    """(scheme, id) pairs, sorted."""
    not_same_as: tuple[str, ...]
    """Ids this actor must not be confused with."""

    def names(self) -> Iterator[Alias]:
        """The name (as an alias that needs no context) followed by the aliases."""
        yield _resolve_name(self.name)
        yield from self.aliases


@dataclass(frozen=True)
class Registry:
    """Every actor, by id."""

    actors: dict[str, Actor]
    """Sorted by id."""

    def __len__(self) -> int:
        return len(self.actors)


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one spends ~2 ms per file.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader; `_load_yaml` drives it node by node to keep lines and defuse YAML 1.1 traps."""


_STR_TAG = "tag:yaml.org,2002:str"
_TRAP_TAGS = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
}
_Lines = dict[tuple[Any, ...], int]


def _is_trap(node: yaml.Node) -> bool:
    """A plain scalar that YAML 1.1 reads as something other than text (`NO`, `yes`, `2014-09-08`, `1e3`)."""
    # A plain scalar's style is None from the Python parser and "" from libyaml's.
    return isinstance(node, yaml.ScalarNode) and not node.style and node.tag in _TRAP_TAGS


def _walk(node: yaml.Node, path: tuple[Any, ...], lines: _Lines, found: list[tuple[int, str]], source: list[str]) -> None:
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


def _syntax_error(text: str, exc: yaml.YAMLError) -> tuple[int, str]:
    """(line, message) for a file YAML cannot read: the cause in plain words, with the line fixed where we can tell how."""
    source = text.splitlines()
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    context_mark = getattr(exc, "context_mark", None)
    number = mark.line + 1 if mark else 0
    line = source[number - 1] if 0 < number <= len(source) else ""
    if "\t" in problem or "\\t" in problem:
        return number, (
            f"a tab in `{_with_tabs_shown(line)}`: YAML indents with spaces only, never tabs; use spaces instead, "
            f"e.g. `{_without_tabs(line)}` (set your editor to insert spaces for the Tab key)"
        )
    first = next((n for n, row in enumerate(source, 1) if row.strip() and not row.lstrip().startswith("#")), 0)
    if first and _indent_of(source[first - 1]) > 0:
        row = source[first - 1]
        return first, (
            f"`{row.strip()}` is indented by {_spaces(_indent_of(row))}: the keys of an actor file start at the beginning of the line; "
            f"remove the spaces before it, e.g. `{row.strip()}`"
        )
    if "could not find expected ':'" in problem and context_mark is not None:
        number = context_mark.line + 1
        row = source[number - 1].strip() if number <= len(source) else ""
        return number, (
            f"`{row}` is not a `key: value` line, and is not indented under a key: if it continues the value above, indent it further than "
            f"that key; if it is a key, add the colon. A description on several lines looks like:\n    description: >-\n"
            f"      Kataib Hezbollah is an Iraqi Shiite militia\n      backed by Iran."
        )
    if "quoted scalar" in context and context_mark is not None:
        number = context_mark.line + 1
        row = source[number - 1].strip() if number <= len(source) else ""
        return (
            number,
            f'the quote opened in `{row}` is never closed: end the value with the same quote mark, e.g. `description: "Iran is a country in West Asia."`',
        )
    if problem == "mapping values are not allowed here" and mark is not None:
        key = _KEY_LINE.match(line)
        if key and mark.column > key.end() - 2:
            name, value = key.group(3), line[key.end() :].strip()
            quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
            return number, f"the value of `{name}` holds `: `, which YAML reads as the start of another key: put the value in quotes, e.g. `{name}: {quoted}`"
    if number and (problem == "mapping values are not allowed here" or problem.startswith("expected <block end>")):
        found = _indent_error(source, number)
        if found is not None:
            return found
    return number, f"not valid YAML ({problem}); a correct file looks like:\n    {ACTOR_EXAMPLE}"


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


def _load_yaml(path: Path) -> tuple[Any, _Lines, list[Problem]]:
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
        lines: _Lines = {}
        found: list[tuple[int, str]] = []
        _walk(node, (), lines, found, text.splitlines())
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        # Reparsed by the pure-Python parser: its messages say more than libyaml's, and the same on every machine.
        return None, {}, [*problems, error(path, *_syntax_error(text, _python_parser_error(text) or exc))]
    finally:
        loader.dispose()
    return data, lines, [*problems, *(error(path, line, message) for line, message in found)]


# What a correct value looks like, by key: the fix half of schema messages.
_EXAMPLES = {
    "id": "id: kataib-hezbollah",
    "name": "name: Kataib Hezbollah",
    "type": "type: armed_group",
    "description": "description: Kataib Hezbollah is an Iraqi Shiite militia backed by Iran.",
    "description_source": "description_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah",
    "aliases": "aliases: [Kata'ib Hezbollah, {text: KH, kind: acronym}]",
    "text": "- {text: KH, kind: acronym}",
    "kind": "- {text: Suleimani, kind: transliteration}",
    "roles": 'roles: [{title: Prime Minister, of: iraq, from: "2014-09-08"}]',
    "title": "- {title: Prime Minister, of: iraq}",
    "of": "of: iraq",
    "relations": "relations: [{type: backed_by, target: iran}]",
    "target": "- {type: backed_by, target: iran}",
    "source": "source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah",
    "from": 'from: "2014-09-08"',
    "to": 'to: "2018-10-25"',
    "external_ids": "external_ids: {wikidata: Q794}",
    "not_same_as": "not_same_as: [washington]",
    "case_sensitive": "case_sensitive: true",
    "after_full": "after_full: true",
    "link": "link: false",
}
_KEYS_BY_PLACE: dict[str, tuple[str, ...]] = {
    "": tuple(field.alias or name for name, field in ActorFile.model_fields.items()),
    "aliases": tuple(AliasEntry.model_fields),
    "roles": tuple(field.alias or name for name, field in RoleEntry.model_fields.items()),
    "relations": tuple(field.alias or name for name, field in RelationEntry.model_fields.items()),
}
_UNION_TAGS = ("constrained-str", "str", "AliasEntry")


def _example(field: str) -> str:
    return f", e.g. `{_EXAMPLES[field]}`" if field in _EXAMPLES else ""


def _validation_message(err: ErrorDetails) -> str:
    parts = [part for part in err["loc"] if part not in _UNION_TAGS]
    loc = ".".join(str(part) for part in parts)
    kind = err["type"]
    field = str(parts[-1]) if parts else ""
    place = str(parts[0]) if len(parts) > 1 and parts[0] in _KEYS_BY_PLACE else ""
    value = err.get("input")
    if kind == "missing":
        hints = {
            "description_source": "add `description_source: https://...` with a URL that backs the description",
            "description": "add `description:` with one or two plain sentences on who or what this is",
        }
        return f"`{loc}` is missing: {hints.get(field, f'add `{field}:`')}{_example(field)}"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, _KEYS_BY_PLACE.get(place, ()), n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return f"`{loc}` is not a known key: {hint}check its spelling; see content/{SCHEMA_FILE} for the keys an actor file may have"
    if kind == "literal_error" and parts == ["type"]:
        return f"`type: {value}` is not a known type: use one of {', '.join(ACTOR_TYPES)}, e.g. `type: armed_group`"
    if kind == "literal_error" and place == "relations" and field == "type":
        return f"`{loc}: {value}` is not a relation type: use one of {', '.join(RELATION_LABELS)}, e.g. `type: backed_by`"
    if kind == "literal_error":
        return f"`{loc}: {value}` is not allowed: {err['msg'].replace('Input should be ', 'use ')}{_example(field)}"
    if kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        if "https?" in pattern:
            return f"`{loc}: {value}` is not an http(s) URL: write the full address, e.g. https://en.wikipedia.org/wiki/Iraq"
        if r"\d{4}" in pattern:
            return f'`{loc}: {value}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. `{field}: "2014-09-08"`'
        return f"`{loc}: {value}` is not an actor id: ids are lower-case ASCII words joined by hyphens, e.g. `haider-al-abadi`"
    if kind in ("string_too_short", "string_type") and (value is None or isinstance(value, str)):
        return f"`{loc}` is empty: give it a value{_example(field)}"
    if kind == "string_type":
        return f"`{loc}` should be text, not {type(value).__name__}{_example(field)}"
    if kind == "list_type":
        return f"`{loc}` should be a list, one `- ` item per entry{_example(field)}"
    if kind in ("dict_type", "model_type"):
        return f"`{loc}` should be a mapping of keys{_example(place or field)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"`{loc}: {value}` is not true or false: write `true` or `false`{_example(field)}"
    return f"`{loc}`: {err['msg']}"


def _error_line(err: ErrorDetails, lines: _Lines) -> int:
    loc = tuple(part for part in err["loc"] if part not in _UNION_TAGS)
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def _alias_errors(errors: list[ErrorDetails], data: dict[str, Any]) -> list[ErrorDetails]:
    """A string-or-mapping alias fails both ways; keep the failure of the form it was written in."""
    raw = data.get("aliases")
    kept: list[ErrorDetails] = []
    for err in errors:
        loc = err["loc"]
        if len(loc) >= 3 and loc[0] == "aliases" and isinstance(raw, list) and isinstance(loc[1], int) and loc[1] < len(raw):
            entry = raw[loc[1]]
            written = "AliasEntry" if isinstance(entry, dict) else "constrained-str"
            if loc[2] != written:
                continue
        kept.append(err)
    return kept


@dataclass
class _Parsed:
    """What one actor file offers the registry-wide checks, even when the file itself is in error."""

    path: Path
    """The file."""
    id: str
    """File stem."""
    lines: _Lines
    """Line of each value, by its path of keys and indexes."""
    actor: Actor | None = None
    """The actor, when the file is valid."""
    names: list[tuple[tuple[Any, ...], Alias]] = field(default_factory=list)
    """(where, alias) for the name and each alias that validates."""
    references: list[tuple[tuple[Any, ...], str, str]] = field(default_factory=list)
    """(where, what, actor id) for every role's `of`, relation target and not_same_as entry."""


def _salvage(parsed: _Parsed, data: dict[str, Any]) -> None:
    """Take the names and references that validate on their own from a file that does not, so registry-wide checks still see them."""
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        parsed.names.append((("name",), _resolve_name(name.strip())))
    aliases = data.get("aliases")
    for index, entry in enumerate(aliases if isinstance(aliases, list) else []):
        with contextlib.suppress(ValidationError):
            parsed.names.append((("aliases", index), _resolve_alias(_ALIAS_ADAPTER.validate_python(entry))))
    for key, model in (("roles", RoleEntry), ("relations", RelationEntry)):
        entries = data.get(key)
        for index, item in enumerate(entries if isinstance(entries, list) else []):
            try:
                valid = model.model_validate(item)
            except ValidationError:
                continue
            if isinstance(valid, RoleEntry) and valid.of is not None:
                parsed.references.append(((key, index, "of"), "role's `of:`", valid.of))
            elif isinstance(valid, RelationEntry):
                parsed.references.append(((key, index, "target"), "relation target", valid.target))
    others = data.get("not_same_as")
    for index, other in enumerate(others if isinstance(others, list) else []):
        if isinstance(other, str) and _ID.fullmatch(other):
            parsed.references.append((("not_same_as", index), "`not_same_as` entry", other))


def _parse_actor(path: Path) -> tuple[_Parsed | None, list[Problem]]:
    data, lines, problems = _load_yaml(path)
    actor_id = path.stem
    if not _ID.fullmatch(actor_id):
        message = f"file name `{path.name}` is not a valid actor id: rename it to lower-case ASCII words joined by hyphens, e.g. `{_suggest_id(actor_id)}.yml`"
        problems.append(error(path, 0, message))
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [*problems, error(path, 1, f"an actor file is a mapping of keys; a correct file looks like:\n    {ACTOR_EXAMPLE}")]
    declared = data.get("id")
    if isinstance(declared, str) and declared != actor_id:
        problems.append(
            error(
                path,
                lines.get(("id",), 1),
                f"`id: {declared}` does not match the file name `{path.name}`: rename the file to `{declared}.yml` or remove the `id:` line",
            )
        )
    parsed = _Parsed(path, actor_id, lines)
    try:
        model = ActorFile.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[int, str]] = set()
        for err in _alias_errors(exc.errors(), data):
            entry = (_error_line(err, lines), _validation_message(err))
            if entry not in seen:
                seen.add(entry)
                problems.append(error(path, *entry))
        _salvage(parsed, data)
        return (parsed if _ID.fullmatch(actor_id) else None), problems
    if not _ID.fullmatch(actor_id):
        return None, problems
    aliases = tuple(_resolve_alias(entry) for entry in model.aliases)
    parsed.actor = Actor(
        id=actor_id,
        path=path,
        name=model.name,
        type=model.type,
        aliases=aliases,
        description=" ".join(model.description.split()),
        description_source=model.description_source,
        roles=tuple(Role(r.title, r.of, r.from_, r.to) for r in model.roles),
        relations=tuple(Relation(r.type, actor_id, r.target, r.from_, r.to, r.source) for r in model.relations),
        external_ids=tuple(sorted(model.external_ids.items())),
        not_same_as=tuple(model.not_same_as),
    )
    problems += _description_warnings(path, parsed.actor.description, lines)
    parsed.names = [(("name",), _resolve_name(model.name)), *((("aliases", index), alias) for index, alias in enumerate(aliases))]
    parsed.references = [
        *((("roles", index, "of"), "role's `of:`", role.of) for index, role in enumerate(model.roles) if role.of is not None),
        *((("relations", index, "target"), "relation target", relation.target) for index, relation in enumerate(model.relations)),
        *((("not_same_as", index), "`not_same_as` entry", other) for index, other in enumerate(model.not_same_as)),
    ]
    return parsed, problems


# A lead shows on every page that mentions the actor, so it is about the actor, never about one article.
_ABOUT_ONE_TEXT = re.compile(r"\b[Tt]h(?:e|is|at) (?:article|report|story)\b")


def _description_warnings(path: Path, description: str, lines: _Lines) -> list[Problem]:
    found = _ABOUT_ONE_TEXT.search(description)
    if found is None:
        return []
    message = (
        f"the description speaks of \u201c{found.group()}\u201d, but it is the actor's lead on every page that mentions the actor: "
        f"say who or what the actor is, in facts that hold whatever the article, e.g. `{_EXAMPLES['description']}`"
    )
    return [warning(path, lines.get(("description",), 1), message)]


def _suggest_id(stem: str) -> str:
    from slugify import slugify

    return slugify(stem) or "actor-name"


_ALIAS_ADAPTER: TypeAdapter[str | AliasEntry] = TypeAdapter(Text | AliasEntry)


def _looks_like_acronym(text: str) -> bool:
    """One word in capitals (`ISIS`, `U.S.`, `IRGC-QF`): matched with this exact capitalisation unless the file says otherwise."""
    return len(text.split()) == 1 and text.replace(".", "").isupper()


def _resolve_name(name: str) -> Alias:
    return Alias(name, None, _looks_like_acronym(name), False, True)


def _resolve_alias(entry: str | AliasEntry) -> Alias:
    if isinstance(entry, str):
        return Alias(entry, None, _looks_like_acronym(entry), False, True)
    is_acronym = entry.kind == "acronym" or _looks_like_acronym(entry.text)
    case_sensitive = entry.case_sensitive if entry.case_sensitive is not None else is_acronym
    return Alias(entry.text, entry.kind, case_sensitive, entry.after_full, entry.link)


def alias_as_written(alias: Alias) -> str:
    """The alias as an actor file writes it: `Persia`, or `{text: KH, kind: acronym, after_full: true}` with the rules that differ from the defaults."""
    default = _resolve_alias(AliasEntry.model_validate({"text": alias.text, "kind": alias.kind}))
    rules = [f"kind: {alias.kind}"] if alias.kind else []
    rules += [f"{key}: {str(value).lower()}" for key, value in vars(alias).items() if key not in ("text", "kind") and value != getattr(default, key)]
    return f"{{text: {alias.text}, {', '.join(rules)}}}" if rules else alias.text


def load_registry(content: Path, edited: Collection[str] = ()) -> tuple[Registry, list[Problem]]:
    """Read and cross-check every actor file; an actor whose file does not validate is left out of the registry, but still checked against the others.

    `edited`: ids of the actors a change adds or edits (`report --base`): a name two actors claim is reported on those files.
    """
    actors_dir = content / "actors"
    problems: list[Problem] = []
    if not actors_dir.is_dir():
        return Registry({}), []
    actor_files: list[Path] = []
    for path in sorted(actors_dir.iterdir()):
        if path.suffix == ".yaml" or (path.suffix not in (".yml", ".json", ".md") and path.is_file() and not path.name.startswith(".")):
            problems.append(error(path, 0, f"actor files end in `.yml`: rename it to `{path.stem}.yml`"))
            continue
        if path.suffix == ".yml" and path.is_file():
            actor_files.append(path)
    parsed: list[_Parsed] = []
    for entry, found in _parse_actors(actor_files):
        problems += found
        if entry is not None:
            parsed.append(entry)
    known = {entry.id for entry in parsed}
    loaded = {p.id: p.actor for p in parsed if p.actor is not None}
    for entry in parsed:
        problems += _cross_check(entry, known, loaded)
    problems += _alias_conflicts(parsed, frozenset(edited))
    schema_path = content / SCHEMA_FILE
    if schema_path.exists() and schema_path.read_text(encoding="utf-8") != actor_schema_text():
        problems.append(error(schema_path, 0, "out of date with the actor model: regenerate it with `python -m build_tools schema`"))
    actors = {entry.actor.id: entry.actor for entry in parsed if entry.actor is not None}
    return Registry(dict(sorted(actors.items()))), sorted(problems)


def _parse_actors(paths: list[Path]) -> list[tuple[_Parsed | None, list[Problem]]]:
    """`_parse_actor` for each file, in order; a big registry's later half parsed by a forked child meanwhile."""
    return [parsed for half in in_two_halves(paths, lambda part: [_parse_actor(path) for path in part]) for parsed in half]


def _cross_check(entry: _Parsed, known: set[str], actors: dict[str, Actor]) -> list[Problem]:
    problems: list[Problem] = []
    for where, what, target in entry.references:
        line = entry.lines.get(where, 1)
        if target not in known:
            close = difflib.get_close_matches(target, sorted(known), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""
            problems.append(
                error(
                    entry.path,
                    line,
                    f"{what} `{target}` is not an actor id{hint}: use the file name of an actor in actors/ without .yml, or add `actors/{target}.yml`",
                )
            )
        elif target == entry.id and where[0] != "roles":
            problems.append(error(entry.path, line, f"{what} `{target}` is this actor itself: use another actor's id"))
    actor = entry.actor
    if actor is None:
        return problems
    for index, relation in enumerate(actor.relations):
        other = actors.get(relation.target)
        if other is None or relation.type != "allied_with" or actor.id <= relation.target:
            continue
        if any(back.target == actor.id and back.type == relation.type for back in other.relations):
            problems.append(
                warning(
                    actor.path,
                    entry.lines.get(("relations", index), 1),
                    f"`{relation.type}` with `{relation.target}` is also written in {display_path(other.path)}: the site shows relations both ways, so remove one",
                )
            )
    return problems


def _case_overlaps(one: Alias, other: Alias) -> bool:
    """Whether some spelling in a text could match both aliases (two case-sensitive ones must be written alike)."""
    if one.case_sensitive and other.case_sensitive:
        return [t.exact for t in tokenize(one.text)] == [t.exact for t in tokenize(other.text)]
    return True


def _is_free(alias: Alias) -> bool:
    """An alias with no rule that tells its mentions apart from another actor's."""
    return not alias.after_full and alias.link


def _alias_conflicts(parsed: list[_Parsed], edited: frozenset[str] = frozenset()) -> list[Problem]:
    """An alias that two actors claim must be told apart by a rule (after_full or link: false) on one of them.

    The problem goes on the file to change: one the change edited (`edited`) rather than one it left alone, else
    not the actor whose name it is, else the later id.
    """
    claims: dict[str, list[tuple[_Parsed, tuple[Any, ...], Alias]]] = {}
    problems: list[Problem] = []
    for entry in parsed:
        mine: dict[str, tuple[_Parsed, tuple[Any, ...], Alias]] = {}
        for where, alias in entry.names:
            key = alias_key(alias.text)
            if not key:
                problems.append(
                    error(
                        entry.path,
                        entry.lines.get(where, 1),
                        f"`{alias.text}` has no letters or digits, so it can never match: write the name as articles print it",
                    )
                )
                continue
            # One claim per actor and key: the one without a rule, if any.
            if key not in mine or (not _is_free(mine[key][2]) and _is_free(alias)):
                mine[key] = (entry, where, alias)
        for key, claim in mine.items():
            claims.setdefault(key, []).append(claim)
    for key in sorted(claims):
        free = [claim for claim in claims[key] if _is_free(claim[2])]
        if len(free) < 2:
            continue
        # An actor the change left alone keeps it, then the actor whose name it is; the others are told to add a rule.
        free.sort(key=lambda claim: (claim[0].id in edited, claim[1] != ("name",), claim[0].id))
        owner, _, owner_alias = free[0]
        for entry, where, alias in free[1:]:
            if not _case_overlaps(owner_alias, alias):
                continue
            line = entry.lines.get(where, 1)
            if where == ("name",) and free[0][1] != ("name",):
                message = (
                    f"`{alias.text}` is also an alias of `{owner.id}` ({display_path(owner.path)}), so a mention cannot be told apart: "
                    f"make this name more precise, e.g. `name: {alias.text} (city)`, or give that alias a rule in {display_path(owner.path)}, "
                    f"e.g. `{{text: {alias.text}, after_full: true}}` (counts only after the full name or a title) or `{{text: {alias.text}, link: false}}`"
                )
            elif where == ("name",):
                message = (
                    f"`{alias.text}` is also the name of `{owner.id}` ({display_path(owner.path)}): two actors cannot share a name; "
                    f"make one of them more precise, e.g. `name: {alias.text} (city)`, and keep the short form as an alias with a rule"
                )
            else:
                what = "the name" if free[0][1] == ("name",) else "an alias"
                message = (
                    f"`{alias.text}` is also {what} of `{owner.id}` ({display_path(owner.path)}), so a mention cannot be told apart: "
                    f"mark it on this actor as `{{text: {alias.text}, after_full: true}}` (counts only after the full name or a title) "
                    f"or `{{text: {alias.text}, link: false}}`, or keep it on one actor only"
                )
            problems.append(error(entry.path, line, message))
    return problems
