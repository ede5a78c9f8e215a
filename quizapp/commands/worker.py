"""`quizapp worker`: run the task-queue consumer (generation jobs)."""

from __future__ import annotations

import logging
import os
import signal

import click
from flask import current_app
from flask.cli import with_appcontext

# Background work yields the CPU to web requests; on a machine of its own it still runs flat out.
DEFAULT_NICE = 10


def lower_priority(nice: int) -> None:
    """Raise this process's nice value, and its Linux autogroup's (which decides between sessions).

    With autogroups on (the usual desktop and container default), a process's own nice value only
    ranks it against processes of its session; a worker started in its own session competes with
    the web server through the autogroup's nice value, so that one is lowered too when allowed.
    """
    os.nice(nice)
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(nice))
    except OSError:
        pass  # not Linux, autogroups off, or not allowed: the process nice value still holds


@click.command("worker")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each runs one job at a time).",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=DEFAULT_NICE,
    show_default=True,
    help="Lower the workers' CPU priority by this much, so web requests on the same machine "
    "go first (0: leave it).",
)
@with_appcontext
def worker_command(workers: int, nice: int) -> None:
    """Run the task-queue consumer until Ctrl-C (finishes running jobs) or SIGTERM."""
    # Started with "&" from a script (make run), the process begins with SIGINT ignored, and a
    # Ctrl-C before the consumer sets its own handlers would be lost: take the default back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from quizapp.jobs.broker import QueueConfigError
    from quizapp.jobs.worker import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if nice:
        # Busy workers at the web's priority slow the study page on a small box (measured in
        # tests/bench/test_bench_queue.py); forked worker processes inherit the priority.
        lower_priority(nice)
    app = current_app._get_current_object()
    try:
        run_worker(app, workers)
    except QueueConfigError as error:
        raise click.ClickException(str(error)) from error


COMMANDS = (worker_command,)
