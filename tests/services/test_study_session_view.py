"""study_view.session_view: the deck, next card, its state and the counts in one statement, equal
to the step-by-step answers (next_card, card_state, deck_counts) in every branch of next_card's
rules."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import event

from quizapp.domain import scheduling
from quizapp.models import Item, ReviewLog
from quizapp.services import study, study_queue, study_view
from tests.study_support import make_deck


def _items(db, deck):
    return list(
        db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id).order_by(Item.id))
    )


def _agrees(db, user, deck, now) -> study_view.SessionView:
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.engine
    db.session.refresh(user), db.session.refresh(deck)  # count only the view's own statements
    event.listen(engine, "before_cursor_execute", listen)
    try:
        view = study_view.session_view(user, deck.id, now=now)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len(statements) == 1, statements
    assert view.deck.id == deck.id and view.deck.new_per_day == deck.new_per_day
    expected = study_queue.next_card(user, deck, now=now)
    if expected is None:
        assert view.item is None
    else:
        assert view.item == tuple(getattr(expected, name) for name in view.item._fields)
    state = study_queue.card_state(user, expected) if expected is not None else None
    if state is None:
        assert view.state is None
    else:
        assert view.state == (state.fsrs, state.due)
    assert view.counts == study_queue.deck_counts(user, deck, now=now)
    return view


def test_session_view_matches_next_card_in_every_branch(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=4, new_per_day=2)
    items = _items(db, deck)

    view = _agrees(db, trainee, deck, now)  # a new card, nothing seen yet
    assert view.item.id == items[0].id and view.state is None and view.counts.new == 2

    study.record_review(trainee, items[0], 1, client_id="a", now=now)  # learning, due in 1 min
    view = _agrees(db, trainee, deck, now)  # not due yet: the next new card comes first
    assert view.item.id == items[1].id and view.state is None

    study.record_review(trainee, items[1], 4, client_id="b", now=now)  # days away
    view = _agrees(db, trainee, deck, now)  # daily limit reached: the learning card, early
    assert view.item.id == items[0].id and view.state is not None and view.counts.new == 0
    assert view.counts.new_waiting == 2 and view.counts.done_today == 2

    later = now + timedelta(minutes=5)
    view = _agrees(db, trainee, deck, later)  # now due
    assert view.item.id == items[0].id and view.counts.due == 1

    study.record_review(trainee, items[0], 4, client_id="c", now=later)
    view = _agrees(db, trainee, deck, later)  # limit reached, nothing due soon: done
    assert view.item is None and view.state is None and view.counts.remaining == 0

    items[2].retired_at = now
    db.session.commit()
    view = _agrees(db, trainee, deck, later + timedelta(days=30))  # a new day: all due again
    assert view.item.id == items[0].id and view.counts.due == 2
    assert view.counts.new == 1 and view.counts.new_waiting == 0  # the retired one is not new


def test_unseen_counts_live_items_without_a_state_whatever_else_the_user_saw(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=6, new_per_day=50)
    items = _items(db, deck)
    for n, item in enumerate(items[:3]):
        study.record_review(trainee, item, 3, client_id=f"r{n}", now=now)
    items[0].retired_at = now  # seen, then retired
    items[1].status = "draft"  # seen, then withdrawn
    items[3].retired_at = now  # never seen, retired
    db.session.commit()
    live_unseen = [i for i in items if i.is_live and study_queue.card_state(trainee, i) is None]
    view = _agrees(db, trainee, deck, now)
    assert view.counts.new == len(live_unseen) == 2
    assert view.item.id == items[4].id


def test_no_view_of_a_deck_the_user_may_not_study(db, make_user, now):
    instructor, trainee, outsider = make_user("instructor"), make_user("trainee"), make_user()
    deck = make_deck(instructor, trainees=(trainee,), n_items=2)
    assert study_view.session_view(outsider, deck.id, now=now) is None
    assert study_view.session_view(trainee, deck.id + 1000, now=now) is None
    assert study_view.session_view(instructor, deck.id, now=now) is not None
    deck.status = "draft"
    db.session.commit()
    assert study_view.session_view(trainee, deck.id, now=now) is None
    assert study_view.session_view(instructor, deck.id, now=now) is not None


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
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "WITH"))]
    # Before the lock: client id + assignment (one statement; issue 20: they were two); under it
    # the card's row, then on SQLite the client id again, the INSERT and the UPDATE, and on
    # PostgreSQL one statement whose insert is the client-id check (ON CONFLICT DO NOTHING) and
    # which writes the card state only when the review was inserted.
    if db.engine.dialect.name == "postgresql":
        assert len(reads) == 2 and len(writes) == 1, statements
        assert writes[0].lstrip().upper().startswith("WITH")
    else:
        assert len(reads) == 3 and len(writes) == 2, statements
    again = study.submit_review(trainee, second, 3, client_id="one", now=now)
    assert again.duplicate and again.log.item_id == second.id


def test_the_write_under_the_lock_stores_what_the_scheduler_says(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    first = study.record_review(trainee, item, 3, client_id="a", now=now)
    state = study_queue.card_state(trainee, item)
    expected = scheduling.review(
        None, 3, now, card_id=item.id, settings=study_queue.settings_for(deck)
    )
    assert (state.fsrs, state.reps, state.lapses, state.created_at) == (expected, 1, 0, now)
    assert first.previous_fsrs is None and first.id is not None
    later = now + timedelta(days=3)
    second = study.record_review(trainee, item, 1, client_id="b", now=later)
    again = scheduling.review(
        expected, 1, later, card_id=item.id, settings=study_queue.settings_for(deck)
    )
    db.session.expire_all()  # what the database holds, not the objects in the session
    state = study_queue.card_state(trainee, item)
    assert (state.fsrs, state.due, state.reps, state.updated_at) == (
        again,
        scheduling.mirror(again).due,
        2,
        later,
    )
    assert state.lapses == int(scheduling.is_lapse(expected, 1))
    logs = db.session.scalars(sa.select(ReviewLog).order_by(ReviewLog.id)).all()
    assert [(log.id, log.client_id, log.previous_fsrs) for log in logs] == [
        (first.id, "a", None),
        (second.id, "b", expected),
    ]
    # SQL NULL, not a JSON null, marks a first review.
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(ReviewLog.previous_fsrs.is_(None))) == 1
    )


def test_a_client_id_taken_while_waiting_for_the_lock_stores_nothing(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=2)
    first, second = _items(db, deck)
    taken = study.record_review(trainee, first, 3, client_id="same", now=now)
    before = study_queue.card_state(trainee, first).fsrs
    # The check under the lock, as when a concurrent request committed after the first check.
    recorded = study._apply(
        trainee,
        second,
        4,
        "same",
        now,
        "study",
        None,
        True,
    )
    assert recorded.duplicate and recorded.log.id == taken.id
    db.session.expire_all()
    assert study_queue.card_state(trainee, second) is None
    assert study_queue.card_state(trainee, first).fsrs == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewLog)) == 1
