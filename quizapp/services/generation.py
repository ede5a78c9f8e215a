"""Generation jobs: run the generator for a deck in a background thread and record progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from quizapp.domain.items import QuizItem
from quizapp.extensions import db
from quizapp.models import Deck, GenerationJob, Source, User, utcnow
from quizapp.services.authoring_items import merge_generated

ACTIVE = ("queued", "running")
# A job this old that still says "running" lost its worker (restart or crash).
STALE_AFTER = timedelta(minutes=15)


def produce_items(
    source: Source, *, seed: int, progress: Callable[[float, str], None]
) -> list[QuizItem]:
    """Run the domain generator over the source text (tests replace this function)."""
    from quizapp.generation.pipeline import generate
    from quizapp.generation.segment import parse_article

    article = parse_article(source.text, "source.txt", title=source.title)
    return generate(article, seed=seed, progress=progress).items


def active_job(deck: Deck) -> GenerationJob | None:
    """The deck's queued or running job, if any."""
    return db.session.scalar(
        sa.select(GenerationJob)
        .where(GenerationJob.deck_id == deck.id, GenerationJob.status.in_(ACTIVE))
        .order_by(GenerationJob.id.desc())
    )


def latest_job(deck: Deck) -> GenerationJob | None:
    """The deck's most recent job."""
    return db.session.scalar(
        sa.select(GenerationJob)
        .where(GenerationJob.deck_id == deck.id)
        .order_by(GenerationJob.id.desc())
    )


def start_generation(deck: Deck, user: User) -> GenerationJob:
    """Queue a generation job for the deck and start it (in a thread, or inline in sync mode)."""
    running = active_job(deck)
    if running is not None:
        return running
    job = GenerationJob(
        deck_id=deck.id,
        requested_by=user.id,
        status="queued",
        progress=0,
        message="Waiting to start…",
    )
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    app = current_app._get_current_object()
    if app.config.get("GENERATION_SYNC"):
        run_job(app, job_id)
        db.session.expire_all()
    else:
        threading.Thread(
            target=run_job, args=(app, job_id), name=f"generate-{job_id}", daemon=True
        ).start()
    return db.session.get(GenerationJob, job_id)


def _seed_of(job: GenerationJob) -> int:
    # Each run of a deck uses the next seed, so regenerating proposes new candidates.
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(GenerationJob)
        .where(GenerationJob.deck_id == job.deck_id, GenerationJob.id < job.id)
    )


def run_job(app: Flask, job_id: int) -> None:
    """Do one job in its own app context and session, committing progress as it goes."""
    with app.app_context():
        try:
            _run(job_id)
        except Exception as error:  # the job row must say why, whatever went wrong
            db.session.rollback()
            app.logger.exception("generation job %s failed", job_id)
            job = db.session.get(GenerationJob, job_id)
            if job is not None:
                job.status = "failed"
                job.message = failure_message(error)
                job.finished_at = utcnow()
                db.session.commit()
        finally:
            db.session.remove()


def failure_message(error: Exception) -> str:
    """A reason an instructor can act on."""
    from quizapp.generation.segment import ArticleError

    if isinstance(error, ArticleError):
        return f"The article could not be read: {error}"
    return f"Generation failed ({type(error).__name__}: {error}). The article is kept; try again."


def _run(job_id: int) -> None:
    job = db.session.get(GenerationJob, job_id)
    if job is None:
        return
    seed = _seed_of(job)
    deck = db.session.get(Deck, job.deck_id)
    if deck is None or deck.source is None:
        raise ValueError("this deck has no source article")
    source = deck.source
    # Detached with its text loaded, so the long generation below needs no open transaction.
    _ = source.text, source.title
    db.session.expunge(source)
    job.status, job.progress, job.message = "running", 1, "Reading the article…"
    db.session.commit()
    shown = {"percent": 1, "message": "Reading the article…"}

    def progress(fraction: float, message: str) -> None:
        # Write with UPDATE statements and remember what was written locally: reading the
        # expired job row would open a transaction that stays idle (holding locks) while
        # the generator works.
        percent = max(1, min(99, int(fraction * 100)))
        if percent >= shown["percent"] + 3 or (message and message != shown["message"]):
            shown.update(percent=percent, message=message or shown["message"])
            db.session.execute(
                sa.update(GenerationJob)
                .where(GenerationJob.id == job_id)
                .values(progress=shown["percent"], message=shown["message"])
            )
            db.session.commit()

    candidates = produce_items(source, seed=seed, progress=progress)
    job.progress, job.message = 99, "Saving the new items…"
    db.session.commit()
    report = merge_generated(deck, candidates)
    job.status, job.progress, job.finished_at = "done", 100, utcnow()
    job.message = summary(report.added, report.duplicates)
    db.session.commit()


def summary(added: int, duplicates: int) -> str:
    """The message a finished job shows."""
    text = f"{added} new draft item{'s' if added != 1 else ''} ready for review."
    if duplicates:
        plural = "s" if duplicates != 1 else ""
        text += f" {duplicates} duplicate{plural} of existing items skipped."
    return text


def refresh_stale(job: GenerationJob) -> GenerationJob:
    """Fail a job whose worker vanished, so the page does not wait forever."""
    if job.status in ACTIVE and utcnow() - job.created_at > STALE_AFTER:
        job.status = "failed"
        job.message = (
            "Generation was interrupted (the server restarted). The article is kept; try again."
        )
        job.finished_at = utcnow()
        db.session.commit()
    return job


def job_payload(job: GenerationJob) -> dict[str, Any]:
    """The job as the status page's JSON."""
    return {
        "id": job.id,
        "deck_id": job.deck_id,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "finished": job.status in ("done", "failed"),
    }
