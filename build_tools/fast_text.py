"""An article as one string E that keeps its words as `text.tokenize` folds them: what linking's fast path and `check`'s word scan read.

An article's masked paragraphs, joined by `SEPARATOR`, become a string E with one character per
source character: letters and digits normalised one for one (case kept), white space and hyphens as
spaces, in-word marks and anything else as characters that are neither word characters nor spaces.
Then a few recorded edits, each the rule of `build_tools.text` it stands for:

- in-word marks go (`Kata'ib`), and a possessive's s leaves its word (`Iran's`): `text.IN_WORD`, `text.possessive_end`;
- a dotted abbreviation's full stops join its word (`U.S.`): `text.TOKEN`;
- a full stop after an initial or a name abbreviation becomes a space (`J. Austin`, `St. Louis`): `text.joins`;
- runs of spaces shrink to one.

So E holds each token as the token path folds it, a joining gap as one space and any other gap as
something else; segments map E's offsets back to the source. A paragraph with characters this cannot
hold (control characters, letters that normalise to several characters or to none, runs of in-word
marks, words with nothing between them) is blanked out in E and left to the token path.
`tests/test_fast_paths.py` holds both readings equal.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from build_tools.model import Article
from build_tools.text import APOSTROPHES, HYPHENS, MARKER, NAME_ABBREVIATIONS, TOKEN, blank, mask, may_hold_url, normalise

SEPARATOR = "\x01"  # between the paragraphs of one article
POSSESSIVE_MARK = "\x00"  # ' ’ ‘ ` ´: dropped inside a word, and the apostrophe of a possessive `'s`
OTHER_MARK = "\x02"  # the other in-word marks a paragraph the fast path takes may hold: soft hyphen and zero-width characters
POSSESSIVE_S = "\x03"  # the s of a possessive `'s`, which is not part of the word
UNFIT = "\x04"  # a character that sends its paragraph to the token path
ABBREVIATION_DOT = "\x06"  # a full stop inside a dotted abbreviation (`U.S.`), part of the word
MARKS = POSSESSIVE_MARK + OTHER_MARK
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060"
# The other in-word marks of `text.IN_WORD` (`ʼʻʿʾ`) are letters to `isalnum` that normalise to nothing: `UNFIT`, their paragraphs take the token path.


def _fast_char(ch: str) -> str:
    """What one source character becomes in E."""
    if ch.isspace() or ch in HYPHENS:
        return " "
    if ch in APOSTROPHES:
        return POSSESSIVE_MARK
    if ch in _ZERO_WIDTH:
        return OTHER_MARK
    if ch.isalnum():
        normal = normalise(ch)
        folded = normal.casefold()
        return normal if len(normal) == 1 and normal.isalnum() and len(folded) == 1 and folded.isalnum() else UNFIT
    if ch == "." or (ch.isascii() and ch.isprintable()):
        return ch
    return UNFIT if ord(ch) < 32 or ord(ch) == 127 else "#"


class _FastTable(dict[int, str]):
    """`str.translate` table from source characters to E's, filled as characters are first met."""

    def __missing__(self, code: int) -> str:
        value = _fast_char(chr(code))
        self[code] = value
        return value


_TABLE = _FastTable({code: _fast_char(chr(code)) for code in range(128)})
_TABLE[ord(SEPARATOR)] = SEPARATOR


def is_word_char(ch: str) -> bool:
    """Whether an E character belongs to a word."""
    return ch.isalnum() or ch == ABBREVIATION_DOT


# A full stop after a word character that may need a look: a word character follows it (a dotted abbreviation?)
# or its word is shorter than three (an initial?).
_FULL_STOP = re.compile(r"\.(?<=[^\W_]\.)(?:(?=[^\W_])|(?<![^\W_]{3}\.))")


def find_all(text: str, needle: str) -> list[int]:
    """Every offset of `needle` in `text`."""
    found: list[int] = []
    position = text.find(needle)
    while position >= 0:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


