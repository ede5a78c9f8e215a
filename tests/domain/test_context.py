"""Whether a sentence can stand alone as a question, and what makes it so (select stage)."""

import random
import re

import pytest

from quizapp.generation.accepted_terms import one_word_of_a_term
from quizapp.generation.analyse import analyse
from quizapp.generation.blanks import blank_problem
from quizapp.generation.connectors import connector_length
from quizapp.generation.context import frame
from quizapp.generation.distractors import CONTINENTS, pick, reads_as_person
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import build_article, parse_article
from quizapp.generation.select import answers
from quizapp.generation.wording import clause_span
from tests.domain.gold import DATA

TEXT = (
    "General Motors unveiled a new electric pickup in Detroit. The automaker plans to sell it "
    "next year. However, prices will rise in 2025. These cars are heavy.\n\n"
    'The mayor said "we will never give up on this city, whatever the cost" on Monday. '
    "Is this the end of the road? Rafael Nadal won in Madrid. He beat Karen Khachanov.\n\n"
    "Queen Elizabeth I closed the Steelyard in 1598. Most moved to Antwerp."
)


@pytest.fixture(scope="module")
def views():
    article = build_article(TEXT)
    analysis = analyse(article)
    out = {}
    for info in analysis.sentences:
        quote = article.text[info.start : info.end]
        view = frame(analysis, info)
        readable = quote[view.cut : view.end]
        if view.replaced:
            readable = view.replacement + readable[view.replaced :]
        out[quote.split()[0] + " " + quote.split()[1]] = (view.problem, readable)
    return out


@pytest.mark.parametrize(
    ("opening", "problem", "readable"),
    [
        ("The automaker", "", "General Motors plans to sell it next year."),
        ("However, prices", "", "prices will rise in 2025."),
        ("These cars", "unresolved_reference", None),
        ("The mayor", "direct_speech", None),
        ("Is this", "rhetorical_question", None),
        ("He beat", "", "Nadal beat Karen Khachanov."),
        ("Queen Elizabeth", "", "Queen Elizabeth I closed the Steelyard in 1598."),
        ("Most moved", "unresolved_reference", None),
    ],
)
def test_sentences_are_framed_to_stand_alone(views, opening, problem, readable):
    got_problem, got_readable = views[opening]
    assert got_problem == problem
    if readable is not None:
        assert got_readable == readable


@pytest.mark.parametrize(
    ("quote", "answer", "label", "problem"),
    [
        ("Binge eating disorder (BED) is common.", "BED", "ORG", "in_brackets"),
        ("The high-speed train left on time.", "speed", "TERM", "part_of_a_word"),
        ("One study in 496 adolescent girls found it.", "496", "CARDINAL", "sample_size"),
        ("The Italian government resigned.", "Italian", "NORP", "nationality_blank"),
        (
            "The UN sent peacekeepers to the peacekeeping force.",
            "peacekeepers",
            "TERM",
            "answer_given_away",
        ),
        ("The talks ended on Tuesday after midnight.", "Tuesday", "DATE", "vague_date"),
        ("The canal opened in 1869 to ships.", "1869", "DATE", ""),
        (
            "Three scripts remain, according to The Wrap, a trade site.",
            "The Wrap",
            "ORG",
            "source_citation",
        ),
        (
            "Data from Kastle Systems has shown occupancy stuck at half.",
            "Kastle Systems",
            "ORG",
            "source_citation",
        ),
        ("Analysts on Wall Street predicted $2.52 a share.", "Street", "FAC", "part_of_a_name"),
        ("The bill was signed by President Lincoln in 1862.", "Lincoln", "PERSON", ""),
        (
            "A 2018 study of reefs found the gap had shrunk to six years.",
            "2018",
            "DATE",
            "citation_year",
        ),
        (
            "A study published in The Lancet in 2023 modelled 93 European cities.",
            "2023",
            "DATE",
            "citation_year",
        ),
        ("A state appeals court on Tuesday reinstated the ban.", "Tuesday", "MISC", "vague_date"),
        (
            "Aisha Rahman, 34, who takes the number 12 bus, said the journey took 40 minutes.",
            "Aisha Rahman",
            "PERSON",
            "vox_pop",
        ),
        (
            "The fall in profit reflects that pressure, said Karen Ludlow, an analyst at Pellham "
            "Securities.",
            "Pellham Securities",
            "ORG",
            "attribution_blank",
        ),
        (
            "The team used Webb's Near-Infrared Spectrograph, known as NIRSpec, in July.",
            "NIRSpec",
            "ORG",
            "answer_given_away",
        ),
        ("Apollo 13 lifted off from Florida on 11 April 1970.", "13", "CARDINAL", "part_of_a_name"),
        ("Every weekday the 07:42 from Kelsford is full.", "07:42", "CARDINAL", "time_of_day"),
        (
            "Helen Marsh, a director at Ofgem, said the regulator knew people were struggling.",
            "Helen Marsh",
            "PERSON",
            "quoted_person",
        ),
        (
            "Joanne Pike, 41, a teaching assistant from Stockport, said the change was welcome.",
            "Stockport",
            "GPE",
            "vox_pop",
        ),
        (
            "Graham Lytton, 54, of Hollins Lane, took about £6.3 million from 112 investors.",
            "54",
            "CARDINAL",
            "age_detail",
        ),
        (
            "Kym Lino, a spokesperson for Instagram, confirmed the test.",
            "Kym Lino",
            "PERSON",
            "spokesperson",
        ),
        (
            "Ellison, who joined Pennywell from a food retailer in 2022, said she was confident.",
            "2022",
            "DATE",
            "speaker_detail",
        ),
        (
            "Head librarian Priya Nandakumar, who has worked at the branch since 2009, said the "
            "response had left her close to tears.",
            "2009",
            "DATE",
            "speaker_detail",
        ),
        (
            "The Vimy, a converted bomber built in 1918, carried the two men across the Atlantic.",
            "1918",
            "DATE",
            "",
        ),
        (
            "Harrowgate shareholders will own 58 per cent of the group and Tollbridge shareholders "
            "the remaining 42 per cent.",
            "42 per cent",
            "PERCENT",
            "answer_given_away",
        ),
        (
            "Harrowgate shareholders will own 58 per cent of the group and Tollbridge shareholders "
            "the remaining 42 per cent.",
            "58 per cent",
            "PERCENT",
            "answer_given_away",
        ),
        ("About 42 per cent of the remaining 300 staff will move.", "42 per cent", "PERCENT", ""),
        (
            "The Houses of Parliament stood in the path of the smell.",
            "The Houses",
            "ORG",
            "part_of_a_name",
        ),
        (
            "Harbridge is one of many English universities.",
            "English",
            "LANGUAGE",
            "nationality_blank",
        ),
        ("The play was written in English in 1904.", "English", "LANGUAGE", ""),
        ("Iran, Iraq, Russia, and Syria created an intelligence center.", "Syria", "GPE", ""),
        ("Anyone feeling unwell should call NHS 111 at once.", "NHS", "ORG", "acronym_modifier"),
        ("Two doses of the MMR vaccine protect most children.", "MMR", "ORG", "acronym_modifier"),
        ("The deal was approved by the WHO in 2021.", "WHO", "ORG", ""),
        (
            "Research by the Shoppers' Rights Trust found few fryers came back.",
            "Rights Trust",
            "ORG",
            "part_of_a_name",
        ),
        ("Fellside Water warned of a second wave of bursts.", "Water", "ORG", "part_of_a_name"),
        ("His AeroCrisp Duo caught fire in December.", "Duo", "PRODUCT", "part_of_a_name"),
        ("Since Monday engineers have repaired 300 pipes.", "Monday", "DATE", "vague_date"),
        ("Today Fellside Water serves 90,000 homes.", "Fellside Water", "ORG", ""),
        ("Battuta died in about 1368 or 1369 in Morocco.", "about 1368 or", "DATE", "ragged_date"),
        (  # held-out round 32: one subtraction or division away from the answer
            "The offer closed with 412,500 pounds pledged, 37,500 more than its target of 375,000.",
            "37,500",
            "MONEY",
            "answer_given_away",
        ),
        (
            "A unit of wine could have made 1.2 units of cloth (120 divided by 100).",
            "1.2",
            "CARDINAL",
            "answer_given_away",
        ),
        ("He scored 21 points with 10 rebounds and 11 assists.", "21", "CARDINAL", ""),
        (  # held-out round 33: whose officer spoke, and half a scientific name
            "Norvale's operations director, Stephen Haig, said the company was co-operating.",
            "Norvale",
            "ORG",
            "attribution_blank",
        ),
        (
            "Lydbury Cross parish council chair Glenys Arkwright said the village would watch.",
            "Lydbury Cross",
            "GPE",
            "attribution_blank",
        ),
        (
            "The disease is caused by the bacterium Legionella pneumophila in warm water.",
            "Legionella",
            "MISC",
            "part_of_a_name",
        ),
        (  # held-out round 34: a name cut with its conjunction
            "Work included new signalling between Carrow Bridge and Ebbsworth, and a crossing.",
            "Carrow Bridge and",
            "GPE",
            "ragged_answer",
        ),
        (
            "Beds of the native oyster Ostrea edulis once covered the estuary.",
            "edulis",
            "TERM",
            "part_of_a_name",
        ),
        (  # held-out round 42: one end of a range, the other left in the prompt
            "Only about 10,000 to 15,000 people live in the Romanian part of the delta.",
            "Only about 10,000",
            "CARDINAL",
            "half_a_range",
        ),
        (
            "The reed beds cover roughly 1,500 to 1,800 square kilometres of the delta.",
            "1,800 square kilometres",
            "QUANTITY",
            "half_a_range",
        ),
        (  # held-out round 54: the writer's example figure, the paper an actor spoke to, and
            # half a firm's name
            "A fine of, say, £20, waived for any reasonable excuse, would keep it symbolic.",
            "20",
            "MONEY",
            "example_figure",
        ),
        (
            "Speaking to the Mercury before rehearsals began, Coulthard said he was ready.",
            "the Mercury",
            "ORG",
            "source_citation",
        ),
        (
            "At Pennick's Orchards in Hemsfold Magna, early varieties were in full blossom.",
            "Pennick",
            "PERSON",
            "part_of_a_name",
        ),
        ("A fine of £20 would keep the penalty symbolic.", "20", "MONEY", ""),
        (  # held-out rounds 57-58: a speaker's employer or union branch
            "Rob Kinnaird, Wessway's director of environment, said the tower was inspected.",
            "Wessway",
            "ORG",
            "speaker_detail",
        ),
        (
            "Union representative Paula Grieve, of Unison's Lowmoor branch, said staff worried.",
            "Lowmoor",
            "GPE",
            "speaker_detail",
        ),
    ],
)
def test_blanks_not_worth_asking_are_refused_with_a_reason(quote, answer, label, problem):
    start = quote.index(answer)
    view = frame_of(quote)
    assert blank_problem(quote, view, start, start + len(answer), set(), "k", label) == problem


