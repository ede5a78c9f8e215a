"""Routes of the quiz area: practice, instructor quizzes, attempts and results."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from quizapp.domain.items import TYPE_LABELS
from quizapp.extensions import db
from quizapp.models import Attempt, Deck, Item, Quiz, utcnow
from quizapp.services import quizzes, study_access
from quizapp.services.quizzes import QuizSettings
from quizapp.web.auth_support import instructor_required, login_required
from quizapp.web.quiz.forms import ActionForm, PracticeForm, QuizForm, new_client_id

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

MAX_TIME_MS = 3_600_000


@bp.app_template_filter("quiz_when")
def quiz_when(value: datetime | None) -> str:
    """A UTC timestamp for quiz pages."""
    return value.astimezone(UTC).strftime("%d %b %Y %H:%M UTC") if value else ""


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.get_or_404(Attempt, attempt_id)
    if attempt.user_id != current_user.id:
        abort(403)
    return attempt


def _type_choices(deck: Deck) -> list[SelectChoice]:
    counts = quizzes.type_counts(deck)
    return [SelectChoice(t, f"{TYPE_LABELS.get(t, t)} ({n})") for t, n in counts.items()]


def _client_id(form) -> str | None:
    return form.client_id.data or None


@bp.route("/")
@login_required
def index():
    """Decks to practise, instructor quizzes open to me, and my recent attempts."""
    return render_template(
        "quiz/index.html",
        decks=study_access.visible_decks(current_user),
        open_quizzes=quizzes.open_quizzes(current_user),
        history=quizzes.recent_attempts(current_user),
    )


@bp.route("/deck/<int:deck_id>", methods=["GET", "POST"])
@login_required
def deck(deck_id: int):
    """Self-practice: choose how many questions, which types and a time limit."""
    deck = db.get_or_404(Deck, deck_id)
    if not study_access.can_study(current_user, deck):
        abort(403)
    form = PracticeForm()
    form.types.choices = _type_choices(deck)
    if form.validate_on_submit():
        try:
            attempt = quizzes.start_practice(
                current_user,
                deck,
                count=form.count.data,
                types=form.types.data,
                time_limit_min=form.time_limit.data,
                client_id=_client_id(form),
            )
        except quizzes.QuizError as error:
            flash(str(error), "error")
        else:
            return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    form.client_id.data = new_client_id()
    history = quizzes.recent_attempts(current_user, deck=deck)
    return render_template("quiz/deck.html", deck=deck, form=form, history=history)


@bp.route("/q/<int:quiz_id>")
@login_required
def take(quiz_id: int):
    """An instructor quiz: its rules, a start button and my attempts on it."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not quizzes.can_take(current_user, quiz):
        abort(403)
    form = ActionForm(client_id=new_client_id())
    return render_template(
        "quiz/take.html",
        quiz=quiz,
        rules=quizzes.settings_of(quiz),
        state=quizzes.status(current_user, quiz),
        attempts=quizzes.user_attempts(current_user, quiz),
        form=form,
    )


