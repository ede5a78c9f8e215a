"""Realise, part two: multiple-choice and true/false items about the author's own arguments
(recommendations, reasons, claims), asked as the author states them (pure)."""

from __future__ import annotations

import random
import re

from quizapp.domain.items import QuizItem
from quizapp.domain.textnorm import norm_key
from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.arguments import Argument, lower_first
from quizapp.generation.connectors import connector_length
from quizapp.generation.entities import identity
from quizapp.generation.realise import (
    ARGUMENT_PREFIX,
    Candidate,
    item_key,
    quote_body,
    section_topic,
)
from quizapp.generation.references import previous_in_paragraph
from quizapp.generation.wording import PRONOUN_SUBJECTS, TARGET_WORDS, clause_span

OPINION = re.compile(
    r"\b(?:should(?! have\b)|ought(?! to have\b)|on balance|the case for|the real question|"
    r"argues?|arguably|in (?:my|our) "
    r"view|it is time|would be (?:wise|better)|better to|worse to)\b",
    re.IGNORECASE,
)


def argument_candidates(
    analysis: Analysis,
    argument: Argument,
    pool: list[Argument],
    rng: random.Random,
    base_score: float,
) -> list[Candidate]:
    """Multiple-choice and true/false items about the author's recommendations, reasons, claims."""
    article = analysis.article
    text = article.text
    quote = text[argument.quote_start : argument.quote_end]
    topic = section_topic(article, argument.quote_start)
    out: list[Candidate] = []

    def add(type_: str, prompt: str, answer: str, explanation: str, bonus: float, **extra) -> None:
        item = QuizItem(
            key=item_key(
                type_, answer, article.sha256[:12], argument.quote_start, type_, prompt, answer
            ),
            type=type_,
            kind="argument",
            prompt=prompt,
            answer=answer,
            explanation=explanation,
            source_start=argument.quote_start,
            source_end=argument.quote_end,
            quote=quote,
            topic=topic,
            tags=["argument", argument.kind],
            score=round(base_score + bonus, 4),
            **extra,
        )
        # one id per kind: the per-answer cost keeps argument items from crowding out facts
        out.append(Candidate(item, argument.sentence, f"arg:{argument.kind}", item.score))

    # "Why" questions whose options are other sentences' reasons were rejected in every blind
    # rating (they read as unrelated clauses); only recommendations are asked as choices.
    if argument.kind == "recommendation":
        if argument.kind == "recommendation":
            subject = identity(argument.subject)
            others = [
                o.answer
                for o in pool
                if o.kind in ("recommendation", "action")
                and o.sentence != argument.sentence
                and identity(o.subject) != subject
            ]
        else:
            others = [
                o.answer for o in pool if o.kind == "reason" and o.sentence != argument.sentence
            ]
            others += [
                o.claim for o in pool if o.kind == "reason" and o.sentence != argument.sentence
            ]
            others += [
                _claim_clause(text[o.quote_start : o.quote_end], text)
                for o in pool
                if o.kind == "claim"
                and o.sentence != argument.sentence
                and len(text[o.quote_start : o.quote_end].split()) <= 22
            ]
        others = [
            o
            for o in dict.fromkeys(others)
            if norm_key(o) != norm_key(argument.answer)
            and not re.match(r"(?i)(because|since|although|while|if|when)\b", o)
        ]  # an option that opens with "because" reads as a fragment of another sentence
        if len(others) >= 3:
            distractors = rng.sample(others, 3)
            choices = [argument.answer, *distractors]
            rng.shuffle(choices)
            verb = "recommends" if argument.kind == "recommendation" else "argues"
            body = quote_body(quote, text)
            explanation = f"The author {verb} this directly: {body}."
            if argument.kind == "recommendation":
                explanation += _owners_note(distractors, pool)
            add("mcq", argument.question, argument.answer, explanation, 1.6, choices=choices)
    if argument.kind == "claim" and argument.negated:
        trimmed = _trimmed_claim(analysis, argument, quote)
        if trimmed is None:
            return out
        # only the claim as stated: a negated "must" reads as absurd, not as a fair test
        _negated, stated = trimmed
        if _view_set_up_to_fall(analysis, argument.sentence, quote):
            return out  # "Most people assume that … A more economical car should mean fewer
            # trips": what the author goes on to refute (round 102, a wrong key)
        if _is_opinion(analysis.sentences[argument.sentence], quote):
            explanation = f"True: the author argues that {quote_body(quote, text)}."
            statement = ARGUMENT_PREFIX + lower_first(stated, text)
        else:  # a fact with its reason, not a view to attribute
            explanation = f"True. {_end_period(quote.strip())}"
            statement = stated
        add("true_false", _end_period(statement), "True", explanation, 0.5)
    return out


