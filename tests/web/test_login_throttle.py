"""Failed logins slow down the (e-mail, client) pair only, and every answer runs the hash."""

from __future__ import annotations

import statistics
import time

import pytest

from quizapp import create_app, models
from quizapp.config import TestConfig as AppConfig
from quizapp.extensions import db as _db
from quizapp.services import accounts, login_throttle
from tests.conftest import PASSWORD

ATTACKER, OWNER = "10.0.0.66", "10.0.0.7"
# Enough failures to reach the old hard lock (10) as well as the backoff.
MANY = max(10, login_throttle.FREE_FAILURES)
WRONG = "not the password"


@pytest.fixture
def frozen_clock(monkeypatch, now):
    """Stop the login clock, so a wait cannot run out while a slow test is still measuring."""
    monkeypatch.setattr(accounts, "utcnow", lambda: now)
    return now


def _login(client, email, password, address=None, headers=None):
    environ = {"REMOTE_ADDR": address} if address else None
    return client.post(
        "/auth/login",
        data={"email": email, "password": password},
        environ_base=environ,
        headers=headers or {},
    )


def test_attackers_failures_do_not_stop_the_owner_elsewhere(app, client, make_user):
    user = make_user("trainee")
    for _ in range(20):
        assert _login(client, user.email, WRONG, ATTACKER).status_code == 200
    # Even the right password waits at the attacker's address ...
    refused = _login(client, user.email, PASSWORD, ATTACKER)
    assert refused.status_code == 200 and "wait" in refused.get_data(as_text=True)
    # ... while the owner logs in at once from their own.
    owner = app.test_client()
    assert _login(owner, user.email, PASSWORD, OWNER).status_code == 302
    assert owner.get("/account").status_code == 200


@pytest.fixture
def proxied_app(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = AppConfig()
    config.TRUSTED_PROXIES = 1
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "proxied.db")
    app = create_app(config)
    with app.app_context():
        _db.create_all()
        accounts.create_user("ann@example.com", "Ann", PASSWORD)
        yield app
        _db.session.remove()
        _db.engine.dispose()


def test_behind_a_proxy_clients_are_told_apart_by_x_forwarded_for(proxied_app):
    proxy = "10.0.0.1"  # every request reaches the app from the proxy
    attacker = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(20):
        _login(proxied_app.test_client(), "ann@example.com", WRONG, proxy, attacker)
    blocked = _login(proxied_app.test_client(), "ann@example.com", PASSWORD, proxy, attacker)
    assert blocked.status_code == 200
    owner = {"X-Forwarded-For": "198.51.100.7"}
    assert (
        _login(proxied_app.test_client(), "ann@example.com", PASSWORD, proxy, owner).status_code
        == 302
    )


def test_trusted_proxies_must_be_a_small_number(monkeypatch):
    from quizapp.config import Config, ConfigError

    monkeypatch.setenv("QUIZAPP_TRUSTED_PROXIES", "all")
    with pytest.raises(ConfigError, match="QUIZAPP_TRUSTED_PROXIES"):
        Config()


@pytest.fixture
def hash_calls(monkeypatch):
    """Count every password hash check the app makes."""
    calls = []
    real = models.check_password_hash

    def spy(stored, password):
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(models, "check_password_hash", spy)
    return calls


def test_unknown_throttled_wrong_and_right_all_run_the_hash(
    client, make_user, hash_calls, frozen_clock
):
    user = make_user("trainee")
    cases = [("wrong", user.email, WRONG), ("unknown", "ghost@example.com", PASSWORD)]
    for _name, email, password in cases:
        for _ in range(MANY):
            _login(client, email, password, ATTACKER)
    hash_calls.clear()
    # The pairs now wait: the answer still costs one hash, with the real user's hash for a
    # registered e-mail (so even a right password takes as long as elsewhere).
    _login(client, user.email, PASSWORD, ATTACKER)
    _login(client, "ghost@example.com", PASSWORD, ATTACKER)
    _login(client, user.email, WRONG, OWNER)
    _login(client, "nobody@example.com", WRONG, OWNER)
    assert len(hash_calls) == 4
    assert hash_calls[0] == hash_calls[2] == user.password_hash
    assert _login(client, user.email, PASSWORD, OWNER).status_code == 302
    assert len(hash_calls) == 5


def test_the_dummy_hash_uses_the_configured_method(app, make_user):
    user = make_user("trainee")
    dummy = accounts._dummy_user().password_hash
    method = app.config["PASSWORD_HASH_METHOD"]
    assert dummy.split("$")[0] == user.password_hash.split("$")[0] == method


@pytest.fixture
def slow_hash_app(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    config = AppConfig()
    config.PASSWORD_HASH_METHOD = "pbkdf2:sha256:150000"
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "slow.db")
    app = create_app(config)
    with app.app_context():
        _db.create_all()
        accounts.create_user("ann@example.com", "Ann", PASSWORD)
        yield app
        _db.session.remove()
        _db.engine.dispose()


def _interleaved_medians_ms(client, cases: dict, rounds: int = 4) -> dict[str, float]:
    """Median answer time of each login case, the cases taken in turn each round, so that a
    change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, (email, password, address) in cases.items():
            start = time.perf_counter()
            _login(client, email, password, address)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def test_answer_times_do_not_separate_unknown_throttled_and_wrong(slow_hash_app, frozen_clock):
    client = slow_hash_app.test_client()
    for _ in range(MANY):
        _login(client, "ann@example.com", WRONG, ATTACKER)
    assert "wait" in _login(client, "ann@example.com", PASSWORD, ATTACKER).get_data(as_text=True)
    # Different addresses each, so these pairs never reach the throttle during the measurement.
    medians = _interleaved_medians_ms(
        client,
        {
            "throttled": ("ann@example.com", PASSWORD, ATTACKER),
            "wrong": ("ann@example.com", WRONG, "10.0.1.1"),
            "unknown": ("ghost@example.com", WRONG, "10.0.1.2"),
        },
    )
    throttled, wrong, unknown = medians["throttled"], medians["wrong"], medians["unknown"]
    print(
        f"login medians (ms): wrong {wrong:.1f}, unknown {unknown:.1f}, throttled {throttled:.1f}"
    )
    # Coarse: the hash (tens of ms here) dominates every path; a skipped hash is 10× faster.
    for name, value in (("throttled", throttled), ("unknown", unknown)):
        assert 0.6 < value / wrong < 1.6, f"{name} {value:.1f} ms vs wrong {wrong:.1f} ms"
