"""Quiz service: starting attempts, answering, scoring, limits, idempotency, reviews."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.models import Attempt, CardState, Membership, Quiz, Response, ReviewLog, User
from quizapp.services import quizzes, study
from quizapp.services.quizzes import QuizSettings
from tests.quiz_data import build_world, right_answer, wrong_answer


@pytest.fixture
def world(db, make_user):
    return build_world(make_user)


def _reviews(db, user):
    return list(
        db.session.scalars(
            sa.select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.id)
        )
    )


def _practice(world, now, count=5, **kwargs):
    return quizzes.start_practice(
        world.trainee, world.deck, count=count, rng=random.Random(3), now=now, **kwargs
    )


def _assigned(world, now, **rules):
    return quizzes.create_quiz(
        world.instructor, world.deck, "Week 1", QuizSettings(**rules), now=now
    )


def test_practice_picks_a_deterministic_type_mix(world, now):
    first = _practice(world, now, count=8)
    second = _practice(world, now, count=8)
    assert first.id != second.id
    assert first.item_ids == second.item_ids
    assert len(set(first.item_ids)) == 8
    items = {i.id: i for i in world.items}
    types = [items[i].type for i in first.item_ids]
    assert {t: types.count(t) for t in set(types)} == {
        "mcq": 2,
        "true_false": 2,
        "cloze": 2,
        "short_answer": 2,
    }
    assert first.quiz.kind == "practice"
    assert first.quiz.created_by == world.trainee.id


def test_practice_with_type_filter_and_limits(world, now):
    attempt = _practice(world, now, count=5, types=["mcq", "cloze"])
    items = {i.id: i for i in world.items}
    assert len(attempt.item_ids) == 5
    assert {items[i].type for i in attempt.item_ids} == {"mcq", "cloze"}
    with pytest.raises(quizzes.QuizError, match="5–50"):
        _practice(world, now, count=4)
    with pytest.raises(quizzes.QuizError, match="5–50"):
        _practice(world, now, count=51)


def test_practice_requires_a_visible_deck(world, now):
    with pytest.raises(quizzes.Forbidden):
        quizzes.start_practice(world.outsider, world.deck, count=5, now=now)


def test_practice_start_is_idempotent_on_client_id(world, now, db):
    first = _practice(world, now, client_id="start-abc")
    again = _practice(world, now, client_id="start-abc")
    assert first.id == again.id
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_answers_score_and_reviews_with_ratings(world, now, db):
    attempt = _practice(world, now)
    items = {i.id: i for i in world.items}
    plan = attempt.item_ids
    outcomes = []
    for n, item_id in enumerate(plan):
        item = items[item_id]
        response = right_answer(item) if n < 3 else wrong_answer(item)
        at = now + timedelta(seconds=n)
        outcomes.append(quizzes.answer(world.trainee, attempt, item_id, response, now=at))
    assert [o.grade.verdict for o in outcomes] == ["correct"] * 3 + ["wrong"] * 2
    assert [o.finished for o in outcomes] == [False] * 4 + [True]
    assert attempt.finished_at == now + timedelta(seconds=4)
    assert attempt.score == pytest.approx(0.6)
    logs = _reviews(db, world.trainee)
    assert [(log.item_id, log.rating, log.source) for log in logs] == [
        (item_id, 3 if n < 3 else 1, "quiz") for n, item_id in enumerate(plan)
    ]
    assert [log.client_id for log in logs] == [f"quiz:{attempt.id}:{i}" for i in plan]
    states = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(CardState)
        .where(CardState.user_id == world.trainee.id)
    )
    assert states == 5


def test_close_answer_counts_right_and_rates_good(world, now, db):
    item = world.by_type("cloze")[0]
    quiz = _assigned(world, now, item_ids=[item.id])
    attempt = quizzes.start_attempt(world.trainee, quiz, now=now)
    outcome = quizzes.answer(world.trainee, attempt, item.id, "Khmeimin", now=now)
    assert outcome.grade.verdict == "close"
    assert outcome.finished and attempt.score == 1.0
    assert _reviews(db, world.trainee)[0].rating == 3


def test_same_answer_twice_records_once(world, now, db):
    attempt = _practice(world, now)
    item_id = attempt.item_ids[0]
    item = next(i for i in world.items if i.id == item_id)
    first = quizzes.answer(world.trainee, attempt, item_id, wrong_answer(item), now=now)
    second = quizzes.answer(world.trainee, attempt, item_id, right_answer(item), now=now)
    assert not first.duplicate and second.duplicate
    assert second.response.id == first.response.id
    assert second.grade.verdict == "wrong"  # the first answer stands
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 1
    assert len(_reviews(db, world.trainee)) == 1


def test_concurrent_duplicate_is_caught_as_integrity_error(world, now, db, monkeypatch):
    """A second request that missed the first one's row hits the unique constraint."""
    attempt = _practice(world, now)
    item_id = attempt.item_ids[0]
    item = next(i for i in world.items if i.id == item_id)
    first = quizzes.answer(world.trainee, attempt, item_id, right_answer(item), now=now)
    monkeypatch.setattr(quizzes, "_existing_response", _missing_once(quizzes._existing_response))
    again = quizzes.answer(world.trainee, attempt, item_id, right_answer(item), now=now)
    assert again.duplicate and again.response.id == first.response.id
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 1
    assert len(_reviews(db, world.trainee)) == 1


