"""An article's words as `check` reads them: from its E string (`build_tools.fast_text`), as lists and integer bit sets.

Words, the gaps between them and their capitals come out of a few `str` operations per article, and
which word runs need a look comes out of bit sets, one bit per word (word k is bit k). Paragraphs E
leaves out have no words here: `check` reads them on their tokens (`text.tokenize`), the clear path
this one is tested against.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from build_tools.fast_text import ABBREVIATION_DOT, SEPARATOR, FastText, find_all, is_word_char
from build_tools.model import Mention
from build_tools.text import CALENDAR_WORDS, PERSON_TITLES, TITLE_GAP, Token


class _CharTable(dict[int, str | None]):
    """A `str.translate` table made by a function of the character, filled as characters are first met."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule
        for code in range(128):
            self[code] = rule(chr(code))

    def __missing__(self, code: int) -> str | None:
        value = self.rule(chr(code))
        self[code] = value
        return value


# From E: the folded words (an abbreviation's full stops back), capitals, and gaps as `s` (a space) or `x` (anything else).
_WORDS = _CharTable(lambda ch: "." if ch == ABBREVIATION_DOT else ch if is_word_char(ch) else " ")
_CAPITALS = _CharTable(lambda ch: "1" if ch.isupper() else "0")
_GAPS = _CharTable(lambda ch: " " if is_word_char(ch) else "s" if ch == " " else "x")
# A title's full stop and a space before a word (`Gen. Joseph`): E keeps the stop, `text.joins_after_title` joins the words.
_TITLE_DOT = re.compile(r"\. (?=[^\W_])(?:" + "|".join(rf"(?<=(?<![^\W_])(?<!\x06){re.escape(title)}\. )" for title in sorted(PERSON_TITLES)) + ")")


def word_bits(folded: Sequence[str], marked: frozenset[str]) -> int:
    """Bit set of the words in `marked`."""
    return bits("".join(["1" if word in marked else "0" for word in folded]))


def bits(flags: str) -> int:
    """A string of `0` and `1`, one per word, as a bit set (word k is bit k)."""
    return int(flags[::-1], 2) if flags else 0


def flags(bit_set: int, count: int) -> str:
    """`bits` the other way: `count` characters."""
    return format(bit_set, "b")[::-1].ljust(count, "0")[:count] if count else ""


def ones(bit_set: int) -> list[int]:
    """The set bits, in increasing order."""
    digits = format(bit_set, "b")[::-1]
    found: list[int] = []
    position = digits.find("1")
    while position >= 0:
        found.append(position)
        position = digits.find("1", position + 1)
    return found


class MentionWords(NamedTuple):
    """The words an article's mentions cover, as bit sets."""

    covered: int
    """Words a mention overlaps."""
    starts: int
    """The first word of each mention."""
    ends: int
    """The last word of each mention."""
    disjoint: bool
    """Whether no two mentions share a word (what linking gives)."""
    ranges: dict[int, tuple[int, int]]
    """When they do share words: each covered word's mention, as a word range (the later mention's wins)."""


@dataclass
class ArticleWords:
    """One article's words, as E gives them (paragraphs it leaves out have none)."""

    text: FastText
    """The article's E."""
    paragraphs: Sequence[str]
    """The paragraphs' source texts."""
    folded: list[str]
    """Folded words, in order."""
    starts: list[int]
    """Offset in E of each word."""
    ends: list[int]
    """Offset in E after each word."""
    first_word: list[int]
    """Index of each paragraph's first word, then the number of words."""
    capitalised: int
    """Bit set: words whose first letter is a capital, months and days left out (they are never names)."""
    joined: int
    """Bit set: words joined to the word before as the words of one run are (`text.joins_after_title`)."""

    def source_start(self, word: int) -> int:
        """Offset in the article's joined text of a word's first character."""
        return self.text.source(self.starts[word])

    def source_end(self, word: int) -> int:
        """Offset in the article's joined text after a word's last character."""
        return self.text.source(self.ends[word] - 1) + 1

    def paragraph_of(self, word: int) -> int:
        """Index of the paragraph that holds a word."""
        return bisect.bisect_right(self.first_word, word) - 1

    def written(self, start: int, last: int) -> str:
        """The source text of words `start` to `last - 1` (of one paragraph)."""
        begin = self.source_start(start)
        paragraph = self.text.paragraph(begin)
        offset = self.text.starts[paragraph]
        return self.paragraphs[paragraph][begin - offset : self.source_end(last - 1) - offset]

    def mention_words(self, mentions: Sequence[Mention]) -> MentionWords:
        """The words the mentions cover: each mention covers the words its span overlaps (in paragraphs E keeps)."""
        text, unfit, count = self.text, set(self.text.unfit), len(self.paragraphs)
        paragraph_starts, lengths = text.starts, [len(paragraph) for paragraph in self.paragraphs]
        # A mention's offsets in the article's joined text (clamped to its paragraph), then in E: one loop over the mentions and
        # one `first_kept` for both ends (a comprehension per list and a call per end were 0.04 s more per 3,000 articles).
        begins: list[int] = []
        finishes: list[int] = []
        for m in mentions:
            index = m.paragraph - 1
            if 0 <= index < count and index not in unfit:
                offset, length = paragraph_starts[index], lengths[index]
                begins.append(offset + min(max(m.start, 0), length))
                finishes.append(offset + min(max(m.end, 0), length))
        located = text.first_kept(begins + finishes)
        begins, finishes = located[: len(begins)], located[len(begins) :]
        # The words a span overlaps: from the first that ends after its start to the last that starts before its end.
        firsts = [bisect.bisect_right(self.ends, begin) for begin in begins]
        lasts = [bisect.bisect_left(self.starts, finish) for finish in finishes]
        spans = [(first, last) for first, last in zip(firsts, lasts, strict=True) if first < last]
        covered = starts = ends = 0
        disjoint = True
        for first, last in spans:
            span = ((1 << (last - first)) - 1) << first
            disjoint = disjoint and not covered & span
            covered |= span
            starts |= 1 << first
            ends |= 1 << (last - 1)
        ranges: dict[int, tuple[int, int]] = {}
        if not disjoint:
            for first, last in spans:
                for word in range(first, last):
                    ranges[word] = (first, last)
        return MentionWords(covered, starts, ends, disjoint, ranges)


