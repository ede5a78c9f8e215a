"""Deck files that are not readable YAML: one error with its line, never a crash."""

from __future__ import annotations

import pytest

from quizapp.domain.deckfile import DeckFileError, load_deck
from tests.domain.test_deckfile import BASE, FIRST, errors_for, write


def _unreadable(tmp_path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(DeckFileError) as caught:
        load_deck(path)
    assert caught.value.unreadable and len(caught.value.errors) == 1
    return caught.value.errors[0].replace(f"{path}:", "deck.yaml:")


@pytest.mark.parametrize("depth", [25, 1_000, 50_000])
def test_deeply_nested_flow_yaml_is_one_error(tmp_path, depth):
    text = "format: quizapp-deck/1\nitems: " + "[" * depth + "]" * depth + "\n"
    assert _unreadable(tmp_path, text) == "deck.yaml:2: invalid YAML: nested deeper than 20 levels"


def test_deeply_nested_block_yaml_is_one_error(tmp_path):
    text = "items:\n" + "".join("  " * n + "-\n" for n in range(5_000))
    assert _unreadable(tmp_path, text).endswith("nested deeper than 20 levels")


def test_aliases_are_refused(tmp_path):
    text = BASE.replace("  choices: [Paris", "  choices: &c [Paris", 1) + "  accepted: *c\n"
    assert _unreadable(tmp_path, text).endswith("aliases (*name) are not allowed in deck files")


def test_control_characters_are_one_line(tmp_path):
    error = _unreadable(tmp_path, BASE.replace("Demo deck", "Demo\x00deck"))
    assert error.startswith("deck.yaml:1: invalid YAML:") and "\n" not in error


def test_syntax_errors_and_unreadable_files_are_marked_unreadable(tmp_path):
    assert _unreadable(tmp_path, BASE.replace("answer: Seine", "answer: [Seine")).startswith(
        "deck.yaml:20: invalid YAML"
    )
    with pytest.raises(DeckFileError) as caught:
        load_deck(tmp_path / "missing.yaml")
    assert caught.value.unreadable


def test_validation_problems_are_not_unreadable(tmp_path):
    path = write(tmp_path, BASE.replace("kind: fact", "kind: opinion"))
    with pytest.raises(DeckFileError) as caught:
        load_deck(path)
    assert not caught.value.unreadable


def test_an_integer_too_long_to_convert_is_a_validation_error(tmp_path):
    text = BASE.replace(f"start: {FIRST[0]},", f"start: {'9' * 5_000},", 1)
    assert errors_for(tmp_path, text) == ["deck.yaml:15: source start is too large"]
