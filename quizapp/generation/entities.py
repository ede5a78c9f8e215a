"""Entity typing, part of the analyse stage: turn a span of the parse into a typed Entity.

Also the identity key, aliases and form (label plus shape) that later stages use to match,
accept and replace a name. Pure: works on parsed tokens and never loads the model itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from wordfreq import zipf_frequency

from quizapp.domain.textnorm import norm_key
from quizapp.generation.lexicon import (
    ALIASES,
    CITIES,
    COUNTRIES,
    DEMONYMS,
    FACILITY_NOUNS,
    KNOWN_TYPES,
    MONTHS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    TITLES,
    TYPE_NOUNS,
)

NUMERIC_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}

_ALIAS_KEYS = {norm_key(k): norm_key(v) for k, v in ALIASES.items()}
TYPE_KEYS = {norm_key(k): v for k, v in KNOWN_TYPES.items()}
COUNTRY_KEYS = {norm_key(c) for c in COUNTRIES}
CITY_KEYS = {norm_key(c) for c in CITIES}
MONTH_KEYS = {m.lower() for m in MONTHS}
_COUNTRY_IDS: set[str] = set()  # filled below, once identity() exists
_NUMBER_WORD_KEYS = set(NUMBER_WORDS)


@dataclass(frozen=True)
class Entity:
    """A named entity, date, number or key term with char offsets into the article text."""

    start: int
    end: int
    text: str
    label: str
    key: str  # identity: aliases, metonyms, plural and "the" variants share one key
    form: str  # label plus shape; distractors must share it


@functools.lru_cache(maxsize=16_384)
def identity(text: str) -> str:
    """Identity key of a name: metonyms map to what they stand for; plurals to the singular."""
    key = norm_key(text)
    key = _ALIAS_KEYS.get(key, key)
    if key.endswith("sses"):
        return key[:-2]  # albatrosses, processes
    if key.endswith("s") and len(key) > 4 and not key.endswith("ss"):
        singular = key[:-1]
        if key.endswith("uses") and zipf_frequency(key[:-2], "en") > zipf_frequency(singular, "en"):
            singular = key[:-2]  # octopuses, viruses (but houses, causes)
        key = _ALIAS_KEYS.get(singular, singular)
        key = key[:-1] if key.endswith("s") and len(key) > 4 and not key.endswith("ss") else key
    return key


_COUNTRY_IDS.update(identity(c) for c in COUNTRIES)


def aliases_of(text: str) -> list[str]:
    """Other surface forms that name the same thing (metonyms, short forms, without "the")."""
    return list(_aliases(text))


@functools.lru_cache(maxsize=8192)
def _aliases(text: str) -> tuple[str, ...]:
    """Other surface forms that name the same thing (metonyms, short forms, without "the")."""
    key = identity(text)
    out = []
    for surface in list(ALIASES) + list(ALIASES.values()):
        if identity(surface) == key and norm_key(surface) != norm_key(text):
            out.append(surface)
    stripped = re.sub(r"^(the|The)\s+", "", text)
    if stripped != text:
        out.append(stripped)
    seen, unique = set(), []
    for alias in out:
        if norm_key(alias) not in seen and norm_key(alias) != norm_key(text):
            seen.add(norm_key(alias))
            unique.append(alias)
    return tuple(unique)


def form_of(text: str, label: str, plural: bool = False) -> str:
    """Label plus shape (year, decade, country, city, plural…); distractors must match it."""
    key = norm_key(text)
    if label == "DATE":
        if re.fullmatch(r"\d{4}", key):
            return "DATE:year"
        if re.fullmatch(r"\d{4}s", key):
            return "DATE:decade"
        if (
            re.fullmatch(r"(late |early |mid )?[a-z]+ \d{1,2}", key)
            and key.split()[-2] in MONTH_KEYS
        ) or (re.fullmatch(r"(?:[a-z]+ )?\d{1,2} [a-z]+", key) and key.split()[-1] in MONTH_KEYS):
            return "DATE:monthday"  # "March 29" and "29 March"
        if key.split()[-1] in MONTH_KEYS:
            return "DATE:month"
        return "DATE:other"
    if label in NUMERIC_LABELS:
        shape = "digits" if re.search(r"\d", key) else "words"
        unit = re.sub(r"[\d.,\s]+", " ", key).split()
        return f"NUM:{shape}:{unit[-1] if unit and shape == 'digits' else ''}"
    if label in ("GPE", "LOC") and (
        key in COUNTRY_KEYS or (key not in CITY_KEYS and identity(text) in _COUNTRY_IDS)
    ):
        return "GPE:country"
    if label == "GPE":
        return "GPE:place"
    if label == "NORP":
        return "NORP:plural" if plural else "NORP:single"
    if label == "PERSON":
        return "PERSON:1" if len(key.split()) == 1 else "PERSON:n"
    if label == "TERM":
        return "TERM:plural" if plural else "TERM:single"
    return label


ROMAN_NUMERALS = {
    "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
}  # fmt: skip
PLACE_PREPS = {"at", "to", "from", "near", "around", "beyond", "toward", "towards", "in"}


def _extend_name(doc: Any, first: int, last: int) -> tuple[int, int]:
    """Grow a person's span over a leading title, a regnal number or an epithet."""
    titled = doc[first].lower_ in TITLES
    if first > 0 and doc[first - 1].lower_ in TITLES and doc[first - 1].text[:1].isupper():
        first, titled = first - 1, True
    while last < len(doc):
        nxt = doc[last]
        if nxt.text in ROMAN_NUMERALS or (nxt.text == "I" and titled):
            last += 1
        elif (
            nxt.lower_ == "the"
            and last + 1 < len(doc)
            and doc[last + 1].tag_ == "NNP"
            and doc[last + 1].text[:1].isupper()
            and doc[last + 1].lower_ not in TYPE_NOUNS
            and doc[last + 1].dep_ == "appos"
            and first <= doc[last + 1].head.i < last
            and not (
                last + 2 < len(doc)
                and (doc[last + 2].lower_ == "of" or doc[last + 2].pos_ == "PROPN")
            )
        ):
            last += 2  # "Henry the Lion", but not "awarded Jones the Medal of Honor"
        else:
            break
    return first, last


