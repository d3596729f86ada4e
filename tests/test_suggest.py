"""The suggestion engine on made-up sentences: each signal, the spans it keeps, the junk it leaves out, and the predicates
the linker and near misses are to use (`inside_longer_name`, `is_demonym`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.check import known_names
from build_tools.link import compile_registry, link_article
from build_tools.longer_names import inside_longer_name, may_be_inside_longer_name
from build_tools.name_types import guess_type
from build_tools.names import DEMONYMS, is_common_word, is_demonym, lexicon
from build_tools.near_miss import NearMissIndex
from build_tools.registry import actor_id, slugified_id
from build_tools.stretches import is_heading
from build_tools.suggest import suggest_article
from build_tools.suggestions import (
    ACRONYM_ALONE,
    ACRONYM_DEFINED,
    ACRONYM_RECURRING,
    APPOSITION,
    AROUND_KNOWN,
    CAPITALISED,
    GIVEN_NAME,
    HEAD_NOUN,
    OF_PHRASE,
    PLACE,
    TITLE,
    Candidate,
    KnownNames,
    Names,
    suggestion_rows,
)
from tests import builders

ACTORS = [
    ("united-states", "United States", "state", [("U.S.", None, True, False, True), ("America", None, False, False, True)]),
    ("sudan", "Sudan", "state", []),
    ("africa", "Africa", "place", []),
    ("israel", "Israel", "state", []),
    ("hamas", "Hamas", "armed_group", []),
    ("guinea", "Guinea", "state", []),
    ("iraq", "Iraq", "state", [("Republic of Iraq", None, False, False, True)]),
    ("somalia", "Somalia", "state", []),
    ("syria", "Syria", "state", []),
    ("baghdad", "Baghdad", "place", []),
    ("basra", "Basra", "place", []),
    ("dokan", "Dokan", "place", []),
    ("houthis", "Houthis", "armed_group", [("Houthi", None, False, False, True)]),
    ("islamic-state", "Islamic State", "armed_group", [("ISIS", "acronym", True, False, True)]),
    ("congress", "United States Congress", "government_body", [("Congress", "short", False, False, True)]),
    ("pentagon", "Pentagon", "government_body", [("Department of Defense", None, False, False, True)]),
    ("lloyd-austin", "Lloyd J. Austin III", "person", [("Austin", "surname", True, True, True)]),
]
REGISTRY = builders.make_registry(ACTORS)
MATCHER = compile_registry(REGISTRY)
KNOWN = known_names(NearMissIndex.build(REGISTRY), REGISTRY)


def candidates(*paragraphs: str) -> list[Candidate]:
    article = builders.make_article("a", 1, list(paragraphs))
    mentions, _ = link_article(MATCHER, article)
    return suggest_article(list(paragraphs), mentions, KNOWN)


def texts(*paragraphs: str) -> list[str]:
    return [candidate.text for candidate in candidates(*paragraphs)]


def found(text: str, *paragraphs: str) -> Candidate:
    matches = [candidate for candidate in candidates(*paragraphs) if candidate.text == text]
    assert matches, f"{text!r} not among {texts(*paragraphs)}"
    return matches[0]


# --- signals -----------------------------------------------------------------------------------------------------------


def test_a_place_from_the_gazetteer_counts_alone() -> None:
    candidate = found("Kirkuk", "Rockets struck a base near Kirkuk on Sunday.")
    assert (candidate.type, candidate.reasons) == ("place", (PLACE,))
    assert found("Sanaa", "The Houthis seized the capital, Sanaa, in 2014.").type == "place"


def test_regions_of_the_world_are_places() -> None:
    assert found("Far East", "Convoys left for the Far East in May.").type == "place"
    assert found("Maghreb", "Envoys toured the Maghreb in May.").type == "place"
    assert lexicon().places["near east"] == "place"


def test_a_place_that_is_also_an_ordinary_word_needs_more_than_the_gazetteer() -> None:
    assert "Police" not in texts("The Police arrived after the strike.", "They called the Police again.")
    assert "Berlin" in texts("It marked a shift for Berlin, officials said.")  # a capital city is a name whatever the dictionary says


def test_names_after_ranks_and_titles_with_or_without_their_dots() -> None:
    for written in ("Brig. Gen Pat Ryder said so.", "Brig. Gen. Pat Ryder said so.", "Army Gen. Pat Ryder said so.", "Defense Secretary Pat Ryder said so."):
        candidate = found("Pat Ryder", written)
        assert candidate.type == "person" and TITLE in candidate.reasons, written
        assert texts(written) == ["Pat Ryder"], written


def test_the_department_of_a_title_is_not_a_name() -> None:
    assert texts("Secretary of State Antony Blinken met Minister of Foreign Affairs Fuad Hussein.") == ["Antony Blinken", "Fuad Hussein"]


def test_a_titles_portfolio_is_no_part_of_the_persons_name() -> None:
    written = (
        "Present were Assistant Secretary of Defense for Global Security Affairs Mara Pellet, U.S. Ambassador to Moldova"
        " Carla Venn, and Deputy Assistant Secretary of State for Maghreb Affairs Aimee Tolk."
    )
    assert texts(written) == ["Mara Pellet", "Moldova", "Carla Venn", "Maghreb", "Aimee Tolk"]
    assert found("Linda Farrow", "U.S. Ambassador to the United Nations Linda Farrow spoke.").type == "person"
    assert "United Nations" in texts("U.S. Ambassador to the United Nations Linda Farrow spoke.")


def test_every_states_demonym_is_no_name() -> None:
    assert texts("Donors back Haitian-led talks and Guatemalan courts.") == []
    assert is_demonym("Salvadoran") and is_demonym("Sri Lankan")


def test_plural_laws_and_pots_of_money_are_no_actors() -> None:
    assert texts("Units are vetted under the Zorbak Laws and the Quell Acts.") == []
    # The fund is no actor; the body that runs it is one (corpus rule 3.4).
    assert texts("Money went to the multi-donor UN Basket Fund and the Zorland Trust Fund.") == ["UN"]
    assert "Zorland Monetary Fund" in texts("Loans came from the Zorland Monetary Fund.")


def test_a_counter_word_is_an_ordinary_word_in_a_heading() -> None:
    assert texts("Statement on a Successful Counterterrorism Operation in Zorland") == ["Zorland"]
    assert is_common_word("counternarcotics") and not is_common_word("counterzorb")


def test_a_vessel_is_no_actor_nor_its_prefix_an_acronym_nor_its_name_again() -> None:
    written = (
        "Jets from the USS Zorbak T. Quellman and the destroyers USS Pellow and USS Tarrant flew on.",
        "Aircraft from the Quellman struck Zorland, and the FSO Marrow tanker lay off Zorland.",
    )
    assert texts(*written) == ["Zorland", "Zorland"]


def test_a_title_word_inside_a_name_stays() -> None:
    assert "Hassan Sheikh Mohamud" in texts("The government is led by President Hassan Sheikh Mohamud, officials said.")


def test_a_full_service_name_before_a_rank_is_a_name_of_its_own() -> None:
    assert texts("U.S. Army Gen. Michael Erik Kurilla visited the troops.") == ["U.S. Army", "Michael Erik Kurilla"]


def test_apposition_and_given_names_say_person() -> None:
    candidate = found("Zaid Tamimi", "Zaid Tamimi, a spokesman for the group, denied it.")
    assert candidate.type == "person" and APPOSITION in candidate.reasons and GIVEN_NAME in candidate.reasons


def test_head_nouns_and_of_phrases_make_organisations() -> None:
    candidate = found("Ministry of Education", "The bombs went off near the Ministry of Education on Saturday.")
    assert candidate.type == "government_body" and {HEAD_NOUN, OF_PHRASE} <= set(candidate.reasons)
    assert found("Institute for the Study of War", "Analysts at the Institute for the Study of War agreed.").type == "organization"
    assert found("Joint Chiefs of Staff", "He is chairman of the Joint Chiefs of Staff.").type == "government_body"


def test_an_and_in_an_of_phrase_parts_two_bodies_when_a_nations_body_follows() -> None:
    # A demonym opening a part with its own head noun starts a second name; other parts stay in the first.
    paragraph = "Operations with the Transitional Government of Mali and Malian Armed Forces units went on."
    assert {"Transitional Government of Mali", "Malian Armed Forces"} <= set(texts(paragraph))
    joined = "Officials of the Bureau of International Narcotics and Law Enforcement Affairs met them."
    assert "Bureau of International Narcotics and Law Enforcement Affairs" in texts(joined)


def test_acronyms_defined_in_parentheses_belong_to_their_name() -> None:
    found_all = candidates("The Southern Transitional Council (STC) holds Aden.", "The STC is backed by the UAE.")
    acronym = next(c for c in found_all if c.text == "STC")
    assert ACRONYM_DEFINED in acronym.reasons and acronym.alias_of == "southern transitional council"
    assert acronym.type == next(c for c in found_all if c.text == "Southern Transitional Council").type


def test_an_acronym_defined_for_a_known_name_is_not_a_new_actor() -> None:
    assert "SDF" not in texts("The Islamic State (SDF) fled.")


def test_recurring_capitals_count_but_time_zones_labels_and_numerals_do_not() -> None:
    paragraphs = ["ECOWAS leaders met at 10:30 a.m. EST in Abuja.", "MODERATOR: ECOWAS said more at 11 a.m. EST.", "SPEAKER II: Thanks."]
    assert found("ECOWAS", *paragraphs).reasons == (ACRONYM_RECURRING,)
    assert not {"EST", "MODERATOR", "SPEAKER", "II"} & set(texts(*paragraphs))
    assert found("ECOWAS", "ECOWAS leaders met in Abuja.").reasons == (ACRONYM_ALONE,)  # once: see the next test


def test_an_acronym_named_once_counts_when_it_stands_alone() -> None:
    paragraph = "The latest UNICEF count, aid through the WFP and the OSCE's monitors were discussed."
    for acronym in ("UNICEF", "WFP", "OSCE"):
        assert found(acronym, paragraph).reasons == (ACRONYM_ALONE,)
    # Beside a capitalised word it is part of a longer name, a dateline or a vessel's name; after a number it counts things.
    assert texts("The OSCE Special Monitoring Mission reported.") == ["OSCE Special Monitoring Mission"]
    assert not {"SOUTHWEST", "ASIA", "HMS", "NASAMS", "AIR"} & set(
        texts("SOUTHWEST ASIA - The destroyer HMS Diamond and two NASAMS arrived.", "The parts would go by AIR.")
    )
    assert "SDF" not in texts("The Islamic State (SDF) fled.")  # in parentheses: a defined acronym, judged as one


def test_an_acronym_named_once_after_a_or_an_is_a_thing_unless_a_noun_follows() -> None:
    assert not {"IRAM", "MANPADS", "EFP"} & set(
        texts("Videos showed a crude rocket system called an IRAM, with reminders.", "They fired a MANPADS.", "It was an EFP")
    )
    # Before a noun the acronym is a modifier, and may be a body's: `a UN convoy`.
    assert "UNAMI" in texts("Gunmen stopped a UNAMI convoy near the border.")


def test_names_after_a_word_with_an_elided_particle_are_still_read() -> None:
    paragraph = "He met Chargé d’Affaires Zorvan Tamik and Brig. Gen. Kelmo Drasu in Niamey."
    assert texts(paragraph) == ["Zorvan Tamik", "Kelmo Drasu", "Niamey"]
    assert texts("He bought an iPhone Zorvak yesterday.") == []


def test_a_name_introduced_with_a_is_an_actor_when_the_article_names_it_again_with_the() -> None:
    introduced = "In May they formed a Zorvan Unity Council, which we welcome."
    assert texts(introduced) == []
    assert "Zorvan Unity Council" in texts(introduced, "We urge the Unity Council to meet.")
    assert "Zorvan Unity Council" in texts(introduced, "The Unity Council, it said, would meet.")
    assert "Zorvan Unity Council" not in texts(introduced, "We read the Unity Council report.")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("He replaced Sheikh Kelmo Drasu al-Shabaab’s chief spokesman in May.", ["Kelmo Drasu", "al-Shabaab"]),
        ("He met Col. Tarik Zorvan al-Qaeda envoys in May.", ["Tarik Zorvan", "al-Qaeda"]),
        ("Fighters of Harakat al-Shabaab al-Mujahideen fled in May.", ["Harakat al-Shabaab al-Mujahideen"]),
    ],
)
def test_a_groups_name_after_a_titled_persons_name_is_its_own(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_a_known_name_with_its_particle_after_a_persons_name_is_no_part_of_it() -> None:
    registry = builders.make_registry([*ACTORS, ("al-zorvab", "al-Zorvab", "armed_group", [])])
    paragraph = "He replaced Sheikh Kelmo Drasu al-Zorvab’s chief spokesman in May."
    mentions, _ = link_article(compile_registry(registry), builders.make_article("a", 1, [paragraph]))
    assert [m.text for m in mentions] == ["al-Zorvab"]
    assert [c.text for c in suggest_article([paragraph], mentions, known_names(NearMissIndex.build(registry), registry))] == ["Kelmo Drasu"]


def test_a_plural_acronym_is_a_kind_of_thing() -> None:
    paragraphs = ["Two ZFGTs and three XQVs were named, and ZFGTs used XQVs.", "The ZQRF and NGOs met; the ZQRF left."]
    assert texts(*paragraphs) == ["ZQRF"]
    assert "ZDGTs" not in texts("They are Specially Zorvan Designated Things (ZDGTs) now.")


def test_transcript_sentence_openings_are_not_names() -> None:
    paragraphs = [
        "Q: Well, I wonder. And we know. So the strikes went ahead?",
        "SENIOR DEFENSE OFFICIAL: Thank you. I've seen the reports. Has the Coalition said anything? Meanwhile Baghdad is calm.",
    ]
    assert texts(*paragraphs) == []


def test_a_sentence_opening_name_needs_more_than_its_capital() -> None:
    assert "Zorbak" not in texts("Zorbak officials denied it.")
    assert "Qasem Zorbak" in texts("Qasem Zorbak denied it.")  # a given name, and a word no dictionary has
    assert "Zorbak" in texts("Zorbak denied it.", "Officials in Zorbak agreed.")  # capitalised inside a sentence elsewhere


def test_lower_case_al_names_keep_their_particle() -> None:
    candidate = found("al-Shabaab", "The bombing was carried out by al-Shabaab fighters.")
    assert candidate.type == "armed_group"
    assert "Al-Shabaab" in texts("Al-Shabaab has shown its disregard for life.")
    assert "Al Qaeda in the Arabian Peninsula" in texts("Al Qaeda in the Arabian Peninsula remains active.")


def test_names_after_us_or_a_demonym_keep_it_when_a_head_noun_ends_them() -> None:
    assert found("U.S. Embassy", "The U.S. Embassy in Kabul is closed.").type == "government_body"
    assert "Somali National Army" in texts("Fighters attacked Somali National Army forces.")
    assert texts("Iraqi officials and Syrian fighters met Kurdish leaders.") == []


def test_spans_are_exact() -> None:
    assert texts("Iraqi Prime Minister Mustafa al-Kadhimi pledged to act.") == ["Mustafa al-Kadhimi"]
    assert texts("Pentagon Press Secretary John F. Kirby said so.") == ["John F. Kirby"]
    assert "Kenneth F. McKenzie Jr." in texts("Marine Corps Gen. Kenneth F. McKenzie Jr. spoke.")


def test_job_titles_times_headings_and_generic_nouns_are_not_names() -> None:
    paragraphs = [
        "The Assistant Secretary of State spoke at 10:30 a.m. EST on Monday.",
        "Related Links",
        "Defensive Strikes in Iraq",
        "The Department said the Coalition and the Command agreed.",
        "The group was designated a Foreign Terrorist Organization in 2009.",
        "The patrol fired a\tMANPADS.",  # a tab is a space here too
        "F-15E Strike Eagle aircraft hit the sites.",
        "It happened at 9 p.m. Eastern time.",
    ]
    assert texts(*paragraphs) == []


def test_a_sentence_start_of_ordinary_words_is_cut_off() -> None:
    assert texts("Meanwhile Zorbak Tamimi left.") == ["Zorbak Tamimi"]


def test_an_event_in_a_place_gives_the_place() -> None:
    assert texts("It builds on the Berlin Conference of 2020.") == ["Berlin"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Envoys met at the Third Geneva Conference on Zorvania last week.", []),
        ("Envoys met at the Third Kelmar Conference on Libya last week.", ["Libya"]),
        ("Both signed the Declaration of Shared Principles in May.", []),
        ("Both joined the Summit for Zorvan Renewal in May.", []),
        ("Both joined the Port Authority of Zorvania in May.", ["Port Authority of Zorvania"]),
    ],
)
def test_an_event_with_an_of_on_or_for_phrase_is_still_an_event(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Gunmen of the Zorvath-backed Kelmar Brigade fled.", ["Zorvath", "Kelmar Brigade"]),
        ("Troops held Syria-controlled Vostrava all week.", ["Vostrava"]),
        ("It was a Drevnia-led effort, not a Baghdad-run one.", ["Drevnia"]),
        ("Crews of the Basra-owned Talvek Shipping Company sailed.", ["Talvek Shipping Company"]),
    ],
)
def test_a_name_hyphened_to_a_participle_stands_alone_and_so_does_the_name_after_it(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_an_acronym_hyphened_to_a_participle_is_still_an_acronym() -> None:
    assert "ZRDF" in texts("A ZRDF-led patrol met a ZRDF-aligned militia.")


@pytest.mark.parametrize(
    ("paragraph", "name", "kind"),
    [
        ("Fighters of Jama’at Ansar al-Din wal Mujahidin Zorva attacked.", "Jama’at Ansar al-Din wal Mujahidin Zorva", "armed_group"),
        ("The Harakat Nasr wa Tahrir claimed it.", "Harakat Nasr wa Tahrir", "armed_group"),
        ("Officials named Tarek ould Brahim as its leader.", "Tarek ould Brahim", "person"),
        ("Officials named Mossa ag Intalla as its leader.", "Mossa ag Intalla", "person"),
    ],
)
def test_son_of_and_and_particles_stay_inside_a_name(paragraph: str, name: str, kind: str) -> None:
    assert texts(paragraph) == [name]
    assert found(name, paragraph).type == kind


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Raids hit the Tarvosk Region of Mali overnight.", ["Tarvosk Region", "Mali"]),
        ("Raids hit the Kelmar District of Somalia overnight.", ["Kelmar District"]),  # Somalia is known: linked
        ("Raids hit the Zorva Province of Burkina Faso overnight.", ["Zorva Province", "Burkina Faso"]),
        ("Envoys met the Department of State and the District of Columbia.", ["Department of State", "District of Columbia"]),
        ("Envoys met the Federal Government of Somalia.", ["Federal Government of Somalia"]),
    ],
)
def test_an_areas_of_phrase_naming_a_state_is_no_part_of_its_name(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("The envoy backed the interim Government of National Concord there.", ["Government of National Concord"]),
        ("The envoy backed the interim Government of Somalia there.", []),
        ("The envoy backed the Government of the Republic of Zorvia there.", ["Republic of Zorvia"]),
    ],
)
def test_a_government_of_a_phrase_that_names_no_place_is_a_name_of_its_own(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


# --- longer names around known ones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "name", "kind", "inner"),
    [
        ("Fighters took the Dokan Dam overnight.", "Dokan Dam", "place", ["Dokan"]),
        ("The Basra Operations Command said so.", "Basra Operations Command", "government_body", ["Basra"]),
        ("Rockets landed near U.S. Embassy Baghdad on Monday.", "U.S. Embassy Baghdad", "government_body", ["U.S.", "Baghdad"]),
        ("They support the Federal Government of Somalia.", "Federal Government of Somalia", "government_body", ["Somalia"]),
        ("Their leader is Abdul Malik al-Houthi.", "Abdul Malik al-Houthi", "person", ["Houthi"]),
        ("Bola Tinubu of the ruling All Progressives Congress won.", "All Progressives Congress", "government_body", ["Congress"]),
        ("Aid goes through the U.S. Agency for International Development.", "U.S. Agency for International Development", "government_body", ["U.S."]),
        ("Fighters of the Islamic State in the Greater Sahara attacked.", "Islamic State in the Greater Sahara", "armed_group", ["Islamic State"]),
        ("Boko Haram and ISIS-West Africa threaten Diffa.", "ISIS-West Africa", "armed_group", ["ISIS", "Africa"]),
        ("Raids on ISIS-Zarbania cells went on.", "ISIS-Zarbania", "armed_group", ["ISIS"]),
        # A known place hyphened to an armed group's name: the group's branch there, neither of the two.
        ("A court tried ISIS-Somalia financiers.", "ISIS-Somalia", "armed_group", ["ISIS", "Somalia"]),
        ("Leaders of Hamas-Sudan fled.", "Hamas-Sudan", "armed_group", ["Hamas", "Sudan"]),
        ("Recruits joined ISIS-Libya in 2016.", "ISIS-Libya", "armed_group", ["ISIS"]),
        ("Boats from Guinea-Bissau docked.", "Guinea-Bissau", "state", ["Guinea"]),  # a state's hyphened name
        # Capitalised words before a known place that make another place with it: the gazetteer's, the demonym table's, or a
        # direction before a continent's last word.
        ("Aid reached South Sudan on Friday.", "South Sudan", "state", ["Sudan"]),
        ("Exports to Latin America rose.", "Latin America", "place", ["America"]),
        ("Flights to Central America resumed.", "Central America", "place", ["America"]),
        ("Traders from South America came.", "South America", "place", ["America"]),
        ("Drought hit East Africa hard.", "East Africa", "place", ["Africa"]),
        # A known place before words that end in a head phrase.
        ("Teams of the Somalia Civil Defence dug all night.", "Somalia Civil Defence", "government_body", ["Somalia"]),
        ("Iraq Civil Defense crews put out the fire.", "Iraq Civil Defense", "government_body", ["Iraq"]),
        ("It joined the Global Coalition to Defeat ISIS in 2014.", "Global Coalition to Defeat ISIS", "intergovernmental_org", ["ISIS"]),
        ("The Republic of Iraq Government said so.", "Republic of Iraq Government", "government_body", ["Republic of Iraq"]),
        # A broadcaster's head noun before an `of`-phrase.
        ("Listeners of the Voice of America heard it.", "Voice of America", "organization", ["America"]),
        # Two words of one head joined by `and` after a known name.
        ("Tips go to the U.S. Fish and Game Service today.", "U.S. Fish and Game Service", "government_body", ["U.S."]),
    ],
)
def test_a_longer_name_around_a_known_one_is_suggested_whole_and_the_known_one_not_linked(paragraph: str, name: str, kind: str, inner: list[str]) -> None:
    candidate = found(name, paragraph)
    assert candidate.type == kind and AROUND_KNOWN in candidate.reasons
    start = paragraph.index(name)
    mentions, _ = link_article(MATCHER, builders.make_article("a", 1, [paragraph]))
    assert not [m.text for m in mentions if start <= m.start < start + len(name)]
    spans = [(paragraph.index(known, start), paragraph.index(known, start) + len(known), _registry_type(known)) for known in inner]
    for at, end, kind in spans:
        assert inside_longer_name(paragraph, at, end, kind, [span for span in spans if span[0] != at])


def _registry_type(known: str) -> str:
    return next(actor.type for actor in REGISTRY.actors.values() if any(alias.text == known for alias in actor.names()))


@pytest.mark.parametrize(
    ("paragraph", "known"),
    [
        ("Fighters moved into Iraq's Anbar province.", "Iraq"),
        ("U.S. forces left the base.", "U.S."),
        ("The Government of Iraq condemned it.", "Iraq"),
        ("Rockets hit Baghdad and Basra on Monday.", "Basra"),
        ("Lloyd J. Austin III Combined Joint Task Force", "Lloyd J. Austin III"),
        ("An anti-Houthi coalition formed.", "Houthi"),
        ("The Anti-Houthi Coalition formed.", "Houthi"),
        ("The Iraq-Syria border stayed closed.", "Iraq"),
        ("The Iraq-Syria border stayed closed.", "Syria"),
        ("STRIKES NEAR BAGHDAD: U.S. Service Members in Baghdad Are Safe", "U.S."),
        # Direction words before a state, demonyms and titles make no place of their own.
        ("Rockets hit Northern Syria again.", "Syria"),
        ("Strikes in Eastern Syria", "Syria"),
        ("Exports to America rose.", "America"),
        ("Iraqi Somalia is no place.", "Somalia"),
        # Two states or places joined by a hyphen are two names; so is a pair before a noun of two parties.
        ("The U.S.-Somalia talks ended.", "U.S."),
        ("The U.S.-Somalia talks ended.", "Somalia"),
        ("The Iraq-Kuwait border stayed closed.", "Iraq"),
        ("The Hamas-Israel war went on.", "Hamas"),
        ("The Hamas-Israel war went on.", "Israel"),
        ("Hamas-Israel Truce Holds", "Hamas"),
        ("Hamas-Zarbania talks failed.", "Hamas"),
        ("ISIS-Hamas clashes spread.", "ISIS"),
    ],
)
def test_a_known_name_beside_other_words_is_not_inside_a_longer_name(paragraph: str, known: str) -> None:
    start = paragraph.index(known)
    kind = _registry_type(known)  # a person's name never opens a longer name
    linked = link_article(MATCHER, builders.make_article("a", 1, [paragraph]))[0]
    others = [(m.start, m.end, REGISTRY.actors[m.actor].type) for m in linked if m.start != start]
    assert not inside_longer_name(paragraph, start, start + len(known), kind, others)
    assert not any(AROUND_KNOWN in candidate.reasons for candidate in candidates(paragraph))
    assert known in [m.text for m in linked]


# --- demonyms ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Iraqi", "Iraqis", "Syrian", "Kurdish", "American", "Americans", "Iranian-backed", "U.S.-Iraqi"[5:], "Shiite"])
def test_demonyms(word: str) -> None:
    assert is_demonym(word)


@pytest.mark.parametrize("word", ["Iraq", "Syria", "Kurds", "Yazidis", "Houthis", "Baghdad", "Kurdistan", "Shabaab"])
def test_names_are_not_demonyms(word: str) -> None:
    assert not is_demonym(word)


def test_every_demonym_names_what_it_derives_from() -> None:
    assert all(DEMONYMS.values())
    assert not any(is_demonym(place) for place in ("Iraq", "Syria", "Iran", "Somalia", "Yemen", "Niger", "Ukraine"))


def test_a_plural_people_noun_is_an_identity_group() -> None:
    assert found("Kurds", "Kurds and Yazidis fled the town.", "Officials said Kurds returned.").type == "identity_group"


# --- the lists and the rows ----------------------------------------------------------------------------------------------


def test_the_lists_come_from_the_packages() -> None:
    words = lexicon()
    assert words.places["iraq"] == "state" and words.places["mosul"] == "place" and "basra" in words.places
    assert "joseph" in words.given_names
    assert is_common_word("officials") and is_common_word("police") and not is_common_word("kirkuk")


def test_a_known_name_written_the_other_way_round_is_known() -> None:
    assert texts("The Defense Department said so.") == []


def test_a_known_name_the_registry_gives_with_its_state_is_known_without_it() -> None:
    known = KnownNames({"u.s. department of state": "government_body", "united states agency for international development": "government_body"})

    def knows(key: str) -> bool:
        words = tuple(key.split(" "))
        return known.knows(key, words, tuple(True for _ in words))

    assert knows("department of state") and knows("state department") and knows("agency for international development")
    assert knows("u.s. department of state")
    assert not knows("department of defense") and not knows("state") and not knows("u.s. state department")


def test_rows_count_surnames_with_their_full_name_and_carry_aliases() -> None:
    first = candidates("Gen. Joseph Dunford met reporters.", "Dunford said the Southern Transitional Council (STC) was strong.")
    second = candidates("Joseph Dunford returned.")
    rows = suggestion_rows([("one", first), ("two", second)])
    dunford = rows[0]
    assert (dunford.text, dunford.count, dunford.articles, dunford.type, dunford.id) == ("Joseph Dunford", 3, ("one", "two"), "person", "joseph-dunford")
    assert dunford.aliases == ("Dunford",) and "title" in dunford.reason
    assert dunford.example == "Gen. Joseph Dunford met reporters."
    council = next(row for row in rows if row.text == "Southern Transitional Council")
    assert council.aliases == ("STC",) and council.count == 2
    assert not any(row.text in ("Dunford", "STC") for row in rows)


def test_ids_are_made_as_the_registry_makes_them() -> None:
    assert actor_id("U.S. Army") == "us-army"
    assert actor_id("Kata'ib Sayyid al-Shuhada") == "kataib-sayyid-al-shuhada"
    assert actor_id("Nīnawá Governorate") == "ninawa-governorate"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_plain_ascii_id_is_slugify_s(name: str) -> None:
    assert actor_id(name) == slugified_id(name)


def test_a_name_alone_gets_a_type() -> None:
    assert guess_type("Kirkuk") == "place"
    assert guess_type("Niger") == "state"
    assert guess_type("Joseph Dunford") == "person"
    assert guess_type("Ministry of Education") == "government_body"
    assert guess_type("ECOWAS") == "organization"
    assert guess_type("U.S. Embassy") == "government_body"
    assert CAPITALISED  # the signal a bare capital inside a sentence gives


def test_names_collected_apart_and_merged_give_the_same_rows() -> None:
    articles = [
        ("one", candidates("Gen. Joseph Dunford met reporters.", "Dunford said the Southern Transitional Council (STC) was strong.")),
        ("two", candidates("Joseph Dunford returned to Kirkuk.", "The STC met in Kirkuk.")),
        ("three", candidates("Officials in Kirkuk met Zaid Tamimi, a spokesman.")),
    ]
    whole = suggestion_rows(articles)

    def collected(part: list[tuple[str, list[Candidate]]]) -> Names:
        names = Names()
        for article_id, found in part:
            names.add(article_id, found)
        return names

    assert Names.merged([collected(articles[:1]), collected(articles[1:])]).rows() == whole
    assert Names.merged([collected(articles[:2]), collected(articles[2:])]).rows() == whole
    assert [(row.text, row.count) for row in whole[:2]] == [("Joseph Dunford", 3), ("Kirkuk", 3)]


def test_a_prefix_hyphened_to_a_known_name_is_no_name() -> None:
    assert texts("A former Director for Counter-ISIS on the staff said so.") == []
    assert "Anti" not in texts("The Special Envoy for Anti-Houthi work said so.")


def test_a_reference_code_is_no_name() -> None:
    assert texts("A guard walks along the fence. Photo ID: 230110-A-XK482-1047") == []
    assert texts("Photo reference 991204-N-QR113-0042 shows the ship.") == []


def test_a_department_before_a_name_with_its_own_head_noun_is_two_names() -> None:
    paragraph = "He spoke on a call hosted by the Department of State London International Media Hub with reporters."
    assert texts(paragraph) == ["Department of State", "London International Media Hub"]
    assert texts("He met the Ministry of Foreign Affairs spokesman.") == ["Ministry of Foreign Affairs"]


def test_a_middle_initial_with_its_full_stop_mistyped_stays_in_the_name() -> None:
    assert texts("Army Maj. Gen. Matthew W, McFarlane, who leads the task force, spoke.") == ["Matthew W, McFarlane"]
    assert texts("Officials met Matthew W. McFarlane on Tuesday.") == ["Matthew W. McFarlane"]
    assert texts("Officials thanked Gen. Matthew W, and the others.") == []  # a name does not end in a bare initial


def test_the_arabic_article_spelt_with_e_keeps_its_name_whole() -> None:
    assert found("Deir ez-Zor", "Partners raided cells near Deir ez-Zor this month.").type == "place"
    assert texts("Forces reached Ras es-Sider and Wadi ed-Dawasir.") == ["Ras es-Sider", "Wadi ed-Dawasir"]


def test_a_name_of_suffixes_alone_does_not_break_the_aliases() -> None:
    assert isinstance(texts("Jr. Jr."), list)


def test_the_lexicon_cache_is_made_anew_when_the_code_that_builds_it_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    import build_tools.names as names

    today = names._cache_file()
    assert names._cache_file() == today
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: real(path) + (b"# a new word list" if path.name == "names.py" else b""))
    assert names._cache_file() != today


def test_a_name_after_a_sentence_end_takes_no_place_word_from_the_sentence_before() -> None:
    paragraph = "Five leaders were named in Africa. Zorbak Tamimi, Kadri Malo and Oshem Varrin are designated."
    assert {found(name, paragraph).type for name in ("Zorbak Tamimi", "Kadri Malo", "Oshem Varrin")} == {"person"}
    assert found("Galcad", "Raids struck near Galcad and Bardova.").type == "place"


def test_a_letter_hyphened_to_a_name_ends_a_sentence_there() -> None:
    assert texts("Zorbak Tamimi was named to lead ISIS-K. Tamimi is his deputy.") == ["Zorbak Tamimi", "ISIS-K", "Tamimi"]


def test_a_title_word_after_a_demonym_inside_a_bodys_name_stays() -> None:
    paragraph = "Prisons run by the Syrian General Security Directorate and the Iraqi General Zorbak Tamimi were named."
    assert texts(paragraph) == ["Syrian General Security Directorate", "Zorbak Tamimi"]


def test_an_acronym_spelling_a_phrase_that_names_no_actor_is_no_actor() -> None:
    paragraph = (
        "Ministers designated the Zorbak Front a Foreign Terrorist Organization (FTO) through the Rewards for Peace (RFP) fund, "
        "and the Kadri Malo Institute (KMI) said so."
    )
    assert texts(paragraph) == ["Zorbak Front", "Kadri Malo Institute", "KMI"]


def test_an_acronym_beside_a_number_is_a_citations_not_an_actor() -> None:
    paragraph = "Sanctions under Executive Order (E.O.) 14001 and E.O. 14002 follow 12 U.S.C. §301 and 12 U.S.C. §302, the ZNF said."
    assert texts(paragraph, "The ZNF agreed.") == ["ZNF"]


def test_an_ordinary_nouns_possessive_between_a_names_words_holds_the_name_together() -> None:
    paragraph = (
        "Clashes pitted the Varrin People’s Defense Force’s (VPDF) against the Zorbak Front in Basra's Qurna district "
        "and drew in the Department of the Treasury’s Office of Foreign Assets Control."
    )
    assert texts(paragraph) == [
        "Varrin People’s Defense Force",
        "VPDF",
        "Zorbak Front",
        "Qurna",
        "Department of the Treasury",
        "Office of Foreign Assets Control",
    ]
    assert found("VPDF", paragraph).type == "government_body"  # its name's, through the possessive


def test_an_acronym_of_a_dotted_name_takes_its_type_however_it_is_written() -> None:
    paragraph = "The UN and the U.N. agencies met the ZNF, and the UN Commission of Inquiry heard the ZNF and the U.N. again."
    assert {candidate.text: candidate.type for candidate in candidates(paragraph)} == {
        "UN": "intergovernmental_org",
        "U.N.": "intergovernmental_org",
        "ZNF": "organization",
        "UN Commission of Inquiry": "intergovernmental_org",  # a body of the organisation, not of a state
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Varrin Leadership Council", "government_body"), ("Central Bank of Zorbakia", "government_body"), ("Kadri Palace Hotel", "place")],
)
def test_councils_central_banks_and_hotels_by_their_head(name: str, kind: str) -> None:
    assert guess_type(name) == kind
    assert found(name, f"Envoys met at the {name} and left.").type == kind


def test_a_date_after_on_or_in_is_no_part_of_a_name() -> None:
    assert texts("Envoys met the Zorbak Council on Monday and the Varrin Mission in January.") == ["Zorbak Council", "Varrin Mission"]


def test_an_organisation_of_states_and_a_name_before_gang_or_militia_by_their_words() -> None:
    paragraph = "The Organization of Varrin States and the Embassy of the United States met the Viv Tamo gang and the Gran Zorb militia."
    assert {candidate.text: candidate.type for candidate in candidates(paragraph)} == {
        "Organization of Varrin States": "intergovernmental_org",
        "Viv Tamo": "armed_group",
        "Gran Zorb": "armed_group",
    }
    assert guess_type("Organization of Zorbak States") == "intergovernmental_org"
    assert guess_type("Embassy of the United States") == "government_body"


def test_a_title_word_hyphened_to_the_word_before_is_a_names() -> None:
    assert found("Port-au-Prince", "Gangs hold most of Port-au-Prince now.").type == "place"
    assert found("Zorbak Tamimi", "The Vice-President Zorbak Tamimi left.").reasons[0] == TITLE


@pytest.mark.parametrize(
    ("paragraph", "heading"),
    [
        ("Related Links", True),
        ("Related: Strikes in Varrin", True),
        ("More Stories Strikes in Varrin", True),
        ("More information about Varrin is available on request from the ministry, and officials will answer questions", False),
        ("Recent reports suggest the fighters left the valley before the strike on the depot and fled north", False),
    ],
)
def test_a_list_of_links_opens_with_its_label_not_with_any_sentence_that_begins_with_its_word(paragraph: str, heading: bool) -> None:
    assert is_heading(paragraph) is heading


def test_a_sentence_that_opens_with_more_is_read_as_prose() -> None:
    paragraph = "More information is available by text via Telegram or WhatsApp at the number given"
    assert texts(paragraph) == ["WhatsApp"]


def test_a_legislatures_session_number_is_no_part_of_its_name() -> None:
    paragraph = "The 118th Congress cut the aid, and the 12th Parliament of Zarbania voted too."
    assert "Congress" in [m.text for m in link_article(MATCHER, builders.make_article("a", 1, [paragraph]))[0]]
    assert texts(paragraph) == ["Parliament of Zarbania"]
    assert texts("The 82nd Airborne Division deployed.") == ["82nd Airborne Division"]  # a unit's number is its name's


def test_an_administration_named_by_its_president_is_a_name_whatever_the_dictionary_says() -> None:
    assert found("Trump Administration", "On May 2, the Trump Administration said it would act.").type == "government_body"
    assert "Security Forces" not in texts("The talks named the Security Forces and the Press Office.")


def test_a_persons_possessive_after_a_title_ends_the_name() -> None:
    assert texts("He joined President Trump's Zarbanian Counter Cartel Coalition in May.") == ["Trump", "Zarbanian Counter Cartel Coalition"]


def test_a_disease_designation_is_no_name_but_a_group_of_states_by_its_count_is() -> None:
    paragraph = "Its envoy chairs the G77 now, and the COVID-19 pandemic hit the G20 economies."
    assert texts(paragraph) == ["G77", "G20"]
    assert found("G77", paragraph).type == "intergovernmental_org"
    assert guess_type("G7") == "intergovernmental_org"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Envoys met the Intergovernmental Authority on Zarbanian Development in May.", ["Intergovernmental Authority on Zarbanian Development"]),
        ("Envoys met the UN Commission of Experts on Human Rights in Zarbania.", ["UN Commission of Experts on Human Rights in Zarbania"]),
        ("Envoys met the UN Commission on Human Rights yesterday.", ["UN Commission on Human Rights"]),
        ("A note from the Ministry of Defense on Zambia followed.", ["Ministry of Defense", "Zambia"]),  # what it is about
        ("A note from the Ministry of Defense on Monday followed.", ["Ministry of Defense"]),
    ],
)
def test_an_on_phrase_after_a_bodys_head_or_its_of_phrase_is_its_subject(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected
    assert found(expected[0], paragraph).type in ("intergovernmental_org", "government_body")


def test_a_dateline_without_a_state_after_a_comma_is_still_a_dateline() -> None:
    assert found("SOUTHWEST ASIA", "SOUTHWEST ASIA – Partner forces detained six suspects, last week.").type == "place"
    assert found("NORTHEAST ASIA", "NORTHEAST ASIA -- Partner forces met.").type == "place"
    assert all(candidate.type != "place" for candidate in candidates("ZORBAK – Partner forces met."))  # capitals that name no place


def test_a_title_in_the_plural_names_people_in_a_role_not_an_actor() -> None:
    paragraph = "The Zarbanian Refugee Coordinators briefed the Joint Chiefs of Staff. Its Deputy Assistant Secretaries came."
    assert texts(paragraph) == ["Joint Chiefs of Staff"]


def test_a_states_government_and_the_next_party_are_two_names() -> None:
    paragraph = "Officials welcomed talks between the Government of Zambia and the Zorbak regional authority."
    assert texts(paragraph) == ["Zambia", "Zorbak"]
    assert texts("Envoys met the Republic of Bosnia and Herzegovina.") == ["Republic of Bosnia and Herzegovina"]


def test_a_function_word_opens_no_name_even_before_a_known_head_noun_or_after_an_opener() -> None:
    paragraph = "The vote split Zarbania. For Congress, the vote matters little."
    assert "Congress" in [m.text for m in link_article(MATCHER, builders.make_article("a", 1, [paragraph]))[0]]
    assert texts(paragraph) == ["Zarbania"]
    assert texts("Who Is Zorbak Tamimi?") == ["Zorbak Tamimi"]


def test_a_companys_legal_form_is_its_names_head_with_its_comma_and_full_stop() -> None:
    paragraph = "Zorbak Builders LLP of Tampa designs it, Qarawi Federal, LLC of Mosul builds it, and ZBQ, Inc. of Albany checks it."
    assert texts(paragraph) == ["Zorbak Builders LLP", "Tampa", "Qarawi Federal, LLC", "Mosul", "ZBQ, Inc.", "Albany"]
    assert {found(name, paragraph).type for name in ("Zorbak Builders LLP", "Qarawi Federal, LLC", "ZBQ, Inc.")} == {"organization"}
    assert texts("The work went to Zorbak Inc. and to Qarawi Holdings, Ltd., both of Tampa.") == ["Zorbak Inc.", "Qarawi Holdings, Ltd.", "Tampa"]
    # A known name before a legal form is the company's: not linked, and the quick look agrees.
    paragraph = "Contracts went to Dokan, Inc. and to Dokan itself."
    start = paragraph.index("Dokan")
    assert inside_longer_name(paragraph, start, start + 5) and may_be_inside_longer_name(paragraph, start, start + 5)
    assert [m.text for m in link_article(MATCHER, builders.make_article("a", 1, [paragraph]))[0]] == ["Dokan"]
    assert texts(paragraph) == ["Dokan, Inc."]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Aid came from the Bureau of Refugees, Resettlement, and Integration in May.", ["Bureau of Refugees, Resettlement, and Integration"]),
        ("The plan came from the Training, Outreach and Logistics Directorate, and it worked.", ["Training, Outreach and Logistics Directorate"]),
        # A list of parties stays a list: states, or names with heads of their own.
        ("Envoys of Canada, France, and Zarbania met.", ["Canada", "France", "Zarbania"]),
        ("It joined the Zorbak Fund, Qarawi Bank and Tamimi Trade Organization.", ["Zorbak Fund", "Qarawi Bank", "Tamimi Trade Organization"]),
    ],
)
def test_a_list_of_fields_inside_a_bodys_name_keeps_its_commas(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_a_titles_portfolio_of_fields_ends_at_a_name_no_dictionary_has() -> None:
    paragraph = "On Monday Under Secretary for Public Health, Trade, and Fisheries Zorah Qeyan opened talks in Maputo."
    assert texts(paragraph) == ["Zorah Qeyan", "Maputo"]
    assert found("Zorah Qeyan", paragraph).type == "person"


def test_two_demonyms_before_one_head_inside_an_of_phrase_are_one_name() -> None:
    paragraph = "Talks with the Assistant Secretary for the Bureau of African and Asian Affairs Dr. Karen Dorn went on."
    assert texts(paragraph) == ["Bureau of African and Asian Affairs", "Karen Dorn"]
    assert found("Bureau of African and Asian Affairs", paragraph).type == "government_body"


def test_a_states_formal_name_is_one_name_where_its_government_is_the_state() -> None:
    paragraph = "It was signed by Canada, the Kingdom of Zambia, the People’s Republic of Mongolia and the State of Qatar."
    assert texts(paragraph) == ["Canada", "Kingdom of Zambia", "People’s Republic of Mongolia", "State of Qatar"]
    assert {found(name, paragraph).type for name in ("Kingdom of Zambia", "People’s Republic of Mongolia", "State of Qatar")} == {"state"}
    assert texts("Officials met the Government of Zambia.") == ["Zambia"]  # corpus rule 4.3


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        ("Officials at the U.S. Consulate General in Zorbak said the visa office would reopen.", "U.S. Consulate General"),
        ("The Zorbak Consulate General issued a statement on Monday.", "Zorbak Consulate General"),
    ],
)
def test_a_title_word_that_ends_a_bodys_head_phrase_is_the_bodys(paragraph: str, name: str) -> None:
    assert found(name, paragraph).type == "government_body"
    assert texts("Consul General Zorvan Tamik said the office would reopen.") == ["Zorvan Tamik"]


def test_and_the_between_two_names_cuts_them_apart() -> None:
    # Two adjectives of one head are joined by a bare `and` (`Economic and Monetary Union`); `and the` starts another name.
    assert texts("It works with Jordan and the Zorbak League.") == ["Jordan", "Zorbak League"]
    assert texts("It joined the Zorbak Economic and Monetary Union.") == ["Zorbak Economic and Monetary Union"]


def test_authority_heads_a_body_and_a_drawdown_authority_is_a_power() -> None:
    assert texts("Funds went to the Zorbak Interconnection Authority.") == ["Zorbak Interconnection Authority"]
    assert texts("Aid was sent under the Presidential Drawdown Authority.") == []


def test_a_demonym_hyphened_to_a_particle_is_a_surname() -> None:
    # A nisba (`al-Sahrawi`, `al-Masri`) says where a family came from: part of the name, where a demonym after a name is not.
    assert texts("The front is led by Zorbak Abu Kamil al-Somali today.") == ["Zorbak Abu Kamil al-Somali"]
    assert texts("Officials met Zorbak Tamimi Somali on Monday.") == ["Zorbak Tamimi"]


def test_in_the_goes_on_a_qaida_name_however_its_apostrophe_is_written() -> None:
    for written in ("al-Qaida", "al-Qa’ida", "al-Qa'ida"):
        assert written + " in the Zorbak Lands" in texts(f"The leader of {written} in the Zorbak Lands (AQZL) fled.")


def test_ally_is_house_style() -> None:
    assert texts("Every Ally is coming to help, the Allies said.") == []


def test_a_titles_of_phrase_names_its_body_not_a_person() -> None:
    found = candidates("They read the statement of the Secretary-General of the Zorbak Union on Monday.")
    assert [(c.text, c.type) for c in found] == [("Zorbak Union", "intergovernmental_org")]


def test_an_acronym_right_before_a_title_is_the_titles_body() -> None:
    assert texts("They heard ZXQ Special Envoy Dalu Kamu, and more.") == ["ZXQ", "Dalu Kamu"]


def test_hashtags_and_handles_are_no_names() -> None:
    assert texts("Follow @StateZorbak for more. #DefeatZorbak") == []


def test_ceo_is_a_title_written_in_capitals() -> None:
    assert texts("Zorbak Labs CEO Dalu Kamu said so on Monday.") == ["Zorbak Labs", "Dalu Kamu"]


def test_an_acronym_in_square_brackets_before_a_number_is_a_citation() -> None:
    assert texts("It acted under Executive Order [XO] 14347, and under XO 14347 again.") == []


def test_a_dictionary_word_an_article_always_capitalises_is_a_name() -> None:
    # Three capitals inside sentences, never in lower case: a firm called `Anthropic` (a dictionary word) is a name ...
    found = texts("The deal with Zorbak ended when Anthropic sued.", "Officials said Anthropic would appeal.", "Then Anthropic won.")
    assert "Anthropic" in found
    # ... but not twice, nor when the article also writes the word in lower case.
    assert "Anthropic" not in texts("Officials said Anthropic would appeal.", "Then Anthropic won.")
    assert "Anthropic" not in texts("Officials said Anthropic would appeal.", "Then Anthropic won.", "So Anthropic lost.", "An anthropic view.")


def test_a_documents_name_gives_the_body_that_issued_it() -> None:
    found = texts("They cited ZU Zorbak Council Resolution 2576 and the Zorbak Nations Framework Convention on Rivers.")
    assert found == ["ZU Zorbak Council", "Zorbak Nations"]
    # A pot of money's head phrase is no body's head (`Trust Fund`), and an agreement with no body gives none.
    assert texts("Funds sat in the Zorbak Relief Trust Fund and the Strategic Framework Agreement.") == []


def test_a_longer_name_goes_on_over_for_the_and_of_the() -> None:
    assert texts("Zorbak Labs sued in the U.S. District Court for the Northern District of Zarbania on Monday.") == [
        "Zorbak Labs",
        "U.S. District Court for the Northern District of Zarbania",
    ]
    assert texts("He met U.S. officials for the first time.") == []


def test_a_common_word_at_a_sentence_start_is_no_city_there() -> None:
    # `Due` is also a big city's name in a gazetteer: at a sentence's start it is the word.
    assert texts("He evaded capture. Due to the efforts of many, he was caught.") == []


def test_a_names_second_word_is_not_the() -> None:
    assert texts("Following the Zorbak Administration's request, funds came.") == ["Zorbak Administration"]


def test_a_portfolio_of_fields_with_demonyms_and_plurals_before_a_name() -> None:
    found = texts("It is led by Special Envoy for Somali Women, Girls, and Human Rights Dalu Kamu today.")
    assert found == ["Dalu Kamu"]


def test_an_of_portfolio_before_a_name() -> None:
    assert texts("He met Head of Presidential Administration Dalu Kamu and others.") == ["Presidential Administration", "Dalu Kamu"]


def test_a_numbered_base_is_a_name_and_a_long_number_alone_a_code() -> None:
    assert texts("Forces left Air Base 101 and Camp 7 on Monday.") == ["Air Base 101", "Camp 7"]
    assert texts("The Photo 230110 shows it.") == []


def test_a_word_hyphened_to_a_demonym_makes_one_demonym() -> None:
    assert texts("They welcome the election of Zorbak-Guinean President Dalu Kamu.") == ["Dalu Kamu"]


def test_a_second_of_phrase_naming_a_state_is_the_states() -> None:
    found = texts("The Zorbak Ministry of National Defense of the Republic of Zarbania agreed.")
    assert found == ["Zorbak Ministry of National Defense", "Republic of Zarbania"]


def test_a_compass_word_before_a_region_makes_a_place() -> None:
    # `Western Balkans` is a place of its own (a compass word before a place that is no state); `Central and Eastern
    # Europe` is one; before a state the compass word only says which part is meant (corpus rule 3.3).
    assert texts("It undermines democracy in the Western Balkans today.") == ["Western Balkans"]
    assert texts("Aid went to nations in Central and Eastern Europe and the Balkan region.") == ["Central and Eastern Europe"]


def test_a_sentence_ended_inside_brackets_opens_the_next() -> None:
    assert texts("(It was dated September 5, 2025.) Following the Zorbak Administration's request, funds came.") == ["Zorbak Administration"]


def test_a_member_noun_after_a_body_leaves_the_body() -> None:
    assert texts("ZXQ Allies agreed, and ZYQ Member States agreed.") == ["ZXQ", "ZYQ"]
    assert texts("The Zorbak Partners Group met.") == ["Zorbak Partners Group"]


def test_an_abbreviated_title_without_its_dot_comes_before_a_name_only() -> None:
    assert texts("The envoy will meet Prime Minister Dalu Sen and Deputy Prime Minister Kamu Tor today.") == ["Dalu Sen", "Kamu Tor"]
    assert texts("Brig. Gen Pat Zorbak spoke.") == ["Pat Zorbak"]


def test_an_office_in_the_plural_is_a_title() -> None:
    assert texts("The Deputy Secretary and Vice Foreign Ministers Zorbak and Kamu agreed.") == ["Zorbak", "Kamu"]


def test_counsellor_is_a_title() -> None:
    assert texts("State Counsellor Dalu Kamu Zorbak was detained.") == ["Dalu Kamu Zorbak"]


def test_the_between_two_names_cuts_them_apart() -> None:
    assert texts("Under Zorbak the ZXQ became a party.") == ["Zorbak", "ZXQ"]


def test_a_demonym_of_several_words_is_no_name() -> None:
    assert texts("It brought relief for ordinary Sri Lankans who suffered.") == []


def test_a_date_after_a_name_is_no_part_of_it() -> None:
    assert texts("He will travel to Zarbania August 10 and to Zorbak City Jan. 5.") == ["Zarbania", "Zorbak City"]


def test_dialogues_meetings_and_outlooks_are_no_actors_but_their_acronym_is() -> None:
    assert texts("He attended the ZXQ Ministerial Meeting and the Zorbak Strategic Dialogue.") == ["ZXQ"]


def test_a_defined_acronym_spelling_a_longer_phrase_makes_it_one_name() -> None:
    found = texts("It fought the separatist Liberation Zorbaks of Zarbania Kamu (LZZK), and more.", "The LZZK lost.")
    assert "Liberation Zorbaks of Zarbania Kamu" in found and "Zarbania Kamu" not in found


def test_a_hyphened_given_name_keeps_its_syllable() -> None:
    assert texts("The Deputy Secretary met Vice Foreign Minister Zorbak Hyun-dong on Monday.") == ["Zorbak Hyun-dong"]
    assert texts("Iran-backed militias and the Zorbak-wide ban hit Zaid Kamu-un today.") == ["Iran", "Zorbak", "Zaid Kamu-un"]


def test_an_ampersand_joins_a_companys_words() -> None:
    assert "Zorbak Chemical & Machinery Company" in texts("Officials designated Zorbak Chemical & Machinery Company today.")


def test_army_ranks_written_in_capitals_are_titles() -> None:
    assert texts("He met LTC Dalu Kamu and COL Zorbak Tamimi today.") == ["Dalu Kamu", "Zorbak Tamimi"]


def test_consensus_consultations_talks_and_centuries_are_no_actors() -> None:
    assert texts("They backed the ZXQ Five Point Consensus for the 21st Century.") == ["ZXQ"]


def test_a_states_formal_name_and_another_state_are_two() -> None:
    assert texts("They met the Republic of Zorvia and Japan today.") == ["Republic of Zorvia", "Japan"]


def test_a_portfolios_place_before_a_persons_name() -> None:
    assert texts("He met Senior Director for Russia and Central Asia Eric Zorbak today.") == ["Russia", "Central Asia", "Eric Zorbak"]
    found = texts("He met the Deputy Secretary for Afghanistan, Pakistan, and Central Asia Rebecca Zorbak today.")
    assert found[-2:] == ["Central Asia", "Rebecca Zorbak"]
    # A one-word place that is no state, or a given name that is a place, starts no person (`Mary Beth`, `South China Sea`).
    assert "South China Sea" in texts("Ships sailed the South China Sea.")


def test_a_given_name_a_dictionary_has_opens_a_name_before_a_rare_word() -> None:
    assert texts("Maria Haydee Zorbak, a member of the council, spoke.") == ["Maria Haydee Zorbak"]


def test_a_portfolio_listing_fields_gives_the_name_after_it() -> None:
    assert texts("Officials met Commissioner for Political Affairs, Peace and Security Dalu Kamu today.") == ["Dalu Kamu"]
    assert texts("ZU Commissioner for Health, Humanitarian Affairs, and Social Development Dalu Kamu spoke.") == ["ZU", "Dalu Kamu"]


def test_a_states_government_after_its_demonym_is_the_state() -> None:
    assert texts("They thanked the Ukrainian Government and the Somali Government today.") == []


def test_a_companys_dotted_legal_form_is_part_of_its_name() -> None:
    assert texts("It designated Zorbak Ship Management Pte. Ltd. today.") == ["Zorbak Ship Management Pte. Ltd."]


def test_the_governments_of_two_states_are_the_two_states() -> None:
    assert texts("It thanked the Governments of Saudi Arabia and Oman for it.") == ["Saudi Arabia", "Oman"]


def test_a_place_the_gazetteer_writes_with_a_possessive() -> None:
    assert texts("He visited the camps in Cox’s Bazar yesterday.") == ["Cox’s Bazar"]


def test_a_compass_word_or_a_government_beside_a_state_is_the_state() -> None:
    assert texts("Traffickers operate in Northwest Guatemala, and the Kosovo Government agreed.") == ["Guatemala", "Kosovo"]
    assert texts("Fighting spread in South Sudan.") == ["South Sudan"]


def test_a_hyphened_title_is_one_title() -> None:
    assert texts("He met Ambassador-at-Large for International Religious Freedom Rashad Kamu today.") == ["Rashad Kamu"]
    assert texts("The President-elect Dalu Kamu spoke.") == ["Dalu Kamu"]


def test_a_quoted_nickname_is_part_of_a_name() -> None:
    assert texts("The commander, Gen. Michael “Zorb” Kamu, said so.") == ["Michael “Zorb” Kamu"]


def test_a_ministerial_is_an_event() -> None:
    assert texts("He attended the ZXQ Ministerial today.") == ["ZXQ"]


def test_a_persons_name_in_capitals_as_sanctions_lists_write_it() -> None:
    found = texts("ZORBAK KAMULOV is a Deputy Minister.", "TIMUR ZARBANOV met ZORBAK KAMULOV.")
    assert found == ["ZORBAK KAMULOV", "TIMUR ZARBANOV", "ZORBAK KAMULOV"]
    # An acronym's run is none (`NATO ISAF`, words shorter than names' in capitals).
    assert texts("ZXQ ZYQ forces left.") == []


def test_the_quick_look_for_longer_names_knows_quoted_nicknames() -> None:
    # A stretch goes on over a quoted nickname (`Michael “Erik” Kurilla`), so the quick look must not rule it out.
    for text, start, end in [("Kataib Hezbollah “Austin” Kataib Hezbollah", 0, 16), ("Kataib Hezbollah “Austin” Kataib Hezbollah", 18, 24)]:
        assert inside_longer_name(text, start, end)
        assert may_be_inside_longer_name(text, start, end)


def test_treasury_heads_a_body_and_plural_heads_list_several() -> None:
    assert texts("Officials of the Zorbak Treasury met.") == ["Zorbak Treasury"]
    assert texts("Today, the Departments of State and the Treasury are imposing sanctions.") == []
    assert "Zorbak Centres for Disease Control and Prevention" in texts("It joined the Zorbak Centres for Disease Control and Prevention.")


def test_a_titles_portfolio_ends_before_an_and_that_joins_another_name() -> None:
    # The person's name after the portfolio need not end the stretch: `and` may join another person or a body.
    paragraph = "They met Assistant Secretary of State for Oceanic Affairs Laura Qimeni and Dana Morrow today."
    assert texts(paragraph) == ["Laura Qimeni", "Dana Morrow"]
    assert found("Laura Qimeni", paragraph).reasons[0] == TITLE
    paragraph = "Assistant Secretary for Oceanic Affairs Laura Qimeni and National Security Council Senior Director Dana Morrow will go."
    assert texts(paragraph) == ["Laura Qimeni", "National Security Council", "Dana Morrow"]
    # A portfolio that lists its fields with `and` still ends at the name after it.
    assert texts("She met Under Secretary for Civilian Security, Democracy, and Human Rights Laura Qimeni.") == ["Laura Qimeni"]


def test_high_before_a_title_makes_one_title_and_its_body_an_acronym_before_it() -> None:
    assert texts("The ZXQ High Commissioner spoke.") == ["ZXQ"]
    assert texts("He met ZXQ High Representative Laura Qimeni.") == ["ZXQ", "Laura Qimeni"]


def test_documents_fairs_and_festivals_are_no_actors_but_the_body_before_them_is() -> None:
    assert texts("The Department of State Fact Sheet lists them.") == ["Department of State"]
    assert texts("They cited the Zorbak Democratic Charter today.") == []
    assert texts("Tents went up for the Zorbak Film Festival and the Kamu Book Fair.") == []
    assert texts("Firms from the Zorbak Expo left.") == []


def test_a_companys_plural_head_noun_keeps_a_title_word_inside_its_name() -> None:
    assert found("King Zorbak Technologies", "It added Kamu Mining and King Zorbak Technologies to the list.").type == "organization"
    assert found("Kamu Holdings", "Shares of Kamu Holdings fell.").type == "organization"


def test_a_dictionary_word_listed_with_a_state_or_a_major_place_is_a_place() -> None:
    assert found("Tibet", "He raised abuses in Tibet, Hong Kong, and Xinjiang.").type == "place"
    assert "Tibet" in texts("Abuses go on in Hong Kong and Tibet.")
    assert "Tibet" not in texts("He raised abuses in Tibet and elsewhere.")
    # A town the gazetteer has under a word's name, or a place's name inside a person's, is not enough.
    assert texts("Under the Somali Growth and Opportunity Act trade rose.") == []
    assert texts("It included Mr. Daniel Kamu, Chargé d'Affaires at the Embassy.") == ["Daniel Kamu"]


def test_a_communications_adviser_is_a_title_and_a_fellowship_no_actor() -> None:
    assert texts("Please write to the Envoy's Communications Advisor Laura Qimeni today.") == ["Laura Qimeni"]
    assert texts("Alumni of the Zorbak Kamu Fellowship met.") == []


def test_an_assemblys_name_a_dictionary_has_as_a_word_heads_a_body() -> None:
    assert found("State Duma", "Meanwhile the State Duma passed the law.").type == "government_body"
    assert found("Zorbak Rada", "Deputies of the Zorbak Rada voted.").type == "government_body"


def test_an_and_after_a_known_name_and_before_another_name_joins_no_longer_name() -> None:
    mentions, _ = link_article(MATCHER, builders.make_article("a", 1, ["U.S. and Zorbak Forces struck."]))
    assert [m.text for m in mentions] == ["U.S."]


def test_a_list_of_fields_after_a_titles_department_is_its_portfolio() -> None:
    assert texts("Under Secretary of State for Civilian Security, Democracy, and Human Rights Zorbak Kamu visited.") == ["Zorbak Kamu"]


def test_a_function_word_opening_a_sentence_is_no_given_name_before_a_title() -> None:
    assert texts("As President Kamu’s war enters its third month, we act.") == ["Kamu"]


def test_a_title_word_and_a_head_noun_end_a_bodys_name() -> None:
    assert found("Zorbak Union General Assembly", "She backed Zorbak Union General Assembly resolutions.").type == "government_body"
    assert texts("The Kamu General Staff met.") == ["Kamu General Staff"]


def test_dotted_initials_inside_a_name_end_no_sentence() -> None:
    assert texts("She spoke at the Zorbak T.H. Kamu School of Public Health today.") == ["Zorbak T.H. Kamu School of Public Health"]


def test_pacts_and_statements_are_no_actors() -> None:
    assert texts("They adopted the Zorbak Climate Pact and the Kamu Joint Statement.") == []
