"""The fast paths equal the clear ones: linking on E equals linking on tokens, and `check`'s bit-set scan equals reading every
paragraph on its tokens, on generated text full of the awkward cases."""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from build_tools import bylines
from build_tools.check import scan
from build_tools.fast_text import fast_text
from build_tools.link import compile_registry, link_article, link_article_on_tokens, link_articles
from build_tools.longer_names import inside_longer_name, may_be_inside_longer_name
from build_tools.model import Article, Mention
from build_tools.names import is_folded_demonym
from build_tools.near_miss import NEAR_MISS_SCORE, Known, NearMissIndex, is_derived, is_name_word, near_miss_targets, resembles, skeleton
from build_tools.references import TRAILING_MARKERS, without_trailing_markers
from build_tools.registry import Registry
from build_tools.text import Token, mask, tokenize
from build_tools.urls import _parsed_url_problem, url_problem
from tests import builders

# (id, name, type, aliases as (text, kind, case_sensitive, after_full, link))
ACTORS = [
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", [("Kata'ib Hezbollah", None, False, False, True), ("KH", "acronym", True, False, True)]),
    ("qasem-soleimani", "Qasem Soleimani", "person", [("Soleimani", "surname", False, True, True), ("Suleimani", "transliteration", False, False, True)]),
    ("lloyd-austin", "Lloyd J. Austin III", "person", [("Lloyd Austin", None, False, False, True), ("Austin", "surname", False, True, True)]),
    ("austin-texas", "Austin, Texas", "place", [("Austin", "short", False, True, True)]),
    ("united-states", "United States", "state", [("U.S.", "acronym", True, False, True), ("Washington", "short", False, False, False)]),
    ("washington-dc", "Washington, D.C.", "place", [("Washington", "short", False, True, True)]),
    ("george-washington", "George Washington", "person", [("Washington", "surname", False, True, True)]),
    (
        "islamic-state",
        "Islamic State",
        "armed_group",
        [("ISIS", "acronym", True, False, True), ("IS", "acronym", True, True, True), ("Daesh", None, False, False, True)],
    ),
    ("al-qaeda", "al-Qaeda", "armed_group", [("AQAP", "acronym", True, False, True)]),
    ("iran", "Iran", "state", [("Islamic Republic of Iran", None, False, False, True)]),
    ("ahmed-ali", "Ahmed Ali", "person", [("Ali", "surname", True, True, True)]),
    ("st-louis", "St. Louis", "place", [("Saint Louis", None, False, False, True)]),
    ("strasse-group", "Straße Gruppe", "organization", [("Strasse", "short", False, False, True)]),
    ("badr", "Badr Organization", "armed_group", [("badr org", "misspelling", False, False, True), ("Badr", "short", False, False, True)]),
    ("qasr", "Qaṣr al-ʿAmir", "place", [("Qasr", "short", False, False, True)]),
    ("us-army", "U.S. Army", "government_body", [("U.S.A.", "acronym", True, False, True)]),
    ("gen-x", "Gen. Xavier Smith", "person", [("Smith", "surname", False, True, True)]),
    ("haider-al-abadi", "Haider al-Abadi", "person", [("Abadi", "surname", False, True, True)]),
    ("popular-mobilization", "Popular Mobilization Forces", "armed_group", [("PMF", "acronym", True, False, True)]),
    ("iraq", "Iraq", "state", []),
    ("hara", "Hara", "place", [("Hara province", None, False, False, True)]),
    ("tiba-zabi", "Tiba Zabi Party", "political_party", [("Tiba Zabi Parties", "misspelling", False, False, True)]),
    ("kaka-muwa", "Kaka Muwa", "person", [("Muwa", "surname", False, True, True)]),
    ("babi-kudu", "Babi al-Kudu", "person", [("Kudu", "surname", False, True, True)]),
    ("institute", "Institute for the Study of War", "organization", [("ISW", "acronym", True, False, True)]),
    # Names that overlap others' words: runs that start or end inside a mention (`Rimi Kaka Muva`, `Kaku Kaka Muwa`).
    ("rimi-kaka", "Rimi Kaka", "person", []),
    ("kaku-kaki", "Kaku Kaki", "person", []),
    # Names that stand inside longer names the registry lacks (`Dokan Dam`, `U.S. Embassy Baghdad`).
    ("dokan", "Dokan", "place", []),
    ("baghdad", "Baghdad", "place", []),
    ("somalia", "Somalia", "state", []),
    ("houthis", "Houthis", "armed_group", [("Houthi", None, False, False, True)]),
]
FRAGMENTS = [
    *("Kataib Hezbollah", "Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kataʿib Hezbollah", "Kataib [1] Hezbollah", "KATAIB HEZBOLLAH", "KH", "Kh"),
    *("Qasem Soleimani", "Qāsem Soleimani", "Soleimani's", "Soleimani’s", "SOLEIMANI'S", "Suleimani", "Soleymani", "Qasem\nSoleimani"),
    *("Lloyd J. Austin III", "Lloyd J Austin", "Lloyd Austin", "Austin", "Gen. Austin", "Lt. Gen. Austin", "austin", "Austin Powers", "J. Austin"),
    *("Austin, Texas", "Austin ,Texas", "Austin,Texas", "U.S.", "U.S.A.", "U.S.Army", "U.S. Army", "U.S army", "u.s.", "US", "Cpl. Austin"),
    *("Washington", "Washington, D.C.", "Washington D.C.", "George Washington", "President Washington", "Washington's", "Cmdr. Washington"),
    *("Washington, DC", "WASHINGTON, DC", "washington, dc", "Washington DC", "US Army", "US army", "us army", "USA", "Us", "US's"),
    *("Islamic State", "ISIS", "IS", "is", "Daesh", "Da'esh", "Da‘esh", "ISISfighters", "ＩＳＩＳ", "Islamic State’s", "Islamic-State"),
    *("al-Qaeda", "al‑Qaeda", "al-\nQaeda", "AQAP", "Iran", "Iranian", "Iran-backed", "Islamic Republic of Iran", "IRAN'S", "Iran''s"),
    *("Ahmed Ali", "Ali", "Muhammad Ali", "Ali Khamenei", "Ali Jr", "When Ali", "St. Louis", "St Louis", "Saint Louis", "st. louis"),
    *("Straße Gruppe", "Strasse", "Badr", "badr org", "Badr Organization", "Qaṣr al-ʿAmir", "Qasr", "Qaşr", "Mr. Smith", "Xavier Smith"),
    *("Haidar al-Abadi", "Haider al-Abadi", "Abadi", "Kataib Hizballah", "Popular Mobilization Forces", "population mobilization", "Iraqis"),
    *("Joseph Dunford", "Lt. Gen. Joseph Dunford", "Hara province", "Harra province", "area province", "Tiba Zabi", "Tuba Zaba", "Kaku Mawa"),
    *("Babi al-Kudu", "Kudo", "Babi Kudu", "Bibi al-Kadu", "the Institute for the Study of War", "(ISW)", "(IS)", "(PMF)", "Monday", "March"),
    *("Defense Secretary Ashton Carter", "Prime Minister Nouri al-Maliki", "Secretary of State John Kerry", "Grand Ayatollah Ali al-Sistani"),
    *("Tuba Tiba Zabi Party", "Kaku Kaka Muwa", "Rimi Kaka Muva", "Kaka Muwa Muwa", "Haidar Haider al-Abadi", "Tiba Zabi Parties Zabi", "Harra Hara province"),
    *("Mahdi Army", "Army Gen. Lloyd Austin", "Kabida Lumu", "Tubi Luzi", "Rimi Kibi", "don't", "it's", "rock’n’roll", "co\u00adoperation"),
    *("https://www.iran.ir/Iran", "www.ISIS.example/Iran", "press@Iraq.gov", "@Iran", "Iran.com", "[2]", "[12]", "(KH)", "“Austin”", "ﬁne"),
    *("ı", "İran", "ſ", "e\u0301", "½", "#", "a_b", "Mt. Hood", "Jr.", "A.B.", "x'U.S.", "U.S.'s", "\x01", "\t", "\u00a0", "…", "'s"),
    *("Dokan Dam", "Dokan Dam's", "Dokan dam", "Dokan's Dam", "U.S. Embassy Baghdad", "Embassy Baghdad", "Baghdad Operations Command"),
    *("Federal Government of Somalia", "Government of Somalia", "Abdul Malik al-Houthi", "anti-Houthi", "Anti-Houthi Coalition"),
    *("ISIS-K", "ISIS-West Africa", "Islamic State West Africa Province", "Islamic State in the Greater Sahara", "Iraq-Iran border"),
    *("ISIS-Somalia", "Islamic State-Somalia", "Houthi-Iran talks", "ISIS-Iraq War", "South Iraq", "Somalia Civil Defence", "North Baghdad"),
    *("Iran-backed", "Camp Baghdad", "Global Coalition to Defeat ISIS", "Army Gen. Lloyd Austin", "U.S. Army Gen.", "Somalia Government"),
    *("Islamic Republic of Iran Government", "Mohammed Iraq al-Sudani", "University of Baghdad", "U.S. Mission in Somalia", "Dokan Dam Repairs Begin"),
]
WORDS = ["the", "said", "and", "Officials", "in", "met", "The", "after", "a", "of", "near", "while", "Meanwhile", "He", "on", "forces"]
SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "\n", "  ", " [3] ", "; ", ": ", ". [4] ", "", "'", "’ ", " (", ") ", ' "', '" ', " — ", "! ", "? "]
REGISTRY = builders.make_registry(ACTORS)
MATCHER = compile_registry(REGISTRY)

