"""The article-extraction benchmark's own metric: F1 of 4-word shingles, averaged per page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4


def shingles(text: str) -> Counter:
    """Runs of four consecutive `\\w+` tokens, as a multiset."""
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page (1.0 each when both sides are empty)."""
    got, want = shingles(predicted), shingles(truth)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    precision = tp / (tp + fp) if tp + fp else float(fn == 0)
    recall = tp / (tp + fn) if tp + fn else float(fp == 0)
    return precision, recall


@dataclass(frozen=True)
class Score:
    """Mean precision and recall over pages, and F1 as the harmonic mean of the two means."""

    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        """Harmonic mean of the mean precision and the mean recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """The corpus score of (predicted, truth) pairs."""
    values = [page_precision_recall(predicted, truth) for predicted, truth in pairs]
    if not values:
        return Score(0.0, 0.0, 0)
    precisions, recalls = zip(*values, strict=True)
    return Score(sum(precisions) / len(values), sum(recalls) / len(values), len(values))