STREET_WORDS = {
    "Lane", "Road", "Street", "Avenue", "Drive", "Crescent", "Terrace", "Gardens", "Wharf",
    "Quay", "Parade", "Meadows", "Close", "Mews", "Fields", "Way", "Row",
}  # fmt: skip
WATER_AND_LAND_WORDS = {
    "Creek", "Stream", "Falls", "Loch", "Tarn", "Valley", "Island", "Reservoir", "Estuary",
}  # fmt: skip  # never a surname (Hill, Brook, Beck, Lake and Bay are)
STREET_PREPS = {"on", "off", "in", "along", "at", "from", "near", "into", "onto", "down", "up"}


def _context_label(doc: Any, first: int, last: int, label: str) -> str | None:
    """The type a name's context reveals ("the Webb telescope", "called L2"), if any."""
    span = doc[first:last]
    root = span.root
    prev = doc[first - 1] if first > 0 else None
    nxt = doc[last] if last < len(doc) else None
    named = _named_noun(doc, first)
    if named is not None:
        noun = named.lemma_.lower()
        if noun in PERSON_NOUNS:
            return None
        return TYPE_NOUNS.get(noun, "MISC" if label == "PERSON" else None)
    if label not in ("PERSON", "LAW", "MISC"):
        return None
    street = span[-1].text in STREET_WORDS and prev is not None and prev.lower_ in STREET_PREPS
    if label == "PERSON" and street:
        return "FAC"  # "the former gasworks off Cinder Lane": a street, not Nathan Lane
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ in TYPE_NOUNS:
        return TYPE_NOUNS[nxt.lower_]
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in TYPE_NOUNS:
            return TYPE_NOUNS[child.lemma_.lower()]
    if root.dep_ == "appos" and root.head.lemma_.lower() in TYPE_NOUNS:
        return TYPE_NOUNS[root.head.lemma_.lower()]
    if label == "MISC":
        return None
    if re.search(r"\d", span.text):
        # "At L2" is a place; elsewhere the document decides (see analyse._retype_across_document)
        return "LOC" if prev is not None and prev.lower_ in PLACE_PREPS else None
    if label == "PERSON" and prev is not None and not (nxt is not None and nxt.tag_ == "POS"):
        if prev.lower_ == "the":
            return "MISC"  # "the Steelyard" names a place or thing, not a person
        described = prev.pos_ in ("ADJ", "VERB") and prev.i > 0 and doc[prev.i - 1].lower_
        if prev.lower_ in ("a", "an", "its") or described in ("a", "an"):
            return "MISC"  # "a parked Vauxhall Corsa", "its Kingfisher Dry": things
        if prev.lower_ in PERSON_TO_PLACE_PREPS or (
            prev.ent_type_ == "NORP" and prev.i > 0 and doc[prev.i - 1].lower_ in ("in", "near")
        ):
            return "GPE"  # "in French Guiana"
    if label == "PERSON" and span[-1].text in WATER_AND_LAND_WORDS and len(span) > 1:
        return "LOC"  # "where the Little Conemaugh meets Stony Creek": a stream, not Mr Creek
    if re.match(r"(?:Storm|Hurricane|Cyclone|Typhoon|Tropical Storm) [A-Z]", span.text):
        return "EVENT"  # "Cyclone Amphan was one of the strongest storms": never "Who …?"
    if label == "PERSON" and len(span) > 1 and span[-1].text in ("Age", "Ages", "Era", "Period"):
        return "EVENT"  # "the Bronze Age", never a Mr Age whose surname is accepted alone
    if label == "PERSON" and re.match(r"(?:St\.?|Saint) [A-Z]", span.text):
        return "FAC"  # "the church council of St Botolph's": a church, not Mr Botolph
    if label == "PERSON" and re.search(r"\b(?:LLP|Ltd|PLC|plc|Inc|& Co)\.?$", span.text):
        return "ORG"  # "Mallinson Grey LLP", the council's auditors
    if label == "PERSON" and re.match(r"\s*\(\d+-\d+(?:f|fav)?\)", doc.text[span.end_char :]):
        return "MISC"  # "Kilbride Abbey (7-1) took second": a horse at its odds
    return None


