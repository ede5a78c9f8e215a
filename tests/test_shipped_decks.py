"""Every deck shipped in decks/ loads, round-trips and meets the curation bar."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizapp.domain.deckfile import dump_deck, load_deck
from quizapp.domain.items import CLOZE_BLANK

DECKS = Path(__file__).resolve().parent.parent / "decks"
DECK_FILES = sorted(DECKS.glob("*.yaml"))
# Paragraphs this long are body text; shorter lines are headings, pull-quotes or the header.
BODY_PARAGRAPH_WORDS = 25
COPIED_RUN_WORDS = 10


@pytest.fixture(params=DECK_FILES, ids=[path.stem for path in DECK_FILES])
def shipped(request):
    path = request.param
    return path, load_deck(path)


def test_decks_directory_is_not_empty():
    assert DECK_FILES, "decks/ must ship at least one deck"


def test_round_trip_and_naming(shipped):
    path, deck = shipped
    assert dump_deck(deck) == path.read_text(encoding="utf-8")
    assert deck.slug == path.stem
    assert deck.source.file == f"{deck.slug}.txt"
    assert deck.title and deck.description


def test_article_carries_an_attribution_header(shipped):
    _path, deck = shipped
    header = deck.source.text.split("\n\n", 1)[0]
    assert deck.source.title in header
    assert deck.source.author and deck.source.author in header
    assert "Foreign Affairs" in deck.source.publication and "Foreign Affairs" in header
    assert "study purposes" in header


def test_counts_and_mix(shipped):
    _path, deck = shipped
    kinds = Counter(item.kind for item in deck.items)
    types = Counter(item.type for item in deck.items)
    assert len(deck.items) >= 60
    assert kinds["fact"] >= 40 and kinds["argument"] >= 12
    for item_type in ("mcq", "true_false", "cloze", "short_answer"):
        assert types[item_type] >= 8, types
    answers = Counter(item.answer for item in deck.items if item.type == "true_false")
    assert answers["True"] >= 5 and answers["False"] >= 5
    topics = Counter(item.topic for item in deck.items)
    assert len(topics) >= 4 and min(topics.values()) >= 3, topics


def test_every_item_is_grounded_in_the_article(shipped):
    path, deck = shipped
    text = (path.parent / deck.source.file).read_bytes().decode("utf-8")
    for item in deck.items:
        assert item.prompt.strip() and item.explanation.strip() and item.topic, item.key
        assert item.source_start is not None and item.source_end is not None, item.key
        assert item.quote == text[item.source_start : item.source_end], item.key
        assert item.quote.strip() == item.quote and item.quote[-1] in ".!?”)", item.key


def test_type_rules(shipped):
    _path, deck = shipped
    for item in deck.items:
        if item.type == "mcq":
            assert len(item.choices) == 4 and len(set(item.choices)) == 4, item.key
            assert item.choices.count(item.answer) == 1, item.key
        if item.type == "cloze":
            assert item.prompt.count(CLOZE_BLANK) == 1, item.key
            assert item.answer.casefold() in item.quote.casefold(), item.key
        if item.type == "true_false":
            assert item.answer in ("True", "False"), item.key
        if item.type in ("cloze", "short_answer"):
            assert item.answer.casefold() not in item.prompt.casefold(), item.key
            assert len(set(item.accepted)) == len(item.accepted), item.key
        assert item.choices == [] or item.type == "mcq", item.key


def test_mcq_answer_positions_are_spread(shipped):
    _path, deck = shipped
    positions = Counter(
        item.choices.index(item.answer) for item in deck.items if item.type == "mcq"
    )
    total = sum(positions.values())
    assert all(positions[index] >= total // 8 for index in range(4)), positions


def test_every_body_paragraph_is_asked_about(shipped):
    _path, deck = shipped
    text = deck.source.text
    spans = [(item.source_start, item.source_end) for item in deck.items]
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if len(line.split()) < BODY_PARAGRAPH_WORDS or line in text[:start]:
            continue
        assert any(s < end and e > start for s, e in spans), f"no item quotes: {line[:60]}…"


def test_prompts_and_explanations_are_our_own_words(shipped):
    _path, deck = shipped

    def words(value: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", value.lower().replace("’", "'"))

    article = words(deck.source.text)
    runs = {
        tuple(article[i : i + COPIED_RUN_WORDS]) for i in range(len(article) - COPIED_RUN_WORDS)
    }
    for item in deck.items:
        for value in (item.prompt, item.explanation, *item.choices):
            found = words(value)
            for i in range(len(found) - COPIED_RUN_WORDS + 1):
                run = tuple(found[i : i + COPIED_RUN_WORDS])
                assert run not in runs, f"{item.key} copies the article: {' '.join(run)}"