def _second_sentence_alone(text: str) -> str:
    """How the second sentence of a text reads once framed to stand alone."""
    article = build_article(text)
    analysis = analyse(article)
    info = analysis.sentences[1]
    view = frame(analysis, info)
    quote = article.text[info.start : info.end]
    return view.replacement + quote[view.cut + view.replaced : view.end]


def _view(text: str, index: int):
    """The frame of the index-th sentence of a text."""
    analysis = analyse(build_article(text))
    return frame(analysis, analysis.sentences[index])


def frame_of(quote: str):
    article = build_article(quote)
    analysis = analyse(article)
    return frame(analysis, analysis.sentences[0])


def blank_problem_of(quote: str, answer: str, label: str) -> str:
    """Why the answer (its first place in a one-sentence quote) is no blank ("" when it is)."""
    start = quote.index(answer)
    return blank_problem(quote, frame_of(quote), start, start + len(answer), set(), "k", label)


def test_an_unpunctuated_line_of_a_web_page_is_a_caption_not_a_fact():
    page = (
        "The ferry resumed service on Monday after a long repair.\n\n"
        "There are six engines in the new ferry\n\n"
        "The repair took three weeks in the Aarhus yard."
    )
    article = build_article(page, heading_texts=())
    analysis = analyse(article)
    problems = [frame(analysis, info).problem for info in analysis.sentences]
    assert problems == ["", "caption_or_link", ""]


@pytest.mark.parametrize(
    ("quote", "problem"),
    [
        (
            "A spokesman for the port did not immediately respond to a request for comment.",
            "no_comment",
        ),
        ("The company declined to comment on the layoffs at its Ohio plant.", "no_comment"),
        ("The port authority opened a second terminal in Aarhus in 2021.", ""),
        ("The attorney general's office had no comment on the inquiry.", "no_comment"),
        ("Mix two tablespoons of refried beans with two tablespoons of salsa.", "instruction"),
        (
            "Williams is top-20 in run defense pic.twitter.com/AbC123 — PFF (@PFF) November 16, "
            "2019.",
            "social_post",
        ),
    ],
)
def test_how_the_story_was_reported_is_not_a_fact_to_learn(quote, problem):
    assert frame_of(quote).problem == problem


@pytest.mark.parametrize(
    ("quote", "readable"),
    [
        (
            "Six weeks earlier, on 12 April, Gagarin orbited the Earth.",
            "on 12 April, Gagarin orbited the Earth.",
        ),
        (
            "Less than two months later, the border was sealed with wire.",
            "the border was sealed with wire.",
        ),
        (
            "Obviously, the schedule of the actors shifted in 2019.",
            "the schedule of the actors shifted in 2019.",
        ),
        (
            "(AP) — Health officials in Michigan reported a sixth death on Monday.",
            "Health officials in Michigan reported a sixth death on Monday.",
        ),
        (
            "In sum, 4,000 people are expected to receive notice.",
            "4,000 people are expected to receive notice.",
        ),
        (  # held-out round 30: "By then" and "In return" were left pointing back
            "By then Mary was doing most of the searching herself in 1812.",
            "Mary was doing most of the searching herself in 1812.",
        ),
        (
            "In return, the Moon gains energy and moves outward by 3.8 centimetres a year.",
            "the Moon gains energy and moves outward by 3.8 centimetres a year.",
        ),
        (
            "That same year, Moscow established contacts with the Popular Mobilization Forces.",
            "Moscow established contacts with the Popular Mobilization Forces.",
        ),
        (
            "And at the same time, Iran, Iraq, Russia, and Syria created an intelligence center.",
            "Iran, Iraq, Russia, and Syria created an intelligence center.",
        ),
    ],
)
def test_openers_that_lean_on_the_previous_sentence_are_cut(quote, readable):
    view = frame_of(quote)
    assert view.problem == ""
    assert quote[view.cut : view.end] == readable


