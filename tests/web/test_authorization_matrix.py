"""Every route in the URL map × {anonymous, trainee, another trainee, owning instructor,
another instructor, admin}: nobody sees another user's data or does what their role may not.

Routes are read from app.url_map, so a new route is covered automatically; a route with a URL
parameter this test does not know fails loudly until a value is added to `_params`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from quizapp.extensions import db as _db
from quizapp.models import (
    Attempt,
    GenerationJob,
    Quiz,
    Source,
)
from quizapp.services import tokens
from tests.analytics_support import add_card, add_review, make_cohort, make_deck
from tests.conftest import PASSWORD

PRINCIPALS = ("anonymous", "member", "other_trainee", "owner", "other_instructor", "admin")
PUBLIC = {"auth.login", "auth.register", "auth.logout", "static", "api.openapi", "main.index"}
# Endpoints that manage content or people: a trainee must never get them.
STAFF_PREFIXES = ("author.", "analytics.")
STAFF_ENDPOINTS = {
    "main.cohorts",
    "main.cohort",
    "main.add_member",
    "main.create_trainee",
    "main.remove_member",
    "main.users",
    "main.set_role",
    "main.end_user_logins",
    "quiz.new",
    "quiz.edit",
    "quiz.manage",
}
ADMIN_ONLY = {"main.users", "main.set_role", "main.end_user_logins"}
# Imported articles form a library shared by instructors (sha256 is unique, so a second
# instructor importing the same article reuses it); decks made from them stay private.
SHARED_WITH_INSTRUCTORS = {"author.source", "author.source_new_deck"}
# Tables whose "last seen" columns legitimately change on any authenticated request.
VOLATILE = {("user", "last_active_at"), ("api_token", "last_used_at")}
MEMBER_EMAIL = "member.marker@example.com"
ITEM_MARKER = "MARKERPROMPT what city hosts the base"
DECK_MARKER = "MARKERDECK owned deck"


@pytest.fixture
def world(app, make_user):
    # Generation jobs started by allowed requests must finish inside them: a background thread
    # writing job progress later would show up as a change made by an unrelated refused request.
    app.config["GENERATION_SYNC"] = True
    now = datetime.now(UTC)
    owner = make_user("instructor", email="owner@example.com")
    other_instructor = make_user("instructor", email="other.instructor@example.com")
    member = make_user("trainee", email=MEMBER_EMAIL)
    other_trainee = make_user("trainee", email="other.trainee@example.com")
    admin = make_user("admin", email="admin@example.com")
    deck = make_deck(owner, items=4, slug="owned")
    deck.title = DECK_MARKER
    deck.items[0].prompt = ITEM_MARKER
    source = Source(title="Owned source", text="Alpha. Beta.", sha256="0" * 64, created_by=owner.id)
    _db.session.add(source)
    _db.session.flush()
    deck.source_id = source.id
    cohort = make_cohort(owner, deck, [member])
    make_deck(other_instructor, items=2, slug="theirs")
    add_card(member, deck.items[0], now)
    add_review(member, deck.items[0], now)
    quiz = Quiz(deck_id=deck.id, title="Owner quiz", kind="assigned", created_by=owner.id)
    _db.session.add(quiz)
    _db.session.flush()
    attempt = Attempt(quiz_id=quiz.id, user_id=member.id, item_ids=[deck.items[1].id])
    job = GenerationJob(deck_id=deck.id, requested_by=owner.id, status="done", progress=100)
    _db.session.add_all([attempt, job])
    _db.session.commit()
    users = {
        "member": member,
        "other_trainee": other_trainee,
        "owner": owner,
        "other_instructor": other_instructor,
        "admin": admin,
    }
    member_token_row, _plain = tokens.create_token(member, "phone")
    api_tokens = {name: tokens.create_token(user, "t")[1] for name, user in users.items()}
    params = {
        "deck_id": deck.id,
        "cohort_id": cohort.id,
        "item_id": deck.items[0].id,
        "attempt_id": attempt.id,
        "quiz_id": quiz.id,
        "job_id": job.id,
        "source_id": source.id,
        "assignment_id": cohort.assignments[0].id,
        "user_id": member.id,
        "token_id": member_token_row.id,
        "slug": deck.slug,
        "fmt": "json",
        "action": "approve",
        "filename": "style.css",
    }
    return {"users": users, "params": params, "tokens": api_tokens}


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _url(rule, params) -> str:
    missing = [name for name in rule.arguments if name not in params]
    assert not missing, f"{rule.endpoint}: add a test value for {missing} to the world fixture"
    from flask import url_for

    return url_for(rule.endpoint, **{name: params[name] for name in rule.arguments})


def _snapshot() -> list:
    rows = []
    for table in _db.metadata.sorted_tables:
        columns = [c for c in table.columns if (table.name, c.name) not in VOLATILE]
        query = sa.select(*columns).order_by(*table.primary_key.columns)
        rows.append((table.name, [tuple(r) for r in _db.session.execute(query)]))
    _db.session.rollback()
    return rows


def _client_for(app, world, principal):
    client = app.test_client()
    if principal != "anonymous":
        user = world["users"][principal]
        response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, f"could not log in {principal}"
    return client


def _request(client, world, principal, rule, method, url):
    headers = {}
    if rule.endpoint.startswith("api.") and principal != "anonymous":
        headers["Authorization"] = f"Bearer {world['tokens'][principal]}"
    if method == "GET":
        return client.get(url, headers=headers)
    if rule.endpoint.startswith("api."):
        return client.open(url, method=method, json={}, headers=headers)
    return client.open(url, method=method, data={}, headers=headers)


def _forbidden(principal: str, endpoint: str, rule) -> bool:
    """True when this principal must not be able to use this route on the owner's objects."""
    staff = endpoint.startswith(STAFF_PREFIXES) or endpoint in STAFF_ENDPOINTS
    if principal == "member":
        return staff
    if principal == "other_trainee":
        return staff or bool(set(rule.arguments) - {"filename"})
    if principal == "other_instructor":
        if endpoint in ADMIN_ONLY:
            return True
        if endpoint in SHARED_WITH_INSTRUCTORS:
            return False
        return bool(set(rule.arguments) - {"filename"})
    if principal == "owner":
        return endpoint in ADMIN_ONLY
    return False


