"""Page furniture that survives main-content extraction: credits, bylines, share blocks."""

from __future__ import annotations

import re
from dataclasses import replace

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
    r"terms of (?:use|service)|privacy policy|cookie|(?:is |are )?now available (?:on|to)|"
    r"available to (?:stream|buy|rent))\b",
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
    r"you (?:may|might) also like|comments?|about the authors?)\s*(?::|\.\.\.|…)?$",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^About (?:[A-Z][\w&.'’-]*\s?){1,3}$")  # a press release's "About Ascom"
_DATE_ONLY = re.compile(
    r"^[\W\d]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s*\d{4}\b",
    re.IGNORECASE,
)
SHORT_WORDS = 25
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\b(?:can|may) be reached at\b|\bfollow (?:him|her|them|us|@\w+) "
    r"on\b|\breprints\b|\ban error has occurred\b|\bplease try again\b",
    re.IGNORECASE,
)
_LINK_TAG = re.compile(r"\[(?:[A-Z]{3,}|PICS|VIDEO)\]")  # "… jibe [INSIGHT]| …"
_LEAD_IN = re.compile(r"^(?:also on\b|also:|related:|see also\b|get access\b|more:)", re.IGNORECASE)
_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was|writes|covers) "
    r"(?:a |an |the |[\w-]+['’]s )?[\w -]{0,40}(?:reporter|writer|editor|correspondent|"
    r"curator|contributor|columnist|journalist|author|producer|analyst)\b|"
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}['’]s (?:new |latest |first )?book\b"
)
_KICKER = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,3}: [A-Z]")  # "Internal memo: Guards …"
# Sentences of a long paragraph that speak to the reader about the site, never about the story.
_SITE_SENTENCE = re.compile(
    r"\bfollow @?\w+ on (?:twitter|x|facebook|instagram)\b|\bdow jones reprints\b|"
    r"\bsubscriber agreement\b|\bsign up for (?:the|our) [\w ]*newsletter\b|"
    r"\bmay receive (?:a )?commission\b|\bprices are subject to change\b|"
    r"\bthis copy is for your personal\b|\bquantities may be limited\b|"
    r"\bstart your (?:day|morning) with\b|\bbe sure to (?:visit|follow|check out) \w+ on\b|"
    r"^(?:get started|click|learn more|find out more|sign up|download)\b[^.]{0,60}\bhere\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
# A press release's closing "About us" paragraph when it comes without its heading.
_COMPANY_MARKS = re.compile(
    r"\bis (?:a|an|the) (?:[\w-]+ ){0,3}(?:leading|global|world['’]s|premier)\b|"
    r"\bheadquartered in\b|\b(?:vision|mission) (?:of [A-Z]\w+ )?is to\b|"
    r"['’]s (?:vision|mission) is\b|"
    r"\bshares [^.]{0,20}are listed on\b|\bemploys (?:around |about |some |over )?[\d,.]+ "
    r"(?:people|staff|employees)\b|\bfor more information,? (?:please )?visit\b",
    re.IGNORECASE,
)
HEADLINE_WORDS = 14
CONTACT_WORDS = 40


def drop_furniture(blocks: list[Block], title: str = "") -> list[Block]:
    """The blocks that are article text: page title, credits, bylines and back matter removed."""
    kept: list[Block] = []
    in_back_matter = False
    blocks = blocks[_title_position(blocks, title) :]
    for index, block in enumerate(blocks):
        if _ABOUT.match(block.text) or (block.kind != "heading" and _BACK_MATTER.match(block.text)):
            in_back_matter = True  # a heading or a bold line alike
        elif block.kind == "heading":
            in_back_matter = bool(_BACK_MATTER.match(block.text))
            if index == 0 and title and fuzz.ratio(block.text.lower(), title.lower()) >= 90:
                continue
        if in_back_matter:
            continue
        text = _without_site_sentences(block.text)
        if text != block.text:
            block = replace(block, text=text)
        if text and not _is_furniture(block) and not _company_boilerplate(text):
            kept.append(block)
    while kept and kept[-1].kind == "heading":
        kept.pop()  # headings with no text after them are links to other articles
    return kept


def _title_position(blocks: list[Block], title: str) -> int:
    """Where the article starts: at its own title heading when teasers came before it."""
    if not title:
        return 0
    for index, block in enumerate(blocks[: len(blocks) // 2]):
        if block.kind == "heading" and fuzz.ratio(block.text.lower(), title.lower()) >= 90:
            return index
    return 0


def _without_site_sentences(text: str) -> str:
    """The block without its sentences about the site (follow us, reprints, commissions)."""
    if not _SITE_SENTENCE.search(text):
        return text
    sentences = _SENTENCE_END.split(text)
    kept = [s for s in sentences if not _SITE_SENTENCE.search(s)]
    if len(kept) < 2 * (len(sentences) - len(kept)):
        return ""  # mostly about the site: a promotion with a fact or two about itself
    return " ".join(kept).strip()


def _company_boilerplate(text: str) -> bool:
    """A paragraph with two or more marks of a company's standard self-description."""
    return len(_COMPANY_MARKS.findall(text)) >= 2


def headline_like(text: str) -> bool:
    """A title-case line or a "Kicker: headline" without final punctuation: a title (of the
    page's sections or of a linked story), read as a heading and never asked about. Measured:
    dropping such lines outright lost more article text than it removed furniture."""
    words = text.split()
    if not 3 <= len(words) <= HEADLINE_WORDS + 6 or re.search(r"[.!?:;\"”)]$", text):
        return False
    if _KICKER.match(text):
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= HEADLINE_WORDS and capitalised >= 0.75 * len(words)


def is_credit(text: str) -> bool:
    """True for a short line that credits a photo, image or illustration."""
    return len(text.split()) <= SHORT_WORDS and bool(_CREDIT.search(text))


def _is_furniture(block: Block) -> bool:
    """A short block that is a credit, caption credit, byline, dateline or share/sign-up line."""
    text = block.text
    words = len(text.split())
    if _LINK_TAG.search(text) or _LEAD_IN.match(text):
        return True  # link lists and "Also on …" are furniture at any length
    if _CONTACT.search(text) and words <= CONTACT_WORDS:
        return True
    if words > SHORT_WORDS:
        return False
    if _BIO.match(text):
        return True
    return bool(
        _CREDIT.search(text)
        or _BOILERPLATE.search(text)
        or (_BYLINE.match(text) and words <= 12)
        or (_DATE_ONLY.match(text) and words <= 10)
    )
