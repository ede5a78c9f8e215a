"""Quiz pages: taking quizzes without JavaScript, permissions, limits and stale forms."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.domain.grading import grade
from quizapp.models import Attempt, Quiz, Response, ReviewLog, utcnow
from quizapp.services import quizzes
from quizapp.services.deck_rows import item_to_domain
from quizapp.services.quizzes import QuizSettings
from tests.quiz_data import build_world, right_answer, wrong_answer


@pytest.fixture
def world(db, make_user):
    return build_world(make_user)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _start_practice(client, world, **data) -> int:
    form = {"count": 5, **data}
    response = client.post(f"/quiz/deck/{world.deck.id}", data=form)
    assert response.status_code == 302, response.text
    match = re.search(r"/quiz/attempt/(\d+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _shown_item(html: str) -> int:
    return int(re.search(r'name="item_id" value="(\d+)"', html).group(1))


def _post_answer(client, attempt_id, item, value):
    return client.post(
        f"/quiz/attempt/{attempt_id}", data={"item_id": item.id, "answer": str(value)}
    )


def test_index_lists_decks_quizzes_and_history(client, auth, world, db):
    quiz = quizzes.create_quiz(world.instructor, world.deck, "Week 1 check", QuizSettings(count=3))
    auth.login(world.trainee)
    page = client.get("/quiz/")
    assert page.status_code == 200
    assert "Axis of resistance" in page.text
    assert "Week 1 check" in page.text and f"/quiz/q/{quiz.id}" in page.text
    assert "No attempts yet" in page.text
    auth.logout()
    auth.login(world.outsider)
    page = client.get("/quiz/")
    assert "Axis of resistance" not in page.text and "Week 1 check" not in page.text


def test_practice_one_question_per_page_with_immediate_feedback(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    items = {i.id: i for i in world.items}
    for n in range(5):
        page = client.get(f"/quiz/attempt/{attempt_id}")
        assert f"Question {n + 1} of 5" in page.text
        item = items[_shown_item(page.text)]
        value = right_answer(item) if n else wrong_answer(item)
        answered = _post_answer(client, attempt_id, item, value)
        assert answered.status_code == 302
        assert answered.headers["Location"].endswith(f"/quiz/attempt/{attempt_id}?fb={item.id}")
        feedback = client.get(answered.headers["Location"])
        assert ("✗ Wrong" if n == 0 else "✓ Correct") in feedback.text
        assert grade(item_to_domain(item), value).feedback in feedback.text
        assert "The Khmeimim air base near Latakia is run by Russia." in feedback.text
    assert "See your results" in feedback.text
    result = client.get(f"/quiz/attempt/{attempt_id}/result")
    assert "4 of 5" in result.text and "(80%)" in result.text
    assert result.text.count("is run by Russia.") == 5
    assert "Retry my mistakes (1)" in result.text
    assert [log.rating for log in db.session.scalars(sa.select(ReviewLog))].count(1) == 1
    # History: the score and its result link share the second column (visible on a phone).
    history = client.get("/quiz/").text
    assert f'<td>80% · <a href="/quiz/attempt/{attempt_id}/result">Result' in history


def test_refresh_or_double_click_records_once(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    items = {i.id: i for i in world.items}
    item = items[_shown_item(client.get(f"/quiz/attempt/{attempt_id}").text)]
    _post_answer(client, attempt_id, item, right_answer(item))
    again = _post_answer(client, attempt_id, item, wrong_answer(item))
    assert again.status_code == 302
    page = client.get(again.headers["Location"])
    assert "already answered; your first answer counts" in page.text
    assert _count(db, Response) == 1 and _count(db, ReviewLog) == 1
    assert db.session.scalar(sa.select(Response.verdict)) == "correct"


def test_practice_form_errors_are_shown(client, auth, world):
    auth.login(world.trainee)
    page = client.post(f"/quiz/deck/{world.deck.id}", data={"count": 3})
    assert page.status_code == 200
    assert "Number must be between 5 and 50" in page.text


def test_end_feedback_quiz_is_one_form(client, auth, world, db):
    chosen = [world.items[0], world.items[3], world.items[6]]  # mcq, true_false, cloze
    quiz = quizzes.create_quiz(
        world.instructor,
        world.deck,
        "All at once",
        QuizSettings(item_ids=[i.id for i in chosen], feedback="end"),
    )
    auth.login(world.trainee)
    started = client.post(f"/quiz/q/{quiz.id}/start", data={"client_id": "abc123"})
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    twice = client.post(f"/quiz/q/{quiz.id}/start", data={"client_id": "abc123"})
    assert twice.headers["Location"] == started.headers["Location"]
    page = client.get(f"/quiz/attempt/{attempt_id}")
    for item in chosen:
        assert f'name="answer-{item.id}"' in page.text
    data = {f"answer-{chosen[0].id}": "1", f"answer-{chosen[1].id}": "False"}
    sent = client.post(f"/quiz/attempt/{attempt_id}", data=data)
    assert sent.headers["Location"].endswith(f"/quiz/attempt/{attempt_id}/result")
    result = client.get(sent.headers["Location"])
    assert "1 of 3" in result.text
    assert "(left blank)" in result.text
    resent = client.post(f"/quiz/attempt/{attempt_id}", data=data)
    assert resent.status_code == 302
    assert _count(db, Response) == 3 and _count(db, ReviewLog) == 3


def test_time_limit_enforced_by_the_server(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world, time_limit=5)
    page = client.get(f"/quiz/attempt/{attempt_id}")
    assert 'role="timer"' in page.text
    item = next(i for i in world.items if i.id == _shown_item(page.text))
    attempt = db.session.get(Attempt, attempt_id)
    attempt.started_at = utcnow() - timedelta(minutes=5, seconds=31)
    db.session.commit()
    late = _post_answer(client, attempt_id, item, right_answer(item))
    assert late.headers["Location"].endswith(f"/quiz/attempt/{attempt_id}/result")
    result = client.get(late.headers["Location"])
    assert "Time is up" in result.text and "0 of 5" in result.text
    assert _count(db, Response) == 0 and _count(db, ReviewLog) == 0


def test_attempt_limit_and_closed_quiz_messages(client, auth, world, db):
    quiz = quizzes.create_quiz(
        world.instructor, world.deck, "Once", QuizSettings(count=3, attempts_allowed=1)
    )
    auth.login(world.trainee)
    started = client.post(f"/quiz/q/{quiz.id}/start")
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/quiz/attempt/{attempt_id}/finish")
    again = client.post(f"/quiz/q/{quiz.id}/start", follow_redirects=True)
    assert "used all 1 attempt allowed" in again.text
    assert _count(db, Attempt) == 1
    closed = quizzes.create_quiz(
        world.instructor,
        world.deck,
        "Closed",
        QuizSettings(count=3, closes_at=utcnow() - timedelta(hours=1)),
    )
    page = client.get(f"/quiz/q/{closed.id}")
    assert "This quiz has closed." in page.text
    refused = client.post(f"/quiz/q/{closed.id}/start", follow_redirects=True)
    assert "This quiz has closed; no more attempts can be started." in refused.text


def test_withdrawn_question_gives_a_clear_message(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    item = next(
        i
        for i in world.items
        if i.id == _shown_item(client.get(f"/quiz/attempt/{attempt_id}").text)
    )
    item.retired_at = utcnow()
    db.session.commit()
    page = client.post(
        f"/quiz/attempt/{attempt_id}",
        data={"item_id": item.id, "answer": "x"},
        follow_redirects=True,
    )
    assert "withdrawn from the deck" in page.text
    assert "Question 1 of 4" in page.text
    assert _count(db, Response) == 0


def test_retry_my_mistakes_route(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    attempt = db.session.get(Attempt, attempt_id)
    items = {i.id: i for i in world.items}
    for item_id in attempt.item_ids[:2]:
        _post_answer(client, attempt_id, items[item_id], wrong_answer(items[item_id]))
    client.post(f"/quiz/attempt/{attempt_id}/finish")
    retry = client.post(f"/quiz/attempt/{attempt_id}/retry", data={"client_id": "r1"})
    new_id = int(retry.headers["Location"].rsplit("/", 1)[1])
    assert db.session.get(Attempt, new_id).item_ids == attempt.item_ids[:2]
    assert "Question 1 of 2" in client.get(retry.headers["Location"]).text


def test_trainee_permissions(client, auth, world, db, make_user):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    auth.logout()
    auth.login(world.outsider)
    assert client.get(f"/quiz/deck/{world.deck.id}").status_code == 403
    assert client.post(f"/quiz/deck/{world.deck.id}", data={"count": 5}).status_code == 403
    assert client.get(f"/quiz/attempt/{attempt_id}").status_code == 403
    assert client.post(f"/quiz/attempt/{attempt_id}", data={"item_id": 1}).status_code == 403
    assert client.get(f"/quiz/attempt/{attempt_id}/result").status_code == 403
    assert client.post(f"/quiz/attempt/{attempt_id}/retry").status_code == 403
    assert client.post(f"/quiz/attempt/{attempt_id}/finish").status_code == 403
    practice_quiz = db.session.get(Attempt, attempt_id).quiz_id
    assert client.get(f"/quiz/q/{practice_quiz}").status_code == 403
    assert client.get(f"/quiz/manage/{world.deck.id}").status_code == 403
    assert client.get("/quiz/attempt/9999").status_code == 404
    assert client.get("/quiz/deck/9999").status_code == 404


def test_unpublished_deck_is_not_practisable(client, auth, world, db):
    world.deck.status = "draft"
    db.session.commit()
    auth.login(world.trainee)
    assert client.get(f"/quiz/deck/{world.deck.id}").status_code == 403
    assert "Axis of resistance" not in client.get("/quiz/").text


def test_login_required(client, world):
    page = client.get("/quiz/")
    assert page.status_code == 302 and "/auth/login" in page.headers["Location"]


def test_instructor_defines_and_edits_quizzes(client, auth, world, db, make_user):
    other = make_user("instructor")
    auth.login(other)
    assert client.get(f"/quiz/manage/{world.deck.id}").status_code == 403
    assert client.get(f"/quiz/new/{world.deck.id}").status_code == 403
    auth.logout()
    auth.login(world.instructor)
    form = client.get(f"/quiz/new/{world.deck.id}")
    assert form.status_code == 200 and "Fixed list of questions" in form.text
    bad = client.post(f"/quiz/new/{world.deck.id}", data={"title": "Fixed", "mode": "fixed"})
    assert "Tick at least one question" in bad.text
    made = client.post(
        f"/quiz/new/{world.deck.id}",
        data={
            "title": "Week 1",
            "mode": "fixed",
            "items": [str(world.items[0].id), str(world.items[4].id)],
            "attempts_allowed": "2",
            "feedback": "end",
            "time_limit": "10",
            "opens_at": "2026-03-01T08:00",
            "closes_at": "2026-03-08T08:00",
        },
    )
    assert made.status_code == 302
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.title == "Week 1"))
    assert quiz.settings["item_ids"] == [world.items[0].id, world.items[4].id]
    assert quiz.settings["time_limit_s"] == 600 and quiz.settings["feedback"] == "end"
    assert quiz.settings["opens_at"].startswith("2026-03-01T08:00:00")
    listing = client.get(f"/quiz/manage/{world.deck.id}")
    assert "Week 1" in listing.text and "2 fixed" in listing.text
    assert f'<a href="/quiz/edit/{quiz.id}">Week 1<' in listing.text  # the title opens the editor
    edit_page = client.get(f"/quiz/edit/{quiz.id}")
    assert 'value="2026-03-01T08:00"' in edit_page.text
    edited = client.post(
        f"/quiz/edit/{quiz.id}",
        data={"title": "Week 1b", "mode": "random", "count": "4", "types": ["mcq"],
              "attempts_allowed": "0", "feedback": "immediate"},
    )  # fmt: skip
    assert edited.status_code == 302
    db.session.refresh(quiz)
    assert quiz.title == "Week 1b" and quiz.settings["item_ids"] is None
    assert quiz.settings["count"] == 4 and quiz.settings["types"] == ["mcq"]
    auth.logout()
    auth.login(other)
    assert client.get(f"/quiz/edit/{quiz.id}").status_code == 403


def test_deck_owner_may_view_trainee_results(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    client.post(f"/quiz/attempt/{attempt_id}/finish")
    auth.logout()
    auth.login(world.instructor)
    page = client.get(f"/quiz/attempt/{attempt_id}/result")
    assert page.status_code == 200 and "0 of 5" in page.text
    assert "Retry my mistakes" not in page.text


def test_forms_carry_csrf_tokens(app, client, auth, world):
    app.config["WTF_CSRF_ENABLED"] = True
    auth.login(world.trainee, csrf_token=_token(client, "/auth/login"))
    page = client.get(f"/quiz/deck/{world.deck.id}")
    assert 'name="csrf_token"' in page.text
    refused = client.post(f"/quiz/deck/{world.deck.id}", data={"count": 5})
    assert refused.status_code == 400 and "security token" in refused.text


def _token(client, path):
    from tests.conftest import csrf_token_from

    return csrf_token_from(client.get(path).text)


def test_empty_click_is_not_recorded(client, auth, world, db):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    item_id = _shown_item(client.get(f"/quiz/attempt/{attempt_id}").text)
    page = client.post(
        f"/quiz/attempt/{attempt_id}", data={"item_id": item_id}, follow_redirects=True
    )
    assert "Choose or type an answer first" in page.text
    assert "Question 1 of 5" in page.text
    assert _count(db, Response) == 0 and _count(db, ReviewLog) == 0
