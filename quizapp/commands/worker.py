"""`quizapp worker`: run the task-queue consumer (generation jobs)."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("worker")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each runs one job at a time).",
)
@with_appcontext
def worker_command(workers: int) -> None:
    """Run the task-queue consumer until Ctrl-C (finishes running jobs) or SIGTERM."""
    from quizapp.jobs.broker import QueueConfigError
    from quizapp.jobs.worker import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = current_app._get_current_object()
    try:
        run_worker(app, workers)
    except QueueConfigError as error:
        raise click.ClickException(str(error)) from error


COMMANDS = (worker_command,)
