"""What a study session shows: the next card, the deck's counts and the interval each rating gives.

Days are UTC days: the daily new-card limit counts the new cards a user's study sessions
introduced since 00:00 UTC. The queries stay index-friendly (CardState(user_id, deck_id, due),
ReviewLog(user_id, deck_id, reviewed_at)) and never load a deck's items wholesale.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.util import identity_key

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import CardState, Deck, Item, ReviewLog, User, UTCDateTime, utcnow

# Learning cards due this soon are shown rather than ending the session (as Anki does).
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class DeckCounts:
    """Where a user stands in a deck right now."""

    due: int
    new: int  # new cards still allowed today (limited by the deck's new_per_day)
    new_waiting: int  # new cards that exist but wait for a later day
    done_today: int  # study reviews recorded today in this deck

    @property
    def remaining(self) -> int:
        """Cards left in today's session."""
        return self.due + self.new

    @property
    def session_total(self) -> int:
        """Reviews done today plus cards left: the length of today's session."""
        return self.done_today + self.remaining


def day_start(now: datetime) -> datetime:
    """Midnight UTC of the day `now` falls in."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _live():
    return sa.and_(Item.status == "approved", Item.retired_at.is_(None))


def settings_for(deck: Deck) -> scheduling.Settings:
    """Scheduler settings of a deck; fuzzing is on outside tests unless FSRS_ENABLE_FUZZING says."""
    config = current_app.config
    fuzz = bool(config.get("FSRS_ENABLE_FUZZING", not config.get("TESTING", False)))
    retention = min(max(float(deck.desired_retention or 0.9), 0.7), 0.99)
    return scheduling.Settings(desired_retention=retention, enable_fuzzing=fuzz)


def planned_interval(log: ReviewLog, deck: Deck) -> timedelta:
    """The interval the rating button showed for this review, before the scheduler's fuzzing."""
    intervals = scheduling.preview(
        log.previous_fsrs, log.reviewed_at, card_id=log.item_id, settings=settings_for(deck)
    )
    return intervals[log.rating]


def new_introduced_today(user: User, deck: Deck, now: datetime) -> int:
    """New cards the user's study sessions introduced in this deck since midnight UTC."""
    query = sa.select(sa.func.count(ReviewLog.id)).where(
        ReviewLog.user_id == user.id,
        ReviewLog.deck_id == deck.id,
        ReviewLog.reviewed_at >= day_start(now),
        ReviewLog.previous_fsrs.is_(None),
        ReviewLog.undone_at.is_(None),
        ReviewLog.source == "study",
    )
    return db.session.scalar(query) or 0


@functools.cache
def _first_due_query() -> sa.Select:
    return (
        sa.select(Item)
        .join(CardState, CardState.item_id == Item.id)
        .where(
            CardState.user_id == sa.bindparam("user_id"),
            CardState.deck_id == sa.bindparam("deck_id"),
            CardState.due <= sa.bindparam("until", type_=UTCDateTime()),
            _live(),
        )
        .order_by(CardState.due, CardState.item_id)
        .limit(1)
    )


def _first_due(user: User, deck: Deck, until: datetime) -> Item | None:
    params = {"user_id": user.id, "deck_id": deck.id, "until": until}
    return db.session.scalar(_first_due_query(), params)


def _unseen(user: User):
    return ~sa.exists().where(CardState.user_id == user.id, CardState.item_id == Item.id)


def _first_new(user: User, deck: Deck) -> Item | None:
    query = (
        sa.select(Item)
        .where(Item.deck_id == deck.id, _live(), _unseen(user))
        .order_by(Item.id)
        .limit(1)
    )
    return db.session.scalar(query)


def next_card(user: User, deck: Deck, *, now: datetime | None = None) -> Item | None:
    """The card to show next: due cards by due time, then new cards within today's limit,
    then learning cards due within the next 20 minutes; None when the session is done."""
    now = now or utcnow()
    item = _first_due(user, deck, now)
    if item is None and new_introduced_today(user, deck, now) < deck.new_per_day:
        item = _first_new(user, deck)
    if item is None:
        item = _first_due(user, deck, now + LEARN_AHEAD)
    return item


@functools.cache
def _counts_query() -> sa.Select:
    """deck_counts' four counts as one statement with bound parameters, built once: it runs on
    every study page and API call, where building it anew cost more than running it."""
    return sa.select(*(q.scalar_subquery() for q in count_selects()))