def test_a_common_noun_in_a_list_is_not_blanked():
    article = build_article(
        "Hives were found with the queen, pupae and food stores left behind by the workers."
    )
    analysis = analyse(article)
    found = {a.entity.text: a.in_list for a in answers(article.text, analysis.sentences[0])}
    assert found.get("pupae") is True


def test_a_description_names_the_one_thing_of_its_kind_just_before_it():
    readable = _second_sentence_alone(
        "Congress passed the Pacific Railway Act, and President Abraham Lincoln signed it on "
        "July 1, 1862.\n\nThe law handed the work to two companies."
    )
    assert readable == "The Pacific Railway Act handed the work to two companies."


def test_a_bare_description_takes_the_fuller_name_given_just_before():
    readable = _second_sentence_alone(
        "In February 2003 Mayor Ken Livingstone introduced the congestion charge in central "
        "London. The charge has risen several times since then, reaching fifteen pounds in 2020."
    )
    assert readable.startswith("The congestion charge has risen several times")


def test_a_description_followed_by_its_own_name_is_left_as_written():
    view = _view(
        "Germany introduced the Rentenmark in November 1923. The finance minister, Hans Luther, "
        "cut public spending sharply in 1924.",
        index=1,
    )
    assert (view.replaced, view.replacement) == (0, "")


def test_it_never_points_back_to_an_indefinite_subject():
    readable = _second_sentence_alone(
        "A seismic retrofit programme began in 1997 and proceeded in phases, strengthening the "
        "anchorages so that the bridge could survive a major earthquake. It remains one of the "
        "most photographed structures on Earth."
    )
    assert not readable.startswith("A seismic retrofit programme")


def test_a_bare_description_takes_the_one_proper_name_of_its_kind():
    readable = _second_sentence_alone(
        "Water backed up behind the dam to form Lake Mead, named after Elwood Mead. "
        "The lake supplies water to millions of people in Nevada and Arizona."
    )
    assert readable.startswith("Lake Mead supplies water")


def test_two_names_of_the_kind_leave_the_description_as_written():
    readable = _second_sentence_alone(
        "Engineers compared the Golden Gate Bridge with the Bay Bridge in 1936. "
        "The bridge opened to pedestrians in May 1937."
    )
    assert readable.startswith("The bridge opened")


def test_time_counted_from_the_sentence_before_is_cut_with_or_without_a_comma():
    assert connector_length("Six years later Congress passed the Act.") == len("Six years later ")
    assert connector_length("The next day, crowds crossed it.") == len("The next day, ")
    assert connector_length("Two years later is too late.") == 0


def test_a_bare_count_as_subject_points_back_but_a_count_of_something_does_not():
    assert frame_of("Hundreds have attracted interest from mining companies.").problem == (
        "unresolved_reference"
    )
    assert frame_of("Thousands of people worked at Bletchley Park in 1944.").problem == ""


def test_a_sentence_whose_verb_is_the_attribution_is_not_cut_into_a_fragment():
    view = frame_of("Another analyst, Tomas Reyes of Harbour Point Securities, said on Monday.")
    assert view.problem == "attribution_only"


def test_they_never_points_back_to_a_bare_count():
    readable = _second_sentence_alone(
        "Hundreds of vent fields have been found since 1977. They have attracted interest "
        "from mining companies in Canada."
    )
    assert not readable.startswith("Hundreds")


def test_a_person_is_called_by_the_family_name_the_article_uses():
    readable = _second_sentence_alone(
        "The Han court sent an official named Zhang Qian west in 138 BCE. He was captured "
        "by the Xiongnu and held for ten years. Zhang escaped in the end."
    )
    assert readable.startswith("Zhang was captured")


def test_it_is_never_a_team_of_people():
    lander = _second_sentence_alone(
        "In that time the team operated all ten instruments of the Philae lander. It briefly "
        "woke up in June 2015 as the comet neared the Sun."
    )
    assert not lander.startswith("The team")


def test_of_several_names_of_the_kind_the_one_just_named_is_meant():
    view = _view(
        "Ethiopia began the Grand Ethiopian Renaissance Dam in 2011. It filled in 2020. Sudan "
        "gains steadier flows. Egypt relies on the river for water.\n\nEgypt opened the Aswan "
        "High Dam in 1971 with Soviet help. The dam holds back Lake Nasser, one of the largest "
        "artificial lakes.",
        index=5,
    )
    assert view.replacement == "The Aswan High Dam"


def test_the_description_never_takes_the_words_of_another_thing_introduced_with_a():
    view = _view(
        "A state appeals court on Tuesday reinstated the ban, overturning a lower court ruling. "
        "The panel found that the city acted within its authority. The ruling reverses a June "
        "2023 judgment by Judge Raymond Teller.",
        index=2,
    )
    assert "lower court" not in view.replacement


def test_the_council_is_never_a_campaign_group_named_before_it():
    view = _view(
        "The local branch of the campaign group Better Streets Millbridge welcomed the vote. "
        "The council said the road would stay open throughout construction.",
        index=1,
    )
    assert "Better Streets" not in view.replacement


def test_a_description_takes_the_name_the_article_introduced_as_one():
    view = _view(
        "In 1865 the company chartered the Great Eastern, the largest steamship of its day. "
        "Its hold carried 2,600 miles of cable from Valentia Island. The steamship sailed "
        "again in July 1866 under Captain James Anderson.",
        index=2,
    )
    assert view.replacement == "The Great Eastern"


def test_they_is_left_alone_when_the_sentence_before_names_other_things_it_could_be():
    readable = _second_sentence_alone(
        "The strongest displays usually follow coronal mass ejections, huge clouds of plasma "
        "thrown off by the Sun. They can reach Earth within one to three days."
    )
    assert not readable.startswith("The strongest displays")


def test_a_name_inside_a_longer_name_is_not_what_the_description_means():
    view = _view(
        "Wren and Hooke designed the Monument to the Great Fire, a Doric column completed in "
        "1677. An inscription was added in 1681. The column still stands near Pudding Lane.",
        index=2,
    )
    assert "Great Fire" not in view.replacement


def test_a_cleft_it_is_left_as_written():
    readable = _second_sentence_alone(
        "Thomas Young, the English polymath, made progress on the Demotic text in 1814. It was "
        "a young French scholar, Jean-Francois Champollion, who made the decisive breakthrough."
    )
    assert readable.startswith("It was a young French scholar")


def test_an_embedded_post_and_its_stamp_are_never_asked():
    article = build_article(
        "Callum Reid won the Calderbridge Marathon in 2:09:14 on Sunday. Drinks are on Callum. "
        "#CalderbridgeMarathon 11:16 AM · 6 Apr 2025 · 4,812 likes."
    )
    analysis = analyse(article)
    stamped = [s for s in analysis.sentences if "likes" in article.text[s.start : s.end]]
    assert stamped
    assert all(frame(analysis, s).problem == "social_post" for s in stamped)


