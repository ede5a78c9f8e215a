"""Article → ranked, gated bank of quiz items; the quizapp-items/1 JSON contract (pure)."""

from __future__ import annotations

import heapq
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.domain.article import Article, require_generation_language
from quizapp.domain.distractors import surface_forms
from quizapp.domain.facts import answers, arguments, sentence_score
from quizapp.domain.items import QuizItem
from quizapp.domain.nlp import analyse
from quizapp.domain.quality import hard_failures, near_duplicate
from quizapp.domain.questions import Candidate, argument_candidates, fact_candidates
from quizapp.domain.textnorm import norm_key

CONTRACT_FORMAT = "quizapp-items/1"
WORDS_PER_ITEM = 25
MIN_ITEMS, MAX_ITEMS = 10, 150
MAX_PER_SENTENCE = 3
MAX_PROMPT_WORDS = 40  # soft gate; prompts over prompts.TARGET_WORDS also rank lower
GAIN_WEIGHT = 1.25  # value of asking about entities, numbers and terms not asked about yet
MAX_GAIN = 3.0
PARAGRAPH_BONUS = 0.6  # the first item of a paragraph not asked about yet
ARGUMENT_UNIT = 1.0  # an argument (reason, recommendation, claim) not asked about yet
TERM_UNIT_SHARE = 0.6  # rare common nouns count less than names, numbers and dates
FALSE_FIRST_PENALTY = 0.5  # a false statement hides the fact it swaps out
REPEAT_PENALTY = 1.0  # a further item on an already asked sentence
NUMBER_UNIT_BOOST = 1.5  # facts with numbers and dates first
STRONG_CUES = {"must", "should", "need", "needs", "because", "therefore", "wants", "aims", "so"}
TYPE_ORDER = {"cloze": 0, "short_answer": 1, "mcq": 2, "true_false": 3, "basic": 4}

Progress = Callable[[float, str], None]


@dataclass
class GenerationResult:
    article: Article
    items: list[QuizItem]
    rejected: dict[str, int] = field(default_factory=dict)
    candidates: int = 0


def default_count(words: int) -> int:
    """Default bank size: about one item per 25 words, between 10 and 150."""
    return max(MIN_ITEMS, min(MAX_ITEMS, round(words / WORDS_PER_ITEM)))


