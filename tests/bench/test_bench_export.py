"""Bench: a 10,000-item deck → .apkg vs raw genanki writing the same notes (median of 5).

Run with `make bench`. Budget (issue 5): our export takes at most 2× raw genanki.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import genanki

from quizapp.domain import anki
from quizapp.domain.items import Deck, DeckSource, QuizItem

ITEMS = 10_000
RUNS = 5
BUDGET = 2.0
TYPES = ("cloze", "mcq", "true_false", "short_answer", "basic")


def big_deck() -> Deck:
    items = []
    for n in range(ITEMS):
        kind = TYPES[n % len(TYPES)]
        prompt = f"Sentence {n} says the ____ base was jammed in {1990 + n % 30}."
        if kind != "cloze":
            prompt = prompt.replace("____", "Khmeimim") + " Which base?"
        items.append(
            QuizItem(
                key=f"{kind}-{n:05d}",
                type=kind,
                prompt=prompt,
                answer="True" if kind == "true_false" else f"Khmeimim {n}",
                choices=[f"Khmeimim {n}", "Tartus", "Hmeimim", "Latakia"] if kind == "mcq" else [],
                accepted=[f"Hmeimim {n}"] if kind == "short_answer" else [],
                explanation=f"Paragraph {n % 40} explains it & more <b>detail</b>.",
                quote=f"Russia jammed GPS signals around the Khmeimim air base ({n}).",
                topic=f"Topic {n % 12}",
            )
        )
    return Deck(
        slug="bench-deck",
        title="Bench deck",
        items=items,
        source=DeckSource(title="Bench article"),
        updated_at=datetime(2026, 3, 1, tzinfo=UTC),
    )


def raw_genanki(notes: list[anki.NoteSpec], path: Path, timestamp: float) -> None:
    """What a plain genanki user would do with the same, already prepared, note contents."""
    deck = genanki.Deck(anki.deck_id_for("bench-deck"), "Bench deck")
    for spec in notes:
        deck.add_note(
            genanki.Note(model=spec.model, fields=spec.fields, tags=spec.tags, guid=spec.guid)
        )
    genanki.Package(deck).write_to_file(str(path), timestamp=timestamp)


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved_medians(first, second) -> tuple[float, float]:
    """Median wall time of each action over RUNS rounds, alternating so load drift hits both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        times[0].append(_seconds(first))
        times[1].append(_seconds(second))
    return statistics.median(times[0]), statistics.median(times[1])


def test_apkg_export_is_within_twice_raw_genanki(tmp_path, monkeypatch, bench):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # genanki's writer leaves its SQLite file in the temp dir: keep those leftovers in tmp_path.
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    deck = big_deck()
    notes = anki.build_notes(deck)
    timestamp = anki.package_timestamp(deck)

    anki.deck_to_apkg(deck)  # warm-up: one-time costs (imports, template setup) are not the build
    raw_genanki(notes, tmp_path / "raw.apkg", timestamp)
    ours, raw = interleaved_medians(
        lambda: anki.deck_to_apkg(deck),
        lambda: raw_genanki(notes, tmp_path / "raw.apkg", timestamp),
    )
    ratio = ours / raw
    bench.record(
        "export: .apkg vs raw genanki",
        size=f"{ITEMS:,} items",
        median=ours,
        baseline=raw,
        runs=RUNS,
        target=f"≤ {BUDGET:.1f}×",
        passed=ratio <= BUDGET,
    )
    print(
        f"\n.apkg export of {ITEMS:,} items (median of {RUNS}): quizapp {ours:.2f} s, "
        f"raw genanki {raw:.2f} s, ratio {ratio:.2f} (budget {BUDGET:.1f}×)"
    )
    assert ratio <= BUDGET