@bp.route("/q/<int:quiz_id>/start", methods=["POST"])
@login_required
def start(quiz_id: int):
    """Start or resume an attempt at a quiz."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not quizzes.can_take(current_user, quiz):
        abort(403)
    form = ActionForm()
    if not form.validate_on_submit():
        flash("The form was not valid; please try again.", "error")
        return redirect(url_for("quiz.take", quiz_id=quiz.id))
    try:
        attempt = quizzes.start_attempt(current_user, quiz, client_id=_client_id(form))
    except quizzes.QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.take", quiz_id=quiz.id))
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


def _small_int(raw: str) -> int | None:
    """A form value as a non-negative int that fits a database column, else None."""
    # str.isdigit() also accepts "²" and Arabic-Indic digits, and ids can be arbitrarily long.
    if raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None


def _parse_response(item: Item, raw: str | None) -> str | int | None:
    if raw is None:
        return None
    raw = raw.strip()
    if item.type == "mcq" and _small_int(raw) is not None:
        return _small_int(raw)
    return raw


def _time_ms(now: datetime) -> int | None:
    shown = request.form.get("shown_at", "")
    if not (shown.isascii() and shown.isdigit()) or len(shown) > 15:
        return None
    elapsed = int(now.timestamp() * 1000) - int(shown)
    return elapsed if 0 <= elapsed <= MAX_TIME_MS else None


def _after_error(attempt: Attempt, error: quizzes.QuizError):
    flash(str(error), "error")
    db.session.refresh(attempt)
    if attempt.finished_at is not None:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


def _submit_one(attempt: Attempt):
    raw_id = request.form.get("item_id", "")
    # Only ids of this attempt's questions go further (no lookup of arbitrary or huge ids).
    if _small_int(raw_id) not in attempt.item_ids:
        flash("That answer did not say which question it was for. Please answer again.", "error")
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    item = db.session.get(Item, int(raw_id))
    response = _parse_response(item, request.form.get("answer")) if item else None
    if response in (None, ""):
        # An empty click is a slip, not an answer: nothing is recorded.
        flash("Choose or type an answer first (or use “Finish now” to stop).", "warning")
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    now = utcnow()
    try:
        outcome = quizzes.answer(
            current_user, attempt, int(raw_id), response, now=now, time_ms=_time_ms(now)
        )
    except quizzes.QuizError as error:
        return _after_error(attempt, error)
    if outcome.duplicate:
        flash("That question was already answered; your first answer counts.", "info")
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id, fb=outcome.response.item_id))


def _submit_all(attempt: Attempt):
    responses = {
        item.id: _parse_response(item, request.form.get(f"answer-{item.id}"))
        for item in quizzes.pending_items(attempt)
    }
    try:
        quizzes.answer_all(current_user, attempt, responses)
    except quizzes.QuizError as error:
        return _after_error(attempt, error)
    return redirect(url_for("quiz.result", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>", methods=["GET", "POST"])
@login_required
def attempt(attempt_id: int):
    """Answer: one question per page (immediate feedback) or all at once (feedback at end)."""
    attempt = _own_attempt(attempt_id)
    mode = quizzes.feedback_mode(attempt)
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            flash("The form expired; please answer again.", "error")
            return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
        return _submit_all(attempt) if mode == "end" else _submit_one(attempt)
    if quizzes.expire_if_overdue(attempt):
        flash(
            "Time is up (or the quiz closed). The attempt was finished with the answers "
            "you had given.",
            "warning",
        )
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    feedback = None
    fb = request.args.get("fb", "")
    if _small_int(fb) in attempt.item_ids and mode == "immediate":
        feedback = quizzes.response_for(attempt, int(fb))
    pending = quizzes.pending_items(attempt)
    if attempt.finished_at is not None and feedback is None:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    total = quizzes.question_total(attempt)
    now = utcnow()
    return render_template(
        "quiz/attempt.html",
        attempt=attempt,
        quiz=attempt.quiz,
        mode=mode,
        feedback=feedback,
        pending=pending,
        item=pending[0] if pending and attempt.finished_at is None else None,
        number=total - len(pending) + 1,
        total=total,
        seconds_left=quizzes.seconds_left(attempt, now=now),
        shown_at=int(now.timestamp() * 1000),
        form=ActionForm(),
    )


@bp.route("/attempt/<int:attempt_id>/finish", methods=["POST"])
@login_required
def finish(attempt_id: int):
    """End the attempt now; unanswered questions count as wrong."""
    attempt = _own_attempt(attempt_id)
    if ActionForm().validate_on_submit():
        quizzes.finish(current_user, attempt)
    return redirect(url_for("quiz.result", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """Every question with the answer given, the correct one, explanation and source."""
    attempt = db.get_or_404(Attempt, attempt_id)
    if not quizzes.can_view(current_user, attempt):
        abort(403)
    mine = attempt.user_id == current_user.id
    if mine and attempt.finished_at is None and not quizzes.expire_if_overdue(attempt):
        flash("This attempt is still in progress: finish it to see the result.", "info")
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    score = quizzes.attempt_score(attempt)
    return render_template(
        "quiz/result.html",
        attempt=attempt,
        quiz=attempt.quiz,
        rows=quizzes.result_rows(attempt),
        score=score,
        mistakes=quizzes.mistakes_left(attempt) if attempt.finished_at else 0,
        mine=mine,
        form=ActionForm(client_id=new_client_id()),
    )


@bp.route("/attempt/<int:attempt_id>/retry", methods=["POST"])
@login_required
def retry(attempt_id: int):
    """A new practice attempt with just the questions answered wrong."""
    attempt = _own_attempt(attempt_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash("The form expired; please try again.", "error")
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    try:
        new = quizzes.retry_mistakes(current_user, attempt, client_id=_client_id(form))
    except quizzes.QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return redirect(url_for("quiz.attempt", attempt_id=new.id))


# --- instructor ------------------------------------------------------------------------------


def _managed_deck(deck_id: int) -> Deck:
    deck = db.get_or_404(Deck, deck_id)
    if not quizzes.can_manage(current_user, deck):
        abort(403)
    return deck


def _quiz_form(deck: Deck, **kwargs) -> QuizForm:
    form = QuizForm(**kwargs)
    form.types.choices = _type_choices(deck)
    form.items.choices = [
        SelectChoice(i.id, f"[{TYPE_LABELS.get(i.type, i.type)}] {i.prompt}")
        for i in quizzes.live_items(deck)
    ]
    return form


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value else None


def _rules(form: QuizForm) -> QuizSettings:
    fixed = form.mode.data == "fixed"
    return QuizSettings(
        count=len(form.items.data) if fixed else form.count.data,
        item_ids=list(form.items.data) if fixed else None,
        types=[] if fixed else list(form.types.data or []),
        time_limit_s=form.time_limit.data * 60 if form.time_limit.data else None,
        attempts_allowed=form.attempts_allowed.data or 0,
        feedback=form.feedback.data,
        opens_at=_utc(form.opens_at.data),
        closes_at=_utc(form.closes_at.data),
    )


@bp.route("/manage/<int:deck_id>")
@instructor_required
def manage(deck_id: int):
    """The instructor quizzes defined on a deck."""
    deck = _managed_deck(deck_id)
    return render_template(
        "quiz/manage.html",
        deck=deck,
        quizzes=quizzes.deck_quizzes(deck),
        settings_of=quizzes.settings_of,
    )


@bp.route("/new/<int:deck_id>", methods=["GET", "POST"])
@instructor_required
def new(deck_id: int):
    """Define a quiz on a deck I own."""
    deck = _managed_deck(deck_id)
    form = _quiz_form(deck)
    if form.validate_on_submit():
        try:
            quiz = quizzes.create_quiz(current_user, deck, form.title.data, _rules(form))
        except quizzes.QuizError as error:
            flash(str(error), "error")
        else:
            flash(f"Quiz “{quiz.title}” saved.", "success")
            return redirect(url_for("quiz.manage", deck_id=deck.id))
    return render_template("quiz/edit.html", deck=deck, form=form, quiz=None)


@bp.route("/edit/<int:quiz_id>", methods=["GET", "POST"])
@instructor_required
def edit(quiz_id: int):
    """Change a quiz's title, questions and rules."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if quiz.kind != "assigned":
        abort(404)
    deck = _managed_deck(quiz.deck_id)
    rules = quizzes.settings_of(quiz)
    form = _quiz_form(
        deck,
        title=quiz.title,
        mode="fixed" if rules.item_ids else "random",
        count=rules.count,
        types=rules.types,
        items=rules.item_ids or [],
        attempts_allowed=rules.attempts_allowed,
        feedback=rules.feedback,
        time_limit=rules.time_limit_s // 60 if rules.time_limit_s else None,
        opens_at=rules.opens_at.replace(tzinfo=None) if rules.opens_at else None,
        closes_at=rules.closes_at.replace(tzinfo=None) if rules.closes_at else None,
    )
    if form.validate_on_submit():
        try:
            quizzes.update_quiz(current_user, quiz, form.title.data, _rules(form))
        except quizzes.QuizError as error:
            flash(str(error), "error")
        else:
            flash(f"Quiz “{quiz.title}” updated.", "success")
            return redirect(url_for("quiz.manage", deck_id=deck.id))
    return render_template("quiz/edit.html", deck=deck, form=form, quiz=quiz)
