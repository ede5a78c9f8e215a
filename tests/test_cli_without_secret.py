"""Every maintenance command works without SECRET_KEY; configuration errors are one line, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

QUIZAPP = Path(sys.executable).with_name("quizapp")
DECKS = Path(__file__).resolve().parent.parent / "decks"


def _run(*args: str, cwd: Path, **env_extra: str) -> subprocess.CompletedProcess:
    drop = ("SECRET_KEY", "DATABASE_URL", "FLASK_DEBUG", "QUIZAPP_TRUSTED_PROXIES")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["QUIZAPP_INSTANCE"] = str(cwd / "instance")
    env.update(env_extra)
    return subprocess.run(
        [str(QUIZAPP), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def _one_line_error(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0], lines
    assert "Traceback" not in result.stderr + result.stdout


def test_maintenance_commands_run_without_secret_key(tmp_path):
    slug = sorted(DECKS.glob("*.yaml"))[0]
    steps = [
        ("--help",),
        ("db", "upgrade"),
        ("create-user", "--email", "ida@example.com", "--role", "instructor",
         "--password", "long-enough"),
        ("set-role", "ida@example.com", "admin"),
        ("import-deck", str(slug)),
        ("export", slug.stem, "--format", "json", "-o", str(tmp_path / "deck.json")),
        ("export-deck", slug.stem, "-o", str(tmp_path / "deck.yaml")),
        ("routes",),
    ]  # fmt: skip
    for args in steps:
        result = _run(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "SECRET_KEY" not in result.stderr, args
    assert (tmp_path / "deck.json").stat().st_size > 0


def test_serving_without_secret_key_is_one_line_and_exit_2(tmp_path):
    _one_line_error(_run("run", cwd=tmp_path), "SECRET_KEY is not set")


@pytest.mark.parametrize("args", [("run",), ("create-user", "--email", "a@example.com")])
def test_bad_setting_is_one_line_and_exit_2(tmp_path, args):
    result = _run(*args, cwd=tmp_path, SECRET_KEY="k" * 32, QUIZAPP_TRUSTED_PROXIES="many")
    _one_line_error(result, "QUIZAPP_TRUSTED_PROXIES must be a number")


def test_database_not_set_up_is_one_line_and_exit_2(tmp_path):
    result = _run("create-user", "--email", "a@example.com", "--password", "x" * 8, cwd=tmp_path)
    _one_line_error(result, "quizapp db upgrade")
