"""The demo history's behaviour model: deterministic, and the planted item patterns are there."""

from __future__ import annotations

import random

from quizapp.domain import simulation as sim


def test_profiles_are_deterministic_and_spread():
    first = sim.profiles(random.Random(1))
    assert first == sim.profiles(random.Random(1))
    assert len(first) == 12
    abilities = sorted(p.ability for p in first)
    assert abilities[0] < -1.3 and abilities[-1] > 1.3
    assert {p.archetype for p in first} == {"steady", "crammer", "dropped", "barely"}


def test_item_models_plant_the_bad_patterns():
    counts = [4, 0, 4, 0, 0, 4, 0, 0]
    models = sim.item_models(random.Random(2), counts, quizzed=list(range(8)))
    assert models[0].miskeyed  # first quizzed item with choices
    assert models[2].distractor_weights[-1] == 0.0  # a distractor nobody picks
    assert models[1].difficulty == -4.0  # very easy
    assert models[7].difficulty == 4.5  # very hard


def test_miskeyed_items_favour_weaker_trainees():
    strong = sim.Profile(0, "S", "steady", 1.5, 1.0, 0, 29, 5, ())
    weak = sim.Profile(1, "W", "steady", -1.5, 1.0, 0, 29, 5, ())
    bad = sim.ItemModel(0.0, (1.0, 1.0, 1.0), miskeyed=True)
    good = sim.ItemModel(0.0, (1.0, 1.0, 1.0))
    assert sim.p_quiz_correct(strong, bad, None) < 0.05 < 0.95 < sim.p_quiz_correct(weak, bad, None)
    assert sim.p_quiz_correct(strong, good, None) > sim.p_quiz_correct(weak, good, None)


def test_wrong_choice_never_picks_the_key_or_a_dead_distractor():
    rng = random.Random(3)
    model = sim.ItemModel(0.0, (1.0, 1.0, 0.0))
    picks = {sim.wrong_choice(rng, 1, model, 4) for _ in range(200)}
    assert picks == {0, 2}


def test_study_rating_follows_the_success_chance():
    rng = random.Random(4)
    assert {sim.study_rating(rng, 0.0) for _ in range(50)} == {1}
    assert 1 not in {sim.study_rating(rng, 1.0) for _ in range(50)}
