"""`quizapp demo --scale N`: a large cohort for benchmarks, written with bulk inserts.

N trainees study one 500-item deck: every trainee has a card state for every item and 10 review
logs per card (200 trainees → 100,000 card states and 1,000,000 review logs), plus two finished
checkpoint quizzes each. Rows go in through `insert(table)` with lists of dicts in chunks, never
ORM objects one by one, so the full size builds in well under two minutes on SQLite and PostgreSQL.

Review histories are real FSRS trajectories: a few dozen are simulated once with the scheduling
wrapper and each card replays one of them shifted in time, so about one card in ten is due now and
the rest falls due over the following weeks. Quiz answers are stored as attempts and responses only
(they are not mirrored into review logs). Deterministic for a given seed and clock; a second run
finds the deck and adds nothing.
"""

from __future__ import annotations

import json
import math
import random
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from quizapp.domain import scheduling
from quizapp.extensions import db
from quizapp.models import (
    Assignment,
    Attempt,
    CardState,
    Cohort,
    Deck,
    Item,
    Membership,
    Quiz,
    Response,
    ReviewLog,
    Source,
    User,
)
from quizapp.services import demo
from quizapp.services.quizzes import QuizSettings

DECK_SLUG = "scale-demo"
ITEMS = 500
REVIEWS_PER_CARD = 10
ATTEMPTS = 2
QUIZ_SIZE = 25
EMAIL = "scale.t{:04d}@example.com"
CHUNK = 25_000
TRAJECTORIES = 64
DUE_SHARE = 0.1
MAX_GAP = timedelta(days=40)
TYPES = ("basic", "cloze", "mcq", "true_false", "short_answer")
# Ratings drawn for simulated reviews: mostly Good, some Again, Hard and Easy.
RATING_WEIGHTS = ((1, 0.12), (2, 0.1), (3, 0.63), (4, 0.15))
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_PLACES = ("Tartus", "Latakia", "Aden", "Basra", "Hodeidah", "Sidon", "Homs", "Mosul", "Hama")
_GOODS = ("grain", "fuel", "cement", "steel", "cotton", "salt", "copper", "timber")


class ScaleError(Exception):
    """The scale data cannot be built (e.g. no instructor to own the deck); user-facing."""


@dataclass
class ScaleSummary:
    """What a build added (or found)."""

    deck_id: int
    cohort_id: int
    trainees: int
    items: int
    card_states: int = 0
    reviews: int = 0
    attempts: int = 0
    responses: int = 0
    seconds: float = 0.0
    password: str | None = None
    skipped: bool = False


@dataclass
class _Step:
    offset: timedelta  # from the trajectory's first review
    rating: int
    before: _StateJson | None
    before_due: datetime | None
    before_last: datetime | None


@dataclass
class _Trajectory:
    steps: list[_Step]
    final: dict[str, Any]
    final_json: _StateJson
    final_due: datetime
    final_last: datetime
    lapses: int


def _rating(rng: random.Random) -> int:
    return rng.choices([r for r, _ in RATING_WEIGHTS], [w for _, w in RATING_WEIGHTS])[0]


def _trajectory(rng: random.Random, reviews: int) -> _Trajectory:
    """One card's review history simulated with FSRS, timed relative to a fixed epoch."""
    at, state, steps, lapses = _EPOCH, None, [], 0
    for _ in range(reviews):
        rating = _rating(rng)
        mirror = scheduling.mirror(state) if state else None
        steps.append(
            _Step(
                at - _EPOCH,
                rating,
                _StateJson(state) if state else None,
                mirror.due if mirror else None,
                mirror.last_review if mirror else None,
            )
        )
        lapses += int(scheduling.is_lapse(state, rating))
        state = scheduling.review(state, rating, at, card_id=0)
        # Trainees come back around the due time, sometimes late.
        late = timedelta(hours=rng.uniform(0, 36)) if rng.random() < 0.5 else timedelta(0)
        # ... but revise at least every few weeks while the course runs.
        at = min(scheduling.mirror(state).due + late, at + MAX_GAP)
    mirror = scheduling.mirror(state)
    return _Trajectory(steps, state, _StateJson(state), mirror.due, mirror.last_review, lapses)


