"""The accuracy corpus's gold: loading, checking, and the mentions it implies (see `tests/corpus/README.md` and `RULES.md`).

A corpus folder holds `sources/NN-slug.txt` (texts in the pipeline's source format), `gold/NN-slug.yml` (every named
actor of a text with its forms) and `actors/` (the registry the texts are measured against). Mentions are derived from
the forms, never typed by hand: longest-leftmost, case-sensitive occurrences on word boundaries, minus `not:` entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from build_tools.actor_schema import ACTOR_TYPES
from build_tools.model import Article
from build_tools.read import OutletTable, read_source
from build_tools.registry import Registry, load_registry

SPLITS = ("dev", "test")
_STEM = re.compile(r"\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*")
# A form stands on word boundaries: no letter or digit right before or after it (`'s` after it is outside).
_BOUNDARY_BEFORE = r"(?<![^\W_])"
_BOUNDARY_AFTER = r"(?![^\W_])"


class _NotEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    paragraph: int = Field(ge=1, description="1-based body paragraph.")
    form: str = Field(min_length=1, description="The form as written.")
    occurrence: int = Field(1, ge=1, description="Which occurrence of the form in that paragraph (1 = the first).")


class _ActorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    name: str = Field(min_length=1)
    type: str
    registry: str | None = None
    forms: list[str] = Field(min_length=1)
    not_: list[_NotEntry] = Field(default_factory=list, alias="not")


class _GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    split: Literal["dev", "test"]
    form: str = Field(min_length=1)
    note: str | None = None
    actors: list[_ActorEntry]


@dataclass(frozen=True)
class NotEntry:
    """An occurrence of a form that is not a mention of its actor."""

    paragraph: int
    """1-based body paragraph."""
    form: str
    """The form as written."""
    occurrence: int
    """1 for the first occurrence of the form in the paragraph (counted on word boundaries, before overlaps are resolved)."""


@dataclass(frozen=True)
class GoldActor:
    """A named actor of one text."""

    name: str
    """The canonical name: the fullest form the text writes."""
    type: str
    """One of the registry's types."""
    registry: str | None
    """The actor's id in the corpus registry, or None when the registry lacks it (what suggestions must find)."""
    forms: tuple[str, ...]
    """Every surface form as the body writes it, the name first."""
    not_: tuple[NotEntry, ...]
    """Occurrences of its forms that are not mentions of it."""

    @property
    def key(self) -> str:
        """What identifies the actor in scores: its registry id, or `new:` and its name."""
        return self.registry or f"new:{self.name}"


@dataclass(frozen=True)
class GoldText:
    """One text of the corpus with its gold."""

    stem: str
    """`NN-slug`, the name of both files."""
    gold_path: Path
    """`gold/NN-slug.yml`."""
    source_path: Path
    """`sources/NN-slug.txt`."""
    split: str
    """`dev` (tune on it) or `test` (held back)."""
    form: str
    """The page form the text is in (DoD News story, press statement, transcript, ...)."""
    note: str | None
    """Provenance or annotation note."""
    actors: tuple[GoldActor, ...]
    """Every named actor of the body."""


@dataclass(frozen=True)
class GoldMention:
    """A derived mention: one occurrence of a gold actor's form in a body paragraph."""

    paragraph: int
    """1-based body paragraph."""
    start: int
    """Offset of the first character in the paragraph's text."""
    end: int
    """Offset after the last character."""
    text: str
    """The form as written."""
    actor: GoldActor
    """Whose mention it is."""


@dataclass(frozen=True)
class Corpus:
    """A corpus folder, loaded: its texts (those whose gold loaded), their articles, the registry, and every problem."""

    folder: Path
    """The corpus folder."""
    texts: tuple[GoldText, ...]
    """The texts in file-name order."""
    articles: dict[str, Article]
    """The article read from each text's source, by stem (missing when the source cannot be read)."""
    registry: Registry
    """The registry in `actors/`."""
    problems: tuple[str, ...]
    """`path: message` for everything wrong with the corpus; a valid corpus has none."""


def _yaml_problem(path: Path, exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}" if mark else str(path)
    return f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})"


