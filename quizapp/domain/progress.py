"""Progress figures from plain values (pure): card counts, recall, forecasts, streak, topics, and
how well each paragraph of the article is known.

Definitions (shown on the progress page too):
- new: never reviewed; mastered: FSRS state Review with stability ≥ 21 days; learning: the rest.
- average predicted recall: mean FSRS retrievability now over the cards reviewed at least once.
- measured recall: share of the last 30 days' reviews that were recalled (rated Hard or better).
- recall ahead: mean retrievability at the horizon, the end of the deck's due date when it is still
  ahead, else 7 days from now. Just after a review retrievability is near 100% whatever the rating,
  which tells a learner nothing; the horizon shows what the next week will leave.
- accuracy: share of reviews (study and quiz, undone ones excluded) rated Hard or better (≥ 2),
  which is what FSRS counts as recalled; a correct quiz answer is Good, a wrong one Again.
- streak: consecutive UTC days with at least one review, ending today or yesterday.
- paragraph known: mean retrievability at the horizon of the items quoting that paragraph (new
  items count 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from quizapp.domain import scheduling
from quizapp.generation.segment import one_paragraph_per_line

RECALLED_MIN_RATING = 2
MEASURED_DAYS = 30
HORIZON_DAYS = 7
NO_TOPIC = "(no topic)"
LEVEL_WORDS = ("not yet known", "weak", "fair", "good", "strong")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAKS = re.compile(r"\n")


@dataclass(frozen=True)
class Counts:
    """Cards by stage."""

    new: int = 0
    learning: int = 0
    mastered: int = 0

    @property
    def total(self) -> int:
        """All cards counted."""
        return self.new + self.learning + self.mastered


@dataclass(frozen=True)
class DayCount:
    """A count for one UTC day."""

    day: date
    count: int


@dataclass(frozen=True)
class TopicAccuracy:
    """Reviews of one topic's items and how many were recalled."""

    topic: str
    reviews: int
    recalled: int

    @property
    def share(self) -> float:
        """Recalled / reviews (0 when there were none)."""
        return self.recalled / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article with how well its items are known."""

    text: str
    start: int
    end: int
    items: int
    known: float | None  # None: no item quotes this paragraph
    when: str = ""  # the horizon of `known`, e.g. "in 7 days"; empty: now

    @property
    def level(self) -> int | None:
        """0 (under 20 %) … 4 (80 % or more); None without items."""
        if self.known is None:
            return None
        return min(4, int(self.known * 5))

    @property
    def label(self) -> str:
        """A text label readable without colour, e.g. "known 82% (strong)"."""
        if self.known is None:
            return "no questions"
        word = LEVEL_WORDS[self.level or 0]
        if self.when:
            return f"recall {self.when} {round(self.known * 100)}% ({word})"
        return f"known {round(self.known * 100)}% ({word})"


@dataclass(frozen=True)
class Horizon:
    """The moment recall is predicted for, and how to say it ("in 7 days")."""

    at: datetime
    label: str


def recall_horizon(now: datetime, due_date: date | None = None) -> Horizon:
    """The end of the due date (UTC) when it is still ahead, else HORIZON_DAYS from now."""
    if due_date is not None and due_date > now.date():
        end = datetime.combine(due_date + timedelta(days=1), time(), tzinfo=UTC)
        return Horizon(end, f"by the due date ({due_date.day} {due_date:%b})")
    return Horizon(now + timedelta(days=HORIZON_DAYS), f"in {HORIZON_DAYS} days")


def measured_recall(
    reviews: Iterable[tuple[datetime, int]], now: datetime, days: int = MEASURED_DAYS
) -> tuple[float | None, int]:
    """Share of the reviews of the last `days` days rated Hard or better, and their number."""
    since = now - timedelta(days=days)
    ratings = [rating for moment, rating in reviews if since <= moment <= now]
    if not ratings:
        return None, 0
    return sum(1 for r in ratings if r >= RECALLED_MIN_RATING) / len(ratings), len(ratings)


def stage(state: int | None, stability: float | None) -> str:
    """ "new", "learning" or "mastered" for a card's FSRS state (None: never reviewed)."""
    if state is None:
        return "new"
    return "mastered" if scheduling.is_mastered(state, stability) else "learning"


