"""Golden ingestion cases: each file in golden/sources/ is a source text with the page and problems it must give."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.build import build
from tests.golden import load_case, save_case

CASES = sorted((Path(__file__).parent / "golden" / "sources").glob("*.yml"))


def _encode(case: dict[str, object]) -> bytes:
    text = str(case["input"])
    options = case.get("input_options") or {}
    assert isinstance(options, dict)
    text = text.replace("\n", str(options.get("newline", "\n")))
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if options.get("bom") else data


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_golden_source(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    case = load_case(case_path)
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "outlets.yml").write_text("washingtonpost.com: The Washington Post\nreuters.com: Reuters\n", encoding="utf-8")
    (content / "sources" / f"{case_path.stem}.txt").write_bytes(_encode(case))
    monkeypatch.chdir(tmp_path)

    result = build(Path("content"), Path("out"))

    problems = [p.format() for p in result.problems]
    pages = sorted(Path("out/articles").glob("*.md")) if result.wrote else []
    pages = [p for p in pages if p.name != "index.md"]
    output = pages[0].read_text(encoding="utf-8") if pages else None
    if update_goldens:
        case["expected_problems"] = problems
        case["expected_output"] = output
        save_case(case_path, case)
        return
    assert problems == case["expected_problems"]
    assert output == case["expected_output"]


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES) >= 16
