"""Issue 17, wording: one spelling of "Practice", a score that adds up with "Retry my mistakes",
no space before a comma in source lines, sentence-case messages, plain length messages."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from quizapp.models import Source
from quizapp.web.templating import sentence
from tests.quiz_data import build_world, wrong_answer
from tests.web.test_quiz_routes import _post_answer, _shown_item, _start_practice


@pytest.fixture
def world(db, make_user):
    return build_world(make_user)


def test_practice_is_spelled_one_way(client, auth, world):
    auth.login(world.trainee)
    for url in ("/quiz/", f"/quiz/deck/{world.deck.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "Practise" not in html and "Practice" in html, url
    html = client.get(f"/quiz/deck/{world.deck.id}").get_data(as_text=True)
    assert f"<h1>Practice: {world.deck.title}</h1>" in html


def test_score_line_counts_wrong_and_unanswered_beside_retry(client, auth, world):
    auth.login(world.trainee)
    attempt_id = _start_practice(client, world)
    items = {i.id: i for i in world.items}
    for _ in range(2):
        item = items[_shown_item(client.get(f"/quiz/attempt/{attempt_id}").text)]
        assert _post_answer(client, attempt_id, item, wrong_answer(item)).status_code == 302
    client.post(f"/quiz/attempt/{attempt_id}/finish")
    html = client.get(f"/quiz/attempt/{attempt_id}/result").get_data(as_text=True)
    flat = re.sub(r"\s+", " ", html)
    assert "<strong>0 of 5</strong> right (0%): 2 wrong, 3 not answered." in flat
    assert "Retry my mistakes (2)" in html


def test_source_byline_has_no_space_before_the_comma(client, auth, db, make_user):
    instructor = make_user("instructor")
    db.session.add(
        Source(
            title="Friends",
            author="Hamidreza Azizi",
            publication="Foreign Affairs",
            text="Some text.",
            sha256="1" * 64,
            created_by=instructor.id,
        )
    )
    db.session.commit()
    auth.login(instructor)
    html = client.get("/author/").get_data(as_text=True)
    assert " ," not in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "— Hamidreza Azizi, Foreign Affairs" in html


def test_messages_are_sentences():
    assert sentence("the link has no host name") == "The link has no host name."
    assert sentence("Saved: Good, due again in 6m.") == "Saved: Good, due again in 6m."
    assert sentence(Markup("<b>kept</b>")) == Markup("<b>kept</b>")


def test_length_errors_are_plain_language(client, db):
    response = client.post(
        "/auth/register",
        data={"name": "Ann", "email": "ann@example.com", "password": "short", "confirm": "short"},
    )
    html = response.get_data(as_text=True)
    assert "Field must be between" not in html
    assert "Use between 8 and 1000 characters." in html
