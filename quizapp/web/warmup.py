"""Warm the article reader in a web process, so the first import does not pay for it."""

from __future__ import annotations

import threading

from flask import Flask

WARMUP_THREAD = "reader-warmup"


def register_warmup(app: Flask) -> None:
    """Load the reader's libraries in the background on a web process's first request (never in
    tests or command-line runs, which serve no requests)."""
    if app.testing or not app.config.get("READER_WARMUP", True):
        return
    started = threading.Lock()

    @app.before_request
    def _warm_once() -> None:
        if started.acquire(blocking=False):
            threading.Thread(target=warm_reader, name=WARMUP_THREAD, daemon=True).start()


def warm_reader() -> None:
    """Import the HTML reader (trafilatura) and load the language model; spaCy stays out."""
    from quizapp.generation.read import html  # noqa: F401  (the import is the warm-up)
    from quizapp.generation.read.language import preload

    preload()
