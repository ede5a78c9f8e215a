"""Security hardening: headers, cookie flags, CSRF on every form, rate limits, no leaks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp import create_app
from quizapp.config import Config
from quizapp.config import TestConfig as AppTestConfig
from quizapp.extensions import db
from tests.conftest import PASSWORD
from tests.web.test_authorization_matrix import _url, world  # noqa: F401  (fixture)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _app(tmp_path, monkeypatch, config):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "sec.db")
    application = create_app(config)
    with application.app_context():
        db.create_all()
    return application


def test_security_headers_on_every_response(client):
    response = client.get("/auth/login")
    csp = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert client.get("/no/such/page").headers["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        html = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", html):
            offenders.append(f"{path.name}: inline {match.group(0)}")
        for match in re.finditer(r"\s(on[a-z]+|style)=\"", html):
            offenders.append(f"{path.name}: attribute {match.group(1)}")
    assert not offenders, offenders


def test_session_cookie_flags_outside_debug(tmp_path, monkeypatch, make_user):
    monkeypatch.setenv("SECRET_KEY", "s3cret-for-this-test")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("QUIZAPP_INSECURE_COOKIES", raising=False)
    config = Config()
    config.WTF_CSRF_ENABLED = False
    config.RATELIMIT_ENABLED = False
    application = _app(tmp_path, monkeypatch, config)
    with application.app_context():
        from quizapp.services import accounts

        accounts.create_user("cookie@example.com", "Cookie", PASSWORD)
    client = application.test_client()
    response = client.post(
        "/auth/login",
        data={"email": "cookie@example.com", "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    remember = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session, remember):
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_every_form_refuses_a_post_without_csrf_token(tmp_path, monkeypatch, app, world):  # noqa: F811
    # The world fixture's rows live in `app`'s database; a CSRF-enabled twin shares that file.
    config = AppTestConfig()
    config.WTF_CSRF_ENABLED = True
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    protected = create_app(config)
    client = protected.test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    assert 'name="csrf_token"' in login_page
    assert (
        client.post("/auth/login", data={"email": "x@example.com", "password": "x"}).status_code
        == 400
    )
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    admin = world["users"]["admin"]
    logged_in = client.post(
        "/auth/login", data={"email": admin.email, "password": PASSWORD, "csrf_token": token}
    )
    assert logged_in.status_code == 302
    unprotected = []
    for rule in protected.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint.startswith("api."):
            continue
        with protected.test_request_context():
            url = _url(rule, world["params"])
        response = client.post(url, data={"name": "x"})
        if response.status_code != 400 or "security token" not in response.get_data(as_text=True):
            unprotected.append(f"{rule.endpoint} → {response.status_code}")
    assert not unprotected, unprotected


@pytest.fixture
def limited_app(tmp_path, monkeypatch):
    config = AppTestConfig()
    config.RATELIMIT_ENABLED = True
    return _app(tmp_path, monkeypatch, config)


def test_login_is_rate_limited_with_a_clear_page(limited_app):
    client = limited_app.test_client()
    statuses = [
        client.post("/auth/login", data={"email": "a@example.com", "password": "wrong-pass"})
        for _ in range(11)
    ]
    assert [r.status_code for r in statuses[:10]] == [200] * 10
    assert statuses[10].status_code == 429
    assert "Too many attempts" in statuses[10].get_data(as_text=True)


def test_api_token_use_is_rate_limited_as_json(limited_app):
    client = limited_app.test_client()
    headers = {"Authorization": "Bearer qz_guess"}
    last = None
    for _ in range(301):
        last = client.get("/api/v1/decks", headers=headers)
    assert last.status_code == 429
    assert last.json["error"]["code"] == "too_many_requests"


def test_login_failure_does_not_reveal_whether_the_email_exists(client, make_user):
    user = make_user("trainee")
    wrong_password = client.post("/auth/login", data={"email": user.email, "password": "nope-nope"})
    unknown_email = client.post(
        "/auth/login", data={"email": "nobody@example.com", "password": "nope-nope"}
    )

    def message(response):
        return re.findall(r'class="error"[^>]*>([^<]+)<', response.get_data(as_text=True))

    assert message(wrong_password) == message(unknown_email) != []


def test_oversized_upload_gets_a_clear_413(client, auth, make_user):
    auth.login(make_user("instructor"))
    response = client.post(
        "/author/import",
        data={"text": "x" * (5 * 1024 * 1024 + 10)},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 413
    assert "5 MB" in response.get_data(as_text=True)


def test_rate_limit_counts_are_shared_through_redis_when_configured(tmp_path, monkeypatch):
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        from tests.conftest import skip_or_fail

        skip_or_fail("Redis is not running on 127.0.0.1:6379")
    apps = []
    for name in ("one", "two"):
        config = AppTestConfig()
        config.RATELIMIT_ENABLED = True
        config.RATELIMIT_STORAGE_URI = url
        apps.append(_app(tmp_path / name, monkeypatch, config))
    # Two app instances (like two gunicorn workers) share one budget of 10 login attempts.
    statuses = []
    for n in range(11):
        client = apps[n % 2].test_client()
        statuses.append(
            client.post("/auth/login", data={"email": "a@example.com", "password": "x"}).status_code
        )
    stored_counters = redis.Redis.from_url(url).dbsize()
    redis.Redis.from_url(url).flushdb()
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    assert stored_counters > 0, "the limiter did not keep its counters in Redis"
