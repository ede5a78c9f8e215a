"""FSRS scheduling as a thin, pure wrapper over `fsrs`: state dicts in, state dicts out (DESIGN §5).

A card's state is `fsrs.Card.to_dict()`; `None` means the card was never reviewed (new). Every
datetime is timezone-aware UTC; a naive or non-UTC datetime raises ValueError. Fuzzing is a
parameter of the settings so tests (and previews) are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

RATINGS: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
LEARNING, REVIEW, RELEARNING = int(State.Learning), int(State.Review), int(State.Relearning)
MASTERED_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class Settings:
    """Per-deck scheduler settings (desired retention, steps) and whether intervals are fuzzed."""

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500
    enable_fuzzing: bool = False


@dataclass(frozen=True)
class Mirror:
    """The state fields copied into indexed columns next to the JSON state."""

    due: datetime
    state: int
    stability: float | None
    difficulty: float | None
    last_review: datetime | None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        raise ValueError("datetime must be timezone-aware UTC")
    return moment.astimezone(UTC)


@lru_cache(maxsize=64)
def scheduler(settings: Settings) -> Scheduler:
    """The fsrs Scheduler for these settings (cached: settings are immutable)."""
    if not 0.7 <= settings.desired_retention <= 0.99:
        raise ValueError("desired retention must be between 0.70 and 0.99")
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.enable_fuzzing,
    )


def _card(state: dict[str, Any] | None, card_id: int, now: datetime) -> Card:
    if state is None:
        return Card(card_id=card_id, due=now)
    card = Card.from_dict(state)  # type: ignore[arg-type]
    card.card_id = card_id
    return card


def _check_rating(rating: int) -> Rating:
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1–4, got {rating!r}")
    return Rating(rating)


def review(
    state: dict[str, Any] | None,
    rating: int,
    now: datetime,
    *,
    card_id: int,
    settings: Settings = Settings(),
) -> dict[str, Any]:
    """The card's state after a review with `rating` (1 Again … 4 Easy) at `now`."""
    now = _utc(now)
    card, _log = scheduler(settings).review_card(
        _card(state, card_id, now), _check_rating(rating), review_datetime=now
    )
    return card.to_dict()  # type: ignore[return-value]


def preview(
    state: dict[str, Any] | None,
    now: datetime,
    *,
    card_id: int,
    settings: Settings = Settings(),
) -> dict[int, timedelta]:
    """The interval each rating would schedule (unfuzzed), for labelling the rating buttons."""
    now = _utc(now)
    plain = scheduler(replace(settings, enable_fuzzing=False))
    card = _card(state, card_id, now)
    return {
        rating: plain.review_card(card, Rating(rating), review_datetime=now)[0].due - now
        for rating in RATINGS
    }


def retrievability(state: dict[str, Any] | None, now: datetime) -> float:
    """Predicted probability of recall at `now` (0 for a card never reviewed)."""
    if state is None:
        return 0.0
    now = _utc(now)
    card = Card.from_dict(state)  # type: ignore[arg-type]
    return float(scheduler(Settings()).get_card_retrievability(card, current_datetime=now))


def mirror(state: dict[str, Any]) -> Mirror:
    """The indexed fields of a state dict."""
    last = state.get("last_review")
    return Mirror(
        due=_utc(datetime.fromisoformat(state["due"])),
        state=int(state["state"]),
        stability=state.get("stability"),
        difficulty=state.get("difficulty"),
        last_review=_utc(datetime.fromisoformat(last)) if last else None,
    )


def is_lapse(previous: dict[str, Any] | None, rating: int) -> bool:
    """True when `rating` forgets a card that had graduated to Review (an Anki-style lapse)."""
    return previous is not None and int(previous["state"]) == REVIEW and rating == 1


def is_mastered(state: int, stability: float | None) -> bool:
    """Mastered means: in the Review state with a stability of at least 21 days."""
    return state == REVIEW and stability is not None and stability >= MASTERED_STABILITY_DAYS


def format_interval(interval: timedelta) -> str:
    """A short label for an interval: <1m, 6m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
