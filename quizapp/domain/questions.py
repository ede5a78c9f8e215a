"""Candidate items built from answer spans and argument statements (pure)."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from quizapp.domain.article import Article
from quizapp.domain.distractors import pick
from quizapp.domain.facts import Answer, Argument, lower_first
from quizapp.domain.items import CLOZE_BLANK, QuizItem
from quizapp.domain.nlp import Analysis, SentenceInfo, aliases_of, identity
from quizapp.domain.prompts import (
    PRONOUN_SUBJECTS,
    TARGET_WORDS,
    clause_span,
    drop_asides,
    finish,
    length_penalty,
)
from quizapp.domain.quality import ARGUMENT_PREFIX
from quizapp.domain.textnorm import norm_key

WH = {
    "PERSON:1": "who",
    "PERSON:n": "who",
    "GPE:country": "which country",
    "GPE:place": "which place",
    "LOC": "which place",
    "FAC": "which facility",
    "ORG": "which organization",
    "DATE:year": "what year",
    "DATE:decade": "which decade",
    "DATE:month": "which month",
    "DATE:monthday": "what date",
    "EVENT": "which event",
    "LAW": "which law",
    "PRODUCT": "what",
    "WORK_OF_ART": "which work",
    "MISC": "what",
    "TERM:single": "what",
    "TERM:plural": "what",
}
NAMING_VERBS = {"called", "named", "dubbed", "termed"}
PREPOSITIONS = {"in", "at", "on", "from", "to", "for", "by", "with", "under", "after", "before"}
AUXILIARIES = {"should", "would", "could", "did", "does", "do", "had", "has", "have", "were", "was"}
WH_WORDS = {"what", "which", "who", "whom", "whose", "where", "when", "why", "how"}
BLOCKING_BEFORE = {"its", "their", "his", "her", "our", "my", "your", "a", "an", "the", "this"}


@dataclass
class Candidate:
    """An item plus what the ranker needs: its sentence, answer identity and score."""

    item: QuizItem
    sentence: int
    answer_id: str
    score: float


def item_key(kind: str, answer: str, *parts: object) -> str:
    """Stable slug-like key: type, answer slug and a short hash of what defines the item."""
    slug = "-".join(re.findall(r"[a-z0-9]+", norm_key(answer))[:3]) or "item"
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:6]
    return f"{kind}-{slug[:28]}-{digest}"


def _ends_question(sentence: str) -> str:
    body = re.sub(r"[\s.!?:;,]+$", "", sentence)
    return body + "?"


def _topic(article: Article, offset: int) -> str:
    heading = article.heading_before(offset) or article.title
    return heading.capitalize() if heading.isupper() else heading


def _quote_body(quote: str, text: str) -> str:
    return lower_first(re.sub(r"[\s.!?]+$", "", quote), text)


def fact_candidates(
    analysis: Analysis,
    info: SentenceInfo,
    answer: Answer,
    forms: dict[str, str],
    rng: random.Random,
    base_score: float,
    kind: str,
) -> list[Candidate]:
    """Cloze, short-answer, multiple-choice and true/false candidates for one answer span."""
    article = analysis.article
    text = article.text
    quote = text[info.start : info.end]
    rel_start, rel_end = answer.blank_start - info.start, answer.blank_end - info.start
    display = answer.display
    ent = answer.entity
    topic = _topic(article, info.start)
    score = base_score + answer.weight
    accepted = aliases_of(display)
    if ent.label == "PERSON" and len(ent.text.split()) > 1:
        accepted.append(ent.text.split()[-1])
    explanation = f"The article states that {_quote_body(quote, text)} — answer: {display}."
    tags = [kind, ent.form.split(":")[0].lower()]
    out: list[Candidate] = []

    def add(type_: str, prompt: str, bonus: float, **extra: object) -> None:
        item = QuizItem(
            key=item_key(type_, display, article.sha256[:12], info.start, type_, display, prompt),
            type=type_,
            kind=kind,
            prompt=prompt,
            answer=extra.pop("answer", display),  # type: ignore[arg-type]
            explanation=extra.pop("explanation", explanation),  # type: ignore[arg-type]
            source_start=info.start,
            source_end=info.end,
            quote=quote,
            topic=topic,
            tags=list(tags),
            score=round(score + bonus - length_penalty(prompt), 4),
            **extra,  # type: ignore[arg-type]
        )
        out.append(Candidate(item, info.index, ent.key, item.score))

    # long sentences are trimmed to the clause holding the answer; the quote stays whole
    cut_start, cut_end = clause_span(info, quote, rel_start, rel_end)
    marked = drop_asides(quote[cut_start:rel_start] + "\x00" + quote[rel_end:cut_end], "\x00")
    head, tail = marked.split("\x00")
    blanked = finish(head + CLOZE_BLANK + tail, question=False)
    add("cloze", blanked, 0.0, accepted=list(accepted))
    free = not (answer.modifier or answer.embedded or answer.in_list)
    wh = ""
    if free:
        span_text = quote[rel_start:rel_end]
        wh = _wh_question(head + span_text + tail, len(head), len(head) + len(span_text), ent.form)
        wh = finish(wh, question=True) if wh else ""
    if wh:
        add("short_answer", wh, 0.05, accepted=list(accepted))
    if answer.modifier and ent.label not in ("NORP", "DATE", "TERM"):
        return out  # swapping a noun modifier ("U.S. troops") makes ungrammatical options
    in_sentence = {e.key for e in info.entities}
    distractors = pick(display, ent.form, analysis, forms, rng, exclude=in_sentence)
    if answer.embedded and not display.lower().startswith("the "):
        # "the Yemeni ____" takes "Houthis", so options drop their own "the"
        distractors = [re.sub(r"^the\s+", "", d, flags=re.IGNORECASE) for d in distractors]
        if len({norm_key(d) for d in distractors} | {norm_key(display)}) < 4:
            distractors = []
    if distractors:
        choices = [display, *distractors]
        rng.shuffle(choices)
        add("mcq", wh or blanked, 0.1, choices=choices, accepted=list(accepted))
        false_statement = finish(head + distractors[0] + tail, question=False)
        if rng.random() < 0.5:
            add(
                "true_false",
                false_statement,
                -0.05,
                answer="False",
                explanation=(
                    f"The article states that {_quote_body(quote, text)}; it names {display}, "
                    f"not {distractors[0]} — answer: False."
                ),
            )
        else:
            add(
                "true_false",
                finish(quote[cut_start:cut_end], question=False),
                -0.1,
                answer="True",
                explanation=f"The article states exactly this — answer: True ({display}).",
            )
    return out


def _wh_question(quote: str, rel_start: int, rel_end: int, form: str) -> str:
    wh = WH.get(form)
    if not wh:
        return ""
    before = quote[:rel_start].split()
    if before and before[-1].lower().strip(",") in BLOCKING_BEFORE:
        return ""
    if before and (before[-1] in NAMING_VERBS or before[-2:] == ["known", "as"]):
        return ""  # "a film called what?" reads badly; the cloze asks it better
    if quote[:rel_start].endswith(("-", "/")):
        return ""  # "Russian-what cooperation"
    if before and before[-1].lower() in AUXILIARIES:
        return ""  # "…, but should which place engage…"
    if len(before) == 1 and before[0].lower() in PREPOSITIONS:
        return ""  # "In which place they controlled…" would need inversion
    following = re.findall(r"[A-Za-z]+", quote[rel_end : rel_end + 12])[:1]  # ", who led…"
    if (before and before[-1].lower() in WH_WORDS) or (
        following and following[0].lower() in WH_WORDS
    ):
        return ""  # "changed what what know"
    after = quote[rel_end:]
    if after[:1].isalpha() or after.startswith("-"):
        return ""
    if re.match(r"\s+[A-Z]", after) and form.startswith(("TERM", "MISC", "ORG")):
        return ""  # the span is part of a longer name
    if rel_start == 0:
        wh = wh[0].upper() + wh[1:]
    if after.startswith(("'s", "'")):
        if wh.lower() != "who":
            return ""  # "than what's mirror?" has no good wording
        wh, after = wh + "se", after[2:]  # who's → whose
    return _ends_question(quote[:rel_start] + wh + after)


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
    topic = _topic(article, argument.quote_start)
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

    if argument.kind in ("recommendation", "reason"):
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
            body = _quote_body(quote, text)
            explanation = f"The author {verb} this directly: {body} — answer: {argument.answer}."
            if argument.kind == "recommendation":
                explanation += _owners_note(distractors, pool)
            add("mcq", argument.question, argument.answer, explanation, 1.6, choices=choices)
    if argument.kind == "claim" and argument.negated:
        trimmed = _trimmed_claim(analysis, argument, quote)
        if trimmed is None:
            return out
        negated, stated = trimmed
        if rng.random() < 0.6:
            explanation = (
                f"The author argues the opposite: {_quote_body(quote, text)} — answer: False."
            )
            statement = ARGUMENT_PREFIX + lower_first(negated, text)
            add("true_false", _end_period(statement), "False", explanation, 0.6)
        else:
            explanation = f"The author argues that {_quote_body(quote, text)} — answer: True."
            statement = ARGUMENT_PREFIX + lower_first(stated, text)
            add("true_false", _end_period(statement), "True", explanation, 0.5)
    return out


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
    return tidy.sub("", negated), tidy.sub("", quote[:end])


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
