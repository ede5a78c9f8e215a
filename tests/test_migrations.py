"""`alembic check`-style proof: the migrations build exactly the schema the models describe."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from quizapp import create_app
from quizapp.config import TestConfig as AppTestConfig
from quizapp.extensions import db
from tests.conftest import TEST_DATABASE_URL, skip_or_fail

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _app(url: str):
    config = AppTestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    return create_app(config)


def _differences(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def _upgrade_and_compare(app) -> None:
    with app.app_context():
        upgrade()
        if db.engine.dialect.name == "postgresql":
            # Proof that the tables landed in the throwaway schema, not in the shared `public`.
            with db.engine.connect() as connection:
                schema = connection.scalar(sa.text("SELECT current_schema()"))
            assert schema.startswith("quizapp_migrations_")
            assert "user" in sa.inspect(db.engine).get_table_names(schema=schema)
    assert set(db.metadata.tables) <= _tables(app)
    assert _differences(app) == []
    with app.app_context():
        downgrade(revision="base")
    assert _tables(app) <= {"alembic_version"}
    with app.app_context():
        db.engine.dispose()


def test_sqlite_upgrade_matches_models(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    _upgrade_and_compare(_app("sqlite:///" + str(tmp_path / "fresh.db")))


def test_the_comparison_notices_a_missing_column(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    app = _app("sqlite:///" + str(tmp_path / "drift.db"))
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(sa.text("ALTER TABLE source DROP COLUMN publication"))
    differences = _differences(app)
    assert [d[0] for d in differences] == ["add_column"]
    assert differences[0][3].name == "publication"
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def postgres_url():
    """A throwaway schema first on the search path, so tests resetting `public` cannot interfere."""
    if not TEST_DATABASE_URL:
        skip_or_fail("TEST_DATABASE_URL is not set")
    schema = f"quizapp_migrations_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(TEST_DATABASE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_upgrade_matches_models(postgres_url, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    _upgrade_and_compare(_app(postgres_url))


@pytest.mark.slow
def test_quizapp_db_upgrade_and_check_commands(tmp_path):
    """The console command a user runs: `quizapp db upgrade`, then Alembic's own `db check`."""
    env = {
        **os.environ,
        "QUIZAPP_INSTANCE": str(tmp_path / "instance"),
        "SECRET_KEY": "cli-test",
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-c", "from quizapp.cli import cli; cli()"]
    for args in (["db", "upgrade"], ["db", "check"]):
        result = subprocess.run(
            command + args, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert "No new upgrade operations detected" in result.stdout + result.stderr
    assert (tmp_path / "instance" / "quizapp.db").exists()
