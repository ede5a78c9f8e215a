"""In a real browser: register, log out, log in; an instructor creates a cohort and a trainee."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.services import accounts

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_register_logout_login(live_server, page, tmp_path):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/auth/login"))
    page.get_by_role("link", name="Create a trainee account").click()

    page.get_by_label("Name").fill("Rita Reader")
    page.get_by_label("E-mail").fill("rita@example.com")
    page.get_by_label("Password (at least 8 characters)").fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".error").first).to_contain_text("between 8 and 1000")

    page.get_by_label("Password (at least 8 characters)").fill("rita-reads-a-lot")
    page.get_by_label("Repeat the password").fill("rita-reads-a-lot")
    page.get_by_role("button", name="Create account").click()
    # Registration does not log in (a taken e-mail must get the same answer): log in next.
    expect(page.get_by_text("your trainee account is ready")).to_be_visible()
    page.get_by_label("E-mail").fill("rita@example.com")
    page.get_by_label("Password").fill("rita-reads-a-lot")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Rita Reader")
    expect(page.get_by_text("You are not in a cohort yet")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    page.get_by_label("E-mail").fill("rita@example.com")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("E-mail or password is not correct")).to_be_visible()

    page.get_by_label("Password").fill("rita-reads-a-lot")
    page.get_by_label("Keep me logged in on this device").check()
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Welcome, Rita Reader.")).to_be_visible()
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert "remember_token" in cookies

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000


def test_instructor_creates_cohort_and_trainee_who_logs_in(live_server, page, tmp_path):
    with live_server.app.app_context():
        accounts.create_user("iris@example.com", "Iris Instructor", "iris-teaches", "instructor")
        db.session.remove()

    page.set_viewport_size({"width": 390, "height": 844})  # phone-sized
    page.goto(live_server.url + "/auth/login")
    page.get_by_label("E-mail").fill("iris@example.com")
    page.get_by_label("Password").fill("iris-teaches")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("No cohorts yet")).to_be_visible()

    page.get_by_role("link", name="Create a cohort").click()
    page.get_by_label("Cohort name").fill("Tuesday seminar")
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday seminar")

    new = page.locator("section", has=page.get_by_role("heading", name="Create a trainee account"))
    new.get_by_label("Name").fill("Theo Trainee")
    new.get_by_label("E-mail").fill("theo@example.com")
    new.get_by_label("Initial password (at least 8 characters)").fill("theo-learns")
    new.get_by_role("button", name="Create trainee").click()
    expect(page.get_by_role("cell", name="theo@example.com")).to_be_visible()
    page.screenshot(path=str(tmp_path / "cohort.png"), full_page=True)

    page.get_by_role("button", name="Log out").click()
    page.get_by_label("E-mail").fill("theo@example.com")
    page.get_by_label("Password").fill("theo-learns")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Theo Trainee")
    expect(page.get_by_text("You are in Tuesday seminar")).to_be_visible()
