"""`quizapp generate ARTICLE --engine llm` against the local replaying endpoint."""

from __future__ import annotations

import json
from pathlib import Path

from tests.llm.fake_endpoint import FakeEndpoint, recorded, unreachable_url

WEBB = Path(__file__).resolve().parent.parent / "data" / "science_webb.txt"


def env_for(url: str) -> dict[str, str]:
    return {
        "QUIZAPP_LLM_BASE_URL": url,
        "QUIZAPP_LLM_MODEL": "llama3.1:8b",
        "QUIZAPP_LLM_TIMEOUT": "5",
        "QUIZAPP_LLM_RETRIES": "0",
    }


def test_cli_llm_engine_writes_grounded_items_tagged_with_their_engine(runner):
    with FakeEndpoint([recorded("webb_items")]) as server:
        result = runner.invoke(
            args=["generate", str(WEBB), "--engine", "llm", "--count", "10"],
            env=env_for(server.base_url),
        )
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert len(items) == 10
    text = WEBB.read_text(encoding="utf-8")
    assert {item["engine"] for item in items} == {"llm", "rules"}
    for item in items:
        assert item["source"]["text"] in text
    assert "The LLM engine asks about this article in 1 part" in result.stderr
    assert "11 dropped, never shown as drafts" in result.stderr


def test_cli_llm_engine_falls_back_to_the_rules_when_the_endpoint_is_down(runner):
    result = runner.invoke(
        args=["generate", str(WEBB), "--engine", "llm", "--count", "5"],
        env=env_for(unreachable_url()),
    )
    assert result.exit_code == 0, result.stderr
    assert {item["engine"] for item in json.loads(result.stdout)["items"]} == {"rules"}
    assert "The LLM engine could not be used: the endpoint could not be reached" in result.stderr


def test_cli_llm_engine_without_settings_is_one_line_exit_2(runner):
    env = {"QUIZAPP_LLM_BASE_URL": "", "QUIZAPP_LLM_MODEL": ""}
    result = runner.invoke(args=["generate", str(WEBB), "--engine", "llm"], env=env)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: --engine llm needs QUIZAPP_LLM_BASE_URL and QUIZAPP_LLM_MODEL (see the README)."
    )


def test_cli_bad_llm_setting_is_one_line_exit_2(runner):
    env = dict(env_for("http://127.0.0.1:9/v1"), QUIZAPP_LLM_TIMEOUT="soon")
    result = runner.invoke(args=["generate", str(WEBB), "--engine", "llm"], env=env)
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: QUIZAPP_LLM_TIMEOUT must be a number, not 'soon'."
