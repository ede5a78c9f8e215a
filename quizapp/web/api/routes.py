"""JSON API /api/v1 for mobile and other clients, authenticated with personal access tokens."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, g, jsonify, request
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import csrf, db, limiter
from quizapp.models import Attempt, CardState, Deck, Item, User
from quizapp.services import progress, quizzes, study, study_access, study_queue, study_view, tokens
from quizapp.web import jsonbody
from quizapp.web.api import schemas
from quizapp.web.api.spec import documented, openapi_document
from quizapp.web.auth_support import json_error

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token-authenticated only (no session cookies), so CSRF cannot apply.
csrf.exempt(bp)
API_VERSION = "1.0.0"
RATE = "300 per minute"
PUBLIC_ENDPOINTS = {"api.openapi"}
TOKEN_USER = "quizapp.api_user"  # WSGI environ key: one token lookup per request


def _token_user() -> User | None:
    """The owner of the request's bearer token (any spelling of the header), or None."""
    # The environ lives exactly one request (g can outlive it, e.g. in tests); the limiter's key
    # function runs before authenticate() and both need the user.
    if TOKEN_USER not in request.environ:
        scheme, _, value = request.headers.get("Authorization", "").strip().partition(" ")
        user = tokens.user_for_token(value.strip()) if scheme.lower() == "bearer" else None
        request.environ[TOKEN_USER] = user
    return request.environ[TOKEN_USER]


def _rate_key() -> str:
    # One budget per user, whatever the header spelling or token used; requests without a valid
    # token share their address's budget (so guessing tokens is limited too).
    user = _token_user()
    return f"user:{user.id}" if user is not None else "ip:" + (request.remote_addr or "")


# Shared: one budget over every API route, not one per route.
limiter.shared_limit(RATE, scope="api", key_func=_rate_key)(bp)


@bp.before_request
def authenticate():
    """Resolve the bearer token to a user; 401 JSON without a valid one."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    user = _token_user()
    if user is None:
        return json_error(401, "unauthorized", "Send a valid token: Authorization: Bearer qz_…")
    g.api_user = user
    return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _body(schema: dict) -> dict:
    if not request.is_json:
        return schemas.parse(None, schema)
    try:
        body = jsonbody.loads(request.get_data(cache=True))
    except jsonbody.UnreadableJSON as error:
        raise schemas.InvalidBody(str(error)) from None
    return schemas.parse(body, schema)


def _deck_for_me(deck_id: int) -> Deck:
    deck = study_access.studyable_deck(g.api_user, deck_id)
    if deck is None:
        abort(404, "No such deck among yours.")
    return deck


def _deck_json(deck: Deck) -> dict:
    return {
        "id": deck.id,
        "slug": deck.slug,
        "title": deck.title,
        "description": deck.description or "",
        "status": deck.status,
    }


def _item_json(item: Item | study_view.ItemFields) -> dict:
    return {
        "id": item.id,
        "key": item.key,
        "type": item.type,
        "kind": item.kind,
        "prompt": item.prompt,
        "answer": item.answer,
        "choices": list(item.choices or []),
        "accepted": list(item.accepted or []),
        "explanation": item.explanation or "",
        "quote": item.quote or "",
        "topic": item.topic or "",
    }


def _card_json(
    item: Item | study_view.ItemFields,
    state: CardState | study_view.StateFields | None = None,
    deck: Deck | study_view.DeckFields | None = None,
) -> dict:
    if deck is None:
        state = study_queue.card_state(g.api_user, item)
    intervals = study_queue.intervals(item, state, deck or item.deck)
    return {
        "item": _item_json(item),
        "due": _iso(state.due) if state else None,
        "intervals": {str(r): _duration(d.total_seconds()) for r, d in intervals.items()},
    }


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{round(seconds / size)}{unit}"
    return "<1m"


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi_document(API_VERSION))


@bp.get("/decks")
@documented("/decks", "get", "Decks I can study", schemas.DECKS)
def decks():
    """Decks visible to the token's user."""
    return jsonify({"decks": [_deck_json(d) for d in study_access.visible_decks(g.api_user)]})


@bp.get("/decks/<int:deck_id>/items")
@documented("/decks/{deck_id}/items", "get", "A deck's live items", schemas.ITEMS, errors=(404,))
def deck_items(deck_id: int):
    """The approved, live items of a deck I can study."""
    deck = _deck_for_me(deck_id)
    return jsonify(
        {"deck": _deck_json(deck), "items": [_item_json(i) for i in quizzes.live_items(deck)]}
    )


@bp.get("/decks/<int:deck_id>/next")
@documented("/decks/{deck_id}/next", "get", "The next card to study", schemas.NEXT, errors=(404,))
def next_card(deck_id: int):
    """The next due or new card with the interval each rating would give, or null."""
    view = study_view.session_view(g.api_user, deck_id)
    if view is None:
        abort(404, "No such deck among yours.")
    card = _card_json(view.item, view.state, view.deck) if view.item else None
    return jsonify({"card": card, "due": view.counts.due, "new": view.counts.new})


@bp.get("/decks/<int:deck_id>/due")
@documented("/decks/{deck_id}/due", "get", "My cards due now", schemas.DUE, errors=(404,))
def due_cards(deck_id: int):
    """Up to 100 cards of this deck that are due now, soonest first."""
    deck = _deck_for_me(deck_id)
    items = study_queue.due_items(g.api_user, deck, limit=100)
    return jsonify({"cards": [_card_json(i) for i in items]})


@bp.post("/reviews")
@documented(
    "/reviews",
    "post",
    "Record a review (idempotent by client_id)",
    schemas.REVIEW,
    body=schemas.REVIEW_IN,
    status=201,
    also=(200,),
    errors=(400, 404, 409),
)
def record_review():
    """Record one rating; repeating a client_id returns the first review with duplicate=true."""
    body = _body(schemas.REVIEW_IN)
    item = db.session.get(Item, body["item_id"])
    if item is None or not study_access.can_study(g.api_user, item.deck):
        abort(404, "No such item among your decks.")
    try:
        recorded = study.submit_review(
            g.api_user,
            item,
            body["rating"],
            client_id=body["client_id"],
            duration_ms=body.get("duration_ms"),
        )
    except study.StaleSubmission as error:
        return json_error(409, "stale", str(error))
    except study.ReservedClientId as error:
        return json_error(400, "invalid", str(error))
    log, duplicate = recorded.log, recorded.duplicate
    state = study_queue.card_state(g.api_user, item)
    payload = {
        "id": log.id,
        "item_id": log.item_id,
        "rating": log.rating,
        "client_id": log.client_id,
        "reviewed_at": _iso(log.reviewed_at),
        "next_due": _iso(state.due) if state else None,
        "duplicate": duplicate,
    }
    return jsonify(payload), (200 if duplicate else 201)


def _attempt_json(attempt: Attempt) -> dict:
    items = {i.id: i for i in quizzes.pending_items(attempt)}
    questions = []
    for row in quizzes.result_rows(attempt):
        if row.item.id in items:
            question = {"id": row.item.id, "type": row.item.type, "prompt": row.item.prompt}
            if row.item.type == "mcq":
                question["choices"] = list(row.item.choices or [])
            questions.append(question)
    return {
        "id": attempt.id,
        "deck_id": attempt.quiz.deck_id,
        "started_at": _iso(attempt.started_at),
        "finished_at": _iso(attempt.finished_at),
        "score": attempt.score,
        "questions": questions,
    }