def _missing_once(real):
    calls = {"n": 0}

    def lookup(attempt, item_id):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(attempt, item_id)

    return lookup


def test_time_limit_enforced_with_grace(world, now, db):
    attempt = _practice(world, now, time_limit_min=5)
    first, second = attempt.item_ids[:2]
    items = {i.id: i for i in world.items}
    on_time = now + timedelta(minutes=5, seconds=30)
    quizzes.answer(world.trainee, attempt, first, right_answer(items[first]), now=on_time)
    with pytest.raises(quizzes.TimeUp, match="Time is up"):
        quizzes.answer(
            world.trainee, attempt, second, right_answer(items[second]),
            now=on_time + timedelta(seconds=1),
        )  # fmt: skip
    assert attempt.finished_at == now + timedelta(minutes=5)
    assert attempt.score == pytest.approx(1 / 5)
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 1
    assert len(_reviews(db, world.trainee)) == 1
    with pytest.raises(quizzes.StaleAnswer, match="already finished"):
        quizzes.answer(world.trainee, attempt, second, "x", now=on_time + timedelta(seconds=2))


def test_attempts_allowed_enforced(world, now):
    quiz = _assigned(world, now, count=3, attempts_allowed=2)
    for n in range(2):
        attempt = quizzes.start_attempt(world.trainee, quiz, rng=random.Random(n), now=now)
        assert quizzes.start_attempt(world.trainee, quiz, now=now).id == attempt.id  # resumes
        quizzes.finish(world.trainee, attempt, now=now)
    state = quizzes.status(world.trainee, quiz, now=now)
    assert (state.used, state.left, state.can_start) == (2, 0, False)
    with pytest.raises(quizzes.QuizUnavailable, match="all 2 attempts"):
        quizzes.start_attempt(world.trainee, quiz, now=now)


def test_window_not_open_and_closed(world, now):
    quiz = _assigned(
        world, now, count=3, opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2)
    )
    with pytest.raises(quizzes.QuizUnavailable, match="opens on"):
        quizzes.start_attempt(world.trainee, quiz, now=now)
    attempt = quizzes.start_attempt(world.trainee, quiz, now=now + timedelta(minutes=90))
    closed = now + timedelta(hours=2)
    with pytest.raises(quizzes.StaleAnswer, match="closed"):
        quizzes.answer(world.trainee, attempt, attempt.item_ids[0], "x", now=closed)
    assert attempt.finished_at == closed
    with pytest.raises(quizzes.QuizUnavailable, match="closed"):
        quizzes.start_attempt(world.trainee, quiz, now=closed)


def test_fixed_items_in_order_and_retired_item_is_stale(world, now, db):
    chosen = [world.items[5].id, world.items[0].id, world.items[9].id]
    quiz = _assigned(world, now, item_ids=chosen, feedback="end")
    attempt = quizzes.start_attempt(world.trainee, quiz, now=now)
    assert attempt.item_ids == chosen
    world.items[0].retired_at = now
    db.session.commit()
    with pytest.raises(quizzes.StaleAnswer, match="withdrawn"):
        quizzes.answer(world.trainee, attempt, world.items[0].id, "Russia", now=now)
    assert quizzes.question_total(attempt) == 2
    assert [i.id for i in quizzes.pending_items(attempt)] == [chosen[0], chosen[2]]
    assert len(_reviews(db, world.trainee)) == 0


