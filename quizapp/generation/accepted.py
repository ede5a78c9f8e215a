"""Realise, part two: the answers a learner may type besides the key (pure): aliases, surnames,
short forms, acronyms the article gives, other spellings of numbers, dates and ranges."""

from __future__ import annotations

import functools
import re

from quizapp.domain.textnorm import norm_key
from quizapp.generation.accepted_numbers import (
    MONTH_PATTERN,
    NUMBER_NAMES,
    QUALIFIERS,
    comparisons,
    date_spellings,
    in_years,
    level_scores,
    number_shapes,
    rate_forms,
    unit_forms,
)
from quizapp.generation.accepted_people import (
    GENERIC_NAME_WORDS,
    PERSONAL_NAME,
    PLACE_SUFFIXES,
    after_a_title,
    family_names,
    first_name_alone,
    full_names,
    name_before_of,
    name_read_as_organisation,
    named_first,
    peerage_names,
    personal_name,
    role_word,
    without_particle,
    without_titles,
)
from quizapp.generation.accepted_terms import (
    one_word_of_a_term,
    singular,
    spelling_variants,
    without_describing_words,
)
from quizapp.generation.analyse import Analysis
from quizapp.generation.distractors import org_kind
from quizapp.generation.entities import Entity, aliases_of
from quizapp.generation.references import name_before_its_noun, used_as_a_place
from quizapp.generation.select import zipf

# a name's last word that says what a firm does, never a family name (round 127: "Mobility"
# was accepted for the operator Velora Mobility, which the tagger took for a person)
TRADE_ENDING = re.compile(r"(?:ity|ities|tions?|sions?|ments?|ness|ics|ware|tech|works)$")
TRAVELLED = re.compile(
    r"\b(?:run|ran|raced|ridden|rode|walked|driven|drove|swum|swam|flown|flew|sailed|rowed|"
    r"paddled|cycled|covered|travelled|traveled|stretch(?:es|ed)?|spread|played|held|fought|"
    r"contested|staged)\s+$"
)  # "run over 15 kilometres": "over" as across, a distance (round 127, a wrong accepted answer)
BRITAIN = {"britain", "great britain", "uk", "u k", "united kingdom"}
UNITED_STATES = {
    "united states",
    "us",
    "u s",
    "usa",
    "u s a",
    "america",
    "united states of america",
}
NAME_LINKS = {"of", "the", "for", "and", "on", "in", "de", "du"}


