"""Select, part three: the author's arguments — recommendations, reasons, negatable claims."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from quizapp.domain.textnorm import norm_key
from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.lexicon import ARGUMENT_CUES, CITIES, COUNTRIES, DEMONYMS, MONTHS
from quizapp.generation.select import PRONOUNS


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
        around = (*token.children, *verb.children, *token.head.children)
        if any(c.dep_ in ("neg", "auxpass") or c.lower_ in ("whether", "if") for c in around):
            continue  # "schools do not have to guess", "whether children should be fed": no
            # recommendation of what someone should do
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
