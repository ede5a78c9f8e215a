"""Browser, phone-sized (390x844): the main pages of a trainee and an instructor never scroll
sideways, and every visible form field has a label."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import quizzes, study
from quizapp.services.quizzes import QuizSettings
from tests.conftest import PASSWORD
from tests.quiz_data import build_world

PHONE = {"width": 390, "height": 844}

# Buttons written as <input type=submit> are named by their value, not by a <label>.
LAYOUT_JS = """() => {
  const unlabeled = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if ((el.labels && el.labels.length > 0) || el.getAttribute('aria-label')) continue;
    unlabeled.push(el.outerHTML.slice(0, 120));
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    fields: document.querySelectorAll('input:not([type=hidden]), select, textarea').length,
    unlabeled,
  };
}"""


def _make_user_factory():
    counter = {"n": 0}

    def make(role="trainee"):
        counter["n"] += 1
        user = User(
            email=f"{role}{counter['n']}@example.com",
            name=f"{role.capitalize()} Person {counter['n']}",
            role=role,
        )
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def world(live_server):
    """A published deck of 8 items with its article, assigned to the trainee's cohort, with a
    few reviews and a finished quiz attempt so progress and analytics pages have data."""
    with live_server.app.app_context():
        world = build_world(_make_user_factory(), per_type=2)
        world.cohort.name = "A cohort with a rather long name for a small screen"
        now = datetime.now(UTC)
        for index, item in enumerate(world.items[:4]):
            study.record_review(world.trainee, item, 1 + index % 4, client_id=f"p{index}", now=now)
        quiz = quizzes.create_quiz(
            world.instructor, world.deck, "Checkpoint", QuizSettings(count=5)
        )
        db.session.commit()
        data = {
            "trainee": world.trainee.email,
            "instructor": world.instructor.email,
            "deck": world.deck.id,
            "cohort": world.cohort.id,
            "quiz": quiz.id,
        }
    return data


def _phone_page(browser, base_url: str, email: str):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base_url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")
    return context, page


def _assert_phone_friendly(page, what: str) -> int:
    result = page.evaluate(LAYOUT_JS)
    assert result["innerWidth"] == PHONE["width"], what
    assert result["scrollWidth"] <= result["innerWidth"], (
        f"{what} ({page.url}) scrolls sideways: {result['scrollWidth']}px wide"
    )
    assert not result["unlabeled"], f"{what} ({page.url}) has unlabeled fields: {result}"
    return result["fields"]


def _visit(page, url: str, what: str) -> int:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{what}: {url}"
    return _assert_phone_friendly(page, what)


def test_trainee_pages_fit_a_phone(live_server, browser, world):
    base = live_server.url
    context, page = _phone_page(browser, base, world["trainee"])
    try:
        _assert_phone_friendly(page, "trainee dashboard")
        assert page.get_by_role("link", name="Study", exact=True).count() >= 1

        fields = _visit(page, f"{base}/study/{world['deck']}", "study page")
        assert fields >= 1  # the optional typed answer
        page.keyboard.press("Space")
        page.locator(".rate-form").wait_for()
        _assert_phone_friendly(page, "study page, answer shown")

        fields = _visit(page, f"{base}/quiz/deck/{world['deck']}", "practice quiz form")
        assert fields >= 3
        page.get_by_role("button", name="Start practice").click()
        page.get_by_text("Question 1 of").wait_for()
        _assert_phone_friendly(page, "quiz page")

        _visit(page, f"{base}/quiz/", "quiz list")
        _visit(page, f"{base}/study/progress", "progress page")
        _visit(page, f"{base}/study/{world['deck']}/progress", "deck progress page")
        assert page.locator("svg.chart").count() == 2
    finally:
        context.close()


def test_instructor_pages_fit_a_phone(live_server, browser, world):
    base = live_server.url
    context, page = _phone_page(browser, base, world["instructor"])
    try:
        _assert_phone_friendly(page, "instructor dashboard")
        fields = _visit(page, f"{base}/author/decks/{world['deck']}", "author deck page")
        assert fields >= 5  # review filters and the bulk-approve score
        _visit(page, f"{base}/analytics/", "analytics overview")
        _visit(
            page,
            f"{base}/analytics/cohorts/{world['cohort']}/decks/{world['deck']}",
            "cohort analytics",
        )
        _visit(page, f"{base}/analytics/decks/{world['deck']}/items", "item analysis")
        _visit(page, f"{base}/quiz/manage/{world['deck']}", "quiz management")
        _visit(page, f"{base}/cohorts/{world['cohort']}", "cohort page")
    finally:
        context.close()
