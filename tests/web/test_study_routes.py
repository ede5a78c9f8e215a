"""Study routes: access, the no-JavaScript flow, idempotent rating, stale forms, undo, progress."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from quizapp.models import Item, ReviewLog
from tests.conftest import csrf_token_from
from tests.study_support import ARTICLE, make_deck, quote_offsets

CID_RE = re.compile(r'name="cid" value="([0-9a-f]{32})"')
ITEM_RE = re.compile(r'name="item" value="(\d+)"')


@pytest.fixture
def setup(db, make_user, auth):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, trainees=(trainee,), n_items=3, slug="assigned", with_source=True)
    other = make_deck(instructor, n_items=1, slug="unassigned")
    auth.login(trainee)
    return deck, other, trainee


def _logs(db):
    return list(db.session.scalars(sa.select(ReviewLog).order_by(ReviewLog.id)))


def _front(client, deck):
    html = client.get(f"/study/{deck.id}").get_data(as_text=True)
    return html, int(ITEM_RE.search(html).group(1)), CID_RE.search(html).group(1)


def _reveal(client, deck, item_id, cid, answer=""):
    return client.get(
        f"/study/{deck.id}",
        query_string={"item": item_id, "cid": cid, "reveal": 1, "answer": answer},
    ).get_data(as_text=True)


def _rate(client, deck, item_id, cid, rating, **kwargs):
    return client.post(
        f"/study/{deck.id}/rate",
        data={"item_id": item_id, "client_id": cid, "rating": rating},
        **kwargs,
    )


def test_login_required(client, db, make_user):
    response = client.get("/study/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_index_lists_only_assigned_published_decks(client, setup):
    deck, _other, _ = setup
    html = client.get("/study/").get_data(as_text=True)
    assert deck.title in html and "Deck unassigned" not in html
    assert "Study 3 cards" in html


def test_unassigned_deck_is_forbidden_and_unknown_is_404(client, setup):
    _deck, other, _ = setup
    assert client.get(f"/study/{other.id}").status_code == 403
    assert client.get(f"/study/{other.id}/progress").status_code == 403
    assert client.get("/study/9999").status_code == 404


def test_no_js_flow_reveal_then_rate_records_once(app, client, db, setup):
    deck, _, trainee = setup
    app.config["WTF_CSRF_ENABLED"] = True
    html, item_id, cid = _front(client, deck)
    assert "Question 0?" in html and "Answer 0" not in html
    assert "Session: 0 of 3 done" in html
    assert "Question and answer" in html  # the item type in words, not its code name "basic"

    back = _reveal(client, deck, item_id, cid)
    assert "Answer 0" in back and "Because 0." in back
    assert "Answer 0 is in the article." in back  # the quote
    for name, interval in (("Again", "1m"), ("Hard", "6m"), ("Good", "10m")):
        assert re.search(rf"{name}</span>\s*<span class=\"rating-interval\">{interval}<", back)
    token = csrf_token_from(back)
    assert f'name="client_id" type="hidden" value="{cid}"' in back

    data = {"item_id": item_id, "client_id": cid, "rating": 3, "csrf_token": token}
    response = client.post(f"/study/{deck.id}/rate", data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saved: Good, due again in 10m." in page
    assert "Question 1?" in page and "Session: 1 of 3 done" in page
    # A double click or a resent form: still one review.
    assert client.post(f"/study/{deck.id}/rate", data=data).status_code == 302
    logs = _logs(db)
    assert len(logs) == 1 and logs[0].user_id == trainee.id and logs[0].rating == 3

    # Without the CSRF token the post is refused.
    bad = client.post(
        f"/study/{deck.id}/rate", data={**data, "csrf_token": "x", "client_id": "f" * 32}
    )
    assert bad.status_code == 400
    assert len(_logs(db)) == 1


def test_refresh_of_the_revealed_card_keeps_its_client_id(client, db, setup):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    first = _reveal(client, deck, item_id, cid)
    again = _reveal(client, deck, item_id, cid)
    assert cid in first and cid in again


def test_typed_answer_is_graded_before_rating(client, setup):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    right = _reveal(client, deck, item_id, cid, answer="answer 0")
    assert "Correct" in right and "(suggested)" in right
    assert re.search(r'class="rating rating-3 primary"', right)
    wrong = _reveal(client, deck, item_id, cid, answer="something else")
    assert "Wrong" in wrong and re.search(r'class="rating rating-1 primary"', wrong)
    assert "&lt;b&gt;" in _reveal(client, deck, item_id, cid, answer="<b>x</b>")


def test_stale_item_gets_a_clear_message(client, db, setup, now):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    db.session.get(Item, item_id).retired_at = now
    db.session.commit()
    response = _rate(client, deck, item_id, cid, 3, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "withdrawn from the deck" in html and "not recorded" in html
    assert _logs(db) == []
    # Revealing the withdrawn card shows the next one instead, with a message.
    html = _reveal(client, deck, item_id, cid)
    assert "withdrawn from the deck" in html and "Question 1?" in html


def test_unassigned_deck_rating_is_stale_not_recorded(client, db, setup):
    _deck, other, _ = setup
    item = db.session.scalar(sa.select(Item).where(Item.deck_id == other.id))
    response = _rate(client, other, item.id, "a" * 32, 3, follow_redirects=True)
    assert "no longer assigned" in response.get_data(as_text=True)
    assert _logs(db) == []


def test_invalid_rating_is_refused_with_a_message(client, db, setup):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    response = _rate(client, deck, item_id, cid, 7, follow_redirects=True)
    assert "could not be read" in response.get_data(as_text=True)
    response = _rate(client, deck, item_id, "not-a-uuid", 3, follow_redirects=True)
    assert "could not be read" in response.get_data(as_text=True)
    assert _logs(db) == []


def test_json_rating_for_javascript(client, db, setup, now):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    headers = {"Accept": "application/json"}
    body = _rate(client, deck, item_id, cid, 4, headers=headers).get_json()
    assert body["ok"] and body["rating"] == 4 and body["next_url"] == f"/study/{deck.id}"
    repeat = _rate(client, deck, item_id, cid, 4, headers=headers).get_json()
    assert repeat["review_id"] == body["review_id"]
    db.session.get(Item, item_id + 1).retired_at = now
    db.session.commit()
    stale = _rate(client, deck, item_id + 1, "b" * 32, 3, headers=headers)
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale"
    assert len(_logs(db)) == 1


def test_undo_brings_the_card_back_once(client, db, setup):
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    _rate(client, deck, item_id, cid, 4)
    page = client.get(f"/study/{deck.id}").get_data(as_text=True)
    review_id = _logs(db)[0].id
    assert "Undo last rating" in page and f'value="{review_id}"' in page
    response = client.post(f"/study/{deck.id}/undo", data={"review_id": review_id})
    assert response.headers["Location"].endswith(f"/study/{deck.id}?item={item_id}")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Undid your Easy rating" in html and "Question 0?" in html
    again = client.post(
        f"/study/{deck.id}/undo", data={"review_id": review_id}, follow_redirects=True
    )
    assert "already undone" in again.get_data(as_text=True)
    assert _logs(db)[0].undone_at is not None


def test_done_screen_shows_next_due_time(client, db, setup):
    deck, _, _ = setup
    for _ in range(3):
        _html, item_id, cid = _front(client, deck)
        _rate(client, deck, item_id, cid, 4)
    html = client.get(f"/study/{deck.id}").get_data(as_text=True)
    assert "All done for now" in html and "Next card due" in html and " UTC" in html
    assert "You reviewed 3 cards" in html
    assert f'href="/quiz/deck/{deck.id}">Test yourself with a quiz</a>' in html  # a next step


def test_progress_pages(client, db, setup):
    deck, _, _ = setup
    items = list(db.session.scalars(sa.select(Item).where(Item.deck_id == deck.id)))
    quote = "Russia supplied jamming equipment at Khmeimim."
    items[0].quote = quote
    items[0].source_start, items[0].source_end = quote_offsets(ARTICLE, quote)
    db.session.commit()
    _html, item_id, cid = _front(client, deck)
    _rate(client, deck, item_id, cid, 3)

    overall = client.get("/study/progress")
    assert overall.status_code == 200
    html = overall.get_data(as_text=True)
    assert "Mastered" in html and "<svg" in html and "Due forecast as a table" in html
    assert deck.title in html

    html = client.get(f"/study/{deck.id}/progress").get_data(as_text=True)
    assert "The article, by how well you know it" in html
    # Issue 17: not "known 100%" straight after a review, but the recall a week ahead (Good once).
    assert re.search(r"recall in 7 days \d\d% \((good|strong)\)", html)
    assert "known 100%" not in html
    assert "no questions" in html
    assert "Russia supplied jamming equipment at Khmeimim." in html
    assert "Accuracy by topic" in html and "100%" in html
    # The trainee's way to Anki: the deck and their weak cards, and both downloads work.
    assert f'href="/export/{deck.slug}.apkg"' in html
    assert f'href="/export/{deck.slug}/weak.apkg"' in html
    assert client.get(f"/export/{deck.slug}.apkg").status_code == 200


def test_instructor_can_study_own_draft_deck(client, db, make_user, auth):
    instructor = make_user("instructor")
    deck = make_deck(instructor, n_items=1, status="draft", slug="mine")
    auth.login(instructor)
    assert "Question 0?" in client.get(f"/study/{deck.id}").get_data(as_text=True)


def test_progress_after_again_shows_measured_and_week_ahead_recall(client, db, setup):
    # Issue 17: "Predicted recall now 100%" straight after an "Again" rating read as a bug.
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    assert _rate(client, deck, item_id, cid, 1).status_code == 302
    html = client.get(f"/study/{deck.id}/progress").get_data(as_text=True)
    assert "Predicted recall now" not in html
    flat = re.sub(r"\s+", " ", html)
    assert '<dt>Measured recall, last 30 days</dt><dd>0% <span class="unit">of 1 review' in flat
    ahead = re.search(r"<dt>Predicted recall in 7 days</dt><dd>(\d+)%</dd>", flat)
    assert ahead and int(ahead.group(1)) < 70


INTERVAL_RE = re.compile(
    r'<span class="rating-name">(\w+)</span>\s*<span class="rating-interval">([^<]+)</span>'
)


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_confirmation_interval_matches_the_button(client, db, setup, rating):
    # Issue 17: the button said "Hard 6m" (5.5 minutes), the confirmation "due again in 5m".
    deck, _, _ = setup
    _html, item_id, cid = _front(client, deck)
    labels = dict(INTERVAL_RE.findall(_reveal(client, deck, item_id, cid)))
    assert labels["Hard"] == "6m"  # FSRS: halfway between the 1m and 10m learning steps
    name = ["Again", "Hard", "Good", "Easy"][rating - 1]
    response = _rate(client, deck, item_id, cid, rating, follow_redirects=True)
    assert f"Saved: {name}, due again in {labels[name]}." in response.get_data(as_text=True)


def test_confirmation_says_when_fuzzing_moved_the_interval(client, db, setup, app, monkeypatch):
    deck, _, _ = setup
    app.config["FSRS_ENABLE_FUZZING"] = True
    _html, item_id, cid = _front(client, deck)
    labels = dict(INTERVAL_RE.findall(_reveal(client, deck, item_id, cid)))
    assert labels["Easy"].endswith("d")
    # fsrs draws the fuzz from random.random(): pin it to the top of the range.
    monkeypatch.setattr("fsrs.scheduler.random", lambda: 0.999)
    html = _rate(client, deck, item_id, cid, 4, follow_redirects=True).get_data(as_text=True)
    moved = re.search(r"Saved: Easy, due again in (\d+d) \(not (\d+d): moved a little", html)
    assert moved and moved.group(2) == labels["Easy"] and moved.group(1) != labels["Easy"]
