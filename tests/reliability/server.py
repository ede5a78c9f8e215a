"""A real gunicorn server (2 workers) on 127.0.0.1 with seeded data, for reliability tests."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import TEST_DATABASE_URL, reset_postgres, skip_or_fail

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

# argv[1] instructor quizzes on the load deck: every item, one attempt, feedback after each.
QUIZ_SCRIPT = """
import json, sys
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Deck, Quiz
app = create_app()
with app.app_context():
    deck = db.session.scalar(db.select(Deck).where(Deck.slug == "load"))
    settings = {"count": len(deck.items), "item_ids": [i.id for i in deck.items],
                "attempts_allowed": 1, "feedback": "immediate"}
    quizzes = [Quiz(deck_id=deck.id, title=f"One attempt {n}", kind="assigned",
                    created_by=deck.owner_id, settings=settings) for n in range(int(sys.argv[1]))]
    db.session.add_all(quizzes)
    db.session.commit()
    print(json.dumps({"quizzes": [quiz.id for quiz in quizzes]}))
"""

# Everything the concurrency tests count, by user e-mail.
STATE_SCRIPT = """
import json
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Attempt, CardState, ReviewLog, User
app = create_app()
with app.app_context():
    email = dict(db.session.execute(db.select(User.id, User.email)).all())
    print(json.dumps({
        "next_attempt_id": (db.session.scalar(db.select(db.func.max(Attempt.id))) or 0) + 1,
        "attempts": [
            {"id": a.id, "user": email[a.user_id], "quiz": a.quiz_id, "item_ids": a.item_ids,
             "finished": a.finished_at is not None, "score": a.score,
             "verdicts": [r.verdict for r in a.responses]}
            for a in db.session.scalars(db.select(Attempt).order_by(Attempt.id))
        ],
        "reviews": [
            {"user": email[r.user_id], "item": r.item_id, "client_id": r.client_id,
             "source": r.source}
            for r in db.session.scalars(db.select(ReviewLog).order_by(ReviewLog.id))
        ],
        "reps": [
            {"user": email[c.user_id], "item": c.item_id, "reps": c.reps}
            for c in db.session.scalars(db.select(CardState))
        ],
    }))
"""

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


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


@contextmanager
def seeded_server(backend: str, tmp_path: Path, trainees: int, items: int) -> Iterator[Server]:
    """A not yet started Server on a fresh SQLite file or the PostgreSQL test database, seeded
    with `trainees` trainees (API tokens in .seed["tokens"]) and a deck of `items` items."""
    if backend == "postgres":
        if not TEST_DATABASE_URL:
            skip_or_fail("TEST_DATABASE_URL is not set")
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = "sqlite:///" + str(tmp_path / "load.db")
    instance = tmp_path / "instance"
    instance.mkdir()
    srv = Server(database_url=url, instance=instance)
    try:
        srv.seed = srv.run_script(SEED_SCRIPT, str(trainees), str(items))
        yield srv
    finally:
        srv.stop()
        if backend == "postgres":
            reset_postgres(TEST_DATABASE_URL)


def run_at_once(calls: list) -> list:
    """Call every zero-argument callable in its own thread, released together; their results."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n: int) -> None:
        barrier.wait(timeout=60)
        results[n] = calls[n]()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


class WebSession:
    """A browser-like client: own cookies, CSRF tokens read from forms, no redirects followed."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """GET (or POST `form`); returns (status, body, Location header)."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base_url + path, data=data)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers["Location"]

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on the page at `path`."""
        status, body, _ = self.request(path)
        assert status == 200, f"GET {path}: {status}"
        match = CSRF_RE.search(body)
        assert match, f"{path} has no form"
        return match.group(1)

    def login(self, email: str, password: str = "password123") -> None:
        """Log in through the login form."""
        form = {"email": email, "password": password, "csrf_token": self.csrf("/auth/login")}
        status, _, location = self.request("/auth/login", form)
        assert status == 302 and "/auth/login" not in location, f"login of {email} failed"
