"""session_view: next card, its state and the counts in one statement, equal to the step-by-step
answers (next_card, card_state, deck_counts) in every branch of next_card's rules."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import event

from quizapp.models import Item
from quizapp.services import study
from tests.study_support import make_deck


def _items(db, deck):
    return list(
        db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id).order_by(Item.id))
    )


def _agrees(db, user, deck, now) -> study.SessionView:
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.engine
    db.session.refresh(user), db.session.refresh(deck)  # count only the view's own statements
    event.listen(engine, "before_cursor_execute", listen)
    try:
        view = study.session_view(user, deck, now=now)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len(statements) == 1, statements
    expected = study.next_card(user, deck, now=now)
    assert view.item == expected
    assert view.state is (study.card_state(user, expected) if expected is not None else None)
    assert view.counts == study.deck_counts(user, deck, now=now)
    return view


def test_session_view_matches_next_card_in_every_branch(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=4, new_per_day=2)
    items = _items(db, deck)

    view = _agrees(db, trainee, deck, now)  # a new card, nothing seen yet
    assert view.item == items[0] and view.state is None and view.counts.new == 2

    study.record_review(trainee, items[0], 1, client_id="a", now=now)  # learning, due in 1 min
    view = _agrees(db, trainee, deck, now)  # not due yet: the next new card comes first
    assert view.item == items[1] and view.state is None

    study.record_review(trainee, items[1], 4, client_id="b", now=now)  # days away
    view = _agrees(db, trainee, deck, now)  # daily limit reached: the learning card, early
    assert view.item == items[0] and view.state is not None and view.counts.new == 0
    assert view.counts.new_waiting == 2 and view.counts.done_today == 2

    later = now + timedelta(minutes=5)
    view = _agrees(db, trainee, deck, later)  # now due
    assert view.item == items[0] and view.counts.due == 1

    study.record_review(trainee, items[0], 4, client_id="c", now=later)
    view = _agrees(db, trainee, deck, later)  # limit reached, nothing due soon: done
    assert view.item is None and view.state is None and view.counts.remaining == 0

    items[2].retired_at = now
    db.session.commit()
    view = _agrees(db, trainee, deck, later + timedelta(days=30))  # a new day: all due again
    assert view.item == items[0] and view.counts.due == 2
    assert view.counts.new == 1 and view.counts.new_waiting == 0  # the retired one is not new


def test_a_review_checks_client_id_and_assignment_in_one_statement(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=2)
    first, second = _items(db, deck)
    study.record_review(trainee, first, 3, client_id="warm", now=now)
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    db.session.refresh(trainee), db.session.refresh(second), db.session.refresh(deck)
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        study.record_review(trainee, second, 3, client_id="one", now=now)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # Before the lock: client id + assignment (one statement); under it: the card's row and the
    # client id again (issue 20: the first two were separate statements).
    assert len(reads) == 3, reads
    again = study.submit_review(trainee, second, 3, client_id="one", now=now)
    assert again.duplicate and again.log.item_id == second.id
