"""The rank stage: the fitted model's probability, and the rules measured on blind ratings."""

from quizapp.domain.items import QuizItem
from quizapp.generation.rank import (
    LOOSE_TERM_FACTOR,
    SHORT_PROMPT_FACTOR,
    VAGUE_STATEMENT_FACTOR,
    rescore,
)
from quizapp.generation.realise import Candidate, worth_checking


def _statement(prompt: str) -> QuizItem:
    return QuizItem(
        key="true_false-true-1", type="true_false", kind="fact", prompt=prompt, answer="True",
        explanation="True.", quote=prompt, topic="Berlin", tags=["fact", "statement"],
    )  # fmt: skip


def test_short_statements_without_a_number_are_vague():
    assert not worth_checking("Stockholm offers the most instructive political story.")
    assert worth_checking("The Wall was built in 1961.")
    assert worth_checking(
        "Scratches left by ancient glaciers were found in places that are now tropical."
    )


def test_a_vague_statement_keeps_a_fraction_of_the_models_probability():
    prompt = "Over the years the Wall grew into an elaborate system."
    plain = rescore(Candidate(_statement(prompt), 0, "stmt:0", 0.0))
    vague = rescore(Candidate(_statement(prompt), 0, "stmt:0", 0.0, vague=True))
    assert plain.item.score > 0
    assert abs(vague.item.score - VAGUE_STATEMENT_FACTOR * plain.item.score) < 1e-3
    assert vague.score < plain.score


def test_a_short_prompt_and_a_loose_term_rank_lower_but_keep_their_floor_score():
    long = "The Wall was built in August 1961 by the East German government across Berlin."
    short = "The Wall grew into an elaborate system."
    plain = rescore(Candidate(_statement(long), 0, "stmt:0", 0.0))
    brief = rescore(Candidate(_statement(short), 0, "stmt:0", 0.0))
    assert abs(brief.item.score - SHORT_PROMPT_FACTOR * brief.floor_score) < 1e-3
    assert abs(plain.item.score - plain.floor_score) < 1e-3
    loose = rescore(Candidate(_statement(long), 0, "stmt:0", 0.0, loose_term=True))
    assert abs(loose.item.score - LOOSE_TERM_FACTOR * loose.floor_score) < 1e-3
