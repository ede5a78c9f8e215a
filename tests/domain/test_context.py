"""Whether a sentence can stand alone as a question, and what makes it so (select stage)."""

import pytest

from quizapp.generation.analyse import analyse
from quizapp.generation.context import blank_problem, frame
from quizapp.generation.segment import build_article

TEXT = (
    "General Motors unveiled a new electric pickup in Detroit. The automaker plans to sell it "
    "next year. However, prices will rise in 2025. These cars are heavy.\n\n"
    'The mayor said "we will never give up on this city, whatever the cost" on Monday. '
    "Is this the end of the road? Rafael Nadal won in Madrid. He beat Karen Khachanov.\n\n"
    "Queen Elizabeth I closed the Steelyard in 1598. Most moved to Antwerp."
)


@pytest.fixture(scope="module")
def views():
    article = build_article(TEXT)
    analysis = analyse(article)
    out = {}
    for info in analysis.sentences:
        quote = article.text[info.start : info.end]
        view = frame(analysis, info)
        readable = quote[view.cut : view.end]
        if view.replaced:
            readable = view.replacement + readable[view.replaced :]
        out[quote.split()[0] + " " + quote.split()[1]] = (view.problem, readable)
    return out


@pytest.mark.parametrize(
    ("opening", "problem", "readable"),
    [
        ("The automaker", "", "General Motors plans to sell it next year."),
        ("However, prices", "", "prices will rise in 2025."),
        ("These cars", "unresolved_reference", None),
        ("The mayor", "direct_speech", None),
        ("Is this", "rhetorical_question", None),
        ("He beat", "", "Nadal beat Karen Khachanov."),
        ("Queen Elizabeth", "", "Queen Elizabeth I closed the Steelyard in 1598."),
        ("Most moved", "unresolved_reference", None),
    ],
)
def test_sentences_are_framed_to_stand_alone(views, opening, problem, readable):
    got_problem, got_readable = views[opening]
    assert got_problem == problem
    if readable is not None:
        assert got_readable == readable


@pytest.mark.parametrize(
    ("quote", "answer", "label", "problem"),
    [
        ("Binge eating disorder (BED) is common.", "BED", "ORG", "in_brackets"),
        ("The high-speed train left on time.", "speed", "TERM", "part_of_a_word"),
        ("One study in 496 adolescent girls found it.", "496", "CARDINAL", "sample_size"),
        ("The Italian government resigned.", "Italian", "NORP", "nationality_blank"),
        (
            "The UN sent peacekeepers to the peacekeeping force.",
            "peacekeepers",
            "TERM",
            "answer_given_away",
        ),
        ("The talks ended on Tuesday after midnight.", "Tuesday", "DATE", "vague_date"),
        ("The canal opened in 1869 to ships.", "1869", "DATE", ""),
    ],
)
def test_blanks_not_worth_asking_are_refused_with_a_reason(quote, answer, label, problem):
    start = quote.index(answer)
    view = frame_of(quote)
    assert blank_problem(quote, view, start, start + len(answer), set(), "k", label) == problem


def frame_of(quote: str):
    article = build_article(quote)
    analysis = analyse(article)
    return frame(analysis, analysis.sentences[0])


def test_an_unpunctuated_line_of_a_web_page_is_a_caption_not_a_fact():
    page = (
        "The ferry resumed service on Monday after a long repair.\n\n"
        "There are six engines in the new ferry\n\n"
        "The repair took three weeks in the Aarhus yard."
    )
    article = build_article(page, heading_texts=())
    analysis = analyse(article)
    problems = [frame(analysis, info).problem for info in analysis.sentences]
    assert problems == ["", "caption_or_link", ""]