paragraphs = st.lists(st.tuples(st.sampled_from(FRAGMENTS + WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14).map(
    lambda pieces: "".join(piece + separator for piece, separator in pieces).strip(" ")
)
articles = st.lists(st.lists(paragraphs, min_size=1, max_size=4), min_size=1, max_size=3).map(
    lambda texts: [builders.make_article(f"article-{index}", index, paragraphs) for index, paragraphs in enumerate(texts)]
)


def messy(mentions: dict[str, list[Mention]], seed: int) -> dict[str, list[Mention]]:
    """Mentions as no linker makes them: overlapping, off the words, past the paragraph's end, in no paragraph."""
    rng = random.Random(seed)
    result: dict[str, list[Mention]] = {}
    for article_id, found in mentions.items():
        changed = list(found)
        for mention in found:
            if rng.random() < 0.3:
                changed.append(mention._replace(start=max(0, mention.start - rng.randint(0, 8)), end=mention.end + rng.randint(-2, 9)))
            if rng.random() < 0.1:
                changed.append(mention._replace(paragraph=mention.paragraph + rng.choice([-1, 1, 7])))
        result[article_id] = changed
    return result


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=articles, seed=st.integers(0, 3))
def test_fast_paths_find_what_the_clear_paths_find(articles: list[Article], seed: int) -> None:
    for article in articles:
        assert link_article(MATCHER, article) == link_article_on_tokens(MATCHER, article), [p.text for p in article.paragraphs]
        text = fast_text(article)
        for index, paragraph in enumerate(article.paragraphs):
            assert text.masked_paragraph(index) in (None, mask(paragraph.text))
            assert (text.masked_paragraph(index) is None) == (index in text.unfit or not text.e)
    mentions, _ = link_articles(REGISTRY, articles)
    for found in (mentions, messy(mentions, seed)):
        assert scan(articles, REGISTRY, found) == scan(articles, REGISTRY, found, on_tokens=True)
    # The longer-name rule's quick look is false only where the rule is: no mention is dropped without a look.
    for paragraph in (mask(p.text) for article in articles for p in article.paragraphs):
        tokens = tokenize(paragraph)
        for first in range(len(tokens)):
            for last in range(first, min(first + 3, len(tokens))):
                start, end = tokens[first].start, tokens[last].end
                assert may_be_inside_longer_name(paragraph, start, end) or not inside_longer_name(paragraph, start, end), (paragraph, start, end)


def test_the_awkward_cases_on_both_paths() -> None:
    """Fixed paragraphs the generator may take long to write, on both paths, and what they link."""
    paragraphs = [
        "Lloyd J. Austin III met Austin, Texas officials; then Austin left, and Gen. Austin returned.",
        "Kata'ib Hezbollah's fighters and KH's allies met in Washington, D.C., and Washington ,D.C. too.",
        "Then Washington, DC and WASHINGTON, DC agreed; let us army officers and US Army and US ARMY units pass, and USA.",
        "The U.S. Army, the U.S.A. and U.S.Army units met St. Louis officials; St.Louis and St Louis agreed.",
        "Muhammad Ali and Ali Khamenei. Ali said nothing. When Ali left, Ahmed Ali spoke; Ali Jr stayed.",
        "Straße Gruppe and STRASSE met Qaṣr al-ʿAmir envoys at https://www.iran.ir/Iran and Iran.com.",
        "Haidar al-Abadi met Suleimani, Kataib Hizballah and the Institute for the Study of War (ISW) near Harra province.",
    ]
    article = builders.make_article("article-0", 0, paragraphs)
    linked = link_article(MATCHER, article)
    assert linked == link_article_on_tokens(MATCHER, article)
    assert {m.actor for m in linked[0] if m.linked} >= {"lloyd-austin", "austin-texas", "kataib-hezbollah", "washington-dc", "us-army", "st-louis"}
    mentions = {article.id: linked[0]}
    found = scan([article], REGISTRY, mentions)
    assert found == scan([article], REGISTRY, mentions, on_tokens=True)
    assert any('"Haidar al-Abadi" looks like Haider al-Abadi' in p.message for p in found.near_misses)
    assert any(s.text == "Ali Khamenei" for s in found.suggestions)


# --- the near-miss index's blocked search, against a plain search over every registry name --------------------------------


def reference_best(registry: Registry, gram: Sequence[Token]) -> tuple[Known, str] | None:
    """The registry name a run of words looks like: every name of as many words, closest first."""
    targets = near_miss_targets(registry).get(len(gram), {})
    words = [t.folded for t in gram]
    folded = " ".join(words)
    candidates = [key for key in targets if all(resembles(word, other) for word, other in zip(words, key.split(" "), strict=True))]
    for key in sorted(candidates, key=lambda key: (-fuzz.ratio(folded, key), key)):
        if key == folded or is_derived(folded, key):
            continue
        differing = [t for t, other in zip(gram, key.split(" "), strict=True) if t.folded != other]
        if any(is_folded_demonym(t.folded) for t in differing):
            continue
        same_consonants = skeleton(folded) == skeleton(key) and len(skeleton(key).replace(" ", "")) >= 3
        transliteration = same_consonants and all(is_name_word(t) for t in differing)
        if transliteration or fuzz.ratio(folded, key) >= NEAR_MISS_SCORE:
            return targets[key], "transliteration" if transliteration else "misspelling"
    return None


def test_best_matches_the_reference_on_near_spellings() -> None:
    """Names one or two edits from registry names, words swapped, run together or split: the blocked search misses none."""
    index = NearMissIndex.build(REGISTRY)
    rng = random.Random(7)
    keys = [key for keys in near_miss_targets(REGISTRY).values() for key in keys]
    letters = "abdhikmnorstuz "
    for _ in range(3000):
        text = list(rng.choice(keys))
        for _ in range(rng.randint(0, 3)):
            spot = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4 and text:
                del text[min(spot, len(text) - 1)]
            elif action < 0.8:
                text.insert(spot, rng.choice(letters))
            elif text:
                text[min(spot, len(text) - 1)] = rng.choice(letters)
        words = "".join(text).split()
        if not words:
            continue
        tokens = [Token(0, 1, word.capitalize() if rng.random() < 0.7 else word, word) for word in words]
        assert index.best(tokens) == reference_best(REGISTRY, tokens), words


def test_similar_word_test_agrees_with_the_search() -> None:
    """`resembles` (one pair) and `similar` (a search over all registry words) agree."""
    index = NearMissIndex.build(REGISTRY)
    rng = random.Random(3)
    for _ in range(2000):
        word = "".join(rng.choice("abdhikmnorstuzel") for _ in range(rng.randint(1, 10)))
        assert {other for other in index.vocabulary if resembles(word, other)} == index.similar(word)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a.[]]]0123456789٣ \t\n\u00a0\u2003x")), max_size=30))
