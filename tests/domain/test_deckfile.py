"""The quizapp-deck/1 format: round trip and every validation error with its line number."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from quizapp.domain.deckfile import DeckFileError, dump_deck, load_deck, parse_deck
from quizapp.domain.items import Deck, DeckSource, QuizItem

PROJECT = Path(__file__).resolve().parents[2]
SHIPPED = PROJECT / "decks" / "axis-of-resistance.yaml"

ARTICLE = "Paris is the capital of France. Paris lies on the Seine.\n"
SHA = hashlib.sha256(ARTICLE.encode()).hexdigest()
FIRST = ARTICLE.index("Paris is"), ARTICLE.index(".") + 1
SECOND = ARTICLE.index("Paris lies"), ARTICLE.rindex(".") + 1

# Line numbers matter: the tests below name them.
BASE = f"""\
format: quizapp-deck/1
slug: demo
title: Demo deck
source:
  file: article.txt
  title: An article
  sha256: {SHA}
items:
- key: capital
  type: mcq
  kind: fact
  prompt: What is the capital of France?
  answer: Paris
  choices: [Paris, Lyon, Nice, Lille]
  source: {{start: {FIRST[0]}, end: {FIRST[1]}}}
- key: river
  type: cloze
  prompt: Paris lies on the ____.
  answer: Seine
  source: {{start: {SECOND[0]}, end: {SECOND[1]}}}
