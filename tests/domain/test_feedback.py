"""Accepted answers: spellings of dates and amounts a learner may type."""

from quizapp.generation.accepted_numbers import date_spellings, unit_forms
from quizapp.generation.accepted_people import full_names
from quizapp.generation.analyse import analyse
from quizapp.generation.segment import parse_article


def test_an_abbreviated_month_is_also_accepted_spelled_out():
    assert "September 30" in date_spellings("Sept. 30")
    assert "5 November 2019" in date_spellings("Nov. 5, 2019")


def test_an_amount_is_accepted_as_its_number_and_with_the_unit_abbreviated():
    assert unit_forms("2,300 kilometres") == ["2,300", "2,300 km"]
    assert unit_forms("4km") == ["4", "4 km"]
    assert unit_forms("23-year") == ["23"]
    assert unit_forms("2 million") == []


def test_a_date_with_its_weekday_is_also_accepted_without_it():
    assert {"4 September", "September 4"} <= set(date_spellings("Tuesday 4 September"))


def test_a_full_name_that_starts_with_an_everyday_word_is_no_ones_name():
    article = parse_article(
        b"Brewers merge\n\n"
        b"Bottling will move to Kelbrook, about 38 miles away, said Mark Ellery in May 2024. "
        b"The brewery's best seller, Old Kelbrook, will keep its recipe, Ellery said. "
        b"Staff will be offered roles in Kelbrook where possible.",
        "brew.txt",
    )
    analysis = analyse(article)
    assert "Old Kelbrook" not in full_names(analysis, "Kelbrook")
    assert full_names(analysis, "Ellery") == ["Mark Ellery"]
