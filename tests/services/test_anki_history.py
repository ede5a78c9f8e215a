"""Anki round trip: reviews done in Anki (the real backend) come back into quizapp once each."""

from __future__ import annotations

import io
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from quizapp.domain import scheduling
from quizapp.models import CardState, Item, ReviewLog
from quizapp.services import anki_history, export, study, study_queue
from quizapp.services.anki_history import AnkiFileError
from tests.anki_support import export_with_scheduling, open_with, revlog, study_days
from tests.study_support import make_deck


@pytest.fixture
def people(make_user):
    return make_user("instructor"), make_user("trainee"), make_user("trainee")


def _phone_study(tmp_path, deck, owner, *, max_reviews=300, days=30, name="phone"):
    """Export for `owner`, study in Anki over simulated days, export with scheduling."""
    apkg = export.export_deck(deck, "apkg", owner=owner).data
    col = open_with(tmp_path, apkg, name)
    col, answered = study_days(col, deck.title, days=days, max_reviews=max_reviews)
    return col, answered


def _anki_logs(db, user):
    query = (
        sa.select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.source == "anki")
        .order_by(ReviewLog.reviewed_at)
    )
    return list(db.session.scalars(query))


def _replayed(db, deck, user) -> dict[int, dict]:
    """Each item's state from replaying the user's reviews directly, oldest first."""
    by_item = defaultdict(list)
    for log in db.session.scalars(
        sa.select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.undone_at.is_(None))
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ):
        by_item[log.item_id].append((log.reviewed_at, log.rating))
    settings = study_queue.settings_for(deck)
    states = {}
    for item_id, reviews in by_item.items():
        state = None
        for moment, rating in reviews:
            state = scheduling.review(state, rating, moment, card_id=item_id, settings=settings)
        states[item_id] = state
    return states


def test_round_trip_98_items_300_reviews_once_each_with_fsrs_state(db, people, tmp_path):
    instructor, trainee, _ = people
    deck = make_deck(instructor, n_items=98, trainees=(trainee,), slug="phone-deck")
    col, answered = _phone_study(tmp_path, deck, trainee)
    try:
        # A card of a note quizapp never exported, and a manual "set due date" in the log.
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "Own card", "Mine"
        col.add_note(note, col.decks.id_for_name("Default"))
        own = note.cards()[0]
        own.start_timer()
        col.sched.answerCard(own, 3)
        col.sched.set_due_date([col.find_cards(f'"deck:{deck.title}"')[0]], "3")
        data = export_with_scheduling(col, tmp_path / "phone.apkg")
        log = revlog(col)
    finally:
        col.close()
    answers = [r for r in log if r[2] >= 1 and r[5] <= 3 and r[1] != note.guid]
    assert answered == 300 and len(answers) == 300

    started = time.perf_counter()
    report = anki_history.import_history(trainee, io.BytesIO(data), deck=deck)
    elapsed = time.perf_counter() - started
    print(f"\nimported {report.added} Anki reviews of {report.cards} cards in {elapsed:.3f} s")
    assert elapsed < 2.0
    assert report.added == 300 and report.already == 0
    assert report.unknown_notes == 1 and report.not_answers == 1

    logs = _anki_logs(db, trainee)
    assert len(logs) == 300
    guid_of = {
        item.id: anki_history.anki.note_guid(deck.slug, item.key)
        for item in db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id))
    }
    expected = sorted((r[0], r[1], r[2], r[3], r[4]) for r in answers)
    got = sorted(
        (
            int(log.client_id.removeprefix("anki:")),
            guid_of[log.item_id],
            log.rating,
            log.anki_interval,
            log.duration_ms,
        )
        for log in logs
    )
    assert got == expected  # every review once: id, note, ease, interval, duration
    for log in logs:
        assert log.reviewed_at == datetime.fromtimestamp(int(log.client_id[5:]) / 1000, UTC)

    # The FSRS state and due date equal replaying the same reviews directly.
    direct = _replayed(db, deck, trainee)
    rows = {r.item_id: r for r in db.session.scalars(sa.select(CardState))}
    assert set(rows) == set(direct) and len(rows) == len({log.item_id for log in logs})
    for item_id, state in direct.items():
        assert rows[item_id].fsrs == state
        assert rows[item_id].due == scheduling.mirror(state).due
        assert rows[item_id].reps == sum(1 for log in logs if log.item_id == item_id)

    # Idempotent: the same file again adds nothing and changes no state.
    again = anki_history.import_history(trainee, io.BytesIO(data), deck=deck)
    assert again.added == 0 and again.already == 300
    assert len(_anki_logs(db, trainee)) == 300
    assert {r.item_id: r.fsrs for r in db.session.scalars(sa.select(CardState))} == direct


