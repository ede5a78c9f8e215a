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
# a bare number before these is a sample size or a list's length, not a fact worth asking
COUNT_NOUNS = {
    "people", "adults", "women", "men", "girls", "boys", "children", "participants", "patients",
    "studies", "tips", "ways", "things", "reasons", "steps", "subjects", "volunteers", "mice",
    "staff", "employees", "officers", "guards", "supporters", "members", "workers", "residents",
}  # fmt: skip
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
    r"^(?:the (?:next|following) (?:day|week|month|year)|later that (?:day|week|month|year))"
    r"(?:\s*,\s*|\s+(?=[A-Za-z]))",
    re.IGNORECASE,
)
PERSON_PRONOUNS = {"he": "", "she": "", "his": "'s", "her": "'s"}
THING_PRONOUNS = {"it": "", "they": ""}  # "its" and "their" often point past the subject
DEMONSTRATIVES = {"this", "these", "that", "those", "such"}
QUANTIFIERS = {
    "most", "many", "some", "both", "neither", "another", "others", "each", "all", "few",
    "hundreds", "thousands", "dozens", "millions", "several", "none",
}  # fmt: skip
COUNT_QUANTIFIERS = {"hundreds", "thousands", "dozens", "millions"}
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
_VERDICT = re.compile(
    r"\bone of the (?:most|best|greatest|finest|worst)\b|^(?:No|Few) [\w-]+(?: [\w-]+)? "
    r"(?:has|have|had)\b(?! been (?:found|reported|recorded))"
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


def _unpunctuated_line(analysis: Analysis, info: SentenceInfo, quote: str) -> bool:
    """A paragraph of one unpunctuated line: a photo caption or a linked story's title."""
    article = analysis.article
    paragraph = article.paragraphs[article.paragraph_index(info.start)]
    whole = paragraph.start >= info.start and paragraph.end <= info.end + 1
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
    if _unpunctuated_line(analysis, info, quote):
        return Frame(end=len(quote), problem="caption_or_link")
    if re.search(
        r"\(@\w+\)|pic\.twitter\.com/|\d{1,2}:\d{2}\s?[AP]M\s?·|·\s?[\d,.]+K? likes", quote
    ):
        return Frame(end=len(quote), problem="social_post")  # an embedded tweet and its stamp
    if _NO_COMMENT.search(quote):
        return Frame(end=len(quote), problem="no_comment")
    if _is_direct_speech(quote):
        return Frame(end=len(quote), problem="direct_speech")
    if any(_speaks(t) for t in tokens):
        return Frame(end=len(quote), problem="speaker_aside")
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if not roots or roots[0].pos_ not in ("VERB", "AUX"):
        return Frame(end=len(quote), problem="no_main_verb")
    if tokens[0].lower_ in ("said", "says", "added"):
        return Frame(end=len(quote), problem="attribution_only")
    if _VERDICT.search(quote) and (roots[0].lemma_ == "be" or re.match(r"(?:No|Few)\b", quote)):
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
    after_opening = cut + (len(first.group()) if opening in RESOLVABLE else 0)
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
    if word in DEMONSTRATIVES:
        return Frame(end=len(quote), problem="unresolved_reference")
    if word == "it" and _CLEFT.match(rest):
        return Frame(cut, end=end, hedged=hedged, attributed=attributed)  # "It was X who …"
    if word in PERSON_PRONOUNS or word in THING_PRONOUNS:
        antecedent = _antecedent(analysis, info, word)
        if not antecedent:
            return Frame(end=len(quote), problem="unresolved_reference")
        suffix = PERSON_PRONOUNS.get(word, THING_PRONOUNS.get(word, ""))
        return Frame(cut, len(first.group()), antecedent + suffix, end, hedged, attributed)
    described = _DESCRIPTION.match(rest)
    if described and re.match(r",\s+[A-Z]", rest[described.end() :]):
        described = None  # "The finance minister, Hans Luther, …" names itself
    if described:
        noun = described.group(2).lower()
        name = _named_in_previous(analysis, info, CLASS_NOUNS[noun])
        if name and _named_as_other_kind(name, noun):
            name = ""  # "The club" is not "the Europa League"
        if name:  # "The company said …" → "SNC said …"
            return Frame(cut, described.end(), name, end, hedged, attributed)
    bare = re.match(r"The ([a-z]+)\b(?!['’])", rest)
    fuller = _fuller_description(analysis, info, bare.group(1), tokens) if bare else ""
    if fuller:  # "The charge has risen …" → "The congestion charge has risen …"
        return Frame(cut, bare.end(), fuller, end, hedged, attributed)
    return Frame(cut, end=end, hedged=hedged, attributed=attributed)


DESCRIPTION_LOOK_BACK = 3


def _fuller_description(analysis: Analysis, info: SentenceInfo, noun: str, tokens: list) -> str:
    """The fuller name an earlier sentence gave a bare "the <noun>" subject: the same noun with
    a compound or a named owner ("the congestion charge", "London's charge"), when exactly one
    such phrase is found in the three sentences before."""
    head = next((t for t in tokens if t.lower_ == noun), None)
    if head is None or head.dep_ not in ("nsubj", "nsubjpass") or head.pos_ != "NOUN":
        return ""
    if any(c.dep_ in ("compound", "amod", "poss", "prep", "acl", "relcl") for c in head.children):
        return ""  # already a described thing ("The old zone", "The zone in the centre")
    found: set[str] = set()
    for back in range(1, DESCRIPTION_LOOK_BACK + 1):
        if info.index < back:
            break
        for token in analysis.sentences[info.index - back].tokens:
            if token.lemma_.lower() != head.lemma_.lower() or token.pos_ != "NOUN":
                continue
            if (token.tag_ == "NNS") != (head.tag_ == "NNS"):
                continue  # "the neighbouring trusts" are not "the trust"
            owners = [
                c for c in token.children
                if (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i == token.i - 1)
                or (c.dep_ == "poss" and c.pos_ == "PROPN")
            ]  # fmt: skip
            if not owners or any(c.lower_ in ("a", "an") for c in token.children):
                continue  # "overturning a lower court ruling": another ruling than "the ruling"
            first = min(owners, key=lambda c: c.left_edge.i).left_edge
            words = token.doc[first.i : token.i + 1].text
            if first.pos_ == "DET":
                words = words.split(" ", 1)[1] if " " in words else words
            found.add(words if owners[0].dep_ == "poss" else f"the {words}")
        if found:
            break
    if not found:
        named = _name_of_kind(analysis, info, head.lemma_.lower())
        found = {named} if named else set()
    if len(found) != 1:
        return ""
    phrase = next(iter(found))
    return phrase[:1].upper() + phrase[1:]


NAME_LABELS = {"FAC", "ORG", "LOC", "GPE", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "MISC"}
NAME_LEADS = {"lake", "mount", "fort", "cape", "port", "river"}  # "Lake Mead", "Mount Fuji"


def _introduced_as(text: str, name: str, noun: str) -> bool:
    """The article introduced the name as a <noun>: "the container ship Ever Given", "a tanker
    called the Ideal X", "Casgevy, the first CRISPR therapy"."""
    noun_words = rf"{noun}s?"
    name_pattern = rf"(?:the\s+)?{re.escape(name)}"
    before = rf"\b{noun_words}\s+(?:(?:called|named|known as)\s+)?{name_pattern}\b"
    after = rf"{name_pattern},\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,3}}{noun_words}\b"
    if re.search(before, text):
        return True
    # "the Monument to the Great Fire, a Doric column": the column is the Monument, not the fire
    inside_a_name = re.compile(r"[A-Z][\w'’-]*\s+(?:to|of|for|on)\s+(?:the\s+)?$")
    return any(not inside_a_name.search(text[: m.start()]) for m in re.finditer(after, text))


def _name_of_kind(analysis: Analysis, info: SentenceInfo, noun: str) -> str:
    """The one proper name before this sentence that is a <noun> by its own words ("the Golden
    Gate Bridge" for "the bridge", "Lake Mead" for "the lake"), written as the article writes it."""
    text = analysis.article.text
    names: dict[str, str] = {}
    latest: dict[str, int] = {}
    for entity in analysis.entities:
        if entity.end > info.start or entity.label not in NAME_LABELS:
            continue
        words = re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE).split()
        if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
            continue
        last, first = words[-1].lower(), words[0].lower()
        own_words = len(words) > 1 and (
            last in (noun, noun + "s") or (first == noun and noun in NAME_LEADS)
        )
        if not own_words and not _introduced_as(text[: info.start], " ".join(words), noun):
            continue
        name = " ".join(words)
        before = text[max(0, entity.start - 4) : entity.start].lower()
        bare = first == noun or "the" not in before
        names.setdefault(entity.key, name if bare else f"the {name}")
        latest[entity.key] = entity.start
    for back in (1, 2):  # several dams: the one the sentence before names, if only one
        if len(names) < 2 or info.index < back:
            break
        since = analysis.sentences[info.index - back].start
        recent = {key: name for key, name in names.items() if latest[key] >= since}
        if recent:
            names = recent
            break
    return next(iter(names.values())) if len(names) == 1 else ""