@pytest.mark.parametrize(
    "quote",
    [
        "In February 2021 that assumption took a serious knock.",
        "The researchers have been careful about what such genomes can and cannot do.",
        "For Caldwell, that curiosity is the best part of baking.",
    ],
)
def test_a_demonstrative_the_tagger_misreads_is_still_a_reference(quote):
    assert frame_of(quote).problem == "unresolved_reference"


def test_that_after_a_verb_of_saying_is_not_a_demonstrative():
    assert frame_of("The board said that prices rose by 4 per cent in 2023.").problem == ""


def test_the_judge_is_never_the_title_before_the_judges_name():
    view = _view(
        "Passing sentence on Friday, His Honour Judge Peter Ashworth told Lytton he had traded "
        "on trust. The judge also disqualified Lytton from acting as a director for 12 years.",
        index=1,
    )
    assert "Honour" not in view.replacement


def test_the_council_is_left_alone_when_two_councils_are_named():
    view = _view(
        "Ashdale County Council will close six libraries in March. Fenby Parish Council has "
        "offered to run the village branch itself. The council sets its budget on 20 February.",
        index=2,
    )
    assert "Fenby" not in view.replacement


def test_she_is_not_the_other_person_when_the_article_is_about_her():
    article = build_article(
        "Katherine Johnson: the mathematician NASA trusted\n\n"
        "Katherine Johnson was born in 1918 in West Virginia. Johnson skipped several grades. "
        "At West Virginia State her professor was W. W. Schieffelin Claytor, a mathematician. "
        "She graduated in 1937 with degrees in mathematics and French. Johnson joined NACA in "
        "1953, and she worked there for 33 years."
    )
    analysis = analyse(article)
    graduated = next(s for s in analysis.sentences if "graduated" in article.text[s.start : s.end])
    view = frame(analysis, graduated)
    assert "W." not in view.replacement and "Claytor" not in view.replacement


def test_he_is_not_the_person_named_in_passing_while_a_he_goes_on():
    view = _view(
        "Anton Chekhov spent his last months insisting that he had written a comedy. When The "
        "Cherry Orchard opened in January 1904, in Konstantin Stanislavski's production, he "
        "complained that it had become a weepy drama. He died that July in Germany.",
        index=2,
    )
    assert "Stanislavski" not in view.replacement


def test_it_is_never_a_name_the_same_sentence_uses_again():
    readable = _second_sentence_alone(
        "In the final in Sydney on 20 August 2023, Spain beat England 1-0. It made Spain only "
        "the second nation, after Germany, to win both World Cups."
    )
    assert not readable.startswith("Spain made Spain")


def test_the_team_is_not_an_instrument_named_before():
    view = _view(
        "The galaxy was found with Webb's Near-Infrared Camera in January 2024. The team has "
        "said further observations should refine the redshift.",
        index=1,
    )
    assert "Camera" not in view.replacement


@pytest.mark.parametrize(
    "quote",
    [
        "In 1915 it became trapped in the Weddell Sea pack ice and drifted for ten months.",
        "In the United States, it reached 9.1 per cent in June 2022.",
        "By Thursday morning it had gathered more than 2,300 signatures.",
        "After releasing the capsule, it fired its engines and headed off on a new mission.",
        "After about 36 hours of walking, they staggered into the station at Stromness.",
    ],
)
def test_a_subject_pronoun_after_an_opening_phrase_points_before_the_sentence(quote):
    # held-out rounds 10-18: 18 such items, 2 usable as they stood
    assert frame_of(quote).problem == "unresolved_reference"


@pytest.mark.parametrize(
    "quote",
    [
        "Once succinate binds to a tuft cell, it triggers the release of interleukin-25.",
        "When the car was repaired, it ran well for years.",
        "In 1950 the company moved to Leeds, where it built a new factory.",
    ],
)
def test_a_subject_pronoun_after_a_clause_with_its_own_subject_has_its_antecedent(quote):
    assert frame_of(quote).problem == ""


def _answers_of(text: str) -> set[str]:
    article = build_article(text)
    analysis = analyse(article)
    return {a.display for info in analysis.sentences for a in answers(article.text, info)}


def test_one_everyday_word_is_not_a_blank_unless_the_sentence_defines_it():
    # held-out rounds 1-18: such blanks ("queues", "rubble") usable as-is 4 times in 47
    found = _answers_of(
        "Lenndale County Council has warned that queues are likely at the Fording roundabout. "
        "Webb can look inside the nurseries where stars and planets form. "
        "The spacecraft's arm sank into the rubble with little resistance."
    )
    assert "queues" not in found and "rubble" not in found
    assert "nurseries" in found


@pytest.mark.parametrize(
    "quote",
    [
        "The Astronomer Royal, Edmond Halley, sent him to the clockmaker George Graham.",
        "In 1980 President Jimmy Carter awarded her the Presidential Medal of Freedom.",
        "In 1772 King George III tested it privately at his observatory at Kew.",
        "The US Food and Drug Administration approved it for sickle-cell disease in 2023.",
    ],
)
def test_an_object_pronoun_is_never_the_subject_of_its_own_verb(quote):
    # held-out rounds 11-19: "him", "her" and "it" here point to someone the sentence never names
    assert frame_of(quote).problem == "unresolved_reference"


@pytest.mark.parametrize(
    "quote",
    [
        "Marie Curie met Pierre Curie in 1894 and married him a year later.",
        "John Harrison built a clock and tested it on a voyage in 1736.",
        "Halley told Graham about the clock, and Graham lent him money.",
        "In 2016 Westway withdrew its late-evening Friday sailing.",
    ],
)
def test_an_object_pronoun_with_someone_else_to_point_to_is_kept(quote):
    assert frame_of(quote).problem == ""


def _framed(text: str, index: int):
    article = build_article(text)
    analysis = analyse(article)
    info = analysis.sentences[index]
    view = frame(analysis, info)
    quote = article.text[info.start : info.end]
    readable = view.text(quote, view.cut, view.end)
    if view.replaced:
        readable = view.replacement + view.text(quote, view.cut + view.replaced, view.end)
    return view.problem, readable


def test_a_sentence_inside_a_quotation_opened_before_it_is_speech():
    # held-out round 20 (W): a speaker's prediction was asked as a fact
    problem, _ = _framed(
        'Dr Priya Ramnath said it would depend on the money. "What matters is whether residents '
        "see results. If the streets are cleaner in two years' time, the argument will be won. "
        'If the money vanishes, trust will go quickly."',
        2,
    )
    assert problem == "direct_speech"


def test_every_sentence_of_an_embedded_post_is_furniture():
    problem, _ = _framed(
        "Our Hearthly has been rebooting since 9pm. House is at 13 degrees, baby is 4 months old. "
        "Support line just rings out. #Hearthly— Lauren Pike (@laurenpike_) January 12, 2025",
        1,
    )
    assert problem == "social_post"


def test_they_is_not_resolved_when_the_sentence_before_names_two_such_groups():
    # held-out round 20 (W): "They" became "the northern groves" for what all groves favour
    problem, _ = _framed(
        "The northern groves are small and widely separated, while most of the largest groves "
        "lie further south. They favour deep, well-drained soils.",
        1,
    )
    assert problem == "unresolved_reference"


