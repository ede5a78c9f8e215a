"""Select, part two: whether a sentence can stand alone as a question, and how to make it.

A sentence that opens with a discourse connector ("However, …", "But …") is asked without it;
one that opens with a pronoun gets its antecedent written in when the previous sentence names
exactly one compatible thing; rhetorical questions, direct speech, first-person asides and
unresolved references are not asked about. Trailing attributions (", police said") are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.references import (
    CLASS_NOUNS,
    COUNT_QUANTIFIERS,
    DESCRIPTION,
    PERSON_PRONOUNS,
    QUANTIFIERS,
    THING_PRONOUNS,
    antecedent,
    fuller_description,
    named_as_other_kind,
    named_in_previous,
    previous_in_paragraph,
)

CONNECTORS = {
    "but", "and", "so", "yet", "however", "also", "first", "second", "third", "then",
    "meanwhile", "still", "instead", "indeed", "moreover", "besides", "thus", "therefore",
    "finally", "furthermore", "additionally", "nevertheless", "nonetheless", "now", "plus",
    "or", "similarly", "likewise", "overall", "hence", "accordingly", "consequently", "later",
    "today", "again", "fortunately", "unfortunately", "importantly", "notably", "ultimately",
    "summary", "obviously", "sadly", "clearly", "admittedly", "interestingly", "surprisingly",
    "naturally", "happily", "crucially", "predictably", "inevitably",
}  # fmt: skip
BARE_CONNECTORS = {"but", "and", "so", "yet", "or", "plus", "then", "still", "also", "summary"}
# "MADRID — ", "Washington, DC (CNN) — "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'’()-]{2,40}|[A-Z][\w.]+(?:,? [A-Z][\w.]+){0,3}(?: \([\w ]+\))?|"
    r"\([A-Z][\w ]{1,20}\))(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s+[—–-]+\s+(?=[A-Z])"
)  # also a bare "(AP) — " left when the place went with the page furniture
CONNECTOR_PHRASES = (
    "in addition", "for example", "for instance", "in fact", "as a result", "at the same time",
    "on the other hand", "after all", "of course", "in other words", "even so", "by contrast",
    "in contrast", "in turn", "to be sure", "that said", "what's more", "above all", "in sum",
    "in short", "later in the day", "within weeks", "within days", "within months",
    "within hours", "a short time later", "soon after", "shortly after", "shortly afterwards",
)  # fmt: skip
# "Six weeks earlier, ", "Less than two months later, ": time counted from the previous sentence
_RELATIVE_TIME = re.compile(
    r"^(?:(?:less|more) than |about |some |only |just |barely )?(?:a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|a few|several|\d+) (?:minutes?|hours?|days?|weeks?|months?|"
    r"years?|decades?) (?:later|earlier|afterwards?|before)(?:\s*,\s*|\s+(?=(?-i:[A-Z])))|"
    r"^(?:the (?:next|following) (?:day|week|month|year)|later that (?:day|week|month|year)|"
    r"that (?:same )?(?:day|week|month|year|spring|summer|autumn|winter))"
    r"(?:\s*,\s*|\s+(?=[A-Za-z]))",
    re.IGNORECASE,
)
DEMONSTRATIVES = {"this", "these", "that", "those", "such"}
RESOLVABLE = set(PERSON_PRONOUNS) | set(THING_PRONOUNS)
SPEAKER_WORDS = {"i", "we", "you", "my", "our", "your", "us", "me", "ours", "yours", "myself"}
HEDGES = {
    "may", "might", "could", "possibly", "perhaps", "reportedly", "allegedly", "likely",
    "probably", "suggest", "suggests", "suggested", "seem", "seems", "appear", "appears",
    "believe", "believes", "think", "thinks", "expect", "expects", "estimate", "estimated",
}  # fmt: skip
ATTRIBUTION_VERBS = {"said", "says", "say", "told", "added", "noted", "wrote", "according"}
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:according to [^,]+|(?:[\w.'’-]+\s+){1,5}(?:said|says|told [^,]+|added|noted|"
    r"wrote|explained|argued)(?:\s+(?:on|in|last|this)\s+[\w ]+)?|(?:said|says|added|noted)"
    r"\s+(?:[\w.'’-]+\s*){1,6})\s*[.!]?$"
)


@dataclass(frozen=True)
class Frame:
    """How a sentence reads alone: `cut` chars dropped at the start (a connector), the next
    `replaced` chars written as `replacement` (a resolved pronoun), the text ending at `end`
    (before a trailing attribution); `problem` names why it cannot stand alone."""

    cut: int = 0
    replaced: int = 0
    replacement: str = ""
    end: int = 0
    hedged: bool = False
    attributed: bool = False
    problem: str = ""


# the writer's verdict, not a fact to learn (blind ratings, round 12)
VERDICT = re.compile(
    r"\bone of the (?:most|best|greatest|few|finest|worst)\b|^(?:No|Few) [\w-]+(?: [\w-]+)? "
    r"(?:has|have|had|can|could)\b(?! been (?:found|reported|recorded))",
    re.IGNORECASE,
)
# who did not answer a reporter is how the story was made, not what it reports
_NO_COMMENT = re.compile(
    r"\b(?:did not|didn['’]t|has not|hasn['’]t|have not|had not) (?:immediately )?"
    r"(?:respond|reply|return)\b[^.]{0,60}\b(?:request|requests|message|messages|call|calls|"
    r"e-?mail|inquiry|comment)|\bdeclined to comment\b|\bcould not be reached\b|"
    r"\bwas not immediately available\b|\brequest for comment\b|\b(?:had|has|have) no comment\b",
    re.IGNORECASE,
)
_CLOSING = (".", "!", "?", '"', "”", "'", "’", ")", "…")


def _unpunctuated_line(info: SentenceInfo, quote: str, start: int, paragraph: str) -> bool:
    """A paragraph of one unpunctuated line: a photo caption or a linked story's title."""
    whole = start >= info.start and start + len(paragraph) <= info.end + 1
    return whole and not quote.rstrip().endswith(_CLOSING)


