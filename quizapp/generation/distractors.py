"""Distractors of the answer's type and form, and a type classifier for any option (pure)."""

from __future__ import annotations

import random
import re

from quizapp.domain.textnorm import norm_key
from quizapp.generation.accepted_people import GENERIC_NAME_WORDS, TITLE_WORDS
from quizapp.generation.analyse import Analysis
from quizapp.generation.entities import STREET_WORDS, identity
from quizapp.generation.lexicon import (
    ALIASES,
    CITIES,
    COUNTRIES,
    DEMONYMS,
    MONTHS,
    NUMBER_WORDS,
)
from quizapp.generation.select import zipf

_COUNTRY_KEYS = {norm_key(c) for c in COUNTRIES}
_CITY_KEYS = {norm_key(c) for c in CITIES}
_DEMONYM_KEYS = {d.lower() for d in DEMONYMS}
_MONTH_KEYS = {m.lower() for m in MONTHS}
METONYMS = {
    alias for alias, target in ALIASES.items() if alias in CITIES or alias.startswith("the ")
}


def surface_forms(analysis: Analysis) -> dict[str, str]:
    """Every entity surface (normalised) in the article → its form; first occurrence wins."""
    forms: dict[str, str] = {}
    for ent in analysis.entities:
        forms.setdefault(norm_key(ent.text), ent.form)
    return forms


def classify(option: str, forms: dict[str, str]) -> str:
    """The type-and-form of an option string, judged the same way for answers and distractors."""
    key = norm_key(option)
    if key in forms:
        return forms[key]
    if len(key.split()) >= 4:
        return "PHRASE"
    if key in NUMBER_WORDS:
        return "NUM:words:"
    number = re.fullmatch(r"[$€£]?[\d.,]+%?(?: (\w+))?", key)
    if number:
        return f"NUM:digits:{number.group(1) or ''}"
    if re.fullmatch(r"\d{4}", key):
        return "DATE:year"
    if re.fullmatch(r"\d{4}s", key):
        return "DATE:decade"
    parts = key.split()
    if parts and parts[0] in _MONTH_KEYS:
        return "DATE:monthday" if len(parts) == 2 and parts[1].isdigit() else "DATE:month"
    if key in _COUNTRY_KEYS:
        return "GPE:country"
    if key in _CITY_KEYS:
        return "GPE:place"
    if key in _DEMONYM_KEYS:
        return "NORP:single"
    if key.endswith("s") and key[:-1] in _DEMONYM_KEYS:
        return "NORP:plural"
    return "UNKNOWN"


ORG_WORDS = {
    "federation", "association", "company", "inc", "corp", "corporation", "university",
    "agency", "council", "party", "ministry", "department", "bank", "group", "institute",
    "committee", "commission", "union", "league", "club", "fund", "foundation", "organization",
    "organisation", "service", "authority", "court", "congress", "parliament", "senate",
    "office", "board", "airlines", "motors", "society", "school", "college", "hospital",
    "church", "army", "navy", "police", "network", "studios", "records", "trust", "holdings",
    "systems", "administration", "bureau", "laboratory", "observatory", "museum", "guard",
    "rail", "railways", "airways", "energy", "foods", "water",
}  # fmt: skip
COMMON_NAME_ZIPF = 4.5
GLUED = re.compile(
    r"[a-z]{3,}[A-Z][a-z]"
)  # a word this frequent in lower case is rarely part of a person's name


def plausible(form: str, option: str) -> bool:
    """Whether an option looks like its form: a person's name, an organisation's name.

    The parser's entity types are wrong often enough ("Magic Box" as a person, a player as
    an organisation) that options of these forms are checked by their shape as well."""
    words = re.findall(r"[\w'’.-]+", option)
    if form == "PERSON:n":
        common = sum(1 for w in words if zipf(w.lower()) >= COMMON_NAME_ZIPF)
        glued = (
            GLUED.search(option) is not None
        )  # "Ocasio-CortezAlexandria": link text run together
        shape = 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
        return shape and common <= 1 and not glued
    if form == "GPE:place":
        return norm_key(re.sub(r"^the\s+", "", option, flags=re.IGNORECASE)) in _CITY_KEYS
    if form == "ORG":
        return bool(org_kind(option))
    return True


