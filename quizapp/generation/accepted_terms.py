"""Realise, part two (terms): the shorter forms of a key term a learner may type ("seabed" for
"bare seabed", "prism" for "glass prism", the singular of a plural) (pure)."""

from __future__ import annotations

import re

from quizapp.generation.analyse import Analysis
from quizapp.generation.entities import Entity
from quizapp.generation.select import zipf

TERM_HEAD_ZIPF = 4.5  # "prism", "torches", "bun": a head noun that names the thing alone
TERM_MODIFIER_ZIPF = 3.5  # "leucistic", "feedforward", "waveguide": the word that matters


def one_word_of_a_term(text: str, words: list[str]) -> list[str]:
    """One word of a two-word term that names the thing alone: its head when that is not an
    everyday word and the word before it is ("glass prism" → "prism", never "nerve" for the
    trigeminal nerve), and no other kind of it is in the article ("gate paddles" beside "ground
    paddles"); or its rare first word before an everyday head ("leucistic form" →
    "leucistic")."""
    modifier, head = words
    if modifier.lower() in ("cubic", "square"):
        return []  # "two grams per cubic centimetre": a centimetre is another unit
    out = []
    kinds = {
        m.lower() for m in re.findall(rf"\b([A-Za-z-]+)\s+{re.escape(head)}\b", text, re.IGNORECASE)
    }
    everyday_modifier = zipf(modifier.lower()) >= TERM_MODIFIER_ZIPF  # never "nerve" for
    if zipf(head.lower()) < TERM_HEAD_ZIPF and everyday_modifier and kinds <= {modifier.lower()}:
        out.append(head)  # "trigeminal nerve": the rare word is what it classifies by
    if zipf(modifier.lower()) < TERM_MODIFIER_ZIPF <= zipf(head.lower()):
        out.append(modifier)
    return out


DESCRIBING_TAGS = {"JJ", "VBG", "VBN", "RB"}
EVERYDAY_DESCRIBING_ZIPF = 3.5  # "bare", "falling", "upward"; not "antiviral", "trigeminal"


def without_describing_words(analysis: Analysis, entity: Entity) -> list[str]:
    """A term without its leading describing words ("bare seabed" → "seabed", "falling graupel
    pellets" → "graupel pellets"): what the sentence says about the thing is not its name."""
    info = next((s for s in analysis.sentences if s.start <= entity.start < s.end), None)
    if info is None:
        return []
    tokens = [
        t
        for t in info.tokens
        if entity.start <= info.offset + t.idx < entity.end and not t.is_space
    ]
    out = []
    while (
        len(tokens) > 1
        and tokens[0].tag_ in DESCRIBING_TAGS
        and zipf(tokens[0].lower_) >= EVERYDAY_DESCRIBING_ZIPF
    ):  # "bare seabed" → "seabed", but never "trigeminal nerve" → "nerve"
        tokens = tokens[1:]
        phrase = " ".join(t.text for t in tokens)
        out.append(phrase)
        if tokens[-1].tag_ == "NNS":
            out.append(singular(phrase))
    return out


def singular(phrase: str) -> str:
    """The singular of an English plural noun phrase's last word (rallies → rally)."""
    head, _, last = phrase.rpartition(" ")
    if re.search(r"[^aeiou]ies$", last):
        last = last[:-3] + "y"
    elif re.search(r"(?:ss|x|ch|sh|zz)es$", last):
        last = last[:-2]
    elif last.endswith("ses") and zipf(last[:-2].lower()) > zipf(last[:-1].lower()):
        last = last[:-2]  # octopuses → octopus, but houses → house
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()


def spelling_variants(display: str) -> list[str]:
    """The other spelling of a chemical school science now uses ("sulphuric" → "sulfuric")."""
    if not re.search(r"sulph", display, re.IGNORECASE):
        return []
    return [re.sub(r"(?i)sulph", lambda m: m.group()[0] + "ulf", display)]
