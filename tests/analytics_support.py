"""Row builders shared by the analytics service, demo history and route tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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

CHOICES = ["Iran", "Russia", "Syria", "Yemen"]


def make_deck(owner: User | None, items: int = 3, *, slug: str = "deck", mcq: bool = True) -> Deck:
    """A published deck with `items` approved items (multiple choice, answer "Russia")."""
    deck = Deck(slug=slug, title=f"Deck {slug}", owner_id=owner.id if owner else None)
    deck.status = "published"
    db.session.add(deck)
    db.session.flush()
    for n in range(items):
        db.session.add(
            Item(
                deck_id=deck.id,
                key=f"{slug}-item-{n}",
                type="mcq" if mcq else "short_answer",
                prompt=f"Question {n} <b>bold</b>?",
                answer="Russia",
                choices=list(CHOICES) if mcq else [],
                status="approved",
            )
        )
    db.session.commit()
    return deck


def make_cohort(
    instructor: User,
    deck: Deck,
    trainees: list[User],
    *,
    due_date: date | None = None,
    assigned_at: datetime | None = None,
) -> Cohort:
    """A cohort of the trainees with the deck assigned."""
    cohort = Cohort(name=f"Cohort of {instructor.name}", instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.flush()
    for user in trainees:
        db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
    assignment = Assignment(cohort_id=cohort.id, deck_id=deck.id, due_date=due_date)
    if assigned_at is not None:
        assignment.created_at = assigned_at
    db.session.add(assignment)
    db.session.commit()
    return cohort


def add_card(
    user: User,
    item: Item,
    now: datetime,
    *,
    state: int = 2,
    stability: float = 10.0,
    days_ago: float = 10,
    due_in_days: float = 1,
    difficulty: float = 5.0,
    lapses: int = 0,
) -> CardState:
    """A CardState with the mirrored columns set (the fsrs JSON matches them)."""
    last = now - timedelta(days=days_ago)
    due = now + timedelta(days=due_in_days)
    row = CardState(
        user_id=user.id,
        item_id=item.id,
        deck_id=item.deck_id,
        fsrs={
            "card_id": item.id,
            "state": state,
            "step": None,
            "stability": stability,
            "difficulty": difficulty,
            "due": due.isoformat(),
            "last_review": last.isoformat(),
        },
        due=due,
        state=state,
        stability=stability,
        difficulty=difficulty,
        reps=1 + lapses,
        lapses=lapses,
        last_review=last,
    )
    db.session.add(row)
    db.session.commit()
    return row


_counter = {"n": 0}


def add_review(user: User, item: Item, at: datetime, rating: int = 3, **kwargs) -> ReviewLog:
    """A committed ReviewLog."""
    _counter["n"] += 1
    log = ReviewLog(
        user_id=user.id,
        item_id=item.id,
        deck_id=item.deck_id,
        rating=rating,
        reviewed_at=at,
        source=kwargs.pop("source", "study"),
        client_id=f"test-{_counter['n']}-{user.id}-{item.id}",
        **kwargs,
    )
    db.session.add(log)
    db.session.commit()
    return log


def take_quiz(
    user: User,
    deck: Deck,
    answers: dict[Item, tuple[str, int | None]],
    finished_at: datetime | None,
    *,
    score: float | None = None,
) -> Attempt:
    """An attempt on the deck's quiz with one Response per (item → (verdict, chosen_index))."""
    quiz = db.session.query(Quiz).filter_by(deck_id=deck.id).first()
    if quiz is None:
        quiz = Quiz(deck_id=deck.id, title="Quiz", settings={})
        db.session.add(quiz)
        db.session.flush()
    attempt = Attempt(
        quiz_id=quiz.id,
        user_id=user.id,
        item_ids=[i.id for i in answers],
        finished_at=finished_at,
        score=score,
    )
    db.session.add(attempt)
    db.session.flush()
    for item, (verdict, chosen) in answers.items():
        db.session.add(
            Response(attempt_id=attempt.id, item_id=item.id, verdict=verdict, chosen_index=chosen)
        )
    db.session.commit()
    return attempt
