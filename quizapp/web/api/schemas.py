"""JSON schemas of the API's bodies and the parsing of request bodies against them."""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import BadRequest

from quizapp.domain.items import ITEM_TYPES
from quizapp.domain.quizmaker import MAX_ITEMS, MIN_ITEMS
from quizapp.web.converters import MAX_ID


class InvalidBody(BadRequest):
    """A request body that does not match its schema; the description names the problem."""


def _obj(
    properties: dict[str, Any], required: list[str] | None = None, *, closed: bool = False
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if closed:
        # Request bodies refuse unknown fields, and the document says so.
        schema["additionalProperties"] = False
    if required:
        schema["required"] = required
    return schema


STR = {"type": "string"}
INT = {"type": "integer"}
NULLABLE_STR = {"type": "string", "nullable": True}
NULLABLE_NUM = {"type": "number", "nullable": True}

DECK = _obj(
    {
        "id": INT,
        "slug": STR,
        "title": STR,
        "description": STR,
        "status": STR,
        "items": INT,
    },
    ["id", "slug", "title", "status"],
)
ITEM = _obj(
    {
        "id": INT,
        "key": STR,
        "type": STR,
        "kind": STR,
        "prompt": STR,
        "answer": STR,
        "choices": {"type": "array", "items": STR},
        "accepted": {"type": "array", "items": STR},
        "explanation": STR,
        "quote": STR,
        "topic": STR,
    },
    ["id", "key", "type", "prompt", "answer"],
)
QUESTION = _obj(
    {
        "id": INT,
        "type": STR,
        "prompt": STR,
        "choices": {"type": "array", "items": STR},
    },
    ["id", "type", "prompt"],
)
CARD = _obj(
    {
        "item": ITEM,
        "due": NULLABLE_STR,
        "intervals": _obj({r: STR for r in ("1", "2", "3", "4")}),
    },
    ["item"],
)
DECKS = _obj({"decks": {"type": "array", "items": DECK}}, ["decks"])
ITEMS = _obj({"deck": DECK, "items": {"type": "array", "items": ITEM}}, ["deck", "items"])
NEXT = _obj({"card": {**CARD, "nullable": True}, "due": INT, "new": INT}, ["card", "due", "new"])
DUE = _obj({"cards": {"type": "array", "items": CARD}}, ["cards"])
REVIEW_IN = _obj(
    {
        "item_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        "rating": {"type": "integer", "minimum": 1, "maximum": 4},
        "client_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "description": "Unique per user; ids starting with 'quiz:' are reserved (400).",
        },
        "duration_ms": {"type": "integer", "minimum": 0, "maximum": 86_400_000},
    },
    ["item_id", "rating", "client_id"],
    closed=True,
)
REVIEW = _obj(
    {
        "id": INT,
        "item_id": INT,
        "rating": INT,
        "client_id": STR,
        "reviewed_at": STR,
        "next_due": NULLABLE_STR,
        "duplicate": {"type": "boolean"},
    },
    ["id", "item_id", "rating", "client_id", "reviewed_at", "duplicate"],
)
ATTEMPT_IN = _obj(
    {
        # The bounds the quiz service enforces (quizmaker.MIN_ITEMS..MAX_ITEMS), so a count
        # outside them is a 400 from the body check, not a 409 from the service.
        "count": {"type": "integer", "minimum": MIN_ITEMS, "maximum": MAX_ITEMS},
        "types": {
            "type": "array",
            "maxItems": len(ITEM_TYPES),
            "items": {"type": "string", "enum": list(ITEM_TYPES)},
        },
        "client_id": {"type": "string", "minLength": 1, "maxLength": 64},
    },
    ["count"],
    closed=True,
)
ATTEMPT = _obj(
    {
        "id": INT,
        "deck_id": INT,
        "started_at": STR,
        "finished_at": NULLABLE_STR,
        "score": NULLABLE_NUM,
        "questions": {"type": "array", "items": QUESTION},
    },
    ["id", "deck_id", "started_at", "questions"],
)
SUBMIT_IN = _obj(
    {
        "answers": {
            "type": "array",
            "maxItems": 200,
            "items": _obj(
                {
                    "item_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                    "response": {
                        "oneOf": [
                            {"type": "string", "maxLength": 10_000},
                            {"type": "integer", "minimum": 0, "maximum": 100},
                        ]
                    },
                },
                ["item_id"],
                closed=True,
            ),
        }
    },
    ["answers"],
    closed=True,
)
# Only a finished attempt carries the answer key (correct answers, explanations, sources).
RESULT = _obj(
    {
        "id": INT,
        "score": NULLABLE_NUM,
        "finished_at": STR,
        "answers": {
            "type": "array",
            "items": _obj(
                {
                    "item_id": INT,
                    "given": NULLABLE_STR,
                    "verdict": NULLABLE_STR,
                    "correct_answer": STR,
                    "feedback": NULLABLE_STR,
                    "explanation": STR,
                    "quote": STR,
                },
                ["item_id", "correct_answer"],
            ),
        },
    },
    ["id", "finished_at", "answers"],
)
# GET /attempts/{id}: the open questions (ATTEMPT) until it is finished, then RESULT.
ATTEMPT_OR_RESULT = {"oneOf": [ATTEMPT, RESULT]}
PROGRESS = _obj(
    {
        "new": INT,
        "learning": INT,
        "mastered": INT,
        "mean_recall": NULLABLE_NUM,
        "streak": INT,
        "reviews_total": INT,
        "decks": {
            "type": "array",
            "items": _obj(
                {
                    "deck_id": INT,
                    "title": STR,
                    "new": INT,
                    "learning": INT,
                    "mastered": INT,
                    "due_now": INT,
                    "mean_recall": NULLABLE_NUM,
                }
            ),
        },
    },
    ["new", "learning", "mastered", "streak", "decks"],
)


