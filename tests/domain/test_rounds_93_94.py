"""Held-out rounds 93-94 (on commit 497b80f): the garbled items and missing answers raters
found, on their own articles."""

from quizapp.generation.accepted import accepted_answers
from quizapp.generation.analyse import analyse
from quizapp.generation.segment import parse_article
from tests.domain.gold import generated

RUGBY = "heldout93/sport_report_garsby_colliers_wetherlow_bulls_rugby_league_cup_final.txt"
CANYON = "heldout93/geography_grand_canyon.txt"
COST = "heldout93/economics_explainer_opportunity_cost.txt"
LEOPARD = "heldout94/encyclopedia_snow_leopard.txt"
PSORIASIS = "heldout94/health_explainer_psoriasis.txt"
RAINHILL = "heldout94/history_rainhill_trials_1829.txt"
HALF_TERM = "heldout94/page_education_news_kessingham_two_week_october_half_term_plan.html"
GIGS = "heldout94/page_sport_report_porthgennick_gig_club_county_womens_final.html"


def test_a_thing_is_never_named_after_a_player_the_parser_typed_otherwise_once():
    # R: "Pickersgill clipped the inside of the right upright on its way over" for "The ball
    # clipped …" ("from the play-the-ball Pickersgill sent a long pass" read as a ball named
    # Pickersgill)
    prompts = [i.prompt for i in generated(RUGBY).items]
    assert prompts and not [p for p in prompts if "Pickersgill clipped" in p]


def test_a_capitalised_opening_word_is_not_the_subject_it_stands_before():
    # E: "Pale is the only big cat adapted to life above the ____" for "It is …" after "Pale,
    # thickly furred and rarely seen, it is often called …"
    prompts = [i.prompt for i in generated(LEOPARD).items]
    assert prompts and not [p for p in prompts if "Pale is" in p]


def test_a_parent_is_never_swapped_for_an_organisation():
    # R: "Kessingham Childminding Network, a father of three from Hartingbury, has one child …"
    prompts = [i.prompt for i in generated(HALF_TERM).items]
    assert prompts and not [p for p in prompts if "Network, a father of three" in p]


def test_a_name_the_sentence_spells_another_way_is_no_blank():
    # R: "known as the Koebner phenomenon, after the German dermatologist ____" (Heinrich Köbner)
    items = [i for i in generated(PSORIASIS).items if "phenomenon, after" in i.prompt]
    assert not items


def test_a_cut_never_leaves_and_and_a_subordinate_clause_hanging():
    # R: "Morwenna edged ahead with ____ to go and, although the Lanwarren crew threw everything
    # into a last push." and "… still stands, and in ____, to mark the railway's 150th
    # anniversary."
    for path in (GIGS, RAINHILL):
        prompts = [i.prompt for i in generated(path).items]
        assert prompts and not [p for p in prompts if p.endswith(("last push.", "anniversary."))]


def test_where_a_report_can_be_read_is_not_asked():
    # R: "The consultation report and the proposed calendar for ____ can be read on the
    # council's website."
    items = generated(HALF_TERM).items
    assert items and not [i for i in items if "can be read on" in i.quote]


def test_the_canyon_is_not_taken_for_the_grand_canyon_s_name():
    # E (four items): "… released near the canyon from ____", "collided above the canyon":
    # which canyon? The subject line names it.
    asked = [i for i in generated(CANYON).items if "the canyon" in i.prompt]
    assert asked and all(i.prompt.startswith("Grand Canyon: ") for i in asked)


def test_britain_accepts_the_uk_and_a_german_name_its_surname():
    # E: "as often as ____'s restrictions" (Britain) did not accept "the UK" (that opening line
    # is no longer asked: see test_rounds_101_102's hooks); "Friedrich von Wieser" did not
    # accept "Wieser"
    analysis = analyse(
        parse_article(
            b"Junk food adverts\n\nIn 2025 Britain banned adverts for sugary snacks before 9pm. "
            b"Ministers said Britain had waited long enough.",
            "ads.txt",
        )
    )
    britain = next(e for e in analysis.entities if e.text == "Britain")
    assert {"UK", "the United Kingdom"} <= set(accepted_answers(analysis, "Britain", britain))
    wieser = [i.accepted for i in generated(COST).items if i.answer == "Friedrich von Wieser"]
    assert wieser and all("Wieser" in a for a in wieser)
