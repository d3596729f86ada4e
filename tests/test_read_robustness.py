"""Whatever a contributor pastes, reading it gives an article or problems, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.read import OutletTable, read_source

OUTLETS = OutletTable({"washingtonpost.com": "The Washington Post"})

# Lines shaped like the parts of a source, so that generated files get deep into the parser.
PIECES = [
    "---",
    "...",
    "date: 2015-02-30",
    "authors: [Missy Ryan",
    "related: [{title: x, url: 'javascript:x'}]",
    "id: Not An Id",
    "Related:",
    "Related coverage:",
    "28 July 2015,",
    "08/09/2015",
    "February 30, 2016",
    "Reuters: Iraqi militia leader says U.S. not serious",
    "https://www.washingtonpost.com/world/2015/08/08/story.html",
    "<https://www.washingtonpost.com/a>",
    "https://[1]www.example.com/",
    "https://",
    "www.reuters.com/article/x",
    "javascript:alert(1)",
    "data:text/html,<b>",
    "Expanding U.S. role in Iraq strains alliance with Iran",
    "By Missy Ryan",
    "By Army Col. Steve Warren, DoD News, Defense Media Activity",
    "By",
    "By and, Jr.",
    "DoD News, Defense Media Activity",
    "August 8, 2015",
    "AUGUST 8, 2015 / 3:29 PM / 4 YEARS AGO",
    "BAGHDAD — The militias said [1] they would fight.",
    "ERBIL, Iraq, March 3, 2016 — Peshmerga held the line.",
    "the front lines as they prepare to retake Mosul, Carter said",
    '"Let\'s be frank," a senior official said.',
    "# *not* a heading <script>{{ x }}</script> | [a](b) &amp;",
    "Mustafa Salim in Baghdad contributed to this report.",
    "(Reporting by Kamal Naji; Editing by Tom Hennessy)",
    ", Iraq, and contributed to this report.",
    "[1]",
    "[1] https://www.washingtonpost.com/cited.html",
    "[2]: javascript:void(0)",
    "[9999]",
    "",
    "   ",
    "\t",
    "\x07",
]


@pytest.mark.slow  # many generated examples
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=25), newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_reading_never_raises(lines: list[str], newline: str, bom: bool) -> None:
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.txt"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        article, problems = read_source(path, OUTLETS)
    assert article is not None or any(p.severity == "error" for p in problems)
    for problem in problems:
        assert problem.message and problem.line >= 0


@pytest.mark.slow  # many generated examples
@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_reading_arbitrary_bytes_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.txt"
        path.write_bytes(data)
        article, problems = read_source(path, OUTLETS)
    assert article is not None or any(p.severity == "error" for p in problems)
