"""Every authoring URL, enumerated from the URL map: who may reach it and who may not."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from quizapp.models import Assignment, Cohort, Deck, GenerationJob, Item, Source
from quizapp.services import authoring

# Routes that do not belong to one deck: any instructor may use them (sources are shared so the
# same article is never stored twice); the other-instructor check below covers every other route.
NOT_DECK_SCOPED = {
    "author.index",
    "author.import_article",
    "author.source",
    "author.source_new_deck",
}


@pytest.fixture
def world(app, make_user, db):
    owner = make_user("instructor")
    source = Source(
        title="Lights",
        text="Lighthouses guide ships at night along the coast.",
        sha256="a" * 64,
        created_by=owner.id,
    )
    db.session.add(source)
    db.session.commit()
    deck = authoring.create_draft_deck(owner, source)
    item = Item(
        deck_id=deck.id,
        key="k1",
        type="basic",
        prompt="What guides ships?",
        answer="Lighthouses",
        status="draft",
        source_start=0,
        source_end=11,
        quote="Lighthouses",
    )
    cohort = Cohort(name="Crew", instructor_id=owner.id)
    db.session.add_all([item, cohort])
    db.session.commit()
    job = GenerationJob(deck_id=deck.id, requested_by=owner.id, status="done", progress=100)
    assignment = Assignment(deck_id=deck.id, cohort_id=cohort.id)
    db.session.add_all([job, assignment])
    db.session.commit()
    return {
        "owner": owner,
        "ids": {
            "deck_id": deck.id,
            "item_id": item.id,
            "job_id": job.id,
            "source_id": source.id,
            "assignment_id": assignment.id,
            "action": "approve",
        },
    }


def author_requests(app, ids):
    """(endpoint, method, url) for every author rule, with the world's ids filled in."""
    from flask import url_for

    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("author."):
                continue
            url = url_for(rule.endpoint, **{name: ids[name] for name in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    return found


def send(client, method, url):
    return client.open(url, method=method, data={"threshold": "0", "title": "x"})


def test_the_map_has_the_expected_author_routes(app, world):
    endpoints = {endpoint for endpoint, _, _ in author_requests(app, world["ids"])}
    assert {
        "author.index",
        "author.deck",
        "author.item_edit",
        "author.item_new",
        "author.publish",
        "author.assign",
        "author.delete",
    } <= endpoints
    assert len(endpoints) >= 19


def test_anonymous_is_sent_to_login_everywhere(app, client, world):
    for endpoint, method, url in author_requests(app, world["ids"]):
        response = send(client, method, url)
        assert response.status_code == 302, (endpoint, method)
        assert "/auth/login" in response.headers["Location"], (endpoint, method)


def test_trainee_gets_403_everywhere(app, client, auth, make_user, world, db):
    auth.login(make_user("trainee"))
    for endpoint, method, url in author_requests(app, world["ids"]):
        assert send(client, method, url).status_code == 403, (endpoint, method)
    assert db.session.get(Deck, world["ids"]["deck_id"]).status == "draft"


def test_other_instructor_cannot_touch_someone_elses_deck(app, client, auth, make_user, world, db):
    auth.login(make_user("instructor"))
    checked = 0
    for endpoint, method, url in author_requests(app, world["ids"]):
        if endpoint in NOT_DECK_SCOPED:
            continue
        status = send(client, method, url).status_code
        assert status in (403, 404), (endpoint, method, status)
        checked += 1
    assert checked >= 15
    db.session.expire_all()
    assert db.session.get(Deck, world["ids"]["deck_id"]) is not None
    assert db.session.get(Item, world["ids"]["item_id"]).status == "draft"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 1
    # The shared article page does not reveal the owner's decks.
    page = client.get(f"/author/sources/{world['ids']['source_id']}").get_data(as_text=True)
    assert f"/author/decks/{world['ids']['deck_id']}" not in page
    assert "/author/decks/" not in client.get("/author/").get_data(as_text=True)


def test_owner_and_admin_can_open_every_page(app, client, auth, make_user, world):
    for user in (world["owner"], make_user("admin")):
        auth.login(user)
        for endpoint, method, url in author_requests(app, world["ids"]):
            if method == "GET":
                assert client.get(url).status_code == 200, (user.role, endpoint)
        auth.logout()


def test_unknown_ids_are_404(client, auth, world):
    auth.login(world["owner"])
    for url in (
        "/author/decks/999",
        "/author/items/999/edit",
        "/author/jobs/999",
        "/author/jobs/999.json",
        "/author/sources/999",
        "/author/decks/999/review",
    ):
        assert client.get(url).status_code == 404, url
