"""Authoring use cases: import sources, create decks, publish, assign, settings, delete."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp.domain.authoring import later_than, slugify
from quizapp.extensions import db
from quizapp.models import (
    ENGINES,
    Assignment,
    Attempt,
    CardState,
    Cohort,
    Deck,
    GenerationJob,
    Item,
    Quiz,
    ReviewLog,
    Source,
    User,
    utcnow,
)

RETENTION_RANGE = (0.7, 0.99)
NEW_PER_DAY_RANGE = (0, 1000)


class AuthoringError(Exception):
    """A request the service refuses; the message is shown to the instructor."""


@dataclass
class ImportOutcome:
    """The source an import produced, and whether it was new or an earlier import reused."""

    source: Source
    created: bool


def can_manage(user: User, deck: Deck) -> bool:
    """Owners and admins may see and change a deck in the authoring area."""
    return user.is_admin or (user.is_instructor and deck.owner_id == user.id)


def import_source(
    user: User,
    data: bytes | str,
    filename: str = "article.txt",
    *,
    title: str = "",
    author: str = "",
    publication: str = "",
    url: str = "",
) -> ImportOutcome:
    """Parse an article and store it as a Source; an identical earlier import is returned instead.

    Raises the reader's ArticleError when the file holds no usable article or one the generator
    cannot read (another language); nothing is stored then. Details the instructor leaves empty
    come from the page's own metadata.
    """
    article = read_article(data, filename, title=title, url=url)
    existing = source_by_sha(article.sha256)
    if existing is not None:
        return ImportOutcome(existing, created=False)
    source = new_source(user.id, article, title=title, author=author, publication=publication)
    db.session.add(source)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone imported the same article between our check and our insert.
        db.session.rollback()
        return ImportOutcome(source_by_sha(article.sha256), created=False)
    return ImportOutcome(source, created=True)


def read_article(data: bytes | str, filename: str, *, title: str = "", url: str = ""):
    """Parse an article the generator can read, or raise the reader's ArticleError."""
    from quizapp.generation.segment import parse_article, require_generation_language

    article = parse_article(data, filename, title=title.strip() or None, url=url)
    require_generation_language(article)
    return article


def new_source(
    user_id: int | None, article, *, title: str = "", author: str = "", publication: str = ""
) -> Source:
    """An unsaved Source for a parsed article; empty details come from the page's metadata."""
    return Source(
        title=(title.strip() or article.title or "Untitled article")[:300],
        author=(author.strip() or article.byline)[:300],
        publication=(publication.strip() or attribution_of(article))[:300],
        url=article.url[:2000],
        text=article.text,
        sha256=article.sha256,
        created_by=user_id,
    )


def attribution_of(article) -> str:
    """The site and date of a page's metadata, or the venue line of a text's attribution header."""
    parts = [part for part in (article.site or article.venue, article.published) if part]
    return ", ".join(parts)


def source_by_sha(sha256: str) -> Source | None:
    """The source with this text hash, if imported before."""
    return db.session.scalar(sa.select(Source).where(Source.sha256 == sha256))


def visible_decks_of_source(source: Source, user: User) -> list[Deck]:
    """Decks made from the source that the user may manage."""
    query = sa.select(Deck).where(Deck.source_id == source.id).order_by(Deck.id)
    if not user.is_admin:
        query = query.where(Deck.owner_id == user.id)
    return list(db.session.scalars(query))


def my_decks(user: User) -> list[Deck]:
    """The user's decks (all decks for an admin), most recently changed first."""
    query = sa.select(Deck).order_by(Deck.updated_at.desc(), Deck.id.desc())
    if not user.is_admin:
        query = query.where(Deck.owner_id == user.id)
    return list(db.session.scalars(query))


def my_sources(user: User) -> list[Source]:
    """Articles the user imported (all for an admin), newest first."""
    query = sa.select(Source).order_by(Source.created_at.desc(), Source.id.desc())
    if not user.is_admin:
        query = query.where(Source.created_by == user.id)
    return list(db.session.scalars(query))


def status_counts(decks: list[Deck]) -> dict[int, Counter]:
    """Per deck id, how many live items are in each status (retired items left out)."""
    counts: dict[int, Counter] = {deck.id: Counter() for deck in decks}
    if not decks:
        return counts
    rows = db.session.execute(
        sa.select(Item.deck_id, Item.status, sa.func.count())
        .where(Item.deck_id.in_(counts), Item.retired_at.is_(None))
        .group_by(Item.deck_id, Item.status)
    )
    for deck_id, status, number in rows:
        counts[deck_id][status] = number
    return counts