def generate(
    article: Article,
    *,
    count: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> GenerationResult:
    """Over-generate candidates, gate them, pick the best N by new content and paragraph."""
    require_generation_language(article)
    report = progress or (lambda _fraction, _message: None)
    report(0.0, "parsing the article")
    analysis = analyse(article)
    report(0.6, "finding facts and arguments")
    rng = random.Random(seed)
    forms = surface_forms(analysis)
    text = article.text
    paragraph_of = [article.paragraph_index(s.start) for s in analysis.sentences]
    total = max(len(analysis.sentences), 1)
    scores: list[float] = []
    units: list[
        dict[str, tuple[float, str]]
    ] = []  # what each sentence is about, for coverage-aware ranking
    pool: list[Candidate] = []
    for info in analysis.sentences:
        first = info.index == 0 or paragraph_of[info.index - 1] != paragraph_of[info.index]
        score = sentence_score(info, info.index / total, first)
        scores.append(score)
        strong = any(t.lower_ in STRONG_CUES for t in info.tokens)
        kind = "argument" if strong else "fact"
        found = answers(text, info)
        units.append(
            {
                a.entity.key: (_unit_weight(a.entity.label, a.weight), norm_key(a.entity.text))
                for a in found
            }
        )
        for answer in found:
            pool.extend(fact_candidates(analysis, info, answer, forms, rng, score, kind))
        if info.index % 50 == 49:
            report(0.6 + 0.25 * info.index / total, "building questions")
    statements = arguments(analysis)
    for statement in statements:
        base = scores[statement.sentence] if statement.sentence < len(scores) else 0.0
        made = argument_candidates(analysis, statement, statements, rng, base)
        if made and statement.sentence < len(units):
            units[statement.sentence][f"arg:{statement.sentence}"] = (ARGUMENT_UNIT, "")
        pool.extend(made)
    report(0.85, "checking quality gates")
    rejected: Counter = Counter()
    passed: list[Candidate] = []
    for candidate in pool:
        reasons = hard_failures(candidate.item, article, forms) + _soft_failures(candidate.item)
        if reasons:
            rejected.update(set(reasons))
        else:
            passed.append(candidate)
    target = default_count(article.words) if count is None else max(0, int(count))
    chosen = _select(passed, scores, units, paragraph_of, target, rejected)
    chosen.sort(key=lambda c: (c.item.source_start or 0, TYPE_ORDER.get(c.item.type, 9)))
    report(1.0, "done")
    return GenerationResult(
        article, [c.item for c in chosen], dict(sorted(rejected.items())), len(pool)
    )


def _soft_failures(item: QuizItem) -> list[str]:
    failures = []
    if len(item.prompt.split()) > MAX_PROMPT_WORDS:
        failures.append("prompt_too_long")
    if item.type == "short_answer" and len(item.answer.split()) > 6:
        failures.append("answer_too_long")
    if item.answer and len(item.answer.strip()) < 2:
        failures.append("answer_too_short")
    return failures


def _unit_weight(label: str, weight: float) -> float:
    if label in ("DATE", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return weight * NUMBER_UNIT_BOOST
    return weight * TERM_UNIT_SHARE if label == "TERM" else weight


def _covered_units(candidate: Candidate, found: dict[str, tuple[float, str]]) -> frozenset[str]:
    """The units of its sentence an item asks about: its answer and what its prompt names."""
    prompt = f" {norm_key(candidate.item.prompt)} "
    out = set()
    for unit, (_weight, surface) in found.items():
        if unit == candidate.answer_id:
            out.add(unit)
        elif unit.startswith("arg:"):
            if candidate.answer_id.startswith("arg:"):
                out.add(unit)
        elif surface and f" {surface} " in prompt:
            out.add(unit)
    return frozenset(out)


def _select(
    passed: list[Candidate],
    scores: list[float],
    units: list[dict[str, tuple[float, str]]],
    paragraph_of: list[int],
    target: int,
    rejected: Counter,
) -> list[Candidate]:
    """Greedy bank: each step takes the item whose sentence and content (entities, numbers,
    terms) are least asked about yet; a second item on a sentence must bring new content."""
    by_sentence: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in passed:
        by_sentence[candidate.sentence].append(candidate)
    for group in by_sentence.values():
        group.sort(key=lambda c: (-c.score, c.item.key))
    covers = {
        c.item.key: _covered_units(c, units[c.sentence] if c.sentence < len(units) else {})
        for c in passed
    }
    weights = {u: w for found in units for u, (w, _s) in found.items()}
    chosen: list[Candidate] = []
    prompts: list[str] = []
    per_sentence: Counter = Counter()
    per_answer: Counter = Counter()
    per_type: Counter = Counter()
    dropped: set[str] = set()  # chosen or near-duplicate
    asked: set[str] = set()
    seen_paragraphs: set[int] = set()

    def candidate_value(candidate: Candidate, sentence: int) -> float:
        share = per_type[candidate.item.type] / max(1, len(chosen))
        value = candidate.score - 0.8 * share - 0.25 * min(per_answer[candidate.answer_id], 4)
        if candidate.item.answer == "False" and candidate.answer_id not in asked:
            value -= FALSE_FIRST_PENALTY  # a false statement hides the fact it swaps
        gain = sum(weights[u] for u in covers[candidate.item.key] if u not in asked)
        value += GAIN_WEIGHT * min(gain, MAX_GAIN)
        if per_sentence[sentence]:
            value -= REPEAT_PENALTY * per_sentence[sentence]
            if not gain:
                return float("-inf")  # nothing new: leave it to the fill rounds
        return value

    def best(sentence: int) -> tuple[float, Candidate | None]:
        top, top_value = None, float("-inf")
        for candidate in by_sentence[sentence]:
            if candidate.item.key in dropped:
                continue
            value = candidate_value(candidate, sentence)
            if value > top_value:
                top, top_value = candidate, value
        paragraph = paragraph_of[sentence] if sentence < len(paragraph_of) else -1
        if top is not None and paragraph not in seen_paragraphs:
            top_value += PARAGRAPH_BONUS
        return top_value, top

    def take(candidate: Candidate) -> None:
        sentence = candidate.sentence
        chosen.append(candidate)
        dropped.add(candidate.item.key)
        prompts.append(candidate.item.prompt)
        per_sentence[sentence] += 1
        per_answer[candidate.answer_id] += 1
        per_type[candidate.item.type] += 1
        asked.update(covers[candidate.item.key])
        if sentence < len(paragraph_of):
            seen_paragraphs.add(paragraph_of[sentence])

    # lazy greedy: a sentence's value only changes when it is looked at again
    heap = [(-best(s)[0], s) for s in sorted(by_sentence)]
    heapq.heapify(heap)
    while heap and len(chosen) < target:
        _neg, sentence = heapq.heappop(heap)
        value, candidate = best(sentence)
        if candidate is None or value == float("-inf"):
            continue
        if heap and value < -heap[0][0] - 1e-9:
            heapq.heappush(heap, (-value, sentence))
            continue
        if near_duplicate(candidate.item.prompt, prompts):
            dropped.add(candidate.item.key)
            rejected["near_duplicate"] += 1
        elif per_sentence[sentence] < MAX_PER_SENTENCE:
            take(candidate)
        if per_sentence[sentence] < MAX_PER_SENTENCE:
            heapq.heappush(heap, (-best(sentence)[0], sentence))
    order = sorted(by_sentence, key=lambda s: (-scores[s] if s < len(scores) else 0.0, s))
    for level in range(1, MAX_PER_SENTENCE + 1):
        for sentence in order:
            if len(chosen) >= target:
                return chosen
            if per_sentence[sentence] >= level:
                continue
            for candidate in by_sentence[sentence]:
                if candidate.item.key in dropped:
                    continue
                if near_duplicate(candidate.item.prompt, prompts):
                    dropped.add(candidate.item.key)
                    rejected["near_duplicate"] += 1
                    continue
                take(candidate)
                break
    return chosen


def result_to_contract(result: GenerationResult) -> dict:
    """The `quizapp-items/1` JSON document of DESIGN §4."""
    article = result.article
    return {
        "format": CONTRACT_FORMAT,
        "article": {"title": article.title, "sha256": article.sha256, "words": article.words},
        "items": [item.to_contract() for item in result.items],
    }
