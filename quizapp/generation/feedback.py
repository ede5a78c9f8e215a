"""Realise, part three: explanations that teach (pure): the fact in full, then the sentence
around it that says more about the same thing."""

from __future__ import annotations

import re

from quizapp.generation.analyse import SentenceInfo
from quizapp.generation.references import POINTING_OPENING
from quizapp.generation.segment import Article
from quizapp.generation.select import zipf

MAX_CONTEXT_WORDS = 40
CONTENT_ZIPF = 5.5  # words more frequent than this carry no topic ("the", "said", "year")


def explain(article: Article, info: SentenceInfo, statement: str) -> str:
    """The fact in full, then the sentence around it that says more about the same thing."""
    context = _context_sentence(article, info, statement)
    return f"{statement} {context}".strip()


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower()) if zipf(w) < CONTENT_ZIPF}


def _context_sentence(article: Article, info: SentenceInfo, statement: str) -> str:
    """The next (else previous) sentence of the paragraph that shares a content word."""
    paragraph = article.paragraph_index(info.start)
    words = _content_words(statement)
    for index in (info.index + 1, info.index - 1):
        if not 0 <= index < len(article.sentences):
            continue
        span = article.sentences[index]
        if article.paragraph_index(span.start) != paragraph:
            continue
        sentence = article.text[span.start : span.end].strip()
        if len(sentence.split()) > MAX_CONTEXT_WORDS or re.match(r"[\"“]", sentence):
            continue
        if POINTING_OPENING.match(sentence):
            continue  # "It is often temporary …" after a fact on another thing reads as about
            # that thing (round 119: the congenital form was taught to be temporary)
        if words & _content_words(sentence):
            return sentence
    return ""
