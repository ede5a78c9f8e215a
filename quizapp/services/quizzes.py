"""Quizzes: self-practice and instructor quizzes, attempts, graded answers (also FSRS reviews).

Every graded answer writes a Response and, in the same transaction, a quiz review through
study.record_review. Response(attempt_id, item_id) is unique and the review's client_id is
derived from the attempt and item (study.quiz_client_id, a namespace clients may not use), so
a double click or a refresh never records twice and no other request can take that id.

Starting an attempt at a quiz with an attempt limit runs under a lock on the user's row
(SQLite: the database write lock), so parallel starts cannot exceed the limit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp.domain import quizmaker
from quizapp.domain.grading import Grade, grade
from quizapp.extensions import db
from quizapp.models import ITEM_TYPES, Attempt, Deck, Item, Quiz, Response, User, utcnow
from quizapp.services import study, study_access
from quizapp.services.deck_rows import item_to_domain
from quizapp.services.locking import for_update

FEEDBACK_MODES = ("immediate", "end")
MAX_TIME_LIMIT_MIN = 240


class QuizError(Exception):
    """A user-facing reason why the quiz action could not be done."""


class Forbidden(QuizError):
    """The user may not take or manage this quiz."""


class QuizUnavailable(QuizError):
    """The quiz is not open now, or no attempts are left."""


class TimeUp(QuizError):
    """The time limit (plus grace) has passed; the attempt was finished."""


class StaleAnswer(QuizError):
    """The form no longer applies: attempt finished, question withdrawn, quiz closed."""


@dataclass
class QuizSettings:
    """What a quiz asks and under which rules (stored as Quiz.settings JSON)."""

    count: int = 10
    item_ids: list[int] | None = None
    types: list[str] = field(default_factory=list)
    time_limit_s: int | None = None
    attempts_allowed: int = 0
    feedback: str = "immediate"
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON stored in Quiz.settings."""
        return {
            "count": self.count,
            "item_ids": self.item_ids,
            "types": list(self.types),
            "time_limit_s": self.time_limit_s,
            "attempts_allowed": self.attempts_allowed,
            "feedback": self.feedback,
            "opens_at": self.opens_at.isoformat() if self.opens_at else None,
            "closes_at": self.closes_at.isoformat() if self.closes_at else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> QuizSettings:
        """Read Quiz.settings, tolerating missing keys."""
        data = data or {}
        feedback = data.get("feedback")

        def when(key: str) -> datetime | None:
            value = data.get(key)
            return datetime.fromisoformat(value) if value else None

        return cls(
            count=int(data.get("count") or 10),
            item_ids=list(data["item_ids"]) if data.get("item_ids") else None,
            types=list(data.get("types") or []),
            time_limit_s=int(data["time_limit_s"]) if data.get("time_limit_s") else None,
            attempts_allowed=int(data.get("attempts_allowed") or 0),
            feedback=feedback if feedback in FEEDBACK_MODES else "immediate",
            opens_at=when("opens_at"),
            closes_at=when("closes_at"),
        )


def settings_of(quiz: Quiz) -> QuizSettings:
    """The quiz's settings as a dataclass."""
    return QuizSettings.from_json(quiz.settings)


@dataclass(frozen=True)
class AnswerOutcome:
    """The stored response, its grade, and whether it was a repeat or finished the attempt."""

    response: Response
    grade: Grade
    duplicate: bool
    finished: bool


@dataclass(frozen=True)
class ResultRow:
    """One question on the result page."""

    item: Item
    response: Response | None
    grade: Grade | None
    withdrawn: bool


@dataclass(frozen=True)
class QuizStatus:
    """Whether a user can start a quiz now, and why not."""

    window: str
    used: int
    left: int | None
    open_attempt: Attempt | None

    @property
    def can_start(self) -> bool:
        """Open, and an attempt is in progress or at least one is left."""
        return self.window == "open" and (
            self.open_attempt is not None or self.left is None or self.left > 0
        )


# --- permissions -----------------------------------------------------------------------------


def can_manage(user: User, deck: Deck) -> bool:
    """The deck's owning instructor, or an admin, may define quizzes on it."""
    return user.is_admin or (user.role == "instructor" and deck.owner_id == user.id)


def can_take(user: User, quiz: Quiz) -> bool:
    """Practice quizzes belong to their maker; others to anyone who may study the deck."""
    if quiz.kind == "practice" and quiz.created_by != user.id:
        return False
    return study_access.can_study(user, quiz.deck)


def can_view(user: User, attempt: Attempt) -> bool:
    """Trainees see their own attempts; the deck's owner and admins see all on their decks."""
    return attempt.user_id == user.id or can_manage(user, attempt.quiz.deck)


# --- queries ---------------------------------------------------------------------------------


def live_items(deck: Deck, types: list[str] | None = None) -> list[Item]:
    """The deck's approved, not retired items (optionally of some types), by id."""
    query = sa.select(Item).where(
        Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None)
    )
    if types:
        query = query.where(Item.type.in_(types))
    return list(db.session.scalars(query.order_by(Item.id)))


