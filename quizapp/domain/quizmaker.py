"""Quiz assembly and scoring rules: item picking with a type mix, time limits, windows (pure)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol, TypeVar

MIN_ITEMS = 5
MAX_ITEMS = 50
GRACE = timedelta(seconds=30)
RATING_AGAIN = 1
RATING_GOOD = 3

WindowState = Literal["open", "not_open", "closed"]


class Pickable(Protocol):
    id: int
    type: str


T = TypeVar("T", bound=Pickable)


@dataclass(frozen=True)
class Score:
    """Answers counted right (correct or close) out of the quiz's questions."""

    right: int
    total: int

    @property
    def fraction(self) -> float:
        """Right / total, 0.0 for an empty quiz."""
        return self.right / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """The fraction as a rounded percentage."""
        return round(self.fraction * 100)


def pick_items(
    items: Sequence[T], count: int, rng: random.Random, types: Iterable[str] | None = None
) -> list[T]:
    """Choose up to `count` items, spread as evenly as possible over the wanted types.

    Input order does not matter (items are sorted by id first), so the same seed always
    gives the same quiz. The returned order is shuffled.
    """
    wanted = set(types) if types else None
    pool = sorted((i for i in items if wanted is None or i.type in wanted), key=lambda i: i.id)
    by_type: dict[str, list[T]] = {}
    for item in pool:
        by_type.setdefault(item.type, []).append(item)
    for bucket in by_type.values():
        rng.shuffle(bucket)
    order = sorted(by_type)
    rng.shuffle(order)
    chosen: list[T] = []
    # Round-robin over types: each type gets a fair share before any gets a second helping.
    while len(chosen) < count and any(by_type.values()):
        for type_ in order:
            if by_type[type_] and len(chosen) < count:
                chosen.append(by_type[type_].pop())
    rng.shuffle(chosen)
    return chosen


def score(verdicts: Iterable[str], total: int) -> Score:
    """Count correct and close verdicts against the number of questions (unanswered = wrong)."""
    right = sum(1 for v in verdicts if v in ("correct", "close"))
    return Score(right=right, total=max(total, 0))


def rating_for(verdict: str) -> int:
    """FSRS rating for a quiz verdict: right counts as Good, wrong as Again."""
    return RATING_GOOD if verdict in ("correct", "close") else RATING_AGAIN


def deadline(started_at: datetime, time_limit_s: int | None) -> datetime | None:
    """When the time runs out (None without a limit)."""
    if not time_limit_s:
        return None
    return started_at + timedelta(seconds=time_limit_s)


def accepts_answers(now: datetime, started_at: datetime, time_limit_s: int | None) -> bool:
    """True while an answer is on time: within the limit plus a short grace for slow networks."""
    end = deadline(started_at, time_limit_s)
    return end is None or now <= end + GRACE


def seconds_left(now: datetime, started_at: datetime, time_limit_s: int | None) -> int | None:
    """Whole seconds left on the clock (never negative); None without a limit."""
    end = deadline(started_at, time_limit_s)
    if end is None:
        return None
    return max(0, int((end - now).total_seconds()))


def window_state(
    now: datetime, opens_at: datetime | None, closes_at: datetime | None
) -> WindowState:
    """Whether a quiz is open at `now`, not open yet, or closed."""
    if opens_at is not None and now < opens_at:
        return "not_open"
    if closes_at is not None and now >= closes_at:
        return "closed"
    return "open"


def attempts_left(allowed: int | None, used: int) -> int | None:
    """Attempts still allowed (None means unlimited)."""
    if not allowed:
        return None
    return max(0, allowed - used)