QUOTED = re.compile(r"[\"“]([^\"”]*)[\"”]?")
SCARE_QUOTE_WORDS = 4  # "axis of resistance", "closing": a term in quotes, not speech


def norm_answer(answer: str) -> str:
    """An answer lower-cased with spaces squeezed, for comparing with fixed lists."""
    return " ".join(answer.lower().split())


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


def _dangling_reference(tokens: list, base: int, start: int) -> bool:
    """A demonstrative ("this caution", "that money") or a pronoun with nothing before it in the
    sentence that it could refer to ("they" with no plural noun, "she" with no person)."""
    seen_plural = seen_singular = seen_person = False
    for token in tokens:
        if token.idx + base < start:
            continue
        word = token.lower_
        if word in ("this", "these", "those") or (word == "that" and token.tag_ == "DT"):
            return True
        if word in ("they", "them", "their") and not seen_plural:
            return True
        if word in ("it", "its") and not seen_singular and token.dep_ != "expl":
            return True
        if word in ("he", "she", "his", "her", "him") and not seen_person:
            return True
        seen_plural |= token.tag_ in ("NNS", "NNPS") or token.dep_ == "conj"
        seen_singular |= token.tag_ in ("NN", "NNP")
        seen_person |= token.ent_type_ == "PERSON"
    return False


