"""Phase 4, render (the A-Z half): the actor glossary, filterable by name or alias and by type, split by letter when it outgrows a page.

The glossary lists every actor with its aliases, type and mention counts. While its entries fit
actor_pages.PAGE_BUDGET it is one page, `actors/index.md`; beyond that the index lists the letters and each letter
has its own page, `actors/glossary/<letter>.md` (a letter too big for the budget is cut into parts). A filter box
finds actors by name or alias as the reader types (build_tools/assets/glossary.js): on a page of entries it hides
those that do not match; on the letter index it searches `data/actor-names.json` and lists the matches. Without
JavaScript the box stays hidden and every entry shows.
"""

from __future__ import annotations

import html
import json
import unicodedata

from build_tools import actor_pages
from build_tools.actor_schema import TYPE_LABELS
from build_tools.glossary import Glossary, actor_tooltip
from build_tools.registry import Actor
from build_tools.render import escape_inline, front_matter, link, plural

NAMES_FILE = "data/actor-names.json"
"""What the filter searches when the glossary is split by letter: each actor's id, name, type, aliases and mention count."""
LETTERS_FOLDER = "actors/glossary"  # an id actor_schema.RESERVED_IDS keeps from actors
"""Where the letter pages go when the glossary is split: a folder no actor page can take (actor pages are `actors/<id>.md`)."""
OTHER = "#"
"""The letter of names that do not start with a letter A-Z once accents are taken off."""


def initial(name: str) -> str:
    """The letter a name is filed under: its first letter without accents (`Ébrahim` under E), or `#`."""
    folded = unicodedata.normalize("NFKD", name[:1]).encode("ascii", "ignore").decode().upper()
    return folded if folded.isalpha() else OTHER


def letter_key(letter: str) -> str:
    """A letter's file stem: `a`, or `other` for `#`."""
    return "other" if letter == OTHER else letter.lower()


# Markdown and attr_list syntax: characters that would turn a name inside `data-names` into markup or end the attribute.
# The filter compares letters and digits only, so nothing is lost by making them spaces.
_NOT_IN_KEYS = str.maketrans({character: " " for character in '\\`*_{}[]<>&|~^="!#$'})


def _search_names(actor: Actor) -> str:
    """The names the filter matches (`|` between them), safe inside an attribute list."""
    return "|".join(" ".join(name.translate(_NOT_IN_KEYS).split()) for name in (actor.name, *(a.text for a in actor.aliases)))


def _entry(glossary: Glossary, actor: Actor, href_prefix: str) -> str:
    mentions = len(glossary.mentions_by_actor.get(actor.id, []))
    articles = len(glossary.articles_by_actor.get(actor.id, []))
    aliases = f" · also {', '.join(escape_inline(a.text) for a in actor.aliases)}" if actor.aliases else ""
    count = f"{plural(mentions, 'mention')} in {plural(articles, 'article')}"
    line = f"- {link(escape_inline(actor.name), f'{href_prefix}{actor.id}.md', actor_tooltip(actor))} — {TYPE_LABELS[actor.type]}{aliases} · {count}"
    return f'{line}\n  {{: data-type="{actor.type}" data-names="{_search_names(actor)}" }}'


def _filters(actors: list[Actor], names_url: str | None) -> list[str]:
    """The name filter (hidden until glossary.js shows it) and the type buttons, as raw HTML lines."""
    count = f"{len(actors):,} actors"
    source = f' data-names-url="{html.escape(names_url)}"' if names_url else ""
    out = [
        f'<div class="glossary-search" hidden{source}>',
        '<label for="glossary-filter">Find an actor by name or alias</label>',
        '<input type="search" id="glossary-filter" class="glossary-filter-input" autocomplete="off" spellcheck="false" aria-describedby="glossary-filter-count">',
        f'<p id="glossary-filter-count" class="glossary-filter-count" role="status" aria-live="polite">{count}</p>',
        "</div>",
        "",
    ]
    types = sorted({a.type for a in actors}, key=lambda t: TYPE_LABELS[t])
    buttons = ['<button type="button" class="md-button glossary-filter" data-type="" aria-pressed="true">All</button>']
    buttons += [
        f'<button type="button" class="md-button glossary-filter" data-type="{t}" aria-pressed="false">{html.escape(TYPE_LABELS[t])} ({sum(1 for a in actors if a.type == t)})</button>'
        for t in types
    ]
    out += ['<div class="glossary-filters" role="group" aria-label="Show actors of one type">', *buttons, "</div>", ""]
    # On the letter index, the matches the filter finds in the names file.
    return [*out, '<ul class="glossary-results" aria-label="Actors that match"></ul>', ""] if names_url else out


