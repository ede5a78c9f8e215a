"""Browser: an instructor imports the seed article, reviews with the keyboard, edits, publishes,
assigns to a cohort; a trainee of that cohort then sees the deck."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Cohort, Deck, Item, Membership, User
from tests.conftest import PASSWORD, PROJECT_ROOT

SEED = next(
    path
    for path in (
        PROJECT_ROOT / "decks" / "axis-of-resistance.txt",
        Path("/work/shared/seed/axis-of-resistance.txt"),
    )
    if path.exists()
)


def _user(role: str, email: str, name: str) -> User:
    user = User(email=email, name=name, role=role)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


def _login(page, url: str, email: str) -> None:
    page.goto(url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/$"))


def test_instructor_article_to_assigned_deck(live_server, generation_worker, page):
    app = live_server.app
    # Generation runs in its background thread; the job page polls it with author.js.
    app.config["GENERATION_SYNC"] = False
    with app.app_context():
        instructor = _user("instructor", "ines@example.com", "Ines Instructor")
        trainee = _user("trainee", "tom@example.com", "Tom Trainee")
        cohort = Cohort(name="Analysts 2026", instructor_id=instructor.id)
        db.session.add(cohort)
        db.session.commit()
        db.session.add(Membership(cohort_id=cohort.id, user_id=trainee.id))
        db.session.commit()

    csp_errors: list[str] = []
    page.on(
        "console", lambda m: csp_errors.append(m.text) if "Content Security" in m.text else None
    )
    url = live_server.url
    _login(page, url, "ines@example.com")

    # Import by paste from the decks list, found without documentation.
    page.get_by_role("link", name="Decks").first.click()
    page.get_by_text("You have no decks yet.").wait_for()
    page.get_by_role("link", name="Import an article").first.click()
    page.get_by_label("Paste the article text").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_label("Author").fill("Seed Author")
    page.get_by_role("button", name="Import and generate questions").click()

    # The job page shows progress, then author.js moves on to the review queue.
    page.wait_for_url(re.compile(r".*/author/(jobs|decks)/\d+$"))
    page.wait_for_url(re.compile(r".*/author/decks/\d+$"), timeout=120_000)
    deck_id = int(page.url.rsplit("/", 1)[1])
    items = page.locator(".review-item")
    count = items.count()
    assert count >= 5
    assert page.locator(".review-item mark").count() >= count - 1

    # Keyboard: the first item has focus; 'a' approves it in place, focus moves to the next.
    first = items.nth(0)
    assert first.evaluate("el => el === document.activeElement")
    page.keyboard.press("a")
    first.locator(".status-badge", has_text="approved").wait_for()
    assert items.nth(1).evaluate("el => el === document.activeElement")
    # 'j' then 'r' rejects the third item; 'k' goes back up.
    page.keyboard.press("j")
    assert items.nth(2).evaluate("el => el === document.activeElement")
    page.keyboard.press("r")
    items.nth(2).locator(".status-badge", has_text="rejected").wait_for()
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert items.nth(1).evaluate("el => el === document.activeElement")

    # 'e' opens the editor for the focused item; change the explanation and pick a span.
    second_id = int(items.nth(1).get_attribute("data-item-id"))
    page.keyboard.press("e")
    page.wait_for_url(re.compile(rf".*/author/items/{second_id}/edit.*"))
    page.get_by_label("Explanation (shown after answering)").fill("Checked by Ines.")
    # Select the first sentence of the second paragraph in the article view with the mouse.
    paragraph = page.locator("#article-text p").nth(1)
    paragraph.click(click_count=3)
    page.wait_for_function("document.getElementById('source_end').value !== ''")
    start = int(page.get_by_label("Source start (character offset)").input_value())
    end = int(page.get_by_label("Source end (character offset)").input_value())
    page.get_by_role("button", name="Save item").click()
    page.get_by_text("Item saved.").wait_for()

    with app.app_context():
        edited = db.session.get(Item, second_id)
        text = db.session.get(Deck, deck_id).source.text
        assert edited.explanation == "Checked by Ines." and "edited" in edited.tags
        assert edited.quote == text[start:end] and edited.quote.strip()
        assert edited.status == "draft"

    # Approve all above a score, then publish.
    page.get_by_label("Approve all drafts with score at least").fill("0.5")
    page.get_by_role("button", name="Approve all above score").click()
    page.get_by_text(re.compile(r"Approved \d+ draft item")).wait_for()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text(re.compile(r"Published: trainees in assigned cohorts now see")).wait_for()

    # Assign to the cohort with a due date.
    page.get_by_role("link", name="Assign to a cohort").click()
    page.get_by_label("Cohort").select_option(label="Analysts 2026")
    due = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    page.get_by_label("Due date (optional)").fill(due)
    page.get_by_role("button", name="Assign").click()
    page.get_by_text("Deck assigned to Analysts 2026.").wait_for()
    assert page.get_by_text(f"due {due}").is_visible()

    with app.app_context():
        deck = db.session.get(Deck, deck_id)
        title = deck.title
        approved = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Item)
            .where(Item.deck_id == deck_id, Item.status == "approved")
        )
        assert deck.status == "published" and approved >= 2

    # The trainee of that cohort sees the deck on their dashboard.
    page.get_by_role("button", name="Log out").click()
    _login(page, url, "tom@example.com")
    page.get_by_role("heading", name=title).wait_for()
    assert page.get_by_text(f"{approved} cards").is_visible()
    assert csp_errors == []
