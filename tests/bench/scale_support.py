"""Bench databases: apps on a scratch SQLite file or the `quizapp_bench` PostgreSQL database."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from quizapp import create_app
from quizapp.config import TestConfig
from quizapp.extensions import db

# QUIZAPP_BENCH_DATABASE lets concurrent bench runs on one server use their own databases.
BENCH_DATABASE = os.environ.get("QUIZAPP_BENCH_DATABASE", "quizapp_bench")


def postgres_url(suffix: str = "") -> str | None:
    """A bench database (BENCH_DATABASE + suffix) on the TEST_DATABASE_URL server, created if
    missing (None: no server)."""
    name = BENCH_DATABASE + suffix
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return None
    import psycopg

    url = make_url(base)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def database_url(backend: str, scratch: Path, name: str, suffix: str = "") -> str | None:
    """A fresh database URL for one bench dataset (None when the backend is unavailable);
    `suffix` picks a second PostgreSQL bench database for a second dataset alive at once."""
    if backend == "postgres":
        return postgres_url(suffix)
    return "sqlite:///" + str(scratch / f"{name}.db")


@contextmanager
def bench_app(url: str, instance: Path, **overrides):
    """An app with an empty schema on `url`, inside an app context; dropped again afterwards."""
    os.environ["QUIZAPP_INSTANCE"] = str(instance)
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    for key, value in overrides.items():
        setattr(config, key, value)
    app = create_app(config)
    with app.app_context():
        if url.startswith("postgresql"):
            reset_schema(db.engine)
        db.create_all()
        try:
            yield app
        finally:
            db.session.remove()
            if url.startswith("postgresql"):
                reset_schema(db.engine)
            db.engine.dispose()


def reset_schema(engine: sa.Engine) -> None:
    """Empty a PostgreSQL database (only ever the bench database)."""
    assert engine.url.database.startswith(BENCH_DATABASE), engine.url
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
