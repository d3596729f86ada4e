"""data/mentions.json is written by hand for speed: it must stay byte-identical to json.dumps of each row."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from build_tools.build import _json, _mentions_json
from build_tools.model import Mention

mentions = st.builds(
    Mention,
    article=st.text(min_size=1),
    actor=st.text(min_size=1),
    text=st.text(),
    start=st.integers(min_value=0, max_value=10**6),
    end=st.integers(min_value=0, max_value=10**6),
    paragraph=st.integers(min_value=1, max_value=10**4),
    linked=st.booleans(),
)


@given(st.lists(mentions, max_size=5))
def test_mentions_json_is_json_dumps_of_each_row(rows: list[Mention]) -> None:
    expected = _json(
        [{"article": m.article, "actor": m.actor, "text": m.text, "start": m.start, "end": m.end, "paragraph": m.paragraph, "linked": m.linked} for m in rows]
    )
    written = _mentions_json(rows)
    assert written == expected
    assert [Mention(**row) for row in json.loads(written)] == rows
