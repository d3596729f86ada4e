"""Registry errors and warnings: each fault in a small content folder, with the exact message `check` prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from build_tools import actor_yaml, processes
from build_tools.actor_schema import RESERVED_IDS, SCHEMA_COMMENT, actor_schema_text
from build_tools.build import analyse
from build_tools.glossary_index import LETTERS_FOLDER
from build_tools.registry import load_registry
from tests.seed import SEED_CONTENT

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
ARTICLE = "https://www.washingtonpost.com/world/2015/08/08/story.html\nHeadline of the test article\nBy Jane Doe\nAugust 8, 2015\n"
IRAN = """
name: Iran
type: state
description: A state in West Asia.
description_source: https://en.wikipedia.org/wiki/Iran
"""


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty content folder, with the working directory at its parent so paths print as `content/...`."""
    monkeypatch.chdir(tmp_path)
    root = Path("content")
    (root / "actors").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "outlets.yml").write_text("washingtonpost.com: The Washington Post\n", encoding="utf-8")
    return root


def write_article(content: Path, body: str) -> None:
    (content / "sources" / "article.txt").write_text(ARTICLE + body + "\n", encoding="utf-8")


def write_actor(content: Path, actor_id: str, body: str, *, header: bool = True) -> Path:
    """An actor file; line 1 is the schema comment unless `header` is False, so the body's first line is line 2."""
    path = content / "actors" / f"{actor_id}.yml"
    text = textwrap.dedent(body).lstrip("\n")
    path.write_text(f"{SCHEMA_COMMENT}\n{text}" if header else text, encoding="utf-8")
    return path


def registry_problems(content: Path) -> list[str]:
    return [p.format() for p in load_registry(content)[1]]


# --- alias claimed by two actors ---------------------------------------------------------------


def test_alias_claimed_by_two_actors_without_a_rule(content: Path) -> None:
    write_actor(content, "iran", IRAN + "aliases:\n  - Persia\n")
    write_actor(
        content,
        "persian-empire",
        "name: Persian Empire\ntype: state\naliases:\n  - Persia\ndescription: An empire.\ndescription_source: https://en.wikipedia.org/wiki/Persian_Empire\n",
    )
    assert registry_problems(content) == [
        "content/actors/persian-empire.yml:5: error: `Persia` is also an alias of `iran` (content/actors/iran.yml), so a mention cannot be told apart: "
        "mark it on this actor as `{text: Persia, after_full: true}` (counts only after the full name or a title) or `{text: Persia, link: false}`, "
        "or keep it on one actor only"
    ]


def test_alias_that_is_another_actors_name_is_reported_on_the_alias(content: Path) -> None:
    write_actor(
        content,
        "george-washington",
        "name: George Washington\ntype: person\naliases: [Washington]\ndescription: A president.\ndescription_source: https://en.wikipedia.org/wiki/George_Washington\n",
    )
    write_actor(
        content, "washington", "name: Washington\ntype: place\ndescription: A city.\ndescription_source: https://en.wikipedia.org/wiki/Washington,_D.C.\n"
    )
    assert registry_problems(content) == [
        "content/actors/george-washington.yml:4: error: `Washington` is also the name of `washington` (content/actors/washington.yml), so a mention cannot be told apart: "
        "mark it on this actor as `{text: Washington, after_full: true}` (counts only after the full name or a title) or `{text: Washington, link: false}`, "
        "or keep it on one actor only"
    ]


def test_two_actors_with_one_name(content: Path) -> None:
    write_actor(
        content,
        "georgia",
        "name: Georgia\ntype: state\ndescription: A state in the Caucasus.\ndescription_source: https://en.wikipedia.org/wiki/Georgia_(country)\n",
    )
    write_actor(
        content,
        "georgia-us",
        "name: Georgia\ntype: place\ndescription: A U.S. state.\ndescription_source: https://en.wikipedia.org/wiki/Georgia_(U.S._state)\n",
    )
    assert registry_problems(content) == [
        "content/actors/georgia-us.yml:2: error: `Georgia` is also the name of `georgia` (content/actors/georgia.yml): two actors cannot share a name; "
        "make one of them more precise, e.g. `name: Georgia (city)`, and keep the short form as an alias with a rule"
    ]


