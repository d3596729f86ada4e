"""Registries and articles in memory, and small content folders on disk, for the tests of the link and check phases."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_tools.actor_schema import SCHEMA_COMMENT
from build_tools.model import Article, Paragraph
from build_tools.registry import Actor, Alias, Registry

ActorSpec = tuple[str, str, str, Iterable[tuple[object, ...]]]


def make_registry(specs: Iterable[ActorSpec]) -> Registry:
    """A registry from (id, name, type, alias tuples) rows, without YAML files."""
    actors: dict[str, Actor] = {}
    for actor_id, name, actor_type, aliases in specs:
        actors[actor_id] = Actor(
            id=actor_id,
            path=Path(f"actors/{actor_id}.yml"),
            name=name,
            type=actor_type,
            aliases=tuple(Alias(*alias) for alias in aliases),  # type: ignore[arg-type]
            description="An actor.",
            description_source="https://example.org",
            roles=(),
            relations=(),
            external_ids=(),
            not_same_as=(),
        )
    return Registry(dict(sorted(actors.items())))


def make_article(article_id: str, index: int, paragraphs: list[str]) -> Article:
    """An article holding only the given paragraphs (the first on line 5, as after a four-line header)."""
    return Article(
        id=article_id,
        path=Path(f"sources/article-{index}.txt"),
        source_url="https://example.org/story.html",
        title="A title",
        byline=None,
        authors=(),
        affiliations=(),
        date=None,
        date_text=None,
        outlet="Example",
        related=(),
        paragraphs=tuple(Paragraph(text, 5 + number) for number, text in enumerate(paragraphs)),
        contributor_lines=(),
        contributors=(),
        references=(),
        unnumbered_urls=(),
        overridden=(),
    )


def write_content(actors: dict[str, str], sources: dict[str, str]) -> Path:
    """`content/` below the working directory: each actor file (id -> its YAML before the lead, which every actor gets)
    and each source (file name -> text), with an outlets file that knows The Washington Post."""
    root = Path("content")
    (root / "actors").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "outlets.yml").write_text("washingtonpost.com: The Washington Post\n", encoding="utf-8")
    for actor_id, body in actors.items():
        (root / "actors" / f"{actor_id}.yml").write_text(
            f"{SCHEMA_COMMENT}\n{body}description: Something.\ndescription_source: https://example.org/{actor_id}\n", encoding="utf-8"
        )
    for name, text in sources.items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    return root
