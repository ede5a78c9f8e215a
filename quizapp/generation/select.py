"""Candidate facts and arguments: key-sentence scores, answer spans, argument statements (pure)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from wordfreq import zipf_frequency

from quizapp.domain.textnorm import norm_key
from quizapp.generation.analyse import Analysis, Entity, SentenceInfo, form_of, identity
from quizapp.generation.lexicon import ARGUMENT_CUES, CITIES, COUNTRIES, DEMONYMS, MONTHS

DENSITY_WEIGHT = 1.4
VAGUE_MODIFIERS = {"enough", "more", "most", "many", "much", "several", "other", "such", "own"}
# Nouns rarer than this are key terms. Rated blind (tests/data/ratings/dev.json), blanks of
# commoner nouns were mostly rejected as many-answer or given away ("smog", "observers").
RARE_ZIPF = 3.6
RARE_COMPOUND_ZIPF = 3.6
RARE_ADJECTIVE_ZIPF = 3.0
PRONOUNS = {"it", "they", "this", "that", "these", "those", "he", "she", "we", "i", "you", "its"}
LABEL_WEIGHT = {
    "PERSON": 1.0,
    "ORG": 0.9,
    "GPE": 0.8,
    "DATE": 0.9,
    "FAC": 0.9,
    "LOC": 0.8,
    "NORP": 0.6,
    "EVENT": 0.9,
    "LAW": 0.9,
    "PRODUCT": 0.8,
    "WORK_OF_ART": 0.8,
    "MISC": 0.7,
    "TERM": 0.75,
    "CARDINAL": 0.7,
    "QUANTITY": 0.8,
    "MONEY": 0.8,
    "PERCENT": 0.8,
    "LANGUAGE": 0.4,
}


@functools.lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """Word frequency on the Zipf scale (0 = unknown, 7+ = very common)."""
    return zipf_frequency(word, "en")


@dataclass
class Answer:
    """A blankable span in a sentence: the entity and the span shown blanked (may include "the")."""

    entity: Entity
    display: str  # the text that fills the blank
    blank_start: int
    blank_end: int
    weight: float
    modifier: bool = False  # the span modifies a following noun ("U.S. troops")
    embedded: bool = False  # something before it binds it into a larger phrase ("Israel's Meron")
    in_list: bool = False  # one item of a coordinated list


@dataclass
class Argument:
    """An argument statement: a recommendation, a reason for a claim, or a negatable claim."""

    kind: str  # recommendation | reason | claim
    sentence: int  # index of the (last) sentence
    quote_start: int
    quote_end: int
    subject: str = ""
    question: str = ""
    answer: str = ""  # the clause the question asks for (recommendation or reason)
    claim: str = ""  # the claim the reason supports
    negated: str = ""  # the sentence with its main verb's polarity flipped


def sentence_score(info: SentenceInfo, position: float, first_in_paragraph: bool) -> float:
    """Key-sentence score: entity/number density, rare terms, position and argument cues."""
    words = [t for t in info.tokens if t.is_alpha]
    n = max(len(words), 1)
    density = entity_density(info)
    content = [t for t in words if not t.is_stop]
    rarity = sum(max(0.0, 5.0 - zipf(t.lower_)) for t in content) / (5.0 * max(len(content), 1))
    cues = sum(1 for t in words if t.lower_ in ARGUMENT_CUES)
    score = DENSITY_WEIGHT * density + rarity + 0.15 * min(cues, 2)
    score += 0.15 if first_in_paragraph else 0.0
    score += 0.1 * (1.0 - position)
    if n < 7:
        score -= 0.3
    if n > 45:
        score -= 0.02 * (n - 45)
    if info.tokens and info.tokens[-1].text == "?":
        score -= 0.3
    return round(score, 4)


def entity_density(info: SentenceInfo) -> float:
    """Entities per word (at least 8 words counted)."""
    return len(info.entities) / max(sum(1 for t in info.tokens if t.is_alpha), 8)


def answers(text: str, info: SentenceInfo) -> list[Answer]:
    """Entities, dates, numbers and rare key terms of a sentence that can be asked about."""
    out: list[Answer] = []
    taken: list[tuple[int, int]] = []
    by_start = {info.offset + t.idx: t for t in info.tokens}
    by_end = {info.offset + t.idx + len(t.text): t for t in info.tokens}
    for ent in info.entities:
        first, last = by_start.get(ent.start), by_end.get(ent.end)
        after = last.doc[last.i + 1] if last is not None and last.i + 1 < len(last.doc) else None
        before = first.doc[first.i - 1] if first is not None and first.i > 0 else None
        modifier = after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
        start = ent.start
        if before is not None and before.lower_ == "the" and not modifier:
            start = info.offset + before.idx
            before = before.doc[before.i - 1] if before.i > 0 else None
        weight = LABEL_WEIGHT.get(ent.label, 0.6) + _rarity_bonus(ent.text)
        if ent.label == "CARDINAL" and not re.search(r"\d", ent.text):
            weight -= 0.3
        answer = Answer(ent, text[start : ent.end], start, ent.end, weight)
        answer.modifier = modifier
        answer.embedded = before is not None and (
            before.pos_ in ("ADJ", "PROPN", "NOUN", "NUM", "DET")
            or before.tag_ in ("POS", "PRP$")
            or before.text.endswith("'")
        )
        answer.in_list = last is not None and (
            last.dep_ == "conj" or any(c.dep_ == "conj" for c in last.children)
        )
        out.append(answer)
        taken.append((ent.start, ent.end))
    out.extend(_key_terms(text, info, taken))
    return out


def _rarity_bonus(phrase: str) -> float:
    parts = [w for w in re.findall(r"[A-Za-z]+", phrase) if len(w) > 2]
    if not parts:
        return 0.1
    return min(0.3, sum(max(0.0, 5.0 - zipf(w.lower())) for w in parts) / (10.0 * len(parts)))


def _rare_compound(token: Any) -> bool:
    """A common head noun whose rarer modifier makes a term ("bulk goods", "tennis court")."""
    if token.i == 0:
        return False
    left = token.doc[token.i - 1]
    if left.dep_ == "compound" and left.pos_ == "NOUN":
        limit = RARE_COMPOUND_ZIPF
    elif left.dep_ == "amod" and left.pos_ == "ADJ":
        limit = RARE_ADJECTIVE_ZIPF  # "bulk goods", but not "new goods"
    else:
        return False
    return left.is_alpha and zipf(left.lower_) < limit


def _key_terms(text: str, info: SentenceInfo, taken: list[tuple[int, int]]) -> list[Answer]:
    out: list[Answer] = []
    for token in info.tokens:
        if token.pos_ != "NOUN" or not token.is_alpha or len(token.text) < 3 or token.is_stop:
            continue
        if token.dep_ == "compound":
            continue  # the head noun carries the term
        if zipf(token.lower_) >= RARE_ZIPF and not _rare_compound(token):
            continue
        offset = info.offset
        first = token
        for left in reversed(list(token.lefts)):
            at = offset + left.idx
            inside = any(s <= at < e for s, e in taken)  # "the Baltic grain trade"
            plain = left.tag_ not in ("JJS", "JJR") and left.lower_ not in VAGUE_MODIFIERS
            if (
                left.i == first.i - 1
                and left.dep_ in ("compound", "amod")
                and left.is_alpha
                and plain
            ):
                if inside:
                    break
                first = left
            else:
                break
        start, end = offset + first.idx, offset + token.idx + len(token.text)
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        if surface[:1].isupper() and first.i == info.tokens[0].i:
            continue
        plural = token.tag_ == "NNS"
        before = first.doc[first.i - 1] if first.i > 0 else None
        ent = Entity(
            start, end, surface, "TERM", identity(surface), form_of(surface, "TERM", plural)
        )
        weight = LABEL_WEIGHT["TERM"] + _rarity_bonus(surface)
        answer = Answer(ent, surface, start, end, weight)
        answer.embedded = before is not None and (
            before.pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or before.tag_ in ("POS", "PRP$")
        )
        answer.modifier = token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "NOUN"
        out.append(answer)
        taken.append((start, end))
    return out


_MODALS = {"must": "must", "should": "should"}


def arguments(analysis: Analysis) -> list[Argument]:
    """Recommendations, reasons and negatable claims found in the article's sentences."""
    text = analysis.article.text
    out: list[Argument] = []
    antecedent = ""  # the subject of the previous sentence's recommendation, for "It must…"
    asked: dict[str, str] = {}  # recommendation question → its first answer
    for index, info in enumerate(analysis.sentences):
        if not info.tokens:
            antecedent = ""
            continue
        rec = _recommendation(text, info, antecedent)
        antecedent = rec.subject if rec else ""
        if rec:
            plain, earlier = rec.question, asked.get(rec.question)
            asked[plain] = rec.answer
            if earlier is not None and len(earlier.split()) <= 12:
                # the same question twice would be a near-duplicate: ask for another answer
                rec.question = plain.replace(" what ", " what else ", 1)
                rec.question = f"{rec.question[:-1]}, besides {earlier}?"
            out.append(rec)
        reason = _reason(text, analysis, index)
        if reason:
            out.append(reason)
        action = _action(text, info)
        if action:
            out.append(action)
        if any(t.lower_ in ARGUMENT_CUES for t in info.tokens):
            negated = negate(text, info)
            if negated:
                out.append(Argument("claim", index, info.start, info.end, negated=negated))
    return out


