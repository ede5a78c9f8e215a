"""The next card of a study session in one Core statement: the deck with the user's assignment
check, the session's counts, the card next_card would pick and the user's state of it.

Every API next-card request runs this after the token lookup (issue 20), so it selects only the
columns the answer needs, from plain tables: no ORM objects are built, and the statement is
built once with bound parameters.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import CardState, Deck, Item, User, UTCDateTime, utcnow
from quizapp.services import study_access, study_queue


class DeckFields(NamedTuple):
    """The deck's fields that access checks and the scheduler read."""

    id: int
    owner_id: int | None
    status: str
    new_per_day: int
    desired_retention: float


class ItemFields(NamedTuple):
    """The item's fields a client shows."""

    id: int
    key: str
    type: str
    kind: str
    prompt: str
    answer: str
    choices: list[str] | None
    accepted: list[str] | None
    explanation: str | None
    quote: str | None
    topic: str | None


class StateFields(NamedTuple):
    """The user's scheduling state of the item."""

    fsrs: dict[str, Any]
    due: datetime


@dataclass(frozen=True)
class SessionView:
    """What a study screen shows: the next card, the user's state of it, the deck's counts."""

    deck: DeckFields
    item: ItemFields | None
    state: StateFields | None
    counts: study_queue.DeckCounts


COUNT_NAMES = ("due", "unseen", "introduced", "done")


@functools.cache
def _query() -> sa.Select:
    """next_card's rules as a COALESCE (the new-card search runs only when nothing is due), the
    chosen item and its state outer-joined, so a finished session still returns its counts."""
    item, card, deck = Item.__table__, CardState.__table__, Deck.__table__
    user, deck_id = sa.bindparam("user_id"), sa.bindparam("deck_id")
    now = sa.bindparam("now", type_=UTCDateTime())
    ahead = sa.bindparam("ahead", type_=UTCDateTime())
    live = sa.and_(item.c.status == "approved", item.c.retired_at.is_(None))
    selects = study_queue.count_selects()
    counts = sa.select(
        *(q.scalar_subquery().label(n) for n, q in zip(COUNT_NAMES, selects, strict=True))
    ).subquery("counts")

    def first_due(until):
        return (
            sa.select(card.c.item_id)
            .select_from(card.join(item, item.c.id == card.c.item_id))
            .where(card.c.user_id == user, card.c.deck_id == deck_id, card.c.due <= until, live)
            .order_by(card.c.due, card.c.item_id)
            .limit(1)
            .scalar_subquery()
        )

    seen = sa.exists().where(card.c.user_id == user, card.c.item_id == item.c.id)
    first_new = (
        sa.select(item.c.id)
        .where(item.c.deck_id == deck_id, live, ~seen)
        .order_by(item.c.id)
        .limit(1)
        .scalar_subquery()
    )
    limit = sa.select(deck.c.new_per_day).where(deck.c.id == deck_id).correlate(None)
    limit = limit.scalar_subquery()
    may_add = sa.and_(counts.c.introduced < limit, counts.c.unseen > 0)
    chosen = sa.func.coalesce(first_due(now), sa.case((may_add, first_new)), first_due(ahead))
    pick = sa.select(counts, chosen.label("item_id")).subquery("pick")
    assigned = study_access._assigned_query().exists().label("assigned")
    return (
        sa.select(
            *(deck.c[n] for n in DeckFields._fields),
            assigned,
            *(pick.c[n] for n in COUNT_NAMES),
            *(item.c[n] for n in ItemFields._fields),
            *(card.c[n] for n in StateFields._fields),
        )
        .select_from(
            deck.join(pick, sa.true())
            .outerjoin(item, item.c.id == pick.c.item_id)
            .outerjoin(card, sa.and_(card.c.user_id == user, card.c.item_id == item.c.id))
        )
        .where(deck.c.id == deck_id)
    )


_SLICES = (len(DeckFields._fields), 1, len(COUNT_NAMES), len(ItemFields._fields))


def session_view(user: User, deck_id: int, *, now: datetime | None = None) -> SessionView | None:
    """next_card, its state and deck_counts of a deck the user may study, in one statement;
    None when there is no such deck or the user may not study it."""
    now = now or utcnow()
    params = {
        "user_id": user.id,
        "deck_id": deck_id,
        "now": now,
        "day": study_queue.day_start(now),
        "ahead": now + study_queue.LEARN_AHEAD,
    }
    row = db.session.execute(_query(), params).first()
    if row is None:
        return None
    n_deck, _, n_counts, n_item = _SLICES
    deck = DeckFields._make(row[:n_deck])
    if not study_access.can_study(user, deck, assigned=bool(row[n_deck])):  # type: ignore[arg-type]
        return None
    at = n_deck + 1
    counts = study_queue._deck_counts(deck, *row[at : at + n_counts])  # type: ignore[arg-type]
    at += n_counts
    item = ItemFields._make(row[at : at + n_item]) if row[at] is not None else None
    at += n_item
    state = StateFields._make(row[at:]) if row[at] is not None else None
    return SessionView(deck, item, state, counts)