def accepted_answers(analysis: Analysis, display: str, entity: Entity) -> list[str]:
    """Other answers to accept: aliases, surnames, short forms, acronyms the article gives,
    digits for number words, and the other number of a key term."""
    out = [alias for alias in aliases_of(display) if _same_name(alias, display)]
    words = display.split()
    untitled = without_titles(display)
    role = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", display)
    if role and untitled == display and role_word(role.group(1)):
        rest = display[role.end() :]
        kind = any(w.lower() in GENERIC_NAME_WORDS | PLACE_SUFFIXES for w in rest.split())
        if personal_name(rest) and not kind:
            untitled = rest  # "Producer Owen Castell", "Cellist Ines Larrea"
    titled_name = untitled != display and bool(PERSONAL_NAME.fullmatch(untitled))
    person = entity.label == "PERSON" or titled_name  # "Councillor Priya Raman" read as an ORG
    person = person or name_read_as_organisation(analysis, entity, display)
    person = person or after_a_title(analysis.article.text, entity, display)
    person = person or (
        len(words) == 1
        and any(e.label == "PERSON" and e.text.endswith(" " + display) for e in analysis.entities)
    )  # "Pryce", read as a place here, is "captain Hannah Pryce"; "Cape" no "Eastern Cape"
    person = person or (len(words) == 1 and bool(full_names(analysis, display)))  # "Aske"
    # (an organisation to the parser) of "Robert Aske" (a MISC)
    firm = len(words) > 1 and bool(TRADE_ENDING.search(words[-1]))
    person = person and not firm  # "Velora Mobility", whatever the tagger made of it
    if person and untitled != display:
        out.append(untitled)  # "President Ashraf Ghani" → "Ashraf Ghani"
        words = untitled.split()
    trade = words[-1].lower() in GENERIC_NAME_WORDS | PLACE_SUFFIXES  # "Marcher Inns" is no
    # Mr Inns, "Fenwick Park" (a bowls club) no Mr Park
    if person and len(words) > 1 and not org_kind(display) and not trade:  # nor "Rail"
        out.extend(family_names(analysis.article.text, words))
        out.extend(without_particle(words))
        out.extend(first_name_alone(analysis, words))  # "Frances" for "Frances Henderson"
    short = re.sub(r"^(?:the\s+)?(?:\d{4}|\d+(?:st|nd|rd|th))\s+", "", display, flags=re.I)
    if short != display and len(short) > 3 and len(short.split()) > 1 and short[:1].isupper():
        out.append(short)  # "the 1967 Six-Day War" → "Six-Day War", never "Century" alone
    out.extend(_acronyms(analysis.article.text, display))
    if person and len(words) == 1:
        out.extend(full_names(analysis, words[0]))  # "Phillips" → "Jack Phillips"
        regnal = set(re.findall(rf"\b{re.escape(words[0])} [IVX]{{1,4}}\b", analysis.article.text))
        out.extend(regnal if len(regnal) == 1 else [])  # "Elizabeth" → "Elizabeth I"
        out.extend(named_first(analysis, words[0]))  # "Marc" → "Marc Brunel"
    if len(words) == 1 and display[:1].isupper():
        out.extend(peerage_names(analysis.article.text, display))  # "Lord Carnarvon"
    if entity.label in ("ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP"):
        out.extend(_initials_and_expansions(analysis, display))
    if re.match(r"the\s+[A-Z]", display, re.IGNORECASE):
        out.append(re.sub(r"^the\s+", "", display, flags=re.IGNORECASE))  # "the Steelers"
    if entity.label in ("GPE", "LOC"):
        place = re.sub(r"\s+(?:province|state|county|district|region|city)$", "", display)
        if place != display:
            out.append(place)  # "Logar province" → "Logar"
    if entity.label == "DATE":
        day_and_month = (
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?,? (?:{MONTH_PATTERN})\b"
            rf"|\b(?:{MONTH_PATTERN}) \d{{1,2}}\b"
        )
        years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", display)
        if not re.search(day_and_month, display) and len(years) == 1:
            out.extend(years)  # "early 2020", but neither end of "1941 to 1945"
        out.extend(date_spellings(display))
    if entity.label in ("ORG", "FAC", "PRODUCT", "EVENT", "LOC") and len(words) > 1:
        names = {e.text for e in analysis.entities}
        places = {e.text for e in analysis.entities if e.label in ("GPE", "LOC")}
        out.extend(
            short
            for short in _short_names(display)
            if short not in places
            and not any(n.startswith(short + " ") and n not in display for n in names)
        )  # not "Hallamby" for Hallamby General Hospital beside Hallamby Water
    bare = display
    while QUALIFIERS.match(bare):
        bare = QUALIFIERS.sub("", bare, count=1)  # "more than about 8,000" → "8,000"
    if bare != display and re.search(r"\d", bare):
        out.append(bare)  # "more than 10 million" → "10 million"
    unhedged = re.sub(r"^(?:only|just)\s+(?=\D)", "", display)
    if unhedged != display and re.search(r"\d", unhedged):
        out.append(unhedged)  # "only about 40,000" → "about 40,000"
    year = re.fullmatch(r"1\d{3}|20\d{2}", display)
    if re.fullmatch(r"\d[\d,.]*", display) and entity.label == "CARDINAL" and not year:
        out.extend(_unit_of_a_bare_number(analysis.article.text, entity, display))
    if entity.label in ("QUANTITY", "CARDINAL", "MONEY", "PERCENT") or TEMPERATURE.fullmatch(bare):
        out.extend(unit_forms(bare))  # never a date's day ("15 December" is not "15")
    lowered = display.lower()
    if lowered in NUMBER_NAMES:
        out.append(NUMBER_NAMES[lowered])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", bare):
        out.append(bare.replace(",", ""))
    if entity.label == "TERM" and entity.form.endswith("plural"):
        out.append(singular(display))  # a singular's plural may not exist ("vapors")
    if entity.label == "TERM":
        out.extend(without_describing_words(analysis, entity))
    if entity.label == "DATE":
        out.extend(in_years(display))
    out.extend(number_shapes(bare))
    out.extend(rate_forms(bare))  # "45p a mile" → "45p"
    across = display.lower().startswith("over ") and bool(
        TRAVELLED.search(analysis.article.text[max(0, entity.start - 30) : entity.start])
    )  # "The points race, run over 15 kilometres": the distance, not "more than" it
    if entity.label in ("QUANTITY", "CARDINAL", "MONEY", "PERCENT") and not across:
        out.extend(comparisons(display))  # "less than 1" → "below 1", "under 1"
    mount = re.fullmatch(r"(?:the\s+)?(Mount|Saint)\s+([A-Z][\w-]+)", display)
    if mount:
        out.append(("Mt " if mount.group(1) == "Mount" else "St ") + mount.group(2))
    on_coast = re.fullmatch(r"(?:the\s+)?([A-Z][\w-]+) on the [A-Z][\w ]+", display)
    if on_coast and entity.label not in ("PERSON", "DATE"):
        out.append(on_coast.group(1))  # "Calicut on the Malabar Coast" → "Calicut"
    river = re.fullmatch(r"(?:the\s+)?(?:River\s+([A-Z][\w-]+)|([A-Z][\w-]+)\s+River)", display)
    if river:
        out.append(river.group(1) or river.group(2))  # "the River Thames" → "Thames"
    if person and len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]):
        out.append(f"{words[0]} {words[2]}")  # "Hugh W. Ogden" → "Hugh Ogden"
    vitamin = re.fullmatch(r"[Vv]itamin ([A-Z]\d{0,2})", display)
    if vitamin:
        out.append(vitamin.group(1))  # "Vitamin B12" → "B12"
    if entity.label in ("ORG", "FAC", "GPE", "LOC", "EVENT", "PRODUCT") and not person:
        out.extend(_name_as_the_article_shortens_it(analysis, display))
    one_word_body = len(words) == 1 and display[:1].isupper()
    one_word_body = one_word_body and entity.label not in ("GPE", "LOC", "FAC", "NORP")
    # a place ("Asherby") or a people
    if one_word_body and not named_first(analysis, display) and not full_names(analysis, display):
        fuller = {
            e.text for e in analysis.entities
            if e.label == "ORG" and e.text.startswith(display + " ") and len(e.text.split()) <= 3
            and not personal_name(e.text[len(display) + 1 :])
        }  # fmt: skip  # "Seaholt Foods", never "Sherpa Ang Nyima" (a man) for "a Sherpa climber"
        # "electors in Hatherwick": a place, whatever its parish council is called; "the ____
        # roundabout" (Kirkmarsh): never the Kirkmarsh Cycling Club (round 118)
        place = len(fuller) == 1 and used_as_a_place(analysis.article.text, display)
        place = place or name_before_its_noun(analysis, entity, ("compound", "amod"))
        out.extend(fuller if len(fuller) == 1 and not place else [])  # "Seaholt Foods"
    if entity.label == "TERM" and len(words) == 2:
        out.extend(one_word_of_a_term(analysis.article.text, words))
    countable = re.fullmatch(r"[A-Z]{2,6}", display) and re.search(
        rf"\b(?:an?|one|each|every)\s+{display}\b", analysis.article.text
    )
    if countable:
        out.append(display + "s")  # "ECGs" after "an ECG", never "UNESCOs"
    ocean = re.fullmatch(r"(?:the\s+)?(Atlantic|Pacific|Arctic|Indian)", display)
    if ocean:
        out.append(f"{ocean.group(1)} Ocean")  # "the Atlantic" → "Atlantic Ocean"
    modifier = name_before_its_noun(analysis, entity, ("compound", "amod"))
    if (one_word_body or entity.label in ("GPE", "LOC", "FAC", "ORG")) and not modifier:
        out.extend(_fuller_kind_names(analysis.article.text, display))  # "Northline Trains",
        # never "Marlingford College" for "The ____ company" (round 100)
    if (entity.label == "ORG" or firm) and not person:
        out.extend(_leading_name_used_alone(analysis, display))  # "Tailward" for "Tailward Pet
        # Insurance" when the article calls the insurer so
    out.extend(name_before_of(analysis.article.text, display, person))  # "Thales"
    out.extend(_owned_name_used_alone(analysis.article.text, display))  # "Riverside Gardens"
    out.extend(level_scores(display))  # "16-16" → "16-all"
    out.extend(spelling_variants(display))  # "sulphuric" → "sulfuric"
    unit = re.fullmatch(r"(?:square|cubic)\s+(\w+)", display, re.IGNORECASE)
    if unit:  # "grams per ____" (square metre): a metre is another unit, "square" none
        out = [a for a in out if a.lower() not in ("square", "cubic", unit.group(1).lower())]
    out = [a for a in out if not re.search(r"[:;\n]", a)]  # "Harcastle Rollers: Greer", a
    # scoreline read as one name
    seen = {norm_key(display)}
    unique = []
    for alias in out:
        key = norm_key(alias)
        if key and key not in seen:
            seen.add(key)
            unique.append(alias)
    return unique


