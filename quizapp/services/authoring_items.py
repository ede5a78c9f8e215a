"""Review-queue use cases: approve, reject, restore, edit, create and merge generated items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.domain.authoring import (
    check_span,
    fingerprint,
    is_duplicate,
    later_than,
    locate_quote,
    slugify,
)
from quizapp.domain.items import QuizItem
from quizapp.extensions import db
from quizapp.models import CardState, Deck, Item, Response, ReviewLog, utcnow
from quizapp.services.authoring import AuthoringError, touch
from quizapp.services.deck_rows import copy_content, item_to_domain

EDITED_TAG = "edited"
EDITABLE_FIELDS = (
    "kind",
    "prompt",
    "answer",
    "choices",
    "accepted",
    "explanation",
    "topic",
    "source_start",
    "source_end",
)
STATUS_ACTIONS = {"approve": "approved", "reject": "rejected", "restore": "draft"}


@dataclass
class MergeReport:
    """What a generation run changed in a deck."""

    added: int = 0
    duplicates: int = 0
    replaced_drafts: int = 0
    unplaceable: int = 0


def is_edited(item: Item) -> bool:
    """True when an instructor changed the item by hand."""
    return EDITED_TAG in (item.tags or [])


def _stamp(item: Item, now: datetime) -> None:
    item.updated_at = later_than(item.updated_at, now)
    touch(item.deck, now)


def set_status(item: Item, action: str, now: datetime | None = None) -> Item:
    """Apply a review action (approve, reject, restore) to one item."""
    if action not in STATUS_ACTIONS:
        raise AuthoringError(f"Unknown action {action!r}.")
    status = STATUS_ACTIONS[action]
    if item.status != status:
        item.status = status
        _stamp(item, now or utcnow())
        db.session.commit()
    return item


def approve_above(deck: Deck, threshold: float, now: datetime | None = None) -> int:
    """Approve every draft item of the deck scoring at least `threshold`; returns how many."""
    items = db.session.scalars(
        sa.select(Item).where(
            Item.deck_id == deck.id,
            Item.status == "draft",
            Item.retired_at.is_(None),
            Item.score >= threshold,
        )
    ).all()
    now = now or utcnow()
    for item in items:
        item.status = "approved"
        _stamp(item, now)
    db.session.commit()
    return len(items)


def suggested_threshold(deck: Deck) -> float:
    """The median score of the deck's drafts (a starting point for bulk approval)."""
    scores = sorted(
        db.session.scalars(
            sa.select(Item.score).where(
                Item.deck_id == deck.id, Item.status == "draft", Item.retired_at.is_(None)
            )
        )
    )
    return round(scores[len(scores) // 2], 2) if scores else 0.0


def filter_items(
    deck: Deck,
    *,
    status: str = "",
    type: str = "",
    topic: str = "",
    kind: str = "",
    engine: str = "",
) -> list[Item]:
    """The deck's live items matching the filters (empty filter = any), best score first."""
    query = sa.select(Item).where(Item.deck_id == deck.id, Item.retired_at.is_(None))
    for column, value in (
        (Item.status, status),
        (Item.type, type),
        (Item.topic, topic),
        (Item.kind, kind),
        (Item.engine, engine),
    ):
        if value:
            query = query.where(column == value)
    return list(db.session.scalars(query.order_by(Item.score.desc(), Item.id)))


def deck_topics(deck: Deck) -> list[str]:
    """Distinct non-empty topics of the deck's live items, sorted."""
    return list(
        db.session.scalars(
            sa.select(Item.topic)
            .where(Item.deck_id == deck.id, Item.retired_at.is_(None), Item.topic != "")
            .distinct()
            .order_by(Item.topic)
        )
    )


def _span_fields(deck: Deck, fields: dict[str, Any]) -> dict[str, Any]:
    start, end = fields.get("source_start"), fields.get("source_end")
    if start is None and end is None:
        return {"source_start": None, "source_end": None, "quote": ""}
    if deck.source is None:
        raise AuthoringError("This deck has no source article to quote.")
    try:
        quote = check_span(deck.source.text, start, end)
    except ValueError as error:
        raise AuthoringError(str(error)) from error
    return {"source_start": start, "source_end": end, "quote": quote}


def update_item(item: Item, fields: dict[str, Any], now: datetime | None = None) -> Item:
    """Save an instructor's edit: fields, quote from the span, edited mark, timestamps."""
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    values.update(_span_fields(item.deck, values))
    for name, value in values.items():
        setattr(item, name, value)
    if item.origin == "generated" and not is_edited(item):
        item.tags = [*(item.tags or []), EDITED_TAG]
    _stamp(item, now or utcnow())
    db.session.commit()
    return item


def _free_key(deck: Deck, base: str) -> str:
    taken = set(db.session.scalars(sa.select(Item.key).where(Item.deck_id == deck.id)))
    key, number = base, 2
    while key in taken:
        key = f"{base}-{number}"
        number += 1
    return key


def create_item(
    deck: Deck, item_type: str, fields: dict[str, Any], now: datetime | None = None
) -> Item:
    """Add an instructor-written item (origin "authored", approved: the author vouches for it)."""
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    values.update(_span_fields(deck, values))
    base = f"{item_type.replace('_', '-')}-{slugify(values['prompt'], max_length=40)}"
    key = _free_key(deck, base)
    item = Item(
        deck_id=deck.id,
        deck=deck,
        key=key,
        type=item_type,
        origin="authored",
        status="approved",
        score=1.0,
        tags=[],
        **values,
    )
    now = now or utcnow()
    item.created_at = item.updated_at = now
    db.session.add(item)
    touch(deck, now)
    db.session.commit()
    return item


def _has_history(item_ids: list[int]) -> set[int]:
    if not item_ids:
        return set()
    used: set[int] = set()
    for model in (CardState, ReviewLog, Response):
        used.update(db.session.scalars(sa.select(model.item_id).where(model.item_id.in_(item_ids))))
    return used


def _placed(candidate: QuizItem, text: str) -> QuizItem | None:
    """The candidate with offsets that match the stored text, or None when its quote is absent."""
    start, end = candidate.source_start, candidate.source_end
    if start is not None and end is not None and text[start:end] == candidate.quote:
        return candidate
    where = locate_quote(text, candidate.quote, start)
    if where is None:
        return None
    candidate.source_start, candidate.source_end = where
    return candidate


def merge_generated(
    deck: Deck, candidates: list[QuizItem], now: datetime | None = None
) -> MergeReport:
    """Bring generated candidates into the deck as drafts without duplicating kept items.

    Kept: approved, rejected (so rejected questions are not proposed again), edited and
    authored items. Untouched generated drafts are replaced by the new run.
    """
    now = now or utcnow()
    report = MergeReport()
    live = [item for item in deck.items if item.retired_at is None]
    replaceable = [
        item
        for item in live
        if item.status == "draft" and item.origin == "generated" and not is_edited(item)
    ]
    in_use = _has_history([item.id for item in replaceable])
    for item in replaceable:
        if item.id in in_use:
            continue
        deck.items.remove(item)
        report.replaced_drafts += 1
    db.session.flush()
    known = [fingerprint(item_to_domain(item)) for item in deck.items]
    text = deck.source.text if deck.source else ""
    for candidate in candidates:
        placed = _placed(candidate, text)
        if placed is None:
            report.unplaceable += 1
            continue
        print_ = fingerprint(placed)
        if is_duplicate(print_, known):
            report.duplicates += 1
            continue
        known.append(print_)
        deck.items.append(_row_from_domain(placed, now))
        report.added += 1
    touch(deck, now)
    db.session.commit()
    return report


def _row_from_domain(item: QuizItem, now: datetime) -> Item:
    row = Item(
        key=item.key,
        status="draft",
        origin="generated",
        engine=item.engine or "rules",
        created_at=now,
        updated_at=now,
    )
    copy_content(item, row)
    row.topic = row.topic[:200]
    row.score = float(row.score)
    return row
