"""Held-out rounds 71-72: the five wrong keys raters found, on their articles."""

from tests.domain.gold import generated

MEALS = "heldout72/analysis_universal_free_school_meals.txt"
PLOT = "heldout71/history_gunpowder_plot.txt"


def _items(path: str):
    return generated(path).items


def test_the_government_is_never_an_earlier_government():
    # "The government announced in 2025 …" was written as "The coalition government …", the
    # government of the 2014 policy three sentences before
    assert not [i for i in _items(MEALS) if "coalition government announced" in i.prompt]


def test_no_recommendation_from_a_negation_or_an_embedded_question():
    # "schools do not have to guess which families are struggling" was asked as what schools
    # have to do; "whether poor children should be fed" as what poor children should do
    asked = [i for i in _items(MEALS) if i.prompt.startswith("According to the author, what")]
    assert not [i for i in asked if "guess which families" in i.answer or "fed at" in i.answer]


def test_the_author_of_a_letter_is_not_the_man_it_was_taken_to():
    # "The author has never been identified" was written as "Cecil has never been identified"
    assert not [i for i in _items(PLOT) if i.prompt.startswith("Cecil has never")]


def test_a_princess_is_no_fuller_name_for_a_queen():
    # "Under ____, Catholics … faced heavy fines" (Elizabeth) accepted "Princess Elizabeth",
    # James's daughter, and not "Elizabeth I", whom the article names
    under = [i for i in _items(PLOT) if i.prompt.startswith("Under ____, Catholics")]
    assert under and "Princess Elizabeth" not in under[0].accepted
    assert "Elizabeth I" in under[0].accepted
