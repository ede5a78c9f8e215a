"""The article's subject written before a prompt that does not name it (realise, last touch)."""

from dataclasses import replace

from quizapp.domain.items import QuizItem
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import build_article, parse_article
from quizapp.generation.subject_line import article_subject, with_subject_line
from tests.domain.gold import DATA


def _item(prompt: str) -> QuizItem:
    return QuizItem(
        key="cloze-x", type="cloze", kind="fact", prompt=prompt, answer="lobes",
        explanation="x", quote=prompt, topic="Feet", tags=["fact", "key term"],
    )  # fmt: skip


def test_an_entry_on_one_thing_has_a_subject_and_a_headline_has_none():
    entry = build_article(
        "Great Crested Grebe\n\nThe great crested grebe is a water bird of Europe. The toes "
        "are not webbed but lobed."
    )
    assert article_subject(entry) == "Great crested grebe"
    colon = build_article("Lake Tanganyika: Africa's Rift Lake\n\nLake Tanganyika fills a trench.")
    assert article_subject(colon) == "Lake Tanganyika"
    headline = build_article(
        "Volunteer-dug fibre network switches on\n\nFour hundred homes now have broadband."
    )
    assert article_subject(headline) == ""
    mentioned = build_article("Receptors\n\nIn 1991 Linda Buck found smell receptors in rats.")
    assert article_subject(mentioned) == ""  # named in passing, not what the body opens on


def test_the_subject_line_goes_only_before_a_prompt_that_does_not_name_it():
    toes = with_subject_line(_item("The toes are edged with ____ of skin."), "Great crested grebe")
    assert toes.prompt == "Great crested grebe: The toes are edged with ____ of skin."
    named = _item("Grebes dive for fish and their toes are edged with ____ of skin.")
    assert with_subject_line(named, "Great crested grebe").prompt == named.prompt
    assert with_subject_line(toes, "").prompt == toes.prompt
    # held-out round 62: "Okapi: … the genus ____" gave "Okapia" away
    genus = replace(_item("It is the only living member of the genus ____."), answer="Okapia")
    assert with_subject_line(genus, "Okapi").prompt == genus.prompt


def test_held_out_encyclopedia_items_name_their_bird():
    # held-out round 59: raters asked, item after item, which species "the species",
    # "adults" and "the toes" meant
    path = DATA / "heldout59" / "encyclopedia_great_crested_grebe.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    assert items
    assert all("grebe" in item.prompt.lower() for item in items)