def _by_letter(glossary: Glossary, actors: list[Actor], href_prefix: str) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for actor in actors:
        grouped.setdefault(initial(actor.name), []).append(_entry(glossary, actor, href_prefix))
    return grouped


def _entries(grouped: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for letter, entries in grouped.items():
        out += [f"## {escape_inline(letter)}", "", *entries, ""]
    return out


INTRO = (
    "people, armed groups, governments, states, places and organisations named in the articles, A to Z. Every other name an actor goes by is listed under it."
)


def render_glossary_pages(glossary: Glossary) -> dict[str, str]:
    """`actors/index.md`, and the letter pages when the entries outgrow one page; `data/actor-names.json` for the filter."""
    actors = sorted(glossary.registry.actors.values(), key=lambda a: (initial(a.name), a.name.casefold(), a.id))
    files = {NAMES_FILE: _names_json(glossary, actors)}
    grouped = _by_letter(glossary, actors, "")
    head = [front_matter({"title": "Actor glossary"}), "", "# Actor glossary", "", f"{len(actors)} {INTRO}", ""]
    if sum(len(entry.encode()) for entries in grouped.values() for entry in entries) <= actor_pages.PAGE_BUDGET:
        files["actors/index.md"] = "\n".join([*head, *_filters(actors, None), *_entries(grouped)]).rstrip("\n") + "\n"
        return files
    pages, letters = _letter_pages(glossary, actors)
    listing = [f"[{escape_inline(label)}]({path.removeprefix('actors/')}) ({plural(count, 'actor')})" for label, path, count in letters]
    index = [*head, *_filters(actors, f"../{NAMES_FILE}"), "## By letter", "", " · ".join(listing), "{: .glossary-letters }", ""]
    files["actors/index.md"] = "\n".join(index).rstrip("\n") + "\n"
    files.update(pages)
    return files


def _letter_pages(glossary: Glossary, actors: list[Actor]) -> tuple[dict[str, str], list[tuple[str, str, int]]]:
    """A page per letter (a letter too big for the budget cut into parts), and their list: (label, path, actors)."""
    by_letter: dict[str, list[Actor]] = {}
    for actor in actors:
        by_letter.setdefault(initial(actor.name), []).append(actor)
    planned: list[tuple[str, str, list[Actor], list[str]]] = []
    for letter, members in by_letter.items():
        runs: list[tuple[list[Actor], list[str]]] = [([], [])]
        size = 0
        for actor in members:
            entry = _entry(glossary, actor, "../")
            if runs[-1][1] and size + len(entry.encode()) > actor_pages.PAGE_BUDGET:
                runs.append(([], []))
                size = 0
            runs[-1][0].append(actor)
            runs[-1][1].append(entry)
            size += len(entry.encode())
        for number, (run_actors, run_entries) in enumerate(runs, 1):
            label = letter if len(runs) == 1 else f"{letter} ({number} of {len(runs)})"
            key = letter_key(letter) if number == 1 else f"{letter_key(letter)}-{number}"
            planned.append((label, f"{LETTERS_FOLDER}/{key}.md", run_actors, run_entries))
    pages: dict[str, str] = {}
    for label, path, members, entries in planned:
        # The letters, this one as plain bold text: a link to the page itself would only reload it.
        nav = " · ".join(
            f"**{escape_inline(other)}**" if other_path == path else f"[{escape_inline(other)}]({other_path.rsplit('/', 1)[1]})"
            for other, other_path, _, _ in planned
        )
        title = f"Actor glossary: {label}"
        out = [front_matter({"title": title}), "", f"# {escape_inline(title)}", ""]
        out += [f"{plural(len(members), 'actor')} filed under {escape_inline(label)}, of the [{len(actors)} in the glossary](../index.md).", ""]
        out += [nav, "{: .glossary-letters }", "", *_filters(members, None), *entries, "", nav, "{: .glossary-letters }", ""]
        pages[path] = "\n".join(out).rstrip("\n") + "\n"
    return pages, [(label, path, len(members)) for label, path, members, _ in planned]


def _names_json(glossary: Glossary, actors: list[Actor]) -> str:
    """One actor a line, A to Z: `{"id", "name", "type", "aliases", "mentions"}`."""
    rows = [
        json.dumps(
            {"id": a.id, "name": a.name, "type": a.type, "aliases": [x.text for x in a.aliases], "mentions": len(glossary.mentions_by_actor.get(a.id, []))},
            ensure_ascii=False,
        )
        for a in actors
    ]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"
