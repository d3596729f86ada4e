"""Phase 4, render (the actor half): actor pages and the A-Z glossary, built from indexes, never nested scans."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from build_tools.actor_pages import QUOTES_BY_YEAR, ActorRef, month_hrefs, plan_pages, quotes_by_month, render_period_pages, year_links
from build_tools.actor_schema import RELATION_LABELS, TYPE_LABELS
from build_tools.feed import FEED_SIZE, render_actor_feed
from build_tools.graph import ego_network_svg
from build_tools.model import Article, Mention
from build_tools.registry import Actor, Registry, Relation
from build_tools.render import display_date, escape_block, escape_inline, front_matter, html_safe_title, link, paragraph_anchor, plural, sorted_articles
from build_tools.sentences import sentence_around, sentence_bounds
from build_tools.text import MARKER_TEXT
from build_tools.timeline import MonthCount, archive_months, month_of, timeline_html


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
    archive_months: tuple[str, ...] = ()
    """Every month from the first dated article's to the last's: the span of every actor's timeline."""
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
    by_id = {a.id: a for a in articles}
    months = archive_months(a.date for a in articles)
    return Glossary(registry, by_id, dict(by_actor), dict(articles_by_actor), dict(inverse), dict(holders), edit_base_url, months)


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


@dataclass(frozen=True)
class QuotedArticle:
    """An article that mentions an actor, with the sentences that do: what an actor's pages and feed quote."""

    article: Article
    """The article."""
    sentences: tuple[tuple[int, tuple[int, int], tuple[Mention, ...]], ...]
    """(paragraph, sentence bounds, the actor's mentions in it), in text order."""
    mentions: int
    """The actor's mentions in the article."""