def _article(items: int) -> tuple[str, list[tuple[int, int, str, int]]]:
    """A synthetic article and, per item, (start, end, sentence, paragraph number)."""
    paragraphs: list[list[str]] = []
    facts = []
    for n in range(items):
        place, goods = _PLACES[n % len(_PLACES)], _GOODS[(n // 3) % len(_GOODS)]
        sentence = f"In {1900 + n % 120}, the {place} depot number {n} shipped {7 * n + 13} tonnes "
        sentence += f"of {goods}."
        if n % 10 == 0:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    text, offset = "", 0
    for p, sentences in enumerate(paragraphs):
        heading = f"Section {p + 1}\n\n"
        text += heading
        offset += len(heading)
        for s, sentence in enumerate(sentences):
            facts.append((offset, offset + len(sentence), sentence, p))
            text += sentence + (" " if s < len(sentences) - 1 else "\n\n")
            offset += len(sentence) + 1 + (0 if s < len(sentences) - 1 else 1)
    return text.rstrip() + "\n", facts


def _item_rows(deck_id: int, facts: list, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for n, (start, end, sentence, paragraph) in enumerate(facts):
        kind = TYPES[n % len(TYPES)]
        place = _PLACES[n % len(_PLACES)]
        answer = place
        choices: list[str] = []
        prompt = f"Which depot number {n} shipped {7 * n + 13} tonnes in {1900 + n % 120}?"
        if kind == "cloze":
            prompt = sentence.replace(place, "____", 1)
        elif kind == "mcq":
            others = [p for p in _PLACES if p != place]
            choices = [place, *others[n % 5 : n % 5 + 3]]
            choices = choices[n % 4 :] + choices[: n % 4]
        elif kind == "true_false":
            answer = "True" if n % 2 else "False"
            shown = place if n % 2 else _PLACES[(n + 1) % len(_PLACES)]
            prompt = sentence.replace(place, shown, 1)
        rows.append(
            dict(
                deck_id=deck_id,
                key=f"scale-{n:04d}",
                type=kind,
                kind="fact",
                prompt=prompt,
                answer=answer,
                choices=choices,
                accepted=[],
                explanation=f"Section {paragraph + 1} says so.",
                source_start=start,
                source_end=end,
                quote=sentence,
                topic=f"Section {paragraph + 1}",
                tags=[],
                status="approved",
                origin="generated",
                score=1.0 - n / (2 * len(facts)),
                created_at=now,
                updated_at=now,
            )
        )
    return rows


class _Writer:
    """Buffers rows per table and writes them with the driver's executemany in chunks.

    Values arrive already encoded (JSON as text, datetimes in the dialect's storage form), so
    the million-row path skips per-value type processing; everything stays in the session's
    transaction.
    """

    def __init__(self) -> None:
        connection = db.session.connection()
        self.dialect = connection.dialect
        self.sqlite = self.dialect.name == "sqlite"
        self.buffers: dict[str, list[tuple]] = {}
        self.sql: dict[str, str] = {}
        self.copy_sql: dict[str, str] = {}
        # PostgreSQL with psycopg takes rows fastest through COPY, on the same connection.
        self.copy = self.dialect.name == "postgresql" and self.dialect.driver == "psycopg"
        self.written: dict[str, int] = {}

    def columns(self, table: sa.Table, names: tuple[str, ...]) -> None:
        """Declare the column order of the tuples given to add() for this table."""
        quote = self.dialect.identifier_preparer.quote
        mark = "?" if self.dialect.paramstyle == "qmark" else "%s"
        self.sql[table.name] = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join([mark] * len(names))})"
        )
        self.copy_sql[table.name] = (
            f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
        )
        self.buffers[table.name] = []

    def when(self, moment: datetime | None):
        """A UTC datetime as the dialect stores it (SQLite: naive text, like UTCDateTime)."""
        if moment is None or not self.sqlite:
            return moment
        return moment.replace(tzinfo=None).isoformat(" ", "microseconds")

    def add(self, table: sa.Table, row: tuple) -> None:
        buffer = self.buffers[table.name]
        buffer.append(row)
        if len(buffer) >= CHUNK:
            self.flush(table.name)

    def flush(self, name: str | None = None) -> None:
        for table in [name] if name is not None else list(self.buffers):
            rows = self.buffers[table]
            if not rows:
                continue
            if self.copy:
                self._copy(table, rows)
            else:
                db.session.connection().exec_driver_sql(self.sql[table], rows)
            self.written[table] = self.written.get(table, 0) + len(rows)
            self.buffers[table] = []

    def _copy(self, table: str, rows: list[tuple]) -> None:
        driver = db.session.connection().connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(self.copy_sql[table]) as copy:
            for row in rows:
                copy.write_row(row)


