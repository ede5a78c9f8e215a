"""Chunks of the article, the chat messages and JSON schema asking for items, and the token plan
an instructor sees before an import runs (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from quizapp.generation.llm.settings import LlmSettings
from quizapp.generation.segment import Article

CHUNK_WORDS = 900  # one request covers about this many words of the article
WORDS_PER_ITEM = 20  # as the rule engine: about one item per 20 words
MAX_ITEMS_PER_CHUNK = 40
CHARS_PER_TOKEN = 4  # a rough, deliberately high estimate for English text

SYSTEM_PROMPT = """You write quiz questions for trainees about one article.
Rules:
- Ask about the article's facts AND about its arguments (what the author claims, recommends,
  or gives as a reason).
- Every item quotes, in "source_sentence", ONE sentence copied character for character from the
  article excerpt. Never paraphrase, shorten or merge sentences.
- The answer must be stated in that sentence, in the sentence's own words.
- "cloze": the prompt is the source sentence with the answer replaced by ____ (four underscores).
- "mcq": "choices" holds the answer plus 3 wrong options of the same kind (a year for a year,
  a country for a country); the wrong options must be false according to the article.
- "true_false": the prompt is a statement; the answer is "True" when the sentence states it and
  "False" when it changes one detail of the sentence.
- "short_answer": a question answered by a few words from the sentence.
- "key_terms": the words of the sentence that carry the answer.
- "kind" is "argument" for the author's claims, recommendations and reasons, else "fact".
- The prompt must not contain the answer. Write plain English; no numbering."""

ITEM_TYPES = ["cloze", "mcq", "true_false", "short_answer"]
ITEM_FIELDS = {
    "type": {"type": "string", "enum": ITEM_TYPES},
    "kind": {"type": "string", "enum": ["fact", "argument"]},
    "prompt": {"type": "string"},
    "answer": {"type": "string"},
    "choices": {"type": "array", "items": {"type": "string"}},
    "key_terms": {"type": "array", "items": {"type": "string"}},
    "source_sentence": {"type": "string"},
    "explanation": {"type": "string"},
    "topic": {"type": "string"},
}
RESPONSE_SCHEMA = {
    "type": "object",
    "properties": {
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": ITEM_FIELDS,
                "required": list(ITEM_FIELDS),
                "additionalProperties": False,
            },
        }
    },
    "required": ["items"],
    "additionalProperties": False,
}
RESPONSE_FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "quiz_items", "strict": True, "schema": RESPONSE_SCHEMA},
}


@dataclass(frozen=True)
class Chunk:
    """A run of whole paragraphs of the article, asked about in one request."""

    start: int
    end: int
    words: int

    def wanted(self) -> int:
        """How many items to ask for: about one per 20 words, between 2 and 40."""
        return max(2, min(MAX_ITEMS_PER_CHUNK, round(self.words / WORDS_PER_ITEM)))


@dataclass(frozen=True)
class Plan:
    """What an import with the LLM engine will ask for and may spend."""

    chunks: list[Chunk]
    output_tokens: int  # the answer allowance of each request
    cap: int
    usd_per_million_tokens: float = 0.0

    @property
    def estimated_tokens(self) -> int:
        """Every request's prompt plus its full answer allowance."""
        return sum(chunk_tokens(c, self.output_tokens) for c in self.chunks)

    @property
    def within_cap(self) -> bool:
        """Whether every chunk fits under the per-import cap."""
        return self.estimated_tokens <= self.cap

    @property
    def affordable_chunks(self) -> int:
        """How many chunks, from the start, fit under the cap."""
        total = 0
        for index, chunk in enumerate(self.chunks):
            total += chunk_tokens(chunk, self.output_tokens)
            if total > self.cap:
                return index
        return len(self.chunks)

    def describe(self) -> str:
        """One sentence for the instructor, before the import runs."""
        parts = len(self.chunks)
        text = (
            f"The LLM engine asks about this article in {parts} part{'s' if parts != 1 else ''}: "
            f"at most about {self.estimated_tokens:,} tokens (the cap per import is {self.cap:,})"
        )
        if self.usd_per_million_tokens:
            cost = min(self.estimated_tokens, self.cap) * self.usd_per_million_tokens / 1e6
            text += f", costing at most about ${cost:.2f}"
        if not self.within_cap:
            text += (
                f". Only the first {self.affordable_chunks} part(s) fit under the cap; the rule "
                "engine writes the questions for the rest"
            )
        return text + "."


def chunks(article: Article, limit: int = CHUNK_WORDS) -> list[Chunk]:
    """Whole paragraphs grouped into chunks of about `limit` words (a long paragraph alone)."""
    spans = article.paragraphs or []
    out: list[Chunk] = []
    start = end = None
    words = 0
    for span in spans:
        size = len(article.text[span.start : span.end].split())
        if start is not None and words + size > limit:
            out.append(Chunk(start, end, words))
            start, words = None, 0
        if start is None:
            start = span.start
        end, words = span.end, words + size
    if start is not None and words:
        out.append(Chunk(start, end, words))
    return out


def messages(article: Article, chunk: Chunk) -> list[dict[str, str]]:
    """The chat messages asking for items about one chunk."""
    excerpt = article.text[chunk.start : chunk.end]
    user = (
        f'Article title: "{article.title}"\n'
        f"Write {chunk.wanted()} items about the excerpt below: mix the four types, and include "
        "items about the author's arguments when the excerpt makes any.\n\n"
        f"<excerpt>\n{excerpt}\n</excerpt>"
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def estimate_tokens(text: str) -> int:
    """A rough token count for English text (rounded up)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


PROMPT_OVERHEAD = estimate_tokens(SYSTEM_PROMPT + str(RESPONSE_SCHEMA)) + 60


def chunk_tokens(chunk: Chunk, output_tokens: int) -> int:
    """The most one chunk's request may spend: its prompt estimate plus the answer allowance."""
    return PROMPT_OVERHEAD + estimate_tokens(" " * (chunk.end - chunk.start)) + output_tokens


def plan(article: Article, settings: LlmSettings) -> Plan:
    """The chunks and the token estimate of an import, for the instructor to see first."""
    parts = chunks(article)
    return Plan(parts, settings.output_tokens, settings.max_tokens, settings.usd_per_million_tokens)


def cap_hint(settings: LlmSettings) -> str:
    """The token cap and typical spend, for the import form (before any article is known)."""
    thousand = chunk_tokens(Chunk(0, 6_000, 1_000), settings.output_tokens)
    text = (
        f"The language model ({settings.model}) may use at most {settings.max_tokens:,} tokens "
        f"per import, about {thousand:,} per 1,000 words of article"
    )
    if settings.usd_per_million_tokens:
        cost = settings.max_tokens * settings.usd_per_million_tokens / 1e6
        text += f" (at most about ${cost:.2f} per import)"
    return (
        text + ". Every item it writes must quote a sentence of the article and pass the "
        "grounding checks; the rule engine fills in when the model is down or falls short."
    )