def test_a_clash_goes_on_the_file_the_change_edited(content: Path) -> None:
    """`report --base` names the actors a change added or edited: the clash is theirs to fix, whichever id sorts first."""
    write_actor(content, "iran", IRAN + "aliases:\n  - Persia\n")
    write_actor(
        content,
        "achaemenid-empire",
        "name: Achaemenid Empire\ntype: state\naliases:\n  - Persia\ndescription: An empire.\ndescription_source: https://en.wikipedia.org/wiki/Achaemenid_Empire\n",
    )
    (unedited,) = registry_problems(content)
    assert unedited.startswith("content/actors/iran.yml:7: error: `Persia` is also an alias of `achaemenid-empire` (content/actors/achaemenid-empire.yml)")
    assert [p.format() for p in load_registry(content, edited={"achaemenid-empire"})[1]] == [
        "content/actors/achaemenid-empire.yml:5: error: `Persia` is also an alias of `iran` (content/actors/iran.yml), so a mention cannot be told apart: "
        "mark it on this actor as `{text: Persia, after_full: true}` (counts only after the full name or a title) or `{text: Persia, link: false}`, "
        "or keep it on one actor only"
    ]


def test_a_new_name_that_is_an_old_alias_is_reported_on_the_new_name(content: Path) -> None:
    write_actor(content, "iran", IRAN + "aliases:\n  - Persia\n")
    write_actor(content, "persia", "name: Persia\ntype: state\ndescription: An empire.\ndescription_source: https://en.wikipedia.org/wiki/Persian_Empire\n")
    (unedited,) = registry_problems(content)
    assert unedited.startswith("content/actors/iran.yml:7: error: `Persia` is also the name of `persia`")
    assert [p.format() for p in load_registry(content, edited={"persia"})[1]] == [
        "content/actors/persia.yml:2: error: `Persia` is also an alias of `iran` (content/actors/iran.yml), so a mention cannot be told apart: "
        "make this name more precise, e.g. `name: Persia (city)`, or give that alias a rule in content/actors/iran.yml, "
        "e.g. `{text: Persia, after_full: true}` (counts only after the full name or a title) or `{text: Persia, link: false}`"
    ]


@pytest.mark.parametrize("rule", ["after_full: true", "link: false"])
def test_alias_shared_with_a_rule_is_fine(content: Path, rule: str) -> None:
    write_actor(
        content,
        "washington",
        "name: Washington, D.C.\ntype: place\naliases: [Washington]\ndescription: A city.\ndescription_source: https://en.wikipedia.org/wiki/Washington,_D.C.\n",
    )
    write_actor(
        content,
        "george-washington",
        f"name: George Washington\ntype: person\naliases:\n  - text: Washington\n    {rule}\ndescription: A president.\ndescription_source: https://en.wikipedia.org/wiki/George_Washington\n",
    )
    assert registry_problems(content) == []


def test_case_sensitive_aliases_written_differently_do_not_clash(content: Path) -> None:
    write_actor(
        content,
        "pentagon",
        "name: United States Department of Defense\ntype: government_body\naliases:\n  - text: DoD\n    kind: acronym\n"
        "description: A department.\ndescription_source: https://en.wikipedia.org/wiki/United_States_Department_of_Defense\n",
    )
    write_actor(content, "dod-band", "name: DOD\ntype: organization\ndescription: A band.\ndescription_source: https://en.wikipedia.org/wiki/Dod\n")
    assert registry_problems(content) == []


def test_a_one_word_name_clashes_with_an_acronym_written_alike(content: Path) -> None:
    write_actor(
        content,
        "united-states",
        "name: United States\ntype: state\naliases: [US]\ndescription: A state.\ndescription_source: https://en.wikipedia.org/wiki/United_States\n",
    )
    write_actor(content, "us-band", "name: Us\ntype: organization\ndescription: A band.\ndescription_source: https://en.wikipedia.org/wiki/Us\n")
    (problem,) = registry_problems(content)
    assert problem.startswith("content/actors/united-states.yml:4: error: `US` is also the name of `us-band` (content/actors/us-band.yml)")


