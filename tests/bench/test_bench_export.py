"""Bench: a 10,000-item deck → .apkg vs raw genanki writing the same notes, in paired rounds.

Run with `make bench`. Budget (issue 20): our export, HTML building of every field included,
takes at most 1.3× raw genanki writing notes whose fields are already built; the ratio is the
median of the per-round ratios and their spread is printed.
"""

from __future__ import annotations

import gc
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import genanki

from quizapp.domain import anki
from quizapp.domain.items import Deck, DeckSource, QuizItem

ITEMS = 10_000
RUNS = 11
BUDGET = 1.3
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
    # Each run starts from the same collector state: otherwise a full collection of the whole
    # pytest heap lands on whichever side crosses the threshold, and the ratio flips.
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved_times(first, second) -> tuple[list[float], list[float]]:
    """Wall times of each action over RUNS rounds, alternating so load drift hits both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        times[0].append(_seconds(first))
        times[1].append(_seconds(second))
    return times


def test_apkg_export_is_within_1_3_times_raw_genanki(tmp_path, monkeypatch, bench):
    # Both writers' SQLite files go to memory-backed storage when there is some: genanki's
    # default journal fsyncs, and the disk's fsync latency under other load moved the raw
    # baseline 0.19–0.51 s between runs; this bench measures the work, not the disk.
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    scratch = base / "tmp"
    scratch.mkdir()
    # genanki's writer leaves its SQLite file in the temp dir: keep those leftovers there.
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    try:
        _measure(base, bench)
    finally:
        if base != tmp_path:
            shutil.rmtree(base, ignore_errors=True)


def _measure(tmp_path: Path, bench) -> None:
    deck = big_deck()
    notes = anki.build_notes(deck)
    timestamp = anki.package_timestamp(deck)

    anki.deck_to_apkg(deck)  # warm-up: one-time costs (imports, template setup) are not the build
    raw_genanki(notes, tmp_path / "raw.apkg", timestamp)
    times = interleaved_times(
        lambda: anki.deck_to_apkg(deck),
        lambda: raw_genanki(notes, tmp_path / "raw.apkg", timestamp),
    )
    ours, raw = statistics.median(times[0]), statistics.median(times[1])
    ratios = sorted(a / b for a, b in zip(*times, strict=True))
    ratio = statistics.median(ratios)
    bench.record(
        "export: .apkg vs raw genanki",
        size=f"{ITEMS:,} items",
        median=ours,
        baseline=raw,
        ratio=ratio,
        runs=RUNS,
        target=f"≤ {BUDGET:.1f}×",
        passed=ratio <= BUDGET,
    )
    print(
        f"\n.apkg export of {ITEMS:,} items (median of {RUNS}): quizapp {ours:.2f} s, "
        f"raw genanki {raw:.2f} s, ratio {ratio:.2f} (budget {BUDGET:.1f}×; per-round ratios "
        f"{ratios[0]:.2f}–{ratios[-1]:.2f})"
    )
    assert ratio <= BUDGET
