"""Analytics service on SQLite and PostgreSQL: figures from real rows, scoping, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.domain import analytics as figures
from quizapp.models import Assignment, Cohort, Membership
from quizapp.services import analytics
from tests.analytics_support import (
    add_card,
    add_review,
    make_cohort,
    make_deck,
    take_quiz,
)


@pytest.fixture
def setup(db, make_user, now):
    """An instructor's deck of 3 items assigned to a cohort of 6 trainees (plus an outsider)."""
    instructor = make_user("instructor", name="Iris")
    trainees = [make_user("trainee", name=f"T{n}") for n in range(1, 7)]
    deck = make_deck(instructor, 3)
    cohort = make_cohort(
        instructor,
        deck,
        trainees,
        due_date=(now + timedelta(days=10)).date(),
        assigned_at=now - timedelta(days=10),
    )
    return instructor, trainees, deck, cohort


def answer_all(trainees, deck, pattern, now):
    """pattern[i] = list of (verdict, chosen) per item for trainee i; one finished attempt each."""
    for trainee, answers in zip(trainees, pattern, strict=True):
        take_quiz(
            trainee,
            deck,
            dict(zip(deck.items, answers, strict=True)),
            finished_at=now - timedelta(days=1),
        )


R, W0, W2 = ("correct", 1), ("wrong", 0), ("wrong", 2)


def test_item_report_hand_computed(db, setup, now, make_user):
    instructor, trainees, deck, _ = setup
    first, second, third = deck.items
    # Item 0: T1–T4 right, T5 and T6 picked "Iran" (index 0).
    # Item 1: only T5 right (T1–T4 and T6 picked "Syria", index 2).
    # Item 2: answered by T1 and T2 only → too few responses.
    pattern = [
        [R, W2, R],
        [R, W2, R],
        [R, W2],
        [R, W2],
        [W0, R],
        [W0, W2],
    ]
    for trainee, answers in zip(trainees, pattern, strict=True):
        take_quiz(
            trainee, deck, dict(zip(deck.items, answers, strict=False)), now - timedelta(days=1)
        )
    # A retake by T6 (right this time) counts as an answer but not for the statistics.
    take_quiz(trainees[5], deck, {first: R}, now)
    # An instructor's own answers never count.
    take_quiz(instructor, deck, {first: W0, second: W0}, now)
    add_card(trainees[0], first, now, difficulty=4.0, lapses=1)
    add_card(trainees[1], first, now, difficulty=6.0, lapses=0)
    add_review(trainees[0], first, now, rating=1)
    add_review(trainees[0], first, now, rating=3)
    add_review(trainees[1], first, now, rating=4)
    undone = add_review(trainees[1], first, now, rating=1, undone_at=now)
    assert undone.undone_at is not None

    report = analytics.item_report(deck)
    assert report.answers == 14 + 1  # 6 trainees' answers (14) plus the retake
    assert report.trainees == 6
    one, two, three = (line.stats for line in report.lines)

    assert (one.responses, one.answers) == (6, 7)
    assert one.facility == pytest.approx(4 / 6)
    # Totals over first answers: T1, T2 = 2/3; T3, T4 = 1/2; T5 = 1/2; T6 = 0.
    # n=6 → k=2: upper T1, T2; lower T6 plus one place shared by T3, T4, T5 (1/3 each).
    # Item 0: upper 1.0; lower (0 + 1/3·1 + 1/3·1 + 1/3·0) / 2 = 1/3.
    assert one.discrimination == pytest.approx(1 - 1 / 3)
    assert [(c.text, c.picks, c.is_key) for c in one.choices] == [
        ("Iran", 2, False),
        ("Russia", 4, True),
        ("Syria", 0, False),
        ("Yemen", 0, False),
    ]
    # Study: 3 reviews counted (the undone one is not), 1 Again → recall 2/3.
    assert one.study_reviews == 3
    assert one.study_recall == pytest.approx(2 / 3)
    assert one.mean_difficulty == pytest.approx(5.0)
    assert one.mean_lapses == pytest.approx(0.5)
    assert one.flags == []  # 6 responses: too few for distractor flags

    assert two.facility == pytest.approx(1 / 6)
    # Item 1: upper (T1, T2) 0; lower T6 0 and T5 (1/3 weight) 1 → (1/3) / 2 = 1/6.
    assert two.discrimination == pytest.approx(0 - 1 / 6)
    assert {f.code for f in two.flags} == {"too_hard", "negative_discrimination"}
    assert any("check the answer key" in f.reason for f in two.flags)
    assert [line.item.id for line in report.flagged] == [second.id]

    assert (three.responses, three.enough, three.note) == (2, False, "too few responses (n=2)")
    assert three.facility is None


