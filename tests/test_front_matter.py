"""Generated front matter reads back, through YAML, as exactly the data written."""

from __future__ import annotations

from typing import Any

import frontmatter
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.render import front_matter

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    text,
    st.sampled_from(["yes", "NO", "2015-08-08", "1.0", "~", "null", "- x", "a: b", "#c", "'q'", '"', "\u2028", "\ufeff"]),
)
records = st.dictionaries(st.sampled_from(["date", "outlet", "title", "url"]), scalars, max_size=4)
values = st.one_of(
    scalars, st.lists(scalars, max_size=4), st.lists(records, max_size=3), st.dictionaries(st.text("0123456789", min_size=1, max_size=3), scalars, max_size=4)
)


@pytest.mark.slow  # many generated examples
@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "title", "authors", "date", "related", "references", "actors", "byline"]), values, max_size=8))
def test_front_matter_round_trips(data: dict[str, Any]) -> None:
    dumped = front_matter(data)
    assert dumped.startswith("---\n") and dumped.endswith("\n---\n")
    assert (yaml.safe_load(dumped[4:-4]) or {}) == data


def test_python_frontmatter_reads_a_page() -> None:
    page = frontmatter.loads(front_matter({"title": 'Iraq: "yes" & no', "date": "2015-08-08", "authors": ["Missy Ryan"]}) + "\n# Body\n")
    assert page["title"] == 'Iraq: "yes" & no'
    assert page["date"] == "2015-08-08"
    assert page.content.strip() == "# Body"