def test_authorization_matrix(app, world):
    failures = []
    for principal in PRINCIPALS:
        client = _client_for(app, world, principal)
        for rule, method in _routes(app):
            endpoint = rule.endpoint
            if endpoint == "auth.logout":
                continue  # ends the session under test; covered in test_auth
            with app.test_request_context():
                url = _url(rule, world["params"])
            before = _snapshot() if method != "GET" else None
            response = _request(client, world, principal, rule, method, url)
            status = response.status_code
            body = response.get_data(as_text=True)
            where = f"{principal} {method} {url} → {status}"
            if status >= 500:
                failures.append(f"{where}: server error")
                continue
            if principal == "anonymous":
                if endpoint not in PUBLIC:
                    to_login = status == 302 and "/auth/login" in response.headers["Location"]
                    if not (to_login or status in (401, 405)):
                        failures.append(f"{where}: anonymous not sent to log in")
                continue
            if principal in ("other_trainee", "other_instructor"):
                leaked = [m for m in (ITEM_MARKER, MEMBER_EMAIL) if m in body]
                if leaked and not (principal == "other_instructor" and endpoint == "main.users"):
                    failures.append(f"{where}: exposes {leaked}")
            if _forbidden(principal, endpoint, rule):
                if 200 <= status < 300:
                    failures.append(f"{where}: should be refused")
                if before is not None and _snapshot() != before:
                    failures.append(f"{where}: changed data it may not change")
    assert not failures, "\n".join(failures)