@dataclass
class FastText:
    """An article's paragraphs as the fast path sees them."""

    whole: str
    """The paragraphs' source texts joined by `SEPARATOR`."""
    masked: str
    """`whole` with each paragraph masked."""
    starts: list[int]
    """Offset of each paragraph in `whole`."""
    e: str
    """E: see above; paragraphs the fast path does not take are blanked out in it (`UNFIT`)."""
    segment_e: list[int]
    """Offsets in E where a stretch that maps one to one onto `whole` begins ..."""
    segment_source: list[int]
    """... and the offset in `whole` that each begins at."""
    unfit: list[int]
    """Indexes of the paragraphs left to the token path."""

    @functools.cached_property
    def folded(self) -> str:
        """E case folded: what the linker's automaton and `check`'s words read (folded once: 0.03 s per 3,000 articles)."""
        return self.e.casefold()

    def source(self, position: int) -> int:
        """The offset in `whole` of E's character at `position`."""
        index = bisect.bisect_right(self.segment_e, position) - 1
        return self.segment_source[index] + position - self.segment_e[index]

    def e_position(self, source: int) -> int:
        """The offset in E of the character at `source` in `whole` (which must be kept in E)."""
        index = bisect.bisect_right(self.segment_source, source) - 1
        return self.segment_e[index] + source - self.segment_source[index]

    def first_kept(self, sources: Sequence[int]) -> list[int]:
        """For each offset of `whole`, the offset in E of the first character at or after it that E keeps."""
        segment_e, segment_source = self.segment_e, self.segment_source
        segment_ends = [*segment_e[1:], len(self.e)]
        found = []
        for source in sources:
            index = bisect.bisect_right(segment_source, source) - 1
            found.append(segment_e[index] + min(source - segment_source[index], segment_ends[index] - segment_e[index]))
        return found

    def paragraph(self, source: int) -> int:
        """Index of the paragraph that holds offset `source` of `whole`."""
        return bisect.bisect_right(self.starts, source) - 1

    def masked_paragraph(self, index: int) -> str | None:
        """Paragraph `index` as `text.mask` writes it, when E takes that paragraph (`masked` holds it so), else None."""
        if not self.e or index in self.unfit:
            return None  # `masked` may be `whole` itself (a paragraph holds `SEPARATOR`); a paragraph left out is masked on its own
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.whole)
        return self.masked[self.starts[index] : end]


