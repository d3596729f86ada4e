"""Golden linking cases: each file in golden/linking/ is a tiny registry and article with the mentions and warnings it must give."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.build import analyse
from tests.golden import load_case, save_case

CASES = sorted((Path(__file__).parent / "golden" / "linking").glob("*.yml"))
HEADER = "https://www.washingtonpost.com/world/2015/08/08/story.html\nHeadline of the test article\nBy Jane Doe\nAugust 8, 2015\n"


def write_content(root: Path, actors: dict[str, dict[str, object]], paragraphs: list[str]) -> Path:
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "actors").mkdir()
    (content / "outlets.yml").write_text("washingtonpost.com: The Washington Post\n", encoding="utf-8")
    (content / "sources" / "article.txt").write_text(HEADER + "\n".join(paragraphs) + "\n", encoding="utf-8")
    for actor_id, data in actors.items():
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (content / "actors" / f"{actor_id}.yml").write_text(f"# yaml-language-server: $schema=../actors.schema.json\n{body}", encoding="utf-8")
    return content


def describe_mentions(content: Path) -> tuple[list[str], list[str]]:
    result = analyse(content)
    article = result.articles[0]
    mentions = [f"p{m.paragraph} {m.start}-{m.end} {m.text!r} -> {m.actor}{' (linked)' if m.linked else ''}" for m in result.mentions[article.id]]
    problems = [p.format() for p in result.problems if "no article mentions" not in p.message]
    return mentions, problems


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_golden_linking(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    case = load_case(case_path)
    monkeypatch.chdir(tmp_path)
    content = write_content(Path("."), case["actors"], case["paragraphs"])
    mentions, problems = describe_mentions(content)
    if update_goldens:
        case["expected_mentions"] = mentions
        case["expected_problems"] = problems
        save_case(case_path, case)
        return
    assert mentions == case["expected_mentions"]
    assert problems == case["expected_problems"]


RULES = {
    "longest-match-wins",
    "possessive",
    "surname-before-full-name",
    "title-context",
    "distinctive-surname",
    "acronym-case-sensitive",
    "multi-word-any-case",
    "all-caps-dateline",
    "is-versus-IS",
    "url-in-text",
    "inside-word",
    "normalisation",
    "transliteration-and-misspelling",
    "link-false",
    "first-mention-linked-only",
    "no-match-across-punctuation",
    "washington-person-or-city",
    "initials-in-name",
    "marker-and-line-wrap",
    "demonyms",
    "surname-inside-other-name",
    "dotted-abbreviations",
}


def test_every_linking_rule_has_a_golden_case() -> None:
    assert {p.stem for p in CASES} >= RULES
    for path in CASES:
        case = load_case(path)
        assert case.get("description"), f"{path.name}: say which rule the case shows"
        assert "expected_mentions" in case and "expected_problems" in case, f"{path.name}: run pytest --update-goldens and review the result"
