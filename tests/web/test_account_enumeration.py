"""Registration and adding to a cohort answer alike for registered and new e-mails."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from quizapp import models
from quizapp.models import Cohort, User
from quizapp.services import accounts

CSRF = re.compile(r'name="csrf_token"[^>]*value="[^"]*"')


def _register(app, email) -> tuple:
    """What a new browser sees when registering: status, target, header names, next page."""
    client = app.test_client()
    data = {"name": "New Person", "email": email, "password": "a-good-password"}
    response = client.post("/auth/register", data={**data, "confirm": data["password"]})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    names = sorted(name for name, _value in response.headers)
    return response.status_code, response.headers["Location"], names, CSRF.sub("", page)


@pytest.fixture
def hashes(monkeypatch):
    calls = []
    real = models.generate_password_hash

    def spy(password, **kwargs):
        calls.append(password)
        return real(password, **kwargs)

    monkeypatch.setattr(models, "generate_password_hash", spy)
    return calls


def test_register_answers_alike_for_a_taken_and_a_new_email(app, make_user, hashes):
    existing = make_user("admin", email="boss@example.com")
    stored = existing.password_hash
    hashes.clear()
    taken = _register(app, "Boss@Example.com")
    taken_hashes = len(hashes)
    new = _register(app, "fresh@example.com")
    assert taken == new
    assert taken[:2] == (302, "/auth/login") and "your trainee account is ready" in taken[3]
    # Both paths hash the password once, so the time does not tell them apart either.
    assert taken_hashes == 1 and len(hashes) == 2
    users = {u.email: u for u in models.db.session.scalars(sa.select(User))}
    assert set(users) == {"boss@example.com", "fresh@example.com"}
    assert users["boss@example.com"].password_hash == stored
    assert users["boss@example.com"].role == "admin"


def _add(client, cohort_id, email):
    response = client.post(f"/cohorts/{cohort_id}/members", data={"add-email": email})
    body = response.get_data(as_text=True).replace(email, "EMAIL")
    return response.status_code, CSRF.sub("", body)


def test_cohort_add_answers_alike_for_unknown_and_staff_emails(app, auth, db, make_user):
    instructor = make_user("instructor", email="iris@example.com")
    make_user("instructor", email="olga@example.com")
    make_user("admin", email="root@example.com")
    cohort = Cohort(name="Morning group", instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    auth.login(instructor)
    auth._client.get("/")  # shows (and so clears) the welcome message
    answers = {
        email: _add(auth._client, cohort.id, email)
        for email in ("ghost@example.com", "olga@example.com", "root@example.com")
    }
    first = answers["ghost@example.com"]
    assert first[0] == 200 and "No trainee account uses EMAIL" in first[1]
    assert all(answer == first for answer in answers.values()), "the answer reveals the account"
    assert db.session.get(Cohort, cohort.id).members == []


def test_cohort_create_does_not_name_the_role_of_a_taken_email(app, auth, db, make_user):
    instructor = make_user("instructor", email="iris@example.com")
    make_user("trainee", email="tom@example.com")
    make_user("admin", email="root@example.com")
    cohort = Cohort(name="Morning group", instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    auth.login(instructor)
    auth._client.get("/")

    def create(email):
        data = {"new-name": "X", "new-email": email, "new-password": "a-good-password"}
        response = auth._client.post(f"/cohorts/{cohort.id}/trainees", data=data)
        return response.status_code, CSRF.sub(
            "", response.get_data(as_text=True).replace(email, "E")
        )

    assert create("tom@example.com") == create("root@example.com")
    assert accounts.find_user("root@example.com").role == "admin"
