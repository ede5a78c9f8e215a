"""API review client ids: unique per user, and the quiz answers' namespace is reserved."""

from __future__ import annotations

import pytest

from quizapp.models import ReviewLog
from quizapp.services import tokens
from tests.analytics_support import make_cohort, make_deck


@pytest.fixture
def setup(app, make_user):
    instructor = make_user("instructor")
    trainees = [make_user("trainee"), make_user("trainee")]
    deck = make_deck(instructor, items=2, slug="geo")
    make_cohort(instructor, deck, trainees)
    headers = [{"Authorization": f"Bearer {tokens.create_token(t, 'phone')[1]}"} for t in trainees]
    return {"deck": deck, "trainees": trainees, "headers": headers, "items": deck.items}


def test_two_users_may_use_the_same_client_id(client, setup, db):
    body = {"item_id": setup["items"][0].id, "rating": 3, "client_id": "shared"}
    first, second = (client.post("/api/v1/reviews", json=body, headers=h) for h in setup["headers"])
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json["duplicate"] is False and second.json["duplicate"] is False
    assert first.json["id"] != second.json["id"]
    again = client.post("/api/v1/reviews", json=body, headers=setup["headers"][1])
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["id"] == second.json["id"]
    owners = db.session.scalars(db.select(ReviewLog.user_id).order_by(ReviewLog.id)).all()
    assert owners == [t.id for t in setup["trainees"]]


@pytest.mark.parametrize("client_id", ["quiz:1:1", "quiz:", "quiz:anything"])
def test_client_ids_of_quiz_answers_are_refused(client, setup, db, client_id):
    body = {"item_id": setup["items"][0].id, "rating": 1, "client_id": client_id}
    response = client.post("/api/v1/reviews", json=body, headers=setup["headers"][0])
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid"
    assert "reserved for quiz answers" in response.json["error"]["message"]
    assert db.session.scalar(db.select(db.func.count(ReviewLog.id))) == 0
