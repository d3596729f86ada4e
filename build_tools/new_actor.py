"""`new-actor`: an actor file for a name the articles give, ready for an editor to write its lead.

The file holds what the content already says: the name, a type (guessed from how the articles use the name when
none is given), the other names they use for it (a person's surname alone, an acronym defined in parentheses) and,
as comments, the first three sentences that name it. `description` and `description_source` are left empty for
the editor: until they are filled, `check` names the file and says what to write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.actor_schema import ACTOR_TYPES, SCHEMA_COMMENT
from build_tools.build import analyse
from build_tools.check import known_names
from build_tools.model import Article
from build_tools.name_types import guess_type
from build_tools.near_miss import NearMissIndex
from build_tools.problems import Problem, display_path, error, warning
from build_tools.registry import Registry, actor_id
from build_tools.suggest import suggest_article
from build_tools.suggestions import DATELINE, Candidate, Suggestion, suggestion_rows
from build_tools.text import alias_key, fold

# How many sentences that name the actor the file quotes for the editor.
EXAMPLES = 3


@dataclass
class _Evidence:
    """What the articles say about one name."""

    types: dict[str, int] = field(default_factory=dict)
    """Guessed type -> how many times."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Other names the articles use for it -> their kind (`surname`, `acronym`)."""
    sentences: list[tuple[str, str]] = field(default_factory=list)
    """(source file, sentence) where it is named, in article order, the first few."""


@dataclass(frozen=True)
class Written:
    """An actor file `new-actor` wrote."""

    path: Path
    """The new file."""
    name: str
    """The actor's name."""
    type: str
    """Its type."""


def _evidence(articles: Sequence[Article], per_article: Iterable[tuple[Article, Sequence[Candidate]]]) -> dict[str, _Evidence]:
    found: dict[str, _Evidence] = {}
    for article, candidates in per_article:
        for candidate in candidates:
            key = candidate.alias_of or candidate.key
            evidence = found.setdefault(key, _Evidence())
            if candidate.alias_of is not None:
                kind = "acronym" if candidate.text.replace(".", "").isupper() else "surname" if candidate.type == "person" else "short"
                evidence.aliases.setdefault(candidate.text, kind)
            else:
                evidence.types[candidate.type] = evidence.types.get(candidate.type, 0) + 1
            sentence = (display_path(article.path), candidate.sentence)
            if candidate.sentence and len(evidence.sentences) < EXAMPLES and sentence not in evidence.sentences:
                evidence.sentences.append(sentence)
    return found


def _owner(registry: Registry, name: str) -> tuple[Path, str, str] | None:
    """(file, actor name, the name as the registry writes it) when `name` is already a name or alias of an actor."""
    key = alias_key(name)
    for actor in registry.actors.values():
        for alias in actor.names():
            if alias_key(alias.text) == key:
                return actor.path, actor.name, alias.text
    return None


_PLAIN = re.compile(r"[^\W\d_][\w .'’\-]*")


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when YAML reads it back unchanged, else quoted."""
    return (
        text if _PLAIN.fullmatch(text) and text.casefold() not in ("yes", "no", "on", "off", "true", "false", "null") else json.dumps(text, ensure_ascii=False)
    )


def actor_file_text(name: str, kind: str, evidence: _Evidence) -> str:
    """The new file's text: schema comment, name, type, aliases, the lead left empty, and where the articles name it."""
    lines = [SCHEMA_COMMENT, f"name: {_scalar(name)}", f"type: {kind}"]
    aliases = [(text, alias_kind) for text, alias_kind in evidence.aliases.items() if fold(text) != fold(name)]
    if aliases:
        lines.append("aliases:")
        for text, alias_kind in aliases:
            lines += [f"  - text: {_scalar(text)}", f"    kind: {alias_kind}"]
            if alias_kind in ("surname", "acronym"):
                lines.append("    case_sensitive: true")
            if alias_kind == "surname":
                lines.append("    after_full: true")
    lines += [
        "# For the editor: the lead, one or two plain sentences on who or what this is, and a URL that backs them.",
        "description:",
        "description_source:",
    ]
    if evidence.sentences:
        lines.append("# Where the articles name it (delete these lines once the lead is written):")
        lines += [f"#   {path}: {' '.join(sentence.split())}" for path, sentence in evidence.sentences]
    return "\n".join(lines) + "\n"


