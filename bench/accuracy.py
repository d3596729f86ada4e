"""`make accuracy`: how well linking and suggestions do on a corpus of texts with hand-checked gold.

    python -m bench.accuracy [--corpus DIR] [--split dev|test|all] [--show-gold] [--stats] [--text STEM]

For each text: linking precision and recall against the gold mentions of registry actors, and the share of links to a
wrong actor; suggestion precision and recall against the gold actors the registry lacks; then the same overall, for
the dev split, the test split and both; then, text by text, what was missed and what was junk. Figures are printed,
never asserted here (`tests/test_accuracy.py` holds them above floors). The corpus format and the annotation rules are
in `tests/corpus/README.md` and `tests/corpus/RULES.md`; `--corpus` measures any folder of the same layout.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.gold import SPLITS, Corpus, GoldActor, GoldMention, GoldText, derive_mentions, load_corpus
from build_tools.link import link_articles
from build_tools.model import Article, Mention

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "corpus"


@dataclass(frozen=True)
class Suggested:
    """One suggestion the engine makes for a text."""

    text: str
    """The name as suggested: it counts when it is exactly a form of a gold actor the registry lacks."""
    type: str | None
    """The type the engine guesses, when it guesses one."""


def suggest(source: Path, actors: Path) -> list[Suggested]:
    """The suggestion engine's suggestions for one text, measured against the registry in `actors`.

    The one place the harness calls the engine: today `check` on a content folder holding this text alone (a contributor
    pasting one new article); swap the engine here. One text at a time, so a text's figures do not depend on the others.
    """
    from build_tools.check import check_content

    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "sources").mkdir()
        (content / "sources" / source.name).write_bytes(source.read_bytes())
        (content / "actors").symlink_to(actors.resolve(), target_is_directory=True)
        checked = check_content(content)
    return [Suggested(s.text, getattr(s, "type", None)) for s in checked.suggestions]


@dataclass
class Tally:
    """Counts for one text or a group of texts; the figures are ratios of them."""

    texts: int = 0
    """How many texts are counted."""
    gold_links: int = 0
    """Gold mentions of registry actors."""
    links: int = 0
    """Mentions the linker made."""
    correct_links: int = 0
    """Links with a gold mention's exact span and actor."""
    wrong_actor_links: int = 0
    """Links overlapping a gold mention of another actor (one the registry lacks included: `Baghdad` in `U.S. Embassy Baghdad`)."""
    new_actors: int = 0
    """Gold actors the registry lacks."""
    found_actors: int = 0
    """Of those, the ones suggested by one of their forms."""
    suggestions: int = 0
    """Distinct suggestions made (per text)."""
    correct_suggestions: int = 0
    """Of those, the ones that are exactly a form of a gold actor the registry lacks."""
    typed: int = 0
    """Correct suggestions that carry a type."""
    right_type: int = 0
    """Of those, the ones whose type is the gold type."""

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def link_precision(self) -> float | None:
        return _ratio(self.correct_links, self.links)

    @property
    def link_recall(self) -> float | None:
        return _ratio(self.correct_links, self.gold_links)

    @property
    def wrong_actor_rate(self) -> float | None:
        return _ratio(self.wrong_actor_links, self.links)

    @property
    def suggestion_precision(self) -> float | None:
        return _ratio(self.correct_suggestions, self.suggestions)

    @property
    def suggestion_recall(self) -> float | None:
        return _ratio(self.found_actors, self.new_actors)

    @property
    def type_accuracy(self) -> float | None:
        return _ratio(self.right_type, self.typed)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class TextResult:
    """What one text scored, and why."""

    text: GoldText
    """The text with its gold."""
    tally: Tally
    """Its counts."""
    missed_actors: list[GoldActor] = field(default_factory=list)
    """Gold actors the registry lacks that no suggestion names."""
    junk: list[str] = field(default_factory=list)
    """Suggestions that are no form of a gold actor the registry lacks, each with why."""
    missed_links: list[str] = field(default_factory=list)
    """Gold mentions of registry actors the linker did not make exactly."""
    bad_links: list[str] = field(default_factory=list)
    """Links that are not a gold mention: wrong actor, wrong span, or nothing there."""


