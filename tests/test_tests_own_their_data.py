"""Tests build from fixtures under tests/, never from the live content/ (which `make test` checks with `build_tools check`).

A contributor's valid articles and actors must change no test result: a test that read content/ would fail
on a content pull request for a reason the contributor cannot act on.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# `ROOT / "content"`, `REPO / "content"`, `parents[1] / "content"`: the repository's own content folder.
LIVE_CONTENT = re.compile(r"""(?:ROOT|REPO|parent|parents\[\d\])\s*/\s*["']content["']""")


def live_content_reads(text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1) if LIVE_CONTENT.search(line)]


def test_no_test_reads_the_live_content() -> None:
    found = [
        f"{path.relative_to(TESTS.parent)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__).resolve()
        for number in live_content_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "tests must build from fixtures under tests/ (e.g. tests.seed.SEED_CONTENT), not from content/: " + ", ".join(found)


def test_the_guard_sees_the_usual_spellings() -> None:
    assert live_content_reads('site = build(ROOT / "content", out)\nx = REPO/"content"\ny = Path(__file__).parents[1] / "content"') == [1, 2, 3]
    assert live_content_reads('content = tmp_path / "content"\nfixture = ROOT / "tests" / "site_fixture" / "content"') == []
