"""Held-out rounds 103-106 (on commit 1a643b7): a history title's subject and a legend asked as
a fact."""

from quizapp.generation.segment import parse_article
from quizapp.generation.subject_line import article_subject
from tests.domain.gold import DATA, generated

SUTTON_HOO = "heldout105/history_sutton_hoo_ship_burial_discovery.txt"
ETNA = "heldout105/geography_mount_etna.txt"


def test_a_history_title_names_the_thing_its_story_is_of():
    # E (16 of 20 items): "the site", "the helmet", "the mound" in "The Discovery of the
    # Sutton Hoo Ship Burial", and no subject line named it
    for path, subject in (
        (SUTTON_HOO, "Sutton Hoo ship burial"),
        ("heldout89/history_wreck_of_the_royal_charter_1859.txt", "Royal Charter"),
    ):
        article = parse_article((DATA / path).read_bytes(), path.rsplit("/", 1)[-1])
        assert article_subject(article) == subject
    items = generated(SUTTON_HOO).items
    assert items and sum(i.prompt.startswith("Sutton Hoo ship burial: ") for i in items) >= 5


def test_a_legend_is_not_asked_as_a_fact():
    # E: "Mount Etna: The philosopher ____ threw himself into the crater …" for "According to a
    # famous legend, the philosopher Empedocles threw himself …"
    items = generated(ETNA).items
    assert items and not [i for i in items if "threw himself into the crater" in i.prompt]