def _my_attempt(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != g.api_user.id:
        abort(404, "No such attempt among yours.")
    return attempt


@bp.post("/decks/<int:deck_id>/attempts")
@documented(
    "/decks/{deck_id}/attempts",
    "post",
    "Start a practice quiz",
    schemas.ATTEMPT,
    body=schemas.ATTEMPT_IN,
    status=201,
    errors=(400, 404, 409),
)
def start_attempt(deck_id: int):
    """Start a self-practice attempt of `count` items; the same client_id resumes it."""
    body = _body(schemas.ATTEMPT_IN)
    deck = _deck_for_me(deck_id)
    try:
        attempt = quizzes.start_practice(
            g.api_user,
            deck,
            count=body["count"],
            types=body.get("types"),
            client_id=body.get("client_id"),
        )
    except quizzes.QuizError as error:
        return json_error(409, "quiz_unavailable", str(error))
    except ValueError as error:
        return json_error(400, "invalid", str(error))
    return jsonify(_attempt_json(attempt)), 201


@bp.post("/attempts/<int:attempt_id>/submit")
@documented(
    "/attempts/{attempt_id}/submit",
    "post",
    "Submit all answers and finish",
    schemas.RESULT,
    body=schemas.SUBMIT_IN,
    errors=(400, 404, 409),
)
def submit_attempt(attempt_id: int):
    """Grade every answer, record them as reviews and finish; a resubmission changes nothing."""
    body = _body(schemas.SUBMIT_IN)
    attempt = _my_attempt(attempt_id)
    answers = {a["item_id"]: a.get("response") for a in body["answers"]}
    try:
        attempt = quizzes.answer_all(g.api_user, attempt, answers)
    except quizzes.QuizError as error:
        return json_error(409, "quiz_unavailable", str(error))
    except IntegrityError:  # answer_all has rolled back; a concurrent submit won
        return json_error(409, "conflict", "This attempt was submitted at the same time; retry.")
    return jsonify(_result_json(attempt))


@bp.get("/attempts/<int:attempt_id>")
@documented(
    "/attempts/{attempt_id}",
    "get",
    "An attempt: its open questions while it runs, the answer key once it is finished",
    schemas.ATTEMPT_OR_RESULT,
    errors=(404,),
)
def attempt_result(attempt_id: int):
    """My attempt: open questions until it is finished, then answers, verdicts and sources."""
    attempt = _my_attempt(attempt_id)
    quizzes.expire_if_overdue(attempt)
    if attempt.finished_at is None:
        # As on the web result page, the answer key stays hidden while answers are still accepted.
        return jsonify(_attempt_json(attempt))
    return jsonify(_result_json(attempt))


def _result_json(attempt: Attempt) -> dict:
    answers = []
    for row in quizzes.result_rows(attempt):
        answers.append(
            {
                "item_id": row.item.id,
                "given": row.response.given if row.response else None,
                "verdict": row.response.verdict if row.response else None,
                "correct_answer": row.item.answer,
                "feedback": row.grade.feedback if row.grade else None,
                "explanation": row.item.explanation or "",
                "quote": row.item.quote or "",
            }
        )
    return {
        "id": attempt.id,
        "score": attempt.score,
        "finished_at": _iso(attempt.finished_at),
        "answers": answers,
    }


@bp.get("/progress")
@documented("/progress", "get", "My progress over all decks", schemas.PROGRESS)
def my_progress():
    """Counts, predicted recall, streak and a line per deck."""
    report = progress.overall_progress(g.api_user)
    return jsonify(
        {
            "new": report.counts.new,
            "learning": report.counts.learning,
            "mastered": report.counts.mastered,
            "mean_recall": report.mean_recall,
            "streak": report.streak,
            "reviews_total": report.reviews_total,
            "decks": [
                {
                    "deck_id": d.deck.id,
                    "title": d.deck.title,
                    "new": d.counts.new,
                    "learning": d.counts.learning,
                    "mastered": d.counts.mastered,
                    "due_now": d.due_now,
                    "mean_recall": d.mean_recall,
                }
                for d in report.decks
            ],
        }
    )
