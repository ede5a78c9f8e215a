"""Generation jobs on the queue, in process: enqueue, claim, progress, cancel, retry, recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.jobs.broker import huey_for
from quizapp.models import Deck, GenerationJob, Item, utcnow
from quizapp.services import authoring, generation, job_liveness
from tests.services.test_authoring import fake_items


@pytest.fixture
def instructor(make_user):
    return make_user("instructor")


@pytest.fixture
def deck(instructor):
    from tests.services.test_authoring import ARTICLE

    source = authoring.import_source(instructor, ARTICLE.encode(), "lights.txt").source
    return authoring.create_draft_deck(instructor, source)


def run_next_message(app) -> None:
    """Take one message off the app's real (SQLite) queue and execute it as a worker would."""
    huey = huey_for(app)
    task = huey.dequeue()
    assert task is not None, "nothing was enqueued"
    huey.execute(task)


def count_items(db, deck_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Item).where(Item.deck_id == deck_id)
    )


def test_a_request_enqueues_and_the_task_runs_it(app, deck, instructor, monkeypatch, db):
    seen = []

    def produce(source, *, seed, progress):
        progress(0.4, "Finding facts")
        # While the task runs, the request side sees committed progress (a fresh read).
        seen.append(
            db.session.execute(
                sa.select(GenerationJob.status, GenerationJob.progress, GenerationJob.message)
            ).one()
        )
        return fake_items(source.text)

    monkeypatch.setattr(generation, "produce_items", produce)
    job = generation.start_generation(deck, instructor)
    assert job.status == "queued" and job.enqueued_at is not None
    assert count_items(db, deck.id) == 0  # nothing ran in the request
    # A second request while one is queued reuses it and enqueues nothing more.
    assert generation.start_generation(deck, instructor).id == job.id
    assert len(huey_for(app)) == 1
    run_next_message(app)
    assert seen == [("running", 40, "Finding facts")]
    db.session.expire_all()
    assert job.status == "done" and job.progress == 100 and job.claim
    assert count_items(db, deck.id) == 3


def test_cancel_stops_a_running_job_without_saving(app, deck, instructor, monkeypatch, db):
    def produce(source, *, seed, progress):
        progress(0.2, "Reading")
        generation.cancel(db.session.get(GenerationJob, job.id))
        progress(0.6, "Finding facts")  # the next report notices the cancel and stops
        raise AssertionError("not reached")

    monkeypatch.setattr(generation, "produce_items", produce)
    job = generation.start_generation(deck, instructor)
    run_next_message(app)
    db.session.expire_all()
    assert job.status == "cancelled" and "Cancelled" in job.message
    assert count_items(db, deck.id) == 0


def test_cancelled_before_a_worker_takes_it_never_runs(app, deck, instructor, monkeypatch, db):
    monkeypatch.setattr(generation, "produce_items", lambda *a, **k: pytest.fail("ran"))
    job = generation.start_generation(deck, instructor)
    assert generation.cancel(job)
    assert not generation.cancel(job)  # already finished: nothing to do
    run_next_message(app)
    db.session.expire_all()
    assert job.status == "cancelled"


def test_a_job_for_a_deleted_deck_ends_cleanly(app, deck, instructor, monkeypatch, db):
    monkeypatch.setattr(generation, "produce_items", lambda *a, **k: pytest.fail("ran"))
    job_id = generation.start_generation(deck, instructor).id
    assert authoring.delete_deck(deck) == "deleted"
    run_next_message(app)  # no exception, nothing left behind
    assert db.session.get(GenerationJob, job_id) is None


def test_deck_deleted_mid_run_stops_the_job(app, deck, instructor, monkeypatch, db):
    def produce(source, *, seed, progress):
        authoring.delete_deck(db.session.get(Deck, deck_id))
        progress(0.5, "Halfway")
        return fake_items(source.text)

    deck_id = deck.id
    monkeypatch.setattr(generation, "produce_items", produce)
    generation.start_generation(deck, instructor)
    run_next_message(app)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Item)) == 0