def type_counts(deck: Deck) -> dict[str, int]:
    """Live items per type, in ITEM_TYPES order (types with none left out)."""
    rows = db.session.execute(
        sa.select(Item.type, sa.func.count(Item.id))
        .where(Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None))
        .group_by(Item.type)
    ).all()
    counts = dict(rows)
    return {t: counts[t] for t in ITEM_TYPES if counts.get(t)}


def user_attempts(user: User, quiz: Quiz) -> list[Attempt]:
    """The user's attempts on a quiz, newest first."""
    query = (
        sa.select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.user_id == user.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )
    return list(db.session.scalars(query))


def recent_attempts(user: User, *, deck: Deck | None = None, limit: int = 20) -> list[Attempt]:
    """The user's latest attempts (on one deck when given), newest first."""
    query = sa.select(Attempt).join(Quiz).where(Attempt.user_id == user.id)
    if deck is not None:
        query = query.where(Quiz.deck_id == deck.id)
    query = query.order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def deck_quizzes(deck: Deck) -> list[tuple[Quiz, int]]:
    """Instructor quizzes on a deck with their number of attempts."""
    attempts = (
        sa.select(sa.func.count(Attempt.id)).where(Attempt.quiz_id == Quiz.id).scalar_subquery()
    )
    query = (
        sa.select(Quiz, attempts)
        .where(Quiz.deck_id == deck.id, Quiz.kind == "assigned")
        .order_by(Quiz.created_at.desc(), Quiz.id.desc())
    )
    return [(quiz, count) for quiz, count in db.session.execute(query).all()]


def status(user: User, quiz: Quiz, *, now: datetime | None = None) -> QuizStatus:
    """Window, attempts used and left, and the attempt in progress (if any)."""
    now = now or utcnow()
    rules = settings_of(quiz)
    attempts = user_attempts(user, quiz)
    in_progress = next((a for a in attempts if a.finished_at is None), None)
    if in_progress is not None and _overdue(in_progress, rules, now):
        in_progress = None
    return QuizStatus(
        window=quizmaker.window_state(now, rules.opens_at, rules.closes_at),
        used=len(attempts),
        left=quizmaker.attempts_left(rules.attempts_allowed, len(attempts)),
        open_attempt=in_progress,
    )


def open_quizzes(user: User, *, now: datetime | None = None) -> list[tuple[Quiz, QuizStatus]]:
    """Instructor quizzes on the user's decks that are open to them with attempts left."""
    now = now or utcnow()
    decks = study_access.visible_decks(user)
    if not decks:
        return []
    query = (
        sa.select(Quiz)
        .where(Quiz.kind == "assigned", Quiz.deck_id.in_([d.id for d in decks]))
        .order_by(Quiz.created_at.desc(), Quiz.id.desc())
    )
    listed = []
    for quiz in db.session.scalars(query):
        state = status(user, quiz, now=now)
        if state.can_start:
            listed.append((quiz, state))
    return listed


# --- defining quizzes ------------------------------------------------------------------------


