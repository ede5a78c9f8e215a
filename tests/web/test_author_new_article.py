"""Done-when check: a never-seen article goes import → review → publish → assign with the real
generator, and trainees only ever get approved items."""

from __future__ import annotations

import io
from pathlib import Path

import sqlalchemy as sa

from quizapp.models import Cohort, Deck, Item, Membership
from quizapp.services import study, study_access, study_queue
from tests.conftest import PASSWORD

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "author_new_article.txt"


def test_new_article_to_trainee_shows_only_approved_items(app, make_user, db, now):
    app.config["GENERATION_SYNC"] = True
    instructor = make_user("instructor")
    trainee = make_user("trainee")
    outsider = make_user("trainee")
    cohort = Cohort(name="Coastguard", instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    db.session.add(Membership(cohort_id=cohort.id, user_id=trainee.id))
    db.session.commit()

    teacher = app.test_client()
    teacher.post("/auth/login", data={"email": instructor.email, "password": PASSWORD})
    response = teacher.post(
        "/author/import",
        data={
            "file": (io.BytesIO(ARTICLE.read_bytes()), "lighthouses.txt"),
            "author": "Test Author",
            "publication": "Harbour Notes",
        },
        content_type="multipart/form-data",
    )
    job_page = teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "ready for review" in job_page, job_page
    deck = db.session.scalar(sa.select(Deck))
    drafts = deck.items
    assert len(drafts) >= 10 and {i.status for i in drafts} == {"draft"}
    for item in drafts:
        assert deck.source.text[item.source_start : item.source_end] == item.quote
        assert item.answer and item.prompt

    queue = teacher.get(f"/author/decks/{deck.id}").get_data(as_text=True)
    for label in (
        "Approve",
        "Reject",
        "Edit",
        "Publish",
        "Approve all above score",
        "Assign to a cohort",
    ):
        assert label in queue
    # Review: approve the better half in bulk, reject one of those, keep the rest as drafts.
    teacher.post(f"/author/decks/{deck.id}/approve-above", data={"threshold": "0"})
    db.session.expire_all()
    ranked = sorted(deck.items, key=lambda i: -i.score)
    for item in ranked[len(ranked) // 2 :]:
        teacher.post(f"/author/items/{item.id}/restore")
    teacher.post(f"/author/items/{ranked[0].id}/reject")
    teacher.post(
        f"/author/decks/{deck.id}/settings",
        data={"title": deck.title, "desired_retention": "0.9", "new_per_day": "500"},
    )
    assert teacher.post(f"/author/decks/{deck.id}/publish").status_code == 302
    teacher.post(f"/author/decks/{deck.id}/assign", data={"cohort_id": str(cohort.id)})

    db.session.expire_all()
    approved = {i.id for i in deck.items if i.status == "approved"}
    hidden = {i.id for i in deck.items if i.status != "approved"}
    assert deck.status == "published" and approved and hidden

    # The trainee's dashboard counts only the approved items ...
    # Same client: flask-login caches the user in the test's shared app context.
    learner = teacher
    learner.post("/auth/logout")
    learner.post("/auth/login", data={"email": trainee.email, "password": PASSWORD})
    dashboard = learner.get("/").get_data(as_text=True)
    assert deck.title in dashboard and f"{len(approved)} cards" in dashboard
    # ... and studying the whole deck only ever shows approved items.
    shown = set()
    for step in range(200):
        item = study_queue.next_card(trainee, deck, now=now)
        if item is None or item.id in shown:
            break
        shown.add(item.id)
        study.record_review(trainee, item, 3, client_id=f"done-when-{step}", now=now)
    assert shown == approved
    assert not shown & hidden
    assert db.session.get(Item, ranked[0].id).status == "rejected"
    # A trainee outside the cohort sees nothing.
    assert study_access.visible_decks(outsider) == []