class _StateJson:
    """A state dict as JSON text with card id, due and last review filled in per card, fast."""

    def __init__(self, state: dict[str, Any]) -> None:
        marked = dict(state, card_id=-987654321, due="@DUE@", last_review="@LAST@")
        text = json.dumps(marked)
        head, rest = text.split("-987654321")
        middle, rest = rest.split('"@DUE@"')
        self.has_last = state.get("last_review") is not None
        if self.has_last:
            between, tail = rest.split('"@LAST@"')
        else:
            between, tail = rest.replace('"@LAST@"', "null"), ""
        self.parts = (head, middle, between, tail)

    def render(self, card_id: int, due: datetime, last: datetime | None) -> str:
        head, middle, between, tail = self.parts
        text = f'{head}{card_id}{middle}"{due.isoformat()}"{between}'
        return text + (f'"{last.isoformat()}"{tail}' if self.has_last else "")


def _owner(owner: User | None) -> User:
    owner = owner or demo.demo_user(0)
    if owner is None:
        raise ScaleError("The demo accounts do not exist yet: run `quizapp demo` first.")
    return owner


def _existing(owner: User) -> ScaleSummary | None:
    deck = db.session.scalar(sa.select(Deck).where(Deck.slug == DECK_SLUG))
    if deck is None:
        return None
    cohort_id = db.session.scalar(
        sa.select(Assignment.cohort_id).where(Assignment.deck_id == deck.id).limit(1)
    )
    trainees = db.session.scalar(
        sa.select(sa.func.count()).select_from(Membership).where(Membership.cohort_id == cohort_id)
    )
    items = db.session.scalar(sa.select(sa.func.count(Item.id)).where(Item.deck_id == deck.id))
    return ScaleSummary(deck.id, cohort_id or 0, trainees or 0, items or 0, skipped=True)


def _make_trainees(count: int, password: str, now: datetime) -> list[int]:
    template = User(email="x", name="x", role="trainee")
    template.set_password(password)  # hashed once: every scale trainee shares the password
    rows = [
        dict(
            email=EMAIL.format(n + 1),
            name=f"Scale Trainee {n + 1:04d}",
            password_hash=template.password_hash,
            role="trainee",
            created_at=now - timedelta(days=60),
        )
        for n in range(count)
    ]
    db.session.execute(sa.insert(User.__table__), rows)
    emails = [row["email"] for row in rows]
    found = dict(
        db.session.execute(sa.select(User.email, User.id).where(User.email.in_(emails))).all()
    )
    return [found[email] for email in emails]


def _due_delta(rng: random.Random, path: _Trajectory, now: datetime) -> timedelta:
    """How far to move a trajectory so its card is due now (sometimes) or later (mostly)."""
    interval = path.final_due - path.final_last
    # Overdue cards are ones with short intervals, so no history reaches back years.
    if rng.random() < DUE_SHARE * 1.5 and interval <= timedelta(days=30):
        target = now - timedelta(minutes=rng.uniform(1, 3 * 24 * 60))
    else:
        target = now + max(interval * rng.uniform(0.02, 0.95), timedelta(minutes=30))
    delta = target - path.final_due
    # The last review must lie in the past, whatever the interval.
    if path.final_last + delta > now - timedelta(minutes=5):
        delta = now - timedelta(minutes=5) - path.final_last
    return delta


LOG_COLUMNS = (
    "user_id", "item_id", "deck_id", "rating", "reviewed_at", "duration_ms", "source",
    "client_id", "previous_fsrs",
)  # fmt: skip
STATE_COLUMNS = (
    "user_id", "item_id", "deck_id", "fsrs", "due", "state", "stability", "difficulty", "reps",
    "lapses", "last_review", "created_at", "updated_at",
)  # fmt: skip


