"""Study sessions: which decks a user may study, the next card, recording and undoing reviews.

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
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.util import identity_key

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    CardState,
    Deck,
    Item,
    Membership,
    ReviewLog,
    User,
    UTCDateTime,
    utcnow,
)
from quizapp.services import review_write
from quizapp.services.locking import for_update

# Learning cards due this soon are shown rather than ending the session (as Anki does).
LEARN_AHEAD = timedelta(minutes=20)
SOURCES = ("study", "quiz")
# Client ids of quiz answers are built by the server from attempt and item; clients may not use
# this prefix, so nobody can take (or pre-empt) the id of a quiz answer.
QUIZ_PREFIX = "quiz:"
ANKI_PREFIX = "anki:"  # reviews imported from an Anki export, keyed by Anki's review id
RESERVED_PREFIXES = {QUIZ_PREFIX: "quiz answers", ANKI_PREFIX: "reviews imported from Anki"}


class StaleSubmission(Exception):
    """The form no longer applies (item retired, deck unassigned, already undone); user-facing."""


class ReservedClientId(ValueError):
    """A client chose a client id in the namespace the server keeps for quiz answers."""


@dataclass(frozen=True)
class Recorded:
    """The review stored for a client id, and whether an earlier request had stored it."""

    log: ReviewLog
    duplicate: bool


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


def visible_decks(user: User) -> list[Deck]:
    """Decks the user may study: trainee → published decks assigned to their cohorts;
    instructor → own decks plus published decks assigned to their cohorts; admin → all."""
    query = sa.select(Deck).order_by(Deck.title, Deck.id)
    if user.role != "admin":
        assigned = _assigned_published(user)
        if user.role == "instructor":
            query = query.where(sa.or_(Deck.owner_id == user.id, Deck.id.in_(assigned)))
        else:
            query = query.where(Deck.id.in_(assigned))
    return list(db.session.scalars(query))


def _assigned_published(user: User):
    return (
        sa.select(Assignment.deck_id)
        .join(Membership, Membership.cohort_id == Assignment.cohort_id)
        .join(Deck, Deck.id == Assignment.deck_id)
        .where(Membership.user_id == user.id, Deck.status == "published")
    )


def can_study(user: User, deck: Deck, *, assigned: bool | None = None) -> bool:
    """True when the deck is among the user's visible decks (`assigned`: already looked up)."""
    if user.role == "admin" or (user.role == "instructor" and deck.owner_id == user.id):
        return True
    if deck.status != "published":
        return False
    if assigned is not None:
        return assigned
    params = {"user_id": user.id, "deck_id": deck.id}
    return db.session.scalar(_assigned_query(), params) is not None


@functools.cache
def _deck_and_assignment_query() -> sa.Select:
    return sa.select(Deck, _assigned_query().exists().label("assigned")).where(
        Deck.id == sa.bindparam("deck_id")
    )


def studyable_deck(user: User, deck_id: int) -> Deck | None:
    """The deck when the user may study it, else None: the deck and the assignment check in one
    statement (every API card request starts here)."""
    params = {"user_id": user.id, "deck_id": deck_id}
    row = db.session.execute(_deck_and_assignment_query(), params).first()
    if row is None or not can_study(user, row[0], assigned=bool(row[1])):
        return None
    return row[0]


@functools.cache
def _assigned_query() -> sa.Select:
    # Hot statements are built once with bound parameters (see _counts_query), from plain table
    # columns so that they also run inside Core statements (study_view).
    assignment, membership = Assignment.__table__, Membership.__table__
    return (
        sa.select(assignment.c.id)
        .join(membership, membership.c.cohort_id == assignment.c.cohort_id)
        .where(
            membership.c.user_id == sa.bindparam("user_id"),
            assignment.c.deck_id == sa.bindparam("deck_id"),
        )
        .limit(1)
    )


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


