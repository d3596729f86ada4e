"""Names the registry lacks, as `check` suggests them: today's rules, one article at a time, then counted over all.

The per-article step (`names_in_article`) gets an article, the words its mentions cover and the
names the registry knows, and gives the candidate names in text order; `count_suggestions` counts
them over all articles. The rules: capitalised names of two words or more (particles allowed
inside), or of one after a title, outside mentions; and acronyms in parentheses. A sentence's first
word counts only when the articles also capitalise it inside a sentence (`Joseph` in `Joseph Dunford
said`, not `Meanwhile`): that is known only once every article is read, so a candidate may carry
both answers (`NameEvent`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from build_tools.article_words import AFTER_COLON, ArticleWords, MentionWords, flags, ones, word_bits
from build_tools.model import Article, Mention
from build_tools.problems import json_string
from build_tools.sentences import sentence_start_indexes
from build_tools.text import CALENDAR_WORDS, PARTICLES, PERSON_TITLES, TITLE_MODIFIERS, Token, folded_key, joins_after_title, mask, name_runs, tokenize

ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Z0-9&\-]{1,9})\)")
# Words whose capital says nothing about a name: particles, titles and the words that begin titles.
NOT_NAME_WORDS = PARTICLES | PERSON_TITLES | TITLE_MODIFIERS


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A name in the articles that the registry does not know (a row of `check --format json`'s suggestions)."""

    text: str
    """The name as written (its most common spelling)."""
    count: int
    """How often it occurs across all articles."""
    articles: tuple[str, ...]
    """Ids of the articles it occurs in, sorted."""

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "count": self.count, "articles": list(self.articles)}

    def as_json_text(self) -> str:
        """`json.dumps(self.as_json(), ensure_ascii=False)`, from the C string encoder alone (`check` prints tens of thousands)."""
        articles = ", ".join(map(json_string, self.articles))
        return f'{{"text": {json_string(self.text)}, "count": {self.count}, "articles": [{articles}]}}'


class Spelling(NamedTuple):
    """A candidate name: how suggestions count it, and how the text writes it."""

    key: str
    """Folded words joined by spaces."""
    text: str
    """As written."""


class NameEvent(NamedTuple):
    """A candidate name met in an article, in text order."""

    article: str
    """Article id."""
    first_word: str | None
    """The name's first word, when which name it is depends on whether the articles capitalise that word inside a sentence."""
    if_name_word: Spelling | None
    """The name if they do (or if the question does not arise); None: no name."""
    otherwise: Spelling | None
    """The name if they do not."""


# A `NameEvent` as a plain tuple (how a forked child sends it: see `check`), which `count_suggestions` takes as well.
EventRow = tuple[str, str | None, tuple[str, str] | None, tuple[str, str] | None]


@dataclass
class KnownNames:
    """What the registry knows, for the suggestion step: a registry name, or a near miss of one, is no suggestion."""

    keys: set[str]
    """Every registry name's folded words joined by spaces."""
    near_miss: Callable[[tuple[str, ...], tuple[bool, ...]], bool]
    """Whether folded words (and whether each is capitalised) are a near miss of a registry name."""
    _acronyms: dict[str, str] = field(default_factory=dict)

    def knows(self, words: tuple[str, ...], capitalised: tuple[bool, ...]) -> bool:
        return " ".join(words) in self.keys or self.near_miss(words, capitalised)

    def acronym_key(self, acronym: str) -> str:
        key = self._acronyms.get(acronym)
        if key is None:
            key = self._acronyms[acronym] = folded_key(tokenize(acronym))
        return key


def is_name_word(token: Token) -> bool:
    """A capitalised word that is not a month or a day."""
    return token.exact[:1].isupper() and token.folded not in CALENDAR_WORDS


# --- the rules, on a run of words ------------------------------------------------------------------------------------------


def _strip_titles(folded: Sequence[str], start: int, end: int) -> tuple[int, bool]:
    """Skip the titles a name starts with (`Prime Minister`, `Defense Secretary`, `Secretary of State`); say whether there were any."""
    titled = False
    while start < end:
        word = folded[start]
        if word in PERSON_TITLES:
            start, titled = start + 1, True
        elif word in TITLE_MODIFIERS and any(other in PERSON_TITLES for other in folded[start + 1 : end]):
            start += 1
        elif titled and word == "of" and end - start > 2:
            start += 2  # `Secretary of State John Kerry`, `Minister of Defense Khaled al-Obeidi`
        else:
            break
    return start, titled


def _finish_name(folded: Sequence[str], capitals: str, start: int, titled: bool, end: int) -> tuple[int, int] | None:
    """The name left of a capitalised sequence once particles before it and titles after it go, if it is one."""
    while start < end and folded[start] in PARTICLES:
        start += 1
    last = end
    while last > start and folded[last - 1] in PERSON_TITLES:
        last -= 1
    names = capitals.count("1", start, last)
    return (start, last) if names >= 2 or (titled and names == 1) else None