ORG_NOUNS = (
    "company", "firm", "group", "agency", "bank", "organization", "organisation", "team", "club",
    "council", "ministry", "party", "airline", "automaker", "carmaker", "university", "band",
    "startup", "retailer", "manufacturer", "network", "studio", "court", "league",
)  # fmt: skip
PERSON_NOUNS = (
    "president", "minister", "governor", "mayor", "singer", "actor", "actress", "player",
    "coach", "manager", "scientist", "researcher", "chief", "founder", "director", "author",
)  # fmt: skip
CLASS_NOUNS = {
    **{noun: ("ORG",) for noun in ORG_NOUNS},
    **{noun: ("PERSON",) for noun in PERSON_NOUNS},
    "city": ("GPE:place",),
    "town": ("GPE:place",),
    "country": ("GPE:country",),
    "nation": ("GPE:country",),
    "law": ("LAW",),
    "act": ("LAW",),
    "bill": ("LAW",),
    "treaty": ("LAW",),
}
_CLASS_PATTERN = "|".join(CLASS_NOUNS)
_DESCRIPTION = re.compile(rf"(The (?:[A-Za-z-]+ )?)({_CLASS_PATTERN})\b(?!['’])", re.IGNORECASE)


def _previous_in_paragraph(analysis: Analysis, info: SentenceInfo) -> SentenceInfo | None:
    """The sentence before this one when both are in the same paragraph."""
    if info.index == 0:
        return None
    article = analysis.article
    previous = analysis.sentences[info.index - 1]
    same = article.paragraph_index(previous.start) == article.paragraph_index(info.start)
    return previous if same else None


