"""The pull-request report (`report --base REF`): golden cases, each a base content folder, a change and the whole report.

Each file in golden/report/ holds `base` (files of content/ committed on main; `seed` names files copied
from tests/fixtures/seed/), `change` (files the branch writes, or null to delete), the `base_ref` to compare
with (main unless given) and `expected_report`. `pytest --update-goldens` rewrites the expected reports.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_tools.cli import main
from tests.golden import load_case, save_case
from tests.seed import SEED_CONTENT

CASES = sorted((Path(__file__).parent / "golden" / "report").glob("*.yml"))
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def make_repo(root: Path, case: dict[str, object]) -> Path:
    """A git repository whose main branch holds the case's base content, with the case's change in the working tree."""
    repo = root / "repo"
    content = repo / "content"
    seed = case.get("seed") or []
    base = case.get("base") or {}
    change = case.get("change") or {}
    assert isinstance(seed, list) and isinstance(base, dict) and isinstance(change, dict)
    for name in seed:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes((SEED_CONTENT / name).read_bytes())
    for name, text in base.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "branch")
    for name, text in change.items():
        if text is None:
            (content / name).unlink()
        else:
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_text(text, encoding="utf-8")
    return repo


def run_report(repo: Path, base: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(repo)
    capsys.readouterr()
    code = main(["report", "--base", base])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_golden_report(case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    case = load_case(case_path)
    repo = make_repo(tmp_path, case)
    code, report, err = run_report(repo, str(case.get("base_ref", "main")), monkeypatch, capsys)
    assert code == 0, err
    if update_goldens:
        case["expected_report"] = report
        save_case(case_path, case)
        return
    assert report == case["expected_report"]


def test_every_report_case_says_what_it_shows() -> None:
    assert {p.stem for p in CASES} >= {"new-article-and-actor", "actor-changed", "alias-clash-on-the-edited-file", "unchanged", "broken-files"}
    for path in CASES:
        case = load_case(path)
        assert case.get("description"), f"{path.name}: say what the case shows"
        assert "expected_report" in case, f"{path.name}: run pytest --update-goldens and review the result"


def test_a_committed_change_against_its_parent_is_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """CI reports a pushed commit against the one before it: the report reads committed content as it reads the working tree."""
    case = load_case(Path(__file__).parent / "golden" / "report" / "new-article-and-actor.yml")
    repo = make_repo(tmp_path, case)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "branch")
    code, report, _ = run_report(repo, "HEAD~1", monkeypatch, capsys)
    assert code == 0
    assert report == str(case["expected_report"]).replace("against `main`", "against `HEAD~1`", 1)


def test_report_with_an_unknown_base_says_how_to_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path, {"base": {"outlets.yml": "reuters.com: Reuters\n"}})
    code, out, err = run_report(repo, "origin/nope", monkeypatch, capsys)
    assert code == 2 and out == ""
    assert "cannot compare with `origin/nope`" in err and "git fetch" in err
