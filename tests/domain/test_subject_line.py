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


def test_a_title_names_its_subject_before_the_colon_when_the_opening_names_it_again():
    # held-out rounds 53-62: "The ship", "The farm", "the species" dangled in entries titled
    # "Cutty Sark: The Last of the Tea Clippers", whose body did not open on the name
    for path, subject in [
        ("heldout59/history_cutty_sark.txt", "Cutty Sark"),
        ("heldout57/biography_beatrix_potter.txt", "Beatrix Potter"),
        ("heldout62/encyclopedia_the_iron_bridge_shropshire.txt", "Iron Bridge"),
        ("heldout58/geography_isles_of_scilly.txt", "Isles of Scilly"),
    ]:
        source = DATA / path
        assert article_subject(parse_article(source.read_bytes(), source.name)) == subject
    # a headline's words before a colon are no subject unless the opening names them again
    review = build_article(
        "Free Parking Is Not Free: Why the Rules Should Go\n\nCities still require car spaces."
    )
    assert article_subject(review) == ""


def test_a_person_named_by_first_name_gets_no_subject_line():
    portrait = _item("Between 1990 and 2003 George's portrait appeared on the £5 note.")
    assert with_subject_line(portrait, "George Stephenson").prompt == portrait.prompt
    lake = _item("The lake is home to around ____ species of cichlid fish.")
    assert with_subject_line(lake, "Lake Tanganyika").prompt.startswith("Lake Tanganyika: ")


def test_the_line_is_kept_beside_a_place_word_and_left_out_beside_part_of_the_name():
    # round 63: "The state paid the company … trade with … South America" lost its line to
    # "South"; "The South Sea Company itself survived" needs none
    trade = _item("The state paid the company a monopoly on trade with South America.")
    assert with_subject_line(trade, "South Sea Bubble").prompt.startswith("South Sea Bubble: ")
    company = _item("The South Sea Company itself survived, managing government debt.")
    assert with_subject_line(company, "South Sea Bubble").prompt == company.prompt
