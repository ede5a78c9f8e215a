"""Quiz attempts against a real gunicorn server: parallel starts of a one-attempt quiz, and quiz
answers that no other trainee can block by claiming their review ids."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.reliability.server import (
    QUIZ_SCRIPT,
    STATE_SCRIPT,
    WebSession,
    post_json,
    run_at_once,
    seeded_server,
)

TRAINEES = 5
ITEMS = 10
ROUNDS = 3  # one fresh one-attempt quiz per round of parallel starts
ATTEMPT_URL = re.compile(r"/quiz/attempt/(\d+)$")


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    with seeded_server(request.param, tmp_path, TRAINEES, ITEMS) as srv:
        srv.quizzes = srv.run_script(QUIZ_SCRIPT, str(ROUNDS))["quizzes"]
        srv.start()
        yield srv


def _attempt_id(location: str) -> int:
    match = ATTEMPT_URL.search(location)
    assert match, f"not an attempt page: {location!r}"
    return int(match.group(1))


def test_parallel_starts_of_a_one_attempt_quiz_create_one_attempt(server):
    # Finding 3: 20–30 parallel starts created 2 attempts in 3 of 4 runs. Each user's burst runs
    # alone, so both gunicorn workers race on the same user's limit.
    users, starts = 4, 24
    sessions = []
    for n in range(users):
        session = WebSession(server.url)
        session.login(f"t{n}@example.com")
        sessions.append((session, session.csrf(f"/quiz/q/{server.quizzes[0]}")))
    locations: dict[tuple[int, int], set[int]] = {}
    for quiz in server.quizzes:
        for n, (session, token) in enumerate(sessions):
            # Every start comes from its own page load (its own client id), as from many tabs.
            calls = [
                lambda session=session, token=token, quiz=quiz: session.request(
                    f"/quiz/q/{quiz}/start", {"csrf_token": token, "client_id": uuid.uuid4().hex}
                )
            ] * starts
            results = run_at_once(calls)
            assert [status for status, _, _ in results] == [302] * starts
            locations[quiz, n] = {_attempt_id(location) for _, _, location in results}
    state = server.run_script(STATE_SCRIPT)
    for quiz in server.quizzes:
        for n in range(users):
            user = f"t{n}@example.com"
            attempts = [
                a["id"] for a in state["attempts"] if a["user"] == user and a["quiz"] == quiz
            ]
            assert len(attempts) == 1, f"t{n} got {len(attempts)} attempts at quiz {quiz}"
            # Every parallel start resumed that one attempt.
            assert locations[quiz, n] == set(attempts)


def test_claimed_quiz_review_ids_do_not_block_the_victims_answers(server):
    # Finding 1: a cohort mate posted reviews with client ids quiz:<next attempt>:<item>; the
    # victim's one allowed attempt then refused every answer and ended with 0.
    answers = {item: f"A{n}" for n, item in enumerate(server.seed["items"])}
    victim, attacker = "t0@example.com", server.seed["tokens"][1]
    quiz = server.quizzes[0]
    predicted = server.run_script(STATE_SCRIPT)["next_attempt_id"]
    claims = [
        post_json(
            server.url + "/api/v1/reviews",
            {"item_id": item, "rating": 1, "client_id": f"quiz:{predicted}:{item}"},
            attacker,
        )[0]
        for item in answers
    ]

    session = WebSession(server.url)
    session.login(victim)
    token = session.csrf(f"/quiz/q/{quiz}")
    status, _, location = session.request(
        f"/quiz/q/{quiz}/start", {"csrf_token": token, "client_id": uuid.uuid4().hex}
    )
    assert status == 302
    attempt = _attempt_id(location)
    assert attempt == predicted  # the attack aimed at the right attempt
    state = server.run_script(STATE_SCRIPT)
    (row,) = [a for a in state["attempts"] if a["id"] == attempt]
    for item in row["item_ids"]:
        form = {"csrf_token": token, "item_id": str(item), "answer": answers[item]}
        status, _, location = session.request(f"/quiz/attempt/{attempt}", form)
        assert status == 302 and location.endswith(f"/quiz/attempt/{attempt}?fb={item}")

    state = server.run_script(STATE_SCRIPT)
    (row,) = [a for a in state["attempts"] if a["id"] == attempt]
    assert row["finished"] and row["score"] == 1.0
    assert row["verdicts"] == ["correct"] * ITEMS
    quiz_reviews = [r for r in state["reviews"] if r["source"] == "quiz"]
    assert sorted((r["user"], r["client_id"]) for r in quiz_reviews) == sorted(
        (victim, f"quiz:{attempt}:{item}") for item in answers
    )
    # The reserved ids are refused outright (the answers above would be safe without that too:
    # review ids are unique per user).
    assert claims == [400] * ITEMS
    assert not [r for r in state["reviews"] if r["user"] != victim]
