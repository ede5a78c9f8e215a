"""Rounds 125-130: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.segment import parse_article


def test_a_description_brought_in_just_before_is_never_a_name_from_further_back():
    """Round 125: "… a group of residents has begun raising money to buy it. The group has so
    far raised £3,400" was asked as "Bertha [the van] has so far raised £3,400"."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.context import frame

    text = (
        "Mobile library's last run\n\nThe van, known to borrowers as Bertha, is the last "
        "mobile library run by Westmarch County Council. Bertha carries 2,500 books.\n\n"
        "Bertha's own future is uncertain. The council plans to sell the van, but a group of "
        "residents has begun raising money to buy it. The group has so far raised £3,400 of "
        "the £12,000 it believes it will need.\n"
    )
    analysis = analyse(parse_article(text.encode(), "a.txt"))
    article = analysis.article
    raised = next(s for s in analysis.sentences if "£3,400" in article.text[s.start : s.end])
    assert "Bertha" not in frame(analysis, raised).replacement


def test_an_event_titles_ship_is_the_subject_line_the_body_calls_the_essex():
    """Round 125: "The Wreck of the Whaleship Essex, 1820" gave no subject line, and 9 of its
    20 items left "the ship", "the men" or "the disaster" unnamed."""
    from quizapp.generation.subject_line import article_subject

    text = (
        "The Wreck of the Whaleship Essex, 1820\n\n"
        "On 20 November 1820 a sperm whale rammed the Essex twice. The sinking of the Essex "
        "became a famous survival story.\n\nThe Essex had sailed from Nantucket in 1819. "
        "Twenty men escaped in three boats.\n"
    )
    assert article_subject(parse_article(text.encode(), "a.txt")) == "Whaleship Essex"
    plain = text.replace("the Essex", "the ship")
    assert article_subject(parse_article(plain.encode(), "a.txt")) == ""


def test_no_blank_of_a_day_without_its_month_or_of_both_ends_of_a_change():
    """Round 125: "On ____, the Indian picked up Chase" (the 18th) and "will rise from ____
    per kilowatt hour" (11.8p to 19.1p)."""
    from quizapp.generation.blanks import blank_problem
    from quizapp.generation.context import Frame

    def problem(quote: str, answer: str, label: str) -> str:
        start = quote.index(answer)
        view = Frame(end=len(quote))
        return blank_problem(quote, view, start, start + len(answer), set(), answer, label)

    assert problem("On the 18th, the Indian picked up Chase.", "the 18th", "DATE") == "vague_date"
    rise = "The unit price will rise from 11.8p to 19.1p per kilowatt hour."
    assert problem(rise, "11.8p to 19.1p", "MONEY") == "two_values"
    assert problem("The span is 122 to 130 metres long.", "122 to 130", "QUANTITY") == ""


KINGSLEY = (
    "Mary Kingsley: the Victorian who paddled up the Ogooué\n\n"
    "Mary Henrietta Kingsley was one of the most unlikely explorers of her century. She had "
    "almost no schooling and spent thirty years nursing her parents.\n\n"
    "Her mother was an invalid for many years. She died in 1892.\n\n"
    "Kingsley was nearly thirty, unmarried and, for the first time in her life, free. She also "
    "had a modest inheritance. She decided to travel to West Africa.\n\n"
    "In Calabar she met the missionary Mary Slessor. She stayed a week.\n\n"
    "Kingsley wrote two books about the journeys. Kingsley died in South Africa in 1900.\n"
)


def _frames(text: str) -> dict[str, object]:
    from quizapp.generation.analyse import analyse
    from quizapp.generation.context import frame

    analysis = analyse(parse_article(text.encode(), "a.txt"))
    article = analysis.article
    return {article.text[s.start : s.end]: frame(analysis, s) for s in analysis.sentences}


def test_a_biographys_chain_of_she_is_its_subject_while_no_other_woman_is_named():
    """Round 126: a 1,000-word life of Mary Kingsley gave eight items; "She also had a modest
    inheritance. She decided to travel …" after "Kingsley was nearly thirty …" were dropped."""
    frames = _frames(KINGSLEY)
    for opening in ("She had almost", "She also had", "She decided"):
        view = next(v for s, v in frames.items() if s.startswith(opening))
        assert not view.problem and view.replacement == "Kingsley", opening
    for opening in ("She died", "She stayed"):  # her mother; Mary Slessor
        view = next(v for s, v in frames.items() if s.startswith(opening))
        assert view.replacement != "Kingsley", opening


