"""Readable prompts: trim a long sentence to the clause that holds the blank (pure)."""

from __future__ import annotations

import re
from typing import Any

from quizapp.generation.analyse import SentenceInfo
from quizapp.generation.select import zipf

TARGET_WORDS = 30  # prompts longer than this are trimmed where the parse allows
MIN_WORDS = 6
PRONOUN_SUBJECTS = {"it", "they", "he", "she", "this", "these", "those", "that", "its", "their"}
PREPOSITIONS = {
    "despite",
    "following",
    "amid",
    "near",
    "like",
    "unlike",
    "outside",
    "inside",
    "past",
}
_CLAUSE_DEPS = ("advcl", "relcl", "acl", "appos", "conj", "ccomp", "prep", "npadvmod", "advmod")


def word_count(text: str) -> int:
    """Words in a prompt, counted the way a reader sees them (the blank is one word)."""
    return len(text.split())


def clause_span(
    info: SentenceInfo,
    quote: str,
    keep_start: int,
    keep_end: int,
    *,
    fixed_start: bool = False,
    budget: int = TARGET_WORDS,
) -> tuple[int, int]:
    """The shortest-needed span of `quote` (relative offsets) that contains
    [keep_start, keep_end) and, where the parse offers a cut, has at most `budget` words.
    Cuts fall only at clause boundaries, so the span reads as a sentence of its own."""
    if word_count(quote) <= budget or not info.tokens:
        return 0, len(quote)
    base = info.offset - info.start
    starts, ends = _cut_points(info.tokens, base, len(quote))
    if fixed_start:
        starts = [0]
    verbs = [  # a main verb or one with its own subject, not "held up as …"
        t.idx + base
        for t in info.tokens
        if (t.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
        and not _participle_aside(t)
    ]
    best: tuple[int, int] | None = None
    for start in starts:
        if start > keep_start:
            continue
        for end in ends:
            if end < keep_end or end - start <= 0:
                continue
            words = word_count(quote[start:end])
            if words < MIN_WORDS or not any(start <= v < end for v in verbs):
                continue  # "Sweden, often held up as the most cashless economy." is no sentence
            if best is None:
                best = (start, end)
                continue
            best_words = word_count(quote[best[0] : best[1]])
            fits, best_fits = words <= budget, best_words <= budget
            if (fits and not best_fits) or (
                fits == best_fits and (words > best_words if fits else words < best_words)
            ):
                best = (start, end)
    return best if best is not None else (0, len(quote))


def _participle_aside(token) -> bool:
    """ "The Tidemill, converted from a flour mill in 1975, is marking …": a participle right
    after its subject and a comma, with no auxiliary, that the parser took for the main verb."""
    if token.tag_ not in ("VBN", "VBD") or token.i < 2 or token.doc[token.i - 1].text != ",":
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    before = token.doc[token.i - 2]  # "The council, however, converted …" is a main verb
    return any(s.left_edge.i <= before.i <= s.right_edge.i for s in subjects)


COORDINATORS = {"and", "but", "or", "yet", "so", "nor", "while", "whereas"}


def _cut_points(tokens: list[Any], base: int, length: int) -> tuple[list[int], list[int]]:
    """Where a trimmed prompt may start (a clause's first word) and end (before a clause)."""
    starts, ends = [0], [length]
    first, last = tokens[0].i, tokens[-1].i
    doc = tokens[0].doc
    for token in tokens:
        if token.dep_ not in _CLAUSE_DEPS or token.pos_ not in (
            "VERB",
            "AUX",
            "NOUN",
            "ADP",
            "ADV",
        ):
            continue
        left, right = token.left_edge.i, token.right_edge.i
        if left < first or right > last:
            continue
        # a clause or phrase after a comma that runs to the end of the sentence: cut before it
        before = doc[left - 1] if left > first else None
        tail = right == last or (right + 1 == last and doc[last].is_punct)
        listed = token.dep_ == "conj" and not (
            token.pos_ in ("VERB", "AUX")
            and token.head.dep_ == "ROOT"
            and any(
                c.dep_ == "cc" and c.i < token.i for c in (*token.children, *token.head.children)
            )
        )  # "not to hammer, cast or remove anything": the rest of a list, not a clause; and
        # "Sweden, often held up as …, has gone further": no "and", so no second clause (an
        # "and" after it joins its own verbs: "…, helped Wenlow Bay win … and take …")
        root = token.sent.root
        open_and = [c.i for c in root.children if c.dep_ == "cc"] and not any(
            c.dep_ == "conj" for c in root.children
        )  # the parser lost the verb an "and" of the main clause joins
        stranded = (open_and and left > min(c.i for c in root.children if c.dep_ == "cc")) or (
            token.dep_ == "conj"
            and any(
                c.dep_ == "cc" and token.head.i < c.i < left
                for c in (*token.children, *token.head.children)
            )
        )  # "… with 150 metres to go and, although the crew pushed, held on …": never a cut
        # before "held" that leaves "and, although the crew pushed" hanging
        if (
            tail
            and not listed
            and not stranded
            and before is not None
            and before.text
            in (
                ",",
                ";",
                "—",
            )
        ):
            ends.append(before.idx + base)
        # an opening clause or phrase closed by a comma: start after it
        after = doc[right + 1] if right < last else None
        if left == first and after is not None and after.text == "," and right + 2 <= last:
            nxt = doc[right + 2]
            root = token.sent.root
            subject_after = root.i <= right or any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and c.i > right
                for c in root.children
            )  # never a start that leaves the main verb's subject behind
            misread = token.pos_ == "ADP" and not (token.is_stop or token.lower_ in PREPOSITIONS)
            # "Isidore the Younger, nephew of …, rebuilt it": a name the parser took for an
            # opening phrase ("Isidore" as a preposition) holds the subject
            if nxt.lower_ not in PRONOUN_SUBJECTS and subject_after and not misread:
                starts.append(nxt.idx + base)
        # a coordinated clause ("…, and the observatory reached…", "… and won the right…")
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.dep_ == "ROOT":
            cc = [c for c in token.children if c.dep_ == "cc" and c.i < token.i] or [
                c for c in token.head.children if c.dep_ == "cc" and c.i < token.i
            ]
            if not cc or cc[-1].i <= token.head.i or cc[-1].lower_ not in COORDINATORS:
                continue  # "… replaced by a road bridge rather than a footbridge gathered …"
            cut = cc[-1].i - 1
            while cut > first and doc[cut].is_punct:
                cut -= 1
            ends.append(doc[cut].idx + len(doc[cut].text) + base)
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subject or subject[0].i < cc[-1].i:
                continue
            opening = doc[cc[-1].i + 1]
            if opening.pos_ == "AUX" and opening.i < subject[0].i:
                continue  # "…, but should Damascus engage…" is an inverted condition
            main = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            same = bool(main) and main[0].lower_ == opening.lower_  # "It was built…, and it left"
            if opening.lower_ not in PRONOUN_SUBJECTS or same:
                starts.append(opening.idx + base)
    closing = tokens[-1] if not tokens[-1].is_punct or tokens[-1].text == ")" else tokens[-2]
    if closing.text == ")":
        opening = [t for t in tokens if t.text == "("]
        if opening and opening[-1].i > first + 3:
            ends.append(opening[-1].idx + base)  # "… (although the sharing was limited)."
    discourse = tokens[0]
    clause_level = discourse.head.pos_ in ("VERB", "AUX")  # not "Nearly a thousand years"
    named = zipf(discourse.lower_) < RARE_OPENING_ZIPF  # "Windermere, at 17 km long, is …":
    # a name the parser took for an adverb is the subject
    if discourse.pos_ in ("ADV", "CCONJ") and clause_level and len(tokens) > 2 and not named:
        nxt = tokens[1] if not tokens[1].is_punct else tokens[2]
        if nxt.lower_ not in PRONOUN_SUBJECTS and discourse.head.i != nxt.i:  # "Instead of …"
            starts.append(nxt.idx + base)  # "However, …", "Yet …"
    return sorted(set(starts)), sorted(set(ends))


