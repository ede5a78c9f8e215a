"""Rounds 111-116: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article


def test_so_far_keeps_its_so():
    """Round 112: "So far no cases …" was asked as "Far no cases …"."""
    from quizapp.generation.connectors import connector_length

    assert connector_length("So far no cases of squirrelpox have been found.") == 0
    assert connector_length("So the council paid.") == len("So ")


def test_the_initials_of_the_articles_subject_are_its_topic():
    """Round 111: "Thermostatic radiator valve: Newer "smart" ____ replace the wax capsule"
    (TRVs) after a subject line that spells them out."""
    text = (
        "How a Thermostatic Radiator Valve Works\n\n"
        "A thermostatic radiator valve controls the flow of hot water into a radiator. Newer "
        "smart TRVs replace the wax capsule with a small electric motor and a battery. Building "
        "regulations in Wales have expected TRVs on new radiators since 2002.\n"
    )
    result = generate(parse_article(text.encode(), "trv.txt"))
    assert not [i for i in result.items if i.answer in ("TRVs", "TRV")]
    dropped = {(d.subject, d.reason) for d in result.trace if d.stage == "select"}
    assert ("TRVs", "article_topic") in dropped


def test_a_named_storm_is_never_typed_a_person():
    """Round 111: "Who, in May 2020, was one of the strongest storms to hit the region?"."""
    from quizapp.generation.analyse import analyse

    text = (
        "The Sundarbans\n\n"
        "The Sundarbans is the largest mangrove forest in the world. Cyclone Amphan, in May "
        "2020, was one of the strongest storms to hit the region in decades, and it flattened "
        "villages along the coast of the Bay of Bengal.\n"
    )
    labels = {e.text: e.label for e in analyse(parse_article(text.encode(), "s.txt")).entities}
    assert labels.get("Cyclone Amphan") == "EVENT"


WINDSCALE = (
    "The Windscale Fire\n\n"
    "On 10 October 1957 the operators at Windscale knew something was wrong. Instruments at "
    "Windscale showed radiation levels rising in October 1957, and temperatures inside the core "
    "were climbing when they should have been falling.\n"
)


def test_what_should_have_happened_is_a_fact_to_check_not_a_view_of_the_writer():
    """Round 111: "According to the author, instruments showed … when they should have been
    falling" framed a plain fact of history as the writer's view."""
    result = generate(parse_article(WINDSCALE.encode(), "windscale.txt"))
    ranked = [d.subject for d in result.trace if d.stage == "rank"]
    assert any(s.startswith("Instruments at Windscale showed") and "____" not in s for s in ranked)
    assert not [s for s in ranked if s.startswith("According to the author")]


def test_a_view_under_someone_elses_verb_set_off_by_commas_is_not_the_authors():
    """Round 112: "According to the author, even if fraud is rare, the government maintained,
    voters should be able to trust …"."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.pipeline import _someone_elses_claim

    text = (
        "Photo ID\n\nEven if fraud is rare, the government maintained, voters should be able "
        "to trust that it is difficult. Voters should carry a passport.\n"
    )
    first, second = analyse(parse_article(text.encode(), "id.txt")).sentences
    assert _someone_elses_claim(first)
    assert not _someone_elses_claim(second)


def test_the_nhs_is_never_blanked():
    """Rounds 1-112: 6 of 7 blanks on the NHS rejected ("the most common operations in ____")."""
    text = (
        "Osteoarthritis\n\n"
        "Osteoarthritis is the most common form of arthritis. Hip and knee replacements are "
        "among the most common operations in the NHS, with many tens of thousands each year, "
        "and most last at least 15 years.\n"
    )
    result = generate(parse_article(text.encode(), "oa.txt"))
    assert not [i for i in result.items if i.answer in ("the NHS", "NHS")]


def test_a_description_that_names_itself_after_its_place_is_not_the_person_before():
    """Round 113: "The mayor of Dunnockley, Councillor Helen Sowerby, said …" was asked as
    "Illingworth of Dunnockley, Councillor Helen Sowerby, said …" (the town clerk)."""
    text = (
        "Fire station bought\n\n"
        "Dunnockley Town Council will buy the old fire station for £240,000. The town clerk, "
        "Graham Illingworth, said the building would be insured at a cost of about £8,500 a "
        "year. The mayor of Dunnockley, Councillor Helen Sowerby, said a public consultation "
        "over the summer had drawn 612 responses, with 71 per cent in favour.\n"
    )
    items = generate(parse_article(text.encode(), "dunnockley.txt")).items
    assert not [i for i in items if "Illingworth of Dunnockley" in i.prompt]
    assert [i for i in items if i.prompt.startswith("The mayor of Dunnockley")]


ABERFAN = (
    "The Aberfan Disaster\n\n"
    "On 21 October 1966 a colliery spoil tip slid onto the village of Aberfan. The government "
    "appointed a tribunal under the Welsh judge Lord Justice Edmund Davies. In 1997 the Welsh "
    "Assembly Government gave a further £2 million to the disaster fund.\n"
)


def test_a_nationality_before_a_noun_is_never_blanked_however_it_was_typed():
    """Round 116's wrong key: "under the ____ judge" (Welsh, typed an organisation) accepted
    "Welsh Assembly Government"."""
    result = generate(parse_article(ABERFAN.encode(), "aberfan.txt"))
    assert not [i for i in result.items if i.answer == "Welsh"]
    assert not [i for i in result.items if "Welsh Assembly Government" in i.accepted]


GIFFEN = (
    "Giffen Goods\n\n"
    "A Giffen good is an extreme kind of inferior good, named after the statistician Robert "
    "Giffen.\n\n"
    "A simple example shows the logic. Imagine a family with £100 a week to spend on food. Rice "
    "costs £1 a kilogram and meat £10. Keeping the same diet would cost £112.50, which the "
    "family cannot afford.\n\n"
    "In 2008 the economists Robert Jensen and Nolan Miller published a field experiment from "
    "Hunan, in China.\n"
)


def test_the_figures_of_a_made_up_example_are_not_asked():
    """Round 115: four of five items on "Imagine a family with £100 a week …" rejected."""
    result = generate(parse_article(GIFFEN.encode(), "giffen.txt"))
    assert result.rejected.get("worked_example", 0) >= 2
    assert not [i for i in result.items if "£" in i.prompt or "£" in i.answer]
    assert [i for i in result.items if "Jensen" in i.prompt]
