"""Grade a response to a quiz item: correct, close (accepted with a spelling note) or wrong."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from quizapp.domain.items import QuizItem

Verdict = Literal["correct", "close", "wrong"]

# What a typed answer may differ in and still be right: shown to authors beside the accepted
# answers (and on the blind-rating sheets), so nobody lists forms grading already takes.
GRADING_POLICY = (
    "Typed answers are right whatever their capitals, accents, punctuation, spaces or hyphens "
    "inside words and currency signs, with or without a leading a, an or the, in digits or "
    "words (12th as 12), with m, bn or k for million, billion or thousand, per cent as percent "
    "or %, a unit written out or short (mm or millimetres, °C or degrees Celsius), a time as "
    "3:57:02 or 3hr 57min 2sec, and an estimate with or without about, around, roughly or "
    "approximately; a small misspelling of a word of five letters or more is accepted with a "
    "spelling note."
)

ARTICLES = frozenset({"a", "an", "the"})
TRUE_WORDS = frozenset({"true", "t", "yes", "y"})
FALSE_WORDS = frozenset({"false", "f", "no", "n"})
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})  # fmt: skip
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

# after a number, in money and counts: "£1.9m", "$3bn", "40k" (a metre is folded the same way
# on both sides, so "100m" still matches "100 m")
SCALE_ABBREVIATIONS = {"m": "million", "mn": "million", "bn": "billion", "k": "thousand"}
# A unit after a number, written out or short, folds to one form on both sides ("m" stays
# "million": "100m" is matched through the accepted "100 m" instead)
UNIT_FORMS = {
    "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "gram": "g", "grams": "g",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "mile": "mi", "miles": "mi",
    "foot": "ft", "feet": "ft", "tonne": "t", "tonnes": "t", "pence": "p", "penny": "p",
    "second": "sec", "seconds": "sec", "secs": "sec", "minute": "min", "minutes": "min",
    "mins": "min", "hour": "hr", "hours": "hr", "hrs": "hr", "h": "hr", "celsius": "c",
}  # fmt: skip
CLOCK_UNITS = frozenset({"hr", "min", "sec"})
# Words that only say a figure is an estimate: "about £61,000" is "around £61,000" and "£61,000"
ESTIMATE_WORDS = frozenset({
    "about", "around", "approximately", "approx", "roughly", "some", "nearly", "almost",
    "circa", "c", "estimated",
})  # fmt: skip
_THOUSANDS_SEP = re.compile(r"(?<=\d)[,\u00a0\u202f'](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)
_ORDINAL_SUFFIX = re.compile(r"^(st|nd|rd|th)$")


@dataclass(frozen=True)
class Grade:
    """The verdict on one response and feedback that always states the correct answer."""

    verdict: Verdict
    feedback: str

    @property
    def accepted(self) -> bool:
        """Correct or close: both count as right for scoring and scheduling."""
        return self.verdict != "wrong"


@dataclass(frozen=True)
class _Form:
    """A normalised answer: word tokens and number tokens kept apart."""

    tokens: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if not _is_number(t))

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if _is_number(t))

    @property
    def joined(self) -> str:
        return "".join(self.tokens)


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _canonical_number(token: str) -> str:
    if "." in token:
        whole, frac = token.split(".", 1)
        frac = frac.rstrip("0")
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{frac}" if frac else whole
    return token.lstrip("0") or "0"


def _words_to_numbers(tokens: list[str]) -> list[str]:
    """Replace runs of number words ("twenty five", "two thousand") with digits."""
    out: list[str] = []
    total = current = 0
    in_number = after_scale = False

    def flush() -> None:
        nonlocal total, current, in_number, after_scale
        if in_number:
            out.append(str(total + current))
        total = current = 0
        in_number = after_scale = False

    for token in tokens:
        scale_word = token in SCALES and in_number
        if token == "and" and after_scale:
            continue  # "two hundred and five"
        after_scale = scale_word
        if token in UNITS:
            current += UNITS[token]
            in_number = True
        elif scale_word:
            scale = SCALES[token]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif token in ORDINALS:
            flush()
            out.append(str(ORDINALS[token]))
        else:
            flush()
            out.append(token)
    flush()
    return out


def normalise(text: str) -> _Form:
    """Case, width, punctuation, spacing, number words and a leading article folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # "El Nino" for "El Niño": accents never decide an answer
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _THOUSANDS_SEP.sub("", text)
    text = text.replace("%", " percent ").replace("&", " and ")
    text = text.replace("per cent", "percent")
    # Apostrophes join ("Qur'an", "Houthis'"); every other mark separates words.
    text = re.sub(r"['\u2019\u02bc`]", "", text)
    raw = _TOKEN.findall(text)
    tokens: list[str] = []
    for token in raw:
        if tokens and _is_number(tokens[-1]) and _ORDINAL_SUFFIX.match(token):
            continue  # "3rd" → "3"
        if tokens and _is_number(tokens[-1]) and token in SCALE_ABBREVIATIONS:
            token = SCALE_ABBREVIATIONS[token]  # "£1.9m" → "1.9 million"
        elif tokens and _is_number(tokens[-1]) and token == "degrees":
            token = "c"  # "1,500 degrees Celsius" as "1500°C"
        elif tokens and tokens[-1] == "c" and token == "celsius":
            continue
        elif tokens and _is_number(tokens[-1]) and token in UNIT_FORMS:
            token = UNIT_FORMS[token]  # "204.8 millimetres" as "204.8mm"
        tokens.append(token)
    tokens = _words_to_numbers(tokens)
    # "6 to 35" is the range "6-35"
    tokens = [
        t
        for i, t in enumerate(tokens)
        if not (
            t == "to"
            and 0 < i < len(tokens) - 1
            and _is_number(tokens[i - 1])
            and _is_number(tokens[i + 1])
        )
    ]
    tokens = [_canonical_number(t) if _is_number(t) else t for t in tokens]
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return _Form(tuple(tokens))


