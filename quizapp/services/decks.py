"""Load deck files into the database and write database decks back as deck files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from quizapp.domain.deckfile import dump_deck, load_deck, sha256_hex
from quizapp.domain.items import Deck as DomainDeck
from quizapp.domain.items import DeckSource, QuizItem
from quizapp.extensions import db
from quizapp.models import Deck, Item, Source, User, utcnow
from quizapp.services.deck_rows import CONTENT_FIELDS, copy_content, deck_to_domain

# Anki keeps note modification times in whole seconds and skips an update whose time is not newer,
# so every content change moves the deck's clock on by at least one second (DESIGN §7).
MIN_CLOCK_STEP = timedelta(seconds=1)


class DeckImportError(Exception):
    """The deck file was valid but could not be stored (message is user-facing)."""


@dataclass
class ImportReport:
    """How many items an import created, updated, retired and left unchanged."""

    created: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0
    slug: str = ""
    deck_id: int | None = None

    @property
    def changed(self) -> bool:
        """True when the import changed the deck's content."""
        return bool(self.created or self.updated or self.retired)


def import_deck_file(
    path: str | Path, *, owner: User | None = None, now: datetime | None = None
) -> ImportReport:
    """Upsert the deck in a deck file by slug and its items by key, in one transaction.

    Raises deckfile.DeckFileError (and changes nothing) when the file does not validate.
    """
    parsed = load_deck(path)
    now = now or utcnow()
    try:
        report = _apply(parsed, owner, now)
        db.session.commit()
    except sa.exc.IntegrityError as error:
        db.session.rollback()
        raise DeckImportError(
            f"deck {parsed.slug!r} was changed by someone else at the same time; try again"
        ) from error
    except BaseException:
        db.session.rollback()
        raise
    return report


def _apply(parsed: DomainDeck, owner: User | None, now: datetime) -> ImportReport:
    source = _upsert_source(parsed.source, owner) if parsed.source else None
    deck = db.session.scalar(sa.select(Deck).where(Deck.slug == parsed.slug))
    report = ImportReport(slug=parsed.slug)
    is_new = deck is None
    if deck is None:
        deck = Deck(slug=parsed.slug, created_at=now, updated_at=now)
        db.session.add(deck)
    deck_changed = is_new
    metadata = {
        "title": parsed.title,
        "description": parsed.description,
        "source_id": source.id if source else None,
        "status": "published",
    }
    for name, value in metadata.items():
        if getattr(deck, name) != value:
            setattr(deck, name, value)
            deck_changed = True
    if deck.published_at is None:
        deck.published_at = now
    if owner is not None and deck.owner_id != owner.id:
        deck.owner_id = owner.id
    db.session.flush()
    report.deck_id = deck.id

    stamp = now if is_new else max(now, deck.updated_at + MIN_CLOCK_STEP)
    existing = {item.key: item for item in deck.items}
    for parsed_item in parsed.items:
        row = existing.pop(parsed_item.key, None)
        if row is None:
            row = Item(deck_id=deck.id, key=parsed_item.key, origin="imported", created_at=now)
            copy_content(parsed_item, row)
            row.status = "approved"
            row.updated_at = stamp
            db.session.add(row)
            report.created += 1
        elif _item_differs(parsed_item, row):
            copy_content(parsed_item, row)
            row.status = "approved"
            row.retired_at = None
            row.updated_at = stamp
            report.updated += 1
        else:
            report.unchanged += 1
    for row in existing.values():
        if row.retired_at is None:
            row.retired_at = now
            row.updated_at = stamp
            report.retired += 1
    if deck_changed or report.changed:
        deck.updated_at = stamp
    return report


def _upsert_source(parsed: DeckSource, owner: User | None) -> Source:
    source = db.session.scalar(sa.select(Source).where(Source.sha256 == parsed.sha256))
    if source is None:
        source = Source(
            sha256=parsed.sha256,
            text=parsed.text,
            created_by=owner.id if owner else None,
        )
        db.session.add(source)
    source.title = parsed.title
    source.author = parsed.author
    source.publication = parsed.publication
    source.url = parsed.url
    db.session.flush()
    return source


def _item_differs(parsed: QuizItem, row: Item) -> bool:
    """True when the file's item differs from the stored one (content, status or retirement)."""
    if row.status != "approved" or row.retired_at is not None:
        return True
    for name in CONTENT_FIELDS:
        stored = getattr(row, name)
        wanted = getattr(parsed, name)
        if name in ("choices", "accepted", "tags"):
            stored = list(stored or [])
        elif name == "score":
            stored = float(stored or 0.0)
        elif name in ("explanation", "quote", "topic"):
            stored = stored or ""
        if stored != wanted:
            return True
    return False


def export_deck_yaml(slug: str) -> str:
    """A database deck (live items only) as `quizapp-deck/1` YAML; KeyError for unknown slugs."""
    domain = export_deck_domain(slug)
    return dump_deck(domain)


def export_deck_domain(slug: str) -> DomainDeck:
    """The deck with this slug (live items) as a domain Deck; its article file is `<slug>.txt`.

    The database does not keep the article's file name, so exports follow the decks/ convention
    (`<slug>.yaml` beside `<slug>.txt`). Raises KeyError for an unknown slug.
    """
    row = db.session.scalar(sa.select(Deck).where(Deck.slug == slug))
    if row is None:
        raise KeyError(slug)
    domain = deck_to_domain(row)
    if domain.source is not None:
        domain.source.file = domain.source.file or f"{slug}.txt"
        # The file written next to the YAML holds exactly this text, so hash what we write.
        domain.source.sha256 = sha256_hex(domain.source.text.encode("utf-8"))
    return domain
