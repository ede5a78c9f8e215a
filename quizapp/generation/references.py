"""Select, part three: what a bare description ("the company", "the lake") refers to, when
the article says so unambiguously; frame() writes the name in. Pronouns are pronouns.py's."""

from __future__ import annotations

import bisect
import functools
import re

from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.select import zipf
from quizapp.generation.title_person import (
    short_person_name,
)

# a sentence that opens on something said before it ("It is often temporary …", "They include
# machine operators, CNC technicians …"): shown beside another sentence, it reads as about that
# ("That changed in 2020, when …" says what changed, and may stand beside one)
POINTING_OPENING = re.compile(
    r"(?:Both|Neither|Each|Such|They|It|He|She|This|These|Those|Its|Their|His|Her)\b"
)
PERSON_PRONOUNS = {"he": "", "she": "", "his": "'s", "her": "'s"}
THING_PRONOUNS = {"it": "", "they": ""}  # "its" and "their" often point past the subject
QUANTIFIERS = {
    "most", "many", "some", "both", "neither", "another", "others", "each", "all", "few",
    "hundreds", "thousands", "dozens", "millions", "several", "none",
}  # fmt: skip
COUNT_QUANTIFIERS = {"hundreds", "thousands", "dozens", "millions"}


ORG_NOUNS = (
    "company", "firm", "group", "agency", "bank", "organization", "organisation", "team", "club",
    "council", "ministry", "party", "airline", "automaker", "carmaker", "university", "band",
    "startup", "retailer", "manufacturer", "network", "studio", "court", "league",
)  # fmt: skip
PERSON_NOUNS = (
    "president", "minister", "governor", "mayor", "singer", "actor", "actress", "player",
    "coach", "manager", "scientist", "researcher", "chief", "founder", "director",
)  # fmt: skip  # never "author": "The author has never been identified" (of the letter Cecil
# was given) is no one named before
CLASS_NOUNS = {
    **{noun: ("ORG",) for noun in ORG_NOUNS},
    **{noun: ("PERSON",) for noun in PERSON_NOUNS},
    "city": ("GPE:place",),
    "town": ("GPE:place",),
    "country": ("GPE:country",),
    "nation": ("GPE:country",),
    "law": ("LAW",),
    "act": ("LAW",),
    "bill": ("LAW",),
    "treaty": ("LAW",),
}
_CLASS_PATTERN = "|".join(CLASS_NOUNS)
DESCRIPTION = re.compile(rf"(The (?:[A-Za-z-]+ )?)({_CLASS_PATTERN})\b(?!['’])", re.IGNORECASE)


def previous_in_paragraph(analysis: Analysis, info: SentenceInfo) -> SentenceInfo | None:
    """The sentence before this one when both are in the same paragraph."""
    if info.index == 0:
        return None
    article = analysis.article
    previous = analysis.sentences[info.index - 1]
    same = article.paragraph_index(previous.start) == article.paragraph_index(info.start)
    return previous if same else None


def main_subject(sentence: SentenceInfo):
    """The subject token of the sentence's main verb (the nearest before it when the parser
    gave it two: "Pale, thickly furred and rarely seen, it is often called …" is "it"), or
    None."""
    subjects = [
        t for t in sentence.tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
    ]
    before = [t for t in subjects if t.i < t.head.i]
    return before[-1] if len(before) > 1 else next(iter(subjects), None)


LOOK_BACK = 2  # sentences a description may point back over
NAMED_ELSE = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"}  # names that may be meant
_LAW_NAME = re.compile(r"\b(?:Act|Treaty|Law|Bill|Accords?|Convention|Protocol)$")


def _only_named_before(analysis: Analysis, info: SentenceInfo, kinds: tuple[str, ...]):
    """The one entity of these kinds named in the nearest of the two sentences before (across a
    paragraph break too), or None when there is none or more than one ("The law" after "the
    Pacific Railway Act")."""
    found = {}
    for back in range(1, LOOK_BACK + 1):
        if info.index < back:
            break
        sentence = analysis.sentences[info.index - back]
        for entity in sentence.entities:
            named_law = "LAW" in kinds and _LAW_NAME.search(entity.text)
            before = analysis.article.text[max(0, entity.start - 40) : entity.start]
            if "ORG" in kinds and _PLACE_OF_PEOPLE.search(before):
                continue  # "Residents of Lower Quay …. The company plans …": a place
            if describes_a_noun(sentence, entity):
                continue  # "CNC technicians …. The company says …": a kind of technician, not
                # the company (round 97, a wrong key)
            if entity.label in kinds or entity.form in kinds or named_law:
                found.setdefault(entity.key, entity)
        if found:
            break
        if any(e.label in NAMED_ELSE for e in sentence.entities):
            return None  # "For Thrapley, the win completes a notable winter. The club …": not
            # the organisers named before that
    return next(iter(found.values())) if len(found) == 1 else None


def describes_a_noun(sentence: SentenceInfo, entity, deps: tuple[str, ...] = ("compound",)) -> bool:
    """Whether a name stands before a noun it describes ("CNC technicians", "the Hatherley Road
    junction"; with "amod", "The Marlingford company")."""
    inside = [t for t in sentence.tokens if entity.start <= sentence.offset + t.idx < entity.end]
    return bool(inside) and inside[-1].dep_ in deps and inside[-1].head.pos_ == "NOUN"


def name_before_its_noun(analysis: Analysis, entity, deps: tuple[str, ...] = ("compound",)) -> bool:
    """describes_a_noun for an entity anywhere in the article (its sentence found by offset)."""
    at = bisect.bisect_right([s.start for s in analysis.sentences], entity.start) - 1
    info = analysis.sentences[at] if at >= 0 else None
    if info is None or not info.start <= entity.start < info.end:
        return False
    return describes_a_noun(info, entity, deps)


