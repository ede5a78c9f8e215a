"""Start and stop real worker processes against a test app's database and queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import GenerationJob

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUIZAPP = Path(sys.executable).with_name("quizapp")
# Parallel runs on one machine give each its own Redis database.
REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def worker_env(app, **extra: str) -> dict[str, str]:
    """The environment a worker needs to share the app's database and queue."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "QUIZAPP_INSTANCE": app.instance_path,
        "QUIZAPP_QUEUE_URL": app.config.get("QUEUE_URL") or "",
    }
    env.update(extra)
    return env


def start_worker(app, log: Path, *, real_command: bool = False, **extra: str) -> subprocess.Popen:
    """A consumer in its own process group (so a SIGKILL takes its worker processes too)."""
    if real_command:
        argv = [str(QUIZAPP), "worker", "--workers", "1"]
    else:
        argv = [sys.executable, "-m", "tests.queue.worker_script"]
    return subprocess.Popen(
        argv,
        cwd=PROJECT_ROOT,
        env=worker_env(app, **extra),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen, sig: int = signal.SIGINT) -> None:
    """Stop a consumer and everything it forked."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        except ProcessLookupError:
            pass


def read_job(job_id: int) -> GenerationJob | None:
    """The job as committed now (a fresh transaction each time)."""
    db.session.rollback()
    db.session.expire_all()
    job = db.session.get(GenerationJob, job_id)
    db.session.rollback()
    return job


def wait_for(job_id: int, done: Callable[[GenerationJob], bool], timeout: float, log: Path):
    """Poll the job row until `done` holds; fail with the worker log otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = read_job(job_id)
        if job is not None and done(job):
            return job
        time.sleep(0.05)
    job = read_job(job_id)
    state = (job.status, job.progress, job.message) if job else None
    raise AssertionError(f"job {job_id} stuck at {state}; worker log:\n{log.read_text()[-3000:]}")


def item_count(deck_id: int) -> int:
    """Items of the deck as committed now."""
    from quizapp.models import Item

    db.session.rollback()
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Item).where(Item.deck_id == deck_id)
    )