def test_shared_alias_is_found_even_when_one_file_has_other_errors(content: Path) -> None:
    write_actor(content, "iran", IRAN + "aliases:\n  - Persia\n")
    write_actor(
        content,
        "persian-empire",
        "name: Persian Empire\ntype: empire\naliases:\n  - Persia\ndescription: An empire.\ndescription_source: https://en.wikipedia.org/wiki/Persian_Empire\n",
    )
    problems = registry_problems(content)
    assert problems[0].startswith("content/actors/persian-empire.yml:3: error: `type: empire` is not a known type")
    assert problems[1].startswith("content/actors/persian-empire.yml:5: error: `Persia` is also an alias of `iran`")
    assert len(problems) == 2


# --- references to unknown ids -----------------------------------------------------------------


def test_relation_role_and_not_same_as_pointing_to_unknown_ids(content: Path) -> None:
    write_actor(
        content, "middle-east", "name: Middle East\ntype: place\ndescription: A region.\ndescription_source: https://en.wikipedia.org/wiki/Middle_East\n"
    )
    write_actor(
        content,
        "iran",
        IRAN
        + textwrap.dedent(
            """\
            relations:
              - type: located_in
                target: middle-eest
            roles:
              - title: Member
                of: opec
            not_same_as:
              - persia
            """
        ),
    )
    assert registry_problems(content) == [
        "content/actors/iran.yml:8: error: relation target `middle-eest` is not an actor id (did you mean `middle-east`?): "
        "use the file name of an actor in actors/ without .yml, or add `actors/middle-eest.yml`",
        "content/actors/iran.yml:11: error: role's `of:` `opec` is not an actor id: use the file name of an actor in actors/ without .yml, or add `actors/opec.yml`",
        "content/actors/iran.yml:13: error: `not_same_as` entry `persia` is not an actor id: use the file name of an actor in actors/ without .yml, or add `actors/persia.yml`",
    ]


def test_relation_to_itself(content: Path) -> None:
    write_actor(content, "iran", IRAN + "relations:\n  - type: allied_with\n    target: iran\n")
    assert registry_problems(content) == ["content/actors/iran.yml:8: error: relation target `iran` is this actor itself: use another actor's id"]


def test_relation_to_an_actor_whose_file_has_errors_is_not_unknown(content: Path) -> None:
    write_actor(content, "iran", IRAN + "relations:\n  - type: located_in\n    target: middle-east\n")
    write_actor(
        content, "middle-east", "name: Middle East\ntype: region\ndescription: A region.\ndescription_source: https://en.wikipedia.org/wiki/Middle_East\n"
    )
    problems = registry_problems(content)
    assert [p.split(": error: ")[0] for p in problems] == ["content/actors/middle-east.yml:3"]


# --- one file's own faults ---------------------------------------------------------------------


def test_id_does_not_match_file_name(content: Path) -> None:
    write_actor(content, "iran", "id: islamic-republic-of-iran" + IRAN)
    assert registry_problems(content) == [
        "content/actors/iran.yml:2: error: `id: islamic-republic-of-iran` does not match the file name `iran.yml`: rename the file to `islamic-republic-of-iran.yml` or remove the `id:` line"
    ]


def test_ids_the_site_pages_take_are_refused(content: Path) -> None:
    write_actor(content, "index", IRAN)
    write_actor(content, "glossary", IRAN.replace("name: Iran", "name: Glossary Group"))
    problems = registry_problems(content)
    assert problems == [
        "content/actors/glossary.yml: error: `glossary` cannot be an actor id, the site's own page takes it (actors/glossary/ holds the glossary's letter pages): rename the file, e.g. `glossary-group.yml`",
        "content/actors/index.yml: error: `index` cannot be an actor id, the site's own page takes it (actors/index.md is the actor glossary): rename the file, e.g. `index-group.yml`",
    ], problems


def test_file_name_that_is_not_an_id(content: Path) -> None:
    write_actor(content, "Iran_State", IRAN)
    assert registry_problems(content) == [
        "content/actors/Iran_State.yml: error: file name `Iran_State.yml` is not a valid actor id: rename it to lower-case ASCII words joined by hyphens, e.g. `iran-state.yml`"
    ]


