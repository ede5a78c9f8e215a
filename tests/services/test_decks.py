"""Importing deck files: upsert by slug and key, retirement, idempotence, atomicity, CLI."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.domain.deckfile import DeckFileError, dump_deck
from quizapp.domain.items import Deck as DomainDeck
from quizapp.domain.items import DeckSource, QuizItem
from quizapp.models import Assignment, CardState, Deck, Item, Membership, ReviewLog, Source
from quizapp.services import decks, demo

PROJECT = Path(__file__).resolve().parents[2]
ARTICLE = (
    "Quoted for study.\n\nParis is the capital of France. Paris lies on the Seine. "
    "Lyon lies on the Rhone.\n"
)


def quote_span(sentence: str) -> tuple[int, int]:
    start = ARTICLE.index(sentence)
    return start, start + len(sentence)


def make_items() -> list[QuizItem]:
    capital = quote_span("Paris is the capital of France.")
    seine = quote_span("Paris lies on the Seine.")
    rhone = quote_span("Lyon lies on the Rhone.")
    return [
        QuizItem(
            key="capital",
            type="mcq",
            prompt="Which city is the capital of France?",
            answer="Paris",
            choices=["Lyon", "Paris", "Nice", "Lille"],
            source_start=capital[0],
            source_end=capital[1],
            quote="Paris is the capital of France.",
            topic="Cities",
        ),
        QuizItem(
            key="seine",
            type="cloze",
            prompt="Paris lies on the ____.",
            answer="Seine",
            source_start=seine[0],
            source_end=seine[1],
            quote="Paris lies on the Seine.",
            topic="Rivers",
        ),
        QuizItem(
            key="rhone",
            type="true_false",
            kind="argument",
            prompt="Lyon lies on the Loire.",
            answer="False",
            source_start=rhone[0],
            source_end=rhone[1],
            quote="Lyon lies on the Rhone.",
            topic="Rivers",
        ),
    ]


def write_deck(directory: Path, items: list[QuizItem], title: str = "French cities") -> Path:
    """Write cities.txt and cities.yaml (via dump_deck) into directory, as in decks/."""
    (directory / "cities.txt").write_bytes(ARTICLE.encode("utf-8"))
    deck = DomainDeck(
        slug="cities",
        title=title,
        description="A tiny deck.",
        source=DeckSource(
            title="On French cities",
            author="A. Writer",
            publication="Test Weekly",
            sha256=hashlib.sha256(ARTICLE.encode()).hexdigest(),
            file="cities.txt",
        ),
        items=items,
    )
    path = directory / "cities.yaml"
    path.write_text(dump_deck(deck), encoding="utf-8")
    return path


def deck_row(db) -> Deck:
    db.session.expire_all()
    return db.session.scalar(sa.select(Deck).where(Deck.slug == "cities"))


def items_by_key(db) -> dict[str, Item]:
    db.session.expire_all()
    return {item.key: item for item in db.session.scalars(sa.select(Item))}


def test_import_creates_published_deck_with_approved_imported_items(db, tmp_path, now):
    report = decks.import_deck_file(write_deck(tmp_path, make_items()), now=now)
    assert (report.created, report.updated, report.retired, report.unchanged) == (3, 0, 0, 0)
    deck = deck_row(db)
    assert report.deck_id == deck.id and report.slug == "cities"
    assert deck.status == "published" and deck.published_at == now and deck.updated_at == now
    assert deck.title == "French cities" and deck.description == "A tiny deck."
    assert deck.owner_id is None
    source = db.session.scalar(sa.select(Source))
    assert deck.source_id == source.id
    assert source.text == ARTICLE and source.author == "A. Writer"
    assert source.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    rows = items_by_key(db)
    assert set(rows) == {"capital", "seine", "rhone"}
    for row in rows.values():
        assert (row.status, row.origin, row.retired_at) == ("approved", "imported", None)
        assert row.quote == ARTICLE[row.source_start : row.source_end]
    assert rows["capital"].choices == ["Lyon", "Paris", "Nice", "Lille"]
    assert rows["rhone"].kind == "argument" and rows["rhone"].topic == "Rivers"


def test_reimport_unchanged_changes_nothing(db, tmp_path, now):
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, now=now)
    before = {key: (row.id, row.updated_at) for key, row in items_by_key(db).items()}
    report = decks.import_deck_file(path, now=now + timedelta(days=3))
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 0, 3)
    assert not report.changed
    assert deck_row(db).updated_at == now
    after = {key: (row.id, row.updated_at) for key, row in items_by_key(db).items()}
    assert after == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 1


def test_edited_item_is_updated_in_place_and_clock_moves_strictly_forward(db, tmp_path, now):
    items = make_items()
    path = write_deck(tmp_path, items)
    decks.import_deck_file(path, now=now)
    original_id = items_by_key(db)["seine"].id
    items[1].prompt = "The river through Paris is the ____."
    write_deck(tmp_path, items)
    # Same wall-clock reading: the deck clock must still move forward (Anki needs a newer mtime).
    report = decks.import_deck_file(path, now=now)
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 1, 0, 2)
    rows = items_by_key(db)
    assert rows["seine"].id == original_id
    assert rows["seine"].prompt == "The river through Paris is the ____."
    deck = deck_row(db)
    assert deck.updated_at > now and deck.updated_at - now >= timedelta(seconds=1)
    assert rows["seine"].updated_at == deck.updated_at
    assert rows["capital"].updated_at == now


def test_deck_metadata_change_bumps_the_clock(db, tmp_path, now):
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, now=now)
    write_deck(tmp_path, make_items(), title="Cities of France")
    later = now + timedelta(minutes=5)
    report = decks.import_deck_file(path, now=later)
    assert report.unchanged == 3
    deck = deck_row(db)
    assert deck.title == "Cities of France" and deck.updated_at == later


def test_vanished_item_is_retired_keeping_progress_and_returns_when_restored(
    db, tmp_path, now, make_user
):
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, now=now)
    trainee = make_user("trainee")
    row = items_by_key(db)["rhone"]
    deck_id, item_id = row.deck_id, row.id
    db.session.add(
        CardState(user_id=trainee.id, item_id=item_id, deck_id=deck_id, fsrs={"state": 2}, due=now)
    )
    db.session.add(
        ReviewLog(
            user_id=trainee.id,
            item_id=item_id,
            deck_id=deck_id,
            rating=3,
            reviewed_at=now,
            client_id="review-1",
        )
    )
    db.session.commit()

    write_deck(tmp_path, make_items()[:2])
    later = now + timedelta(hours=1)
    report = decks.import_deck_file(path, now=later)
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 1, 2)
    retired = items_by_key(db)["rhone"]
    assert retired.id == item_id and retired.retired_at == later and not retired.is_live
    assert db.session.get(CardState, (trainee.id, item_id)) is not None
    assert db.session.scalar(sa.select(ReviewLog).where(ReviewLog.item_id == item_id)) is not None
    assert deck_row(db).updated_at == later
    exported = decks.export_deck_yaml("cities")
    assert "key: rhone" not in exported and "key: seine" in exported

    again = decks.import_deck_file(path, now=later + timedelta(hours=1))
    assert (again.retired, again.unchanged) == (0, 2)

    write_deck(tmp_path, make_items())
    restored = decks.import_deck_file(path, now=later + timedelta(hours=2))
    assert (restored.created, restored.updated, restored.retired) == (0, 1, 0)
    row = items_by_key(db)["rhone"]
    assert row.id == item_id and row.retired_at is None and row.is_live
    assert db.session.get(CardState, (trainee.id, item_id)) is not None


def test_new_item_in_file_is_added(db, tmp_path, now):
    items = make_items()
    path = write_deck(tmp_path, items[:2])
    decks.import_deck_file(path, now=now)
    write_deck(tmp_path, items)
    report = decks.import_deck_file(path, now=now + timedelta(minutes=1))
    assert (report.created, report.unchanged) == (1, 2)
    assert items_by_key(db)["rhone"].origin == "imported"


def test_invalid_deck_changes_nothing(db, tmp_path, now):
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, now=now)
    items = make_items()
    items[0].prompt = "An edit that must not land"
    items[1].answer = "Danube"  # not in its quote: the whole file is rejected
    write_deck(tmp_path, items[:2])
    with pytest.raises(DeckFileError) as caught:
        decks.import_deck_file(path, now=now + timedelta(days=1))
    assert any("cloze answer 'Danube' is not in its quote" in e for e in caught.value.errors)
    rows = items_by_key(db)
    assert rows["capital"].prompt == "Which city is the capital of France?"
    assert rows["rhone"].retired_at is None
    assert deck_row(db).updated_at == now


def test_failure_while_storing_rolls_back_everything(db, tmp_path, now, monkeypatch):
    path = write_deck(tmp_path, make_items())
    calls = {"n": 0}
    real_copy = decks.copy_content

    def failing_copy(parsed, row):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        real_copy(parsed, row)

    monkeypatch.setattr(decks, "copy_content", failing_copy)
    with pytest.raises(RuntimeError):
        decks.import_deck_file(path, now=now)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Item)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 0


def test_owner_is_set_and_kept(db, tmp_path, now, make_user):
    instructor = make_user("instructor")
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, owner=instructor, now=now)
    assert deck_row(db).owner_id == instructor.id
    assert db.session.scalar(sa.select(Source)).created_by == instructor.id
    decks.import_deck_file(path, now=now + timedelta(minutes=1))
    assert deck_row(db).owner_id == instructor.id


def test_export_reproduces_the_imported_file(db, tmp_path, now):
    path = write_deck(tmp_path, make_items())
    decks.import_deck_file(path, now=now)
    assert decks.export_deck_yaml("cities") == path.read_text(encoding="utf-8")
    with pytest.raises(KeyError):
        decks.export_deck_yaml("no-such-deck")


def test_cli_import_and_export(runner, db, tmp_path, make_user):
    path = write_deck(tmp_path, make_items())
    instructor = make_user("instructor", email="iris@example.com")
    result = runner.invoke(args=["import-deck", str(path), "--owner", "iris@example.com"])
    assert result.exit_code == 0, result.output
    assert "Imported cities: 3 created, 0 updated, 0 retired, 0 unchanged." in result.output
    assert deck_row(db).owner_id == instructor.id

    result = runner.invoke(args=["import-deck", str(path)])
    assert "0 created, 0 updated, 0 retired, 3 unchanged" in result.output

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = runner.invoke(
        args=["export-deck", "cities", "--format", "yaml", "-o", str(out_dir / "c.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert (out_dir / "c.yaml").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert (out_dir / "cities.txt").read_text(encoding="utf-8") == ARTICLE
    # Exporting again over the identical article is fine.
    result = runner.invoke(args=["export-deck", "cities", "-o", str(out_dir / "c.yaml")])
    assert result.exit_code == 0, result.output

    result = runner.invoke(args=["export-deck", "cities"])
    assert result.exit_code == 0 and result.output == path.read_text(encoding="utf-8")


def test_cli_reports_every_problem_and_fails(runner, db, tmp_path):
    path = write_deck(tmp_path, make_items())
    text = path.read_text(encoding="utf-8").replace("kind: fact", "kind: opinion", 1)
    path.write_text(text.replace("type: cloze", "type: essay"), encoding="utf-8")
    result = runner.invoke(args=["import-deck", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "invalid kind 'opinion'" in result.output
    assert "invalid type 'essay'" in result.output
    assert "not imported (2 problems); nothing changed." in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0


def test_cli_rejects_unknown_or_trainee_owner(runner, db, tmp_path, make_user):
    path = write_deck(tmp_path, make_items())
    result = runner.invoke(args=["import-deck", str(path), "--owner", "ghost@example.com"])
    assert result.exit_code == 2 and "No user" in result.output
    make_user("trainee", email="tom@example.com")
    result = runner.invoke(args=["import-deck", str(path), "--owner", "tom@example.com"])
    assert result.exit_code == 2 and "instructor" in result.output
    result = runner.invoke(args=["export-deck", "nope"])
    assert result.exit_code == 2 and "No deck with slug 'nope'" in result.output


def test_shipped_decks_import_and_reach_the_demo_trainee(db):
    paths = sorted((PROJECT / "decks").glob("*.yaml"))
    assert paths
    for path in paths:
        report = decks.import_deck_file(path)
        assert report.created >= 60 and report.retired == 0
    demo.ensure_demo_accounts()
    cohort = demo.ensure_demo_cohort()
    trainee = demo.demo_user(1)
    assigned = set(
        db.session.scalars(
            sa.select(Deck.slug)
            .join(Assignment, Assignment.deck_id == Deck.id)
            .join(Membership, Membership.cohort_id == Assignment.cohort_id)
            .where(Membership.user_id == trainee.id, Assignment.cohort_id == cohort.id)
        )
    )
    assert "axis-of-resistance" in assigned
    deck = db.session.scalar(sa.select(Deck).where(Deck.slug == "axis-of-resistance"))
    assert deck.owner_id == demo.demo_user(0).id
    # make run imports again on every start: nothing changes the second time.
    again = decks.import_deck_file(PROJECT / "decks" / "axis-of-resistance.yaml")
    assert not again.changed and again.unchanged == len(deck.items)
