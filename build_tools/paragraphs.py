"""A source's body lines as paragraphs: hard-wrapped lines are joined, one paragraph per line stays so.

Pasted text comes both ways, with or without blank lines between paragraphs; nothing marks which, so the lines' widths
and where sentences end decide.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator

from build_tools.model import Line, Paragraph
from build_tools.references import without_trailing_markers

_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")", "…")


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence; reference markers after the full stop (`said. [1]`) do not count."""
    if text.endswith(_SENTENCE_END):
        return True
    return text.endswith("]") and without_trailing_markers(text).endswith(_SENTENCE_END)


def split_paragraphs(lines: list[Line], alone: Callable[[Line], bool]) -> Iterator[tuple[Paragraph, list[Line]]]:
    """Blank-line-separated groups; each group is one hard-wrapped paragraph or one paragraph per line. Each paragraph
    comes with the lines it was joined from; a line for which `alone` is true (a label, a date) is a paragraph of its own."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    groups = [group for group in groups if group]
    widths = [len(line.text) for group in groups for line in group]
    wrap_width = statistics.quantiles(widths, n=10)[-1] if len(widths) >= 10 else max(widths, default=0)
    # In hard-wrapped text most lines stop mid-sentence; in one-paragraph-per-line text almost none do.
    inner = [line for group in groups for line in group[:-1]]
    body_wrapped = bool(inner) and sum(1 for line in inner if not _ends_sentence(line.text)) > len(inner) / 2
    for group in groups:
        yield from _group_paragraphs(group, wrap_width, len(groups) > 1, body_wrapped, alone)


def _room_for(line: Line, following: Line | None, wrap_width: float) -> bool:
    """Whether the next line's first word would have fitted on `line`: then a wrap did not end it.

    10 % slack, because character counts only approximate the widths of proportional fonts
    (a line of capitals is full with fewer characters).
    """
    word = following.text.split()[0] if following is not None and following.text else ""
    return len(line.text) + 1 + len(word) <= 0.9 * wrap_width


def _group_paragraphs(
    group: list[Line], wrap_width: float, several_groups: bool, body_wrapped: bool = False, alone: Callable[[Line], bool] | None = None
) -> Iterable[tuple[Paragraph, list[Line]]]:
    """Decide whether a group's lines are one hard-wrapped paragraph or several one-line paragraphs.

    A line marked `alone` (one that looks like a label, date or byline) is a paragraph of its own either way.
    """
    if len(group) == 1:
        yield Paragraph(group[0].text, group[0].number), group
        return
    alone_at = [False] * len(group)
    wrapped = _looks_wrapped(group, alone_at, wrap_width, body_wrapped)
    if wrapped and alone is not None:
        # Lines that stand alone (`Photo By: ...`, `Related Links`) end no sentence: they must not make the group look
        # wrapped. Asked only here, since most groups are one paragraph per line without them.
        alone_at = [alone(line) for line in group]
        wrapped = not any(alone_at) or _looks_wrapped(group, alone_at, wrap_width, body_wrapped)
    if not wrapped:
        for line in group:
            yield Paragraph(line.text, line.number), [line]
        return
    current: list[Line] = []
    for index, line in enumerate(group):
        if alone_at[index]:
            if current:
                yield _join(current), current
            yield Paragraph(line.text, line.number), [line]
            current = []
            continue
        current.append(line)
        # Without blank lines between paragraphs, a line that ends a sentence ends its paragraph when
        # it is short, or when the next line's first word would have fitted on it.
        room = _room_for(line, group[index + 1] if index + 1 < len(group) else None, wrap_width)
        if not several_groups and _ends_sentence(line.text) and (len(line.text) < 0.75 * wrap_width or room):
            yield _join(current), current
            current = []
    if current:
        yield _join(current), current


def _looks_wrapped(group: list[Line], alone_at: list[bool], wrap_width: float, body_wrapped: bool) -> bool:
    """Whether a group's lines, those that stand alone left out, are one hard-wrapped paragraph rather than one paragraph per line."""
    inner = [index for index in range(len(group) - 1) if not alone_at[index]]
    # In hard-wrapped text, a full line that happens to end a sentence is still a wrap.
    ending_sentences = sum(
        1 for index in inner if _ends_sentence(group[index].text) and (not body_wrapped or _room_for(group[index], group[index + 1], wrap_width))
    )
    return ending_sentences <= len(inner) / 2 and max((len(group[index].text) for index in inner), default=0) <= 140


def _join(lines: list[Line]) -> Paragraph:
    """One paragraph from the lines of a hard-wrapped one."""
    text = lines[0].text
    for line in lines[1:]:
        # A hyphen at the end of a wrapped line is kept, and the word goes on without a space.
        joiner = "" if re.search(r"\w-$", text) else " "
        text = f"{text}{joiner}{line.text}"
    return Paragraph(text, lines[0].number)
