"""`check`'s advice on small made-up articles: near misses of registry names, and names the registry lacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.build import analyse
from build_tools.check import Suggestion, check_content, scan
from build_tools.link import link_articles
from tests import builders
from tests.seed import SEED_CONTENT

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
ACTORS = {
    "popular-mobilization-forces": "name: Popular Mobilization Forces\ntype: armed_group\n",
    "qasem-soleimani": "name: Qasem Soleimani\ntype: person\naliases:\n  - text: Soleimani\n    kind: surname\n",
    "kataib-hezbollah": "name: Kataib Hezbollah\ntype: armed_group\n",
    "haider-al-abadi": "name: Haider al-Abadi\ntype: person\naliases:\n  - text: Abadi\n    kind: surname\n",
    "iraq": "name: Iraq\ntype: state\n",
    "islamic-state": "name: Islamic State\ntype: armed_group\naliases: [ISIS]\n",
    "lloyd-austin": "name: Lloyd Austin\ntype: person\naliases:\n  - text: Austin\n    kind: surname\n    after_full: true\n",
}
FIRST = """\
https://www.washingtonpost.com/world/2015/08/08/one.html
Militias gather near Tikrit
By Jane Doe
August 8, 2015
Fighters of the "population mobilization" units met Suleimani, while Kataib Hizballah guarded the road.
Haidar al-Abadi met Abadi's aides as Iraqi officials and Iraqis watched the Islamic State.
Gen. Joseph Dunford met Prime Minister Nouri al-Maliki and the Prime Minister said little.
The Institute for the Study of War (ISW) said on Monday that Joseph Dunford had left.
Meanwhile Baghdad residents waited. On Tuesday March 3, Col. Warren spoke, and Defense Secretary Ashton Carter visited.
"""
SECOND = """\
https://www.washingtonpost.com/world/2015/08/09/two.html
A second report
By Jane Doe
August 9, 2015
Joseph Dunford returned to Iraq with the Defense Secretary and met Austin Powers.
ISIS fighters (IS) fled, and the ISW said the Islamic State (ISIS) was weaker.
"""
FIRST_ID = "2015-08-08-militias-gather-near-tikrit"
SECOND_ID = "2015-08-09-a-second-report"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return builders.write_content(ACTORS, {"one.txt": FIRST, "two.txt": SECOND})


def test_near_misses_propose_the_alias_to_add(content: Path) -> None:
    result = analyse(content)
    assert [p.format() for p in scan(result.articles, result.registry, result.mentions).near_misses] == [
        'content/sources/one.txt:5: warning: "population mobilization" looks like Popular Mobilization Forces: if it is the same actor, '
        "add it to content/actors/popular-mobilization-forces.yml as an alias of kind misspelling, e.g. `- {text: population mobilization, kind: misspelling}`",
        'content/sources/one.txt:5: warning: "Kataib Hizballah" looks like Kataib Hezbollah: if it is the same actor, '
        "add it to content/actors/kataib-hezbollah.yml as an alias of kind transliteration, e.g. `- {text: Kataib Hizballah, kind: transliteration}`",
        'content/sources/one.txt:5: warning: "Suleimani" looks like Qasem Soleimani ("Soleimani"): if it is the same actor, '
        "add it to content/actors/qasem-soleimani.yml as an alias of kind transliteration, e.g. `- {text: Suleimani, kind: transliteration}`",
        'content/sources/one.txt:6: warning: "Haidar al-Abadi" looks like Haider al-Abadi: if it is the same actor, '
        "add it to content/actors/haider-al-abadi.yml as an alias of kind transliteration, e.g. `- {text: Haidar al-Abadi, kind: transliteration}`",
    ]


def test_a_demonym_is_never_proposed_as_another_spelling_of_a_state_or_place(tmp_path: Path) -> None:
    """Issue 12: `Somali` is within a near miss of `Somalia` (and has its consonants), but it is an adjective: adding it as an
    alias would link `Somali National Army` to the state. Proper names that are near misses still are (`Somalya`)."""
    registry = builders.make_registry([("somalia", "Somalia", "state", []), ("kurdistan", "Kurdistan Region", "place", [])])
    article = builders.make_article("a", 1, ["Somali troops, Somalis and Kurdish fighters met in Somalya and the Kurdistan Regoin."])
    mentions, _ = link_articles(registry, [article])
    messages = [p.message for p in scan([article], registry, mentions).near_misses]
    assert not [m for m in messages if m.startswith(('"Somali"', '"Somalis"', '"Kurdish'))], messages
    assert any(m.startswith('"Somalya" looks like Somalia') for m in messages), messages
    assert any(m.startswith('"Kurdistan Regoin" looks like Kurdistan Region') for m in messages), messages


def test_near_misses_skip_demonyms_plurals_and_known_names(content: Path) -> None:
    result = analyse(content)
    messages = " ".join(p.message for p in scan(result.articles, result.registry, result.mentions).near_misses)
    for word in ('"Iraqi', '"Iraqis', '"Islamic State', '"Abadi', '"Austin'):
        assert word not in messages


def test_unknown_actor_suggestions_are_counted_and_ranked(content: Path) -> None:
    result = analyse(content)
    rows = scan(result.articles, result.registry, result.mentions).suggestions
    assert [(s.text, s.count, s.articles, s.type, s.id, s.aliases) for s in rows] == [
        # `the ISW said` in the second article, an acronym named once there, counts for the name the first defines it for.
        ("Institute for the Study of War", 3, (FIRST_ID, SECOND_ID), "organization", "institute-for-the-study-of-war", ("ISW",)),
        ("Joseph Dunford", 3, (FIRST_ID, SECOND_ID), "person", "joseph-dunford", ()),
        ("Ashton Carter", 1, (FIRST_ID,), "person", "ashton-carter", ()),
        ("Austin Powers", 1, (SECOND_ID,), "person", "austin-powers", ()),
        ("Baghdad", 1, (FIRST_ID,), "place", "baghdad", ()),
        ("IS", 1, (SECOND_ID,), "organization", "is", ()),
        ("Nouri al-Maliki", 1, (FIRST_ID,), "person", "nouri-al-maliki", ()),
        ("Warren", 1, (FIRST_ID,), "person", "warren", ()),
    ]
    dunford = rows[1]
    assert dunford.reason == "title, given name"
    assert dunford.example == "Gen. Joseph Dunford met Prime Minister Nouri al-Maliki and the Prime Minister said little."
    assert "acronym defined" in rows[0].reason and "head noun" in rows[0].reason and "acronym standing alone" in rows[0].reason


def test_suggestions_leave_out_sentence_starts_calendar_titles_and_registry_names(content: Path) -> None:
    result = analyse(content)
    texts = [s.text for s in scan(result.articles, result.registry, result.mentions).suggestions]
    words = {word for text in texts for word in text.replace("-", " ").split()}
    # Sentence-initial words (`Meanwhile Baghdad`, `The Institute`, `On Tuesday`), months and days, titles alone.
    assert not words & {"Meanwhile", "The", "On", "Monday", "Tuesday", "March", "Gen", "Col", "Prime", "Minister", "Defense", "Secretary"}
    # Registry names and aliases, whether mentions or not; spellings that are near misses instead.
    assert not set(texts) & {"Islamic State", "ISIS", "Kataib Hezbollah", "Kataib Hizballah", "Haidar al-Abadi", "Haider al-Abadi", "Lloyd Austin"}


def test_a_sentence_initial_word_needs_evidence_beyond_its_capital(content: Path) -> None:
    result = analyse(content)
    second = next(a for a in result.articles if a.id == SECOND_ID)
    suggestions = scan([second], result.registry, {SECOND_ID: result.mentions[SECOND_ID]}).suggestions
    # `Joseph` opens the sentence, but it is a given name before a word no dictionary has: the name stands.
    assert "Joseph Dunford" in [s.text for s in suggestions]
    first = next(a for a in result.articles if a.id == FIRST_ID)
    # `Meanwhile` opens a sentence and is an ordinary word: it is cut off (and `Baghdad` is left, a place of its own).
    texts = [s.text for s in scan([first], result.registry, {FIRST_ID: result.mentions[FIRST_ID]}).suggestions]
    assert "Baghdad" in texts and not any(text.startswith("Meanwhile") for text in texts)


def test_check_json_prints_only_json(content: Path) -> None:
    run = subprocess.run(
        [PYTHON, "-m", "build_tools", "check", "--content", "content", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"problems", "suggestions"}
    near = [p for p in data["problems"] if p["path"] == "content/sources/one.txt"]  # sorted as `check` prints them
    assert [(p["line"], p["severity"], p["message"].split(":")[0]) for p in near] == [
        (5, "warning", '"Kataib Hizballah" looks like Kataib Hezbollah'),
        (5, "warning", '"Suleimani" looks like Qasem Soleimani ("Soleimani")'),
        (5, "warning", '"population mobilization" looks like Popular Mobilization Forces'),
        (6, "warning", '"Haidar al-Abadi" looks like Haider al-Abadi'),
    ]
    assert data["suggestions"][0]["text"] == "Institute for the Study of War"
    assert data["suggestions"][1] == {
        "text": "Joseph Dunford",
        "count": 3,
        "articles": [FIRST_ID, SECOND_ID],
        "type": "person",
        "id": "joseph-dunford",
        "reason": "title, given name",
        "example": "Gen. Joseph Dunford met Prime Minister Nouri al-Maliki and the Prime Minister said little.",
        "aliases": [],
    }


def test_suggestion_rows_print_as_json_dumps_would(content: Path) -> None:
    result = analyse(content)
    rows = scan(result.articles, result.registry, result.mentions).suggestions
    assert len(rows) > 3
    assert all(isinstance(row, Suggestion) and row.as_json_text() == json.dumps(row.as_json(), ensure_ascii=False) for row in rows)


def test_the_seed_with_its_actors_gets_no_suggestion_and_without_five_gets_those_five(tmp_path: Path) -> None:
    # The seed's registry holds every actor the article names: any suggestion on it is junk (issue 13's acceptance).
    assert check_content(SEED_CONTENT).suggestions == []
    content = tmp_path / "content"
    shutil.copytree(SEED_CONTENT, content)
    removed = {"badr-organization", "qais-al-khazali", "tikrit", "phillip-smyth", "quds-force"}
    for actor_id in removed:
        (content / "actors" / f"{actor_id}.yml").unlink()
    (content / "actors" / "qasem-soleimani.yml").write_text(
        (SEED_CONTENT / "actors" / "qasem-soleimani.yml").read_text(encoding="utf-8").replace("of: quds-force", "of: iran"), encoding="utf-8"
    )
    checked = check_content(content)
    assert {s.id for s in checked.suggestions} == removed
    assert {s.text for s in checked.suggestions} == {"Badr Organization", "Qais al-Khazali", "Tikrit", "Phillip Smyth", "Quds Force"}