SHIP_PREFIX = re.compile(r"^(?:the\s+)?(?:USS|HMS|RMS|SS|MV|HMAS|HMCS)\s+(?=[A-Z])")


def _name_as_the_article_shortens_it(analysis: Analysis, display: str) -> list[str]:
    """The name without a ship's prefix ("the USS Nantucket" → "Nantucket") or without the
    words that say what kind of place or body it is, when the article itself writes it so
    ("Olkhon Island" → "Olkhon", "Castle Mead Academy" → "Castle Mead")."""
    out = []
    ship = SHIP_PREFIX.sub("", display)
    if ship != display:
        out.append(ship)
    words = re.sub(r"^the\s+", "", display, flags=re.IGNORECASE).split()
    kept = list(words)
    while len(kept) > 1 and kept[-1].lower() in PLACE_SUFFIXES:
        kept.pop()
    if len(kept) == len(words):
        return out
    short = " ".join(kept)
    text = analysis.article.text
    alone = re.search(rf"\b{re.escape(short)}\b(?!\s+{re.escape(words[len(kept)])})", text)
    others = any(
        e.text.startswith(short + " ") and not display.endswith(e.text) and e.text not in display
        for e in analysis.entities
    )  # "Hallamby" is also Hallamby Water: not this one's name alone
    if alone and not others:
        out.append(short)
    return out


