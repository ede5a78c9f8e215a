"""Cohort progress and item analysis figures: pure functions over plain values.

Every figure on the analytics pages comes from a function here. Conventions:

- Quiz credit: "correct" and "close" (accepted with a small slip) earn 1, "wrong" 0, as the quiz
  itself scores them (quizmaker.score). Facility is the mean credit: the share answered correctly.
- Item statistics use each trainee's FIRST answer to an item (answers arrive in chronological
  order): retakes after feedback are not independent and would inflate facility. The number of
  responses is the number of trainees who answered; all answers, retakes included, are counted
  separately for information.
- Discrimination D = mean item credit of the upper group − that of the lower group, the groups
  being the top and bottom 27% (Kelley) of trainees ranked by total score (their mean credit over
  their first answers to the deck's items). Group size k = round-half-up(0.27 × n), at least 1,
  and n ≥ 2.
  Ties at a group boundary are shared, not broken by id or order: the trainees tied on the
  boundary score split the remaining places equally (fractional weights), so the result never
  depends on who happens to sort first. When every trainee has the same total, D is undefined.
- Figures are withheld below MIN_RESPONSES answers to an item ("too few responses (n=3)").
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from fsrs.scheduler import DEFAULT_PARAMETERS

CREDIT = {"correct": 1.0, "close": 1.0, "wrong": 0.0}
GROUP_SHARE = 0.27
MIN_RESPONSES = 5
# From 10 responses on; below 20 of them "< 5%" means that nobody chose the distractor.
DISTRACTOR_MIN_RESPONSES = 10
TOO_EASY = 0.9
TOO_HARD = 0.2
RARE_DISTRACTOR = 0.05
MASTERED_STABILITY_DAYS = 21.0
AT_RISK_RECALL = 0.7
# A trainee with reviews due and no activity for this many days has lapsed: at risk.
LAPSED_DAYS = 14
REVIEW_STATE = 2
FSRS_DECAY = -DEFAULT_PARAMETERS[20]
FSRS_FACTOR = 0.9 ** (1 / FSRS_DECAY) - 1


# ---------------------------------------------------------------- item analysis


@dataclass(frozen=True)
class Answer:
    """One quiz response: who answered which item, the verdict and the option picked."""

    user_id: int
    item_id: int
    verdict: str
    chosen_index: int | None = None


@dataclass(frozen=True)
class ItemInfo:
    """What item analysis needs to know about an item."""

    id: int
    choices: Sequence[str] = ()
    answer: str = ""


@dataclass(frozen=True)
class StudyTotals:
    """Sums over an item's study data, aggregated by the database."""

    reviews: int = 0
    again: int = 0
    cards: int = 0
    difficulty_sum: float = 0.0
    difficulty_count: int = 0
    lapses_sum: int = 0


@dataclass(frozen=True)
class ChoiceRate:
    """How often one option of a multiple-choice item was picked."""

    index: int
    text: str
    picks: int
    rate: float | None
    is_key: bool


@dataclass(frozen=True)
class Flag:
    """A problem with an item, in words an instructor can act on."""

    code: str
    reason: str


@dataclass
class ItemStats:
    """Every figure of one item's row on the item analysis page."""

    item_id: int
    responses: int
    enough: bool
    answers: int = 0
    facility: float | None = None
    discrimination: float | None = None
    choices: list[ChoiceRate] = field(default_factory=list)
    study_reviews: int = 0
    study_recall: float | None = None
    mean_difficulty: float | None = None
    mean_lapses: float | None = None
    flags: list[Flag] = field(default_factory=list)
    note: str = ""


def credit(verdict: str) -> float:
    """The credit a verdict earns (correct and close 1, wrong 0); unknown verdicts earn 0."""
    return CREDIT.get(verdict, 0.0)


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when whole is 0."""
    return part / whole if whole else None


def facility(verdicts: Iterable[str]) -> float | None:
    """Share of credit earned over the answers (share correct); None without answers."""
    return mean(credit(v) for v in verdicts)


def trainee_totals(answers: Iterable[Answer]) -> dict[int, float]:
    """Each trainee's total score: mean credit over all their answers."""
    scores: dict[int, list[float]] = defaultdict(list)
    for answer in answers:
        scores[answer.user_id].append(credit(answer.verdict))
    return {user_id: sum(s) / len(s) for user_id, s in scores.items()}


