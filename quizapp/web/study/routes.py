"""Routes of the study area: deck list, study session, rating, undo, progress pages."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge

from quizapp.domain import anki_history as anki_file
from quizapp.domain import scheduling
from quizapp.extensions import csrf, db
from quizapp.models import Deck, Item, utcnow
from quizapp.services import anki_history, study, study_access, study_queue
from quizapp.services import progress as progress_service
from quizapp.web.auth_support import json_error, login_required, wants_json
from quizapp.web.study.forms import CLIENT_ID, AnkiHistoryForm, RateForm, UndoForm

bp = Blueprint("study", __name__, url_prefix="/study")

MAX_ANSWER = 500
SUGGESTED = {"correct": 3, "close": 2, "wrong": 1}


def _deck_or_403(deck_id: int) -> Deck:
    deck = db.get_or_404(Deck, deck_id)
    if not study_access.can_study(current_user, deck):
        abort(403)
    return deck


def _relative(moment: datetime, now: datetime) -> str:
    if moment <= now:
        return "now"
    return "in " + scheduling.format_interval(moment - now)


def _due_again(log, state, deck: Deck) -> str:
    """ ", due again in 6m", counted from the review itself as the rating buttons count it."""
    if state is None or state.due is None:
        return ""
    # Counting from "now" instead lost the seconds spent saving: "Hard 6m" became "in 5m".
    done = scheduling.format_interval(state.due - log.reviewed_at)
    shown = scheduling.format_interval(study_queue.planned_interval(log, deck))
    if done != shown:
        # Fuzzing moves long intervals by a day or so, so that reviews do not bunch up.
        return f", due again in {done} (not {shown}: moved a little to spread your reviews)"
    return f", due again in {done}"


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
        (deck, study_queue.deck_counts(current_user, deck, now=now))
        for deck in study_access.visible_decks(current_user)
    ]
    return render_template("study/index.html", rows=rows)


@bp.get("/<int:deck_id>")
@login_required
def deck(deck_id: int):
    """The study session: front, revealed answer with rating buttons, or the done screen."""
    deck = _deck_or_403(deck_id)
    now = utcnow()
    requested = _requested_item(deck)
    item = requested or study_queue.next_card(current_user, deck, now=now)
    counts = study_queue.deck_counts(current_user, deck, now=now)
    last = study.last_review(current_user, deck)
    undo_form = UndoForm(review_id=last.id) if last is not None and last.source == "study" else None
    context = dict(deck=deck, counts=counts, undo_form=undo_form, item=item)
    if item is None:
        next_due = study_queue.next_due_at(current_user, deck, now=now)
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
        intervals = study_queue.preview(current_user, item, now=now)
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
    if study_access.can_study(current_user, deck):
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
    state = study_queue.card_state(current_user, item)
    message = f"Saved: {scheduling.RATINGS[log.rating]}{_due_again(log, state, deck)}."
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
    anki_reviews = anki_history.reviews_from_anki(current_user)
    return render_template(
        "study/progress.html", result=result, deck=None, anki_reviews=anki_reviews
    )


@bp.get("/<int:deck_id>/progress")
@login_required
def deck_progress(deck_id: int):
    """My progress in one deck, with its article shaded by how well each paragraph is known."""
    deck = _deck_or_403(deck_id)
    result = progress_service.deck_progress(current_user, deck)
    anki_reviews = anki_history.reviews_from_anki(current_user, deck)
    return render_template(
        "study/progress.html", result=result, deck=deck, anki_reviews=anki_reviews
    )


def _anki_failed(deck: Deck, message: str, status: int):
    if wants_json():
        return json_error(status, "anki_import_failed", message)
    flash(message, "error")
    return redirect(url_for("study.deck_progress", deck_id=deck.id))


@bp.post("/<int:deck_id>/anki-history")
@login_required
def anki_history_upload(deck_id: int):
    """Import the current user's Anki reviews of this deck from what Anki exported."""
    deck = _deck_or_403(deck_id)
    # An Anki export may be larger than an article; the body is read only after this.
    request.max_content_length = anki_file.MAX_PACKAGE_BYTES + 64 * 1024
    try:
        form = AnkiHistoryForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        limit = anki_file.MAX_PACKAGE_BYTES // (1024 * 1024)
        return _anki_failed(deck, f"The file is larger than the {limit} MB limit.", 413)
    if not valid and "csrf_token" in form.errors:
        raise CSRFError(form.errors["csrf_token"][0])  # the same refusal as every other form
    if not valid:
        errors = [error for messages in form.errors.values() for error in messages]
        return _anki_failed(deck, str(errors[0]) if errors else "Choose a file.", 400)
    try:
        report = anki_history.import_history(current_user, form.file.data.stream, deck=deck)
    except anki_history.AnkiFileError as error:
        return _anki_failed(deck, str(error), 400)
    if wants_json():
        return jsonify(ok=True, message=report.message(), added=report.added)
    flash(report.message(), "success")
    return redirect(url_for("study.deck_progress", deck_id=deck.id))


# The form checks its CSRF token itself, once the larger upload limit above is in force.
csrf.exempt(anki_history_upload)