def quiz_client_id(attempt_id: int, item_id: int) -> str:
    """The client id of the review a quiz answer records (one per attempt and question)."""
    return f"{QUIZ_PREFIX}{attempt_id}:{item_id}"


def _existing(user: User, client_id: str) -> ReviewLog | None:
    # Client ids are unique per user only: another user's review is never an answer here.
    return db.session.scalar(
        sa.select(ReviewLog).where(ReviewLog.user_id == user.id, ReviewLog.client_id == client_id)
    )


@functools.cache
def _precheck_query() -> sa.Select:
    # A review's client-id lookup and assignment check in one round trip (the lookup is made
    # again under the card's lock in _apply; this one spares duplicates the lock).
    existing = sa.select(ReviewLog.id).where(
        ReviewLog.user_id == sa.bindparam("user_id"),
        ReviewLog.client_id == sa.bindparam("client_id"),
    )
    return sa.select(existing.scalar_subquery(), _assigned_query().exists())


def _check_arguments(rating: int, client_id: str, source: str) -> None:
    if rating not in scheduling.RATINGS:
        raise ValueError(f"rating must be 1–4, got {rating!r}")
    if source not in SOURCES:
        raise ValueError(f"unknown review source {source!r}")
    if not client_id or len(client_id) > 64:
        raise ValueError("client_id must be 1–64 characters")
    reserved = next((p for p in RESERVED_PREFIXES if client_id.startswith(p)), None)
    if source == "study" and reserved:
        raise ReservedClientId(
            f"Client ids starting with {reserved!r} are reserved for "
            f"{RESERVED_PREFIXES[reserved]}; choose another client_id."
        )


def record_review(
    user: User,
    item: Item,
    rating: int,
    *,
    client_id: str,
    now: datetime | None = None,
    source: str = "study",
    duration_ms: int | None = None,
    commit: bool = True,
) -> ReviewLog:
    """Record one review and reschedule the card; a repeated client_id returns the first log."""
    return submit_review(
        user,
        item,
        rating,
        client_id=client_id,
        now=now,
        source=source,
        duration_ms=duration_ms,
        commit=commit,
    ).log


def submit_review(
    user: User,
    item: Item,
    rating: int,
    *,
    client_id: str,
    now: datetime | None = None,
    source: str = "study",
    duration_ms: int | None = None,
    commit: bool = True,
) -> Recorded:
    """Record one review under the card's row lock; a client_id this user already used returns
    that first review as a duplicate, even when both requests run at the same moment.

    With commit=False the review is only flushed and the caller commits; should a concurrent
    request make that flush fail, the IntegrityError propagates and the caller rolls back.
    """
    _check_arguments(rating, client_id, source)
    params = {"user_id": user.id, "client_id": client_id, "deck_id": item.deck_id}
    existing_id, assigned = db.session.execute(_precheck_query(), params).one()
    if existing_id is not None:
        return Recorded(db.session.get(ReviewLog, existing_id), duplicate=True)
    if not item.is_live:
        raise StaleSubmission(
            "This question was withdrawn from the deck, so that rating was not recorded."
        )
    if not can_study(user, item.deck, assigned=bool(assigned)):
        raise StaleSubmission(
            "This deck is no longer assigned to you, so that rating was not recorded."
        )
    now = now or utcnow()
    for attempt in range(3):
        try:
            return _apply(user, item, rating, client_id, now, source, duration_ms, commit)
        except IntegrityError:
            # A concurrent request with the same client_id, or the first review of the same new
            # card (no row to lock yet), committed first: the retry sees and locks its rows.
            if not commit:
                raise
            db.session.rollback()
            existing = _existing(user, client_id)
            if existing is not None:
                return Recorded(existing, duplicate=True)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _locked_card_state(user: User, item_id: int) -> CardState | None:
    return db.session.scalar(
        for_update(
            sa.select(CardState).where(CardState.user_id == user.id, CardState.item_id == item_id)
        )
    )