def test_later_file_adds_only_new_reviews_interleaved_with_quizapp_study(db, people, tmp_path):
    instructor, trainee, _ = people
    deck = make_deck(instructor, n_items=6, trainees=(trainee,), slug="later")
    col, _ = _phone_study(tmp_path, deck, trainee, max_reviews=12, days=3)
    try:
        first = export_with_scheduling(col, tmp_path / "first.apkg")
        # More study the same day (shifting days would renumber the earlier reviews).
        col.sched.set_due_date(list(col.find_cards(f'"deck:{deck.title}"')), "0")
        col, _ = study_days(col, deck.title, days=1, max_reviews=10, seed=11)
        second = export_with_scheduling(col, tmp_path / "second.apkg")
        total = len([r for r in revlog(col) if r[2] >= 1])
    finally:
        col.close()
    assert anki_history.import_history(trainee, io.BytesIO(first)).added == 12
    # Studied in quizapp too, between the phone sessions: the replay takes both, in time order.
    item = db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)).first()
    study.record_review(trainee, item, 3, client_id="a" * 32)
    report = anki_history.import_history(trainee, io.BytesIO(second))
    assert (report.added, report.already) == (total - 12, 12)
    assert len(_anki_logs(db, trainee)) == total
    direct = _replayed(db, deck, trainee)
    for row in db.session.scalars(sa.select(CardState).where(CardState.user_id == trainee.id)):
        assert row.fsrs == direct[row.item_id]


def test_a_file_cannot_be_attached_to_another_account(db, people, tmp_path):
    instructor, trainee, other = people
    deck = make_deck(instructor, n_items=4, trainees=(trainee, other), slug="mine")
    col, _ = _phone_study(tmp_path, deck, trainee, max_reviews=6, days=2)
    try:
        data = export_with_scheduling(col, tmp_path / "mine.apkg")
    finally:
        col.close()
    with pytest.raises(AnkiFileError, match="exported for another quizapp account"):
        anki_history.import_history(other, io.BytesIO(data), deck=deck)
    assert _anki_logs(db, other) == []
    assert anki_history.import_history(trainee, io.BytesIO(data)).added == 6

    # Without an owner tag (an export made without one), the reviews belong to whoever
    # imported them first.
    untagged = open_with(tmp_path, export.export_deck(deck, "apkg").data, "untagged")
    try:
        untagged, _ = study_days(untagged, deck.title, days=1, max_reviews=3)
        loose = export_with_scheduling(untagged, tmp_path / "loose.apkg")
    finally:
        untagged.close()
    assert anki_history.import_history(other, io.BytesIO(loose)).added == 3
    with pytest.raises(AnkiFileError, match="already imported into another quizapp account"):
        anki_history.import_history(trainee, io.BytesIO(loose))
    assert len(_anki_logs(db, trainee)) == 6


def test_edited_note_or_changed_note_type_imports_nothing(db, people, tmp_path):
    instructor, trainee, _ = people
    deck = make_deck(instructor, n_items=4, trainees=(trainee,), slug="edited")
    # Exported an hour ago: an edit in Anki now is newer than anything quizapp exported.
    for row in (deck, *deck.items):
        row.updated_at -= timedelta(hours=1)
    db.session.commit()
    col, _ = _phone_study(tmp_path, deck, trainee, max_reviews=6, days=2)
    try:
        note = col.get_note(col.find_notes("")[0])
        note["Answer"] = "my own answer"
        col.update_note(note)
        edited = export_with_scheduling(col, tmp_path / "edited.apkg")
        model = col.models.by_name("quizapp Basic")
        col.models.add_field(model, col.models.new_field("Mnemonic"))
        col.models.update_dict(model)
        changed = export_with_scheduling(col, tmp_path / "changed.apkg")
    finally:
        col.close()
    with pytest.raises(AnkiFileError, match=r"^Nothing was imported: the note of item .* edited"):
        anki_history.import_history(trainee, io.BytesIO(edited), deck=deck)
    with pytest.raises(AnkiFileError, match="had its fields changed in Anki"):
        anki_history.import_history(trainee, io.BytesIO(changed), deck=deck)
    assert _anki_logs(db, trainee) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CardState)) == 0


def test_an_item_changed_in_quizapp_after_the_export_still_matches(db, people, tmp_path, now):
    instructor, trainee, _ = people
    deck = make_deck(instructor, n_items=3, trainees=(trainee,), slug="changed-here")
    col, _ = _phone_study(tmp_path, deck, trainee, max_reviews=4, days=1)
    try:
        data = export_with_scheduling(col, tmp_path / "phone.apkg")
    finally:
        col.close()
    item = db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)).first()
    item.prompt = "A better question?"
    item.updated_at = max(item.updated_at, deck.updated_at).replace(year=2099)
    db.session.commit()
    assert anki_history.import_history(trainee, io.BytesIO(data), deck=deck).added == 4
