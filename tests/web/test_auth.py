"""Auth flows: register, log in/out, remember me, password, CSRF, next, roles, error pages."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Blueprint, abort

from quizapp import create_app
from quizapp.config import TestConfig as AppConfig
from quizapp.extensions import db as _db
from quizapp.models import User
from quizapp.services import accounts, login_throttle
from quizapp.web.auth.routes import safe_next
from quizapp.web.auth_support import admin_required, instructor_required, login_required
from tests.conftest import PASSWORD, csrf_token_from

JSON = {"Accept": "application/json"}
LONG = "x" * 10_001


def _register(client, **overrides):
    data = {
        "name": "Ann Able",
        "email": "ann@example.com",
        "password": "a-good-password",
        "confirm": "a-good-password",
    }
    data.update(overrides)
    return client.post("/auth/register", data=data)


def _user_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def _logged_in(client) -> bool:
    with client.session_transaction() as session:
        return "_user_id" in session


# Register ---------------------------------------------------------------------------------------


def test_register_creates_a_trainee_who_then_logs_in(client, auth, db):
    response = _register(client, email="  Ann@Example.COM ")
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    user = accounts.find_user("ann@example.com")
    assert user.role == "trainee" and user.name == "Ann Able"
    assert user.password_hash != "a-good-password" and user.check_password("a-good-password")
    # Registration does not log in: a new and a taken e-mail must get the same answer.
    assert not _logged_in(client)
    assert "your trainee account is ready" in client.get("/auth/login").get_data(as_text=True)
    assert auth.login("ann@example.com", "a-good-password").status_code == 302
    assert "Hello, Ann Able" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"email": ""}, "This field is required."),
        ({"email": "not-an-email"}, "Invalid email address."),
        ({"email": "ann@localhost"}, "Invalid email address."),
        ({"password": "short", "confirm": "short"}, "between 8 and 1000 characters"),
        ({"password": "", "confirm": ""}, "This field is required."),
        ({"confirm": "something-else"}, "The passwords differ."),
        ({"name": LONG}, "cannot be longer than 120 characters"),
        ({"email": LONG + "@example.com"}, "cannot be longer than 254 characters"),
        ({"password": LONG, "confirm": LONG}, "between 8 and 1000 characters"),
    ],
)
def test_register_bad_input_gets_a_form_error(client, db, overrides, message):
    response = _register(client, **overrides)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert _user_count(db) == 0
    assert not _logged_in(client)


def test_register_duplicate_email_leaves_the_account_unchanged(client, db, make_user):
    user = make_user("trainee", email="ann@example.com")
    stored = user.password_hash
    response = _register(client, email="ANN@example.com")
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    assert "already exists" not in client.get("/auth/login").get_data(as_text=True)
    assert _user_count(db) == 1
    db.session.expire_all()
    assert user.password_hash == stored and user.name != "Ann Able"
    assert not _logged_in(client)


def test_register_page_renders_labels(client):
    html = client.get("/auth/register").get_data(as_text=True)
    for field in ("name", "email", "password", "confirm"):
        assert f'<label for="{field}"' in html


# Log in and out ---------------------------------------------------------------------------------


def test_login_and_logout(client, auth, make_user):
    user = make_user("trainee")
    response = auth.login(user)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert _logged_in(client)
    assert f"Welcome, {user.name}." in client.get("/").get_data(as_text=True)
    response = auth.logout()
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    assert not _logged_in(client)
    assert client.get("/account").status_code == 302


def test_logout_needs_post(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/auth/logout").status_code == 405
    assert _logged_in(client)


def test_login_is_case_insensitive_on_email(client, auth, make_user):
    make_user("trainee", email="bob@example.com")
    assert auth.login(" BOB@example.com ").status_code == 302


@pytest.mark.parametrize(
    "email, password",
    [
        ("trainee1@example.com", "wrong password"),
        ("nobody@example.com", PASSWORD),
        ("not-an-email", PASSWORD),
    ],
)
def test_wrong_credentials_give_one_message(client, auth, make_user, email, password):
    make_user("trainee")
    response = auth.login(email, password)
    assert response.status_code == 200
    assert "E-mail or password is not correct" in response.get_data(as_text=True)
    assert not _logged_in(client)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "", "password": PASSWORD}, "This field is required."),
        ({"email": "trainee1@example.com", "password": ""}, "This field is required."),
        ({"email": LONG, "password": PASSWORD}, "cannot be longer than 254 characters"),
        ({"email": "trainee1@example.com", "password": LONG}, "cannot be longer than 1000"),
    ],
)
def test_login_bad_input_gets_a_form_error(client, make_user, data, message):
    make_user("trainee")
    response = client.post("/auth/login", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert not _logged_in(client)


def test_repeated_failures_make_this_address_wait(client, auth, make_user):
    user = make_user("trainee")
    for _ in range(login_throttle.FREE_FAILURES + 5):
        auth.login(user, "wrong password")
    response = auth.login(user)
    assert response.status_code == 200
    assert "Too many failed attempts for this e-mail from your address" in response.get_data(
        as_text=True
    )
    assert not _logged_in(client)


def test_remember_me_sets_a_lasting_cookie(client, auth, make_user):
    user = make_user("trainee")
    auth.login(user)
    assert client.get_cookie("remember_token") is None
    auth.logout()
    response = auth.login(user, remember="y")
    header = next(
        value for value in response.headers.getlist("Set-Cookie") if "remember_token=" in value
    )
    assert "Expires=" in header and "HttpOnly" in header
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.value.startswith(f"{user.id}:")
    # The remember cookie alone logs the user back in once the session cookie is gone.
    client.delete_cookie("session")
    assert client.get("/account").status_code == 200


def test_logged_in_users_skip_login_and_register(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/auth/login").headers["Location"] == "/"
    assert client.get("/auth/register").headers["Location"] == "/"


# next -------------------------------------------------------------------------------------------


def test_next_returns_to_the_requested_page(client, auth, make_user):
    user = make_user("trainee")
    response = client.get("/account")
    assert response.headers["Location"] == "/auth/login?next=/account"
    # Only the query string's next counts; a form field of that name is ignored.
    response = auth.login(user, next="/account")
    assert response.headers["Location"] == "/"
    auth.logout()
    response = client.post(
        "/auth/login?next=/account", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.com",
        "https://evil.com/path",
        "//evil.com",
        "///evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        "/\t/evil.com",
        "/\n/evil.com",
        "javascript:alert(1)",
        "evil.com",
        "",
    ],
)
def test_next_off_site_is_ignored(client, make_user, target):
    user = make_user("trainee")
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_safe_next_keeps_local_paths_with_queries():
    assert safe_next("/study/3?mode=cram") == "/study/3?mode=cram"
    assert safe_next(None) is None
    assert safe_next("/" + "a" * 3000) is None


# Change password --------------------------------------------------------------------------------


def test_change_password(client, auth, make_user):
    user = make_user("trainee")
    auth.login(user)
    response = client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": "brand-new-pass", "confirm": "brand-new-pass"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    auth.logout()
    assert auth.login(user).status_code == 200  # the old password no longer works
    assert auth.login(user, "brand-new-pass").status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"current": "wrong-password", "new": "brand-new-pass"}, "current password is not correct"),
        ({"current": PASSWORD, "new": "short"}, "between 8 and 1000 characters"),
        ({"current": PASSWORD, "new": LONG}, "between 8 and 1000 characters"),
        ({"current": "", "new": "brand-new-pass"}, "This field is required."),
        ({"current": PASSWORD, "new": "brand-new-pass", "confirm": "other"}, "passwords differ"),
    ],
)
def test_change_password_errors(client, auth, make_user, data, message):
    user = make_user("trainee")
    auth.login(user)
    data.setdefault("confirm", data["new"])
    response = client.post("/auth/password", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    auth.logout()
    assert auth.login(user).status_code == 302  # the password is unchanged


def test_change_password_needs_login(client):
    assert client.get("/auth/password").headers["Location"] == "/auth/login?next=/auth/password"


# CSRF -------------------------------------------------------------------------------------------


@pytest.fixture
def csrf_app(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = AppConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "csrf.db")
    config.WTF_CSRF_ENABLED = True
    app = create_app(config)
    with app.app_context():
        _db.create_all()
        accounts.create_user("ann@example.com", "Ann", PASSWORD)
        yield app
        _db.session.remove()
        _db.engine.dispose()


def test_csrf_token_missing_is_400(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/auth/login", data={"email": "ann@example.com", "password": PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    response = client.post(
        "/auth/login", data={"email": "ann@example.com", "password": PASSWORD}, headers=JSON
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf"
    response = client.post("/auth/login", data={"csrf_token": "forged", "email": "x@example.com"})
    assert response.status_code == 400


def test_csrf_token_present_logs_in_and_protects_logout(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"csrf_token": token, "email": "ann@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    # Logging out is a state change too: a forged cross-site POST without the token fails.
    assert client.post("/auth/logout").status_code == 400
    page = client.get("/").get_data(as_text=True)
    assert (
        client.post("/auth/logout", data={"csrf_token": csrf_token_from(page)}).status_code == 302
    )


def test_login_is_rate_limited(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = AppConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "limit.db")
    config.RATELIMIT_ENABLED = True
    app = create_app(config)
    with app.app_context():
        _db.create_all()
        client = app.test_client()
        statuses = [
            client.post("/auth/login", data={"email": "a@example.com", "password": "x" * 8})
            for _ in range(11)
        ]
        assert [r.status_code for r in statuses[:10]] == [200] * 10
        assert statuses[10].status_code == 429
        assert "Too many attempts" in statuses[10].get_data(as_text=True)
        _db.session.remove()
        _db.engine.dispose()


# Role enforcement and error pages ---------------------------------------------------------------


@pytest.fixture
def probe_app(app):
    """The test app plus probe routes guarded by each decorator, and one that crashes."""
    probe = Blueprint("probe", __name__, url_prefix="/probe")

    @probe.route("/member")
    @login_required
    def member():
        return "member page"

    @probe.route("/instructor")
    @instructor_required
    def instructor():
        return "instructor page"

    @probe.route("/admin")
    @admin_required
    def admin():
        return "admin page"

    @probe.route("/gone")
    def gone():
        abort(404)

    @probe.route("/crash")
    def crash():
        raise RuntimeError("boom")

    app.register_blueprint(probe)
    app.config["PROPAGATE_UNHANDLED"] = False
    return app


@pytest.mark.parametrize("path", ["/probe/member", "/probe/instructor", "/probe/admin"])
def test_anonymous_browser_is_redirected_to_login(probe_app, path):
    response = probe_app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/auth/login?next={path}"


@pytest.mark.parametrize("path", ["/probe/member", "/probe/instructor", "/probe/admin"])
def test_anonymous_json_client_gets_401_json(probe_app, path):
    response = probe_app.test_client().get(path, headers=JSON)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("trainee", {"/probe/member"}),
        ("instructor", {"/probe/member", "/probe/instructor"}),
        ("admin", {"/probe/member", "/probe/instructor", "/probe/admin"}),
    ],
)
def test_roles_are_enforced(probe_app, make_user, role, allowed):
    client = probe_app.test_client()
    client.post("/auth/login", data={"email": make_user(role).email, "password": PASSWORD})
    for path in ("/probe/member", "/probe/instructor", "/probe/admin"):
        html = client.get(path)
        json = client.get(path, headers=JSON)
        if path in allowed:
            assert html.status_code == 200 and json.status_code == 200
        else:
            assert html.status_code == 403
            assert "You do not have permission" in html.get_data(as_text=True)
            assert "<h1>Error 403</h1>" in html.get_data(as_text=True)
            assert json.status_code == 403 and json.is_json
            assert json.get_json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    "path, status, code",
    [
        ("/probe/gone", 404, "not_found"),
        ("/no/such/page", 404, "not_found"),
        ("/probe/crash", 500, "internal_server_error"),
    ],
)
def test_error_pages_are_html_or_json_by_accept(probe_app, path, status, code):
    client = probe_app.test_client()
    html = client.get(path, headers={"Accept": "text/html"})
    assert html.status_code == status
    assert html.mimetype == "text/html"
    assert f"<h1>Error {status}</h1>" in html.get_data(as_text=True)
    assert "boom" not in html.get_data(as_text=True)
    json = client.get(path, headers=JSON)
    assert json.status_code == status
    assert json.mimetype == "application/json"
    assert json.get_json()["error"]["code"] == code
    assert "boom" not in json.get_data(as_text=True)


def test_unhandled_error_rolls_back_and_the_app_keeps_serving(probe_app, make_user):
    client = probe_app.test_client()
    assert client.get("/probe/crash").status_code == 500
    assert client.get("/auth/login").status_code == 200


def test_security_headers(client):
    response = client.get("/auth/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
