"""Deck and item dataclasses shared by the generator, deck files and exports (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

ITEM_TYPES = ("cloze", "mcq", "true_false", "short_answer", "basic")
ITEM_KINDS = ("fact", "argument")
CLOZE_BLANK = "____"
# What each type is called on every page (one wording across study, quizzes and authoring).
TYPE_LABELS = {
    "mcq": "Multiple choice",
    "true_false": "True or false",
    "cloze": "Fill in the blank",
    "short_answer": "Short answer",
    "basic": "Question and answer",
}


@dataclass
class QuizItem:
    """One question: the unit of study, quizzing and export.

    `key` is stable forever (Anki GUIDs derive from it). `source_start`/`source_end` are char
    offsets into the normalised article text and `quote` equals text[start:end].
    """

    key: str
    type: str
    prompt: str
    answer: str
    kind: str = "fact"
    choices: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""
    source_start: int | None = None
    source_end: int | None = None
    quote: str = ""
    topic: str = ""
    tags: list[str] = field(default_factory=list)
    score: float = 0.0
    engine: str = ""  # "rules" or "llm" for a generated item; "" when unknown or not generated

    def to_contract(self) -> dict[str, Any]:
        """The item in the `quizapp-items/1` JSON contract (DESIGN §4)."""
        data: dict[str, Any] = {
            "id": self.key,
            "type": self.type,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
        }
        if self.type == "mcq":
            data["choices"] = list(self.choices)
        data.update(
            accepted=list(self.accepted),
            explanation=self.explanation,
            source={"start": self.source_start, "end": self.source_end, "text": self.quote},
            topic=self.topic,
            tags=list(self.tags),
            score=round(float(self.score), 4),
        )
        if self.engine:
            data["engine"] = self.engine
        return data

    @classmethod
    def from_contract(cls, data: dict[str, Any]) -> QuizItem:
        """Read an item written by `to_contract`."""
        source = data.get("source") or {}
        return cls(
            key=data["id"],
            type=data["type"],
            kind=data.get("kind", "fact"),
            prompt=data["prompt"],
            answer=data["answer"],
            choices=list(data.get("choices") or []),
            accepted=list(data.get("accepted") or []),
            explanation=data.get("explanation", ""),
            source_start=source.get("start"),
            source_end=source.get("end"),
            quote=source.get("text", ""),
            topic=data.get("topic", ""),
            tags=list(data.get("tags") or []),
            score=float(data.get("score", 0.0)),
            engine=data.get("engine", ""),
        )


@dataclass
class DeckSource:
    """The article a deck quotes: file name (deck files), metadata and the normalised text."""

    title: str
    text: str = ""
    author: str = ""
    publication: str = ""
    url: str = ""  # the page the article was imported from
    sha256: str = ""
    file: str = ""


@dataclass
class Deck:
    """A deck as the domain sees it: metadata, source and items in order."""

    slug: str
    title: str
    items: list[QuizItem] = field(default_factory=list)
    description: str = ""
    source: DeckSource | None = None
    # Last content change (UTC-aware); Anki package timestamps derive from it.
    updated_at: datetime | None = None
