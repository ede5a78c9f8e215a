"""Bench: study-page p95 latency under gunicorn (-w 2) while 10 generation jobs run on 2 workers.

One run, one server, one database (SQLite), one logged-in trainee with CLIENTS client threads
asking for GET /study/<deck> back to back. Phases: idle (workers up, queue empty), busy (ten
articles imported at once: real generator, `quizapp worker --workers 2`), idle again. The
baseline pools both idle phases so drift over the run counts as noise; the ratio is the busy
p95 over the idle p95, and the idle-before/idle-after ratio is printed as the noise. The jobs
must all finish, once each (no duplicate items, no recovery).

Measured on a shared 2-core box (2 web + 2 worker processes): with the workers' default
`--nice 10` the busy p95 was 1.13–1.46× idle over 5 runs (medians +11–12%), with `--nice 0`
1.36–1.81× (QUIZAPP_BENCH_WORKER_NICE=0 reruns that); the idle phases of one run differed by up to
1.26×. Target: ≤ 1.5× idle (that noise plus a margin; equal priority reached 1.81×).
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import GenerationJob, Item, User
from quizapp.services import authoring, generation
from tests.bench.scale_support import bench_app
from tests.reliability.server import free_port
from tests.study_support import make_deck

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ARTICLE = (PROJECT_ROOT / "decks" / "axis-of-resistance.txt").read_text()
PASSWORD = "correct horse battery"
JOBS = 10
WORKERS = 2
CLIENTS = 2
IDLE_SECONDS = 10.0
TARGET = 1.5
# `quizapp worker --nice` for this run (unset: the command's default), to compare priorities.
NICE = os.environ.get("QUIZAPP_BENCH_WORKER_NICE")


def _env(url: str, instance: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        SECRET_KEY="bench-secret",
        QUIZAPP_INSTANCE=str(instance),
        QUIZAPP_INSECURE_COOKIES="1",
        QUIZAPP_QUEUE_URL="",
    )
    env.pop("FLASK_DEBUG", None)
    return env


def _spawn(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        env=env,
        cwd=PROJECT_ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _login(base: str, email: str) -> requests.Session:
    session = requests.Session()
    deadline = time.monotonic() + 60
    while True:
        try:
            page = session.get(f"{base}/auth/login", timeout=5)
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
            time.sleep(0.2)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/auth/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:300]
    return session


def _sample(session: requests.Session, url: str, until) -> list[float]:
    """Latencies of CLIENTS threads GETting `url` back to back until `until()` holds."""
    times: list[float] = []
    errors: list[object] = []
    lock = threading.Lock()

    def run() -> None:
        while not until():
            began = time.perf_counter()
            response = session.get(url, timeout=30)
            elapsed = time.perf_counter() - began
            if response.status_code != 200:
                errors.append((response.status_code, response.text[:200]))
                return
            with lock:
                times.append(elapsed)

    threads = [threading.Thread(target=run) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors, errors[:3]
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _for(seconds: float):
    end = time.monotonic() + seconds
    return lambda: time.monotonic() >= end


def _jobs_finished(ids: list[int], url: str):
    """A check that turns true once no job is queued or running (polled from its own thread)."""
    engine = sa.create_engine(url)
    finished = threading.Event()

    def poll() -> None:
        while True:
            with engine.connect() as connection:
                open_jobs = connection.scalar(
                    sa.select(sa.func.count())
                    .select_from(GenerationJob)
                    .where(
                        GenerationJob.id.in_(ids), GenerationJob.status.in_(("queued", "running"))
                    )
                )
            if open_jobs == 0:
                finished.set()
                engine.dispose()
                return
            time.sleep(0.2)

    threading.Thread(target=poll, daemon=True).start()
    return finished.is_set


def test_study_page_p95_with_ten_generation_jobs_on_two_workers(tmp_path, bench):
    url = "sqlite:///" + str(tmp_path / "queue.db")
    instance = tmp_path / "instance"
    with bench_app(url, instance):
        instructor = User(email="author@example.com", name="Author", role="instructor")
        trainee = User(email="trainee@example.com", name="Trainee", role="trainee")
        for user in (instructor, trainee):
            user.set_password(PASSWORD)
        db.session.add_all([instructor, trainee])
        db.session.commit()
        studied = make_deck(instructor, n_items=200, trainees=(trainee,), slug="studied")
        decks = []
        for n in range(JOBS):
            text = ARTICLE + f"\n\nThis closing note is number {n} of the benchmark."
            source = authoring.import_source(instructor, text.encode(), f"a{n}.txt").source
            decks.append(authoring.create_draft_deck(instructor, source))
        env = _env(url, instance)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        web = _spawn(
            [
                str(BIN / "gunicorn"),
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "tests.bench.http_app:app",
            ],
            env,
            tmp_path / "web.log",
        )
        worker = _spawn(
            [str(BIN / "quizapp"), "worker", "--workers", str(WORKERS)]
            + (["--nice", NICE] if NICE else []),
            env,
            tmp_path / "worker.log",
        )
        try:
            session = _login(base, trainee.email)
            page = f"{base}/study/{studied.id}"
            assert session.get(page, timeout=10).status_code == 200
            _sample(session, page, _for(2.0))  # warm both web workers up
            before = _sample(session, page, _for(IDLE_SECONDS))
            began = time.monotonic()
            ids = [generation.start_generation(deck, instructor).id for deck in decks]
            busy = _sample(session, page, _jobs_finished(ids, url))
            jobs_seconds = time.monotonic() - began
            after = _sample(session, page, _for(IDLE_SECONDS))
        finally:
            _stop(web)
            _stop(worker, signal.SIGINT)
        db.session.rollback()
        jobs = db.session.scalars(sa.select(GenerationJob).where(GenerationJob.id.in_(ids))).all()
        failures = [(job.id, job.status, job.message) for job in jobs if job.status != "done"]
        duplicated = db.session.execute(
            sa.select(Item.deck_id, Item.key)
            .where(Item.deck_id.in_([deck.id for deck in decks]))
            .group_by(Item.deck_id, Item.key)
            .having(sa.func.count() > 1)
        ).all()
        generated = {
            deck_id: count
            for deck_id, count in db.session.execute(
                sa.select(Item.deck_id, sa.func.count())
                .where(Item.deck_id.in_([deck.id for deck in decks]))
                .group_by(Item.deck_id)
            )
        }
        recovered = sum(job.recoveries for job in jobs)
    idle = _p95(before + after)
    loaded = _p95(busy)
    ratio = loaded / idle
    noise = _p95(after) / _p95(before)
    bench.record(
        f"Study page p95 while {JOBS} generation jobs run on {WORKERS} workers (gunicorn -w 2)",
        size=f"{JOBS} articles × {len(ARTICLE) // 1000} kB, {CLIENTS} client threads",
        median=loaded,
        baseline=idle,
        ratio=ratio,
        runs=len(busy),
        target=f"≤ {TARGET:.1f}× idle p95",
        passed=ratio <= TARGET and not failures and not duplicated,
    )
    print(
        f"\nQueue: {JOBS} jobs done in {jobs_seconds:.1f} s on {WORKERS} workers; study page p95 "
        f"idle {idle * 1000:.1f} ms (before {_p95(before) * 1000:.1f}, after "
        f"{_p95(after) * 1000:.1f}: noise {noise:.2f}×), busy {loaded * 1000:.1f} ms "
        f"({ratio:.2f}×); median idle {statistics.median(before + after) * 1000:.1f} ms, busy "
        f"{statistics.median(busy) * 1000:.1f} ms; items per deck {sorted(generated.values())}"
    )
    assert not failures, failures
    assert len(jobs) == JOBS and recovered == 0
    assert not duplicated and len(generated) == JOBS
    assert ratio <= TARGET