def test_a_thing_only_compared_with_is_never_what_the_tower_means():
    """Round 126's wrong key: "Like Smeaton's tower, the Bell Rock is built …. The tower is
    about 35 metres tall" was asked as "Smeaton's tower is about 35 metres tall"."""
    text = (
        "Bell Rock Lighthouse\n\nStevenson modelled his design on John Smeaton's Eddystone "
        "Lighthouse. Like Smeaton's tower, the Bell Rock is built of dovetailed masonry "
        "blocks. The tower is about 35 metres tall.\n"
    )
    tall = next(v for s, v in _frames(text).items() if s.startswith("The tower is"))
    assert "Smeaton" not in tall.replacement


def test_also_known_as_keeps_its_also():
    """Round 126: "The reef, known as ____" (the Inchcape Rock) dropped the "also" that lets
    the reef's other name, the Bell Rock, be right too."""
    from quizapp.generation.wording import finish

    assert "also known as" in finish("The reef, also known as the Inchcape Rock, lies", False)
    assert finish("Tuft cells also climbed", False) == "Tuft cells climbed."


def test_a_body_named_after_a_town_never_accepts_the_town():
    """Round 126: "____, which represents patients, welcomed the results" (Healthwatch
    Ebbridge) accepted "Ebbridge", the town, as if it were a Mr Ebbridge."""
    from quizapp.generation.accepted import accepted_answers
    from quizapp.generation.analyse import analyse
    from tests.domain.gold import stored_article

    page = "heldout126/page_health_news_ebbridge_frailty_unit_admissions_fall.html"
    analysis = analyse(stored_article(page))
    entity = next(e for e in analysis.entities if e.text == "Healthwatch Ebbridge")
    assert entity.label == "ORG"
    assert "Ebbridge" not in accepted_answers(analysis, entity.text, entity)


def test_a_distance_run_over_is_never_accepted_as_more_than_it():
    """Round 127's wrong key: "The points race, run ____ of the 250-metre track" (over 15
    kilometres) accepted "more than 15 kilometres"; the race is 15 kilometres."""
    text = (
        "Omnium\n\nThe points race, run over 15 kilometres of the 250-metre track, carries "
        "the points forward. The crowd was over 2,000 people.\n"
    )
    from quizapp.generation.accepted import accepted_answers
    from quizapp.generation.analyse import analyse

    analysis = analyse(parse_article(text.encode(), "a.txt"))
    race = next(e for e in analysis.entities if e.text == "over 15 kilometres")
    accepted = accepted_answers(analysis, race.text, race)
    assert "15 kilometres" in accepted
    assert not [a for a in accepted if a.startswith(("more than", "above", "greater"))]


def test_a_law_the_tagger_left_as_act_is_never_a_name_or_a_blank():
    """Round 127: "The Act was intended to revive it" became "Act was intended …", and "the
    1988 ____" and "the same ____" blanked "Act"."""
    from quizapp.generation.blanks import blank_problem
    from quizapp.generation.context import Frame

    quote = "When the 1988 Act was passed, renting was a shrinking corner of the market."
    start = quote.index("Act")
    view = Frame(end=len(quote))
    assert blank_problem(quote, view, start, start + 3, set(), "act", "MISC") == "generic_name"
    text = (
        "No-fault evictions\n\nWhen the 1988 Act was passed, private renting was a shrinking "
        "corner of the housing market. The Act was intended to revive it by making letting "
        "less risky.\n"
    )
    intended = next(v for s, v in _frames(text).items() if s.startswith("The Act was"))
    assert intended.replacement != "Act"


def test_a_firm_the_tagger_took_for_a_person_accepts_no_everyday_surname():
    """Round 127: "The scheme is run by ____" (Velora Mobility) accepted "Mobility"."""
    from quizapp.generation.accepted import TRADE_ENDING

    assert TRADE_ENDING.search("Mobility") and TRADE_ENDING.search("Solutions")
    assert not TRADE_ENDING.search("Browning") and not TRADE_ENDING.search("Whieldon")