def _cards(writer: _Writer, rng, paths, user_id, deck_id, item_ids, now) -> None:
    when = writer.when
    logs, states = ReviewLog.__table__, CardState.__table__
    for item_id in item_ids:
        path = rng.choice(paths)
        delta = _due_delta(rng, path, now)
        for n, step in enumerate(path.steps):
            before = None
            if step.before is not None:
                last = step.before_last + delta if step.before_last else None
                before = step.before.render(item_id, step.before_due + delta, last)
            writer.add(
                logs,
                (
                    user_id,
                    item_id,
                    deck_id,
                    step.rating,
                    when(_EPOCH + step.offset + delta),
                    1500 + int(13500 * rng.random()),
                    "study",
                    f"scale:{user_id}:{item_id}:{n}",
                    before,
                ),
            )
        due, last = path.final_due + delta, path.final_last + delta
        writer.add(
            states,
            (
                user_id,
                item_id,
                deck_id,
                path.final_json.render(item_id, due, last),
                when(due),
                int(path.final["state"]),
                path.final["stability"],
                path.final["difficulty"],
                len(path.steps),
                path.lapses,
                when(last),
                when(_EPOCH + delta),
                when(last),
            ),
        )


def _answer(rng: random.Random, item: dict, p_right: float) -> tuple[str, str, int | None]:
    right = rng.random() < p_right
    if item["choices"]:
        key = item["choices"].index(item["answer"])
        chosen = key if right else rng.choice([i for i in range(len(item["choices"])) if i != key])
        return str(chosen), "correct" if right else "wrong", chosen
    if item["type"] == "true_false":
        other = "False" if item["answer"] == "True" else "True"
        return (item["answer"] if right else other), "correct" if right else "wrong", None
    return (item["answer"] if right else "not sure"), "correct" if right else "wrong", None


def _quizzes(rng, owner: User, deck_id: int, items: list, users: list[int], attempts: int, now):
    """A checkpoint quiz taken `attempts` times by every trainee; returns (attempts, responses)."""
    if not attempts or not users:
        return 0, 0
    chosen = sorted(rng.sample(range(len(items)), min(QUIZ_SIZE, len(items))))
    quiz_items = [items[i] for i in chosen]
    rules = QuizSettings(count=len(quiz_items), item_ids=[i["id"] for i in quiz_items])
    quiz_id = db.session.execute(
        sa.insert(Quiz.__table__).returning(Quiz.__table__.c.id),
        dict(
            deck_id=deck_id,
            title="Scale checkpoint",
            kind="assigned",
            created_by=owner.id,
            settings=rules.to_json(),
            created_at=now - timedelta(days=30),
        ),
    ).scalar_one()
    ability = {user: rng.gauss(0, 1) for user in users}
    difficulty = {item["id"]: rng.gauss(0, 1) for item in quiz_items}
    rows = []
    for user in users:
        for n in range(attempts):
            started = now - timedelta(days=5 + 20 * (attempts - n - 1), hours=rng.uniform(0, 9))
            rows.append(
                dict(
                    quiz_id=quiz_id,
                    user_id=user,
                    item_ids=rules.item_ids,
                    started_at=started,
                    finished_at=started + timedelta(minutes=rng.uniform(4, 15)),
                    score=None,
                    client_id=f"scale:{user}:{n}",
                )
            )
    db.session.execute(sa.insert(Attempt.__table__), rows)
    ids = dict(
        db.session.execute(
            sa.select(Attempt.client_id, Attempt.id).where(Attempt.quiz_id == quiz_id)
        ).all()
    )
    responses = []
    for row in rows:
        right = 0
        for item in quiz_items:
            p = 1 / (1 + math.exp(difficulty[item["id"]] - ability[row["user_id"]] - 0.8))
            given, verdict, chosen_index = _answer(rng, item, p)
            right += verdict == "correct"
            responses.append(
                dict(
                    attempt_id=ids[row["client_id"]],
                    item_id=item["id"],
                    given=given,
                    verdict=verdict,
                    chosen_index=chosen_index,
                    time_ms=rng.randint(3000, 40000),
                    created_at=row["started_at"],
                )
            )
        row["score"] = right / len(quiz_items)
    db.session.execute(
        sa.update(Attempt.__table__)
        .where(Attempt.__table__.c.id == sa.bindparam("attempt_id"))
        .values(score=sa.bindparam("new_score")),
        [{"attempt_id": ids[r["client_id"]], "new_score": r["score"]} for r in rows],
    )
    for start in range(0, len(responses), CHUNK):
        db.session.execute(sa.insert(Response.__table__), responses[start : start + CHUNK])
    return len(rows), len(responses)


