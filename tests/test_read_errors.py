"""Bad sources: each gives one clear problem naming the file and line, never a traceback, and the rest still reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.build import build
from build_tools.problems import Problem
from build_tools.read import OutletTable, read_source, read_sources

GOOD = """\
https://www.washingtonpost.com/world/middle_east/iraqi-forces-retake-ramadi/2015/12/28/story.html
Iraqi forces retake Ramadi government complex
By Loveday Morrow
December 28, 2015
BAGHDAD — Iraqi troops raised the national flag over the government complex in Ramadi on Monday. [1]
Officials said pockets of militants remained in the city.
[1]
https://www.washingtonpost.com/world/iraqi-forces-advance-into-ramadi/2015/12/22/story.html
"""
GOOD_ID = "2015-12-28-iraqi-forces-retake-ramadi-government-complex"
OTHER = GOOD.replace("Iraqi forces retake Ramadi government complex", "Islamic State fighters driven from Ramadi")
"""The good source with another headline, hence another id: a base for sources broken in one place."""
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder with one good source; the working directory is its parent, so paths read `content/...`."""
    folder = tmp_path / "content"
    (folder / "sources").mkdir(parents=True)
    (folder / "outlets.yml").write_text("washingtonpost.com: The Washington Post\nreuters.com: Reuters\n", encoding="utf-8")
    (folder / "sources" / "000-good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _write(content: Path, name: str, data: str | bytes) -> Path:
    path = content / "sources" / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _only_problem(problems: list[Problem], name: str) -> Problem:
    """The one problem reported for `sources/<name>`; fails if there are none or several."""
    mine = [p for p in problems if p.path == f"content/sources/{name}"]
    assert len(mine) == 1, [p.format() for p in mine]
    return mine[0]


def _assert_good_source_still_read(content: Path) -> None:
    articles, problems = read_sources(content)
    assert GOOD_ID in [a.id for a in articles]
    assert not [p for p in problems if p.path == "content/sources/000-good.txt"]


def _check(content: Path, name: str, data: str | bytes, line: int, severity: str, *fragments: str) -> Problem:
    """Write a bad source next to the good one; exactly one problem, at `line`, saying `fragments`."""
    _write(content, name, data)
    articles, problems = read_sources(content)
    problem = _only_problem(problems, name)
    assert (problem.path, problem.line, problem.severity) == (f"content/sources/{name}", line, severity), problem.format()
    for fragment in fragments:
        assert fragment in problem.message, problem.format()
    assert problem.format().startswith(f"content/sources/{name}{f':{line}' if line else ''}: {severity}: ")
    assert GOOD_ID in [a.id for a in articles]
    return problem


def test_empty_file(content: Path) -> None:
    problem = _check(content, "empty.txt", b"", 0, "error", "the file is empty", "paste the article")
    assert "https://www.example.com/" in problem.message  # the expected layout, as an example


def test_whitespace_only_file(content: Path) -> None:
    _check(content, "blank.txt", b"  \n\t\r\n   \n", 0, "error", "the file is empty", "starting with its URL")


def test_byte_order_mark_only_file(content: Path) -> None:
    _check(content, "bom.txt", b"\xef\xbb\xbf\r\n", 0, "error", "the file is empty")


def test_binary_file(content: Path) -> None:
    _check(content, "photo.txt", PNG_HEADER, 0, "error", "binary file", "save the article as UTF-8 text")


def test_utf16_file(content: Path) -> None:
    _check(content, "notepad.txt", GOOD.encode("utf-16"), 0, "error", "UTF-16", "re-save it as UTF-8")


def test_latin1_file_names_the_line_of_the_first_bad_byte(content: Path) -> None:
    data = "https://www.reuters.com/article/us-iraq-idUSKCN0T20ZB\nCaf\xe9 bombing kills 12 in Baghdad\nBy Kamal Naji\n".encode("latin-1")
    _check(content, "latin1.txt", data, 2, "error", "byte 0xe9 is not UTF-8", "re-save the file as UTF-8")


def test_truncated_file_with_only_a_url(content: Path) -> None:
    _check(
        content,
        "truncated.txt",
        "https://www.reuters.com/article/us-mideast-crisis-iraq-idUSKCN0T20ZB\n",
        1,
        "error",
        "not followed by a headline",
        "put the headline",
    )


def test_headline_only(content: Path) -> None:
    problem = _check(
        content, "headline.txt", "Kurdish forces retake Sinjar from Islamic State\n", 1, "error", "no article URL", "must be the article's web address"
    )
    assert "https://www.example.com/world/2015/08/08/story.html" in problem.message


def test_no_url_at_all(content: Path) -> None:
    text = "Kurdish forces retake Sinjar\nBy Hadeel Sabri\nNovember 13, 2015\nSINJAR, Iraq (Reuters) - Kurdish forces took the town on Friday.\n"
    _check(content, "no-url.txt", text, 1, "error", "no article URL", "e.g.")


def test_url_without_scheme(content: Path) -> None:
    text = "www.reuters.com/article/us-iraq-sinjar-idUSKCN0T20ZB\nKurdish forces retake Sinjar\nNovember 13, 2015\nBody.\n"
    _check(content, "scheme.txt", text, 1, "error", "has no `https://`", "`https://www.reuters.com/article/us-iraq-sinjar-idUSKCN0T20ZB`")


def test_javascript_article_url(content: Path) -> None:
    text = "javascript:alert(document.cookie)\nKurdish forces retake Sinjar\nNovember 13, 2015\nBody text.\n"
    _check(content, "js.txt", text, 1, "error", "only http:// and https:// links are allowed, not `javascript:`", "e.g. https://")


def test_javascript_reference_url_names_the_url_line(content: Path) -> None:
    text = OTHER.replace("[1]\nhttps://www.washingtonpost.com/world/iraqi-forces-advance-into-ramadi/2015/12/22/story.html", "[1]\njavascript:alert(1)")
    assert "javascript:" in text
    _check(content, "js-ref.txt", text, 8, "error", "reference [1]", "not `javascript:`")


def test_data_url_in_related_block(content: Path) -> None:
    text = "Related:\nJuly 28, 2015\nReuters: Militia leader says U.S. not serious\ndata:text/html,<script>alert(1)</script>\n" + OTHER
    _check(content, "data-url.txt", text, 4, "error", "related item URL", "not `data:`")


def test_two_sources_with_the_same_id_name_both_files(content: Path) -> None:
    problem = _check(content, "001-copy.txt", GOOD, 1, "error", f"`{GOOD_ID}`", "content/sources/000-good.txt", f"id: {GOOD_ID}-2")
    assert "Delete one" in problem.message


def test_front_matter_with_bad_date_and_unknown_key(content: Path) -> None:
    _write(content, "front.txt", "---\ndate: 2015-02-30\nheadline_note: fix later\n---\n" + OTHER)
    articles, problems = read_sources(content)
    mine = sorted((p.line, p.severity, p.message) for p in problems if p.path == "content/sources/front.txt")
    assert [(line, severity) for line, severity, _ in mine] == [(2, "error"), (3, "error")], mine
    assert "`date: 2015-02-30` is not a date" in mine[0][2] and "date: '2015-08-08'" in mine[0][2]
    assert "`headline_note` is not one a source can set" in mine[1][2] and "title" in mine[1][2]
    assert GOOD_ID in [a.id for a in articles]


def test_front_matter_with_impossible_timestamp_tag_is_not_a_crash(content: Path) -> None:
    _check(content, "tag.txt", "---\ndate: !!timestamp 2015-02-30\n---\n" + OTHER, 1, "error", "front matter is not valid YAML", "key: value")


def test_unclosed_front_matter(content: Path) -> None:
    _check(content, "unclosed.txt", "---\ntitle: Iraqi forces retake Ramadi\n" + OTHER, 1, "error", "never closed", "add a line `---`")


def test_front_matter_that_is_not_yaml(content: Path) -> None:
    _check(content, "yaml.txt", "---\nauthors: [Missy Ryan\n---\n" + OTHER, 2, "error", "front matter is not valid YAML", "e.g.")


def test_impossible_date_line(content: Path) -> None:
    _check(content, "date.txt", OTHER.replace("December 28, 2015", "February 30, 2016"), 4, "error", "names no real day", "e.g. `August 8, 2015`")


def test_ambiguous_numeric_date_line(content: Path) -> None:
    _check(
        content, "numeric.txt", OTHER.replace("December 28, 2015", "08/09/2015"), 4, "error", "could be August 9, 2015 or September 8, 2015", "month as a word"
    )


def test_no_body(content: Path) -> None:
    text = "https://www.reuters.com/article/us-iraq-idUSKCN0T20ZB\nKurdish forces retake Sinjar\nBy Hadeel Sabri\nNovember 13, 2015\n"
    _check(content, "no-body.txt", text, 2, "error", "has no body", "paste its paragraphs")


def test_malformed_url_host_is_a_problem_not_a_crash(content: Path) -> None:
    _check(
        content,
        "host.txt",
        OTHER.replace("https://www.washingtonpost.com/world/middle_east", "https://[1]www.washingtonpost.com/x", 1),
        1,
        "error",
        "malformed",
    )


def test_a_directory_named_like_a_source(content: Path) -> None:
    (content / "sources" / "folder.txt").mkdir()
    _assert_good_source_still_read(content)
    _articles, problems = read_sources(content)
    assert _only_problem(problems, "folder.txt").message.startswith("cannot read the file")


def test_read_source_returns_problems_instead_of_raising(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(PNG_HEADER)
    article, problems = read_source(path, OutletTable({}))
    assert article is None
    assert [(p.line, p.severity) for p in problems] == [(0, "error")]


def test_one_run_reports_every_problem_and_keeps_the_good_source(content: Path) -> None:
    bad = {
        "a-empty.txt": b"",
        "b-binary.txt": PNG_HEADER,
        "c-latin1.txt": "https://www.reuters.com/a\nCaf\xe9\n".encode("latin-1"),
        "d-only-url.txt": b"https://www.reuters.com/article/us-iraq-idUSKCN0T20ZB\n",
        "e-headline.txt": b"Kurdish forces retake Sinjar\n",
        "f-js.txt": b"javascript:alert(1)\nHeadline\nBody.\n",
        "g-unclosed.txt": b"---\ntitle: x\n",
    }
    for name, data in bad.items():
        _write(content, name, data)
    articles, problems = read_sources(content)
    assert [a.id for a in articles] == [GOOD_ID]
    for name in bad:
        assert _only_problem(problems, name).severity == "error"


def test_build_with_bad_sources_reports_and_writes_nothing(content: Path) -> None:
    _write(content, "a-empty.txt", b"")
    _write(content, "b-copy.txt", GOOD)
    result = build(Path("content"), Path("out"))
    assert not result.wrote
    assert not Path("out").exists()
    errors = [p.format() for p in result.problems if p.severity == "error"]
    assert any(e.startswith("content/sources/a-empty.txt: error: the file is empty") for e in errors), errors
    assert any(e.startswith("content/sources/b-copy.txt:1: error: article id") and "content/sources/000-good.txt" in e for e in errors), errors
    assert GOOD_ID in [a.id for a in result.articles]


def test_missing_sources_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    articles, problems = read_sources(Path("content"))
    assert articles == []
    assert [(p.path, p.line, p.severity) for p in problems] == [("content", 0, "error")]
    assert "put one article per `.txt` file in `content/sources/`" in problems[0].message


def test_broken_outlet_table_does_not_stop_the_sources(content: Path) -> None:
    (content / "outlets.yml").write_text("washingtonpost.com: [The Washington Post\n", encoding="utf-8")
    articles, problems = read_sources(content)
    outlet_problems = [p for p in problems if p.path == "content/outlets.yml"]
    assert [(p.severity, p.line) for p in outlet_problems] == [("error", 2)], [p.format() for p in outlet_problems]
    assert "e.g. `washingtonpost.com: The Washington Post`" in outlet_problems[0].message
    assert GOOD_ID in [a.id for a in articles]