TEMPERATURE = re.compile(r"-?\d+(?:\.\d+)?\s?°?C")
KIND_WORDS = {
    "college", "university", "academy", "school", "trains", "rail", "railway", "buses",
    "ocean", "sea", "island", "hospital", "trust", "museum", "festival",
}  # fmt: skip


_UNITS = r"(seconds|minutes|hours|days|weeks|months|years|metres|miles|kilometres|tonnes)"


def _unit_of_a_bare_number(text: str, entity: Entity, display: str) -> list[str]:
    """The number with the unit the sentence gives it, after it ("____ seconds") or, when it
    ends a clause, before it ("a touch adds two seconds and a missed gate adds ____")."""
    after = re.match(rf"\s+{_UNITS}\b", text[entity.end : entity.end + 14])
    if after:
        return [f"{display} {after.group(1)}"]
    if not re.match(r"\s*[.,;]", text[entity.end : entity.end + 2]):
        return []
    sentence = re.split(r"[.!?]\s", text[max(0, entity.start - 200) : entity.start])[-1]
    counted = re.findall(r"\b(?:\d[\d,.]*|one|two|three|four|five|ten) ([a-z]+)", sentence)
    if counted and not re.fullmatch(_UNITS, counted[-1]):
        return []  # "bouts of up to three minutes … in steps of five touches, up to ____" (45)
    before = re.findall(rf"\b(\w+) (?:\d[\d,.]*|one|two|three|four|five|ten) {_UNITS}\b", sentence)
    verb = re.search(r"(\w+)\s*$", sentence)
    if len({unit for _word, unit in before}) != 1 or verb is None:
        return []
    word, unit = before[-1]
    # the same verb before both ("adds two seconds … adds ____"), never "over the next 12
    # months, taking its workforce to ____" (44: round 100, "44 months" accepted)
    return [f"{display} {unit}"] if word.lower() == verb.group(1).lower() else []


