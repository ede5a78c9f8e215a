"""Account services on every backend."""

import pytest

from quizapp.services import accounts


def test_create_and_authenticate(app):
    user = accounts.create_user("Ann@Example.com ", "Ann", "password123")
    assert user.email == "ann@example.com"
    assert accounts.authenticate("ANN@example.com", "password123") == user
    assert accounts.authenticate("ann@example.com", "wrong-password") is None


def test_duplicate_email_rejected(app):
    accounts.create_user("ann@example.com", "Ann", "password123")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_user("ANN@example.com", "Ann 2", "password123")


def test_unknown_role_and_short_password(app):
    with pytest.raises(accounts.AccountError, match="Unknown role"):
        accounts.create_user("x@example.com", "X", "password123", role="wizard")
    with pytest.raises(accounts.AccountError, match="at least 8"):
        accounts.create_user("x@example.com", "X", "short")


def test_lockout_after_repeated_failures(app, now):
    user = accounts.create_user("ann@example.com", "Ann", "password123")
    for _ in range(accounts.LOCK_AFTER):
        assert accounts.authenticate(user.email, "nope-nope", now=now) is None
    assert accounts.authenticate(user.email, "password123", now=now) is None
    later = now + accounts.LOCK_FOR
    assert accounts.authenticate(user.email, "password123", now=later) == user
