"""Item analysis and cohort progress figures on hand-computed fixtures."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Card, Scheduler

from quizapp.domain import analytics as a

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def answers_for(item_id: int, scores: dict[int, str], chosen: dict[int, int] | None = None):
    chosen = chosen or {}
    return [a.Answer(u, item_id, v, chosen.get(u)) for u, v in scores.items()]


# ------------------------------------------------------------------ facility


def test_facility_is_share_correct():
    assert a.facility(["correct", "wrong", "correct", "correct"]) == 0.75


def test_facility_counts_close_as_correct_like_the_quiz_score():
    assert a.facility(["correct", "close", "wrong", "wrong"]) == 0.5


def test_facility_of_no_answers_is_none():
    assert a.facility([]) is None


# ------------------------------------------------------------------ groups


def test_group_size_is_27_percent_rounded_half_up_at_least_one():
    assert a.group_size(2) == 1
    assert a.group_size(5) == 1  # 1.35
    assert a.group_size(6) == 2  # 1.62
    assert a.group_size(100) == 27
    assert a.group_size(50) == 14  # 13.5 rounds up


def test_extreme_groups_without_ties():
    totals = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2}
    upper, lower = a.extreme_groups(totals)
    assert upper == {1: 1.0}
    assert lower == {5: 1.0}


def test_tied_trainees_on_the_boundary_share_the_places():
    # n=6 → k=2; three trainees tie on the lowest score and share the two lower places.
    totals = {1: 0.9, 2: 0.9, 3: 0.5, 4: 0.1, 5: 0.1, 6: 0.1}
    upper, lower = a.extreme_groups(totals)
    assert upper == {1: 1.0, 2: 1.0}
    assert lower == pytest.approx({4: 2 / 3, 5: 2 / 3, 6: 2 / 3})


def test_ties_give_the_same_result_in_any_order():
    totals = {1: 0.9, 2: 0.9, 3: 0.5, 4: 0.1, 5: 0.1, 6: 0.1}
    reordered = dict(reversed(list(totals.items())))
    assert a.extreme_groups(totals) == a.extreme_groups(reordered)


def test_single_trainee_has_no_groups():
    assert a.extreme_groups({7: 0.5}) is None


def test_all_same_total_has_no_groups():
    assert a.extreme_groups({1: 0.5, 2: 0.5, 3: 0.5}) is None


# ------------------------------------------------------------------ discrimination


def test_discrimination_hand_computed_with_boundary_tie():
    # n=8 → k=2. Upper: trainee 1 (1.0) plus one place shared by 2, 3, 4 (0.75 each, 1/3 weight).
    # Lower: 8 (0.0) and 7 (0.25).
    totals = {1: 1.0, 2: 0.75, 3: 0.75, 4: 0.75, 5: 0.5, 6: 0.5, 7: 0.25, 8: 0.0}
    groups = a.extreme_groups(totals)
    item = {1: 1.0, 2: 1.0, 3: 0.0, 4: 0.0, 7: 0.0, 8: 1.0}
    # upper = (1·1 + 1/3·1 + 1/3·0 + 1/3·0) / 2 = 2/3; lower = (0 + 1) / 2 = 1/2
    assert a.discrimination(item, groups) == pytest.approx(2 / 3 - 1 / 2)


def test_discrimination_counts_only_group_members_who_answered():
    groups = a.extreme_groups({1: 1.0, 2: 0.5, 3: 0.0})  # k=1: upper {1}, lower {3}
    assert a.discrimination({1: 1.0, 3: 0.0}, groups) == 1.0
    assert a.discrimination({1: 1.0, 2: 0.0}, groups) is None  # nobody of the lower group


def test_discrimination_undefined_without_groups():
    assert a.discrimination({1: 1.0}, None) is None


# ------------------------------------------------------------------ distractors


def test_choice_rates_mark_the_key_and_count_picks():
    item = a.ItemInfo(1, ["Iran", "Russia", "Syria"], "Russia")
    rates = a.choice_rates(item, [1, 1, 0, None, 1, 7])
    assert [(r.text, r.picks, r.is_key) for r in rates] == [
        ("Iran", 1, False),
        ("Russia", 3, True),
        ("Syria", 0, False),
    ]
    # None and out-of-range picks are not part of the denominator.
    assert [r.rate for r in rates] == [0.25, 0.75, 0.0]


def test_choice_rates_without_picks_are_none():
    item = a.ItemInfo(1, ["x", "y"], "x")
    assert [r.rate for r in a.choice_rates(item, [])] == [None, None]


def test_key_index_when_answer_not_among_choices():
    assert a.key_index(a.ItemInfo(1, ["a", "b"], "c")) is None
    assert a.key_index(a.ItemInfo(1, [], "True")) is None


# ------------------------------------------------------------------ whole analysis


def test_analyse_items_hand_computed():
    items = [a.ItemInfo(10, ["A", "B", "C", "D"], "A"), a.ItemInfo(11)]
    # Item 10: trainees 1..5; 1, 2, 3 right; 4 and 5 picked B.
    answers = answers_for(
        10,
        {1: "correct", 2: "correct", 3: "correct", 4: "wrong", 5: "wrong"},
        {1: 0, 2: 0, 3: 0, 4: 1, 5: 1},
    )
    # Item 11: the same five, only 5 right: totals 1..4 = 0.5, 5 = 0.5 → all tied.
    answers += answers_for(11, {1: "wrong", 2: "wrong", 3: "wrong", 4: "wrong", 5: "correct"})
    stats = a.analyse_items(items, answers)
    first, second = stats
    assert first.responses == 5 and first.enough
    assert first.facility == 0.6
    assert [c.rate for c in first.choices] == [0.6, 0.4, 0.0, 0.0]
    totals = a.trainee_totals(answers)
    assert totals == {1: 0.5, 2: 0.5, 3: 0.5, 4: 0.0, 5: 0.5}
    # n=5 → k=1; upper place shared by 1, 2, 3, 5 (1/4 each): item 10 upper = 3/4; lower = 4 → 0.
    assert first.discrimination == pytest.approx(0.75)
    assert second.facility == 0.2
    assert second.discrimination == pytest.approx(0.25 - 0.0)
    # 20% is not below 20%: not flagged too hard; fewer than 20 answers: no distractor flags.
    assert first.flags == [] and second.flags == []


def test_analyse_items_with_no_responses_says_too_few():
    [stats] = a.analyse_items([a.ItemInfo(1, ["a", "b"], "a")], [])
    assert stats.responses == 0
    assert not stats.enough
    assert stats.facility is None and stats.discrimination is None and stats.choices == []
    assert stats.note == "too few responses (n=0)"


def test_analyse_items_below_threshold_hides_figures():
    answers = answers_for(1, {1: "correct", 2: "wrong", 3: "wrong"})
    [stats] = a.analyse_items([a.ItemInfo(1)], answers)
    assert stats.note == "too few responses (n=3)"
    assert stats.facility is None and stats.flags == []


def test_single_trainee_gets_facility_but_no_discrimination():
    answers = [a.Answer(1, 1, "correct"), a.Answer(1, 2, "wrong"), a.Answer(1, 2, "correct")]
    first, second = a.analyse_items([a.ItemInfo(1), a.ItemInfo(2)], answers, min_responses=1)
    assert (first.responses, first.facility, first.discrimination) == (1, 1.0, None)
    assert (second.responses, second.answers, second.facility) == (1, 2, 0.0)
    assert second.discrimination is None


def test_single_trainee_is_too_few_at_the_default_threshold():
    [stats] = a.analyse_items([a.ItemInfo(1)], [a.Answer(1, 1, "correct")] * 6)
    assert stats.responses == 1 and stats.answers == 6
    assert stats.note == "too few responses (n=1)"


def test_all_same_score_gives_no_discrimination():
    answers = answers_for(1, {u: "correct" for u in range(1, 7)})
    [stats] = a.analyse_items([a.ItemInfo(1)], answers)
    assert stats.facility == 1.0
    assert stats.discrimination is None
    assert [f.code for f in stats.flags] == ["too_easy"]


def test_first_answers_keeps_each_trainees_first_answer_per_item():
    answers = [
        a.Answer(1, 1, "wrong"),
        a.Answer(2, 1, "correct"),
        a.Answer(1, 1, "correct"),
        a.Answer(1, 2, "correct"),
    ]
    assert a.first_answers(answers) == [answers[0], answers[1], answers[3]]


def test_retakes_do_not_count_for_item_statistics():
    # Trainee 1 first gets item 1 wrong, then right on a retake; item 2 right.
    # Trainee 2 gets item 1 right and item 2 wrong.
    answers = [
        a.Answer(1, 1, "wrong"),
        a.Answer(1, 2, "correct"),
        a.Answer(2, 1, "correct"),
        a.Answer(2, 2, "wrong"),
        a.Answer(1, 1, "correct"),
    ]
    first, second = a.analyse_items([a.ItemInfo(1), a.ItemInfo(2)], answers, min_responses=1)
    assert (first.responses, first.answers) == (2, 3)
    assert first.facility == 0.5
    # Totals from first answers: both 0.5 → tied → discrimination undefined.
    assert first.discrimination is None and second.discrimination is None


# ------------------------------------------------------------------ flags


def stats_with(**kwargs):
    base = dict(item_id=1, responses=30, enough=True)
    base.update(kwargs)
    return a.ItemStats(**base)


def test_flag_too_easy_and_too_hard_thresholds():
    assert a.item_flags(stats_with(facility=0.9)) == []
    [easy] = a.item_flags(stats_with(facility=0.93))
    assert easy.code == "too_easy" and "93% answered correctly" in easy.reason
    assert a.item_flags(stats_with(facility=0.2)) == []
    [hard] = a.item_flags(stats_with(facility=0.1))
    assert hard.code == "too_hard" and "10%" in hard.reason


def test_flag_negative_discrimination_says_check_the_key():
    [flag] = a.item_flags(stats_with(facility=0.5, discrimination=-0.25))
    assert flag.code == "negative_discrimination"
    assert "check the answer key" in flag.reason
    assert "−0.25" in flag.reason
    assert a.item_flags(stats_with(facility=0.5, discrimination=0.0)) == []


def test_flag_rare_distractor_names_it():
    choices = [
        a.ChoiceRate(0, "Tehran", 23, 23 / 40, True),
        a.ChoiceRate(1, "Moscow", 14, 14 / 40, False),
        a.ChoiceRate(2, "Lima", 1, 1 / 40, False),
        a.ChoiceRate(3, "Oslo", 2, 2 / 40, False),  # exactly 5% is not below 5%
    ]
    [flag] = a.item_flags(stats_with(responses=40, facility=0.6, choices=choices))
    assert flag.code == "rare_distractor"
    assert flag.reason == "Replace this distractor: “Lima” was chosen by 2% (1 of 40)."


def test_no_distractor_flags_below_ten_responses():
    choices = [a.ChoiceRate(0, "x", 10, 10 / 10, True), a.ChoiceRate(1, "y", 0, 0.0, False)]
    flags = a.item_flags(stats_with(responses=9, facility=0.5, choices=choices))
    assert flags == []
    [flag] = a.item_flags(stats_with(responses=10, facility=0.5, choices=choices))
    assert flag.reason == "Replace this distractor: “y” was chosen by 0% (0 of 10)."


def test_no_flags_without_enough_responses():
    assert a.item_flags(stats_with(enough=False, facility=1.0, discrimination=-1.0)) == []


def test_study_figures():
    totals = a.StudyTotals(
        reviews=8, again=2, cards=4, difficulty_sum=22.0, difficulty_count=4, lapses_sum=3
    )
    assert a.study_figures(totals) == {
        "study_reviews": 8,
        "study_recall": 0.75,
        "mean_difficulty": 5.5,
        "mean_lapses": 0.75,
    }
    empty = a.study_figures(a.StudyTotals())
    assert empty["study_recall"] is None and empty["mean_difficulty"] is None


def test_formatters():
    assert a.percent(0.84) == "84%"
    assert a.percent(1.0) == "100%"
    assert a.percent(None) == "–"
    assert a.percent(0.7) == "70%"
    assert a.signed(0.5) == "+0.50"
    assert a.signed(-0.25) == "−0.25"
    assert a.signed(None) == "–"


def test_one_decimal_and_ago():
    assert a.one_decimal(5.26) == "5.3"
    assert a.one_decimal(4.04) == "4.0"
    assert a.one_decimal(None) == "–"
    assert a.ago(None, NOW) == "never"
    assert a.ago(NOW.replace(hour=0, minute=1), NOW) == "today"
    assert a.ago(NOW - timedelta(hours=10), NOW) == "yesterday"  # 23:30 the day before
    assert a.ago(NOW - timedelta(days=5), NOW) == "5 days ago"


# ------------------------------------------------------------------ retrievability


def test_retrievability_is_ninety_percent_after_one_stability():
    assert a.retrievability(10.0, NOW - timedelta(days=10), NOW) == pytest.approx(0.9)
    assert a.retrievability(10.0, NOW, NOW) == 1.0


@pytest.mark.parametrize("stability,days", [(2.3, 1), (15.0, 40), (0.5, 3), (100.0, 7)])
def test_retrievability_matches_fsrs(stability, days):
    last = NOW - timedelta(days=days, hours=5)
    card = Card(card_id=1, stability=stability, difficulty=5.0, last_review=last, due=NOW)
    card = Card.from_dict(card.to_dict())
    expected = Scheduler().get_card_retrievability(card, NOW)
    assert a.retrievability(stability, last, NOW) == pytest.approx(expected)


def test_retrievability_without_memory_state_is_none():
    assert a.retrievability(None, NOW, NOW) is None
    assert a.retrievability(3.0, None, NOW) is None


def card(state=2, stability=10.0, days_ago=10, due_in_days=1):
    last = None if days_ago is None else NOW - timedelta(days=days_ago)
    return a.CardFacts(state, stability, last, NOW + timedelta(days=due_in_days))


def test_predicted_recall_is_mean_over_studied_items():
    cards = [card(stability=10.0, days_ago=10), card(stability=10.0, days_ago=0)]
    assert a.predicted_recall(cards, NOW) == pytest.approx((0.9 + 1.0) / 2)
    assert a.predicted_recall([], NOW) is None


def test_mastered_and_due():
    assert a.is_mastered(card(state=2, stability=21.0))
    assert not a.is_mastered(card(state=2, stability=20.9))
    assert not a.is_mastered(card(state=3, stability=40.0))
    assert a.is_due(card(due_in_days=0), NOW)
    assert not a.is_due(card(due_in_days=1), NOW)


# ------------------------------------------------------------------ due status


ASSIGNED = NOW - timedelta(days=10)


def test_due_status_done_when_everything_studied():
    status = a.due_status(studied=5, total=5, due_date=None, assigned_at=ASSIGNED, now=NOW)
    assert status.code == "done"


def test_due_status_no_due_date():
    status = a.due_status(studied=1, total=5, due_date=None, assigned_at=ASSIGNED, now=NOW)
    assert status.code == "no_due_date" and status.label == "no due date"


def test_due_status_behind_when_due_date_passed():
    status = a.due_status(
        studied=4, total=5, due_date=date(2026, 3, 1), assigned_at=ASSIGNED, now=NOW
    )
    assert status.code == "behind"
    assert status.detail == "Due 2026-03-01 passed with 4 of 5 items studied."


def test_due_status_on_the_due_day_is_not_yet_passed():
    status = a.due_status(studied=10, total=10, due_date=NOW.date(), assigned_at=ASSIGNED, now=NOW)
    assert status.code == "done"
    status = a.due_status(studied=9, total=10, due_date=NOW.date(), assigned_at=ASSIGNED, now=NOW)
    # 10 days gone of 10 days 14.5 h (deadline: end of the due day) → floor(9.43) = 9 expected.
    assert status.code == "on_track"


def test_due_status_behind_an_even_pace():
    # Assigned 2026-02-20 09:30, due 2026-03-11 (deadline 03-12 00:00): 10 of 19.6 days gone.
    due = date(2026, 3, 11)
    share = a.expected_share(ASSIGNED, due, NOW)
    assert share == pytest.approx(10 / (19 + 14.5 / 24))
    behind = a.due_status(studied=9, total=20, due_date=due, assigned_at=ASSIGNED, now=NOW)
    assert behind.code == "behind"
    assert "would have 10 by now" in behind.detail
    on_track = a.due_status(studied=10, total=20, due_date=due, assigned_at=ASSIGNED, now=NOW)
    assert on_track.code == "on_track" and on_track.label == "on track"


def test_due_status_with_no_items_is_never_behind():
    status = a.due_status(
        studied=0, total=0, due_date=date(2026, 1, 1), assigned_at=ASSIGNED, now=NOW
    )
    assert status.code == "on_track"


# ------------------------------------------------------------------ quiz scores


def test_last_active_is_the_latest_review_or_finished_attempt():
    cards = [card(days_ago=3), card(days_ago=None), card(days_ago=1)]
    assert a.last_active(cards) == NOW - timedelta(days=1)
    attempt = a.AttemptResult(NOW - timedelta(hours=1), 0.5)
    assert a.last_active(cards, [attempt]) == NOW - timedelta(hours=1)
    assert a.last_active([]) is None


def test_attempt_score_counts_unanswered_items_as_zero():
    assert a.attempt_score(["correct", "close", "wrong"], 4) == 0.5
    assert a.attempt_score([], 0) is None


def test_best_and_latest():
    attempts = [
        a.AttemptResult(NOW - timedelta(days=3), 0.9),
        a.AttemptResult(NOW - timedelta(days=1), 0.4),
        a.AttemptResult(NOW - timedelta(days=2), 0.6),
    ]
    assert a.best_and_latest(attempts) == (0.9, 0.4)
    assert a.best_and_latest([]) == (None, None)


# ------------------------------------------------------------------ rows, risk, sorting, CSV


def row(user_id, name, **kwargs):
    defaults = dict(
        user_id=user_id,
        name=name,
        email=f"{name.lower()}@example.com",
        cards=[],
        total=4,
        due_date=None,
        assigned_at=ASSIGNED,
        now=NOW,
    )
    defaults.update(kwargs)
    return a.trainee_row(**defaults)


def test_trainee_row_figures():
    cards = [
        card(state=2, stability=30.0, days_ago=0, due_in_days=30),  # mastered, recall 1.0
        card(state=2, stability=10.0, days_ago=10, due_in_days=0),  # due, recall 0.9
        card(state=1, stability=1.0, days_ago=None),  # not studied
    ]
    r = row(
        1,
        "Ada",
        cards=cards,
        attempts=[a.AttemptResult(NOW - timedelta(days=1), 0.5)],
    )
    assert (r.studied, r.total, r.mastered, r.due_now) == (2, 4, 1, 1)
    assert r.recall == pytest.approx(0.95)
    assert (r.best_score, r.latest_score) == (0.5, 0.5)
    assert r.last_active == NOW  # the first card was reviewed just now
    assert r.status.code == "no_due_date"
    assert not r.at_risk and r.risk_reasons == []


def test_at_risk_by_recall_and_by_due_date():
    weak = row(1, "Ada", cards=[card(stability=1.0, days_ago=30)])
    assert weak.at_risk
    assert weak.risk_reasons[0].startswith("predicted recall ")
    assert "(below 70%)" in weak.risk_reasons[0]
    late = row(2, "Bo", cards=[card()], due_date=date(2026, 2, 1))
    assert late.at_risk and late.risk_reasons == ["behind the due date"]
    assert a.at_risk_only([weak, late, row(3, "Cy")]) == [weak, late]


def test_sort_rows_by_every_column_with_empty_values_last():
    rows = [
        row(1, "cy", cards=[card(stability=1.0, days_ago=5)]),
        row(2, "Ada"),
        row(3, "bo", cards=[card(stability=50.0, days_ago=1)]),
    ]
    assert [r.user_id for r in a.sort_rows(rows, "name")] == [2, 3, 1]
    assert [r.user_id for r in a.sort_rows(rows, "name", "desc")] == [1, 3, 2]
    assert [r.user_id for r in a.sort_rows(rows, "recall")] == [1, 3, 2]
    assert [r.user_id for r in a.sort_rows(rows, "recall", "desc")] == [3, 1, 2]
    # Equal studied counts (1, 1) keep name order; Ada studied 0.
    assert [r.user_id for r in a.sort_rows(rows, "studied", "desc")] == [3, 1, 2]
    for key in a.SORT_KEYS:
        assert sorted(r.user_id for r in a.sort_rows(rows, key, "desc")) == [1, 2, 3]
    assert [r.user_id for r in a.sort_rows(rows, "nonsense")] == [2, 3, 1]


def test_sort_by_status_puts_behind_first():
    rows = [
        row(1, "A", cards=[card()] * 4, due_date=date(2026, 2, 1)),  # done
        row(2, "B", due_date=date(2026, 2, 1)),  # behind
        row(3, "C"),  # no due date
    ]
    assert [r.user_id for r in a.sort_rows(rows, "status")] == [2, 3, 1]


def test_rows_to_csv():
    r = row(
        1,
        "=cmd()",
        cards=[card(stability=10.0, days_ago=10)],
        attempts=[a.AttemptResult(NOW, 0.75)],
    )
    parsed = list(csv.reader(io.StringIO(a.rows_to_csv([r]))))
    assert parsed[0] == a.CSV_HEADER
    assert parsed[1] == [
        "'=cmd()",
        "'=cmd()@example.com",
        "1",
        "4",
        "0",
        "0",
        "0.900",
        "2026-03-02T09:30:00+00:00",
        "0.750",
        "0.750",
        "no due date",
        "no",
        "",
    ]


def test_lapsed_trainee_is_not_done_and_is_at_risk():
    # Issue 17: every item studied long ago, last active 26 days ago, all 15 items due again.
    lapsed = [card(state=2, stability=40.0, days_ago=26, due_in_days=-10) for _ in range(15)]
    r = row(1, "Ada", cards=lapsed, total=15)
    assert r.recall > a.AT_RISK_RECALL  # recall alone would not flag this trainee
    assert (r.studied, r.due_now) == (15, 15)
    assert r.status.code == "reviews_due" and r.status.label == "reviews due"
    assert r.status.detail == "All 15 items studied; 15 due for review now."
    assert r.at_risk and r.risk_reasons == ["inactive for 26 days with 15 reviews due"]


def test_recently_active_trainee_with_reviews_due_is_not_at_risk():
    cards = [card(state=2, stability=40.0, days_ago=2, due_in_days=-1) for _ in range(3)]
    r = row(1, "Ada", cards=cards, total=3)
    assert r.status.code == "reviews_due" and not r.at_risk
    done = row(2, "Bo", cards=[card(state=2, stability=40.0, days_ago=2, due_in_days=5)], total=1)
    assert done.status.code == "done" and not done.at_risk


def test_too_easy_advice_mentions_distractors_only_when_there_are_some():
    # Issue 17: "make distractors more demanding" was shown for typed-answer items.
    [typed] = a.item_flags(stats_with(facility=0.95))
    assert "distractor" not in typed.reason and "less obvious detail" in typed.reason
    options = [a.ChoiceRate(i, t, 1, 0.25, i == 0) for i, t in enumerate("ABCD")]
    [mcq] = a.item_flags(stats_with(facility=0.95, choices=options))
    assert mcq.reason.endswith("Make the question or its distractors more demanding.")
    two = [a.ChoiceRate(i, t, 1, 0.5, i == 0) for i, t in enumerate(["True", "False"])]
    [true_false] = a.item_flags(stats_with(facility=0.95, choices=two))
    assert "distractor" not in true_false.reason
