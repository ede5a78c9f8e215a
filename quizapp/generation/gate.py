"""Quality gates every generated item passes; each rejection names its reason (pure)."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from quizapp.domain.items import CLOZE_BLANK, QuizItem
from quizapp.domain.textnorm import contains_phrase, norm_key
from quizapp.generation.distractors import classify
from quizapp.generation.entities import aliases_of, identity
from quizapp.generation.realise import ARGUMENT_PREFIX
from quizapp.generation.segment import Article

HARD_GATES = (
    "quote_mismatch",
    "answer_not_in_quote",
    "mcq_answer_count",
    "distractor_is_answer",
    "distractor_type",
    "distractor_true",
    "false_statement_stated",
    "true_statement_not_in_quote",
    "prompt_contains_answer",
    "cloze_without_blank",
    "article_agreement",
)
DUPLICATE_RATIO = 90
SUBJECT_LINE = re.compile(r"[A-Z][\w'’-]*(?: [\w'’-]+){0,3}: ")  # the article's subject


CONTEXT_REACH = 400  # characters before a sentence that may hold its context line


def statement_of(item: QuizItem, before: str = "") -> str:
    """The claim a true/false prompt makes, without its framing; `before` is the article's
    text just before the item's sentence (the sentence shown ahead of it as context)."""
    prompt = item.prompt
    line = SUBJECT_LINE.match(prompt)
    if line and not item.quote.startswith(line.group(0)):
        prompt = prompt[line.end() :]  # "Cutty Sark: The ship …" states only what follows
    context, stop, rest = prompt.partition(". ")
    if before and stop and rest and before.rstrip().endswith(f"{context}."):
        prompt = rest  # the sentence before, shown as context, is not what is claimed
    if prompt.startswith(ARGUMENT_PREFIX):
        prompt = prompt[len(ARGUMENT_PREFIX) :]
    return prompt


def hard_failures(item: QuizItem, article: Article, forms: dict[str, str]) -> list[str]:
    """Names of the hard gates this item fails (empty when it passes them all)."""
    text = article.text
    failures: list[str] = []
    start, end = item.source_start, item.source_end
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return ["quote_mismatch"]
    if text[start:end] != item.quote:
        failures.append("quote_mismatch")
    if item.type == "true_false":
        statement = statement_of(item, text[max(0, start - CONTEXT_REACH) : start])
        if item.answer == "False" and contains_phrase(text, statement):
            failures.append("false_statement_stated")
        if item.answer == "True" and not _stated_in(item.quote, statement):
            failures.append("true_statement_not_in_quote")
        if item.answer not in ("True", "False"):
            failures.append("answer_not_in_quote")
        return failures
    if not _answer_in_quote(item.quote, item.answer):
        failures.append("answer_not_in_quote")
    if _prompt_has_answer(item):
        failures.append("prompt_contains_answer")
    if item.type == "cloze" and CLOZE_BLANK not in item.prompt:
        failures.append("cloze_without_blank")
    if item.type == "mcq":
        failures.extend(_mcq_failures(item, text, forms))
    if not _articles_agree(item):
        failures.append("article_agreement")
    return failures


def _answer_in_quote(quote: str, answer: str) -> bool:
    """Whether the quote holds the answer as whole words, or as a number whose unit stays
    outside the blank ("an ____% increase" of "an 8.9% increase", "from £____")."""
    if contains_phrase(quote, answer):
        return True
    number = re.search(r"\d", answer) is not None
    unit = r"(?:m|bn|k)?(?![\w]|\.\d)"  # "£____m" of "£1.6m"
    found = re.search(rf"(?<![\w.]){re.escape(answer)}{unit}", quote, re.IGNORECASE)
    return number and found is not None


RESOLVED_WORDS = 4  # a true statement may name what the quote's opening pronoun refers to


