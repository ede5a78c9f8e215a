"""Select, part two of blanks.py: whether the rest of a sentence gives a blank's answer away
("88 keys, 52 white and ____ black", "Five per cent of £____ is £50", "the tip of the whip"
beside "The crack of ____", "the Koebner phenomenon, after … ____") (pure)."""

from __future__ import annotations

import re
import unicodedata

from quizapp.generation.select import zipf


def sum_of_others(quote: str, start: int, end: int, answer: str) -> bool:
    """Whether the answer is what is left of one number of its sentence after another ("88
    keys, 52 white and ____ black"; "from 118 to 91", ____ fewer)."""
    value = int(answer.replace(",", ""))
    others = [
        int(m.group().replace(",", ""))
        for m in re.finditer(r"(?<![\d.,])\d[\d,]*(?![\d.,]?\d)", quote)
        if not start <= m.start() < end and m.group().replace(",", "").isdigit()
    ]
    others = [n for n in others if not 1000 < n < 2100]  # years apart are no give-away
    if any(a - b == value for a in others for b in others if a > b > 0):
        return True
    totals = re.search(r"\b(?:total|in all|altogether|combined)\b", quote)  # "138 … and 274 …,
    # ____ in total" or "____ vehicles: 138 … and 274 …": a sum said to be one (never "21
    # points with 10 rebounds and 11 assists")
    broken_down = ":" in quote[end : end + 40]
    return bool(totals or broken_down) and any(
        a + b == value for i, a in enumerate(others) for b in others[i + 1 :]
    )


_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# words that make a number the sum, difference or ratio of two others in the sentence
_ARITHMETIC = re.compile(
    r"\b(?:more|fewer|less|higher|lower|bigger|smaller) than\b|\b(?:up|down) from\b|\bshort of\b|"
    r"\bdivided by\b|\bmultiplied by\b|\btimes\b|\bminus\b|\bplus\b|\bin total\b|\baltogether\b|"
    r"\bcombined\b|\bdifference\b|\bper ?cent of\b|%\s+of\b",
    re.IGNORECASE,
)


def compound_given_away(answer: str, rest: str) -> bool:
    """Whether a lower-case answer word is built on a word the rest of the sentence writes
    ("bullwhip" on "whip", "turbofan" on "fan", "galls" on "gall")."""
    words = {w for w in re.findall(r"[a-z]+", rest.lower()) if len(w) >= 3 and zipf(w) < 6}
    for part in re.findall(r"[a-z]+", answer):
        if part != answer.split()[-1].lower() and len(answer.split()) > 1:
            continue  # "oak galls": the head carries it
        if len(part) < 5 or not answer[:1].islower():
            continue
        if any(w != part and (part.endswith(w) or part.startswith(w)) for w in words):
            return True
    return False


def _plain(word: str) -> str:
    """The word without its accents ("köbner" → "kobner")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def named_elsewhere(name: str, rest: str) -> bool:
    """Whether the rest of the sentence writes the name's last word, however it spells its
    umlaut ("Koebner" for Köbner) or accents."""
    last = name.split()[-1].lower() if name.split() else ""
    if len(last) < 4:
        return False
    wanted = _spellings(last)
    lowered = rest.lower()
    if not any(form in whole for form in wanted for whole in _spellings(lowered)):
        return False  # the common case, without spelling out every word of the sentence
    words = set().union(*(_spellings(w) for w in re.findall(r"[^\W\d_]+", lowered)))
    return bool(wanted & words)


def _spellings(word: str) -> set[str]:
    """A word with its umlauts written out and without its accents."""
    return {word.replace("ö", "oe").replace("ü", "ue").replace("ä", "ae"), _plain(word)}


def worked_out(quote: str, start: int, end: int) -> bool:
    """Whether the blanked number is the sum, difference, ratio or percentage of two numbers
    the sentence also gives, and says so ("more than", "divided by", "per cent of"): one sum
    away from the answer."""
    found = _NUMBER.search(quote[start:end])
    if found is None or not _ARITHMETIC.search(quote):
        return False
    value = number_value(found.group())
    others = [
        number_value(m.group())
        for m in _NUMBER.finditer(quote)
        if not (start <= m.start() < end) and not re.fullmatch(r"1[5-9]\d\d|20\d\d", m.group())
    ]
    others += [
        float(SMALL_NUMBERS[m.group().lower()])
        for m in re.finditer(rf"\b(?:{'|'.join(SMALL_NUMBERS)})\b", quote, re.IGNORECASE)
        if not start <= m.start() < end
    ]  # "Five per cent of £____ is £50"
    for i, one in enumerate(others):
        for other in others[i + 1 :]:
            results = (one + other, abs(one - other), one / other if other else 0)
            results += (other / one if one else 0, one * other / 100, one * other)
            results += (100 * other / one if one else 0, 100 * one / other if other else 0)
            # "Five per cent of £____ is £50" (1,000)
            if any(abs(result - value) <= 1e-6 * max(1.0, value) for result in results):
                return True
    return False


SMALL_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
}  # fmt: skip


def number_value(number: str) -> float:
    """A number as written ("412,500", "1.2") as a float (0 for a malformed one, "1.2.3")."""
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return 0.0