def _where(paragraph: int, text: str) -> str:
    return f"¶{paragraph} `{text}`"


def score_links(gold: Sequence[GoldMention], links: Sequence[Mention], result: TextResult) -> None:
    """Compare the linker's mentions with the gold mentions of one text."""
    tally = result.tally
    by_span = {(m.paragraph, m.start, m.end): m for m in gold}
    linked = {(m.paragraph, m.start, m.end, m.actor) for m in links}
    tally.gold_links += sum(1 for m in gold if m.actor.registry)
    tally.links += len(links)
    for m in gold:
        if m.actor.registry and (m.paragraph, m.start, m.end, m.actor.registry) not in linked:
            result.missed_links.append(f"{_where(m.paragraph, m.text)} -> {m.actor.registry}")
    for link in links:
        exact = by_span.get((link.paragraph, link.start, link.end))
        if exact is not None and exact.actor.registry == link.actor:
            tally.correct_links += 1
            continue
        overlapping = [m for m in gold if m.paragraph == link.paragraph and m.start < link.end and link.start < m.end]
        if any(m.actor.registry == link.actor for m in overlapping):
            result.bad_links.append(f"{_where(link.paragraph, link.text)} -> {link.actor}: wrong span (gold: {', '.join(f'`{m.text}`' for m in overlapping)})")
        elif overlapping:
            tally.wrong_actor_links += 1
            result.bad_links.append(
                f"{_where(link.paragraph, link.text)} -> {link.actor}: WRONG ACTOR (gold: {', '.join(f'`{m.text}` {m.actor.key}' for m in overlapping)})"
            )
        else:
            result.bad_links.append(f"{_where(link.paragraph, link.text)} -> {link.actor}: no gold mention there")


def score_suggestions(actors: Sequence[GoldActor], suggested: Sequence[Suggested], result: TextResult) -> None:
    """Compare the engine's suggestions for one text with its gold actors the registry lacks."""
    tally = result.tally
    owner = {form: actor for actor in actors for form in actor.forms}
    new = [actor for actor in actors if actor.registry is None]
    found: set[str] = set()
    seen: set[str] = set()
    for suggestion in suggested:
        if suggestion.text in seen:
            continue
        seen.add(suggestion.text)
        tally.suggestions += 1
        actor = owner.get(suggestion.text)
        if actor is None:
            result.junk.append(f"`{suggestion.text}`")
        elif actor.registry is not None:
            result.junk.append(f"`{suggestion.text}` (a form of registry actor {actor.registry})")
        else:
            tally.correct_suggestions += 1
            found.add(actor.name)
            if suggestion.type is not None:
                tally.typed += 1
                tally.right_type += suggestion.type == actor.type
    tally.new_actors += len(new)
    tally.found_actors += len(found)
    result.missed_actors.extend(actor for actor in new if actor.name not in found)


def measure(corpus: Corpus, texts: Iterable[GoldText]) -> list[TextResult]:
    """Link every text of the corpus with its registry, ask the engine for suggestions, and score both."""
    chosen = [text for text in texts if text.stem in corpus.articles]
    articles: list[Article] = [corpus.articles[text.stem] for text in chosen]
    links, _ = link_articles(corpus.registry, articles)
    results: list[TextResult] = []
    for text, article in zip(chosen, articles, strict=True):
        result = TextResult(text, Tally(texts=1))
        gold, _ = derive_mentions([p.text for p in article.paragraphs], text.actors)
        score_links(gold, links.get(article.id, []), result)
        score_suggestions(text.actors, suggest(text.source_path, corpus.folder / "actors"), result)
        results.append(result)
    return results


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


_HEADER = f"{'text':<40} {'split':<5} | {'gold':>4} {'links':>5} {'P':>4} {'R':>4} {'wrong':>5} | {'new':>4} {'sugg':>4} {'P':>4} {'R':>4} {'type':>4}"