def _main_subject(sentence: SentenceInfo):
    """The subject token of the sentence's main verb, or None."""
    return next(
        (t for t in sentence.tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"),
        None,
    )


LOOK_BACK = 2  # sentences a description may point back over
_LAW_NAME = re.compile(r"\b(?:Act|Treaty|Law|Bill|Accords?|Convention|Protocol)$")


def _only_named_before(analysis: Analysis, info: SentenceInfo, kinds: tuple[str, ...]):
    """The one entity of these kinds named in the nearest of the two sentences before (across a
    paragraph break too), or None when there is none or more than one ("The law" after "the
    Pacific Railway Act")."""
    found = {}
    for back in range(1, LOOK_BACK + 1):
        if info.index < back:
            break
        sentence = analysis.sentences[info.index - back]
        for entity in sentence.entities:
            named_law = "LAW" in kinds and _LAW_NAME.search(entity.text)
            if entity.label in kinds or entity.form in kinds or named_law:
                found.setdefault(entity.key, entity)
        if found:
            break
    return next(iter(found.values())) if len(found) == 1 else None


def _named_in_previous(analysis: Analysis, info: SentenceInfo, kinds: tuple[str, ...]) -> str:
    """The name of the previous sentence's subject, when it is of one of these kinds."""
    previous = _previous_in_paragraph(analysis, info)
    subject = _main_subject(previous) if previous else None
    entity = None
    if subject is not None:
        start = previous.offset + subject.left_edge.idx
        end = previous.offset + subject.idx + len(subject.text)
        entity = next((e for e in previous.entities if (e.start, e.end) == (start, end)), None)
    if entity is None or not (entity.label in kinds or entity.form in kinds):
        entity = _only_named_before(analysis, info, kinds)
    if entity is None:
        return ""  # only a description that continues the one named thing of its kind
    name = entity.text
    if "PERSON" in kinds and len(name.split()) > 1:
        return _short_person_name(analysis.article.text, name)
    if analysis.article.text[max(0, entity.start - 4) : entity.start].lower() == "the ":
        return "The " + name  # "the Pacific Railway Act" keeps its article
    return name


# the last word of a name that says what kind of body it is ("Europa League", "Leeds City Council")
KIND_WORDS = {
    "league", "cup", "association", "federation", "council", "ministry", "university", "bank",
    "party", "agency", "court", "union", "committee", "commission", "department", "institute",
    "school", "college", "company", "corporation", "group", "city", "club", "team", "band",
    "championship", "championships", "tournament", "trophy", "games", "olympics",
}  # fmt: skip


# bodies whose names carry their kind ("Millbridge City Council"): "the council" is never a
# campaign group named just before it
SELF_NAMING = {"council", "ministry", "court", "university", "league", "party", "bank", "agency"}


def _named_as_other_kind(name: str, noun: str) -> bool:
    """A name whose own last word names another kind of thing than the description, or that
    lacks the kind word such names carry."""
    last = name.split()[-1].lower().strip(".,")
    if noun in SELF_NAMING and noun not in name.lower():
        return True
    return last in KIND_WORDS and last not in (noun, noun + "s")


def _short_person_name(text: str, name: str) -> str:
    """How the article calls a person on second mention: the family name it uses alone (the
    first word in "Zhang Qian"), else the last word; the full name when it uses neither."""
    words = name.split()
    for word in (words[-1], words[0]):
        alone = re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        if len(alone) > text.count(name):
            return word
    return words[-1] if len(words[0]) > 3 else name


def connector_length(quote: str) -> int:
    """Characters of a leading connector and its comma ("However, ", "But ")."""
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


def _antecedent(analysis: Analysis, info: SentenceInfo, pronoun: str) -> str:
    """The one thing of the previous sentence (same paragraph) a pronoun can refer to."""
    previous = _previous_in_paragraph(analysis, info)
    if previous is None:
        return ""
    if pronoun in PERSON_PRONOUNS:
        people = {
            e.key: e
            for e in previous.entities
            if e.label == "PERSON" and (len(e.text.split()) > 1 or _mentions(analysis, e) > 1)
        }  # a one-word "person" seen once may be a parser's mistake ("Virus")
        if not people and not any(e.label == "PERSON" for e in info.entities):
            return _title_person(analysis, pronoun)  # a biography's "she" is its subject
        if len(people) != 1:
            return ""
        person = next(iter(people.values()))
        name = re.sub(r",?\s+(?:Jr|Sr|II|III|IV)\.?$", "", person.text)
        if len(name.split()) < 2:
            return name
        return _short_person_name(analysis.article.text, name)
    # "it"/"they": the subject of the previous sentence when it is a named thing or "the X"
    subject = _main_subject(previous)
    if subject is None or subject.pos_ == "PRON":
        return ""
    at = previous.offset + subject.idx
    if any(e.start <= at < e.end and e.label in ("PERSON", "NORP") for e in previous.entities):
        return ""  # "it" and "they" are never a person here (the rule layer's types)
    plural = subject.tag_ in ("NNS", "NNPS")
    if (pronoun in ("they", "their")) != plural:
        return ""
    inside = {t.i for t in subject.subtree}
    rivals = [
        t
        for t in previous.tokens
        if t.i not in inside
        and t.dep_ in ("dobj", "appos")
        and t.pos_ in ("NOUN", "PROPN")
        and t.tag_ in ("NNS", "NNPS")
    ]
    if plural and rivals:
        return ""  # "Displays follow coronal mass ejections. They can reach Earth": which?
    start = previous.offset + subject.left_edge.idx
    span = analysis.article.text[start : previous.offset + subject.idx + len(subject.text)]
    if len(span.split()) > 5 or not re.match(r"(?:the\s+|The\s+)?[A-Za-z]", span):
        return ""
    if subject.lower_ in QUANTIFIERS or re.match(
        r"(?:a|an|some|many|several|each|every|no|one|two|three|another)\b",
        span,
        re.I,
    ):  # "A retrofit programme began …. It remains …": "it" is the bridge, not this one; and
        return ""  # "Hundreds [of vents] were found. They …": the vents, not the count
    if pronoun == "it" and subject.lemma_.lower() in PEOPLE_GROUPS:
        return ""  # "The team operated the lander. It briefly woke up": the lander, not the team
    if span.startswith("The "):
        span = "the " + span[4:]
    return span


def _mentions(analysis: Analysis, person) -> int:
    return sum(1 for e in analysis.entities if e.key == person.key and e.label == "PERSON")


PEOPLE_GROUPS = {"team", "crew", "staff", "group", "committee", "panel", "family", "board"}
TITLE_PERSON_MENTIONS = 3
_FEMININE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)


