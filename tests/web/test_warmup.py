"""A web process warms the article reader on its first request; tests and the CLI never do."""

from __future__ import annotations

import threading

from quizapp import create_app
from quizapp.config import TestConfig
from quizapp.generation.read import language
from quizapp.web.warmup import WARMUP_THREAD


def _app(tmp_path, monkeypatch, *, testing: bool):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = TestConfig()
    config.TESTING = testing
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "warm.db")
    return create_app(config)


def _warmups() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == WARMUP_THREAD]


def test_the_first_request_of_a_web_process_loads_the_language_model(tmp_path, monkeypatch):
    language._identifier.cache_clear()
    app = _app(tmp_path, monkeypatch, testing=False)
    app.test_client().get("/auth/login")
    for thread in _warmups():
        thread.join(timeout=30)
    assert language._identifier.cache_info().currsize == 1
    app.test_client().get("/auth/login")
    assert not _warmups()  # once per process


def test_a_test_app_never_starts_the_warm_up(tmp_path, monkeypatch):
    language._identifier.cache_clear()
    app = _app(tmp_path, monkeypatch, testing=True)
    app.test_client().get("/auth/login")
    assert not _warmups()
    assert language._identifier.cache_info().currsize == 0
