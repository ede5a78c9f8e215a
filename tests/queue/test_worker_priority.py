"""`quizapp worker` lowers its CPU priority (default nice 10) so web requests on the machine go
first; `--nice 0` leaves it (the measured effect is the study-page row of `make bench`)."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.queue.support import PROJECT_ROOT, QUIZAPP, stop_worker, worker_env

pytestmark = pytest.mark.slow


def _niceness_of(process: subprocess.Popen, expected: int, log) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        value = os.getpriority(os.PRIO_PROCESS, process.pid)
        if value == expected or process.poll() is not None:
            break
        time.sleep(0.1)
    assert process.poll() is None, log.read_text()[-2000:]
    return os.getpriority(os.PRIO_PROCESS, process.pid)


@pytest.mark.parametrize(
    ("argv", "raised_by"), [([], 10), (["--nice", "3"], 3), (["--nice", "0"], 0)]
)
def test_the_worker_runs_at_a_lower_cpu_priority(app, tmp_path, argv, raised_by):
    base = os.getpriority(os.PRIO_PROCESS, 0)
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [str(QUIZAPP), "worker", *argv],
        cwd=PROJECT_ROOT,
        env=worker_env(app),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        expected = min(19, base + raised_by)
        assert _niceness_of(process, expected, log) == expected
    finally:
        stop_worker(process, signal.SIGINT)


def test_a_nice_value_out_of_range_is_a_one_line_error(runner):
    result = runner.invoke(args=["worker", "--nice", "25"])
    assert result.exit_code == 2 and "25 is not in the range 0<=x<=19" in result.output