def _title_person(analysis: Analysis, pronoun: str) -> str:
    """The person the article is about (named in its title, mentioned often, and the gender
    of most of its pronouns): what "she" means when no one else is named nearby."""
    title = analysis.article.title
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for entity in analysis.entities:
        if entity.label == "PERSON":
            counts[entity.key] = counts.get(entity.key, 0) + 1
            if len(entity.text.split()) > len(names.get(entity.key, "").split()):
                names[entity.key] = entity.text
    subjects = [
        key
        for key, name in names.items()
        if counts[key] >= TITLE_PERSON_MENTIONS and name.split()[-1] in title
    ]
    if len(subjects) != 1:
        return ""
    text = analysis.article.text
    feminine, masculine = len(_FEMININE.findall(text)), len(_MASCULINE.findall(text))
    wanted = feminine if pronoun in ("she", "her") else masculine
    other = masculine if pronoun in ("she", "her") else feminine
    if wanted < 2 * other:
        return ""  # the article's pronouns do not say whose this one is
    name = names[subjects[0]]
    return _short_person_name(text, name) if len(name.split()) > 1 else name


MONTH_PATTERN = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
GENERIC_NAMES = {"earth", "the earth", "the world", "the planet", "the sun", "the moon", "internet"}
ATTRIBUTION_NEAR = re.compile(
    r"(?:\b(?:said|says|told|reported|explained|wrote|according to|as|"
    r"comment(?:ed)?(?: on [\w ]+)? to)\s*\|)|"
    r"(?:\|\s*,?\s*(?:said|says|told|reported|explained|wrote|has previously|added)\b)"
)
NAME_TITLES = {
    "President", "Prime", "Minister", "Senator", "Sen", "Governor", "Gov", "Rep", "Dr", "Mr",
    "Mrs", "Ms", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Pope", "General",
    "Gen", "Chancellor", "Secretary", "Professor", "Prof", "Director", "Chairman", "Captain",
    "Mayor", "Sir", "Dame", "Lord", "Lady", "Saint", "St", "Coach", "Commissioner", "Ambassador",
}  # fmt: skip
_SPOKES = r"(?:spokes(?:person|man|woman)|representative|rep|publicist|press officer)"
_SPOKESPERSON_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}{_SPOKES}\b", re.I)
_SPOKESPERSON_BEFORE = re.compile(rf"\b{_SPOKES}\s+$", re.IGNORECASE)
_SENTENCE_OPENERS = {"In", "On", "At", "By", "The", "When", "After", "Before", "Since", "From"}
_STUDY_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:study|report|survey|paper|analysis|review|census)\b")
_PUBLISHED_BEFORE = re.compile(
    r"\b(?:study|report|survey|paper|analysis|review)\s+(?:was\s+)?published\b[^,.;]{0,40}"
    r"\b(?:in|on)\s+$",
    re.IGNORECASE,
)
_CITATION_BEFORE = re.compile(
    r"\b(?:according to|data from|figures from|a (?:report|study|survey|poll) (?:by|from)|"
    r"(?:reported|published) by)\s*$",
    re.IGNORECASE,
)
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_EMPLOYER_BEFORE = re.compile(
    r"\b(?:(?:analyst|economist|strategist|researcher|professor|lecturer|director|partner|"
    r"consultant|adviser|advisor|spokesperson|spokesman|spokeswoman|fellow)\s+(?:at|with|for)|"
    r"advised(?: on)? by(?: [\w-]+){0,3})\s+$",
    re.IGNORECASE,
)
_ACRONYM_GIVEN = re.compile(r",?\s*(?:known as|abbreviated (?:as|to)|short for)\s+$")
MAX_ANSWER_WORDS = 5
GIVEAWAY_PREFIX = 5  # an answer word sharing this many first letters with a prompt word
MIN_TERM_LETTERS = 3
NAME_JOINERS = {"of", "de", "the", "and", "&", "von", "van", "du", "la", "le", "del", "da"}


