"""Whether a capitalised word that opens a sentence is a name's: its capital says nothing there, so other evidence must.

`suggest` asks this of every piece whose first word opens a sentence or stands in a heading (`Meanwhile Zorbak Tamimi
left.` is cut to `Zorbak Tamimi`): a word no dictionary has, a place, a given name, a head noun with a rare word, or a
word the same article capitalises inside a sentence (`mid_capitals`, gathered while the article's stretches are read).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from build_tools.name_edges import CONTRACTION
from build_tools.name_types import head_type
from build_tools.names import FUNCTION_WORDS, Lexicon, is_common_word
from build_tools.stretches import Word
from build_tools.text import CALENDAR_WORDS, HYPHEN_PARTICLES

# How often an article must capitalise a dictionary word inside its sentences, and never write it in lower case, for the
# capital to make it a name (`Anthropic`, `Kremlin`): once or twice may be house style (`the Agreement`), and a name
# an article is about comes back.
_ALWAYS_CAPITALISED = 3


def always_capitalised(word: str, mid_sentence: int, paragraphs: Sequence[str]) -> bool:
    """Whether an article writes a dictionary word (as written, capitalised) as a name: capitalised inside a sentence at
    least `_ALWAYS_CAPITALISED` times (`mid_sentence`), and never in lower case."""
    if mid_sentence < _ALWAYS_CAPITALISED or not word[1:].islower():
        return False
    lower = re.compile(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])")
    return not any(lower.search(paragraph) for paragraph in paragraphs)


def plain_opening(token: Word, words: Lexicon) -> bool:
    """A word that, alone at a sentence's start, is no name whatever the rest of the article says (`opening_evidence` in short)."""
    word = token.folded
    if word in FUNCTION_WORDS or CONTRACTION.search(token.text):
        return True
    return is_common_word(word, words) and word not in words.places and not token.text.isupper()


def opening_evidence(tokens: Sequence[Word], words: Lexicon, mid_capitals: Container[str]) -> bool:
    """Whether a piece whose first word opens a sentence is a name for more than that capital."""
    first = tokens[0]
    word = first.folded
    if CONTRACTION.search(first.text) or word in FUNCTION_WORDS or word in CALENDAR_WORDS:
        return False
    if len(tokens) > 1 and word in HYPHEN_PARTICLES and (tokens[1].hyphen_before or first.text in ("Al", "El")):
        return True  # `Al-Shabaab`, `Al Qaeda`
    if len(tokens) > 1 and tokens[1].folded == "the":
        return False  # `Following the Zorbak Administration`: a name's second word is not `the`
    common = is_common_word(word, words)
    if word in mid_capitals and not common:
        return True
    place = words.places.get(" ".join(token.folded for token in tokens))
    # A big city's name that is also an ordinary word is the word at a sentence's start (`Due to ...`), unless a dictionary
    # has it with a capital too (`Nice`).
    big_city = word in words.major_places and (not common or word in words.proper_words)
    if place is not None and not first.text.isupper() and (len(tokens) > 1 or place == "state" or big_city or (not common and len(word) > 3)):
        return True
    return len(tokens) > 1 and _several_words_evidence(tokens, common, words, mid_capitals)


def _several_words_evidence(tokens: Sequence[Word], common: bool, words: Lexicon, mid_capitals: Container[str]) -> bool:
    """`opening_evidence` for a piece of several words: a given name or a word no dictionary has first, a first word the
    article capitalises elsewhere, or a head noun with a rare word (`Federal Government of Somalia`) or three capitals
    (`Millennium Challenge Corporation`)."""
    word = tokens[0].folded
    if (word in words.given_names or not common) and word not in words.proper_words:
        return True
    if word in words.given_names and tokens[1].capital and not is_common_word(tokens[1].folded, words):
        return True  # `Maria Haydee Osuna Ruiz`: a given name a dictionary also has, before a word no dictionary has
    if word in mid_capitals:
        return True
    if head_type(tokens) is None:
        return False
    return any(not is_common_word(t.folded, words) for t in tokens[1:] if t.capital) or sum(t.capital for t in tokens) >= 3