def group_size(n: int, share: float = GROUP_SHARE) -> int:
    """Places in each extreme group for n trainees: round-half-up(share × n), at least 1."""
    return max(1, math.floor(share * n + 0.5))


def _fill_group(totals: Mapping[int, float], k: int, descending: bool) -> dict[int, float]:
    """Weights of the k places taken from one end, ties on the boundary sharing what is left."""
    by_score: dict[float, list[int]] = defaultdict(list)
    for user_id, total in totals.items():
        by_score[total].append(user_id)
    weights: dict[int, float] = {}
    left = float(k)
    for score in sorted(by_score, reverse=descending):
        tied = by_score[score]
        if left <= 0:
            break
        take = min(left, len(tied))
        for user_id in tied:
            weights[user_id] = take / len(tied)
        left -= take
    return weights


def extreme_groups(
    totals: Mapping[int, float], share: float = GROUP_SHARE
) -> tuple[dict[int, float], dict[int, float]] | None:
    """(upper, lower) weights per trainee; None for fewer than 2 trainees or all totals equal."""
    if len(totals) < 2 or len(set(totals.values())) == 1:
        return None
    k = group_size(len(totals), share)
    return _fill_group(totals, k, descending=True), _fill_group(totals, k, descending=False)


def _weighted_mean(scores: Mapping[int, float], weights: Mapping[int, float]) -> float | None:
    total_weight = sum(w for user_id, w in weights.items() if user_id in scores)
    if total_weight == 0:
        return None
    return sum(scores[user_id] * w for user_id, w in weights.items() if user_id in scores) / (
        total_weight
    )


def discrimination(
    item_scores: Mapping[int, float],
    groups: tuple[Mapping[int, float], Mapping[int, float]] | None,
) -> float | None:
    """Upper minus lower group's mean credit on the item; None if a group never answered it."""
    if groups is None:
        return None
    upper = _weighted_mean(item_scores, groups[0])
    lower = _weighted_mean(item_scores, groups[1])
    if upper is None or lower is None:
        return None
    return upper - lower


def key_index(item: ItemInfo) -> int | None:
    """Index of the correct option among the item's choices, or None."""
    try:
        return list(item.choices).index(item.answer)
    except ValueError:
        return None


def choice_rates(item: ItemInfo, chosen: Iterable[int | None]) -> list[ChoiceRate]:
    """Pick count and rate of each option, over answers that picked an option."""
    picks = [c for c in chosen if c is not None and 0 <= c < len(item.choices)]
    key = key_index(item)
    return [
        ChoiceRate(
            index=i,
            text=text,
            picks=picks.count(i),
            rate=ratio(picks.count(i), len(picks)),
            is_key=i == key,
        )
        for i, text in enumerate(item.choices)
    ]


def percent(value: float | None) -> str:
    """A share as a whole percentage ("84%"), or an en dash for no value."""
    return "–" if value is None else f"{round(value * 100)}%"


def signed(value: float | None) -> str:
    """A discrimination index with two decimals and a real minus sign, or an en dash."""
    if value is None:
        return "–"
    return f"{value:+.2f}".replace("-", "−")


def one_decimal(value: float | None) -> str:
    """A mean with one decimal ("5.3"), or an en dash for no value."""
    return "–" if value is None else f"{value:.1f}"


