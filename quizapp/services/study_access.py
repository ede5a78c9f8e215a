"""Who may study which deck: the decks a user sees, and the check every study request makes."""

from __future__ import annotations

import functools

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Assignment, Deck, Membership, User


def visible_decks(user: User) -> list[Deck]:
    """Decks the user may study: trainee → published decks assigned to their cohorts;
    instructor → own decks plus published decks assigned to their cohorts; admin → all."""
    query = sa.select(Deck).order_by(Deck.title, Deck.id)
    if user.role != "admin":
        assigned = _assigned_published(user)
        if user.role == "instructor":
            query = query.where(sa.or_(Deck.owner_id == user.id, Deck.id.in_(assigned)))
        else:
            query = query.where(Deck.id.in_(assigned))
    return list(db.session.scalars(query))


def _assigned_published(user: User):
    return (
        sa.select(Assignment.deck_id)
        .join(Membership, Membership.cohort_id == Assignment.cohort_id)
        .join(Deck, Deck.id == Assignment.deck_id)
        .where(Membership.user_id == user.id, Deck.status == "published")
    )


def can_study(user: User, deck: Deck, *, assigned: bool | None = None) -> bool:
    """True when the deck is among the user's visible decks (`assigned`: already looked up)."""
    if user.role == "admin" or (user.role == "instructor" and deck.owner_id == user.id):
        return True
    if deck.status != "published":
        return False
    if assigned is not None:
        return assigned
    params = {"user_id": user.id, "deck_id": deck.id}
    return db.session.scalar(_assigned_query(), params) is not None


@functools.cache
def _deck_and_assignment_query() -> sa.Select:
    return sa.select(Deck, _assigned_query().exists().label("assigned")).where(
        Deck.id == sa.bindparam("deck_id")
    )


def studyable_deck(user: User, deck_id: int) -> Deck | None:
    """The deck when the user may study it, else None: the deck and the assignment check in one
    statement (every API card request starts here)."""
    params = {"user_id": user.id, "deck_id": deck_id}
    row = db.session.execute(_deck_and_assignment_query(), params).first()
    if row is None or not can_study(user, row[0], assigned=bool(row[1])):
        return None
    return row[0]


@functools.cache
def _assigned_query() -> sa.Select:
    # Hot statements are built once with bound parameters (see study_queue._counts_query), from
    # plain table columns so that they also run inside Core statements (study_view).
    assignment, membership = Assignment.__table__, Membership.__table__
    return (
        sa.select(assignment.c.id)
        .join(membership, membership.c.cohort_id == assignment.c.cohort_id)
        .where(
            membership.c.user_id == sa.bindparam("user_id"),
            assignment.c.deck_id == sa.bindparam("deck_id"),
        )
        .limit(1)
    )