def _fuller_kind_names(text: str, display: str) -> list[str]:
    """The one fuller name the article gives a one-word answer by adding what kind of thing
    it is ("Northline" → "Northline Trains", "Wend" → "River Wend"), never its council."""
    name = re.sub(r"^the\s+", "", display, flags=re.IGNORECASE)
    if " " in name or not name[:1].isupper():
        return []
    fuller = sorted(_kind_names(text).get(name, ()))
    if fuller and not fuller[0].startswith("River ") and used_as_a_place(text, name):
        return []  # "the other side of Haltonbridge": the town, never Haltonbridge College
        # (round 112, a wrong key)
    return fuller if len(fuller) == 1 else []


@functools.lru_cache(maxsize=8)
def _kind_names(text: str) -> dict[str, frozenset[str]]:
    """Every "Name Kind" and "River Name" of an article, by name (one pass per text: a search
    per answer cost 3 s on a 20,000-word article)."""
    found: dict[str, set[str]] = {}
    for m in re.finditer(r"\b([A-Z][\w'’-]*)(?= ([A-Z][a-z]+)\b)", text):  # overlapping pairs
        pair = f"{m.group(1)} {m.group(2)}"
        if m.group(2).lower() in KIND_WORDS:
            found.setdefault(m.group(1), set()).add(pair)
        if m.group(1) == "River":
            found.setdefault(m.group(2), set()).add(pair)
    return {name: frozenset(names) for name, names in found.items()}


# what a name's last word says is a text or an agreement, named after something else
DOCUMENT_WORDS = {
    "compact", "act", "treaty", "agreement", "declaration", "charter", "accord", "accords",
    "convention", "report", "letter", "manifesto", "plan", "protocol", "statute", "bill",
}  # fmt: skip