def count_selects() -> tuple[sa.Select, sa.Select, sa.Select, sa.Select]:
    """Due, unseen, introduced today and done today, over bound user, deck, now and day.

    Plain table columns (no ORM attributes), so the statements run as Core; the conditions of the
    partial indexes (models.STUDY_LOG_WHERE, NOT_LIVE_ITEM_WHERE) with literal values, so the
    planner can use those indexes whatever the parameters."""
    item, card, log = Item.__table__.c, CardState.__table__.c, ReviewLog.__table__.c
    user, deck = sa.bindparam("user_id"), sa.bindparam("deck_id")
    now, day = sa.bindparam("now", type_=UTCDateTime()), sa.bindparam("day", type_=UTCDateTime())
    live = sa.and_(item.status == "approved", item.retired_at.is_(None))
    not_live = sa.or_(item.status != sa.literal_column("'approved'"), item.retired_at.isnot(None))
    # A card state's deck_id is always its item's deck (the due count relied on it already), so
    # a count over the user's states in the deck, minus or plus those of the deck's few non-live
    # items, replaces a probe per live item (0.14 of the statement's 0.27 ms on 500 items).
    states = sa.select(sa.func.count()).where(card.user_id == user, card.deck_id == deck)
    states_due = states.where(card.due <= now)
    dead_seen = sa.select(sa.func.count()).where(
        item.deck_id == deck,
        not_live,
        sa.exists().where(card.user_id == user, card.item_id == item.id),
    )
    dead_due = sa.select(sa.func.count()).where(
        item.deck_id == deck,
        not_live,
        sa.exists().where(card.user_id == user, card.item_id == item.id, card.due <= now),
    )
    live_n = (
        sa.select(sa.func.count()).select_from(Item.__table__).where(item.deck_id == deck, live)
    )
    due = sa.select(states_due.scalar_subquery() - dead_due.scalar_subquery())
    unseen = sa.select(
        live_n.scalar_subquery() - states.scalar_subquery() + dead_seen.scalar_subquery()
    )
    today = (
        log.user_id == user,
        log.deck_id == deck,
        log.reviewed_at >= day,
        log.source == sa.literal_column("'study'"),
        log.undone_at.is_(None),
    )
    introduced = sa.select(sa.func.count()).where(*today, log.previous_fsrs.is_(None))
    done = sa.select(sa.func.count()).where(*today)
    return due, unseen, introduced, done


def _deck_counts(deck: Deck, due, unseen, introduced, done) -> DeckCounts:
    allowed = max(0, deck.new_per_day - (introduced or 0))
    new = min(unseen or 0, allowed)
    return DeckCounts(due=due or 0, new=new, new_waiting=(unseen or 0) - new, done_today=done or 0)


def deck_counts(user: User, deck: Deck, *, now: datetime | None = None) -> DeckCounts:
    """Due cards, new cards allowed today and reviews done today, for lists and progress bars."""
    now = now or utcnow()
    params = {"user_id": user.id, "deck_id": deck.id, "now": now, "day": day_start(now)}
    return _deck_counts(deck, *db.session.execute(_counts_query(), params).one())


def next_due_at(user: User, deck: Deck, *, now: datetime | None = None) -> datetime | None:
    """When the user's next card in this deck falls due after `now` (None: nothing scheduled)."""
    now = now or utcnow()
    return db.session.scalar(
        sa.select(sa.func.min(CardState.due))
        .join(Item, Item.id == CardState.item_id)
        .where(
            CardState.user_id == user.id,
            CardState.deck_id == deck.id,
            CardState.due > now,
            _live(),
        )
    )


def due_items(
    user: User, deck: Deck, *, now: datetime | None = None, limit: int = 100
) -> list[Item]:
    """Up to `limit` live items of the deck due for the user now, soonest first."""
    now = now or utcnow()
    query = (
        sa.select(Item)
        .join(CardState, CardState.item_id == Item.id)
        .where(
            CardState.user_id == user.id,
            CardState.deck_id == deck.id,
            CardState.due <= now,
            _live(),
        )
        .order_by(CardState.due, CardState.item_id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


@functools.cache
def _card_state_query() -> sa.Select:
    return sa.select(CardState).where(
        CardState.user_id == sa.bindparam("user_id"), CardState.item_id == sa.bindparam("item_id")
    )


def card_state(user: User, item: Item) -> CardState | None:
    """The user's scheduling state for an item (None when never reviewed)."""
    # Like session.get (identity map first), but with a prepared select: this runs on every card.
    known = db.session.identity_map.get(identity_key(CardState, (user.id, item.id)))
    if known is not None:
        return known
    return db.session.scalar(_card_state_query(), {"user_id": user.id, "item_id": item.id})


def preview(user: User, item: Item, *, now: datetime | None = None) -> dict[int, timedelta]:
    """The interval each rating (1–4) would give this card now."""
    return intervals(item, card_state(user, item), item.deck, now=now)


def intervals(
    item: Item, state: CardState | None, deck: Deck, *, now: datetime | None = None
) -> dict[int, timedelta]:
    """preview() for a card state already loaded (None: a new card) of an item of `deck`."""
    return scheduling.preview(
        state.fsrs if state else None, now or utcnow(), card_id=item.id, settings=settings_for(deck)
    )