def _span_text(text: str, info: SentenceInfo, first: Any, last: Any) -> str:
    start = info.offset + first.idx
    end = info.offset + last.idx + len(last.text)
    return text[start:end]


def _subject_of(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _recommendation(text: str, info: SentenceInfo, antecedent: str = "") -> Argument | None:
    for token in info.tokens:
        lower = token.lower_
        verb = None
        if lower in _MODALS and token.tag_ == "MD":
            verb, aux = token.head, f"{_MODALS[lower]} {{s}} do"
        elif token.lemma_ in ("need", "have") and token.i + 2 < len(token.doc):
            nxt = token.doc[token.i + 1]
            if nxt.lower_ == "to" and token.pos_ in ("VERB", "AUX"):
                verb = token.doc[token.i + 2]
                if verb.pos_ != "VERB":
                    continue
                will = [c for c in token.children if c.lower_ in ("will", "would")]
                if will:
                    aux = f"{will[0].lower_} {{s}} {token.lemma_} to do"
                else:
                    do = {"VBZ": "does", "VBD": "did"}.get(token.tag_, "do")
                    aux = f"{do} {{s}} {token.lemma_} to do"
        if verb is None or verb.pos_ != "VERB":
            continue
        subject = _subject_of(verb) or _subject_of(token) or _subject_of(token.head)
        if subject is None or subject.i > token.i:
            continue  # inverted conditional ("Should X happen, …") is not a recommendation
        if subject.lower_ in PRONOUNS or subject.pos_ == "PRON":
            first_word = subject.i == info.tokens[0].i
            if not (antecedent and subject.lower_ in ("it", "they") and first_word):
                continue
            subj_text = antecedent  # "It must also try…" continues the previous recommendation
        else:
            subj_text = _span_text(text, info, subject.left_edge, subject)
        if subj_text.split()[0] in ("The", "A", "An"):
            subj_text = subj_text[0].lower() + subj_text[1:]
        last = verb.right_edge
        while last.is_punct and last.i > verb.i:
            last = last.doc[last.i - 1]
        predicate = _span_text(text, info, verb, last)
        if len(predicate.split()) < 3 or len(predicate.split()) > 30:
            continue
        question = f"According to the author, what {aux.format(s=subj_text)}?"
        return Argument(
            "recommendation",
            info.index,
            info.start,
            info.end,
            subject=subj_text,
            question=question,
            answer=predicate,
        )
    return None


def _action(text: str, info: SentenceInfo) -> Argument | None:
    """What a named actor wants, aims or plans to do: a verb phrase other items borrow."""
    for token in info.tokens:
        if token.pos_ != "VERB" or token.lemma_ not in (
            "want",
            "aim",
            "try",
            "seek",
            "hope",
            "plan",
        ):
            continue
        if token.dep_ in ("relcl", "acl"):
            continue  # "…, which both parties want to cut down to size" lacks its object
        subject = _subject_of(token)
        xcomp = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if subject is None or subject.pos_ == "PRON" or not xcomp:
            continue
        verb = xcomp[0]
        last = verb.right_edge
        while last.is_punct and last.i > verb.i:
            last = last.doc[last.i - 1]
        predicate = _span_text(text, info, verb, last)
        if 3 <= len(predicate.split()) <= 20:
            subj_text = _span_text(text, info, subject.left_edge, subject)
            return Argument("action", info.index, info.start, info.end, subj_text, answer=predicate)
    return None


_REASON_PATTERNS = [
    re.compile(r"^(?P<claim>.{20,}?),? because (?P<reason>.{15,}?)[.!]?$"),
    re.compile(r"^(?:Since|Because) (?P<reason>.{15,}?), (?P<claim>.{15,}?)[.!]?$"),
    re.compile(r"^(?P<reason>.{20,}?),? and so (?P<claim>.{15,}?)[.!]?$"),
    re.compile(r"^(?P<reason>.{20,}?), so (?P<claim>.{15,}?)[.!]?$"),
    re.compile(r"^(?P<reason>.{20,}?); (?:therefore|thus|hence),? (?P<claim>.{15,}?)[.!]?$"),
]


def _reason(text: str, analysis: Analysis, index: int) -> Argument | None:
    info = analysis.sentences[index]
    sentence = text[info.start : info.end]
    for pattern in _REASON_PATTERNS:
        match = pattern.match(sentence)
        if not match:
            continue
        reason, claim = match.group("reason"), match.group("claim")
        if not _has_subject_clause(info, match.start("reason"), match.end("reason")):
            continue
        claim = _resolve_pronoun(claim, reason)
        if claim is None or claim.split()[-1] in ("simply", "only", "purely", "just", "merely"):
            continue
        return Argument(
            "reason",
            index,
            info.start,
            info.end,
            question=_why(claim, text),
            answer=reason.strip(" ,;"),
            claim=claim,
        )
    if sentence.startswith("As a result, ") and index > 0:
        prev = analysis.sentences[index - 1]
        if prev.end <= info.start and analysis.article.paragraph_index(
            prev.start
        ) == analysis.article.paragraph_index(info.start):
            claim = sentence[len("As a result, ") :].rstrip(".!")
            reason = text[prev.start : prev.end].rstrip(".!")
            if len(reason.split()) <= 40:
                return Argument(
                    "reason",
                    index,
                    prev.start,
                    info.end,
                    question=_why(claim, text),
                    answer=reason,
                    claim=claim,
                )
    return None


def _why(claim: str, text: str) -> str:
    return f"According to the author, why is it that {_lower_first(claim, text)}?"


def _has_subject_clause(info: SentenceInfo, start: int, end: int) -> bool:
    base = info.start - info.offset
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and start <= t.idx - base < end for t in info.tokens
    )


