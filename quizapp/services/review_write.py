"""A review's writes on PostgreSQL in one statement: the review log insert, guarded by its client
id, and the card state's update (or first insert) in a data-modifying CTE.

study._apply runs this under the card's row lock instead of a client-id SELECT, an INSERT and an
UPDATE (three round trips; issue 20), with the values its ORM path would store. The log insert's
ON CONFLICT on (user_id, client_id) is the client-id check under the lock: a concurrent request's
committed review with the same id makes it insert nothing, and the card state is written only
when the log row was. SQLite has no data-modifying CTEs and keeps the ORM path.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import CardState, Item, ReviewLog, User

LOG_COLUMNS = (
    "user_id",
    "item_id",
    "deck_id",
    "rating",
    "reviewed_at",
    "duration_ms",
    "source",
    "client_id",
    "previous_fsrs",
)
STATE_COLUMNS = ("fsrs", "due", "state", "stability", "difficulty", "reps", "lapses", "last_review")


def in_one_statement() -> bool:
    """True when the session's database can take the review's writes as one statement."""
    return db.session.get_bind().dialect.name == "postgresql"


# Text, not Core constructs: SQLAlchemy 2.0 does not cache the compiled form of a PostgreSQL INSERT
# with values, so the Core version was compiled on every review (≈0.6 ms).
_WITH_LOG = """
WITH log AS (
    INSERT INTO review_log
        (user_id, item_id, deck_id, rating, reviewed_at, duration_ms, source, client_id,
         previous_fsrs)
    VALUES (:user_id, :item_id, :deck_id, :rating, :reviewed_at, :duration_ms, :source,
            :client_id, CAST(:previous_fsrs AS JSON))
    ON CONFLICT ON CONSTRAINT uq_review_log_user_client DO NOTHING
    RETURNING id
), card AS (%s)
SELECT id FROM log
"""
_UPDATE_STATE = """
    UPDATE card_state
    SET fsrs = CAST(:fsrs AS JSON), due = :due, state = :state,
        stability = CAST(:stability AS DOUBLE PRECISION),
        difficulty = CAST(:difficulty AS DOUBLE PRECISION), reps = :reps, lapses = :lapses,
        last_review = :last_review, updated_at = :reviewed_at
    WHERE user_id = :user_id AND item_id = :item_id AND EXISTS (SELECT 1 FROM log)
    RETURNING item_id
"""
# A plain insert: a concurrent first review of the same card fails it on the primary key, and
# submit_review retries under that review's lock. Casts: a select list's parameters have no
# column to take their type from.
_INSERT_STATE = """
    INSERT INTO card_state
        (user_id, item_id, deck_id, fsrs, due, state, stability, difficulty, reps, lapses,
         last_review, created_at, updated_at)
    SELECT CAST(:user_id AS INTEGER), CAST(:item_id AS INTEGER), CAST(:deck_id AS INTEGER),
        CAST(:fsrs AS JSON), CAST(:due AS TIMESTAMPTZ), CAST(:state AS INTEGER),
        CAST(:stability AS DOUBLE PRECISION), CAST(:difficulty AS DOUBLE PRECISION),
        CAST(:reps AS INTEGER), CAST(:lapses AS INTEGER), CAST(:last_review AS TIMESTAMPTZ),
        CAST(:reviewed_at AS TIMESTAMPTZ), CAST(:reviewed_at AS TIMESTAMPTZ)
    WHERE EXISTS (SELECT 1 FROM log)
    RETURNING item_id
"""


@functools.cache
def _statement(new_card: bool) -> sa.TextClause:
    """The log insert as a CTE, the card state write as a second CTE that runs only when the log
    row was inserted, and the new log id as the result; built once per shape."""
    log_t, card_t = ReviewLog.__table__, CardState.__table__
    types = {name: log_t.c[name].type for name in LOG_COLUMNS}
    types.update({name: card_t.c[name].type for name in STATE_COLUMNS})
    # SQL NULL for a new card's previous state ("first review"), not a JSON null.
    types["previous_fsrs"] = sa.JSON(none_as_null=True)
    text = _WITH_LOG % (_INSERT_STATE if new_card else _UPDATE_STATE)
    params = [sa.bindparam(name, type_=type_) for name, type_ in types.items()]
    return sa.text(text).bindparams(*params).columns(id=sa.Integer)


def write(
    user: User,
    item: Item,
    rating: int,
    client_id: str,
    now: datetime,
    source: str,
    duration_ms: int | None,
    row: CardState | None,
    settings: scheduling.Settings,
) -> ReviewLog | None:
    """Insert the review and write the card state (`row`: the locked state, None for a new card);
    the stored log, or None when this user's client id was taken (nothing was written)."""
    previous = row.fsrs if row is not None else None
    state = scheduling.review(previous, rating, now, card_id=item.id, settings=settings)
    mirror = scheduling.mirror(state)
    log_values = {
        "user_id": user.id,
        "item_id": item.id,
        "deck_id": item.deck_id,
        "rating": rating,
        "reviewed_at": now,
        "duration_ms": duration_ms,
        "source": source,
        "client_id": client_id,
        "previous_fsrs": dict(previous) if previous is not None else None,
    }
    reps, lapses = (row.reps or 0, row.lapses or 0) if row is not None else (0, 0)
    state_values = {
        "fsrs": state,
        "due": mirror.due,
        "state": mirror.state,
        "stability": mirror.stability,
        "difficulty": mirror.difficulty,
        "last_review": mirror.last_review,
        "reps": reps + 1,
        "lapses": lapses + int(scheduling.is_lapse(previous, rating)),
    }
    log_id = db.session.execute(_statement(row is None), {**log_values, **state_values}).scalar()
    if log_id is None:
        return None
    log = ReviewLog(id=log_id, undone_at=None, anki_interval=None, **log_values)
    _attach(log)
    if row is None:
        keys = {name: log_values[name] for name in ("user_id", "item_id", "deck_id")}
        _attach(CardState(**keys, **state_values, created_at=now, updated_at=now))
    else:
        # The statement wrote these values; the loaded object takes them as committed state, so
        # the unit of work has nothing left to flush.
        for name, value in {**state_values, "updated_at": now}.items():
            set_committed_value(row, name, value)
    return log


def _attach(instance: Any) -> None:
    """Put an object the statement stored into the session as persistent, without a query."""
    make_transient_to_detached(instance)
    db.session.add(instance)
