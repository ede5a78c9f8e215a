"""`quizapp worker`: the Huey consumer plus a watchdog that recovers jobs of dead workers."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from flask import Flask

from quizapp.jobs.broker import enqueue_generation, huey_for

log = logging.getLogger(__name__)


def watch_once(app: Flask) -> list[int]:
    """One watchdog pass: requeue dead workers' jobs and enqueue jobs the queue never got."""
    from quizapp.services import article_import, export_jobs, job_liveness

    dead_after = timedelta(seconds=app.config.get("QUEUE_DEAD_AFTER_SECONDS", 30))
    with app.app_context():
        try:
            ids = job_liveness.recover_dead(dead_after) + job_liveness.never_enqueued(
                timedelta(seconds=2)
            )
            for job_id in ids:
                if enqueue_generation(app, job_id):
                    job_liveness.mark_enqueued(job_id)
            export_jobs.cleanup(app)
            article_import.cleanup()
            return ids
        finally:
            from quizapp.extensions import db

            db.session.remove()


def _watch(app: Flask, stop: threading.Event) -> None:
    every = app.config.get("QUEUE_HEARTBEAT_SECONDS", 5)
    while not stop.wait(every):
        try:
            recovered = watch_once(app)
        except Exception:  # database or queue down: try again on the next pass
            log.exception("watchdog pass failed")
            continue
        if recovered:
            log.info("watchdog queued jobs %s", recovered)


def warm_reader() -> None:
    """Import the HTML reader (trafilatura) and load the language model, which every import's
    first step needs; spaCy loads with the first generation."""
    import trafilatura  # noqa: F401  (the import is the warm-up: about 0.15 s)

    from quizapp.generation.read.language import preload

    preload()


def run_worker(app: Flask, workers: int) -> None:
    """Run the consumer with N worker processes until SIGINT (graceful) or SIGTERM."""
    huey = huey_for(app)
    stop = threading.Event()

    @huey.on_startup("quizapp")
    def _worker_started() -> None:
        from quizapp.extensions import db

        with app.app_context():
            # A forked worker must not share the parent's database connections.
            db.engine.dispose(close=False)
        warm_reader()
        threading.Thread(target=_watch, args=(app, stop), name="watchdog", daemon=True).start()

    @huey.on_shutdown("quizapp")
    def _worker_stopped() -> None:
        stop.set()

    consumer = huey.create_consumer(
        workers=workers,
        worker_type="process",
        periodic=False,
        # The SQLite store is polled: keep the wait short so a job starts in well under a second.
        initial_delay=0.1,
        backoff=1.15,
        max_delay=0.5,
        check_worker_health=True,
        health_check_interval=5,
    )
    consumer.run()
