"""The engine choice in the authoring pages: import, new deck, the token cap, the queue filter."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.models import Deck, GenerationJob, Item
from tests.llm.fake_endpoint import FakeEndpoint, recorded

WEBB = (Path(__file__).resolve().parent.parent / "data" / "science_webb.txt").read_text()


@pytest.fixture(autouse=True)
def sync_generation(app):
    app.config["GENERATION_SYNC"] = True


@pytest.fixture
def instructor(make_user, auth):
    user = make_user("instructor")
    auth.login(user)
    return user


@pytest.fixture
def endpoint(app):
    with FakeEndpoint([recorded("webb_items")]) as server:
        app.config.update(LLM_BASE_URL=server.base_url, LLM_MODEL="llama3.1:8b", LLM_TIMEOUT=5.0)
        yield server


def test_without_an_endpoint_the_form_offers_only_the_rules(client, instructor, db):
    page = client.get("/author/import").get_data(as_text=True)
    assert 'name="engine"' not in page
    response = client.post("/author/import", data={"text": WEBB, "engine": "llm"})
    assert response.status_code == 400
    assert "The language model is not set up on this server" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0


def test_an_unknown_engine_is_a_form_error(client, instructor, endpoint):
    response = client.post("/author/import", data={"text": WEBB, "engine": "gpt-9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="engine-err">Choose one of the options.' in page


def test_the_cap_is_shown_before_an_llm_import_runs(client, instructor, endpoint, app):
    app.config.update(LLM_MAX_TOKENS=20_000, LLM_USD_PER_MILLION_TOKENS=5.0)
    page = client.get("/author/import").get_data(as_text=True)
    assert 'name="engine"' in page
    assert "may use at most 20,000 tokens per import" in page
    assert "at most about $0.10 per import" in page
    assert endpoint.requests == []


def test_llm_import_makes_grounded_drafts_and_the_queue_filters_by_engine(
    client, instructor, endpoint, db
):
    response = client.post("/author/import", data={"text": WEBB, "engine": "llm"})
    assert response.status_code == 302
    deck = db.session.scalar(sa.select(Deck))
    job = db.session.scalar(sa.select(GenerationJob))
    assert deck.engine == "llm" and job.engine == "llm" and job.status == "done"
    job_page = client.get(f"/author/jobs/{job.id}").get_data(as_text=True)
    assert "never shown as drafts" in job_page and "language model" in job_page
    llm = db.session.scalars(sa.select(Item).where(Item.engine == "llm")).all()
    assert llm
    page = client.get(f"/author/decks/{deck.id}?engine=llm").get_data(as_text=True)
    assert page.count('class="badge engine"') == len(llm)
    assert "Question generator: language model" in page
    assert "The LLM engine asks about this article in 1 part" in page
    rules_page = client.get(f"/author/decks/{deck.id}?engine=rules").get_data(as_text=True)
    assert 'class="badge engine"' not in rules_page
    every = client.get(f"/author/decks/{deck.id}?engine=nonsense")
    assert every.status_code == 200


def test_a_new_deck_from_a_known_article_shows_its_plan_and_keeps_the_choice(
    client, instructor, endpoint, db
):
    client.post("/author/import", data={"text": WEBB})
    source_id = db.session.scalar(sa.select(Deck.source_id))
    page = client.get(f"/author/sources/{source_id}").get_data(as_text=True)
    assert "The LLM engine asks about this article in 1 part: at most about" in page
    response = client.post(f"/author/sources/{source_id}/decks", data={"engine": "llm"})
    assert response.status_code == 302
    engines = db.session.scalars(sa.select(Deck.engine).order_by(Deck.id)).all()
    assert engines == ["rules", "llm"]