# "It was a young French scholar, Champollion, who made the breakthrough": "it" points nowhere
_CLEFT = re.compile(r"It (?:is|was) [^.]{3,80}?\b(?:who|that|when)\b")
CAPITALS_MIN_LETTERS = 20
REPEATS = 3  # sentences of one pattern that make a table written out, not facts to learn


def repeated_patterns(analysis: Analysis) -> set[int]:
    """Sentences that differ from two others only in their numbers ("Runner 7 finished in
    107 minutes.", "Runner 8 finished in 108 minutes."): a table written out as prose."""
    text = analysis.article.text
    shapes = [
        re.sub(r"\d+(?:[.,:]\d+)*", "#", text[s.start : s.end].lower()) for s in analysis.sentences
    ]
    counts: dict[str, int] = {}
    for shape in shapes:
        counts[shape] = counts.get(shape, 0) + 1
    return {i for i, shape in enumerate(shapes) if "#" in shape and counts[shape] >= REPEATS}


def frame(analysis: Analysis, info: SentenceInfo) -> Frame:
    """The frame of one sentence (offsets relative to the sentence's own text)."""
    text = analysis.article.text
    quote = text[info.start : info.end]
    tokens = [t for t in info.tokens if not t.is_space]
    if not tokens:
        return Frame(end=len(quote), problem="no_parse")
    words = {t.lower_ for t in tokens}
    hedged = bool(words & HEDGES)
    attributed = bool(words & ATTRIBUTION_VERBS)
    if quote.rstrip().endswith("?"):
        return Frame(end=len(quote), problem="rhetorical_question")
    letters = [c for c in quote if c.isalpha()]
    if len(letters) > CAPITALS_MIN_LETTERS and sum(c.isupper() for c in letters) > 0.8 * len(
        letters
    ):
        return Frame(end=len(quote), problem="all_capitals")  # names cannot be told from words
    paragraph_start, paragraph = _paragraph_of(analysis, info)
    if _unpunctuated_line(info, quote, paragraph_start, paragraph):
        return Frame(end=len(quote), problem="caption_or_link")
    if _SOCIAL_STAMP.search(paragraph):
        return Frame(end=len(quote), problem="social_post")  # an embedded post, stamp and all
    if _NO_COMMENT.search(quote):
        return Frame(end=len(quote), problem="no_comment")
    if _is_direct_speech(quote) or _inside_a_quotation(paragraph[: info.start - paragraph_start]):
        return Frame(end=len(quote), problem="direct_speech")
    if any(_speaks(t) for t in tokens):
        return Frame(end=len(quote), problem="speaker_aside")
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if not roots or roots[0].pos_ not in ("VERB", "AUX"):
        return Frame(end=len(quote), problem="no_main_verb")
    if tokens[0].lower_ in ("said", "says", "added"):
        return Frame(end=len(quote), problem="attribution_only")
    if VERDICT.search(quote) and (roots[0].lemma_ == "be" or re.match(r"(?:No|Few)\b", quote)):
        return Frame(end=len(quote), problem="writer_verdict")  # "X is one of the most famous …"
    subjects = [c for c in roots[0].children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if roots[0].tag_ == "VB" and not subjects and not any(t.tag_ == "MD" for t in tokens):
        return Frame(end=len(quote), problem="instruction")  # "Mix two tablespoons of salsa."
    end = len(quote)
    trailing = _TRAILING_ATTRIBUTION.search(quote)
    if trailing and trailing.start() > len(quote) // 3:
        end = trailing.start()
        if roots[0].idx + info.offset - info.start >= end:
            return Frame(end=len(quote), problem="attribution_only")  # "Another analyst, X, said"
    cut = connector_length(quote)
    rest = quote[cut:]
    first = re.match(r"[A-Za-z’']+", rest)
    opening = first.group().lower() if first else ""
    on_topic = _demonstrative_on_topic(analysis, rest)
    after_opening = cut + (len(first.group()) if opening in RESOLVABLE or on_topic else 0)
    if _dangling_reference(tokens, info.offset - info.start, after_opening):
        return Frame(end=len(quote), problem="unresolved_reference")
    if first is None:
        return Frame(cut, end=end, hedged=hedged, attributed=attributed)
    word = re.sub(r"['’]s$", "", first.group().lower())
    head = next((t for t in tokens if t.idx + info.offset - info.start >= cut), None)
    quantifier = (
        head is not None
        and word in QUANTIFIERS
        and head.dep_ in ("nsubj", "nsubjpass")
        and not (
            word in COUNT_QUANTIFIERS
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        )
    )  # "Hundreds have attracted interest" (of what?), but not "Thousands of people worked"
    if quantifier or re.match(r"the (?:same|other|latter|former)\b", rest, re.IGNORECASE):
        return Frame(end=len(quote), problem="unresolved_reference")  # "Most moved …"
    if on_topic:  # "This axis, which includes Hamas, …" in an article on the axis
        return Frame(cut, len(first.group()), "The", end, hedged, attributed)
    if word in DEMONSTRATIVES:
        return Frame(end=len(quote), problem="unresolved_reference")
    if word == "it" and _CLEFT.match(rest):
        return Frame(cut, end=end, hedged=hedged, attributed=attributed)  # "It was X who …"
    if word in PERSON_PRONOUNS or word in THING_PRONOUNS:
        resolved = antecedent(analysis, info, word)
        bare_name = re.sub(r"^the\s+", "", resolved, flags=re.IGNORECASE)
        if resolved and bare_name in rest[len(first.group()) :]:
            resolved = ""  # "It made Spain the second nation …": "it" is not Spain
        if not resolved:
            return Frame(end=len(quote), problem="unresolved_reference")
        suffix = PERSON_PRONOUNS.get(word, THING_PRONOUNS.get(word, ""))
        return Frame(cut, len(first.group()), resolved + suffix, end, hedged, attributed)
    described = DESCRIPTION.match(rest)
    if described and re.match(r",\s+[A-Z]", rest[described.end() :]):
        described = None  # "The finance minister, Hans Luther, …" names itself
    if described:
        noun = described.group(2).lower()
        name = named_in_previous(analysis, info, CLASS_NOUNS[noun])
        if name and _described_just_before(analysis, info, noun):
            name = ""  # "The group is in talks with Natural England. The group has applied …"
        if name and named_as_other_kind(name, noun, analysis):
            name = ""  # "The club" is not "the Europa League"
        if name:  # "The company said …" → "SNC said …"
            return Frame(cut, described.end(), name, end, hedged, attributed)
    bare = re.match(r"The ([a-z]+)\b(?!['’])", rest)
    fuller = fuller_description(analysis, info, bare.group(1), tokens) if bare else ""
    if fuller:  # "The charge has risen …" → "The congestion charge has risen …"
        return Frame(cut, bare.end(), fuller, end, hedged, attributed)
    return Frame(cut, end=end, hedged=hedged, attributed=attributed)


_SOCIAL_STAMP = re.compile(
    r"\(@\w+\)|pic\.twitter\.com/|\d{1,2}:\d{2}\s?[AP]M\s?·|·\s?[\d,.]+K? likes"
)


def _demonstrative_on_topic(analysis: Analysis, rest: str) -> bool:
    """ "This axis …" or "These vaccines …" where the noun is in the article's title: the
    article's own subject, which "the" names as well as "this" does."""
    found = re.match(r"(?:This|These) ([a-z]+)\b", rest)
    if not found:
        return False
    title = {w.lower() for w in re.findall(r"[A-Za-z]+", analysis.article.title)}
    noun = found.group(1)
    return noun in title or (noun.endswith("s") and noun[:-1] in title)


def _described_just_before(analysis: Analysis, info: SentenceInfo, noun: str) -> bool:
    """Whether the previous sentence already says "the <noun>": a chain from further back."""
    previous = previous_in_paragraph(analysis, info)
    if previous is None:
        return False
    earlier = analysis.article.text[previous.start : previous.end]
    return re.search(rf"\bthe {re.escape(noun)}\b", earlier, re.IGNORECASE) is not None


def _paragraph_of(analysis: Analysis, info: SentenceInfo) -> tuple[int, str]:
    """Where the sentence's paragraph starts, and its text."""
    article = analysis.article
    paragraph = article.paragraphs[article.paragraph_index(info.start)]
    return paragraph.start, article.text[paragraph.start : paragraph.end]


def _inside_a_quotation(before: str) -> bool:
    """Whether a quotation opened earlier in the paragraph is still open ("… she said. "What
    matters is the results. If the streets are cleaner, the argument will be won."")."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


QUOTED = re.compile(r"[\"“]([^\"”]*)[\"”]?")
SCARE_QUOTE_WORDS = 4  # "axis of resistance", "closing": a term in quotes, not speech


def _speaks(token) -> bool:
    """A first- or second-person pronoun (not the numeral of "Elizabeth I")."""
    if token.lower_ not in SPEAKER_WORDS or token.pos_ != "PRON":
        return False
    return not (token.text == "I" and token.i > 0 and token.nbor(-1).pos_ == "PROPN")


def _is_direct_speech(quote: str) -> bool:
    """Someone's words in quotation marks (not a short term in scare quotes)."""
    if quote.count('"') % 2 or quote.count("“") != quote.count("”"):
        return True  # a quotation that runs over from another sentence
    return any(len(span.split()) > SCARE_QUOTE_WORDS for span in QUOTED.findall(quote))


def _demonstrative(token) -> bool:
    """ "that assumption", "such genomes" however the tagger read them: "that" as the determiner
    of a noun, or as a "mark" of the main clause (no verb of saying before it); "such" before a
    noun (not "such as")."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    before_noun = after is not None and after.pos_ == "NOUN"
    if token.lower_ == "that":
        return token.dep_ == "det" or (
            token.dep_ == "mark" and token.head.dep_ == "ROOT" and before_noun
        )
    return token.lower_ == "such" and before_noun and token.dep_ in ("amod", "predet", "det")


def _dangling_reference(tokens: list, base: int, start: int) -> bool:
    """A demonstrative ("this caution", "that money") or a pronoun with nothing before it in the
    sentence that it could refer to ("they" with no plural noun, "she" with no person)."""
    seen_plural = False
    persons: list = []
    things: list = []
    for token in tokens:
        if token.idx + base < start:
            continue
        word = token.lower_
        if word in ("this", "these", "those") or (word == "that" and token.tag_ == "DT"):
            return True
        if _demonstrative(token):
            return True
        if word in ("they", "them", "their") and not seen_plural:
            return True
        if word in ("it", "its") and not things and token.dep_ != "expl":
            return True
        if word == "it" and _only_own_subject(token, things):
            return True  # "the Congress adopted it": "it" is not the Congress
        if word in ("he", "she", "his", "her", "him") and not persons:
            return True
        if word in ("him", "her") and token.tag_ == "PRP" and _only_own_subject(token, persons):
            return True  # "Halley sent him to Graham": "him" is never Halley
        if _subject_after_adverbial(token):
            return True
        seen_plural |= token.tag_ in ("NNS", "NNPS") or token.dep_ == "conj"
        if token.tag_ in ("NN", "NNP") and token.ent_type_ not in NOT_IT:
            things.append(token)  # "In 1772 the king tested it": "it" is never the date
        if token.ent_type_ == "PERSON":
            persons.append(token)
    return False


NOT_IT = {"DATE", "TIME"}  # persons stay: the tagger reads many a company as one


def _only_own_subject(pronoun, candidates: list) -> bool:
    """Whether everything an object pronoun could point back to is the subject of its own verb
    ("Halley sent him …": "him" is never Halley)."""
    if pronoun.dep_ not in ("dobj", "dative"):
        return False
    subjects = [c for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = {t.i for subject in subjects for t in subject.subtree}
    return all(candidate.i in own for candidate in candidates)


MAIN_SUBJECT_PRONOUNS = {"it", "they", "he", "she"}


def _subject_after_adverbial(token) -> bool:
    """The main clause's subject is a pronoun after an opening phrase that cannot hold what it
    means ("In the United States, it reached …", "After releasing the capsule, it fired …"):
    only a noun in a clause with its own subject can ("Once succinate binds, it triggers …")."""
    if token.lower_ not in MAIN_SUBJECT_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    root = token.head
    if root.dep_ != "ROOT" or token.i == token.sent.start:
        return False
    return not any(
        noun.pos_ in ("NOUN", "PROPN")
        and noun.ent_type_ not in ("DATE", "TIME")
        and _in_clause_with_own_subject(noun, root)
        for noun in token.doc[token.sent.start : token.i]
    )


def _in_clause_with_own_subject(noun, root) -> bool:
    """Whether the noun sits in a subordinate clause that has its own subject."""
    node = noun
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.i != root.i:
            return True
        node = node.head
        finite = any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        if node.pos_ in ("VERB", "AUX") and node.i != root.i and finite:
            return True
    return False


def connector_length(quote: str) -> int:
    """Characters of the leading connectors and their commas ("However, ", "But ", "And at the
    same time, ")."""
    total = 0
    while step := _one_connector(quote[total:]):
        total += step
    return total


def _one_connector(quote: str) -> int:
    """Characters of one leading connector and its comma."""
    dateline = _DATELINE.match(quote)
    if dateline:
        return dateline.end()
    relative = _RELATIVE_TIME.match(quote)
    if relative:
        return relative.end()
    lowered = quote.lower()
    for phrase in CONNECTOR_PHRASES:
        if lowered.startswith(phrase + ","):
            after = quote[len(phrase) + 1 :]
            return len(quote) - len(after.lstrip())
    match = re.match(r"([A-Za-z]+)([,:]?)\s+", quote)
    word = match.group(1).lower() if match else ""
    if word in CONNECTORS and (match.group(2) or word in BARE_CONNECTORS):
        return match.end()
    return 0
