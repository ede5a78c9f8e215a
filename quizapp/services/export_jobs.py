"""Large deck exports on the task queue: start, run on a worker, serve and expire the file."""

from __future__ import annotations

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from quizapp.extensions import db
from quizapp.models import Deck, ExportJob, Item, User, utcnow
from quizapp.services import export

ACTIVE = ("queued", "running")
# A job still unfinished after this long lost its worker (or never had one): show it as failed.
STALE_AFTER = timedelta(minutes=10)
STALE = "The export stopped before it finished (no worker took it, or its worker died). Try again."
FAILED = "The export failed on the server; try again, or pick a smaller format."


def live_item_count(deck: Deck) -> int:
    """How many items an export of the deck would hold (one COUNT, no rows loaded)."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Item)
        .where(Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None))
    )


def is_large(deck: Deck) -> bool:
    """Whether exporting the deck would take over a second in the request (by item count)."""
    return live_item_count(deck) > current_app.config["EXPORT_TASK_ABOVE_ITEMS"]


def export_dir(app: Flask) -> Path:
    """Where finished export files wait for their user (inside the instance folder)."""
    path = Path(app.instance_path) / "exports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def is_stale(job: ExportJob) -> bool:
    """An unfinished job nobody has finished for STALE_AFTER."""
    return job.status in ACTIVE and utcnow() - job.created_at > STALE_AFTER


def start(user: User, deck: Deck, fmt: str) -> ExportJob | None:
    """Queue an export of the deck for the user (reusing one under way); None: queue is down."""
    from quizapp.jobs.broker import enqueue_export

    under_way = db.session.scalars(
        sa.select(ExportJob)
        .where(
            ExportJob.user_id == user.id,
            ExportJob.deck_id == deck.id,
            ExportJob.fmt == fmt,
            ExportJob.status.in_(ACTIVE),
        )
        .order_by(ExportJob.id.desc())
    ).first()
    if under_way is not None and not is_stale(under_way):
        return under_way
    job = ExportJob(
        user_id=user.id, deck_id=deck.id, fmt=fmt, status="queued", message="Waiting for a worker…"
    )
    db.session.add(job)
    db.session.commit()
    if enqueue_export(current_app._get_current_object(), job.id):
        return job
    db.session.delete(job)
    db.session.commit()
    return None


def _claim(job_id: int, retry: bool) -> bool:
    # A retry after a database error takes back its own running job; exports are idempotent.
    statuses = ACTIVE if retry else ("queued",)
    result = db.session.execute(
        sa.update(ExportJob)
        .where(ExportJob.id == job_id, ExportJob.status.in_(statuses))
        .values(status="running", message="Writing the file…")
    )
    db.session.commit()
    return result.rowcount == 1


def _finish(job_id: int, **values: Any) -> None:
    db.session.execute(
        sa.update(ExportJob)
        .where(ExportJob.id == job_id, ExportJob.status == "running")
        .values(finished_at=utcnow(), **values)
    )
    db.session.commit()


def run_job(app: Flask, job_id: int, *, retry: bool = False, last_attempt: bool = True) -> None:
    """Do one export job on a worker: write the file and record it, or record why not."""
    with app.app_context():
        try:
            if not _claim(job_id, retry):
                return  # deleted with its deck or user, or already done by another run
            job = db.session.get(ExportJob, job_id)
            deck = db.session.get(Deck, job.deck_id)
            user = db.session.get(User, job.user_id)
            if deck is None or user is None:
                return  # deleted since it was claimed: its row went with it
            result = export.export_deck(deck, job.fmt, owner=user)
            name = f"{job_id}-{secrets.token_hex(16)}"
            target = export_dir(app) / name
            partial = target.with_suffix(".part")
            partial.write_bytes(result.data)
            os.replace(partial, target)  # never serve a half-written file
            _finish(
                job_id,
                status="done",
                message="Your file is ready.",
                file_name=name,
                download_name=result.filename,
                mimetype=result.mimetype,
            )
        except export.ExportError as error:
            db.session.rollback()
            _finish(job_id, status="failed", message=str(error))
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
            db.session.rollback()
            app.logger.warning("export job %s: database error %s", job_id, error)
            if not last_attempt:
                raise
            _finish(job_id, status="failed", message=FAILED)
        except Exception:  # the row must say it failed, whatever went wrong
            db.session.rollback()
            app.logger.exception("export job %s failed", job_id)
            _finish(job_id, status="failed", message=FAILED)
        finally:
            db.session.remove()


def job_for(user: User, job_id: int) -> ExportJob | None:
    """The user's own export job, or None (another user's job is as good as missing)."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.user_id != user.id:
        return None
    return job


def file_path(job: ExportJob) -> Path | None:
    """The finished file of a done job, or None when it is not (or no longer) there."""
    if job.status != "done" or not job.file_name:
        return None
    path = export_dir(current_app._get_current_object()) / job.file_name
    return path if path.is_file() else None


def status_of(job: ExportJob) -> tuple[str, str]:
    """(status, message) as the waiting page shows them; a stale job reads as failed."""
    if is_stale(job):
        return "failed", STALE
    if job.status == "done" and file_path(job) is None:
        return "failed", "This file was deleted after a while; export the deck again."
    return job.status, job.message


def job_payload(job: ExportJob) -> dict[str, Any]:
    """The job as the waiting page's JSON."""
    status, message = status_of(job)
    return {
        "id": job.id,
        "status": status,
        "message": message,
        "finished": status in ("done", "failed"),
    }


def cleanup(app: Flask, keep: timedelta | None = None) -> int:
    """Delete export files and rows older than EXPORT_KEEP_SECONDS; how many rows went."""
    keep = keep or timedelta(seconds=app.config.get("EXPORT_KEEP_SECONDS", 3600))
    old = db.session.scalars(
        sa.select(ExportJob).where(ExportJob.created_at < utcnow() - keep)
    ).all()
    for job in old:
        db.session.delete(job)
    db.session.commit()
    # Files go by age too, so those whose row went with its deck or user are not kept forever.
    cutoff = time.time() - keep.total_seconds()
    for path in export_dir(app).iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            continue  # another worker's pass took it first
    return len(old)
