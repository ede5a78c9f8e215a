"""Analytics pages: access, the two-click path to risks and flags, sorting, CSV, query counts."""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import event

from quizapp.models import utcnow
from tests.analytics_support import add_card, add_review, make_cohort, make_deck, take_quiz

R, W0, W2 = ("correct", 1), ("wrong", 0), ("wrong", 2)


@pytest.fixture
def world(db, make_user):
    """Instructor Iris: a 3-item deck assigned (due in 10 days) to 6 trainees with answers."""
    now = utcnow()
    instructor = make_user("instructor", name="Iris")
    names = ["Zoe", "Yann", "Xia", "Will", "Vera", "Uma"]
    trainees = [make_user("trainee", name=n) for n in names]
    deck = make_deck(instructor, 3)
    cohort = make_cohort(
        instructor,
        deck,
        trainees,
        due_date=(now + timedelta(days=10)).date(),
        assigned_at=now - timedelta(days=10),
    )
    first, second, third = deck.items
    # Item 1 (second): the strongest get it wrong → negative discrimination, too hard.
    pattern = [[R, W2, R], [R, W2, R], [R, W2], [R, W2], [W0, R], [W0, W2]]
    for trainee, answers in zip(trainees, pattern, strict=True):
        take_quiz(
            trainee, deck, dict(zip(deck.items, answers, strict=False)), now - timedelta(days=1)
        )
    for trainee in trainees[:3]:
        for item in deck.items:
            add_card(trainee, item, now, stability=30.0, days_ago=1)
    add_card(trainees[3], first, now, stability=0.5, days_ago=40)  # Will: low recall
    add_review(trainees[0], first, now - timedelta(hours=2))
    return instructor, trainees, deck, cohort


def test_anonymous_users_are_sent_to_log_in(client, world):
    _, _, deck, cohort = world
    for url in (
        "/analytics/",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv",
        f"/analytics/decks/{deck.id}/items",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_trainees_are_forbidden(client, auth, world):
    _, trainees, deck, cohort = world
    auth.login(trainees[0])
    for url in (
        "/analytics/",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv",
        f"/analytics/decks/{deck.id}/items",
    ):
        assert client.get(url).status_code == 403, url


def test_other_instructors_are_forbidden_admins_allowed(client, auth, world, make_user):
    _, _, deck, cohort = world
    auth.login(make_user("instructor"))
    assert client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id}").status_code == 403
    assert client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv").status_code == 403
    assert client.get(f"/analytics/decks/{deck.id}/items").status_code == 403
    index = client.get("/analytics/")
    assert index.status_code == 200 and "Deck deck" not in index.get_data(as_text=True)
    auth.logout()
    auth.login(make_user("admin"))
    assert client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id}").status_code == 200
    assert client.get(f"/analytics/decks/{deck.id}/items").status_code == 200


def test_unknown_ids_are_404(client, auth, world, make_user):
    instructor, _, deck, cohort = world
    auth.login(instructor)
    assert client.get(f"/analytics/cohorts/{cohort.id + 99}/decks/{deck.id}").status_code == 404
    assert client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id + 99}").status_code == 404
    assert client.get(f"/analytics/decks/{deck.id + 99}/items").status_code == 404
    unassigned = make_deck(instructor, 1, slug="unassigned")
    assert client.get(f"/analytics/cohorts/{cohort.id}/decks/{unassigned.id}").status_code == 404


def test_risks_and_flags_are_two_clicks_from_the_dashboard(client, auth, world):
    instructor, _, deck, cohort = world
    auth.login(instructor)
    dashboard = client.get("/").get_data(as_text=True)
    assert 'href="/analytics/"' in dashboard  # click 1: the Results link
    index = client.get("/analytics/").get_data(as_text=True)
    at_risk = f"/analytics/cohorts/{cohort.id}/decks/{deck.id}?risk=1"
    flagged = f"/analytics/decks/{deck.id}/items?flagged=1"
    assert f'href="{at_risk}"' in index and f'href="{flagged}"' in index  # click 2
    # Will (low recall) and Uma, Vera (nothing studied, behind an even pace) are at risk.
    assert "3 at risk" in index and "1 flagged" in index
    page = client.get(at_risk).get_data(as_text=True)
    rows = re.findall(r'<th scope="row">\s*([A-Z][a-z]+)', page)
    assert rows == ["Uma", "Vera", "Will"]
    assert "predicted recall" in page and "behind the due date" in page
    items = client.get(flagged).get_data(as_text=True)
    assert "check the answer key" in items
    assert "Too hard: 17% answered correctly" in items