def _check_settings(deck: Deck, rules: QuizSettings, *, minimum: int) -> None:
    if rules.item_ids is not None:
        live = {i.id for i in live_items(deck)}
        if not rules.item_ids:
            raise QuizError("Choose at least one question.")
        if not set(rules.item_ids) <= live:
            raise QuizError("Some chosen questions are not approved items of this deck.")
    elif not minimum <= rules.count <= quizmaker.MAX_ITEMS:
        raise QuizError(f"The number of questions must be {minimum}–{quizmaker.MAX_ITEMS}.")
    unknown = set(rules.types) - set(ITEM_TYPES)
    if unknown:
        raise QuizError(f"Unknown question type: {', '.join(sorted(unknown))}.")
    if rules.time_limit_s is not None and not 0 < rules.time_limit_s <= MAX_TIME_LIMIT_MIN * 60:
        raise QuizError(f"The time limit must be 1–{MAX_TIME_LIMIT_MIN} minutes.")
    if rules.feedback not in FEEDBACK_MODES:
        raise QuizError("Feedback must be immediate or at the end.")
    if rules.attempts_allowed < 0:
        raise QuizError("Attempts allowed cannot be negative (0 means unlimited).")
    if rules.opens_at and rules.closes_at and rules.closes_at <= rules.opens_at:
        raise QuizError("The closing time must be after the opening time.")
    if rules.item_ids is None and not live_items(deck, rules.types or None):
        raise QuizError("The deck has no approved questions of the chosen types.")


def create_quiz(
    user: User, deck: Deck, title: str, rules: QuizSettings, *, now: datetime | None = None
) -> Quiz:
    """Define an instructor quiz on a deck the user manages."""
    if not can_manage(user, deck):
        raise Forbidden("Only the deck's owner or an admin can create quizzes on it.")
    title = (title or "").strip()
    if not title:
        raise QuizError("Give the quiz a title.")
    _check_settings(deck, rules, minimum=1)
    quiz = Quiz(
        deck_id=deck.id,
        title=title[:300],
        kind="assigned",
        created_by=user.id,
        settings=rules.to_json(),
        created_at=now or utcnow(),
    )
    db.session.add(quiz)
    db.session.commit()
    return quiz


def update_quiz(user: User, quiz: Quiz, title: str, rules: QuizSettings) -> Quiz:
    """Change an instructor quiz; attempts already started keep their questions."""
    if quiz.kind != "assigned" or not can_manage(user, quiz.deck):
        raise Forbidden("Only the deck's owner or an admin can change this quiz.")
    title = (title or "").strip()
    if not title:
        raise QuizError("Give the quiz a title.")
    _check_settings(quiz.deck, rules, minimum=1)
    quiz.title = title[:300]
    quiz.settings = rules.to_json()
    db.session.commit()
    return quiz


# --- attempts --------------------------------------------------------------------------------


def _attempt_by_client_id(user: User, client_id: str | None) -> Attempt | None:
    if not client_id:
        return None
    # Client ids are unique per user: another user's attempt is never found here.
    return db.session.scalar(
        sa.select(Attempt).where(Attempt.user_id == user.id, Attempt.client_id == client_id)
    )


def _new_attempt(
    user: User, quiz: Quiz, item_ids: list[int], now: datetime, client_id: str | None
) -> Attempt:
    attempt = Attempt(
        quiz=quiz, user_id=user.id, item_ids=item_ids, started_at=now, client_id=client_id
    )
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:
        # The same start form was sent twice at once; the first request's attempt wins.
        db.session.rollback()
        existing = _attempt_by_client_id(user, client_id)
        if existing is None:
            raise
        return existing
    return attempt


def start_practice(
    user: User,
    deck: Deck,
    *,
    count: int,
    types: list[str] | None = None,
    time_limit_min: int | None = None,
    rng: random.Random | None = None,
    now: datetime | None = None,
    client_id: str | None = None,
) -> Attempt:
    """Start a self-practice attempt: `count` items of the chosen types, picked at random."""
    existing = _attempt_by_client_id(user, client_id)
    if existing is not None:
        return existing
    if not study_access.can_study(user, deck):
        raise Forbidden("This deck is not available to you.")
    rules = QuizSettings(
        count=count,
        types=sorted(set(types or [])),
        time_limit_s=time_limit_min * 60 if time_limit_min else None,
    )
    _check_settings(deck, rules, minimum=quizmaker.MIN_ITEMS)
    now = now or utcnow()
    chosen = quizmaker.pick_items(live_items(deck), count, rng or random.Random(), rules.types)
    quiz = Quiz(
        deck_id=deck.id,
        title=f"Practice: {deck.title}"[:300],
        kind="practice",
        created_by=user.id,
        settings=rules.to_json(),
        created_at=now,
    )
    return _new_attempt(user, quiz, [i.id for i in chosen], now, client_id)