def test_he_after_a_subject_the_tagger_typed_a_place_is_never_the_man_named_after_it():
    """Found with round 126's biography fixes: "In 1754 Wedgwood joined Thomas Whieldon of
    Fenton …. He began a numbered Experiment Book" was made Thomas's."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.pronouns import antecedent
    from tests.domain.gold import stored_article

    analysis = analyse(stored_article("heldout29/biography_josiah_wedgwood.txt"))
    began = next(
        s for s in analysis.sentences if "Experiment Book" in analysis.article.text[s.start : s.end]
    )
    assert antecedent(analysis, began, "he") != "Thomas"


def test_a_business_pages_subject_is_never_the_hospital_it_supplies():
    """Round 128: every item of a report headed "Crossbeck clog maker lands biggest order"
    opened "Crossbeck General Hospital:", a customer named in passing."""
    from quizapp.generation.subject_line import page_subject
    from tests.domain.gold import stored_article

    page = "heldout128/page_business_news_crossbeck_clog_works_hospital_theatre_order.html"
    assert "Hospital" not in page_subject(stored_article(page))
    unit = "heldout120/page_health_news_ickenthwaite_minor_injuries_unit_weekend_xray_returns.html"
    assert page_subject(stored_article(unit)) == "Ickenthwaite Community Hospital"


def test_a_description_is_written_as_the_whole_name_the_sentence_opened_on():
    """Round 128: "The club had six … safety boats" was asked as "Water Sailing Club had six
    …": the tagger had left "Sedgemere" out of Sedgemere Water Sailing Club."""
    from quizapp.generation.references import whole_name

    text = "Sedgemere Water Sailing Club said 64 boats were racing. Yesterday Water Board met."
    start = text.index("Water Sailing")
    assert whole_name(text, start, text.index(" said")) == (0, "Sedgemere Water Sailing Club")
    board = text.index("Water Board")
    assert whole_name(text, board, board + len("Water Board"))[1] == "Water Board"
    mid = "Crews are assisting Sedgemere Water Sailing Club after capsizes."
    begin = mid.index("Water Sailing")
    assert whole_name(mid, begin, mid.index(" after"))[1] == "Sedgemere Water Sailing Club"


def test_no_blank_a_nations_people_give_away_or_that_ends_a_linked_name():
    """Round 129: "After the Norman conquest of south ____, … the Welsh-speaking north"
    (Wales) and "the National Institution for the Preservation of Life from ____"
    (Shipwreck)."""
    from quizapp.generation.blanks import blank_problem
    from quizapp.generation.context import Frame

    def problem(quote: str, answer: str, label: str) -> str:
        start = quote.index(answer)
        view = Frame(end=len(quote))
        return blank_problem(quote, view, start, start + len(answer), set(), answer, label)

    wales = "After the conquest of south Wales, the north stayed Welsh-speaking."
    assert problem(wales, "Wales", "GPE") == "answer_given_away"
    assert (
        problem("After the conquest of south Wales, the Normans built castles.", "Wales", "GPE")
        == ""
    )
    medal = "She received a medal from the Institution for the Preservation of Life from Shipwreck."
    assert problem(medal, "Shipwreck", "ORG") == "part_of_a_name"
    assert problem("The ship sailed from Plymouth to Bristol.", "Bristol", "GPE") == ""


def test_a_blank_before_an_auxiliary_keeps_its_sentence():
    """Round 130 (found in review): the check for a blank that swallows the next verb's
    subject dropped "drugs called ____ are needed" (vasopressors) and "the village of ____
    has been famous" (Penclawdd), whose verbs' subjects stand before the blank."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.blanks import spans_a_subject

    text = (
        "Sepsis\n\nSeptic shock is diagnosed when drugs called vasopressors are needed. "
        "During the First World War Rutherford worked on detecting submarines.\n"
    )
    analysis = analyse(parse_article(text.encode(), "a.txt"))
    article = analysis.article

    def spans(answer: str) -> bool:
        start = article.text.index(answer)
        info = next(s for s in analysis.sentences if s.start <= start < s.end)
        return spans_a_subject(info, start, start + len(answer))

    assert not spans("vasopressors")
    assert spans("the First World War Rutherford")
