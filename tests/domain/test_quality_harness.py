"""Quality harness: gold-list coverage, hard gates, near-duplicates on three articles."""

from __future__ import annotations

from collections import Counter

import pytest

from quizapp.generation.analyse import analyse
from quizapp.generation.distractors import surface_forms
from quizapp.generation.gate import audit, duplicate_rate
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from tests.domain.gold import DATA, coverage, load_gold

# Measured at the default count, seed 0: seed 83-85%, science 80%, history 79% (wave 1: 93%,
# 90%, 89%). Wave 2 traded coverage for items a teacher accepts (blind ratings in
# tests/data/ratings): sentences with dangling references, direct speech, hedges and many-answer
# blanks are no longer asked about, so some gold entries that only such sentences state are not
# covered any more. The seed article's 46th entry of 54 (85%, the target) hangs on which
# false statement the random options give one sentence, so the gate stays a floor of 78%.
ARTICLES = [
    ("seed_gold.yaml", 0.78),
    ("science_gold.yaml", 0.78),
    ("history_gold.yaml", 0.78),
]


@pytest.fixture(scope="module")
def results():
    out = {}
    for gold_name, _target in ARTICLES:
        gold = load_gold(gold_name)
        article = parse_article((DATA / gold["article"]).read_bytes(), gold["article"])
        out[gold_name] = (gold, article, generate(article, seed=0))
    return out


@pytest.mark.parametrize(("gold_name", "target"), ARTICLES)
def test_coverage_gates_and_duplicates(results, gold_name, target):
    gold, article, result = results[gold_name]
    entries = gold["facts"] + gold.get("arguments", [])
    fact_cov, fact_missed = coverage(result.items, gold["facts"])
    arg_cov, arg_missed = coverage(result.items, gold.get("arguments", []))
    total_cov, missed = coverage(result.items, entries)
    failures = audit(result.items, article, surface_forms(analyse(article)))
    dupes = duplicate_rate(result.items)
    types = Counter(item.type for item in result.items)
    kinds = Counter(item.kind for item in result.items)
    print(
        f"\n[{gold['article']}] words={article.words} items={len(result.items)} "
        f"candidates={result.candidates}\n"
        f"  coverage={total_cov:.0%} (facts {fact_cov:.0%}, arguments {arg_cov:.0%}); "
        f"missed={missed}\n"
        f"  hard-gate failures={dict(failures)} near-duplicates={dupes:.1%}\n"
        f"  rejected={result.rejected}\n  types={dict(types)} kinds={dict(kinds)}"
    )
    assert not failures
    assert dupes < 0.05
    assert total_cov >= target, f"coverage {total_cov:.0%} < {target:.0%}; missed {missed}"


def test_seed_gold_list_is_big_enough():
    gold = load_gold("seed_gold.yaml")
    assert len(gold["facts"]) >= 40
    assert len(gold["arguments"]) >= 8


def test_every_item_type_and_argument_items_appear(results):
    _gold, _article, result = results["seed_gold.yaml"]
    types = {item.type for item in result.items}
    assert {"cloze", "mcq", "true_false", "short_answer"} <= types
    arguments = [item for item in result.items if item.kind == "argument"]
    assert any(item.prompt.startswith("According to the author") for item in arguments)


@pytest.mark.parametrize(("gold_name", "target"), ARTICLES)
def test_every_paragraph_asked_and_sentences_rarely_repeated(results, gold_name, target):
    _gold, article, result = results[gold_name]
    asked = {article.paragraph_index(item.source_start) for item in result.items}
    assert asked == {article.paragraph_index(s.start) for s in article.sentences}
    per_sentence = Counter(item.source_start for item in result.items)
    # a second item on a sentence only when it asks about content the first one left out
    assert sum(1 for n in per_sentence.values() if n > 1) <= 0.05 * len(result.items)
    assert max(per_sentence.values()) <= 2
