"""Gold-list coverage for the generator's quality harness."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from quizapp.domain.items import CLOZE_BLANK, QuizItem
from quizapp.domain.textnorm import norm_key
from quizapp.generation.pipeline import GenerationResult, generate
from quizapp.generation.segment import parse_article

DATA = Path(__file__).resolve().parent.parent / "data"


def stored_article(path: str):
    """A stored article (a path under tests/data) as the app reads it."""
    source = DATA / path
    return parse_article(source.read_bytes(), source.name)


@functools.cache
def generated(path: str) -> GenerationResult:
    """The bank generated for a stored article, once per test run."""
    return generate(stored_article(path))


def load_gold(name: str) -> dict:
    """A gold YAML file from tests/data."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def item_text(item: QuizItem) -> str:
    """What the item asks: the prompt with the blank filled, plus the answer."""
    answer = item.answer if item.type != "true_false" else ""
    return item.prompt.replace(CLOZE_BLANK, item.answer) + " " + answer


def covers(item: QuizItem, terms: list[str]) -> bool:
    """Whether the item asks about a gold entry (all its terms appear in what it asks)."""
    text = f" {norm_key(item_text(item))} "
    return all(f" {norm_key(term)} " in text for term in terms)


def coverage(items: list[QuizItem], entries: list[dict]) -> tuple[float, list[str]]:
    """Share of gold entries asked about by at least one item, and the ids missed."""
    missed = [e["id"] for e in entries if not any(covers(i, e["terms"]) for i in items)]
    return (1 - len(missed) / len(entries)) if entries else 1.0, missed
