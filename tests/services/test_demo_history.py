"""`quizapp demo --history`: deterministic, idempotent simulated history that shows flags."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from quizapp.domain import scheduling
from quizapp.models import (
    Assignment,
    Attempt,
    CardState,
    Cohort,
    Item,
    Response,
    ReviewLog,
    User,
)
from quizapp.services import analytics, demo, demo_history
from tests.analytics_support import make_deck


def deck_with_mixed_items(db, items: int = 30):
    """A published deck of multiple-choice, true/false and cloze items."""
    deck = make_deck(None, items, slug="axis")
    for n, item in enumerate(deck.items):
        if n % 4 == 1:
            item.type, item.answer, item.choices = "true_false", "True", []
        elif n % 4 == 2:
            item.type, item.choices = "cloze", []
    db.session.commit()
    return deck


def fingerprint(db):
    """Everything simulated, by stable names rather than row ids."""
    names = dict(db.session.execute(sa.select(User.id, User.email)).all())
    keys = dict(db.session.execute(sa.select(Item.id, Item.key)).all())
    reviews = [
        (names[r.user_id], keys[r.item_id], r.rating, r.reviewed_at.isoformat(), r.source)
        for r in db.session.scalars(sa.select(ReviewLog).order_by(ReviewLog.id))
    ]
    answers = [
        (keys[r.item_id], r.verdict, r.chosen_index, r.given)
        for r in db.session.scalars(sa.select(Response).order_by(Response.id))
    ]
    return reviews, answers


def simulate(db, now):
    demo.ensure_demo_accounts()
    demo.ensure_demo_cohort()
    return demo_history.simulate(now=now)


def test_history_fills_the_analytics_pages_with_risks_and_flags(db, now):
    deck = deck_with_mixed_items(db)
    summary = simulate(db, now)
    assert summary.trainees == 12
    [history] = summary.simulated
    assert history.reviews > 500 and history.attempts >= 20
    cohort = db.session.scalar(sa.select(Cohort).where(Cohort.name == demo_history.COHORT_NAME))
    assert len(cohort.members) == 12
    assignment = analytics.find_assignment(cohort.id, deck.id)
    assert assignment.due_date == (now + timedelta(days=demo_history.DUE_IN_DAYS)).date()

    # Everything stays within the 30 days before `now`.
    first, last = db.session.execute(
        sa.select(sa.func.min(ReviewLog.reviewed_at), sa.func.max(ReviewLog.reviewed_at))
    ).one()
    assert now - timedelta(days=demo_history.DAYS) <= first and last < now

    report = analytics.cohort_deck_report(assignment, now=now)
    assert 1 <= report.at_risk < 12
    reasons = {reason.split(" ")[0] for r in report.rows for reason in r.risk_reasons}
    # every kind of risk is represented (issue 17: lapsed trainees are "inactive")
    assert reasons == {"behind", "predicted", "inactive"}
    assert any(r.status.code == "done" for r in report.rows)
    assert all(r.best_score is not None for r in report.rows)

    items = analytics.item_report(deck)
    codes = {flag.code for line in items.flagged for flag in line.stats.flags}
    assert codes == {"too_easy", "too_hard", "negative_discrimination", "rare_distractor"}
    # Only quizzed items have responses; the others say so.
    assert any(line.stats.note == "too few responses (n=0)" for line in items.lines)

    board = analytics.dashboard(demo.demo_user(0), now=now)
    simulated = [a for a in board.assignments if a.cohort.id == cohort.id]
    assert simulated[0].at_risk == report.at_risk and simulated[0].flagged == len(items.flagged)


def test_card_states_mirror_their_fsrs_json(db, now):
    deck_with_mixed_items(db, 8)
    simulate(db, now)
    rows = db.session.scalars(sa.select(CardState)).all()
    assert rows
    for row in rows[:50]:
        mirror = scheduling.mirror(row.fsrs)
        assert (mirror.state, mirror.stability, mirror.difficulty) == (
            row.state,
            row.stability,
            row.difficulty,
        )
        assert mirror.due == row.due and mirror.last_review == row.last_review
        assert row.reps >= 1


def test_running_twice_adds_nothing(db, now):
    deck_with_mixed_items(db, 8)
    simulate(db, now)
    counts = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Cohort, Assignment, ReviewLog, Attempt, Response, CardState)
    ]
    again = demo_history.simulate(now=now + timedelta(days=1))
    assert again.simulated == [] and again.skipped == ["Deck axis"]
    assert counts == [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Cohort, Assignment, ReviewLog, Attempt, Response, CardState)
    ]


def test_same_seed_and_clock_give_the_same_history(db, now):
    deck_with_mixed_items(db, 8)
    simulate(db, now)
    first = fingerprint(db)
    db.session.remove()
    db.drop_all()
    db.create_all()
    deck_with_mixed_items(db, 8)
    simulate(db, now)
    assert fingerprint(db) == first
    assert len(first[0]) > 100


def test_needs_the_demo_accounts(db, now):
    try:
        demo_history.simulate(now=now)
    except demo_history.HistoryError as error:
        assert "quizapp demo" in str(error)
    else:
        raise AssertionError("expected HistoryError")


def test_demo_command_with_history(db, runner):
    deck_with_mixed_items(db, 8)
    result = runner.invoke(args=["demo", "--history"])
    assert result.exit_code == 0, result.output
    assert "Simulated cohort: 'Demo class (simulated history)' with 12 trainees." in result.output
    assert "Deck axis:" in result.output and "quiz attempts" in result.output
    again = runner.invoke(args=["demo", "--history"])
    assert again.exit_code == 0
    assert "Deck axis: already has simulated history; nothing added." in again.output


def test_demo_command_without_history_simulates_nothing(db, runner):
    deck_with_mixed_items(db, 4)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Simulated" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 0
