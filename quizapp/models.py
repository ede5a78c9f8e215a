"""Database rows (SQLAlchemy 2.0 typed mappings). See DESIGN §3."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.extensions import db

ROLES = ("trainee", "instructor", "admin")
DECK_STATUSES = ("draft", "published", "archived")
ITEM_TYPES = ("cloze", "mcq", "true_false", "short_answer", "basic")
ITEM_KINDS = ("fact", "argument")
ITEM_STATUSES = ("draft", "approved", "rejected")
ITEM_ORIGINS = ("generated", "authored", "imported")
ENGINES = ("rules", "llm")  # which generator made a generated item (DESIGN §4)


def utcnow() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(UTC)


# Partial indexes of the study session's counts (migration 0011). The queries repeat these
# conditions with literal values (study.py), so SQLite and PostgreSQL can match them to the index.
STUDY_LOG_WHERE = "source = 'study' AND undone_at IS NULL"
NEW_STUDY_LOG_WHERE = STUDY_LOG_WHERE + " AND previous_fsrs IS NULL"
NOT_LIVE_ITEM_WHERE = "status <> 'approved' OR retired_at IS NOT NULL"


def _partial_index(name: str, where: str, *columns: str) -> sa.Index:
    clause = sa.text(where)
    return sa.Index(name, *columns, sqlite_where=clause, postgresql_where=clause)


class UTCDateTime(TypeDecorator):
    """A datetime stored as UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), default="trainee")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (sa.CheckConstraint(f"role IN {ROLES!r}", name="ck_user_role"),)

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password."""
        method = "scrypt"
        if has_app_context():
            method = current_app.config.get("PASSWORD_HASH_METHOD", method)
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Flask-Login's id "<user id>:<login token>": revoking the login ends the session."""
        # login_token is set by services/sessions.py for the browser login this object serves;
        # without one the id ends in ":" and no session or remember cookie can load it.
        return f"{self.id}:{getattr(self, 'login_token', None) or ''}"

    @property
    def is_instructor(self) -> bool:
        """Instructors and admins may author."""
        return self.role in ("instructor", "admin")

    @property
    def is_admin(self) -> bool:
        """Admins may change roles and see everything."""
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class Cohort(db.Model):
    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    instructor_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    instructor: Mapped[User] = relationship()
    members: Mapped[list[User]] = relationship(secondary="membership", order_by="User.name")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    __tablename__ = "membership"

    cohort_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohort.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Source(db.Model):
    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    author: Mapped[str] = mapped_column(sa.String(300), default="")
    publication: Mapped[str] = mapped_column(sa.String(300), default="")
    url: Mapped[str] = mapped_column(sa.String(2000), default="", server_default="")
    text: Mapped[str] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Deck(db.Model):
    __tablename__ = "deck"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    # Per-deck scheduling settings (DESIGN §5).
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_per_day: Mapped[int] = mapped_column(default=20)
    # The generator chosen at import: the built-in rules or an OpenAI-compatible LLM endpoint.
    engine: Mapped[str] = mapped_column(sa.String(10), default="rules", server_default="rules")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Last content change: the Anki package timestamp derives from it (DESIGN §7).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source | None] = relationship()
    owner: Mapped[User | None] = relationship()
    items: Mapped[list[Item]] = relationship(
        back_populates="deck", order_by="Item.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(f"status IN {DECK_STATUSES!r}", name="ck_deck_status"),
        sa.CheckConstraint(f"engine IN {ENGINES!r}", name="ck_deck_engine"),
    )


