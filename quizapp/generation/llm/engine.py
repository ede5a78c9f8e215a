"""The LLM engine: ask per chunk, ground every item, then the rule engine's gates and ranking;
and the rule engine's bank as the fill-in when the model gives too little (pure but for the
`complete` function it is handed)."""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.domain.items import QuizItem
from quizapp.domain.textnorm import norm_key
from quizapp.generation.analyse import analyse
from quizapp.generation.distractors import surface_forms
from quizapp.generation.entities import identity
from quizapp.generation.gate import hard_failures, near_duplicate
from quizapp.generation.llm import prompt
from quizapp.generation.llm.client import Completion, EndpointError
from quizapp.generation.llm.grounding import REASONS, ground
from quizapp.generation.llm.settings import LlmSettings
from quizapp.generation.pipeline import (
    ARGUMENT_UNIT,
    _soft_failures,
    _unit_weight,
    default_count,
)
from quizapp.generation.rank import MIN_ACCEPTABILITY, rescore, select_bank
from quizapp.generation.realise import Candidate
from quizapp.generation.segment import Article, require_generation_language
from quizapp.generation.select import answers, sentence_score

Complete = Callable[[LlmSettings, list[dict[str, str]], dict], Completion]
Progress = Callable[[float, str], None]

RESPONSE_PROBLEMS = {
    "malformed_response": "an answer that was not the JSON asked for",
    "truncated_response": "an answer cut off at its length limit",
}
GATE_NAMES = {
    "below_acceptability_floor": "rated too unlikely to be accepted",
    "outranked": "outranked by better items",
    "near_duplicate": "near-duplicate of another item",
}


@dataclass
class LlmRun:
    """What the LLM engine produced and dropped, what it spent, and why it stopped early."""

    items: list[QuizItem] = field(default_factory=list)
    returned: int = 0  # items the model returned, well-formed or not
    rejected: Counter = field(default_factory=Counter)  # grounding, gate and rank reasons
    problems: Counter = field(default_factory=Counter)  # unusable responses
    tokens: int = 0
    parts_done: int = 0
    parts: int = 0
    stopped: str = ""  # why the engine stopped before the last part ("" when it did not)

    @property
    def dropped(self) -> int:
        """Items the model returned that did not reach the bank (grounding, gates, ranking)."""
        return sum(self.rejected.values())


def generate_llm(
    article: Article,
    settings: LlmSettings,
    complete: Complete,
    *,
    count: int | None = None,
    progress: Progress | None = None,
) -> LlmRun:
    """Ask the model about every chunk (within the token cap), keep what is grounded and gated."""
    require_generation_language(article)
    report = progress or (lambda _fraction, _message: None)
    plan = prompt.plan(article, settings)
    run = LlmRun(parts=len(plan.chunks))
    raw_items: list = []
    for index, chunk in enumerate(plan.chunks):
        if run.tokens + prompt.chunk_tokens(chunk, settings.output_tokens) > settings.max_tokens:
            run.stopped = f"the token cap ({settings.max_tokens:,}) was reached"
            break
        report(0.05 + 0.6 * index / max(1, len(plan.chunks)), "asking the language model")
        try:
            reply = complete(settings, prompt.messages(article, chunk), prompt.RESPONSE_FORMAT)
        except EndpointError as error:
            run.stopped = str(error)
            break
        run.parts_done += 1
        run.tokens += reply.tokens or prompt.chunk_tokens(chunk, settings.output_tokens)
        raw_items.extend(_items_of(reply, run.problems))
    run.returned = len(raw_items)
    report(0.7, "checking the model's items against the article")
    grounded = []
    for raw in raw_items:
        result = ground(raw, article)
        if result.item is None:
            run.rejected[result.reason] += 1
        else:
            grounded.append(result.item)
    run.items = _gate_and_rank(article, grounded, count, run.rejected)
    report(1.0, "done")
    return run


def _items_of(reply: Completion, problems: Counter) -> list:
    """The raw items of one reply; a cut-off or non-JSON reply counts as a problem instead."""
    if reply.finish_reason == "length":
        problems["truncated_response"] += 1
        return []
    try:
        data = json.loads(reply.content)
    except ValueError:
        problems["malformed_response"] += 1
        return []
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        problems["malformed_response"] += 1
        return []
    return items


