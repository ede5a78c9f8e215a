"""Rounds 115-118: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article


def test_the_headlines_own_firm_name_wins_over_a_councils_possessive():
    """Round 115: every item of a page on "Pellow & Daughters" spoke of "the firm" unnamed:
    "Kittiwick Borough Council's" was found as a second name and no subject line was shown."""
    from quizapp.generation.subject_line import page_subject

    body = (
        "Pellow & Daughters, founded by Albert Pellow on Coble Street in 1926, will double its "
        "output. The firm has bought a £2.6m factory. Kittiwick Borough Council's planning "
        "committee approved the move, and the company will add 20 jobs. Jess Pellow said the "
        "old works had run out of room. Pellow & Daughters sells rock in 300 shops, and "
        "visitors to Kittiwick buy a third of it. Kittiwick rock sales rose 9 per cent."
    )
    article = parse_article(
        f"Kittiwick rock maker Pellow & Daughters to double output\n\n{body}\n".encode(), "p.txt"
    )
    assert page_subject(article) == "Pellow & Daughters"


def _accepted_for(text: str, answer: str) -> list[list[str]]:
    items = generate(parse_article(text.encode(), "a.txt")).items
    return [i.accepted for i in items if i.answer == answer]


def test_an_age_of_history_is_no_person_with_a_surname():
    """Round 117: "Bronze Age" (typed a person) accepted "Age"."""
    from quizapp.generation.analyse import analyse

    text = (
        "Dartmoor\n\nDartmoor is an upland in Devon. Bronze Age people cleared much of the "
        "original woodland, and the moor is scattered with their stone rows and burial cairns.\n"
    )
    analysis = analyse(parse_article(text.encode(), "d.txt"))
    assert {e.label for e in analysis.entities if e.text == "Bronze Age"} <= {"EVENT"}
    assert all("Age" not in accepted for accepted in _accepted_for(text, "Bronze Age"))


def test_a_compact_named_after_a_ship_never_accepts_the_ships_name():
    """Round 117: "The Mayflower Compact" accepted "Mayflower", the ship."""
    from quizapp.generation.accepted import _leading_name_used_alone
    from quizapp.generation.analyse import analyse

    text = (
        "The Voyage\n\nPassengers boarded the Mayflower at Plymouth in September 1620. Before "
        "landing, 41 men signed the Mayflower Compact. The Mayflower Compact was a practical "
        "stopgap. In April 1621 the Mayflower sailed home.\n"
    )
    analysis = analyse(parse_article(text.encode(), "m.txt"))
    assert _leading_name_used_alone(analysis, "The Mayflower Compact") == []


def test_a_name_before_its_noun_never_accepts_a_club_of_that_name():
    """Round 118: "the ____ roundabout" (Kirkmarsh) accepted "Kirkmarsh Cycling Club"."""
    text = (
        "Time trial\n\nThe course runs south along the A-road from a lay-by near Cottam End to "
        "the Kirkmarsh roundabout and back. Riders from Kirkmarsh Cycling Club took the first "
        "three places, and Kirkmarsh Cycling Club won the team prize for 2024.\n"
    )
    found = _accepted_for(text, "Kirkmarsh")
    assert found
    assert all("Kirkmarsh Cycling Club" not in accepted for accepted in found)