def _typo_budget(word: str) -> int:
    """Edits forgiven in a word: none under 5 letters, 1 for 5–8, 2 for longer words."""
    if len(word) < 5:
        return 0
    return 1 if len(word) <= 8 else 2


def _numbers_match(expected: _Form, given: _Form) -> bool:
    if any(w in MONTHS for w in expected.words):
        # Dates may be written day-first or month-first; every number must still be there.
        return sorted(expected.numbers) == sorted(given.numbers)
    return expected.numbers == given.numbers


def _without_estimate(form: _Form) -> _Form:
    """A figure without the words that only say it is an estimate ("about 25" → "25")."""
    tokens = list(form.tokens)
    while len(tokens) > 1 and tokens[0] in ESTIMATE_WORDS and any(map(_is_number, tokens)):
        tokens.pop(0)
    return _Form(tuple(tokens))


def _same_clock_time(expected: _Form, given: _Form) -> bool:
    """ "3:57:02" and "3hr 57min 2sec": the same two or more numbers, one side naming their
    units and the other none."""
    if len(expected.numbers) < 2 or expected.numbers != given.numbers:
        return False
    named = [form.words for form in (expected, given) if form.words]
    return len(named) == 1 and set(named[0]) <= CLOCK_UNITS


def _compare(expected: _Form, given: _Form) -> Verdict:
    """Compare one accepted form with the response."""
    if not given.tokens or not expected.tokens:
        return "wrong"
    expected, given = _without_estimate(expected), _without_estimate(given)
    if expected.tokens == given.tokens or expected.joined == given.joined:
        return "correct"
    if _same_clock_time(expected, given):
        return "correct"
    if not _numbers_match(expected, given):
        return "wrong"
    want, got = expected.words, given.words
    if len(want) != len(got):
        return "wrong"
    verdict: Verdict = "correct"
    for w, g in zip(want, got, strict=True):
        if w == g:
            continue
        budget = _typo_budget(w)
        if budget == 0 or Levenshtein.distance(w, g, score_cutoff=budget) > budget:
            return "wrong"
        verdict = "close"
    return verdict


def _grade_text(item: QuizItem, response: str) -> Grade:
    given = normalise(response)
    best: Verdict = "wrong"
    best_form = item.answer
    for candidate in [item.answer, *item.accepted]:
        if not candidate or not candidate.strip():
            continue
        expected = normalise(candidate)
        if not expected.tokens:
            # An answer made only of symbols can only be matched literally.
            same = candidate.strip().casefold() == response.strip().casefold()
            verdict: Verdict = "correct" if same else "wrong"
        else:
            verdict = _compare(expected, given)
        if verdict == "correct":
            return Grade("correct", f"Correct: {item.answer}.")
        if verdict == "close" and best == "wrong":
            best, best_form = verdict, candidate
    if best == "close":
        return Grade("close", f"Accepted; check the spelling: {best_form}")
    return Grade("wrong", f"Not quite. The correct answer is: {item.answer}.")


def _grade_mcq(item: QuizItem, response: str | int) -> Grade:
    choices = list(item.choices)
    chosen: str | None = None
    if isinstance(response, int) and not isinstance(response, bool):
        if 0 <= response < len(choices):
            chosen = choices[response]
    else:
        text = str(response).strip()
        if text in choices:
            chosen = text
        else:
            form = normalise(text)
            matches = [c for c in choices if normalise(c) == form]
            chosen = matches[0] if len(matches) == 1 else None
    if chosen is not None and chosen.strip() == item.answer.strip():
        return Grade("correct", f"Correct: {item.answer}.")
    return Grade("wrong", f"Not quite. The correct answer is: {item.answer}.")


def parse_true_false(response: str | int | bool) -> bool | None:
    """True/False from true/false/t/f/yes/no (any case), a bool, or 1/0; None if unclear."""
    if isinstance(response, bool):
        return response
    if isinstance(response, int):
        return {1: True, 0: False}.get(response)
    word = " ".join(normalise(str(response)).tokens)
    if word in TRUE_WORDS or word == "1":
        return True
    if word in FALSE_WORDS or word == "0":
        return False
    return None


def _grade_true_false(item: QuizItem, response: str | int) -> Grade:
    expected = parse_true_false(item.answer)
    given = parse_true_false(response)
    label = "True" if expected else "False"
    if given is None:
        return Grade("wrong", f"Answer true or false. The statement is {label}.")
    if given == expected:
        return Grade("correct", f"Correct: the statement is {label}.")
    return Grade("wrong", f"Not quite. The statement is {label}.")


def grade(item: QuizItem, response: str | int | None) -> Grade:
    """Grade a response: an int is an mcq choice index, a string is typed or chosen text."""
    if response is None or (isinstance(response, str) and not response.strip()):
        correct = item.answer
        if item.type == "true_false":
            correct = "True" if parse_true_false(item.answer) else "False"
        return Grade("wrong", f"No answer given. The correct answer is: {correct}.")
    if item.type == "mcq" and item.choices:
        return _grade_mcq(item, response)
    if item.type == "true_false" and parse_true_false(item.answer) is not None:
        return _grade_true_false(item, response)
    return _grade_text(item, str(response))
