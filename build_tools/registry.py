"""Phase 2, load registry: `actors/<id>.yml` files become Actors, checked as a whole."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from build_tools.problems import Problem, display_path, error, warning

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
    after_full: bool = Field(False, description="Count only after the actor's full name appeared in the same article, or right after a title (Gen., Prime Minister).")
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
        yield Alias(self.name, None, False, False, True)
        yield from self.aliases


@dataclass(frozen=True)
class Registry:
    """Every actor, by id."""

    actors: dict[str, Actor]
    """Sorted by id."""

    def __len__(self) -> int:
        return len(self.actors)


class _LineLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys (PyYAML silently keeps the last)."""


def _node_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int], problems: list[str | tuple[int, str]]) -> None:
    """Record the line of every value by its path, and find YAML 1.1 traps and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append((key_node.start_mark.line + 1, f"key `{key}` appears twice in one mapping: YAML keeps only the last; merge them into one"))
            seen.add(key)
            _node_lines(value_node, (*path, key), lines, problems)
            if key not in _BOOLEAN_KEYS:
                _check_scalar_trap(value_node, key, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*path, index), lines, problems)
            _check_scalar_trap(item, path[-1] if path else "item", problems)


_TRAP_TAGS = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
}


def _check_scalar_trap(node: yaml.Node, key: Any, problems: list[str | tuple[int, str]]) -> None:
    """`name: NO`, `from: 2014-09-08`, `- yes`: YAML 1.1 reads these as booleans, dates, numbers."""
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return
    meaning = _TRAP_TAGS.get(node.tag)
    if meaning:
        problems.append((node.start_mark.line + 1, f"`{key}: {node.value}` is read by YAML as {meaning}, not as text: quote it, e.g. `{key}: \"{node.value}\"`"))


def _load_yaml(path: Path) -> tuple[Any, dict[tuple[Any, ...], int], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, {}, [error(path, 0, "not UTF-8 text: re-save the file as UTF-8")]
    except OSError as exc:
        return None, {}, [error(path, 0, f"cannot read the file ({exc.strerror})")]
    try:
        node = yaml.compose(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, {}, [error(path, mark.line + 1 if mark else 0, f"not valid YAML ({getattr(exc, 'problem', exc)}); a correct file looks like:\n    {ACTOR_EXAMPLE}")]
    if node is None:
        return None, {}, [error(path, 0, f"the file is empty; a correct file looks like:\n    {ACTOR_EXAMPLE}")]
    lines: dict[tuple[Any, ...], int] = {}
    traps: list[str | tuple[int, str]] = []
    _node_lines(node, (), lines, traps)
    problems = [error(path, line, message) for line, message in (t for t in traps if isinstance(t, tuple))]
    data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    if not text.lstrip().startswith(SCHEMA_COMMENT):
        problems.append(warning(path, 1, f"first line should be `{SCHEMA_COMMENT}` so editors complete and validate the file"))
    return data, lines, problems


def _validation_message(err: dict[str, Any]) -> str:
    loc = ".".join(str(part) for part in err["loc"] if not isinstance(part, str) or part not in ("str", "AliasEntry", "function-after[...]"))
    kind = err["type"]
    field = str(err["loc"][-1]) if err["loc"] else ""
    if kind == "missing":
        hints = {
            "description_source": "add `description_source: https://...` with a URL that backs the description",
            "description": "add `description:` with one or two plain sentences on who or what this is",
        }
        return f"`{loc}` is missing: {hints.get(field, f'add `{field}:`')}"
    if kind == "extra_forbidden":
        return f"`{loc}` is not a known key: check its spelling; see content/{SCHEMA_FILE} for the keys an actor file may have"
    if kind == "literal_error" and field == "type":
        return f"`type: {err.get('input')}` is not a known type: use one of {', '.join(ACTOR_TYPES)}"
    if kind == "literal_error":
        return f"`{loc}: {err.get('input')}` is not allowed: {err['msg'].replace('Input should be ', 'use ')}"
    if kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        if "https?" in pattern:
            return f"`{loc}: {err.get('input')}` is not an http(s) URL: write the full address, e.g. https://en.wikipedia.org/wiki/Iraq"
        if r"\d{4}" in pattern:
            return f"`{loc}: {err.get('input')}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. `from: \"2014-09-08\"`"
        return f"`{loc}: {err.get('input')}` is not an actor id: ids are lower-case ASCII words joined by hyphens, e.g. `haider-al-abadi`"
    return f"`{loc}`: {err['msg']}"


def _error_line(err: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> int:
    loc = tuple(err["loc"])
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def _parse_actor(path: Path) -> tuple[Actor | None, dict[tuple[Any, ...], int], list[Problem]]:
    data, lines, problems = _load_yaml(path)
    if data is None:
        return None, lines, problems
    if not isinstance(data, dict):
        return None, lines, [*problems, error(path, 1, f"an actor file is a mapping of keys; a correct file looks like:\n    {ACTOR_EXAMPLE}")]
    try:
        model = ActorFile.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[int, str]] = set()
        for err in exc.errors():
            # A string-or-mapping alias reports one error per alternative; keep the one that names the mapping's key.
            if err["loc"] and len(err["loc"]) >= 3 and err["loc"][0] == "aliases" and err["loc"][2] == "str" and isinstance(data.get("aliases", [None])[err["loc"][1]], dict):
                continue
            entry = (_error_line(err, lines), _validation_message(err))
            if entry not in seen:
                seen.add(entry)
                problems.append(error(path, *entry))
        return None, lines, problems
    actor_id = path.stem
    if not _ID.fullmatch(actor_id):
        problems.append(error(path, 0, f"file name `{path.name}` is not a valid actor id: rename it to lower-case ASCII words joined by hyphens, e.g. `{_suggest_id(actor_id)}.yml`"))
        return None, lines, problems
    if model.id is not None and model.id != actor_id:
        problems.append(error(path, lines.get(("id",), 1), f"`id: {model.id}` does not match the file name `{path.name}`: rename the file to `{model.id}.yml` or remove the `id:` line"))
    aliases = tuple(_resolve_alias(entry) for entry in model.aliases)
    actor = Actor(
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
    return actor, lines, problems


def _suggest_id(stem: str) -> str:
    from slugify import slugify

    return slugify(stem) or "actor-name"


def _resolve_alias(entry: str | AliasEntry) -> Alias:
    if isinstance(entry, str):
        entry = AliasEntry(text=entry)
    is_acronym = entry.kind == "acronym" or (entry.text.replace(".", "").isupper() and len(entry.text.split()) == 1)
    case_sensitive = entry.case_sensitive if entry.case_sensitive is not None else is_acronym
    return Alias(entry.text, entry.kind, case_sensitive, entry.after_full, entry.link)


def load_registry(content: Path) -> tuple[Registry, list[Problem]]:
    """Read and cross-check every actor file; actors with errors are left out of the registry."""
    actors_dir = content / "actors"
    problems: list[Problem] = []
    if not actors_dir.is_dir():
        return Registry({}), []
    parsed: list[tuple[Actor, dict[tuple[Any, ...], int]]] = []
    for path in sorted(actors_dir.iterdir()):
        if path.suffix == ".yaml" or (path.suffix not in (".yml", ".json", ".md") and path.is_file() and not path.name.startswith(".")):
            problems.append(error(path, 0, f"actor files end in `.yml`: rename it to `{path.stem}.yml`"))
            continue
        if path.suffix != ".yml":
            continue
        actor, lines, found = _parse_actor(path)
        problems += found
        if actor is not None:
            parsed.append((actor, lines))
    actors = {actor.id: actor for actor, _ in parsed}
    for actor, lines in parsed:
        problems += _cross_check(actor, lines, actors)
    problems += _alias_conflicts(list(actors.values()))
    schema_path = content / SCHEMA_FILE
    if schema_path.exists() and schema_path.read_text(encoding="utf-8") != actor_schema_text():
        problems.append(error(schema_path, 0, "out of date with the actor model: regenerate it with `python -m build_tools schema`"))
    return Registry(dict(sorted(actors.items()))), problems


def _cross_check(actor: Actor, lines: dict[tuple[Any, ...], int], actors: dict[str, Actor]) -> list[Problem]:
    problems: list[Problem] = []

    def unknown(target: str, where: tuple[Any, ...], what: str) -> None:
        close = sorted(a for a in actors if a.split("-")[0] == target.split("-")[0] or target in a)[:3]
        hint = f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""
        problems.append(error(actor.path, lines.get(where, 1), f"{what} `{target}` is not an actor id{hint}: use the file name of an actor in actors/ without .yml, or add `actors/{target}.yml`"))

    for index, role in enumerate(actor.roles):
        if role.of is not None and role.of not in actors:
            unknown(role.of, ("roles", index, "of"), "role's `of:`")
    for index, relation in enumerate(actor.relations):
        if relation.target not in actors:
            unknown(relation.target, ("relations", index, "target"), "relation target")
        elif relation.target == actor.id:
            problems.append(error(actor.path, lines.get(("relations", index, "target"), 1), "a relation points to the actor itself: set `target:` to another actor's id"))
        else:
            for back in actors[relation.target].relations:
                if back.target == actor.id and back.type == relation.type and relation.type in ("allied_with",) and actor.id > relation.target:
                    problems.append(warning(actor.path, lines.get(("relations", index), 1), f"`{relation.type}` with `{relation.target}` is also written in {display_path(actors[relation.target].path)}: the site shows relations both ways, so remove one"))
    for index, other in enumerate(actor.not_same_as):
        if other not in actors:
            unknown(other, ("not_same_as", index), "`not_same_as` entry")
    return problems


def _alias_conflicts(actors: list[Actor]) -> list[Problem]:
    """An alias that two actors claim must be told apart by a rule (after_full or link: false) on one of them."""
    from build_tools.link import alias_key

    claims: dict[str, list[tuple[Actor, Alias]]] = {}
    for actor in actors:
        seen_here: set[str] = set()
        for alias in actor.names():
            key = alias_key(alias.text)
            if key in seen_here:
                continue
            seen_here.add(key)
            claims.setdefault(key, []).append((actor, alias))
    problems: list[Problem] = []
    for key in sorted(claims):
        claimants = claims[key]
        if len(claimants) < 2:
            continue
        free = [(actor, alias) for actor, alias in claimants if not alias.after_full and alias.link]
        if len(free) < 2:
            continue
        first_actor, first_alias = free[0]
        for actor, alias in free[1:]:
            problems.append(
                error(
                    actor.path,
                    0,
                    f"`{alias.text}` is also a name of `{first_actor.id}` ({display_path(first_actor.path)}), so a mention cannot be told apart: "
                    f"keep it on one actor only, or mark it on this one as `{{text: {alias.text}, after_full: true}}` (counts only after the full name) or `link: false`",
                )
            )
    return problems
