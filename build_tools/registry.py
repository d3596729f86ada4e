"""Phase 2, load registry: `actors/<id>.yml` files become Actors, checked as a whole.

Each file is read as YAML with the line of every value (`actor_yaml`), validated against what an actor file may hold
(`actor_schema`, its errors worded by `schema_errors`), then the files are checked against each other: references to
other actors, relations written twice, names two actors claim.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from build_tools.actor_schema import ACTOR_EXAMPLE, RESERVED_IDS, SCHEMA_FILE, ActorFile, AliasEntry, RelationEntry, RoleEntry, Text, actor_schema_text
from build_tools.actor_yaml import Lines, load_actor_yaml
from build_tools.problems import Problem, display_path, error, warning
from build_tools.processes import in_two_halves
from build_tools.schema_errors import EXAMPLES, alias_errors, error_line, validation_message
from build_tools.text import alias_key, tokenize

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


@dataclass
class _Parsed:
    """What one actor file offers the registry-wide checks, even when the file itself is in error."""

    path: Path
    """The file."""
    id: str
    """File stem."""
    lines: Lines
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
    data, lines, problems = load_actor_yaml(path)
    stem = path.stem
    if not _ID.fullmatch(stem):
        message = f"file name `{path.name}` is not a valid actor id: rename it to lower-case ASCII words joined by hyphens, e.g. `{actor_id(stem)}.yml`"
        problems.append(error(path, 0, message))
    elif stem in RESERVED_IDS:
        message = f"`{stem}` cannot be an actor id, the site's own page takes it ({RESERVED_IDS[stem]}): rename the file, e.g. `{stem}-group.yml`"
        problems.append(error(path, 0, message))
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [*problems, error(path, 1, f"an actor file is a mapping of keys; a correct file looks like:\n    {ACTOR_EXAMPLE}")]
    declared = data.get("id")
    if isinstance(declared, str) and declared != stem:
        problems.append(
            error(
                path,
                lines.get(("id",), 1),
                f"`id: {declared}` does not match the file name `{path.name}`: rename the file to `{declared}.yml` or remove the `id:` line",
            )
        )
    parsed = _Parsed(path, stem, lines)
    try:
        model = ActorFile.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[int, str]] = set()
        for err in alias_errors(exc.errors(), data):
            entry = (error_line(err, lines), validation_message(err))
            if entry not in seen:
                seen.add(entry)
                problems.append(error(path, *entry))
        _salvage(parsed, data)
        return (parsed if _ID.fullmatch(stem) else None), problems
    if not _ID.fullmatch(stem):
        return None, problems
    aliases = tuple(_resolve_alias(entry) for entry in model.aliases)
    parsed.actor = Actor(
        id=stem,
        path=path,
        name=model.name,
        type=model.type,
        aliases=aliases,
        description=" ".join(model.description.split()),
        description_source=model.description_source,
        roles=tuple(Role(r.title, r.of, r.from_, r.to) for r in model.roles),
        relations=tuple(Relation(r.type, stem, r.target, r.from_, r.to, r.source) for r in model.relations),
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


def _description_warnings(path: Path, description: str, lines: Lines) -> list[Problem]:
    found = _ABOUT_ONE_TEXT.search(description)
    if found is None:
        return []
    message = (
        f"the description speaks of \u201c{found.group()}\u201d, but it is the actor's lead on every page that mentions the actor: "
        f"say who or what the actor is, in facts that hold whatever the article, e.g. `{EXAMPLES['description']}`"
    )
    return [warning(path, lines.get(("description",), 1), message)]


def actor_id(name: str) -> str:
    """The file stem a new actor gets, as the registry's ids are made: ASCII words in lower case joined by hyphens (`U.S. Army` -> `us-army`)."""
    if name.isascii() and "&" not in name and "," not in name:
        # Plain ASCII without `slugify`, twenty times faster (`check` makes one per suggestion; a test holds them equal;
        # `slugify` spells out `&` and joins numbers written with a comma).
        return _NOT_ID.sub("-", name.replace(".", "").replace("'", "").casefold()).strip("-") or "actor"
    return slugified_id(name)


def slugified_id(name: str) -> str:
    """`actor_id` by `slugify` alone (the reference its plain-ASCII road is tested against)."""
    plain = unicodedata.normalize("NFKD", name).replace(".", "")
    return slugify(plain, separator="-", lowercase=True, replacements=[["'", ""], ["’", ""], ["&", "and"]]) or "actor"


_NOT_ID = re.compile(r"[^a-z0-9]+")


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