class _RunName(NamedTuple):
    """A name in a run of words, as word ranges."""

    first_word: str | None
    """The first word, when the answer depends on whether the articles capitalise it inside a sentence."""
    if_name_word: tuple[int, int] | None
    """The name if they do, or if the question does not arise."""
    otherwise: tuple[int, int] | None
    """The name if they do not."""


def _capitalised_end(folded: Sequence[str], capitals: str, covered: int, index: int, run_end: int) -> int:
    """Where the capitalised sequence from `index` ends: capitalised words, and particles between them, outside mentions."""
    end = index
    while end < run_end and not covered >> end & 1:
        if capitals[end] == "1":
            end += 1
            continue
        after = end
        while after < run_end and not covered >> after & 1 and folded[after] in PARTICLES and capitals[after] != "1":
            after += 1
        if after in (end, run_end) or covered >> after & 1 or capitals[after] != "1":
            break
        end = after
    return end


def _run_names(folded: Sequence[str], capitals: str, covered: int, run_start: int, run_end: int, sentence_start: Callable[[int], bool]) -> list[_RunName]:
    """The names in one run (`capitals`: `1` for each capitalised word; `covered`: a bit for each word a mention covers)."""
    found: list[_RunName] = []
    index = run_start
    while index < run_end:
        if covered >> index & 1 or capitals[index] != "1":
            index += 1
            continue
        end = _capitalised_end(folded, capitals, covered, index, run_end)
        start, titled = _strip_titles(folded, index, end)
        if not titled and start == index and sentence_start(start):
            otherwise = _finish_name(folded, capitals, *_strip_titles(folded, start + 1, end), end)
            found.append(_RunName(folded[start], _finish_name(folded, capitals, start, titled, end), otherwise))
        else:
            found.append(_RunName(None, _finish_name(folded, capitals, start, titled, end), None))
        index = max(end, index + 1)
    return found


def _events(
    article_id: str, names: Iterable[_RunName], folded: Sequence[str], capitals: str, written: Callable[[int, int], str], known: KnownNames
) -> list[NameEvent]:
    """The run's names the registry does not know, as events."""

    def spelling(name: tuple[int, int] | None) -> Spelling | None:
        if name is None:
            return None
        start, last = name
        words = tuple(folded[start:last])
        if known.knows(words, tuple(c == "1" for c in capitals[start:last])):
            return None
        return Spelling(" ".join(words), written(start, last))

    found: list[NameEvent] = []
    for first_word, if_name_word, otherwise in names:
        named = spelling(if_name_word)
        other = spelling(otherwise) if first_word is not None else None
        if named is not None or other is not None:
            found.append(NameEvent(article_id, first_word, named, other))
    return found


def _acronym(article_id: str, acronym: str, known: KnownNames) -> NameEvent | None:
    key = known.acronym_key(acronym)
    return NameEvent(article_id, None, Spelling(key, acronym), None) if key not in known.keys else None


# --- one article -----------------------------------------------------------------------------------------------------------


def _fast_name_words(words: ArticleWords, capitalised: int, name_words: set[str]) -> None:
    """Add the words capitalised inside a sentence: a word no sentence end comes before certainly is; the others are looked at one by one."""
    first_words = 0
    for paragraph in range(len(words.paragraphs)):
        if words.first_word[paragraph] < words.first_word[paragraph + 1]:
            first_words |= 1 << words.first_word[paragraph]
    inside = capitalised & ~first_words
    doubtful = inside
    folded = words.folded
    if not words.text.hidden:
        certain = inside & ~words.marks
        name_words.update({word for word, flag in zip(folded, flags(certain, len(folded)), strict=True) if flag == "1"} - NOT_NAME_WORDS)
        doubtful = inside & words.marks
    for word in ones(doubtful):
        if folded[word] not in name_words and folded[word] not in NOT_NAME_WORDS and not words.sentence_start(word):
            name_words.add(folded[word])


def _fast_events(
    article: Article, words: ArticleWords, covered: MentionWords, capitalised: int, particles: int, known: KnownNames
) -> list[tuple[int, int, int, NameEvent]]:
    """The candidate names in the paragraphs E keeps, as (paragraph, 0 for names or 1 for acronyms, position, event)."""
    count = len(words.folded)
    everything = (1 << count) - 1
    uncovered = everything & ~covered.covered
    free_capitals = capitalised & uncovered
    # Seeds: where a name can start (a capitalised word, then another or a particle); runs: words joined as names are.
    seeds = free_capitals & (words.joined >> 1) & (uncovered >> 1) & ((free_capitals | (particles & ~capitalised)) >> 1)
    run_starts = everything & ~words.joined
    capitals = flags(capitalised, count)
    events: list[tuple[int, int, int, NameEvent]] = []
    end = -1
    for seed in ones(seeds):
        if seed < end:
            continue
        start = (run_starts & ((1 << (seed + 1)) - 1)).bit_length() - 1
        after = run_starts >> (seed + 1)
        end = seed + (after & -after).bit_length() if after else count
        paragraph = words.paragraph_of(start)
        names = _run_names(words.folded, capitals, covered.covered, start, end, words.sentence_start)
        events.extend((paragraph, 0, start, event) for event in _events(article.id, names, words.folded, capitals, words.written, known))
    text = words.text
    if "(" in text.masked:
        unfit = set(text.unfit)
        for match in ACRONYM_IN_PARENS.finditer(text.masked):
            paragraph = text.paragraph(match.start())
            if paragraph not in unfit:
                event = _acronym(article.id, match.group(1), known)
                if event is not None:
                    events.append((paragraph, 1, match.start(), event))
    events.sort(key=itemgetter(0, 1, 2))
    return events


