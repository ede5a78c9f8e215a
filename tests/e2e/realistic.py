"""A realistic world for the browser audit: the shipped deck, with its article, assigned to a
trainee's cohort with a due date, some reviews and a quiz; plus an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Assignment, Cohort, Deck, Item, Membership, utcnow
from quizapp.services import accounts, decks, quizzes, study
from quizapp.services.quizzes import QuizSettings
from tests.conftest import PASSWORD

SHIPPED = Path(__file__).resolve().parents[2] / "decks" / "axis-of-resistance.yaml"
PEOPLE = {
    "instructor": ("iris@example.com", "Iris Instructor"),
    "trainee": ("tom@example.com", "Tom Trainee"),
    "fresh": ("fay@example.com", "Fay Newcomer"),
    "admin": ("ada@example.com", "Ada Admin"),
    "loner": ("lou@example.com", "Lou Loner"),  # a trainee in no cohort: the empty states
    "newcomer": ("nia@example.com", "Nia Newinstructor"),  # an instructor with nothing yet
}
ROLES = {"fresh": "trainee", "loner": "trainee", "newcomer": "instructor"}


@dataclass
class Realistic:
    deck: int
    cohort: int
    quiz: int
    item: int
    source: int
    emails: dict[str, str]


def seed(app, *, reviews: int = 4) -> Realistic:
    """Import the shipped deck, assign it with a due date, rate a few cards, define a quiz."""
    with app.app_context():
        users = {
            key: accounts.create_user(email, name, PASSWORD, ROLES.get(key, key))
            for key, (email, name) in PEOPLE.items()
        }
        decks.import_deck_file(SHIPPED, owner=users["instructor"])
        deck = db.session.scalar(sa.select(Deck).where(Deck.slug == SHIPPED.stem))
        deck.status = "published"
        deck.published_at = utcnow()
        cohort = Cohort(name="Spring intake", instructor_id=users["instructor"].id)
        db.session.add(cohort)
        db.session.flush()
        for key in ("trainee", "fresh"):
            db.session.add(Membership(cohort_id=cohort.id, user_id=users[key].id))
        due = (utcnow() + timedelta(days=10)).date()
        db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id, due_date=due))
        db.session.commit()
        items = list(
            db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id).order_by(Item.id))
        )
        for index, item in enumerate(items[:reviews]):
            study.record_review(users["trainee"], item, 1 + index % 4, client_id=f"seed{index}")
        quiz = quizzes.create_quiz(users["instructor"], deck, "Checkpoint", QuizSettings(count=5))
        db.session.commit()
        world = Realistic(
            deck=deck.id,
            cohort=cohort.id,
            quiz=quiz.id,
            item=items[-1].id,
            source=deck.source_id,
            emails={key: email for key, (email, _name) in PEOPLE.items()},
        )
        db.session.remove()
    return world


def login(browser, base_url: str, email: str, viewport: dict, **options):
    """A new context at `viewport`, logged in as `email`; returns (context, page)."""
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base_url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")
    return context, page
