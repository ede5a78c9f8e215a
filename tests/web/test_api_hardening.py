"""API hardening: answer key after the attempt, rate limit per user, unreadable JSON, bounds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp import create_app
from quizapp.config import TestConfig as AppTestConfig
from quizapp.domain.quizmaker import MAX_ITEMS, MIN_ITEMS
from quizapp.extensions import db as _db
from quizapp.models import utcnow
from quizapp.services import quizzes, tokens
from tests.analytics_support import make_cohort, make_deck

ANSWER_KEY_FIELDS = {"correct_answer", "feedback", "explanation", "quote", "verdict", "answers"}


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def setup(app, make_user, db):
    instructor, trainee, other = make_user("instructor"), make_user("trainee"), make_user("trainee")
    deck = make_deck(instructor, items=6, slug="geo")
    for item in deck.items:
        item.explanation = "Secret explanation."
        item.quote = "Secret source sentence."
    db.session.commit()
    make_cohort(instructor, deck, [trainee, other])
    return {
        "deck": deck,
        "trainee": trainee,
        "token": tokens.create_token(trainee, "phone")[1],
        "second_token": tokens.create_token(trainee, "tablet")[1],
        "other_token": tokens.create_token(other, "phone")[1],
    }


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _start(client, setup, **body) -> dict:
    response = client.post(
        f"/api/v1/decks/{setup['deck'].id}/attempts",
        json={"count": 5, **body},
        headers=_bearer(setup["token"]),
    )
    assert response.status_code == 201, response.json
    return response.json


# --- the answer key of an attempt ---------------------------------------------------------------


def test_unfinished_attempt_shows_questions_but_no_answer_key(client, setup):
    started = _start(client, setup)
    response = client.get(f"/api/v1/attempts/{started['id']}", headers=_bearer(setup["token"]))
    assert response.status_code == 200
    body = response.json
    assert body["finished_at"] is None and body["score"] is None
    assert not ANSWER_KEY_FIELDS & set(body)
    assert [q["id"] for q in body["questions"]] == [q["id"] for q in started["questions"]]
    for question in body["questions"]:
        assert set(question) <= {"id", "type", "prompt", "choices"}
    text = response.get_data(as_text=True)
    assert "Secret" not in text and "correct_answer" not in text


def test_finished_attempt_shows_answers_explanations_and_sources(client, setup):
    started = _start(client, setup)
    answers = [{"item_id": q["id"], "response": "Russia"} for q in started["questions"]]
    submitted = client.post(
        f"/api/v1/attempts/{started['id']}/submit",
        json={"answers": answers},
        headers=_bearer(setup["token"]),
    )
    assert submitted.status_code == 200
    body = client.get(f"/api/v1/attempts/{started['id']}", headers=_bearer(setup["token"])).json
    assert body["finished_at"] is not None and "questions" not in body
    assert len(body["answers"]) == 5
    for answer in body["answers"]:
        assert answer["correct_answer"] == "Russia" and answer["verdict"] == "correct"
        assert answer["explanation"] == "Secret explanation."
        assert answer["quote"] == "Secret source sentence."


def test_overdue_attempt_is_finished_when_read_like_on_the_web(client, setup):
    # A timed attempt whose clock ran out is finished on reading, so its key is shown then.
    attempt = quizzes.start_practice(
        setup["trainee"],
        setup["deck"],
        count=5,
        time_limit_min=1,
        now=utcnow() - timedelta(hours=1),
    )
    body = client.get(f"/api/v1/attempts/{attempt.id}", headers=_bearer(setup["token"])).json
    assert body["finished_at"] is not None
    assert all(a["correct_answer"] == "Russia" and a["verdict"] is None for a in body["answers"])


def test_openapi_documents_both_attempt_shapes(client):
    doc = client.get("/api/v1/openapi.json").json
    schema = doc["paths"]["/attempts/{attempt_id}"]["get"]["responses"]["200"]["content"]
    shapes = schema["application/json"]["schema"]["oneOf"]
    open_shape, finished_shape = shapes
    assert "questions" in open_shape["required"] and "answers" not in open_shape["properties"]
    assert {"finished_at", "answers"} <= set(finished_shape["required"])
    answer = finished_shape["properties"]["answers"]["items"]["properties"]
    assert {"correct_answer", "explanation", "quote"} <= set(answer)


# --- the documented bounds are the service's bounds ---------------------------------------------


def test_quiz_count_bounds_in_the_document_are_the_services(client):
    doc = client.get("/api/v1/openapi.json").json
    body = doc["paths"]["/decks/{deck_id}/attempts"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert properties["count"]["minimum"] == MIN_ITEMS == 5
    assert properties["count"]["maximum"] == MAX_ITEMS
    assert set(properties["types"]["items"]["enum"]) == {
        "cloze",
        "mcq",
        "true_false",
        "short_answer",
        "basic",
    }


@pytest.mark.parametrize(
    "body, message",
    [
        ({"count": MIN_ITEMS - 1}, "between 5 and"),
        ({"count": 1}, "between 5 and"),
        ({"count": MAX_ITEMS + 1}, "between 5 and"),
        ({"count": 5, "types": ["essay"]}, "must be one of"),
    ],
)
def test_out_of_bounds_quiz_requests_are_400_not_409(client, setup, body, message):
    response = client.post(
        f"/api/v1/decks/{setup['deck'].id}/attempts", json=body, headers=_bearer(setup["token"])
    )
    assert response.status_code == 400
    assert message in response.json["error"]["message"]


# --- request bodies the JSON parser cannot take -------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000
UNREADABLE_BODIES = [
    (DEEP, "nests too deeply"),
    (b'{"item_id": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", "nests too deeply"),
    (b'{"item_id": ' + b"9" * 5_000 + b"}", "not valid JSON"),
    (b"\xff\xfe not json", "not UTF-8"),
    (b'{"rating": 3', "not valid JSON"),
]


@pytest.mark.parametrize("data, message", UNREADABLE_BODIES)
@pytest.mark.parametrize("path", ["/reviews", "/decks/{deck}/attempts", "/attempts/1/submit"])
def test_unreadable_json_is_a_one_line_400_on_every_api_endpoint(
    client, setup, path, data, message
):
    url = "/api/v1" + path.format(deck=setup["deck"].id)
    headers = {**_bearer(setup["token"]), "Content-Type": "application/json"}
    response = client.post(url, data=data, headers=headers)
    assert response.status_code == 400
    error = response.json["error"]
    assert error["code"] == "bad_request" and message in error["message"]
    assert "\n" not in error["message"] and len(error["message"]) < 200


@pytest.mark.parametrize("data", [DEEP, b"5", b"[1, 2]", b'"x"', b"[[1]]"])
def test_json_to_a_web_form_is_a_400_not_a_crash(client, data):
    # Flask-WTF reads a JSON body as form data: nesting raised RecursionError, and a body that
    # is not an object a TypeError.
    response = client.post(
        "/auth/login",
        data=data,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert response.status_code == 400
    assert "\n" not in response.json["error"]["message"]


def test_provider_turns_deep_nesting_into_a_value_error(app):
    with pytest.raises(ValueError, match="nests too deeply"):
        app.json.loads(DEEP)


# --- the rate limit is per user, whatever the spelling of the header ----------------------------


@pytest.fixture
def limited(app):
    """A rate-limited twin of `app` on the same database."""
    config = AppTestConfig()
    config.RATELIMIT_ENABLED = True
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    twin = create_app(config)
    yield twin
    with twin.app_context():
        _db.engine.dispose()


def test_rate_limit_follows_the_user_not_the_header_spelling(limited, setup):
    client = limited.test_client()
    token = setup["token"]
    # One budget over all routes: 150 + 150 requests on two routes use it up for a third.
    for path in ["/api/v1/decks"] * 150 + ["/api/v1/progress"] * 150:
        assert client.get(path, headers=_bearer(token)).status_code == 200
    items = f"/api/v1/decks/{setup['deck'].id}/items"
    assert client.get(items, headers=_bearer(token)).status_code == 429
    spellings = [
        f"Bearer {token}",
        f"bearer {token}",
        f"BEARER {token}",
        f"Bearer  {token}",
        f"Bearer {token} ",
        f" Bearer {token}",
        f"Bearer {setup['second_token']}",  # another token of the same user
    ]
    for header in spellings:
        response = client.get("/api/v1/decks", headers={"Authorization": header})
        assert response.status_code == 429, header
        assert response.json["error"]["code"] == "too_many_requests"
    assert client.get("/api/v1/decks", headers=_bearer(setup["other_token"])).status_code == 200


def test_api_responses_carry_rate_limit_headers(limited, setup):
    client = limited.test_client()
    first = client.get("/api/v1/decks", headers=_bearer(setup["token"]))
    assert first.headers["X-RateLimit-Limit"] == "300"
    assert first.headers["X-RateLimit-Remaining"] == "299"
    assert int(first.headers["X-RateLimit-Reset"]) > 0
    assert 0 <= int(first.headers["Retry-After"]) <= 60
    for _ in range(300):
        last = client.get("/api/v1/decks", headers=_bearer(setup["token"]))
    assert last.status_code == 429
    assert last.headers["X-RateLimit-Remaining"] == "0"
    assert 0 <= int(last.headers["Retry-After"]) <= 60


def test_openapi_documents_the_rate_limit_headers(client):
    doc = client.get("/api/v1/openapi.json").json
    responses = doc["paths"]["/decks"]["get"]["responses"]
    assert {"X-RateLimit-Remaining", "Retry-After"} <= set(responses["200"]["headers"])
    assert "Retry-After" in responses["429"]["headers"]
