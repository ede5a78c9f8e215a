"""The rank stage: the fitted model's probability, and the rules measured on blind ratings."""

import json

from quizapp.domain.items import QuizItem
from quizapp.generation.analyse import analyse
from quizapp.generation.rank import (
    COMMON_TERM_FACTOR,
    FEATURES,
    LOOSE_TERM_FACTOR,
    MIN_ACCEPTABILITY,
    MODEL_FILE,
    SHORT_PROMPT_FACTOR,
    SIDE_DETAIL_FACTOR,
    TOPICAL_TERM_FACTOR,
    VAGUE_STATEMENT_FACTOR,
    acceptability,
    as_is_probability,
    features,
    rescore,
)
from quizapp.generation.realise import Candidate, worth_checking
from quizapp.generation.segment import build_article
from quizapp.generation.select import answers


def _statement(prompt: str) -> QuizItem:
    return QuizItem(
        key="true_false-true-1", type="true_false", kind="fact", prompt=prompt, answer="True",
        explanation="True.", quote=prompt, topic="Berlin", tags=["fact", "statement"],
    )  # fmt: skip


def test_short_statements_without_a_number_are_vague():
    assert not worth_checking("Stockholm offers the most instructive political story.")
    assert worth_checking("The Wall was built in 1961.")
    assert worth_checking(
        "Scratches left by ancient glaciers were found in places that are now tropical."
    )


def test_a_vague_statement_keeps_a_fraction_of_the_models_probability():
    prompt = "Over the years the Wall grew into an elaborate system."
    plain = rescore(Candidate(_statement(prompt), 0, "stmt:0", 0.0))
    vague = rescore(Candidate(_statement(prompt), 0, "stmt:0", 0.0, vague=True))
    assert plain.item.score > 0
    assert abs(vague.item.score - VAGUE_STATEMENT_FACTOR * plain.item.score) < 1e-3
    assert vague.score < plain.score


def test_a_short_prompt_and_a_loose_term_rank_lower_but_keep_their_floor_score():
    long = "The Wall was built in August 1961 by the East German government across Berlin."
    short = "The Wall grew into an elaborate system."
    plain = rescore(Candidate(_statement(long), 0, "stmt:0", 0.0))
    brief = rescore(Candidate(_statement(short), 0, "stmt:0", 0.0))
    brief_as_is = as_is_probability(brief.item)
    assert abs(brief.item.score - SHORT_PROMPT_FACTOR * brief_as_is) < 1e-3
    assert abs(brief.floor_score - acceptability(brief.item)) < 1e-9
    assert abs(plain.item.score - as_is_probability(plain.item)) < 1e-3
    loose = rescore(Candidate(_statement(long), 0, "stmt:0", 0.0, loose_term=True))
    assert abs(loose.item.score - LOOSE_TERM_FACTOR * as_is_probability(loose.item)) < 1e-3
    assert abs(loose.floor_score - plain.floor_score) < 1e-9


def test_a_blank_on_the_word_the_article_is_about_ranks_lower():
    long = "The Wall was built in August 1961 by the East German government across Berlin."
    topical = rescore(Candidate(_statement(long), 0, "stmt:0", 0.0, topical_term=True))
    expected = TOPICAL_TERM_FACTOR * as_is_probability(topical.item)
    assert abs(topical.item.score - expected) < 1e-3


def test_a_bystanders_age_or_a_closing_notice_falls_below_the_floor():
    # held-out rounds 1-56: prompts giving someone's age and items from event notices were
    # mostly rejected (25 of 40, 22 of 34)
    plain = "Lauren Pickles paid a £900 deposit by bank transfer after being offered a discount."
    aged = (
        "Lauren Pickles, 34, paid a £900 deposit by bank transfer after being offered a discount."
    )
    notice = "The society will hold an open session at Ravensholt Library on Saturday 27 September."
    base = rescore(Candidate(_statement(plain), 0, "stmt:0", 0.0))
    for prompt in (aged, notice):
        side = rescore(Candidate(_statement(prompt), 0, "stmt:0", 0.0))
        assert abs(side.floor_score - SIDE_DETAIL_FACTOR * acceptability(side.item)) < 1e-9
        assert side.floor_score < MIN_ACCEPTABILITY < base.floor_score


