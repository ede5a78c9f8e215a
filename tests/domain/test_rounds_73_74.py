"""Held-out rounds 73-74 (the final code's own rounds): the wrong keys raters found."""

from tests.domain.gold import generated

APPENDIX = "heldout74/health_explainer_appendicitis.txt"
LAUNDRY = "heldout74/page_business_news_amberleigh_linen_hospital_laundry_contract.html"
SALT = "heldout73/science_explainer_how_road_salt_melts_ice.txt"
GLIDERS = "heldout73/page_sport_report_penwardine_gliders_wheelchair_basketball_playoff_final.html"
COUNCIL = "heldout73/page_politics_news_kilverton_council_all_out_elections_switch.html"


def _items(path: str):
    return generated(path).items


def test_they_is_not_the_main_subject_when_another_plural_subject_follows():
    # W: "Surgeons stress that antibiotics are not appropriate for everyone. They are generally
    # avoided when …" was asked as "Surgeons are generally avoided when …" (True)
    assert not [i for i in _items(APPENDIX) if "Surgeons are generally avoided" in i.prompt]


def test_an_approximate_amount_is_never_swapped_for_a_close_one():
    # W: "The contract will add £2.1 million a year to sales" keyed False against "about £2
    # million"
    falses = [i.prompt for i in _items(LAUNDRY) if i.answer == "False"]
    assert not [p for p in falses if "£2.1 million a year to sales" in p]


def test_a_unit_is_not_accepted_by_half_and_a_scoreline_is_no_name():
    # W: "grams per ____" (square metre) accepted "metre" and "square"; "Harcastle Rollers:
    # Greer" (from the box score) was accepted for Harcastle
    per = [i for i in _items(SALT) if i.answer == "square metre"]
    assert per and not {"metre", "square"} & set(per[0].accepted)
    team = [i for i in _items(GLIDERS) if i.answer == "Harcastle"]
    assert team and not [a for a in team[0].accepted if ":" in a]


def test_a_party_is_never_swapped_in_for_a_councillor():
    # "Green councillor Lib Dem pointed out …": a party the tagger took for a person
    assert not [i for i in _items(COUNCIL) if "councillor Lib Dem" in i.prompt]


def test_a_description_with_a_name_in_it_is_not_the_company_named_before():
    # round 77 (W): "The Elsbridge company, whose brown bottles … announced the agreement" was
    # written as "Nordkryd, whose brown bottles …", the Danish buyer named just before
    path = "heldout77/page_business_news_hobdays_malt_vinegar_danish_takeover.html"
    assert not [i for i in generated(path).items if i.prompt.startswith("Nordkryd, whose brown")]
