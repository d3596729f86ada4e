"""The pieces the reader is built from: bylines, contributor lines and date lines as outlets print them."""

from __future__ import annotations

import pytest

from build_tools.bylines import looks_like_byline, parse_byline, read_contributors
from build_tools.dates import InvalidDate, parse_date_line


@pytest.mark.parametrize(
    ("line", "authors", "affiliations"),
    [
        ("By Missy Ryan", ["Missy Ryan"], []),
        (
            "By Army Col. Dale R. Hensley, Combined Joint Task Force – Operation Inherent Resolve",
            ["Dale R. Hensley"],
            ["Combined Joint Task Force – Operation Inherent Resolve"],
        ),
        ("By Navy Petty Officer 2nd Class Dana M. Whitfield, USS Theodore Roosevelt", ["Dana M. Whitfield"], ["USS Theodore Roosevelt"]),
        ("By Army Sgt. 1st Class Terrence L. Banks Jr., DoD News, Defense Media Activity", ["Terrence L. Banks Jr."], ["DoD News, Defense Media Activity"]),
        ("By Navy Mass Communication Specialist 2nd Class Jon Ortiz", ["Jon Ortiz"], []),
        ("By Marine Lance Cpl. Ana Ruiz and Army Chief Warrant Officer 3 Dale Price", ["Ana Ruiz", "Dale Price"], []),
        ("By Deputy Secretary of Defense Robert O. Walsh", ["Robert O. Walsh"], []),
        ("By Gen. Carl M. Brandt, commander, U.S. Central Command", ["Carl M. Brandt"], ["commander, U.S. Central Command"]),
        ("By Army Col. Steve Warren, Operation Inherent Resolve spokesman", ["Steve Warren"], ["Operation Inherent Resolve spokesman"]),
        (
            "By Tamsin Ardley, Falih Kareem, Nicholas de Vries and Helene Marchetti",
            ["Tamsin Ardley", "Falih Kareem", "Nicholas de Vries", "Helene Marchetti"],
            [],
        ),
        ("By Tamsin Ardley, Falih Kareem, and Helene Marchetti", ["Tamsin Ardley", "Falih Kareem", "Helene Marchetti"], []),
        ("By Loveday Morrow and Mustafa Jawad, The Washington Post", ["Loveday Morrow", "Mustafa Jawad"], ["The Washington Post"]),
        ("By Robert H. Kessler Jr. and Sinan Jaber", ["Robert H. Kessler Jr.", "Sinan Jaber"], []),
        ("By Lloyd J. Austin, III", ["Lloyd J. Austin III"], []),
        ("By Tara Whitcomb, Stars and Stripes", ["Tara Whitcomb"], ["Stars and Stripes"]),
        ("By Kamal Naji | Reuters", ["Kamal Naji"], ["Reuters"]),
        ("By Kevin deMarco, Military Times", ["Kevin deMarco"], ["Military Times"]),
        ("By Richard Sisk, Military.com", ["Richard Sisk"], ["Military.com"]),
        ("By Erin Kuntz & Kamal Naji", ["Erin Kuntz", "Kamal Naji"], []),
        ("By Hüseyin Çelik and Zeynep Öztürk-Bilgin", ["Hüseyin Çelik", "Zeynep Öztürk-Bilgin"], []),
        ("By MICHAEL R. GORDEN and OMAR AL-JUBURI", ["Michael R. Gorden", "Omar al-Juburi"], []),
        ("By The Associated Press", [], ["The Associated Press"]),
        ("Missy Ryan and Loveday Morris", ["Missy Ryan", "Loveday Morris"], []),
        ("From staff and wire reports", [], ["From staff and wire reports"]),
        ("Reuters Staff", [], ["Reuters Staff"]),
    ],
)
def test_byline(line: str, authors: list[str], affiliations: list[str]) -> None:
    byline = parse_byline(line)
    assert (list(byline.authors), list(byline.affiliations)) == (authors, affiliations)


@pytest.mark.parametrize(
    "line",
    [
        "By nightfall, Iraqi troops had reached the river.",
        "By Monday night, Iraqi troops had raised the flag over the main government compound in Ramadi.",
        "By U.S. estimates, about 400 militants had defended the city center.",
        "By Tuesday, it was over",
        "By then, most residents had fled",
        "Byzantine churches in Mosul were looted.",
    ],
)
def test_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    assert not looks_like_byline(line)


