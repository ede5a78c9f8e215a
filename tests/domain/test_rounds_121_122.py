"""Rounds 121-122: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.segment import parse_article


def _accepted(text: str, name: str) -> list[str]:
    from quizapp.generation.accepted import accepted_answers
    from quizapp.generation.analyse import analyse

    analysis = analyse(parse_article(text.encode(), "a.txt"))
    entity = next(e for e in analysis.entities if e.text == name)
    return accepted_answers(analysis, name, entity)


def test_a_surname_two_people_share_never_accepts_one_of_their_full_names():
    """Round 121's wrong key: "Lumsden" accepted "Jordan Lumsden", the finalist's cousin, when
    the tagger had missed the finalist, Ciaran Lumsden."""
    from quizapp.generation.accepted_people import _another_first_name

    text = (
        "Quoits final\n\nAlan Heseltine needed a ringer to beat Ciaran Lumsden, 43 years his "
        "junior. For most of the afternoon the final belonged to Lumsden. Earlier, Lumsden and "
        "his cousin Jordan Lumsden had won the pairs.\n"
    )
    assert _another_first_name(text, "Jordan Lumsden")
    assert not _another_first_name("When Lumsden threw, Jordan Lumsden watched.", "Jordan Lumsden")
    assert "Jordan Lumsden" not in _accepted(text, "Lumsden")


def test_a_town_said_to_be_someones_home_never_accepts_its_hospital():
    """Round 121: "____'s Shannon Pattinson" (Ravenhope) accepted "Ravenhope Community
    Hospital", where she works."""
    from quizapp.generation.accepted import used_as_a_place

    text = (
        "Quoits\n\nShannon Pattinson of Ravenhope won the first women's singles title. "
        "Pattinson, 31, a nurse at Ravenhope Community Hospital, threw four ringers. Ravenhope "
        "Community Hospital gave her the day off.\n"
    )
    assert used_as_a_place(text, "Ravenhope")
    assert "Ravenhope Community Hospital" not in _accepted(text, "Ravenhope")


def test_a_place_never_accepts_a_charity_whose_name_ends_with_it():
    """Round 122's wrong key: "the ____ hills" (Westfell) accepted "Age Concern Westfell"."""
    text = (
        "Mast iced up\n\nFreezing fog settled over the Westfell hills from Thursday. Dr Helen "
        "Carr of the University of Westfell said the conditions were unusual. Age Concern "
        "Westfell has offered radios to older residents, and Westfell Police closed Edge Lane.\n"
    )
    assert "Age Concern Westfell" not in _accepted(text, "Westfell")