def ago(when: datetime | None, now: datetime) -> str:
    """How long ago, in whole UTC days: "today", "yesterday", "5 days ago", or "never"."""
    if when is None:
        return "never"
    days = (now.date() - when.astimezone(UTC).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def item_flags(stats: ItemStats) -> list[Flag]:
    """Plain-language flags for an item with enough responses."""
    if not stats.enough:
        return []
    flags = []
    if stats.facility is not None and stats.facility > TOO_EASY:
        # Only multiple choice has distractors; typed and true/false items have none to improve.
        has_distractors = len(stats.choices) >= 3
        advice = (
            "Make the question or its distractors more demanding."
            if has_distractors
            else "Make the question more demanding, for example ask about a less obvious detail."
        )
        flags.append(
            Flag(
                "too_easy",
                f"Too easy: {percent(stats.facility)} answered correctly (above "
                f"{percent(TOO_EASY)}). {advice}",
            )
        )
    if stats.facility is not None and stats.facility < TOO_HARD:
        flags.append(
            Flag(
                "too_hard",
                f"Too hard: {percent(stats.facility)} answered correctly (below "
                f"{percent(TOO_HARD)}). Check the wording and that the answer is in the source.",
            )
        )
    if stats.discrimination is not None and stats.discrimination < 0:
        flags.append(
            Flag(
                "negative_discrimination",
                f"Negative discrimination ({signed(stats.discrimination)}): the strongest trainees "
                "got it wrong more often than the weakest – check the answer key.",
            )
        )
    if stats.responses >= DISTRACTOR_MIN_RESPONSES:
        total = sum(c.picks for c in stats.choices)
        for choice in stats.choices:
            if not choice.is_key and choice.rate is not None and choice.rate < RARE_DISTRACTOR:
                flags.append(
                    Flag(
                        "rare_distractor",
                        f"Replace this distractor: “{choice.text}” was chosen by "
                        f"{percent(choice.rate)} ({choice.picks} of {total}).",
                    )
                )
    return flags


def too_few_note(responses: int) -> str:
    """What an item with too few responses shows instead of figures."""
    return f"too few responses (n={responses})"


def study_figures(totals: StudyTotals) -> dict[str, float | int | None]:
    """Study recall rate (reviews not rated Again), mean FSRS difficulty and mean lapses."""
    return {
        "study_reviews": totals.reviews,
        "study_recall": ratio(totals.reviews - totals.again, totals.reviews),
        "mean_difficulty": ratio(totals.difficulty_sum, totals.difficulty_count),
        "mean_lapses": ratio(totals.lapses_sum, totals.cards),
    }


def first_answers(answers: Iterable[Answer]) -> list[Answer]:
    """Each trainee's first answer to each item, from answers in chronological order."""
    seen: set[tuple[int, int]] = set()
    first = []
    for answer in answers:
        if (answer.user_id, answer.item_id) not in seen:
            seen.add((answer.user_id, answer.item_id))
            first.append(answer)
    return first


def analyse_items(
    items: Sequence[ItemInfo],
    answers: Iterable[Answer],
    study: Mapping[int, StudyTotals] | None = None,
    *,
    min_responses: int = MIN_RESPONSES,
) -> list[ItemStats]:
    """Item statistics and flags for a deck, in the order of `items`; answers chronological."""
    answers = list(answers)
    first = first_answers(answers)
    study = study or {}
    groups = extreme_groups(trainee_totals(first))
    all_counts: dict[int, int] = defaultdict(int)
    for answer in answers:
        all_counts[answer.item_id] += 1
    by_item: dict[int, list[Answer]] = defaultdict(list)
    for answer in first:
        by_item[answer.item_id].append(answer)
    results = []
    for item in items:
        item_answers = by_item.get(item.id, [])
        stats = ItemStats(
            item_id=item.id,
            responses=len(item_answers),
            enough=len(item_answers) >= min_responses,
            answers=all_counts.get(item.id, 0),
            **study_figures(study.get(item.id, StudyTotals())),
        )
        if stats.enough:
            item_scores = {a.user_id: credit(a.verdict) for a in item_answers}
            stats.facility = facility(a.verdict for a in item_answers)
            stats.discrimination = discrimination(item_scores, groups)
            stats.choices = choice_rates(item, (a.chosen_index for a in item_answers))
            stats.flags = item_flags(stats)
        else:
            stats.note = too_few_note(stats.responses)
        results.append(stats)
    return results


# ---------------------------------------------------------------- trainee progress


@dataclass(frozen=True)
class CardFacts:
    """A trainee's FSRS state of one item (the mirrored CardState columns)."""

    state: int
    stability: float | None
    last_review: datetime | None
    due: datetime


@dataclass(frozen=True)
class DueStatus:
    """Where a trainee stands against the assignment's due date."""

    code: str  # behind | on_track | reviews_due | done | no_due_date
    label: str
    detail: str


@dataclass(frozen=True)
class AttemptResult:
    """A finished quiz attempt: when it ended and its score (share of credit, 0–1)."""

    finished_at: datetime
    score: float


@dataclass
class TraineeRow:
    """One trainee's row on the cohort × deck page."""

    user_id: int
    name: str
    email: str
    studied: int
    total: int
    mastered: int
    due_now: int
    recall: float | None
    last_active: datetime | None
    best_score: float | None
    latest_score: float | None
    status: DueStatus
    at_risk: bool
    risk_reasons: list[str]


def retrievability(
    stability: float | None, last_review: datetime | None, now: datetime
) -> float | None:
    """FSRS-6 recall probability now: (1 + F·t/S)^−decay, t in whole days as fsrs counts them."""
    if stability is None or last_review is None or stability <= 0:
        return None
    elapsed_days = max(0, (now - last_review).days)
    return (1 + FSRS_FACTOR * elapsed_days / stability) ** FSRS_DECAY


def predicted_recall(cards: Iterable[CardFacts], now: datetime) -> float | None:
    """Mean retrievability now over the studied items; None if none has a memory state."""
    return mean(
        r for r in (retrievability(c.stability, c.last_review, now) for c in cards) if r is not None
    )


def is_studied(card: CardFacts) -> bool:
    """An item counts as studied once it has been reviewed at least once."""
    return card.last_review is not None


def is_mastered(card: CardFacts) -> bool:
    """Mastered: in the Review state with a stability of at least 21 days."""
    return (
        card.state == REVIEW_STATE
        and card.stability is not None
        and card.stability >= MASTERED_STABILITY_DAYS
    )


def is_due(card: CardFacts, now: datetime) -> bool:
    """Due now: a studied item whose next review time has come."""
    return is_studied(card) and card.due <= now


def expected_share(assigned_at: datetime, due_date: date, now: datetime) -> float:
    """Share of items an even pace would have studied by now (deadline: end of due date, UTC)."""
    deadline = datetime.combine(due_date + timedelta(days=1), time(), tzinfo=UTC)
    span = (deadline - assigned_at).total_seconds()
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (now - assigned_at).total_seconds() / span))


