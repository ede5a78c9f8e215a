"""Accepted answers for amounts: the other words for a bound, and ranges that keep their
multiplier."""

from quizapp.generation.accepted_numbers import comparisons, number_shapes


def test_a_bound_is_accepted_in_its_other_words():
    # held-out round 42: "less than 1" with no "below 1" or "under 1" accepted
    assert set(comparisons("less than 1")) >= {"below 1", "under 1"}
    assert set(comparisons("more than 1,100")) >= {"over 1,100", "above 1,100"}
    assert comparisons("about 1,100") == []
    assert comparisons("under the bridge") == []


def test_a_range_of_millions_is_never_accepted_without_the_million():
    # held-out round 42: "50 to 60" accepted for "around 50 to 60 million" tonnes
    shapes = number_shapes("50 to 60 million")
    assert "50-60 million" in shapes
    assert "50 to 60" not in shapes and "50-60" not in shapes
    assert {"10-15", "10 to 15"} <= set(number_shapes("10 to 15"))
