"""`new-actor`: from a suggestion to an actor file, and from the filled-in file to a linked actor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.actor_schema import SCHEMA_COMMENT
from build_tools.build import analyse
from build_tools.check import check_content
from build_tools.new_actor import new_actor, new_suggested_actors
from tests.builders import write_content

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
ACTORS = {
    "iraq": "name: Iraq\ntype: state\n",
    "kataib-hezbollah": "name: Kataib Hezbollah\ntype: armed_group\naliases:\n  - {text: KH, kind: acronym}\n",
}
FIRST = """\
https://www.washingtonpost.com/world/2015/08/08/one.html
Militias gather near Tikrit
By Jane Doe
August 8, 2015
Gen. Joseph Dunford met Kataib Hezbollah's rivals in Iraq on Monday.
Dunford said the Southern Transitional Council (STC) had asked for help.
Officials said the STC would meet again in Kirkuk.
"""
SECOND = """\
https://www.washingtonpost.com/world/2015/08/09/two.html
A second report
By Jane Doe
August 9, 2015
Joseph Dunford returned to Iraq, where Dunford met officials.
"""


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(ACTORS, {"one.txt": FIRST, "two.txt": SECOND})


def fill_in(path: Path) -> None:
    """What the editor does: write the lead and its source, delete new-actor's comments."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#   ")]
    text = "\n".join(lines) + "\n"
    text = text.replace("description:\n", "description: Someone the articles name.\n").replace(
        "description_source:\n", "description_source: https://example.org/x\n"
    )
    path.write_text(text, encoding="utf-8")


def test_scaffold_from_a_suggestion_fill_the_lead_build_and_the_actor_is_linked(content: Path) -> None:
    suggestion = next(s for s in check_content(content).suggestions if s.text == "Joseph Dunford")
    written, problems = new_actor(content, suggestion.text)
    assert problems == []
    path = content / "actors" / f"{suggestion.id}.yml"
    assert [made.path for made in written] == [path]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["name"] == "Joseph Dunford" and data["type"] == "person"
    assert data["aliases"] == [{"text": "Dunford", "kind": "surname", "case_sensitive": True, "after_full": True}]
    assert data["description"] is None and data["description_source"] is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_COMMENT + "\n")
    assert "#   content/sources/one.txt: Gen. Joseph Dunford met Kataib Hezbollah's rivals in Iraq on Monday." in text
    # Until the lead is written, `check` names the file and says what to write.
    unfilled = [p for p in check_content(content).problems if p.path == str(path)]
    assert unfilled and all(p.severity == "error" for p in unfilled) and any("description" in p.message and "e.g." in p.message for p in unfilled)
    fill_in(path)
    result = analyse(content)
    assert not [p for p in result.problems if p.severity == "error"]
    dunford = [m for mentions in result.mentions.values() for m in mentions if m.actor == suggestion.id]
    assert {m.text for m in dunford} == {"Joseph Dunford", "Dunford"}
    assert sum(m.linked for m in dunford) == 2  # one link per article
    assert "Joseph Dunford" not in [s.text for s in check_content(content).suggestions]


def test_an_acronym_defined_for_the_name_becomes_a_case_sensitive_alias(content: Path) -> None:
    written, problems = new_actor(content, "Southern Transitional Council")
    assert problems == [] and written[0].type in ("organization", "political_party", "government_body")
    data = yaml.safe_load(written[0].path.read_text(encoding="utf-8"))
    assert data["aliases"] == [{"text": "STC", "kind": "acronym", "case_sensitive": True}]


def test_the_type_can_be_given_and_a_name_no_article_uses_gets_a_guess(content: Path) -> None:
    written, _ = new_actor(content, "Kirkuk", "place")
    assert written[0].type == "place"
    written, _ = new_actor(content, "Ministry of Education")
    assert written[0].type == "government_body" and written[0].path.name == "ministry-of-education.yml"


def test_a_name_the_registry_has_is_refused_with_its_file(content: Path) -> None:
    written, problems = new_actor(content, "KH")
    assert written == []
    assert [p.format() for p in problems] == [
        'content/actors/kataib-hezbollah.yml: error: "KH" is already an alias ("KH") of Kataib Hezbollah: edit this file instead of adding another actor'
    ]
    assert new_actor(content, "kataib  hezbollah")[1][0].path == "content/actors/kataib-hezbollah.yml"


