"""What an actor file may hold: its keys and their types, the actor types and relation types with their labels, and
the JSON Schema editors complete and validate the files with (`content/actors.schema.json`)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
# Ids the site's own pages take under actors/: an actor with one would lose its page to them (or take theirs).
RESERVED_IDS: dict[str, str] = {
    "index": "actors/index.md is the actor glossary",
    "glossary": "actors/glossary/ holds the glossary's letter pages",
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