def test_item_report_flagged_only(db, setup, now):
    _, trainees, deck, _ = setup
    answer_all(trainees, deck, [[R, R, R]] * 6, now)
    report = analytics.item_report(deck, flagged_only=True)
    assert len(report.lines) == 3
    assert all(line.stats.flags[0].code == "too_easy" for line in report.lines)


def test_item_report_of_a_deck_without_answers(db, setup):
    _, _, deck, _ = setup
    report = analytics.item_report(deck)
    assert report.answers == 0 and report.flagged == []
    assert [line.stats.note for line in report.lines] == ["too few responses (n=0)"] * 3


def test_cohort_deck_report_rows(db, setup, now, make_user):
    _, trainees, deck, cohort = setup
    first, second, third = deck.items
    t1, t2 = trainees[0], trainees[1]
    add_card(t1, first, now, state=2, stability=30.0, days_ago=0, due_in_days=30)
    add_card(t1, second, now, state=2, stability=10.0, days_ago=10, due_in_days=-1)
    add_card(t2, first, now, state=2, stability=1.0, days_ago=30, due_in_days=-20)
    take_quiz(t1, deck, {first: R, second: W0, third: R}, now - timedelta(days=3), score=2 / 3)
    take_quiz(t1, deck, {first: R}, now - timedelta(days=1))  # no stored score: 1 of 1
    take_quiz(t1, deck, {first: W0}, None)  # unfinished: ignored
    outsider = make_user("trainee", name="Outsider")
    add_card(outsider, first, now)

    assignment = analytics.find_assignment(cohort.id, deck.id)
    report = analytics.cohort_deck_report(assignment, now=now)
    assert [r.name for r in report.rows] == ["T1", "T2", "T3", "T4", "T5", "T6"]
    r1, r2 = report.rows[0], report.rows[1]
    assert (r1.studied, r1.total, r1.mastered, r1.due_now) == (2, 3, 1, 1)
    assert r1.recall == pytest.approx((1.0 + 0.9) / 2)
    assert r1.last_active == now  # the first card was reviewed just now
    assert r1.last_active.tzinfo is not None
    assert r2.last_active == now - timedelta(days=30)
    assert (r1.best_score, r1.latest_score) == (pytest.approx(1.0), pytest.approx(1.0))
    # 10 of 20.6 days gone → floor(0.485 × 3) = 1 expected; T1 studied 2: on track.
    assert r1.status.code == "on_track" and not r1.at_risk
    assert r2.recall == pytest.approx(figures.retrievability(1.0, now - timedelta(days=30), now))
    assert r2.at_risk and r2.risk_reasons[0].startswith("predicted recall")
    # T3–T6 studied nothing while 1 item was expected by now: behind.
    assert all(r.status.code == "behind" for r in report.rows[2:])
    assert report.trainees == 6 and report.at_risk == 5


