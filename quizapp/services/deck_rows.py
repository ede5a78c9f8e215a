"""Convert database rows to domain decks (read-only; no commits)."""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.domain.items import Deck, DeckSource, QuizItem
from quizapp.models import Deck as DeckRow
from quizapp.models import Item as ItemRow


def item_to_domain(row: ItemRow) -> QuizItem:
    """A database item as a domain QuizItem."""
    return QuizItem(
        key=row.key,
        type=row.type,
        kind=row.kind,
        prompt=row.prompt,
        answer=row.answer,
        choices=list(row.choices or []),
        accepted=list(row.accepted or []),
        explanation=row.explanation or "",
        source_start=row.source_start,
        source_end=row.source_end,
        quote=row.quote or "",
        topic=row.topic or "",
        tags=list(row.tags or []),
        score=row.score or 0.0,
    )


CONTENT_FIELDS = (
    "type",
    "kind",
    "prompt",
    "answer",
    "choices",
    "accepted",
    "explanation",
    "source_start",
    "source_end",
    "quote",
    "topic",
    "tags",
    "score",
)


def copy_content(item: QuizItem, row: ItemRow) -> None:
    """Write a domain item's content onto a database row (the inverse of item_to_domain)."""
    for name in CONTENT_FIELDS:
        value = getattr(item, name)
        setattr(row, name, list(value) if isinstance(value, list) else value)


def deck_to_domain(row: DeckRow, items: Iterable[ItemRow] | None = None) -> Deck:
    """A database deck (with the given items, default: its live items) as a domain Deck."""
    if items is None:
        items = [item for item in row.items if item.is_live]
    source = None
    if row.source is not None:
        source = DeckSource(
            title=row.source.title,
            text=row.source.text,
            author=row.source.author,
            publication=row.source.publication,
            url=row.source.url,
            sha256=row.source.sha256,
        )
    return Deck(
        slug=row.slug,
        title=row.title,
        description=row.description or "",
        source=source,
        items=[item_to_domain(item) for item in items],
        updated_at=row.updated_at,
    )
