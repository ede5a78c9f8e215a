"""Generation jobs: queue a deck's generation, run it on a worker and record its progress."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from quizapp.domain.items import QuizItem
from quizapp.extensions import db
from quizapp.models import Deck, GenerationJob, Source, User, utcnow
from quizapp.services import job_liveness
from quizapp.services.authoring_items import merge_generated

ACTIVE = ("queued", "running")
FINISHED = ("done", "failed", "cancelled")
# A queued job nobody picked up for this long probably has no worker to go to.
NO_WORKER_AFTER = timedelta(seconds=30)
QUEUE_DOWN = (
    "The generation queue is unavailable right now; the job starts by itself when it is back."
)


class TransientDatabaseError(Exception):
    """The database failed in a way a later attempt may not (connection lost, locked)."""


def produce_items(
    source: Source, *, seed: int, progress: Callable[[float, str], None]
) -> list[QuizItem]:
    """Run the domain generator over the source text (tests replace this function)."""
    from quizapp.generation.pipeline import generate
    from quizapp.generation.segment import parse_article

    article = parse_article(source.text, "source.txt", title=source.title)
    return generate(article, seed=seed, progress=progress).items


def produce_llm_items(
    source: Source, *, seed: int, progress: Callable[[float, str], None]
) -> tuple[list[QuizItem], str]:
    """The LLM engine's grounded items, with the rule engine filling in; and what happened."""
    from quizapp.generation.llm import client
    from quizapp.generation.llm.engine import describe, fill_in, generate_llm, needs_rules
    from quizapp.generation.llm.settings import settings_from_config
    from quizapp.generation.pipeline import default_count
    from quizapp.generation.segment import parse_article

    settings = settings_from_config(current_app.config)
    if not settings.configured:
        items = produce_items(source, seed=seed, progress=progress)
        for item in items:
            item.engine = "rules"
        return items, LLM_NOT_CONFIGURED
    article = parse_article(source.text, "source.txt", title=source.title)
    run = generate_llm(
        article, settings, client.complete, progress=lambda f, m: progress(0.7 * f, m)
    )
    rules: list[QuizItem] = []
    if needs_rules(run, article, None):
        rules = produce_items(source, seed=seed, progress=lambda f, m: progress(0.7 + 0.29 * f, m))
    items = fill_in(run.items, rules, default_count(article.words))
    used = sum(1 for item in items if item.engine == "rules")
    return items, describe(run, rule_items=used)


LLM_NOT_CONFIGURED = (
    "The LLM engine is not set up on this server (QUIZAPP_LLM_BASE_URL and QUIZAPP_LLM_MODEL), "
    "so the rule engine wrote these items."
)


def llm_settings():
    """The app's LLM endpoint settings (not configured when no endpoint or model is set)."""
    from quizapp.generation.llm.settings import settings_from_config

    return settings_from_config(current_app.config)


def llm_cap_hint() -> str:
    """The LLM engine's token cap as the import form shows it ("" when not set up)."""
    from quizapp.generation.llm.prompt import cap_hint

    settings = llm_settings()
    return cap_hint(settings) if settings.configured else ""


def llm_plan(source: Source):
    """The LLM engine's token plan for an article, or None when no endpoint is configured."""
    from quizapp.generation.llm.prompt import plan
    from quizapp.generation.llm.settings import settings_from_config
    from quizapp.generation.segment import build_article

    settings = settings_from_config(current_app.config)
    if not settings.configured:
        return None
    return plan(build_article(source.text, title=source.title), settings)


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
    """Queue a generation job for the deck with its engine (or run it inline in sync mode)."""
    running = active_job(deck)
    if running is not None:
        return running
    job = GenerationJob(
        deck_id=deck.id,
        requested_by=user.id,
        engine=deck.engine or "rules",
        status="queued",
        progress=0,
        message="Waiting for a worker…",
    )
    db.session.add(job)
    db.session.commit()
    return queue_job(job)


def queue_job(job: GenerationJob) -> GenerationJob:
    """Hand a committed job to the queue (or run it inline in sync mode); the job as it is now."""
    job_id = job.id
    app = current_app._get_current_object()
    if app.config.get("GENERATION_SYNC"):
        run_job(app, job_id, claim=f"sync-{uuid.uuid4().hex}")
        db.session.expire_all()
    else:
        from quizapp.jobs.broker import enqueue_generation

        if enqueue_generation(app, job_id):
            job_liveness.mark_enqueued(job_id)
        else:
            job.message = QUEUE_DOWN
            db.session.commit()
    return db.session.get(GenerationJob, job_id)


def cancel(job: GenerationJob) -> bool:
    """Cancel a queued or running job; its worker stops at its next progress check."""
    result = db.session.execute(
        sa.update(GenerationJob)
        .where(GenerationJob.id == job.id, GenerationJob.status.in_(ACTIVE))
        .values(
            status="cancelled",
            message=sa.case(
                (GenerationJob.deck_id.is_(None), "Cancelled before the article was read."),
                else_="Cancelled. The article is kept; generate again when you want.",
            ),
            finished_at=utcnow(),
        )
    )
    db.session.commit()
    db.session.refresh(job)
    return result.rowcount == 1


def _seed_of(job: GenerationJob) -> int:
    # Each run of a deck uses the next seed, so regenerating proposes new candidates.
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(GenerationJob)
        .where(GenerationJob.deck_id == job.deck_id, GenerationJob.id < job.id)
    )


