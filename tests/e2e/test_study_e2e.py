"""In a real browser: a trainee studies five cards with the keyboard only (Space, then 3)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import ReviewLog
from quizapp.services import accounts
from tests.study_support import make_deck

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "tom-studies-hard"


def _seed(app, n_items=6):
    with app.app_context():
        instructor = accounts.create_user("iris@example.com", "Iris", "iris-teaches", "instructor")
        trainee = accounts.create_user("tom@example.com", "Tom Trainee", PASSWORD, "trainee")
        deck = make_deck(instructor, trainees=(trainee,), n_items=n_items, slug="keys")
        ids = (deck.id, trainee.id)
        db.session.remove()
    return ids


def _login(page, url):
    page.goto(url + "/auth/login")
    page.get_by_label("E-mail").fill("tom@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tom Trainee")


def test_study_five_cards_with_the_keyboard(live_server, page, tmp_path):
    deck_id, user_id = _seed(live_server.app)
    _login(page, live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Study").click()
    page.get_by_role("link", name=re.compile(r"^Study 6 cards")).click()
    study = page.locator("#study")
    expect(study.locator(".keys")).to_be_visible()  # study.js is running

    for n in range(5):
        expect(study.locator(".prompt")).to_have_text(f"Question {n}?")
        expect(study).to_have_attribute("data-state", "front")
        page.keyboard.press("Space")
        expect(study).to_have_attribute("data-state", "back")
        expect(study.locator(".answer")).to_contain_text(f"Answer {n}")
        expect(
            study.get_by_role("button", name=re.compile(r"^Good, next review in 10m"))
        ).to_be_visible()
        if n == 0:
            page.screenshot(path=str(tmp_path / "revealed.png"), full_page=True)
        page.keyboard.press("3")
        expect(study.locator("#session-bar")).to_have_attribute("value", str(n + 1))

    expect(page.locator("#study-status")).to_contain_text("Saved: Good")
    expect(study.locator(".prompt")).to_have_text("Question 5?")
    with live_server.app.app_context():
        logs = list(db.session.scalars(sa.select(ReviewLog).where(ReviewLog.user_id == user_id)))
        assert len(logs) == 5
        assert {log.rating for log in logs} == {3}
        assert {log.deck_id for log in logs} == {deck_id}
        assert all(log.duration_ms is not None for log in logs)
        db.session.remove()
    assert (tmp_path / "revealed.png").stat().st_size > 1000


def test_pressing_a_rating_key_twice_records_once(live_server, page):
    _deck_id, user_id = _seed(live_server.app, n_items=2)
    _login(page, live_server.url)
    page.goto(live_server.url + "/study/")
    page.get_by_role("link", name=re.compile(r"^Study 2 cards")).click()
    expect(page.locator("#study .prompt")).to_have_text("Question 0?")
    expect(page.locator("#study .keys")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator("#study")).to_have_attribute("data-state", "back")
    page.keyboard.press("4")
    page.keyboard.press("4")
    expect(page.locator("#study .prompt")).to_have_text("Question 1?")
    page.keyboard.press("u")
    expect(page.locator(".flashes")).to_contain_text("Undid your Easy rating")
    expect(page.locator("#study .prompt")).to_have_text("Question 0?")
    with live_server.app.app_context():
        logs = list(db.session.scalars(sa.select(ReviewLog).where(ReviewLog.user_id == user_id)))
        assert len(logs) == 1 and logs[0].undone_at is not None
        db.session.remove()
