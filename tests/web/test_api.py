"""JSON API: token auth, decks, next card, idempotent reviews, quiz attempts, progress, OpenAPI."""

from __future__ import annotations

import pytest

from quizapp.models import ApiToken, ReviewLog
from quizapp.services import tokens
from tests.analytics_support import make_cohort, make_deck


@pytest.fixture
def setup(app, make_user):
    instructor = make_user("instructor")
    trainee = make_user("trainee")
    outsider = make_user("trainee")
    deck = make_deck(instructor, items=6, slug="geo")
    make_cohort(instructor, deck, [trainee])
    _row, token = tokens.create_token(trainee, "phone")
    _row, outsider_token = tokens.create_token(outsider, "phone")
    return {
        "deck": deck,
        "trainee": trainee,
        "headers": {"Authorization": f"Bearer {token}"},
        "outsider": {"Authorization": f"Bearer {outsider_token}"},
    }


def test_requests_without_valid_token_get_401_json(client, setup):
    for headers in ({}, {"Authorization": "Bearer qz_wrong"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/decks", headers=headers)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"


def test_session_cookie_alone_does_not_authenticate_the_api(client, auth, setup):
    auth.login(setup["trainee"])
    assert client.get("/api/v1/decks").status_code == 401


def test_token_is_stored_hashed_and_revocable(client, setup, db):
    row = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == setup["trainee"].id))
    plain = setup["headers"]["Authorization"].split()[1]
    assert row.token_hash == tokens.hash_token(plain) and plain not in row.token_hash
    assert client.get("/api/v1/decks", headers=setup["headers"]).status_code == 200
    assert tokens.revoke_token(setup["trainee"], row.id)
    assert client.get("/api/v1/decks", headers=setup["headers"]).status_code == 401


def test_decks_and_items_only_for_assigned_trainee(client, setup):
    listed = client.get("/api/v1/decks", headers=setup["headers"]).json["decks"]
    assert [d["slug"] for d in listed] == ["geo"]
    assert client.get("/api/v1/decks", headers=setup["outsider"]).json["decks"] == []
    deck_id = setup["deck"].id
    items = client.get(f"/api/v1/decks/{deck_id}/items", headers=setup["headers"]).json["items"]
    assert len(items) == 6
    response = client.get(f"/api/v1/decks/{deck_id}/items", headers=setup["outsider"])
    assert response.status_code == 404 and "error" in response.json


def test_next_card_and_review_is_idempotent(client, setup, db):
    deck_id = setup["deck"].id
    card = client.get(f"/api/v1/decks/{deck_id}/next", headers=setup["headers"]).json["card"]
    assert set(card["intervals"]) == {"1", "2", "3", "4"}
    body = {"item_id": card["item"]["id"], "rating": 3, "client_id": "phone-1"}
    first = client.post("/api/v1/reviews", json=body, headers=setup["headers"])
    again = client.post("/api/v1/reviews", json=body, headers=setup["headers"])
    assert first.status_code == 201 and first.json["duplicate"] is False
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["id"] == first.json["id"]
    assert db.session.scalar(db.select(db.func.count(ReviewLog.id))) == 1


@pytest.mark.parametrize(
    "body, message",
    [
        ([], "JSON object"),
        ({"rating": 3, "client_id": "x"}, "item_id"),
        ({"item_id": 1, "rating": 7, "client_id": "x"}, "between"),
        ({"item_id": 1, "rating": "3", "client_id": "x"}, "integer"),
        ({"item_id": 1, "rating": 3, "client_id": ""}, "length"),
        ({"item_id": 1, "rating": 3, "client_id": "x", "extra": 1}, "Unknown field"),
    ],
)
def test_bad_review_bodies_are_400_with_message(client, setup, body, message):
    response = client.post("/api/v1/reviews", json=body, headers=setup["headers"])
    assert response.status_code == 400
    assert message in response.json["error"]["message"]


def test_review_of_someone_elses_item_is_404(client, setup):
    item_id = setup["deck"].items[0].id
    body = {"item_id": item_id, "rating": 3, "client_id": "x-1"}
    assert client.post("/api/v1/reviews", json=body, headers=setup["outsider"]).status_code == 404


def test_quiz_attempt_round_trip(client, setup):
    deck_id = setup["deck"].id
    started = client.post(
        f"/api/v1/decks/{deck_id}/attempts",
        json={"count": 5, "client_id": "quiz-1"},
        headers=setup["headers"],
    )
    assert started.status_code == 201
    questions = started.json["questions"]
    assert len(questions) == 5 and all("answer" not in q for q in questions)
    answers = [{"item_id": q["id"], "response": "Russia"} for q in questions[:4]]
    answers.append({"item_id": questions[4]["id"], "response": "Iran"})
    result = client.post(
        f"/api/v1/attempts/{started.json['id']}/submit",
        json={"answers": answers},
        headers=setup["headers"],
    )
    assert result.status_code == 200
    assert result.json["score"] == pytest.approx(0.8)
    verdicts = sorted(a["verdict"] for a in result.json["answers"])
    assert verdicts == ["correct"] * 4 + ["wrong"]
    other = client.get(f"/api/v1/attempts/{started.json['id']}", headers=setup["outsider"])
    assert other.status_code == 404


def test_progress_counts_reviews(client, setup):
    deck_id = setup["deck"].id
    card = client.get(f"/api/v1/decks/{deck_id}/next", headers=setup["headers"]).json["card"]
    body = {"item_id": card["item"]["id"], "rating": 3, "client_id": "p-1"}
    client.post("/api/v1/reviews", json=body, headers=setup["headers"])
    report = client.get("/api/v1/progress", headers=setup["headers"]).json
    assert report["reviews_total"] == 1
    assert report["new"] + report["learning"] + report["mastered"] == 6


def test_openapi_document_lists_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api.") or rule.endpoint == "api.openapi":
            continue
        path = rule.rule.removeprefix("/api/v1").replace("<int:", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, f"{method} {path} undocumented"
