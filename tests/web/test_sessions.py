"""Logins end on the server: password and role changes, logout and "log out everywhere"."""

from __future__ import annotations

import pytest
from flask import g
from flask_login.utils import encode_cookie

from quizapp import create_app
from quizapp.config import TestConfig as AppConfig
from quizapp.extensions import db as _db
from quizapp.services import accounts
from tests.conftest import PASSWORD, csrf_token_from

NEW_PASSWORD = "a brand new password"
REMEMBER = "remember_token"


def _browser(app, user, *, remember: bool = False):
    """A fresh test client (one browser) logged in as the user through the form."""
    client = app.test_client()
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/auth/login", data=data).status_code == 302
    return client


def _with_cookie(app, value: str):
    """Another browser holding only a copy of a remember cookie (no session)."""
    client = app.test_client()
    client.set_cookie(REMEMBER, value)
    return client


def _logged_in(client) -> bool:
    response = client.get("/account")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _change_password(client):
    response = client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/account"


def test_password_change_logs_out_every_other_session(app, make_user):
    user = make_user("trainee")
    a, b = _browser(app, user), _browser(app, user)
    assert _logged_in(a) and _logged_in(b)
    _change_password(a)
    assert not _logged_in(b)
    assert _logged_in(a)


def test_copied_remember_cookie_stops_working_after_password_change(app, make_user):
    user = make_user("trainee")
    a = _browser(app, user, remember=True)
    copy = _with_cookie(app, a.get_cookie(REMEMBER).value)
    assert _logged_in(copy)
    copy = _with_cookie(app, a.get_cookie(REMEMBER).value)  # the copy before the change
    _change_password(a)
    assert not _logged_in(copy)
    # The browser that changed it keeps a working (new) remember cookie.
    a.delete_cookie("session")
    assert _logged_in(a)


def test_copied_remember_cookie_stops_working_after_logout(app, make_user):
    user = make_user("trainee")
    a = _browser(app, user, remember=True)
    other = _browser(app, user)
    copy = _with_cookie(app, a.get_cookie(REMEMBER).value)
    assert a.post("/auth/logout").status_code == 302
    assert not _logged_in(copy)
    assert not _logged_in(a)
    assert _logged_in(other), "logging out one browser leaves the others alone"


def test_log_out_of_all_other_sessions_keeps_this_one(app, make_user):
    user = make_user("trainee")
    here = _browser(app, user, remember=True)
    phone = _browser(app, user, remember=True)
    laptop = _browser(app, user)
    copies = [_with_cookie(app, b.get_cookie(REMEMBER).value) for b in (here, phone)]
    page = here.get("/account").get_data(as_text=True)
    assert "Log out of all other sessions" in page and "logged in on 3 browsers" in page
    response = here.post("/auth/sessions/end-others")
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert _logged_in(here)
    assert not any(_logged_in(c) for c in [phone, laptop, *copies])
    here.delete_cookie("session")
    assert _logged_in(here), "this browser's remember cookie was renewed"
    assert "logged in on this browser only" in here.get("/account").get_data(as_text=True)


def test_role_change_and_admin_end_the_users_logins(app, make_user):
    admin = make_user("admin")
    trainee = make_user("trainee")
    trainee_browser = _browser(app, trainee, remember=True)
    copy = _with_cookie(app, trainee_browser.get_cookie(REMEMBER).value)
    admin_browser = _browser(app, admin)
    response = admin_browser.post(
        f"/users/{trainee.id}/role", data={f"u{trainee.id}-role": "instructor"}
    )
    assert response.status_code == 302
    assert not _logged_in(trainee_browser) and not _logged_in(copy)

    again = _browser(app, trainee)
    assert admin_browser.post(f"/users/{trainee.id}/logins/end").status_code == 302
    assert not _logged_in(again)
    assert _logged_in(admin_browser)


def test_admin_demoting_themselves_stays_logged_in(app, make_user):
    make_user("admin")
    admin = make_user("admin")
    browser = _browser(app, admin)
    browser.post(f"/users/{admin.id}/role", data={f"u{admin.id}-role": "instructor"})
    assert _logged_in(browser)


def test_cookies_in_the_old_id_only_format_no_longer_log_in(app, make_user):
    user = make_user("trainee")
    with app.test_request_context():
        forged = encode_cookie(str(user.id))  # what a remember cookie held before revocation
    assert not _logged_in(_with_cookie(app, forged))
    with app.test_request_context():
        forged = encode_cookie(f"{user.id}:made-up-token")
    assert not _logged_in(_with_cookie(app, forged))


def test_expired_browser_login_ends(app, make_user, monkeypatch):
    from quizapp.services import sessions

    user = make_user("trainee")
    browser = _browser(app, user)
    later = sessions.utcnow() + sessions.BROWSER_LIFETIME
    monkeypatch.setattr(sessions, "utcnow", lambda: later)
    assert not _logged_in(browser)


def _forget_per_request_state() -> None:
    # Several clients share the fixture's app context, so `g` outlives a request: drop the
    # user and the CSRF token Flask-Login and Flask-WTF cache there for the previous client.
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


@pytest.fixture
def csrf_app(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = AppConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "csrf.db")
    config.WTF_CSRF_ENABLED = True
    app = create_app(config)
    app.before_request(_forget_per_request_state)
    with app.app_context():
        _db.create_all()
        accounts.create_user("ann@example.com", "Ann", PASSWORD)
        yield app
        _db.session.remove()
        _db.engine.dispose()


def test_log_out_elsewhere_needs_the_csrf_token(csrf_app):
    here, other = csrf_app.test_client(), csrf_app.test_client()
    for client in (here, other):
        token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
        data = {"csrf_token": token, "email": "ann@example.com", "password": PASSWORD}
        assert client.post("/auth/login", data=data).status_code == 302
    assert here.post("/auth/sessions/end-others").status_code == 400
    assert _logged_in(other)
    token = csrf_token_from(here.get("/account").get_data(as_text=True))
    assert here.post("/auth/sessions/end-others", data={"csrf_token": token}).status_code == 302
    assert _logged_in(here) and not _logged_in(other)
