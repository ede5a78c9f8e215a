"""Web processes never import spaCy or the generator: generation runs on the queue's workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import DATA, PROJECT_ROOT
from tests.reliability.server import WebSession, seeded_server

ARTICLE = DATA / "author_new_article.txt"

SCRIPT = """
import json, sys
from quizapp import create_app
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
with app.app_context():
    from quizapp.extensions import db
    db.create_all()
client = app.test_client()
statuses = [client.get(path).status_code for path in ("/", "/auth/login", "/api/v1/openapi.json")]
print(json.dumps({"statuses": statuses, "loaded": sorted(
    name for name in ("spacy", "thinc", "wordfreq", "quizapp.generation.pipeline",
                      "quizapp.generation.analyse", "quizapp.generation.entities",
                      "huey.consumer") if name in sys.modules)}))
"""


def test_app_and_pages_do_not_load_the_nlp_model(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QUIZAPP_INSTANCE": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert 200 in report["statuses"]
    assert report["loaded"] == []


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _loads_spacy(pid: int) -> bool:
    # spaCy's compiled modules show in the process's memory map once it is imported.
    return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.slow
def test_gunicorn_web_workers_import_an_article_without_the_generator(tmp_path):
    with seeded_server("sqlite", tmp_path, trainees=0, items=1) as server:
        server.start()
        log = (tmp_path / "worker.log").open("wb")
        worker = subprocess.Popen(
            [str(Path(sys.executable).with_name("quizapp")), "worker"],
            env=server.env,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            web = WebSession(server.url)
            web.login("boss@example.com")
            form = {"text": ARTICLE.read_text(), "csrf_token": web.csrf("/author/import")}
            began = time.monotonic()
            status, _, location = web.request("/author/import", form)
            assert status == 302 and "/author/jobs/" in location
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                job = json.loads(web.request(urlsplit(location).path + ".json")[1])
                if job["finished"]:
                    break
                time.sleep(0.5)
            assert job["status"] == "done", (job, (tmp_path / "worker.log").read_text()[-3000:])
            assert "new draft item" in job["message"] and not job["message"].startswith("0 ")
            took = time.monotonic() - began
            web_workers = _children(server.process.pid)
            assert len(web_workers) == 2
            generating = [pid for pid in _children(worker.pid) if _loads_spacy(pid)]
            # The check sees spaCy where it is: in the queue worker's processes.
            assert generating, took
            heaviest = max(_rss_mb(pid) for pid in generating)
            for pid in web_workers:
                assert not _loads_spacy(pid), f"web worker {pid} loaded spaCy"
                print(f"web worker RSS {_rss_mb(pid):.0f} MB, queue worker {heaviest:.0f} MB")
                # The generator's share (spaCy, its model, the ranker) stays on the queue worker.
                assert _rss_mb(pid) < heaviest - 100
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
