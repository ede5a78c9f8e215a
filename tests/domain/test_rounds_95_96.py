"""Held-out rounds 95-96 (on commit e8398a7): a figure or term asked twice, a headline's second
clause taken for the report's subject, places offered from the lexicon, and answers per unit."""

import re

from tests.domain.gold import DATA, generated

FIREWORKS = "heldout95/science_explainer_how_fireworks_get_their_colours.txt"
WIFI = "heldout95/page_tech_news_pickersby_town_centre_free_wifi_switch_off.html"
CRAB = "heldout94/page_business_news_skellbay_crab_processor_supermarket_contract_loss.html"
BUSES = "heldout93/page_transport_news_gorsley_heath_school_bus_operator_collapse.html"


def test_a_term_is_asked_for_once():
    # R and E: "rather like the ____ of a ladder" and "the gap between the ____ is fixed" (both
    # "rungs")
    answers = [i.answer for i in generated(FIREWORKS).items if i.type != "true_false"]
    assert answers and answers.count("rungs") <= 1


def test_a_headline_s_second_clause_names_no_subject():
    # E (three items): "Pickersby market: The network of 31 access points …" in a report on
    # the town's free Wi-Fi ("Free Wi-Fi switched off, and Pickersby market stalls go cash-only")
    prompts = [i.prompt for i in generated(WIFI).items]
    assert prompts and not [p for p in prompts if p.startswith("Pickersby market:")]


def test_the_firm_a_report_keeps_calling_the_company_is_its_subject_line():
    # E: "The company told staff on Monday that its contract …" named no company
    told = [i for i in generated(CRAB).items if "The company told staff" in i.prompt]
    assert told and all(i.prompt.startswith("Norland Shellfish: ") for i in told)


def test_places_offered_as_options_are_places_the_article_names():
    # E: "The first fireworks were made in ____" with Libya and Sri Lanka beside China
    text = (DATA / FIREWORKS).read_text(encoding="utf-8")
    for item in generated(FIREWORKS).items:
        if item.type == "mcq" and {"place", "country"} & set(item.tags):
            assert all(re.search(re.escape(c.removeprefix("the ")), text) for c in item.choices)


def test_a_rate_accepts_the_amount_alone():
    # E: "claim mileage at ____" (45p a mile) did not accept "45p"
    rate = [i.accepted for i in generated(BUSES).items if i.answer == "45p a mile"]
    assert rate and all({"45p", "45p per mile"} <= set(a) for a in rate)