def _sentence_starts(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indexes of the tokens that begin a sentence (or a clause after a colon): their capital says nothing about being a name."""
    starts = sentence_start_indexes(text, tokens)
    starts.update(index for index in range(1, len(tokens)) if AFTER_COLON.search(text[tokens[index - 1].end : tokens[index].start]))
    return starts


def _paragraph_names(article_id: str, text: str, spans: Sequence[tuple[int, int]], known: KnownNames, name_words: set[str]) -> list[NameEvent]:
    """The candidate names of one paragraph, read on its tokens (the clear path); adds its name words to `name_words`."""
    tokens = tokenize(text)
    masked = mask(text)
    starts = _sentence_starts(text, tokens)
    name_words.update(t.folded for i, t in enumerate(tokens) if i not in starts and is_name_word(t) and t.folded not in NOT_NAME_WORDS)
    covered = sum(1 << i for i, t in enumerate(tokens) if any(s < t.end and t.start < e for s, e in spans))
    words = [t.folded for t in tokens]
    capitals = "".join("1" if is_name_word(t) else "0" for t in tokens)

    def written(start: int, last: int) -> str:
        return text[tokens[start].start : tokens[last - 1].end]

    events: list[NameEvent] = []
    for run_start, run_end in name_runs(masked, tokens, joins_after_title):
        events += _events(article_id, _run_names(words, capitals, covered, run_start, run_end, starts.__contains__), words, capitals, written, known)
    for match in ACRONYM_IN_PARENS.finditer(masked):
        event = _acronym(article_id, match.group(1), known)
        if event is not None:
            events.append(event)
    return events


def names_in_article(
    article: Article, mentions: Sequence[Mention], known: KnownNames, words: ArticleWords, covered: MentionWords, name_words: set[str]
) -> list[NameEvent]:
    """The per-article step: the candidate names of one article, in text order; the words it capitalises inside a sentence
    (particles and titles left out) go into `name_words`, shared by the articles read so far (a word already there is
    not looked at again: most of the time a sentence's bounds need not be found at all).

    `words` and `covered` are the article's words and the words its mentions cover, as `check` has read them already
    (paragraphs E leaves out are read here on their tokens).
    """
    capitalised = words.capitalised
    particles = word_bits(words.folded, PARTICLES)
    _fast_name_words(words, capitalised, name_words)
    fast = _fast_events(article, words, covered, capitalised, particles, known)
    events: list[NameEvent] = []
    next_event = 0
    # Paragraph by paragraph: a paragraph E leaves out is read on its tokens in its turn.
    for paragraph in [*words.text.unfit, len(article.paragraphs)]:
        while next_event < len(fast) and fast[next_event][0] < paragraph:
            events.append(fast[next_event][3])
            next_event += 1
        if paragraph < len(article.paragraphs):
            spans = [(m.start, m.end) for m in mentions if m.paragraph == paragraph + 1]
            events += _paragraph_names(article.id, article.paragraphs[paragraph].text, spans, known, name_words)
    return events


def count_suggestions(events: Iterable[EventRow], name_words: set[str]) -> list[Suggestion]:
    """The names counted over all articles: most frequent first, then those in most articles, then by text."""
    counts: dict[str, int] = {}
    spellings: dict[str, dict[str, int]] = {}
    where: dict[str, set[str]] = {}
    for article_id, word, if_named, if_not in events:
        chosen = if_named if word is None or word in name_words else if_not
        if chosen is None:
            continue
        key, text = chosen
        if key not in counts:
            counts[key] = 0
            spellings[key] = {}
            where[key] = set()
        counts[key] += 1
        spellings[key][text] = spellings[key].get(text, 0) + 1
        where[key].add(article_id)
    rows = []
    for key, count in counts.items():
        texts = spellings[key]
        # The most common spelling; of equally common ones, the first met (as `Counter.most_common` picks).
        text = max(texts, key=texts.__getitem__)
        articles = tuple(sorted(where[key]))
        rows.append((-count, -len(articles), text.casefold(), Suggestion(text, count, articles)))
    rows.sort(key=itemgetter(0, 1, 2))
    return [row[3] for row in rows]
