"""Export service: permissions, live items only, package timestamp, weak cards."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from fsrs import Card, State

from quizapp.models import Assignment, CardState, Cohort, Deck, Item, Membership
from quizapp.services import export

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def world(db, make_user):
    """An owner's published deck assigned to a cohort with one trainee; items in every status."""
    owner = make_user("instructor")
    deck = Deck(
        slug="axis",
        title="Axis of Resistance",
        owner=owner,
        status="published",
        updated_at=NOW - timedelta(days=3),
    )
    items = [
        Item(key="live-1", type="short_answer", prompt="Who?", answer="Iran", status="approved"),
        Item(
            key="live-2",
            type="cloze",
            prompt="The ____ base.",
            answer="Khmeimim",
            status="approved",
        ),
        Item(key="draft", type="basic", prompt="Draft?", answer="d", status="draft"),
        Item(key="rejected", type="basic", prompt="Rejected?", answer="r", status="rejected"),
        Item(
            key="retired",
            type="basic",
            prompt="Retired?",
            answer="x",
            status="approved",
            retired_at=NOW - timedelta(days=1),
        ),
    ]
    for item in items:
        item.updated_at = NOW - timedelta(days=5)
    deck.items = items
    trainee = make_user("trainee")
    cohort = Cohort(name="C1", instructor=owner)
    db.session.add_all([deck, cohort])
    db.session.flush()
    db.session.add_all(
        [
            Membership(cohort_id=cohort.id, user_id=trainee.id),
            Assignment(cohort_id=cohort.id, deck_id=deck.id),
        ]
    )
    db.session.commit()
    return {"owner": owner, "deck": deck, "trainee": trainee, "items": {i.key: i for i in items}}


def exported_keys(result: export.ExportFile) -> list[str]:
    return [item["id"] for item in json.loads(result.data)["items"]]


def test_exports_only_live_items_in_every_format(world):
    deck = world["deck"]
    assert exported_keys(export.export_deck(deck, "json")) == ["live-1", "live-2"]
    apkg = export.export_deck(deck, "apkg")
    assert apkg.filename == "axis.apkg" and apkg.mimetype == "application/apkg"
    assert zipfile.ZipFile(BytesIO(apkg.data)).namelist() == ["collection.anki2", "media"]
    csv = export.export_deck(deck, "csv")
    assert csv.filename == "axis.csv"
    assert len([line for line in csv.data.decode().splitlines() if not line.startswith("#")]) == 2
    gift = export.export_deck(deck, "gift")
    assert gift.filename == "axis.gift.txt" and b"::live-1::" in gift.data
    assert b"Draft?" not in gift.data and b"Retired?" not in gift.data
    with pytest.raises(export.ExportError, match="Unknown export format"):
        export.export_deck(deck, "docx")


def test_package_time_is_the_latest_content_change(world, db):
    deck = world["deck"]
    assert export.domain_deck(deck).updated_at == NOW - timedelta(days=3)
    # An item edited without touching the deck row still makes the package newer.
    world["items"]["live-1"].updated_at = NOW
    db.session.commit()
    assert export.domain_deck(deck).updated_at == NOW


def test_no_approved_items_is_a_clear_error(world, db):
    for item in world["deck"].items:
        item.status = "draft"
    db.session.commit()
    with pytest.raises(export.ExportError, match="no approved items"):
        export.export_deck(world["deck"], "apkg")


def test_who_may_export(world, make_user, db):
    deck = world["deck"]
    assert export.can_export(world["owner"], deck)
    assert export.can_export(make_user("admin"), deck)
    assert export.can_export(world["trainee"], deck)
    assert not export.can_export(make_user("instructor"), deck)
    assert not export.can_export(make_user("trainee"), deck)  # not in the cohort
    deck.status = "draft"
    db.session.commit()
    assert not export.can_export(world["trainee"], deck)  # assigned but unpublished
    assert export.can_export(world["owner"], deck)
    assert export.find_deck("axis") is deck and export.find_deck("nope") is None


def card_state(user, item, *, lapses=0, stability=10.0, reviewed_days_ago=1.0) -> CardState:
    last = NOW - timedelta(days=reviewed_days_ago)
    card = Card(
        card_id=item.id,
        state=State.Review,
        stability=stability,
        difficulty=5.0,
        due=last + timedelta(days=stability),
        last_review=last,
    )
    return CardState(
        user_id=user.id,
        item_id=item.id,
        deck_id=item.deck_id,
        fsrs=card.to_dict(),
        due=card.due,
        state=2,
        lapses=lapses,
        last_review=last,
    )


def test_weak_cards_are_lapsed_twice_or_likely_forgotten(world, db, make_user):
    trainee, items = world["trainee"], world["items"]
    other = make_user("trainee")
    db.session.add_all(
        [
            card_state(trainee, items["live-1"], lapses=2),  # weak: lapsed twice
            card_state(trainee, items["live-2"], stability=2.0, reviewed_days_ago=30),  # R < .8
            card_state(trainee, items["retired"], lapses=5),  # weak but retired
            card_state(other, items["live-1"], lapses=0),
        ]
    )
    db.session.commit()
    assert [i.key for i in export.weak_items(trainee, world["deck"], now=NOW)] == [
        "live-1",
        "live-2",
    ]
    assert export.weak_items(other, world["deck"], now=NOW) == []
    result = export.export_weak(trainee, world["deck"], "json", now=NOW)
    assert result.filename == "axis-weak-cards.json"
    assert json.loads(result.data)["deck"]["title"] == "Axis of Resistance::Weak cards"


def test_recently_reviewed_strong_cards_are_not_weak(world, db):
    trainee, items = world["trainee"], world["items"]
    db.session.add_all(
        [
            card_state(trainee, items["live-1"], lapses=1, stability=30.0, reviewed_days_ago=2),
            card_state(trainee, items["live-2"], stability=5.0, reviewed_days_ago=0.5),
        ]
    )
    db.session.commit()
    assert export.weak_items(trainee, world["deck"], now=NOW) == []
    with pytest.raises(export.ExportError, match="no weak cards"):
        export.export_weak(trainee, world["deck"], "apkg", now=NOW)
