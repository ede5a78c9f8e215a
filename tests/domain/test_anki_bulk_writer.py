"""The bulk note writer (issue 20) writes exactly what genanki's per-note path writes."""

from __future__ import annotations

import pytest

from quizapp.domain import anki
from quizapp.domain.anki import ExportError
from quizapp.domain.items import QuizItem
from tests.domain.test_anki import sample_deck, sample_items


def _genanki_path(deck, owner=None) -> bytes:
    """The .apkg as genanki's Note and Card objects write it (the path before issue 20)."""
    return anki.write_apkg(anki.build_package(deck, owner=owner), anki.package_timestamp(deck))


@pytest.mark.parametrize("owner", [None, "u7-abc"])
def test_bulk_writer_gives_the_same_bytes_as_genanki_notes(owner):
    deck = sample_deck()
    assert {item.type for item in deck.items} >= {"cloze", "mcq", "basic", "true_false"}
    assert anki.deck_to_apkg(deck, owner=owner) == _genanki_path(deck, owner)


def test_bulk_writer_matches_for_a_deck_of_one_note_type():
    deck = sample_deck([i for i in sample_items() if i.type == "basic"])
    assert anki.deck_to_apkg(deck) == _genanki_path(deck)


def test_a_tag_with_a_space_is_refused_as_genanki_would():
    deck = sample_deck([QuizItem(key="k", type="basic", prompt="Q?", answer="A")])
    with pytest.raises(ExportError, match="space"):
        anki.deck_to_apkg(deck, owner="two words")
    with pytest.raises(ValueError, match="space"):
        _genanki_path(deck, "two words")
