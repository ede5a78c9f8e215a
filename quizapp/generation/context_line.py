"""Realise, last touch on the chosen bank: the sentence before as a context line for an item
whose prompt leans on it ("Jenner found cowpox sores on the hand of a dairymaid. Jenner took
fluid from one of the sores …"), when that sentence says which thing "the sores" are (pure)."""

from __future__ import annotations

import re
from dataclasses import replace

from quizapp.domain.items import QuizItem
from quizapp.domain.textnorm import norm_key
from quizapp.generation.accepted_numbers import MONTH_PATTERN
from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.context import Frame
from quizapp.generation.references import POINTING_OPENING, previous_in_paragraph

MAX_CONTEXT_WORDS = 32
MIN_CONTEXT_WORDS = 8  # "The triumph was also an expensive one." says nothing of use
# a noun the sentence before describes: "a reading of 19.1C", "the £1.4m deal", "fresh
# cowpox sores", "a young dairymaid, Sarah Nelmes"
DESCRIBING = {"compound", "amod", "nummod", "poss", "prep", "acl", "relcl", "appos", "npadvmod"}
POINTING_INSIDE = re.compile(r"\b[Tt]he (?:other|same|two|three|four|latter|former)\b")
# Held-out rounds 53-92: of 64 items whose prompt counts time from another sentence, 22 were
# used as they were and 32 needed the date written in
RELATIVE_TIME = re.compile(
    r"\b(?:the (?:following|next|previous) (?:day|week|month|year|season|morning|night)|"
    r"(?:months?|years?|weeks?|days?|decades?) (?:later|earlier|afterwards)|"
    r"(?:has|had|have) since|that (?:same )?(?:day|week|month|year))\b",
    re.IGNORECASE,
)
_THE_NOUN = re.compile(r"\b[Tt]he ([a-z][a-z-]+)\b")


def leaning_nouns(info: SentenceInfo, prompt: str, answer: str) -> list:
    """The bare "the <noun>" phrases of the prompt that point back: a common noun with only
    "the" before it and nothing after it that says which ("the sores", not "the sores on her
    hand"), outside the answer."""
    wanted = {m.group(1).lower() for m in _THE_NOUN.finditer(prompt)}
    answer_words = {w.lower() for w in re.findall(r"[A-Za-z-]+", answer)}
    found = []
    for token in info.tokens:
        if token.pos_ != "NOUN" or token.lower_ not in wanted or token.lower_ in answer_words:
            continue
        children = list(token.children)
        if [c.lower_ for c in children if c.i < token.i] != ["the"]:
            continue  # "the last hut", "the thatched hut": described already
        if any(c.dep_ in DESCRIBING for c in children if c.i > token.i):
            continue  # "the hut in the garden", "the boy who …"
        found.append(token)
    return found


def _describes(sentence: SentenceInfo, noun) -> bool:
    """Whether the sentence names the noun with words that say which one it is."""
    for token in sentence.tokens:
        if token.pos_ != "NOUN" or token.lemma_.lower() != noun.lemma_.lower():
            continue
        if any(c.dep_ in DESCRIBING or c.lower_ in ("a", "an") for c in token.children):
            return True
    return False


def _dates_the_time(previous: SentenceInfo, prompt: str) -> bool:
    """Whether the prompt counts its time from the sentence before ("the following month",
    "three years later", "has since"), not from a date of its own, and that sentence gives a
    date."""
    counted = RELATIVE_TIME.search(prompt)
    if counted is None or re.search(rf"\d|____|\b(?:{MONTH_PATTERN})\b", prompt[: counted.start()]):
        return False  # "… in ____ and abandoned it the following year" counts from its own
    return any(e.label == "DATE" and re.search(r"\d", e.text) for e in previous.entities)