def test_cohort_deck_report_sort_and_filter(db, setup, now):
    _, trainees, deck, cohort = setup
    add_card(trainees[2], deck.items[0], now, stability=50.0, days_ago=1)
    add_card(trainees[4], deck.items[0], now, stability=1.0, days_ago=30)
    assignment = analytics.find_assignment(cohort.id, deck.id)
    report = analytics.cohort_deck_report(assignment, now=now, sort="recall", direction="desc")
    assert [r.name for r in report.rows][:2] == ["T3", "T5"]
    assert (report.sort, report.direction) == ("recall", "desc")
    risky = analytics.cohort_deck_report(assignment, now=now, at_risk_only=True)
    assert {r.name for r in risky.rows} == {"T1", "T2", "T4", "T5", "T6"}
    odd = analytics.cohort_deck_report(assignment, now=now, sort="x;drop", direction="sideways")
    assert (odd.sort, odd.direction) == ("name", "asc")
    text = analytics.cohort_deck_csv(risky)
    assert text.splitlines()[0].startswith("name,email,items studied")
    assert len(text.splitlines()) == 6


def test_cohort_deck_report_without_trainees(db, make_user, now):
    instructor = make_user("instructor")
    deck = make_deck(instructor, 2)
    cohort = make_cohort(instructor, deck, [])
    report = analytics.cohort_deck_report(analytics.find_assignment(cohort.id, deck.id), now=now)
    assert report.rows == [] and report.trainees == 0 and report.at_risk == 0


def test_dashboard_counts_and_scope(db, setup, now, make_user):
    instructor, trainees, deck, cohort = setup
    answer_all(trainees, deck, [[R, R, R]] * 6, now)  # all three items too easy
    other = make_user("instructor", name="Other")
    other_deck = make_deck(other, 1, slug="other")
    other_cohort = make_cohort(other, other_deck, trainees[:2])
    # The other instructor's cohort also studies the first instructor's deck.
    db.session.add(Assignment(cohort_id=other_cohort.id, deck_id=deck.id))
    db.session.commit()

    mine = analytics.dashboard(instructor, now=now)
    assert [(a.cohort.id, a.deck.id) for a in mine.assignments] == [(cohort.id, deck.id)]
    [summary] = mine.assignments
    # Nobody studied yet, one item expected by now: all six are behind.
    assert (summary.trainees, summary.at_risk, summary.flagged) == (6, 6, 3)
    assert [(d.deck.id, d.items, d.answers, d.flagged) for d in mine.decks] == [(deck.id, 3, 18, 3)]

    theirs = analytics.dashboard(other, now=now)
    flagged = {a.deck.id: a.flagged for a in theirs.assignments}
    assert flagged == {other_deck.id: 0, deck.id: None}  # not their deck: no item analysis

    admin = make_user("admin")
    everything = analytics.dashboard(admin, now=now)
    assert len(everything.assignments) == 3 and len(everything.decks) == 2
    assert all(a.flagged is not None for a in everything.assignments)


def test_dashboard_of_a_new_instructor_is_empty(db, make_user, now):
    board = analytics.dashboard(make_user("instructor"), now=now)
    assert board.assignments == [] and board.decks == []


def test_permissions(db, setup, make_user):
    instructor, trainees, deck, cohort = setup
    other = make_user("instructor")
    admin = make_user("admin")
    assert analytics.can_view_cohort(instructor, cohort)
    assert analytics.can_view_cohort(admin, cohort)
    assert not analytics.can_view_cohort(other, cohort)
    assert not analytics.can_view_cohort(trainees[0], cohort)
    assert analytics.can_view_deck(instructor, deck)
    assert analytics.can_view_deck(admin, deck)
    assert not analytics.can_view_deck(other, deck)
    assert analytics.find_assignment(cohort.id, deck.id + 999) is None


def test_members_who_are_not_trainees_are_not_rows(db, setup, now, make_user):
    instructor, _, deck, cohort = setup
    helper = make_user("instructor")
    db.session.add(Membership(cohort_id=cohort.id, user_id=helper.id))
    db.session.commit()
    report = analytics.cohort_deck_report(analytics.find_assignment(cohort.id, deck.id), now=now)
    assert helper.id not in {r.user_id for r in report.rows}
    assert db.session.get(Cohort, cohort.id) is not None
