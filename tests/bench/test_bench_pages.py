"""Bench: the trainee progress pages with 5,000 reviews and the instructor item analysis of a
30-trainee cohort, timed through the Flask test client (median of RUNS, target ≤ 100 ms each).

Data: `demo --scale 30` on SQLite — 30 trainees × 500 items, 10 reviews per card (so each
trainee has 5,000 reviews), two checkpoint quiz attempts per trainee.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

import pytest
from flask import g

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import demo_scale
from tests.bench.scale_support import bench_app
from tests.conftest import PASSWORD

TRAINEES = 30
RUNS = 15
TARGET_MS = 100.0
NOW = datetime.now(UTC)


def _forget_cached_user() -> None:
    g.pop("_login_user", None)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    with bench_app("sqlite:///" + str(tmp / "pages.db"), tmp / "instance") as app:
        instructor = User(email="boss@example.com", name="Boss", role="instructor")
        instructor.set_password(PASSWORD)
        db.session.add(instructor)
        db.session.commit()
        summary = demo_scale.build(TRAINEES, now=NOW, owner=instructor, password=PASSWORD)
        # Requests share this app context: forget Flask-Login's cached user between clients.
        app.before_request(_forget_cached_user)
        db.session.remove()
        yield app, summary


def _median_ms(app, email: str, url: str) -> float:
    client = app.test_client()
    assert (
        client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code == 302
    )
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


@pytest.mark.parametrize(
    ("case", "who", "path", "size"),
    [
        ("page: trainee progress, all decks", "trainee", "/study/progress", "5,000 reviews"),
        ("page: trainee progress, one deck", "trainee", "/study/{deck}/progress", "5,000 reviews"),
        (
            "page: instructor item analysis",
            "instructor",
            "/analytics/decks/{deck}/items",
            f"{TRAINEES}-trainee cohort, 500 items",
        ),
    ],
)
def test_page_is_fast(site, bench, case, who, path, size):
    app, summary = site
    email = "boss@example.com" if who == "instructor" else demo_scale.EMAIL.format(1)
    median = _median_ms(app, email, path.format(deck=summary.deck_id))
    bench.record(
        case,
        size=size,
        median=median / 1000,
        runs=RUNS,
        target=f"≤ {TARGET_MS:.0f} ms",
        passed=median <= TARGET_MS,
    )
    assert median <= TARGET_MS
