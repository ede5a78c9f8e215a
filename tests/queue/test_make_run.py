"""`make run` starts the web server and one queue worker; Ctrl-C stops both (the terminal sends
SIGINT to the whole foreground process group, as here), and so does the web server exiting."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time

import pytest
import requests

from tests.queue.support import PROJECT_ROOT
from tests.reliability.server import free_port

pytestmark = pytest.mark.slow


def _session_processes(sid: int) -> list[str]:
    """The command lines of the processes still in a session."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getsid(int(entry)) != sid:
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                out.append(handle.read().replace(b"\0", b" ").decode(errors="replace").strip())
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
    return [line for line in out if line]


def _pid_of(sid: int, needle: str) -> int:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    line = handle.read().replace(b"\0", b" ").decode(errors="replace")
                if os.getsid(int(entry)) == sid and needle in line and "/bin/sh" not in line:
                    return int(entry)
            except (ProcessLookupError, FileNotFoundError, PermissionError):
                continue
    raise AssertionError(f"no {needle!r} process in session {sid}")


@pytest.mark.parametrize("stop", ["ctrl_c", "server_exits"])
def test_ctrl_c_or_the_server_exiting_stops_the_web_server_and_the_worker(tmp_path, stop):
    port = free_port()
    env = dict(os.environ)
    env.update(QUIZAPP_INSTANCE=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/run.db")
    for name in ("QUIZAPP_QUEUE_URL", "SECRET_KEY", "FLASK_DEBUG", "MAKEFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    log = tmp_path / "make.log"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"INSTANCE={tmp_path}", f"PORT={port}"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    sid = process.pid
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if requests.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        running = _session_processes(sid)
        assert any(" worker " in f" {line} " for line in running), running
        assert any(" run --host " in line for line in running), running
        if stop == "ctrl_c":
            os.killpg(sid, signal.SIGINT)  # what Ctrl-C in the terminal does
        else:
            os.kill(_pid_of(sid, " run --host "), signal.SIGTERM)  # the server alone goes
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running: {_session_processes(sid)}\n{log.read_text()[-3000:]}")
        deadline = time.monotonic() + 30
        while _session_processes(sid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_processes(sid) == [], log.read_text()[-3000:]
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(sid, signal.SIGKILL)  # whatever a failed run left behind
        if process.poll() is None:
            process.wait(timeout=10)
