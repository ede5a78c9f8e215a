"""SQL statements per page must not grow with the number of items (no N+1).

Each page is requested once to warm up and once counted (a before_cursor_execute listener), on a
deck of 10 items and on a deck of 50, both made by the `demo --scale` generator: every trainee
has a card state and reviews for every item and a finished checkpoint quiz.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from quizapp import create_app
from quizapp.config import TestConfig as _TestConfig
from quizapp.extensions import db
from quizapp.models import Attempt, User, utcnow
from quizapp.services import demo_scale, tokens
from tests.conftest import PASSWORD

SIZES = (10, 50)
PAGES = {
    "study session": ("trainee", "/study/{deck}"),
    "progress (all decks)": ("trainee", "/study/progress"),
    "progress (deck)": ("trainee", "/study/{deck}/progress"),
    "quiz result": ("trainee", "/quiz/attempt/{attempt}/result"),
    "author deck": ("instructor", "/author/decks/{deck}"),
    "analytics items": ("instructor", "/analytics/decks/{deck}/items"),
    "API next card": ("token", "/api/v1/decks/{deck}/next"),
}


def _dataset(tmp_path, items: int) -> tuple:
    config = _TestConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / f"counts-{items}.db")
    app = create_app(config)
    with app.app_context():
        db.create_all()
        instructor = User(email="boss@example.com", name="Boss", role="instructor")
        instructor.set_password(PASSWORD)
        db.session.add(instructor)
        db.session.commit()
        summary = demo_scale.build(
            3, now=utcnow(), items=items, reviews_per_card=3, attempts=1,
            owner=instructor, password=PASSWORD,
        )  # fmt: skip
        trainee = db.session.scalar(sa.select(User).where(User.email == demo_scale.EMAIL.format(1)))
        attempt = db.session.scalar(sa.select(Attempt.id).where(Attempt.user_id == trainee.id))
        token = tokens.create_token(trainee, "counts")[1]
        engine = db.engine
        ids = {"deck": summary.deck_id, "attempt": attempt}
        emails = {"trainee": trainee.email, "instructor": instructor.email}
    return app, engine, ids, emails, token


def _count(app, engine, ids, emails, token) -> dict[str, int]:
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    counts = {}
    clients = {}
    for role in ("trainee", "instructor"):
        clients[role] = app.test_client()
        response = clients[role].post(
            "/auth/login", data={"email": emails[role], "password": PASSWORD}
        )
        assert response.status_code == 302, role
    clients["token"] = app.test_client()
    headers = {"token": {"Authorization": f"Bearer {token}"}}
    for name, (who, pattern) in PAGES.items():
        url = pattern.format(**ids)
        client = clients[who]
        assert client.get(url, headers=headers.get(who, {})).status_code == 200, name
        statements.clear()
        event.listen(engine, "before_cursor_execute", listen)
        try:
            response = client.get(url, headers=headers.get(who, {}))
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        assert response.status_code == 200, name
        counts[name] = len(statements)
    return counts


@pytest.fixture(scope="module")
def counts(tmp_path_factory) -> dict[int, dict[str, int]]:
    result = {}
    for items in SIZES:
        tmp = tmp_path_factory.mktemp(f"counts{items}")
        result[items] = _count(*_dataset(tmp, items))
    return result


@pytest.mark.parametrize("page", list(PAGES))
def test_statement_count_does_not_grow_with_items(counts, page):
    small, large = (counts[n][page] for n in SIZES)
    assert large <= small, f"{page}: {small} statements at {SIZES[0]} items, {large} at {SIZES[1]}"
    assert 1 <= small <= 20, f"{page}: {small} statements for one page"


def test_api_next_card_is_two_statements(counts):
    """Token with its user, then the deck with its assignment check, the next card, its state
    and the counts in one statement (issue 20; it was seven, then three)."""
    assert {counts[n]["API next card"] for n in SIZES} == {2}
