"""Held-out rounds 99-100 (on commit 9a59b24): a wrong accepted full name, a unit taken from
another count, a headline's hook as the subject line, and a place taken for a company's name."""

from quizapp.generation.segment import parse_article
from quizapp.generation.subject_line import article_subject
from tests.domain.gold import DATA, generated

BOSWORTH = "heldout99/history_battle_of_bosworth.txt"
CAPSULE = "heldout99/page_local_news_hollesworth_school_1975_time_capsule_opened.html"
ORGANS = "heldout100/page_business_news_hollis_marrow_organ_builders_norway_cathedral_order.html"
SKATING = "heldout100/page_weather_news_wrendle_fen_ice_skating_races_return.html"


def test_a_lord_is_never_accepted_as_the_knight_of_his_name():
    # W: "____ was married to Henry's mother" (Lord Stanley) accepted "William Stanley", his
    # brother Sir William Stanley
    married = [i for i in generated(BOSWORTH).items if "married to Henry's mother" in i.prompt]
    assert married and all("William Stanley" not in i.accepted for i in married)


def test_a_count_takes_no_unit_from_another_count_before_another_verb():
    # E: "recruit six apprentices over the next 12 months, taking its workforce to ____" (44)
    # accepted "44 months"
    workforce = [i for i in generated(ORGANS).items if "workforce to ____" in i.prompt]
    assert workforce and all("44 months" not in i.accepted for i in workforce)


def test_a_name_before_a_noun_takes_no_fuller_name():
    # R: "The ____ company beat builders from Germany" (Marlingford) accepted "Marlingford
    # College"
    for item in generated(ORGANS).items:
        assert "Marlingford College" not in item.accepted or item.answer == "Marlingford College"


def test_a_news_headline_s_hook_is_no_subject_line():
    # E (eighteen items): "Skates on: …" and "Flying cars: …" before every prompt
    for path in (SKATING, CAPSULE):
        article = parse_article((DATA / path).read_bytes(), "page.html")
        assert article_subject(article, page=True) == ""
        prompts = [i.prompt for i in generated(path).items]
        assert prompts and not [p for p in prompts if p.startswith(("Skates on:", "Flying cars:"))]


SALARIES = "heldout100/analysis_salary_ranges_in_job_adverts.txt"
LAFFER = "heldout86/economics_explainer_the_laffer_curve.txt"


def test_an_opening_hook_is_not_asked():
    # R: "Anyone who has looked for work in Britain knows the phrase.", "Few ideas in economics
    # can be sketched as quickly as the Laffer curve, and few have caused as much argument."
    for path, opening in ((SALARIES, "Anyone who has looked"), (LAFFER, "Few ideas in")):
        items = generated(path).items
        assert items and not [i for i in items if i.quote.startswith(opening)]