def due_status(
    *,
    studied: int,
    total: int,
    due_date: date | None,
    assigned_at: datetime,
    now: datetime,
    due_now: int = 0,
) -> DueStatus:
    """done (every item studied, none due), reviews due (every item studied, some due again),
    no due date, behind (due date passed or below an even pace)."""
    if total > 0 and studied >= total:
        if due_now:
            return DueStatus(
                "reviews_due",
                "reviews due",
                f"All {total} items studied; {due_now} due for review now.",
            )
        return DueStatus("done", "done", f"All {total} items studied.")
    if due_date is None:
        return DueStatus("no_due_date", "no due date", f"{studied} of {total} items studied.")
    if total > 0 and now.date() > due_date:
        return DueStatus(
            "behind",
            "behind",
            f"Due {due_date.isoformat()} passed with {studied} of {total} items studied.",
        )
    expected = math.floor(expected_share(assigned_at, due_date, now) * total)
    if studied < expected:
        return DueStatus(
            "behind",
            "behind",
            f"{studied} of {total} items studied; an even pace to {due_date.isoformat()} "
            f"would have {expected} by now.",
        )
    return DueStatus(
        "on_track",
        "on track",
        f"{studied} of {total} items studied; due {due_date.isoformat()}.",
    )


def attempt_score(verdicts: Iterable[str], item_count: int) -> float | None:
    """Share of credit over the attempt's items (unanswered items earn 0); None for no items."""
    verdicts = list(verdicts)
    count = max(item_count, len(verdicts))
    return ratio(sum(credit(v) for v in verdicts), count)


def best_and_latest(attempts: Iterable[AttemptResult]) -> tuple[float | None, float | None]:
    """The best score and the score of the most recently finished attempt."""
    attempts = sorted(attempts, key=lambda a: a.finished_at)
    if not attempts:
        return None, None
    return max(a.score for a in attempts), attempts[-1].score


def last_active(
    cards: Iterable[CardFacts], attempts: Iterable[AttemptResult] = ()
) -> datetime | None:
    """The latest review (an undone review restores the earlier state) or finished attempt."""
    moments = [c.last_review for c in cards if c.last_review is not None]
    moments += [a.finished_at for a in attempts]
    return max(moments, default=None)


