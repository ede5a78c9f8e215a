"""Realise, part two (numbers): other ways a learner may write a number, a quantity, a range or
a date the key gives ("10 million" for "more than 10 million", "2,300 km", "April 10, 1912")."""

from __future__ import annotations

import re

from quizapp.generation.giveaways import number_value

NUMBER_NAMES = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
# Approximations and lower bounds; never an upper bound: "less than 8 hours" is not "8 hours".
QUALIFIERS = re.compile(
    r"^(?:only\s+|just\s+)?(?:about|nearly|almost|some|around|roughly|approximately|"
    r"an estimated|estimated|close to|more than|no more than|at least|up to|over|just over|"
    r"as many as|as much as|below|under|just under|less than|fewer than)\s+|"
    r"^(?:only|just)\s+(?=[£$€]?\d)",
    re.IGNORECASE,
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_PATTERN = "|".join(MONTHS)


# "6 to 35 years" → "6-35 years", "6 to 35"; "45-day" → "45 days", "45"
_RANGE = re.compile(r"(\d[\d,.]*)\s*(?:to|-|–)\s*(\d[\d,.]*)(?:\s+([a-z]+))?")
_DURATION_MODIFIER = re.compile(r"(\d+)-(day|week|month|year|hour|minute|mile|metre|kilometre)")


MULTIPLIERS = {"thousand", "million", "billion", "trillion"}
_LOWER = ("less than", "fewer than", "under", "below")
_HIGHER = ("more than", "over", "above", "greater than")


def comparisons(amount: str) -> list[str]:
    """The other words for the same bound: "less than 1" → "under 1", "below 1", …"""
    for group in (_LOWER, _HIGHER):
        for word in group:
            if amount.lower().startswith(word + " ") and re.search(r"\d", amount):
                rest = amount[len(word) + 1 :]
                return [f"{other} {rest}" for other in group if other != word]
    return []


def number_shapes(amount: str) -> list[str]:
    """Other ways to write a range or a number-and-unit modifier."""
    months = re.fullmatch(rf"({MONTH_PATTERN}) to ({MONTH_PATTERN})", amount.strip())
    if months:
        return [f"{months.group(1)}-{months.group(2)}"]  # "May to July" → "May-July"
    found = _RANGE.fullmatch(amount.strip())
    if found:
        low, high, unit = found.groups()
        if unit and unit.lower() in MULTIPLIERS:  # "50 to 60 million" is never "50 to 60"
            return [f"{low}-{high} {unit}", f"{low} to {high} {unit}"]
        out = [f"{low}-{high}", f"{low} to {high}"]
        if " to " in amount and number_value(low) < number_value(high):
            out.append(f"between {low} and {high}")  # never of a score ("11-5")
        short = UNIT_SHORT.get((unit or "").lower())
        if short:  # "30,000 to 40,000 km"
            out += [f"{low} to {high} {short}", f"{low}-{high} {short}"]
        return out + [f"{low}-{high} {unit}"] if unit else out
    found = _DURATION_MODIFIER.fullmatch(amount.strip())
    if found:
        return [f"{found.group(1)} {found.group(2)}s", found.group(1)]
    found = _COUNTED.fullmatch(amount.strip())
    if found:  # "7,000 years" → "7,000", "260p" → "260", "25 cent" → "25 cents"
        number, unit = found.groups()
        plural = [f"{number} {unit}s"] if unit in ("cent", "penny") else []
        return [number, *plural]
    return []


_COUNTED = re.compile(
    r"([\d,]*\d(?:\.\d+)?)\s?(years?|months?|weeks?|days?|hours?|minutes?|seconds?|p|cent|pence)"
)


def in_years(display: str) -> list[str]:
    """ "12 months" → "a year", "one year"; "24 months" → "two years"."""
    months = re.fullmatch(r"(\d+|twelve|twenty-four|thirty-six) months", display.strip())
    if not months:
        return []
    count = {"twelve": 12, "twenty-four": 24, "thirty-six": 36}.get(months.group(1))
    count = count or int(months.group(1))
    if count % 12 or not 12 <= count <= 120:
        return []
    years = count // 12
    if years == 1:
        return ["a year", "one year", "1 year"]
    return [f"{years} years"]


UNIT_SHORT = {
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "metres": "m",
    "meters": "m", "miles": "mi", "feet": "ft", "kilograms": "kg", "centimetres": "cm",
    "centimeters": "cm", "millimetres": "mm", "millimeters": "mm", "litres": "l", "grams": "g",
    "percent": "%", "per cent": "%", "megawatts": "MW", "degrees": "°", "kilowatts": "kW",
    "watts": "W", "square metres": "sq m", "square kilometres": "sq km", "square miles": "sq mi",
}  # fmt: skip
_QUANTITY = re.compile(
    r"(\d[\d,]*(?:\.\d+)?(?: (?:thousand|million|billion))?)[ -]?([A-Za-z][A-Za-z -]*)"
)


def unit_forms(amount: str) -> list[str]:
    """ "2,300 kilometres" → "2,300 km" and "2,300"; "4km" → "4 km" and "4": the unit is given
    by the question, so the number alone is right."""
    celsius = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s?°?C", amount.strip())
    if celsius:
        degrees = celsius.group(1)
        return [degrees, f"{degrees}°C", f"{degrees} degrees"]  # "24C"
    found = _QUANTITY.fullmatch(amount)
    if not found:
        return []
    number, unit = found.groups()
    if unit.lower() in MULTIPLIERS:
        return []  # part of the number itself
    out = [number]
    short = UNIT_SHORT.get(unit.lower())
    if short:
        out.append(f"{number}{short}" if short in ("%", "°") else f"{number} {short}")
    if short and short.startswith("sq "):
        out += [f"{number} {short[3:]}²", f"{number} square {short[3:]}"]  # "150,000 km²"
    if not amount[len(number) :].startswith((" ", "-")):
        out.append(f"{number} {unit}")  # "4km" → "4 km"
    return out


MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"Sept": "September"}


