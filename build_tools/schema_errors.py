"""Schema errors of an actor file in plain words: what is wrong with which key, and a correct example."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic_core import ErrorDetails

from build_tools.actor_schema import ACTOR_TYPES, RELATION_LABELS, SCHEMA_FILE, ActorFile, AliasEntry, RelationEntry, RoleEntry
from build_tools.actor_yaml import Lines

# What a correct value looks like, by key: the fix half of schema messages.
EXAMPLES = {
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
    """`, e.g. ...` with a correct value for the key, when there is one to show."""
    return f", e.g. `{EXAMPLES[field]}`" if field in EXAMPLES else ""


@dataclass(frozen=True)
class _Failure:
    """One validation error, in the terms the messages use."""

    parts: list[str | int]
    """Where in the file: keys and indexes, without pydantic's union tags."""
    kind: str
    """Pydantic's error type (`missing`, `literal_error`, ...)."""
    value: Any
    """The value as written."""
    details: ErrorDetails
    """The error as pydantic gave it."""

    @property
    def loc(self) -> str:
        """Where, as the message shows it: `roles.0.from`."""
        return ".".join(str(part) for part in self.parts)

    @property
    def field(self) -> str:
        """The key the value is under (`from`)."""
        return str(self.parts[-1]) if self.parts else ""

    @property
    def place(self) -> str:
        """The list a nested key is in (`roles`), or empty at the top of the file."""
        return str(self.parts[0]) if len(self.parts) > 1 and self.parts[0] in _KEYS_BY_PLACE else ""


def validation_message(err: ErrorDetails) -> str:
    """What is wrong with a key of an actor file and how to write it, from pydantic's error."""
    failure = _Failure([part for part in err["loc"] if part not in _UNION_TAGS], err["type"], err.get("input"), err)
    explain = _BY_KIND.get(failure.kind)
    message = explain(failure) if explain is not None else None
    return message if message is not None else f"`{failure.loc}`: {err['msg']}"


def _missing(failure: _Failure) -> str:
    """A required key is not there."""
    hints = {
        "description_source": "add `description_source: https://...` with a URL that backs the description",
        "description": "add `description:` with one or two plain sentences on who or what this is",
    }
    field = failure.field
    return f"`{failure.loc}` is missing: {hints.get(field, f'add `{field}:`')}{_example(field)}"


def _unknown_key(failure: _Failure) -> str:
    """A key the schema does not have: most often a misspelt one."""
    close = difflib.get_close_matches(failure.field, _KEYS_BY_PLACE.get(failure.place, ()), n=1)
    hint = f"did you mean `{close[0]}`? " if close else ""
    return f"`{failure.loc}` is not a known key: {hint}check its spelling; see content/{SCHEMA_FILE} for the keys an actor file may have"


def _not_allowed(failure: _Failure) -> str:
    """A value outside a fixed list: an actor type, a relation type, an alias kind."""
    loc, value = failure.loc, failure.value
    if failure.parts == ["type"]:
        return f"`type: {value}` is not a known type: use one of {', '.join(ACTOR_TYPES)}, e.g. `type: armed_group`"
    if failure.place == "relations" and failure.field == "type":
        return f"`{loc}: {value}` is not a relation type: use one of {', '.join(RELATION_LABELS)}, e.g. `type: backed_by`"
    return f"`{loc}: {value}` is not allowed: {failure.details['msg'].replace('Input should be ', 'use ')}{_example(failure.field)}"


def _pattern_mismatch(failure: _Failure) -> str:
    """A text that is not the URL, date or actor id the key wants."""
    loc, value = failure.loc, failure.value
    pattern = str(failure.details.get("ctx", {}).get("pattern", ""))
    if "https?" in pattern:
        return f"`{loc}: {value}` is not an http(s) URL: write the full address, e.g. https://en.wikipedia.org/wiki/Iraq"
    if r"\d{4}" in pattern:
        return f'`{loc}: {value}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. `{failure.field}: "2014-09-08"`'
    return f"`{loc}: {value}` is not an actor id: ids are lower-case ASCII words joined by hyphens, e.g. `haider-al-abadi`"


def _text_expected(failure: _Failure) -> str | None:
    """An empty value where text is wanted, or a value of another type; None for a too-short value that is not text."""
    if failure.value is None or isinstance(failure.value, str):
        return f"`{failure.loc}` is empty: give it a value{_example(failure.field)}"
    if failure.kind == "string_type":
        return f"`{failure.loc}` should be text, not {type(failure.value).__name__}{_example(failure.field)}"
    return None


def _list_expected(failure: _Failure) -> str:
    """One value where a list is wanted."""
    return f"`{failure.loc}` should be a list, one `- ` item per entry{_example(failure.field)}"


def _mapping_expected(failure: _Failure) -> str:
    """A value where a mapping of keys is wanted (an alias, a role, a relation, `external_ids`)."""
    return f"`{failure.loc}` should be a mapping of keys{_example(failure.place or failure.field)}"


def _boolean_expected(failure: _Failure) -> str:
    """A value where `true` or `false` is wanted."""
    return f"`{failure.loc}: {failure.value}` is not true or false: write `true` or `false`{_example(failure.field)}"


# The message for each of pydantic's error types; any other shows pydantic's own words.
_BY_KIND: dict[str, Callable[[_Failure], str | None]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "literal_error": _not_allowed,
    "string_pattern_mismatch": _pattern_mismatch,
    "string_too_short": _text_expected,
    "string_type": _text_expected,
    "list_type": _list_expected,
    "dict_type": _mapping_expected,
    "model_type": _mapping_expected,
    "bool_type": _boolean_expected,
    "bool_parsing": _boolean_expected,
}


def error_line(err: ErrorDetails, lines: Lines) -> int:
    """The line of the value an error is about, or of the nearest key above it that has a line."""
    loc = tuple(part for part in err["loc"] if part not in _UNION_TAGS)
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def alias_errors(errors: list[ErrorDetails], data: dict[str, Any]) -> list[ErrorDetails]:
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