def risk_reasons(
    status: DueStatus,
    recall: float | None,
    *,
    due_now: int = 0,
    last_active: datetime | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Why a trainee is at risk: behind the due date, lapsed (reviews due and no activity for
    LAPSED_DAYS days), or predicted recall below 70%."""
    reasons = []
    if status.code == "behind":
        reasons.append("behind the due date")
    if recall is not None and recall < AT_RISK_RECALL:
        reasons.append(f"predicted recall {percent(recall)} (below {percent(AT_RISK_RECALL)})")
    if due_now and last_active is not None and now is not None:
        idle = (now - last_active).days
        if idle >= LAPSED_DAYS:
            reasons.append(f"inactive for {idle} days with {due_now} reviews due")
    return reasons


def trainee_row(
    *,
    user_id: int,
    name: str,
    email: str,
    cards: Sequence[CardFacts],
    total: int,
    due_date: date | None,
    assigned_at: datetime,
    now: datetime,
    attempts: Sequence[AttemptResult] = (),
) -> TraineeRow:
    """Every figure of a trainee's row from their card states and finished attempts."""
    studied_cards = [c for c in cards if is_studied(c)]
    recall = predicted_recall(studied_cards, now)
    due_now = sum(1 for c in studied_cards if is_due(c, now))
    status = due_status(
        studied=len(studied_cards),
        total=total,
        due_date=due_date,
        assigned_at=assigned_at,
        now=now,
        due_now=due_now,
    )
    best, latest = best_and_latest(attempts)
    active = last_active(cards, attempts)
    reasons = risk_reasons(status, recall, due_now=due_now, last_active=active, now=now)
    return TraineeRow(
        user_id=user_id,
        name=name,
        email=email,
        studied=len(studied_cards),
        total=total,
        mastered=sum(1 for c in studied_cards if is_mastered(c)),
        due_now=due_now,
        recall=recall,
        last_active=active,
        best_score=best,
        latest_score=latest,
        status=status,
        at_risk=bool(reasons),
        risk_reasons=reasons,
    )


STATUS_ORDER = {"behind": 0, "reviews_due": 1, "on_track": 2, "no_due_date": 3, "done": 4}
SORT_KEYS = {
    "name": lambda r: r.name.casefold(),
    "studied": lambda r: r.studied,
    "mastered": lambda r: r.mastered,
    "due": lambda r: r.due_now,
    "recall": lambda r: r.recall,
    "last_active": lambda r: r.last_active,
    "best": lambda r: r.best_score,
    "latest": lambda r: r.latest_score,
    "status": lambda r: STATUS_ORDER[r.status.code],
}


def sort_rows(rows: Iterable[TraineeRow], key: str = "name", direction: str = "asc") -> list:
    """Rows sorted by a column; empty values last either way, ties by name then id.

    Unknown keys sort by name; any direction other than "desc" is ascending.
    """
    get = SORT_KEYS.get(key, SORT_KEYS["name"])
    tie_broken = sorted(rows, key=lambda r: (r.name.casefold(), r.user_id))
    present = [r for r in tie_broken if get(r) is not None]
    empty = [r for r in tie_broken if get(r) is None]
    present.sort(key=get, reverse=direction == "desc")  # stable: ties keep name order
    return present + empty


def at_risk_only(rows: Iterable[TraineeRow]) -> list[TraineeRow]:
    """The rows of trainees at risk."""
    return [r for r in rows if r.at_risk]


CSV_HEADER = [
    "name",
    "email",
    "items studied",
    "items total",
    "mastered",
    "due now",
    "predicted recall",
    "last active (UTC)",
    "best quiz score",
    "latest quiz score",
    "due-date status",
    "at risk",
    "why",
]


def _cell(value: object) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _when(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).isoformat(timespec="seconds")


def rows_to_csv(rows: Iterable[TraineeRow]) -> str:
    """The cohort × deck table as CSV (shares as 0–1 decimals, times in ISO 8601 UTC)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(
            [
                _cell(r.name),
                _cell(r.email),
                r.studied,
                r.total,
                r.mastered,
                r.due_now,
                _share(r.recall),
                _when(r.last_active),
                _share(r.best_score),
                _share(r.latest_score),
                r.status.label,
                "yes" if r.at_risk else "no",
                _cell("; ".join(r.risk_reasons)),
            ]
        )
    return out.getvalue()