def _word_bounds(folded: Sequence[str], gaps: Sequence[str], lead: int) -> tuple[list[int], list[int]]:
    """Each word's start and end in E: running sums of the lengths of the words and of the gaps after them, taken alternately
    (`accumulate` sums in C: a Python loop over every word was 0.8 s of `check`'s CPU time per 1,000 articles)."""
    lengths = [0] * (2 * len(folded))
    lengths[0::2] = [len(word) for word in folded]
    lengths[1::2] = [len(gap) for gap in gaps[: len(folded)]] + [0] * (len(folded) - len(gaps))
    bounds = list(accumulate(lengths, initial=lead))
    return bounds[0:-1:2], bounds[1::2]


def _title_joins(text: FastText, f: str, starts: list[int]) -> int:
    """Bit set: words after a title's full stop (`Gen. Joseph`), which `text.joins_after_title` joins to it."""
    joined = 0
    for match in _TITLE_DOT.finditer(f):
        position = match.start()
        if TITLE_GAP.fullmatch(text.masked[text.source(position - 1) + 1 : text.source(position + 2)]):
            joined |= 1 << bisect.bisect_left(starts, position + 2)
    return joined


def read_words(text: FastText, paragraphs: Sequence[str]) -> ArticleWords:
    """An article's words and what is known of each (see `ArticleWords`)."""
    e = text.e
    f = text.folded
    folded = f.translate(_WORDS).split()
    gaps = e.translate(_GAPS).split()
    lead = len(gaps.pop(0)) if e and not is_word_char(e[0]) else 0
    starts, ends = _word_bounds(folded, gaps, lead)
    capitalised = bits("".join([e[start] for start in starts]).translate(_CAPITALS)) & ~word_bits(folded, CALENDAR_WORDS)
    first_word = [0, *(bisect.bisect_left(starts, position + 1) for position in find_all(e, SEPARATOR)), len(folded)] if e else [0] * (len(paragraphs) + 1)
    # Joined: only a space between, or a title's full stop.
    joined = bits("0" + "".join(["1" if gap == "s" else "0" for gap in gaps[: max(0, len(folded) - 1)]])) | _title_joins(text, f, starts)
    return ArticleWords(text, paragraphs, folded, starts, ends, first_word, capitalised, joined)


def all_on_tokens(paragraphs: Sequence[str]) -> FastText:
    """An E that leaves every paragraph to the token path (the clear path, which the fast one is tested against)."""
    starts = [0]
    for paragraph in paragraphs[:-1]:
        starts.append(starts[-1] + len(paragraph) + 1)
    whole = SEPARATOR.join(paragraphs)
    return FastText(whole, whole, starts, "", [0], [0], list(range(len(paragraphs))))


def token_mention_ranges(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """For each token, the token range of the mention that covers it (overlaps it), if any."""
    ranges: list[tuple[int, int] | None] = [None] * len(tokens)
    for s, e in spans:
        covered = [i for i, t in enumerate(tokens) if s < t.end and t.start < e]
        if covered:
            for i in covered:
                ranges[i] = (covered[0], covered[-1] + 1)
    return ranges
