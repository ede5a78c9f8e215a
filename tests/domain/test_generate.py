"""Generation: determinism, item invariants, the JSON contract, arbitrary input and the CLI."""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.domain.items import CLOZE_BLANK, QuizItem
from quizapp.generation.accepted import accepted_answers
from quizapp.generation.analyse import analyse
from quizapp.generation.distractors import pick, surface_forms
from quizapp.generation.gate import hard_failures
from quizapp.generation.pipeline import (
    _topic_keys,
    default_count,
    generate,
    result_to_contract,
)
from quizapp.generation.segment import ArticleError, parse_article
from quizapp.generation.select import answers
from tests.domain.gold import DATA


@pytest.fixture(scope="module")
def seed_article():
    return parse_article((DATA / "seed_article.txt").read_bytes(), "axis.txt")


@pytest.fixture(scope="module")
def seed_result(seed_article):
    return generate(seed_article, seed=7)


def test_default_count_scales_with_length():
    assert default_count(100) == 10
    assert default_count(2109) == 105
    assert default_count(100_000) == 150


def test_same_article_and_seed_give_the_same_items(seed_article, seed_result):
    again = generate(seed_article, seed=7)
    assert [i.to_contract() for i in again.items] == [i.to_contract() for i in seed_result.items]
    other = generate(seed_article, seed=8)
    assert [i.to_contract() for i in other.items] != [i.to_contract() for i in seed_result.items]


def test_items_are_grounded_and_well_formed(seed_article, seed_result):
    text = seed_article.text
    keys = [item.key for item in seed_result.items]
    # at most the default count, and one item per sentence that has a good candidate
    assert len(keys) == len(set(keys)) <= default_count(seed_article.words)
    assert len(keys) >= 0.6 * default_count(seed_article.words)
    assert len({item.source_start for item in seed_result.items}) == len(keys)
    for item in seed_result.items:
        assert text[item.source_start : item.source_end] == item.quote
        assert item.explanation.endswith(".") and item.answer in item.explanation
        assert item.topic
        if item.type == "cloze":
            assert CLOZE_BLANK in item.prompt
        if item.type == "mcq":
            assert len(item.choices) == 4 and item.choices.count(item.answer) == 1
        if item.type == "true_false":
            assert item.answer in ("True", "False")
        if item.type == "short_answer":
            assert item.prompt.endswith("?")


def test_argument_items_ask_about_the_authors_case(seed_result):
    arguments = [item for item in seed_result.items if item.kind == "argument"]
    assert len(arguments) >= 8
    prompts = " ".join(item.prompt for item in arguments)
    assert "According to the author, what" in prompts
    # "why" items whose options are other sentences' reasons were rejected in every blind
    # rating (tests/data/ratings); the author's reasons are asked as true statements instead
    assert "According to the author, why" not in prompts
    claims = [i for i in arguments if i.type == "true_false" and i.prompt.startswith("According")]
    assert claims and all(item.answer == "True" for item in claims)


def test_recommendation_questions_are_distinct_and_options_are_whole_phrases(seed_article):
    result = generate(seed_article, seed=0, count=150)
    offered = {
        d.subject
        for d in result.trace
        if d.stage == "rank" and d.subject.startswith("According to the author, what")
    }
    assert len(offered) >= 4  # one per recommending sentence, none asked twice
    recommendations = [i for i in result.items if "recommendation" in i.tags and i.type == "mcq"]
    prompts = [i.prompt for i in recommendations]
    assert len(prompts) == len(set(prompts)) >= 3
    # "It must also try harder to calm tensions…" continues "The United States must…"
    follow_up = [p for p in prompts if "what else must the United States do, besides" in p]
    assert follow_up
    for item in recommendations:
        # the wrong options are Russia's aims, and the feedback says so
        assert item.explanation.endswith(
            ("come from what Russia wants.", "come from what the Kremlin wants.")
        )
        assert "cut down to size" not in item.choices  # object lost in "…which both want to…"
        assert all(len(choice.split()) >= 3 for choice in item.choices)


def test_false_statements_are_not_in_the_article(seed_article, seed_result):
    falses = [i for i in seed_result.items if i.type == "true_false" and i.answer == "False"]
    assert falses
    flat = " ".join(seed_article.text.split()).lower()
    for item in falses:
        statement = item.prompt.removeprefix("According to the author, ").rstrip(".").lower()
        assert statement not in flat


def test_explicit_count_and_contract(seed_article):
    result = generate(seed_article, count=12, seed=1)
    assert len(result.items) == 12
    assert result.candidates > 12 and result.rejected
    document = result_to_contract(result)
    assert document["format"] == "quizapp-items/1"
    assert document["article"] == {
        "title": seed_article.title,
        "sha256": seed_article.sha256,
        "words": 2109,
    }
    round_trip = [QuizItem.from_contract(d) for d in json.loads(json.dumps(document))["items"]]
    assert [i.key for i in round_trip] == [i.key for i in result.items]
    assert all(
        set(d) >= {"id", "type", "kind", "prompt", "answer", "source"} for d in document["items"]
    )