def _apply(
    user: User,
    item: Item,
    rating: int,
    client_id: str,
    now: datetime,
    source: str,
    duration_ms: int | None,
    commit: bool,
) -> Recorded:
    row = _locked_card_state(user, item.id)
    if review_write.in_one_statement():
        # PostgreSQL: one statement writes both rows; its insert is the client-id check under the
        # lock and stores nothing when the id was taken (the lookup below then finds it).
        settings = settings_for(item.deck)
        log = review_write.write(
            user, item, rating, client_id, now, source, duration_ms, row, settings
        )
        if log is not None:
            if commit:
                db.session.commit()
            return Recorded(log, duplicate=False)
    # Checked again under the lock: a request with the same client id may have committed since.
    existing = _existing(user, client_id)
    if existing is not None:
        if commit:
            db.session.commit()  # ends the transaction, releasing the lock
        return Recorded(existing, duplicate=True)
    previous = row.fsrs if row is not None else None
    state = scheduling.review(
        previous, rating, now, card_id=item.id, settings=settings_for(item.deck)
    )
    log = ReviewLog(
        user_id=user.id,
        item_id=item.id,
        deck_id=item.deck_id,
        rating=rating,
        reviewed_at=now,
        duration_ms=duration_ms,
        source=source,
        client_id=client_id,
    )
    if previous is not None:
        # Left unset for a new card so the column is SQL NULL ("first review"), not JSON null.
        log.previous_fsrs = dict(previous)
    if row is None:
        row = CardState(
            user_id=user.id, item_id=item.id, deck_id=item.deck_id, reps=0, lapses=0, created_at=now
        )
    row.lapses = (row.lapses or 0) + int(scheduling.is_lapse(previous, rating))
    row.reps = (row.reps or 0) + 1
    _set_state(row, state, now)
    db.session.add_all([row, log])
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return Recorded(log, duplicate=False)


def _set_state(row: CardState, state: dict, now: datetime) -> None:
    mirror = scheduling.mirror(state)
    row.fsrs = state
    row.due = mirror.due
    row.state = mirror.state
    row.stability = mirror.stability
    row.difficulty = mirror.difficulty
    row.last_review = mirror.last_review
    row.updated_at = now


def last_review(user: User, deck: Deck) -> ReviewLog | None:
    """The user's most recent review in this deck that has not been undone."""
    query = (
        sa.select(ReviewLog)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.deck_id == deck.id,
            ReviewLog.undone_at.is_(None),
        )
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def undo_last(
    user: User,
    deck: Deck,
    *,
    review_id: int | None = None,
    now: datetime | None = None,
) -> ReviewLog:
    """Undo the user's last study rating in the deck: restore the card, mark the log undone.

    `review_id` (from the form) makes a repeated undo harmless: it must still be the last review.
    """
    log = last_review(user, deck)
    row = None
    if log is not None:
        row = _locked_card_state(user, log.item_id)
        # Under the card's lock: a concurrent review or undo has committed by now, or waits.
        log = last_review(user, deck)
    if log is None or (review_id is not None and log.id != review_id):
        db.session.rollback()
        raise StaleSubmission("That rating was already undone; nothing was changed.")
    if log.source != "study":
        db.session.rollback()
        where = "Anki" if log.source == "anki" else "a quiz"
        raise StaleSubmission(f"The last answer came from {where} and cannot be undone here.")
    now = now or utcnow()
    if row is None or row.item_id != log.item_id:
        row = _locked_card_state(user, log.item_id)
    previous = log.previous_fsrs
    if row is not None:
        if previous is None:
            db.session.delete(row)
        else:
            row.reps = max(0, (row.reps or 0) - 1)
            row.lapses = max(0, (row.lapses or 0) - int(scheduling.is_lapse(previous, log.rating)))
            _set_state(row, dict(previous), now)
    log.undone_at = now
    db.session.commit()
    return log


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
