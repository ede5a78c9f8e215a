"""Import a trainee's Anki review history (.apkg with scheduling, .colpkg) and replay it in FSRS.

Notes are matched by the GUID quizapp exported them with (deck slug + item key, also the weak-
cards sub-deck). Each Anki answer becomes a ReviewLog with source "anki" and client id
"anki:<revlog id>", unique per user, so importing a file again, or a later file holding the same
reviews, adds each review once. Every affected card is then replayed from scratch through FSRS
with all of the user's reviews of it in time order, so state and due date are what studying in
quizapp and in Anki, interleaved, gives. Everything is checked before anything is written, and
written in one transaction: a file is imported whole or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from quizapp.domain import anki, scheduling
from quizapp.domain.anki_history import (
    AnkiFileError,
    Expected,
    History,
    Review,
    note_problem,
    owner_marker,
    owner_markers,
    read_history,
)
from quizapp.extensions import db
from quizapp.models import CardState, Deck, Item, ReviewLog, User, utcnow
from quizapp.services import study, study_access, study_queue
from quizapp.services.deck_rows import deck_to_domain
from quizapp.services.locking import for_update

__all__ = ["AnkiFileError", "ImportReport", "import_history"]

CLIENT_PREFIX = study.ANKI_PREFIX
# A phone's clock may run a little fast; a review later than this is not believed.
CLOCK_SLACK = timedelta(minutes=5)
_CHUNK = 500


@dataclass
class ImportReport:
    """What an import did: reviews added, already there, ignored (and why), cards replayed."""

    added: int = 0
    already: int = 0
    unknown_notes: int = 0  # reviews of notes quizapp did not export (or of withdrawn items)
    not_answers: int = 0  # manual reschedules in Anki's log ("set due date", "forget")
    in_future: int = 0
    cards: int = 0
    decks: set[str] = field(default_factory=set)

    def message(self) -> str:
        """One line for the page or the console."""
        parts = [f"Imported {self.added} Anki review{'s' if self.added != 1 else ''}"]
        parts.append(f"{self.already} already imported")
        if self.unknown_notes:
            parts.append(f"{self.unknown_notes} of notes quizapp did not export ignored")
        if self.not_answers:
            parts.append(f"{self.not_answers} manual reschedules ignored")
        if self.in_future:
            parts.append(f"{self.in_future} dated in the future ignored")
        return "; ".join(parts) + f"; {self.cards} card{'s' if self.cards != 1 else ''} updated."


@dataclass(frozen=True)
class _Target:
    item: Item
    expected: Expected


def _targets(user: User, decks: list[Deck]) -> dict[str, _Target]:
    """GUID → live item (and what its note must look like) over the decks the user may study."""
    targets: dict[str, _Target] = {}
    for deck in decks:
        if not study_access.can_study(user, deck):
            continue
        items = [item for item in deck.items if item.is_live]
        if not items:
            continue
        domain = deck_to_domain(deck, items)
        stamps = [deck.updated_at, *(item.updated_at for item in items)]
        stamp = int(max(s for s in stamps if s is not None).timestamp())
        title = anki.article_title_html(domain)
        for row, item in zip(items, domain.items, strict=True):
            model = anki.model_for(item)
            expected = Expected(
                key=item.key,
                notetype_id=model.model_id,
                field_names=anki.FIELDS,
                fields=tuple(anki.field_values(item, title)),
                stamp=stamp,
            )
            for slug in (deck.slug, f"{deck.slug}--weak"):
                targets[anki.note_guid(slug, item.key)] = _Target(row, expected)
    return targets


def _check_notes(user: User, history: History, targets: dict[str, _Target]) -> None:
    mine = owner_marker(user.id, user.created_at)
    for guid, note in history.notes.items():
        target = targets.get(guid)
        if target is None:
            continue
        if owner_markers(note) - {mine}:
            raise AnkiFileError(
                "This Anki file holds notes exported for another quizapp account; import only "
                "a collection that studied a deck you exported yourself."
            )
        problem = note_problem(note, history.notetypes, target.expected)
        if problem:
            raise AnkiFileError(
                f"Nothing was imported: {problem}. Export the deck from quizapp again, import it "
                "into Anki, and export with scheduling once more."
            )


def _existing_ids(user: User, client_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(client_ids), _CHUNK):
        chunk = client_ids[start : start + _CHUNK]
        found.update(
            db.session.scalars(
                sa.select(ReviewLog.client_id).where(
                    ReviewLog.user_id == user.id, ReviewLog.client_id.in_(chunk)
                )
            )
        )
    return found


def _claimed_elsewhere(user: User, item_ids: set[int], client_ids: list[str]) -> bool:
    """True when another account already imported one of these Anki reviews of these items."""
    for start in range(0, len(client_ids), _CHUNK):
        chunk = client_ids[start : start + _CHUNK]
        query = (
            sa.select(ReviewLog.id)
            .where(
                ReviewLog.item_id.in_(item_ids),
                ReviewLog.source == "anki",
                ReviewLog.user_id != user.id,
                ReviewLog.client_id.in_(chunk),
            )
            .limit(1)
        )
        if db.session.scalar(query) is not None:
            return True
    return False


def _select(
    history: History, targets: dict[str, _Target], now: datetime, report: ImportReport
) -> list[tuple[Review, Item]]:
    chosen = []
    for review in history.reviews:
        target = targets.get(review.guid) if review.guid else None
        if target is None:
            report.unknown_notes += 1
        elif not review.is_answer:
            report.not_answers += 1
        elif review.reviewed_at > now + CLOCK_SLACK:
            report.in_future += 1
        else:
            chosen.append((review, target.item))
    return chosen


def _replay(user: User, items: dict[int, Item], now: datetime) -> None:
    """Rebuild the user's FSRS state of these items from all their reviews, oldest first."""
    ids = sorted(items)
    states = {
        row.item_id: row
        for row in db.session.scalars(
            for_update(
                sa.select(CardState).where(CardState.user_id == user.id, CardState.item_id.in_(ids))
            )
        )
    }
    logs: dict[int, list[ReviewLog]] = defaultdict(list)
    query = (
        sa.select(ReviewLog)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.item_id.in_(ids),
            ReviewLog.undone_at.is_(None),
        )
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    )
    for log in db.session.scalars(query):
        logs[log.item_id].append(log)
    for item_id in ids:
        item = items[item_id]
        settings = study_queue.settings_for(item.deck)
        state, reps, lapses = None, 0, 0
        for log in logs[item_id]:
            # Undo restores previous_fsrs, so it must be the replayed state before this review.
            log.previous_fsrs = sa.null() if state is None else dict(state)
            lapses += int(scheduling.is_lapse(state, log.rating))
            state = scheduling.review(
                state, log.rating, log.reviewed_at, card_id=item_id, settings=settings
            )
            reps += 1
        if state is None:
            continue
        row = states.get(item_id)
        if row is None:
            row = CardState(user_id=user.id, item_id=item_id, deck_id=item.deck_id, created_at=now)
            db.session.add(row)
        mirror = scheduling.mirror(state)
        row.fsrs, row.due, row.state = state, mirror.due, mirror.state
        row.stability, row.difficulty = mirror.stability, mirror.difficulty
        row.last_review, row.reps, row.lapses, row.updated_at = (
            mirror.last_review,
            reps,
            lapses,
            now,
        )


