"""Test data for the quiz tests: a published deck assigned to a trainee's cohort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from quizapp.extensions import db
from quizapp.models import Assignment, Cohort, Deck, Item, Membership, Source, User

QUOTE = "The Khmeimim air base near Latakia is run by Russia."
TEXT = "Intro sentence. " + QUOTE + " Closing sentence."


@dataclass
class World:
    instructor: User
    trainee: User
    outsider: User
    deck: Deck
    items: list[Item]
    cohort: Cohort

    def by_type(self, type_: str) -> list[Item]:
        return [i for i in self.items if i.type == type_]


def make_item(deck: Deck, n: int, type_: str, **fields) -> Item:
    """An approved item quoting the source sentence; mcq answer "Russia", typed "Khmeimim"."""
    start = TEXT.index(QUOTE)
    base = {
        "mcq": dict(
            prompt=f"Q{n}: Which country runs the Khmeimim air base?",
            answer="Russia",
            choices=["Iran", "Russia", "Turkey", "Syria"],
        ),
        "true_false": dict(prompt=f"Q{n}: Russia runs the Khmeimim air base.", answer="True"),
        "cloze": dict(prompt=f"Q{n}: The ____ air base is near Latakia.", answer="Khmeimim"),
        "short_answer": dict(
            prompt=f"Q{n}: Which air base near Latakia does Russia run?",
            answer="Khmeimim",
            accepted=["Hmeimim"],
        ),
    }[type_]
    values = dict(
        deck=deck,
        key=f"{type_}-{n}",
        type=type_,
        explanation="The article says Russia runs the base.",
        source_start=start,
        source_end=start + len(QUOTE),
        quote=QUOTE,
        topic="Bases",
        status="approved",
        **base,
    )
    values.update(fields)
    item = Item(**values)
    db.session.add(item)
    return item


def build_world(make_user, *, per_type: int = 3, status: str = "published") -> World:
    """Instructor-owned deck with `per_type` items of each type, assigned to the trainee."""
    instructor = make_user("instructor")
    trainee = make_user("trainee")
    outsider = make_user("trainee")
    source = Source(title="Axis", text=TEXT, sha256="0" * 64, created_by=instructor.id)
    deck = Deck(
        slug="axis",
        title="Axis of resistance",
        owner=instructor,
        source=source,
        status=status,
        published_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    db.session.add(deck)
    n = 0
    items = []
    for type_ in ("mcq", "true_false", "cloze", "short_answer"):
        for _ in range(per_type):
            n += 1
            items.append(make_item(deck, n, type_))
    cohort = Cohort(name="Spring", instructor=instructor)
    db.session.add(cohort)
    db.session.flush()
    db.session.add(Membership(cohort_id=cohort.id, user_id=trainee.id))
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id))
    db.session.commit()
    return World(instructor, trainee, outsider, deck, items, cohort)


def right_answer(item: Item) -> str | int:
    """The response a perfect trainee gives."""
    if item.type == "mcq":
        return item.choices.index(item.answer)
    return item.answer


def wrong_answer(item: Item) -> str | int:
    """A response that grades wrong."""
    if item.type == "mcq":
        return item.choices.index("Iran")
    if item.type == "true_false":
        return "False"
    return "Tartus"
