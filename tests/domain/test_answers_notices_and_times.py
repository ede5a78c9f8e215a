"""Held-out rounds 79-92 on their own articles: full names raters asked to accept, notices
and pictured scenes that are no facts, and the date a "the following year" counts from."""

from tests.domain.gold import generated

LAFFER = "heldout86/economics_explainer_the_laffer_curve.txt"
EPEE = "heldout91/sport_report_marnhollow_swords_brackwater_salle_team_epee_final.txt"
MONASTERIES = "heldout81/history_dissolution_of_the_monasteries.txt"
PIER = "heldout89/page_local_news_morwick_pier_emergency_closure.html"
MARKET = "heldout87/page_local_news_cressingbury_charter_market_saturday_move.html"
FLASK = "heldout92/explainer_how_a_vacuum_flask_works.txt"
PRICES = "heldout91/economics_explainer_price_discrimination.txt"
LIFTS = "heldout61/page_transport_news_kirkhaven_station_step_free_lifts_open.html"
PARKING = "heldout57/analysis_parking_minimums.txt"
ORGANS = "heldout78/analysis_opt_out_organ_donation.txt"


def _accepted(path: str, answer: str) -> list[list[str]]:
    return [i.accepted for i in generated(path).items if i.answer == answer]


def test_a_surname_accepts_the_full_name_when_a_relative_is_spoken_of_only_later():
    # round 86 (E): "It was ____ who popularised the phrase" (Wanniski) did not accept "Jude
    # Wanniski": Laffer's mother, three sentences on in the paragraph, made him a relative's name
    accepted = _accepted(LAFFER, "Wanniski")
    assert accepted and all("Jude Wanniski" in a for a in accepted)


def test_a_surname_accepts_the_full_name_given_with_the_club_before_it():
    # round 91 (E): "Akinola" did not accept "Sophie Akinola" ("Brackwater's Sophie Akinola")
    accepted = _accepted(EPEE, "Akinola")
    assert accepted and all("Sophie Akinola" in a for a in accepted)


def test_a_surname_the_parser_took_for_an_organisation_accepts_the_full_name():
    # round 81 (E): "among them ____, who was hanged in chains at York" (Aske) did not accept
    # "Robert Aske"
    accepted = _accepted(MONASTERIES, "Aske")
    assert accepted and all("Robert Aske" in a for a in accepted)


def test_a_meeting_to_come_and_whom_to_contact_are_not_asked():
    # rounds 87 and 89 (R): "The council's full cabinet will discuss the survey at its meeting
    # on ____", "Traders interested in a pitch can contact the market officer, …"
    for path, words in ((PIER, "will discuss the survey"), (MARKET, "can contact the market")):
        items = generated(path).items
        assert items and not [i for i in items if words in i.quote]


def test_a_scene_the_reader_is_asked_to_picture_is_not_a_fact():
    # rounds 91-92 (R): "Pour boiling tea into a good vacuum flask …", "Suppose 50 potential
    # customers would happily pay £____"
    for path, opening in ((FLASK, "Pour boiling tea"), (PRICES, "Suppose 50")):
        items = generated(path).items
        assert items and not [i for i in items if i.quote.startswith(opening)]


def test_a_time_counted_from_the_sentence_before_gets_that_sentence_as_its_context():
    # rounds 57 and 61 (E): "A decade later the coalition government …", "Kirkhaven was
    # shortlisted for funding the following year": which decade, which year?
    for path, words, line in (
        (PARKING, "A decade later", "National guidance issued in 2001"),
        (LIFTS, "shortlisted for funding the following year", "in 2019."),
    ):
        asked = [i for i in generated(path).items if words in i.prompt]
        assert asked and all(line in i.prompt.split(words)[0] for i in asked)


def test_a_time_counted_from_a_date_of_its_own_sentence_gets_no_context_line():
    asked = [i for i in generated(ORGANS).items if "abandoned it the following year" in i.prompt]
    assert asked and all(i.prompt.count(". ") == 0 for i in asked)