RARE_OPENING_ZIPF = 3.0  # "However" 5.4, "Meanwhile" 4.6, "Windermere" 1.9


MID_CONNECTOR = re.compile(
    r",\s+(?:though|however|meanwhile|for instance|for example|in turn|moreover|too|also|"
    r"in fact|of course|therefore|instead|by contrast|in contrast)\s*,\s*",
    re.IGNORECASE,
)
TWEET_MARKS = re.compile(r"(?<![\w&])#(?=[A-Za-z])|(?<=[a-z])\*(?=[\s,.;:]|$)")
TRAILING_TOO = re.compile(r",?\s+too(?=[.!?]?$)")
# "The fate of reefs therefore depends on …": therefore of what, alone?
LEFTOVER_INFERENCE = re.compile(
    r"(?<=[a-z\"”’)])\s+(?:therefore|thus|consequently|accordingly|nonetheless|nevertheless)\s+"
    r"(?=[a-z])"
)
# "Where was sex between men then illegal?": then is the time of a sentence the prompt left
LEFTOVER_THEN = re.compile(
    r"(?<!\bsince)(?<!\buntil)(?<!\bby)(?<!\band)(?<!\bbut)(?<!\bfrom)(?<!\bjust)(?<!\bonly)"
    r"(?<!\beven)(?<!\bif)(?<=[a-z])\s+then\s+(?=[a-z])"
)
LEFTOVER_ALSO = re.compile(
    r"(?<!\bbut)(?<!\band)\s+also\s+(?=[a-z])(?!(?:known|called|named|spelt|spelled)\b)"
)  # "The reef, also known as the Inchcape Rock": without "also" its other name is shut out
CITATION = re.compile(r"\s*(?:\((?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)|\[\d{1,3}\])(?=[\s.,;:!?]|$)")


