"""Test data for the study and progress tests, made directly with models."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Assignment, Cohort, Deck, Item, Membership, Source, User

ARTICLE = (
    "The Axis\n\n"
    "Iran built a network of allied groups across the region. The Houthis joined it in 2015.\n\n"
    "Russia supplied jamming equipment at Khmeimim. It arrived in 2016.\n\n"
    "A closing paragraph without questions."
)


def quote_offsets(text: str, quote: str) -> tuple[int, int]:
    """Start and end of `quote` in `text` (asserting it is there)."""
    start = text.index(quote)
    return start, start + len(quote)


def make_deck(
    owner: User,
    *,
    n_items: int = 5,
    trainees: tuple[User, ...] = (),
    status: str = "published",
    slug: str | None = None,
    new_per_day: int = 20,
    topics: tuple[str, ...] = ("Alpha", "Beta"),
    with_source: bool = False,
) -> Deck:
    """A deck with `n_items` approved basic items, assigned to a cohort holding `trainees`."""
    slug = slug or f"deck-{owner.id}-{db.session.query(Deck).count() + 1}"
    source = None
    if with_source:
        source = Source(title="The Axis", text=ARTICLE, sha256=f"sha-{slug}")
        db.session.add(source)
    deck = Deck(
        slug=slug,
        title=f"Deck {slug}",
        owner_id=owner.id,
        status=status,
        new_per_day=new_per_day,
        source=source,
    )
    db.session.add(deck)
    db.session.flush()
    for n in range(n_items):
        db.session.add(
            Item(
                deck_id=deck.id,
                key=f"item-{n}",
                type="basic",
                prompt=f"Question {n}?",
                answer=f"Answer {n}",
                explanation=f"Because {n}.",
                quote=f"Answer {n} is in the article.",
                topic=topics[n % len(topics)],
                status="approved",
                origin="authored",
            )
        )
    if trainees:
        cohort = Cohort(name=f"Cohort {slug}", instructor_id=owner.id)
        db.session.add(cohort)
        db.session.flush()
        for trainee in trainees:
            db.session.add(Membership(cohort_id=cohort.id, user_id=trainee.id))
        db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id))
    db.session.commit()
    return deck