# others' view, which an article sets up to knock down ("Most people assume that …")
OTHERS_VIEW = re.compile(
    r"\b(?:most|many|some) (?:people|of us|observers|economists|commentators)?\s*"
    r"(?:assume|think|believe|expect|suppose|imagine)|\b(?:common sense|intuition) "
    r"(?:says|suggests)|\bconventional wisdom\b|\bit (?:is|seems) natural to (?:think|assume)",
    re.IGNORECASE,
)


def _view_set_up_to_fall(analysis: Analysis, sentence: int, quote: str) -> bool:
    """Whether the sentence, or the one before it in its paragraph, gives a view others hold."""
    previous = previous_in_paragraph(analysis, analysis.sentences[sentence])
    before = analysis.article.text[previous.start : previous.end] if previous else ""
    return bool(OTHERS_VIEW.search(quote) or OTHERS_VIEW.search(before))


POLICY_SUBJECTS = {"we", "government", "governments", "policymaker", "leader", "west", "country"}
ACTORS = ("GPE", "ORG", "NORP")


def _is_opinion(info: SentenceInfo, quote: str) -> bool:
    """The author's view: a word of judgement, or "must" said of an actor ("Washington must",
    "it must stop them"), not of a role or a thing ("a coroner must be a solicitor")."""
    if OPINION.search(quote):
        return True
    for token in info.tokens:
        if token.lower_ == "must":
            verb = token.head
        elif token.lemma_ == "need" and any(c.dep_ == "xcomp" for c in token.children):
            verb = token  # "Washington needs to push third parties …"
        else:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            named = subject.pos_ == "PROPN" or subject.ent_type_ in ACTORS
            if named or subject.lower_ in POLICY_SUBJECTS or subject.lower_ in ("it", "they"):
                return True
    return False


def _trimmed_claim(analysis: Analysis, argument: Argument, quote: str) -> tuple[str, str] | None:
    """The negated and the stated claim, cut after the main clause when the sentence is long;
    None when the claim opens with a pronoun that has nothing to refer to."""
    words = quote.split()
    if not words or words[0].lower() in PRONOUN_SUBJECTS:
        return None
    info = analysis.sentences[argument.sentence]
    root = next((t for t in info.tokens if t.dep_ == "ROOT"), None)
    end = len(quote)
    if root is not None:
        root_end = root.idx + len(root.text) + info.offset - info.start
        budget = TARGET_WORDS - len(ARGUMENT_PREFIX.split())
        _start, end = clause_span(info, quote, 0, root_end, fixed_start=True, budget=budget)
    cut = len(quote) - end
    negated = argument.negated[: len(argument.negated) - cut] if cut else argument.negated
    tidy = re.compile(r"[\s,;:—-]+$")
    lead = connector_length(quote[:end])  # "And Washington needs …" is no statement alone
    stated = quote[lead:end]
    return tidy.sub("", negated), tidy.sub("", stated[:1].upper() + stated[1:])


def _owners_note(distractors: list[str], pool: list[Argument]) -> str:
    """Whose aims or recommendations the wrong options are, so the feedback teaches them too."""
    owners: dict[str, str] = {}
    for other in pool:
        if other.kind in ("recommendation", "action") and other.subject:
            owners.setdefault(other.answer, re.sub(r"^The ", "the ", other.subject))
    by_identity = {identity(owners[d]): owners[d] for d in reversed(distractors) if d in owners}
    names = list(reversed(by_identity.values()))  # "Russia" and "the Kremlin" are one owner
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f" The other options come from what {joined} {'wants' if len(names) == 1 else 'want'}."


def _claim_clause(sentence: str, text: str) -> str:
    return lower_first(re.sub(r"[\s.!?]+$", "", sentence), text)


def _end_period(sentence: str) -> str:
    return sentence if sentence.endswith((".", "!", "?", '"')) else sentence + "."
