"""Select (with pronouns.py): the person an article is about, who "she" or "he" is when
no one else is named nearby, and how the article calls a person on second mention (pure)."""

from __future__ import annotations

import functools
import re

from quizapp.generation.accepted_people import without_titles
from quizapp.generation.analyse import Analysis, SentenceInfo


def short_person_name(text: str, name: str) -> str:
    """How the article calls a person on second mention: the family name it uses alone (the
    first word in "Zhang Qian"), else the last word; the full name when it uses neither."""
    name = without_titles(name)  # "Cllr Dev Pattani" → "Pattani", never "Cllr"
    words = name.split()
    for word in (words[-1], words[0]):
        if len(word.rstrip(".")) < 2 or word.endswith("."):
            continue  # an initial ("W. W. Schieffelin Claytor") is nobody's name alone
        alone = re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        if len(alone) > text.count(name):
            return word
    return words[-1] if len(words[0]) > 3 else name


TITLE_PERSON_MENTIONS = 3
TITLE_PERSON_SHARE = 0.3  # of the article's mentions of people, the title's person has this many
# the words for who someone is that may hold a name the tagger did not type as a person's
NAMING_DEPS = ("nsubj", "nsubjpass", "appos", "attr")
NAMING_TYPES = ("", "PERSON", "NORP", "MISC")
_FEMININE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _pronoun_counts(text: str) -> tuple[int, int]:
    """How often the article says she/her and he/his/him (once per article)."""
    return len(_FEMININE.findall(text)), len(_MASCULINE.findall(text))