# "in French Guiana", "climbs to 410 metres at Scarsby Top": no person is "at" anywhere
PERSON_TO_PLACE_PREPS = {"in", "near", "at", "via", "towards", "outside", "off"}


def _named_noun(doc: Any, first: int) -> Any | None:
    """The common noun a name is given to: "a film called Kapton", "the style known as X"."""
    i = first - 1
    if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "known":
        i -= 1
    elif i < 0 or doc[i].lower_ not in ("called", "named", "dubbed"):
        return None
    i -= 1
    while i >= 0 and (doc[i].pos_ == "ADV" or doc[i].is_punct):
        i -= 1
    if i < 0 or doc[i].pos_ != "NOUN":
        return None
    noun = doc[i]
    before = noun.left_edge.i - 1
    if noun.lemma_.lower() in PERSON_NOUNS and before >= 0 and doc[before].pos_ == "NOUN":
        return doc[before]  # "a sentence the merchants called X": the merchants do the naming
    return noun


def make_entity(
    text: str, offset: int, first: int, last: int, label: str, doc: Any
) -> Entity | None:
    """The typed Entity for doc[first:last], or None when the span makes no answer."""
    # Trim leading determiners/possessives and trailing possessive markers from the span.
    while first < last and (doc[first].lower_ in ("the", "a", "an") or doc[first].is_punct):
        first += 1
    while last > first and (doc[last - 1].tag_ == "POS" or doc[last - 1].is_punct):
        last -= 1
    if first >= last:
        return None
    key = norm_key(doc[first:last].text)
    if label == "PERSON" and key not in TYPE_KEYS:
        first, last = _extend_name(doc, first, last)
        key = norm_key(doc[first:last].text)
    if key in TITLES:
        return None  # a bare title ("King") is not an answer
    span = doc[first:last]
    start = offset + span.start_char
    end = offset + span.end_char
    surface = text[start:end]
    if not surface.strip() or '"' in surface or "\n" in surface:
        return None
    if key in TYPE_KEYS:
        label = TYPE_KEYS[key]
    elif key in COUNTRY_KEYS:  # a city name may be a surname ("Washington crossed…")
        label = "GPE"
    else:
        label = _context_label(doc, first, last, label) or label
    if label == "NORP" and last < len(doc) and doc[last].lower_ in FACILITY_NOUNS:
        label = "FAC"
    if (
        label == "DATE"
        and not re.search(r"\d", surface)
        and not any(w in MONTH_KEYS for w in key.split())
    ):
        if not any(w in _NUMBER_WORD_KEYS for w in key.split()[:1]):
            return None  # relative dates ("the coming months") make poor answers
        label = "QUANTITY"  # a duration in words ("fifteen years")
    if label in NUMERIC_LABELS and key in ("one", "a", "an"):
        return None
    plural = doc[last - 1].tag_ in ("NNS", "NNPS")
    return Entity(start, end, surface, label, identity(surface), form_of(surface, label, plural))


def is_number_word(word: str) -> bool:
    """Whether a word spells a number ("two", "forty")."""
    return word.lower() in _NUMBER_WORD_KEYS


def demonyms() -> list[str]:
    """Built-in demonyms (distractor pool for NORP answers)."""
    return list(DEMONYMS)
