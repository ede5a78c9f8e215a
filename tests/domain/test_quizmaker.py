"""Quiz assembly: deterministic picks with a type mix, scoring, time limits and windows."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from quizapp.domain import quizmaker as qm


@dataclass(frozen=True)
class Fake:
    id: int
    type: str


BANK = (
    [Fake(i, "mcq") for i in range(1, 21)]
    + [Fake(i, "cloze") for i in range(21, 31)]
    + [Fake(i, "true_false") for i in range(31, 34)]
)
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_same_seed_same_quiz_regardless_of_input_order():
    first = qm.pick_items(BANK, 10, random.Random(7))
    shuffled = list(BANK)
    random.Random(99).shuffle(shuffled)
    second = qm.pick_items(shuffled, 10, random.Random(7))
    assert first == second
    assert len(first) == 10 and len(set(first)) == 10


def test_different_seeds_give_different_quizzes():
    picks = {tuple(i.id for i in qm.pick_items(BANK, 10, random.Random(seed))) for seed in range(5)}
    assert len(picks) > 1


def test_type_mix_is_spread_evenly():
    chosen = qm.pick_items(BANK, 9, random.Random(1))
    assert Counter(i.type for i in chosen) == {"mcq": 3, "cloze": 3, "true_false": 3}


def test_scarce_type_is_used_up_then_others_fill():
    chosen = qm.pick_items(BANK, 12, random.Random(1))
    counts = Counter(i.type for i in chosen)
    assert counts["true_false"] == 3
    assert counts["mcq"] + counts["cloze"] == 9
    assert abs(counts["mcq"] - counts["cloze"]) <= 1


def test_type_filter_and_short_bank():
    chosen = qm.pick_items(BANK, 50, random.Random(1), types={"cloze", "true_false"})
    assert sorted(i.id for i in chosen) == list(range(21, 34))
    assert qm.pick_items(BANK, 5, random.Random(1), types={"basic"}) == []


def test_score_counts_close_as_right_and_unanswered_as_wrong():
    result = qm.score(["correct", "close", "wrong"], total=4)
    assert (result.right, result.total) == (2, 4)
    assert result.fraction == 0.5 and result.percent == 50
    assert qm.score([], 0).fraction == 0.0


def test_rating_for_verdict():
    assert qm.rating_for("correct") == 3
    assert qm.rating_for("close") == 3
    assert qm.rating_for("wrong") == 1


def test_time_limit_with_grace():
    limit = 300
    assert qm.accepts_answers(T0 + timedelta(seconds=300), T0, limit)
    assert qm.accepts_answers(T0 + timedelta(seconds=330), T0, limit)
    assert not qm.accepts_answers(T0 + timedelta(seconds=331), T0, limit)
    assert qm.accepts_answers(T0 + timedelta(days=3), T0, None)
    assert qm.seconds_left(T0 + timedelta(seconds=100), T0, limit) == 200
    assert qm.seconds_left(T0 + timedelta(seconds=400), T0, limit) == 0
    assert qm.seconds_left(T0, T0, None) is None


def test_window_state():
    opens, closes = T0, T0 + timedelta(days=1)
    assert qm.window_state(T0 - timedelta(seconds=1), opens, closes) == "not_open"
    assert qm.window_state(T0, opens, closes) == "open"
    assert qm.window_state(closes, opens, closes) == "closed"
    assert qm.window_state(T0, None, None) == "open"


def test_attempts_left():
    assert qm.attempts_left(3, 1) == 2
    assert qm.attempts_left(1, 4) == 0
    assert qm.attempts_left(0, 10) is None
