"""QUIZAPP_LLM_* settings: read from the environment, bad values refused in one line."""

from __future__ import annotations

import pytest

from quizapp.config import Config, ConfigError
from quizapp.generation.llm.settings import LlmSettings, settings_from_config, settings_from_env


def test_settings_from_env_and_back_through_the_app_config(monkeypatch):
    env = {
        "QUIZAPP_LLM_BASE_URL": "http://localhost:11434/v1",
        "QUIZAPP_LLM_MODEL": "llama3.1:8b",
        "QUIZAPP_LLM_MAX_TOKENS": "30000",
        "QUIZAPP_LLM_TIMEOUT": "12.5",
    }
    settings = settings_from_env(env)
    assert settings.configured and settings.max_tokens == 30_000 and settings.timeout == 12.5
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    assert settings_from_config(vars(config)) == settings
    assert not LlmSettings().configured and not settings_from_env({}).configured


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [("QUIZAPP_LLM_RETRIES", "two", "QUIZAPP_LLM_RETRIES must be a number, not 'two'."),
     ("QUIZAPP_LLM_MAX_TOKENS", "-5", "QUIZAPP_LLM_MAX_TOKENS must not be negative, not '-5'.")],
)  # fmt: skip
def test_a_bad_setting_stops_the_app_with_its_name(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        Config()
    assert str(error.value) == message
