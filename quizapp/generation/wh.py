"""Realise, part one: wh-questions from the dependency parse (pure).

Subject questions by substitution ("Who nationalized the canal in 1956?"), object and adjunct
questions by fronting with do-support or auxiliary inversion ("What did Nasser nationalize in
1956?", "In what year was the canal opened?"). The wh-phrase follows the answer's semantic type.
A candidate whose answer is not a whole constituent of the main clause gets no wh-question.
"""

from __future__ import annotations

import re
from typing import Any

from quizapp.generation.analyse import SentenceInfo
from quizapp.generation.context import Frame
from quizapp.generation.distractors import org_kind
from quizapp.generation.wording import drop_leftover_adverbs

SUBJECT_WH = {
    "PERSON:1": "who",
    "PERSON:n": "who",
    "GPE:country": "which country",
    "ORG": "which organization",
    "EVENT": "which event",
    "LAW": "which law",
    "WORK_OF_ART": "which work",
}
OBJECT_WH = {
    **SUBJECT_WH,
    "PRODUCT": "what",
    "TERM:single": "what",
    "FAC": "what",
    "GPE:place": "which city",
}
ADJUNCT_WH = {
    "DATE:year": "what year",
    "DATE:monthday": "what date",
    "DATE:month": "which month",
    "DATE:decade": "which decade",
    "GPE:country": "which country",
    "GPE:place": "which city",
    "PERSON:1": "whom",
    "PERSON:n": "whom",
    "ORG": "which organization",
}
LAW_WORDS = re.compile(
    r"\b(?:Act|Law|Bill|Treaty|Convention|Directive|Code|Amendment|Charter|Regulations?|"
    r"Constitution|Accords?|Agreement|Protocol|Statute|Ordinance)\b"
)
NATURAL_FEATURES = re.compile(
    r"\b(?:Lake|River|Mount|Mountains?|Bay|Sea|Ocean|Island|Islands|Gulf|Valley|Desert|Forest|"
    r"Peninsula|Strait|Cape|Loch)\b"
)
WHERE_PREPOSITIONS = {"in", "at"}
ORG_PREPOSITIONS = {"by", "for", "from", "to", "with", "against", "into", "under", "at"}
COMPANY_PREPOSITIONS = {"with", "without", "against", "alongside", "beside"}
PLACE_FORMS = {"GPE:country", "GPE:place", "LOC", "FAC"}
MAX_WORDS = 25
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}


def wh_question(
    info: SentenceInfo, quote: str, frame: Frame, answer_start: int, answer_end: int, form: str
) -> str:
    """A wh-question asking for quote[answer_start:answer_end], or "" when none reads well."""
    if frame.inner[2]:
        return ""  # the parse is of "she", not of the name written in
    if form == "ORG" and not org_kind(quote[answer_start:answer_end]):
        return ""  # "Which organization" for what the parser only guessed is one
    if form == "LAW" and not LAW_WORDS.search(quote[answer_start:answer_end]):
        return ""  # "Which law sells for £179?" (a thermostat the parser took for a law)
    if form == "GPE:place" and NATURAL_FEATURES.search(quote[answer_start:answer_end]):
        return ""  # "Which city …?" for Lake Maracaibo
    tokens = [t for t in info.tokens if not t.is_space]
    if not tokens:
        return ""
    base = info.offset - info.start  # token.idx + base = offset in the quote
    inside = [t for t in tokens if answer_start <= t.idx + base < answer_end]
    heads = [t for t in inside if t.head not in inside or t.head == t]
    if len(heads) != 1:
        return ""
    head = heads[0]
    if not _whole_constituent(head, base, quote, answer_start, answer_end):
        return ""
    root = head.head if head.dep_ != "pobj" else head.head.head
    if root.dep_ != "ROOT" or root.pos_ not in ("VERB", "AUX") or _has_second_clause(root):
        return ""  # a question on one of two clauses drags the other along
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return ""  # "Surgery to partially release the fascia is reserved …" parsed as "release"
    if head.dep_ in ("nsubj", "nsubjpass") and head.head == root:
        return _subject_question(tokens, base, quote, frame, head, root, form)
    if head.dep_ == "dobj" and head.head == root:
        wh = OBJECT_WH.get(form)
        return _fronted(tokens, base, quote, frame, root, head, wh, None) if wh else ""
    if head.dep_ == "pobj" and head.head.dep_ in ("prep", "dative") and head.head.head == root:
        prep = head.head
        if prep.lower_ in WHERE_PREPOSITIONS and form in PLACE_FORMS:
            return _fronted(tokens, base, quote, frame, root, prep, "where", None)
        wh = ADJUNCT_WH.get(form)
        if wh is None or (prep.lower_ in COMPANY_PREPOSITIONS and form in PLACE_FORMS):
            return ""  # "With which city did overtime begin …?" (Kelsby, a team)
        if form == "ORG" and prep.lower_ not in ORG_PREPOSITIONS:
            return ""  # "On which organization is the album released?" (a record label)
        return _fronted(tokens, base, quote, frame, root, prep, wh, prep.lower_)
    return ""


def _whole_constituent(head: Any, base: int, quote: str, start: int, end: int) -> bool:
    """True when the answer is the head's whole phrase (a leading "the" may stay outside)."""
    left, right = _span(head, base)
    if quote[left:start].strip().lower() not in ("", "the"):
        return False
    return right == end


def _span(token: Any, base: int) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx + base, right.idx + len(right.text) + base


