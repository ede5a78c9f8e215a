"""Migration 0009: decks and jobs default to the rules; earlier generated items are marked rules."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from quizapp import create_app
from quizapp.config import TestConfig as AppTestConfig
from quizapp.extensions import db
from tests.conftest import TEST_DATABASE_URL, reset_postgres, skip_or_fail

BEFORE = [
    "INSERT INTO deck (id, slug, title, description, status, desired_retention, new_per_day, "
    "created_at, updated_at) VALUES (1, 'kept', 'Kept deck', '', 'draft', 0.9, 20, "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    *(
        "INSERT INTO item (id, deck_id, key, type, kind, prompt, answer, choices, accepted, "
        "explanation, quote, topic, tags, status, origin, score, created_at, updated_at) VALUES "
        f"({n}, 1, 'k{n}', 'short_answer', 'fact', 'Which city?', 'Moscow', '[]', '[]', '', '', "
        f"'', '[]', 'draft', '{origin}', 0.5, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        for n, origin in ((1, "generated"), (2, "authored"))
    ),
]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_upgrade_to_0009_marks_old_generated_items_and_downgrades(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    if backend == "postgres":
        if not TEST_DATABASE_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = "sqlite:///" + str(tmp_path / "engine.db")
    config = AppTestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    app = create_app(config)
    with app.app_context():
        upgrade(revision="0008")
        with db.engine.begin() as connection:
            for statement in BEFORE:
                connection.execute(sa.text(statement))
        upgrade(revision="0009")
        with db.engine.connect() as connection:
            engines = connection.execute(sa.text("SELECT engine FROM item ORDER BY id")).all()
            deck = connection.execute(sa.text("SELECT engine FROM deck")).scalar_one()
        assert [row[0] for row in engines] == ["rules", None] and deck == "rules"
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE deck SET engine = 'gpt'"))
        downgrade(revision="0008")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("item")}
        assert "engine" not in columns
        db.engine.dispose()
        if backend == "postgres":
            reset_postgres(TEST_DATABASE_URL)
