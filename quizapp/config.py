"""Configuration read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from quizapp.generation.read.limits import MAX_ARTICLE_BYTES

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """Raised when the app cannot start with the given configuration."""


def _default_database_url(instance_path: str) -> str:
    return "sqlite:///" + os.path.join(instance_path, "quizapp.db")


class Config:
    """Settings for a real deployment; every value can come from the environment."""

    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    MAX_CONTENT_LENGTH = MAX_ARTICLE_BYTES
    # Hosts a link import may reach although they are private or local (comma-separated).
    FETCH_ALLOWED_HOSTS: tuple[str, ...] = ()
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = True
    DECKS_DIR = str(PROJECT_ROOT / "decks")
    # The task queue for generation: empty means SQLite in the instance folder (one machine);
    # redis://… lets web and worker processes on several machines share it.
    QUEUE_URL = ""
    # Run generation inside the request instead of on the queue (tests and the CLI only).
    GENERATION_SYNC = False
    # Deck exports of more live items than this run on the queue (≈ 80 µs an item measured,
    # so 5,000 is ≈ 0.4 s idle and stays under a second on a busy box); their files are
    # deleted this many seconds after they are made.
    EXPORT_TASK_ABOVE_ITEMS = 5000
    EXPORT_KEEP_SECONDS = 3600
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: none). Login
    # throttling and rate limits key on the client address, which needs this behind a proxy.
    TRUSTED_PROXIES = 0
    # The optional LLM engine (QUIZAPP_LLM_*; see generation/llm/settings.py): empty = off.
    LLM_BASE_URL = ""
    LLM_API_KEY = ""
    LLM_MODEL = ""

    def __init__(self) -> None:
        # Re-read the environment at instantiation so tests and CLI see current values.
        self.SECRET_KEY = os.environ.get("SECRET_KEY")
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
        self.DEBUG = os.environ.get("FLASK_DEBUG", "") in {"1", "true", "True"}
        self.QUEUE_URL = os.environ.get("QUIZAPP_QUEUE_URL", "").strip()
        self.TRUSTED_PROXIES = _trusted_proxies(os.environ.get("QUIZAPP_TRUSTED_PROXIES", ""))
        self.__dict__.update(_llm_config())
        self.FETCH_ALLOWED_HOSTS = tuple(
            host.strip().lower()
            for host in os.environ.get("QUIZAPP_FETCH_ALLOWED_HOSTS", "").split(",")
            if host.strip()
        )
        # Plain-http local serving (make run) needs cookies without the Secure flag.
        insecure = os.environ.get("QUIZAPP_INSECURE_COOKIES", "") in {"1", "true", "True"}
        if self.DEBUG or insecure:
            self.SESSION_COOKIE_SECURE = False
            self.REMEMBER_COOKIE_SECURE = False


def _llm_config() -> dict:
    from quizapp.generation.llm.settings import LlmSettingsError, config_from_env

    try:
        return config_from_env(os.environ)
    except LlmSettingsError as error:
        raise ConfigError(str(error)) from None


def _trusted_proxies(value: str) -> int:
    value = value.strip() or "0"
    if not value.isdigit() or int(value) > 10:
        raise ConfigError(f"QUIZAPP_TRUSTED_PROXIES must be a number from 0 to 10, not {value!r}.")
    return int(value)


class TestConfig(Config):
    """Settings for the test suite: fast hashing; CSRF off except in the tests that enable it."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    RATELIMIT_ENABLED = False
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"

    def __init__(self) -> None:
        self.SECRET_KEY = "test-secret-key"
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
        self.DEBUG = False


def finalize(config: dict, instance_path: str) -> None:
    """Fill derived settings and refuse to run with a missing secret outside debug/testing."""
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = _default_database_url(instance_path)
    url = config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options.setdefault("connect_args", {"timeout": 30})
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    if not config.get("SECRET_KEY") and not (config.get("DEBUG") or config.get("TESTING")):
        raise ConfigError(
            "SECRET_KEY is not set: export SECRET_KEY=$(python -c 'import secrets; "
            "print(secrets.token_hex(32))') or run with FLASK_DEBUG=1 for local use."
        )
