"""The scheduling wrapper agrees with fsrs itself, with fuzzing off and UTC-only clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from quizapp.domain import scheduling

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _fsrs_run(ratings, times, *, retention=0.9, card_id=42):
    scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False)
    card = Card(card_id=card_id, due=times[0])
    for rating, moment in zip(ratings, times, strict=True):
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=moment)
    return card.to_dict()


def _ours(ratings, times, *, retention=0.9, card_id=42):
    state = None
    settings = scheduling.Settings(desired_retention=retention)
    for rating, moment in zip(ratings, times, strict=True):
        state = scheduling.review(state, rating, moment, card_id=card_id, settings=settings)
    return state


@pytest.mark.parametrize(
    "ratings",
    [
        [3],
        [1, 1, 3, 3],
        [3, 3, 3, 3, 3],
        [4, 3, 1, 3, 2, 4],
        [2, 2, 3, 1, 1, 3, 3, 4],
    ],
)
@pytest.mark.parametrize("retention", [0.9, 0.8, 0.95])
def test_sequence_matches_fsrs_when_each_review_happens_on_due(ratings, retention):
    # Review at the due time the previous review set, as a diligent trainee would.
    state = None
    times = []
    moment = NOW
    settings = scheduling.Settings(desired_retention=retention)
    for rating in ratings:
        times.append(moment)
        state = scheduling.review(state, rating, moment, card_id=42, settings=settings)
        moment = scheduling.mirror(state).due
    assert state == _fsrs_run(ratings, times, retention=retention)


def test_sequence_matches_fsrs_with_irregular_gaps():
    ratings = [3, 1, 3, 3, 4, 2]
    gaps = [0, 30, 600, 86_400 * 3, 86_400 * 10, 86_400 * 40]
    times = [NOW + timedelta(seconds=sum(gaps[: i + 1])) for i in range(len(gaps))]
    assert _ours(ratings, times) == _fsrs_run(ratings, times)


def test_state_round_trips_through_dicts_and_keeps_own_card_id():
    state = scheduling.review(None, 3, NOW, card_id=7)
    assert state["card_id"] == 7
    again = scheduling.review(dict(state), 3, NOW + timedelta(minutes=10), card_id=7)
    assert Card.from_dict(again).to_dict() == again
    assert again["state"] == scheduling.REVIEW


def test_first_review_preview_labels_match_anki_style_steps():
    labels = {
        scheduling.RATINGS[r]: scheduling.format_interval(d)
        for r, d in scheduling.preview(None, NOW, card_id=1).items()
    }
    assert labels["Again"] == "1m"
    assert labels["Hard"] == "6m"  # (1m + 10m) / 2, rounded
    assert labels["Good"] == "10m"
    assert labels["Easy"].endswith("d")


def test_preview_equals_the_interval_a_review_gives():
    state = _ours([3, 3], [NOW, NOW + timedelta(minutes=10)])
    later = scheduling.mirror(state).due
    intervals = scheduling.preview(state, later, card_id=42)
    for rating, interval in intervals.items():
        after = scheduling.review(state, rating, later, card_id=42)
        assert scheduling.mirror(after).due - later == interval
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]


def test_higher_retention_gives_shorter_intervals():
    state = _ours([3, 3], [NOW, NOW + timedelta(minutes=10)])
    due = scheduling.mirror(state).due
    low = scheduling.preview(state, due, card_id=42, settings=scheduling.Settings(0.8))[3]
    high = scheduling.preview(state, due, card_id=42, settings=scheduling.Settings(0.95))[3]
    assert high < low


def test_fuzzing_is_injected_through_settings():
    assert scheduling.scheduler(scheduling.Settings()).enable_fuzzing is False
    assert scheduling.scheduler(scheduling.Settings(enable_fuzzing=True)).enable_fuzzing is True


def test_naive_or_non_utc_datetimes_are_refused():
    with pytest.raises(ValueError, match="UTC"):
        scheduling.review(None, 3, datetime(2026, 3, 2, 9, 30), card_id=1)
    with pytest.raises(ValueError, match="UTC"):
        scheduling.review(None, 3, NOW.astimezone(timezone(timedelta(hours=2))), card_id=1)


def test_bad_rating_and_retention_are_refused():
    with pytest.raises(ValueError):
        scheduling.review(None, 5, NOW, card_id=1)
    with pytest.raises(ValueError):
        scheduling.scheduler(scheduling.Settings(desired_retention=0.3))


def test_retrievability_matches_fsrs_and_decays():
    state = _ours([3, 3], [NOW, NOW + timedelta(minutes=10)])
    fsrs_value = Scheduler().get_card_retrievability(
        Card.from_dict(state), current_datetime=NOW + timedelta(days=5)
    )
    ours = scheduling.retrievability(state, NOW + timedelta(days=5))
    assert ours == pytest.approx(fsrs_value)
    assert scheduling.retrievability(state, NOW + timedelta(days=30)) < ours < 1
    assert scheduling.retrievability(None, NOW) == 0.0


def test_mirror_lapse_and_mastery():
    state = _ours([3, 3], [NOW, NOW + timedelta(minutes=10)])
    mirror = scheduling.mirror(state)
    assert mirror.state == scheduling.REVIEW and mirror.due.tzinfo is not None
    assert scheduling.is_lapse(state, 1)
    assert not scheduling.is_lapse(state, 2)
    assert not scheduling.is_lapse(None, 1)
    assert scheduling.is_mastered(scheduling.REVIEW, 21.0)
    assert not scheduling.is_mastered(scheduling.REVIEW, 20.9)
    assert not scheduling.is_mastered(scheduling.LEARNING, 50.0)


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=75), "2.5mo"),
        (timedelta(days=438), "1.2y"),
    ],
)
def test_format_interval(interval, label):
    assert scheduling.format_interval(interval) == label
