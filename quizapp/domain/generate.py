"""Article → ranked, gated bank of quiz items; the quizapp-items/1 JSON contract (pure)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.domain.article import Article
from quizapp.domain.distractors import surface_forms
from quizapp.domain.facts import answers, arguments, sentence_score
from quizapp.domain.items import QuizItem
from quizapp.domain.nlp import analyse
from quizapp.domain.quality import hard_failures, near_duplicate
from quizapp.domain.questions import Candidate, argument_candidates, fact_candidates

CONTRACT_FORMAT = "quizapp-items/1"
WORDS_PER_ITEM = 25
MIN_ITEMS, MAX_ITEMS = 10, 150
MAX_PER_SENTENCE = 3
MAX_PROMPT_WORDS = 70
GAIN_WEIGHT = 1.0  # value of asking about entities, numbers and terms not asked about yet
MAX_GAIN = 3.0
PARAGRAPH_BONUS = 0.6  # the first item of a paragraph not asked about yet
ARGUMENT_UNIT = 1.0
TERM_UNIT_SHARE = 0.6
FALSE_FIRST_PENALTY = 0.5
NUMBER_UNIT_BOOST = 1.5
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
    """Over-generate candidates, gate them, rank with per-paragraph coverage, keep the best N."""
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
    units: list[dict[str, float]] = []  # what each sentence is about, for coverage-aware ranking
    pool: list[Candidate] = []
    for info in analysis.sentences:
        first = info.index == 0 or paragraph_of[info.index - 1] != paragraph_of[info.index]
        score = sentence_score(info, info.index / total, first)
        scores.append(score)
        strong = any(t.lower_ in STRONG_CUES for t in info.tokens)
        kind = "argument" if strong else "fact"
        found = answers(text, info)
        units.append({a.entity.key: _unit_weight(a.entity.label, a.weight) for a in found})
        for answer in found:
            pool.extend(fact_candidates(analysis, info, answer, forms, rng, score, kind))
        if info.index % 50 == 49:
            report(0.6 + 0.25 * info.index / total, "building questions")
    statements = arguments(analysis)
    for statement in statements:
        base = scores[statement.sentence] if statement.sentence < len(scores) else 0.0
        made = argument_candidates(analysis, statement, statements, rng, base)
        if made and statement.sentence < len(units):
            units[statement.sentence][f"arg:{statement.sentence}"] = ARGUMENT_UNIT
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


def _select(
    passed: list[Candidate],
    scores: list[float],
    units: list[dict[str, float]],
    paragraph_of: list[int],
    target: int,
    rejected: Counter,
) -> list[Candidate]:
    """Greedy bank: first one item per sentence, taking next the sentence whose entities,
    numbers and terms are least asked about yet (new paragraphs first); then more per sentence."""
    by_sentence: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in passed:
        by_sentence[candidate.sentence].append(candidate)
    for group in by_sentence.values():
        group.sort(key=lambda c: (-c.score, c.item.key))
    order = sorted(by_sentence, key=lambda s: (-scores[s] if s < len(scores) else 0.0, s))
    chosen: list[Candidate] = []
    prompts: list[str] = []
    per_sentence: Counter = Counter()
    per_answer: Counter = Counter()
    per_type: Counter = Counter()
    skipped_dupes: set[str] = set()
    chosen_keys: set[str] = set()
    asked: set[str] = set()
    seen_paragraphs: set[int] = set()

    def take(sentence: int, first: bool = False) -> bool:
        best, best_value = None, None
        for candidate in by_sentence[sentence]:
            if candidate.item.key in skipped_dupes or candidate.item.key in chosen_keys:
                continue
            if near_duplicate(candidate.item.prompt, prompts):
                skipped_dupes.add(candidate.item.key)
                rejected["near_duplicate"] += 1
                continue
            share = per_type[candidate.item.type] / max(1, len(chosen))
            value = candidate.score - 0.8 * share - 0.25 * min(per_answer[candidate.answer_id], 4)
            if first and candidate.item.answer == "False" and candidate.answer_id not in asked:
                # a false statement hides its swapped fact: not the only item on a new fact
                value -= FALSE_FIRST_PENALTY
            if best_value is None or value > best_value:
                best, best_value = candidate, value
        if best is None:
            return False
        chosen.append(best)
        chosen_keys.add(best.item.key)
        prompts.append(best.item.prompt)
        per_sentence[sentence] += 1
        per_answer[best.answer_id] += 1
        per_type[best.item.type] += 1
        if sentence < len(units):
            asked.update(units[sentence])
        if sentence < len(paragraph_of):
            seen_paragraphs.add(paragraph_of[sentence])
        return True

    def value(sentence: int) -> float:
        found = units[sentence] if sentence < len(units) else {}
        gain = sum(w for unit, w in found.items() if unit not in asked)
        paragraph = paragraph_of[sentence] if sentence < len(paragraph_of) else -1
        fresh = PARAGRAPH_BONUS if paragraph not in seen_paragraphs else 0.0
        return by_sentence[sentence][0].score + GAIN_WEIGHT * min(gain, MAX_GAIN) + fresh

    open_sentences = set(by_sentence)
    while len(chosen) < target and open_sentences:
        sentence = max(open_sentences, key=lambda s: (value(s), -s))
        open_sentences.discard(sentence)
        take(sentence, first=True)
    for level in range(2, MAX_PER_SENTENCE + 1):
        for sentence in order:
            if len(chosen) >= target:
                return chosen
            if per_sentence[sentence] < level:
                take(sentence)
    return chosen


def result_to_contract(result: GenerationResult) -> dict:
    """The `quizapp-items/1` JSON document of DESIGN §4."""
    article = result.article
    return {
        "format": CONTRACT_FORMAT,
        "article": {"title": article.title, "sha256": article.sha256, "words": article.words},
        "items": [item.to_contract() for item in result.items],
    }
