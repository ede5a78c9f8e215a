"""Bench: the study loop (next card + record review) at 200 trainees × 500 items and at a tenth.

Full size: 100,000 card states and 1,000,000 review logs, built with `demo_scale` (the code behind
`quizapp demo --scale N`), whose build time is a case too (target < 120 s). Each round is a fresh
request for a random trainee: load user and deck, pick the next card, record a review. Targets:
median ≤ 15 ms at full size, and full size no more than 1.5× the tenth (index-bound, not
scan-bound). Runs on SQLite and, when TEST_DATABASE_URL is set, on the `quizapp_bench` database
of that PostgreSQL server.
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Deck, Membership, User
from quizapp.services import demo, demo_scale, study
from tests.bench.scale_support import bench_app, database_url
from tests.conftest import skip_or_fail

FULL, TENTH = 200, 20
WARMUP, ROUNDS = 20, 300
TARGET_MS = 15.0
SCALING_BUDGET = 1.5
BUILD_BUDGET_S = 120.0
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _loop(summary: demo_scale.ScaleSummary) -> tuple[list[float], int]:
    """Per-round milliseconds of next card + record review, and how many rounds found no card."""
    users = list(
        db.session.scalars(
            sa.select(Membership.user_id).where(Membership.cohort_id == summary.cohort_id)
        )
    )
    rng = random.Random(11)
    timings, empty = [], 0
    moment = NOW
    for n in range(WARMUP + ROUNDS):
        db.session.remove()  # each round is a fresh request
        moment += timedelta(seconds=3)
        user_id = rng.choice(users)
        start = time.perf_counter()
        user = db.session.get(User, user_id)
        deck = db.session.get(Deck, summary.deck_id)
        item = study.next_card(user, deck, now=moment)
        if item is not None:
            study.record_review(
                user, item, 3 if n % 5 else 1, client_id=uuid.uuid4().hex, now=moment
            )
        elapsed = (time.perf_counter() - start) * 1000
        if n >= WARMUP:
            timings.append(elapsed)
            empty += item is None
    return timings, empty


def _measure(backend: str, trainees: int, tmp_path, bench) -> float:
    url = database_url(backend, tmp_path, f"scale-{trainees}")
    if url is None:
        skip_or_fail("TEST_DATABASE_URL is not set")
    with bench_app(url, tmp_path / "instance"):
        demo.ensure_demo_accounts()
        summary = demo_scale.build(trainees, now=NOW)
        size = (
            f"{trainees}×{summary.items}: {summary.card_states:,} states, {summary.reviews:,} logs"
        )
        bench.record(
            f"demo --scale {trainees} build ({backend})",
            size=size,
            median=summary.seconds,
            runs=1,
            target=f"< {BUILD_BUDGET_S:.0f} s",
            passed=summary.seconds < BUILD_BUDGET_S,
        )
        timings, empty = _loop(summary)
    median = statistics.median(timings)
    bench.record(
        f"study loop: next card + review ({backend})",
        size=size,
        median=median / 1000,
        runs=len(timings),
        target=f"≤ {TARGET_MS:.0f} ms",
        passed=median <= TARGET_MS,
    )
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"\n{backend} {trainees} trainees: median {median:.2f} ms, p95 {p95:.2f} ms, {empty} empty"
    )
    assert empty < ROUNDS // 10, "most rounds must find a due card"
    return median


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_study_loop_is_index_bound(backend, tmp_path, bench):
    tenth = _measure(backend, TENTH, tmp_path, bench)
    full = _measure(backend, FULL, tmp_path, bench)
    ratio = full / tenth
    bench.record(
        f"study loop full vs tenth ({backend})",
        size=f"{FULL} vs {TENTH} trainees",
        median=full / 1000,
        baseline=tenth / 1000,
        runs=ROUNDS,
        target=f"≤ {SCALING_BUDGET:.1f}×",
        passed=ratio <= SCALING_BUDGET,
    )
    assert full <= TARGET_MS
    assert ratio <= SCALING_BUDGET
