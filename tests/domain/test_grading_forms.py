"""Typed answers in the other forms people write figures in (held-out rounds 79-92 raters
asked for "around £61,000", "204.8 millimetres", "14:02", "50 pence" as accepted answers)."""

from __future__ import annotations

import pytest

from quizapp.domain.grading import GRADING_POLICY, grade
from quizapp.domain.items import QuizItem


def verdict(answer: str, response: str) -> str:
    item = QuizItem(key="k", type="cloze", prompt="It was ____.", answer=answer)
    return grade(item, response).verdict


@pytest.mark.parametrize(
    ("answer", "response"),
    [
        ("about £61,000", "around £61,000"),
        ("about £61,000", "approximately 61000"),
        ("Around 10,000", "10,000"),
        ("an estimated £11,000", "about £11,000"),
        ("204.8mm", "204.8 millimetres"),
        ("1,500 degrees Celsius", "1500°C"),
        ("20-litre", "20 litres"),
        ("50p", "50 pence"),
        ("about 5 per cent", "5%"),
        ("3:57:02", "3hr 57min 02sec"),
        ("14min 02sec", "14:02"),
        ("14min 02sec", "14 mins 2 secs"),
        ("redshift", "red shift"),
    ],
)
def test_the_same_figure_written_another_way_is_right(answer, response):
    assert verdict(answer, response) == "correct"


@pytest.mark.parametrize(
    ("answer", "response"),
    [
        ("14 hours", "14 minutes"),  # a unit is not a clock time
        ("3:57:02", "3:57:03"),
        ("more than 130", "130"),  # a bound is not an estimate
        ("about 25", "about 26"),
        ("Tuesday", "about Tuesday"),  # only a figure is estimated
        ("204.8mm", "204.8 cm"),
    ],
)
def test_another_figure_or_unit_stays_wrong(answer, response):
    assert verdict(answer, response) == "wrong"


def test_the_policy_shown_to_authors_names_these_forms():
    for form in ("3:57:02", "about, around", "mm or millimetres", "per cent as percent"):
        assert form in GRADING_POLICY
