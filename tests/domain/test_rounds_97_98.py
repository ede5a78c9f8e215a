"""Held-out rounds 97-98 (on commit 68ec36b): the wrong key raters found."""

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
