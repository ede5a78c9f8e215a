"""Reliability against a real gunicorn server: concurrent idempotent reviews and a SIGKILL,
parallel reviews of one card, parallel retries of one client id."""

from __future__ import annotations

import threading
import time

import pytest

from tests.reliability.server import (
    COUNT_SCRIPT,
    STATE_SCRIPT,
    Server,
    post_json,
    run_at_once,
    seeded_server,
)

THREADS = 8
REVIEWS = 100
CLIENT_ID = "same-id-{round}"  # the same for every user


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    with seeded_server(request.param, tmp_path, THREADS, REVIEWS) as srv:
        yield srv


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


def _per_user(state: dict, key: str, **match) -> dict[str, list]:
    rows: dict[str, list] = {}
    for row in state[key]:
        if all(row[k] == v for k, v in match.items()):
            rows.setdefault(row["user"], []).append(row)
    return rows


def test_parallel_reviews_of_one_card_lose_no_update(server):
    # Finding 4: 20 parallel reviews of one new card gave 20 review rows but reps == 15.
    # Each user's burst runs alone, so both gunicorn workers race on the same card.
    server.start()
    item = server.seed["items"][0]
    users, per_user = 3, 20
    for n in range(users):
        calls = [
            lambda n=n, i=i: post_json(
                server.url + "/api/v1/reviews",
                {"item_id": item, "rating": 3, "client_id": f"card-u{n}-r{i}"},
                server.seed["tokens"][n],
            )
            for i in range(per_user)
        ]
        assert [status for status, _ in run_at_once(calls)] == [201] * per_user
    state = server.run_script(STATE_SCRIPT)
    reviews = _per_user(state, "reviews", item=item)
    reps = _per_user(state, "reps", item=item)
    assert sorted(reviews) == sorted(reps) == [f"t{n}@example.com" for n in range(users)]
    for email in reviews:
        assert len(reviews[email]) == per_user
        assert [row["reps"] for row in reps[email]] == [per_user]


def test_parallel_posts_of_one_client_id_record_one_review_per_user(server):
    # Finding 8: two concurrent posts with one client id both answered "duplicate": false.
    # In each round four users post one id ten times at once; ids are per user, so each user
    # gets their own review, announced as new exactly once.
    server.start()
    item = server.seed["items"][1]
    users, posts, rounds = 4, 10, 5
    for r in range(rounds):
        calls = [
            lambda n=n, r=r: post_json(
                server.url + "/api/v1/reviews",
                {"item_id": item, "rating": 3, "client_id": CLIENT_ID.format(round=r, user=n)},
                server.seed["tokens"][n],
            )
            for n in range(users)
            for _ in range(posts)
        ]
        results = run_at_once(calls)
        for n in range(users):
            mine = results[n * posts : (n + 1) * posts]
            assert sorted(status for status, _ in mine) == [200] * (posts - 1) + [201], (r, n)
            assert [body["duplicate"] for _, body in mine].count(False) == 1, (r, n)
            assert len({body["id"] for _, body in mine}) == 1
    state = server.run_script(STATE_SCRIPT)
    reviews = _per_user(state, "reviews", item=item)
    reps = _per_user(state, "reps", item=item)
    assert len(reviews) == users
    for email, rows in reviews.items():
        n = int(email[1 : email.index("@")])
        expected = [CLIENT_ID.format(round=r, user=n) for r in range(rounds)]
        assert [row["client_id"] for row in rows] == expected
        assert [row["reps"] for row in reps[email]] == [rounds]
