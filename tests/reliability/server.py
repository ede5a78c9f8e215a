"""A real gunicorn server (2 workers) on 127.0.0.1 with seeded data, for reliability tests."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

SEED_SCRIPT = """
import json, sys
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Assignment, Cohort, Deck, Item, Membership, User
from quizapp.services import tokens
from flask_migrate import upgrade

trainees, items = int(sys.argv[1]), int(sys.argv[2])
app = create_app()
with app.app_context():
    upgrade()
    boss = User(email="boss@example.com", name="Boss", role="instructor")
    boss.set_password("password123")
    db.session.add(boss)
    db.session.flush()
    deck = Deck(slug="load", title="Load deck", owner_id=boss.id, status="published")
    db.session.add(deck)
    db.session.flush()
    for n in range(items):
        db.session.add(Item(deck_id=deck.id, key=f"k{n}", type="short_answer", prompt=f"Q{n}?",
                            answer=f"A{n}", status="approved"))
    cohort = Cohort(name="Load", instructor_id=boss.id)
    db.session.add(cohort)
    db.session.flush()
    db.session.add(Assignment(cohort_id=cohort.id, deck_id=deck.id))
    users = []
    for n in range(trainees):
        user = User(email=f"t{n}@example.com", name=f"T{n}", role="trainee")
        user.set_password("password123")
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
        users.append(user)
    db.session.commit()
    out = {"tokens": [tokens.create_token(u, "load")[1] for u in users],
           "items": [i.id for i in deck.items]}
    print(json.dumps(out))
"""

COUNT_SCRIPT = """
import json
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import CardState, ReviewLog
app = create_app()
with app.app_context():
    print(json.dumps({
        "client_ids": sorted(db.session.scalars(db.select(ReviewLog.client_id))),
        "states": db.session.scalar(db.select(db.func.count()).select_from(CardState)),
    }))
"""


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    database_url: str
    instance: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            SECRET_KEY="reliability-secret",
            QUIZAPP_INSTANCE=str(self.instance),
            QUIZAPP_INSECURE_COOKIES="1",
        )
        env.pop("FLASK_DEBUG", None)
        return env

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run_script(self, script: str, *args: str) -> dict:
        """Run a Python snippet against the server's database and parse its JSON output."""
        result = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=self.env,
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def start(self) -> None:
        """Start gunicorn with 2 workers and wait until it answers."""
        self.process = subprocess.Popen(
            [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{self.port}", "quizapp:create_app()"],
            env=self.env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/v1/openapi.json", timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 s")

    def kill(self) -> None:
        """SIGKILL the whole server (master and workers) at once."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        """Stop gracefully if still running."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process = None


def post_json(url: str, body: dict, token: str, timeout: float = 30) -> tuple[int, dict | None]:
    """POST JSON; returns (status, body) or (0, None) when the connection failed."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, OSError):
        # The server died mid-request (the SIGKILL test): nothing was acknowledged.
        return 0, None
