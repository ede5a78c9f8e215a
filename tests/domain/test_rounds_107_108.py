"""Held-out rounds 107-108 (on commit 3097521): a pronoun made the prosecutor's, and a
competitor's surname as a news page's subject line."""

from quizapp.generation.segment import parse_article
from quizapp.generation.subject_line import article_subject
from tests.domain.gold import DATA, generated

GAS = "heldout108/page_crime_court_report_hurstwick_bogus_gas_engineer_jailed.html"
ARCHERY = (
    "heldout107/page_sport_report_dunsmoor_county_archery_championships_corvale_shoot_off.html"
)


def test_he_is_never_the_one_person_the_tagger_typed_a_person_in_the_sentence_before():
    # W: "Delacourt traded as DM Heating Solutions" for "He traded as …" after "Anna
    # Delacourt, prosecuting, told the court that … paid Mallinder £2,850" (Mallinder, typed
    # otherwise there, is Darren Mallinder)
    items = generated(GAS).items
    assert items and not [i for i in items if "Delacourt traded" in i.prompt]


def test_a_competitor_s_surname_is_no_news_page_s_subject_line():
    # E and R (11 items): "Marchbank: …" read as her quote
    article = parse_article((DATA / ARCHERY).read_bytes(), "page.html")
    assert article_subject(article, page=True) == ""
    prompts = [i.prompt for i in generated(ARCHERY).items]
    assert prompts and not [p for p in prompts if p.startswith("Marchbank:")]