def _resolve_pronoun(claim: str, reason: str) -> str | None:
    first = claim.split()[0].lower() if claim.split() else ""
    if first not in PRONOUNS:
        return claim
    subject = re.match(r"^([A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)\s", reason)
    if subject and subject.group(1).split()[0].lower() in PRONOUNS | {"these", "those", "the"}:
        return None
    if subject and first in ("it", "they"):
        return subject.group(1) + claim[len(first) :]
    return None


@functools.lru_cache(maxsize=8)
def _lowercase_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][a-z'-]*\b", text))


_PROPER_WORDS = frozenset(
    [*DEMONYMS, *MONTHS, *(w for name in [*COUNTRIES, *CITIES] for w in name.split())]
    + ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I"]
)


_OPENER = re.compile(
    r"^(?:Finally|However|Instead|Still|Meanwhile|Moreover|Furthermore|Indeed|Thus|Therefore|"
    r"Otherwise|Initially|In turn|In particular|For example|For instance|After all),\s+"
)


@functools.lru_cache(maxsize=8)
def _capitalised_inside(text: str) -> frozenset[str]:
    """Capitalised words that also occur inside a sentence (names, not sentence starts)."""
    return frozenset(re.findall(r"(?<=[\w,;:)] )[A-Z][\w'-]*", text))


def _lower_first(phrase: str, text: str = "") -> str:
    phrase = re.sub(r"^(?:But|And|Yet|So|Or)\s+", "", phrase)
    phrase = _OPENER.sub("", phrase)
    first = phrase.split()[0] if phrase.split() else ""
    common = ("The", "A", "An", "This", "These", "Its", "Their", "It", "They", "Some", "Such")
    if first in common or (text and first.istitle() and first.lower() in _lowercase_words(text)):
        return phrase[0].lower() + phrase[1:]
    if (
        text
        and first.istitle()
        and len(first) > 1
        and first not in _capitalised_inside(text)
        and first not in _PROPER_WORDS
        and not (len(phrase.split()) > 1 and phrase.split()[1][:1].isupper())  # "Duke Henry"
    ):
        return phrase[0].lower() + phrase[1:]  # only ever capitalised at a sentence start
    return phrase


def lower_first(phrase: str, text: str = "") -> str:
    """Lowercase the first word when it is a common word, judged by how `text` writes it."""
    return _lower_first(phrase, text)


def negate(text: str, info: SentenceInfo) -> str:
    """The sentence with its main verb's polarity flipped ("" when no safe flip exists)."""
    root = next((t for t in info.tokens if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return ""
    base = info.offset
    sentence_start = info.start
    children = list(root.children)
    neg = [c for c in children if c.dep_ == "neg"]
    aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    edits: list[tuple[int, int, str]] = []  # absolute char spans → replacement
    if neg:
        n = neg[0]
        start, end = base + n.idx, base + n.idx + len(n.text)
        if n.lower_ in ("n't",):
            return ""
        if n.lower_ == "not" and aux and aux[0].lower_ == "can" and aux[0].i == n.i - 1:
            return ""
        do_aux = [a for a in aux if a.lemma_ == "do"]
        if do_aux and n.lower_ == "not":
            d = do_aux[0]
            if root.tag_ != "VB":
                return ""
            verb = _inflect(root.text, d.tag_)
            if not verb:
                return ""
            edits.append((base + d.idx, base + root.idx + len(root.text), verb))
        else:
            while start > 0 and text[start - 1] == " ":
                start -= 1
            edits.append((start, end, ""))
    elif aux:
        a = aux[0]
        after = a.doc[a.i + 1] if a.i + 1 < len(a.doc) else None
        if a.lemma_ not in _NEGATABLE_AUX or after is None or after.pos_ in ("ADV", "PART"):
            return ""
        if a.lower_ in ("can",) and a.text == "can":
            edits.append((base + a.idx, base + a.idx + 3, "cannot"))
        else:
            at = base + a.idx + len(a.text)
            edits.append((at, at, " not"))
    elif root.lemma_ == "be":
        after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
        if after is None or after.pos_ in ("ADV", "PART"):
            return ""
        at = base + root.idx + len(root.text)
        edits.append((at, at, " not"))
    elif root.tag_ in ("VBZ", "VBP", "VBD") and root.pos_ == "VERB":
        do = {"VBZ": "does", "VBP": "do", "VBD": "did"}[root.tag_]
        lemma = _base_form(root)
        edits.append((base + root.idx, base + root.idx + len(root.text), f"{do} not {lemma}"))
    else:
        return ""
    sentence = text[sentence_start : info.end]
    for start, end, replacement in sorted(edits, reverse=True):
        rel_start, rel_end = start - sentence_start, end - sentence_start
        sentence = sentence[:rel_start] + replacement + sentence[rel_end:]
    if norm_key(sentence) == norm_key(text[sentence_start : info.end]):
        return ""
    return sentence


_NEGATABLE_AUX = {"be", "have", "will", "would", "can", "could", "may", "might", "must", "should"}


def _base_form(verb: Any) -> str:
    word = verb.text
    if verb.tag_ == "VBP":
        return word
    if verb.tag_ == "VBD":
        return verb.lemma_
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _inflect(lemma: str, do_tag: str) -> str:
    if do_tag == "VBD":
        return ""  # irregular pasts are not safe to guess
    if do_tag == "VBP":
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"
