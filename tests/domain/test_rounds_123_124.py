"""Rounds 123-124: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.segment import parse_article

BIOGRAPHY = (
    "Ernest Rutherford: The Farm Boy Who Found the Nucleus\n\n"
    "Few scientists changed physics as much as Ernest Rutherford.\n\n"
    "Rutherford was born on 30 August 1871 at Brightwater, near Nelson, on the South Island. "
    "He was the fourth of twelve children of James Rutherford, a wheelwright, and Martha "
    "Thompson, a schoolteacher. A scholarship took him to Nelson College.\n\n"
    "In 1907 Rutherford moved to the University of Manchester, where he built one of the most "
    "productive laboratories in the world. With Hans Geiger he counted alpha particles. "
    "During the First World War Rutherford worked on detecting submarines by sound.\n\n"
    "In 1919 Rutherford returned to Cambridge. He died in 1937, and Rutherford is buried in "
    "Westminster Abbey.\n"
)


def _accepted(text: str, name: str, display: str = "") -> list[str]:
    from quizapp.generation.accepted import accepted_answers
    from quizapp.generation.analyse import analyse

    analysis = analyse(parse_article(text.encode(), "a.txt"))
    entity = next(e for e in analysis.entities if e.text == name)
    return accepted_answers(analysis, display or name, entity)


def _frames(text: str) -> dict[str, str]:
    from quizapp.generation.analyse import analyse
    from quizapp.generation.context import frame

    analysis = analyse(parse_article(text.encode(), "a.txt"))
    article = analysis.article
    return {article.text[s.start : s.end]: frame(analysis, s).problem for s in analysis.sentences}


def test_a_biographys_he_is_its_subject_after_a_birthplace_the_tagger_took_for_a_man():
    """Round 123: "born … near Nelson" made Nelson a second man, so every "He" that followed
    was left unresolved and a 1,000-word biography gave twelve items."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.pronouns import antecedent

    analysis = analyse(parse_article(BIOGRAPHY.encode(), "a.txt"))
    born = next(
        s
        for s in analysis.sentences
        if "fourth of twelve" in analysis.article.text[s.start : s.end]
    )
    assert antecedent(analysis, born, "he") == "Rutherford"


def test_a_pronoun_after_the_subjects_surname_is_no_dangling_reference_however_it_was_typed():
    """Round 123: "In 1907 Rutherford moved …, where he built …" was dropped as pointing
    nowhere because the tagger typed this "Rutherford" a firm."""
    frames = _frames(BIOGRAPHY)
    moved = next(s for s in frames if s.startswith("In 1907 Rutherford moved"))
    assert frames[moved] != "unresolved_reference"


def test_a_blank_never_swallows_the_subject_of_the_verb_after_it():
    """Round 123 (found while fixing the above): "During the First World War Rutherford
    worked …", read as one war, would have asked "During ____ worked on …"."""
    from quizapp.generation.pipeline import generate

    items = generate(parse_article(BIOGRAPHY.encode(), "a.txt")).items
    assert items
    assert not [i for i in items if "Rutherford" in i.answer and i.answer != "Rutherford"]
    assert not [i for i in items if "____ worked" in i.prompt]


def test_a_towns_possessive_is_never_accepted_for_the_place_it_owns():
    """Round 124's wrong key: "Drinking alcohol in ____" (Tamberley's Riverside Gardens)
    accepted "Tamberley's" and not "Riverside Gardens", the answer most students would give."""
    text = (
        "Town centre rules approved\n\nDrinking alcohol in Tamberley's Riverside Gardens will "
        "be banned from the new year, after Tamberley councillors approved the rules. The "
        "order covering Market Street and Riverside Gardens will come into force in January. "
        "Tamberley has had the rules before.\n"
    )
    accepted = _accepted(text, "Tamberley's Riverside Gardens")
    assert "Tamberley's" not in accepted and "Tamberley" not in accepted
    assert "Riverside Gardens" in accepted


def test_common_names_of_the_united_states_and_the_great_war_are_accepted():
    """Round 123-124: "America" and "USA" for the United States, "the Great War" for the
    First World War were marked wrong."""
    text = (
        "School hours\n\nThe strongest evidence comes from the United States, where many high "
        "schools begin early. After the First World War, orders for new ships collapsed.\n"
    )
    states = _accepted(text, "United States", "the United States")
    assert {"America", "USA"} <= set(states)
    assert "the Great War" in _accepted(text, "First World War", "the First World War")


def test_a_range_is_accepted_as_between_its_ends():
    """Round 123: "somewhere ____" (122 to 130 metres) did not take "between 122 and 130"."""
    from quizapp.generation.accepted_numbers import number_shapes

    assert "between 122 and 130" in number_shapes("122 to 130")


REPEATED = (
    "heldout123/history_jarrow_march_1936.txt",
    "heldout123/geography_lake_geneva.txt",
    "heldout124/encyclopedia_tower_bridge.txt",
)


def test_no_statement_opens_on_a_sentence_another_item_asks_about():
    """Rounds 123-125: "Around 1,200 men volunteered …. The chief marshal was …" repeated
    another item's statement word for word before its own (48 items of rounds 93-124 were
    marked down for repeating another)."""
    from tests.domain.gold import generated

    for path in REPEATED:
        items = generated(path).items
        quotes = {i.quote for i in items}
        assert items
        for item in [i for i in items if i.type == "true_false"]:
            shown = item.prompt.split(": ", 1)[-1]
            others = [q for q in quotes if q != item.quote and shown.startswith(q)]
            assert not others, (path, item.prompt)
