"""Export downloads over HTTP, the buttons include and the `quizapp export` command."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from flask import render_template_string
from fsrs import Card, State

from quizapp.models import Assignment, CardState, Cohort, Deck, Item, Membership

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def world(db, make_user):
    owner = make_user("instructor")
    trainee = make_user("trainee")
    deck = Deck(slug="axis", title="Axis", owner=owner, status="published", updated_at=NOW)
    deck.items = [
        Item(
            key="a",
            type="short_answer",
            prompt="Who <script>x</script>?",
            answer="Iran",
            status="approved",
        ),
        Item(key="b", type="cloze", prompt="The ____ base.", answer="Khmeimim", status="approved"),
    ]
    empty = Deck(slug="empty", title="Empty", owner=owner, status="published", updated_at=NOW)
    cohort = Cohort(name="C", instructor=owner)
    db.session.add_all([deck, empty, cohort])
    db.session.flush()
    db.session.add_all(
        [
            Membership(cohort_id=cohort.id, user_id=trainee.id),
            Assignment(cohort_id=cohort.id, deck_id=deck.id),
            Assignment(cohort_id=cohort.id, deck_id=empty.id),
        ]
    )
    db.session.commit()
    return {"owner": owner, "trainee": trainee, "deck": deck, "empty": empty}


def test_owner_downloads_every_format(client, auth, world):
    auth.login(world["owner"])
    response = client.get("/export/axis.apkg")
    assert response.status_code == 200
    assert response.mimetype == "application/apkg"
    assert "attachment; filename=axis.apkg" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    assert "collection.anki2" in zipfile.ZipFile(BytesIO(response.data)).namelist()
    csv = client.get("/export/axis.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"#separator:tab\n")
    gift = client.get("/export/axis.gift")
    assert (
        gift.status_code == 200 and b"::a::[html]Who &lt;script&gt;x&lt;/script&gt;?" in gift.data
    )
    data = json.loads(client.get("/export/axis.json").data)
    assert [item["id"] for item in data["items"]] == ["a", "b"]


def test_unknown_slug_or_format_is_404_and_strangers_get_403(client, auth, world, make_user):
    assert client.get("/export/axis.apkg").status_code == 302  # to the login page
    auth.login(make_user("trainee"))
    assert client.get("/export/axis.apkg").status_code == 403
    assert client.get("/export/nope.apkg").status_code == 404
    assert client.get("/export/axis.docx").status_code == 404


def test_assigned_trainee_downloads_and_an_empty_deck_flashes_an_error(client, auth, world):
    auth.login(world["trainee"])
    assert client.get("/export/axis.apkg").status_code == 200
    response = client.get("/export/empty.apkg", headers={"Referer": "http://localhost/study/"})
    assert response.status_code == 302 and response.location.endswith("/study/")
    page = client.get("/export/empty.apkg", follow_redirects=True)
    assert b"has no approved items to export" in page.data
    api = client.get("/export/empty.apkg", headers={"Accept": "application/json"})
    assert api.status_code == 400
    assert api.get_json()["error"]["code"] == "export_failed"


def test_trainee_weak_cards(client, auth, world, db):
    trainee = world["trainee"]
    auth.login(trainee)
    page = client.get("/export/axis/weak.apkg", follow_redirects=True)
    assert b"no weak cards" in page.data
    item = world["deck"].items[0]
    card = Card(
        card_id=1,
        state=State.Review,
        stability=3.0,
        difficulty=5.0,
        due=NOW,
        last_review=NOW - timedelta(days=1),
    )
    db.session.add(
        CardState(
            user_id=trainee.id,
            item_id=item.id,
            deck_id=item.deck_id,
            fsrs=card.to_dict(),
            due=NOW,
            state=2,
            lapses=2,
            last_review=NOW,
        )
    )
    db.session.commit()
    response = client.get("/export/axis/weak.json")
    assert response.status_code == 200
    assert "axis-weak-cards.json" in response.headers["Content-Disposition"]
    assert [i["id"] for i in json.loads(response.data)["items"]] == ["a"]


def test_buttons_include(app, world):
    with app.test_request_context():
        from flask_login import login_user

        login_user(world["trainee"])
        html = render_template_string('{% include "export/_buttons.html" %}', deck=world["deck"])
    assert 'href="/export/axis.apkg"' in html and ">Export to Anki<" in html
    assert 'href="/export/axis.csv"' in html and 'href="/export/axis.gift"' in html
    assert 'href="/export/axis/weak.apkg"' in html and "My weak cards" in html
    with app.test_request_context():
        from flask_login import login_user

        login_user(world["owner"])
        html = render_template_string('{% include "export/_buttons.html" %}', deck=world["deck"])
    assert "My weak cards" not in html and 'href="/export/axis.json"' in html


def test_cli_export_writes_the_file_and_nothing_on_error(runner, world, tmp_path):
    target = tmp_path / "out.apkg"
    result = runner.invoke(args=["export", "axis", "--format", "apkg", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(target)
    gift = tmp_path / "out.gift"
    assert (
        runner.invoke(args=["export", "axis", "--format", "gift", "-o", str(gift)]).exit_code == 0
    )
    assert gift.read_text().startswith("// quizapp deck axis")
    failed = tmp_path / "empty.apkg"
    result = runner.invoke(args=["export", "empty", "-o", str(failed)])
    assert result.exit_code != 0 and "no approved items" in result.output
    assert not failed.exists()
    result = runner.invoke(args=["export", "nope", "-o", str(failed)])
    assert result.exit_code != 0 and "No deck with slug 'nope'" in result.output
