"""Names one article gives that the registry lacks: the suggestion engine, article by article.

An article is read in its capitalised stretches only (`build_tools.stretches`: capitalised words, with the particles
and connectors a name can hold between them); the lower-case prose between them is skipped by the regular expression
engine. Each stretch is cut where a name cannot go on (a possessive, a title, a mention the linker found, a connector
that joins two names rather than the words of one), and each piece is kept when some signal says it is a name, not
only its capital: a place in the gazetteer, a title before it, a given name, a head noun (`Command`, `Ministry`), an
`of`-phrase, an acronym defined in parentheses or met again, a capital in mid-sentence that no dictionary gives the
word, a known name inside a longer one (`build_tools.longer_names`). Every candidate carries the signals that kept it
(`reason`) and a guessed type. `build_tools.suggestions` counts them over all articles.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.longer_names import is_prefix, longer_name
from build_tools.model import Mention
from build_tools.name_edges import (
    INDEFINITE_BEFORE,
    MEMBER_WORDS,
    PLURAL_ACRONYM,
    TIME_AFTER,
    acronym_stands_alone,
    after_head_of,
    body_before,
    capitals_person,
    cites,
    department_end,
    ends_in_bare_initial,
    ends_in_syllable,
    event_head,
    group_after_person,
    is_body_phrase,
    is_plain,
    joins_inside_name,
    makes_adjective,
    may_be_acronym,
    named_again,
    names_no_actor,
    of_inside_name,
    only_titles_and_known,
    place_before_name,
    portfolio_name_start,
    possessive_inside_name,
    skip_department,
    span_covered,
    spelt_before,
    spelt_start,
    surname_after_initial,
    title_inside_name,
    vessel_last_words,
    without_demonyms,
    written_end,
    written_title,
)
from build_tools.name_types import (
    acronym_type,
    apposition_type,
    context_type,
    dateline_place,
    default_type,
    fixed_type,
    head_type,
    is_generic_pair,
    listed_with_places,
    phrase_place,
    state_alone,
)
from build_tools.names import (
    DIRECTIONS,
    DOTTED_NAMES,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    GROUP_FIRST_WORDS,
    GROUP_NAME_WORDS,
    HEAD_NOUNS,
    MEMBER_NOUNS,
    NEVER_OPEN_NAME,
    NOT_ACRONYMS,
    PEOPLE_NOUNS,
    TIME_ZONES,
    Lexicon,
    is_common_word,
    is_demonym,
    is_folded_demonym,
    lexicon,
    ordinary_place,
)
from build_tools.openings import always_capitalised, opening_evidence, plain_opening
from build_tools.sentences import opens_sentence, quoted_sentence, sentence_bounds
from build_tools.stretches import (
    Word,
    fold_word,
    is_abbreviated_title,
    is_heading,
    is_shouting,
    is_title,
    is_title_modifier,
    iter_stretches,
    label_end,
    name_lists,
    particle_start,
    service_end,
    title_end,
    with_lists,
    words_of,
)
from build_tools.suggestions import (
    ACRONYM_ALONE,
    ACRONYM_DEFINED,
    ACRONYM_RECURRING,
    APPOSITION,
    ARABIC_GROUP,
    AROUND_KNOWN,
    CAPITALISED,
    DATELINE,
    GIVEN_NAME,
    HEAD_NOUN,
    IDENTITY,
    OF_PHRASE,
    PLACE,
    TITLE,
    Candidate,
    KnownNames,
    inside_candidate,
    with_aliases,
)
from build_tools.text import CALENDAR_WORDS, TOKEN, fold, mask

# --- The patterns and small tables -----------------------------------------------------------------------------------------

_ACRONYM_IN_PARENS = re.compile(r"\(\s*((?:[A-Z][A-Za-z&\-]{0,8}[A-Z]s?|[A-Z]{2,}))\s*\)")
# The shape of an acronym: capitals, perhaps a small letter among them (`DoD`, `ISIL`, `U.K.`).
_ACRONYM = re.compile(r"[A-Z]{2,7}|[A-Z][a-z]?[A-Z]{1,5}|[A-Z]{2,5}[a-z][A-Z]?|(?:[A-Z]\.){2,4}")
# A model or a designation near a name (`F-15E`, `MQ-9`): the name is a weapon's or a vehicle's.
_DESIGNATION_IN = re.compile(r"\b(?:[A-Z]{1,4}-?)?\d+[A-Z]\b|\b[A-Z][A-Za-z]{0,3}-\d+\b")
# A lower-case word after a name that makes the name attributive (`a Millennium Challenge Corporation compact`): not a function word.
_NEXT_WORD = re.compile(r"(?:[ ]+|-)([a-z][a-z\-]*)")
# The shape of an acronym named once: 2 to 6 capitals and nothing else (not `DoD`, `U.K.` or a plural, `SFABs`).
_ONCE_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PEOPLE_PLURAL = re.compile(r"[A-Z][a-z]+s")
# How many occurrences of a name per article carry their sentence.
_QUOTED = 3


# --- One article -----------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    """A run of words that may be one name, with what is known of its context."""

    tokens: list[Word]
    """Its words."""
    titled: bool = False
    """Right after a person's title."""
    opens_sentence: bool = False
    """Its first word begins a sentence (or it stands in a heading): its capital says nothing."""
    attached: bool = False
    """Hyphened to a known name (`Islamic Revolutionary Guard Corps-Quds Force`): part of that name."""
    after_demonym: bool = False
    """It begins with `U.S.` or a demonym that is part of the name (`U.S. Embassy`, `Somali National Army`)."""


