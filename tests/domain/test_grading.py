"""Grading: table tests for every rule and property tests over generated answers."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.domain.grading import Grade, grade, normalise, parse_true_false
from quizapp.domain.items import QuizItem


def typed(answer: str, accepted: tuple[str, ...] = (), type_: str = "short_answer") -> QuizItem:
    return QuizItem(key="k", type=type_, prompt="?", answer=answer, accepted=list(accepted))


MCQ = QuizItem(
    key="m",
    type="mcq",
    prompt="Which country runs the Khmeimim air base?",
    answer="Russia",
    choices=["Iran", "Russia", "Turkey", "Syria"],
)
TF_TRUE = QuizItem(key="t", type="true_false", prompt="Statement", answer="True")
TF_FALSE = QuizItem(key="f", type="true_false", prompt="Statement", answer="False")

TEXT_CASES = [
    # (answer, accepted aliases, response, verdict)
    ("Russia", (), "Russia", "correct"),
    ("£1.9 million", (), "£1.9m", "correct"),
    ("$3 billion", (), "3bn", "correct"),
    ("£1.9 million", (), "1.9", "wrong"),
    ("100 metres", ("100 m",), "100m", "correct"),
    ("6 to 35 years", (), "6-35 years", "correct"),
    ("6 to 35 years", (), "6 to 36 years", "wrong"),
    ("El Niño", (), "El Nino", "correct"),
    ("Dvořák", (), "dvorak", "correct"),
    ("Russia", (), "russia", "correct"),
    ("Russia", (), "  RUSSIA  ", "correct"),
    ("Russia", (), "Russia.", "correct"),
    ("Russia", (), "Iran", "wrong"),
    ("the Kremlin", (), "Kremlin", "correct"),
    ("Kremlin", (), "the kremlin", "correct"),
    ("an embargo", (), "embargo", "correct"),
    ("a blockade", (), "the blockade", "correct"),
    ("United States", ("Washington", "the US"), "washington", "correct"),
    ("United States", ("Washington", "the US"), "US", "correct"),
    ("United States", ("Washington",), "Moscow", "wrong"),
    ("Al-Qaeda", (), "al qaeda", "correct"),
    ("Al-Qaeda", (), "alqaeda", "correct"),
    ("Houthis", (), "Houthis'", "correct"),
    # Numbers, years and dates: exact.
    ("2019", (), "2019", "correct"),
    ("2019", (), "2018", "wrong"),
    ("1,000", (), "1000", "correct"),
    ("1000", (), "1,000", "correct"),
    ("1,000", (), "10000", "wrong"),
    ("3", (), "three", "correct"),
    ("twenty-five", (), "25", "correct"),
    ("25", (), "twenty six", "wrong"),
    ("2,500 troops", (), "2500 troops", "correct"),
    ("2,500 troops", (), "2400 troops", "wrong"),
    ("40%", (), "40 per cent", "correct"),
    ("40%", (), "41%", "wrong"),
    ("March 3, 2024", (), "3 March 2024", "correct"),
    ("March 3, 2024", (), "March 4, 2024", "wrong"),
    ("March 3, 2024", (), "March 3, 2023", "wrong"),
    ("the 3rd brigade", (), "third brigade", "correct"),
    ("1990s", (), "1980s", "wrong"),
    ("2.5 million", (), "2.50 million", "correct"),
    ("2.5 million", (), "2.6 million", "wrong"),
    # Typos: none under 5 letters, 1 edit for 5–8 letters, 2 for longer words.
    ("Iran", (), "Iram", "wrong"),
    ("Iraq", (), "Iran", "wrong"),
    ("Syria", (), "Siria", "close"),
    ("Syria", (), "Sirya", "wrong"),
    ("Lebanon", (), "Lebanan", "close"),
    ("Hezbollah", (), "Hezbolah", "close"),
    ("Hezbollah", (), "Hesbolah", "close"),
    ("Hezbollah", (), "Hesbolax", "wrong"),
    ("Mediterranean", (), "Mediteranean", "close"),
    ("Mediterranean", (), "Mediteranaen", "wrong"),
    ("Red Sea", (), "Red Seas", "wrong"),  # "sea" is under 5 letters: exact
    ("Bashar al-Assad", (), "Bashar al-Asad", "close"),
    ("Gaza", (), "Gazza", "wrong"),
    ("Tehran", (), "Teheran", "close"),
    ("Khmeimim", ("Hmeimim",), "Hmeimim", "correct"),
    ("Khmeimim", ("Hmeimim",), "Hmeymim", "close"),
    # Empty and missing answers.
    ("Russia", (), "", "wrong"),
    ("Russia", (), "   ", "wrong"),
    ("Russia", (), "Russia and Iran", "wrong"),
]


@pytest.mark.parametrize(("answer", "accepted", "response", "verdict"), TEXT_CASES)
def test_typed_answers(answer, accepted, response, verdict):
    result = grade(typed(answer, accepted), response)
    assert result.verdict == verdict, (answer, response, result)


def test_table_is_large_enough():
    assert len(TEXT_CASES) >= 30


def test_a_missing_letter_in_a_seven_letter_word_is_close():
    assert grade(typed("Houthis"), "Houthi").verdict == "close"


def test_close_feedback_names_the_spelling():
    result = grade(typed("Hezbollah"), "Hezbolah")
    assert result == Grade("close", "Accepted; check the spelling: Hezbollah")
    assert result.accepted


def test_close_feedback_names_the_matched_alias():
    result = grade(typed("Khmeimim", ("Hmeimim",)), "Hmeymim")
    assert result.feedback == "Accepted; check the spelling: Hmeimim"


@pytest.mark.parametrize(
    ("item", "response"),
    [(typed("Russia"), "Iran"), (typed("Russia"), ""), (MCQ, 0), (TF_TRUE, "no"), (TF_FALSE, "")],
)
def test_wrong_feedback_states_the_answer(item, response):
    result = grade(item, response)
    assert result.verdict == "wrong"
    assert item.answer in result.feedback


@pytest.mark.parametrize(
    ("response", "verdict"),
    [
        (1, "correct"),
        (0, "wrong"),
        (3, "wrong"),
        (4, "wrong"),
        (-1, "wrong"),
        ("Russia", "correct"),
        (" russia ", "correct"),
        ("Iran", "wrong"),
        ("Russ", "wrong"),
        (None, "wrong"),
    ],
)
def test_mcq_by_index_or_choice_text(response, verdict):
    assert grade(MCQ, response).verdict == verdict


def test_mcq_does_not_forgive_typos():
    assert grade(MCQ, "Rusia").verdict == "wrong"


@pytest.mark.parametrize(
    ("item", "response", "verdict"),
    [
        (TF_TRUE, "true", "correct"),
        (TF_TRUE, "True", "correct"),
        (TF_TRUE, "T", "correct"),
        (TF_TRUE, "yes", "correct"),
        (TF_TRUE, "false", "wrong"),
        (TF_TRUE, "maybe", "wrong"),
        (TF_FALSE, "f", "correct"),
        (TF_FALSE, "No", "correct"),
        (TF_FALSE, "FALSE", "correct"),
        (TF_FALSE, "t", "wrong"),
    ],
)
def test_true_false(item, response, verdict):
    assert grade(item, response).verdict == verdict


def test_true_false_feedback_states_the_truth():
    assert "False" in grade(TF_FALSE, "true").feedback
    assert "True" in grade(TF_TRUE, "maybe").feedback


def test_parse_true_false():
    assert parse_true_false(True) is True
    assert parse_true_false("  YES ") is True
    assert parse_true_false("nope") is None


def test_cloze_is_graded_as_typed_text():
    item = QuizItem(key="c", type="cloze", prompt="The base at ____ was jammed.", answer="Khmeimim")
    assert grade(item, "khmeimim").verdict == "correct"
    assert grade(item, "Khmeimin").verdict == "close"


def test_normalise_folds_number_words_and_articles():
    assert normalise("The two thousand and five accords").tokens == ("2005", "accords")
    assert normalise("1,000,000").tokens == ("1000000",)


# --- properties ------------------------------------------------------------------------------

WORD = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
ANSWER = st.lists(st.one_of(WORD, st.integers(0, 10**6).map(str)), min_size=1, max_size=5).map(
    " ".join
)
PUNCT = st.sampled_from(list('.,;:!?"()-/'))


@settings(max_examples=200, deadline=None)
@given(answer=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_answer_grades_correct_against_itself(answer):
    assert grade(typed(answer), answer).verdict == "correct"


@settings(max_examples=200, deadline=None)
@given(answer=ANSWER, upper=st.booleans(), pad=st.text(" \t", max_size=3), mark=PUNCT)
def test_case_space_and_punctuation_variants_are_correct(answer, upper, pad, mark):
    variant = answer.upper() if upper else answer.lower()
    variant = pad + variant.replace(" ", f"{mark}  ") + mark + pad
    assert grade(typed(answer), variant).verdict == "correct", variant


@settings(max_examples=200, deadline=None)
@given(number=st.integers(0, 10**7), other=st.integers(0, 10**7))
def test_different_numbers_are_always_wrong(number, other):
    verdict = grade(typed(f"{number:,}"), str(other)).verdict
    assert verdict == ("correct" if number == other else "wrong")


@settings(max_examples=100, deadline=None)
@given(answer=ANSWER, alias=ANSWER)
def test_aliases_are_accepted(answer, alias):
    assert grade(typed(answer, (alias,)), alias).verdict == "correct"


@settings(max_examples=100, deadline=None)
@given(choices=st.lists(WORD, min_size=2, max_size=5, unique_by=str.casefold), data=st.data())
def test_mcq_index_of_answer_is_correct(choices, data):
    index = data.draw(st.integers(0, len(choices) - 1))
    item = QuizItem(key="m", type="mcq", prompt="?", answer=choices[index], choices=choices)
    assert grade(item, index).verdict == "correct"
    others = [i for i in range(len(choices)) if i != index]
    assert all(grade(item, i).verdict == "wrong" for i in others)
