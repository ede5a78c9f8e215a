"""Personal access tokens: created once, stored as sha256, revocable."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ApiToken, User, utcnow

TOKEN_PREFIX = "qz_"
MAX_TOKENS = 20


class TokenError(ValueError):
    """A user-caused problem with a token request; the message is shown as is."""


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the user; returns the row and the plain token (shown only once)."""
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name, for example the device that will use it.")
    active = db.session.scalar(
        sa.select(sa.func.count(ApiToken.id)).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )
    if active >= MAX_TOKENS:
        raise TokenError(f"You already have {MAX_TOKENS} active tokens; revoke one first.")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name[:120], token_hash=hash_token(plain))
    db.session.add(token)
    db.session.commit()
    return token, plain


def list_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, newest first (revoked ones included, marked)."""
    return list(
        db.session.scalars(
            sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of the user's tokens; False when it is not theirs or already revoked."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    db.session.commit()
    return True


@functools.cache
def _token_query() -> sa.Select:
    # Every API request runs this: built once, the user in the same query, and the token's own
    # fields as plain columns (loading it as a second entity cost about as much as the query).
    return (
        sa.select(User, ApiToken.id, ApiToken.revoked_at, ApiToken.last_used_at)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == sa.bindparam("token_hash"))
    )


def user_for_token(plain: str, *, now: datetime | None = None) -> User | None:
    """The owner of an active token, recording its last use; None for unknown or revoked."""
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 200:
        return None
    row = db.session.execute(_token_query(), {"token_hash": hash_token(plain)}).first()
    if row is None or row.revoked_at is not None:
        return None
    now = now or utcnow()
    # Touch last_used_at at most once a minute so reads do not turn into writes every request.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        db.session.execute(
            sa.update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now)
        )
        db.session.commit()
    return row.User
