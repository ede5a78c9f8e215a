"""`quizapp demo --history`: a demo cohort with 30 days of simulated study and quiz history.

Twelve simulated trainees of varied ability and habit study every published deck with FSRS
(through the same scheduling wrapper the study service uses) and take checkpoint quizzes whose
answers are also reviews. One quiz item is deliberately miskeyed, one distractor is never
picked, one item is very easy and one very hard, so the item analysis has flags to show.

Deterministic: the same seed and clock give the same history. Idempotent: a deck that already
has simulated history is skipped, so running it twice adds nothing.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.domain import analytics, scheduling, simulation
from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    Attempt,
    CardState,
    Cohort,
    Deck,
    Item,
    Membership,
    Quiz,
    Response,
    ReviewLog,
    User,
)
from quizapp.services import demo
from quizapp.services.quizzes import QuizSettings

COHORT_NAME = "Demo class (simulated history)"
EMAIL = "demo.sim{:02d}@example.com"
CLIENT_PREFIX = "demo-history"
DEFAULT_SEED = 20260302
DAYS = 30
DUE_IN_DAYS = 5
QUIZ_SIZE = 8
MAX_QUIZZES = 2


class HistoryError(Exception):
    """The history cannot be simulated (e.g. the demo accounts do not exist); user-facing."""


@dataclass
class DeckHistory:
    """What was simulated for one deck."""

    title: str
    reviews: int = 0
    attempts: int = 0
    responses: int = 0


@dataclass
class HistorySummary:
    """The outcome of a simulation run."""

    cohort: Cohort
    trainees: int
    simulated: list[DeckHistory] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _ensure_trainees(count: int) -> list[User]:
    users = []
    for i, (name, _archetype) in enumerate(simulation.ROSTER[:count], start=1):
        email = EMAIL.format(i)
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            # Simulated people never log in: a random password nobody knows.
            user = User(email=email, name=name, role="trainee")
            user.set_password(secrets.token_urlsafe(24))
            db.session.add(user)
        users.append(user)
    db.session.flush()
    return users


def _ensure_cohort(instructor: User, trainees: list[User]) -> Cohort:
    cohort = db.session.scalar(
        sa.select(Cohort).where(Cohort.name == COHORT_NAME, Cohort.instructor_id == instructor.id)
    )
    if cohort is None:
        cohort = Cohort(name=COHORT_NAME, instructor_id=instructor.id)
        db.session.add(cohort)
        db.session.flush()
    members = set(
        db.session.scalars(sa.select(Membership.user_id).where(Membership.cohort_id == cohort.id))
    )
    for user in trainees:
        if user.id not in members:
            db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
    return cohort


def _has_history(deck: Deck) -> bool:
    prefix = f"{CLIENT_PREFIX}:{deck.id}:"
    return (
        db.session.scalar(
            sa.select(ReviewLog.id).where(ReviewLog.client_id.startswith(prefix)).limit(1)
        )
        is not None
    )


class _DeckSimulator:
    """Plays the history of one deck, keeping card states in memory and adding rows."""

    def __init__(self, deck: Deck, items: list[Item], users: list[User], now: datetime, seed: int):
        self.deck = deck
        self.items = items
        self.users = users
        self.now = now
        self.start = now - timedelta(days=DAYS)
        self.rng = random.Random(f"{seed}:{deck.slug}")
        self.profiles = simulation.profiles(self.rng, len(users))
        self.settings = scheduling.Settings(
            desired_retention=min(max(deck.desired_retention or 0.9, 0.7), 0.99)
        )
        self.quiz_items = [
            items[i : i + QUIZ_SIZE]
            for i in range(0, min(len(items), QUIZ_SIZE * MAX_QUIZZES), QUIZ_SIZE)
        ]
        quizzed = list(range(sum(len(q) for q in self.quiz_items)))
        self.models = dict(
            zip(
                (i.id for i in items),
                simulation.item_models(self.rng, [len(i.choices or []) for i in items], quizzed),
                strict=True,
            )
        )
        self.cards: dict[tuple[int, int], CardState] = {}
        self.history = DeckHistory(deck.title)
        self.serial = 0

    # -- reviews ------------------------------------------------------------------------------

    def _review(self, user: User, item: Item, rating: int, at: datetime, source: str, cid: str):
        key = (user.id, item.id)
        row = self.cards.get(key)
        previous = row.fsrs if row is not None else None
        state = scheduling.review(previous, rating, at, card_id=item.id, settings=self.settings)
        mirror = scheduling.mirror(state)
        if row is None:
            row = CardState(
                user_id=user.id, item_id=item.id, deck_id=self.deck.id, reps=0, lapses=0
            )
            row.created_at = at
            self.cards[key] = row
            db.session.add(row)
        row.lapses += int(scheduling.is_lapse(previous, rating))
        row.reps += 1
        row.fsrs = state
        row.due, row.state = mirror.due, mirror.state
        row.stability, row.difficulty = mirror.stability, mirror.difficulty
        row.last_review, row.updated_at = mirror.last_review, at
        log = ReviewLog(
            user_id=user.id,
            item_id=item.id,
            deck_id=self.deck.id,
            rating=rating,
            reviewed_at=at,
            duration_ms=self.rng.randint(2500, 15000),
            source=source,
            client_id=cid,
        )
        if previous is not None:
            log.previous_fsrs = dict(previous)
        db.session.add(log)
        self.history.reviews += 1
        user.last_active_at = max(user.last_active_at or at, at)

    def _recall(self, user: User, item: Item, at: datetime) -> float | None:
        row = self.cards.get((user.id, item.id))
        if row is None:
            return None
        return analytics.retrievability(row.stability, row.last_review, at)

    def _study_session(self, user: User, profile: simulation.Profile, at: datetime) -> datetime:
        due = sorted(
            (row.due, row.item_id)
            for (uid, _), row in self.cards.items()
            if uid == user.id and row.due <= at
        )
        by_id = {i.id: i for i in self.items}
        queue = [by_id[item_id] for _, item_id in due]
        unseen = [i for i in self.items if (user.id, i.id) not in self.cards]
        queue += unseen[: min(profile.new_per_day, self.deck.new_per_day or 20)]
        for _pass in range(4):
            for item in queue:
                p = simulation.p_recall(profile, self.models[item.id], self._recall(user, item, at))
                self.serial += 1
                cid = f"{CLIENT_PREFIX}:{self.deck.id}:{user.id}:{self.serial}"
                self._review(user, item, simulation.study_rating(self.rng, p), at, "study", cid)
                at += timedelta(seconds=self.rng.randint(6, 40))
            # Learning steps: cards due again within the session come back, as in study.
            soon = sorted(
                (row.due, row.item_id)
                for (uid, _), row in self.cards.items()
                if uid == user.id and row.due <= at + timedelta(minutes=20)
            )
            if not soon:
                break
            at = max(at, soon[0][0])
            queue = [by_id[item_id] for _, item_id in soon]
        return at

    # -- quizzes ------------------------------------------------------------------------------

    def _quizzes(self, instructor: User) -> list[Quiz]:
        quizzes = []
        for n, items in enumerate(self.quiz_items, start=1):
            title = f"Checkpoint {n} (demo)"
            quiz = db.session.scalar(
                sa.select(Quiz).where(Quiz.deck_id == self.deck.id, Quiz.title == title)
            )
            if quiz is None:
                rules = QuizSettings(count=len(items), item_ids=[i.id for i in items])
                quiz = Quiz(
                    deck_id=self.deck.id,
                    title=title,
                    kind="assigned",
                    created_by=instructor.id,
                    settings=rules.to_json(),
                    created_at=self.start,
                )
                db.session.add(quiz)
            quizzes.append(quiz)
        db.session.flush()
        return quizzes

    def _answer(self, profile: simulation.Profile, item: Item, at: datetime, user: User):
        model = self.models[item.id]
        right = self.rng.random() < simulation.p_quiz_correct(
            profile, model, self._recall(user, item, at)
        )
        choices = list(item.choices or [])
        if choices and item.answer in choices:
            key = choices.index(item.answer)
            chosen = key if right else simulation.wrong_choice(self.rng, key, model, len(choices))
            return str(chosen), "correct" if right else "wrong", chosen
        if item.type == "true_false":
            truth = item.answer.strip().lower() == "true"
            given = item.answer if right else ("False" if truth else "True")
            return given, "correct" if right else "wrong", None
        if right:
            return item.answer, "close" if self.rng.random() < 0.08 else "correct", None
        return "not sure", "wrong", None

    def _take_quiz(self, user: User, profile, quiz: Quiz, items: list[Item], at: datetime):
        attempt = Attempt(
            quiz_id=quiz.id, user_id=user.id, item_ids=[i.id for i in items], started_at=at
        )
        db.session.add(attempt)
        db.session.flush()
        verdicts = []
        for item in items:
            given, verdict, chosen = self._answer(profile, item, at, user)
            spent = self.rng.randint(5000, 40000)
            db.session.add(
                Response(
                    attempt_id=attempt.id,
                    item_id=item.id,
                    given=given,
                    verdict=verdict,
                    chosen_index=chosen,
                    time_ms=spent,
                    created_at=at,
                )
            )
            rating = 3 if verdict in ("correct", "close") else 1
            self._review(user, item, rating, at, "quiz", f"quiz:{attempt.id}:{item.id}")
            verdicts.append(verdict)
            at += timedelta(milliseconds=spent)
        attempt.finished_at = at
        attempt.score = analytics.attempt_score(verdicts, len(items))
        self.history.attempts += 1
        self.history.responses += len(items)
        return at

    # -- the story ----------------------------------------------------------------------------

    def run(self, instructor: User) -> DeckHistory:
        quizzes = self._quizzes(instructor)
        for user, profile in zip(self.users, self.profiles, strict=True):
            for day in range(DAYS):
                at = self.start + timedelta(
                    days=day, hours=self.rng.randint(0, 12), minutes=self.rng.randint(0, 59)
                )
                if at >= self.now - timedelta(hours=1):
                    continue
                if profile.active_on(day, self.rng, DAYS):
                    at = self._study_session(user, profile, at)
                if day in profile.quiz_days:
                    for quiz, items in zip(quizzes, self.quiz_items, strict=True):
                        at = self._take_quiz(user, profile, quiz, items, at) + timedelta(minutes=2)
        db.session.flush()
        return self.history


def _live_items(deck: Deck) -> list[Item]:
    return list(
        db.session.scalars(
            sa.select(Item)
            .where(Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None))
            .order_by(Item.id)
        )
    )


def simulate(*, now: datetime, seed: int = DEFAULT_SEED, trainees: int = 12) -> HistorySummary:
    """Create (once) the simulated cohort and its history on every published deck, up to `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware UTC")
    instructor = demo.demo_user(0)
    if instructor is None:
        raise HistoryError("The demo accounts do not exist yet: run `quizapp demo` first.")
    try:
        users = _ensure_trainees(trainees)
        cohort = _ensure_cohort(instructor, users)
        summary = HistorySummary(cohort=cohort, trainees=len(users))
        decks = db.session.scalars(
            sa.select(Deck).where(Deck.status == "published").order_by(Deck.id)
        )
        for deck in decks:
            items = _live_items(deck)
            if not items:
                continue
            if deck.owner_id is None:
                deck.owner_id = instructor.id
            assignment = db.session.scalar(
                sa.select(Assignment).where(
                    Assignment.cohort_id == cohort.id, Assignment.deck_id == deck.id
                )
            )
            if assignment is None:
                db.session.add(
                    Assignment(
                        cohort_id=cohort.id,
                        deck_id=deck.id,
                        due_date=(now + timedelta(days=DUE_IN_DAYS)).date(),
                        created_at=now - timedelta(days=DAYS),
                    )
                )
            if _has_history(deck):
                summary.skipped.append(deck.title)
                continue
            simulator = _DeckSimulator(deck, items, users, now, seed)
            summary.simulated.append(simulator.run(instructor))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary
