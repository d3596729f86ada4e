"""One whole-site build of a fixed content folder, diffed against the committed expected tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.build import build
from build_tools.write import MARKER_FILE

FIXTURE = Path(__file__).parent / "site_fixture"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != MARKER_FILE}


def test_whole_site_matches_expected_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    monkeypatch.chdir(FIXTURE)
    monkeypatch.setenv("EDIT_BASE_URL", "https://github.com/example/archive/edit/main/content/")
    out = tmp_path / "docs"
    result = build(Path("content"), out)
    assert result.wrote
    problems = "".join(f"{p.format()}\n" for p in result.problems)
    expected_dir = FIXTURE / "expected"
    if update_goldens:
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(out, expected_dir, ignore=shutil.ignore_patterns(MARKER_FILE))
        (FIXTURE / "expected-problems.txt").write_text(problems, encoding="utf-8")
        return
    actual, expected = _tree(out), _tree(expected_dir)
    assert sorted(actual) == sorted(expected), "files added or missing: run pytest --update-goldens and review the diff"
    for name in sorted(expected):
        assert actual[name].decode("utf-8", "replace") == expected[name].decode("utf-8", "replace"), f"{name} differs"
    assert problems == (FIXTURE / "expected-problems.txt").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)
    build(Path("content"), tmp_path / "one")
    build(Path("content"), tmp_path / "two")
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
