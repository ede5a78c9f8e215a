"""The bulk scale generator behind `quizapp demo --scale N` (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from quizapp.domain import scheduling
from quizapp.models import (
    Attempt,
    CardState,
    Deck,
    Item,
    Membership,
    Response,
    ReviewLog,
    User,
)
from quizapp.services import demo, demo_scale, study_access


def _build(now, **kwargs):
    demo.ensure_demo_accounts()
    options = dict(items=20, reviews_per_card=4, attempts=2, seed=3)
    options.update(kwargs)
    return demo_scale.build(3, now=now, **options)


def test_builds_every_row_with_consistent_states(db, now):
    summary = _build(now)
    assert (summary.card_states, summary.reviews) == (60, 240)
    assert (summary.attempts, summary.responses) == (6, 6 * 20)
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    assert count(CardState) == 60 and count(ReviewLog) == 240 and count(Response) == 120
    assert count(Membership) == 3  # only the scale cohort: the demo cohort was not made
    deck = db.session.get(Deck, summary.deck_id)
    items = list(db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)))
    assert {i.type for i in items} == set(demo_scale.TYPES)
    for item in items:
        assert deck.source.text[item.source_start : item.source_end] == item.quote
        if item.type == "mcq":
            assert item.choices.count(item.answer) == 1
        if item.type == "cloze":
            assert "____" in item.prompt
    for row in db.session.scalars(sa.select(CardState)):
        mirror = scheduling.mirror(row.fsrs)
        assert (mirror.due, mirror.state) == (row.due, row.state)
        assert row.fsrs["card_id"] == row.item_id and row.last_review < now
        logs = list(
            db.session.scalars(
                sa.select(ReviewLog)
                .where(ReviewLog.user_id == row.user_id, ReviewLog.item_id == row.item_id)
                .order_by(ReviewLog.reviewed_at)
            )
        )
        assert [log.previous_fsrs is None for log in logs] == [True, False, False, False]
        # Each log's "before" state is what the previous review produced: the history replays.
        for earlier, later in zip(logs, logs[1:], strict=False):
            assert scheduling.mirror(later.previous_fsrs).last_review == earlier.reviewed_at
        assert logs[-1].reviewed_at == row.last_review
    scores = list(db.session.scalars(sa.select(Attempt.score)))
    assert all(score is not None and 0 <= score <= 1 for score in scores)


def test_some_cards_are_due_and_trainees_can_study(db, now):
    summary = _build(now, items=60)
    due = db.session.scalar(
        sa.select(sa.func.count()).select_from(CardState).where(CardState.due <= now)
    )
    assert 0 < due < 180 * 0.5
    trainee = db.session.scalar(sa.select(User).where(User.email == demo_scale.EMAIL.format(1)))
    deck = db.session.get(Deck, summary.deck_id)
    assert study_access.can_study(trainee, deck)
    assert trainee.check_password(summary.password)


def test_a_second_build_adds_nothing(db, now):
    first = _build(now)
    ratings = Counter(db.session.scalars(sa.select(ReviewLog.rating)))
    again = _build(now)
    assert again.skipped and again.deck_id == first.deck_id and again.trainees == 3
    assert Counter(db.session.scalars(sa.select(ReviewLog.rating))) == ratings
    assert set(ratings) <= {1, 2, 3, 4} and len(ratings) > 1


def test_cli_scale_option(runner, db):
    result = runner.invoke(args=["demo", "--scale", "2"])
    assert result.exit_code == 0, result.output
    assert "2 trainees x 500 items, 1,000 card states, 10,000 review logs" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 10_000
    again = runner.invoke(args=["demo", "--scale", "2"])
    assert "already exists" in again.output
    assert runner.invoke(args=["demo", "--scale", "0"]).exit_code != 0


def test_needs_an_owner(db, now):
    try:
        demo_scale.build(2, now=now, items=5)
    except demo_scale.ScaleError as error:
        assert "quizapp demo" in str(error)
    else:
        raise AssertionError("expected ScaleError without demo accounts")
