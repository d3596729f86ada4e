"""`check_content`, the one pass `check` makes, reports what reading, linking and scanning the whole folder in one process reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate
from build_tools import processes
from build_tools.build import analyse
from build_tools.check import Checked, Suggestion, check_content, scan
from build_tools.problems import Problem


def _one_process(content: Path) -> Checked:
    """The road `check` took before `check_content`: analyse everything, then scan."""
    result = analyse(content)
    found = scan(result.articles, result.registry, result.mentions)
    return Checked(sorted(result.problems + found.near_misses), found.suggestions, len(result.articles), len(result.registry))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark corpus, small, with a broken source, a misspelt name and an actor no article names."""
    content = generate(tmp_path_factory.mktemp("corpus"), articles=36, actors=50, words=250)
    sources = sorted((content / "sources").glob("*.txt"))
    (content / "sources" / "zz-broken.txt").write_text("not an article\n", encoding="utf-8")
    text = sources[3].read_text(encoding="utf-8")
    actor = (content / "actors" / "actor-00001.yml").read_text(encoding="utf-8")
    name = next(line.split(":", 1)[1].strip().strip('"') for line in actor.splitlines() if line.startswith("name:"))
    # One letter doubled: a near miss of the actor's name.
    misspelt = name[:2] + name[2] + name[2:]
    sources[3].write_text(text.replace("\n\n", f"\n\nOfficials said {misspelt} had moved.\n\n", 1), encoding="utf-8")
    (content / "actors" / "nobody-mentions-me.yml").write_text(
        'name: "Zzyzx Qwop"\ntype: person\ndescription: "A person no article names."\ndescription_source: "https://example.org/zzyzx"\n',
        encoding="utf-8",
    )
    return content


def _expected(content: Path, monkeypatch: pytest.MonkeyPatch) -> Checked:
    with monkeypatch.context() as patch:
        patch.setattr(processes, "PARALLEL_FROM", 10**9)
        return _one_process(content)


def test_the_corpus_has_each_kind_of_problem(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _expected(corpus, monkeypatch)
    messages = [p.format() for p in expected.problems]
    assert any("zz-broken.txt" in m and ": error: " in m for m in messages), messages
    assert any("no article mentions Zzyzx Qwop" in m for m in messages), messages
    assert any("looks like" in m for m in messages), messages
    assert expected.suggestions


def test_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _expected(corpus, monkeypatch)
    monkeypatch.setattr(processes, "PARALLEL_FROM", 10**9)
    assert check_content(corpus) == expected


def test_two_processes(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _expected(corpus, monkeypatch)
    monkeypatch.setattr(processes, "PARALLEL_FROM", 10)
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    assert check_content(corpus) == expected


def test_a_failing_child_leaves_its_half_to_the_parent(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _expected(corpus, monkeypatch)
    started: list[int] = []

    def dies(work: object) -> object:
        started.append(1)
        return lambda: None  # what the waiter gives when the child died before sending

    monkeypatch.setattr(processes, "PARALLEL_FROM", 10)
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    monkeypatch.setattr(processes, "in_forked_child", dies)
    assert check_content(corpus) == expected
    assert started == [1, 1]  # the registry's actor files, then the sources


def test_an_article_pasted_into_both_halves_is_checked_once(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    sources = sorted((content / "sources").glob("*.txt"))
    # The first article again, under a name that sorts into the later half: same URL and headline, so the same id.
    shutil.copy(sources[0], content / "sources" / "zz-copy.txt")
    expected = _expected(content, monkeypatch)
    assert any("is also the id of" in p.format() for p in expected.problems)
    monkeypatch.setattr(processes, "PARALLEL_FROM", 10)
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    assert check_content(content) == expected


@settings(max_examples=300, deadline=None)
@given(
    path=st.text(),
    line=st.integers(min_value=0, max_value=10**6),
    severity=st.sampled_from(["error", "warning"]),
    message=st.text(),
    names=st.lists(st.text(), max_size=4),
    count=st.integers(min_value=0, max_value=10**6),
)
def test_json_rows_are_what_json_dumps_writes(path: str, line: int, severity: Literal["error", "warning"], message: str, names: list[str], count: int) -> None:
    problem = Problem(path, line, severity, message)
    assert problem.as_json_text() == json.dumps(problem.as_json(), ensure_ascii=False)
    suggestion = Suggestion(message, count, tuple(names))
    assert suggestion.as_json_text() == json.dumps(suggestion.as_json(), ensure_ascii=False)
