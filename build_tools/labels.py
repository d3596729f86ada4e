"""The lines a pasted page prints around its text: page labels, release numbers, places, share buttons and banners."""

from __future__ import annotations

import re

# A page's label (`Press Statement` above or below a State Department headline, `News Release`,
# `Readout`, `IMMEDIATE RELEASE` on defense.gov) as printed, lower-case, to the kind it is kept as.
# Plurals (`Releases`, `Transcripts`: a site section's name) are read as the singular.
_KINDS = {
    label: kind
    for kind, labels in {
        "Press Statement": ["press statement"],
        "Statement": ["statement"],
        "Joint Statement": ["joint statement"],
        "Press Release": ["press release"],
        "News Release": ["news release"],
        "Release": ["release", "immediate release", "for immediate release"],
        "Readout": ["readout", "call readout", "meeting readout"],
        "Fact Sheet": ["fact sheet"],
        "Remarks": ["remarks", "remarks as prepared", "remarks as prepared for delivery", "as prepared for delivery", "as delivered"],
        "Speech": ["speech"],
        "Transcript": ["transcript"],
        "Media Note": ["media note"],
        "Media Advisory": ["media advisory", "advisory"],
        "Press Briefing": ["press briefing", "department press briefing", "news briefing", "briefing"],
        "Special Briefing": ["special briefing"],
        "Background Briefing": ["background briefing", "background press call"],
        "Press Conference": ["press conference", "news conference"],
        "Interview": ["interview"],
        "Testimony": ["testimony"],
        "Op-Ed": ["op-ed", "oped", "op ed"],
        "Commentary": ["commentary"],
        "Taken Question": ["taken question"],
        "Notice": ["notice"],
        "Announcement": ["announcement"],
        "Feature": ["feature", "feature story"],
        "News": ["news", "news story", "news article"],
    }.items()
    for stem in labels
    for label in (stem, f"{stem}s")
}
_LABEL_PUNCTUATION = " \t:.|-–—"


def page_kind(text: str) -> str | None:
    """`Press Statement` for a line that is only a page label (`PRESS STATEMENT`, `Press Statement:`), else None."""
    if len(text) > 40:
        return None
    return _KINDS.get(" ".join(text.strip(_LABEL_PUNCTUATION).lower().split()))


# `Release No: NR-011-20`, `Release No. 20-001`, `Release Number 20170414-01`, `Press Release #2020-01`.
_RELEASE_NUMBER = re.compile(r"(?:(?:news|press)\s+)?release\s*(?:no\.?|number|num\.?|#)\s*[:#]?\s*(?P<number>[A-Z0-9][A-Z0-9./-]*)", re.IGNORECASE)


def release_number(text: str) -> str | None:
    """The number of a `Release No: NR-011-20` line (`NR-011-20`), or None for any other line."""
    match = _RELEASE_NUMBER.fullmatch(text.strip())
    return match.group("number") if match else None


# Buttons pasted as words (`Facebook Twitter LinkedIn Email`, `Share | Print`): a line of nothing else is no text.
_SHARE_WORDS = frozenset(
    [
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "email",
        "e-mail",
        "print",
        "share",
        "copy",
        "link",
        "whatsapp",
        "reddit",
        "pinterest",
        "tumblr",
        "flipboard",
        "telegram",
        "sms",
        "mail",
    ]
)
_SHARE_SPLIT = re.compile(r"[\s|·•,/]+")
# The banner every U.S. government site shows above its header, line by line, as it pastes.
_GOVERNMENT_BANNER = re.compile(
    r"an official website of the united states government|here'?’?s how you know|official websites use \.(?:gov|mil)"
    r"|secure \.(?:gov|mil) websites use https|an? \.(?:gov|mil) website belongs to an official .*"
    r"|an? lock \(.*\) or https:// means .*|share sensitive information only on official, secure websites\.?"
    r"|skip to (?:main )?content",
    re.IGNORECASE,
)


# `3 Min Read`, `5-minute read`: how long the page says reading it takes.
_READING_TIME = re.compile(r"\d{1,3}[\s-]*(?:min(?:ute)?s?)\.?\s+read", re.IGNORECASE)


def page_chrome(text: str) -> str | None:
    """What a line of the page's own furniture is (`the page's share buttons`), or None for a line of text."""
    if len(text) > 200:
        return None
    if _GOVERNMENT_BANNER.fullmatch(text.strip()):
        return "the U.S. government site banner"
    if _READING_TIME.fullmatch(text.strip()):
        return "the page's reading-time note"
    words = [word for word in _SHARE_SPLIT.split(text.strip().lower()) if word]
    if words and len(words) <= 12 and all(word in _SHARE_WORDS for word in words) and words != ["x"]:
        return "the page's share buttons"
    return None


# Headings of the lists a page prints after or beside its text: kept as body text (they may be the
# article's own), but said, since they are usually the site's navigation pasted with the article.
_NAVIGATION_HEADING = re.compile(
    r"(?:related|recent|more|latest|top|trending|popular)\s+(?:links?|stories|articles|news|content|coverage|releases|videos|photos|posts|reading)"
    r"|subscribe(?:\s+to\b.*)?|sign up(?:\s+for\b.*)?|follow us(?:\s+on\b.*)?|share this(?:\s+\w+)?|tags?|comments?|advertisement",
    re.IGNORECASE,
)


def navigation_heading(text: str) -> bool:
    """`Related Links`, `Subscribe to Defense.gov Products`, `Tags:`: a heading of the site's own lists."""
    return len(text) <= 80 and _NAVIGATION_HEADING.fullmatch(text.strip().rstrip(":").strip()) is not None


# A State Department page prints where it was issued on its own lines, between the byline and the date:
# `Washington, DC`, `Brussels, Belgium`, `NATO Headquarters`, `Press Briefing Room`, `Via Teleconference`.
_PLACE_WORD = re.compile(r"[A-Z][\w'’.&-]*|[A-Z]\.(?:[A-Z]\.)+|\d+\w*|of|the|de|del|la|le|al|el|and|on|upon|am|an|im|sur|du")


def looks_like_place(text: str) -> bool:
    """A short line of capitalised words and commas and nothing else, as a place line is printed."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 7 or len(text) > 60 or not words[0][:1].isupper():
        return False
    if text.endswith((".", "!", "?", ":", ";")) and not re.search(r"\b(?:[A-Z]\.){2,}$", text):
        return False
    return all(_PLACE_WORD.fullmatch(word) for word in words)


# `Photo By: Army Sgt. Jane Doe`, `VIRIN: 200102-D-XX123-0001`: the credit and file number under a picture on a .mil page.
_PHOTO_CREDIT = re.compile(r"(?:photo|image|video|graphic)\s*(?:by|credit|courtesy)\b\s*:?.{0,120}|virin:?\s*[\w-]+", re.IGNORECASE)


def photo_credit(text: str) -> bool:
    """A picture's credit or file number line (`Photo By: ...`, `VIRIN: ...`), not the article's text."""
    text = text.strip()
    if len(text) > 150 or _PHOTO_CREDIT.fullmatch(text) is None:
        return False
    return ":" in text[:25] or not text.endswith((".", "!", "?"))  # `Photo by the author shows ...` is a sentence
