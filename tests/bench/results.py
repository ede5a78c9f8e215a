"""The bench results table and timing helpers (shared by every bench module)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    """One line of the results table."""

    case: str
    size: str
    median: float
    unit: str  # "s" (seconds, shown as ms or s) or a rate such as "req/s"
    runs: int
    target: str
    passed: bool
    baseline: float | None = None
    ratio: float | None = None


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "F1":
        return f"{value:.4f}"
    return f"{value:,.0f} {unit}"


class Results:
    """The rows recorded so far in this pytest session."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def record(
        self,
        case: str,
        *,
        size: str,
        median: float,
        runs: int,
        target: str,
        passed: bool,
        unit: str = "s",
        baseline: float | None = None,
        ratio: float | None = None,
    ) -> Row:
        """Add a row; the ratio defaults to median / baseline."""
        if ratio is None and baseline:
            ratio = median / baseline
        row = Row(case, size, median, unit, runs, target, passed, baseline, ratio)
        self.rows.append(row)
        return row

    def table(self) -> str:
        """The rows as a fixed-width text table."""
        header = ("Case", "Size", "Median", "Runs", "Baseline", "Ratio", "Target", "Result")
        lines = [
            (
                row.case,
                row.size,
                _value(row.median, row.unit),
                str(row.runs),
                _value(row.baseline, row.unit),
                f"{row.ratio:.2f}×" if row.ratio is not None else "—",
                row.target,
                "pass" if row.passed else "FAIL",
            )
            for row in self.rows
        ]
        widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]
        rule = "  ".join("-" * w for w in widths)

        def fmt(cells) -> str:
            return "  ".join(
                str(c).rjust(w) if 2 <= i <= 5 else str(c).ljust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        return "\n".join([fmt(header), rule, *(fmt(line) for line in lines)])


RESULTS = Results()


def timed(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls, in seconds."""
    return statistics.median(timed(action) for _ in range(runs))
