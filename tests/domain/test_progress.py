"""Progress figures on hand-computed fixtures, and the SVG charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest

from quizapp.domain import charts, progress, scheduling

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _state(stability: float, last_review: datetime, state: int = 2) -> dict:
    return {
        "card_id": 1,
        "state": state,
        "step": None if state == 2 else 0,
        "stability": stability,
        "difficulty": 5.0,
        "due": (last_review + timedelta(days=stability)).isoformat(),
        "last_review": last_review.isoformat(),
    }


def test_stages_and_counts():
    cards = [(None, None), (None, None), (1, 3.0), (3, 40.0), (2, 20.9), (2, 21.0), (2, 90.0)]
    assert progress.count_stages(cards) == progress.Counts(new=2, learning=3, mastered=2)
    assert progress.count_stages(cards).total == 7
    assert progress.stage(3, 40.0) == "learning"  # relearning is never mastered


def test_mean_recall_uses_the_fsrs_forgetting_curve():
    # At elapsed == stability the FSRS curve gives exactly 0.9 (its definition of stability).
    a = _state(10.0, NOW - timedelta(days=10))
    b = _state(5.0, NOW)  # reviewed just now: recall 1.0
    assert scheduling.retrievability(a, NOW) == pytest.approx(0.9)
    assert progress.mean_recall([a, b, None], NOW) == pytest.approx(0.95)
    assert progress.mean_recall([None, None], NOW) is None


def test_due_forecast_counts_overdue_today_and_drops_far_cards():
    dues = [
        NOW - timedelta(days=3),  # overdue → today
        NOW + timedelta(hours=1),  # today
        NOW + timedelta(hours=15),  # tomorrow (00:30 UTC)
        NOW + timedelta(days=13),  # last day shown
        NOW + timedelta(days=14),  # beyond the window
    ]
    forecast = progress.due_forecast(dues, NOW)
    assert len(forecast) == 14
    assert forecast[0] == progress.DayCount(date(2026, 3, 2), 2)
    assert forecast[1].count == 1
    assert forecast[13] == progress.DayCount(date(2026, 3, 15), 1)
    assert sum(d.count for d in forecast) == 4


def test_reviews_per_day_last_30_days():
    times = [
        NOW,
        NOW - timedelta(hours=9, minutes=31),
        NOW - timedelta(days=29),
        NOW - timedelta(days=30),
    ]
    days = progress.reviews_per_day(times, NOW)
    assert len(days) == 30
    assert days[0] == progress.DayCount(date(2026, 2, 1), 1)
    assert days[-1] == progress.DayCount(date(2026, 3, 2), 1)
    assert days[-2] == progress.DayCount(date(2026, 3, 1), 1)  # 23:59 the day before
    assert sum(d.count for d in days) == 3


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], 0),
        ([date(2026, 3, 2)], 1),
        ([date(2026, 3, 1), date(2026, 2, 28)], 2),  # ends yesterday: still alive
        ([date(2026, 3, 2), date(2026, 3, 1), date(2026, 2, 27)], 2),  # a gap ends it
        ([date(2026, 2, 28)], 0),  # last review the day before yesterday
    ],
)
def test_streak(days, expected):
    assert progress.streak(days, date(2026, 3, 2)) == expected


def test_accuracy_by_topic_counts_hard_or_better_as_recalled():
    reviews = [
        ("Iran", 1),
        ("Iran", 2),
        ("Iran", 3),
        ("Iran", 4),
        ("Russia", 1),
        ("Russia", 3),
        ("", 4),
    ]
    rows = progress.accuracy_by_topic(reviews)
    assert [(r.topic, r.reviews, r.recalled) for r in rows] == [
        ("Russia", 2, 1),
        ("Iran", 4, 3),
        (progress.NO_TOPIC, 1, 1),
    ]
    assert rows[1].share == pytest.approx(0.75)


TEXT = "Heading\n\nFirst para. Second sentence.\n  \nThird para here.\n\n\nLast one."


def test_paragraph_spans_split_on_blank_lines():
    spans = progress.paragraph_spans(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [
        "Heading",
        "First para. Second sentence.",
        "Third para here.",
        "Last one.",
    ]


def test_paragraph_spans_one_paragraph_per_line():
    # As the seed article is stored: a heading block, then one long paragraph per line.
    first = "Since 2022 Russia has forged deep ties with Iran, " * 5
    second = "But Russia is simultaneously building another set of relationships. " * 4
    text = f"Title\nBy Someone\n\nA Heading\n{first.strip()}\n{second.strip()}\n"
    assert [text[s:e] for s, e in progress.paragraph_spans(text)] == [
        "Title",
        "By Someone",
        "A Heading",
        first.strip(),
        second.strip(),
    ]


def test_shade_paragraphs_means_item_recall_per_paragraph():
    second = TEXT.index("Second")
    items = [
        (second, "Second sentence.", 0.9),
        (None, "First para.", 0.5),  # found by its quote
        (TEXT.index("Third"), "Third para here.", 0.1),
        (None, "not in the article", 1.0),  # ignored
    ]
    paragraphs = progress.shade_paragraphs(TEXT, items)
    assert [p.items for p in paragraphs] == [0, 2, 1, 0]
    assert paragraphs[1].known == pytest.approx(0.7)
    assert paragraphs[1].label == "known 70% (good)"
    assert paragraphs[1].level == 3
    assert paragraphs[2].label == "known 10% (not yet known)"
    assert paragraphs[0].known is None and paragraphs[0].label == "no questions"
    assert paragraphs[0].level is None


def test_bar_chart_is_valid_svg_with_values_as_text():
    svg = charts.bar_chart(
        [("Mar 2", 3), ("Mar 3", 0), ("<b>", 7)],
        chart_id="forecast",
        title="Due forecast",
        description="Cards due per day",
        highlight=0,
    )
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Due forecast"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert [t.text for t in root.iter(f"{ns}text") if t.get("class") == "value"] == ["3", "0", "7"]
    assert "<b>" in texts  # escaped in the markup, intact once parsed
    rects = list(root.iter(f"{ns}rect"))
    assert rects[0].get("class") == "bar-hatch" and "url(#forecast-hatch)" in rects[0].get("fill")
    heights = [float(r.get("height")) for r in rects]
    assert heights[1] == 0 and heights[2] > heights[0] > 0


def test_bar_chart_labels_every_nth_and_the_last():
    points = [(f"d{n}", n) for n in range(30)]
    svg = charts.bar_chart(points, chart_id="c", title="t", description="d", label_every=5)
    root = ET.fromstring(svg)
    labels = [
        t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "label"
    ]
    assert labels == ["d0", "d5", "d10", "d15", "d20", "d25", "d29"]