def _leading_name_used_alone(analysis: Analysis, display: str) -> list[str]:
    """The front of a firm's or building's name that the article also uses by itself for it
    ("Tailward" of "Tailward Pet Insurance", "Kestrel Row" of "Kestrel Row Developments")."""
    words = re.sub(r"^the\s+", "", display, flags=re.IGNORECASE).split()
    text = analysis.article.text
    if any(w in NAME_LINKS for w in words):
        return []  # "Isidore" of "Isidore of Miletus" may be someone else of that name
    if words and words[-1].lower() in DOCUMENT_WORDS:
        return []  # "Mayflower" of "the Mayflower Compact" is the ship (round 117)
    for size in range(len(words) - 1, 0, -1):
        front = words[:size]
        if front[-1].lower() in NAME_LINKS or not all(w[:1].isupper() for w in front):
            continue
        if re.search(r"['’]s?$", front[-1]):
            continue  # "Tamberley's" of "Tamberley's Riverside Gardens" is the town that owns
            # them, never the gardens (round 124, a wrong accepted answer)
        if all(zipf(w.lower()) >= RARE_NAME_ZIPF for w in front):
            continue  # "National Lottery" names many funds
        short = " ".join(front)
        alone = rf"\b{re.escape(short)}\b(?!\s+[A-Z])(?!'s? [A-Z])"
        others = any(
            e.text.startswith(short + " ") and e.text not in display for e in analysis.entities
        )  # "Brackwith" is also Brackwith Town Council
        places = any(e.text == short and e.label in ("GPE", "LOC") for e in analysis.entities)
        uses = [m.start() for m in re.finditer(alone, text)]
        own = [at for at in uses if not re.search(r"[A-Z][a-z]+\s+$", text[max(0, at - 30) : at])]
        if own and not others and not places:  # not "Bishop Ralph Hensley", a person
            return [short]
    return []


def _owned_name_used_alone(text: str, display: str) -> list[str]:
    """The name after a town's possessive ("Riverside Gardens" of "Tamberley's Riverside
    Gardens") when the article also writes it without the owner."""
    owned = re.match(r"(?:the\s+)?[A-Z][\w-]*['’]s ((?:[A-Z][\w'’-]*\s?){2,})$", display)
    if owned is None:
        return []
    name = owned.group(1).strip()
    alone = rf"(?<!['’]s )(?<![\w'’-]){re.escape(name)}(?![\w-])"
    return [name] if re.search(alone, text) else []


def _same_name(alias: str, display: str) -> bool:
    """An alias a learner may type for the same name: it shares a word or is its acronym
    ("U.S." for "the United States"), never a metonym ("the Pentagon" for the country)."""
    words = lambda text: {w for w in re.findall(r"[a-z]+", text.lower()) if w != "the"}  # noqa: E731
    if words(alias) & words(display) or re.fullmatch(r"WW(?:I{1,2}|[12])", alias):
        return True  # "WWII" for "the Second World War"
    if {norm_key(alias), norm_key(display)} <= BRITAIN:
        return True  # "the UK" for Britain (round 94: "as often as ____'s restrictions")
    if {norm_key(alias), norm_key(display)} <= UNITED_STATES:
        return True  # "America", "USA" for the United States (round 124)

    def capitals(text: str) -> str:
        text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
        return "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper())

    def squeezed(text: str) -> str:
        return re.sub(r"[^A-Z]", "", re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))

    return squeezed(alias) == capitals(display) or squeezed(display) == capitals(alias)


def _short_names(name: str) -> list[str]:
    """ "the W.M. Keck Observatory" → "Keck Observatory"; "Hubble Space Telescope" → "Hubble"."""
    plain = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    out = []
    without_initials = re.sub(r"^(?:[A-Z]\.)+\s*", "", plain)
    if without_initials != plain:
        out.append(without_initials)
    words = without_initials.split()
    distinctive = [w for w in words if w.lower().strip(".,") not in GENERIC_NAME_WORDS | NAME_LINKS]
    rare = [w for w in distinctive if zipf(w.lower()) < RARE_NAME_ZIPF]
    joined = " ".join(distinctive)
    whole = len(distinctive) < len(words) and " ".join(words).startswith(joined + " ")
    if len(distinctive) == 1 and len(words) > 1 and rare:
        out.append(distinctive[0])
    elif len(distinctive) == 2 and whole and rare and distinctive[0][:1].isupper():
        out.append(joined)  # "East Woldshire District Council" → "East Woldshire"
    of_place = re.fullmatch(r"(University|College) of ([A-Z][\w-]+)", plain)
    if of_place:
        out.append(f"{of_place.group(2)} {of_place.group(1)}")  # "Calderbridge University"
    return out


