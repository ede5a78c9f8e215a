"""Recording and undoing study reviews: one review per client id, written under the card's lock.

Reviews come from study sessions and quiz answers (and, through anki_history, from Anki); each
reschedules the card with the deck's scheduler settings (study_queue.settings_for).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import CardState, Deck, Item, ReviewLog, User, utcnow
from quizapp.services import review_write, study_access, study_queue
from quizapp.services.locking import for_update

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
    return sa.select(existing.scalar_subquery(), study_access._assigned_query().exists())


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
    if not study_access.can_study(user, item.deck, assigned=bool(assigned)):
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
        settings = study_queue.settings_for(item.deck)
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
        previous, rating, now, card_id=item.id, settings=study_queue.settings_for(item.deck)
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