def _read(content: Path) -> tuple[Registry, dict[str, _Evidence], list[Suggestion]]:
    result = analyse(content)
    known = known_names(NearMissIndex.build(result.registry), result.registry)
    per_article = [(article, suggest_article([p.text for p in article.paragraphs], result.mentions.get(article.id, []), known)) for article in result.articles]
    evidence = _evidence(result.articles, per_article)
    suggestions = suggestion_rows((article.id, candidates) for article, candidates in per_article)
    return result.registry, evidence, suggestions


def _write(content: Path, registry: Registry, name: str, kind: str | None, evidence: _Evidence | None) -> tuple[Written | None, list[Problem]]:
    actors = content / "actors"
    name = " ".join(name.split())
    if not name or not any(ch.isalnum() for ch in name):
        return None, [error(actors, 0, f'"{name}" is not a name: give the actor\'s name as the articles write it, e.g. `new-actor "Joseph Dunford"`')]
    owner = _owner(registry, name)
    if owner is not None:
        path, actor, written = owner
        what = "the name" if written == actor else f'an alias ("{written}")'
        return None, [error(path, 0, f'"{name}" is already {what} of {actor}: edit this file instead of adding another actor')]
    path = actors / f"{actor_id(name)}.yml"
    if path.exists():
        return None, [
            error(
                path,
                0,
                f'already exists, and new-actor never overwrites a file: edit it, or if "{name}" is another actor, write '
                f"`{display_path(actors)}/{actor_id(name)}-2.yml` by hand (file names are the actors' ids)",
            )
        ]
    evidence = evidence or _Evidence()
    chosen = kind or (max(evidence.types, key=evidence.types.__getitem__) if evidence.types else guess_type(name))
    actors.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # `x`: never over a file made meanwhile
        handle.write(actor_file_text(name, chosen, evidence))
    return Written(path, name, chosen), []


def new_actor(content: Path, name: str, kind: str | None = None) -> tuple[list[Written], list[Problem]]:
    """Write `actors/<id>.yml` for `name`; refused (with the file to edit) when the registry already has the name or the file."""
    if kind is not None and kind not in ACTOR_TYPES:
        return [], [error(content / "actors", 0, f"`{kind}` is not an actor type: use one of {', '.join(ACTOR_TYPES)}")]
    registry, evidence, _ = _read(content)
    written, problems = _write(content, registry, name, kind, evidence.get(fold(name)))
    return ([written] if written else []), problems


# A word of a name, with its apostrophes (`KATA'IB` is one word, not two).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _name_of(suggestion: Suggestion) -> str:
    """The name a suggestion's file gets: as the articles write it, but a dateline's capitals as a name is written
    (`TAMPA` -> `Tampa`, `RAMSTEIN AIR BASE` -> `Ramstein Air Base`), which links the dateline too."""
    if DATELINE not in suggestion.reason.split(", ") or not suggestion.text.isupper():
        return suggestion.text
    return _WORD.sub(lambda word: word.group()[0] + word.group()[1:].lower(), suggestion.text)


def new_suggested_actors(content: Path, min_count: int = 1) -> tuple[list[Written], list[Problem]]:
    """One actor file for each current suggestion named at least `min_count` times (files that exist are left alone)."""
    registry, evidence, suggestions = _read(content)
    written: list[Written] = []
    problems: list[Problem] = []
    for suggestion in suggestions:
        if suggestion.count < min_count:
            continue
        path = content / "actors" / f"{suggestion.id}.yml"
        if path.exists():
            problems.append(warning(path, 0, f'already exists: "{suggestion.text}" was left alone (new-actor never overwrites a file)'))
            continue
        made, found = _write(content, registry, _name_of(suggestion), None, evidence.get(fold(suggestion.text)))
        problems += found
        if made is not None:
            written.append(made)
    return written, problems