def drop_leftover_adverbs(text: str) -> str:
    """Drop adverbs that point at a sentence the item leaves behind ("therefore", "then",
    "also": "Tuft cells also climbed" — also than what, alone?)."""
    text = LEFTOVER_INFERENCE.sub(" ", text)
    text = LEFTOVER_THEN.sub(" ", text)
    return LEFTOVER_ALSO.sub(" ", text)


def finish(fragment: str, question: bool) -> str:
    """Capitalised first letter, no dangling punctuation, and a closing '?' or '.'."""
    body = re.sub(r"^[\s,;:—-]+", "", fragment)
    body = CITATION.sub("", body)
    body = re.sub(r"(?<=[a-z]),(?=[A-Z][a-z])", ", ", body)  # "Colorado,Washington"
    body = MID_CONNECTOR.sub(" ", body)  # "Which country, though, will …"
    body = TWEET_MARKS.sub("", body)  # "#Browns", "player*"
    body = drop_leftover_adverbs(body)
    body = TRAILING_TOO.sub("", body)  # "Vaccination helps too": as well as what?
    if question:
        body = re.sub(r"[.!?]+$", "", body)
    body = re.sub(r"(?:[\s,;:—-]|\b(?:and|or|but|while|which|that)\b)+$", "", body)
    body = body[:1].upper() + body[1:]
    if question:
        return body + "?"
    return body if body.endswith((".", "!", "?", '"')) else body + "."


LONG_PROMPT_PENALTY = 0.04  # ranking cost per word over TARGET_WORDS


def length_penalty(prompt: str) -> float:
    """Ranking cost of a prompt longer than TARGET_WORDS (0 for shorter prompts)."""
    return LONG_PROMPT_PENALTY * max(0, word_count(prompt) - TARGET_WORDS)


_ASIDE = re.compile(r"\s*(?:—[^—]{3,}?—|\([^()]{2,}?\))")


_RELATIVE_ASIDE = re.compile(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})—(?:which|who) ([^—]{3,}?)—")