def test_transient_database_error_is_retried_then_fails_clearly(
    app, deck, instructor, monkeypatch, db
):
    calls = []

    def flaky(source, *, seed, progress):
        calls.append(seed)
        if len(calls) == 1:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        return fake_items(source.text)

    monkeypatch.setattr(generation, "produce_items", flaky)
    app.config["GENERATION_SYNC"] = False
    job = generation.start_generation(deck, instructor)
    with pytest.raises(generation.TransientDatabaseError):
        generation.run_job(app, job.id, claim="task-1", last_attempt=False)
    db.session.expire_all()
    assert job.status == "running"  # kept for the retry, which has the same claim
    generation.run_job(app, job.id, claim="task-1", last_attempt=False)
    db.session.expire_all()
    assert job.status == "done" and count_items(db, deck.id) == 3

    def down(source, *, seed, progress):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("could not connect"))

    monkeypatch.setattr(generation, "produce_items", down)
    again = generation.start_generation(deck, instructor)
    generation.run_job(app, again.id, claim="task-2", last_attempt=True)
    db.session.expire_all()
    assert again.status == "failed" and "database was unavailable" in again.message


def test_the_generate_task_retries_database_errors():
    from quizapp.jobs import tasks

    assert tasks.DB_RETRIES >= 1 and tasks.DB_RETRY_DELAY > 0


def _running(db, deck, instructor, *, beat_age: timedelta, recoveries: int = 0) -> GenerationJob:
    job = GenerationJob(
        deck_id=deck.id,
        requested_by=instructor.id,
        status="running",
        claim="dead-worker",
        heartbeat_at=utcnow() - beat_age,
        recoveries=recoveries,
    )
    db.session.add(job)
    db.session.commit()
    return job


def test_dead_workers_job_is_requeued_once_then_failed(deck, instructor, db):
    job = _running(db, deck, instructor, beat_age=timedelta(minutes=1))
    assert job_liveness.recover_dead(timedelta(seconds=30)) == [job.id]
    db.session.expire_all()
    assert job.status == "queued" and job.recoveries == 1 and job.claim is None
    # It dies again on its second worker: now it fails with the reason.
    job.status, job.claim, job.heartbeat_at = "running", "second", utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert job_liveness.recover_dead(timedelta(seconds=30)) == []
    db.session.expire_all()
    assert job.status == "failed" and "worker died" in job.message


def test_a_live_job_is_left_alone(deck, instructor, db):
    job = _running(db, deck, instructor, beat_age=timedelta(seconds=2))
    assert job_liveness.recover_dead(timedelta(seconds=30)) == []
    db.session.expire_all()
    assert job.status == "running" and job.recoveries == 0


def test_watchdog_requeues_and_enqueues_jobs_the_queue_never_got(app, deck, instructor, db):
    from quizapp.jobs.worker import watch_once

    dead = _running(db, deck, instructor, beat_age=timedelta(minutes=5))
    other = authoring.create_draft_deck(instructor, deck.source)
    orphan = GenerationJob(
        deck_id=other.id,
        requested_by=instructor.id,
        status="queued",
        created_at=utcnow() - timedelta(minutes=1),
    )
    db.session.add(orphan)
    db.session.commit()
    assert sorted(watch_once(app)) == sorted([dead.id, orphan.id])
    db.session.expire_all()
    assert dead.enqueued_at is not None and orphan.enqueued_at is not None
    assert len(huey_for(app)) == 2
    assert watch_once(app) == []  # nothing is enqueued twice


def test_job_page_hint_when_no_worker_picks_it_up(deck, instructor, db):
    job = GenerationJob(deck_id=deck.id, requested_by=instructor.id, status="queued")
    db.session.add(job)
    db.session.commit()
    assert generation.waiting_hint(job) == ""
    job.created_at = utcnow() - timedelta(minutes=2)
    assert "quizapp worker" in generation.waiting_hint(job)


def test_a_job_left_running_before_the_queue_existed_is_recovered(deck, instructor, db):
    job = GenerationJob(
        deck_id=deck.id,
        requested_by=instructor.id,
        status="running",
        created_at=utcnow() - timedelta(hours=1),
    )
    db.session.add(job)
    db.session.commit()
    assert job_liveness.recover_dead(timedelta(seconds=30)) == [job.id]
    db.session.expire_all()
    assert job.status == "queued" and job.recoveries == 1
