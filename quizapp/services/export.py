"""Export use cases: permission, live items → domain deck → file bytes (read-only; no commits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa
from fsrs import Card, Scheduler

from quizapp.domain import anki, formats
from quizapp.domain.anki import ExportError
from quizapp.domain.anki_history import owner_marker
from quizapp.domain.items import Deck as DomainDeck
from quizapp.extensions import db
from quizapp.models import Assignment, CardState, Deck, Item, Membership, User
from quizapp.services.deck_rows import deck_to_domain

__all__ = ["ExportError", "ExportFile", "FORMATS", "WEAK_LAPSES", "WEAK_RECALL"]

WEAK_LAPSES = 2
WEAK_RECALL = 0.8


class ExportFile(NamedTuple):
    """A finished export: download name, MIME type and content."""

    filename: str
    mimetype: str
    data: bytes


# fmt → (file extension, MIME type, renderer of a domain deck)
FORMATS = {
    "apkg": ("apkg", "application/apkg", anki.deck_to_apkg),
    "csv": ("csv", "text/csv; charset=utf-8", lambda deck: formats.to_csv(deck).encode()),
    "gift": ("gift.txt", "text/plain; charset=utf-8", lambda deck: formats.to_gift(deck).encode()),
    "json": ("json", "application/json", lambda deck: formats.to_json(deck).encode()),
}


def find_deck(slug: str) -> Deck | None:
    """The deck with this slug, or None."""
    return db.session.scalar(sa.select(Deck).where(Deck.slug == slug))


def can_export(user: User, deck: Deck) -> bool:
    """Owner instructor, admin, or a trainee in a cohort the published deck is assigned to."""
    if user.role == "admin" or (user.is_instructor and deck.owner_id == user.id):
        return True
    if deck.status != "published":
        return False
    query = (
        sa.select(Assignment.id)
        .join(Membership, Membership.cohort_id == Assignment.cohort_id)
        .where(Membership.user_id == user.id, Assignment.deck_id == deck.id)
        .limit(1)
    )
    return db.session.scalar(query) is not None


def live_items(deck: Deck) -> list[Item]:
    """Approved, not retired items in deck order."""
    query = (
        sa.select(Item)
        .where(Item.deck_id == deck.id, Item.status == "approved", Item.retired_at.is_(None))
        .order_by(Item.id)
    )
    return list(db.session.scalars(query))


def _content_changed_at(deck: Deck, items: list[Item]) -> datetime:
    # The newest of the deck's and its items' change times: an item edit must make the
    # package newer even if the deck row was not touched.
    stamps = [deck.updated_at, *(item.updated_at for item in items)]
    return max(stamp for stamp in stamps if stamp is not None)


def domain_deck(deck: Deck, items: list[Item] | None = None) -> DomainDeck:
    """The domain deck of the given items (default: live ones), stamped with its last change."""
    items = live_items(deck) if items is None else items
    result = deck_to_domain(deck, items)
    result.updated_at = _content_changed_at(deck, items)
    return result


def render(
    deck: DomainDeck, fmt: str, *, stem: str | None = None, owner: User | None = None
) -> ExportFile:
    """Render a domain deck in one of FORMATS; raises ExportError when it cannot be exported.

    An .apkg made for `owner` tags its notes with that account's marker, so the reviews Anki
    exports back (services/anki_history.py) are accepted for that account only.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    extension, mimetype, renderer = FORMATS[fmt]
    if fmt == "apkg" and owner is not None:
        marker = owner_marker(owner.id, owner.created_at)
        data = anki.deck_to_apkg(deck, owner=marker)
    else:
        data = renderer(deck)
    return ExportFile(f"{stem or deck.slug}.{extension}", mimetype, data)


def export_deck(deck: Deck, fmt: str, *, owner: User | None = None) -> ExportFile:
    """The deck's live items as a file (an .apkg tagged for `owner`, when given)."""
    return render(domain_deck(deck), fmt, owner=owner)


def is_weak(state: CardState, now: datetime, scheduler: Scheduler | None = None) -> bool:
    """Lapsed at least twice, or predicted recall below 80% now."""
    if state.lapses >= WEAK_LAPSES:
        return True
    card = Card.from_dict(state.fsrs)
    if card.last_review is None:
        return False  # never reviewed: not weak, just new
    recall = (scheduler or Scheduler()).get_card_retrievability(card, now)
    return recall < WEAK_RECALL


def weak_items(user: User, deck: Deck, *, now: datetime | None = None) -> list[Item]:
    """The user's weak live items in this deck."""
    now = now or datetime.now(UTC)
    query = (
        sa.select(Item, CardState)
        .join(CardState, CardState.item_id == Item.id)
        .where(
            CardState.user_id == user.id,
            Item.deck_id == deck.id,
            Item.status == "approved",
            Item.retired_at.is_(None),
        )
        .order_by(Item.id)
    )
    scheduler = Scheduler()
    return [item for item, state in db.session.execute(query) if is_weak(state, now, scheduler)]


def export_weak(user: User, deck: Deck, fmt: str, *, now: datetime | None = None) -> ExportFile:
    """The user's weak cards as their own sub-deck ("<title>::Weak cards")."""
    items = weak_items(user, deck, now=now)
    if not items:
        raise ExportError(
            f"You have no weak cards in {deck.title!r}: none lapsed {WEAK_LAPSES} times or more "
            f"or has a predicted recall below {WEAK_RECALL:.0%}. Keep studying!"
        )
    base = domain_deck(deck, items)
    # Its own slug: its own Anki deck and notes, so it never clashes with the full deck.
    weak = replace(base, slug=f"{deck.slug}--weak", title=f"{anki.deck_name(base)}::Weak cards")
    return render(weak, fmt, stem=f"{deck.slug}-weak-cards", owner=user)
