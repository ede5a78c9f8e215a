"""A small behaviour model of trainees for the demo history: who studies when, and how well.

A Rasch-style model: trainee ability θ and item difficulty b give P(correct) = logistic(θ − b).
Study recall combines the card's FSRS retrievability with ability. Everything is driven by the
random.Random passed in, so the same seed always tells the same story.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

# (name, share of days active, first active day, last active day, new cards a day, quiz days)
# over a 30-day window; quiz days are the days a trainee takes each checkpoint quiz.
ARCHETYPES = {
    "steady": (0.85, 0, 29, 6, (8, 18, 27)),
    "crammer": (0.9, 20, 29, 15, (24, 28)),
    "dropped": (0.9, 0, 4, 10, (3,)),
    "barely": (0.15, 2, 29, 3, (21,)),
}
# Twelve trainees: six steady, two crammers, two who dropped off, two who barely started.
ROSTER = (
    ("Ada Okafor", "steady"),
    ("Bruno Costa", "dropped"),
    ("Chen Wei", "steady"),
    ("Dana Levi", "barely"),
    ("Elif Demir", "steady"),
    ("Femi Adeyemi", "crammer"),
    ("Greta Nilsson", "steady"),
    ("Hugo Martin", "dropped"),
    ("Isha Rao", "steady"),
    ("Jonas Berg", "crammer"),
    ("Kemal Aydin", "steady"),
    ("Lena Novak", "barely"),
)


@dataclass(frozen=True)
class Profile:
    """A simulated trainee: name, habit and ability."""

    index: int
    name: str
    archetype: str
    ability: float
    active_share: float
    first_day: int
    last_day: int
    new_per_day: int
    quiz_days: tuple[int, ...]

    def active_on(self, day: int, rng: random.Random, days: int) -> bool:
        """Whether the trainee studies on this day of a `days`-long window (scaled from 30)."""
        scale = days / 30
        if not self.first_day * scale <= day <= self.last_day * scale:
            return False
        return rng.random() < self.active_share


@dataclass(frozen=True)
class ItemModel:
    """How an item behaves: its difficulty and, for choice items, how attractive each
    distractor is. A miskeyed item is answered 'correctly' more by weaker trainees."""

    difficulty: float
    distractor_weights: tuple[float, ...] = ()
    miskeyed: bool = False


def logistic(x: float) -> float:
    """1 / (1 + e^−x)."""
    return 1 / (1 + math.exp(-x))


def logit(p: float) -> float:
    """The inverse of logistic, with p clamped away from 0 and 1."""
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def profiles(rng: random.Random, count: int = len(ROSTER)) -> list[Profile]:
    """The roster's first `count` trainees with abilities spread from −1.6 to 1.6, shuffled."""
    count = min(count, len(ROSTER))
    step = 3.2 / max(count - 1, 1)
    abilities = [-1.6 + i * step + rng.uniform(-0.15, 0.15) for i in range(count)]
    rng.shuffle(abilities)
    result = []
    for i, ((name, archetype), ability) in enumerate(zip(ROSTER, abilities, strict=False)):
        share, first, last, new, quizzes = ARCHETYPES[archetype]
        result.append(Profile(i, name, archetype, ability, share, first, last, new, quizzes))
    return result


def item_models(
    rng: random.Random, choice_counts: list[int], quizzed: list[int]
) -> list[ItemModel]:
    """Difficulties and distractor weights; among the quizzed positions, the first item with
    choices is miskeyed, one is very easy, one very hard and one has a distractor nobody picks."""
    models = []
    for count in choice_counts:
        weights = tuple(0.3 + rng.random() for _ in range(max(count - 1, 0)))
        models.append(ItemModel(rng.gauss(0.0, 0.8), weights))
    with_choices = [i for i in quizzed if choice_counts[i] >= 3]
    others = [i for i in quizzed if i not in with_choices[:2]]
    if with_choices:
        bad = with_choices[0]
        models[bad] = ItemModel(0.0, (2.5,) + models[bad].distractor_weights[1:], miskeyed=True)
    if len(with_choices) > 1:
        dead = with_choices[1]
        weights = models[dead].distractor_weights
        models[dead] = ItemModel(-0.3, weights[:-1] + (0.0,))
    if others:
        models[others[0]] = ItemModel(-4.0, models[others[0]].distractor_weights)
    if len(others) > 1:
        models[others[-1]] = ItemModel(4.5, models[others[-1]].distractor_weights)
    return models


def p_quiz_correct(profile: Profile, item: ItemModel, recall: float | None) -> float:
    """Chance of answering a quiz item right; studying (recall) helps, a wrong key inverts it."""
    if item.miskeyed:
        return logistic(-3.0 * profile.ability)
    boost = 1.2 * recall if recall is not None else 0.0
    return logistic(1.3 * profile.ability - item.difficulty + boost - 0.3)


def p_recall(profile: Profile, item: ItemModel, retrievability: float | None) -> float:
    """Chance of recalling a card in study: new cards by ability, others around FSRS recall."""
    if retrievability is None:
        return logistic(profile.ability - item.difficulty + 0.5)
    return logistic(logit(retrievability) + 0.6 * profile.ability - 0.3 * item.difficulty)


def study_rating(rng: random.Random, p_success: float) -> int:
    """Again on a miss; otherwise mostly Good, sometimes Hard or Easy."""
    if rng.random() >= p_success:
        return 1
    roll = rng.random()
    if roll < 0.12:
        return 2
    if roll > 0.88:
        return 4
    return 3


def wrong_choice(rng: random.Random, key: int, item: ItemModel, count: int) -> int:
    """A distractor index drawn by attractiveness (never the key)."""
    distractors = [i for i in range(count) if i != key]
    weights = list(item.distractor_weights[: len(distractors)])
    weights += [1.0] * (len(distractors) - len(weights))
    if sum(weights) <= 0:
        weights = [1.0] * len(distractors)
    return rng.choices(distractors, weights=weights)[0]