def load_gold_file(path: Path, sources: Path) -> tuple[GoldText | None, list[str]]:
    """One gold file, schema-checked (a file that does not validate gives None and its problems)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [_yaml_problem(path, exc)]
    try:
        parsed = _GoldFile.model_validate(data)
    except ValidationError as exc:
        return None, [f"{path}: {'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors()]
    problems: list[str] = []
    if not _STEM.fullmatch(path.stem):
        problems.append(f"{path}: the file name must be `NN-slug.yml` (two or three digits, a hyphen, lower-case words joined by hyphens)")
    if parsed.source != f"{path.stem}.txt":
        problems.append(f"{path}: `source: {parsed.source}` must be `{path.stem}.txt`, the source of the same name")
    actors: list[GoldActor] = []
    for entry in parsed.actors:
        where = f"{path}: actor `{entry.name}`"
        if entry.type not in ACTOR_TYPES:
            problems.append(f"{where}: type `{entry.type}` is not one of {', '.join(ACTOR_TYPES)}")
        if entry.forms[0] != entry.name:
            problems.append(f"{where}: the first form must be the name itself (`forms: [{entry.name}, ...]`)")
        if len(set(entry.forms)) < len(entry.forms):
            problems.append(f"{where}: a form is listed twice")
        for form in entry.forms:
            if form != form.strip() or not form:
                problems.append(f"{where}: form {form!r} has surrounding white space")
        actors.append(
            GoldActor(
                entry.name,
                entry.type,
                entry.registry,
                tuple(entry.forms),
                tuple(NotEntry(n.paragraph, n.form, n.occurrence) for n in entry.not_),
            )
        )
    names = [actor.name for actor in actors]
    for name in sorted({name for name in names if names.count(name) > 1}):
        problems.append(f"{path}: actor `{name}` is listed twice: merge the entries")
    ids = [actor.registry for actor in actors if actor.registry]
    for actor_id in sorted({actor_id for actor_id in ids if ids.count(actor_id) > 1}):
        problems.append(f"{path}: registry id `{actor_id}` is given to two actors: one registry actor is one gold actor")
    source = sources / parsed.source
    return GoldText(path.stem, path, source, parsed.split, parsed.form, parsed.note, tuple(actors)), problems


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    pattern = re.compile(_BOUNDARY_BEFORE + re.escape(form) + _BOUNDARY_AFTER)
    return [(match.start(), match.end()) for match in pattern.finditer(text)]


def derive_mentions(paragraphs: Sequence[str], actors: Sequence[GoldActor]) -> tuple[list[GoldMention], list[str]]:
    """The gold mentions of a text, and what is wrong with its forms (ambiguous spans, `not:` entries that match nothing).

    Per paragraph: every occurrence of every form, minus the `not:` entries, then leftmost first and, of those starting
    at the same place, longest first; an occurrence overlapping one already taken is dropped.
    """
    problems: list[str] = []
    mentions: list[GoldMention] = []
    unused = {(id(actor), entry) for actor in actors for entry in actor.not_}
    for number, text in enumerate(paragraphs, start=1):
        candidates: list[tuple[int, int, GoldActor, str]] = []
        for actor in actors:
            for form in actor.forms:
                for occurrence, (start, end) in enumerate(_occurrences(text, form), start=1):
                    entry = NotEntry(number, form, occurrence)
                    if (id(actor), entry) in unused:
                        unused.discard((id(actor), entry))
                        continue
                    candidates.append((start, end, actor, form))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        taken_end = -1
        previous: tuple[int, int, GoldActor, str] | None = None
        for candidate in candidates:
            start, end, actor, form = candidate
            if previous is not None and (start, end) == previous[:2] and actor is not previous[2]:
                problems.append(
                    f"paragraph {number}: `{form}` at offset {start} is a form of both `{previous[2].name}` and `{actor.name}`: "
                    f"give one of them a `not:` entry for this occurrence"
                )
                continue
            if start < taken_end:
                continue
            mentions.append(GoldMention(number, start, end, text[start:end], actor))
            taken_end = end
            previous = candidate
    for actor in actors:
        for entry in actor.not_:
            if (id(actor), entry) in unused:
                problems.append(
                    f"actor `{actor.name}`: `not:` paragraph {entry.paragraph}, form `{entry.form}`, occurrence {entry.occurrence} matches no occurrence"
                )
        for form in actor.forms:
            if not any(m.actor is actor and m.text == form for m in mentions):
                problems.append(f"actor `{actor.name}`: form `{form}` gives no mention (not in the body, or always inside a longer form)")
    return mentions, problems


def load_corpus(folder: Path) -> Corpus:
    """Every gold file and source of a corpus folder, checked against each other and against the registry."""
    problems: list[str] = []
    sources, gold = folder / "sources", folder / "gold"
    for needed in (sources, gold, folder / "actors"):
        if not needed.is_dir():
            problems.append(f"{needed}: missing: a corpus folder has `sources/`, `gold/` and `actors/` (see tests/corpus/README.md)")
    registry, found = load_registry(folder)
    problems += [problem.format() for problem in found if problem.severity == "error"]
    texts: list[GoldText] = []
    articles: dict[str, Article] = {}
    gold_paths = sorted(gold.glob("*.yml")) if gold.is_dir() else []
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        if not (gold / f"{path.stem}.yml").is_file():
            problems.append(f"{path}: no gold file: write `{gold / path.stem}.yml` (see tests/corpus/README.md)")
    ids: dict[str, str] = {}
    for path in gold_paths:
        text, found_here = load_gold_file(path, sources)
        problems += found_here
        if text is None:
            continue
        texts.append(text)
        for actor in text.actors:
            if actor.registry is None:
                continue
            known = registry.actors.get(actor.registry)
            if known is None:
                problems.append(f"{path}: actor `{actor.name}`: registry id `{actor.registry}` is not in {folder / 'actors'}")
            elif known.type != actor.type:
                problems.append(f"{path}: actor `{actor.name}`: type `{actor.type}` differs from the registry's `{known.type}`")
        if not text.source_path.is_file():
            problems.append(f"{path}: its source {text.source_path} does not exist")
            continue
        article, read_problems = read_source(text.source_path, OutletTable({}))
        problems += [problem.format() for problem in read_problems if problem.severity == "error"]
        if article is None:
            continue
        articles[text.stem] = article
        if article.id in ids:
            problems.append(f"{text.source_path}: article id `{article.id}` is also that of {ids[article.id]}: give one another headline or date")
        ids[article.id] = text.stem
        _, derived = derive_mentions([p.text for p in article.paragraphs], text.actors)
        problems += [f"{path}: {message}" for message in derived]
    return Corpus(folder, tuple(texts), articles, registry, tuple(problems))
