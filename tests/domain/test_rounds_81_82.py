"""Held-out rounds 81-82 (the sixth session's context lines): the wrong keys raters found."""

from tests.domain.gold import generated

DAB = "heldout81/page_tech_news_cawdon_bay_small_scale_dab_switch_on.html"
TRAINS = "heldout81/page_transport_news_yarlstone_branch_line_battery_trains.html"
HA_LONG = "heldout82/geography_ha_long_bay.txt"


def _items(path: str):
    return generated(path).items


def test_the_company_is_not_the_place_whose_residents_were_named_before():
    # W: "Residents of Lower Quay … have reported a patchy signal. The company plans to install
    # a small second transmitter …" was asked as "Lower Quay plans to install …"
    transmitter = [i for i in _items(DAB) if "second transmitter" in i.prompt]
    assert transmitter and not [i for i in transmitter if "Lower Quay plans" in i.prompt]


def test_the_trains_are_not_the_diesel_trains_they_replaced():
    # W: "Three units entered service …, replacing diesel trains …. The trains were converted
    # from diesel units …" was asked as "The diesel trains were converted …" (True)
    converted = [i for i in _items(TRAINS) if "were converted from diesel units" in i.prompt]
    assert converted and not [i for i in converted if "The diesel trains" in i.prompt]


def test_a_town_the_tagger_took_for_a_person_is_not_swapped_for_another_town():
    # W: "mines and ports around Cam Pha" keyed False as "around Hon Gai": the article is silent
    # on Hon Gai's mines
    mining = [i for i in _items(HA_LONG) if "coal-mining region" in i.prompt]
    assert mining and not [i for i in mining if i.answer == "False"]