def start_attempt(
    user: User,
    quiz: Quiz,
    *,
    rng: random.Random | None = None,
    now: datetime | None = None,
    client_id: str | None = None,
) -> Attempt:
    """Start (or resume) an attempt at an instructor quiz, enforcing window and attempt limit."""
    existing = _attempt_by_client_id(user, client_id)
    if existing is not None:
        return existing
    if not can_take(user, quiz):
        raise Forbidden("This quiz is not available to you.")
    now = now or utcnow()
    for attempt in user_attempts(user, quiz):
        if attempt.finished_at is None:
            expire_if_overdue(attempt, now=now)
    _lock_user(user)
    # Read under the lock: a parallel start has committed its attempt by now, or waits for us.
    existing = _attempt_by_client_id(user, client_id)
    if existing is not None:
        return existing
    state = status(user, quiz, now=now)
    if state.window == "not_open":
        opens = settings_of(quiz).opens_at
        db.session.rollback()
        raise QuizUnavailable(f"This quiz opens on {opens:%d %b %Y at %H:%M} UTC.")
    if state.window == "closed":
        db.session.rollback()
        raise QuizUnavailable("This quiz has closed; no more attempts can be started.")
    if state.open_attempt is not None:
        db.session.commit()  # nothing to write: ends the transaction and its lock
        return state.open_attempt
    if state.left == 0:
        db.session.rollback()
        raise QuizUnavailable(
            f"You have used all {state.used} attempt{'s' if state.used != 1 else ''} "
            "allowed for this quiz."
        )
    rules = settings_of(quiz)
    if rules.item_ids is not None:
        live = {i.id for i in live_items(quiz.deck)}
        item_ids = [i for i in rules.item_ids if i in live]
    else:
        picked = quizmaker.pick_items(
            live_items(quiz.deck), rules.count, rng or random.Random(), rules.types
        )
        item_ids = [i.id for i in picked]
    if not item_ids:
        db.session.rollback()
        raise QuizUnavailable("This quiz has no questions available right now.")
    return _new_attempt(user, quiz, item_ids, now, client_id)


def _lock_user(user: User) -> None:
    """Serialise this user's attempt starts until the transaction ends."""
    db.session.execute(for_update(sa.select(User.id).where(User.id == user.id), key_share=True))


def retry_mistakes(
    user: User, attempt: Attempt, *, now: datetime | None = None, client_id: str | None = None
) -> Attempt:
    """A new practice attempt with just the questions this attempt got wrong."""
    existing = _attempt_by_client_id(user, client_id)
    if existing is not None:
        return existing
    if attempt.user_id != user.id:
        raise Forbidden("You can only retry your own mistakes.")
    deck = attempt.quiz.deck
    if not study_access.can_study(user, deck):
        raise Forbidden("This deck is not available to you any more.")
    if attempt.finished_at is None:
        raise StaleAnswer("Finish this attempt before retrying its mistakes.")
    wrong = {r.item_id for r in attempt.responses if r.verdict == "wrong"}
    live = {i.id for i in live_items(deck)}
    item_ids = [i for i in attempt.item_ids if i in wrong and i in live]
    if not item_ids:
        raise QuizError("There are no mistakes left to retry in this attempt.")
    now = now or utcnow()
    quiz = Quiz(
        deck_id=deck.id,
        title=f"Mistakes: {attempt.quiz.title}"[:300],
        kind="practice",
        created_by=user.id,
        settings=QuizSettings(count=len(item_ids), item_ids=item_ids).to_json(),
        created_at=now,
    )
    return _new_attempt(user, quiz, item_ids, now, client_id)


def _overdue(attempt: Attempt, rules: QuizSettings, now: datetime) -> bool:
    if not quizmaker.accepts_answers(now, attempt.started_at, rules.time_limit_s):
        return True
    return quizmaker.window_state(now, rules.opens_at, rules.closes_at) == "closed"


def _end_time(attempt: Attempt, rules: QuizSettings, now: datetime) -> datetime:
    candidates = [now]
    end = quizmaker.deadline(attempt.started_at, rules.time_limit_s)
    if end is not None:
        candidates.append(end)
    if rules.closes_at is not None:
        candidates.append(rules.closes_at)
    return min(candidates)


def expire_if_overdue(attempt: Attempt, *, now: datetime | None = None) -> bool:
    """Finish an attempt whose time ran out or whose quiz closed; True if it did."""
    if attempt.finished_at is not None:
        return False
    now = now or utcnow()
    rules = settings_of(attempt.quiz)
    if not _overdue(attempt, rules, now):
        return False
    _finish(attempt, _end_time(attempt, rules, now))
    db.session.commit()
    return True


