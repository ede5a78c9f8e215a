"""Select (with context.py): the connectors and time phrases that tie a sentence to the one before
("However, ", "And at the same time, ", "Six weeks earlier, ", a dateline), cut so that it
reads alone (pure)."""

from __future__ import annotations

import re

CONNECTORS = {
    "but", "and", "so", "yet", "however", "also", "first", "second", "third", "then",
    "meanwhile", "still", "instead", "indeed", "moreover", "besides", "thus", "therefore",
    "finally", "furthermore", "additionally", "nevertheless", "nonetheless", "now", "plus",
    "or", "similarly", "likewise", "overall", "hence", "accordingly", "consequently", "later",
    "today", "again", "fortunately", "unfortunately", "importantly", "notably", "ultimately",
    "summary", "obviously", "sadly", "clearly", "admittedly", "interestingly", "surprisingly",
    "naturally", "happily", "crucially", "predictably", "inevitably",
}  # fmt: skip
BARE_CONNECTORS = {"but", "and", "so", "yet", "or", "plus", "then", "still", "also", "summary"}
# "MADRID — ", "Washington, DC (CNN) — "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'’()-]{2,40}|[A-Z][\w.]+(?:,? [A-Z][\w.]+){0,3}(?: \([\w ]+\))?|"
    r"\([A-Z][\w ]{1,20}\))(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s+[—–-]+\s+(?=[A-Z])"
)  # also a bare "(AP) — " left when the place went with the page furniture
CONNECTOR_PHRASES = (
    "in addition", "for example", "for instance", "in fact", "as a result", "at the same time",
    "on the other hand", "after all", "of course", "in other words", "even so", "by contrast",
    "in contrast", "in turn", "to be sure", "that said", "what's more", "above all", "in sum",
    "in short", "later in the day", "within weeks", "within days", "within months",
    "within hours", "a short time later", "soon after", "shortly after", "shortly afterwards",
    "in return", "in response", "either way", "in plain terms", "put simply", "simply put",
    "in simple terms", "whatever happens", "even then", "elsewhere",
)  # fmt: skip
# "Further south, younger sandstones …", "Elsewhere in the area, …": a place counted from the
# sentence before
_RELATIVE_PLACE = re.compile(
    r"^(?:(?:further|farther) (?:north|south|east|west|along|up|down|inland|upstream|downstream|"
    r"afield|out)|elsewhere (?:in|on|at|across) [^,]{1,30})\s*,\s*",
    re.IGNORECASE,
)
# "Six weeks earlier, ", "Less than two months later, ": time counted from the previous sentence
_RELATIVE_TIME = re.compile(
    r"^(?:(?:less|more) than |about |some |only |just |barely )?(?:a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|a few|several|\d+) (?:minutes?|hours?|days?|weeks?|months?|"
    r"years?|decades?) (?:later|earlier|afterwards?|before)(?:\s*,\s*|\s+(?=(?-i:[A-Z])))|"
    r"^(?:the (?:next|following) (?:day|week|month|year)|later that (?:day|week|month|year)|"
    r"by then|by that time|"
    r"that (?:same )?(?:day|week|month|year|spring|summer|autumn|winter))"
    r"(?:\s*,\s*|\s+(?=[A-Za-z]))",
    re.IGNORECASE,
)


def connector_length(quote: str) -> int:
    """Characters of the leading connectors and their commas ("However, ", "But ", "And at the
    same time, ")."""
    total = 0
    while step := _one_connector(quote[total:]):
        total += step
    return total


def _one_connector(quote: str) -> int:
    """Characters of one leading connector and its comma."""
    dateline = _DATELINE.match(quote)
    if dateline:
        return dateline.end()
    relative = _RELATIVE_TIME.match(quote) or _RELATIVE_PLACE.match(quote)
    if relative:
        return relative.end()
    lowered = quote.lower()
    for phrase in CONNECTOR_PHRASES:
        if lowered.startswith(phrase + ","):
            after = quote[len(phrase) + 1 :]
            return len(quote) - len(after.lstrip())
    match = re.match(r"([A-Za-z]+)([,:]?)\s+", quote)
    word = match.group(1).lower() if match else ""
    if word in CONNECTORS and (match.group(2) or word in BARE_CONNECTORS):
        if word == "so" and re.match(r"(?:far|much|many|long)\b", quote[match.end() :]):
            return 0  # "So far no cases …" keeps its "So" (round 112: "Far no cases …")
        return match.end()
    return 0