"""


def write(tmp_path: Path, text: str, article: str = ARTICLE) -> Path:
    (tmp_path / "article.txt").write_bytes(article.encode("utf-8"))
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_for(tmp_path: Path, text: str, article: str = ARTICLE) -> list[str]:
    path = write(tmp_path, text, article)
    with pytest.raises(DeckFileError) as caught:
        load_deck(path)
    assert str(caught.value) == "\n".join(caught.value.errors)
    return [error.replace(f"{path}:", "deck.yaml:") for error in caught.value.errors]


def test_base_fixture_loads_with_quotes_from_the_article(tmp_path):
    deck = load_deck(write(tmp_path, BASE))
    assert deck.slug == "demo" and deck.title == "Demo deck"
    assert deck.source.text == ARTICLE and deck.source.sha256 == SHA
    assert deck.source.file == "article.txt"
    capital, river = deck.items
    assert capital.quote == "Paris is the capital of France."
    assert capital.choices == ["Paris", "Lyon", "Nice", "Lille"]
    assert river.quote == "Paris lies on the Seine."
    assert river.kind == "fact" and river.accepted == [] and river.tags == []


def test_shipped_deck_round_trips_byte_identical():
    text = SHIPPED.read_text(encoding="utf-8")
    assert dump_deck(load_deck(SHIPPED)) == text


def test_dump_then_load_preserves_every_field(tmp_path):
    text = ARTICLE
    deck = Deck(
        slug="full",
        title="Title: with a colon",
        description="Line one\nline two",
        source=DeckSource(
            title="An article",
            author="A. Author",
            publication="Weekly, 2024",
            sha256=SHA,
            file="article.txt",
            text=text,
        ),
        items=[
            QuizItem(
                key="everything",
                type="short_answer",
                kind="argument",
                prompt="Which city? #not-a-comment",
                answer="2006",
                accepted=["Paris, France", "'quoted'"],
                explanation="Why: because.",
                source_start=FIRST[0],
                source_end=FIRST[1],
                quote=text[FIRST[0] : FIRST[1]],
                topic="Topic: one",
                tags=["a", "b c"],
                score=0.75,
            ),
            QuizItem(key="tf", type="true_false", prompt="Yes?", answer="False"),
        ],
    )
    dumped = dump_deck(deck)
    loaded = load_deck(write(tmp_path, dumped))
    assert loaded.items == deck.items
    assert (loaded.description, loaded.source) == (deck.description, deck.source)
    assert dump_deck(loaded) == dumped
    assert "  # Paris is the capital of France.\n" in dumped


def test_parse_deck_reads_the_source_through_the_given_reader():
    calls = []

    def read(relative: str) -> bytes:
        calls.append(relative)
        return ARTICLE.encode()

    deck = parse_deck(BASE, filename="mem.yaml", read_source=read)
    assert calls == ["article.txt"] and len(deck.items) == 2


def test_unquoted_booleans_and_numbers_are_read_as_text(tmp_path):
    text = BASE.replace("  type: cloze\n", "  type: true_false\n").replace(
        "  prompt: Paris lies on the ____.\n  answer: Seine\n",
        "  prompt: Paris lies on the Seine.\n  answer: yes\n",
    )
    text = text.replace("answer: Paris", "answer: 2006").replace("[Paris,", "[2006,")
    capital, river = load_deck(write(tmp_path, text)).items
    assert capital.answer == "2006" and capital.choices[0] == "2006"
    assert river.answer == "True"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  kind: fact\n",
            "  kind: fact\n  colour: red\n",
            "deck.yaml:12: unknown key 'colour' in item",
        ),
        ("  prompt: What is the capital of France?\n", "", "deck.yaml:9: missing field 'prompt'"),
        ("title: Demo deck\n", "", "deck.yaml:1: missing field 'title' in the deck"),
        ("  kind: fact\n", "  kind: fact\n  kind: argument\n", "deck.yaml:12: duplicate key"),
        ("- key: river", "- key: capital", "deck.yaml:16: duplicate item key 'capital'"),
        ("  type: mcq\n", "  type: essay\n", "deck.yaml:10: invalid type 'essay'"),
        ("  kind: fact\n", "  kind: opinion\n", "deck.yaml:11: invalid kind 'opinion'"),
        (
            "prompt: What is the capital of France?",
            "prompt: [What, Which]",
            "deck.yaml:12: prompt must be a string",
        ),
        (f"{{start: {FIRST[0]},", "{start: one,", "deck.yaml:15: source start must be an integer"),
        (
            "  choices: [Paris, Lyon, Nice, Lille]\n",
            "  choices: Paris\n",
            "deck.yaml:14: choices must be a list of strings",
        ),
        (
            f"end: {SECOND[1]}}}",
            "end: 999}",
            f"deck.yaml:20: source span {SECOND[0]}..999 is outside the article",
        ),
        (
            f"end: {SECOND[1]}}}",
            f"end: {SECOND[0]}}}",
            f"deck.yaml:20: source span {SECOND[0]}..{SECOND[0]} is empty",
        ),
        ("answer: Paris", "answer: Rome", "deck.yaml:13: mcq answer 'Rome' is not among"),
        ("Nice, Lille]", "Paris, Lille]", "deck.yaml:13: mcq answer 'Paris' appears 2 times"),
        ("Nice, Lille]", "Lyon, Lille]", "deck.yaml:14: choice 'Lyon' is repeated"),
        ("[Paris, Lyon, Nice, Lille]", "[Paris]", "deck.yaml:14: an mcq item needs at least 2"),
        ("answer: Seine", "answer: Rhone", "deck.yaml:19: cloze answer 'Rhone' is not in"),
        (
            "prompt: Paris lies on the ____.",
            "prompt: Where does Paris lie?",
            "deck.yaml:18: a cloze prompt must contain the blank ____",
        ),
        (
            f"  source: {{start: {SECOND[0]}, end: {SECOND[1]}}}\n",
            "",
            "deck.yaml:16: a cloze item needs a source span",
        ),
        ("prompt: What is the capital of France?", "prompt: '  '", "deck.yaml:12: prompt is empty"),
        ("prompt: What is the capital of France?", "prompt:", "deck.yaml:12: prompt must be a"),
        ("format: quizapp-deck/1", "format: quizapp-deck/2", "deck.yaml:1: format must be"),
        ("slug: demo", "slug: Demo Deck", "deck.yaml:2: slug 'Demo Deck' must be"),
        ("- key: capital", "- key: Capital City", "deck.yaml:9: key 'Capital City' must be a slug"),
        ("  file: article.txt", "  file: missing.txt", "deck.yaml:5: cannot read source file"),
        ("  file: article.txt", "  file: ../article.txt", "deck.yaml:5: source file '../"),
        (f"sha256: {SHA}", "sha256: abc", "deck.yaml:7: source sha256 must be 64 lowercase hex"),
        (
            f"sha256: {SHA}",
            f"sha256: {'0' * 64}",
            f"deck.yaml:7: source sha256 does not match 'article.txt', whose sha256 is {SHA}",
        ),
        ("items:\n", "items: 3\nother:\n", "deck.yaml:8: items must be a list"),
        ("  title: An article\n", "  title: An article\n  year: 1\n", "deck.yaml:7: unknown"),
    ],
)
def test_each_validation_error_names_its_line(tmp_path, old, new, expected):
    assert old in BASE
    errors = errors_for(tmp_path, BASE.replace(old, new, 1))
    assert any(error.startswith(expected) for error in errors), errors


def test_true_false_answer_must_be_true_or_false(tmp_path):
    text = BASE.replace("  type: cloze\n", "  type: true_false\n").replace(
        "answer: Seine", "answer: Maybe"
    )
    errors = errors_for(tmp_path, text)
    assert errors == ["deck.yaml:19: true_false answer must be True or False, not 'Maybe'"]


def test_choices_only_on_mcq(tmp_path):
    text = BASE.replace("answer: Seine\n", "answer: Seine\n  choices: [Seine, Loire]\n")
    assert errors_for(tmp_path, text) == ["deck.yaml:20: choices are only allowed on mcq items"]


def test_all_problems_are_collected_in_line_order(tmp_path):
    text = (
        BASE.replace("  kind: fact\n", "  kind: opinion\n")
        .replace("answer: Paris", "answer: Rome")
        .replace("answer: Seine", "answer: Rhone")
        .replace("- key: river", "- key: capital")
    )
    errors = errors_for(tmp_path, text)
    assert [error.split(":")[1] for error in errors] == ["11", "13", "16", "19"]
    assert len(errors) == 4


def test_sha_mismatch_when_the_article_changed(tmp_path):
    errors = errors_for(tmp_path, BASE, article=ARTICLE.replace("Seine", "Loire"))
    assert len(errors) == 1 and errors[0].startswith("deck.yaml:7: source sha256 does not match")


def test_invalid_yaml_reports_the_line(tmp_path):
    text = BASE.replace("  answer: Seine\n", "  answer: [Seine\n")
    errors = errors_for(tmp_path, text)
    assert len(errors) == 1 and errors[0].startswith("deck.yaml:20: invalid YAML")


def test_empty_file_and_wrong_top_level(tmp_path):
    assert errors_for(tmp_path, "") == ["deck.yaml:1: the deck file is empty"]
    assert errors_for(tmp_path, "- a\n- b\n") == ["deck.yaml:1: the deck must be a mapping"]


def test_empty_item_list_is_rejected(tmp_path):
    text = BASE.split("items:\n")[0] + "items: []\n"
    assert errors_for(tmp_path, text) == [
        "deck.yaml:8: items is empty; a deck needs at least one item"
    ]


def test_unreadable_deck_file(tmp_path):
    with pytest.raises(DeckFileError) as caught:
        load_deck(tmp_path / "nope.yaml")
    assert caught.value.errors[0].startswith(f"{tmp_path / 'nope.yaml'}:1: cannot read")