def count_stages(cards: Iterable[tuple[int | None, float | None]]) -> Counts:
    """Counts of (state, stability) pairs by stage."""
    tally = {"new": 0, "learning": 0, "mastered": 0}
    for state, stability in cards:
        tally[stage(state, stability)] += 1
    return Counts(**tally)


def mean_recall(states: Iterable[dict | None], now: datetime) -> float | None:
    """Mean predicted recall now over reviewed cards; None when none was reviewed."""
    values = [scheduling.retrievability(s, now) for s in states if s is not None]
    return sum(values) / len(values) if values else None


def due_forecast(dues: Iterable[datetime], now: datetime, days: int = 14) -> list[DayCount]:
    """Cards due on each of the next `days` UTC days; overdue cards count on today."""
    today = now.date()
    counts = [0] * days
    for due in dues:
        offset = max(0, (due.date() - today).days)
        if offset < days:
            counts[offset] += 1
    return [DayCount(today + timedelta(days=n), c) for n, c in enumerate(counts)]


def reviews_per_day(times: Iterable[datetime], now: datetime, days: int = 30) -> list[DayCount]:
    """Reviews on each of the last `days` UTC days, oldest first, ending today."""
    today = now.date()
    first = today - timedelta(days=days - 1)
    counts = [0] * days
    for moment in times:
        offset = (moment.date() - first).days
        if 0 <= offset < days:
            counts[offset] += 1
    return [DayCount(first + timedelta(days=n), c) for n, c in enumerate(counts)]


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with a review, ending today (or yesterday, when today has none yet)."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    length = 0
    while day in active:
        length += 1
        day -= timedelta(days=1)
    return length


def accuracy_by_topic(reviews: Iterable[tuple[str, int]]) -> list[TopicAccuracy]:
    """Per topic: reviews and those rated ≥ 2; weakest topic first."""
    totals: dict[str, list[int]] = {}
    for topic, rating in reviews:
        entry = totals.setdefault(topic or NO_TOPIC, [0, 0])
        entry[0] += 1
        entry[1] += int(rating >= RECALLED_MIN_RATING)
    rows = [TopicAccuracy(topic, n, ok) for topic, (n, ok) in totals.items()]
    return sorted(rows, key=lambda row: (row.share, row.topic))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of whitespace, split as the article parser does.

    Blocks separated by blank lines; in text with one paragraph per line, every line.
    """
    breaks = _LINE_BREAKS if one_paragraph_per_line(text) else _BLANK_LINES
    spans = []
    position = 0
    for match in [*breaks.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            start = position + block.index(stripped)
            spans.append((start, start + len(stripped)))
        if match:
            position = match.end()
    return spans


def shade_paragraphs(
    text: str, items: Iterable[tuple[int | None, str, float]], when: str = ""
) -> list[Paragraph]:
    """Paragraphs with the mean recall of the items quoting them.

    Each item is (source_start, quote, retrievability); without an offset the quote is looked up.
    `when` names the moment the recall is predicted for ("in 7 days"; empty: now).
    """
    spans = paragraph_spans(text)
    values: list[list[float]] = [[] for _ in spans]
    for start, quote, recall in items:
        if start is None:
            found = text.find(quote) if quote else -1
            start = found if found >= 0 else None
        if start is None:
            continue
        for index, (p_start, p_end) in enumerate(spans):
            if p_start <= start < p_end:
                values[index].append(recall)
                break
    return [
        Paragraph(
            text=text[s:e],
            start=s,
            end=e,
            items=len(v),
            known=sum(v) / len(v) if v else None,
            when=when,
        )
        for (s, e), v in zip(spans, values, strict=True)
    ]