def drop_asides(prompt: str, keep: str) -> str:
    """Drop dash and bracket asides that do not hold `keep` (the blank or wh-phrase) while
    the prompt is longer than TARGET_WORDS; a "—which …—" aside on the opening name that holds
    it becomes a sentence of its own ("Moscow—which joined a sanctions regime against ____ in
    the 2010s—has begun …" → "Moscow joined a sanctions regime against ____ in the 2010s.")."""
    relative = _RELATIVE_ASIDE.match(prompt)
    if relative and keep in relative.group(2) and word_count(prompt) > TARGET_WORDS:
        return f"{relative.group(1)} {relative.group(2).rstrip(' ,;')}."
    for match in list(_ASIDE.finditer(prompt))[::-1]:
        if word_count(prompt) <= TARGET_WORDS:
            break
        if keep in match.group():
            continue
        after = prompt[match.end() :].lstrip(" ")
        joiner = " " if match.group().endswith("—") or after[:1].isalnum() else ""
        prompt = prompt[: match.start()] + joiner + after
    return re.sub(r"\s+([,.;:?])", r"\1", prompt)


_ASIDE_OPENERS = ("which", "who", "whose")


def comma_asides(
    info: SentenceInfo, quote: str, span: tuple[int, int], keep: tuple[int, int]
) -> list[tuple[int, int]]:
    """Comma-bracketed "which"/"who" clauses inside quote[span] that do not hold `keep`
    (relative offsets: "Goldcrest, which has traded on Quarry Lane since 1994, wrote …"), each
    from its opening comma to just past its closing one, or to the sentence's full stop.
    (Participle phrases are not taken: the parser reads lists of "-ing" words and a second
    verb after a comma as such phrases too.)"""
    if not info.tokens:
        return []
    base = info.offset - info.start
    doc = info.tokens[0].doc
    first, last = info.tokens[0].i, info.tokens[-1].i
    found = []
    for token in info.tokens:
        left, right = token.left_edge.i, token.right_edge.i
        if token.dep_ != "relcl" or doc[left].lower_ not in _ASIDE_OPENERS:
            continue
        if left <= first or right >= last:
            continue
        opening, closing = doc[left - 1], doc[right + 1]
        if opening.text != "," or closing.text not in (",", "."):
            continue
        if _aside_is_needed(token, doc[right + 1 : last + 1]):
            continue
        start = opening.idx + base
        end = closing.idx + base + (1 if closing.text == "," else 0)
        if span[0] <= start and end <= span[1] and not (start < keep[1] and keep[0] < end):
            found.append((start, end))
    return found


_POINTING_BACK = {"he", "she", "his", "her", "him", "it", "its", "they", "their", "them"}


def _aside_is_needed(clause, after) -> bool:
    """Whether the sentence needs the clause after all: a word after it hangs on a word inside
    it ("Ofcom, which suggests good 4G signal across the centre, helped by a new mast"), it sits
    in a list ("the Voragine, which formed in 1945, the North-East Crater …"), or a pronoun
    after it may point into it ("Bird, who had invented a custard powder for his wife, …; she
    is said …")."""
    inside = {t.i for t in clause.subtree}
    if any(t.head.i in inside for t in after):
        return True
    if len(after) > 1 and after[1].tag_ in ("VBN", "VBG"):
        return True  # "…, helped by an upgrade to the mast": the clause's, however parsed
    owner = clause.head
    if owner.dep_ in ("conj", "appos") or any(c.dep_ in ("conj", "appos") for c in owner.children):
        return True
    return any(t.lower_ in _POINTING_BACK for t in after)


def asides_to_drop(
    quote: str, asides: list[tuple[int, int]], words: int, budget: int = TARGET_WORDS
) -> list[tuple[int, int]]:
    """The asides to leave out, longest first, until a prompt of `words` words fits the
    budget (none when it fits already; non-overlapping)."""
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(asides, key=lambda s: s[0] - s[1]):
        if words <= budget:
            break
        if any(start < b and a < end for a, b in chosen):
            continue
        chosen.append((start, end))
        words -= word_count(quote[start:end])
    return sorted(chosen)