def _row(label: str, split: str, tally: Tally) -> str:
    wrong = "    -" if tally.wrong_actor_rate is None else f"{100 * tally.wrong_actor_rate:4.1f}%"
    return (
        f"{label:<40} {split:<5} | {tally.gold_links:>4} {tally.links:>5} {_figure(tally.link_precision)} {_figure(tally.link_recall)} {wrong:>5} | "
        f"{tally.new_actors:>4} {tally.suggestions:>4} {_figure(tally.suggestion_precision)} {_figure(tally.suggestion_recall)} {_figure(tally.type_accuracy)}"
    )


def totals(results: Sequence[TextResult]) -> dict[str, Tally]:
    """The tallies of the dev split, the test split and all texts."""
    groups = {split: Tally() for split in (*SPLITS, "all")}
    for result in results:
        groups[result.text.split].add(result.tally)
        groups["all"].add(result.tally)
    return groups


def report(results: Sequence[TextResult], details: bool = True) -> str:
    """The table (a row per text, then the splits), then each text's misses and junk."""
    lines = [
        "Linking: gold = gold mentions of registry actors, links = mentions made, P/R = exact span and actor, wrong = links to another actor.",
        "Suggestions: new = gold actors the registry lacks, sugg = suggestions made, P = share naming one of them exactly, R = share of them suggested,",
        "type = share of correct suggestions with the gold type (- when the engine guesses none).",
        "",
        _HEADER,
        "-" * len(_HEADER),
    ]
    lines += [_row(result.text.stem, result.text.split, result.tally) for result in results]
    lines.append("-" * len(_HEADER))
    for split, tally in totals(results).items():
        if tally.texts:
            lines.append(_row(f"{split} ({tally.texts} texts)", split, tally))
    if details:
        for result in results:
            lines += ["", f"## {result.text.stem} ({result.text.split}, {result.text.form})"]
            if result.missed_actors:
                lines.append("  missed actors: " + "; ".join(f"{a.name} ({a.type})" for a in result.missed_actors))
            if result.junk:
                lines.append("  junk suggestions: " + "; ".join(result.junk))
            if result.missed_links:
                lines.append("  links missed: " + "; ".join(result.missed_links))
            if result.bad_links:
                lines.append("  links wrong: " + "; ".join(result.bad_links))
    return "\n".join(lines)


_CAPITALISED = re.compile(r"(?<![^\W_])[A-Z][\w'’.-]*")


def _registry_names(corpus: Corpus, text: str) -> list[tuple[int, int, str]]:
    """Where a registry name or alias occurs in a text (case-insensitive unless the alias says otherwise): for the annotator to look at."""
    found = []
    for actor in corpus.registry.actors.values():
        for alias in actor.names():
            flags = 0 if alias.case_sensitive else re.IGNORECASE
            for match in re.finditer(r"(?<![^\W_])" + re.escape(alias.text) + r"(?![^\W_])", text, flags):
                found.append((match.start(), match.end(), actor.id))
    return sorted(found)


def show_gold(corpus: Corpus, texts: Iterable[GoldText]) -> str:
    """Each text's paragraphs with the derived mentions in brackets, and the capitalised words outside them, for checking by eye."""
    lines: list[str] = []
    for text in texts:
        article = corpus.articles.get(text.stem)
        if article is None:
            continue
        mentions, problems = derive_mentions([p.text for p in article.paragraphs], text.actors)
        lines.append(f"=== {text.stem} ({text.split}, {text.form}): {len(text.actors)} actors, {len(mentions)} mentions")
        lines += [f"  PROBLEM: {problem}" for problem in problems]
        for number, paragraph in enumerate(article.paragraphs, start=1):
            here = [m for m in mentions if m.paragraph == number]
            marked, outside, position = [], [], 0
            for m in here:
                outside.append(paragraph.text[position : m.start])
                marked.append(paragraph.text[position : m.start])
                marked.append(f"[{m.text}|{m.actor.registry or m.actor.type}]")
                position = m.end
            marked.append(paragraph.text[position:])
            outside.append(paragraph.text[position:])
            lines.append(f"  ¶{number}: {''.join(marked)}")
            left = sorted(set(_CAPITALISED.findall(" | ".join(outside))))
            if left:
                lines.append(f"      capitalised outside: {', '.join(left)}")
            known = [
                f"`{paragraph.text[start:end]}` ({actor})"
                for start, end, actor in _registry_names(corpus, paragraph.text)
                if not any(m.start <= start and end <= m.end for m in here)
            ]
            if known:
                lines.append(f"      registry names outside every mention: {', '.join(known)}")
        lines.append("")
    return "\n".join(lines)


