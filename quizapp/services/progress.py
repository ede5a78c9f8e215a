"""Progress of one user, per deck and overall: loads rows and hands plain values to the domain.

Read-only: nothing here commits. Days are UTC days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from quizapp.domain import charts, scheduling
from quizapp.domain import progress as figures
from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    CardState,
    Deck,
    Item,
    Membership,
    ReviewLog,
    User,
    utcnow,
)
from quizapp.services import study_access


@dataclass
class DeckSummary:
    """One line of the overall page."""

    deck: Deck
    counts: figures.Counts
    mean_recall: float | None
    due_now: int
    recall_ahead: float | None = None


@dataclass
class Progress:
    """Everything the progress page shows."""

    title: str
    counts: figures.Counts
    mean_recall: float | None
    forecast: list[figures.DayCount]
    per_day: list[figures.DayCount]
    streak: int
    topics: list[figures.TopicAccuracy]
    forecast_svg: str
    per_day_svg: str
    reviews_total: int
    horizon: figures.Horizon
    recall_ahead: float | None
    measured_recall: float | None
    measured_reviews: int
    paragraphs: list[figures.Paragraph] | None = None
    decks: list[DeckSummary] = field(default_factory=list)
    measured_days: int = figures.MEASURED_DAYS


@dataclass
class _Card:
    item_id: int
    deck_id: int
    source_start: int | None
    quote: str
    fsrs: dict[str, Any] | None
    state: int | None
    stability: float | None
    due: datetime | None


def _cards(user: User, deck_ids: list[int]) -> list[_Card]:
    """Live items of the decks with the user's state for each (None for new)."""
    query = (
        sa.select(
            Item.id,
            Item.deck_id,
            Item.source_start,
            Item.quote,
            CardState.fsrs,
            CardState.state,
            CardState.stability,
            CardState.due,
        )
        .outerjoin(CardState, sa.and_(CardState.item_id == Item.id, CardState.user_id == user.id))
        .where(Item.deck_id.in_(deck_ids), Item.status == "approved", Item.retired_at.is_(None))
        .order_by(Item.id)
    )
    return [_Card(*row) for row in db.session.execute(query)]


def _reviews(user: User, deck_ids: list[int]) -> list[tuple[datetime, int, str]]:
    query = (
        sa.select(ReviewLog.reviewed_at, ReviewLog.rating, Item.topic)
        .join(Item, Item.id == ReviewLog.item_id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.deck_id.in_(deck_ids),
            ReviewLog.undone_at.is_(None),
        )
    )
    return [tuple(row) for row in db.session.execute(query)]


def _due_date(user: User, deck: Deck) -> date | None:
    """The earliest due date of the deck's assignments to the user's cohorts."""
    return db.session.scalar(
        sa.select(sa.func.min(Assignment.due_date))
        .join(Membership, Membership.cohort_id == Assignment.cohort_id)
        .where(Membership.user_id == user.id, Assignment.deck_id == deck.id)
    )


def _build(
    title: str, cards: list[_Card], reviews: list, now: datetime, horizon: figures.Horizon
) -> Progress:
    forecast = figures.due_forecast([c.due for c in cards if c.due is not None], now)
    per_day = figures.reviews_per_day([r[0] for r in reviews], now)
    measured, measured_reviews = figures.measured_recall(((r[0], r[1]) for r in reviews), now)
    return Progress(
        title=title,
        counts=figures.count_stages((c.state, c.stability) for c in cards),
        mean_recall=figures.mean_recall((c.fsrs for c in cards), now),
        forecast=forecast,
        per_day=per_day,
        streak=figures.streak({r[0].date() for r in reviews}, now.date()),
        topics=figures.accuracy_by_topic((r[2], r[1]) for r in reviews),
        forecast_svg=charts.bar_chart(
            [(d.day.strftime("%b %d") if n else "today", d.count) for n, d in enumerate(forecast)],
            chart_id="forecast-chart",
            title="Due forecast, next 14 days",
            description="Cards due on each day; the hatched first bar is today, overdue included.",
            highlight=0,
        ),
        per_day_svg=charts.bar_chart(
            [(d.day.strftime("%b %d"), d.count) for d in per_day],
            chart_id="reviews-chart",
            title="Reviews per day, last 30 days",
            description="Study and quiz reviews on each day; the hatched last bar is today.",
            label_every=5,
            highlight=len(per_day) - 1,
        ),
        reviews_total=len(reviews),
        horizon=horizon,
        recall_ahead=figures.mean_recall((c.fsrs for c in cards), horizon.at),
        measured_recall=measured,
        measured_reviews=measured_reviews,
    )


def deck_progress(user: User, deck: Deck, *, now: datetime | None = None) -> Progress:
    """The user's progress in one deck, with the article shaded by paragraph when it has one."""
    now = now or utcnow()
    cards = _cards(user, [deck.id])
    horizon = figures.recall_horizon(now, _due_date(user, deck))
    result = _build(deck.title, cards, _reviews(user, [deck.id]), now, horizon)
    if deck.source is not None and deck.source.text:
        result.paragraphs = figures.shade_paragraphs(
            deck.source.text,
            (
                (c.source_start, c.quote, scheduling.retrievability(c.fsrs, horizon.at))
                for c in cards
            ),
            when=horizon.label,
        )
    return result


def overall_progress(user: User, *, now: datetime | None = None) -> Progress:
    """The user's progress over every deck they can study, with one summary line per deck."""
    now = now or utcnow()
    decks = study_access.visible_decks(user)
    ids = [deck.id for deck in decks]
    cards = _cards(user, ids) if ids else []
    horizon = figures.recall_horizon(now)
    result = _build("All decks", cards, _reviews(user, ids) if ids else [], now, horizon)
    for deck in decks:
        mine = [c for c in cards if c.deck_id == deck.id]
        result.decks.append(
            DeckSummary(
                deck=deck,
                counts=figures.count_stages((c.state, c.stability) for c in mine),
                mean_recall=figures.mean_recall((c.fsrs for c in mine), now),
                due_now=sum(1 for c in mine if c.due is not None and c.due <= now),
                recall_ahead=figures.mean_recall((c.fsrs for c in mine), horizon.at),
            )
        )
    return result