RARE_NAME_ZIPF = 3.5  # "Calderbridge", "Woldshire": a name's own word, not "England"


INITIALS_OF_A_LONG_NAME = 3
BODIES_KNOWN_BY_INITIALS = {
    "association", "exchange", "authority", "agency", "commission", "organisation",
    "organization", "institute", "federation", "board", "service", "union", "corporation",
}  # fmt: skip


def _known_by_initials(name: str, short: str) -> bool:
    """A body of three words or more of the kinds people call by initials ("ABI", "LSE"),
    not a place ("the Southampton Ferry Terminal" is never "SFT")."""
    words = {w.lower() for w in name.split()}
    return len(short) >= INITIALS_OF_A_LONG_NAME and bool(words & BODIES_KNOWN_BY_INITIALS)


def initials(name: str) -> str:
    """ "World Health Organization" → "WHO" ("" for a one-word name)."""
    words = [
        w for w in re.sub(r"^the\s+", "", name, flags=re.I).split() if w.lower() not in NAME_LINKS
    ]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _initials_and_expansions(analysis: Analysis, display: str) -> list[str]:
    """A name's initials when the article uses them or the name is long ("WHO", "ICC"), and
    the article's full name for initials ("The EU" → "European Union")."""
    text = analysis.article.text
    out = []
    short = initials(display)
    if short and (re.search(rf"\b{short}\b", text) or _known_by_initials(display, short)):
        out.append(short)  # "ABI" for the Association of British Insurers
    bare = re.sub(r"^the\s+", "", display, flags=re.I)
    if re.fullmatch(r"[A-Z]{2,6}", bare):
        out.extend(
            {e.text for e in analysis.entities if initials(e.text) == bare and e.text != display}
        )
    return out


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.-]{1,9}")
_BRACKET = re.compile(r"\s*\(([^()]{1,120})\)")


@functools.lru_cache(maxsize=8)
def _brackets(text: str) -> tuple[tuple[str, str], ...]:
    """Every bracketed phrase of an article with the 120 characters before it (once per text:
    looking a name up in the whole text per answer cost 4 s on a 20,000-word article)."""
    return tuple(
        (text[max(0, m.start() - 120) : m.start()], m.group(1)) for m in _BRACKET.finditer(text)
    )


def _acronyms(text: str, display: str) -> list[str]:
    """ "International Tennis Federation (ITF)" gives ITF, and "ITF (International …)" the name."""
    name = re.sub(r"^the\s+", "", display, flags=re.I)
    found = []
    for before, inside in _brackets(text):
        if _ACRONYM.fullmatch(inside) and before.endswith(name):
            found.append(inside)  # "International Tennis Federation (ITF)"
        elif inside == name:
            last = re.search(r"\b([A-Z][A-Za-z0-9&.-]{1,9})$", before)
            if last and sum(c.isupper() for c in last.group(1)) >= 2:
                found.append(last.group(1))  # "ITF (International …)", never "Transport
                # (Scotland) Act" for Scotland
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    found = [a for a in found if a.replace(".", "") == initials or len(found) == 1]
    if re.fullmatch(r"[A-Z]{2,6}", name):
        found.extend(_spelled_out_before(text, name))  # "an electrocardiogram, or ECG"
    return found


def _spelled_out_before(text: str, acronym: str) -> list[str]:
    """The words an article spells an acronym out as ("electrocardiogram, or ECG"): the
    shortest run of words before ", or ECG" whose letters hold the acronym's in order."""
    found = re.search(rf"((?:[A-Za-z-]+ ){{0,4}}[A-Za-z-]+),? or {re.escape(acronym)}\b", text)
    if not found:
        return []
    words = found.group(1).split()
    for size in range(1, len(words) + 1):
        phrase = " ".join(words[-size:])
        letters = iter(phrase.lower())
        if phrase[:1].lower() == acronym[0].lower() and all(c in letters for c in acronym.lower()):
            return [phrase]
    return []