def title_person(analysis: Analysis, pronoun: str, before: int | None = None) -> str:
    """The person the article is about (named in its title, mentioned often, and the gender
    of most of its pronouns): what "she" means when no one else is named nearby; with `before`,
    as the article last called that person before that offset ("Elizabeth Garrett" in 1865,
    years before the marriage that made her "Garrett Anderson")."""
    full = _title_person_full_name(analysis, pronoun)
    if not full:
        return ""
    text = analysis.article.text
    short = short_person_name(text, full) if len(full.split()) > 1 else full
    if before is None:
        return short
    words = set(full.split())
    mentions = [
        e for e in analysis.entities
        if e.label == "PERSON" and e.end <= before and set(e.text.split()) <= words
        and _word_before(text, e.start) not in words
    ]  # fmt: skip  # never the sister "Millicent Garrett Fawcett", nor the "Kingdom Brunel"
    # the tagger cut from "Isambard Kingdom Brunel"
    if not mentions:
        return short
    named = [e for e in mentions if len(e.text.split()) > 1] or mentions
    last = max(named, key=lambda e: e.start).text  # "Elizabeth Garrett" more than "Elizabeth"
    return short if last == full else last


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([\w'’-]+)\s+$", text[max(0, start - 40) : start])
    return found.group(1) if found else ""


def title_person_words(analysis: Analysis, pronoun: str) -> set[str]:
    """The words of the full name of the person the article is about ("Mary", "Henrietta",
    "Kingsley"), or none."""
    return set(_title_person_full_name(analysis, pronoun).split())


def _title_person_full_name(analysis: Analysis, pronoun: str) -> str:
    """The full name of the person the article is about, "" when there is no one such or the
    article's pronouns do not say this one is theirs."""
    feminine, masculine = _pronoun_counts(analysis.article.text)
    wanted = feminine if pronoun in ("she", "her") else masculine
    other = masculine if pronoun in ("she", "her") else feminine
    if wanted < 2 * other:
        return ""
    return analysis.once("title_person", _named_often)


def _named_often(analysis: Analysis) -> str:
    """The title's person when the article names them often enough to be its subject."""
    title = analysis.article.title
    text = analysis.article.text
    full = _named_in_title(analysis, title) or _by_surname(analysis, title)
    if not full:
        return ""
    own = len(re.findall(rf"\b{re.escape(full.split()[-1])}\b", text))
    others = sum(
        1
        for e in analysis.entities
        if e.label == "PERSON" and not set(e.text.split()) & set(full.split())
    )
    if own < TITLE_PERSON_SHARE * (own + others):
        return ""  # a match report's headline scorer is not every "she" of the report
    return full


def _named_in_title(analysis: Analysis, title: str) -> str:
    """The title's full name of a person the article calls by parts of it ("Elizabeth
    Garrett", "Garrett Anderson" for Elizabeth Garrett Anderson; never her husband James
    George Skelton Anderson), when it does so often; "" otherwise."""
    title_words = set(re.findall(r"[\w'’-]+", title))
    mentions = [
        e.text for e in analysis.entities
        if e.label == "PERSON" and set(e.text.split()) <= title_words
    ]  # fmt: skip
    if len(mentions) < TITLE_PERSON_MENTIONS:
        return ""
    longest = max(mentions, key=lambda m: len(m.split()))
    if len(longest.split()) < 2:
        return ""  # a surname alone: _by_surname finds the full name
    for run in re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", title):
        if set(longest.split()) <= set(run.split()):
            return run
    return ""


def _by_surname(analysis: Analysis, title: str) -> str:
    """The longest name of the one surname in the title the article mentions often."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for entity in analysis.entities:
        if entity.label == "PERSON":  # "Katherine Johnson" and "Johnson" are one person
            surname = entity.text.split()[-1]
            counts[surname] = counts.get(surname, 0) + 1
            if len(entity.text.split()) > len(names.get(surname, "").split()):
                names[surname] = entity.text
    subjects = [
        key
        for key, name in names.items()
        if counts[key] >= TITLE_PERSON_MENTIONS and name.split()[-1] in title
    ]
    return names[subjects[0]] if len(subjects) == 1 else ""


def title_subject(analysis: Analysis, info: SentenceInfo, tokens: list, base: int, start: int):
    """The "she" or "he" subject after an opening phrase in an article about one person ("In
    1928 she went up to Somerville"), with that person's name, when no one else is named before
    it in the sentence or in the sentence before; None otherwise."""
    pronoun = None
    for token in tokens:
        if token.idx + base <= start:
            continue
        if token.ent_type_ == "PERSON" or token.lower_ in OTHER_REFERENCES:
            return None  # someone named first, or a pronoun whose antecedent is unclear
        if token.lower_ in ("he", "she"):
            pronoun = token
            break
    if pronoun is None or pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.dep_ != "ROOT":
        return None
    name = title_person(analysis, pronoun.lower_, info.start)
    if not name or info.index == 0:
        return None
    previous = analysis.sentences[info.index - 1]
    others = {t.text for t in previous.tokens if t.ent_type_ == "PERSON"}
    others |= {
        t.text
        for t in previous.tokens
        if t.pos_ == "PROPN" and t.dep_ in NAMING_DEPS and t.ent_type_ in NAMING_TYPES
    }  # "It was Holmcastle's captain, scrum-half Ffion Marsh, who …. On 63 minutes she …"
    if others - set(name.split()) or someone_else_named_last(analysis, info, name):
        return None  # "… the chemist A. F. Joseph showed her …. In 1928 she …": whose turn?
    return pronoun, name


def someone_else_named_last(analysis: Analysis, info: SentenceInfo, name: str) -> bool:
    """Whether the last person the paragraph names before this sentence is someone other than
    `name` ("Justinian … resolved to rebuild. Work began …. He gave the design …": Justinian,
    not the "Hagia Sophia" the tagger took for the title's person)."""
    article = analysis.article
    paragraph = article.paragraphs[article.paragraph_index(info.start)]
    named = []
    at = info.index - 1
    while at >= 0 and analysis.sentences[at].start >= paragraph.start:
        sentence = analysis.sentences[at]
        named += [(e.start, e.text) for e in sentence.entities if e.label == "PERSON"]
        named += [
            (sentence.offset + t.idx, t.text)
            for t in sentence.tokens
            if t.pos_ == "PROPN" and t.dep_ in NAMING_DEPS and t.ent_type_ in NAMING_TYPES
        ]  # the tagger's document-wide typing may call a person a nationality ("Justinian")
        at -= 1
    if not named:
        return False
    return not set(max(named)[1].split()) & set(name.split())


OTHER_REFERENCES = {"his", "her", "him", "they", "them", "their", "it", "its", "this", "these"}
