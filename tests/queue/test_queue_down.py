"""Redis down at start or mid-run: the app serves, the import page says so, jobs resume later."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time

import pytest
import redis

from quizapp.jobs.broker import huey_for
from tests.conftest import skip_or_fail
from tests.queue.support import read_job, start_worker, stop_worker, wait_for
from tests.reliability.server import free_port
from tests.services.test_authoring import ARTICLE

pytestmark = pytest.mark.slow


class OwnRedis:
    """A throwaway redis-server on a free port that the test starts and stops at will."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start it and wait until it answers."""
        server = shutil.which("redis-server")
        if server is None:
            skip_or_fail("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                server,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        """Stop it at once (like a crash: nothing is saved)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    yield server
    server.stop()


def test_redis_down_then_back(app, client, make_user, auth, own_redis, tmp_path):
    app.config["QUEUE_URL"] = own_redis.url  # nothing listens there yet
    auth.login(make_user("instructor"))
    page = client.get("/author/import")
    assert page.status_code == 200 and b"generation is unavailable" in page.data
    assert client.get("/").status_code == 200  # the rest of the app serves

    began = time.perf_counter()
    response = client.post("/author/import", data={"text": ARTICLE})
    assert response.status_code == 302 and time.perf_counter() - began < 5
    job_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    job = read_job(job_id)
    assert job.status == "queued" and job.enqueued_at is None
    assert "unavailable" in job.message
    assert client.get(f"/author/jobs/{job_id}").status_code == 200

    # Redis comes back and a worker starts: the job the queue never got is run.
    own_redis.start()
    assert b"generation is unavailable" not in client.get("/author/import").data
    log = tmp_path / "worker.log"
    worker = start_worker(app, log, FAKE_STEPS="4", FAKE_STEP_SECONDS="0.2")
    try:
        assert wait_for(job_id, lambda j: j.status == "done", 30, log).progress == 100
        # Redis dies mid-run: the worker survives and picks up new work once it is back.
        own_redis.stop()
        time.sleep(1.5)
        assert worker.poll() is None
        second = client.post("/author/import", data={"text": ARTICLE + "\n\nA second copy."})
        second_id = int(second.headers["Location"].rsplit("/", 1)[-1])
        assert read_job(second_id).enqueued_at is None
        own_redis.start()
        wait_for(second_id, lambda j: j.status == "done", 30, log)
    finally:
        stop_worker(worker, signal.SIGKILL)
    huey_for(app)  # the app's queue object outlived both outages