def test_a_file_name_that_is_not_an_id_gets_the_id_new_actor_would_give(content: Path) -> None:
    write_actor(content, "U.S._Army", IRAN)
    assert registry_problems(content) == [
        "content/actors/U.S._Army.yml: error: file name `U.S._Army.yml` is not a valid actor id: rename it to lower-case ASCII words joined by hyphens, e.g. `us-army.yml`"
    ]


def test_yaml_extension(content: Path) -> None:
    (content / "actors" / "iran.yaml").write_text(SCHEMA_COMMENT + IRAN, encoding="utf-8")
    assert registry_problems(content) == ["content/actors/iran.yaml: error: actor files end in `.yml`: rename it to `iran.yml`"]


def test_unknown_type(content: Path) -> None:
    write_actor(content, "iran", IRAN.replace("type: state", "type: country"))
    assert registry_problems(content) == [
        "content/actors/iran.yml:3: error: `type: country` is not a known type: use one of person, armed_group, political_party, government_body, state, place, "
        "intergovernmental_org, organization, identity_group, e.g. `type: armed_group`"
    ]


def test_description_without_a_source(content: Path) -> None:
    write_actor(content, "iran", IRAN.replace("description_source: https://en.wikipedia.org/wiki/Iran\n", ""))
    assert registry_problems(content) == [
        "content/actors/iran.yml:2: error: `description_source` is missing: add `description_source: https://...` with a URL that backs the description, "
        "e.g. `description_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah`"
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "descripton: Typo.\n",
            "content/actors/iran.yml:6: error: `descripton` is not a known key: did you mean `description`? check its spelling; "
            "see content/actors.schema.json for the keys an actor file may have",
        ),
        (
            "aliases: Persia\n",
            "content/actors/iran.yml:6: error: `aliases` should be a list, one `- ` item per entry, e.g. `aliases: [Kata'ib Hezbollah, {text: KH, kind: acronym}]`",
        ),
        (
            "aliases:\n  - text: Persia\n    kind: nickname\n",
            "content/actors/iran.yml:8: error: `aliases.0.kind: nickname` is not allowed: use 'acronym', 'short', 'surname', 'transliteration', 'misspelling' or 'former', "
            "e.g. `- {text: Suleimani, kind: transliteration}`",
        ),
        (
            "aliases:\n  - text: Persia\n    after_full: maybe\n",
            "content/actors/iran.yml:8: error: `aliases.0.after_full: maybe` is not true or false: write `true` or `false`, e.g. `after_full: true`",
        ),
        ('aliases:\n  - ""\n', "content/actors/iran.yml:7: error: `aliases.0` is empty: give it a value"),
        (
            "relations:\n  - type: backs\n    target: iran\n",
            "content/actors/iran.yml:7: error: `relations.0.type: backs` is not a relation type: use one of backed_by, part_of, member_of, led_by, allied_with, opposes, "
            "designated_terrorist_by, located_in, successor_of, e.g. `type: backed_by`",
        ),
        (
            "roles:\n  - Supreme Leader\n",
            'content/actors/iran.yml:7: error: `roles.0` should be a mapping of keys, e.g. `roles: [{title: Prime Minister, of: iraq, from: "2014-09-08"}]`',
        ),
        (
            'roles:\n  - title: Member\n    to: "2014/10"\n',
            'content/actors/iran.yml:8: error: `roles.0.to: 2014/10` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. `to: "2014-09-08"`',
        ),
        (
            "not_same_as: [Persian Empire]\n",
            "content/actors/iran.yml:6: error: `not_same_as.0: Persian Empire` is not an actor id: ids are lower-case ASCII words joined by hyphens, e.g. `haider-al-abadi`",
        ),
    ],
    ids=["unknown-key", "aliases-not-a-list", "alias-kind", "boolean", "empty-alias", "relation-type", "role-not-a-mapping", "date-format", "bad-id"],
)
def test_schema_violations(content: Path, extra: str, expected: str) -> None:
    write_actor(content, "iran", IRAN + extra)
    assert registry_problems(content) == [expected]