@dataclass(slots=True)
class _Stretch:
    """A capitalised stretch worth a look, cut into words."""

    paragraph: int
    """Paragraph number."""
    tokens: list[Word]
    """Its words, those of a known name marked `covered`."""
    heading: bool
    """It stands in a heading."""
    opens: bool
    """Its first word opens a sentence, or it stands in a heading."""


class _Reader:
    """One article's candidates."""

    def __init__(self, paragraphs: Sequence[str], mentions: Sequence[Mention], known: KnownNames, words: Lexicon) -> None:
        self.sources = paragraphs
        """The paragraphs as written, for the sentences quoted."""
        self.paragraphs = [mask(paragraph) for paragraph in paragraphs]
        """The paragraphs masked (`text.mask`: no name is looked for in web addresses and reference markers), offsets kept."""
        self.known = known
        self.words = words
        self.spans: dict[int, list[tuple[int, int]]] = {}
        """Paragraph number -> (start, end) of its mentions, in text order (as linking gives them)."""
        self.mention_types: dict[tuple[int, int], str] = {}
        """(paragraph number, start) of a mention -> its actor's type."""
        types = known.types
        spans = self.spans
        for mention in mentions:
            found = spans.get(mention.paragraph)
            if found is None:
                found = spans[mention.paragraph] = []
            found.append((mention.start, mention.end))
            kind = types.get(mention.actor)
            if kind is not None:
                self.mention_types[(mention.paragraph, mention.start)] = kind
        for found in spans.values():
            if any(found[index][0] < found[index - 1][0] for index in range(1, len(found))):
                found.sort()
        self.bounds: dict[int, list[tuple[int, int]]] = {}
        """Paragraph number -> its sentences (`sentences.sentence_bounds`), for the paragraphs that needed them."""
        self.found: list[Candidate] = []
        self.mid_capitals: Counter[str] = Counter()
        """Folded words the article capitalises inside a sentence: evidence for the same word at a sentence's start."""
        self.acronym_seen: dict[str, list[tuple[int, int, int]]] = {}
        """All-capital words outside speaker labels -> where they stand (paragraph, start, end)."""
        self.quoted: dict[str, int] = {}
        """How many candidates of each key carry their sentence."""
        self.body_acronyms: set[str] = set()
        """Acronyms that stand for a body where they are written: before a title, a member noun, or opening an event's name."""
        self.surnames_taken: set[tuple[int, int]] = set()
        """(paragraph number, start) of surnames a name with a mistyped initial took (`Mark A, Milley`): judged there."""

    # Sentences

    def sentence(self, number: int, start: int) -> str:
        """The sentence around offset `start` of a paragraph, on one line, without reference markers."""
        bounds = self.bounds.get(number)
        text = self.sources[number - 1]
        if bounds is None:
            bounds = self.bounds[number] = sentence_bounds(text)
        return quoted_sentence(text, bounds, start)

    # The article

    def read(self) -> list[Candidate]:
        """The article's candidates (not yet in text order)."""
        found: list[_Stretch] = []
        for number, text in enumerate(self.paragraphs, start=1):
            found += self.paragraph_stretches(number, text)
        for stretch in found:
            self.stretch(stretch.paragraph, stretch.tokens, stretch.heading, stretch.opens)
        for number, text in enumerate(self.paragraphs, start=1):
            if "(" in text:
                self.defined_acronyms(number, text)
        self.dateline()
        self.recurring_acronyms()
        return self.found

    def paragraph_stretches(self, number: int, text: str) -> list[_Stretch]:
        """A paragraph's capitalised stretches that may hold a name the registry lacks, cut into words; the article's
        capitals inside sentences and its acronyms are noted on the way."""
        floor = label_end(text)
        if is_shouting(text[floor:] if floor else text):
            return []
        heading: bool | None = None  # found out when a stretch needs it (`is_heading` reads the whole paragraph)
        spans = self.spans.get(number, [])
        starts = [start for start, _ in spans]
        found: list[_Stretch] = []
        for begin, end in with_lists(iter_stretches(text, floor, known=dict(spans)), name_lists(text, self.words)):
            quick = self.passed_at_once(text, begin, end, floor, spans, starts)
            if quick == "passed" or (quick is not None and opens_sentence(text, begin, floor)):
                continue
            if heading is None:
                heading = is_heading(text[floor:] if floor else text)
            if quick is not None and heading:
                continue  # an ordinary word alone in a heading
            tokens = words_of(text, begin, end)
            if not tokens:
                continue
            if len(tokens) == 1 and plain_opening(tokens[0], self.words) and (heading or opens_sentence(text, begin, floor)):
                continue  # `The`, `In`, `Officials`: a sentence's first word, the commonest stretch of all
            if spans and only_titles_and_known(tokens, spans, starts):
                continue  # `Prime Minister <a known name>`
            opens = heading or opens_sentence(text, tokens[0].start, floor)
            self.note_capitals(number, tokens, opens)
            found.append(_Stretch(number, tokens, heading, opens))
        return found

    def note_capitals(self, number: int, tokens: list[Word], opens: bool) -> None:
        """Note the stretch's capitalised words inside a sentence (evidence for the same words at a sentence's start) and its
        acronyms (not the parts of a hyphened one, `CJTF-OIR`: that is a name of its own, judged whole where it is defined)."""
        for index, token in enumerate(tokens):
            if token.capital:
                if token.text[1:].islower() or not _ACRONYM.fullmatch(token.text):
                    if index or not opens:
                        self.mid_capitals[token.folded] += 1
                elif (
                    not token.covered
                    and not token.hyphen_before
                    and not (index + 1 < len(tokens) and tokens[index + 1].hyphen_before and not makes_adjective(tokens[index + 1]))
                ):
                    self.note_acronym(number, token)  # `ECOWAS`, `DoD`, `U.K.`
                    if title_end(tokens, index + 1) > index + 1 or (tokens[index + 1 : index + 2] and tokens[index + 1].text in MEMBER_WORDS):
                        self.body_acronyms.add(token.text)  # `UN Special Envoy Name`, `NATO Allies`: a title's or members' body

    def passed_at_once(self, text: str, begin: int, end: int, floor: int, spans: list[tuple[int, int]], starts: list[int]) -> str | None:
        """Quick ways past the commonest stretches, before they are cut into words: a title and a known name (`Prime Minister
        <name>`) is `passed`; an ordinary word alone (`The`, `Officials`) is passed `if heading or opening` a sentence."""
        at = bisect.bisect_left(starts, end) - 1
        ends_known = at >= 0 and starts[at] >= begin and (spans[at][1] == end or (spans[at][1] == end - 2 and text[end - 2] in "'’"))
        if ends_known and all(written_title(word) for word in text[begin : starts[at]].split()):
            return "passed"
        word = text[begin:end]
        if " " in word or "-" in word:
            return None
        if word.casefold() not in FUNCTION_WORDS:
            folded = fold_word(word)
            if not (word[1:].islower() and is_common_word(folded, self.words) and folded not in self.words.places):
                return None
        return "if heading or opening"

    def dateline(self) -> None:
        """`TAMPA, Fla. --`: the place a release was sent from (`name_types.dateline_place`)."""
        found = dateline_place(self.paragraphs[0], self.words) if self.paragraphs else None
        if found is not None and not self._known(fold(found[0]), found[0]):
            written, place, start = found
            self.add(written, fold(written), place, (DATELINE, PLACE), 1, start, start + len(written))

    def stretch(self, number: int, tokens: list[Word], heading: bool, opens: bool) -> None:
        """Cut a capitalised stretch into pieces that may be names, and judge each."""
        if all(token.covered or not token.capital for token in tokens) or (number, tokens[0].start) in self.surnames_taken:
            return
        first_words = self.known.first_words
        if len(tokens) > 1 and any(token.covered or token.folded in first_words for token in tokens):
            self.around_known(number, tokens, heading)
        if not opens and not heading and 2 <= len(tokens) <= 4 and all(map(is_plain, tokens)):
            # The commonest candidate, two to four capitalised words and nothing else (`Zaid Tamimi`): nothing to cut, nothing to drop.
            self.keep(number, _Piece(tokens))
            return
        for piece in self.pieces(tokens, opens):
            for part in self.split(piece, heading):
                self.judge(number, part)

    def pieces(self, tokens: list[Word], opens: bool) -> list[_Piece]:
        """A stretch cut where a name cannot go on: at a known name, a title (which makes the next piece a person's) and a possessive."""
        pieces: list[_Piece] = []
        current: list[Word] = []
        titled = False
        title_tokens: list[Word] = []

        def close(next_titled: bool) -> None:
            nonlocal current, titled
            cut = group_after_person(current) if titled else len(current)
            group, current = current[cut:], current[:cut]  # `Sheikh Name Surname al-Shabaab's`: the group's name is its own
            if current:
                first, last = tokens.index(current[0]), tokens.index(current[-1])
                attached = (current[0].hyphen_before and first > 0 and tokens[first - 1].covered) or (
                    last + 1 < len(tokens) and tokens[last + 1].covered and tokens[last + 1].hyphen_before
                )
                # A title's `of`-phrase names its body, no person (`Secretary-General of the United Nations`).
                of_title = titled and current[0].folded in ("of", "for") and not current[0].capital
                piece = _Piece(current, titled=titled and not of_title, opens_sentence=opens and current[0] is tokens[0], attached=attached)
                # `General Santander National Police Academy`, `King Khalid International Airport`: a title word in a place's or body's name.
                named_after = titled and title_tokens and not of_title and first and tokens[first - 1] is title_tokens[-1] and not title_tokens[-1].dot
                if named_after and (head_type(current) or "person") != "person" and all(is_title(t) and not is_abbreviated_title(t) for t in title_tokens):
                    piece = _Piece([*title_tokens, *current], opens_sentence=opens and title_tokens[0] is tokens[0], attached=attached)
                pieces.append(piece)
            if group:
                pieces.append(_Piece(group))
            current = []
            titled = next_titled

        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.covered:
                # `Ambassador to Iraq Alina Romanowski`: the title reaches over a connector and a known name.
                close(titled and bool(current) and all(not t.capital for t in current))
                index += 1
                continue
            end = title_end(tokens, index)
            if end > index and not title_inside_name(current, tokens, index, end, self.words) and not after_head_of(current):
                # A service name before a rank is a name of its own (`U.S. Army Gen. ...`, corpus rule 3.1).
                service = service_end(tokens, index, end)
                if service > index:
                    current.extend(tokens[index:service])
                    index = service
                    continue
                close(True)
                title_tokens = tokens[index:end]
                # `Secretary of State Antony Blinken`, `Minister of Foreign Affairs Fuad Hussein`: the department is the title's.
                index = skip_department(tokens, end)
                field, name = portfolio_name_start(tokens, index, self.words)
                if name > index:  # `Ambassador to Lebanon Dorothy Shea`: the portfolio is no person's name
                    titled, current = False, tokens[index:field]
                    close(True)
                    index = name
                continue
            if makes_adjective(token):
                close(False)  # `Kremlin-backed Wagner Group`: two names, neither holding `backed`
                index += 1
                continue
            current.append(token)
            if token.possessive and not possessive_inside_name(tokens, index, self.words):
                close(False)
            index += 1
        close(False)
        return pieces

    def around_known(self, number: int, tokens: list[Word], heading: bool) -> None:
        """A longer name with a known one inside (`Anbar Operations Command`, `Federal Government of Somalia`, `Abdul Malik
        al-Houthi`, `U.S. Embassy Baghdad`): suggested whole, and its words taken out of the stretch. The known names are
        the mentions, and the registry's names the linker left unlinked there (`longer_names.inside_longer_name`)."""
        unlinked = self.known.runs(tokens)
        for first, end, _ in unlinked:
            for token in tokens[first:end]:
                token.covered = True
        types = {first: kind for first, _, kind in unlinked}
        taken: set[int] = set()
        index = 0
        while index < len(tokens):
            if not tokens[index].covered:
                index += 1
                continue
            first = index
            while index < len(tokens) and tokens[index].covered and not tokens[index].possessive:
                index += 1
            end = index + 1 if index < len(tokens) and tokens[index].covered else index
            index = end
            inner = self.mention_types.get((number, tokens[first].start), types.get(first))
            found = longer_name(tokens, first, end, inner, lambda: heading, self.paragraphs[number - 1])
            if found is None:
                continue
            start, stop, kind = found
            written = self.paragraphs[number - 1][tokens[start].start : written_end(tokens[stop - 1])]
            key = " ".join(token.folded for token in tokens[start:stop])
            if not self._known(key, written):
                self.add(written, key, kind, (AROUND_KNOWN, TITLE if kind == "person" else HEAD_NOUN), number, tokens[start].start, tokens[stop - 1].end)
            for token in tokens[start:stop]:
                token.covered = True
            taken.update(range(start, stop))
            index = max(index, stop)
        for first, end, _ in unlinked:
            for place in range(first, end):
                tokens[place].covered = place in taken  # a registry name no longer one holds is judged as the text's words

    def split(self, piece: _Piece, heading: bool) -> list[_Piece]:
        """Cut a piece at connectors that join two names (`Iraq and Syria`, `Baghdad on Tuesday`), and trim its ends."""
        trimmed: list[_Piece] = []
        for part in self.at_connectors(piece):
            words = part.tokens
            while words and not words[0].capital and not particle_start(words):
                words = words[1:]
            while words and not words[-1].capital and not ends_in_syllable(words):
                words = words[:-1]
            cut = place_before_name(words, self.words)
            if cut:  # `Central Asia Rebecca Zimmerman`: a portfolio's place, then a person
                trimmed.append(_Piece(words[:cut], False, part.opens_sentence and words[0] is part.tokens[0], part.attached))
                words = words[cut:]
            if not words:
                continue
            if not heading or (head_type(words) is not None and len(words) > 1):
                trimmed.append(_Piece(words, part.titled, part.opens_sentence and words[0] is part.tokens[0], part.attached))
            else:
                trimmed += self.heading_groups(words, part)
        return trimmed

    def at_connectors(self, piece: _Piece) -> list[_Piece]:
        """A piece cut at each `and`, `on`, `to`, `in` or `of` that joins two names rather than the words of one."""
        tokens = piece.tokens
        parts: list[_Piece] = []
        start = 0
        for index, token in enumerate(tokens):
            if token.capital or index == 0:
                continue
            word = token.folded
            if (
                (word in ("and", "on", "to", "in") and not joins_inside_name(tokens, index, word, self.words))
                or (word == "of" and not of_inside_name(tokens, index, self.words))
                or (word == "the" and tokens[index - 1].capital)  # `Under Dissanayake the JVP ...`: `the` opens another name
            ):
                parts.append(_Piece(tokens[start:index], piece.titled and start == 0, piece.opens_sentence and start == 0, piece.attached))
                start = index + 1
        parts.append(_Piece(tokens[start:], piece.titled and start == 0, piece.opens_sentence and start == 0, piece.attached))
        last = parts[-1]
        cut = department_end(last.tokens)
        if cut:
            parts[-1:] = [_Piece(last.tokens[:cut], last.titled, last.opens_sentence, last.attached), _Piece(last.tokens[cut:], attached=last.attached)]
        return parts

    def heading_groups(self, words: list[Word], part: _Piece) -> list[_Piece]:
        """Headings capitalise every word: a heading's piece cut at ordinary words that are not a name's head noun."""
        found: list[_Piece] = []
        group: list[Word] = []
        for token in words:
            if token.capital and is_common_word(token.folded, self.words) and token.text not in HEAD_NOUNS and not token.text.isupper():
                if group:
                    found.append(_Piece(group, part.titled and group[0] is words[0], True, part.attached))
                group = []
            else:
                group.append(token)
        if group:
            found.append(_Piece(group, part.titled and group[0] is words[0], True, part.attached))
        return found

    def judge(self, number: int, piece: _Piece) -> None:
        """Keep a piece as a candidate when a signal says it is a name; drop what opens it when nothing does."""
        tokens = piece.tokens
        while tokens and not tokens[-1].capital and not ends_in_syllable(tokens):
            tokens = tokens[:-1]
        if not tokens or (piece.attached and (len(tokens) > 1 or is_prefix(tokens[0]))):
            return  # part of a known name hyphened to it, or a prefix making an adjective of it (`Director for Counter-ISIS`)
        if phrase_place(tokens, self.words) is None:
            kept, after_demonym = without_demonyms(tokens)
            if kept is not tokens:
                piece = _Piece(list(kept), piece.titled, piece.opens_sentence and kept[:1] == tokens[:1], piece.attached, after_demonym)
            else:
                piece.after_demonym = after_demonym
            tokens = piece.tokens
        members = next((n for n in (2, 1) if len(tokens) > n and " ".join(t.text for t in tokens[-n:]) in MEMBER_NOUNS), 0)
        tokens = tokens[: len(tokens) - members]  # `NATO Allies`: NATO
        while len(tokens) > 1 and tokens[-1].folded in CALENDAR_WORDS:
            tokens = tokens[:-1]  # `in Rwanda August 10`: the date is no part of the name
        if not tokens:
            return
        piece.tokens = tokens
        if piece.opens_sentence and not piece.titled and not opening_evidence(tokens, self.words, self.mid_capitals):
            rest = tokens[1:]
            while rest and not rest[0].capital and not particle_start(rest):
                rest = rest[1:]
            if rest:  # `Who Is Zorbak Tamimi?`: a function word after the opener opens the name no more than it
                self.judge(number, _Piece(rest, False, rest[0].folded in NEVER_OPEN_NAME, piece.attached))
            return
        self.keep(number, piece)

    def keep(self, number: int, piece: _Piece) -> None:
        """Add a piece as a candidate, with its signals and type, unless it is no actor's name."""
        tokens = piece.tokens = list(state_alone(piece.tokens, self.words))
        text = self.paragraphs[number - 1]
        first = tokens[0]
        dotted = first.text + "." if first.dot else first.text
        fixed = fixed_type(dotted) if len(tokens) == 1 else None
        if fixed is not None:
            if not self._known(fold(dotted), dotted):  # `Fort Bragg, N.C.`, `U.K.`, `G20`
                self.add(dotted, fold(dotted), fixed, (PLACE if dotted in DOTTED_NAMES else ACRONYM_ALONE,), number, first.start, first.start + len(dotted))
            return
        capitals = [token for token in tokens if token.capital]
        if (
            not capitals
            or (len(tokens) == 1 and (len(first.text) == 1 or first.text.isupper()))
            or (all(t.text.isupper() or t.text.isdigit() for t in capitals) and not capitals_person(tokens, self.words))
        ):
            return  # a letter, or capitals alone: acronyms are judged on their own (`note_acronym`); `COVID-19` is a designation
        if len(tokens) == 1 and PLURAL_ACRONYM.fullmatch(first.text):
            return
        event = event_head(tokens)
        if event is not None and len(tokens) > 1:
            self.event_places(number, tokens, event, piece.attached)
            return
        head = head_type(tokens)
        piece.titled = piece.titled and not is_body_phrase(tokens, head)  # a title's portfolio: `for the Bureau of ... Affairs Dr. ...`
        if self.no_actor(text, piece, head):
            return
        written = text[first.start : written_end(tokens[-1])]
        key = " ".join(token.folded for token in tokens)
        spanned = self.past_bare_initial(number, piece, written, key)
        if spanned is None:
            return
        written, key, end = spanned
        found = self.signals(number, piece, head)
        if found is not None:
            reasons, kind = found
            self.add(written, key, kind, reasons, number, first.start, end)

    def event_places(self, number: int, tokens: list[Word], head: int, attached: bool) -> None:
        """`Berlin Conference`: an event's name (`name_edges.event_head`), held in a place; `Conference on Libya`: about one;
        `UN Security Council Resolution`, `United Nations Framework Convention`: a body's document (`body_before`)."""
        about = tokens[head + 3 if tokens[head + 2 : head + 3] and tokens[head + 2].folded == "the" else head + 2 :]
        for part in (tokens[:head], about):
            body = part[: body_before(part)] if part is not about else []
            if len(body) == 1 and body[0].text.isupper():
                self.body_acronyms.add(body[0].text)  # `ASEAN Ministerial Meeting`: judged with the acronyms
            elif part and " ".join(t.folded for t in part) in self.words.places:
                self.keep(number, _Piece(part, attached=attached))
            elif body:
                self.keep(number, _Piece(body, attached=attached))

    def past_bare_initial(self, number: int, piece: _Piece, written: str, key: str) -> tuple[str, str, int] | None:
        """A person's name does not end in a bare initial: `Mark A, Milley` is a middle initial with its full stop mistyped
        (corpus rule 3.2), one name with the surname; `Mark A` alone is none. None for no name or a known one."""
        tokens = piece.tokens
        end = tokens[-1].end
        if not (ends_in_bare_initial(tokens) and (piece.titled or tokens[0].folded in self.words.given_names)):
            return None if self._known(key, written) else (written, key, end)
        surname = surname_after_initial(self.paragraphs[number - 1], end)
        if surname is None:
            return None
        self.surnames_taken.add((number, surname.start(1)))
        written, key = f"{written}{surname.group(0)[: surname.end(1) - end]}", f"{key} {fold_word(surname.group(1))}"
        return None if self._known(key, written) else (written, key, surname.end(1))

    def no_actor(self, text: str, piece: _Piece, head: str | None) -> bool:
        """Whether a piece is no actor's name whatever the signals: an event, an operation, a direction, a date or time, a job
        title without a name, a weapon, a kind of thing."""
        tokens = piece.tokens
        first = tokens[0]
        capitals = [token for token in tokens if token.capital]
        if names_no_actor(text, tokens) or (len(tokens) > 1 and is_folded_demonym(" ".join(t.folded for t in tokens))):
            return True  # ... or a demonym of several words (`Sri Lankans`; its words folded already: `fold` is slow)
        if all(t.folded in CALENDAR_WORDS or t.text in TIME_ZONES or t.text[:1].isdigit() for t in capitals):
            return True
        if all(is_title(t) or is_title_modifier(t) for t in capitals):
            return True  # a job title without a name
        if _DESIGNATION_IN.search(text, max(0, first.start - 6), tokens[-1].end) and head not in ("place", "government_body"):
            return True  # `F-15E Strike Eagle`: a weapon's name
        if not piece.titled and INDEFINITE_BEFORE.search(text, max(0, first.start - 8), first.start):
            following = _NEXT_WORD.match(text, tokens[-1].end)
            # `designated as a Foreign Terrorist Organization`: a kind of thing, not a name; but `a Millennium Challenge Corporation compact`
            # holds one, and `a Presidential Leadership Council` the article goes on to call `the Leadership Council` is one.
            if following is None or following.group(1) in FUNCTION_WORDS:
                return len(tokens) < 2 or not named_again(self.paragraphs, [text[t.start : tokens[-1].end] for t in tokens[:-1]])
        return False

    def signals(self, number: int, piece: _Piece, head: str | None) -> tuple[tuple[str, ...], str] | None:
        """The signals that make a piece a name, and its type; None when none does."""
        tokens = piece.tokens
        first = tokens[0]
        place = phrase_place(tokens, self.words)
        reasons, kind = self.name_signals(number, piece, head, place)
        more = self.single_word_signal(number, first, reasons) if len(tokens) == 1 else self.capitals_signal(piece, head, place, reasons)
        if more is None:
            return None
        reasons += more[0]
        kind = more[1] or kind
        if kind is None:
            particle = particle_start(tokens) or (first.text in ("Al", "El") and len(tokens) > 1)
            text = self.paragraphs[number - 1]
            kind = context_type(text, first.start, tokens[-1].end) or ("armed_group" if particle else default_type(tokens, self.words))
        return tuple(dict.fromkeys(reasons)), kind

    def name_signals(self, number: int, piece: _Piece, head: str | None, place: str | None) -> tuple[list[str], str | None]:
        """The signals a name of any length may have (a title, a head noun, the gazetteer, a group's word, a given name, an
        apposition), and the type the first of them gives."""
        tokens = piece.tokens
        first = tokens[0]
        single = len(tokens) == 1
        reasons: list[str] = []
        kind: str | None = None
        if piece.titled:
            reasons.append(TITLE)
            kind = "person"
        if head is not None and (not single or piece.after_demonym):
            reasons.append(HEAD_NOUN)
            if any(token.folded in ("of", "for") for token in tokens):
                reasons.append(OF_PHRASE)
            kind = kind or head
        if place is not None and not (single and ordinary_place(first.folded, place, self.words)):
            reasons.append(PLACE)
            kind = kind or place
        if first.text in GROUP_FIRST_WORDS or any(t.text in GROUP_NAME_WORDS for t in tokens):
            reasons.append(ARABIC_GROUP)
            kind = kind or "armed_group"
        particle = particle_start(tokens) or (first.text in ("Al", "El") and len(tokens) > 1)
        if not single and not particle and first.folded in self.words.given_names and kind in (None, "person"):
            reasons.append(GIVEN_NAME)
            kind = kind or "person"
        apposition = apposition_type(self.paragraphs[number - 1], tokens[-1].end)
        if apposition is not None:
            reasons.append(APPOSITION)
            kind = kind or apposition
        return reasons, kind

    def single_word_signal(self, number: int, word: Word, reasons: list[str]) -> tuple[list[str], str | None] | None:
        """For one word: no name when it is house style for a name given in full (`the Department`) or a demonym; a people
        noun's plural (`Kurds`) is an identity group; with no other signal, a capital in mid-sentence on a word no
        dictionary has in lower case."""
        if word.text in GENERIC_NOUNS or (word.text in HEAD_NOUNS and not reasons) or is_demonym(word.text):
            return None
        if _PEOPLE_PLURAL.fullmatch(word.text) and word.text[:-1] in PEOPLE_NOUNS:
            return [IDENTITY], "identity_group"
        if reasons:
            return [], None
        if word.text in DIRECTIONS or TIME_AFTER.match(self.paragraphs[number - 1], word.end):
            return None  # `Eastern time`, `Central`
        folded = word.folded
        if (
            is_common_word(folded, self.words)
            and folded not in self.words.proper_words
            and not always_capitalised(word.text, self.mid_capitals[folded], self.paragraphs)
            and not listed_with_places(self.paragraphs[number - 1], word.start, word.end, self.words)
        ) or (folded in self.words.given_names and folded not in self.mid_capitals):
            return None
        return [CAPITALISED], None

    def capitals_signal(self, piece: _Piece, head: str | None, place: str | None, reasons: list[str]) -> tuple[list[str], str | None] | None:
        """For several words: with no other signal, capitals on a word no dictionary has (or a compound, `Mar-a-Lago`); no
        name when it is a generic pair (`Security Forces`, `Press Office`)."""
        tokens = piece.tokens
        capitals = [token for token in tokens if token.capital]
        if not reasons:
            compound = any(t.hyphen_before and not t.capital for t in tokens[1:])  # `Mar-a-Lago`, `Bab el-Mandeb`
            if not compound and not any(not is_common_word(t.folded, self.words) for t in capitals):
                return None  # `Human Rights`, `Special Operations`: ordinary words with capitals
            return [CAPITALISED], None
        if head is not None and not piece.titled and not piece.after_demonym and place is None and is_generic_pair(tokens, capitals, self.words):
            return None
        return [], None

    def note_acronym(self, number: int, token: Word) -> None:
        """Where an all-capital word stands (those met twice or more are candidates)."""
        if may_be_acronym(token.text):
            self.acronym_seen.setdefault(token.text, []).append((number, token.start, token.end))

    def defined_acronyms(self, number: int, text: str) -> None:
        """Acronyms defined in parentheses after a name the registry lacks (`Southern Transitional Council (STC)`)."""
        floor = label_end(text)
        spans = self.spans.get(number, ())
        for match in _ACRONYM_IN_PARENS.finditer(text, floor):
            acronym = match.group(1)
            if acronym in NOT_ACRONYMS or acronym in TIME_ZONES or PLURAL_ACRONYM.fullmatch(acronym):
                continue
            before = len(text[: match.start()].rstrip())
            before -= 2 if text[before - 2 : before] in ("'s", "’s") else 0  # `the Defense Force’s (SSPDF)`
            if any(e == before for _, e in spans):
                continue  # `U.S. Central Command (CENTCOM)`: another name of a known actor, not a new one
            if any(c.paragraph == number and c.start == match.start(1) for c in self.found):
                continue
            owner = next((c for c in reversed(self.found) if c.paragraph == number and c.end == before), None)
            if owner is None and spelt_before(text, before, acronym):
                continue  # `designated it a Foreign Terrorist Organization (FTO)`: what the phrase names, no actor
            if owner is not None:
                owner = self.spelt_owner(number, text, before, acronym, owner)
            key = fold(acronym)
            if self._known(key, acronym):
                continue
            kind = owner.type if owner is not None else acronym_type(acronym)
            self.add(acronym, key, kind, (ACRONYM_DEFINED,), number, match.start(1), match.end(1), owner.key if owner is not None else None)

    def spelt_owner(self, number: int, text: str, before: int, acronym: str, owner: Candidate) -> Candidate:
        """The name a defined acronym stands for: the longer phrase it spells, when the words before make two names
        (`Liberation Tigers of Tamil Eelam (LTTE)`: one name, not `Tamil Eelam`), else the name before it."""
        start = spelt_start(text, before, acronym)
        if start is None or start >= owner.start:
            return owner
        count = len(self.found)
        self.keep(number, _Piece(words_of(text, start, before)))
        if len(self.found) == count or self.found[-1].start != start:
            return owner
        longer = self.found[-1]
        self.found = [c for c in self.found if c is longer or not (c.paragraph == number and start <= c.start and c.end <= before)]
        return longer

    def recurring_acronyms(self) -> None:
        """All-capital words met twice or more (`ECOWAS`), or once standing alone (`ACRONYM_ALONE`), that no other rule
        kept, outside mentions, and the registry lacks."""
        kept = {candidate.text for candidate in self.found}
        for word, places in self.acronym_seen.items():
            if word in kept:
                continue
            key = fold(word)
            if self._known(key, word) or (len(word) > 4 and is_common_word(word.casefold(), self.words)):
                continue
            if all(
                span_covered(self.spans.get(n, ()), s, e) or cites(self.paragraphs[n - 1], s, e) or inside_candidate(self.found, n, s, e) for n, s, e in places
            ):
                continue  # inside known names, or a document's acronym wherever it stands (`E.O. 13894`)
            number, start, end = places[0]
            if len(places) > 1:
                self.add(word, key, acronym_type(word), (ACRONYM_RECURRING,), number, start, end)
            elif self.stands_alone(word, number, start, end):
                self.add(word, key, acronym_type(word), (ACRONYM_ALONE,), number, start, end)

    def stands_alone(self, word: str, number: int, start: int, end: int) -> bool:
        """Whether an acronym met once stands alone where a name stands (`suggestions.ACRONYM_ALONE`)."""
        if not (_ONCE_ACRONYM.fullmatch(word) and (len(word) == 2 or not is_common_word(word.casefold(), self.words))):
            return False
        if not acronym_stands_alone(self.paragraphs[number - 1], start, end) and word not in self.body_acronyms:
            return False
        return not inside_candidate(self.found, number, start, end)

    def _known(self, key: str, written: str) -> bool:
        return self.known.knows(key, tuple(key.split(" ")), tuple(word[:1].isupper() for word in TOKEN.findall(written)))

    def add(self, written: str, key: str, kind: str, reasons: tuple[str, ...], number: int, start: int, end: int, alias_of: str | None = None) -> None:
        # The sentence is wanted for a name's first few occurrences only (a suggestion's example, new-actor's comments).
        quoted = self.quoted.get(key, 0)
        sentence = ""
        if quoted < _QUOTED:
            self.quoted[key] = quoted + 1
            sentence = self.sentence(number, start)
        self.found.append(Candidate(written, key, kind, reasons, number, start, end, sentence, alias_of))


# --- The article's candidates ----------------------------------------------------------------------------------------------


def suggest_article(paragraphs: Sequence[str], mentions: Sequence[Mention], known: KnownNames, words: Lexicon | None = None) -> list[Candidate]:
    """The names one article gives that the registry lacks, in text order (a name given twice is two candidates).

    `paragraphs` are the body's paragraph texts, `mentions` what linking found in them (their spans are names the
    registry knows), `known` the registry's names. A surname after its full name, and an acronym defined after a name,
    are candidates with `alias_of` set to that name's key.
    """
    found = _Reader(paragraphs, mentions, known, words or lexicon()).read()
    vessels = vessel_last_words(paragraphs)
    found = [candidate for candidate in found if candidate.key not in vessels] if vessels else found
    found.sort(key=lambda candidate: (candidate.paragraph, candidate.start))
    return with_aliases(found)
