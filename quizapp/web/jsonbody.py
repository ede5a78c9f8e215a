"""Reading JSON request bodies: whatever the parser cannot take is a ValueError, never a crash."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, request
from flask.json.provider import DefaultJSONProvider


class UnreadableJSON(ValueError):
    """A body the JSON parser gave up on; the message is one line for the client."""


def loads(data: str | bytes, **kwargs: Any) -> Any:
    """json.loads where every failure, deep nesting included, is an UnreadableJSON."""
    try:
        return json.loads(data, **kwargs)
    except RecursionError:
        # The C parser stops at the interpreter's recursion limit (about 1,000 levels).
        raise UnreadableJSON("The JSON body nests too deeply.") from None
    except UnicodeDecodeError:
        raise UnreadableJSON("The JSON body is not UTF-8 text.") from None
    except ValueError as error:
        # Syntax errors, and integers longer than Python's 4,300-digit conversion limit.
        reason = str(error).splitlines()[0] if str(error) else "syntax error"
        raise UnreadableJSON(f"The body is not valid JSON: {reason}.") from None


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, with request.get_json() failing as a 400 on any unreadable body."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Like DefaultJSONProvider.loads; deep nesting is a ValueError, so werkzeug's 400."""
        return loads(s, **kwargs)


def refuse_json_to_pages() -> None:
    """Page routes take form fields; a JSON body there is a 400 (Flask-WTF would crash on it)."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.path.startswith("/api/"):
        return
    if request.is_json:
        abort(400, "This page takes form fields, not a JSON body.")