def test_an_existing_file_is_never_overwritten(content: Path) -> None:
    path = content / "actors" / "joseph-dunford.yml"
    path.write_text("name: Joseph Dunford\n", encoding="utf-8")
    written, problems = new_actor(content, "Joseph Dunford")
    assert written == [] and len(problems) == 1
    assert problems[0].path == str(path) and "never overwrites" in problems[0].message
    assert path.read_text(encoding="utf-8") == "name: Joseph Dunford\n"


def test_every_suggestion_named_often_enough_gets_a_file(content: Path) -> None:
    (content / "actors" / "kirkuk.yml").write_text("name: Kirkuk\n", encoding="utf-8")  # exists: left alone, with a warning
    written, problems = new_suggested_actors(content, min_count=2)
    assert sorted(made.path.name for made in written) == ["joseph-dunford.yml", "southern-transitional-council.yml"]
    assert [p.severity for p in problems] == []
    assert not (content / "actors" / "stc.yml").exists()  # an acronym is an alias of its name, not an actor of its own
    written, problems = new_suggested_actors(content, min_count=1)
    assert written == []  # Kirkuk's file was there before, the others were written above: all left alone
    assert sorted(p.format() for p in problems) == [
        f'content/actors/{stem}.yml: warning: already exists: "{name}" was left alone (new-actor never overwrites a file)'
        for stem, name in (("joseph-dunford", "Joseph Dunford"), ("kirkuk", "Kirkuk"), ("southern-transitional-council", "Southern Transitional Council"))
    ]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([PYTHON, "-m", "build_tools", *args], capture_output=True, text=True, env=env, check=False)


def test_the_command_line(content: Path) -> None:
    done = run("new-actor", "--content", "content")
    assert done.returncode == 2 and 'e.g. `python -m build_tools new-actor "Joseph Dunford"`' in done.stderr
    done = run("new-actor", "Joseph Dunford", "--content", "content")
    assert done.returncode == 0, done.stderr
    assert "content/actors/joseph-dunford.yml: wrote Joseph Dunford (Person): write its description and description_source" in done.stderr
    done = run("new-actor", "Joseph Dunford", "--content", "content")
    assert done.returncode == 1 and "content/actors/joseph-dunford.yml: error: already exists" in done.stderr
    done = run("check", "--content", "content", "--format", "json")
    rows = json.loads(done.stdout)["suggestions"]
    assert rows and set(rows[0]) == {"text", "count", "articles", "type", "id", "reason", "example", "aliases"}
    done = run("check", "--content", "content")
    assert "Names the registry lacks" in done.stderr
    assert any(f"  {label}:" in done.stderr for label in ("Organization", "Political party", "Government body"))


def test_check_points_a_scaffolded_name_at_its_file_until_the_lead_is_written(content: Path) -> None:
    assert run("new-actor", "Joseph Dunford", "--content", "content").returncode == 0
    done = run("check", "--content", "content")
    assert "content/actors/joseph-dunford.yml:" in done.stderr and "error: `description` is empty" in done.stderr
    assert "-> actors/joseph-dunford.yml exists: finish it (its errors are above)" in done.stderr
    assert "-> actors/southern-transitional-council.yml exists" not in done.stderr
    fill_in(content / "actors" / "joseph-dunford.yml")
    done = run("check", "--content", "content")
    assert "joseph-dunford" not in done.stderr, done.stderr


def test_a_dateline_in_capitals_gets_its_name_as_a_name_is_written_and_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    release = """\
https://www.example.mil/news/2024/05/01/release.html
Forces complete a mission
May 1, 2024
ZORVAN CITY, Iraq — Forces completed a mission near the border, officials in Iraq said.
"""
    content = write_content(ACTORS, {"release.txt": release})
    written, problems = new_suggested_actors(content)
    assert problems == []
    made = {item.path.name: item for item in written}
    assert made["zorvan-city.yml"].name == "Zorvan City"
    assert yaml.safe_load((content / "actors" / "zorvan-city.yml").read_text(encoding="utf-8"))["name"] == "Zorvan City"
    fill_in(content / "actors" / "zorvan-city.yml")
    result = analyse(content)
    assert [m.text for m in result.mentions["2024-05-01-forces-complete-a-mission"] if m.actor == "zorvan-city"] == ["ZORVAN CITY"]
