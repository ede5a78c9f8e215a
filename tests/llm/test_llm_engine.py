"""The LLM engine against a local chat-completions server replaying recorded responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.domain.textnorm import contains_phrase
from quizapp.generation.llm import client, prompt
from quizapp.generation.llm.engine import describe, fill_in, generate_llm, needs_rules
from quizapp.generation.llm.grounding import ground
from quizapp.generation.llm.settings import LlmSettings
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import build_article, parse_article
from tests.llm.fake_endpoint import FakeEndpoint, Reply, rate_limited, recorded, unreachable_url

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD_PROMPTS = 6  # the first six items of webb_items.json are grounded; the rest are planted


@pytest.fixture(scope="module")
def webb():
    return parse_article((DATA / "science_webb.txt").read_bytes(), "science_webb.txt")


def recorded_items() -> list:
    body = json.loads((DATA / "llm" / "webb_items.json").read_text(encoding="utf-8"))
    return json.loads(body["choices"][0]["message"]["content"])["items"]


def settings_for(url: str, **extra) -> LlmSettings:
    values = dict(base_url=url, model="llama3.1:8b", timeout=5.0, max_retries=2)
    values.update(extra)
    return LlmSettings(**values)


def assert_grounded(items, article) -> None:
    """Every item's quote is article text at its offsets and states its key."""
    for item in items:
        assert article.text[item.source_start : item.source_end] == item.quote
        if item.type == "true_false":
            assert item.answer in ("True", "False")
        else:
            assert contains_phrase(item.quote, item.answer), item


def test_every_planted_bad_item_is_rejected_with_its_reason(webb):
    reasons = [ground(raw, webb).reason for raw in recorded_items()]
    assert reasons[:GOOD_PROMPTS] == [""] * GOOD_PROMPTS
    assert reasons[GOOD_PROMPTS:] == [
        "quote_not_in_article",  # hallucinated sentence
        "quote_not_in_article",  # paraphrased sentence
        "answer_not_in_source",  # a key the sentence does not state
        "answer_not_in_source",  # wrong key on an mcq
        "distractor_in_source",  # a wrong option the sentence states
        "verdict_not_supported",  # "True" for a changed detail
        "verdict_contradicted",  # "False" for what the article says
        "key_terms_not_in_source",  # an argument's key terms are not in its sentence
        "quote_fragment",  # a few words instead of the sentence
        "malformed_item",  # wrong keys
        "malformed_item",  # a verdict that is neither True nor False
    ]


def test_offsets_come_from_the_article_after_normalising_quotes_and_spaces(webb):
    raw = recorded_items()
    mirror = ground(raw[0], webb).item  # the model wrote a curly apostrophe
    shield = ground(raw[5], webb).item  # and a line break inside this sentence
    for item in (mirror, shield):
        assert webb.text[item.source_start : item.source_end] == item.quote
    assert "Hubble's 2.4-meter" in mirror.quote
    assert shield.quote == "Webb protects itself with a sunshield the size of a tennis court."
    bogus = dict(raw[0], source_start=0, source_end=12)  # offsets from the model are never read
    assert ground(bogus, webb).item == mirror


def test_a_distractor_that_the_article_makes_true_is_rejected():
    article = build_article(
        "Oslo Report\n\nThe treaty was signed in Oslo in 1994 after long talks.\n\n"
        "The treaty was signed in Geneva in 1994 after long talks, a later account says."
    )
    raw = {
        "type": "mcq", "kind": "fact", "prompt": "Where was the treaty signed in 1994?",
        "answer": "Oslo", "choices": ["Oslo", "Geneva", "Vienna", "Paris"], "key_terms": [],
        "source_sentence": "The treaty was signed in Oslo in 1994 after long talks.",
        "explanation": "", "topic": "",
    }  # fmt: skip
    assert ground(raw, article).reason == "distractor_supported"


def test_the_engine_keeps_only_grounded_gated_items_and_reports_the_rest(webb):
    with FakeEndpoint([recorded("webb_items")]) as server:
        run = generate_llm(webb, settings_for(server.base_url), client.complete)
    sent = server.requests[0]["body"]
    assert sent["model"] == "llama3.1:8b"
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == prompt.RESPONSE_SCHEMA
    assert run.returned == 17 and run.parts_done == run.parts == 1 and run.tokens == 2700
    assert len(run.items) >= 4
    assert {item.engine for item in run.items} == {"llm"}
    planted = {raw.get("prompt") for raw in recorded_items()[GOOD_PROMPTS:]}
    assert not planted & {item.prompt for item in run.items}, "an ungrounded item reached the bank"
    assert_grounded(run.items, webb)
    assert {"argument", "fact"} <= {item.kind for item in run.items}
    assert sum(run.rejected.values()) == run.returned - len(run.items)
    message = describe(run, rule_items=0)
    assert "quoted sentence not in the article: 2" in message
    assert "never shown as drafts" in message


