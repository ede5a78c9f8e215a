"""Endpoint settings and the per-import token cap, read from environment-like mappings (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_TIMEOUT = 60.0  # seconds per request; a slow endpoint falls back to the rule engine
DEFAULT_RETRIES = 2  # the openai client retries 429, 5xx, timeouts with exponential backoff
DEFAULT_MAX_TOKENS = 60_000  # per import, prompts and answers together
DEFAULT_OUTPUT_TOKENS = 4_000  # per request


class LlmSettingsError(ValueError):
    """A QUIZAPP_LLM_* variable holds something unusable."""


@dataclass(frozen=True)
class LlmSettings:
    """Where the endpoint is, which model to ask, and how much one import may spend."""

    base_url: str = ""
    api_key: str = ""
    model: str = ""
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_RETRIES
    max_tokens: int = DEFAULT_MAX_TOKENS
    output_tokens: int = DEFAULT_OUTPUT_TOKENS
    usd_per_million_tokens: float = 0.0  # 0: no price shown (a local model)

    @property
    def configured(self) -> bool:
        """Whether an endpoint and a model are set."""
        return bool(self.base_url and self.model)


ENV_NAMES = {
    "base_url": "QUIZAPP_LLM_BASE_URL",
    "api_key": "QUIZAPP_LLM_API_KEY",
    "model": "QUIZAPP_LLM_MODEL",
    "timeout": "QUIZAPP_LLM_TIMEOUT",
    "max_retries": "QUIZAPP_LLM_RETRIES",
    "max_tokens": "QUIZAPP_LLM_MAX_TOKENS",
    "output_tokens": "QUIZAPP_LLM_OUTPUT_TOKENS",
    "usd_per_million_tokens": "QUIZAPP_LLM_USD_PER_MILLION_TOKENS",
}
CONFIG_KEYS = {field: "LLM_" + field.upper() for field in ENV_NAMES}


def settings_from_env(environ: Mapping[str, str]) -> LlmSettings:
    """Settings from QUIZAPP_LLM_* variables; raise LlmSettingsError naming a bad one."""
    values: dict = {}
    for field, name in ENV_NAMES.items():
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        kind = type(getattr(LlmSettings, field))
        try:
            value = kind(raw)
        except ValueError:
            raise LlmSettingsError(f"{name} must be a number, not {raw!r}.") from None
        if kind is not str and value < 0:
            raise LlmSettingsError(f"{name} must not be negative, not {raw!r}.")
        values[field] = value
    return LlmSettings(**values)


def settings_from_config(config: Mapping) -> LlmSettings:
    """Settings from an app config's LLM_* keys (missing keys keep their defaults)."""
    values = {f: config[key] for f, key in CONFIG_KEYS.items() if config.get(key) not in (None, "")}
    return LlmSettings(**values)


def config_from_env(environ: Mapping[str, str]) -> dict:
    """The app config's LLM_* keys from QUIZAPP_LLM_* variables."""
    settings = settings_from_env(environ)
    return {key: getattr(settings, f) for f, key in CONFIG_KEYS.items()}
