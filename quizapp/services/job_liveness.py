"""Ownership and signs of life of queued jobs: claim, heartbeat, progress, finish, recovery."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import GenerationJob, utcnow

# A dead worker's job is queued again this many times, then failed.
MAX_RECOVERIES = 1
DIED_TWICE = (
    "Generation stopped twice because its worker died (a crash, restart or deploy). "
    "The article is kept; try again."
)


class JobStopped(Exception):
    """The job was cancelled, deleted, or given to another worker: stop without saving."""


@dataclass
class Liveness:
    """What the heartbeat thread learnt; the generator checks it between steps."""

    stopped: bool = False

    def check(self) -> None:
        """Raise JobStopped once the heartbeat found the job no longer ours."""
        if self.stopped:
            raise JobStopped("the job was cancelled or taken over")


def _owned(job_id: int, claim: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        GenerationJob.id == job_id,
        GenerationJob.claim == claim,
        GenerationJob.status == "running",
    )


def mark_enqueued(job_id: int) -> None:
    """Record that the job's message reached the queue."""
    db.session.execute(
        sa.update(GenerationJob).where(GenerationJob.id == job_id).values(enqueued_at=utcnow())
    )
    db.session.commit()


def claim(job_id: int, claim: str) -> bool:
    """Take a queued job (or retry our own): exactly one task run can own a job."""
    result = db.session.execute(
        sa.update(GenerationJob)
        .where(
            GenerationJob.id == job_id,
            sa.or_(
                GenerationJob.status == "queued",
                sa.and_(GenerationJob.status == "running", GenerationJob.claim == claim),
            ),
        )
        .values(
            status="running",
            claim=claim,
            heartbeat_at=utcnow(),
            progress=1,
            message="Reading the article…",
        )
    )
    db.session.commit()
    return result.rowcount == 1


def report(job_id: int, claim: str, percent: int, message: str, *, commit: bool = True) -> None:
    """Write progress for a job we own; JobStopped when it is no longer ours."""
    result = db.session.execute(
        sa.update(GenerationJob)
        .where(_owned(job_id, claim))
        .values(progress=percent, message=message, heartbeat_at=utcnow())
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise JobStopped("the job was cancelled or taken over")
    if commit:
        db.session.commit()


def finish(job_id: int, claim: str, *, status: str, message: str) -> None:
    """Mark a job we own done or failed."""
    values = {"status": status, "message": message, "finished_at": utcnow()}
    if status == "done":
        values["progress"] = 100
    db.session.execute(sa.update(GenerationJob).where(_owned(job_id, claim)).values(**values))
    db.session.commit()


@contextmanager
def heartbeat(job_id: int, claim: str, *, every: float) -> Iterator[Liveness]:
    """Beat every few seconds from a thread while the job runs (generation steps can be long)."""
    engine = db.engine
    state = Liveness()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(every):
            try:
                with engine.begin() as connection:
                    result = connection.execute(
                        sa.update(GenerationJob)
                        .where(_owned(job_id, claim))
                        .values(heartbeat_at=utcnow())
                    )
            except sa.exc.DBAPIError:
                continue  # a database blip: the next beat tries again
            if result.rowcount != 1:
                state.stopped = True
                return

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        done.set()
        thread.join(every + 5)


def recover_dead(dead_after: timedelta) -> list[int]:
    """Requeue (once) or fail running jobs whose worker stopped beating; ids to enqueue again."""
    cutoff = utcnow() - dead_after
    # A job from before the queue (no claim, no heartbeat) counts by its age.
    beat = sa.func.coalesce(GenerationJob.heartbeat_at, GenerationJob.created_at)
    stale = db.session.execute(
        sa.select(GenerationJob.id, GenerationJob.claim, GenerationJob.recoveries).where(
            GenerationJob.status == "running", beat < cutoff
        )
    ).all()
    db.session.commit()
    requeued = []
    for job_id, owner, recoveries in stale:
        same_owner = (
            GenerationJob.claim.is_(None) if owner is None else GenerationJob.claim == owner
        )
        guard = sa.and_(
            GenerationJob.id == job_id,
            GenerationJob.status == "running",
            same_owner,
            beat < cutoff,
        )
        if recoveries >= MAX_RECOVERIES:
            values = {"status": "failed", "message": DIED_TWICE, "finished_at": utcnow()}
        else:
            values = {
                "status": "queued",
                "claim": None,
                "enqueued_at": None,
                "recoveries": GenerationJob.recoveries + 1,
                "message": "Its worker stopped; the job was queued again.",
            }
        result = db.session.execute(sa.update(GenerationJob).where(guard).values(**values))
        db.session.commit()
        if result.rowcount == 1 and values["status"] == "queued":
            requeued.append(job_id)
    return requeued


def never_enqueued(grace: timedelta) -> list[int]:
    """Queued jobs whose message never reached the queue (it was down when they were made)."""
    ids = db.session.scalars(
        sa.select(GenerationJob.id).where(
            GenerationJob.status == "queued",
            GenerationJob.enqueued_at.is_(None),
            GenerationJob.created_at < utcnow() - grace,
        )
    ).all()
    db.session.commit()
    return list(ids)