def test_trailing_markers_read_from_the_end_equal_the_search(text: str) -> None:
    """`without_trailing_markers` (a match on the reversed line) removes what `TRAILING_MARKERS` finds searching forwards."""
    assert without_trailing_markers(text) == TRAILING_MARKERS.sub("", text)
    for written in ("said. [1]", "said. [1] [22]\u00a0[333]", "said [12345]", "said.[1][2]\n", "[1]", " [1]", "said. [x] [1]", "said. ]1["):
        assert without_trailing_markers(written) == TRAILING_MARKERS.sub("", written), written


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('hHtTpPsSxX:/.-_~?#%@[]1a \tKſé<>"')), max_size=24).map(lambda tail: "https://" + tail))
def test_plain_urls_pass_every_url_rule(url: str) -> None:
    """`url_problem`'s quick look at a plain address agrees with parsing it."""
    assert url_problem(url) == _parsed_url_problem(url), url
    assert url_problem(url[5:]) == _parsed_url_problem(url[5:]), url[5:]
    for written in (
        "https://a.example/b?c=[d]#e",
        "HTTP://ex.ample",
        "https://exa\u212ample.com/",
        "https://[::1/",
        "https://x.y:99999/",
        "https://",
        "https://-/",
    ):
        assert url_problem(written) == _parsed_url_problem(written), written


