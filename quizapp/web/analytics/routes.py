"""Results for instructors: cohort progress per assigned deck and item analysis per deck."""

from __future__ import annotations

import re
from datetime import datetime

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from quizapp.domain import analytics as figures
from quizapp.extensions import db
from quizapp.models import Assignment, Deck, utcnow
from quizapp.services import analytics, anki_history
from quizapp.web.auth_support import instructor_required

bp = Blueprint("analytics", __name__, url_prefix="/analytics")

COLUMNS = (
    ("name", "Trainee"),
    ("studied", "Items studied"),
    ("mastered", "Mastered"),
    ("due", "Due now"),
    ("recall", "Predicted recall"),
    ("last_active", "Last active"),
    ("best", "Best quiz"),
    ("latest", "Latest quiz"),
    ("status", "Due-date status"),
)


@bp.context_processor
def _formatters() -> dict:
    return {
        "percent": figures.percent,
        "signed": figures.signed,
        "one_decimal": figures.one_decimal,
        "ago": figures.ago,
        "thresholds": figures,
    }


@bp.get("/")
@instructor_required
def index():
    """Cohorts × assigned decks with at-risk and flagged counts, and the viewer's decks."""
    board = analytics.dashboard(current_user)
    return render_template("analytics/index.html", board=board)


def _assignment(cohort_id: int, deck_id: int) -> Assignment:
    assignment = analytics.find_assignment(cohort_id, deck_id)
    if assignment is None:
        abort(404)
    if not analytics.can_view_cohort(current_user, assignment.cohort):
        abort(403)
    return assignment


def _report(assignment: Assignment, now: datetime) -> analytics.CohortDeckReport:
    return analytics.cohort_deck_report(
        assignment,
        now=now,
        sort=request.args.get("sort", "name"),
        direction=request.args.get("dir", "asc"),
        at_risk_only=request.args.get("risk") == "1",
    )


@bp.get("/cohorts/<int:cohort_id>/decks/<int:deck_id>")
@instructor_required
def cohort_deck(cohort_id: int, deck_id: int):
    """One row per trainee of the cohort for the deck; sortable, with an at-risk filter."""
    now = utcnow()
    report = _report(_assignment(cohort_id, deck_id), now)
    return render_template(
        "analytics/cohort_deck.html",
        report=report,
        columns=COLUMNS,
        now=now,
        can_see_items=analytics.can_view_deck(current_user, report.assignment.deck),
        from_anki=anki_history.reviews_from_anki_by_user(
            report.assignment.deck, [row.user_id for row in report.rows]
        ),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "cohort"


@bp.get("/cohorts/<int:cohort_id>/decks/<int:deck_id>.csv")
@instructor_required
def cohort_deck_csv(cohort_id: int, deck_id: int):
    """The cohort × deck table as a CSV download (same sort and filter as the page)."""
    report = _report(_assignment(cohort_id, deck_id), utcnow())
    name = f"{_slug(report.assignment.cohort.name)}-{_slug(report.assignment.deck.slug)}.csv"
    return Response(
        analytics.cohort_deck_csv(report),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/decks/<int:deck_id>/items")
@instructor_required
def items(deck_id: int):
    """Item analysis of a deck: facility, discrimination, distractors, study figures, flags."""
    deck = db.session.get(Deck, deck_id)
    if deck is None:
        abort(404)
    if not analytics.can_view_deck(current_user, deck):
        abort(403)
    report = analytics.item_report(deck, flagged_only=request.args.get("flagged") == "1")
    return render_template(
        "analytics/items.html", report=report, flagged_only=request.args.get("flagged") == "1"
    )