def parse(body: Any, schema: dict[str, Any]) -> dict[str, Any]:
    """Check a JSON body against a (simple) object schema; InvalidBody names the first problem."""
    if not isinstance(body, dict):
        raise InvalidBody("The request body must be a JSON object.")
    for name in schema.get("required", []):
        if name not in body:
            raise InvalidBody(f"Field '{name}' is required.")
    for name, value in body.items():
        rule = schema["properties"].get(name)
        if rule is None:
            raise InvalidBody(f"Unknown field '{name}'.")
        _check(name, value, rule)
    return body


def _check(name: str, value: Any, rule: dict[str, Any]) -> None:
    if "oneOf" in rule:
        for option in rule["oneOf"]:
            try:
                _check(name, value, option)
            except InvalidBody:
                continue
            return
        raise InvalidBody(f"Field '{name}' has the wrong type.")
    kind = rule.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidBody(f"Field '{name}' must be an integer.")
        if value < rule.get("minimum", value) or value > rule.get("maximum", value):
            raise InvalidBody(
                f"Field '{name}' must be between {rule.get('minimum', '-∞')} and "
                f"{rule.get('maximum', '∞')}."
            )
    elif kind == "string":
        if not isinstance(value, str):
            raise InvalidBody(f"Field '{name}' must be a string.")
        if not rule.get("minLength", 0) <= len(value) <= rule.get("maxLength", 10_000):
            raise InvalidBody(f"Field '{name}' has the wrong length.")
        if "enum" in rule and value not in rule["enum"]:
            raise InvalidBody(f"Field '{name}' must be one of: {', '.join(rule['enum'])}.")
    elif kind == "array":
        if not isinstance(value, list):
            raise InvalidBody(f"Field '{name}' must be an array.")
        if len(value) > rule.get("maxItems", 200):
            raise InvalidBody(f"Field '{name}' has too many entries.")
        for entry in value:
            _check(name, entry, rule["items"])
    elif kind == "object":
        parse(value, rule)