_PLACE_OF_PEOPLE = re.compile(
    r"\b(?:[Rr]esidents|people|villagers|families|households|homes|streets|parts|outskirts)\s+"
    r"(?:of|in)\s+$"
)
# "the Liverpool and Manchester Railway" when the tagger found only "Manchester Railway"
_NAME_BEFORE_AND = re.compile(r"(?:(?!The\b)[A-Z][\w'’-]*[^\S\n]+)+(?:and|&)[^\S\n]+$")


def whole_name(text: str, start: int, end: int) -> tuple[int, str]:
    """The start and words of a name, taken back over a first half the tagger left out
    ("Sedgemere" of "Sedgemere Water Sailing Club", "Rushworth &" of "Rushworth & Vail")."""
    before = re.search(r"([A-Z][\w'’-]+) $", text[max(0, start - 40) : start])
    if before is not None:
        opening = text[: start - len(before.group())].rstrip()
        mid_sentence = bool(opening) and opening[-1] not in '.!?:;"“'
        rare = zipf(before.group(1).lower()) < RARE_WORD_ZIPF  # "Sedgemere", never "Yesterday"
        if (mid_sentence or rare) and before.group(1) not in NOT_A_NAME_START:
            start -= len(before.group())  # round 128: "Water Sailing Club had six … boats"
            return start, text[start:end]
    if not text[max(0, start - 5) : start].rstrip().endswith(("and", "&")):
        return start, text[start:end]  # the common case, without a pattern
    cut = _NAME_BEFORE_AND.search(text[max(0, start - 60) : start])
    if cut:
        start -= len(cut.group())
    return start, text[start:end]


RARE_WORD_ZIPF = 3.0
NOT_A_NAME_START = {"The", "A", "An", "In", "At", "On", "Of", "By", "For", "From", "To", "And"}


# the words before a name that make it a place: broadly ("shipped to Haltonbridge", "the other
# side of Haltonbridge"), and only where a town goes ("born … near Nelson"; "a letter from
# Rutherford" may still be the man)
PLACE_BEFORE = r"(?:in|at|near|from|to|of|across|around|outside|(?:side|edge|centre|town) of)"
TOWN_BEFORE = r"(?:in|near|outside|around)"


@functools.lru_cache(maxsize=1024)
def used_as_a_place(text: str, name: str, before: str = PLACE_BEFORE) -> bool:
    """Whether the article uses the name alone as a place after one of the `before` words,
    not only inside a longer name ("at Haltonbridge College", "in Nelson's view")."""
    return bool(re.search(rf"\b{before}\s+{re.escape(name)}\b(?![\w'’-]|\s+[A-Z&])", text))


def named_in_previous(analysis: Analysis, info: SentenceInfo, kinds: tuple[str, ...]) -> str:
    """The name of the previous sentence's subject, when it is of one of these kinds."""
    previous = previous_in_paragraph(analysis, info)
    subject = main_subject(previous) if previous else None
    entity = None
    if subject is not None:
        start = previous.offset + subject.left_edge.idx
        end = previous.offset + subject.idx + len(subject.text)
        entity = next((e for e in previous.entities if (e.start, e.end) == (start, end)), None)
    if entity is None or not (entity.label in kinds or entity.form in kinds):
        entity = _only_named_before(analysis, info, kinds)
    if entity is None:
        return ""  # only a description that continues the one named thing of its kind
    if _PLACE_LIST_BEFORE.search(analysis.article.text[max(0, entity.start - 80) : entity.start]):
        return ""  # "households in Harnley, Pellow Bridge and Stainmoor": a town, no company
    if "PERSON" in kinds and len(entity.text.split()) > 1:
        return short_person_name(analysis.article.text, entity.text)
    start, name = whole_name(analysis.article.text, entity.start, entity.end)
    if analysis.article.text[max(0, start - 4) : start].lower() == "the ":
        return "The " + name  # "the Pacific Railway Act" keeps its article
    return name


_PLACE_LIST_BEFORE = re.compile(
    r"\b(?:in|at|near|from|across)\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)*"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+and\s+)?$"
)


# the last word of a name that says what kind of body it is ("Europa League", "Leeds City Council")
KIND_WORDS = {
    "league", "cup", "association", "federation", "council", "ministry", "university", "bank",
    "party", "agency", "court", "union", "committee", "commission", "department", "institute",
    "school", "college", "company", "corporation", "group", "city", "club", "team", "band",
    "championship", "championships", "tournament", "trophy", "games", "olympics",
}  # fmt: skip


# bodies whose names carry their kind ("Millbridge City Council"): "the council" is never a
# campaign group named just before it
SELF_NAMING = {
    "council",
    "ministry",
    "court",
    "university",
    "league",
    "party",
    "bank",
    "agency",
    "team",
}  # fmt: skip  ("the team" in a science story is its researchers, not a camera named before)


def named_as_other_kind(name: str, noun: str, analysis: Analysis | None = None) -> bool:
    """A name whose own last word names another kind of thing than the description, or that
    lacks the kind word such names carry, or one of several such names in the article ("the
    council" after a county council and a parish council were both named)."""
    last = name.split()[-1].lower().strip(".,")
    if noun in SELF_NAMING and noun not in name.lower():
        return True
    if noun in SELF_NAMING and analysis is not None:
        kinds = {e.key for e in analysis.entities if re.search(rf"\b{noun}\b", e.text.lower())}
        if len(kinds) > 1:
            return True
    return last in KIND_WORDS and last not in (noun, noun + "s")