class Item(db.Model):
    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(120))
    type: Mapped[str] = mapped_column(sa.String(20))
    kind: Mapped[str] = mapped_column(sa.String(20), default="fact")
    prompt: Mapped[str] = mapped_column(sa.Text)
    answer: Mapped[str] = mapped_column(sa.Text)
    choices: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    accepted: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    source_start: Mapped[int | None] = mapped_column()
    source_end: Mapped[int | None] = mapped_column()
    quote: Mapped[str] = mapped_column(sa.Text, default="")
    topic: Mapped[str] = mapped_column(sa.String(200), default="")
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    origin: Mapped[str] = mapped_column(sa.String(20), default="generated")
    # The engine that made a generated item; None for authored and imported items.
    engine: Mapped[str | None] = mapped_column(sa.String(10))
    score: Mapped[float] = mapped_column(default=0.0)
    # Retired items vanished from their deck file; kept so progress and history stay.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    deck: Mapped[Deck] = relationship(back_populates="items")

    __table_args__ = (
        sa.UniqueConstraint("deck_id", "key", name="uq_item_deck_key"),
        # With retired_at, "live items of a deck" is an index-only search (migration 0008).
        sa.Index("ix_item_deck_status", "deck_id", "status", "retired_at"),
        # The few items of a deck that are not live (drafts, rejected, retired); covering, so
        # SQLite prefers it to ix_item_deck_status for them.
        _partial_index(
            "ix_item_deck_not_live", NOT_LIVE_ITEM_WHERE, "deck_id", "status", "retired_at"
        ),
        sa.CheckConstraint(f"type IN {ITEM_TYPES!r}", name="ck_item_type"),
        sa.CheckConstraint(f"kind IN {ITEM_KINDS!r}", name="ck_item_kind"),
        sa.CheckConstraint(f"status IN {ITEM_STATUSES!r}", name="ck_item_status"),
        sa.CheckConstraint(f"origin IN {ITEM_ORIGINS!r}", name="ck_item_origin"),
        sa.CheckConstraint(f"engine IN {ENGINES!r}", name="ck_item_engine"),
    )

    @property
    def is_live(self) -> bool:
        """Visible to trainees: approved and not retired."""
        return self.status == "approved" and self.retired_at is None


class Assignment(db.Model):
    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohort.id", ondelete="CASCADE"))
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="assignments")
    deck: Mapped[Deck] = relationship()

    __table_args__ = (sa.UniqueConstraint("cohort_id", "deck_id", name="uq_assignment"),)


class CardState(db.Model):
    __tablename__ = "card_state"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("item.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"))
    fsrs: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    # fsrs State: 1 learning, 2 review, 3 relearning.
    state: Mapped[int] = mapped_column(default=1)
    stability: Mapped[float | None] = mapped_column()
    difficulty: Mapped[float | None] = mapped_column()
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[Item] = relationship()

    __table_args__ = (
        sa.Index("ix_card_state_user_due", "user_id", "due"),
        sa.Index("ix_card_state_user_deck_due", "user_id", "deck_id", "due"),
    )


class ReviewLog(db.Model):
    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("item.id", ondelete="CASCADE"), index=True)
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column()
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    duration_ms: Mapped[int | None] = mapped_column()
    source: Mapped[str] = mapped_column(sa.String(10), default="study")
    # Chosen by the user's client (study) or derived from attempt and item (quiz, "quiz:" ids
    # that clients may not use); unique per user, so one user's ids never block another's.
    client_id: Mapped[str] = mapped_column(sa.String(64))
    # Card state before this review, so the last rating can be undone.
    previous_fsrs: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Source "anki" only: Anki's interval after the review (days; negative: seconds, learning).
    anki_interval: Mapped[int | None] = mapped_column()

    __table_args__ = (
        sa.Index("ix_review_log_user_time", "user_id", "reviewed_at"),
        sa.Index("ix_review_log_user_deck_time", "user_id", "deck_id", "reviewed_at"),
        # Covers the per-item study totals of the item analysis page (no table lookups).
        sa.Index("ix_review_log_deck_item", "deck_id", "item_id", "rating", "undone_at", "user_id"),
        # Study reviews done today and new cards introduced today, counted from the index alone.
        _partial_index("ix_review_log_study", STUDY_LOG_WHERE, "user_id", "deck_id", "reviewed_at"),
        _partial_index(
            "ix_review_log_study_new", NEW_STUDY_LOG_WHERE, "user_id", "deck_id", "reviewed_at"
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name="ck_review_rating"),
        sa.CheckConstraint("source IN ('study', 'quiz', 'anki')", name="ck_review_source"),
        sa.UniqueConstraint("user_id", "client_id", name="uq_review_log_user_client"),
    )


