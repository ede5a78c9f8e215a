"""Login rows and the login throttle on every backend."""

from datetime import timedelta

from quizapp.services import accounts, login_throttle, sessions

DAY = timedelta(days=1)


def test_logins_open_resolve_and_end(app, now):
    user = accounts.create_user("ann@example.com", "Ann", "password123")
    first = sessions.open_login(user, DAY, now=now)
    second = sessions.open_login(user, DAY, now=now)
    assert sessions.user_for_login(f"{user.id}:{first}", now=now) == user
    assert sessions.user_for_login(f"{user.id + 1}:{first}", now=now) is None
    assert sessions.user_for_login(f"{user.id}:{first}", now=now + DAY) is None
    assert sessions.user_for_login(str(user.id), now=now) is None
    assert sessions.count_logins(user, now=now) == 2
    user.login_token = first
    sessions.close_login(user)
    assert sessions.user_for_login(f"{user.id}:{first}", now=now) is None
    assert sessions.user_for_login(f"{user.id}:{second}", now=now) == user


def test_password_and_role_changes_end_every_login(app, now):
    user = accounts.create_user("ann@example.com", "Ann", "password123")
    token = sessions.open_login(user, DAY, now=now)
    accounts.change_password(user, "password123", "password456")
    assert sessions.user_for_login(f"{user.id}:{token}", now=now) is None
    token = sessions.open_login(user, DAY, now=now)
    accounts.set_role(user, "instructor")
    assert sessions.user_for_login(f"{user.id}:{token}", now=now) is None
    token = sessions.open_login(user, DAY, now=now)
    sessions.end_all_logins(user)
    assert sessions.count_logins(user, now=now) == 0


def test_expired_logins_are_pruned_at_the_next_login(app, now):
    user = accounts.create_user("ann@example.com", "Ann", "password123")
    sessions.open_login(user, DAY, now=now)
    sessions.open_login(user, DAY, now=now + 2 * DAY)
    assert sessions.count_logins(user, now=now - DAY) == 1


def test_throttle_counts_concurrent_style_repeats_and_forgets_after_a_day(app, now):
    key = login_throttle.throttle_key(" Ann@Example.com", "10.0.0.1")
    assert key == login_throttle.throttle_key("ann@example.com", "10.0.0.1")
    for _ in range(login_throttle.FREE_FAILURES):
        login_throttle.record_failure(key, now)
    assert login_throttle.wait_left(key, now) == login_throttle.FIRST_DELAY
    login_throttle.record_failure(key, now)
    assert login_throttle.wait_left(key, now) == 2 * login_throttle.FIRST_DELAY
    later = now + login_throttle.FORGET_AFTER
    assert login_throttle.wait_left(key, later) == timedelta(0)
    login_throttle.record_failure(key, later)  # a stale count starts again at one
    assert login_throttle.wait_left(key, later) == timedelta(0)


def test_backoff_doubles_up_to_an_hour():
    delays = [login_throttle.delay_after(n) for n in range(30)]
    assert delays[: login_throttle.FREE_FAILURES] == [timedelta(0)] * login_throttle.FREE_FAILURES
    assert delays[5:8] == [timedelta(seconds=s) for s in (1, 2, 4)]
    assert max(delays) == login_throttle.MAX_DELAY == delays[-1]


def test_demo_password_reset_ends_the_demo_users_logins(app, now):
    from quizapp.services import demo

    email, name, role = demo.DEMO_USERS[0]
    user = accounts.create_user(email, name, "password123", role)
    token = sessions.open_login(user, DAY, now=now)
    demo.reset_demo_passwords()
    assert sessions.user_for_login(f"{user.id}:{token}", now=now) is None