def test_progress_is_reported(seed_article):
    seen = []
    generate(seed_article, count=5, progress=lambda fraction, message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.text(min_size=0, max_size=600)
    | st.lists(
        st.sampled_from(
            [
                "Russia",
                "Moscow",
                "in 2015",
                "the United States",
                "Hamas",
                "said",
                "that",
                ".",
                ",",
                "\n",
                "\n\n",
                "must",
                "because",
                "Iran",
                "attacked",
                "ÉCOLE",
                "42",
                "’",
                "—",
            ]
        ),
        max_size=120,
    ).map(" ".join)
)
def test_arbitrary_text_raises_only_article_error_and_items_pass_gates(raw):
    try:
        article = parse_article(raw, "fuzz.txt")
        result = generate(article, seed=3)
    except ArticleError as error:
        assert "\n" not in str(error)
        return
    forms = surface_forms(analyse(article))
    for item in result.items:
        assert hard_failures(item, article, forms) == []


def test_cli_writes_json_and_report(runner, tmp_path):
    out = tmp_path / "items.json"
    result = runner.invoke(
        args=[
            "generate",
            str(DATA / "history_hansa.txt"),
            "--out",
            str(out),
            "--count",
            "8",
            "--seed",
            "2",
            "--report",
        ]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "quizapp-items/1" and len(document["items"]) == 8
    assert "dropped by reason" in result.stderr
    assert "[realise] made: cloze" in result.stderr and "[rank] kept" in result.stderr


def test_cli_stdout_and_progress_for_long_articles(runner, tmp_path):
    long = tmp_path / "long.txt"
    body = (DATA / "history_hansa.txt").read_text(encoding="utf-8")
    long.write_text("\n\n".join([body] * 8), encoding="utf-8")
    result = runner.invoke(args=["generate", str(long), "--count", "5"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["format"] == "quizapp-items/1"
    assert "%]" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\xff\xfe\x00bad", "binary"), (b"\xc3\x28 broken", "not UTF-8")],
)
def test_cli_bad_input_exits_2_with_one_line(runner, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(args=["generate", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_argument_questions_lowercase_only_common_sentence_openers():
    from quizapp.generation.arguments import lower_first

    text = (DATA / "history_hansa.txt").read_text(encoding="utf-8")
    assert lower_first("Salted herring was valuable", text) == "salted herring was valuable"
    assert lower_first("Historians argue", text) == "historians argue"
    assert lower_first("German merchants agreed", text) == "German merchants agreed"
    assert lower_first("Duke Henry the Lion refounded", text) == "Duke Henry the Lion refounded"
    assert lower_first("Lübeck grew", text) == "Lübeck grew"  # capitalised inside sentences too
    assert lower_first("Finally, Washington should act", text) == "Washington should act"
    assert lower_first("However, the league acted slowly", text) == "the league acted slowly"


def test_a_claim_someone_else_makes_is_not_the_authors():
    article = parse_article(
        (
            b"Retail after the holidays\n\n"
            b"Home Depot reported higher sales in the third quarter of 2019. Wells Fargo analyst "
            b"Zachary Fadem points out that investors should buy the shares before the spring. "
            b"Shoppers spent more on tools and garden supplies than a year earlier. Towns must "
            b"repair their roads before the spring floods arrive in March. Cities should plant "
            b"more trees along their busiest streets to cool them in summer."
        ),
        "retail.txt",
    )
    items = generate(article, count=20).items
    authors = [i for i in items if i.prompt.startswith("According to the author")]
    assert all("Fadem" not in i.quote for i in authors)
    assert any("roads" in i.quote or "trees" in i.quote for i in authors)


def test_the_person_an_article_is_about_is_not_a_blank_under_any_form_of_the_name():
    article = parse_article(
        b"A forgotten writer\n\n"
        b"The Dragon Waiting was written by John M. Ford. Ford won the World Fantasy Award for "
        b"it in 1984. Ford grew up in Indiana and moved to Minneapolis in the 1980s. Ford "
        b"wrote two Star Trek novels for Pocket Books. Ford died in Minneapolis in 2006. "
        b"Tor Books reissued The Dragon Waiting in 2024 after a long dispute.",
        "ford.txt",
    )
    items = generate(article, count=20).items
    assert items
    assert not [i for i in items if "Ford" in i.answer]


def test_accepted_answers_cover_full_names_dates_initials_and_bare_numbers():
    article = parse_article(
        b"The sinking\n\n"
        b"The Titanic left Southampton on 10 April 1912 with Jack Phillips in the wireless room. "
        b"The World Health Organization later studied cold-water survival in detail. "
        b"Phillips sent distress calls until the power failed in the early morning. "
        b"In all, more than 1,500 people died and only about 710 survived the night. "
        b"The Boston Marathon was first run in April 1897.",
        "titanic.txt",
    )
    analysis = analyse(article)
    entities = {e.text: e for e in analysis.entities}

    def accepted(text: str, entity: str = "") -> list[str]:
        return accepted_answers(analysis, text, entities[entity or text])

    assert "April 10, 1912" in accepted("10 April 1912")
    # rounds 75-76: a full date's day and month alone leave its year untested
    assert not {"10 April", "April 10"} & set(accepted("10 April 1912"))
    # held-out rounds 53-62: raters marked "1781" and "May 2007" right for a full date
    assert {"1912", "April 1912"} <= set(accepted("10 April 1912"))
    assert "10" not in accepted("10 April 1912")  # nor the day
    assert "1897" in accepted("April 1897")  # but it is the answer when no day is asked
    assert "Century" not in accepted("the 14th Century", "April 1897")
    assert accepted("Phillips", "Jack Phillips") == ["Jack Phillips"]
    assert "710" in accepted("only about 710")
    assert "WHO" in accepted("World Health Organization")  # a known acronym
    # initials the article never uses are no answer anyone gives ("SWW")
    assert "SFT" not in accepted("the Southampton Ferry Terminal", "Southampton")


def test_accepted_answers_drop_a_title_describing_words_and_count_months_in_years():
    # held-out round 19: raters asked for each of these
    article = parse_article(
        b"Food waste\n\n"
        b"Councillor Priya Raman, the cabinet member for waste, said the scheme was overdue. "
        b"Seagrass replanted on bare seabed can store carbon. "
        b"Charge builds when light ice crystals carried upward by the updraft bump into "
        b"heavier, falling graupel pellets, and charge moves. "
        b"The hopper bus will be tried for 12 months.",
        "waste.txt",
    )
    analysis = analyse(article)
    entities = {e.text: e for e in analysis.entities}
    term = {
        a.display: a.entity
        for info in analysis.sentences
        for a in answers(article.text, info)
        if a.entity.label == "TERM"
    }
    raman = next(e for text, e in entities.items() if "Priya Raman" in text)
    assert {"Priya Raman", "Raman"} <= set(accepted_answers(analysis, raman.text, raman))
    assert "seabed" in accepted_answers(analysis, "bare seabed", term["bare seabed"])
    pellets = accepted_answers(analysis, "falling graupel pellets", term["falling graupel pellets"])
    assert "graupel pellets" in pellets and "pellets" not in pellets
    months = next(e for text, e in entities.items() if "12 months" in text)
    assert "a year" in accepted_answers(analysis, "12 months", months)


def test_a_false_statement_never_swaps_in_a_name_that_may_be_the_same_thing():
    # held-out round 9 rated this W: "held at Olympic Games in Los Angeles" marked False
    article = parse_article(
        (DATA / "heldout9" / "sport_marathon_history.txt").read_bytes(), "m.txt"
    )
    for item in generate(article).items:
        assert "at Olympic Games in Los Angeles" not in item.prompt
        if "1984 Games" in item.answer:
            assert "Olympic Games" not in item.choices


def test_a_day_first_date_is_asked_as_a_date_with_day_first_options():
    article = parse_article(
        b"The blockage\n\n"
        b"The Ever Given ran aground in the Suez Canal on 23 March 2021 and blocked it. "
        b"Dredgers and tugboats, helped by a high spring tide, finally freed the ship on "
        b"29 March. The Suez Canal Authority impounded the vessel for three months.",
        "suez.txt",
    )
    items = generate(article, count=20).items
    dated = [i for i in items if i.answer == "29 March"]
    assert dated
    for item in dated:
        assert "which month" not in item.prompt.lower()
        for choice in item.choices:
            assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+", choice), choice


def test_a_what_year_question_never_names_another_year():
    article = parse_article(
        b"The festival\n\n"
        b"The festival was founded by Walter Pryce and his wife June Pryce in 1973 in Saltmarsh. "
        b"Walter died in 1998 and June in 2011. Their daughter Naomi has run it since 2004.",
        "festival.txt",
    )
    for item in generate(article, count=20).items:
        if item.type == "short_answer" and "what year" in item.prompt.lower():
            assert not re.search(r"\b(?:19|20)\d\d\b", item.prompt), item.prompt


def test_a_writers_verdict_is_never_a_true_statement():
    article = parse_article(
        b"The World Cup\n\n"
        b"Marie Curie is one of the most famous scientists in history, and her work in Paris "
        b"and Warsaw shaped physics. No final has matched the drama of the 2019 final between "
        b"England and New Zealand at Lord's in London. "
        b"England beat New Zealand at Lord's in July 2019 after a super over.",
        "cup.txt",
    )
    prompts = [item.prompt for item in generate(article, count=20).items]
    assert prompts  # the plain fact of the final is still asked
    assert not [p for p in prompts if "one of the most famous" in p or p.startswith("No final")]


def test_no_false_statement_moves_a_fact_to_another_place():
    article = parse_article(
        b"Central banks\n\n"
        b"In the United Kingdom, interest rates are set by the Monetary Policy Committee. "
        b"In the United States, the Federal Open Market Committee sets rates eight times a year. "
        b"Russia and China also have central banks with inflation targets.",
        "banks.txt",
    )
    for seed in range(6):
        for item in generate(article, count=20, seed=seed).items:
            if item.type == "true_false" and item.answer == "False":
                assert not item.prompt.startswith("In "), item.prompt


def test_no_question_is_too_short_to_stand_alone():
    article = parse_article(
        b"Central banks\n\n"
        b"The European Central Bank aims for 2 per cent. Work on the new headquarters in "
        b"Frankfurt began in 2010 and ended in 2014.",
        "ecb.txt",
    )
    for item in generate(article, count=20).items:
        if item.type == "short_answer":
            assert len(item.prompt.split()) >= 8, item.prompt


def test_a_capitalised_opening_word_and_the_body_the_title_names_are_not_blanks():
    article = parse_article(
        b"Millbrook Valley board votes to close three schools\n\n"
        b"The Millbrook Valley School District will close two elementary schools in June 2026. "
        b"Groups at higher risk include families in rented homes, according to a 2024 survey. "
        b"Parent groups met the board on 4 November 2025 at Riverside Middle School.",
        "schools.txt",
    )
    answers = {item.answer for item in generate(article, count=20).items}
    assert answers  # the dates are still asked
    assert not {"Groups", "The Millbrook Valley School District"} & answers


def test_a_term_the_title_names_is_the_topic_not_a_blank():
    article = parse_article(
        b"Coral IVF team releases larvae on a damaged reef\n\n"
        b"Newly settled corals are smaller than a grain of rice, and many die in their first "
        b"year. The team released 12 million larvae over the Moore Reef site in December 2024. "
        b"Only a tiny fraction of the larvae survive to become young corals, researchers at "
        b"three institutes reported in 2023.",
        "coral.txt",
    )
    answers = {item.answer.lower() for item in generate(article, count=20).items}
    assert answers
    assert not {a for a in answers if a.endswith("corals")}


def _accepted_in(analysis):
    """accepted("Ms Halloran"): the accepted answers for an answer that holds (or is held by)
    one of the article's entities."""

    def accepted(text: str) -> set[str]:
        entity = next(e for e in analysis.entities if e.text in text or text in e.text)
        return set(accepted_answers(analysis, text, entity))

    return accepted


def test_accepted_answers_for_names_ranges_rivers_buildings_and_relative_dates():
    # held-out round 20: raters asked for each of these
    article = parse_article(
        b"The review\n\n"
        b"Chief executive Priya Halloran said sales rose. Ms Halloran said the group would grow. "
        b"Maeve Donnachie is extraordinary as Elspeth. Donnachie plays her with restraint. "
        b"Fire scars suggest that groves once burned every 6 to 35 years. "
        b"In 1858 the River Thames became foul. Students occupied the Fenwick Building. "
        b"A formal 45-day consultation began. The law came into force last April.",
        "review.txt",
    )
    accepted = _accepted_in(analyse(article))

    assert "Priya Halloran" in accepted("Ms Halloran")
    assert "Donnachie" in accepted("Maeve Donnachie")  # read as an organisation
    assert {"6-35 years", "6 to 35"} <= accepted("6 to 35 years")
    assert "Thames" in accepted("the River Thames")
    assert "Fenwick" in accepted("the Fenwick Building")
    assert {"45 days", "45"} <= accepted("45-day")
    assert "April" in accepted("last April")


def test_accepted_answers_never_a_patronymic_or_a_shared_place_word_alone():
    # held-out round 21: "Ibn" for Ibn Jubayr, "Muhammad" for Muhammad bin Tughluq, "Hallamby"
    # for Hallamby General Hospital (the city's name, shared by its other bodies) were accepted
    article = parse_article(
        b"Travels\n\n"
        b"Ibn Battuta left Tangier in 1325. Ibn Battuta reached Delhi in 1334. "
        b"Passages were borrowed from the traveller Ibn Jubayr. "
        b"Muhammad bin Tughluq ruled Delhi. Ibn Battuta served Muhammad bin Tughluq for years. "
        b"The party sailed to Calicut on the Malabar Coast in 1341. "
        b"Hallamby Water and the Hallamby Combined Authority met in 2023. The tram will reach "
        b"Hallamby General Hospital in 2026. Males crossed roads from May to July. "
        b"Roads with more than about 8,000 vehicles a day were rarely crossed.",
        "travels.txt",
    )
    accepted = _accepted_in(analyse(article))

    assert "Ibn" not in accepted("Ibn Jubayr")
    muhammad = accepted("Muhammad bin Tughluq")
    assert "Muhammad" not in muhammad and "Tughluq" in muhammad
    assert "Hallamby" not in accepted("Hallamby General Hospital")
    assert "Calicut" in accepted("Calicut on the Malabar Coast")
    assert "May-July" in accepted("May to July")
    assert {"8,000", "8000"} <= accepted("more than about 8,000")


def test_according_to_the_author_only_frames_the_authors_view():
    # held-out rounds 1-21: 18 of 21 such statements without a word of judgement were rated E
    # or R ("According to the author, a coroner must be a qualified solicitor …")
    article = parse_article(
        b"How inquests work\n\n"
        b"A coroner must be a qualified solicitor or barrister with at least five years' "
        b"experience, because inquests turn on points of law. Hydrogen must be manufactured, "
        b"so the process needs natural gas. Ministers should publish every coroner's report "
        b"within a month, because families wait too long for answers.",
        "inquests.txt",
    )
    items = generate(article, count=20).items
    framed = [i for i in items if i.prompt.startswith("According to the author")]
    assert framed and all("Ministers" in i.quote for i in framed)
    assert any(i.type == "true_false" and i.prompt.startswith("A coroner must") for i in items)


def test_the_year_in_the_title_is_not_a_blank():
    # held-out round 22: "The ____ flood remains the deadliest …" in "The North Sea Flood of 1953"
    article = parse_article(
        b"The North Sea Flood of 1953\n\n"
        b"The 1953 flood remains the deadliest natural disaster in the modern history of the "
        b"Netherlands. The Delta Works were completed in 1997 after decades of building. "
        b"More than 1,800 people drowned in the Netherlands that night.",
        "flood.txt",
    )
    answers_asked = {i.answer for i in generate(article, count=20).items}
    assert "1953" not in answers_asked and "1997" in answers_asked


def test_accepted_answers_keep_classifying_words_and_company_names_whole():
    # held-out round 22: "nerve" for "trigeminal nerve", "Rail" for "Northline Rail"
    article = parse_article(
        b"Shingles and the railway\n\n"
        b"When the virus affects the ophthalmic branch of the trigeminal nerve, the rash can "
        b"spread to the forehead. Northline Rail suspended services between Brackenby and "
        b"Keldmoor for a second day. Farms cluster on the slopes of Mount Kenya.",
        "mixed.txt",
    )
    analysis = analyse(article)
    terms = {
        a.display: a.entity for info in analysis.sentences for a in answers(article.text, info)
    }
    nerve = accepted_answers(analysis, "trigeminal nerve", terms["trigeminal nerve"])
    assert "nerve" not in nerve
    rail = next(e for e in analysis.entities if e.text == "Northline Rail")
    assert "Rail" not in accepted_answers(analysis, "Northline Rail", rail)
    mount = next(e for e in analysis.entities if "Kenya" in e.text)
    assert "Mt Kenya" in accepted_answers(analysis, "Mount Kenya", mount)


def test_a_church_is_no_ones_full_name():
    # held-out round 25 (W): "Saints Peter" (the cathedral of Saints Peter and Paul) was accepted
    # for Peter the Great
    article = parse_article(
        b"The founding of St Petersburg\n\n"
        b"Peter founded the city in 1703. The fortress church of Saints Peter and Paul was begun "
        b"in 1712. Writing afterwards, Peter declared that the final stone had been laid.",
        "spb.txt",
    )
    analysis = analyse(article)
    peter = next(e for e in analysis.entities if e.text == "Peter")
    assert not any("Saint" in a for a in accepted_answers(analysis, "Peter", peter))


def test_accepted_answers_for_roles_tsars_streets_and_temperatures():
    # held-out round 25: "Owen Castell" for "Producer Owen Castell", "Peter I" for "Tsar Peter
    # I", no "Lane" for the Mill Lane pavilion, "24°C" for "24C"
    article = parse_article(
        b"Notes\n\n"
        b"Producer Owen Castell installed his equipment in a former chapel. Castell recorded "
        b"the album in 2024. In 1703 soldiers of Tsar Peter I began digging. The team will hold "
        b"a reception at the club's Mill Lane pavilion. The society aims to keep the water at "
        b"24C from May.",
        "notes.txt",
    )
    accepted = _accepted_in(analyse(article))

    assert "Owen Castell" in accepted("Producer Owen Castell")
    assert "Peter I" in accepted("Tsar Peter I")
    assert "Lane" not in accepted("Mill Lane")
    assert {"24°C", "24 degrees"} <= accepted("24C")


def test_a_fuller_description_never_takes_the_m_of_a_sum_of_money():
    # held-out round 25: "The plant" became "The m plant" after "a £24m plant"
    article = parse_article(
        b"Oat drinks\n\n"
        b"The company also benefited from moving almost all of its production to its "
        b"\xc2\xa338m plant at Kelthorpe, near Grantham, which opened in 2023. The plant is now "
        b"running at about 78% of its capacity, up from 51% a year earlier.",
        "oats.txt",
    )
    prompts = [i.prompt for i in generate(article, count=20).items]
    assert prompts and not any("The m plant" in p for p in prompts)


def test_a_surname_shared_with_a_relative_gets_no_full_name():
    # held-out round 29 (W): "Mr ____'s staff" (the son, Gareth) accepted "Arthur Pennock"
    # (his father, who opened the shop)
    article = parse_article(
        b"Last pharmacy to close\n\n"
        b"Pennock's Pharmacy has dispensed medicines since 1964, when it was opened by Arthur "
        b"Pennock, a former army dispenser. His son Gareth, 66, took over in 1991.\n\n"
        b"Residents said they relied on Mr Pennock's staff. Mr Pennock said he was sad.",
        "pharmacy.txt",
    )
    analysis = analyse(article)
    mister = next(e for e in analysis.entities if e.text == "Pennock")
    assert "Arthur Pennock" not in accepted_answers(analysis, "Pennock", mister)


def test_accepted_answers_never_half_a_range_a_particle_alone_or_a_name_made_of_words():
    # held-out round 30: "1941" and "to 1945" for "1941 to 1945", "la Beche" (never "De la
    # Beche") for Henry De la Beche, and "Time" / "Act" for Greenwich Mean Time and the
    # Sunshine Protection Act (read as a role before a person's name) were accepted
    article = parse_article(
        b"Clocks\n\n"
        b"Britain kept double summer time in the summers of 1941 to 1945. The geologist Henry "
        b"De la Beche sold prints. De la Beche was a friend of Anning. Henry De la Beche drew "
        b"it in 1830. Britain stays on Greenwich Mean Time in winter. In 2022 the US Senate "
        b"passed the Sunshine Protection Act by unanimous consent. The pub was sold by Marcher "
        b"Inns in 2025. Inns across the county closed. Circularity Scotland, the industry "
        b"body, went into administration in 2023. Scotland delayed its scheme. John Desmond "
        b"Bernal taught at the Sir John Leman School. John Cornforth doubted the structure.",
        "clocks.txt",
    )
    accepted = _accepted_in(analyse(article))

    war_years = accepted("1941 to 1945")
    assert "1941-1945" in war_years and not {"1941", "1945", "to 1945"} & war_years
    beche = accepted("Henry De la Beche")
    assert "De la Beche" in beche and "la Beche" not in beche
    assert not {"Time", "Mean Time"} & accepted("Greenwich Mean Time")
    assert not {"Act", "Protection Act"} & accepted("Sunshine Protection Act")
    assert "Inns" not in accepted("Marcher Inns")  # round 32: a company's trade word alone
    assert "Scotland" not in accepted("Circularity Scotland")  # round 33 (W): a place alone
    assert "John" not in accepted("John Cornforth")  # round 35: a first name of other names


def test_a_number_whose_unit_stays_outside_the_blank_passes_the_gates():
    # held-out round 31: "an ____% increase", "from £____ to £231.30" and "makes up ____% of a
    # typical bill" were all dropped as if their answer were not in the sentence
    article = parse_article(
        b"Council tax\n\n"
        b"Voters will be asked whether they accept an 8.9% increase in the council's share. "
        b"The district element would rise from \xc2\xa3212.40 to \xc2\xa3231.30 a year.\n\n"
        b"The district faced a funding gap of \xc2\xa31.6m in the 2025-26 financial year.",
        "tax.txt",
    )
    forms = surface_forms(analyse(article))
    text = article.text
    for number, opening in (
        ("8.9", "Voters"),
        ("212.40", "The district"),
        ("1.6", "The district f"),
    ):
        info_start = text.index(opening)
        info_end = text.index(".", text.index(number, info_start) + len(number)) + 1
        quote = text[info_start:info_end]
        item = QuizItem(
            key=f"cloze-{number}",
            type="cloze",
            prompt=quote.replace(number, CLOZE_BLANK),
            answer=number,
            source_start=info_start,
            source_end=info_end,
            quote=quote,
        )
        assert hard_failures(item, article, forms) == [], quote  # "an 8.9…": "an" agrees
    stray = QuizItem(
        key="cloze-8", type="cloze", prompt="an ____.9% increase", answer="8",
        source_start=0, source_end=len(text), quote=text,
    )  # fmt: skip
    assert "answer_not_in_quote" in hard_failures(stray, article, forms)


def test_a_name_the_article_keeps_using_is_not_a_blank_but_a_country_is():
    # held-out rounds 19-31: blanks of names mentioned 7 times or more were usable as-is 2
    # times in 15 ("____ head coach Donna Sewell said …" in a final between two teams)
    players = [
        "Priya Anand", "Megan Hale", "Ruth Okafor", "Lena Marsh", "Tessa Quinn", "Amy Doyle",
        "Jo Pryce", "Kate Whitlow", "Nia Oduya", "Sara Kinnaird", "Beth Lomax", "Cara Nolan",
        "Dana Frost", "Erin Shaw", "Fay Moreno", "Gina Tate", "Hana Ito", "Iris Vance",
        "Jade Booth", "Kira Lund", "Lily Pike", "Mia Roche",
    ]  # fmt: skip
    sentences = [f"Kingsmere picked {name} for the final." for name in players[:7]]
    sentences += [f"France trained {name} in Lyon." for name in players[7:14]]
    sentences += [f"{name} scored in the final." for name in players[14:]]
    article = parse_article(
        ("Ashdown Vale win the cup\n\n" + " ".join(sentences)).encode(), "h.txt"
    )
    keys = _topic_keys(article, analyse(article))
    assert "kingsmere" in keys
    assert "france" not in keys


def test_a_claim_that_goes_on_with_a_view_reported_just_before_is_not_the_authors():
    # held-out round 32 (W): "According to the author, a country rich in capital should export
    # capital-intensive goods" stated Heckscher and Ohlin's theory, which the article reported
    article = parse_article(
        b"Comparative advantage\n\n"
        b"In 1919 the Swedish economist Eli Heckscher argued that comparative advantage comes "
        b"from differences in what countries have plenty of, such as land or capital. A country "
        b"rich in capital should export capital-intensive goods. Leontief tested this in 1953.\n\n"
        b"Governments should compensate the workers who lose from trade, because the gains are "
        b"large enough to pay for it.",
        "trade.txt",
    )
    framed = [i for i in generate(article, count=20).items if i.prompt.startswith("According to")]
    assert not any("capital-intensive" in i.prompt for i in framed)
    assert any("compensate" in i.prompt for i in framed)


def test_options_never_name_one_person_twice():
    # held-out round 34 (E): "Cllr Menon" and "Ravi Menon" were two options of one question
    page = DATA / "heldout34" / "page_politics_news_calderholt_leader_no_confidence_vote.html"
    analysis = analyse(parse_article(page.read_bytes(), page.name))
    forms = surface_forms(analysis)
    pryce = next(e for e in analysis.entities if e.text == "Councillor Alan Pryce")
    for seed in range(12):
        options = pick(pryce.text, pryce.form, analysis, forms, random.Random(seed))
        surnames = [option.split()[-1] for option in options]
        assert len(surnames) == len(set(surnames)), options


def test_accepted_answers_rounds_30_to_35_asked_for():
    # held-out rounds 30-35: a quarter of the items a teacher would edit lacked a form a
    # learner would type: a title-less name, the place without its kind, a bare number, one
    # word of a two-word term
    article = parse_article(
        b"Notes\n\n"
        b"The service was led by the Rev Canon Judith Aske in May. Hugh W. Ogden wrote it. "
        b"Olkhon Island is the largest island in the lake, and Olkhon has 1,500 people. "
        b"The pupils of Castle Mead Academy start later; Castle Mead is the first to try it. "
        b"The sailors of the USS Nantucket were praised. Vitamin B12 was solved in 1955. "
        b"A glass prism splits light in 1666. The axolotl has a leucistic form in 1863. "
        b"The lock has gate paddles in its gates. Ground paddles open culverts in the walls. "
        b"The oak lived for 7,000 years. Shares were priced at 260p. The tax was only "
        b"\xc2\xa380 in 2019. The deposit is 25 cent a can.",
        "notes.txt",
    )
    analysis = analyse(article)
    accepted = _accepted_in(analysis)
    terms = {
        a.display: a.entity
        for info in analysis.sentences
        for a in answers(article.text, info)
        if a.entity.label == "TERM"
    }

    def term(text: str) -> set[str]:
        return set(accepted_answers(analysis, text, terms[text]))

    assert "Judith Aske" in accepted("the Rev Canon Judith Aske")
    assert "Hugh Ogden" in accepted("Hugh W. Ogden")
    assert "Olkhon" in accepted("Olkhon Island")
    assert "Castle Mead" in accepted("Castle Mead Academy")
    assert "Nantucket" in accepted("the USS Nantucket")
    assert "B12" in accepted("Vitamin B12")
    assert "prism" in term("glass prism")
    assert "leucistic" in term("leucistic form") and "form" not in term("leucistic form")
    assert "paddles" not in term("gate paddles")  # ground paddles are paddles too
    assert "7,000" in accepted("7,000 years")
    assert "260" in accepted("260p")
    assert {"£80", "80"} & accepted("only £80")
    assert "25 cents" in accepted("25 cent")


def test_no_options_after_by_and_no_false_place_after_across():
    # held-out round 36 (W): "By ____ the machines had become as familiar as the trolley park"
    # offered "the 2020s" (true as well), and "a ritual … in supermarkets across the United
    # States" was marked false though the article is silent on American supermarkets
    path = DATA / "heldout36" / "analysis_self_checkout_tills.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    assert not any(i.type == "mcq" and re.search(r"\bBy ____", i.prompt) for i in items)
    assert not any(i.answer == "False" and "across the United States" in i.prompt for i in items)


def test_round_36_blanks_options_and_questions():
    # held-out round 36: "Where do Two related species, the horned puffin (…) … live,?", a
    # false statement "in 1970s", a blank "between June 2023", "fish crosswise" as a term,
    # and "1.8 million" not accepted for "estimated 1.8 million"
    article = parse_article(
        b"Puffins and tills\n\n"
        b"Two related species, the horned puffin (Fratercula corniculata) and the tufted puffin "
        b"(Fratercula cirrhata), live in the North Pacific. Spines allow a bird to hold several "
        b"fish crosswise in its bill. The gang targeted car parks across Marlshire between June "
        b"2023 and August 2024. An estimated 1.8 million people use telecare in the UK. The "
        b"surface stood at 395 metres below sea level in the 1960s. Prices rose in the 1980s.",
        "mixed.txt",
    )
    analysis = analyse(article)
    items = generate(article, count=60).items
    assert not any(re.search(r"\bTwo related|,\?", i.prompt) for i in items if "?" in i.prompt)
    assert not any(re.search(r"\bin 19[0-9]0s", i.prompt) for i in items)
    assert not any(i.answer.startswith("between") for i in items)
    found = {a.display for info in analysis.sentences for a in answers(article.text, info)}
    assert "fish crosswise" not in found
    accepted = _accepted_in(analysis)
    assert "1.8 million" in accepted("estimated 1.8 million")


def test_round_37_posts_years_and_acronym_topics():
    # held-out round 37: a Bluesky post whose stamp sat in its own paragraph was asked about;
    # "announced in November ____" offered 1897 and 1918; "The ____ (Global Positioning
    # System)" was a blank in "How GPS satellite navigation works"; "just 50" refused "50"
    page = DATA / "heldout37" / "page_politics_news_harlingshire_councils_merger.html"
    article = parse_article(page.read_bytes(), page.name)
    assert "Today's decision means Harlingshire" not in article.text
    gps = DATA / "heldout37" / "explainer_how_gps_satellite_navigation_works.txt"
    items = generate(parse_article(gps.read_bytes(), gps.name)).items
    assert not any(i.answer.endswith("Global Positioning System") for i in items)
    meitner = DATA / "heldout37" / "biography_lise_meitner.txt"
    for item in generate(parse_article(meitner.read_bytes(), meitner.name)).items:
        if item.type == "mcq" and re.fullmatch(r"\d{4}", item.answer):
            assert all(abs(int(c) - int(item.answer)) <= 12 for c in item.choices), item.choices
    analysis = analyse(parse_article(b"Notes\n\nThe outage lasted just 50 seconds.", "n.txt"))
    assert "50" in _accepted_in(analysis)("just 50")


def test_no_false_statement_from_a_number_in_a_condition():
    # held-out round 39 (W): "If employment falls by 60 per cent, the gains are wiped out" was
    # keyed False; the article's 10 per cent makes a fall of 60 per cent wipe them out too
    path = DATA / "heldout39" / "economics_explainer_minimum_wage.txt"
    article = parse_article(path.read_bytes(), path.name)
    for seed in range(4):
        for item in generate(article, seed=seed).items:
            if item.type == "true_false" and item.answer == "False":
                assert not re.match(r"(?:If|Unless|Once|When)\b", item.prompt), item.prompt


def test_options_from_the_country_list_are_not_its_first_entries():
    # held-out round 40 (R): a question on the United States offered Afghanistan, Albania and
    # Argentina, the first countries of the shipped list
    article = parse_article(
        b"Blood pressure\n\nGuidelines in the United States changed in 2017.", "bp.txt"
    )
    analysis = analyse(article)
    forms = surface_forms(analysis)
    chosen = set()
    for seed in range(8):
        chosen.update(
            pick("the United States", "GPE:country", analysis, forms, random.Random(seed))
        )
    assert not chosen <= {"Afghanistan", "Albania", "Algeria", "Argentina", "Armenia", "Australia"}


def test_a_long_article_may_name_someone_often_and_still_ask_about_them():
    # make bench: the 20,000-word article gave 142 items instead of 150 once names mentioned
    # seven times were cast; the bar scales with the length of the rated articles (900 words)
    towns = ["Ashford", "Barnet", "Croydon", "Dover", "Ealing", "Frome", "Goole", "Hythe"]
    filler = " ".join(
        f"In {1900 + n} the council of {towns[n % 8]} repaired bridge number {n}."
        for n in range(240)
    )
    mentions = " ".join(f"Kingsmere picked Nia Oduya {n} times." for n in range(8))
    article = parse_article(f"Bridges\n\n{filler} {mentions}".encode(), "long.txt")
    assert article.words > 2_000
    assert "kingsmere" not in _topic_keys(article, analyse(article))


def test_options_take_the_only_where_the_article_writes_it():
    # review: a misplaced "or" gave every place and organisation option a "the" ("the Spain",
    # "the Portugal" in held-out round 38); only decades were meant to join the rule
    from quizapp.generation.distractors import _build_pool

    analysis = analyse(
        parse_article(
            b"Cash\n\nSpain and Portugal lost power in 2025. Sweden is nearly cashless, unlike "
            b"the Netherlands. Prices rose in the 1970s and fell in 1980s France. Shops in Madrid "
            b"and Lisbon closed, while the Hague stayed open.",
            "cash.txt",
        )
    )
    countries = _build_pool(analysis, "GPE:country")
    assert {"Spain", "Portugal", "Sweden", "the Netherlands"} <= set(countries)
    assert "the 1970s" in _build_pool(analysis, "DATE:decade")
    assert {"Madrid", "Lisbon"} <= set(_build_pool(analysis, "GPE:place"))


def test_round_41_a_proposal_is_not_the_authors_and_a_group_is_no_mr_penhallow():
    # held-out round 41 (W): "According to the author, every letter … should be carried for one
    # penny" stated Rowland Hill's proposal ("His solution was radical …" just before), and
    # "Penhallow" was accepted for the campaign group Better Buses Penhallow
    path = DATA / "heldout41" / "history_penny_black_postal_reform.txt"
    items = generate(parse_article(path.read_bytes(), path.name)).items
    assert not any(i.prompt.startswith("According to the author, every letter") for i in items)
    page = DATA / "heldout41" / "page_politics_news_penhallow_bus_franchising_vote.html"
    analysis = analyse(parse_article(page.read_bytes(), page.name))
    group = next(e for e in analysis.entities if e.text == "Better Buses Penhallow")
    assert "Penhallow" not in accepted_answers(analysis, group.text, group)


def test_a_claim_loses_its_opening_connector_and_a_need_is_the_authors_view(seed_article):
    # "And Washington needs to push third parties …" was offered as a bare true statement
    result = generate(seed_article, seed=0, count=150)
    offered = [d.subject for d in result.trace if d.stage == "rank"]
    assert not [p for p in offered if re.match(r"(?:And|But|So|Yet)\b", p)]
    assert (
        "According to the author, Washington needs to push third parties, particularly its Arab "
        "allies, to undercut the partnership between Russia and the axis of resistance."
    ) in offered