def test_description_source_that_is_not_a_url(content: Path) -> None:
    write_actor(content, "iran", IRAN.replace("https://en.wikipedia.org/wiki/Iran", "en.wikipedia.org/wiki/Iran"))
    assert registry_problems(content) == [
        "content/actors/iran.yml:5: error: `description_source: en.wikipedia.org/wiki/Iran` is not an http(s) URL: write the full address, e.g. https://en.wikipedia.org/wiki/Iraq"
    ]


def test_duplicate_key(content: Path) -> None:
    write_actor(content, "iran", IRAN + "name: Persia\n")
    assert registry_problems(content) == [
        "content/actors/iran.yml:6: error: key `name` appears twice in one mapping: YAML keeps only the last; merge them into one"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", "content/actors/iran.yml: error: the file is empty; a correct file looks like:\n    # yaml-language-server"),
        (
            "name: [Iran\n",
            "content/actors/iran.yml:3: error: not valid YAML (expected ',' or ']', but got '<stream end>'); a correct file looks like:\n    # yaml-language-server",
        ),
        ("- Iran\n- Iraq\n", "content/actors/iran.yml:1: error: an actor file is a mapping of keys; a correct file looks like:\n    # yaml-language-server"),
    ],
    ids=["empty", "invalid-yaml", "not-a-mapping"],
)
def test_unreadable_files_show_a_correct_example(content: Path, body: str, expected: str) -> None:
    write_actor(content, "iran", body)
    (problem,) = registry_problems(content)
    assert problem.startswith(expected)
    assert problem.endswith("description_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah")


INDENT_RULE = "YAML nests by indentation, so a key lines up exactly with the keys beside it (and a `- ` item with the items beside it)"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            IRAN + "aliases:\n\t- Persia\n",
            "content/actors/iran.yml:7: error: a tab in `<TAB>- Persia`: YAML indents with spaces only, never tabs; use spaces instead, "
            "e.g. `  - Persia` (set your editor to insert spaces for the Tab key)",
        ),
        (
            "name: Iran\n  type: state\n",
            f"content/actors/iran.yml:3: error: `type: state` is indented by 2 spaces, which lines up with nothing above it: {INDENT_RULE}; "
            "start it at the beginning of the line, as a key of its own, e.g.:\n    name: Iran\n    type: state",
        ),
        (
            IRAN + "aliases:\n  - text: KH\n   kind: acronym\n",
            f"content/actors/iran.yml:8: error: `kind: acronym` is indented by 3 spaces, which lines up with nothing above it: {INDENT_RULE}; "
            "indent it by 4 spaces, to line it up with `text:` on line 7, e.g.:\n      - text: KH\n        kind: acronym",
        ),
        (
            IRAN + "aliases:\n    - Persia\n  - Farsi\n",
            f"content/actors/iran.yml:8: error: `- Farsi` is indented by 2 spaces, which lines up with nothing above it: {INDENT_RULE}; "
            "indent it by 4 spaces, to line it up with `- Persia` on line 7, e.g.:\n        - Persia\n        - Farsi",
        ),
        (
            IRAN + "relations:\n  - type: located_in\n  target: middle-east\n",
            f"content/actors/iran.yml:8: error: `target: middle-east` is indented by 2 spaces, which lines up with nothing above it: {INDENT_RULE}; "
            "indent it by 4 spaces, to line it up with `type:` on line 7, or start it at the beginning of the line, as a key of its own, e.g.:"
            "\n      - type: located_in\n        target: middle-east",
        ),
        (
            "  name: Iran\ntype: state\n",
            "content/actors/iran.yml:2: error: `name: Iran` is indented by 2 spaces: the keys of an actor file start at the beginning of the line; "
            "remove the spaces before it, e.g. `name: Iran`",
        ),
        (
            "name: Iran\ndescription: Iran: a state in West Asia\n",
            "content/actors/iran.yml:3: error: the value of `description` holds `: `, which YAML reads as the start of another key: put the value in quotes, "
            'e.g. `description: "Iran: a state in West Asia"`',
        ),
        (
            'name: Iran\ndescription: "A state\n',
            'content/actors/iran.yml:3: error: the quote opened in `description: "A state` is never closed: end the value with the same quote mark, '
            'e.g. `description: "Iran is a country in West Asia."`',
        ),
        (
            "name: Iran\ndescription: >-\nA state in West Asia.\ntype: state\n",
            "content/actors/iran.yml:4: error: `A state in West Asia.` is not a `key: value` line, and is not indented under a key: if it continues the value "
            "above, indent it further than that key; if it is a key, add the colon. A description on several lines looks like:\n    description: >-\n",
        ),
    ],
    ids=[
        "tab",
        "key-over-indented",
        "key-under-indented",
        "item-under-indented",
        "key-between-two-places",
        "first-key-indented",
        "colon-in-value",
        "open-quote",
        "text-without-indent",
    ],
)
def test_yaml_syntax_errors_in_plain_words(content: Path, body: str, expected: str) -> None:
    write_actor(content, "iran", body)
    (problem,) = registry_problems(content)
    assert problem.startswith(expected), problem


