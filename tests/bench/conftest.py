"""Bench fixtures: one session-wide results table, printed once when `make bench` ends.

Every case records one row: the median of several runs, the size it ran at, the baseline
measured in the same run (for ratio targets), the ratio, the target and whether it was met.
A case records its row before asserting, so a missed target still shows in the table.
"""

from __future__ import annotations

import pytest

from tests.bench.results import RESULTS, Results


@pytest.fixture(scope="session")
def bench() -> Results:
    """The session's results table: call bench.record(...) once per case."""
    return RESULTS


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the table once, after every bench has run."""
    if RESULTS.rows:
        terminalreporter.write_sep("=", "benchmark results (median of the runs shown)")
        terminalreporter.write_line(RESULTS.table())
