"""Progress service on a hand-built fixture: states and reviews written directly as rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from quizapp.domain import analytics as figures
from quizapp.models import Assignment, CardState, Item, ReviewLog
from quizapp.services import progress
from tests.study_support import ARTICLE, make_deck, quote_offsets

QUOTES = [
    "The Houthis joined it in 2015.",  # paragraph 2
    "Iran built a network of allied groups across the region.",  # paragraph 2
    "It arrived in 2016.",  # paragraph 3
    "Russia supplied jamming equipment at Khmeimim.",  # paragraph 3
    "Russia supplied jamming equipment at Khmeimim.",  # retired
]


def _state(item_id, state, stability, last_review, due):
    return {
        "card_id": item_id,
        "state": state,
        "step": None if state == 2 else 0,
        "stability": stability,
        "difficulty": 5.0,
        "due": due.isoformat(),
        "last_review": last_review.isoformat(),
    }


def _card(db, user, item, state, stability, last_review, due):
    db.session.add(
        CardState(
            user_id=user.id,
            item_id=item.id,
            deck_id=item.deck_id,
            fsrs=_state(item.id, state, stability, last_review, due),
            due=due,
            state=state,
            stability=stability,
            last_review=last_review,
        )
    )


def _log(db, user, item, rating, when, undone=None):
    db.session.add(
        ReviewLog(
            user_id=user.id,
            item_id=item.id,
            deck_id=item.deck_id,
            rating=rating,
            reviewed_at=when,
            client_id=f"{user.id}-{item.id}-{rating}-{when.isoformat()}",
            undone_at=undone,
        )
    )


@pytest.fixture
def fixture(db, make_user, now):
    instructor, trainee, other = make_user("instructor"), make_user("trainee"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee, other), n_items=5, with_source=True)
    items = list(
        db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id).order_by(Item.id))
    )
    for item, quote in zip(items, QUOTES, strict=True):
        item.quote = quote
        item.source_start, item.source_end = quote_offsets(ARTICLE, quote)
    items[0].topic = items[2].topic = "Alpha"
    items[1].topic = items[3].topic = "Beta"
    items[4].retired_at = now
    # item0 mastered (R = 0.9 exactly: elapsed = stability), item1 learning (R = 1), item2 new,
    # item3 young review card, overdue (R = 0.9), item4 retired.
    _card(db, trainee, items[0], 2, 30.0, now - timedelta(days=30), now + timedelta(days=5))
    _card(db, trainee, items[1], 1, 5.0, now, now + timedelta(minutes=10))
    _card(db, trainee, items[3], 2, 10.0, now - timedelta(days=10), now - timedelta(hours=1))
    _card(db, trainee, items[4], 2, 50.0, now - timedelta(days=1), now + timedelta(days=1))
    _log(db, trainee, items[1], 3, now)
    _log(db, trainee, items[0], 1, now - timedelta(days=1))
    _log(db, trainee, items[3], 2, now - timedelta(days=2))
    _log(db, trainee, items[0], 4, now - timedelta(days=4))
    _log(db, trainee, items[3], 1, now - timedelta(minutes=1), undone=now)  # undone: not counted
    _log(db, other, items[2], 1, now)  # someone else's
    db.session.commit()
    return deck, trainee, other


def test_deck_progress_figures(fixture, now):
    deck, trainee, _ = fixture
    result = progress.deck_progress(trainee, deck, now=now)
    assert (result.counts.new, result.counts.learning, result.counts.mastered) == (1, 2, 1)
    assert result.mean_recall == pytest.approx((0.9 + 1.0 + 0.9) / 3)
    assert [d.count for d in result.forecast][:6] == [2, 0, 0, 0, 0, 1]
    assert sum(d.count for d in result.forecast) == 3
    assert result.reviews_total == 4
    assert [d.count for d in result.per_day][-5:] == [1, 0, 1, 1, 1]
    assert result.streak == 3
    assert [(t.topic, t.reviews, t.recalled) for t in result.topics] == [
        ("Alpha", 2, 1),
        ("Beta", 2, 2),
    ]
    labels = [(p.text[:12], p.items, p.label) for p in result.paragraphs]
    assert labels == [
        ("The Axis", 0, "no questions"),
        ("Iran built a", 2, "recall in 7 days 88% (strong)"),
        ("Russia suppl", 2, "recall in 7 days 43% (fair)"),
        ("A closing pa", 0, "no questions"),
    ]
    assert "<svg" in result.forecast_svg and "<svg" in result.per_day_svg


def test_deck_progress_shows_measured_recall_and_recall_a_week_ahead(fixture, now):
    # Issue 17: "predicted recall now" is ~100% right after any review; show what a learner can
    # act on: the last 30 days' measured recall and the predicted recall in 7 days.
    deck, trainee, _ = fixture
    result = progress.deck_progress(trainee, deck, now=now)
    assert (result.measured_recall, result.measured_reviews) == (3 / 4, 4)  # ratings 3, 1, 2, 4
    assert result.horizon.label == "in 7 days" and result.horizon.at == now + timedelta(days=7)
    week = [
        figures.retrievability(stability, now - timedelta(days=days), now)
        for stability, days in ((30.0, 37), (5.0, 7), (10.0, 17))
    ]
    assert result.recall_ahead == pytest.approx(sum(week) / 3)
    assert result.recall_ahead < result.mean_recall


def test_deck_progress_predicts_recall_at_a_future_due_date(fixture, db, now):
    deck, trainee, _ = fixture
    due = (now + timedelta(days=3)).date()
    db.session.execute(
        sa.update(Assignment).where(Assignment.deck_id == deck.id).values(due_date=due)
    )
    db.session.commit()
    result = progress.deck_progress(trainee, deck, now=now)
    assert result.horizon.label == f"by the due date ({due.day} {due:%b})"
    assert result.horizon.at.date() == due + timedelta(days=1)
    assert result.paragraphs[1].label.startswith("recall by the due date")


def test_another_trainee_sees_only_their_own(fixture, now):
    deck, _, other = fixture
    result = progress.deck_progress(other, deck, now=now)
    assert (result.counts.new, result.counts.learning, result.counts.mastered) == (4, 0, 0)
    assert result.mean_recall is None
    assert result.reviews_total == 1 and result.streak == 1
    assert [p.known for p in result.paragraphs if p.items] == [0.0, 0.0]


def test_overall_progress_sums_decks(fixture, db, now):
    deck, trainee, _ = fixture
    second = make_deck(deck.owner, trainees=(trainee,), n_items=3, slug="second")
    result = progress.overall_progress(trainee, now=now)
    assert (result.counts.new, result.counts.learning, result.counts.mastered) == (4, 2, 1)
    assert result.paragraphs is None
    lines = {line.deck.slug: line for line in result.decks}
    assert set(lines) == {deck.slug, second.slug}
    assert lines[deck.slug].due_now == 1
    assert lines[second.slug].counts.new == 3 and lines[second.slug].mean_recall is None
    assert result.streak == 3


def test_overall_progress_without_decks(db, make_user, now):
    result = progress.overall_progress(make_user("trainee"), now=now)
    assert result.counts.total == 0 and result.decks == [] and result.reviews_total == 0
