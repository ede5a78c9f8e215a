"""Routes of the study area: deck list, study session, rating, undo, progress pages."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import Deck, Item, utcnow
from quizapp.services import progress as progress_service
from quizapp.services import study
from quizapp.web.auth_support import json_error, login_required, wants_json
from quizapp.web.study.forms import CLIENT_ID, RateForm, UndoForm

bp = Blueprint("study", __name__, url_prefix="/study")

MAX_ANSWER = 500
SUGGESTED = {"correct": 3, "close": 2, "wrong": 1}


def _deck_or_403(deck_id: int) -> Deck:
    deck = db.get_or_404(Deck, deck_id)
    if not study.can_study(current_user, deck):
        abort(403)
    return deck


def _relative(moment: datetime, now: datetime) -> str:
    if moment <= now:
        return "now"
    return "in " + scheduling.format_interval(moment - now)


def _grade(item: Item, answer: str):
    # Imported lazily: grading pulls in rapidfuzz and is only needed for typed answers.
    from quizapp.domain.grading import grade
    from quizapp.services.deck_rows import item_to_domain

    return grade(item_to_domain(item), answer)


def _requested_item(deck: Deck) -> Item | None:
    requested = request.args.get("item", type=int)
    if requested is None:
        return None
    item = db.session.get(Item, requested)
    if item is None or item.deck_id != deck.id or not item.is_live:
        flash("That question was withdrawn from the deck; here is the next one.", "warning")
        return None
    return item


@bp.get("/")
@login_required
def index():
    """The decks I can study, with cards due and new cards left today."""
    now = utcnow()
    rows = [
        (deck, study.deck_counts(current_user, deck, now=now))
        for deck in study.visible_decks(current_user)
    ]
    return render_template("study/index.html", rows=rows)


@bp.get("/<int:deck_id>")
@login_required
def deck(deck_id: int):
    """The study session: front, revealed answer with rating buttons, or the done screen."""
    deck = _deck_or_403(deck_id)
    now = utcnow()
    requested = _requested_item(deck)
    item = requested or study.next_card(current_user, deck, now=now)
    counts = study.deck_counts(current_user, deck, now=now)
    last = study.last_review(current_user, deck)
    undo_form = UndoForm(review_id=last.id) if last is not None and last.source == "study" else None
    context = dict(deck=deck, counts=counts, undo_form=undo_form, item=item)
    if item is None:
        next_due = study.next_due_at(current_user, deck, now=now)
        return render_template(
            "study/session.html",
            **context,
            next_due=next_due,
            next_due_in=_relative(next_due, now) if next_due else None,
        )
    client_id = request.args.get("cid", "")
    if not re.fullmatch(CLIENT_ID, client_id):
        client_id = uuid.uuid4().hex
    reveal = requested is not None and request.args.get("reveal") == "1"
    answer = request.args.get("answer", "").strip()[:MAX_ANSWER]
    context.update(
        reveal=reveal,
        client_id=client_id,
        answer=answer,
        total=max(counts.session_total, counts.done_today + 1),
    )
    if reveal:
        verdict = _grade(item, answer) if answer else None
        intervals = study.preview(current_user, item, now=now)
        context.update(
            grade=verdict,
            suggested=SUGGESTED[verdict.verdict] if verdict else None,
            buttons=[
                (rating, name, scheduling.format_interval(intervals[rating]))
                for rating, name in scheduling.RATINGS.items()
            ],
            form=RateForm(item_id=str(item.id), client_id=client_id),
        )
    return render_template("study/session.html", **context)


def _stale(message: str, deck: Deck):
    if wants_json():
        return json_error(409, "stale", message)
    flash(message, "warning")
    if study.can_study(current_user, deck):
        return redirect(url_for("study.deck", deck_id=deck.id))
    return redirect(url_for("study.index"))


@bp.post("/<int:deck_id>/rate")
@login_required
def rate(deck_id: int):
    """Record a rating (idempotent by the form's client id), then show the next card."""
    deck = db.get_or_404(Deck, deck_id)
    form = RateForm()
    if not form.validate_on_submit():
        message = "That rating could not be read, so nothing was recorded. Please rate again."
        if wants_json():
            return json_error(400, "invalid", message)
        flash(message, "error")
        return redirect(url_for("study.deck", deck_id=deck.id))
    item = db.session.get(Item, int(form.item_id.data))
    if item is None or item.deck_id != deck.id:
        return _stale("This question is no longer in the deck; your rating was not recorded.", deck)
    duration = int(form.duration_ms.data) if form.duration_ms.data else None
    try:
        log = study.record_review(
            current_user,
            item,
            form.rating.data,
            client_id=form.client_id.data,
            duration_ms=duration,
        )
    except study.StaleSubmission as error:
        return _stale(str(error), deck)
    now = utcnow()
    state = study.card_state(current_user, item)
    due = f", due again {_relative(state.due, now)}" if state is not None else ""
    message = f"Saved: {scheduling.RATINGS[log.rating]}{due}."
    next_url = url_for("study.deck", deck_id=deck.id)
    if wants_json():
        return jsonify(
            ok=True, review_id=log.id, rating=log.rating, message=message, next_url=next_url
        )
    flash(message, "success")
    return redirect(next_url)


@bp.post("/<int:deck_id>/undo")
@login_required
def undo(deck_id: int):
    """Undo the last rating shown on the page and bring that card back."""
    deck = _deck_or_403(deck_id)
    form = UndoForm()
    next_url = url_for("study.deck", deck_id=deck.id)
    if not form.validate_on_submit():
        return _stale("That undo request could not be read; nothing was changed.", deck)
    try:
        log = study.undo_last(current_user, deck, review_id=int(form.review_id.data))
    except study.StaleSubmission as error:
        return _stale(str(error), deck)
    message = f"Undid your {scheduling.RATINGS[log.rating]} rating; the card is back."
    item = db.session.get(Item, log.item_id)
    if item is not None and item.is_live:
        next_url = url_for("study.deck", deck_id=deck.id, item=item.id)
    if wants_json():
        return jsonify(ok=True, message=message, next_url=next_url)
    flash(message, "success")
    return redirect(next_url)


@bp.get("/progress")
@login_required
def progress():
    """My progress over every deck I can study."""
    result = progress_service.overall_progress(current_user)
    return render_template("study/progress.html", result=result, deck=None)


@bp.get("/<int:deck_id>/progress")
@login_required
def deck_progress(deck_id: int):
    """My progress in one deck, with its article shaded by how well each paragraph is known."""
    deck = _deck_or_403(deck_id)
    result = progress_service.deck_progress(current_user, deck)
    return render_template("study/progress.html", result=result, deck=deck)