def run_job(app: Flask, job_id: int, *, claim: str, last_attempt: bool = True) -> None:
    """Claim and do one job in its own app context and session, committing progress.

    A transient database error on an attempt that is not the last one is raised as
    TransientDatabaseError so the queue retries the task; the job keeps its claim meanwhile.
    """
    with app.app_context():
        try:
            if not job_liveness.claim(job_id, claim):
                return  # cancelled, deleted with its deck, or already taken by another run
            every = app.config.get("QUEUE_HEARTBEAT_SECONDS", 5)
            with job_liveness.heartbeat(job_id, claim, every=every) as alive:
                _run(job_id, claim, alive)
        except job_liveness.JobStopped as stop:
            db.session.rollback()
            app.logger.info("generation job %s stopped: %s", job_id, stop)
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
            db.session.rollback()
            app.logger.warning("generation job %s: database error %s", job_id, error)
            if not last_attempt:
                raise TransientDatabaseError(str(error)) from error
            _fail(
                app, job_id, claim, "The database was unavailable; the article is kept, try again."
            )
        except Exception as error:  # the job row must say why, whatever went wrong
            db.session.rollback()
            app.logger.exception("generation job %s failed", job_id)
            _fail(app, job_id, claim, failure_message(error))
        finally:
            db.session.remove()


def _fail(app: Flask, job_id: int, claim: str, message: str) -> None:
    try:
        job_liveness.finish(job_id, claim, status="failed", message=message)
    except sa.exc.DBAPIError:
        # Still down: the job's heartbeat goes stale and a worker's watchdog settles it.
        db.session.rollback()
        app.logger.exception("generation job %s: could not record the failure", job_id)


def failure_message(error: Exception) -> str:
    """A reason an instructor can act on."""
    from quizapp.generation.read.errors import ArticleError

    if isinstance(error, ArticleError):
        return f"The article could not be read: {error}"
    return f"Generation failed ({type(error).__name__}: {error}). The article is kept; try again."


def _run(job_id: int, claim: str, alive: job_liveness.Liveness) -> None:
    job = db.session.get(GenerationJob, job_id)
    if job is None:
        raise job_liveness.JobStopped("the job was deleted")
    if job.deck_id is None:
        # An import: its article is read here, on the worker, not in the web request.
        from quizapp.services.article_import import read_into_deck

        if read_into_deck(job_id, claim, alive) is None:
            return
        db.session.expire_all()
        job = db.session.get(GenerationJob, job_id)
    seed = _seed_of(job)
    engine = job.engine
    deck = db.session.get(Deck, job.deck_id)
    if deck is None:
        raise job_liveness.JobStopped("the deck was deleted")
    if deck.source is None:
        raise ValueError("this deck has no source article")
    source = deck.source
    # Detached with its text loaded, so the long generation below needs no open transaction.
    _ = source.text, source.title
    db.session.expunge(source)
    db.session.commit()
    shown = {"percent": 1, "message": "Reading the article…"}

    def progress(fraction: float, message: str) -> None:
        # Write with guarded UPDATE statements and remember what was written locally: reading
        # the expired job row would open a transaction that stays idle (holding locks) while
        # the generator works. A write that matches no row means the job was cancelled,
        # deleted or given to another worker.
        alive.check()
        percent = max(1, min(99, int(fraction * 100)))
        if percent >= shown["percent"] + 3 or (message and message != shown["message"]):
            shown.update(percent=percent, message=message or shown["message"])
            job_liveness.report(job_id, claim, shown["percent"], shown["message"])

    note = ""
    if engine == "llm":
        candidates, note = produce_llm_items(source, seed=seed, progress=progress)
    else:
        candidates = produce_items(source, seed=seed, progress=progress)
    alive.check()
    job_liveness.report(job_id, claim, 99, "Saving the new items…", commit=False)
    deck = db.session.get(Deck, job.deck_id)
    if deck is None:
        raise job_liveness.JobStopped("the deck was deleted")
    # The guarded update above holds the job row until merge_generated commits, so a watchdog
    # or a cancel cannot slip in between: the items land once, with the job marked done.
    report = merge_generated(deck, candidates)
    message = summary(report.added, report.duplicates)
    job_liveness.finish(job_id, claim, status="done", message=f"{message} {note}".strip())


def summary(added: int, duplicates: int) -> str:
    """The message a finished job shows."""
    text = f"{added} new draft item{'s' if added != 1 else ''} ready for review."
    if duplicates:
        plural = "s" if duplicates != 1 else ""
        text += f" {duplicates} duplicate{plural} of existing items skipped."
    return text


def waiting_hint(job: GenerationJob) -> str:
    """A note for a job that has waited long without a worker picking it up."""
    if job.status == "queued" and utcnow() - job.created_at > NO_WORKER_AFTER:
        return "No worker has picked this job up yet: is `quizapp worker` running?"
    return ""


def job_payload(job: GenerationJob) -> dict[str, Any]:
    """The job as the status page's JSON."""
    return {
        "id": job.id,
        "deck_id": job.deck_id,
        "status": job.status,
        "engine": job.engine,
        "progress": job.progress,
        "message": job.message,
        "hint": waiting_hint(job),
        "finished": job.status in FINISHED,
    }