def blank_problem(
    quote: str, view: Frame, start: int, end: int, title_keys: set[str], key: str, label: str
) -> str:
    """Why quote[start:end] is not worth a blank ("" when it is): outside the readable frame,
    the article's own topic, given away by the rest of the sentence, a cut name, uninformative."""
    if start < view.cut + view.replaced or end > view.end:
        return "answer_outside_frame"
    answer = quote[start:end]
    if quote[:start].count("(") > quote[:start].count(")"):
        return "in_brackets"  # "Binge eating disorder (____)" gives the acronym away
    if _ACRONYM_GIVEN.search(quote[:start]) and re.fullmatch(r"[A-Z][A-Za-z]*[A-Z]\w*", answer):
        return "answer_given_away"  # "Near-Infrared Spectrograph, known as ____" (NIRSpec)
    if quote[start - 1 : start] in ("-", "/") or quote[end : end + 1] in ("-", "/"):
        return "part_of_a_word"  # "high-____", "tech-____"
    following = set(re.findall(r"[a-z]+", quote[end : end + 40].lower())[:3])
    if re.fullmatch(r"\d[\d,]*", answer) and following & COUNT_NOUNS:
        return "sample_size"  # "One study in ____ women", "Here are ____ tips"
    if re.fullmatch(r"\d{1,3}", answer) and re.match(r"-year-old|,? who\b", quote[end:]):
        return "age_detail"  # "Noel, 31, …", "the 66-year-old"
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") and not re.search(r"\d", answer):
        return "vague_number"  # "the hundreds", "billions of dollars"
    if label == "TIME":
        return "time_of_day"  # "6:30 a.m.", "Tuesday night": trivia
    if norm_answer(answer) in GENERIC_NAMES:
        return "generic_name"  # "the largest reef system on ____" (Earth)
    if re.search(r"\b[a-z]+ly\s*$", quote[:start]) and label == "TERM":
        return "split_phrase"  # "computationally ____" (heavy simulations)
    if label == "NORP":
        return "nationality_blank"
    if label == "DATE" and not re.search(r"\d|" + MONTH_PATTERN, answer, re.IGNORECASE):
        return "vague_date"  # "Tuesday", "last week", "recent decades"
    if label == "DATE" and re.fullmatch(MONTH_PATTERN, answer.strip(), re.IGNORECASE):
        return "month_only"  # "In ____, NASA awarded …": a month without its year is trivia
    if label == "DATE" and (
        len(re.findall(r"\b[a-z]{3,}\b", answer)) > 1 or re.search(r",\s*[a-z]", answer)
    ):
        return "ragged_date"  # "March 2018 after years", "August 1914, days"
    if re.search(r",\s+[A-Z]", answer) and label != "DATE":
        return "spans_a_list"  # "CBS All Access, Disney"
    if label == "PERSON" and (
        _SPOKESPERSON_AFTER.match(quote[end:]) or _SPOKESPERSON_BEFORE.search(quote[:start])
    ):
        return "spokesperson"  # who spoke for a company is how the story was made, not the story
    if label == "DATE" and _STUDY_AFTER.match(quote[end:]):
        return "citation_year"  # "A ____ study of reefs found …": when, not what, was found
    if label == "DATE" and _PUBLISHED_BEFORE.search(quote[:start]):
        return "citation_year"  # "A study published in The Lancet in ____ modelled …"
    if _CITATION_BEFORE.search(quote[:start]):
        return "source_citation"  # "according to ____", "Data from ____": who said it, not what
    near = (quote[max(0, start - 25) : start] + " | " + quote[end : end + 25]).lower()
    if label in ("PERSON", "ORG") and ATTRIBUTION_NEAR.search(near):
        return "attribution_blank"  # "…, ____ said", "as ____ reported"
    if key in title_keys and label not in ("DATE", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return "article_topic"
    if norm_answer(answer) in WEEKDAYS:
        return "vague_date"  # "on ____" (Tuesday): the day of the week is trivia
    if label == "PERSON" and re.match(r",\s*\d{1,3},", quote[end:]):
        return "vox_pop"  # "____, 34, who takes the number 12 …": a passer-by quoted
    if label in ("ORG", "FAC", "MISC") and _EMPLOYER_BEFORE.search(quote[:start]):
        return "attribution_blank"  # "a consumer analyst at ____", "advised by ____"
    if label not in ("DATE",) and len(answer.split()) > MAX_ANSWER_WORDS:
        return "long_answer"  # "the JWST Transiting Exoplanet Community Early Release Science"
    letters = re.sub(r"[^A-Za-z0-9]", "", answer)
    if len(letters) < MIN_TERM_LETTERS and not letters.isdigit():
        return "uninformative"
    rest = (quote[view.cut : start] + " " + quote[end : view.end]).lower()
    long_word = re.compile(rf"[a-z]{{{GIVEAWAY_PREFIX},}}")
    rest_words = set(long_word.findall(rest))
    for word in long_word.findall(" ".join(w for w in answer.split() if w.islower())):
        if any(other[:GIVEAWAY_PREFIX] == word[:GIVEAWAY_PREFIX] for other in rest_words):
            return "answer_given_away"
    before = quote[:start].split()[-2:]
    after = quote[end:].split()[:2]
    if after and after[0][:1].isupper() and re.fullmatch(r"[A-Z][\w'’-]*", after[0]):
        return "part_of_a_name"
    inner = quote[max(view.cut, 0) : start].rstrip()
    if (
        answer[:1].isupper()
        and re.search(r"\s[A-Z][a-z]+$", " " + inner)
        and not re.search(r"[.:;!?\"“]\s*[A-Z][a-z]+$", inner)
        and inner.count(" ") >= 1
        and before
        and before[-1] not in _SENTENCE_OPENERS
        and before[-1].rstrip(".") not in NAME_TITLES
    ):
        return "part_of_a_name"  # "Wall ____" (Street), "peer ____" stays allowed
    joined = len(before) == 2 and before[1].lower() in NAME_JOINERS and before[0][:1].isupper()
    if joined and (before[1].lower() != "the" or before[0] not in ("In", "On", "At", "By")):
        return "part_of_a_name"  # "Fate of ____" (Macy)
    return ""