class Quiz(db.Model):
    __tablename__ = "quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    # kind: "practice" (a trainee's self-practice) or "assigned" (instructor-defined).
    kind: Mapped[str] = mapped_column(sa.String(20), default="practice")
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    # item_ids, count, types, time_limit_s, attempts_allowed, feedback, opens_at, closes_at.
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    deck: Mapped[Deck] = relationship()


class Attempt(db.Model):
    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    item_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[float | None] = mapped_column()
    client_id: Mapped[str | None] = mapped_column(sa.String(64))

    quiz: Mapped[Quiz] = relationship()
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", order_by="Response.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        # Per user: a start form's id never collides with (or reveals) another user's attempt.
        sa.UniqueConstraint("user_id", "client_id", name="uq_attempt_user_client"),
    )


class Response(db.Model):
    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempt.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("item.id", ondelete="CASCADE"), index=True)
    given: Mapped[str] = mapped_column(sa.Text, default="")
    verdict: Mapped[str] = mapped_column(sa.String(10))
    chosen_index: Mapped[int | None] = mapped_column()
    time_ms: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    item: Mapped[Item] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("attempt_id", "item_id", name="uq_response_attempt_item"),
        sa.CheckConstraint("verdict IN ('correct', 'close', 'wrong')", name="ck_response_verdict"),
    )


class GenerationJob(db.Model):
    """A request to generate items for a deck from its source, with progress for the page."""

    __tablename__ = "generation_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None while an import's article waits to be read: the worker makes the deck (PendingArticle).
    deck_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("deck.id", ondelete="CASCADE"), index=True
    )
    requested_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    # An import that turned out to be an article imported before points at it instead.
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))
    status: Mapped[str] = mapped_column(sa.String(20), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Task-queue bookkeeping: when the message was handed to the queue, which task run owns the
    # job (a worker claims it atomically), the owner's last sign of life, and how many times a
    # dead worker's job was queued again.
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim: Mapped[str | None] = mapped_column(sa.String(64))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recoveries: Mapped[int] = mapped_column(default=0, server_default="0")
    # The engine this run uses (the deck's choice when it was queued).
    engine: Mapped[str] = mapped_column(sa.String(10), default="rules", server_default="rules")

    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed', 'cancelled')",
            name="ck_generation_status",
        ),
        sa.CheckConstraint(f"engine IN {ENGINES!r}", name="ck_generation_engine"),
    )


class PendingArticle(db.Model):
    """An import's article as pasted, uploaded or linked, until a worker has read it."""

    __tablename__ = "pending_article"

    job_id: Mapped[int] = mapped_column(
        sa.ForeignKey("generation_job.id", ondelete="CASCADE"), primary_key=True
    )
    # The raw upload (None for a link, which the worker fetches).
    data: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    filename: Mapped[str] = mapped_column(sa.String(300), default="")
    link: Mapped[str] = mapped_column(sa.String(2000), default="")
    title: Mapped[str] = mapped_column(sa.String(300), default="")
    author: Mapped[str] = mapped_column(sa.String(300), default="")
    publication: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ExportJob(db.Model):
    """A large deck export run by a worker; its file waits in the instance folder for its user."""

    __tablename__ = "export_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    deck_id: Mapped[int] = mapped_column(sa.ForeignKey("deck.id", ondelete="CASCADE"), index=True)
    fmt: Mapped[str] = mapped_column(sa.String(10))
    status: Mapped[str] = mapped_column(sa.String(20), default="queued")
    message: Mapped[str] = mapped_column(sa.Text, default="")
    # The finished file: its name inside <instance>/exports, and what the browser is told.
    file_name: Mapped[str | None] = mapped_column(sa.String(100))
    download_name: Mapped[str | None] = mapped_column(sa.String(300))
    mimetype: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name="ck_export_job_status"
        ),
    )


class ApiToken(db.Model):
    """A personal access token; only its sha256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class LoginSession(db.Model):
    """One browser login (session and remember cookie); only the token's sha256 is stored."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginThrottle(db.Model):
    """Failed logins of one (e-mail, client address) pair, keyed by the sha256 of both."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
