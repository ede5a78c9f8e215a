"""`quizapp create-user`, `set-role` and `demo`."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from quizapp.models import Cohort, Membership, User
from quizapp.services import accounts, demo


def _create(runner, *args):
    return runner.invoke(args=["create-user", *args])


def test_create_user_with_role(runner, db):
    result = _create(
        runner, "--email", "Ida@Example.com", "--name", "Ida", "--role", "instructor",
        "--password", "long-enough",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created instructor ida@example.com." in result.output
    user = accounts.find_user("ida@example.com")
    assert user.role == "instructor" and user.check_password("long-enough")


def test_create_user_prompts_for_the_password(runner, db):
    result = runner.invoke(
        args=["create-user", "--email", "p@example.com"], input="long-enough\nlong-enough\n"
    )
    assert result.exit_code == 0, result.output
    assert accounts.find_user("p@example.com").role == "trainee"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "wizard"], "'wizard' is not one of 'trainee', 'instructor', 'admin'"),
        (["--password", "short"], "at least 8 characters"),
        (["--email", "not-an-email"], "Not a valid e-mail address"),
        (["--name", "n" * 10_001], "at most 120 characters"),
    ],
)
def test_create_user_bad_input_exits_non_zero_with_a_message(runner, db, args, message):
    base = {"--email": "x@example.com", "--password": "long-enough", "--role": "trainee"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    result = _create(runner, *[part for pair in base.items() for part in pair])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_create_user_duplicate_email(runner, db, make_user):
    make_user("trainee", email="dup@example.com")
    result = _create(runner, "--email", "DUP@example.com", "--password", "long-enough")
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_set_role(runner, db, make_user):
    user = make_user("trainee")
    result = runner.invoke(args=["set-role", user.email, "admin"])
    assert result.exit_code == 0 and "is now admin" in result.output
    db.session.refresh(user)
    assert user.role == "admin"
    assert runner.invoke(args=["set-role", "nobody@example.com", "admin"]).exit_code != 0
    assert runner.invoke(args=["set-role", user.email, "wizard"]).exit_code != 0


PASSWORD_LINE = re.compile(r"^\s+(\w+)\s+(\S+@\S+)\s+password: (\S+)$", re.MULTILINE)


def test_demo_twice_keeps_data_and_prints_passwords_once(runner, db, client):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    credentials = PASSWORD_LINE.findall(first.output)
    assert [(role, email) for role, email, _ in credentials] == [
        (role, email) for email, _name, role in demo.DEMO_USERS
    ]
    user_ids = set(db.session.scalars(sa.select(User.id)))
    cohort = db.session.scalar(sa.select(Cohort))
    assert len(cohort.members) == 2

    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "password:" not in second.output
    assert "already exist" in second.output
    assert set(db.session.scalars(sa.select(User.id))) == user_ids
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 2

    # The printed passwords still work after the second run.
    for _role, email, password in credentials:
        response = client.post("/auth/login", data={"email": email, "password": password})
        assert response.status_code == 302, email
        client.post("/auth/logout")


def test_demo_reset_passwords(runner, db):
    first = PASSWORD_LINE.findall(runner.invoke(args=["demo"]).output)
    reset = runner.invoke(args=["demo", "--reset-passwords"])
    assert reset.exit_code == 0
    fresh = PASSWORD_LINE.findall(reset.output)
    assert [email for _, email, _ in fresh] == [email for _, email, _ in first]
    assert all(new != old for (_, _, new), (_, _, old) in zip(fresh, first, strict=True))
    assert accounts.find_user(fresh[0][1]).check_password(fresh[0][2])