def _analyze() -> None:
    # Fresh planner statistics after a bulk load, as one would after any restore: without them
    # PostgreSQL plans the first minutes of queries (until autovacuum runs) for empty tables.
    if db.session.connection().dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()


def build(
    trainees: int,
    *,
    now: datetime,
    seed: int = 0,
    items: int = ITEMS,
    reviews_per_card: int = REVIEWS_PER_CARD,
    attempts: int = ATTEMPTS,
    owner: User | None = None,
    password: str | None = None,
) -> ScaleSummary:
    """Create the scale deck, cohort, trainees, card states, review logs and quiz answers."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware UTC")
    if trainees < 1 or items < 1 or reviews_per_card < 1:
        raise ScaleError("--scale needs at least one trainee, one item and one review per card.")
    started = time.perf_counter()
    owner = _owner(owner)
    found = _existing(owner)
    if found is not None:
        return found
    rng = random.Random(seed)
    password = password or secrets.token_urlsafe(9)
    try:
        text, facts = _article(items)
        source = Source(
            title="Depots and shipments (scale demo)",
            author="quizapp",
            text=text,
            sha256=f"scale-demo-{seed}-{items}",
            created_by=owner.id,
            created_at=now - timedelta(days=90),
        )
        deck = Deck(
            slug=DECK_SLUG,
            title=f"Scale demo: {items} items",
            description="Synthetic deck for benchmarks (quizapp demo --scale).",
            owner_id=owner.id,
            status="published",
            source=source,
            published_at=now - timedelta(days=90),
            created_at=now - timedelta(days=90),
            updated_at=now - timedelta(days=90),
        )
        cohort = Cohort(
            name=f"Scale cohort ({trainees} trainees)", instructor_id=owner.id, created_at=now
        )
        db.session.add_all([source, deck, cohort])
        db.session.flush()
        db.session.add(
            Assignment(cohort_id=cohort.id, deck_id=deck.id, created_at=now - timedelta(days=90))
        )
        db.session.execute(sa.insert(Item.__table__), _item_rows(deck.id, facts, now))
        item_rows = [
            dict(id=i, type=t, answer=a, choices=c)
            for i, t, a, c in db.session.execute(
                sa.select(Item.id, Item.type, Item.answer, Item.choices)
                .where(Item.deck_id == deck.id)
                .order_by(Item.id)
            )
        ]
        item_ids = [row["id"] for row in item_rows]
        users = _make_trainees(trainees, password, now)
        db.session.execute(
            sa.insert(Membership.__table__), [dict(cohort_id=cohort.id, user_id=u) for u in users]
        )
        paths = [_trajectory(rng, reviews_per_card) for _ in range(TRAJECTORIES)]
        writer = _Writer()
        writer.columns(ReviewLog.__table__, LOG_COLUMNS)
        writer.columns(CardState.__table__, STATE_COLUMNS)
        for user_id in users:
            _cards(writer, rng, paths, user_id, deck.id, item_ids, now)
        writer.flush()
        attempt_count, response_count = _quizzes(
            rng, owner, deck.id, item_rows, users, attempts, now
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _analyze()
    return ScaleSummary(
        deck_id=deck.id,
        cohort_id=cohort.id,
        trainees=trainees,
        items=items,
        card_states=writer.written.get(CardState.__tablename__, 0),
        reviews=writer.written.get(ReviewLog.__tablename__, 0),
        attempts=attempt_count,
        responses=response_count,
        seconds=time.perf_counter() - started,
        password=password,
    )
