"""Browser-test harness: a live server on 127.0.0.1 and Playwright driving Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.config import TestConfig
from quizapp.extensions import db
from tests.conftest import skip_or_fail

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture
def live_server(tmp_path, monkeypatch) -> Iterator[LiveServer]:
    """The app served by werkzeug in a thread, on a fresh SQLite file, CSRF enabled."""
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "e2e.db")
    config.WTF_CSRF_ENABLED = True
    app = create_app(config)
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def generation_worker(live_server, tmp_path) -> Iterator[None]:
    """The real `quizapp worker` beside the live server, as `make run` starts it."""
    from tests.queue.support import start_worker, stop_worker

    process = start_worker(live_server.app, tmp_path / "worker.log", real_command=True)
    try:
        yield
    finally:
        stop_worker(process)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (skips, or fails in CI, when absent)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip_or_fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        skip_or_fail("playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=CHROMIUM_ARGS,
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (phone-sized viewport optional per test)."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