DISTRACTORS = 3  # wrong options beside the key
NOT_A_SURNAME = {
    "Sound", "Creek", "Stream", "Falls", "Loch", "Tarn", "Valley", "Island", "Point", "Ness",
    "North", "South", "East", "West", "Central", "Top", "End", "Heath", "Moor", "Dale", "Vale",
    "Water", "Reservoir", "Bay", "Harbour",  # "Ridgeway Water", the water company
}  # fmt: skip


NOT_A_FIRST_NAME = {
    "Loch", "Lake", "Mount", "River", "Port", "Fort", "Glen", "Lead", "Skip", "Vice", "Third",
    "Second", "Captain", "Coach", "Umpire", "Referee", "Lib", "Labour", "Tory", "Green",
    "Reform", "Plaid", "Conservative", "Liberal",
}  # fmt: skip  # a party ("Lib Dem") the tagger took for a councillor
PLACE_NOUNS = r"(?:road|lane|street|track|village|town|hamlet|river|farm|estate|park|hill)"
THING_NOUNS = (
    r"(?:march|song|hymn|piece|suite|album|single|film|novel|book|play|opera|poem|ship|vessel|"
    r"boat|horse|locomotive|engine|building|house|mill|pub|shop|firm|company|band|team|club)"
)


def reads_as_person(name: str, text: str) -> bool:
    """Whether the article writes a name the tagger called a person as a person's: never
    after "the" ("across the Sound"), never a water or land word, never the owner of "its"
    ("Valley Rider suspended its bus services")."""
    words = name.split()
    if not words or words[-1] in NOT_A_SURNAME or words[0] in NOT_A_FIRST_NAME:
        return False
    if words[-1].lower() in GENERIC_NAME_WORDS:
        return False  # "Penwithy Marine", the builders, among a councillor's options
    last = re.escape(words[-1])
    if re.search(rf"\bthe\s+(?:[A-Z][\w'’-]*\s+)*{last}\b", text):
        return False
    if re.search(
        rf"\b{re.escape(name)},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{PLACE_NOUNS}\b", text
    ):
        return False  # "Gaitsgill Bank, a single-track road used by farm vehicles"
    if f"{name}," in text and re.search(
        rf"\b{re.escape(name)},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{THING_NOUNS}\b", text
    ):
        return False  # "Greythorpe Jubilee, the march written for the band's centenary"
    if len(words) == 1 and re.search(rf"{PLACE_BEFORE}{re.escape(name)}\b(?!['’])", text):
        return False  # "residents of Tarnbeck", "homes in Ashby": a place
    return not re.search(rf"\b{re.escape(name)}\s+[a-z]+\s+its\b", text)


PLACE_BEFORE = r"\b(?:residents of|in|near|village of|town of)\s+"


# a team's last word (reads_as_person already knows "City", "United", "Park", "Bridge" …)
TEAM_WORDS = {"Town", "Rovers", "Athletic", "Wanderers", "Albion"}


def swappable_person(name: str, analysis: Analysis) -> bool:
    """Whether a person's name may be swapped into a false statement: shaped like a person's,
    never part of a longer name ("Garside Bridge" of the Garside Bridge Bulldogs) nor ending in
    a team's or a building's word ("Hagia Sophia")."""
    words = name.split()
    if not words or words[-1] in STREET_WORDS | TEAM_WORDS:
        return False  # "Pritt Way, after Mulberry Way": a street for Annie Pritt
    if org_kind(name):
        return False  # "Kessingham Childminding Network, a father of three" (round 94)
    if not person_like(name, analysis) or not reads_as_person(name, analysis.article.text):
        return False
    if not used_as_a_person(name, analysis.article.text):
        return False  # "pumps seawater from Tremellick Cove", "the journey over Hollin Edge":
        # places the tagger took for people, swapped for a person (rounds 115-120: 4 rejected)
    return not any(e.text.startswith(name + " ") for e in analysis.entities)


_SPEECH = r"(?:said|says|told|added|explained|described|admitted|warned|urged|wrote|recalled)"


def used_as_a_person(name: str, text: str) -> bool:
    """Whether the article writes the name (or its last word) as a person's somewhere: with a
    title, an age, a role or "who" after it, or saying something."""
    forms = "|".join(re.escape(f) for f in dict.fromkeys((name, name.split()[-1])))
    person = (
        rf"\b{TITLE_WORDS}\.?\s+(?:[A-Z][\w'’-]*\s+)*(?:{forms})\b"
        rf"|\b(?:{forms}),\s+(?:\d{{1,3}},|who\b|whose\b|(?:the|a|an|of|from)\s)"
        rf"|\b(?:{forms})\s+(?:[a-z]+\s+)?{_SPEECH}\b|\b{_SPEECH}\s+(?:{forms})\b"
        rf"|\b(?:{forms})['’]s\s+(?:wife|husband|son|daughter|mother|father|family|lawyer)\b"
    )
    return re.search(person, text) is not None