def quoted_articles(glossary: Glossary, actor_id: str) -> list[QuotedArticle]:
    """Every article that mentions the actor, newest first, each with its quoting sentences."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in glossary.mentions_by_actor.get(actor_id, []):
        by_article[mention.article].append(mention)
    found: list[QuotedArticle] = []
    for article in sorted_articles(glossary.articles[a] for a in by_article):
        mentions = by_article[article.id]
        by_sentence: dict[tuple[int, tuple[int, int]], list[Mention]] = defaultdict(list)
        paragraph = 0
        bounds: list[tuple[int, int]] = []
        for mention in mentions:
            if mention.paragraph != paragraph:  # mentions come in text order: a paragraph's are together
                paragraph = mention.paragraph
                bounds = glossary.sentences_of(article, paragraph)[0]
            by_sentence[(paragraph, sentence_around(bounds, mention.start))].append(mention)
        # Mentions come in text order, so sentences are met in text order too.
        sentences = tuple((number, sentence, tuple(hits)) for (number, sentence), hits in by_sentence.items())
        found.append(QuotedArticle(article, sentences, len(mentions)))
    return found


def quote_block(glossary: Glossary, quoted: QuotedArticle, articles_url: str) -> str:
    """The article's quotes as one raw HTML block: a line naming the article, then a paragraph per quoted paragraph of it.

    Raw HTML, not Markdown: on a big archive these quotes are the bulk of the site, and Python-Markdown passes raw
    HTML through at a fraction of the cost of inline Markdown (measured: a third of the time of Markdown quotes).
    MkDocs and Python-Markdown each parse every tag, so there are as few as do the job: the sentences of one article
    paragraph share a `<p>` and its one `¶ n` link (`…` between sentences that are not next to each other). Links
    are final URLs (MkDocs' default directory URLs) under `articles_url`; the site tests check every one. The quotes
    repeat article text, so search skips them (the `data-search-exclude` of the enclosing block).
    """
    article = quoted.article
    url = f"{articles_url}{article.id}/"
    lines = [
        f'<p class="mention-article"><span class="mention-date">{display_date(article.date)}</span> — '
        f'<a href="{url}">{html.escape(article.title, quote=False)}</a></p>'
    ]
    quotes: list[str] = []
    current = 0
    last_end = -1
    for paragraph, sentence, mentions in quoted.sentences:
        text, plain = article.paragraphs[paragraph - 1].text, glossary.sentences_of(article, paragraph)[1]
        if paragraph != current:
            if current:
                quotes.append(f' <a href="{url}#{paragraph_anchor(current)}">¶\u00a0{current}</a></p>')
            quotes.append("<p>")
            current = paragraph
        elif sentence[0] != last_end:
            quotes.append(" … ")
        else:
            quotes.append(" ")
        quotes.append(_quote_html(text, sentence, list(mentions), plain))
        last_end = sentence[1]
    quotes.append(f' <a href="{url}#{paragraph_anchor(current)}">¶\u00a0{current}</a></p>')
    lines.append(f"<blockquote>{''.join(quotes)}</blockquote>")
    return "\n".join(lines)


def quote_text(quoted: QuotedArticle) -> str:
    """The first sentence that mentions the actor, as plain text (no markers, single spaces): what a feed entry says."""
    paragraph, (start, end), _ = quoted.sentences[0]
    text = quoted.article.paragraphs[paragraph - 1].text[start:end]
    return " ".join(_MARKER.sub("", text).split())


def feed_path(actor_id: str) -> str:
    """Where the actor's Atom feed is, from the site's root."""
    return f"actors/{actor_id}/feed.xml"


EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
"""Beside each actor's feed. Material's instant navigation takes every `<link rel="alternate">` in a page's head for
another language of the site and fetches `sitemap.xml` next to it: for the feed the actor page announces, that is
`actors/<id>/sitemap.xml`. Without a file there, every visit logs a failed request; with this one, which lists no
page, Material finds nothing to switch to and leaves navigation alone."""


def render_actor_files(glossary: Glossary, actor: Actor, co_mentions: Counter[str]) -> dict[str, str]:
    """`actors/<id>.md`, its year and month pages when it has them (actor_pages.py), and its feed `actors/<id>/feed.xml`."""
    quoted = quoted_articles(glossary, actor.id)
    files: dict[str, str] = {}
    page = render_actor_page(glossary, actor, co_mentions, quoted, files)
    files[f"actors/{actor.id}.md"] = page
    dated = [q for q in quoted if q.article.date][:FEED_SIZE]
    files[feed_path(actor.id)] = render_actor_feed(actor.id, actor.name, [(q.article, quote_text(q), q.sentences[0][0]) for q in dated])
    files[f"actors/{actor.id}/sitemap.xml"] = EMPTY_SITEMAP
    return dict(sorted(files.items()))


# Quote blocks are rendered as year pages read them (two folders below `actors/`); the actor page, a folder higher,
# gets them by this replacement, which only ever meets our own links: quoted text has its `<` escaped.
_FROM_PERIOD_PAGE, _FROM_ACTOR_PAGE = '<a href="../../../articles/', '<a href="../../articles/'


def _mentions_section(glossary: Glossary, actor: Actor, quoted: list[QuotedArticle], files: dict[str, str]) -> list[str]:
    """The timeline, the quotes that fit on the page (by month, newest first), and links to the year pages for the rest."""
    name = escape_inline(actor.name)
    out = [f"Follow new articles that mention {name}: {link('Atom feed', f'{actor.id}/feed.xml', f'Articles that mention {actor.name}, newest first')}"]
    out += ["{: .actor-feed }", ""]
    if not quoted:
        return [*out, "No article mentions this actor yet.", ""]
    months = [month_of(q.article.date) for q in quoted]
    blocks = [quote_block(glossary, q, "../../../articles/") for q in quoted]
    mentions = [q.mentions for q in quoted]
    plan = plan_pages(months, [len(block.encode()) for block in blocks])
    counts: dict[str, list[int]] = {}
    for month, count in zip(months, mentions, strict=True):
        counts.setdefault(month, [0, 0])
        counts[month][0] += count
        counts[month][1] += 1
    hrefs = month_hrefs(plan, months)
    drawn = {month: MonthCount(found[0], found[1], hrefs[month]) for month, found in counts.items()}
    out += [timeline_html(actor.name, glossary.archive_months, drawn), ""]
    shown = range(plan.on_actor_page)
    if plan.years:
        out += [f"The latest {plural(len(shown), 'article')}, newest first; every quote is on the [pages by year](#{QUOTES_BY_YEAR}) below.", ""]
    out += quotes_by_month(months, [blocks[i].replace(_FROM_PERIOD_PAGE, _FROM_ACTOR_PAGE) for i in shown], shown, "###")
    if plan.years:
        out += [f"## Quotes by year {{: #{QUOTES_BY_YEAR} }}", "", "Every quote, on a page per year (a busy year on several), newest first.", ""]
        out += [*year_links(actor.id, plan, mentions), ""]
        feed_meta = {"feed": feed_path(actor.id), "feed_title": f"Articles that mention {actor.name}"}
        files.update(render_period_pages(ActorRef(actor.id, name, html_safe_title(actor.name), feed_meta), plan, months, blocks, mentions))
    return out


def render_actor_page(
    glossary: Glossary, actor: Actor, co_mentions: Counter[str], quoted: list[QuotedArticle] | None = None, files: dict[str, str] | None = None
) -> str:
    """`actors/<id>.md`: name, lead, type, aliases, roles, relations both ways, mentions, co-mentions, edit link.

    `files` receives the actor's year and month pages, when its quotes do not all fit on this one.
    """
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
        "feed": feed_path(actor.id),
        "feed_title": f"Articles that mention {actor.name}",
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
    out += [f"## Mentioned in {plural(len(articles), 'article')}", ""]
    out += _mentions_section(glossary, actor, quoted_articles(glossary, actor.id) if quoted is None else quoted, {} if files is None else files)
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
