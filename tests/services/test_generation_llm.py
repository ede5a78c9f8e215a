"""Generation jobs with the LLM engine: grounded items saved with their engine, rules filling in."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.domain.textnorm import contains_phrase
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from quizapp.models import GenerationJob, Item
from quizapp.services import authoring, authoring_items, generation
from tests.llm.fake_endpoint import FakeEndpoint, recorded, unreachable_url
from tests.llm.test_llm_engine import GOOD_PROMPTS, recorded_items

WEBB = Path(__file__).resolve().parent.parent / "data" / "science_webb.txt"


@pytest.fixture
def instructor(make_user):
    return make_user("instructor")


@pytest.fixture
def llm_deck(app, instructor):
    app.config["GENERATION_SYNC"] = True
    source = authoring.import_source(instructor, WEBB.read_bytes(), "science_webb.txt").source
    return authoring.create_draft_deck(instructor, source, engine="llm")


def use_endpoint(app, url: str) -> None:
    app.config.update(LLM_BASE_URL=url, LLM_MODEL="llama3.1:8b", LLM_TIMEOUT=5.0)


def items_of(db, deck) -> list[Item]:
    return list(db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)))


def test_llm_job_saves_only_grounded_items_marked_with_their_engine(app, db, llm_deck, instructor):
    with FakeEndpoint([recorded("webb_items")]) as server:
        use_endpoint(app, server.base_url)
        job = generation.start_generation(llm_deck, instructor)
    assert job.status == "done" and job.engine == "llm"
    rows = items_of(db, llm_deck)
    llm = [row for row in rows if row.engine == "llm"]
    assert len(llm) >= 4 and all(row.status == "draft" for row in rows)
    text = llm_deck.source.text
    for row in rows:  # zero ungrounded items in the bank, whichever engine made them
        assert text[row.source_start : row.source_end] == row.quote
        if row.type != "true_false":
            assert contains_phrase(row.quote, row.answer)
    planted = {raw.get("prompt") for raw in recorded_items()[GOOD_PROMPTS:]}
    assert not planted & {row.prompt for row in rows}
    # the model gave fewer items than the article deserves: the rule engine filled in
    assert any(row.engine == "rules" for row in rows)
    assert "LLM engine: 1 of 1 part(s) asked" in job.message
    assert "11 dropped, never shown as drafts" in job.message
    assert "The rule engine added" in job.message and "on sentences the model left." in job.message
    assert generation.job_payload(job)["engine"] == "llm"
    only = authoring_items.filter_items(llm_deck, engine="llm")
    assert {row.id for row in only} == {row.id for row in llm}


def test_unreachable_endpoint_gives_the_rule_engines_bank_and_says_why(
    app, db, llm_deck, instructor
):
    use_endpoint(app, unreachable_url())
    app.config["LLM_MAX_RETRIES"] = 0
    job = generation.start_generation(llm_deck, instructor)
    assert job.status == "done"
    assert "The LLM engine could not be used: the endpoint could not be reached" in job.message
    rows = items_of(db, llm_deck)
    article = parse_article(llm_deck.source.text, "source.txt", title=llm_deck.source.title)
    expected = generate(article, seed=0).items
    assert sorted(row.key for row in rows) == sorted(item.key for item in expected)
    assert {row.engine for row in rows} == {"rules"}
    assert f"The rule engine wrote {len(expected)} item(s) instead." in job.message


def test_llm_deck_without_an_endpoint_uses_the_rules_and_says_so(app, db, llm_deck, instructor):
    job = generation.start_generation(llm_deck, instructor)
    assert job.status == "done" and "The LLM engine is not set up on this server" in job.message
    assert {row.engine for row in items_of(db, llm_deck)} == {"rules"}


def test_rule_decks_queue_rule_jobs_and_mark_their_items(app, db, instructor, monkeypatch):
    app.config["GENERATION_SYNC"] = True
    source = authoring.import_source(instructor, WEBB.read_bytes(), "science_webb.txt").source
    deck = authoring.create_draft_deck(instructor, source)
    monkeypatch.setattr(
        generation,
        "produce_llm_items",
        lambda *a, **k: pytest.fail("a rules deck must not ask the model"),
    )
    job = generation.start_generation(deck, instructor)
    assert deck.engine == "rules" and job.engine == "rules" and job.status == "done"
    assert {row.engine for row in items_of(db, deck)} == {"rules"}
    assert db.session.get(GenerationJob, job.id).message.endswith("ready for review.")


def test_an_unknown_engine_is_refused(instructor, app):
    source = authoring.import_source(instructor, WEBB.read_bytes(), "science_webb.txt").source
    with pytest.raises(authoring.AuthoringError, match="rules or the llm engine"):
        authoring.create_draft_deck(instructor, source, engine="gpt")
