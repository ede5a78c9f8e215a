"""Dashboard summaries on every backend."""

from datetime import date, timedelta

from quizapp.models import Assignment, CardState, Deck, Item
from quizapp.services import accounts, dashboard


def _deck(db, owner, slug, status="published", statuses=("approved", "approved", "draft")):
    deck = Deck(slug=slug, title=slug.title(), owner_id=owner.id, status=status)
    db.session.add(deck)
    db.session.flush()
    for n, status_ in enumerate(statuses):
        db.session.add(
            Item(
                deck_id=deck.id, key=f"k{n}", type="basic", prompt="Q?", answer="A", status=status_
            )
        )
    db.session.commit()
    return deck


def test_trainee_and_instructor_summaries(app, db, now):
    instructor = accounts.create_user("i@example.com", "Iris", "password123", "instructor")
    trainee = accounts.create_user("t@example.com", "Tom", "password123")
    first = accounts.create_cohort(instructor, "First")
    second = accounts.create_cohort(instructor, "Second")
    accounts.add_member(first, trainee)
    accounts.add_member(second, trainee)
    deck = _deck(db, instructor, "alpha")
    draft = _deck(db, instructor, "beta", status="draft")
    # The same deck assigned twice: listed once, with the earlier due date.
    db.session.add_all(
        [
            Assignment(cohort_id=first.id, deck_id=deck.id, due_date=date(2026, 5, 1)),
            Assignment(cohort_id=second.id, deck_id=deck.id, due_date=date(2026, 4, 1)),
            Assignment(cohort_id=first.id, deck_id=draft.id),
        ]
    )
    approved = [item for item in deck.items if item.status == "approved"]
    db.session.add_all(
        [
            CardState(
                user_id=trainee.id, item_id=approved[0].id, deck_id=deck.id, fsrs={},
                due=now - timedelta(minutes=5),
            ),
            CardState(
                user_id=trainee.id, item_id=approved[1].id, deck_id=deck.id, fsrs={},
                due=now + timedelta(days=3),
            ),
        ]
    )  # fmt: skip
    db.session.commit()

    (summary,) = dashboard.trainee_decks(trainee, now=now)
    assert summary.deck.id == deck.id
    assert (summary.items, summary.seen, summary.due, summary.new) == (2, 2, 1, 0)
    assert summary.due_date == date(2026, 4, 1)
    later = dashboard.trainee_decks(trainee, now=now + timedelta(days=4))
    assert later[0].due == 2

    decks = {d.deck.slug: d for d in dashboard.instructor_decks(instructor)}
    assert (decks["alpha"].approved, decks["alpha"].draft, decks["alpha"].cohorts) == (2, 1, 2)
    assert (decks["beta"].approved, decks["beta"].cohorts) == (2, 1)

    summaries = dashboard.cohort_summaries(accounts.cohorts_for(instructor))
    assert [(s.cohort.name, s.members, s.deck_titles) for s in summaries] == [
        ("First", 1, ["Alpha", "Beta"]),
        ("Second", 1, ["Alpha"]),
    ]
    assert dashboard.site_counts() == {"decks": 2, "published": 1, "cohorts": 2}
    assert [c.name for c in dashboard.user_cohorts(trainee)] == ["First", "Second"]


def test_empty_summaries(app):
    trainee = accounts.create_user("t@example.com", "Tom", "password123")
    assert dashboard.trainee_decks(trainee) == []
    assert dashboard.instructor_decks(trainee) == []
    assert dashboard.cohort_summaries([]) == []
