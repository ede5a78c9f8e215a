"""Pure helpers for authoring: slugs, paragraph bounds, source spans and duplicate detection."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from quizapp.domain.items import QuizItem

DUPLICATE_PROMPT_RATIO = 90.0
# Normalised articles keep one paragraph per line (blank lines between them or not).
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n\s*")
ONE_MICROSECOND = timedelta(microseconds=1)


class SpanError(ValueError):
    """A source span that does not fit the article text."""


@dataclass(frozen=True)
class ItemFingerprint:
    """What makes two items the same question: key, prompt, answer and quoted sentence."""

    key: str
    prompt: str
    answer: str
    quote: str


def slugify(text: str, *, max_length: int = 80) -> str:
    """A lowercase ASCII slug of the text ("deck" when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "deck"


def later_than(previous: datetime | None, now: datetime) -> datetime:
    """`now`, or one microsecond after `previous` when the clock has not moved past it."""
    if previous is None or now > previous:
        return now
    return previous + ONE_MICROSECOND


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the paragraph (line) that contains `offset`."""
    offset = max(0, min(offset, len(text)))
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return start, match.start()
    return start, len(text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Every paragraph (line) of the text as (start, end) offsets, blank ones left out."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def check_span(text: str, start: int | None, end: int | None) -> str:
    """The quote text[start:end]; SpanError when the offsets do not select text in the article."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        raise SpanError("Give both the start and the end offset, or neither.")
    if start < 0 or end > len(text):
        raise SpanError(f"Offsets must lie between 0 and {len(text)} (the article's length).")
    if end <= start:
        raise SpanError("The end offset must be greater than the start offset.")
    quote = text[start:end]
    if not quote.strip():
        raise SpanError("The selected span contains no text.")
    return quote


def locate_quote(text: str, quote: str, hint: int | None = None) -> tuple[int, int] | None:
    """Offsets of `quote` in the text, the occurrence nearest `hint` first; None if absent."""
    if not quote:
        return None
    found = []
    index = text.find(quote)
    while index != -1:
        found.append(index)
        index = text.find(quote, index + 1)
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - (hint or 0)))
    return best, best + len(quote)


def _norm(value: str) -> str:
    return " ".join(value.casefold().split())


def fingerprint(item: QuizItem) -> ItemFingerprint:
    """The fields duplicate detection compares."""
    return ItemFingerprint(item.key, _norm(item.prompt), _norm(item.answer), _norm(item.quote))


def is_duplicate(candidate: ItemFingerprint, existing: Iterable[ItemFingerprint]) -> bool:
    """Same key, a near-identical prompt (rapidfuzz ratio ≥ 90) or the same answer and quote."""
    for other in existing:
        if candidate.key == other.key:
            return True
        if fuzz.ratio(candidate.prompt, other.prompt) >= DUPLICATE_PROMPT_RATIO:
            return True
        same_answer = candidate.answer and candidate.answer == other.answer
        if same_answer and candidate.quote and candidate.quote == other.quote:
            return True
    return False
