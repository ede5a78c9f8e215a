"""Held-out rounds 101-102 (on commit 91a6dd8): the wrong keys raters found."""

from tests.domain.gold import generated

JEVONS = "heldout102/economics_explainer_the_jevons_paradox.txt"
OAK = "heldout101/encyclopedia_english_oak.txt"
MUCH_ADO = "heldout101/page_arts_review_much_ado_about_nothing_tannery_theatre_crossmead.html"


def test_a_view_the_article_sets_up_to_knock_down_is_not_the_author_s():
    # W: "According to the author, a more economical car should mean fewer trips to the petrol
    # station" (True), after "Most people assume that …": the view the article refutes
    items = generated(JEVONS).items
    assert items and not [i for i in items if "economical car should mean" in i.prompt]


def test_the_article_s_own_subject_is_never_renamed_after_another_of_its_kind():
    # W: "The sessile oak …" (True) for "The oak …" in an article on the English oak, after a
    # sentence that named the sessile oak
    items = generated(OAK).items
    assert items and not [i for i in items if "The sessile oak" in i.prompt]


def test_a_quoted_line_is_no_one_s_full_name():
    # E (two items): "Claudio" accepted "Kill Claudio", Beatrice's line
    items = generated(MUCH_ADO).items
    assert items and not [i for i in items if "Kill Claudio" in i.accepted]


SONIC = "heldout101/science_explainer_sonic_booms.txt"
REVOLT = "heldout101/history_peasants_revolt_1381.txt"
GALE = "heldout102/page_weather_news_wishcombe_arboretum_gale_fells_champion_trees.html"


def test_a_word_the_sentence_builds_the_answer_on_gives_it_away():
    # R: "The crack of ____ is a small sonic boom, made when the tip of the whip …" (bullwhip)
    # and "____ mixed with iron salts produced the iron gall ink" (oak galls)
    for path, words in ((SONIC, "The crack of ____"), (OAK, "mixed with iron salts")):
        items = generated(path).items
        assert items and not [i for i in items if words in i.prompt and "____" in i.prompt]


def test_a_season_s_year_is_accepted():
    # E: "In ____ the government sent commissioners into the counties" (spring 1381) did not
    # accept "1381"
    sent = [i for i in generated(REVOLT).items if i.answer == "spring 1381"]
    assert sent and all("1381" in i.accepted for i in sent)


def test_elsewhere_in_the_area_is_cut_like_any_connector():
    # E: "Wishcombe Arboretum: Elsewhere in the area, Western Power Networks said …"
    prompts = [i.prompt for i in generated(GALE).items]
    assert prompts and not [p for p in prompts if "Elsewhere in the area" in p]