def seconds_left(attempt: Attempt, *, now: datetime | None = None) -> int | None:
    """Seconds left on the attempt's clock (None without a time limit)."""
    rules = settings_of(attempt.quiz)
    return quizmaker.seconds_left(now or utcnow(), attempt.started_at, rules.time_limit_s)


def feedback_mode(attempt: Attempt) -> str:
    """ "immediate" (one question per page) or "end" (all questions in one form)."""
    return settings_of(attempt.quiz).feedback


def _responses(attempt: Attempt) -> dict[int, Response]:
    return {r.item_id: r for r in attempt.responses}


def _items(attempt: Attempt) -> dict[int, Item]:
    if not attempt.item_ids:
        return {}
    rows = db.session.scalars(sa.select(Item).where(Item.id.in_(attempt.item_ids)))
    return {item.id: item for item in rows}


def pending_items(attempt: Attempt) -> list[Item]:
    """Questions still to answer, in quiz order (withdrawn questions skipped)."""
    answered = _responses(attempt)
    items = _items(attempt)
    return [
        items[i] for i in attempt.item_ids if i not in answered and i in items and items[i].is_live
    ]


def question_total(attempt: Attempt) -> int:
    """Questions that count: all answered ones plus unanswered ones not withdrawn."""
    answered = _responses(attempt)
    items = _items(attempt)
    return sum(1 for i in attempt.item_ids if i in answered or (i in items and items[i].is_live))


def attempt_score(attempt: Attempt) -> quizmaker.Score:
    """Right answers out of the questions that count."""
    return quizmaker.score((r.verdict for r in attempt.responses), question_total(attempt))


def _finish(attempt: Attempt, now: datetime) -> None:
    db.session.flush()
    attempt.finished_at = now
    attempt.score = attempt_score(attempt).fraction


def finish(user: User, attempt: Attempt, *, now: datetime | None = None) -> Attempt:
    """End an attempt now (unanswered questions count as wrong); repeating is harmless."""
    if attempt.user_id != user.id:
        raise Forbidden("This is not your attempt.")
    if attempt.finished_at is None:
        _finish(attempt, now or utcnow())
        db.session.commit()
    return attempt


def _check_open(user: User, attempt: Attempt, now: datetime) -> None:
    if attempt.user_id != user.id:
        raise Forbidden("This is not your attempt.")
    if attempt.finished_at is not None:
        raise StaleAnswer("This attempt is already finished; your earlier answers are kept.")
    rules = settings_of(attempt.quiz)
    if not quizmaker.accepts_answers(now, attempt.started_at, rules.time_limit_s):
        expire_if_overdue(attempt, now=now)
        raise TimeUp(
            "Time is up: answers sent after the time limit are not accepted. "
            "The attempt was finished with the answers you had given."
        )
    if quizmaker.window_state(now, rules.opens_at, rules.closes_at) == "closed":
        expire_if_overdue(attempt, now=now)
        raise StaleAnswer(
            "This quiz has closed, so that answer was not accepted. "
            "The attempt was finished with the answers you had given."
        )


def _existing_response(attempt: Attempt, item_id: int) -> Response | None:
    return db.session.scalar(
        sa.select(Response).where(Response.attempt_id == attempt.id, Response.item_id == item_id)
    )


def _regrade(response: Response) -> Grade:
    given: str | int | None = response.given
    if response.chosen_index is not None:
        given = response.chosen_index
    return grade(item_to_domain(response.item), given)


def _repeat(attempt: Attempt, response: Response) -> AnswerOutcome:
    return AnswerOutcome(response, _regrade(response), True, attempt.finished_at is not None)


def _record(
    user: User,
    attempt: Attempt,
    item: Item,
    response: str | int | None,
    now: datetime,
    time_ms: int | None,
) -> tuple[Response, Grade]:
    """Grade and stage one Response plus its review (flushed, not committed)."""
    result = grade(item_to_domain(item), response)
    row = Response(
        item=item,
        given="" if response is None else str(response)[:2000],
        chosen_index=response if isinstance(response, int) else None,
        verdict=result.verdict,
        time_ms=time_ms,
        created_at=now,
    )
    # Appending keeps attempt.responses current for the "all answered?" check.
    attempt.responses.append(row)
    db.session.flush()
    study.record_review(
        user,
        item,
        quizmaker.rating_for(result.verdict),
        client_id=study.quiz_client_id(attempt.id, item.id),
        now=now,
        source="quiz",
        duration_ms=time_ms,
        commit=False,
    )
    return row, result


