"""Today's pages as pasted: labels, shared date-and-byline lines, bylines without `By`, offices, places, chrome and ids."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from slugify import slugify

from build_tools.bylines import looks_like_office, name_and_title, names_list
from build_tools.dates import parse_date_line, updated_date
from build_tools.labels import looks_like_place, navigation_heading, page_chrome, page_kind, photo_credit, release_number
from build_tools.model import Article
from build_tools.problems import Problem
from build_tools.read import _FUNCTION_WORDS, ID_SLUG_MAX_LENGTH, OutletTable, _headline_slug, read_source
from tests.golden import load_case

OUTLETS = OutletTable({"defense.gov": "U.S. Department of Defense", "state.gov": "U.S. Department of State"})
GOLDEN = sorted((Path(__file__).parent / "golden" / "sources").glob("*.yml"))


def _read(tmp_path: Path, text: str) -> tuple[Article | None, list[Problem]]:
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path, OUTLETS)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Press Statement", "Press Statement"),
        ("PRESS STATEMENT", "Press Statement"),
        ("Readout", "Readout"),
        ("Media Note", "Media Note"),
        ("Fact Sheet", "Fact Sheet"),
        ("Remarks", "Remarks"),
        ("Transcript", "Transcript"),
        ("News Release", "News Release"),
        ("Press Release:", "Press Release"),
        ("IMMEDIATE RELEASE", "Release"),
        ("FOR IMMEDIATE RELEASE", "Release"),
        ("Releases", "Release"),
        ("Remarks by the prime minister", None),
        ("Statement after statement", None),
        ("News from Iraq", None),
        ("Press", None),
    ],
)
def test_page_kind(line: str, kind: str | None) -> None:
    assert page_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Release No: NR-011-20", "NR-011-20"),
        ("Release No. 20-001", "20-001"),
        ("Release Number 20170414-01", "20170414-01"),
        ("Release number is not a number", None),
        ("The release of the prisoners was delayed.", None),
    ],
)
def test_release_number(line: str, number: str | None) -> None:
    assert release_number(line) == number


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Facebook Twitter LinkedIn Email", True),
        ("Share | Print", True),
        ("An official website of the United States government", True),
        ("Here's how you know", True),
        ("A lock (lock) or https:// means you've safely connected to the .mil website. Share sensitive information only on official, secure websites.", True),
        ("3 Min Read", True),
        ("5-minute read", True),
        ("X", False),
        ("Officials shared the email with reporters.", False),
        ("Twitter suspended the account on Friday.", False),
    ],
)
def test_page_chrome(line: str, chrome: bool) -> None:
    assert (page_chrome(line) is not None) is chrome


@pytest.mark.parametrize(
    ("line", "heading"),
    [("Related Links", True), ("Subscribe to Defense.gov Products", True), ("Tags:", True), ("Related talks stalled in May.", False)],
)
def test_navigation_heading(line: str, heading: bool) -> None:
    assert navigation_heading(line) is heading


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photo By: Army Sgt. Jane Doe", True),
        ("Photo by Army Sgt. Jane Doe", True),
        ("VIRIN: 200102-D-XX123-0001", True),
        ("Photo by the author shows the base.", False),
        ("The photographer said.", False),
    ],
)
def test_photo_credit(line: str, credit: bool) -> None:
    assert photo_credit(line) is credit


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Washington, DC", True),
        ("Washington, D.C.", True),
        ("Brussels, Belgium", True),
        ("NATO Headquarters", True),
        ("Press Briefing Room", True),
        ("The United States condemns the attack.", False),
        ("militia members and their supporters", False),
    ],
)
def test_looks_like_place(line: str, place: bool) -> None:
    assert looks_like_place(line) is place


def test_bylines_without_by() -> None:
    assert name_and_title("Michael R. Pompeo, Secretary of State")
    assert name_and_title("ANTONY J. BLINKEN, SECRETARY OF STATE")
    assert not name_and_title("Ahmed Rasheed, John Davison")
    assert names_list("Ahmed Rasheed, John Davison") == ("Ahmed Rasheed", "John Davison")
    assert names_list("Antony J. Blinken, Secretary of State") == ()
    assert looks_like_office("Office of the Spokesperson")
    assert looks_like_office("U.S. Central Command Public Affairs")
    assert not looks_like_office("The coalition paused its training missions.")


def test_updated_dates() -> None:
    assert updated_date("Published Jan. 3, 2020Updated Jan. 4, 2020, 10:13 a.m. ET") == "2020-01-04"
    assert parse_date_line("January 3, 20204:26 PM GMT+3Updated 5 years ago") == "2020-01-03"
    assert parse_date_line("Updated 4:47 PM ET, Fri January 3, 2020") == "2020-01-03"
    assert parse_date_line("Jan. 2, 2020 | By Jim Garamone") is None


@pytest.mark.parametrize(
    ("header", "date", "authors", "kind"),
    [
        (["Jan. 2, 2020 | By Jim Garrison , DOD News"], "2020-01-02", ("Jim Garrison",), None),
        (["By Jim Garrison, DOD News | Jan. 2, 2020"], "2020-01-02", ("Jim Garrison",), None),
        (["Jan. 2, 2020 · By Jim Garrison"], "2020-01-02", ("Jim Garrison",), None),
        (["Press Statement", "Michael R. Pomper, Secretary of State", "January 3, 2020"], "2020-01-03", ("Michael R. Pomper",), "Press Statement"),
        (["Readout", "Office of the Spokesperson", "Washington, DC", "January 3, 2020"], "2020-01-03", (), "Readout"),
        (
            ["Remarks", "Heather Nauer", "Department Spokesperson", "Press Briefing Room", "Washington, DC", "January 3, 2020"],
            "2020-01-03",
            ("Heather Nauer",),
            "Remarks",
        ),
        (["January 3, 2020", "Transcript"], "2020-01-03", (), "Transcript"),
        (["By Jim Garrison", "Jan. 2, 2020", "Facebook Twitter LinkedIn Email"], "2020-01-02", ("Jim Garrison",), None),
    ],
)
def test_header_lines_under_the_headline(tmp_path: Path, header: list[str], date: str, authors: tuple[str, ...], kind: str | None) -> None:
    body = "U.S. forces struck five facilities used by a militia in Iraq, officials said.\nThe strikes followed a rocket attack."
    text = "\n".join(["https://www.defense.gov/News/Article/1/a/", "Officials Describe Strikes", *header, body])
    article, problems = _read(tmp_path, text)
    assert article is not None
    assert (article.date, article.authors, article.kind) == (date, authors, kind)
    assert [p.text for p in article.paragraphs] == body.split("\n")
    assert not [p for p in problems if "looks like" in p.message]


@pytest.mark.parametrize(
    "first",
    [
        "Remarks by the prime minister on Thursday did little to calm the crowds.",
        "Statement after statement from the government promised reforms.",
        'One banner read "Bread | Work | Dignity" in red letters.',
        "By Friday evening, thousands had returned to the square.",
        "Readout of the meeting said only that the leaders would meet again.",
    ],
)
def test_body_sentences_are_not_header_lines(tmp_path: Path, first: str) -> None:
    article, problems = _read(tmp_path, f"https://www.defense.gov/a/\nHeadline of the page\nBy Jim Garrison\nJanuary 3, 2020\n{first}\nMore text here.")
    assert article is not None
    assert article.paragraphs[0].text == first
    assert article.kind is None
    assert problems == []


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("Jan. 2, 2020 | By Jim Garrison , DOD News", ["date: '2020-01-02'", "authors: [Jim Garrison]"]),
        ("Press Statement", ["kind: Press Statement"]),
        ("January 3, 2020", ["date: '2020-01-03'"]),
        ("By Jim Garrison, DOD News", ["authors: [Jim Garrison]"]),
        ("Jan. 2, 2020 | Iraq", ["date: '2020-01-02'", "the rest of the line"]),
    ],
)
def test_a_header_line_in_the_body_is_kept_and_said(tmp_path: Path, line: str, says: list[str]) -> None:
    # Three lines of body before it: more than a dek, so the line is not in the header.
    body = "The coalition handed over a base to Iraqi forces today.\nThe base had housed coalition advisers.\nIraqi forces took it over."
    text = f"https://www.defense.gov/a/\nHeadline of the page\n{body}\n{line}\nThe handover is one of several."
    article, problems = _read(tmp_path, text)
    assert article is not None
    assert line in [p.text for p in article.paragraphs], "the line is body text, on its own"
    found = [p for p in problems if p.line == 6]
    assert len(found) == 1 and found[0].severity == "warning"
    assert all(piece in found[0].message for piece in says), found[0].message
    assert "front matter" in found[0].message


def test_a_front_matter_override_silences_the_warning(tmp_path: Path) -> None:
    text = (
        "---\nkind: Press Release\n---\nhttps://www.defense.gov/a/\nHeadline of the page\nJanuary 3, 2020\nFirst line of the body.\nPress Release\nMore text."
    )
    article, problems = _read(tmp_path, text)
    assert article is not None and article.kind == "Press Release"
    assert not [p for p in problems if "looks like" in p.message]


_LABEL_LINE = re.compile(r"(?P<label>[^|]+?)\s*\|\s*(?P<rest>.+)")


def _accounted(line: str, number: int, article: Article, problems: list[Problem]) -> bool:
    """Whether a source line reached the article (as text, or as what it says) or a problem names it (or the `[n]` line before it)."""
    if any(p.line in (number, number - 1) for p in problems):
        return True
    texts = [article.title, article.source_url, article.byline or "", article.date_text or "", article.place or ""]
    texts += [p.text for p in article.paragraphs] + list(article.contributor_lines) + list(article.unnumbered_urls)
    texts += [text for r in article.references for text in (f"[{r.key}]", r.url or "", r.text or "")]
    texts += [text for item in article.related for text in (item.outlet or "", item.title, item.url or "")]
    if any(text and (line in text or (text in line and len(text) > 3)) for text in texts):
        return True
    if "byline" in article.overridden and article.byline and line.lower().startswith("by "):
        return True  # the byline front matter replaces
    if "title" in article.overridden and slugify(line).replace("-", "") == slugify(article.title).replace("-", ""):
        return True  # the headline front matter corrects
    if article.related and re.fullmatch(r"related(?: coverage)?:?", line, re.IGNORECASE):
        return True
    label = _LABEL_LINE.fullmatch(line)
    said = {page_kind(line), page_kind(label.group("label")) if label else None}
    if article.kind and (article.kind in said or "Release" in said):
        return True  # the label, or `FOR IMMEDIATE RELEASE` beside it
    try:
        date = parse_date_line(line.rstrip(","))
    except ValueError:
        date = None
    if date is not None and date in (article.date, article.updated, *(item.date for item in article.related)):
        return True
    return release_number(line) is not None and release_number(line) == article.release_number


@pytest.mark.parametrize("case_path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_no_line_of_a_golden_source_is_lost(tmp_path: Path, case_path: Path) -> None:
    """Every line of every golden source ends up in the article or in a problem naming its line: nothing is dropped silently."""
    text = str(load_case(case_path)["input"])
    article, problems = _read(tmp_path, text)
    if article is None:
        assert any(p.severity == "error" for p in problems)
        return
    lines = text.split("\n")
    start = 0
    if lines[0].strip() == "---":
        start = lines.index("---", 1) + 1 if "---" in lines[1:] else len(lines)
    lost = [
        (number, line.strip())
        for number, line in enumerate(lines, start=1)
        if number > start and line.strip() and not _accounted(line.strip(), number, article, problems)
    ]
    assert lost == []


def _title_words() -> st.SearchStrategy[str]:
    word = st.sampled_from(["U.S.", "al-Abadi's", "Prime", "Minister", "of", "the", "in", "a", "Iraq", "Forces", "says", "militia", "—", "Strike", "Esper"])
    long_word = st.text(alphabet="abcdefghij", min_size=1, max_size=14)
    return st.lists(st.one_of(word, long_word), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_title_words())
def test_id_slug_is_a_prefix_of_whole_words(title: str) -> None:
    """The id's slug is the slug of the headline's first words, whole, never longer than the limit, never ending on `of`, `a`..."""
    slug = _headline_slug(title)
    assert len(slug) <= ID_SLUG_MAX_LENGTH
    words = title.split()
    prefixes = {slugify(" ".join(words[:count])) for count in range(1, len(words) + 1)}
    assert slug in prefixes or (len(slugify(words[0])) > ID_SLUG_MAX_LENGTH and slug == slugify(title)[:ID_SLUG_MAX_LENGTH].rstrip("-"))
    if slug != slugify(title) and slug in prefixes:
        last = next(count for count in range(len(words), 0, -1) if slugify(" ".join(words[:count])) == slug)
        assert words[last - 1].lower() not in _FUNCTION_WORDS or last == 1


def test_id_is_cut_before_a_name_not_inside_it() -> None:
    title = "Readout of Secretary of Defense Dr. Mark T. Esparza's Phone Call With Iraqi Prime Minister Adil Abdul-Mahdi on U.S. Forces"
    assert _headline_slug(title) == "readout-of-secretary-of-defense-dr-mark-t-esparza-s-phone-call"
    sentence_case = "Iraqi forces say the militia that attacked the embassy compound in Baghdad is led by Abu Mahdi al-Muhandis"
    slug = _headline_slug(sentence_case)
    assert not slug.endswith(("-abu", "-abu-mahdi")), slug


PIECES = [
    "Press Statement",
    "PRESS RELEASE",
    "News | June 1, 2015",
    "Press Release | Jan. 5, 2020 | By U.S. Central Command Public Affairs",
    "Jan. 2, 2020 | By Jim Garamone , DOD News",
    "By Jim Garamone, DOD News | Jan. 2, 2020",
    "By By Cpl. Jordan Belser, Central Command Public Affairs",
    "Michael R. Pompeo, Secretary of State",
    "Heather Nauert",
    "Department Spokesperson",
    "Office of the Spokesperson",
    "Washington, DC",
    "January 3, 2020",
    "Updated: Jan. 3, 2020 4:10 p.m. ET",
    "Feb. 30, 2020 | By Nobody",
    "Release No. 20200105-01",
    "FOR IMMEDIATE RELEASE",
    "Facebook Twitter LinkedIn Email",
    "An official website of the United States government",
    "Related Links",
    "3 Min Read",
    "https://www.state.gov/a/",
    "A headline of the page",
    "A sentence of the body that ends with a full stop.",
    "[1]",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
# Found by this test: a `Name, Title` byline between two dates dropped the dek read above the first.
@example(
    lines=[
        "By By Cpl. Jordan Belser, Central Command Public Affairs",
        "A sentence of the body that ends with a full stop.",
        "January 3, 2020",
        "Michael R. Pompeo, Secretary of State",
        "January 3, 2020",
        "News | June 1, 2015",
    ]
)
# Found by this test once: a `By` line after a `News | date` line dropped the dek read above the date.
@example(
    lines=[
        "By By Cpl. Jordan Belser, Central Command Public Affairs",
        "A sentence of the body that ends with a full stop.",
        "News | June 1, 2015",
        "By By Cpl. Jordan Belser, Central Command Public Affairs",
        "Press Statement",
        "Press Statement",
    ]
)
def test_reading_header_pieces_never_raises_and_loses_nothing(lines: list[str]) -> None:
    text = "\n".join(["https://www.state.gov/page/", *lines])
    with tempfile.TemporaryDirectory() as folder:
        article, problems = _read(Path(folder), text)
    if article is None:
        assert any(p.severity == "error" for p in problems)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            assert _accounted(line.strip(), number, article, problems), (number, line, article)


@pytest.mark.parametrize(
    ("front_matter", "says"),
    [
        ("kind: [Press Statement]", "`kind` must be a non-empty text"),
        ("credit: ''", "`credit` must be a non-empty text"),
        ("updated: 2020-02-30", "`updated: 2020-02-30` is not a date"),
        ("release_number: 7", "`release_number` must be a non-empty text"),
    ],
)
def test_new_front_matter_keys_are_checked(tmp_path: Path, front_matter: str, says: str) -> None:
    article, problems = _read(tmp_path, f"---\n{front_matter}\n---\nhttps://www.state.gov/a/\nHeadline of the page\nJanuary 3, 2020\nFirst line of the body.")
    assert article is not None
    assert [(p.line, p.severity) for p in problems if says in p.message] == [(2, "error")]
