"""The tasks a worker runs; each is a thin shell around a service use case."""

from __future__ import annotations

from flask import Flask
from huey import Huey

# Transient database errors are retried this often, this many seconds apart.
DB_RETRIES = 3
DB_RETRY_DELAY = 5


def register_tasks(huey: Huey, app: Flask) -> None:
    """Register the app's tasks on its Huey; app.extensions["quizapp.tasks"] holds them."""

    @huey.task(name="generate", retries=DB_RETRIES, retry_delay=DB_RETRY_DELAY, context=True)
    def generate(job_id: int, task=None) -> None:
        """Generate a deck's items for one job (the generator is imported here, on the worker)."""
        from quizapp.services import generation

        last = task is None or task.retries == 0
        generation.run_job(app, job_id, claim=task.id if task else "inline", last_attempt=last)

    @huey.task(name="export", retries=DB_RETRIES, retry_delay=DB_RETRY_DELAY, context=True)
    def export_deck(job_id: int, task=None) -> None:
        """Write one large deck export to the instance folder for its user."""
        from quizapp.services import export_jobs

        retry = task is not None and task.retries < DB_RETRIES
        last = task is None or task.retries == 0
        export_jobs.run_job(app, job_id, retry=retry, last_attempt=last)

    app.extensions["quizapp.tasks"] = {"generate": generate, "export": export_deck}