def test_a_description_the_sentence_before_also_used_is_not_the_name_it_mentions():
    # held-out round 20 (W): "The group" (an amphibian group) became Natural England
    problem, readable = _framed(
        "The group is also in talks with Natural England about taking spawn. The group has "
        "applied for lottery funding.",
        1,
    )
    assert problem == "" and readable.startswith("The group has applied")


def test_her_after_a_sentence_of_her_own_is_not_the_other_person_named_there():
    # held-out round 23 (W): "Her mature works" became "Mendelssohn's mature works"
    problem, readable = _framed(
        "Clara also composed. Her Piano Concerto, Op. 7, was premiered in 1835 with Felix "
        "Mendelssohn conducting. Her mature works include the Piano Trio in G minor, Op. 17, "
        "of 1846.",
        2,
    )
    assert "Mendelssohn" not in readable
    assert problem == "unresolved_reference"


def test_a_street_after_a_preposition_is_not_a_person():
    analysis = analyse(
        build_article(
            "Plans to build 340 homes on the former gasworks off Cinder Lane were approved. "
            "Nathan Lane starred in the play in 2001."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels["Cinder Lane"] == "FAC" and labels["Nathan Lane"] == "PERSON"


def test_he_is_not_the_title_person_when_the_sentence_before_names_someone_else():
    # held-out round 24 (W): "He saved from Hradek" became "Reid saved from Hradek" (the
    # headline's scorer); the goaltender named just before made the saves
    article = parse_article(
        b"Reid's overtime winner ends Falcons' 19-year wait\n\n"
        b"Reid scored twice in the first period. Reid was named man of the match. Reid said the "
        b"team had earned it. Overtime began with Kelsby on the front foot and Ashworth again "
        b"the busier goaltender. He saved from Hradek at close range after two minutes.",
        "hockey.txt",
    )
    analysis = analyse(article)
    info = next(s for s in analysis.sentences if "saved from" in article.text[s.start : s.end])
    view = frame(analysis, info)
    assert not view.replacement.startswith("Reid")


def test_her_is_not_the_title_person_when_the_sentence_before_has_another_subject():
    # held-out round 27 (W): "Her approach" became "Lindqvist's approach" (the winner the
    # article is about) although the sentence before was about Moore
    page = DATA / "heldout27" / "page_sport_report_haverstone_womens_open_golf_playoff.html"
    article = parse_article(page.read_bytes(), page.name)
    analysis = analyse(article)
    info = next(s for s in analysis.sentences if "Her approach" in article.text[s.start : s.end])
    assert not frame(analysis, info).replacement.startswith("Lindqvist")


def test_this_before_the_articles_own_subject_reads_as_the():
    # the seed article's "This axis, which includes Hamas, Hezbollah, …" was skipped as a
    # dangling demonstrative, though the title names the axis
    article = parse_article(
        b"How Moscow Is Partnering With the Axis of Resistance\n\n"
        b"Iran leads a loose coalition of armed groups. This axis, which includes Hamas, "
        b"Hezbollah and the Houthis, opposes Israel. This caution did not last.",
        "axis.txt",
    )
    analysis = analyse(article)
    views = {
        article.text[s.start : s.end].split()[1]: frame(analysis, s) for s in analysis.sentences
    }
    assert views["axis,"].problem == "" and views["axis,"].replacement == "The"
    assert views["caution"].problem == "unresolved_reference"


def test_this_before_a_verb_is_never_read_as_the():
    # held-out round 33 (E): "This is why tinnitus …" in "What tinnitus is …" became "The is why"
    article = parse_article(
        b"What tinnitus is and why it happens\n\n"
        b"Damaged hair cells send less signal to the brain. This is why tinnitus is so closely "
        b"tied to hearing loss.",
        "tinnitus.txt",
    )
    analysis = analyse(article)
    view = frame(analysis, analysis.sentences[-1])
    assert view.replacement != "The" and view.problem == "unresolved_reference"


def test_a_description_with_an_aside_takes_the_name_of_its_kind_joined_by_and():
    # held-out round 29 (E): "The canal, completed in 1777, …" left the Trent and Mersey Canal
    # unnamed: the aside was read as saying which canal, and "and" broke the name
    problem, readable = _framed(
        "Wedgwood became one of the leading promoters of the Trent and Mersey Canal, engineered "
        "by James Brindley. The canal, completed in 1777, linked the Potteries to Liverpool.",
        1,
    )
    assert problem == ""
    assert readable.startswith("The Trent and Mersey Canal, completed in 1777")


def test_a_description_that_says_which_one_it_is_is_left_as_written():
    problem, readable = _framed(
        "Wedgwood promoted the Trent and Mersey Canal in 1766. The canal to Hull was dug later.",
        1,
    )
    assert readable.startswith("The canal to Hull")


def test_it_is_never_a_person_named_in_an_apposition():
    # held-out round 30 (rated R, a wrong statement): "It was displayed in Bullock's museum"
    # became "The local lord was displayed …"; the specimen was
    problem, readable = _framed(
        "The local lord of the manor, Henry Hoste Henley, bought the specimen for about £23. "
        "It was displayed in William Bullock's museum in Piccadilly, London, and in 1819 was "
        "sold to the British Museum.",
        1,
    )
    assert "lord" not in readable
    assert problem == "unresolved_reference"


def test_a_name_after_a_phrase_of_its_own_is_not_bound_into_it():
    # held-out round 30 (R): "in summer United States would be two hours behind": the options
    # lost their "the" as if "summer" bound the name like "the Yemeni ____"
    analysis = analyse(
        build_article(
            "In summer Britain would be two hours behind most of continental Europe. "
            "The Yemeni Houthis attacked ships in the Red Sea."
        )
    )
    text = analysis.article.text
    found = {a.display: a for info in analysis.sentences for a in answers(text, info)}
    assert not found["Britain"].embedded
    assert found["Houthis"].embedded


def test_a_name_after_a_or_an_is_a_thing_not_a_person():
    # held-out round 30 (R): "a parked Vauxhall Corsa" was read as a person, and a false
    # statement swapped in a resident: "a parked Gwen Pilkington slid partly into it"
    analysis = analyse(
        build_article(
            "Nobody was hurt, but a parked Vauxhall Corsa slid partly into it. "
            "Gwen Pilkington, who runs the cafe, said it was frightening."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels["Vauxhall Corsa"] != "PERSON" and labels["Gwen Pilkington"] == "PERSON"


def test_a_paragraph_that_ends_in_hashtags_is_an_embedded_post():
    # held-out round 31 (R): a gallery's Instagram post, read without its stamp, gave
    # "Opening to the public on ____. EdithCalloway SaltAndSlate."
    problem, _ = _framed(
        "Our conservation team spent 14 months preparing the paintings for Salt and Slate. "
        "Opening to the public on Saturday 8 March. #EdithCalloway #SaltAndSlate",
        1,
    )
    assert problem == "social_post"
    problem, _ = _framed(
        "The club was founded in 1887. It adopted the #1 shirt for its captain in 1921.", 1
    )
    assert problem != "social_post"


def test_a_name_after_at_is_a_place_not_a_person():
    # held-out round 31 (E): "Scarsby Top" (a summit) was a choice among the drivers' names
    analysis = analyse(
        build_article(
            "The 36 climbs to 410 metres above sea level at Scarsby Top and covers 26 miles. "
            "Neil Carver, a driver for 20 years, said the heaters drain the batteries."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels["Scarsby Top"] != "PERSON" and labels["Neil Carver"] == "PERSON"


def test_a_brand_after_its_and_a_horse_at_its_odds_are_not_people():
    # held-out round 33 (R): false statements swapped a person in for a cider ("best known for
    # its Ms Okafor … ciders") and a trainer for a horse ("Tom Ferrabee took second")
    analysis = analyse(
        build_article(
            "Brockhurst, best known for its Kingfisher Dry cider, produced 11 million litres. "
            "Kilbride Abbey (7-1) took second, with Morning Tattoo (12-1) in third. "
            "For the trainer, Philippa Marchant, it was a relief."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert "PERSON" not in {labels["Kingfisher Dry"], labels["Kilbride Abbey"]}
    assert labels["Morning Tattoo"] != "PERSON" and labels["Philippa Marchant"] == "PERSON"


def test_a_firm_ending_in_llp_is_an_organisation():
    # held-out round 34 (R): the council's auditors "Mallinson Grey LLP" were read as a person,
    # given councillors as options and "LLP" as an accepted answer
    analysis = analyse(
        build_article(
            "The report was written by the council's external auditors, Mallinson Grey LLP, "
            "in March. Councillor Janet Oduya said the findings were damning."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels["Mallinson Grey LLP"] == "ORG"


def test_the_company_in_a_story_about_another_company_is_left_as_written():
    # held-out round 35 (W): "The company was founded in 1986 by Ellis Quire" became "Harrowgate
    # Capital was founded …" (its private-equity owner, named just before); it was Quireford
    article = parse_article(
        b"Quireford Books shares rise on stock market debut\n\n"
        b"Quireford Books rose 6.1% on its first day of trading. Harrowgate Capital, the private "
        b"equity firm that bought the chain in 2019, sold shares worth about 52 million pounds."
        b"\n\nThe company was founded in 1986 by Ellis Quire, a former librarian.",
        "quireford.txt",
    )
    analysis = analyse(article)
    view = frame(analysis, analysis.sentences[-1])
    assert "Harrowgate" not in view.replacement


def test_a_description_followed_by_its_name_and_a_place_before_a_title_are_not_resolved():
    # held-out round 35 (R): "The chemist John Cornforth reportedly said …" became "Sudan ____
    # reportedly said …": "On a trip to Sudan, the chemist A. F. Joseph …" made Sudan a chemist
    problem, readable = _framed(
        "On a trip to Sudan, the chemist A. F. Joseph showed her how to pan for minerals. "
        "The chemist John Cornforth reportedly said he would give up chemistry.",
        1,
    )
    assert readable.startswith("The chemist John Cornforth")


def test_it_after_a_company_and_the_thing_it_made_is_left_unresolved():
    # held-out round 35 (E): "It was 1.8 m tall" became "Raytheon was 1.8 m tall" (the oven was)
    problem, readable = _framed(
        "In 1947 Raytheon launched the first commercial microwave oven. It was 1.8 m tall and "
        "weighed 340 kg.",
        1,
    )
    assert not readable.startswith("Raytheon")


def test_a_saints_church_and_a_housing_estate_are_not_people():
    # held-out round 35 (R): "The parochial church council of Brian Stallard's voted …" and a
    # housing estate offered among residents' names
    analysis = analyse(
        build_article(
            "The parochial church council of St Botolph's voted by seven votes to four. "
            "Complaints came from three households on Larkfield Meadows, a 320-home estate. "
            "Brian Stallard, a bell ringer, said he was sad."
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels.get("St Botolph's", labels.get("St Botolph")) != "PERSON"
    assert labels["Larkfield Meadows"] != "PERSON" and labels["Brian Stallard"] == "PERSON"


BIOGRAPHY = (
    b"Dorothy Hodgkin: the chemist who saw molecules\n\n"
    b"Dorothy Hodgkin was born in Cairo in 1910. As a child Dorothy Hodgkin grew crystals. "
    b"Her teachers saw that Dorothy Hodgkin loved chemistry. "
    b"She read chemistry at Oxford. In 1928 she went up to Somerville College, Oxford. "
    b"She worked with John Desmond Bernal in Cambridge. Bernal was a brilliant physicist. "
    b"In 1934 she returned to Somerville as a research fellow. Hodgkin won the Nobel Prize in "
    b"1964. In 1937 he married Dorothy. She died in 1994."
)


def test_she_after_an_opening_phrase_is_the_person_the_article_is_about():
    # held-out round 35: a biography of 975 words gave 10 items; 33 of its sentences were
    # skipped as pointing back, most of them "In 1928 she went up to …"
    article = parse_article(BIOGRAPHY, "hodgkin.txt")
    analysis = analyse(article)
    readable = {}
    for info in analysis.sentences:
        view = frame(analysis, info)
        quote = article.text[info.start : info.end]
        readable[quote.split(" she ")[0].split(" he ")[0]] = view.problem or view.text(
            quote, view.cut, view.end
        )
    assert readable["In 1928"] == "In 1928 Hodgkin went up to Somerville College, Oxford."
    # the sentence before names Bernal: "she" is left alone, and "he" is never Hodgkin
    assert readable["In 1934"] == "unresolved_reference"
    assert readable["In 1937"] == "unresolved_reference"


def test_a_name_written_in_for_she_reaches_the_cloze_but_no_word_for_word_statement():
    article = parse_article(BIOGRAPHY, "hodgkin.txt")
    items = [i for i in generate(article, count=40).items if "Somerville College" in i.prompt]
    assert items and all("Hodgkin went up" in i.prompt for i in items)
    assert not any(i.type in ("true_false", "short_answer") for i in items)


def test_it_is_not_a_name_that_only_borrows_the_articles_subject():
    # held-out round 36 (W): "It is a familiar emblem in Iceland" became "Project Puffin is a
    # familiar emblem …" in an article on the Atlantic puffin
    article = parse_article(
        b"Atlantic puffin\n\n"
        b"The Atlantic puffin breeds on the coasts of the North Atlantic. Project Puffin began "
        b"restoring colonies in Maine in 1973. It is a familiar emblem in Iceland and Norway.",
        "puffin.txt",
    )
    analysis = analyse(article)
    view = frame(analysis, analysis.sentences[-1])
    assert "Project" not in view.replacement


def test_their_is_the_one_named_group_of_the_sentence_before():
    # the seed article: "Russia hosted their representatives at its foreign ministry" after
    # "… helping the Houthis" was skipped as pointing back
    problem, readable = _framed(
        "As a result, Moscow has not been bashful about helping the Houthis. Russia hosted their "
        "representatives at its foreign ministry in late January.",
        1,
    )
    assert problem == ""
    assert readable.startswith("Russia hosted the Houthis' representatives")
    problem, _ = _framed(
        "Moscow sent advisers to the Houthis and Hezbollah. Russia hosted their representatives "
        "in January.",
        1,
    )
    assert problem == "unresolved_reference"


def test_round_38_options_cuts_cast_stops_and_giveaways():
    # held-out round 38: options "the Spain", "the Portugal"; a prompt cut to "____, often held
    # up as the world's most cashless economy."; "around £4.3m." with its full stop;
    # "Antihistamine tablets block ____" (histamine)
    cash = DATA / "heldout38" / "analysis_right_to_pay_in_cash.txt"
    items = generate(parse_article(cash.read_bytes(), cash.name)).items
    assert not any(
        re.search(r"\bthe (?:Spain|Portugal|Sweden|Albania)\b", c) for i in items for c in i.choices
    )
    assert not any(i.prompt.startswith("____, often held up") for i in items)
    page = DATA / "heldout38" / "page_consumer_news_brightharbour_holiday_parks_hidden_fees.html"
    items = generate(parse_article(page.read_bytes(), page.name)).items
    assert not any(i.answer.endswith(".") for i in items)
    quote = "Antihistamine tablets block histamine, the chemical released in the allergic reaction."
    start = quote.index("histamine,")
    view = frame_of(quote)
    assert blank_problem(quote, view, start, start + 9, set(), "k", "TERM") == "answer_given_away"


def test_a_plural_before_a_noun_is_no_part_of_its_term():
    # held-out round 43: "in popular ____ have an incentive" (areas landlords), a missing comma
    text = (
        "A flat rented to tourists can earn its owner far more than a long-term tenancy, so in "
        "popular areas landlords have an incentive to switch."
    )
    found = {
        a.display for info in analyse(build_article(text)).sentences for a in answers(text, info)
    }
    assert "areas landlords" not in found


def test_a_bare_number_as_the_subject_points_back():
    # held-out round 44: "____ were lodged" from "More than 7,000 were lodged, ranging from …"
    bare = _view(
        "Claims poured in after the flood. More than 7,000 were lodged, ranging from the loss "
        "of a husband's wages to a single spoon.",
        1,
    )
    named = _view(
        "Claims poured in after the flood. More than 7,000 claims were lodged, ranging from "
        "the loss of a husband's wages to a single spoon.",
        1,
    )
    assert bare.problem == "unresolved_reference"
    assert named.problem == ""


def test_a_court_participle_is_no_part_of_a_name():
    quote = "Defending Coulthwaite, Rebecca Lanyon said her client had drifted into dishonesty."
    view = frame_of(quote)
    end = len("Defending Coulthwaite")
    assert blank_problem(quote, view, 0, end, set(), "k", "PERSON") == "ragged_answer"


@pytest.mark.parametrize(
    ("quote", "answer", "label", "problem"),
    [
        (  # held-out round 46: the day left outside the blank, and a phone number
            "At about eleven o'clock on the morning of 7 November 1940, the main span twisted.",
            "November 1940",
            "DATE",
            "ragged_date",
        ),
        (
            "Residents can report potholes by calling the highways line on 0300 555 0192.",
            "0300 555 0192",
            "CARDINAL",
            "contact_detail",
        ),
    ],
)
def test_round_46_blanks_are_refused(quote, answer, label, problem):
    start = quote.index(answer)
    view = frame_of(quote)
    assert blank_problem(quote, view, start, start + len(answer), set(), "k", label) == problem


def test_a_listings_box_is_not_a_fact_to_ask():
    # held-out round 46: "The Wakes Cycle is at Holloway Quarry, ____, until 21 June" and
    # "Running time about 2 hours 25 minutes including interval."
    listing = "The Wakes Cycle is at Holloway Quarry, Scarrowdale, until 21 June, at 7pm."
    assert frame_of(listing).problem == "listings"
    running = "Running time about 2 hours 25 minutes including interval."
    assert frame_of(running).problem == "listings"
    assert frame_of("The quarry is at the edge of the town.").problem == ""


def test_a_term_is_never_cut_inside_its_own_phrase():
    text = "Some blocks are rich in the amino acid alanine, which packs into tight crystals."
    found = {
        a.display for info in analyse(build_article(text)).sentences for a in answers(text, info)
    }
    assert "acid alanine" not in found


def test_instead_of_keeps_its_instead():
    # held-out round 46: "Of rising and falling, the deck began to twist …"
    text = (
        "The bridge was new. Instead of rising and falling, the deck began to twist about its "
        "centre line, one side rising as the other fell, with the roadway tilting by as much as "
        "28 degrees."
    )
    analysis = analyse(build_article(text))
    info = analysis.sentences[-1]
    quote = analysis.article.text[info.start : info.end]
    at = quote.index("28 degrees")
    start, _end = clause_span(info, quote, at, at + 10)
    assert not quote[start:].startswith("of rising")


def test_round_48_references_left_alone():
    # held-out round 48: "Her sideways launch" became Russell's (the ship's, she), "They sit
    # third" became "Glenbrae's celebrations", and "The plan" the council named after a title
    # that ended "… the district's local plan"
    ship = _view(
        "The Great Eastern, designed with the builder John Scott Russell, was 692 feet long. "
        "Her sideways launch at Millwall in November 1857 jammed on the slipway.",
        1,
    )
    assert "Russell" not in ship.replacement
    team = _view(
        "Glenbrae's celebrations will go on late into the night. They sit third in the North "
        "Division, four points behind the leaders.",
        1,
    )
    assert "celebrations" not in team.replacement
    article = parse_article(
        b"Council loses majority before vote on the district's local plan\n\n"
        b"Ashenford District Council's Conservative administration has lost its majority. "
        b"Members will vote on the draft plan on 26 March. The plan sets out where about 10,400 "
        b"homes should be built.",
        "plan.txt",
    )
    analysis = analyse(article)
    view = frame(analysis, analysis.sentences[-1])
    assert "Council" not in view.replacement


def test_round_49_contact_details_and_titles():
    # held-out round 49: a phone number's last digits, its area code and a sentence that gives
    # one were asked; "He pointed to …" became "Cllr pointed to …"
    quote = "Residents can report dumped waste on the website or by calling 01632 960 772."
    view = frame_of(quote)
    assert view.problem == "contact_detail"
    plain = "Residents can contact the council's building control team on 01632 960 418."
    assert frame_of(plain).problem == "contact_detail"
    assert frame_of("The bridge carries 12,000 vehicles a day.").problem == ""
    named = _second_sentence_alone(
        "Cllr Dev Pattani, the Liberal Democrat member for Westholme, questioned the delay. "
        "He pointed to a 2023 inspection report published on the council's website."
    )
    assert not named.startswith("Cllr pointed")


def test_round_50_wrong_keys_are_not_made_again():
    # held-out round 50 (W x3): "It had taken fourteen years" written as Brooklyn (one of two
    # joined subjects, the bridge their agent); the film scene the article opens with offered
    # as a true fact; "centimetre" accepted for "cubic centimetre"
    bridge = _view(
        "Brooklyn, then the third-largest city in the United States, and New York, its larger "
        "neighbour, were linked by a suspension bridge. It had taken fourteen years to build.",
        1,
    )
    assert bridge.problem == "unresolved_reference" or "Brooklyn" not in bridge.replacement
    article = build_article(
        "Quicksand\n\nFor much of the twentieth century, quicksand was a reliable villain in "
        "popular film. A character strays off the path, the ground gives way, and within a "
        "minute only a hat is left floating on the surface.\n\nA person who steps into quicksand "
        "sinks only to the waist."
    )
    analysis = analyse(article)
    assert frame(analysis, analysis.sentences[1]).problem == "opening_scene"
    assert frame(analysis, analysis.sentences[2]).problem != "opening_scene"
    assert one_word_of_a_term("two grams per cubic centimetre", ["cubic", "centimetre"]) == []


def test_round_51_descriptions_stay_as_written():
    # held-out round 51 (W): "The road crosses Sten Meadows" became "The Hatherley Road …" (a
    # junction the bypass meets); "The company confirmed" became a town listed just before
    road = _view(
        "The 4.3-mile road links the A1086 at Corby Moor with the Hatherley Road junction south "
        "of the town. The road crosses the edge of Sten Meadows, a flood meadow.",
        1,
    )
    assert "Hatherley" not in road.replacement
    company = _view(
        "Kindlebrook Water has apologised to households in Harnley, Pellow Bridge and Stainmoor "
        "after a billing fault. The company confirmed on Thursday that 8,412 customers received "
        "inflated bills.",
        1,
    )
    assert "Stainmoor" not in company.replacement


def test_round_53_names_and_hedges_stay_whole():
    # held-out round 53: "The railway opened …" became "Manchester Railway opened …" (the
    # tagger's half of "the Liverpool and Manchester Railway"), and "Nearly a thousand years
    # later" lost its "Nearly" as if it were a connector
    railway = _view(
        "The Liverpool and Manchester Railway, authorised in 1826, was a far greater test. In "
        "October 1829 the directors held a competition at Rainhill. The railway opened on 15 "
        "September 1830.",
        2,
    )
    assert railway.replacement == "The Liverpool and Manchester Railway"
    path = DATA / "heldout53" / "geography_strait_of_gibraltar.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    fleet = [item for item in items if "Anglo-Dutch fleet" in item.prompt]
    assert fleet
    assert not any(item.prompt.startswith("A thousand years") for item in fleet)


def test_round_54_listings_plurals_and_clauses():
    # held-out round 54: a review's closing listings line asked as a fact, "albatrosses"
    # blanked in an article on the albatross, and a prompt cut before its own main verb
    assert _view("Aladdin runs at the Sedgecombe Lyceum until Sunday 4 January.", 0).problem == (
        "listings"
    )
    path = DATA / "heldout54" / "encyclopedia_wandering_albatross.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    assert not any(item.answer.lower() == "albatrosses" for item in items)
    path = DATA / "heldout54" / "sport_report_tarrenbury_otters_water_polo_cup_final_shootout.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    goals = [item for item in items if item.quote.startswith("Two goals from left-hander")]
    assert all("helped" in item.prompt for item in goals)


def _items_of(path):
    return generate(parse_article(path.read_bytes(), path.name)).items


def test_rounds_55_56_wrong_keys_are_not_made_again():
    # held-out rounds 55-56 (W): "It" written as "The pulse" and "The heart" (a common noun the
    # article is not about), "He" as "Sophia" (Justinian named last), "The cliffs" as "the
    # Amphitheatre", "Eastern Cape" accepted for the "Cape" of Cape vultures, and false
    # statements that swapped a place ("larger than Italy's" is true) or a team for a player
    prompts = []
    for folder, name in [
        ("heldout56", "health_explainer_atrial_fibrillation.txt"),
        ("heldout56", "arts_review_tamsin_kerrow_lantern_hours_album.txt"),
        ("heldout55", "encyclopedia_hagia_sophia.txt"),
        ("heldout56", "geography_drakensberg.txt"),
        ("heldout55", "page_sport_report_scarbeck_wolves_challenge_shield_final.html"),
        ("heldout55", "economics_explainer_gross_domestic_product.txt"),
        ("heldout55", "history_r101_airship_disaster.txt"),
    ]:
        items = _items_of(DATA / folder / name)
        prompts += [re.sub(r"^Hagia Sophia: ", "", item.prompt) for item in items]
        for item in items:
            if item.type == "true_false" and item.answer == "False":
                assert not {"country", "place"} & set(item.tags), item.prompt
            if item.answer == "Cape":
                assert "Eastern Cape" not in item.accepted
    wrong = ("The pulse is", "The heart begins", "Sophia gave", "The Amphitheatre shelter")
    assert not [p for p in prompts if p.startswith(wrong)]
    assert not [p for p in prompts if p.startswith(("Nephew of", "Josh Adeyemi, who finished"))]
    assert not [p for p in prompts if "government of Hagia Sophia" in p]
    assert any(p.startswith("Isidore the Younger") for p in prompts)


def test_round_57_wrong_keys_are_not_made_again():
    # held-out round 57 (W): "The centre" written as "Dr Anjali Mistry" (introduced as "the
    # centre's clinical director"), "she" as the headline's scorer rather than the captain named
    # just before, Peru among the options for "the Americas"; and a street swapped for a person
    folder = DATA / "heldout57"
    clinic = _items_of(folder / "page_health_news_penmarsh_diagnostic_centre_department_store.html")
    assert not [
        i for i in clinic if i.prompt.startswith("Dr Anjali Mistry") and "needs" in i.prompt
    ]
    assert not [i for i in clinic if "Mistry opens" in i.prompt]
    rugby = _items_of(folder / "page_sport_report_holmcastle_womens_rugby_county_cup_final.html")
    assert not [i for i in rugby if "Okafor spotted" in i.prompt]
    path = folder / "history_inca_empire.txt"
    inca = analyse(parse_article(path.read_bytes(), path.name))
    forms = {e.text: e.form for e in inca.entities}
    continents = pick("Americas", "GPE:country", inca, forms, random.Random(1))
    assert len(continents) == 3 and set(continents) <= set(CONTINENTS)
    assert not set(pick("Peru", "GPE:country", inca, forms, random.Random(1))) & set(CONTINENTS)
    streets = _items_of(folder / "page_local_news_haddleston_brickworks_estate_street_names.html")
    assert not [i for i in streets if "after Mulberry Way" in i.prompt]


def test_round_58_a_piece_of_music_and_a_leftover_either_way():
    text = (
        "The evening opened with Greythorpe Jubilee, the march written for the band's "
        "centenary. Vasey conducted. Marsh played. Athey sang. Greythorpe Jubilee was loud."
    )
    assert not reads_as_person("Greythorpe Jubilee", text)
    assert reads_as_person("Harold Beckett", text + " Harold Beckett, the conductor, bowed.")
    assert connector_length("Either way, the pattern is the same.") == len("Either way, ")


def test_round_60_wrong_keys_are_not_made_again():
    # held-out rounds 59-60 (W): "The lake" written as Lake Baikal (named last, in an article
    # on Lake Tanganyika), "It" as Galle (typed a place there, a person elsewhere), a parish
    # council accepted for its village, and the builders among a councillor's options
    lake = _items_of(DATA / "heldout60" / "geography_lake_tanganyika.txt")
    assert not [i for i in lake if "Baikal exists" in i.prompt]
    neptune = _items_of(DATA / "heldout60" / "history_discovery_of_neptune.txt")
    assert not [i for i in neptune if i.prompt.startswith("Galle lay")]
    name = "page_politics_news_ollerbridge_councillor_six_month_rule_by_election.html"
    council = _items_of(DATA / "heldout59" / name)
    assert not [i for i in council if "Hatherwick Parish Council" in i.accepted]
    assert not reads_as_person("Penwithy Marine", "the builders, Penwithy Marine of Hallport")
