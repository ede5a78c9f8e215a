"""Held-out rounds 79-80 (the fifth session's final code): the wrong keys raters found, and
the sentence before shown as context for a prompt that leans on it."""

from tests.domain.gold import generated

CRASH_FOR_CASH = "heldout79/page_crime_court_report_tanbury_crash_for_cash_ring_jailed.html"
GRIMES = "heldout80/arts_review_peter_grimes_eastmarsh_opera_orfleet.txt"
JENNER = "heldout75/biography_edward_jenner.txt"
WILLOW = "heldout75/page_business_news_tennant_rook_cricket_bats_willow_plantation.html"
VEINS = "heldout77/health_explainer_varicose_veins.txt"


def _items(path: str):
    return generated(path).items


def test_he_is_not_the_barrister_when_the_sentence_speaks_of_her_client():
    # W: "Rendell's barrister, Priya Nandra, said the garage owner had … He has sold the
    # business and repaid £18,000" was asked as "Nandra has sold the business …"
    assert not [i for i in _items(CRASH_FOR_CASH) if "Nandra has sold" in i.prompt]


def test_a_firm_the_tagger_took_for_a_person_is_not_swapped_for_a_defendant():
    # R: "Gatley's business, Swiftline Accident Assist, took over" became "Gatley's business,
    # Kayleigh Moss, took over" (False)
    statements = [i.prompt for i in _items(CRASH_FOR_CASH) if "Gatley's business" in i.prompt]
    assert statements and all("Swiftline Accident Assist" in p for p in statements)


def test_a_description_of_another_kind_is_not_the_company_named_before():
    # W: "The dance band upstairs in the Moot Hall …" was written as "Eastmarsh Opera upstairs
    # in ____", the company named in the sentence before
    upstairs = [i.prompt for i in _items(GRIMES) if "upstairs in" in i.prompt]
    assert upstairs and not [p for p in upstairs if "Eastmarsh Opera upstairs" in p]


def test_the_sentence_before_is_shown_when_it_says_which_thing_the_prompt_means():
    # E: "Jenner took fluid from one of the sores …" (whose sores?) and "The extra pressure
    # stretches the vein walls …" (what pressure?)
    phipps = [i for i in _items(JENNER) if i.answer == "James Phipps"]
    assert phipps and phipps[0].prompt.startswith("On 14 May 1796 a young dairymaid, Sarah Nelmes")
    assert phipps[0].prompt.endswith("the arm of ____, the eight-year-old son of his gardener.")
    pressure = [i for i in _items(VEINS) if "The extra pressure stretches" in i.prompt]
    assert pressure and "Blood then leaks backwards" in pressure[0].prompt


def test_no_context_line_from_another_paragraph_or_that_gives_the_answer_away():
    deal = [i for i in _items(WILLOW) if i.prompt.startswith("The deal has been funded")]
    assert deal and deal[0].answer == "900,000"  # its paragraph opens on it: no line before
    for item in _items(JENNER) + _items(VEINS):
        if item.type != "true_false":
            question = item.prompt.rsplit(". ", 1)[-1]
            assert item.answer not in item.prompt.replace(question, ""), item.prompt