@pytest.mark.parametrize(
    ("reply", "problem"),
    [("malformed_json", "malformed_response"), ("wrong_keys", "malformed_response"),
     ("truncated", "truncated_response")],
)  # fmt: skip
def test_garbage_answers_give_no_items_and_say_why(webb, reply, problem):
    with FakeEndpoint([recorded(reply)]) as server:
        run = generate_llm(webb, settings_for(server.base_url), client.complete)
    assert run.items == [] and run.problems == {problem: 1}
    assert needs_rules(run, webb, None)
    assert "Unusable answers from the model" in describe(run, rule_items=12)


def test_a_429_is_retried_with_backoff_then_answered(webb):
    with FakeEndpoint([rate_limited(), rate_limited(), recorded("webb_items")]) as server:
        run = generate_llm(webb, settings_for(server.base_url), client.complete)
    assert len(server.requests) == 3
    assert run.items and not run.stopped


def test_a_429_that_never_ends_stops_the_engine_with_a_clear_reason(webb):
    with FakeEndpoint([rate_limited()]) as server:
        run = generate_llm(webb, settings_for(server.base_url, max_retries=1), client.complete)
    assert run.items == [] and len(server.requests) == 2
    assert run.stopped == "the endpoint kept refusing with 429 Too Many Requests"


def test_a_slow_endpoint_times_out(webb):
    slow = Reply(body=recorded("webb_items").body, delay=1.5)
    with FakeEndpoint([slow]) as server:
        settings = settings_for(server.base_url, timeout=0.3, max_retries=0)
        run = generate_llm(webb, settings, client.complete)
    assert run.items == []
    assert run.stopped == "the endpoint did not answer within 0.3 s"
    assert describe(run, rule_items=5).startswith(
        "The LLM engine could not be used: the endpoint did not answer within 0.3 s."
    )


def test_an_unreachable_endpoint_gives_the_rule_engines_bank(webb):
    run = generate_llm(webb, settings_for(unreachable_url(), max_retries=0), client.complete)
    assert run.items == [] and run.stopped.startswith("the endpoint could not be reached")
    rules = generate(webb, seed=0).items
    bank = fill_in(run.items, rules, 30)
    assert [item.key for item in bank] == [item.key for item in rules]
    assert {item.engine for item in bank} == {"rules"}
    assert "The rule engine wrote" in describe(run, rule_items=len(bank))


def test_rule_items_fill_in_only_sentences_the_model_left_unasked(webb):
    with FakeEndpoint([recorded("webb_items")]) as server:
        run = generate_llm(webb, settings_for(server.base_url), client.complete)
    rules = generate(webb, seed=0).items
    bank = fill_in(run.items, rules, len(run.items) + 5)
    assert len(bank) == len(run.items) + 5
    llm_spans = [(i.source_start, i.source_end) for i in bank if i.engine == "llm"]
    for item in (i for i in bank if i.engine == "rules"):
        assert all(item.source_end <= s or e <= item.source_start for s, e in llm_spans)


def test_long_articles_are_chunked_and_the_token_cap_is_kept():
    seed = parse_article((DATA / "seed_article.txt").read_bytes(), "seed_article.txt")
    parts = prompt.chunks(seed)
    assert len(parts) >= 3 and all(c.words <= prompt.CHUNK_WORDS for c in parts[:-1])
    for sentence in seed.sentences:  # every sentence is asked about in some part
        assert any(c.start <= sentence.start and sentence.end <= c.end for c in parts)
    plan = prompt.plan(seed, LlmSettings(base_url="x", model="m", max_tokens=12_000))
    assert plan.describe().startswith(f"The LLM engine asks about this article in {len(parts)}")
    assert not plan.within_cap and "the rule engine writes the questions for the rest" in (
        plan.describe()
    )
    asked = []

    def complete(settings, messages, response_format):
        asked.append(messages[1]["content"])
        return client.Completion('{"items": []}', "stop", 0)

    run = generate_llm(seed, LlmSettings(base_url="x", model="m", max_tokens=12_000), complete)
    assert len(asked) == plan.affordable_chunks < len(parts)
    assert run.tokens <= 12_000 and run.stopped == "the token cap (12,000) was reached"
    excerpt = seed.text[parts[0].start : parts[0].end]
    assert excerpt in asked[0]
