"""Study a quizapp .apkg with the real Anki backend over simulated days, export with scheduling."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
DAY_MS = 86_400_000


def open_with(tmp_path: Path, apkg: bytes, name: str = "phone") -> Collection:
    """A fresh Anki collection that imported the package."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    package = folder / "quizapp.apkg"
    package.write_bytes(apkg)
    col = Collection(str(folder / "collection.anki2"))
    # Anki's day ends at its rollover hour (4 am by default) on the real clock: a study session
    # run in the 20 minutes before it left learning cards for "tomorrow" and the tests flaked
    # (3 answers instead of 4 at 03:55). Keep the day's end twelve hours from now.
    preferences = col.get_preferences()
    preferences.scheduling.rollover = (datetime.now().hour + 12) % 24
    col.set_preferences(preferences)
    options = anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
    col.import_anki_package(
        anki_collection.ImportAnkiPackageRequest(package_path=str(package), options=options)
    )
    return col


def _next_day(col: Collection) -> Collection:
    # Anki reads the clock itself: move the collection one day into the past instead, so the
    # next session sees one more day elapsed (crt), and every review so far is a day older.
    path = col.path
    col.db.execute("update revlog set id = id - ?", DAY_MS)
    col.db.execute("update col set crt = crt - 86400")
    col.db.execute("update cards set due = due - 86400 where queue in (1, 4)")
    col.close()
    return Collection(path)


def study_days(
    col: Collection,
    deck_name: str,
    *,
    days: int,
    max_reviews: int,
    ease: Callable[[random.Random], int] | None = None,
    seed: int = 7,
) -> tuple[Collection, int]:
    """Answer due cards of the deck with Anki's own scheduler, day after day; returns the
    (reopened) collection and the number of answers given."""
    rng = random.Random(seed)
    ease = ease or (lambda r: r.choice([1, 2, 3, 3, 3, 3, 4]))
    answered = 0
    for day in range(days):
        if day:
            col = _next_day(col)
        deck_id = next(d.id for d in col.decks.all_names_and_ids() if d.name == deck_name)
        col.decks.select(deck_id)
        while answered < max_reviews and (card := col.sched.getCard()) is not None:
            card.start_timer()
            col.sched.answerCard(card, ease(rng))
            answered += 1
        if answered >= max_reviews:
            break
    return col, answered


def export_with_scheduling(col: Collection, path: Path) -> bytes:
    """What "Export… Anki Deck Package, Include scheduling information" writes."""
    options = anki_collection.ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False
    )
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path.read_bytes()


def revlog(col: Collection) -> list[tuple[int, str, int, int, int, int]]:
    """(id, note guid, ease, ivl, time, type) of every review, oldest first."""
    return [
        tuple(row)
        for row in col.db.all(
            "select r.id, n.guid, r.ease, r.ivl, r.time, r.type from revlog r "
            "join cards c on c.id = r.cid join notes n on n.id = c.nid order by r.id"
        )
    ]
