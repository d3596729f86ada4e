"""The pull-request report lists exactly what a branch added, against its base commit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.seed import ROOT, SEED_CONTENT, SEED_SOURCE

ARTICLE = """https://www.reuters.com/article/us-mideast-crisis-iraq-tikrit-idUSKBN0MN0UX20150327
Iraqi forces advance in Tikrit after U.S. air strikes
By Ned Parker
March 27, 2015
Iraqi forces pushed into Tikrit on Friday after U.S. air strikes, while Kataib Hezbollah fighters stayed outside the city.
Kataib Hezbollah said it would not fight alongside the Americans. Gen. Joseph Dunford was not consulted.
"""
ACTOR = """# yaml-language-server: $schema=../actors.schema.json
name: Tikrit
type: place
description: Tikrit is a city in Iraq's Salahuddin province, on the Tigris north of Baghdad.
description_source: https://en.wikipedia.org/wiki/Tikrit
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "content" / "sources").mkdir(parents=True)
    (repo / "content" / "actors").mkdir()
    for name in ("kataib-hezbollah", "iran", "united-states", "iraq"):
        (repo / "content" / "actors" / f"{name}.yml").write_bytes((SEED_CONTENT / "actors" / f"{name}.yml").read_bytes())
    (repo / "content" / "sources" / "seed.txt").write_bytes(SEED_SOURCE.read_bytes())
    (repo / "content" / "outlets.yml").write_text("washingtonpost.com: The Washington Post\nreuters.com: Reuters\n", encoding="utf-8")
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "branch")
    (repo / "content" / "sources" / "tikrit.txt").write_text(ARTICLE, encoding="utf-8")
    (repo / "content" / "actors" / "tikrit.yml").write_text(ACTOR, encoding="utf-8")
    return repo


def run_report(repo: Path, base: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "report", "--base", base],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def section(report: str, title: str) -> list[str]:
    lines = report.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"### {title} (")), None)
    if start is None:
        return []
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("- "):
            break
        rows.append(line)
    return rows


def test_report_lists_exactly_what_the_branch_added(repo: Path) -> None:
    run = run_report(repo, "main")
    assert run.returncode == 0, run.stderr
    report = run.stdout
    assert section(report, "Articles added") == [
        "- `2015-03-27-iraqi-forces-advance-in-tikrit-after-u-s-air-strikes` Iraqi forces advance in Tikrit after U.S. air strikes (`sources/tikrit.txt`)"
    ]
    assert section(report, "Actors added") == ["- `tikrit` Tikrit (place)"]
    assert section(report, "New links") == [
        "- `2015-03-27-iraqi-forces-advance-in-tikrit-after-u-s-air-strikes` → `kataib-hezbollah`",
        "- `2015-03-27-iraqi-forces-advance-in-tikrit-after-u-s-air-strikes` → `tikrit`",
        "- `2015-03-27-iraqi-forces-advance-in-tikrit-after-u-s-air-strikes` → `united-states`",
        "- `2015-08-08-expanding-u-s-role-in-iraq-strains-awkward-alliance-with-iran` → `tikrit`",
    ]
    assert section(report, "Articles changed") == []
    assert section(report, "Actors changed") == []
    assert "Joseph Dunford" in "\n".join(section(report, "Names the registry lacks"))


def test_report_on_an_unchanged_branch_lists_nothing_added(repo: Path) -> None:
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "branch")
    run = run_report(repo, "HEAD")
    assert run.returncode == 0, run.stderr
    assert "**0** articles added" in run.stdout and "**0** actors added" in run.stdout and "**0** new links" in run.stdout


def test_report_with_an_unknown_base_says_how_to_fix(repo: Path) -> None:
    run = run_report(repo, "origin/nope")
    assert run.returncode == 2
    assert "cannot compare with `origin/nope`" in run.stderr and "git fetch" in run.stderr
