"""Upgrading from the first schema version to the newest keeps the rows already stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from quizapp import create_app
from quizapp.config import TestConfig as AppTestConfig
from quizapp.extensions import db
from tests.conftest import TEST_DATABASE_URL, reset_postgres, skip_or_fail

MIGRATIONS = Path(__file__).resolve().parents[1] / "quizapp" / "migrations"
FIRST_REVISION = "0001"
ROWS = [
    'INSERT INTO "user" (id, email, name, password_hash, role, created_at, failed_logins) '
    "VALUES (1, 'kept@example.com', 'Kept', 'x', 'trainee', '2026-01-01 00:00:00', 0)",
    "INSERT INTO deck (id, slug, title, description, status, desired_retention, new_per_day, "
    "created_at, updated_at) VALUES (1, 'kept', 'Kept deck', '', 'published', 0.9, 20, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    "INSERT INTO item (id, deck_id, key, type, kind, prompt, answer, choices, accepted, "
    "explanation, quote, topic, tags, status, origin, score, created_at, updated_at) VALUES "
    "(1, 1, 'k1', 'short_answer', 'fact', 'Which city?', 'Moscow', '[]', '[]', '', '', '', '[]', "
    "'approved', 'authored', 0.5, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    "INSERT INTO card_state (user_id, item_id, deck_id, fsrs, due, state, reps, lapses, "
    'created_at, updated_at) VALUES (1, 1, 1, \'{"card_id": 1, "state": 2}\', '
    "'2026-01-05 00:00:00', 2, 1, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    "INSERT INTO review_log (id, user_id, item_id, deck_id, rating, reviewed_at, source, "
    "client_id) VALUES (1, 1, 1, 1, 3, '2026-01-01 00:00:00', 'study', 'kept-review')",
    "INSERT INTO quiz (id, deck_id, title, kind, settings, created_at) VALUES "
    "(1, 1, 'Kept quiz', 'practice', '{}', '2026-01-01 00:00:00')",
    "INSERT INTO attempt (id, quiz_id, user_id, item_ids, started_at, finished_at, score, "
    "client_id) VALUES (1, 1, 1, '[1]', '2026-01-01 00:00:00', '2026-01-01 00:01:00', 1.0, "
    "'kept-attempt')",
    "INSERT INTO response (id, attempt_id, item_id, given, verdict, created_at) VALUES "
    "(1, 1, 1, 'Moscow', 'correct', '2026-01-01 00:00:30')",
]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_upgrade_from_first_revision_keeps_rows(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    if backend == "postgres":
        if not TEST_DATABASE_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = "sqlite:///" + str(tmp_path / "upgrade.db")
    config = AppTestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    app = create_app(config)
    with app.app_context():
        upgrade(revision=FIRST_REVISION)
        with db.engine.begin() as connection:
            for statement in ROWS:
                connection.execute(sa.text(statement))
        upgrade()
        with db.engine.connect() as connection:
            version = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            heads = {row[0] for row in version}
            email = connection.execute(sa.text('SELECT email FROM "user" WHERE id = 1')).scalar()
            review = connection.execute(
                sa.text("SELECT client_id FROM review_log WHERE id = 1")
            ).scalar()
            state = connection.execute(sa.text("SELECT reps FROM card_state")).scalar()
            # rebuilding a parent table (SQLite batch mode) must not cascade into its children
            answers = connection.execute(sa.text("SELECT given FROM response")).scalars().all()
            attempts = connection.execute(sa.text("SELECT client_id FROM attempt")).scalars().all()
        db.engine.dispose()
    if backend == "postgres":
        reset_postgres(TEST_DATABASE_URL)
    assert email == "kept@example.com" and review == "kept-review" and state == 1
    assert answers == ["Moscow"] and attempts == ["kept-attempt"]
    assert heads == set(ScriptDirectory(str(MIGRATIONS)).get_heads())
