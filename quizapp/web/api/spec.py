"""The OpenAPI 3 document, built from the routes that register themselves here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizapp.web.converters import MAX_ID

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


@dataclass
class Operation:
    path: str
    method: str
    summary: str
    response: dict[str, Any]
    body: dict[str, Any] | None = None
    status: int = 200
    errors: tuple[int, ...] = (401,)
    # Further success statuses with the same body (e.g. 200 for a repeated idempotent POST).
    also: tuple[int, ...] = ()
    query: list[dict[str, Any]] = field(default_factory=list)


OPERATIONS: list[Operation] = []

# Flask-Limiter's headers, sent on every API response while rate limiting is on (300 per minute
# per user; per address without a valid token).
RATE_HEADERS = {
    "X-RateLimit-Limit": "Requests allowed in the current window.",
    "X-RateLimit-Remaining": "Requests left in the current window.",
    "X-RateLimit-Reset": "When the window ends (Unix time, seconds).",
    "Retry-After": "Seconds until the window ends (the wait before retrying after a 429).",
}


def documented(path: str, method: str, summary: str, response: dict, **extra: Any) -> Callable:
    """Record a view's OpenAPI operation; `path` uses OpenAPI {param} syntax."""

    def decorator(view: Callable) -> Callable:
        OPERATIONS.append(Operation(path, method.lower(), summary, response, **extra))
        return view

    return decorator


def _path_parameters(path: str) -> list[dict[str, Any]]:
    names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
    return [
        {
            "name": n,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        }
        for n in names
    ]


def _headers() -> dict[str, Any]:
    return {
        name: {"description": text, "schema": {"type": "integer"}}
        for name, text in RATE_HEADERS.items()
    }


def openapi_document(version: str) -> dict[str, Any]:
    """The whole OpenAPI 3.0 document for /api/v1."""
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        responses: dict[str, Any] = {
            str(status): {
                "description": "Success",
                "headers": _headers(),
                "content": {"application/json": {"schema": op.response}},
            }
            for status in (op.status, *op.also)
        }
        # Every body is parsed first: unreadable JSON is a 400, one over the size limit a 413.
        body_errors = {400, 413} if op.body is not None else set()
        for code in sorted(set(op.errors) | body_errors | {401, 429}):
            responses[str(code)] = {
                "description": "Error",
                "headers": _headers(),
                "content": {"application/json": {"schema": ERROR_SCHEMA}},
            }
        operation: dict[str, Any] = {
            "summary": op.summary,
            "operationId": f"{op.method}_{op.path.strip('/').replace('/', '_')}".replace(
                "{", ""
            ).replace("}", ""),
            "parameters": _path_parameters(op.path) + op.query,
            "responses": responses,
            "security": [{"bearerAuth": []}],
        }
        if op.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": op.body}},
            }
        paths.setdefault(op.path, {})[op.method] = operation
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "quizapp API",
            "version": version,
            "description": "Decks, due cards, reviews, quiz attempts and progress for one user. "
            "Authenticate with a personal access token: `Authorization: Bearer qz_…`.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR_SCHEMA},
        },
    }
