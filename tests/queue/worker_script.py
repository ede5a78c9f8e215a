"""A real `quizapp worker` consumer for tests, with short heartbeats and an optional slow fake
generator (FAKE_STEPS steps of FAKE_STEP_SECONDS each) instead of spaCy."""

from __future__ import annotations

import logging
import os
import time

from quizapp import create_app
from quizapp.jobs.worker import run_worker
from quizapp.services import generation


def slow_fake(source, *, seed, progress):
    """Report progress step by step, then return the usual three fake items."""
    from tests.services.test_authoring import fake_items

    steps = int(os.environ["FAKE_STEPS"])
    for step in range(1, steps + 1):
        time.sleep(float(os.environ.get("FAKE_STEP_SECONDS", "0.5")))
        progress(step / steps, f"Step {step} of {steps}")
    return fake_items(source.text)


def main() -> None:
    """Build the app from the environment and run the consumer until signalled."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(message)s")
    if os.environ.get("FAKE_STEPS"):
        generation.produce_items = slow_fake
    app = create_app()
    app.config.update(QUEUE_HEARTBEAT_SECONDS=0.5, QUEUE_DEAD_AFTER_SECONDS=3)
    with app.app_context():
        run_worker(app, int(os.environ.get("WORKERS", "1")))


if __name__ == "__main__":
    main()