def unique_slug(title: str) -> str:
    """A slug from the title that no deck uses yet (suffixes -2, -3, … when taken)."""
    base = slugify(title, max_length=100)
    taken = set(
        db.session.scalars(
            sa.select(Deck.slug).where(sa.or_(Deck.slug == base, Deck.slug.like(base + "-%")))
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def create_draft_deck(
    user: User, source: Source, *, title: str = "", engine: str = "rules"
) -> Deck:
    """A new empty draft deck owned by the user, quoting the source, with its generator."""
    if engine not in ENGINES:
        raise AuthoringError(f"Choose the rules or the llm engine, not {engine!r}.")
    deck_title = (title.strip() or source.title)[:300]
    for _ in range(3):
        deck = Deck(
            slug=unique_slug(deck_title),
            title=deck_title,
            source_id=source.id,
            owner_id=user.id,
            status="draft",
            engine=engine,
        )
        db.session.add(deck)
        try:
            db.session.commit()
            return deck
        except IntegrityError:
            # A concurrent request took the slug; pick the next free one.
            db.session.rollback()
    raise AuthoringError("Could not find a free address for this deck; try another title.")


def touch(deck: Deck, now: datetime | None = None) -> datetime:
    """Mark a content change: updated_at strictly increases (Anki needs newer timestamps)."""
    deck.updated_at = later_than(deck.updated_at, now or utcnow())
    return deck.updated_at


def live_approved_count(deck: Deck) -> int:
    """Items trainees would see: approved and not retired."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Item)
        .where(Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None))
    )


def publish(deck: Deck, now: datetime | None = None) -> int:
    """Publish (or re-publish) the deck; refuses a deck without approved items."""
    if deck.status == "archived":
        raise AuthoringError("This deck is archived; it cannot be published again.")
    approved = live_approved_count(deck)
    if approved == 0:
        raise AuthoringError(
            "Approve at least one item before publishing: trainees only see approved items."
        )
    now = now or utcnow()
    deck.status = "published"
    deck.published_at = touch(deck, now)
    db.session.commit()
    return approved


def unpublish(deck: Deck, now: datetime | None = None) -> None:
    """Take the deck back to draft: trainees no longer see it."""
    if deck.status != "published":
        raise AuthoringError("Only a published deck can be unpublished.")
    deck.status = "draft"
    touch(deck, now)
    db.session.commit()


def has_trainee_progress(deck: Deck) -> bool:
    """True when any trainee studied or answered this deck (card states, reviews, attempts)."""
    checks = (
        sa.select(CardState.user_id).where(CardState.deck_id == deck.id),
        sa.select(ReviewLog.id).where(ReviewLog.deck_id == deck.id),
        sa.select(Attempt.id).join(Quiz, Attempt.quiz_id == Quiz.id).where(Quiz.deck_id == deck.id),
    )
    return any(db.session.scalar(query.limit(1)) is not None for query in checks)


def delete_deck(deck: Deck, now: datetime | None = None) -> str:
    """Delete the deck, or archive it when trainees have progress on it; returns what happened."""
    if has_trainee_progress(deck):
        deck.status = "archived"
        touch(deck, now)
        db.session.execute(sa.delete(Assignment).where(Assignment.deck_id == deck.id))
        db.session.commit()
        return "archived"
    for model in (GenerationJob, Assignment, Quiz):
        db.session.execute(sa.delete(model).where(model.deck_id == deck.id))
    db.session.delete(deck)
    db.session.commit()
    return "deleted"


def deck_assignments(deck: Deck) -> list[Assignment]:
    """The cohorts this deck is assigned to."""
    return list(
        db.session.scalars(
            sa.select(Assignment).where(Assignment.deck_id == deck.id).order_by(Assignment.id)
        )
    )


def assign(
    user: User,
    deck: Deck,
    cohort_id: int,
    due_date: date | None = None,
    *,
    today: date | None = None,
) -> Assignment:
    """Assign the deck to one of the user's cohorts (updates the due date when already assigned)."""
    if deck.status == "archived":
        raise AuthoringError("An archived deck cannot be assigned.")
    today = today or utcnow().date()
    if due_date is not None and due_date < today:
        # A past due date would mark every trainee "behind" the moment the deck is assigned.
        raise AuthoringError(
            f"The due date {due_date:%d %b %Y} has already passed; choose today or a later day."
        )
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or not (user.is_admin or cohort.instructor_id == user.id):
        raise AuthoringError("Choose one of your own cohorts.")
    assignment = db.session.scalar(
        sa.select(Assignment).where(
            Assignment.deck_id == deck.id, Assignment.cohort_id == cohort.id
        )
    )
    if assignment is None:
        assignment = Assignment(deck_id=deck.id, cohort_id=cohort.id)
        db.session.add(assignment)
    assignment.due_date = due_date
    db.session.commit()
    return assignment


def unassign(deck: Deck, assignment_id: int) -> None:
    """Remove one of the deck's assignments; unknown ids are an error."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.deck_id != deck.id:
        raise AuthoringError("That assignment does not exist.")
    db.session.delete(assignment)
    db.session.commit()


def update_settings(
    deck: Deck,
    *,
    title: str,
    description: str,
    desired_retention: float,
    new_per_day: int,
    now: datetime | None = None,
) -> None:
    """Change the deck's title, description and scheduling settings (validated ranges)."""
    low, high = RETENTION_RANGE
    if not low <= desired_retention <= high:
        raise AuthoringError(f"Desired retention must be between {low} and {high}.")
    if not NEW_PER_DAY_RANGE[0] <= new_per_day <= NEW_PER_DAY_RANGE[1]:
        raise AuthoringError("New cards per day must be between 0 and 1000.")
    if not title.strip():
        raise AuthoringError("The deck needs a title.")
    deck.title = title.strip()[:300]
    deck.description = description.strip()
    deck.desired_retention = desired_retention
    deck.new_per_day = new_per_day
    touch(deck, now)
    db.session.commit()