def _write(user: User, chosen: list[tuple[Review, Item]], now: datetime) -> ImportReport:
    report = ImportReport()
    client_ids = [f"{CLIENT_PREFIX}{review.id}" for review, _item in chosen]
    existing = _existing_ids(user, client_ids)
    fresh = [(r, i) for r, i in chosen if f"{CLIENT_PREFIX}{r.id}" not in existing]
    report.already = len(chosen) - len(fresh)
    if not fresh:
        return report
    item_ids = {item.id for _review, item in fresh}
    if _claimed_elsewhere(user, item_ids, [f"{CLIENT_PREFIX}{r.id}" for r, _i in fresh]):
        raise AnkiFileError(
            "These Anki reviews were already imported into another quizapp account; "
            "a collection's reviews belong to one account."
        )
    db.session.add_all(
        ReviewLog(
            user_id=user.id,
            item_id=item.id,
            deck_id=item.deck_id,
            rating=review.ease,
            reviewed_at=review.reviewed_at,
            duration_ms=max(0, review.duration_ms),
            source="anki",
            client_id=f"{CLIENT_PREFIX}{review.id}",
            anki_interval=review.interval,
        )
        for review, item in fresh
    )
    db.session.flush()
    _replay(user, {item.id: item for _review, item in fresh}, now)
    report.added, report.cards = len(fresh), len(item_ids)
    report.decks = {item.deck.slug for _review, item in fresh}
    return report


def reviews_from_anki(user: User, deck: Deck | None = None) -> int:
    """How many of the user's standing reviews (of one deck, when given) came from Anki."""
    query = sa.select(sa.func.count(ReviewLog.id)).where(
        ReviewLog.user_id == user.id,
        ReviewLog.source == "anki",
        ReviewLog.undone_at.is_(None),
    )
    if deck is not None:
        query = query.where(ReviewLog.deck_id == deck.id)
    return db.session.scalar(query) or 0


def reviews_from_anki_by_user(deck: Deck, user_ids: list[int]) -> dict[int, int]:
    """user id → how many of their standing reviews of the deck came from Anki (results page)."""
    if not user_ids:
        return {}
    query = (
        sa.select(ReviewLog.user_id, sa.func.count(ReviewLog.id))
        .where(
            ReviewLog.deck_id == deck.id,
            ReviewLog.user_id.in_(user_ids),
            ReviewLog.source == "anki",
            ReviewLog.undone_at.is_(None),
        )
        .group_by(ReviewLog.user_id)
    )
    return {user_id: count for user_id, count in db.session.execute(query)}


def import_history(
    user: User,
    stream: IO[bytes],
    *,
    deck: Deck | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import the Anki reviews of quizapp's notes in `stream` for `user` (of `deck` only, when
    given) and replay the touched cards; raises AnkiFileError (one line) and imports nothing."""
    now = now or utcnow()
    decks = [deck] if deck is not None else study_access.visible_decks(user)
    targets = _targets(user, decks)
    history = read_history(stream, wanted=set(targets))
    _check_notes(user, history, targets)
    for attempt in range(2):
        probe = ImportReport()
        chosen = _select(history, targets, now, probe)
        try:
            report = _write(user, chosen, now)
            db.session.commit()
        except IntegrityError:
            # Another import of the same reviews committed first: the retry skips them.
            db.session.rollback()
            if attempt:
                raise AnkiFileError(
                    "Another import of these reviews ran at the same time; try again."
                ) from None
            continue
        except BaseException:
            db.session.rollback()
            raise
        report.unknown_notes = probe.unknown_notes
        report.not_answers = probe.not_answers
        report.in_future = probe.in_future
        return report
    raise AssertionError("unreachable")
