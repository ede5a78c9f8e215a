"""Dashboards per role, cohorts and their members, the admin's user list, the account page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from quizapp.models import Assignment, CardState, Cohort, Deck, Item, Membership, User
from quizapp.services import accounts
from tests.conftest import PASSWORD

JSON = {"Accept": "application/json"}


@pytest.fixture
def instructor(make_user):
    return make_user("instructor", name="Iris Instructor")


@pytest.fixture
def trainee(make_user):
    return make_user("trainee", name="Tom Trainee")


def _deck(db, owner, title="Axis", status="published", items=3, slug=None):
    deck = Deck(slug=slug or title.lower(), title=title, owner_id=owner.id, status=status)
    db.session.add(deck)
    db.session.flush()
    for n in range(items):
        db.session.add(
            Item(
                deck_id=deck.id,
                key=f"k{n}",
                type="basic",
                prompt=f"Question {n}?",
                answer=f"Answer {n}",
                status="approved",
            )
        )
    db.session.commit()
    return deck


def _cohort(db, instructor, *members, name="Morning group"):
    cohort = accounts.create_cohort(instructor, name)
    for member in members:
        accounts.add_member(cohort, member)
    return cohort


def _member_ids(db, cohort_id):
    return set(
        db.session.scalars(sa.select(Membership.user_id).where(Membership.cohort_id == cohort_id))
    )


# Dashboards -------------------------------------------------------------------------------------


def test_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_trainee_without_cohort_is_told_what_to_do(client, auth, trainee):
    auth.login(trainee)
    html = client.get("/").get_data(as_text=True)
    assert "You are not in a cohort yet" in html
    assert trainee.email in html


def test_trainee_in_cohort_without_decks(client, auth, db, instructor, trainee):
    _cohort(db, instructor, trainee, name="Evening group")
    auth.login(trainee)
    html = client.get("/").get_data(as_text=True)
    assert "You are in Evening group, but no deck is assigned" in html


def test_trainee_sees_assigned_published_decks_with_counts(
    client, auth, db, instructor, trainee, make_user, now
):
    cohort = _cohort(db, instructor, trainee)
    published = _deck(db, instructor, "Axis of resistance", items=3)
    draft = _deck(db, instructor, "Unfinished draft", status="draft")
    unassigned = _deck(db, instructor, "Not for you")
    due_date = date(2026, 4, 1)
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=published.id, due_date=due_date))
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=draft.id))
    # One card already due, one due tomorrow, one never seen.
    items = published.items
    for item, due in ((items[0], now - timedelta(hours=1)), (items[1], now + timedelta(days=1))):
        db.session.add(
            CardState(user_id=trainee.id, item_id=item.id, deck_id=published.id, fsrs={}, due=due)
        )
    db.session.commit()

    from quizapp.services import dashboard

    (summary,) = dashboard.trainee_decks(trainee, now=now)
    assert (summary.deck.id, summary.items, summary.seen, summary.due, summary.new) == (
        published.id,
        3,
        2,
        1,
        1,
    )
    assert summary.due_date == due_date

    auth.login(trainee)
    html = client.get("/").get_data(as_text=True)
    assert "Axis of resistance" in html
    assert "Unfinished draft" not in html
    assert unassigned.title not in html
    assert "Finish by 01 Apr 2026" in html
    # Links to the study and quiz areas appear only when those endpoints exist.
    app = client.application
    for endpoint, label in (("study.deck", "Study"), ("quiz.deck", "Take a quiz")):
        if endpoint in app.view_functions:
            assert label in html


def test_instructor_empty_dashboard_says_what_to_do_next(client, auth, instructor):
    auth.login(instructor)
    html = client.get("/").get_data(as_text=True)
    assert "No decks yet" in html
    assert "No cohorts yet" in html
    assert 'href="/cohorts"' in html
    if "author.index" in client.application.view_functions:
        assert "Import an article" in html


def test_instructor_dashboard_lists_only_own_decks_and_cohorts(
    client, auth, db, instructor, make_user, trainee
):
    other = make_user("instructor", name="Olga Other")
    mine = _deck(db, instructor, "My deck", status="draft", items=2)
    _deck(db, other, "Their deck")
    cohort = _cohort(db, instructor, trainee, name="Mine cohort")
    _cohort(db, other, name="Their cohort")
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=mine.id))
    db.session.commit()
    auth.login(instructor)
    html = client.get("/").get_data(as_text=True)
    assert "My deck" in html and "Mine cohort" in html
    assert "Their deck" not in html and "Their cohort" not in html
    assert "None of your decks is published yet" in html
    assert f'<a href="/author/decks/{mine.id}">My deck</a>' in html  # the title opens the deck
    # With decks already there, the next article and the results are still one click away.
    if "author.import_article" in client.application.view_functions:
        assert 'class="button primary" href="/author/import"' in html
    if "analytics.index" in client.application.view_functions:
        assert 'href="/analytics/">See cohort results' in html


def test_admin_dashboard_counts_users(client, auth, make_user, instructor, trainee):
    admin = make_user("admin", name="Ada Admin")
    auth.login(admin)
    html = client.get("/").get_data(as_text=True)
    assert "3 accounts" in html
    assert "1 trainee · 1 instructor · 1 admin" in html
    assert 'href="/users"' in html


# Cohorts ----------------------------------------------------------------------------------------


def test_instructor_creates_cohort(client, auth, db, instructor):
    auth.login(instructor)
    assert "No cohorts yet" in client.get("/cohorts").get_data(as_text=True)
    response = client.post("/cohorts", data={"name": "  Spring intake  "})
    cohort = db.session.scalar(sa.select(Cohort))
    assert cohort.name == "Spring intake" and cohort.instructor_id == instructor.id
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort.id}"
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Spring intake" in page and "No trainees yet" in page


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_001])
def test_bad_cohort_names_get_a_form_error(client, auth, db, instructor, name):
    auth.login(instructor)
    response = client.post("/cohorts", data={"name": name})
    assert response.status_code == 200
    assert 'class="error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 0


def test_add_existing_trainee_by_email(client, auth, db, instructor, trainee):
    cohort = _cohort(db, instructor)
    auth.login(instructor)
    response = client.post(
        f"/cohorts/{cohort.id}/members", data={"add-email": trainee.email.upper()}
    )
    assert response.status_code == 302
    assert _member_ids(db, cohort.id) == {trainee.id}
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Tom Trainee" in page and "joined Morning group" in page


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "This field is required."),
        ("nobody@example.com", "No trainee account uses nobody@example.com"),
        ("x" * 10_001, "This cannot be longer than 254 characters."),
    ],
)
def test_add_member_errors(client, auth, db, instructor, email, message):
    cohort = _cohort(db, instructor)
    auth.login(instructor)
    response = client.post(f"/cohorts/{cohort.id}/members", data={"add-email": email})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _member_ids(db, cohort.id) == set()


def test_add_member_rejects_instructors_and_duplicates(client, auth, db, instructor, trainee):
    cohort = _cohort(db, instructor, trainee)
    auth.login(instructor)
    again = client.post(f"/cohorts/{cohort.id}/members", data={"add-email": trainee.email})
    assert "already in this cohort" in again.get_data(as_text=True)
    other = client.post(f"/cohorts/{cohort.id}/members", data={"add-email": instructor.email})
    assert f"No trainee account uses {instructor.email}" in other.get_data(as_text=True)
    assert _member_ids(db, cohort.id) == {trainee.id}


def test_create_trainee_in_cohort_then_log_in_as_them(client, auth, db, instructor):
    cohort = _cohort(db, instructor)
    auth.login(instructor)
    response = client.post(
        f"/cohorts/{cohort.id}/trainees",
        data={
            "new-name": "Nina New",
            "new-email": "Nina@Example.com",
            "new-password": "s3cret-pass",
        },
    )
    assert response.status_code == 302
    user = accounts.find_user("nina@example.com")
    assert user.role == "trainee" and user.name == "Nina New"
    assert _member_ids(db, cohort.id) == {user.id}
    auth.logout()
    login = auth.login("nina@example.com", "s3cret-pass")
    assert login.status_code == 302
    assert "You are in Morning group" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"new-name": "", "new-email": "a@example.com", "new-password": "longenough"}, "required"),
        ({"new-name": "A", "new-email": "not-an-email", "new-password": "longenough"}, "Invalid"),
        ({"new-name": "A", "new-email": "a@example.com", "new-password": "short"}, "at least 8"),
        (
            {"new-name": "A" * 10_001, "new-email": "a@example.com", "new-password": "longenough"},
            "longer than 120",
        ),
        (
            {"new-name": "A", "new-email": "a@example.com", "new-password": "p" * 10_001},
            "between 8 and 1000",
        ),
        ({"new-name": "A", "new-email": "taken@example.com", "new-password": "x" * 9}, "already"),
    ],
)
def test_create_trainee_errors(client, auth, db, instructor, make_user, data, message):
    make_user("trainee", email="taken@example.com")
    cohort = _cohort(db, instructor)
    auth.login(instructor)
    response = client.post(f"/cohorts/{cohort.id}/trainees", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _member_ids(db, cohort.id) == set()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2


def test_remove_member_keeps_the_account(client, auth, db, instructor, trainee):
    cohort = _cohort(db, instructor, trainee)
    auth.login(instructor)
    response = client.post(f"/cohorts/{cohort.id}/members/{trainee.id}/remove")
    assert response.status_code == 302
    assert _member_ids(db, cohort.id) == set()
    assert db.session.get(User, trainee.id) is not None
    # Removing someone who is not a member is an unknown resource.
    assert client.post(f"/cohorts/{cohort.id}/members/{trainee.id}/remove").status_code == 404


def test_cohort_access_is_limited_to_owner_and_admin(client, auth, db, instructor, make_user):
    other = make_user("instructor")
    trainee = make_user("trainee")
    admin = make_user("admin")
    cohort = _cohort(db, instructor, trainee)
    urls = [
        ("get", f"/cohorts/{cohort.id}", {}),
        ("post", f"/cohorts/{cohort.id}/members", {"add-email": trainee.email}),
        ("post", f"/cohorts/{cohort.id}/trainees", {"new-name": "Z", "new-email": "z@example.com"}),
        ("post", f"/cohorts/{cohort.id}/members/{trainee.id}/remove", {}),
    ]
    for user in (other, trainee):
        auth.login(user)
        for method, url, data in urls:
            assert getattr(client, method)(url, data=data).status_code == 403, (user, url)
        auth.logout()
    assert _member_ids(db, cohort.id) == {trainee.id}
    auth.login(admin)
    assert client.get(f"/cohorts/{cohort.id}").status_code == 200
    assert "Morning group" in client.get("/cohorts").get_data(as_text=True)


def test_unknown_cohort_is_404(client, auth, instructor):
    auth.login(instructor)
    assert client.get("/cohorts/999").status_code == 404
    assert (
        client.post("/cohorts/999/members", data={"add-email": "a@example.com"}).status_code == 404
    )


def test_cohort_list_shows_only_own_cohorts(client, auth, db, instructor, make_user):
    other = make_user("instructor")
    _cohort(db, instructor, name="Alpha")
    _cohort(db, other, name="Beta")
    auth.login(instructor)
    html = client.get("/cohorts").get_data(as_text=True)
    assert "Alpha" in html and "Beta" not in html


def test_user_text_is_escaped(client, auth, db, instructor):
    auth.login(instructor)
    client.post("/cohorts", data={"name": "<script>alert(1)</script>"})
    html = client.get("/cohorts").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Users (admin) ----------------------------------------------------------------------------------


def test_admin_lists_users_and_changes_a_role(client, auth, db, make_user, trainee):
    admin = make_user("admin")
    auth.login(admin)
    html = client.get("/users").get_data(as_text=True)
    assert trainee.email in html and admin.email in html
    assert f'for="u{trainee.id}-role"' in html
    response = client.post(f"/users/{trainee.id}/role", data={f"u{trainee.id}-role": "instructor"})
    assert response.status_code == 302
    db.session.refresh(trainee)
    assert trainee.role == "instructor"
    assert "is now instructor" in client.get("/users").get_data(as_text=True)


def test_role_change_errors(client, auth, db, make_user, trainee):
    admin = make_user("admin")
    auth.login(admin)
    client.post(f"/users/{trainee.id}/role", data={f"u{trainee.id}-role": "wizard"})
    db.session.refresh(trainee)
    assert trainee.role == "trainee"
    assert "Choose one of the listed roles" in client.get("/users").get_data(as_text=True)
    # The last admin cannot demote themselves and lock everyone out of this page.
    client.post(f"/users/{admin.id}/role", data={f"u{admin.id}-role": "trainee"})
    db.session.refresh(admin)
    assert admin.role == "admin"
    assert "only admin" in client.get("/users").get_data(as_text=True)
    assert client.post("/users/999/role", data={"u999-role": "admin"}).status_code == 404


def test_admin_may_hand_over_the_role(client, auth, db, make_user):
    first, second = make_user("admin"), make_user("admin")
    auth.login(first)
    response = client.post(f"/users/{first.id}/role", data={f"u{first.id}-role": "instructor"})
    assert response.headers["Location"] == "/"
    db.session.refresh(first)
    assert first.role == "instructor" and second.role == "admin"
    assert client.get("/users").status_code == 403


def test_users_page_is_admin_only(client, auth, make_user, trainee):
    instructor = make_user("instructor")
    for user in (instructor, trainee):
        auth.login(user)
        assert client.get("/users").status_code == 403
        response = client.post(f"/users/{trainee.id}/role", data={f"u{trainee.id}-role": "admin"})
        assert response.status_code == 403
        auth.logout()
    assert accounts.find_user(trainee.email).role == "trainee"


# Account ----------------------------------------------------------------------------------------


def test_account_page(client, auth, db, instructor, trainee):
    _cohort(db, instructor, trainee, name="Night shift")
    auth.login(trainee)
    html = client.get("/account").get_data(as_text=True)
    assert trainee.email in html and "Night shift" in html
    assert 'href="/auth/password"' in html


def test_account_needs_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/account"
    assert client.get("/account", headers=JSON).status_code == 401


def test_nav_depends_on_role(client, auth, make_user, trainee):
    auth.login(trainee)
    html = client.get("/").get_data(as_text=True)
    assert 'href="/cohorts"' not in html and 'href="/users"' not in html
    auth.logout()
    auth.login(make_user("admin"))
    html = client.get("/").get_data(as_text=True)
    assert 'href="/cohorts"' in html and 'href="/users"' in html
    assert PASSWORD not in html


def test_export_is_offered_on_the_dashboard_and_the_study_list(
    client, auth, db, instructor, trainee
):
    # Issue 17: export was only on a deck's progress page.
    cohort = _cohort(db, instructor, trainee)
    deck = _deck(db, instructor, "Axis of resistance", items=2, slug="axis")
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id))
    db.session.commit()
    auth.login(trainee)
    link = f'href="/export/{deck.slug}.apkg">Export to Anki'
    for page in ("/", "/study/"):
        assert link in client.get(page).get_data(as_text=True), page
    response = client.get(f"/export/{deck.slug}.apkg")
    assert response.status_code == 200 and response.data[:2] == b"PK"
