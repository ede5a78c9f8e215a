"""`quizapp import-deck` on a file that is not readable YAML: one line, exit status 2."""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.models import Deck
from tests.services.test_decks import make_items, write_deck


def test_cli_reports_deep_nesting_in_one_line_with_status_2(runner, db, tmp_path):
    path = write_deck(tmp_path, make_items())
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "extra: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = runner.invoke(args=["import-deck", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"Error: {path}:") and "nested deeper than" in lines[0]
    assert lines[0].endswith("(not imported; nothing changed)")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0


def test_cli_reports_other_unreadable_yaml_with_status_2(runner, db, tmp_path):
    path = write_deck(tmp_path, make_items())
    path.write_text("format: [unclosed\n", encoding="utf-8")
    result = runner.invoke(args=["import-deck", str(path)])
    assert result.exit_code == 2 and "invalid YAML" in result.output
    missing = runner.invoke(args=["import-deck", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "cannot read the deck file" in missing.output
    assert len(missing.output.strip().splitlines()) == 1


def test_cli_refuses_fields_longer_than_the_database_holds(runner, db, tmp_path):
    path = write_deck(tmp_path, make_items(), title="T" * 301)
    result = runner.invoke(args=["import-deck", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "title is longer than 300 characters" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0
