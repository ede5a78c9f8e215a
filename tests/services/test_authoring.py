"""Authoring services: import, decks, generation jobs, review actions, merge, publish, assign."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.domain.items import QuizItem
from quizapp.generation.segment import ArticleError
from quizapp.models import (
    Assignment,
    CardState,
    Cohort,
    Deck,
    GenerationJob,
    Item,
    Source,
)
from quizapp.services import accounts, authoring, authoring_items, generation

ARTICLE = (Path(__file__).resolve().parent.parent / "data" / "author_new_article.txt").read_text()


def candidate(text: str, sentence: str, key: str, **extra) -> QuizItem:
    """A generated-looking item quoting `sentence` from the text."""
    start = text.index(sentence)
    values = dict(
        key=key,
        type="short_answer",
        prompt=f"Question about {key}?",
        answer=key.split("-")[-1],
        source_start=start,
        source_end=start + len(sentence),
        quote=sentence,
        topic="History",
        score=0.5,
    )
    values.update(extra)
    return QuizItem(**values)


@pytest.fixture
def instructor(make_user):
    return make_user("instructor")


@pytest.fixture
def source(instructor):
    return authoring.import_source(instructor, ARTICLE, "lights.txt", author="A. Writer").source


@pytest.fixture
def deck(instructor, source):
    return authoring.create_draft_deck(instructor, source)


def fake_items(text: str) -> list[QuizItem]:
    return [
        candidate(
            text,
            "The Romans built lighthouses across their empire, from Ostia to Dover.",
            "romans-dover",
            score=0.9,
        ),
        candidate(
            text,
            "In 1822 the French physicist Augustin Fresnel presented a lens made of "
            "concentric rings of glass prisms.",
            "fresnel-1822",
            score=0.8,
        ),
        candidate(
            text,
            "Britain's last keepers left North Foreland lighthouse in 1998.",
            "keepers-1998",
            score=0.3,
            kind="argument",
            type="cloze",
            prompt="Britain's last keepers left North Foreland lighthouse in ____.",
        ),
    ]


@pytest.fixture
def fake_generator(monkeypatch):
    calls = []

    def produce(source, *, seed, progress):
        calls.append(seed)
        progress(0.5, "Halfway")
        return fake_items(source.text)

    monkeypatch.setattr(generation, "produce_items", produce)
    return calls


def test_import_stores_normalised_text_and_metadata(instructor, db):
    outcome = authoring.import_source(
        instructor, ARTICLE.encode(), "lights.txt", publication="Sea Review"
    )
    assert outcome.created
    src = outcome.source
    assert src.title == "Keepers of the Light: A Short History of Lighthouses"
    assert src.publication == "Sea Review" and src.created_by == instructor.id
    assert "Augustin Fresnel" in src.text and len(src.sha256) == 64


def test_same_article_twice_is_reused_not_duplicated(instructor, make_user, source, db):
    other = make_user("instructor")
    # Pasted text with different line endings and trailing spaces normalises to the same text.
    again = authoring.import_source(other, ARTICLE.replace("\n", "\r\n") + "  \n", "pasted.txt")
    assert not again.created and again.source.id == source.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 1


def test_import_rejects_unusable_input(instructor, db):
    with pytest.raises(ArticleError):
        authoring.import_source(instructor, b"\x00\x01\x02binary", "x.txt")
    with pytest.raises(ArticleError):
        authoring.import_source(instructor, "   ", "pasted.txt")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 0


def test_draft_deck_gets_unique_slug(instructor, source):
    first = authoring.create_draft_deck(instructor, source)
    second = authoring.create_draft_deck(instructor, source)
    third = authoring.create_draft_deck(instructor, source, title="Lights")
    assert first.slug == "keepers-of-the-light-a-short-history-of-lighthouses"
    assert second.slug == first.slug + "-2"
    assert third.slug == "lights" and third.title == "Lights"
    assert first.status == "draft" and first.owner_id == instructor.id


def test_sync_generation_fills_deck_with_drafts(app, deck, instructor, fake_generator, db):
    app.config["GENERATION_SYNC"] = True
    job = generation.start_generation(deck, instructor)
    assert job.status == "done" and job.progress == 100
    assert job.message.startswith("3 new draft items")
    items = db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)).all()
    assert {i.status for i in items} == {"draft"} and {i.origin for i in items} == {"generated"}
    for item in items:
        assert deck.source.text[item.source_start : item.source_end] == item.quote
    assert fake_generator == [0]


def test_generation_failure_keeps_source_and_reports_reason(app, deck, instructor, monkeypatch, db):
    app.config["GENERATION_SYNC"] = True

    def broken(source, *, seed, progress):
        raise ArticleError("no sentences long enough to ask about")

    monkeypatch.setattr(generation, "produce_items", broken)
    job = generation.start_generation(deck, instructor)
    assert job.status == "failed"
    assert "no sentences long enough" in job.message
    assert db.session.get(Source, deck.source_id) is not None
    assert db.session.get(Deck, deck.id) is not None


def test_unexpected_error_also_fails_the_job(app, deck, instructor, monkeypatch):
    app.config["GENERATION_SYNC"] = True
    monkeypatch.setattr(generation, "produce_items", lambda source, *, seed, progress: 1 / 0)
    job = generation.start_generation(deck, instructor)
    assert job.status == "failed" and "ZeroDivisionError" in job.message
    assert "try again" in job.message


def generated_deck(app, deck, instructor):
    app.config["GENERATION_SYNC"] = True
    generation.start_generation(deck, instructor)
    return {i.key: i for i in deck.items}


def test_regenerate_keeps_approved_edited_rejected_and_skips_duplicates(
    app, deck, instructor, monkeypatch, db
):
    monkeypatch.setattr(
        generation, "produce_items", lambda source, *, seed, progress: fake_items(source.text)
    )
    items = generated_deck(app, deck, instructor)
    authoring_items.set_status(items["romans-dover"], "approve")
    authoring_items.set_status(items["keepers-1998"], "reject")
    authoring_items.update_item(items["fresnel-1822"], {"prompt": "Who made the 1822 lens?"})
    assert "edited" in items["fresnel-1822"].tags

    text = deck.source.text
    second_run = [
        # exact same key as an approved item
        candidate(
            text,
            "The Romans built lighthouses across their empire, from Ostia to Dover.",
            "romans-dover",
        ),
        # near-identical prompt to the edited item (ratio >= 90)
        candidate(
            text,
            "His design influenced lighthouse engineers for the next hundred years, "
            "and the upper part of his tower was later moved to Plymouth Hoe, where "
            "visitors can still climb it.",
            "smeaton-hoe",
            prompt="Who made the 1822 lens",
        ),
        # same answer and quote as the rejected item, different key and prompt
        candidate(
            text,
            "Britain's last keepers left North Foreland lighthouse in 1998.",
            "other-1998",
            prompt="When did the keepers leave?",
            answer="1998",
        ),
        # new
        candidate(
            text,
            "In 1838 Grace Darling, the daughter of a keeper on the Farne Islands, "
            "rowed out with her father through a storm to rescue survivors of the "
            "steamship Forfarshire, and she became a national heroine in Britain.",
            "darling-1838",
            answer="Grace Darling",
        ),
    ]
    second_run[2].answer = "1998"
    items["keepers-1998"].answer = "1998"
    db.session.commit()
    monkeypatch.setattr(generation, "produce_items", lambda source, *, seed, progress: second_run)
    job = generation.start_generation(deck, instructor)
    assert job.status == "done", job.message
    db.session.expire_all()
    by_key = {i.key: i for i in deck.items}
    assert set(by_key) == {"romans-dover", "fresnel-1822", "keepers-1998", "darling-1838"}
    assert by_key["romans-dover"].status == "approved"
    assert by_key["fresnel-1822"].prompt == "Who made the 1822 lens?"
    assert by_key["keepers-1998"].status == "rejected"
    assert by_key["darling-1838"].status == "draft"
    assert "1 new draft item" in job.message and "3 duplicates" in job.message


def test_regenerate_replaces_untouched_drafts_and_uses_new_seed(
    app, deck, instructor, fake_generator, db
):
    generated_deck(app, deck, instructor)
    generation.start_generation(deck, instructor)
    db.session.expire_all()
    assert fake_generator == [0, 1]
    # Untouched drafts were replaced, not duplicated.
    assert len(deck.items) == 3


def test_candidate_with_shifted_offsets_is_relocated_or_dropped(deck, db):
    text = deck.source.text
    good = candidate(
        text,
        "Its name survived it: in French, Italian and Spanish the word for "
        "lighthouse still comes from Pharos.",
        "pharos-name",
    )
    good.source_start += 5
    good.source_end += 5
    missing = QuizItem(
        key="ghost",
        type="basic",
        prompt="?",
        answer="x",
        source_start=0,
        source_end=4,
        quote="Not in the article at all",
    )
    report = authoring_items.merge_generated(deck, [good, missing])
    assert report.added == 1 and report.unplaceable == 1
    item = deck.items[0]
    assert text[item.source_start : item.source_end] == item.quote


def test_status_actions_and_approve_above(app, deck, instructor, fake_generator, db):
    items = generated_deck(app, deck, instructor)
    before = deck.updated_at
    authoring_items.set_status(items["keepers-1998"], "reject")
    assert deck.updated_at > before
    assert authoring_items.approve_above(deck, 0.85) == 1
    assert items["romans-dover"].status == "approved"
    assert items["fresnel-1822"].status == "draft"
    # Rejected items are not approved in bulk, whatever their score.
    assert authoring_items.approve_above(deck, 0.0) == 1
    assert items["keepers-1998"].status == "rejected"
    authoring_items.set_status(items["keepers-1998"], "restore")
    assert items["keepers-1998"].status == "draft"
    with pytest.raises(authoring.AuthoringError):
        authoring_items.set_status(items["keepers-1998"], "explode")


def test_filters(app, deck, instructor, fake_generator):
    generated_deck(app, deck, instructor)
    assert [i.key for i in authoring_items.filter_items(deck)] == [
        "romans-dover",
        "fresnel-1822",
        "keepers-1998",
    ]
    assert [i.key for i in authoring_items.filter_items(deck, type="cloze")] == ["keepers-1998"]
    assert [i.key for i in authoring_items.filter_items(deck, kind="argument")] == ["keepers-1998"]
    assert authoring_items.filter_items(deck, status="approved") == []
    assert len(authoring_items.filter_items(deck, topic="History")) == 3
    assert authoring_items.deck_topics(deck) == ["History"]


def test_edit_sets_quote_from_span_and_strictly_increasing_timestamps(
    app, deck, instructor, fake_generator
):
    items = generated_deck(app, deck, instructor)
    item = items["romans-dover"]
    frozen = datetime(2020, 1, 1, tzinfo=UTC)  # earlier than the stored stamps
    deck_before, item_before = deck.updated_at, item.updated_at
    text = deck.source.text
    start = text.index("The Tower of Hercules")
    end = text.index("in the world.") + len("in the world.")
    authoring_items.update_item(
        item,
        {
            "prompt": "Which lighthouse is oldest?",
            "answer": "Tower of Hercules",
            "source_start": start,
            "source_end": end,
        },
        now=frozen,
    )
    assert item.quote == text[start:end] and item.quote.startswith("The Tower of Hercules")
    assert item.updated_at == item_before + timedelta(microseconds=1)
    assert deck.updated_at == deck_before + timedelta(microseconds=1)
    assert item.status == "draft" and item.origin == "generated" and "edited" in item.tags
    authoring_items.update_item(item, {"prompt": "Again"}, now=frozen)
    assert item.tags.count("edited") == 1
    assert deck.updated_at == deck_before + timedelta(microseconds=2)


@pytest.mark.parametrize("start,end", [(-1, 5), (10, 5), (0, 10**7), (5, None)])
def test_edit_rejects_bad_offsets(app, deck, instructor, fake_generator, start, end, db):
    item = generated_deck(app, deck, instructor)["romans-dover"]
    quote = item.quote
    with pytest.raises(authoring.AuthoringError):
        authoring_items.update_item(item, {"source_start": start, "source_end": end})
    db.session.rollback()
    assert db.session.get(Item, item.id).quote == quote


def test_create_item_is_authored_and_approved_with_unique_key(deck, db):
    fields = {
        "prompt": "Who built the first Eddystone light?",
        "answer": "Henry Winstanley",
        "choices": [],
        "accepted": ["Winstanley"],
        "kind": "fact",
        "topic": "Rocks",
        "explanation": "",
        "source_start": None,
        "source_end": None,
    }
    one = authoring_items.create_item(deck, "short_answer", fields)
    two = authoring_items.create_item(deck, "short_answer", fields)
    assert one.origin == "authored" and one.status == "approved" and one.quote == ""
    assert one.key == "short-answer-who-built-the-first-eddystone-light"
    assert two.key == one.key + "-2"


def test_publish_requires_an_approved_item(app, deck, instructor, fake_generator):
    with pytest.raises(authoring.AuthoringError, match="Approve at least one"):
        authoring.publish(deck)
    items = generated_deck(app, deck, instructor)
    authoring_items.set_status(items["romans-dover"], "approve")
    assert authoring.publish(deck) == 1
    assert deck.status == "published" and deck.published_at == deck.updated_at
    first = deck.published_at
    assert authoring.publish(deck) == 1  # re-publish
    assert deck.published_at > first
    authoring.unpublish(deck)
    assert deck.status == "draft"
    with pytest.raises(authoring.AuthoringError):
        authoring.unpublish(deck)


def test_only_approved_live_items_count_for_trainees(app, deck, instructor, fake_generator, db):
    items = generated_deck(app, deck, instructor)
    authoring_items.set_status(items["romans-dover"], "approve")
    authoring_items.set_status(items["fresnel-1822"], "approve")
    items["fresnel-1822"].retired_at = datetime.now(UTC)
    db.session.commit()
    assert authoring.live_approved_count(deck) == 1
    assert [i.key for i in deck.items if i.is_live] == ["romans-dover"]


def test_delete_without_progress_deletes(deck, instructor, db):
    deck_id = deck.id
    db.session.add(GenerationJob(deck_id=deck_id, requested_by=instructor.id, status="done"))
    db.session.commit()
    assert authoring.delete_deck(deck) == "deleted"
    assert db.session.get(Deck, deck_id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GenerationJob)) == 0


def test_delete_with_progress_archives(app, deck, instructor, make_user, fake_generator, db):
    items = generated_deck(app, deck, instructor)
    trainee = make_user("trainee")
    db.session.add(
        CardState(
            user_id=trainee.id,
            item_id=items["romans-dover"].id,
            deck_id=deck.id,
            fsrs={},
            due=datetime.now(UTC),
        )
    )
    db.session.commit()
    assert authoring.has_trainee_progress(deck)
    assert authoring.delete_deck(deck) == "archived"
    assert db.session.get(Deck, deck.id).status == "archived"
    with pytest.raises(authoring.AuthoringError):
        authoring.publish(deck)


def test_assign_to_own_cohort_only(deck, instructor, make_user, db):
    mine = Cohort(name="Night shift", instructor_id=instructor.id)
    other = make_user("instructor")
    theirs = Cohort(name="Theirs", instructor_id=other.id)
    db.session.add_all([mine, theirs])
    db.session.commit()
    assert accounts.cohorts_for(instructor) == [mine]
    assignment = authoring.assign(
        instructor, deck, mine.id, date(2026, 4, 1), today=date(2026, 3, 2)
    )
    assert assignment.due_date == date(2026, 4, 1)
    again = authoring.assign(instructor, deck, mine.id, None)
    assert again.id == assignment.id and again.due_date is None
    with pytest.raises(authoring.AuthoringError):
        authoring.assign(instructor, deck, theirs.id)
    with pytest.raises(authoring.AuthoringError):
        authoring.assign(instructor, deck, 9999)
    admin = make_user("admin")
    assert authoring.assign(admin, deck, theirs.id).cohort_id == theirs.id
    authoring.unassign(deck, assignment.id)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 1
    with pytest.raises(authoring.AuthoringError):
        authoring.unassign(deck, assignment.id)


def test_a_due_date_in_the_past_is_refused(deck, instructor, db):
    cohort = Cohort(name="Late crew", instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    with pytest.raises(authoring.AuthoringError, match="already passed"):
        authoring.assign(instructor, deck, cohort.id, date(2026, 3, 1), today=date(2026, 3, 2))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 0
    today = authoring.assign(instructor, deck, cohort.id, date(2026, 3, 2), today=date(2026, 3, 2))
    assert today.due_date == date(2026, 3, 2)


def test_settings_validate_ranges(deck):
    authoring.update_settings(
        deck, title=" Lights ", description="d", desired_retention=0.85, new_per_day=15
    )
    assert (deck.title, deck.desired_retention, deck.new_per_day) == ("Lights", 0.85, 15)
    for retention, per_day in [(0.5, 10), (0.995, 10), (0.9, -1), (0.9, 5000)]:
        with pytest.raises(authoring.AuthoringError):
            authoring.update_settings(
                deck, title="x", description="", desired_retention=retention, new_per_day=per_day
            )


def test_permissions_and_listing(deck, instructor, make_user, source, db):
    other = make_user("instructor")
    admin = make_user("admin")
    trainee = make_user("trainee")
    assert authoring.can_manage(instructor, deck) and authoring.can_manage(admin, deck)
    assert not authoring.can_manage(other, deck) and not authoring.can_manage(trainee, deck)
    assert authoring.my_decks(instructor) == [deck] and authoring.my_decks(other) == []
    assert authoring.visible_decks_of_source(source, other) == []
    assert authoring.my_sources(instructor) == [source]
    counts = authoring.status_counts([deck])
    assert counts[deck.id]["approved"] == 0