def test_a_list_item_indented_under_the_one_above_is_not_silently_joined_to_it(content: Path) -> None:
    write_actor(content, "iran", IRAN + "aliases:\n  - Persia\n   - Islamic Republic of Iran\n")
    assert registry_problems(content) == [
        "content/actors/iran.yml:8: error: `- Islamic Republic of Iran` is indented deeper than the item above it, so YAML reads it as more of that item "
        f"(`Persia - Islamic Republic of Iran`): {INDENT_RULE}; line its `- ` up with the one on line 7, e.g.:\n      - Persia\n      - Islamic Republic of Iran"
    ]


@pytest.mark.parametrize("lead", ["In the article it backs militias.", "It is named in this report as a backer.", "As the story says, it backs militias."])
def test_a_description_about_the_article_is_a_warning_with_the_fix(content: Path, lead: str) -> None:
    write_actor(content, "iran", IRAN.replace("description: A state in West Asia.", f"description: >-\n  A state in West Asia.\n  {lead}"))
    (problem,) = registry_problems(content)
    found = re.search(r"\b[Tt]h(?:e|is) (?:article|report|story)", lead)
    assert found
    assert problem == (
        f"content/actors/iran.yml:4: warning: the description speaks of \u201c{found.group()}\u201d, but it is the actor's lead on every page that mentions "
        "the actor: say who or what the actor is, in facts that hold whatever the article, "
        "e.g. `description: Kataib Hezbollah is an Iraqi Shiite militia backed by Iran.`"
    )


def test_a_description_naming_a_report_in_its_title_is_fine(content: Path) -> None:
    write_actor(content, "iran", IRAN.replace("A state in West Asia.", "A state in West Asia, ranked in the Global Peace Index report."))
    assert registry_problems(content) == []


def test_missing_schema_line_is_a_warning(content: Path) -> None:
    write_actor(content, "iran", IRAN, header=False)
    assert registry_problems(content) == [
        "content/actors/iran.yml:1: warning: first line should be `# yaml-language-server: $schema=../actors.schema.json` so editors complete and validate the file"
    ]


