"""Demo accounts and cohort so a new user can try the app at once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Assignment, Cohort, Deck, Membership, User
from quizapp.services import accounts, sessions

DEMO_USERS = (
    ("instructor@example.com", "Iris Instructor", "instructor"),
    ("trainee@example.com", "Tom Trainee", "trainee"),
    ("trainee2@example.com", "Tara Trainee", "trainee"),
)
DEMO_COHORT = "Demo cohort"


@dataclass
class NewCredential:
    email: str
    password: str
    role: str


def ensure_demo_accounts() -> list[NewCredential]:
    """Create the demo users that do not exist yet; return the credentials of the new ones."""
    created = []
    for email, name, role in DEMO_USERS:
        if accounts.find_user(email) is None:
            password = secrets.token_urlsafe(9)
            accounts.create_user(email, name, password, role)
            created.append(NewCredential(email, password, role))
    return created


def ensure_demo_cohort() -> Cohort:
    """The demo instructor's cohort with both demo trainees, assigned every published deck."""
    instructor = accounts.find_user(DEMO_USERS[0][0])
    cohort = db.session.scalar(
        sa.select(Cohort).where(Cohort.name == DEMO_COHORT, Cohort.instructor_id == instructor.id)
    )
    if cohort is None:
        cohort = Cohort(name=DEMO_COHORT, instructor_id=instructor.id)
        db.session.add(cohort)
        db.session.flush()
    for email, _name, role in DEMO_USERS:
        if role != "trainee":
            continue
        user = accounts.find_user(email)
        if db.session.get(Membership, (cohort.id, user.id)) is None:
            db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
    assigned = set(
        db.session.scalars(sa.select(Assignment.deck_id).where(Assignment.cohort_id == cohort.id))
    )
    for deck in db.session.scalars(sa.select(Deck).where(Deck.status == "published")):
        if deck.owner_id is None:
            # Decks shipped in decks/ have no author account; the demo instructor curates them.
            deck.owner_id = instructor.id
        if deck.id not in assigned:
            db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id))
    db.session.commit()
    return cohort


def reset_demo_passwords() -> list[NewCredential]:
    """Give every demo user a fresh random password and return them."""
    fresh = []
    for email, _name, role in DEMO_USERS:
        user = accounts.find_user(email)
        if user is None:
            continue
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        sessions.revoke_logins(user)  # whoever knew the old password is logged out too
        fresh.append(NewCredential(email, password, role))
    db.session.commit()
    return fresh


def demo_user(email_index: int) -> User | None:
    """One of the demo users by position in DEMO_USERS."""
    return accounts.find_user(DEMO_USERS[email_index][0])
