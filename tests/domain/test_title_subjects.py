"""The subject line of articles whose title explains how a thing works or names what the body
keeps coming back to (held-out rounds 81-92: "the slider", "can produce one", "the craft"
dangled in explainers that had none)."""

import pytest

from quizapp.generation.segment import parse_article
from quizapp.generation.subject_line import article_subject
from tests.domain.gold import DATA, generated


@pytest.mark.parametrize(
    ("path", "subject"),
    [
        ("heldout88/science_explainer_how_pearls_form.txt", "Pearls"),
        ("heldout89/explainer_how_a_hovercraft_works.txt", "Hovercraft"),
        ("heldout79/history_building_the_channel_tunnel.txt", "Channel Tunnel"),
        ("heldout90/analysis_zero_hours_contracts.txt", "Zero-hours contract"),
        ("heldout92/analysis_university_tuition_fees.txt", ""),  # a question names nothing
    ],
)
def test_the_subject_a_how_title_or_the_body_gives(path, subject):
    article = parse_article((DATA / path).read_bytes(), path.rsplit("/", 1)[-1])
    assert article_subject(article) == subject


def test_an_explainer_item_on_its_subject_carries_the_subject_line():
    items = generated("heldout88/science_explainer_how_pearls_form.txt").items
    coating = [i for i in items if "the coating is laid down evenly" in i.prompt]
    assert coating and all(i.prompt.startswith("Pearls: ") for i in coating)
