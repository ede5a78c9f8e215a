"""Shared fixtures: app, client, runner, database, users, login helper, fixed clock, seeded RNG."""

from __future__ import annotations

import os
import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g

from quizapp import create_app
from quizapp.config import TestConfig
from quizapp.extensions import db as _db
from quizapp.models import User

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_ARTICLE = PROJECT_ROOT / "decks" / "axis-of-resistance.txt"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
REQUIRE_FULL = os.environ.get("QUIZAPP_REQUIRE_FULL_SUITE") == "1"
PASSWORD = "correct horse battery"


def skip_or_fail(reason: str) -> None:
    """Skip with a reason locally; fail in CI, where every test must run."""
    if REQUIRE_FULL:
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def backend() -> str:
    """The database the app runs on; tests/services overrides this to add PostgreSQL."""
    return "sqlite"


def _database_url(backend: str, tmp_path: Path) -> str:
    if backend == "postgres":
        if not TEST_DATABASE_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        return TEST_DATABASE_URL
    return "sqlite:///" + str(tmp_path / "test.db")


def reset_postgres(target: sa.Engine | str) -> None:
    """Drop and recreate the public schema of a test database (an engine or a URL)."""
    engine = sa.create_engine(target) if isinstance(target, str) else target
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    if isinstance(target, str):
        engine.dispose()


def _forget_cached_user() -> None:
    # Requests reuse the fixture's app context, so `g` outlives a request; Flask-Login caches
    # the user there and would show one client's user to another client.
    g.pop("_login_user", None)


@pytest.fixture
def app(backend, tmp_path, monkeypatch):
    """A fresh app with an empty schema on the chosen backend."""
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = _database_url(backend, tmp_path)
    application = create_app(config)
    application.before_request(_forget_cached_user)
    with application.app_context():
        if backend == "postgres":
            reset_postgres(_db.engine)
        _db.create_all()
        yield application
        _db.session.remove()
        if backend == "postgres":
            _db.drop_all()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The Flask-SQLAlchemy handle, bound to the test app."""
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Factory: make_user("trainee") → a committed User with password PASSWORD."""
    counter = {"n": 0}

    def _make(role: str = "trainee", email: str | None = None, name: str | None = None) -> User:
        counter["n"] += 1
        user = User(
            email=email or f"{role}{counter['n']}@example.com",
            name=name or f"{role.title()} {counter['n']}",
            role=role,
        )
        user.set_password(PASSWORD)
        _db.session.add(user)
        _db.session.commit()
        return user

    return _make


class AuthActions:
    """Log a test client in and out through the real forms."""

    def __init__(self, client):
        self._client = client

    def login(self, user_or_email, password: str = PASSWORD, **kwargs):
        email = getattr(user_or_email, "email", user_or_email)
        return self._client.post(
            "/auth/login", data={"email": email, "password": password, **kwargs}
        )

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def now() -> datetime:
    """A fixed clock reading for deterministic scheduling tests."""
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(1234)


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    """The CSRF token embedded in a rendered form."""
    match = CSRF_RE.search(html)
    assert match, "page has no csrf_token field"
    return match.group(1)
