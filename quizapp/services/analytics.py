"""Load what the analytics pages need in a fixed number of queries and hand it to the domain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from quizapp.domain import analytics as figures
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
    utcnow,
)

ANALYSED_STATUS = "approved"


@dataclass
class AssignmentSummary:
    """One cohort × deck line of the analytics dashboard."""

    cohort: Cohort
    deck: Deck
    due_date: object
    trainees: int
    at_risk: int
    flagged: int | None  # None: the viewer may not see this deck's item analysis


@dataclass
class DeckSummary:
    """One deck the viewer owns, with its item analysis headline."""

    deck: Deck
    items: int
    answers: int
    flagged: int


@dataclass
class Dashboard:
    """Everything on the analytics index page."""

    assignments: list[AssignmentSummary]
    decks: list[DeckSummary]


@dataclass
class CohortDeckReport:
    """The cohort × deck page: rows after sorting and filtering, and the counts around them."""

    assignment: Assignment
    rows: list[figures.TraineeRow]
    trainees: int
    at_risk: int
    sort: str
    direction: str
    at_risk_only: bool


@dataclass
class ItemLine:
    """An item and its statistics."""

    item: Item
    stats: figures.ItemStats


@dataclass
class ItemReport:
    """The item analysis page of a deck."""

    deck: Deck
    lines: list[ItemLine]
    answers: int
    trainees: int
    flagged: list[ItemLine] = field(default_factory=list)


def can_view_cohort(user: User, cohort: Cohort) -> bool:
    """The cohort's instructor and admins see its progress."""
    return user.is_admin or cohort.instructor_id == user.id


def can_view_deck(user: User, deck: Deck) -> bool:
    """The deck's owner and admins see its item analysis."""
    return user.is_admin or deck.owner_id == user.id


def find_assignment(cohort_id: int, deck_id: int) -> Assignment | None:
    """The assignment of a deck to a cohort, with both loaded, or None."""
    return db.session.scalar(
        sa.select(Assignment)
        .where(Assignment.cohort_id == cohort_id, Assignment.deck_id == deck_id)
        .options(joinedload(Assignment.cohort), joinedload(Assignment.deck))
    )


def _live_item():
    return sa.and_(Item.status == ANALYSED_STATUS, Item.retired_at.is_(None))


def _trainees_by_cohort(cohort_ids: Iterable[int]) -> dict[int, list[User]]:
    rows = db.session.execute(
        sa.select(Membership.cohort_id, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.cohort_id.in_(list(cohort_ids)), User.role == "trainee")
        .order_by(User.name, User.id)
    )
    members: dict[int, list[User]] = defaultdict(list)
    for cohort_id, user in rows:
        members[cohort_id].append(user)
    return members