@dataclass
class _Draft:
    """E while it is being built: the edits found so far, applied at the end."""

    e: str
    """E so far (one character per source character)."""
    starts: list[int]
    """Offset of each paragraph."""
    unfit: set[int] = field(default_factory=set)
    """Paragraphs left to the token path."""
    dropped: set[int] = field(default_factory=set)
    """Offsets of in-word marks to cut."""

    def paragraph_at(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1


def _replace(text: str, replacements: dict[int, str]) -> str:
    """`text` with single characters replaced, by position."""
    pieces: list[str] = []
    last = 0
    for position in sorted(replacements):
        pieces.append(text[last:position])
        pieces.append(replacements[position])
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _word_continues(e: str, position: int) -> bool:
    """Whether a token that reached `position` goes on there (a letter, or in-word marks then a letter)."""
    if position >= len(e):
        return False
    ch = e[position]
    return ch.isalnum() or (ch in MARKS and position + 1 < len(e) and e[position + 1].isalnum())


def _in_word_marks(draft: _Draft) -> None:
    """In-word marks: dropped (`Kata'ib`), except the apostrophe of a possessive, whose s leaves the word (`Iran's`)."""
    e = draft.e
    if POSSESSIVE_MARK not in e and OTHER_MARK not in e:
        return
    replacements: dict[int, str] = {}
    for mark in MARKS:
        for position in find_all(e, mark):
            after = e[position + 1 : position + 2]
            if after and after in MARKS:
                draft.unfit.add(draft.paragraph_at(position))
            elif position and after.isalnum() and e[position - 1].isalnum():
                if mark == POSSESSIVE_MARK and after in "sS" and not _word_continues(e, position + 2):
                    replacements[position + 1] = POSSESSIVE_S
                else:
                    draft.dropped.add(position)
    if replacements:
        draft.e = _replace(e, replacements)


def _joining_full_stop(e: str, position: int, dropped: set[int]) -> bool:
    """Whether the full stop at `position` ends an initial or a short abbreviation that reads on into the next word (`J. Austin`, `St. Louis`)."""
    after = position + 1
    while after < len(e) and e[after] == " ":
        after += 1
    if after >= len(e) or not e[after].isalnum():
        return False
    letters: list[str] = []
    before = position - 1
    while before >= 0 and len(letters) < 3:
        if e[before].isalnum():
            letters.append(e[before])
        elif before not in dropped:
            break
        before -= 1
    word = "".join(reversed(letters))
    return (len(word) == 1 and word.isupper()) or word.casefold() in NAME_ABBREVIATIONS


def _abbreviation_dots(draft: _Draft, masked: str, position: int, replacements: dict[int, str]) -> int:
    """Mark the full stops of the dotted abbreviations in the stretch of text around `position` (found on its exact tokens);
    the stretch's end is returned. Two words with nothing between them send their paragraph to the token path."""
    e = draft.e
    first = max(e.rfind(" ", 0, position), e.rfind(SEPARATOR, 0, position)) + 1
    ends = [end for end in (e.find(" ", position), e.find(SEPARATOR, position)) if end >= 0]
    done = min(ends) if ends else len(e)
    previous_end = -1
    for match in TOKEN.finditer(masked, first, done):
        if match.start() == previous_end:
            draft.unfit.add(draft.paragraph_at(position))
        previous_end = match.end()
        if "." in match.group():
            for dot in range(match.start(), match.end()):
                if masked[dot] == ".":
                    replacements[dot] = ABBREVIATION_DOT
    return done


def _full_stops(draft: _Draft, masked: str) -> None:
    """Full stops: inside a dotted abbreviation, after an initial (a joining gap: a space), or neither (left as they are)."""
    e = draft.e
    if "." not in e:
        return
    replacements: dict[int, str] = {}
    done = -1
    for stop in _FULL_STOP.finditer(e):
        position = stop.start()
        if position > done and e[position + 1 : position + 2].isalnum():
            done = _abbreviation_dots(draft, masked, position, replacements)
        if position in replacements:
            continue
        if position >= 3 and e[position - 2].isalnum() and e[position - 3].isalnum():
            continue  # a word of three letters or more: a sentence's end, not an initial
        if _joining_full_stop(e, position, draft.dropped):
            replacements[position] = " "
    if replacements:
        draft.e = _replace(e, replacements)


def _cuts(e: str, dropped: set[int]) -> list[tuple[int, int]]:
    """The stretches of E to cut, in order: dropped marks, and all but the first space of each run of spaces."""
    cuts = sorted((position, position + 1) for position in dropped)
    if "  " in e:
        position = e.find("  ")
        while position >= 0:
            end = position + 2
            while end < len(e) and e[end] == " ":
                end += 1
            cuts.append((position + 1, end))
            position = e.find("  ", end)
        cuts.sort()
    return cuts


def _cut(e: str, cuts: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """E without the cut stretches, and its segments (see `FastText.segment_e`)."""
    segment_e = [0]
    segment_source = [0]
    if not cuts:
        return e, segment_e, segment_source
    pieces: list[str] = []
    last = 0
    for cut_start, cut_end in cuts:
        pieces.append(e[last:cut_start])
        segment_e.append(segment_e[-1] + cut_start - last)
        segment_source.append(cut_end)
        last = cut_end
    pieces.append(e[last:])
    return "".join(pieces), segment_e, segment_source


def fast_text(article: Article) -> FastText:
    """Build E for an article (see above)."""
    texts = [p.text for p in article.paragraphs]
    whole = SEPARATOR.join(texts)
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    if whole.count(SEPARATOR) != len(texts) - 1:  # a paragraph holds the separator itself: all on tokens
        return FastText(whole, whole, starts, "", [0], [0], list(range(len(texts))))
    masked = whole
    if may_hold_url(whole):
        masked = SEPARATOR.join(mask(text) for text in texts)
    elif "[" in whole:
        masked = MARKER.sub(blank, whole)
    draft = _Draft(masked.translate(_TABLE), starts)
    if UNFIT in draft.e:
        draft.unfit |= {draft.paragraph_at(position) for position in find_all(draft.e, UNFIT)}
    _in_word_marks(draft)
    _full_stops(draft, masked)
    e = draft.e
    for index in draft.unfit:
        end = starts[index] + len(texts[index])
        e = e[: starts[index]] + UNFIT * (end - starts[index]) + e[end:]
    e, segment_e, segment_source = _cut(e, _cuts(e, draft.dropped))
    return FastText(whole, masked, starts, e, segment_e, segment_source, sorted(draft.unfit))
