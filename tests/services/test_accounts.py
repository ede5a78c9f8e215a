"""Account services on every backend."""

import pytest

from quizapp.services import accounts, login_throttle


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


def test_failures_slow_down_the_pair_not_the_account(app, now):
    user = accounts.create_user("ann@example.com", "Ann", "password123")
    for _ in range(login_throttle.FREE_FAILURES + 2):
        assert accounts.authenticate(user.email, "nope-nope", client="10.0.0.66", now=now) is None
    # The attacker's address waits (even with the right password); refused attempts do not
    # count, so the wait is the one after the last counted failure ...
    wait = login_throttle.delay_after(login_throttle.FREE_FAILURES)
    assert accounts.authenticate(user.email, "password123", client="10.0.0.66", now=now) is None
    assert accounts.login_wait(user.email, "10.0.0.66", now=now) == wait.total_seconds()
    # ... while the owner elsewhere logs in at once, and the attacker's address after the wait.
    assert accounts.authenticate(user.email, "password123", client="10.0.0.7", now=now) == user
    later = now + wait
    assert accounts.authenticate(user.email, "password123", client="10.0.0.66", now=later) == user
    assert accounts.login_wait(user.email, "10.0.0.66", now=later) == 0


def test_invalid_email_and_overlong_name(app):
    with pytest.raises(accounts.AccountError, match="Not a valid e-mail"):
        accounts.create_user("not-an-email", "X", "password123")
    with pytest.raises(accounts.AccountError, match="at most 254"):
        accounts.create_user("x" * 300 + "@example.com", "X", "password123")
    with pytest.raises(accounts.AccountError, match="at most 120"):
        accounts.create_user("x@example.com", "n" * 121, "password123")


def test_create_trainee_in_cohort_is_one_transaction(app, db):
    instructor = accounts.create_user("i@example.com", "Iris", "password123", "instructor")
    cohort = accounts.create_cohort(instructor, "Group")
    user = accounts.create_trainee_in_cohort(cohort, "T@example.com", "Tom", "password123")
    assert user.role == "trainee" and [m.id for m in cohort.members] == [user.id]
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_trainee_in_cohort(cohort, "t@example.com", "Tom again", "password123")
    with pytest.raises(accounts.AccountError, match="at least 8"):
        accounts.create_trainee_in_cohort(cohort, "new@example.com", "New", "short")
    db.session.expire_all()
    assert [m.email for m in cohort.members] == ["t@example.com"]
    assert accounts.find_user("new@example.com") is None


def test_membership_rules(app):
    instructor = accounts.create_user("i@example.com", "Iris", "password123", "instructor")
    other = accounts.create_user("o@example.com", "Olga", "password123", "instructor")
    admin = accounts.create_user("a@example.com", "Ada", "password123", "admin")
    trainee = accounts.create_user("t@example.com", "Tom", "password123")
    cohort = accounts.create_cohort(instructor, "  Group  ")
    assert cohort.name == "Group"
    with pytest.raises(accounts.AccountError, match="name"):
        accounts.create_cohort(instructor, "   ")
    assert accounts.add_member_by_email(cohort, "T@EXAMPLE.COM") == trainee
    with pytest.raises(accounts.AccountError, match="already in this cohort"):
        accounts.add_member_by_email(cohort, trainee.email)
    with pytest.raises(accounts.AccountError, match="No trainee account uses ghost@example.com"):
        accounts.add_member_by_email(cohort, "ghost@example.com")
    with pytest.raises(accounts.AccountError, match="No trainee account uses o@example.com"):
        accounts.add_member_by_email(cohort, other.email)
    with pytest.raises(accounts.AccountError, match="Only trainees"):
        accounts.add_member(cohort, other)
    assert accounts.can_manage(instructor, cohort) and accounts.can_manage(admin, cohort)
    assert not accounts.can_manage(other, cohort) and not accounts.can_manage(trainee, cohort)
    assert accounts.cohorts_for(other) == [] and accounts.cohorts_for(admin) == [cohort]
    accounts.remove_member(cohort, trainee)
    assert cohort.members == []


def test_last_admin_keeps_the_role(app):
    first = accounts.create_user("a@example.com", "Ada", "password123", "admin")
    with pytest.raises(accounts.AccountError, match="only admin"):
        accounts.set_role(first, "trainee")
    second = accounts.create_user("b@example.com", "Bea", "password123", "trainee")
    accounts.set_role(second, "admin")
    accounts.set_role(first, "instructor")
    assert accounts.users_by_role() == {"trainee": 0, "instructor": 1, "admin": 1}
