"""Browser: a trainee takes a 3-question quiz with the keyboard and mouse and reads the result."""

from __future__ import annotations

import re

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import quizzes
from quizapp.services.quizzes import QuizSettings
from tests.conftest import PASSWORD
from tests.quiz_data import QUOTE, build_world


def _make_user_factory():
    counter = {"n": 0}

    def make(role="trainee"):
        counter["n"] += 1
        user = User(
            email=f"{role}{counter['n']}@example.com", name=f"{role} {counter['n']}", role=role
        )
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user

    return make


def test_trainee_takes_a_three_question_quiz(live_server, page):
    with live_server.app.app_context():
        world = build_world(_make_user_factory(), per_type=1)
        mcq, tf, cloze = (
            world.by_type("mcq")[0],
            world.by_type("true_false")[0],
            world.by_type("cloze")[0],
        )
        quiz = quizzes.create_quiz(
            world.instructor,
            world.deck,
            "Three questions",
            QuizSettings(item_ids=[mcq.id, tf.id, cloze.id]),
        )
        email, quiz_id = world.trainee.email, quiz.id

    page.goto(live_server.url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/quiz/")
    page.get_by_role("link", name="Three questions").click()
    page.get_by_role("button", name="Start the quiz").click()

    # 1: multiple choice, chosen with the keyboard (number key 2 = "Russia").
    page.get_by_text("Question 1 of 3").wait_for()
    page.wait_for_load_state("load")  # quiz.js is deferred: its keys work once it has run
    page.keyboard.press("2")
    assert page.get_by_label("Russia").is_checked()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_text("✓ Correct").wait_for()
    assert QUOTE in page.locator("blockquote").first.inner_text()

    # 2: true/false, answered wrong with a click on the label.
    page.get_by_text("Question 2 of 3").wait_for()
    page.get_by_label("False").check()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_text("✗ Wrong").wait_for()

    # 3: cloze, typed with a small typo.
    page.get_by_text("Question 3 of 3").wait_for()
    page.get_by_label("Your answer").fill("Khmeimin")
    page.get_by_label("Your answer").press("Enter")
    page.get_by_text("Accepted; check the spelling: Khmeimim").wait_for()
    page.get_by_role("link", name="See your results").click()

    assert re.search(r"/quiz/attempt/\d+/result$", page.url)
    assert "2 of 3" in page.locator(".score").inner_text()
    assert page.locator("ol.results > li").count() == 3
    quotes = page.locator("ol.results blockquote").all_inner_texts()
    assert len(quotes) == 3 and all(QUOTE in q for q in quotes)
    assert page.get_by_role("button", name="Retry my mistakes (1)").is_visible()
    page.get_by_role("button", name="Retry my mistakes (1)").click()
    page.get_by_text("Question 1 of 1").wait_for()
    assert quiz_id


def test_finish_now_asks_before_marking_the_rest_wrong(live_server, page):
    with live_server.app.app_context():
        world = build_world(_make_user_factory(), per_type=2)
        quiz = quizzes.create_quiz(
            world.instructor,
            world.deck,
            "Early finish",
            QuizSettings(item_ids=[item.id for item in world.items[:3]]),
        )
        email, quiz_id = world.trainee.email, quiz.id

    page.goto(live_server.url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/quiz/q/{quiz_id}")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_text("Question 1 of 3").wait_for()

    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Finish now").click()
    page.wait_for_timeout(300)
    assert messages == [
        "Finish the quiz now? The 3 questions you have not answered count as wrong."
    ]
    assert page.get_by_text("Question 1 of 3").is_visible()  # cancelled: still answering

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish now").click()
    page.wait_for_url(re.compile(r"/quiz/attempt/\d+/result$"))
    assert "0 of 3" in page.locator(".score").inner_text()