def _stated_in(quote: str, statement: str) -> bool:
    """The quote states it: word for word, or with only its opening pronoun written out."""
    if contains_phrase(quote, statement):
        return True
    opening = re.match(r"\W*(?:It|They|He|She|Its|Their|His|Her|The [\w-]+(?: [\w-]+)?)\b", quote)
    words = statement.split()
    return bool(opening) and any(
        contains_phrase(quote, " ".join(words[k:])) for k in range(1, RESOLVED_WORDS + 1)
    )


def _prompt_has_answer(item: QuizItem) -> bool:
    surfaces = [item.answer, *item.accepted, *aliases_of(item.answer)]
    return any(contains_phrase(item.prompt, s) for s in surfaces if len(norm_key(s)) > 1)


def _mcq_failures(item: QuizItem, text: str, forms: dict[str, str]) -> list[str]:
    failures: list[str] = []
    keys = [norm_key(c) for c in item.choices]
    if keys.count(norm_key(item.answer)) != 1 or len(set(keys)) != len(keys) or len(keys) < 2:
        failures.append("mcq_answer_count")
    answer_id = identity(item.answer)
    accepted = {norm_key(a) for a in item.accepted} | {norm_key(a) for a in aliases_of(item.answer)}
    answer_form = classify(item.answer, forms)
    for choice in item.choices:
        if norm_key(choice) == norm_key(item.answer):
            continue
        if identity(choice) == answer_id or norm_key(choice) in accepted:
            failures.append("distractor_is_answer")
        if classify(choice, forms) != answer_form:
            failures.append("distractor_type")
        if _substituted_statement_stated(item, choice, text):
            failures.append("distractor_true")
    return sorted(set(failures))


def _substituted_statement_stated(item: QuizItem, choice: str, text: str) -> bool:
    """Whether the source sentence with the distractor in place of the answer is in the article."""
    pattern = re.compile(re.escape(item.answer), re.IGNORECASE)
    if not pattern.search(item.quote):
        return False
    swapped = pattern.sub(lambda _m: choice, item.quote, count=1)
    return contains_phrase(text, swapped)


_AN_EXCEPTIONS = ("uni", "use", "usu", "eu", "one", "once")


def _wants_an(word: str) -> bool:
    lower = word.lower()
    if lower.startswith(_AN_EXCEPTIONS):
        return False
    if word[:1].isdigit():  # "an 8.9% increase", "an 11-year-old", "an 18,000-seat arena"
        return word[0] == "8" or re.match(r"1[18](?:,\d{3})*(?![\d,])", word) is not None
    if word.isupper() and len(word) > 1:
        return word[0] in "AEFHILMNORSX"
    return lower[:1] in "aeiou" or lower.startswith(("hour", "honest", "heir"))


def _articles_agree(item: QuizItem) -> bool:
    match = re.search(r"\b(a|an)\s+" + re.escape(CLOZE_BLANK), item.prompt, re.IGNORECASE)
    if not match:
        return True
    want_an = match.group(1).lower() == "an"
    options = item.choices or [item.answer]
    return all(_wants_an(opt.split()[0]) == want_an for opt in options if opt.split())


def near_duplicate(prompt: str, prompts: list[str]) -> bool:
    """Whether a prompt is a near-duplicate (rapidfuzz ratio ≥ 90) of one already kept."""
    return any(fuzz.ratio(prompt, other, score_cutoff=DUPLICATE_RATIO) for other in prompts)


def duplicate_rate(items: list[QuizItem]) -> float:
    """Share of items whose prompt is a near-duplicate of an earlier item's prompt."""
    kept: list[str] = []
    dupes = 0
    for item in items:
        if near_duplicate(item.prompt, kept):
            dupes += 1
        kept.append(item.prompt)
    return dupes / len(items) if items else 0.0


def audit(items: list[QuizItem], article: Article, forms: dict[str, str]) -> Counter:
    """Count hard-gate failures over a list of items (the harness asserts this is empty)."""
    counts: Counter = Counter()
    for item in items:
        counts.update(hard_failures(item, article, forms))
    return counts