def test_answer_all_grades_blanks_as_wrong_and_is_idempotent(world, now, db):
    chosen = [i.id for i in world.items[:4]]
    quiz = _assigned(world, now, item_ids=chosen, feedback="end")
    attempt = quizzes.start_attempt(world.trainee, quiz, now=now)
    items = {i.id: i for i in world.items}
    answers = {chosen[0]: right_answer(items[chosen[0]]), chosen[1]: right_answer(items[chosen[1]])}
    quizzes.answer_all(world.trainee, attempt, answers, now=now)
    assert attempt.finished_at == now and attempt.score == 0.5
    assert [r.verdict for r in attempt.responses] == ["correct", "correct", "wrong", "wrong"]
    quizzes.answer_all(world.trainee, attempt, answers, now=now)
    assert db.session.scalar(sa.select(sa.func.count(Response.id))) == 4
    assert [log.rating for log in _reviews(db, world.trainee)] == [3, 3, 1, 1]


def test_retry_my_mistakes(world, now, db):
    attempt = _practice(world, now)
    items = {i.id: i for i in world.items}
    wrong = attempt.item_ids[:2]
    for item_id in attempt.item_ids:
        pick = wrong_answer if item_id in wrong else right_answer
        response = pick(items[item_id])
        quizzes.answer(world.trainee, attempt, item_id, response, now=now)
    assert quizzes.mistakes_left(attempt) == 2
    retry = quizzes.retry_mistakes(world.trainee, attempt, now=now, client_id="retry-1")
    assert retry.item_ids == wrong and retry.quiz.kind == "practice"
    assert quizzes.retry_mistakes(world.trainee, attempt, client_id="retry-1").id == retry.id
    for item_id in retry.item_ids:
        quizzes.answer(world.trainee, retry, item_id, right_answer(items[item_id]), now=now)
    assert retry.score == 1.0
    with pytest.raises(quizzes.QuizError, match="no mistakes"):
        quizzes.retry_mistakes(world.trainee, retry, now=now)
    with pytest.raises(quizzes.Forbidden):
        quizzes.retry_mistakes(world.outsider, attempt, now=now)


def test_other_users_cannot_answer_or_finish(world, now):
    attempt = _practice(world, now)
    with pytest.raises(quizzes.Forbidden):
        quizzes.answer(world.outsider, attempt, attempt.item_ids[0], "x", now=now)
    with pytest.raises(quizzes.Forbidden):
        quizzes.finish(world.outsider, attempt, now=now)


def test_quiz_definition_rules_and_permissions(world, now, make_user, db):
    with pytest.raises(quizzes.Forbidden):
        quizzes.create_quiz(make_user("instructor"), world.deck, "X", QuizSettings(), now=now)
    with pytest.raises(quizzes.QuizError, match="title"):
        quizzes.create_quiz(world.instructor, world.deck, " ", QuizSettings(), now=now)
    with pytest.raises(quizzes.QuizError, match="closing time"):
        _assigned(world, now, opens_at=now, closes_at=now)
    with pytest.raises(quizzes.QuizError, match="not approved"):
        _assigned(world, now, item_ids=[world.items[0].id, 99999])
    admin_quiz = quizzes.create_quiz(
        make_user("admin"), world.deck, "Admin's", QuizSettings(), now=now - timedelta(days=1)
    )
    assert admin_quiz.kind == "assigned"
    quiz = _assigned(world, now, count=4, attempts_allowed=1, feedback="end")
    quizzes.update_quiz(world.instructor, quiz, "Week 2", QuizSettings(count=6))
    assert db.session.get(Quiz, quiz.id).settings["count"] == 6
    assert [q.id for q, _ in quizzes.deck_quizzes(world.deck)] == [quiz.id, admin_quiz.id]