# --- YAML 1.1 traps ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            IRAN.replace("name: Iran", "name: NO"),
            'content/actors/iran.yml:2: error: `name: NO` is read by YAML as a true/false value, not as text: quote it, e.g. `name: "NO"`',
        ),
        (
            IRAN + "aliases:\n  - yes\n",
            'content/actors/iran.yml:7: error: `- yes` in `aliases` is read by YAML as a true/false value, not as text: quote it, e.g. `- "yes"`',
        ),
        (
            IRAN + "roles:\n  - title: Member\n    from: 2014-09-08\n",
            'content/actors/iran.yml:8: error: `from: 2014-09-08` is read by YAML as a date, not as text: quote it, e.g. `from: "2014-09-08"`',
        ),
        (
            IRAN + "external_ids:\n  wikidata: 794\n",
            'content/actors/iran.yml:7: error: `wikidata: 794` is read by YAML as a number, not as text: quote it, e.g. `wikidata: "794"`',
        ),
    ],
    ids=["name-no", "alias-yes", "bare-date", "bare-number"],
)
@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_yaml_11_traps_are_caught_once_with_the_fix(content: Path, body: str, expected: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The two parsers mark plain scalars differently (style "" and None): both must find the traps.
    if parser == "python":

        class PythonLoader(yaml.SafeLoader):
            pass

        monkeypatch.setattr(actor_yaml, "_LineLoader", PythonLoader)
    else:
        assert issubclass(actor_yaml._LineLoader, yaml.CSafeLoader)
    write_actor(content, "iran", body)
    assert registry_problems(content) == [expected]


def test_quoted_values_and_real_booleans_are_no_traps(content: Path) -> None:
    write_actor(
        content,
        "iran",
        IRAN
        + 'aliases:\n  - "NO"\n  - text: "yes"\n    after_full: yes\n    link: no\nroles:\n  - title: Member\n    from: "2014-09-08"\nexternal_ids:\n  wikidata: "794"\n',
    )
    assert registry_problems(content) == []


def test_actor_that_does_not_validate_is_left_out_of_the_registry(content: Path) -> None:
    write_actor(content, "iran", IRAN.replace("type: state", "type: country"))
    write_actor(content, "iraq", IRAN.replace("Iran", "Iraq") + "relations:\n  - type: located_in\n    target: middle-east\n")
    write_actor(content, "kuwait", IRAN.replace("Iran", "Kuwait").replace("name: Kuwait", "name: NO"))
    registry, problems = load_registry(content)
    # A wrong reference or a defused YAML trap still fails the build, but the actor itself is whole.
    assert [p.path for p in problems] == ["content/actors/iran.yml", "content/actors/iraq.yml", "content/actors/kuwait.yml"]
    assert list(registry.actors) == ["iraq", "kuwait"]
    assert registry.actors["kuwait"].name == "NO"


# --- every problem at once ---------------------------------------------------------------------

MANY_FAULTS = {
    "iran": IRAN + "aliases: [Persia]\nrelations:\n  - type: located_in\n    target: middle-eest\n",
    "iraq": "id: republic-of-iraq\nname: Iraq\ntype: country\naliases: [Persia]\ndescription: A state.\nroles:\n  - title: Member\n    of: opec\n    from: 2014-09-08\n",
    "kataib-hezbollah": "name: NO\ntype: armed_group\ndescription: A militia.\ndescription_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah\ncolour: red\n",
}
MANY_FAULTS_EXPECTED = [
    "content/actors/iran.yml:9: error: relation target `middle-eest` is not an actor id: use the file name of an actor in actors/ without .yml, or add `actors/middle-eest.yml`",
    "content/actors/iraq.yml:2: error: `description_source` is missing: add `description_source: https://...` with a URL that backs the description, "
    "e.g. `description_source: https://en.wikipedia.org/wiki/Kata%27ib_Hezbollah`",
    "content/actors/iraq.yml:2: error: `id: republic-of-iraq` does not match the file name `iraq.yml`: rename the file to `republic-of-iraq.yml` or remove the `id:` line",
    "content/actors/iraq.yml:4: error: `type: country` is not a known type: use one of person, armed_group, political_party, government_body, state, place, "
    "intergovernmental_org, organization, identity_group, e.g. `type: armed_group`",
    "content/actors/iraq.yml:5: error: `Persia` is also an alias of `iran` (content/actors/iran.yml), so a mention cannot be told apart: "
    "mark it on this actor as `{text: Persia, after_full: true}` (counts only after the full name or a title) or `{text: Persia, link: false}`, or keep it on one actor only",
    "content/actors/iraq.yml:9: error: role's `of:` `opec` is not an actor id: use the file name of an actor in actors/ without .yml, or add `actors/opec.yml`",
    'content/actors/iraq.yml:10: error: `from: 2014-09-08` is read by YAML as a date, not as text: quote it, e.g. `from: "2014-09-08"`',
    'content/actors/kataib-hezbollah.yml:2: error: `name: NO` is read by YAML as a true/false value, not as text: quote it, e.g. `name: "NO"`',
    "content/actors/kataib-hezbollah.yml:6: error: `colour` is not a known key: check its spelling; see content/actors.schema.json for the keys an actor file may have",
]


def test_many_faults_are_all_reported_by_one_analyse(content: Path) -> None:
    for actor_id, body in MANY_FAULTS.items():
        write_actor(content, actor_id, body)
    write_article(content, "Iran and Iraq met.")
    problems = [p.format() for p in analyse(content).problems if p.path.startswith("content/actors/")]
    assert problems == MANY_FAULTS_EXPECTED


def test_many_faults_are_all_printed_by_check(content: Path) -> None:
    for actor_id, body in MANY_FAULTS.items():
        write_actor(content, actor_id, body)
    write_article(content, "Iran and Iraq met.")
    run = subprocess.run(
        [PYTHON, "-m", "build_tools", "check", "--content", "content"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False
    )
    assert run.returncode == 1
    assert run.stdout == ""
    for problem in MANY_FAULTS_EXPECTED:
        assert problem in run.stderr
    assert "build_tools check: 1 articles, 1 actors, 9 errors, 0 warnings" in run.stderr


# --- the schema file and the seed fixture -----------------------------------------------------
# The live content/actors.schema.json is `check`'s business (make test runs it before pytest): a stale one is an error there.


def test_a_stale_schema_file_is_an_error_naming_the_command_that_regenerates_it(content: Path) -> None:
    write_actor(content, "iran", IRAN)
    (content / "actors.schema.json").write_text('{"title": "Actor"}\n', encoding="utf-8")
    assert registry_problems(content) == [
        "content/actors.schema.json: error: out of date with the actor model: regenerate it with `python -m build_tools schema`"
    ]


def test_the_schema_command_writes_the_file_the_registry_expects(content: Path) -> None:
    write_actor(content, "iran", IRAN)
    run = subprocess.run(
        [PYTHON, "-m", "build_tools", "schema", "--content", "content"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (content / "actors.schema.json").read_text(encoding="utf-8") == actor_schema_text()
    assert registry_problems(content) == []


def test_seed_registry_loads_without_problems() -> None:
    registry, problems = load_registry(SEED_CONTENT)
    assert [p.format() for p in problems] == []  # a file without the schema line would give a warning
    assert len(registry) == len(list((SEED_CONTENT / "actors").glob("*.yml"))) == 45


def test_a_big_registry_parsed_in_two_processes_is_the_one_parsed_in_one(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid actors, broken files, clashes and dangling references spread over both halves: same registry, same problems."""
    actors = content / "actors"
    for number in range(24):
        write_actor(
            content,
            f"actor-{number:02d}",
            f"""
            name: Actor {number}
            type: person
            description: Actor {number} is a test person.
            description_source: https://example.org/{number}
            aliases: [{"Shared" if number in (3, 20) else f"Alias {number}"}]
            relations:
              - {{type: allied_with, target: actor-{(number + 13) % 30:02d}}}
            """,
        )
    (actors / "actor-05.yml").write_text("name: [unclosed\n", encoding="utf-8")
    (actors / "actor-17.yml").write_text("name: Seventeen\ntype: persn\n", encoding="utf-8")
    monkeypatch.setattr(processes, "PARALLEL_FROM", 10**9)
    alone = load_registry(content)
    assert any(p.severity == "error" for p in alone[1]) and len(alone[0].actors) == 22
    monkeypatch.setattr(processes, "PARALLEL_FROM", 4)
    monkeypatch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
    assert load_registry(content) == alone


def test_a_registry_whose_child_fails_is_parsed_by_the_parent(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(12):
        write_actor(
            content,
            f"actor-{number:02d}",
            f"name: Actor {number}\ntype: person\ndescription: A test person.\ndescription_source: https://example.org/{number}\n",
        )
    alone = load_registry(content)
    monkeypatch.setattr(processes, "PARALLEL_FROM", 4)
    monkeypatch.setattr(processes, "can_fork", lambda: True)
    monkeypatch.setattr(processes, "in_forked_child", lambda work: lambda: None)  # the child died before sending
    assert load_registry(content) == alone


def test_the_reserved_ids_are_the_names_the_site_writes_under_actors() -> None:
    site = Path(__file__).parent / "site_fixture"
    actor_ids = {path.stem for path in (site / "content" / "actors").glob("*.yml")}
    own_pages = {path.name.removesuffix(".md") for path in (site / "expected" / "actors").iterdir()} - actor_ids
    assert own_pages | {LETTERS_FOLDER.removeprefix("actors/")} == set(RESERVED_IDS)
