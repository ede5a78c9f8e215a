"""Exponential backoff on failed logins per (e-mail, client address), never a lock of the account.

The key is the pair, so an attacker's failures from one address slow down that address only:
the account's owner logging in from anywhere else is not affected. Unknown e-mails are counted
exactly like registered ones, so the throttle itself reveals nothing about which exist.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from quizapp.extensions import db
from quizapp.models import LoginThrottle

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)


def throttle_key(email: str, client: str) -> str:
    """The sha256 of the normalised e-mail and the client address (neither is stored)."""
    return hashlib.sha256(f"{email.strip().lower()}\n{client}".encode()).hexdigest()


def delay_after(failures: int) -> timedelta:
    """How long a pair must wait after this many failures: none, then 1 s doubling to 1 hour."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    steps = min(failures - FREE_FAILURES, 20)
    return min(FIRST_DELAY * 2**steps, MAX_DELAY)


def wait_left(key: str, now: datetime) -> timedelta:
    """How long this pair must still wait before its next attempt is checked (zero when free)."""
    row = db.session.get(LoginThrottle, key)
    if row is None or now - row.last_failure_at >= FORGET_AFTER:
        return timedelta(0)
    return max(row.last_failure_at + delay_after(row.failures) - now, timedelta(0))


def record_failure(key: str, now: datetime) -> None:
    """Count one failure of the pair atomically (concurrent failures all count) and commit."""
    table = LoginThrottle.__table__
    insert = (postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite).insert
    stale = table.c.last_failure_at <= sa.bindparam(
        "stale", now - FORGET_AFTER, type_=table.c.last_failure_at.type
    )
    statement = insert(table).values(key=key, failures=1, last_failure_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": sa.case((stale, 1), else_=table.c.failures + 1),
            "last_failure_at": now,
        },
    )
    db.session.execute(statement)
    db.session.execute(
        sa.delete(LoginThrottle).where(LoginThrottle.last_failure_at <= now - FORGET_AFTER)
    )
    db.session.commit()


def forget(key: str) -> None:
    """Clear the pair's failures after a successful login (the caller commits)."""
    db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.key == key))