def person_like(name: str, analysis: Analysis) -> bool:
    """A person's name by its shape, or the surname of a full name the article gives a person."""
    if plausible("PERSON:n", name):
        return True
    return any(
        e.label == "PERSON" and len(e.text.split()) > 1 and e.text.split()[-1] == name
        for e in analysis.entities
    )


def _same_surname(one: str, other: str) -> bool:
    """Whether two names end in the same family name ("Cllr Menon", "Ravi Menon")."""
    last = lambda name: re.findall(r"[A-Za-z'’-]+", name)[-1:]  # noqa: E731
    return bool(last(one)) and last(one) == last(other)


def _shares_a_name(one: str, other: str) -> bool:
    names = lambda text: {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}  # noqa: E731
    return bool(names(one) & names(other))


def org_kind(option: str) -> str:
    """What kind of organisation a name says it is ("university", "acronym"), "" when unknown."""
    plain = re.sub(r"^the\s+", "", option, flags=re.IGNORECASE)
    if re.fullmatch(r"[A-Z][A-Z&.]{1,6}", plain):
        return "acronym"
    kinds = [w.lower() for w in re.findall(r"[A-Za-z]+", plain) if w.lower() in ORG_WORDS]
    return kinds[-1] if kinds else ""


def pick(
    answer: str,
    form: str,
    analysis: Analysis,
    forms: dict[str, str],
    rng: random.Random,
    n: int = DISTRACTORS,
    exclude: set[str] | None = None,
) -> list[str]:
    """`n` distractors sharing the answer's form, never the answer, an alias or an `exclude` id."""
    answer_id = identity(answer)
    answer_key = norm_key(answer)
    name_words = [w for w in re.findall(r"[A-Za-z]{3,}", answer) if w.lower() != "the"]
    one_word_name = len(name_words) == 1 and answer != name_words[0]  # "the 1984 Games"
    seen = {answer_id} | (exclude or set())
    pool: list[str] = []
    answer_form = classify(answer, forms)
    if not plausible(form, answer):
        return []
    continent = answer_key in CONTINENT_KEYS
    if continent:  # "the largest state ____ had ever seen": Peru is in the Americas, so
        # a continent's options are the other continents
        others = [c for c in CONTINENTS if norm_key(c) != answer_key and identity(c) not in seen]
        return rng.sample(others, n) if len(others) >= n else []
    article_pool = _article_pool(analysis, form)
    if form == "DATE:year" and answer_key.isdigit():
        # "announced in November 1945": 1897 and 1918 are ruled out by the question itself
        article_pool = [y for y in article_pool if _years_apart(y, answer_key) <= YEAR_SPREAD]
    builtin = _builtin_pool(answer, form)
    if form in SHUFFLED_LISTS:
        builtin = rng.sample(builtin, len(builtin))  # never Afghanistan, Albania, Argentina
    for candidate in article_pool + builtin:
        cid, ckey = identity(candidate), norm_key(candidate)
        if not ckey or cid in seen or ckey in answer_key or answer_key in ckey:
            continue
        if classify(candidate, forms) != answer_form or not plausible(form, candidate):
            continue
        if candidate in METONYMS or ckey in CONTINENT_KEYS:
            continue  # "Washington" names a city, a state and a government at once; a
            # continent is no option for a country
        if form == "ORG" and org_kind(candidate) != org_kind(answer):
            continue  # a university's options are universities, an army's are armies
        if form.startswith("PERSON") and _shares_a_name(candidate, answer):
            continue  # "Patrick W. Carlineo" is the same man as "Patrick Carlineo Jr."
        if form.startswith("PERSON") and any(_same_surname(candidate, p) for p in pool):
            continue  # "Cllr Menon" and "Ravi Menon" are one option twice
        if (form.startswith("EVENT") or one_word_name) and _shares_a_name(candidate, answer):
            continue  # "Olympic Games" may well be "the 1984 Games": not a wrong option
        seen.add(cid)
        pool.append(candidate)
        if len(pool) >= max(n, 6):
            break
    if len(pool) < n:
        return []
    article_first = pool[: max(n, 6)]
    return rng.sample(article_first, n)


