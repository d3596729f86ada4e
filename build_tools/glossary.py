"""Phase 4, render (the actor half): actor pages and the A-Z glossary, built from indexes, never nested scans."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from build_tools.graph import ego_network_svg
from build_tools.model import Article, Mention
from build_tools.registry import RELATION_LABELS, TYPE_LABELS, Actor, Registry, Relation
from build_tools.render import display_date, escape_block, escape_inline, front_matter, html_safe_title, link, paragraph_anchor, sorted_articles
from build_tools.sentences import sentence_around, sentence_bounds
from build_tools.text import MARKER_TEXT


@dataclass(frozen=True)
class Glossary:
    """Everything the actor pages need, indexed once."""

    registry: Registry
    """The actors."""
    articles: dict[str, Article]
    """Article id -> article."""
    mentions_by_actor: dict[str, list[Mention]]
    """Actor id -> its mentions, in article and text order."""
    articles_by_actor: dict[str, list[str]]
    """Actor id -> ids of the articles that mention it."""
    inverse_relations: dict[str, list[Relation]]
    """Actor id -> relations other actors state towards it."""
    holders: dict[str, list[tuple[str, str]]]
    """Actor id -> (person id, role title) of roles held in it."""
    edit_base_url: str | None
    """Base URL that content-relative paths are appended to for edit links."""
    sentence_cache: dict[tuple[str, int], tuple[list[tuple[int, int]], bool]] = field(default_factory=dict)
    """(article id, paragraph) -> sentence bounds, and whether the text is plain (`_is_plain`), found once however many actors quote it."""

    def sentences_of(self, article: Article, paragraph: int) -> tuple[list[tuple[int, int]], bool]:
        key = (article.id, paragraph)
        found = self.sentence_cache.get(key)
        if found is None:
            text = article.paragraphs[paragraph - 1].text
            found = self.sentence_cache[key] = (sentence_bounds(text), _is_plain(text))
        return found


def index_glossary(registry: Registry, articles: Sequence[Article], mentions: dict[str, list[Mention]], edit_base_url: str | None) -> Glossary:
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    articles_by_actor: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        seen: set[str] = set()
        for mention in mentions.get(article.id, []):
            by_actor[mention.actor].append(mention)
            if mention.actor not in seen:
                seen.add(mention.actor)
                articles_by_actor[mention.actor].append(article.id)
    inverse: dict[str, list[Relation]] = defaultdict(list)
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor in registry.actors.values():
        for relation in actor.relations:
            if relation.target in registry.actors:
                inverse[relation.target].append(relation)
        for role in actor.roles:
            if role.of in registry.actors:
                holders[role.of].append((actor.id, role.title))
    return Glossary(registry, {a.id: a for a in articles}, dict(by_actor), dict(articles_by_actor), dict(inverse), dict(holders), edit_base_url)


def _period(start: str | None, end: str | None) -> str:
    if start and end:
        return f" ({start} – {end})"
    if start:
        return f" (from {start})"
    if end:
        return f" (until {end})"
    return ""


def actor_href(actor_id: str, from_dir: str = "actors") -> str:
    return f"{actor_id}.md" if from_dir == "actors" else f"../actors/{actor_id}.md"


def actor_tooltip(actor: Actor) -> str:
    """What hovering an actor link shows: name, type and lead."""
    return f"{actor.name} ({TYPE_LABELS[actor.type].lower()}): {actor.description}"


def _actor_link(glossary: Glossary, actor_id: str) -> str:
    actor = glossary.registry.actors[actor_id]
    return link(escape_inline(actor.name), actor_href(actor_id), actor_tooltip(actor))


def _relations_markdown(glossary: Glossary, actor: Actor) -> list[str]:
    lines: list[str] = []
    for relation in actor.relations:
        if relation.target not in glossary.registry.actors:
            continue
        label = RELATION_LABELS[relation.type][0]
        source = f" · {link('source', relation.source)}" if relation.source else ""
        lines.append(f"- {label} {_actor_link(glossary, relation.target)}{_period(relation.start, relation.end)}{source}")
    for relation in sorted(glossary.inverse_relations.get(actor.id, []), key=lambda r: (r.type, r.source_actor)):
        label = RELATION_LABELS[relation.type][1]
        source = f" · {link('source', relation.source)}" if relation.source else ""
        lines.append(f"- {label} {_actor_link(glossary, relation.source_actor)}{_period(relation.start, relation.end)}{source}")
    return lines


_MARKER = re.compile(rf"\s*{MARKER_TEXT}")


def _is_plain(text: str) -> bool:
    """Whether quoting the text needs no cleaning: nothing to escape, no `[n]` marker, no white space but single spaces.

    Every white-space character but the space is unprintable, so `isprintable` rules them out (with a few
    invisible characters that the cleaning road handles just as well); a regex was five times slower.
    """
    return text.isprintable() and not ("[" in text or "&" in text or "<" in text or ">" in text or "  " in text or text[:1] == " ")


def _quote_html(paragraph_text: str, sentence: tuple[int, int], mentions: list[Mention], plain: bool = False) -> str:
    """The sentence as HTML text, its mentions in bold; `[n]` markers are left out (the article page has the footnotes).

    `plain`: the paragraph needs no cleaning (`_is_plain`), so its text is the HTML as it is: most paragraphs, and
    three quarters of a million quotes at 10,000 articles.
    """
    start, end = sentence
    if plain:
        position = start
        parts: list[str] = []
        for mention in mentions:
            if mention.start < position:
                continue
            parts += (paragraph_text[position : mention.start], "<strong>", mention.text, "</strong>")
            position = mention.end
        parts.append(paragraph_text[position:end])
        # A sentence's bounds take in the spaces after it.
        return "".join(parts).rstrip(" ")
    pieces: list[str] = []
    position = start
    # `mentions` come in text order (Glossary.mentions_by_actor keeps it).
    for mention in mentions:
        if mention.start < position:
            continue
        pieces.append(_plain_html(paragraph_text[position : mention.start]))
        pieces.append(f"<strong>{html.escape(mention.text, quote=False)}</strong>")
        position = mention.end
    pieces.append(_plain_html(paragraph_text[position:end]))
    return " ".join("".join(pieces).split())


def _plain_html(text: str) -> str:
    """Source text as HTML text, `[n]` markers left out (a million calls on a big archive: the regex only when a `[` is there)."""
    return html.escape(_MARKER.sub("", text) if "[" in text else text, quote=False)


def _mentioned_in(glossary: Glossary, actor: Actor) -> list[str]:
    """Every sentence that mentions the actor, grouped by article, newest first.

    Written as one raw HTML block: on a big archive these quotes are the bulk of the site, and
    Python-Markdown passes raw HTML through at a fraction of the cost of inline Markdown. Links
    are final URLs (MkDocs' default directory URLs); the site tests check every one. The quotes
    repeat article text, so search skips them (`data-search-exclude`).
    """
    mentions = glossary.mentions_by_actor.get(actor.id, [])
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article].append(mention)
    if not by_article:
        return []
    lines = ['<div class="actor-mentions" data-search-exclude>']
    for article in sorted_articles(glossary.articles[a] for a in by_article):
        url = f"../../articles/{article.id}/"
        lines.append(
            f'<p class="mention-article"><span class="mention-date">{display_date(article.date)}</span> — '
            f'<a href="{url}">{html.escape(article.title, quote=False)}</a></p>'
        )
        by_sentence: dict[tuple[int, tuple[int, int]], list[Mention]] = defaultdict(list)
        plain_paragraphs: set[int] = set()
        paragraph = 0
        bounds: list[tuple[int, int]] = []
        for mention in by_article[article.id]:
            if mention.paragraph != paragraph:  # mentions come in text order: a paragraph's are together
                paragraph = mention.paragraph
                bounds, plain = glossary.sentences_of(article, paragraph)
                if plain:
                    plain_paragraphs.add(paragraph)
            by_sentence[(paragraph, sentence_around(bounds, mention.start))].append(mention)
        # One blockquote per article, a paragraph per sentence, and the fewest tags and attributes that
        # do the job: every one of them is parsed three times per page by MkDocs and Python-Markdown.
        quotes = [
            f'<p>{_quote_html(article.paragraphs[paragraph - 1].text, sentence, found, paragraph in plain_paragraphs)} <a href="{url}#{paragraph_anchor(paragraph)}">¶\u00a0{paragraph}</a></p>'
            # Mentions come in text order, so sentences are met in text order too.
            for (paragraph, sentence), found in by_sentence.items()
        ]
        lines.append(f"<blockquote>{''.join(quotes)}</blockquote>")
    lines += ["</div>", ""]
    return lines


def render_actor_page(glossary: Glossary, actor: Actor, co_mentions: Counter[str]) -> str:
    """`actors/<id>.md`: name, lead, type, aliases, roles, relations both ways, mentions, co-mentions, edit link."""
    source_path = f"actors/{actor.id}.yml"
    articles = glossary.articles_by_actor.get(actor.id, [])
    meta = {
        "title": html_safe_title(actor.name),
        "actor_id": actor.id,
        "actor_type": actor.type,
        # Material puts `description` into a meta tag's attribute without escaping it.
        "description": html.escape(actor.description, quote=True),
        "source_path": source_path,
        "mention_count": len(glossary.mentions_by_actor.get(actor.id, [])),
        "article_count": len(articles),
    }
    if glossary.edit_base_url:
        meta["edit_url"] = f"{glossary.edit_base_url}{source_path}"
    out = [front_matter(meta), "", f"# {escape_block(actor.name)}", ""]
    out += [f"{escape_block(actor.description)} {link('Source', actor.description_source, 'Where this description comes from')}", "{: .actor-lead }", ""]
    facts = [f"**Type:** {TYPE_LABELS[actor.type]}"]
    if actor.aliases:
        facts.append("**Also known as:** " + ", ".join(escape_inline(a.text) for a in actor.aliases))
    if actor.external_ids:
        facts.append("**Identifiers:** " + ", ".join(_external_id(scheme, value) for scheme, value in actor.external_ids))
    out += ["  \n".join(facts), "{: .actor-facts }", ""]
    if actor.roles:
        out += ["## Roles", ""]
        for role in actor.roles:
            where = f" of {_actor_link(glossary, role.of)}" if role.of in glossary.registry.actors else ""
            out.append(f"- {escape_block(role.title)}{where}{_period(role.start, role.end)}")
        out.append("")
    holders = glossary.holders.get(actor.id, [])
    if holders:
        out += ["## People in roles here", ""]
        out += [f"- {_actor_link(glossary, person)}: {escape_inline(title)}" for person, title in sorted(holders)]
        out.append("")
    relations = _relations_markdown(glossary, actor)
    if relations:
        out += ["## Relations", "", *relations, ""]
        svg = ego_network_svg(glossary.registry, actor, glossary.inverse_relations.get(actor.id, []))
        if svg:
            out += ['<div class="relations-graph-wrapper">', svg, "</div>", ""]
    if actor.not_same_as:
        out += ["Not to be confused with " + ", ".join(_actor_link(glossary, o) for o in actor.not_same_as if o in glossary.registry.actors) + ".", ""]
    out += [f"## Mentioned in {len(articles)} article{'s' * (len(articles) != 1)}", ""]
    out += _mentioned_in(glossary, actor) or ["No article mentions this actor yet.", ""]
    if co_mentions:
        out += ["## Often mentioned with", "", "Actors named in the same articles, with the number of articles they share.", ""]
        out += [f"- {_actor_link(glossary, other)} ({count})" for other, count in sorted(co_mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:20]]
        out.append("")
    edit = link(f"Edit `content/{source_path}`", f"{glossary.edit_base_url}{source_path}") if glossary.edit_base_url else f"Edit `content/{source_path}`"
    out += [f"{edit} to correct or extend this entry.", "{: .edit-link }", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _external_id(scheme: str, value: str) -> str:
    if scheme.lower() == "wikidata":
        return link(f"Wikidata {escape_inline(value)}", f"https://www.wikidata.org/wiki/{value}")
    return f"{escape_inline(scheme)} {escape_inline(value)}"


def co_mention_counts(glossary: Glossary) -> dict[str, Counter[str]]:
    """Actor id -> how many articles it shares with each other actor; one pass over each article's actors."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    actors_by_article: dict[str, list[str]] = defaultdict(list)
    for actor_id, article_ids in glossary.articles_by_actor.items():
        for article_id in article_ids:
            actors_by_article[article_id].append(actor_id)
    for actor_ids in actors_by_article.values():
        for actor_id in actor_ids:
            counter = counts[actor_id]
            counter.update(actor_ids)
            counter[actor_id] -= 1
            if counter[actor_id] <= 0:
                del counter[actor_id]
    return counts


def render_glossary(glossary: Glossary) -> str:
    """`actors/index.md`: A-Z, every alias under its actor, mention counts, filterable by type."""
    actors = sorted(glossary.registry.actors.values(), key=lambda a: (a.name.casefold(), a.id))
    used_types = sorted({a.type for a in actors}, key=lambda t: TYPE_LABELS[t])
    out = [front_matter({"title": "Actor glossary"}), "", "# Actor glossary", ""]
    out += [
        f"{len(actors)} people, armed groups, governments, states, places and organisations named in the articles, A to Z. Every other name an actor goes by is listed under it.",
        "",
    ]
    buttons = ['<button type="button" class="md-button glossary-filter" data-type="" aria-pressed="true">All</button>']
    buttons += [
        f'<button type="button" class="md-button glossary-filter" data-type="{t}" aria-pressed="false">{html.escape(TYPE_LABELS[t])} ({sum(1 for a in actors if a.type == t)})</button>'
        for t in used_types
    ]
    out += ['<div class="glossary-filters" role="group" aria-label="Show actors of one type">', *buttons, "</div>", ""]
    letter = None
    for actor in actors:
        initial = actor.name[:1].upper() if actor.name[:1].isalpha() else "#"
        if initial != letter:
            if letter is not None:
                out.append("")
            out += [f"## {escape_inline(initial)}", ""]
            letter = initial
        mentions = len(glossary.mentions_by_actor.get(actor.id, []))
        aliases = f" · also {', '.join(escape_inline(a.text) for a in actor.aliases)}" if actor.aliases else ""
        count = f"{mentions} mention{'s' * (mentions != 1)} in {len(glossary.articles_by_actor.get(actor.id, []))} article{'s' * (len(glossary.articles_by_actor.get(actor.id, [])) != 1)}"
        out.append(f"- {link(escape_inline(actor.name), actor_href(actor.id), actor_tooltip(actor))} — {TYPE_LABELS[actor.type]}{aliases} · {count}")
        out.append(f'  {{: data-type="{actor.type}" }}')
    out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