def title_words(title: str) -> set[str]:
    """The title's words, lower-cased, with their singulars: nouns that name the topic."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", title)}
    return words | {w[:-1] for w in words if w.endswith("s")}


def opening_description(info: SentenceInfo, prompt: str, topic: set[str]):
    """The subject the prompt opens on when it is a bare description that points back ("The
    company will plant …", "The extra pressure stretches …"), or None."""
    first = re.match(r"The ([a-z][a-z-]+)", prompt)
    if first is None:
        return None
    for token in info.tokens:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "NOUN":
            continue
        left = [c for c in token.children if c.i < token.i]
        if not left or left[0].lower_ != "the" or left[0].left_edge.i != left[0].i:
            continue
        if len(left) > 2:
            return None  # "The typical Hanseatic ship" says enough of which
        phrase = info.tokens[0].doc[left[0].i : token.i + 1].text
        if not prompt.startswith(phrase) or any(t.pos_ == "PROPN" for t in left):
            return None
        if any(
            c.dep_ in DESCRIBING - {"amod", "compound", "nummod", "poss"}
            for c in token.children
            if c.i > token.i
        ):
            return None  # "The hut in the garden": says which
        if token.lemma_.lower() in topic or token.lower_ in topic:
            return None  # "The canal" in an article on the canal
        return token
    return None


def context_sentence(
    analysis: Analysis,
    info: SentenceInfo,
    frames: list[Frame],
    item: QuizItem,
    topic: set[str],
    asked: frozenset[int] = frozenset(),
) -> str:
    """The sentence before, as the item's context line, or "" when the prompt does not lean
    on it, it cannot be shown as it stands, it would give the answer away, or the item is a
    statement and another item of the bank (a sentence in `asked`) asks about that one."""
    previous = previous_in_paragraph(analysis, info)
    if previous is None or (item.type == "true_false" and previous.index in asked):
        return ""  # a statement of two sentences, one another item's (rounds 93-124: such
        # statements 44% used as they were, against 66% for one sentence; round 123: three
        # repeated another item word for word); a blank keeps the line it leans on
    dating = _dates_the_time(previous, item.prompt)  # "the following month" after "In March …"
    if dating and frames[previous.index].problem:
        return ""  # a line that needs a line of its own ("Their son was born in 1803.")
    if opening_description(info, item.prompt, topic) is None and not dating:
        nouns = [
            n
            for n in leaning_nouns(info, item.prompt, item.answer)
            if n.lemma_.lower() not in topic and n.lower_ not in topic
        ]
        if not any(_describes(previous, n) for n in nouns):
            return ""  # nothing in the prompt the sentence before says which of
    view = frames[previous.index]
    if view.problem not in ("", "unresolved_reference") or view.cut or view.replaced:
        return ""  # speech, a caption, a connector cut: not a line to show as it stands
    text = analysis.article.text[previous.start : previous.end].strip()
    demonstrative = any(
        t.lower_ in ("this", "that", "these", "those") and t.dep_ == "det" for t in previous.tokens
    )  # "the preservation of that fish": a line that would need a line of its own
    if POINTING_OPENING.match(text) or POINTING_INSIDE.search(text) or demonstrative:
        return ""  # "Both the well and the stone …" needs a line of its own
    if (
        not MIN_CONTEXT_WORDS <= len(text.split()) <= MAX_CONTEXT_WORDS
        or "____" in text
        or not text.endswith(".")
    ):
        return ""
    shown = f" {norm_key(text)} "
    if item.type == "true_false":
        swapped_out = [
            k
            for k in re.findall(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*)", item.quote)
            if k not in item.prompt
        ]  # a false statement's own fact must not stand in the line beside it
        keys = swapped_out if item.answer == "False" else []
    else:
        keys = [item.answer, *item.accepted, *item.choices]  # nor the answer or an option
    if any(norm_key(k) and f" {norm_key(k)} " in shown for k in keys):
        return ""
    return text


def with_context_line(
    item: QuizItem,
    analysis: Analysis,
    sentence: int,
    frames: list[Frame],
    topic: set[str],
    asked: frozenset[int] = frozenset(),
) -> QuizItem:
    """The item with the sentence before written ahead of its prompt when the prompt leans on
    it (see context_sentence)."""
    if not 0 <= sentence < len(analysis.sentences):
        return item
    info = analysis.sentences[sentence]
    line = context_sentence(analysis, info, frames, item, topic, asked)
    return replace(item, prompt=f"{line} {item.prompt}") if line else item