def test_a_blank_on_an_everyday_term_ranks_lower_than_one_on_a_rare_term():
    # held-out rounds 30-58: 78 of 326 everyday-word terms usable as-is, 153 rejected
    prompt = "The outer fabric cover had deteriorated and needed ____ before the flight."
    everyday = _blank(prompt, "repeated patching", [])
    rare = _blank(prompt, "sinter", [])
    for item in (everyday, rare):
        item.tags = ["fact", "key term"]
    common = rescore(Candidate(everyday, 0, "x", 0.0))
    assert abs(common.item.score - COMMON_TERM_FACTOR * as_is_probability(everyday)) < 1e-3
    plain = rescore(Candidate(rare, 0, "x", 0.0))
    assert abs(plain.item.score - as_is_probability(rare)) < 1e-3


def _blank(prompt: str, answer: str, accepted: list[str]) -> QuizItem:
    return QuizItem(
        key=f"cloze-{answer}", type="cloze", kind="fact", prompt=prompt, answer=answer,
        accepted=accepted, explanation=f"{answer}.", quote=prompt.replace("____", answer),
        topic="Canals", tags=["fact", "place"],
    )  # fmt: skip


def test_the_bank_is_ordered_by_the_chance_an_item_is_used_as_it_is():
    # held-out rounds 19-41: "The decision …" openings and keys with no other accepted form
    # were the raters' commonest edits: the as-is model ranks them well below
    pointed = _blank(
        "Members of the regulatory committee voted on Thursday to add Pennington Meadow to the "
        "register of village greens at ____.",
        "the Corn Exchange", ["Corn Exchange"],
    )  # fmt: skip
    dangling = _blank(
        "The decision follows a public inquiry held there over eight days last October at ____.",
        "the Corn Exchange", [],
    )  # fmt: skip
    kept, edited = (rescore(Candidate(i, 0, "x", 0.0)) for i in (pointed, dangling))
    assert kept.item.score > edited.item.score + 0.1
    assert edited.floor_score > 0.35  # still offered, further down the bank


def test_a_term_the_article_keeps_using_is_topical_and_a_name_is_not():
    text = (
        "Godwits fly south once a year from Alaska. Most godwits leave at night. "
        "Ringers from the Wash Wader Institute tagged the godwits in Cairns. "
        "The godwits fed on plankton in Cairns. Young godwits are small. "
        "Cairns is busy in November. Cairns sits on the coast."
    )
    article = build_article(text)
    analysis = analyse(article)
    found = {a.display: a.topical for info in analysis.sentences for a in answers(text, info)}
    assert found["godwits"] is True
    assert found["Cairns"] is False
    assert found["plankton"] is False


def test_a_blank_on_who_spoke_is_a_feature_the_ratings_weigh_down():
    # held-out rounds 19-45: people's names blanked beside "said" were usable as-is 9 times in
    # 29 ("Sergeant ____ of the rural crime team said …"), other names 153 in 300
    item = QuizItem(
        key="cloze-haverthwaite", type="cloze", kind="fact",
        prompt="Sergeant ____ of the rural crime team said livestock theft was under-reported.",
        answer="Neil Haverthwaite", explanation="Neil Haverthwaite.", quote="",
        topic="Sheep", tags=["fact", "person"],
    )  # fmt: skip
    vector = dict(zip(FEATURES, features(item), strict=True))
    assert vector["speaker_blank"] == 1.0
    weights = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["as_is_weights"]
    assert weights[FEATURES.index("speaker_blank")] < 0