def test_open_quizzes_lists_only_startable(world, now):
    open_quiz = _assigned(world, now, count=3, attempts_allowed=1)
    _assigned(world, now, count=3, closes_at=now - timedelta(minutes=1))
    assert [q.id for q, _ in quizzes.open_quizzes(world.trainee, now=now)] == [open_quiz.id]
    assert quizzes.open_quizzes(world.outsider, now=now) == []
    attempt = quizzes.start_attempt(world.trainee, open_quiz, now=now)
    quizzes.finish(world.trainee, attempt, now=now)
    assert quizzes.open_quizzes(world.trainee, now=now) == []


def test_result_rows_cover_every_question(world, now):
    attempt = _practice(world, now)
    items = {i.id: i for i in world.items}
    first = attempt.item_ids[0]
    quizzes.answer(world.trainee, attempt, first, right_answer(items[first]), now=now)
    quizzes.finish(world.trainee, attempt, now=now)
    rows = quizzes.result_rows(attempt)
    assert [r.item.id for r in rows] == attempt.item_ids
    assert rows[0].grade.verdict == "correct" and rows[0].response is not None
    assert all(r.response is None and r.grade is None for r in rows[1:])
    assert attempt.score == pytest.approx(0.2)


def _cohort_mate(world, make_user, db):
    mate = make_user("trainee")
    db.session.add(Membership(cohort_id=world.cohort.id, user_id=mate.id))
    db.session.commit()
    return mate


def test_a_mates_review_with_a_quiz_answers_client_id_does_not_block_it(world, now, db, make_user):
    # Finding 1: client ids were unique across users, so a mate's review holding
    # "quiz:<attempt>:<item>" made that answer "not issued to you". Such a row can no longer be
    # written through the API (the prefix is reserved), but one stored before must not matter.
    mate = _cohort_mate(world, make_user, db)
    attempt = _practice(world, now)
    for item_id in attempt.item_ids:
        db.session.add(
            ReviewLog(
                user_id=mate.id,
                item_id=item_id,
                deck_id=world.deck.id,
                rating=1,
                reviewed_at=now,
                source="study",
                client_id=study.quiz_client_id(attempt.id, item_id),
            )
        )
    db.session.commit()
    items = {i.id: i for i in world.items}
    for item_id in attempt.item_ids:
        outcome = quizzes.answer(world.trainee, attempt, item_id, right_answer(items[item_id]))
        assert not outcome.duplicate and outcome.grade.verdict == "correct"
    assert attempt.finished_at is not None and attempt.score == 1.0
    assert [(log.client_id, log.source) for log in _reviews(db, world.trainee)] == [
        (f"quiz:{attempt.id}:{i}", "quiz") for i in attempt.item_ids
    ]
    assert len(_reviews(db, mate)) == len(attempt.item_ids)


def test_attempt_client_ids_are_per_user(world, now, db, make_user):
    mate = _cohort_mate(world, make_user, db)
    theirs = quizzes.start_practice(mate, world.deck, count=5, now=now, client_id="start-1")
    mine = _practice(world, now, client_id="start-1")
    assert (theirs.user_id, mine.user_id) == (mate.id, world.trainee.id)
    assert _practice(world, now, client_id="start-1").id == mine.id
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 2


def test_parallel_starts_cannot_exceed_the_attempt_limit(app, world, now, db, monkeypatch):
    # Finding 3: the limit was checked, then the attempt inserted, with nothing in between to
    # stop a parallel start. Both threads here pass everything before the lock together.
    quiz = _assigned(world, now, count=3, attempts_allowed=1)
    user_id, quiz_id = world.trainee.id, quiz.id
    db.session.remove()
    barrier = threading.Barrier(2, timeout=10)
    original = quizzes._lock_user

    def racing_lock(user):
        barrier.wait()
        original(user)

    monkeypatch.setattr(quizzes, "_lock_user", racing_lock)
    started, errors = [], []

    def start(n: int) -> None:
        try:
            with app.app_context():
                user = quizzes.db.session.get(User, user_id)
                quiz = quizzes.db.session.get(Quiz, quiz_id)
                started.append(quizzes.start_attempt(user, quiz, client_id=f"tab-{n}").id)
                quizzes.db.session.remove()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len(started) == 2 and started[0] == started[1]
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1