def _shape(form: str) -> str:
    """What a form looks like, as the engine sees it."""
    if form[:1].islower():
        return "lower-case start"
    if re.fullmatch(r"[A-Z0-9&.\-]{2,}", form) and any(ch.isalpha() for ch in form):
        return "acronym"
    if " " not in form:
        return "one word"
    if form.startswith("U.S. "):
        return "U.S. + words"
    return "several words"


def statistics(corpus: Corpus, texts: Sequence[GoldText]) -> str:
    """Texts, actors and mentions by split, type and form shape."""
    lines = []
    by_type: Counter[tuple[str, str]] = Counter()
    shapes: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        article = corpus.articles.get(text.stem)
        if article is None:
            continue
        mentions, _ = derive_mentions([p.text for p in article.paragraphs], text.actors)
        total[f"texts ({text.split})"] += 1
        total["words"] += sum(len(p.text.split()) for p in article.paragraphs)
        for actor in text.actors:
            kind = "known" if actor.registry else "new"
            by_type[(actor.type, f"actors {kind}")] += 1
            total[f"actors {kind}"] += 1
            for form in actor.forms:
                shapes[(_shape(form), f"forms {kind}")] += 1
        for m in mentions:
            kind = "known" if m.actor.registry else "new"
            by_type[(m.actor.type, f"mentions {kind}")] += 1
            total[f"mentions {kind}"] += 1
            shapes[(_shape(m.text), f"mentions {kind}")] += 1
    lines.append("corpus: " + ", ".join(f"{value} {key}" for key, value in sorted(total.items())))
    columns = ("actors known", "actors new", "mentions known", "mentions new")
    lines.append(f"{'type':<24}" + "".join(f"{c:>16}" for c in columns))
    for kind in sorted({k for k, _ in by_type}):
        lines.append(f"{kind:<24}" + "".join(f"{by_type[(kind, c)]:>16}" for c in columns))
    columns = ("forms known", "forms new", "mentions known", "mentions new")
    lines.append(f"{'form shape':<24}" + "".join(f"{c:>16}" for c in columns))
    for kind in sorted({k for k, _ in shapes}):
        lines.append(f"{kind:<24}" + "".join(f"{shapes[(kind, c)]:>16}" for c in columns))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a folder with sources/, gold/ and actors/ (default: tests/corpus)")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all", help="which texts to measure (default: all)")
    parser.add_argument("--text", action="append", default=[], help="measure only this text (its NN-slug stem); repeatable")
    parser.add_argument("--show-gold", action="store_true", help="print the derived gold mentions per paragraph instead of measuring")
    parser.add_argument("--stats", action="store_true", help="print the corpus statistics instead of measuring")
    parser.add_argument("--brief", action="store_true", help="the table only, without each text's misses and junk")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    for problem in corpus.problems:
        print(f"corpus problem: {problem}", file=sys.stderr)
    texts = [t for t in corpus.texts if (args.split == "all" or t.split == args.split) and (not args.text or t.stem in args.text)]
    if not texts:
        print(f"no texts to measure in {args.corpus} (split {args.split})", file=sys.stderr)
        return 1
    if args.show_gold:
        print(show_gold(corpus, texts))
    elif args.stats:
        print(statistics(corpus, texts))
    else:
        print(f"corpus: {args.corpus} ({len(texts)} texts, registry of {len(corpus.registry)} actors)")
        print(report(measure(corpus, texts), details=not args.brief))
    return 1 if corpus.problems else 0


if __name__ == "__main__":
    sys.exit(main())
