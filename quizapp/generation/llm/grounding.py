"""Grounding checks: a model's raw item becomes a QuizItem only when the article backs it (pure).

The quote is looked up in the article (exactly, or after whitespace and quote normalisation) and
the offsets come from that lookup, never from the model; the answer (for arguments, the key
terms too) must be in the quoted sentence; MCQ distractors must not be; a true/false verdict must
agree with the sentence. Every refusal names its reason.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from quizapp.domain.items import CLOZE_BLANK, QuizItem
from quizapp.domain.textnorm import contains_phrase, norm_key
from quizapp.generation.realise import item_key
from quizapp.generation.segment import Article

TYPES = ("cloze", "mcq", "true_false", "short_answer")
KINDS = ("fact", "argument")
MIN_QUOTE_SHARE = 0.5  # a quoted fragment must be at least half of the sentence it sits in
MIN_QUOTE_WORDS = 4
MAX_PROMPT_CHARS, MAX_ANSWER_CHARS = 600, 300
RELATED_SHARE = 0.5  # a false statement keeps at least half the words of its sentence
_BLANKS = re.compile(r"_{2,}|\[blank\]|\{blank\}|\.\.\.\.+", re.IGNORECASE)
_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Why a raw item was refused, in the words the job report uses.
REASONS = {
    "malformed_item": "not a well-formed item",
    "quote_not_in_article": "quoted sentence not in the article",
    "quote_fragment": "quote is only a fragment of a sentence",
    "answer_not_in_source": "answer not stated in the quoted sentence",
    "key_terms_not_in_source": "argument's key terms not in the quoted sentence",
    "answer_not_among_choices": "answer not among the choices",
    "distractor_in_source": "a wrong option is stated in the quoted sentence",
    "distractor_supported": "a wrong option is true according to the article",
    "verdict_not_supported": "true statement not backed by the quoted sentence",
    "verdict_contradicted": "false statement is what the article says",
    "statement_unrelated": "statement is not about the quoted sentence",
}


@dataclass(frozen=True)
class Grounded:
    """A checked item, or the reason it was refused."""

    item: QuizItem | None
    reason: str = ""


def ground(raw: Any, article: Article) -> Grounded:
    """Check one item the model returned against the article."""
    fields = _fields(raw)
    if fields is None:
        return Grounded(None, "malformed_item")
    span = locate(article, fields["source_sentence"])
    if isinstance(span, str):
        return Grounded(None, span)
    start, end = span
    quote = article.text[start:end]
    reason = _support_problem(fields, quote, article.text)
    if reason:
        return Grounded(None, reason)
    return Grounded(_item(fields, article, start, end))


def _fields(raw: Any) -> dict[str, Any] | None:
    """The item's fields, trimmed and typed; None when the shape is wrong."""
    if not isinstance(raw, dict):
        return None
    text = {}
    for name in ("type", "kind", "prompt", "answer", "source_sentence"):
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            return None
        text[name] = " ".join(value.translate(_QUOTE_MARKS).split())
    lists = {}
    for name in ("choices", "key_terms"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        lists[name] = [" ".join(v.translate(_QUOTE_MARKS).split()) for v in value if v.strip()]
    extra = {n: raw.get(n) if isinstance(raw.get(n), str) else "" for n in ("explanation", "topic")}
    if text["type"] not in TYPES or text["kind"] not in KINDS:
        return None
    if len(text["prompt"]) > MAX_PROMPT_CHARS or len(text["answer"]) > MAX_ANSWER_CHARS:
        return None
    if text["type"] == "true_false":
        verdict = text["answer"].strip(" .").capitalize()
        if verdict not in ("True", "False"):
            return None
        text["answer"] = verdict
    if text["type"] == "cloze":
        text["prompt"] = _BLANKS.sub(CLOZE_BLANK, text["prompt"])
    return {**text, **lists, **extra}


@functools.lru_cache(maxsize=4)
def _normalised(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with straight quotes and single spaces, and each character's original offset."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text.translate(_QUOTE_MARKS)):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        out.append(char)
        where.append(index)
    return "".join(out), tuple(where)


def locate(article: Article, quote: str) -> tuple[int, int] | str:
    """The article offsets of the sentence(s) the quote comes from, or why it was not found."""
    wanted = " ".join(quote.translate(_QUOTE_MARKS).split()).strip(" \"'")
    if len(wanted.split()) < MIN_QUOTE_WORDS:
        return "quote_not_in_article" if wanted not in article.text else "quote_fragment"
    start = article.text.find(wanted)
    if start >= 0:
        end = start + len(wanted)
    else:
        flat, where = _normalised(article.text)
        found = flat.find(wanted)
        if found < 0:
            return "quote_not_in_article"
        start, end = where[found], where[found + len(wanted) - 1] + 1
    first, last = _sentence_bounds(article, start, end)
    if (end - start) < MIN_QUOTE_SHARE * (last - first):
        return "quote_fragment"
    return first, last


def _sentence_bounds(article: Article, start: int, end: int) -> tuple[int, int]:
    """The span of the article sentences that [start, end) overlaps (itself when none)."""
    spans = article.sentences
    if not spans:
        return start, end
    starts = [s.start for s in spans]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = first
    while last + 1 < len(spans) and spans[last + 1].start < end:
        last += 1
    lo, hi = min(start, spans[first].start), max(end, spans[last].end)
    if spans[first].end <= start:  # between sentences (a heading): keep the model's span
        lo = start
    return lo, hi


def _support_problem(fields: dict[str, Any], quote: str, text: str) -> str:
    """Why the quoted sentence does not back the item ("" when it does)."""
    kind, answer = fields["type"], fields["answer"]
    if kind == "true_false":
        return _verdict_problem(fields["prompt"], answer, quote, text)
    if not contains_phrase(quote, answer):
        return "answer_not_in_source"
    if fields["kind"] == "argument":
        terms = fields["key_terms"]
        if not terms or not all(contains_phrase(quote, term) for term in terms):
            return "key_terms_not_in_source"
    if kind == "mcq":
        return _distractor_problem(fields["choices"], answer, quote, text)
    return ""


def _distractor_problem(choices: list[str], answer: str, quote: str, text: str) -> str:
    keys = [norm_key(c) for c in choices]
    if keys.count(norm_key(answer)) != 1:
        return "answer_not_among_choices"
    for choice in choices:
        if norm_key(choice) == norm_key(answer):
            continue
        if contains_phrase(quote, choice):
            return "distractor_in_source"
        swapped = re.sub(
            re.escape(answer), choice.replace("\\", "\\\\"), quote, count=1, flags=re.I
        )
        if swapped != quote and contains_phrase(text, swapped):
            return "distractor_supported"
    return ""


def _content_words(text: str) -> set[str]:
    return {w for w in norm_key(text).split() if w not in STOP_WORDS and len(w) > 1}


def _verdict_problem(statement: str, verdict: str, quote: str, text: str) -> str:
    """A true statement's words are all in its sentence; a false one changes a detail of it."""
    said, source = _content_words(statement), _content_words(quote)
    if not said:
        return "statement_unrelated"
    if verdict == "True":
        return "" if said <= source else "verdict_not_supported"
    if contains_phrase(text, statement) or said <= source:
        return "verdict_contradicted"
    if len(said & source) < RELATED_SHARE * len(said):
        return "statement_unrelated"
    return ""


def _item(fields: dict[str, Any], article: Article, start: int, end: int) -> QuizItem:
    kind, answer, prompt = fields["type"], fields["answer"], fields["prompt"]
    quote = article.text[start:end]
    return QuizItem(
        key=item_key(f"llm-{kind.replace('_', '-')}", answer, start, prompt),
        type=kind,
        kind=fields["kind"],
        prompt=prompt,
        answer=answer,
        choices=list(fields["choices"]) if kind == "mcq" else [],
        explanation=(fields["explanation"] or "").strip() or quote,
        source_start=start,
        source_end=end,
        quote=quote,
        topic=((fields["topic"] or "").strip() or article.heading_before(start))[:200],
        engine="llm",
    )
