"""Reliability against a real gunicorn server: concurrent idempotent reviews and a SIGKILL."""

from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import TEST_DATABASE_URL, reset_postgres, skip_or_fail
from tests.reliability.server import COUNT_SCRIPT, SEED_SCRIPT, Server, post_json

THREADS = 8
REVIEWS = 100


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    if request.param == "postgres":
        if not TEST_DATABASE_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = "sqlite:///" + str(tmp_path / "load.db")
    instance = tmp_path / "instance"
    instance.mkdir()
    srv = Server(database_url=url, instance=instance)
    srv.seed = srv.run_script(SEED_SCRIPT, str(THREADS), str(REVIEWS))
    yield srv
    srv.stop()
    if request.param == "postgres":
        reset_postgres(TEST_DATABASE_URL)


def _worker(srv: Server, n: int, statuses: list, confirmed: set, stop: threading.Event):
    token = srv.seed["tokens"][n]
    for i, item_id in enumerate(srv.seed["items"][:REVIEWS]):
        if stop.is_set():
            return
        body = {"item_id": item_id, "rating": 3, "client_id": f"u{n}-r{i}"}
        sends = 2 if i % 10 == 0 else 1  # 10% are retried with the same client id
        for _ in range(sends):
            status, _payload = post_json(srv.url + "/api/v1/reviews", body, token)
            statuses.append(status)
            if status in (200, 201):
                confirmed.add(body["client_id"])


def _run_load(srv: Server, stop: threading.Event) -> tuple[list[int], set[str]]:
    statuses: list[int] = []
    confirmed: set[str] = set()
    threads = [
        threading.Thread(target=_worker, args=(srv, n, statuses, confirmed, stop))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    return statuses, confirmed, threads


def test_concurrent_reviews_with_retries_record_exactly_once(server):
    server.start()
    statuses, confirmed, threads = _run_load(server, threading.Event())
    for thread in threads:
        thread.join(timeout=300)
    assert not [s for s in statuses if s >= 500 or s == 0], "server errors or dropped connections"
    assert statuses.count(201) == THREADS * REVIEWS
    assert statuses.count(200) == THREADS * REVIEWS // 10
    counts = server.run_script(COUNT_SCRIPT)
    assert len(counts["client_ids"]) == THREADS * REVIEWS
    assert set(counts["client_ids"]) == confirmed
    assert counts["states"] == THREADS * REVIEWS


def test_sigkill_mid_load_loses_no_acknowledged_review(server):
    server.start()
    stop = threading.Event()
    statuses, confirmed, threads = _run_load(server, stop)
    deadline = time.monotonic() + 60
    while len(confirmed) < THREADS * REVIEWS // 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    acknowledged = set(confirmed)
    assert acknowledged, "no review was acknowledged before the kill"
    server.start()
    stored = set(server.run_script(COUNT_SCRIPT)["client_ids"])
    assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged reviews"
    assert not [s for s in statuses if s >= 500]