CONTINENTS = ("Africa", "Asia", "Europe", "the Americas", "Oceania", "Antarctica")
CONTINENT_KEYS = {norm_key(c) for c in (*CONTINENTS, "North America", "South America")}
SHUFFLED_LISTS = {"GPE:country", "GPE:place", "NORP:single", "NORP:plural"}  # alphabetical
YEAR_SPREAD = 12  # an option further from the key than this is given away by the period


def _years_apart(option: str, key: str) -> int:
    """Years between an option and the key (a large number when the option is no year)."""
    digits = norm_key(option)
    return abs(int(digits) - int(key)) if digits.isdigit() else 10_000


def _article_pool(analysis: Analysis, form: str) -> list[str]:
    pools = analysis.__dict__.setdefault("_pools", {})
    if form not in pools:
        pools[form] = _build_pool(analysis, form)
    return pools[form]


RAGGED_DATE = re.compile(r"(?:between|from|and|to|until|by|since)\b", re.IGNORECASE)


def _build_pool(analysis: Analysis, form: str) -> list[str]:
    text = analysis.article.text
    out: list[str] = []
    seen: set[str] = set()
    for ent in analysis.entities:
        if ent.form != form or ent.key in seen:
            continue
        if form.startswith("DATE") and RAGGED_DATE.match(ent.text):
            continue  # "between 3 February" is no date to offer
        seen.add(ent.key)
        has_the = (
            form.startswith(("GPE", "LOC", "ORG", "FAC", "EVENT", "LAW", "NORP:plural"))
            or form == "DATE:decade"
        ) and text[max(0, ent.start - 4) : ent.start].lower() == "the "
        out.append(("the " if has_the else "") + ent.text)
    return out


def _builtin_pool(answer: str, form: str) -> list[str]:
    key = norm_key(answer)
    if form == "DATE:year" and key.isdigit():
        year = int(key)
        return [str(year + d) for d in (-3, 2, -1, 4, 1, -5, 6, -2)]
    if form == "DATE:decade" and key[:4].isdigit():
        decade = int(key[:4])
        return [f"{prefix}{decade + d}s" for d in (-10, 10, -20, 20) for prefix in ("the ",)]
    if form == "DATE:month":
        return [m for m in MONTHS if m.lower() != key.split()[-1]]
    if form == "DATE:monthday":
        if len(key.split()) > 2:
            return []  # "Tuesday 4 September": options without a weekday would give it away
        day_first = key.split()[-1] in {m.lower() for m in MONTHS}  # "29 March"
        month, day_text = key.split()[-2:][::-1] if day_first else key.split()[-2:]
        day = int(day_text)
        index = [m.lower() for m in MONTHS].index(month)
        dates = [
            (MONTHS[(index + 1) % 12], day),
            (MONTHS[index], min(28, day + 10) if day < 19 else day - 10),
            (MONTHS[(index + 11) % 12], day),
            (MONTHS[(index + 2) % 12], day),
        ]
        return [f"{d} {m}" if day_first else f"{m} {d}" for m, d in dates]
    if form == "GPE:country":
        return list(COUNTRIES)
    if form == "GPE:place":
        return list(CITIES)
    if form == "NORP:single":
        return list(DEMONYMS)
    if form == "NORP:plural":
        return [d + "s" for d in DEMONYMS if d.endswith(("n", "i"))]
    if form.startswith("NUM:") and form == "NUM:words:" and key in NUMBER_WORDS[:20]:
        index = NUMBER_WORDS.index(key)
        return [
            NUMBER_WORDS[i] for i in (index + 1, index + 2, index - 1, index + 3) if 0 <= i < 20
        ]
    if form.startswith("NUM:") and form.startswith("NUM:digits"):
        return _numbers_like(answer)
    return []


def _numbers_like(answer: str) -> list[str]:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", answer)
    if not match:
        return []
    raw = match.group()
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    out = []
    for factor in (0.5, 2, 1.5, 0.75, 3, 0.25):
        new = value * factor
        if decimals == 0:
            new_text = f"{round(new):,}" if "," in raw else str(round(new))
        else:
            new_text = f"{new:.{decimals}f}"
        if new_text != raw and new > 0:
            out.append(answer[: match.start()] + new_text + answer[match.end() :])
    return out
