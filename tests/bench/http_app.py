"""The WSGI app of the HTTP bench: the real app plus one bare route doing one indexed SELECT.

Served by gunicorn (`tests.bench.http_app:app`) only during `make bench`. The API's rate limit is
off here so the client measures the endpoint, not the 429 path.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import CardState

app = create_app({"RATELIMIT_ENABLED": False})


@app.get("/bench/bare/<int:user_id>")
def bare(user_id: int):
    """The user's soonest-due card: one SELECT on the (user_id, due) index, as JSON."""
    row = db.session.execute(
        sa.select(CardState.item_id, CardState.due)
        .where(CardState.user_id == user_id)
        .order_by(CardState.due)
        .limit(1)
    ).first()
    return jsonify(item_id=row.item_id if row else None, due=row.due.isoformat() if row else None)
