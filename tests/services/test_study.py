"""Study service: visibility, next card order, daily new limit, idempotent reviews, undo."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fsrs import Card, Rating, Scheduler

from quizapp.models import CardState, Deck, Item, ReviewLog, User
from quizapp.services import study, study_access, study_queue
from tests.study_support import make_deck


@pytest.fixture
def people(make_user):
    return make_user("instructor"), make_user("trainee"), make_user("trainee")


def _items(db, deck):
    return list(
        db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id).order_by(Item.id))
    )


def _logs(db, user=None):
    query = sa.select(ReviewLog).order_by(ReviewLog.id)
    if user is not None:
        query = query.where(ReviewLog.user_id == user.id)
    return list(db.session.scalars(query))


def test_visible_decks_and_can_study_by_role(db, people, make_user):
    instructor, trainee, outsider = people
    assigned = make_deck(instructor, trainees=(trainee,), slug="assigned")
    draft = make_deck(instructor, trainees=(trainee,), slug="draft", status="draft")
    other = make_deck(instructor, slug="unassigned")
    admin = make_user("admin")

    assert [d.slug for d in study_access.visible_decks(trainee)] == ["assigned"]
    assert study_access.visible_decks(outsider) == []
    assert {d.slug for d in study_access.visible_decks(instructor)} == {
        "assigned",
        "draft",
        "unassigned",
    }
    assert len(study_access.visible_decks(admin)) == 3
    assert study_access.can_study(trainee, assigned)
    assert not study_access.can_study(trainee, draft)
    assert not study_access.can_study(trainee, other)
    assert not study_access.can_study(outsider, assigned)
    assert study_access.can_study(instructor, draft)
    assert study_access.can_study(admin, other)


def test_new_cards_come_in_deck_order_and_due_cards_first(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=4)
    items = _items(db, deck)
    assert study_queue.next_card(trainee, deck, now=now) == items[0]

    study.record_review(trainee, items[0], 4, client_id="a", now=now)  # due in days
    study.record_review(trainee, items[1], 4, client_id="b", now=now)
    assert study_queue.next_card(trainee, deck, now=now) == items[2]

    # Days later both easy cards are due; the one due first comes first, before new cards.
    later = now + timedelta(days=60)
    due = {i.id: db.session.get(CardState, (trainee.id, i.id)).due for i in items[:2]}
    first = min(due, key=lambda k: (due[k], k))
    assert study_queue.next_card(trainee, deck, now=later).id == first


def test_learning_cards_return_within_the_learn_ahead_window(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    study.record_review(trainee, item, 1, client_id="again", now=now)  # due in 1 minute
    assert study_queue.next_card(trainee, deck, now=now) == item  # learn ahead: nothing else to do
    study.record_review(trainee, item, 4, client_id="easy", now=now + timedelta(minutes=1))
    assert study_queue.next_card(trainee, deck, now=now + timedelta(minutes=1)) is None


def test_daily_new_limit_counts_only_todays_study_introductions(db, people, now):
    instructor, trainee, other = people
    deck = make_deck(instructor, trainees=(trainee, other), n_items=6, new_per_day=2)
    items = _items(db, deck)
    study.record_review(trainee, items[0], 4, client_id="n1", now=now)
    assert study_queue.deck_counts(trainee, deck, now=now).new == 1
    study.record_review(trainee, items[1], 4, client_id="n2", now=now)
    # Re-reviewing an already-seen card does not use up the new allowance.
    assert study_queue.next_card(trainee, deck, now=now) is None
    counts = study_queue.deck_counts(trainee, deck, now=now)
    assert (counts.due, counts.new, counts.new_waiting, counts.done_today) == (0, 0, 4, 2)

    # Another trainee's limit is their own.
    assert study_queue.next_card(other, deck, now=now) == items[0]
    # A quiz answer on a new item does not use up the study allowance.
    study.record_review(other, items[0], 3, client_id="quiz:1:1", now=now, source="quiz")
    assert study_queue.deck_counts(other, deck, now=now).new == 2

    # Next UTC day: two more new cards.
    tomorrow = study_queue.day_start(now) + timedelta(days=1)
    assert study_queue.next_card(trainee, deck, now=tomorrow) == items[2]
    assert study_queue.deck_counts(trainee, deck, now=tomorrow).new == 2


def test_undone_first_review_gives_the_new_card_back(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=3, new_per_day=1)
    items = _items(db, deck)
    log = study.record_review(trainee, items[0], 4, client_id="x", now=now)
    assert study_queue.next_card(trainee, deck, now=now) is None
    study.undo_last(trainee, deck, review_id=log.id, now=now)
    assert db.session.get(CardState, (trainee.id, items[0].id)) is None
    assert study_queue.next_card(trainee, deck, now=now) == items[0]
    assert study_queue.deck_counts(trainee, deck, now=now).done_today == 0


def test_record_review_schedules_like_fsrs_and_mirrors_columns(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    deck.desired_retention = 0.85
    db.session.commit()
    (item,) = _items(db, deck)
    times = [now, now + timedelta(minutes=10), now + timedelta(days=3), now + timedelta(days=20)]
    ratings = [3, 3, 1, 3]
    for n, (rating, moment) in enumerate(zip(ratings, times, strict=True)):
        study.record_review(trainee, item, rating, client_id=f"r{n}", now=moment)

    scheduler = Scheduler(desired_retention=0.85, enable_fuzzing=False)
    card = Card(card_id=item.id, due=now)
    for rating, moment in zip(ratings, times, strict=True):
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=moment)

    row = db.session.get(CardState, (trainee.id, item.id))
    assert row.fsrs == card.to_dict()
    assert row.due == card.due
    assert row.state == int(card.state)
    assert row.stability == card.stability
    assert row.last_review == times[-1]
    assert row.reps == 4
    assert row.lapses == 1  # the Again on a Review card
    logs = _logs(db, trainee)
    assert [log.rating for log in logs] == ratings
    assert logs[0].previous_fsrs is None
    assert logs[1].previous_fsrs["state"] == 1


def test_same_client_id_twice_records_once(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    first = study.record_review(trainee, item, 3, client_id="dup", now=now)
    state = dict(db.session.get(CardState, (trainee.id, item.id)).fsrs)
    again = study.record_review(trainee, item, 1, client_id="dup", now=now + timedelta(minutes=5))
    assert again.id == first.id and again.rating == 3
    assert len(_logs(db)) == 1
    assert db.session.get(CardState, (trainee.id, item.id)).fsrs == state


def test_client_ids_are_per_user_and_never_answer_with_another_users_review(db, people, now):
    # Finding 1: a globally unique client id let one trainee take ids another trainee's
    # requests would use, and have those refused. Now each user's ids are their own.
    instructor, trainee, other = people
    deck = make_deck(instructor, trainees=(trainee, other), n_items=1)
    (item,) = _items(db, deck)
    mine = study.submit_review(trainee, item, 3, client_id="same", now=now)
    theirs = study.submit_review(other, item, 1, client_id="same", now=now)
    assert (mine.duplicate, theirs.duplicate) == (False, False)
    assert theirs.log.id != mine.log.id
    assert (theirs.log.user_id, theirs.log.rating) == (other.id, 1)
    again = study.submit_review(other, item, 4, client_id="same", now=now)
    assert again.duplicate and again.log.id == theirs.log.id
    assert [(log.user_id, log.client_id) for log in _logs(db)] == [
        (trainee.id, "same"),
        (other.id, "same"),
    ]
    assert db.session.get(CardState, (trainee.id, item.id)).reps == 1
    assert db.session.get(CardState, (other.id, item.id)).reps == 1


def test_quiz_client_ids_are_reserved_for_quiz_answers(db, people, now):
    instructor, trainee, other = people
    deck = make_deck(instructor, trainees=(trainee, other), n_items=1)
    (item,) = _items(db, deck)
    reserved = study.quiz_client_id(1, item.id)
    assert reserved.startswith(study.QUIZ_PREFIX)
    with pytest.raises(study.ReservedClientId, match="reserved for quiz answers"):
        study.submit_review(other, item, 3, client_id=reserved, now=now)
    with pytest.raises(study.ReservedClientId):
        study.record_review(trainee, item, 3, client_id="quiz:anything", now=now)
    assert _logs(db) == []
    # Another user's study review with a look-alike id does not touch the quiz answer's id.
    study.record_review(other, item, 3, client_id="quiz-1-1", now=now)
    log = study.record_review(trainee, item, 1, client_id=reserved, now=now, source="quiz")
    assert (log.user_id, log.client_id, log.source) == (trainee.id, reserved, "quiz")


def test_concurrent_double_submit_records_once(app, db, people, now, monkeypatch):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    user_id, item_id = trainee.id, item.id
    db.session.remove()

    # Both requests pass the "already recorded?" check before either writes: a real race.
    barrier = threading.Barrier(2, timeout=10)
    original = study._apply
    seen = set()

    def racing_apply(*args, **kwargs):
        name = threading.current_thread().name
        if name not in seen:
            seen.add(name)
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(study, "_apply", racing_apply)
    results, errors = [], []

    def submit():
        try:
            with app.app_context():
                user = study.db.session.get(User, user_id)
                row = study.db.session.get(Item, item_id)
                results.append(study.record_review(user, row, 3, client_id="race", now=now).id)
                study.db.session.remove()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=submit, name=f"t{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len(results) == 2 and results[0] == results[1]
    assert len(_logs(db)) == 1
    assert db.session.get(CardState, (user_id, item_id)).reps == 1


def test_stale_submissions(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=2)
    items = _items(db, deck)
    items[0].retired_at = now
    db.session.commit()
    with pytest.raises(study.StaleSubmission, match="withdrawn"):
        study.record_review(trainee, items[0], 3, client_id="s1", now=now)
    unassigned = make_deck(instructor, n_items=1, slug="elsewhere")
    with pytest.raises(study.StaleSubmission, match="no longer assigned"):
        study.record_review(trainee, _items(db, unassigned)[0], 3, client_id="s2", now=now)
    with pytest.raises(ValueError):
        study.record_review(trainee, items[1], 0, client_id="s3", now=now)
    assert _logs(db) == []


def test_retired_items_are_not_shown(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=2)
    items = _items(db, deck)
    study.record_review(trainee, items[0], 1, client_id="a", now=now)
    items[0].retired_at = now
    items[1].status = "rejected"
    db.session.commit()
    assert study_queue.next_card(trainee, deck, now=now + timedelta(minutes=5)) is None
    assert study_queue.deck_counts(trainee, deck, now=now + timedelta(minutes=5)).due == 0


def test_record_review_without_commit_joins_the_callers_transaction(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    log = study.record_review(
        trainee, item, 3, client_id="quiz:9:1", now=now, commit=False, source="quiz"
    )
    assert log.id is not None
    again = study.record_review(
        trainee, item, 3, client_id="quiz:9:1", now=now, commit=False, source="quiz"
    )
    assert again.id == log.id
    db.session.rollback()
    assert _logs(db) == []
    assert db.session.get(CardState, (trainee.id, item.id)) is None


def test_undo_restores_previous_state_and_is_idempotent(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    study.record_review(trainee, item, 3, client_id="u1", now=now)
    study.record_review(trainee, item, 3, client_id="u2", now=now + timedelta(minutes=10))
    before = dict(db.session.get(CardState, (trainee.id, item.id)).fsrs)
    last = study.record_review(trainee, item, 1, client_id="u3", now=now + timedelta(days=3))
    row = db.session.get(CardState, (trainee.id, item.id))
    assert row.lapses == 1

    undone = study.undo_last(trainee, deck, review_id=last.id, now=now + timedelta(days=3))
    assert undone.id == last.id and undone.undone_at is not None
    row = db.session.get(CardState, (trainee.id, item.id))
    assert row.fsrs == before
    assert row.due == Card.from_dict(before).due
    assert (row.reps, row.lapses, row.state) == (2, 0, 2)
    # The same undo form sent again changes nothing.
    with pytest.raises(study.StaleSubmission, match="already undone"):
        study.undo_last(trainee, deck, review_id=last.id)
    assert db.session.get(CardState, (trainee.id, item.id)).fsrs == before
    assert study.last_review(trainee, deck).client_id == "u2"


def test_quiz_reviews_are_not_undone_from_study(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    study.record_review(trainee, item, 3, client_id="quiz:1:1", now=now, source="quiz")
    with pytest.raises(study.StaleSubmission, match="quiz"):
        study.undo_last(trainee, deck)


def test_anki_reviews_are_not_undone_from_study_and_the_message_says_anki(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    imported = ReviewLog(
        user_id=trainee.id, item_id=item.id, deck_id=deck.id, rating=3, reviewed_at=now,
        source="anki", client_id="anki:1",
    )  # fmt: skip
    db.session.add(imported)
    db.session.commit()
    with pytest.raises(study.StaleSubmission, match="came from Anki"):
        study.undo_last(trainee, deck)


def test_preview_uses_the_decks_retention(db, people, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    assert study_queue.preview(trainee, item, now=now)[3] == timedelta(minutes=10)
    study.record_review(trainee, item, 3, client_id="p1", now=now)
    study.record_review(trainee, item, 3, client_id="p2", now=now + timedelta(minutes=10))
    at = now + timedelta(days=2)
    base = study_queue.preview(trainee, item, now=at)[3]
    deck.desired_retention = 0.97
    db.session.commit()
    assert study_queue.preview(trainee, item, now=at)[3] < base
    assert isinstance(db.session.get(Deck, deck.id), Deck)


def test_anki_client_ids_are_reserved_for_imported_reviews(db, people, now):
    instructor, trainee, _other = people
    deck = make_deck(instructor, trainees=(trainee,), n_items=1)
    (item,) = _items(db, deck)
    with pytest.raises(study.ReservedClientId, match="reserved for reviews imported from Anki"):
        study.submit_review(trainee, item, 3, client_id="anki:1700000000000", now=now)
    assert _logs(db) == []
