"""Page furniture that survives main-content extraction: credits, bylines, share blocks."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from quizapp.generation.read.html import Block

_CREDIT = re.compile(
    r"©|\((?:photo|image|credit|illustration)s?\b|\b(?:photo(?:graph)?s?|image|picture|video|"
    r"illustration|animation|graphic|credit)s?\s*(?:by|:|courtesy|credit)|\bgetty images\b|"
    r"\bshutterstock\b|\bAP photo\b|\bcourtesy of\b|\bfile photo\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:share|tweet|email|print|comments?|tags?|related|advertisement|read more|see more|"
    r"more from|recommended|sign up|subscribe|follow us|click here|listen|watch)\b|"
    r"\b(?:newsletter|all rights reserved|sign up for|subscribe to|follow us on|read more:|"
    r"terms of (?:use|service)|privacy policy|cookie)\b",
    re.IGNORECASE,
)
# "By" then names only (capitalised words, "and", commas), maybe a role after a separator.
_BYLINE = re.compile(
    r"^(?i:by|written by|reporting by|words by|von|por|par)\s+"
    r"(?:[A-Z][\w'’.-]*(?:,?\s+(?:and\s+|&\s+)?|$)){1,6}(?:[|•·,–—-].*)?$"
)
_BACK_MATTER = re.compile(
    r"^(?:references?|notes?|sources?|footnotes?|further reading|bibliography|see also|related"
    r"(?: articles| stories| posts| reading)?|more (?:stories|articles|news)|read (?:more|next)|"
    r"you (?:may|might) also like|comments?|about the authors?)\s*:?$",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    r"^[\W\d]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s*\d{4}\b",
    re.IGNORECASE,
)
SHORT_WORDS = 25


def drop_furniture(blocks: list[Block], title: str = "") -> list[Block]:
    """The blocks that are article text: page title, credits, bylines and back matter removed."""
    kept: list[Block] = []
    in_back_matter = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            in_back_matter = bool(_BACK_MATTER.match(block.text))
            if index == 0 and title and fuzz.ratio(block.text.lower(), title.lower()) >= 90:
                continue
        if in_back_matter or _is_furniture(block):
            continue
        kept.append(block)
    while kept and kept[-1].kind == "heading":
        kept.pop()  # headings with no text after them are links to other articles
    return kept


def is_credit(text: str) -> bool:
    """True for a short line that credits a photo, image or illustration."""
    return len(text.split()) <= SHORT_WORDS and bool(_CREDIT.search(text))


def _is_furniture(block: Block) -> bool:
    """A short block that is a credit, caption credit, byline, dateline or share/sign-up line."""
    words = len(block.text.split())
    if words > SHORT_WORDS:
        return False
    text = block.text
    return bool(
        _CREDIT.search(text)
        or _BOILERPLATE.search(text)
        or (_BYLINE.match(text) and words <= 12)
        or (_DATE_ONLY.match(text) and words <= 10)
    )
