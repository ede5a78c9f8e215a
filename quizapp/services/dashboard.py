"""Read-only summaries for the role dashboards and the cohort pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Assignment, CardState, Cohort, Deck, Item, Membership, User, utcnow


@dataclass
class TraineeDeck:
    """A deck assigned to a trainee, with how much of it they have seen and what is due."""

    deck: Deck
    due_date: date | None
    items: int = 0
    seen: int = 0
    due: int = 0

    @property
    def new(self) -> int:
        """Live items the trainee has never reviewed."""
        return max(self.items - self.seen, 0)


@dataclass
class InstructorDeck:
    """An instructor's deck with item counts by status and how many cohorts have it."""

    deck: Deck
    approved: int = 0
    draft: int = 0
    cohorts: int = 0


@dataclass
class CohortSummary:
    """A cohort with its member and assigned-deck counts."""

    cohort: Cohort
    members: int = 0
    decks: int = 0
    deck_titles: list[str] = field(default_factory=list)


def _live_item_counts(deck_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.select(Item.deck_id, sa.func.count())
        .where(Item.deck_id.in_(deck_ids), Item.status == "approved", Item.retired_at.is_(None))
        .group_by(Item.deck_id)
    )
    return {deck_id: n for deck_id, n in rows}


def trainee_decks(user: User, *, now: datetime | None = None) -> list[TraineeDeck]:
    """Published decks assigned to any of the trainee's cohorts, with seen and due counts."""
    now = now or utcnow()
    due_dates = dict(
        db.session.execute(
            sa.select(Assignment.deck_id, sa.func.min(Assignment.due_date))
            .join(Membership, Membership.cohort_id == Assignment.cohort_id)
            .where(Membership.user_id == user.id)
            .group_by(Assignment.deck_id)
        ).all()
    )
    if not due_dates:
        return []
    decks = db.session.scalars(
        sa.select(Deck)
        .where(Deck.id.in_(list(due_dates)), Deck.status == "published")
        .order_by(Deck.title, Deck.id)
    ).all()
    ids = [deck.id for deck in decks]
    if not ids:
        return []
    items = _live_item_counts(ids)
    is_due = sa.case((CardState.due <= now, 1), else_=0)
    cards = {
        deck_id: (seen, due or 0)
        for deck_id, seen, due in db.session.execute(
            sa.select(CardState.deck_id, sa.func.count(), sa.func.sum(is_due))
            .join(Item, Item.id == CardState.item_id)
            .where(
                CardState.user_id == user.id,
                CardState.deck_id.in_(ids),
                Item.status == "approved",
                Item.retired_at.is_(None),
            )
            .group_by(CardState.deck_id)
        )
    }
    return [
        TraineeDeck(
            deck=deck,
            due_date=due_dates.get(deck.id),
            items=items.get(deck.id, 0),
            seen=cards.get(deck.id, (0, 0))[0],
            due=cards.get(deck.id, (0, 0))[1],
        )
        for deck in decks
    ]


def instructor_decks(user: User) -> list[InstructorDeck]:
    """The decks a user owns (every deck for an admin), newest change first."""
    query = sa.select(Deck).order_by(Deck.updated_at.desc(), Deck.id.desc())
    if not user.is_admin:
        query = query.where(Deck.owner_id == user.id)
    decks = db.session.scalars(query).all()
    ids = [deck.id for deck in decks]
    if not ids:
        return []
    by_status: dict[int, dict[str, int]] = {}
    for deck_id, status, n in db.session.execute(
        sa.select(Item.deck_id, Item.status, sa.func.count())
        .where(Item.deck_id.in_(ids), Item.retired_at.is_(None))
        .group_by(Item.deck_id, Item.status)
    ):
        by_status.setdefault(deck_id, {})[status] = n
    cohorts = dict(
        db.session.execute(
            sa.select(Assignment.deck_id, sa.func.count())
            .where(Assignment.deck_id.in_(ids))
            .group_by(Assignment.deck_id)
        ).all()
    )
    return [
        InstructorDeck(
            deck=deck,
            approved=by_status.get(deck.id, {}).get("approved", 0),
            draft=by_status.get(deck.id, {}).get("draft", 0),
            cohorts=cohorts.get(deck.id, 0),
        )
        for deck in decks
    ]


def cohort_summaries(cohorts: list[Cohort]) -> list[CohortSummary]:
    """Member counts and assigned deck titles for each cohort."""
    ids = [cohort.id for cohort in cohorts]
    if not ids:
        return []
    members = dict(
        db.session.execute(
            sa.select(Membership.cohort_id, sa.func.count())
            .where(Membership.cohort_id.in_(ids))
            .group_by(Membership.cohort_id)
        ).all()
    )
    titles: dict[int, list[str]] = {}
    for cohort_id, title in db.session.execute(
        sa.select(Assignment.cohort_id, Deck.title)
        .join(Deck, Deck.id == Assignment.deck_id)
        .where(Assignment.cohort_id.in_(ids))
        .order_by(Deck.title)
    ):
        titles.setdefault(cohort_id, []).append(title)
    return [
        CohortSummary(
            cohort=cohort,
            members=members.get(cohort.id, 0),
            decks=len(titles.get(cohort.id, [])),
            deck_titles=titles.get(cohort.id, []),
        )
        for cohort in cohorts
    ]


def site_counts() -> dict[str, int]:
    """Totals for the admin dashboard."""
    return {
        "decks": db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) or 0,
        "published": db.session.scalar(
            sa.select(sa.func.count()).select_from(Deck).where(Deck.status == "published")
        )
        or 0,
        "cohorts": db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) or 0,
    }


def user_cohorts(user: User) -> list[Cohort]:
    """The cohorts a trainee belongs to."""
    return list(
        db.session.scalars(
            sa.select(Cohort)
            .join(Membership, Membership.cohort_id == Cohort.id)
            .where(Membership.user_id == user.id)
            .order_by(Cohort.name)
        )
    )


def cohort_assignments(cohort: Cohort) -> list[Assignment]:
    """The cohort's assigned decks, by title."""
    return list(
        db.session.scalars(
            sa.select(Assignment)
            .join(Deck, Deck.id == Assignment.deck_id)
            .where(Assignment.cohort_id == cohort.id)
            .order_by(Deck.title)
        )
    )