def _live_counts(deck_ids: Iterable[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.select(Item.deck_id, sa.func.count(Item.id))
        .where(Item.deck_id.in_(list(deck_ids)), _live_item())
        .group_by(Item.deck_id)
    )
    return dict(rows.all())


def _card_facts(
    user_ids: Iterable[int], deck_ids: Iterable[int]
) -> dict[tuple[int, int], list[figures.CardFacts]]:
    rows = db.session.execute(
        sa.select(
            CardState.user_id,
            CardState.deck_id,
            CardState.state,
            CardState.stability,
            CardState.last_review,
            CardState.due,
        )
        .join(Item, Item.id == CardState.item_id)
        .where(
            CardState.user_id.in_(list(user_ids)),
            CardState.deck_id.in_(list(deck_ids)),
            _live_item(),
        )
    )
    cards: dict[tuple[int, int], list[figures.CardFacts]] = defaultdict(list)
    for user_id, deck_id, state, stability, last_review, due in rows:
        cards[user_id, deck_id].append(figures.CardFacts(state, stability, last_review, due))
    return cards


def _answers(deck_ids: Iterable[int]) -> dict[int, list[figures.Answer]]:
    """Trainees' quiz answers per deck."""
    rows = db.session.execute(
        sa.select(
            Item.deck_id, Attempt.user_id, Response.item_id, Response.verdict, Response.chosen_index
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Item, Item.id == Response.item_id)
        .where(Item.deck_id.in_(list(deck_ids)), User.role == "trainee")
        .order_by(Response.id)
    )
    answers: dict[int, list[figures.Answer]] = defaultdict(list)
    for deck_id, user_id, item_id, verdict, chosen in rows:
        answers[deck_id].append(figures.Answer(user_id, item_id, verdict, chosen))
    return answers


def _analysed_items(deck_ids: Iterable[int]) -> dict[int, list[Item]]:
    rows = db.session.scalars(
        sa.select(Item)
        .where(Item.deck_id.in_(list(deck_ids)), Item.status == ANALYSED_STATUS)
        .order_by(Item.id)
    )
    items: dict[int, list[Item]] = defaultdict(list)
    for item in rows:
        items[item.deck_id].append(item)
    return items


def _item_info(item: Item) -> figures.ItemInfo:
    return figures.ItemInfo(item.id, tuple(item.choices or ()), item.answer)


def _rows_for(
    assignment: Assignment,
    trainees: list[User],
    total: int,
    cards: dict[tuple[int, int], list[figures.CardFacts]],
    now: datetime,
    attempts: dict[int, list[figures.AttemptResult]] | None = None,
) -> list[figures.TraineeRow]:
    attempts = attempts or {}
    return [
        figures.trainee_row(
            user_id=user.id,
            name=user.name,
            email=user.email,
            cards=cards.get((user.id, assignment.deck_id), []),
            total=total,
            due_date=assignment.due_date,
            assigned_at=assignment.created_at,
            now=now,
            attempts=attempts.get(user.id, []),
        )
        for user in trainees
    ]


def dashboard(user: User, *, now: datetime | None = None) -> Dashboard:
    """The viewer's cohorts × assigned decks with at-risk and flagged counts, and their decks."""
    now = now or utcnow()
    query = (
        sa.select(Assignment)
        .join(Cohort, Cohort.id == Assignment.cohort_id)
        .join(Deck, Deck.id == Assignment.deck_id)
        .options(contains_eager(Assignment.cohort), contains_eager(Assignment.deck))
        .order_by(Cohort.name, Cohort.id, Deck.title, Deck.id)
    )
    deck_query = sa.select(Deck).order_by(Deck.title, Deck.id)
    if not user.is_admin:
        query = query.where(Cohort.instructor_id == user.id)
        deck_query = deck_query.where(Deck.owner_id == user.id)
    assignments = list(db.session.scalars(query).unique())
    own_decks = list(db.session.scalars(deck_query))
    if not assignments and not own_decks:
        return Dashboard([], [])

    trainees = _trainees_by_cohort({a.cohort_id for a in assignments})
    deck_ids = {a.deck_id for a in assignments}
    counts = _live_counts(deck_ids)
    user_ids = {u.id for members in trainees.values() for u in members}
    cards = _card_facts(user_ids, deck_ids)

    viewable = {d.id for d in own_decks} | {
        a.deck_id for a in assignments if can_view_deck(user, a.deck)
    }
    items = _analysed_items(viewable)
    answers = _answers(viewable)
    flagged = {}
    for deck_id in viewable:
        stats = figures.analyse_items(
            [_item_info(i) for i in items.get(deck_id, [])], answers.get(deck_id, [])
        )
        flagged[deck_id] = sum(1 for s in stats if s.flags)

    summaries = []
    for assignment in assignments:
        members = trainees.get(assignment.cohort_id, [])
        rows = _rows_for(assignment, members, counts.get(assignment.deck_id, 0), cards, now)
        summaries.append(
            AssignmentSummary(
                cohort=assignment.cohort,
                deck=assignment.deck,
                due_date=assignment.due_date,
                trainees=len(rows),
                at_risk=len(figures.at_risk_only(rows)),
                flagged=flagged.get(assignment.deck_id),
            )
        )
    decks = [
        DeckSummary(
            deck=deck,
            items=len(items.get(deck.id, [])),
            answers=len(answers.get(deck.id, [])),
            flagged=flagged[deck.id],
        )
        for deck in own_decks
    ]
    return Dashboard(summaries, decks)


def _attempt_results(user_ids: list[int], deck_id: int) -> dict[int, list[figures.AttemptResult]]:
    """Finished attempts per trainee: the score the quiz stored, or recomputed when missing."""
    rows = db.session.execute(
        sa.select(
            Attempt.id,
            Attempt.user_id,
            Attempt.finished_at,
            Attempt.score,
            Attempt.item_ids,
            Response.verdict,
        )
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .outerjoin(Response, Response.attempt_id == Attempt.id)
        .where(
            Quiz.deck_id == deck_id,
            Attempt.user_id.in_(user_ids),
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.id)
    )
    by_attempt: dict[int, tuple[int, datetime, float | None, int, list[str]]] = {}
    for attempt_id, user_id, finished_at, score, item_ids, verdict in rows:
        entry = by_attempt.setdefault(
            attempt_id, (user_id, finished_at, score, len(item_ids or []), [])
        )
        if verdict is not None:
            entry[4].append(verdict)
    results: dict[int, list[figures.AttemptResult]] = defaultdict(list)
    for user_id, finished_at, score, item_count, verdicts in by_attempt.values():
        if score is None:
            score = figures.attempt_score(verdicts, item_count)
        if score is not None:
            results[user_id].append(figures.AttemptResult(finished_at, score))
    return results


def cohort_deck_report(
    assignment: Assignment,
    *,
    now: datetime | None = None,
    sort: str = "name",
    direction: str = "asc",
    at_risk_only: bool = False,
) -> CohortDeckReport:
    """One row per trainee of the cohort for the assigned deck, sorted and optionally filtered."""
    now = now or utcnow()
    sort = sort if sort in figures.SORT_KEYS else "name"
    direction = "desc" if direction == "desc" else "asc"
    trainees = _trainees_by_cohort([assignment.cohort_id]).get(assignment.cohort_id, [])
    user_ids = [u.id for u in trainees]
    total = _live_counts([assignment.deck_id]).get(assignment.deck_id, 0)
    rows = _rows_for(
        assignment,
        trainees,
        total,
        _card_facts(user_ids, [assignment.deck_id]),
        now,
        attempts=_attempt_results(user_ids, assignment.deck_id),
    )
    risky = figures.at_risk_only(rows)
    shown = risky if at_risk_only else rows
    return CohortDeckReport(
        assignment=assignment,
        rows=figures.sort_rows(shown, sort, direction),
        trainees=len(rows),
        at_risk=len(risky),
        sort=sort,
        direction=direction,
        at_risk_only=at_risk_only,
    )


def _study_totals(deck_id: int) -> dict[int, figures.StudyTotals]:
    cards = db.session.execute(
        sa.select(
            CardState.item_id,
            sa.func.count(),
            sa.func.sum(CardState.difficulty),
            sa.func.count(CardState.difficulty),
            sa.func.sum(CardState.lapses),
        )
        .join(User, User.id == CardState.user_id)
        .where(CardState.deck_id == deck_id, User.role == "trainee")
        .group_by(CardState.item_id)
    )
    reviews = dict(
        (item_id, (count, again or 0))
        for item_id, count, again in db.session.execute(
            sa.select(
                ReviewLog.item_id,
                sa.func.count(),
                sa.func.sum(sa.case((ReviewLog.rating == 1, 1), else_=0)),
            )
            .join(User, User.id == ReviewLog.user_id)
            .where(
                ReviewLog.deck_id == deck_id,
                ReviewLog.undone_at.is_(None),
                User.role == "trainee",
            )
            .group_by(ReviewLog.item_id)
        )
    )
    totals = {}
    for item_id, count, difficulty_sum, difficulty_count, lapses_sum in cards:
        review_count, again = reviews.pop(item_id, (0, 0))
        totals[item_id] = figures.StudyTotals(
            reviews=review_count,
            again=again,
            cards=count,
            difficulty_sum=float(difficulty_sum or 0.0),
            difficulty_count=difficulty_count,
            lapses_sum=int(lapses_sum or 0),
        )
    for item_id, (review_count, again) in reviews.items():
        totals[item_id] = figures.StudyTotals(reviews=review_count, again=again)
    return totals


def item_report(deck: Deck, *, flagged_only: bool = False) -> ItemReport:
    """Item statistics and flags of a deck's approved items, from quiz answers and study."""
    items = _analysed_items([deck.id]).get(deck.id, [])
    answers = _answers([deck.id]).get(deck.id, [])
    stats = figures.analyse_items([_item_info(i) for i in items], answers, _study_totals(deck.id))
    lines = [ItemLine(item, s) for item, s in zip(items, stats, strict=True)]
    flagged = [line for line in lines if line.stats.flags]
    return ItemReport(
        deck=deck,
        lines=flagged if flagged_only else lines,
        answers=len(answers),
        trainees=len({a.user_id for a in answers}),
        flagged=flagged,
    )


def cohort_deck_csv(report: CohortDeckReport) -> str:
    """The report's rows as CSV."""
    return figures.rows_to_csv(report.rows)
