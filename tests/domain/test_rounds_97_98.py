"""Held-out rounds 97-98 (on commit 68ec36b): the wrong key raters found."""

import re

from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from tests.domain.gold import generated

SAWMILL = "heldout97/page_business_news_mardle_valley_sawmill_cross_laminated_timber_line.html"


def test_the_company_is_never_a_name_that_only_describes_a_kind_of_worker():
    # W: "CNC says starting pay on the production line will be £____" for "The company says
    # …" after "They include machine operators, CNC technicians, …"
    pay = [i for i in generated(SAWMILL).items if "starting pay" in i.prompt]
    assert pay and not [i for i in pay if "CNC says" in i.prompt + i.explanation]


def test_a_context_line_never_opens_on_a_pronoun_of_its_own():
    # "They include machine operators, CNC technicians …" written ahead of "The company says …"
    # would need a line of its own
    article = parse_article(
        b"Sawmill to open timber line\n\n"
        b"Harlow Timber will open a cross-laminated timber line at its Mardle Valley sawmill in "
        b"March, creating 24 jobs. They include machine operators, quality inspectors and a "
        b"small design team to turn drawings into cutting instructions. The company says "
        b"starting pay on the production line will be \xc2\xa329,500, and it plans to recruit "
        b"eight apprentices a year.",
        "sawmill.txt",
    )
    pay = [i for i in generate(article).items if "starting pay" in i.prompt]
    assert pay and all("They include" not in i.prompt for i in pay)


INTEREST = "heldout98/economics_explainer_compound_interest.txt"
TUNNEL = "heldout98/page_transport_news_morrow_hill_tunnel_refurbishment_overnight_closures.html"
BALLOT = "heldout97/page_education_news_stallingford_academy_admissions_ballot.html"


def test_a_figure_the_sentence_works_out_as_a_percentage_is_no_blank():
    # R: "Five per cent of £____ is £50" (1,000); E: "earns 5 per cent of £____, which is
    # £52.50" (1,050)
    items = generated(INTEREST).items
    assert items and not [i for i in items if re.search(r"per cent of £____", i.prompt)]


def test_the_size_of_a_structure_before_its_noun_is_no_blank():
    # R: "The ____ tunnel was built to relieve Carrowdale's high street" (1,140-metre) and "The
    # new line will be housed in a ____ hall" (6,400 square metre)
    for path, words in ((TUNNEL, "tunnel was built"), (SAWMILL, "housed in a")):
        items = generated(path).items
        assert items and not [i for i in items if words in i.prompt and "____" in i.prompt]


def test_this_year_is_never_made_the_year():
    # E: "The year the last place went to a child living ____ away." for "This year the last
    # place went …"
    prompts = [i.prompt for i in generated(BALLOT).items]
    assert prompts and not [p for p in prompts if "The year the last place" in p]
