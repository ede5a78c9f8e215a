"""Bench: next card + record review for a trainee with 2,000 items and 20,000 past reviews.

Run with `make bench`; prints the median server time (target: ≤ 15 ms on SQLite).
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from datetime import timedelta

import sqlalchemy as sa

from quizapp.domain import scheduling
from quizapp.models import CardState, Deck, Item, ReviewLog, User
from quizapp.services import study, study_queue
from tests.study_support import make_deck

ITEMS = 2_000
REVIEWS = 20_000
SEEN = 1_000
ROUNDS = 300
TARGET_MS = 15.0


def _seed(db, make_user, now):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    # A generous new-card limit so the measured session never runs dry.
    deck = make_deck(instructor, trainees=(trainee,), n_items=0, slug="bench", new_per_day=500)
    db.session.execute(
        sa.insert(Item),
        [
            dict(
                deck_id=deck.id,
                key=f"k{n}",
                type="basic",
                prompt=f"Q{n}",
                answer=f"A{n}",
                quote=f"A{n}.",
                topic=f"T{n % 12}",
                status="approved",
                origin="authored",
            )
            for n in range(ITEMS)
        ],
    )
    item_ids = list(db.session.scalars(sa.select(Item.id).where(Item.deck_id == deck.id)))
    rng = random.Random(7)
    states, logs = [], []
    seen = item_ids[:SEEN]
    per_item = REVIEWS // SEEN
    for item_id in seen:
        state = None
        moment = now - timedelta(days=rng.randint(60, 240))
        for n in range(per_item):
            rating = rng.choice((1, 3, 3, 3, 4))
            if n == per_item - 1:  # about 8% of cards were just forgotten and are due now
                rating = 1 if rng.random() < 0.08 else 4
            log = dict(
                user_id=trainee.id,
                item_id=item_id,
                deck_id=deck.id,
                rating=rating,
                reviewed_at=moment,
                source="study",
                client_id=f"seed-{item_id}-{n}",
            )
            if state is not None:
                log["previous_fsrs"] = state
            logs.append(log)
            state = scheduling.review(state, rating, moment, card_id=item_id)
            if n == per_item - 2:  # the last review was recently: most cards are not due yet
                moment = now - timedelta(hours=rng.uniform(1, 48))
            else:
                moment = min(scheduling.mirror(state).due, now - timedelta(minutes=1))
        mirror = scheduling.mirror(state)
        states.append(
            dict(
                user_id=trainee.id,
                item_id=item_id,
                deck_id=deck.id,
                fsrs=state,
                due=mirror.due,
                state=mirror.state,
                stability=mirror.stability,
                difficulty=mirror.difficulty,
                last_review=mirror.last_review,
                reps=per_item,
                lapses=0,
            )
        )
    db.session.execute(sa.insert(CardState), states)
    db.session.execute(sa.insert(ReviewLog), logs)
    db.session.commit()
    return trainee.id, deck.id


def test_bench_next_card_and_record_review(app, db, make_user, now, bench):
    user_id, deck_id = _seed(db, make_user, now)
    assert db.session.scalar(sa.select(sa.func.count(ReviewLog.id))) == REVIEWS
    timings = []
    picked_new = 0
    moment = now
    for n in range(ROUNDS):
        db.session.remove()  # each round is a fresh request
        moment += timedelta(seconds=7)
        rating = 3 if n % 5 else 1
        start = time.perf_counter()
        user = db.session.get(User, user_id)
        deck = db.session.get(Deck, deck_id)
        item = study_queue.next_card(user, deck, now=moment)
        log = study.record_review(user, item, rating, client_id=uuid.uuid4().hex, now=moment)
        timings.append((time.perf_counter() - start) * 1000)
        picked_new += log.previous_fsrs is None
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    bench.record(
        "study loop: one trainee, big deck (sqlite)",
        size=f"{ITEMS:,} items, {REVIEWS:,} reviews",
        median=median / 1000,
        runs=ROUNDS,
        target=f"≤ {TARGET_MS:.0f} ms",
        passed=median <= TARGET_MS,
    )
    print(
        f"\nbench study: next card + record review, {ITEMS} items, {REVIEWS} past reviews, "
        f"{ROUNDS} rounds on SQLite: median {median:.2f} ms, p95 {p95:.2f} ms "
        f"(target ≤ {TARGET_MS:.0f} ms); {ROUNDS - picked_new} due cards, {picked_new} new"
    )
    assert picked_new > 0 and picked_new < ROUNDS  # both paths of next_card were measured
    assert median <= TARGET_MS