def date_spellings(display: str) -> list[str]:
    """ "10 April 1912" → "April 10, 1912", "April 1912", "1912"; "10 April" → "April 10";
    "early August" → "August"."""
    out, original = [], display
    weekday = re.match(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?=\d)", display)
    if weekday:
        display = display[weekday.end() :]
        out.append(display)  # "Tuesday 4 September" → "4 September"
    full = re.sub(
        r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?= \d)",
        lambda m: MONTH_ABBREVIATIONS[m.group(1)],
        display,
    )
    if full != display:
        out.append(full)  # "Sept. 30" → "September 30"
        display = full
    day_first = re.fullmatch(rf"(\d{{1,2}}) ({MONTH_PATTERN})(?:,? (\d{{4}}))?", display)
    month_first = re.fullmatch(rf"({MONTH_PATTERN}) (\d{{1,2}})(?:,? (\d{{4}}))?", display)
    month_and_year = re.fullmatch(rf"({MONTH_PATTERN}),? (\d{{3,4}})", display)
    if day_first:
        day, month, year = day_first.groups()
    elif month_first:
        month, day, year = month_first.groups()
    elif month_and_year:
        return [month_and_year.group(2)]  # "July 1054" → "1054" (never the month alone: rounds
        # 66 and 74 raters disagreed, and "June" names no year)
    else:
        rough = re.fullmatch(
            rf"(?:early|mid|late|mid-|last|next|this|spring|summer|autumn|winter)\s*-?"
            rf"({MONTH_PATTERN}|\d{{4}})",
            display,
            re.I,
        )
        return [rough.group(1)] if rough else []
    if year:  # the year, or the month and year, answers "when"; the day and month alone do
        # not (rounds 53-62 raters asked for "1781"; rounds 75-76 marked "6 October" accepted
        # for "6 October 1889" as leaving the year untested)
        out += [f"{day} {month} {year}", f"{month} {day}, {year}", f"{month} {year}", year]
    else:
        out += [f"{day} {month}", f"{month} {day}"]
    return [o for o in out if o != original]


def level_scores(display: str) -> list[str]:
    """A level score as people also write it: "16-16" → "16-all", "16 all"."""
    level = re.fullmatch(r"(\d{1,3})\s*[-–]\s*(\d{1,3})", display)
    if not level or level.group(1) != level.group(2):
        return []
    return [f"{level.group(1)}-all", f"{level.group(1)} all"]


_RATE = re.compile(
    r"(.*\d.*?)\s+(?:a|an|per)\s+(mile|hour|day|week|month|year|night|person|head|litre|"
    r"kilometre|minute|game|match)"
)


def rate_forms(amount: str) -> list[str]:
    """ "45p a mile" → "45p", "45p per mile": the rest of the question gives what it is per."""
    found = _RATE.fullmatch(amount.strip())
    if not found:
        return []
    number, unit = found.groups()
    return [number, f"{number} per {unit}"] if f" per {unit}" not in amount else [number]
