"""Browser logins as revocable server-side rows behind Flask-Login's "<user id>:<token>" id."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import LoginSession, User, utcnow

# A login without "keep me logged in" lives in a browser-session cookie; a copy of that cookie
# must not work for ever, so the server ends it after a day even if the browser stays open.
BROWSER_LIFETIME = timedelta(days=1)
MAX_LOGIN_ID = 200


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_login(user: User, lifetime: timedelta, *, now: datetime | None = None) -> str:
    """Record a new login for the user, bind it to the object and return its token (commits)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.execute(
        sa.delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.expires_at <= now
        )
    )
    db.session.add(
        LoginSession(
            user_id=user.id, token_hash=_hash(token), created_at=now, expires_at=now + lifetime
        )
    )
    db.session.commit()
    user.login_token = token
    return token


def user_for_login(login_id: str, *, now: datetime | None = None) -> User | None:
    """The user of a live login id "<user id>:<token>"; None when unknown, revoked or expired."""
    user_id, _, token = login_id.partition(":")
    if not token or not user_id.isdigit() or len(login_id) > MAX_LOGIN_ID:
        return None
    row = db.session.execute(
        sa.select(User, LoginSession.expires_at)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.token_hash == _hash(token))
    ).first()
    if row is None or row.expires_at <= (now or utcnow()):
        return None
    user = row.User
    if str(user.id) != user_id:
        return None
    user.login_token = token
    return user


def close_login(user: User) -> None:
    """End the login this user object was loaded for (its remember cookie dies with it)."""
    token = getattr(user, "login_token", None)
    if token:
        db.session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == _hash(token)))
        db.session.commit()
    user.login_token = None


def revoke_logins(user: User) -> None:
    """Delete every login of the user, without committing: the caller's change commits it."""
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user.id))
    user.login_token = None


def end_all_logins(user: User) -> None:
    """Log the user out everywhere: every session and remember cookie stops working (commits)."""
    revoke_logins(user)
    db.session.commit()


def count_logins(user: User, *, now: datetime | None = None) -> int:
    """How many live logins the user has (this browser's included)."""
    query = sa.select(sa.func.count()).where(
        LoginSession.user_id == user.id, LoginSession.expires_at > (now or utcnow())
    )
    return db.session.scalar(query) or 0