def _name_lists_in_full(line: str) -> list[str] | None:
    """`bylines._name_lists` with every pattern tried and every credit line split: what its early returns must not change."""
    text = line.strip()
    if len(text) > 400:
        return None
    for pattern in (bylines._CONTRIBUTED_BY, bylines._CONTRIBUTING, bylines.CONTRIBUTOR_LINE):
        match = pattern.match(text)
        if match:
            return [match.group("names")]
    credit = text.strip().rstrip(".").strip()
    if credit.startswith("(") and credit.endswith(")"):
        credit = credit[1:-1].strip()
    parts = [p for p in bylines._CREDIT_SPLIT.split(credit) if p]
    matches = [bylines._CREDIT_PART.match(p) for p in parts]
    if not parts or not all(matches):
        return None
    return [m.group("names") for m in matches if m and bylines._is_reporting_role(m.group("role").lower())]


_CREDIT_WORDS = ["Reporting", "reporting", "REPORTING", "by", "BY", "Editing", "contributed", "CONTRIBUTED", "Contributing:", "ſtory", "report", "to", "this"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_CREDIT_WORDS, "Jane", "Doe", "in", "Erbil", ";", ",", "(", ")", ".", "and", "Ahmed", "Kibu", "\u0130", "K"]), max_size=12))
def test_contributor_lines_read_with_early_returns_as_in_full(words: list[str]) -> None:
    line = " ".join(words)
    assert bylines._name_lists(line) == _name_lists_in_full(line), line
    for written in (
        "; Reporting by Jane Doe",
        ", Reporting by Jane Doe; Editing by Ahmed Kibu",
        "(Reporting by Jane Doe)",
        "Jane Doe CONTRIBUTED to this report.",
    ):
        assert bylines._name_lists(written) == _name_lists_in_full(written) is not None, written