def _answerable_item(attempt: Attempt, item_id: int) -> Item:
    if item_id not in attempt.item_ids:
        raise StaleAnswer("That question is not part of this attempt. Reload the page.")
    item = db.session.get(Item, item_id)
    if item is None or not item.is_live:
        raise StaleAnswer(
            "That question was withdrawn from the deck while you were answering; "
            "it does not count. Carry on with the next one."
        )
    return item


def answer(
    user: User,
    attempt: Attempt,
    item_id: int,
    response: str | int | None,
    *,
    now: datetime | None = None,
    time_ms: int | None = None,
) -> AnswerOutcome:
    """Grade one answer, store it with its FSRS review, finish the attempt after the last one.

    A repeated submission of the same question returns the first answer, unchanged.
    """
    now = now or utcnow()
    if attempt.user_id != user.id:
        raise Forbidden("This is not your attempt.")
    existing = _existing_response(attempt, item_id)
    if existing is not None:
        return _repeat(attempt, existing)
    _check_open(user, attempt, now)
    item = _answerable_item(attempt, item_id)
    for tries in range(2):
        try:
            row, result = _record(user, attempt, item, response, now, time_ms)
            finished = not pending_items(attempt)
            if finished:
                _finish(attempt, now)
            db.session.commit()
        except IntegrityError:
            # A concurrent duplicate (double click) committed first: report its answer instead.
            db.session.rollback()
            existing = _existing_response(attempt, item_id)
            if existing is not None:
                return _repeat(attempt, existing)
            if tries:
                raise
            # Else a study review created this new card's state meanwhile: now there is a row
            # to lock, so once more.
        except study.StaleSubmission as error:
            db.session.rollback()
            raise StaleAnswer(str(error)) from error
        else:
            return AnswerOutcome(row, result, False, finished)
    raise AssertionError("unreachable")


def answer_all(
    user: User,
    attempt: Attempt,
    responses: dict[int, str | int | None],
    *,
    now: datetime | None = None,
) -> Attempt:
    """Grade a whole-quiz form (feedback at the end) in one transaction and finish the attempt.

    Questions left blank count as wrong. A resubmitted form changes nothing.
    """
    now = now or utcnow()
    if attempt.user_id == user.id and attempt.finished_at is not None:
        return attempt  # a refresh or double click after the first submission
    _check_open(user, attempt, now)
    for tries in range(2):
        try:
            for item in pending_items(attempt):
                _record(user, attempt, item, responses.get(item.id), now, None)
            _finish(attempt, now)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            db.session.refresh(attempt)
            if attempt.finished_at is not None:
                return attempt  # the same form, sent twice at once, was recorded first
            if tries:
                raise
            # Else a study review created a new card's state meanwhile: once more, now locked.
        except study.StaleSubmission as error:
            db.session.rollback()
            raise StaleAnswer(str(error)) from error
        else:
            return attempt
    raise AssertionError("unreachable")


def response_for(attempt: Attempt, item_id: int) -> tuple[Response, Grade] | None:
    """A stored answer with its feedback, for showing immediate feedback after a redirect."""
    row = _existing_response(attempt, item_id)
    return None if row is None else (row, _regrade(row))


def result_rows(attempt: Attempt) -> list[ResultRow]:
    """Every question of the attempt in order, with the answer given and its feedback."""
    answered = _responses(attempt)
    items = _items(attempt)
    rows = []
    for item_id in attempt.item_ids:
        item = items.get(item_id)
        if item is None:
            continue
        response = answered.get(item_id)
        rows.append(
            ResultRow(
                item=item,
                response=response,
                grade=_regrade(response) if response is not None else None,
                withdrawn=response is None and not item.is_live,
            )
        )
    return rows


def mistakes_left(attempt: Attempt) -> int:
    """Wrong answers whose questions are still live (what "retry my mistakes" would ask)."""
    wrong = [r for r in attempt.responses if r.verdict == "wrong"]
    return sum(1 for r in wrong if r.item.is_live)