def _gate_and_rank(
    article: Article, grounded: list[QuizItem], count: int | None, rejected: Counter
) -> list[QuizItem]:
    """The rule engine's gates, acceptability floor, coverage-aware selection and order."""
    if not grounded:
        return []
    analysis = analyse(article)
    forms = surface_forms(analysis)
    scores, units, paragraph_of = _sentence_context(article, analysis)
    starts = [s.start for s in article.sentences]
    passed: list[Candidate] = []
    for item in grounded:
        reasons = hard_failures(item, article, forms) + _soft_failures(item)
        if reasons:
            rejected.update(set(reasons))
            continue
        sentence = _sentence_of(starts, item.source_start or 0)
        answer_id = identity(item.answer)
        if item.kind == "argument":
            answer_id = f"arg:{sentence}"
            if sentence < len(units):
                units[sentence][answer_id] = (ARGUMENT_UNIT, "")
        base = scores[sentence] if sentence < len(scores) else 0.0
        candidate = rescore(Candidate(item, sentence, answer_id, base))
        if candidate.floor_score < MIN_ACCEPTABILITY:
            rejected["below_acceptability_floor"] += 1
            continue
        passed.append(candidate)
    target = default_count(article.words) if count is None else max(0, int(count))
    if count is None:
        target = min(target, len({c.sentence for c in passed}))
    duplicates = rejected["near_duplicate"]
    chosen = select_bank(passed, scores, units, paragraph_of, target, rejected)
    outranked = len(passed) - len(chosen) - (rejected["near_duplicate"] - duplicates)
    if outranked > 0:
        rejected["outranked"] += outranked
    chosen.sort(key=lambda c: (-c.item.score, c.item.source_start or 0))
    return [c.item for c in chosen]


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _sentence_context(article: Article, analysis) -> tuple[list, list, list]:
    """Per sentence: key-sentence score, what it is about, and its paragraph (as the pipeline)."""
    paragraph_of = [article.paragraph_index(s.start) for s in analysis.sentences]
    total = max(len(analysis.sentences), 1)
    scores, units = [], []
    for info in analysis.sentences:
        first = info.index == 0 or paragraph_of[info.index - 1] != paragraph_of[info.index]
        scores.append(sentence_score(info, info.index / total, first))
        units.append(
            {
                a.entity.key: (_unit_weight(a.entity.label, a.weight), norm_key(a.entity.text))
                for a in answers(article.text, info)
            }
        )
    return scores, units, paragraph_of


def fill_in(llm_items: list[QuizItem], rule_items: list[QuizItem], target: int) -> list[QuizItem]:
    """The LLM's items, then rule items on sentences the LLM left unasked, up to `target`.

    With no LLM items this is the rule engine's bank unchanged."""
    for item in rule_items:
        item.engine = item.engine or "rules"
    if not llm_items:
        return list(rule_items)
    chosen = list(llm_items)
    spans = [(i.source_start or 0, i.source_end or 0) for i in llm_items]
    prompts = [i.prompt for i in llm_items]
    for item in rule_items:
        if len(chosen) >= target:
            break
        start, end = item.source_start or 0, item.source_end or 0
        if any(start < e and s < end for s, e in spans) or near_duplicate(item.prompt, prompts):
            continue
        chosen.append(item)
        prompts.append(item.prompt)
    chosen.sort(key=lambda i: -i.score)
    return chosen


def needs_rules(run: LlmRun, article: Article, count: int | None) -> bool:
    """Whether the rule engine must fill in: the model stopped early or gave too few items."""
    target = default_count(article.words) if count is None else count
    return bool(run.stopped) or len(run.items) < target


def describe(run: LlmRun, *, rule_items: int) -> str:
    """What the LLM engine did, in sentences for the job page and the command line."""
    parts: list[str] = []
    if run.stopped and not run.parts_done:
        parts.append(f"The LLM engine could not be used: {run.stopped}.")
    else:
        parts.append(
            f"LLM engine: {run.parts_done} of {run.parts} part(s) asked, {run.tokens:,} tokens; "
            f"the model returned {run.returned} item(s), {len(run.items)} kept."
        )
        if run.stopped:
            parts.append(f"It stopped early: {run.stopped}.")
    if run.dropped:
        reasons = ", ".join(
            f"{REASONS.get(r, GATE_NAMES.get(r, r.replace('_', ' ')))}: {n}"
            for r, n in sorted(run.rejected.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        parts.append(f"{run.dropped} dropped, never shown as drafts ({reasons}).")
    if run.problems:
        bad = ", ".join(f"{RESPONSE_PROBLEMS[p]}: {n}" for p, n in sorted(run.problems.items()))
        parts.append(f"Unusable answers from the model ({bad}).")
    if rule_items and run.items:
        parts.append(f"The rule engine added {rule_items} item(s) on sentences the model left.")
    elif rule_items:
        parts.append(f"The rule engine wrote {rule_items} item(s) instead.")
    return " ".join(parts)
