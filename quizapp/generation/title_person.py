"""Select (with references.py): the person an article is about, who "she" or "he" is when
no one else is named nearby, and how the article calls a person on second mention (pure)."""

from __future__ import annotations

import functools
import re

from quizapp.generation.analyse import Analysis, SentenceInfo


def short_person_name(text: str, name: str) -> str:
    """How the article calls a person on second mention: the family name it uses alone (the
    first word in "Zhang Qian"), else the last word; the full name when it uses neither."""
    words = name.split()
    for word in (words[-1], words[0]):
        if len(word.rstrip(".")) < 2 or word.endswith("."):
            continue  # an initial ("W. W. Schieffelin Claytor") is nobody's name alone
        alone = re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        if len(alone) > text.count(name):
            return word
    return words[-1] if len(words[0]) > 3 else name


TITLE_PERSON_MENTIONS = 3
_FEMININE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _pronoun_counts(text: str) -> tuple[int, int]:
    """How often the article says she/her and he/his/him (once per article)."""
    return len(_FEMININE.findall(text)), len(_MASCULINE.findall(text))


def title_person(analysis: Analysis, pronoun: str) -> str:
    """The person the article is about (named in its title, mentioned often, and the gender
    of most of its pronouns): what "she" means when no one else is named nearby."""
    title = analysis.article.title
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
    if len(subjects) != 1:
        return ""
    text = analysis.article.text
    feminine, masculine = _pronoun_counts(text)
    wanted = feminine if pronoun in ("she", "her") else masculine
    other = masculine if pronoun in ("she", "her") else feminine
    if wanted < 2 * other:
        return ""  # the article's pronouns do not say whose this one is
    name = names[subjects[0]]
    return short_person_name(text, name) if len(name.split()) > 1 else name


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
    name = title_person(analysis, pronoun.lower_)
    if not name or info.index == 0:
        return None
    previous = analysis.sentences[info.index - 1]
    others = {t.text for t in previous.tokens if t.ent_type_ == "PERSON"}
    others |= {
        t.text for t in previous.tokens if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
    }
    if others - set(name.split()):
        return None  # "… the chemist A. F. Joseph showed her …. In 1928 she …": whose turn?
    return pronoun, name


OTHER_REFERENCES = {"his", "her", "him", "they", "them", "their", "it", "its", "this", "these"}