def test_cohort_deck_page_sorts_with_aria_sort(client, auth, world):
    instructor, _, deck, cohort = world
    auth.login(instructor)
    url = f"/analytics/cohorts/{cohort.id}/decks/{deck.id}"
    page = client.get(url).get_data(as_text=True)
    assert re.findall(r'<th scope="row">\s*([A-Z][a-z]+)', page) == [
        "Uma",
        "Vera",
        "Will",
        "Xia",
        "Yann",
        "Zoe",
    ]
    assert 'aria-sort="ascending"' in page
    assert f'href="{url}?sort=name&amp;dir=desc"' in page
    for key in ("studied", "mastered", "due", "recall", "last_active", "best", "latest", "status"):
        assert f"sort={key}&amp;dir=asc" in page
    page = client.get(url + "?sort=studied&dir=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in page
    names = re.findall(r'<th scope="row">\s*([A-Z][a-z]+)', page)
    assert names[:3] == ["Xia", "Yann", "Zoe"] and names[3] == "Will"
    assert "Items studied" in page and "3 / 3" in page
    assert client.get(url + "?sort=bogus&dir=up").status_code == 200


def test_csv_download(client, auth, world):
    instructor, _, deck, cohort = world
    auth.login(instructor)
    response = client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv?sort=name")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith('-deck.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["name", "email", "items studied"]
    assert [r[0] for r in rows[1:]] == ["Uma", "Vera", "Will", "Xia", "Yann", "Zoe"]
    risky = client.get(f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv?risk=1")
    assert len(risky.get_data(as_text=True).splitlines()) == 4


def test_item_page_shows_figures_flags_and_edit_links(app, client, auth, world):
    instructor, _, deck, _ = world
    auth.login(instructor)
    page = client.get(f"/analytics/decks/{deck.id}/items").get_data(as_text=True)
    assert "Question 0 &lt;b&gt;bold&lt;/b&gt;?" in page  # prompts are escaped
    assert "<b>bold</b>" not in page
    assert "67%" in page and "+0.67" in page  # item 0: facility 4/6, D = 1 − 1/3
    assert "−0.17" in page  # item 1
    assert "too few responses (n=2)" in page  # item 2
    assert "Iran: 33%" in page  # item 0: 2 of 6 picked Iran
    assert '<span class="badge">Multiple choice</span>' in page  # type in words, not "mcq"
    if "author.item_edit" in app.view_functions:
        with app.test_request_context():
            edit = url_for("author.item_edit", item_id=deck.items[1].id)
        # The flagged item links to its edit page twice (flag list and table); others do not.
        assert page.count(f'href="{edit}"') == 2
        with app.test_request_context():
            assert url_for("author.item_edit", item_id=deck.items[0].id) not in page
    else:
        assert "Edit item" not in page


def test_empty_states(client, auth, make_user):
    instructor = make_user("instructor")
    auth.login(instructor)
    page = client.get("/analytics/").get_data(as_text=True)
    assert "quizapp demo --history" in page
    deck = make_deck(instructor, 0, slug="empty")
    page = client.get(f"/analytics/decks/{deck.id}/items").get_data(as_text=True)
    assert "This deck has no approved items yet." in page


@contextmanager
def counting(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def grow(db, make_user, instructor, deck, cohort, now, trainees: int, extra_items: int):
    """More trainees, items, answers and study rows in the same deck and cohort."""
    from quizapp.models import Item, Membership

    for n in range(extra_items):
        db.session.add(
            Item(
                deck_id=deck.id,
                key=f"extra-{n}",
                type="mcq",
                prompt=f"Extra {n}?",
                answer="Russia",
                choices=["Iran", "Russia", "Syria", "Yemen"],
                status="approved",
            )
        )
    db.session.commit()
    db.session.refresh(deck)
    for n in range(trainees):
        user = make_user("trainee", name=f"Extra {n}")
        db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
        db.session.commit()
        take_quiz(user, deck, {item: (R if (n + item.id) % 3 else W0) for item in deck.items}, now)
        for item in deck.items[:5]:
            add_card(user, item, now)
            add_review(user, item, now)


def test_query_counts_do_not_grow_with_items_or_trainees(db, client, auth, world, make_user):
    instructor, _, deck, cohort = world
    auth.login(instructor)
    pages = [
        "/analytics/",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}",
        f"/analytics/cohorts/{cohort.id}/decks/{deck.id}.csv",
        f"/analytics/decks/{deck.id}/items",
    ]

    def measure():
        counts = []
        for url in pages:
            db.session.expire_all()
            with counting(db.engine) as statements:
                assert client.get(url).status_code == 200
            counts.append(len(statements))
        return counts

    small = measure()
    grow(db, make_user, instructor, deck, cohort, utcnow(), trainees=8, extra_items=12)
    large = measure()
    assert large == small, dict(zip(pages, zip(small, large, strict=True), strict=True))
    assert max(small) <= 8, small  # measured: index 8, cohort page 6, CSV 6, items 6


def test_decks_with_the_same_title_can_be_told_apart(client, auth, db, world):
    # Issue 17: two decks titled alike were indistinguishable in Results and My decks.
    instructor, trainees, deck, _cohort = world
    twin = make_deck(instructor, 2, slug="deck-copy")
    twin.title = deck.title
    make_cohort(instructor, twin, trainees[:2])
    single = make_deck(instructor, 1, slug="lonely")
    db.session.commit()
    auth.login(instructor)
    for page in ("/analytics/", "/author/", "/"):
        html = client.get(page).get_data(as_text=True)
        assert '<span class="hint deck-twin">(deck, created ' in html, page
        assert '<span class="hint deck-twin">(deck-copy, created ' in html, page
        assert "(lonely, created" not in html, page  # a unique title needs no hint
        assert single.title in html, page