@pytest.mark.parametrize("line", ["By Missy Ryan", "By The Associated Press", "BY MISSY RYAN", "By Robert H. Kessler Jr.", "By Kamal Naji | Reuters"])
def test_bylines_are_recognised(line: str) -> None:
    assert looks_like_byline(line)


@pytest.mark.parametrize(
    ("line", "names", "unread"),
    [
        ("Mustafa Salim in Baghdad contributed to this report.", ["Mustafa Salim"], []),
        ("Aso Kamal Rashid in Irbil, Iraq, and Zakariya Hamdan in Beirut contributed to this report.", ["Aso Kamal Rashid", "Zakariya Hamdan"], []),
        ("Mustafa Jawad in Baghdad and staff writer Dan Lambert in Washington also contributed to this report.", ["Mustafa Jawad", "Dan Lambert"], []),
        ("Associated Press writers Sinan Jaber in Baghdad and Bassem Karam in Beirut contributed to this report.", ["Sinan Jaber", "Bassem Karam"], []),
        ("The Post's Lena Saleh in Beirut contributed to this report.", ["Lena Saleh"], []),
        (
            "Reporting was contributed by Falih Kareem from Baghdad, Omar al-Juburi from Erbil, Iraq, and Eric Stahl from Washington.",
            ["Falih Kareem", "Omar al-Juburi", "Eric Stahl"],
            [],
        ),
        (
            "(Reporting by Kamal Naji in Mosul and Hadeel Sabri in Baghdad; Additional reporting by Orhan Kaya; Writing by Tom Hennessy; Editing by Janet McBryde)",
            ["Kamal Naji", "Hadeel Sabri", "Orhan Kaya", "Tom Hennessy"],
            [],
        ),
        ("Contributing: Rebin Aziz in Erbil; The Associated Press", ["Rebin Aziz"], []),
        ("The Associated Press contributed to this report.", [], []),
        ("Mustafa and Lena Saleh in Beirut contributed to this report.", ["Lena Saleh"], ["Mustafa"]),
        ("The militias contributed to the chaos in the city.", [], []),
    ],
)
def test_contributor_line(line: str, names: list[str], unread: list[str]) -> None:
    contributors = read_contributors(line)
    assert (list(contributors.names), list(contributors.unread)) == (names, unread)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("August 8, 2015", "2015-08-08"),
        ("Aug. 8, 2015", "2015-08-08"),
        ("Sept. 9, 2015", "2015-09-09"),
        ("8 August 2015", "2015-08-08"),
        ("28 July 2015,", "2015-07-28"),
        ("2015-08-08", "2015-08-08"),
        ("2015-08-08T19:00:00Z", "2015-08-08"),
        ("Saturday, August 8, 2015", "2015-08-08"),
        ("Updated August 9, 2015 at 5:41 p.m. EDT", "2015-08-09"),
        ("Published Aug. 8, 2015 at 7:00 p.m. EDT | Updated Aug. 9, 2015 at 5:41 p.m. EDT", "2015-08-08"),
        ("AUGUST 8, 2015 / 3:29 PM / 4 YEARS AGO", "2015-08-08"),
        ("Thursday 3 March 2016 14.05 GMT", "2016-03-03"),
        ("March 3, 2016 GMT", "2016-03-03"),
        ("Last updated: 8 August 2015", "2015-08-08"),
        ("13/08/2015", "2015-08-13"),
        ("08/08/2015", "2015-08-08"),
        ("ERBIL, Iraq, March 3, 2016 — Kurdish forces repelled an attack.", None),
        ("March 3, 2016 — Coalition forces attacked.", None),
        ("March 3, 2016 said the commander", None),
        ("March 3, 2016 / Reuters staff in Baghdad and Erbil", None),
        ("In March 2016 the offensive began.", None),
    ],
)
def test_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize(("line", "says"), [("February 30, 2016", "names no real day"), ("08/09/2015", "could be August 9, 2015 or September 8, 2015")])
def test_date_shaped_line_naming_no_single_day(line: str, says: str) -> None:
    with pytest.raises(InvalidDate, match=says):
        parse_date_line(line)