def _clause_tokens(tokens: list[Any], base: int, frame: Frame, root: Any) -> list[Any] | None:
    """The main clause's tokens inside the frame, or None when something precedes its subject."""
    start = frame.cut
    stop = frame.end
    chosen = [t for t in tokens if start <= t.idx + base < stop]
    while chosen and chosen[-1].is_punct:
        chosen.pop()
    return chosen or None


def _words(parts: list[str]) -> str:
    joined = " ".join(" ".join(parts).split())
    return re.sub(r"\s+([,.;:?!])", r"\1", drop_leftover_adverbs(joined))


def _text(tokens: list[Any]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _subject_text(subject: Any, base: int, quote: str, frame: Frame) -> str | None:
    start, end = _span(subject, base)
    if start < frame.cut:
        return None
    if frame.replaced and start == frame.cut:
        return frame.replacement + quote[start + frame.replaced : end]
    if frame.replaced:
        return None
    return quote[start:end]


def _subject_question(
    tokens: list[Any], base: int, quote: str, frame: Frame, subject: Any, root: Any, form: str
) -> str:
    wh = SUBJECT_WH.get(form)
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if wh is None or plural:
        return ""
    start, end = _span(subject, base)
    if _has_second_clause(root) or start != frame.cut:
        return ""  # something (a clause, a phrase) precedes the subject: leave it to the cloze
    clause = _clause_tokens(tokens, base, frame, root)
    if clause is None:
        return ""
    rest = [t for t in clause if t.idx + base >= end]
    question = _words([wh[:1].upper() + wh[1:], _text(rest)]) + "?"
    return question if 4 <= len(question.split()) <= MAX_WORDS else ""


def _fronted(
    tokens: list[Any],
    base: int,
    quote: str,
    frame: Frame,
    root: Any,
    moved: Any,
    wh: str,
    preposition: str | None,
) -> str:
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].i > root.i:
        return ""
    subject = subjects[0]
    subject_text = _subject_text(subject, base, quote, frame)
    if subject_text is None or _span(subject, base)[0] != frame.cut:
        return ""
    if "(" in subject_text:
        return ""  # "Where do Two related species, the horned puffin (Fratercula …) … live?"
    article = subject.left_edge
    if article.lower_ in ("the", "a", "an") and not article.ent_type_ and not frame.replaced:
        subject_text = subject_text[:1].lower() + subject_text[1:]  # no longer sentence-initial
    clause = _clause_tokens(tokens, base, frame, root)
    negated = any(c.dep_ == "neg" for c in root.children)
    shared = any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in root.children)
    if clause is None or negated or shared:
        return ""  # "Who did teachers n't see", "had … been shelved but was re-opened"
    coordinated = any(c.dep_ in ("conj", "cc") for c in moved.children)
    later_clause = any(c.dep_ in ("advcl", "xcomp") and c.i > moved.i for c in root.children)
    if coordinated or later_clause:
        return ""  # "won in 1957 and from 1961 to 1964, becoming the first five-time winner"
    moved_start, moved_end = _span(moved, base)
    subject_end = _span(subject, base)[1]
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    rest = [
        t
        for t in clause
        if t.idx + base >= subject_end
        and not (moved_start <= t.idx + base < moved_end)
        and (not auxiliaries or t != auxiliaries[0])
    ]
    if rest and rest[-1].text in (",", ";", ":"):
        rest = rest[:-1]
    if auxiliaries:
        verb_part = [auxiliaries[0].lower_, subject_text, _text(rest)]
    elif root.lemma_ == "be":
        rest = [t for t in rest if t != root]
        verb_part = [root.lower_, subject_text, _text(rest)]
    elif root.tag_ in DO_SUPPORT:
        tail = _text([t for t in rest if t != root])
        verb_part = [DO_SUPPORT[root.tag_], subject_text, root.lemma_, tail]
    else:
        return ""
    lead = f"{preposition} {wh}" if preposition else wh
    question = re.sub(r"[\s,;:]+$", "", _words([lead[:1].upper() + lead[1:], *verb_part])) + "?"
    long_name = re.match(r"The (?:[A-Z][\w'’-]*\s+){1,}[A-Z]", subject_text)
    if not frame.replaced and subject_text[:1].isupper() and not _keeps_capital(subject):
        question = question.replace(subject_text, subject_text[:1].lower() + subject_text[1:], 1)
    elif frame.replaced and subject_text.startswith("The ") or long_name:
        # "With whom has the Fennick Green Community Pub Society agreed …": a written-in name
        # keeps its capitals, its "The" does not; nor does a name of two words or more ("In what
        # year was the South Sea Company founded?", but "The Hague")
        question = question.replace(subject_text, "the " + subject_text[4:], 1)
    return question if 4 <= len(question.split()) <= MAX_WORDS else ""


def _has_second_clause(root: Any) -> bool:
    """ "Serbia takes on Japan and Britain plays …": a coordinated clause with its own subject;
    or one whose verb is left out ("four will shut on 3 March and the other five on 31 March")."""
    return any(
        child.dep_ == "conj"
        and (
            (
                child.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            )
            or (
                child.pos_ in ("NOUN", "PROPN", "NUM")
                and any(c.dep_ == "prep" for c in child.children)
            )
        )
        for child in root.children
    )


def _keeps_capital(subject: Any) -> bool:
    """A subject opening with a name keeps its capital when it moves inside the question."""
    first = subject.left_edge
    if first.like_num and first.text[:1].isalpha():
        return False  # "Two related species" is "two related species" inside a question
    return first.pos_ == "PROPN" or first.text == "I" or first.ent_type_ != ""
