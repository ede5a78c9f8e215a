"""Select, part three: what a pronoun or a bare description ("it", "she", "the company", "the
lake") refers to, when the article says so unambiguously; frame() writes the name in.
"""

from __future__ import annotations

import bisect
import re

from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.entities import identity
from quizapp.generation.select import zipf
from quizapp.generation.title_person import (
    short_person_name,
    someone_else_named_last,
    title_person,
    title_person_words,
)

# a sentence that opens on something said before it ("It is often temporary …", "They include
# machine operators, CNC technicians …"): shown beside another sentence, it reads as about that
# ("That changed in 2020, when …" says what changed, and may stand beside one)
POINTING_OPENING = re.compile(
    r"(?:Both|Neither|Each|Such|They|It|He|She|This|These|Those|Its|Their|His|Her)\b"
)
PERSON_PRONOUNS = {"he": "", "she": "", "his": "'s", "her": "'s"}
THING_PRONOUNS = {"it": "", "they": ""}  # "its" and "their" often point past the subject
QUANTIFIERS = {
    "most", "many", "some", "both", "neither", "another", "others", "each", "all", "few",
    "hundreds", "thousands", "dozens", "millions", "several", "none",
}  # fmt: skip
COUNT_QUANTIFIERS = {"hundreds", "thousands", "dozens", "millions"}


ORG_NOUNS = (
    "company", "firm", "group", "agency", "bank", "organization", "organisation", "team", "club",
    "council", "ministry", "party", "airline", "automaker", "carmaker", "university", "band",
    "startup", "retailer", "manufacturer", "network", "studio", "court", "league",
)  # fmt: skip
PERSON_NOUNS = (
    "president", "minister", "governor", "mayor", "singer", "actor", "actress", "player",
    "coach", "manager", "scientist", "researcher", "chief", "founder", "director",
)  # fmt: skip  # never "author": "The author has never been identified" (of the letter Cecil
# was given) is no one named before
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
DESCRIPTION = re.compile(rf"(The (?:[A-Za-z-]+ )?)({_CLASS_PATTERN})\b(?!['’])", re.IGNORECASE)


def previous_in_paragraph(analysis: Analysis, info: SentenceInfo) -> SentenceInfo | None:
    """The sentence before this one when both are in the same paragraph."""
    if info.index == 0:
        return None
    article = analysis.article
    previous = analysis.sentences[info.index - 1]
    same = article.paragraph_index(previous.start) == article.paragraph_index(info.start)
    return previous if same else None


def _main_subject(sentence: SentenceInfo):
    """The subject token of the sentence's main verb (the nearest before it when the parser
    gave it two: "Pale, thickly furred and rarely seen, it is often called …" is "it"), or
    None."""
    subjects = [
        t for t in sentence.tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
    ]
    before = [t for t in subjects if t.i < t.head.i]
    return before[-1] if len(before) > 1 else next(iter(subjects), None)


LOOK_BACK = 2  # sentences a description may point back over
NAMED_ELSE = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"}  # names that may be meant
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
            before = analysis.article.text[max(0, entity.start - 40) : entity.start]
            if "ORG" in kinds and _PLACE_OF_PEOPLE.search(before):
                continue  # "Residents of Lower Quay …. The company plans …": a place
            if describes_a_noun(sentence, entity):
                continue  # "CNC technicians …. The company says …": a kind of technician, not
                # the company (round 97, a wrong key)
            if entity.label in kinds or entity.form in kinds or named_law:
                found.setdefault(entity.key, entity)
        if found:
            break
        if any(e.label in NAMED_ELSE for e in sentence.entities):
            return None  # "For Thrapley, the win completes a notable winter. The club …": not
            # the organisers named before that
    return next(iter(found.values())) if len(found) == 1 else None


def describes_a_noun(sentence: SentenceInfo, entity, deps: tuple[str, ...] = ("compound",)) -> bool:
    """Whether a name stands before a noun it describes ("CNC technicians", "the Hatherley Road
    junction"; with "amod", "The Marlingford company")."""
    inside = [t for t in sentence.tokens if entity.start <= sentence.offset + t.idx < entity.end]
    return bool(inside) and inside[-1].dep_ in deps and inside[-1].head.pos_ == "NOUN"


def name_before_its_noun(analysis: Analysis, entity, deps: tuple[str, ...] = ("compound",)) -> bool:
    """describes_a_noun for an entity anywhere in the article (its sentence found by offset)."""
    at = bisect.bisect_right([s.start for s in analysis.sentences], entity.start) - 1
    info = analysis.sentences[at] if at >= 0 else None
    if info is None or not info.start <= entity.start < info.end:
        return False
    return describes_a_noun(info, entity, deps)


_PLACE_OF_PEOPLE = re.compile(
    r"\b(?:[Rr]esidents|people|villagers|families|households|homes|streets|parts|outskirts)\s+"
    r"(?:of|in)\s+$"
)
# "the Liverpool and Manchester Railway" when the tagger found only "Manchester Railway"
_NAME_BEFORE_AND = re.compile(r"(?:(?!The\b)[A-Z][\w'’-]*[^\S\n]+)+(?:and|&)[^\S\n]+$")


def whole_name(text: str, start: int, end: int) -> tuple[int, str]:
    """The start and words of a name, taken back over a first half the tagger left out
    ("Sedgemere" of "Sedgemere Water Sailing Club", "Rushworth &" of "Rushworth & Vail")."""
    before = re.search(r"([A-Z][\w'’-]+) $", text[max(0, start - 40) : start])
    if before is not None:
        opening = text[: start - len(before.group())].rstrip()
        mid_sentence = bool(opening) and opening[-1] not in '.!?:;"“'
        rare = zipf(before.group(1).lower()) < RARE_WORD_ZIPF  # "Sedgemere", never "Yesterday"
        if (mid_sentence or rare) and before.group(1) not in NOT_A_NAME_START:
            start -= len(before.group())  # round 128: "Water Sailing Club had six … boats"
            return start, text[start:end]
    if not text[max(0, start - 5) : start].rstrip().endswith(("and", "&")):
        return start, text[start:end]  # the common case, without a pattern
    cut = _NAME_BEFORE_AND.search(text[max(0, start - 60) : start])
    if cut:
        start -= len(cut.group())
    return start, text[start:end]


RARE_WORD_ZIPF = 3.0
NOT_A_NAME_START = {"The", "A", "An", "In", "At", "On", "Of", "By", "For", "From", "To", "And"}


def named_in_previous(analysis: Analysis, info: SentenceInfo, kinds: tuple[str, ...]) -> str:
    """The name of the previous sentence's subject, when it is of one of these kinds."""
    previous = previous_in_paragraph(analysis, info)
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
    if _PLACE_LIST_BEFORE.search(analysis.article.text[max(0, entity.start - 80) : entity.start]):
        return ""  # "households in Harnley, Pellow Bridge and Stainmoor": a town, no company
    if "PERSON" in kinds and len(entity.text.split()) > 1:
        return short_person_name(analysis.article.text, entity.text)
    start, name = whole_name(analysis.article.text, entity.start, entity.end)
    if analysis.article.text[max(0, start - 4) : start].lower() == "the ":
        return "The " + name  # "the Pacific Railway Act" keeps its article
    return name


_PLACE_LIST_BEFORE = re.compile(
    r"\b(?:in|at|near|from|across)\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)*"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+and\s+)?$"
)


# the last word of a name that says what kind of body it is ("Europa League", "Leeds City Council")
KIND_WORDS = {
    "league", "cup", "association", "federation", "council", "ministry", "university", "bank",
    "party", "agency", "court", "union", "committee", "commission", "department", "institute",
    "school", "college", "company", "corporation", "group", "city", "club", "team", "band",
    "championship", "championships", "tournament", "trophy", "games", "olympics",
}  # fmt: skip


# bodies whose names carry their kind ("Millbridge City Council"): "the council" is never a
# campaign group named just before it
SELF_NAMING = {
    "council",
    "ministry",
    "court",
    "university",
    "league",
    "party",
    "bank",
    "agency",
    "team",
}  # fmt: skip  ("the team" in a science story is its researchers, not a camera named before)


def named_as_other_kind(name: str, noun: str, analysis: Analysis | None = None) -> bool:
    """A name whose own last word names another kind of thing than the description, or that
    lacks the kind word such names carry, or one of several such names in the article ("the
    council" after a county council and a parish council were both named)."""
    last = name.split()[-1].lower().strip(".,")
    if noun in SELF_NAMING and noun not in name.lower():
        return True
    if noun in SELF_NAMING and analysis is not None:
        kinds = {e.key for e in analysis.entities if re.search(rf"\b{noun}\b", e.text.lower())}
        if len(kinds) > 1:
            return True
    return last in KIND_WORDS and last not in (noun, noun + "s")


_PERSON_NAMES: dict[tuple[int, str], set[str]] = {}


def person_surnames(analysis: Analysis) -> set[str]:
    """The surnames of the article's full personal names ("Mallinder" of "Darren Mallinder"),
    once per analysis (the pronoun check asks for them on every "he" and "she")."""
    key = (id(analysis), analysis.article.sha256)
    found = _PERSON_NAMES.get(key)
    if found is None:
        found = {
            e.text.split()[-1]
            for e in analysis.entities
            if e.label == "PERSON"
            and len(e.text.split()) in (2, 3)
            and e.text.split()[-1][:1].isupper()
        }
        if len(_PERSON_NAMES) >= 8:
            _PERSON_NAMES.clear()
        _PERSON_NAMES[key] = found
    return found


def _named_as_a_town(text: str, name: str) -> bool:
    """Whether the article writes the one-word name where a town goes ("born … near Nelson",
    "a school in Nelson"); "from Rutherford" or "of Rutherford" may still be the man."""
    after = r"(?![\w'’-]|\s+[A-Z&])"  # never "near Nelson College", "in Nelson's view"
    return bool(re.search(rf"\b(?:in|near|outside|around) {re.escape(name)}\b{after}", text))


SAME_PERSON_PRONOUNS = {
    **dict.fromkeys(("she", "her", "hers"), ("she", "her", "hers", "herself")),
    **dict.fromkeys(("he", "his", "him"), ("he", "his", "him", "himself")),
}


def antecedent(analysis: Analysis, info: SentenceInfo, pronoun: str, depth: int = 0) -> str:
    """The one thing of the previous sentence (same paragraph) a pronoun can refer to; `depth`
    counts the sentences a chain of "she … she …" has been followed back."""
    previous = previous_in_paragraph(analysis, info)
    if previous is None:
        return _subject_across_paragraphs(analysis, info, pronoun, depth)
    if pronoun in PERSON_PRONOUNS:
        text = analysis.article.text
        named = person_surnames(analysis)
        people = {
            e.key: e
            for e in previous.entities
            if (e.label == "PERSON" or e.text in named)
            and (len(e.text.split()) > 1 or _mentions(analysis, e) > 1)
            and not text.startswith(("'s", "’s"), e.end)
        }  # a one-word "person" seen once may be a parser's mistake ("Virus"); "Stanislavski's
        # production" names a person only in passing; "Mallinder", typed otherwise here, is
        # the Darren Mallinder named before (round 108: "He traded as …" was made Delacourt's,
        # the prosecutor's, a wrong key)
        same_kind = SAME_PERSON_PRONOUNS.get(pronoun, ())
        subject = title_person(analysis, pronoun, info.start)
        if any(
            (t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"))
            or t.lower_ in same_kind
            for t in previous.tokens
        ):
            if subject and _continues_the_subjects_turn(
                analysis, previous, pronoun, subject, depth
            ):
                return subject  # "She decided to travel." after "Kingsley [She] also had …"
            return ""  # "…, he complained …. He died that July": a chain from further back;
            # "Her Piano Concerto … with Mendelssohn conducting. Her mature works": not his
        tagged = {t.text for t in previous.tokens if t.ent_type_ == "PERSON"}
        tagged |= {  # "Moore, needing two pars, found trouble. Her approach …": Moore's
            t.text
            for t in previous.tokens
            if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
        }
        tagged = {name for name in tagged if not _named_as_a_town(text, name)}
        own = set(subject.split()) | title_person_words(analysis, pronoun) if subject else set()
        if subject and tagged - own:
            return ""  # "… and Ashworth again the busier goaltender. He saved …": not the
            # title's Reid, whatever the document-wide typing made of Ashworth; but "born …
            # near Nelson" names a town (round 123: every "He" of a biography unresolved), and
            # "Mary Henrietta Kingsley was …" names no one but Kingsley (round 126)
        if not people and not any(e.label == "PERSON" for e in info.entities):
            if subject and someone_else_named_last(analysis, info, subject):
                return ""
            return subject  # a biography's "she" is its subject
        if len(people) != 1:
            return ""
        person = next(iter(people.values()))
        if any(
            t.pos_ == "PROPN"
            and t.dep_ in ("nsubj", "nsubjpass")
            and t.text in named
            and not person.start <= previous.offset + t.idx < person.end
            for t in previous.tokens
        ):
            return ""  # "In 1754 Wedgwood [typed a place] joined Thomas Whieldon …. He began
            # …": the subject, a surname the article gives a person, is the likelier "he"
        if _another_person_described(previous, person):
            return ""  # "Rendell's barrister, Priya Nandra, said the garage owner had … He
            # has sold the business": Rendell, not Nandra
        if _subject_is_a_named_thing(analysis, previous, person):
            return ""  # "The Great Eastern, designed with John Scott Russell, …. Her sideways
            # launch …": the ship's, not Russell's
        if subject and subject not in person.text:
            return ""  # "Her professor, W. W. Claytor, … She graduated": the biography's subject?
        name = re.sub(r",?\s+(?:Jr|Sr|II|III|IV)\.?$", "", person.text)
        if len(name.split()) < 2:
            return name
        return short_person_name(analysis.article.text, name)
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
        and t.pos_ in ("NOUN", "PROPN")
        and t.tag_ in ("NNS", "NNPS")
        and (t.dep_ in ("dobj", "appos", "nsubj", "nsubjpass") or t.lemma_ == subject.lemma_)
    ]  # "The northern groves are small, while the largest groves lie south. They …": which?
    # "Surgeons stress that antibiotics are not for everyone. They are avoided …": antibiotics
    if plural and rivals:
        return ""  # "Displays follow coronal mass ejections. They can reach Earth": which?
    if any(c.dep_ == "conj" for c in subject.children) or (
        subject.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in subject.head.children)
    ):  # "Brooklyn … and New York … were linked by a suspension bridge …. It had taken
        return ""  # fourteen years": the bridge, not Brooklyn
    if any(c.dep_ == "poss" for c in subject.children):
        return ""  # "Glenbrae's celebrations will go on. They sit third": Glenbrae, not the party
    if any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.pos_ in ("NOUN", "PROPN")
        and t.head.dep_ == "conj"
        and t.head.head.dep_ == "ROOT"
        for t in previous.tokens
    ):  # "By Friday the tide had thrown shingle onto Marine Parade, and the road remained
        return ""  # closed …. It is expected to reopen": the road, not the tide
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
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subject.children) or (
        subject.lemma_.lower() in PERSON_WORDS
    ):  # "The local lord of the manor, Henry Hoste Henley, bought the specimen. It was …"
        return ""
    if (
        pronoun == "it"
        and subject.ent_type_ not in ("GPE", "LOC")
        and any(t.dep_ == "dobj" and t.pos_ == "NOUN" and t.tag_ == "NN" for t in previous.tokens)
    ):  # "Raytheon launched the Radarange oven in 1947. It was 1.8 m tall": which? (a country
        return ""  # that "stepped up its support" is still what "it" means next)
    if pronoun == "it" and subject.lemma_.lower() in PEOPLE_GROUPS:
        return ""  # "The team operated the lander. It briefly woke up": the lander, not the team
    title = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", analysis.article.title)}
    named = {w.lower() for w in re.findall(r"[A-Z][A-Za-z]+", span)} - {"the", "this", "these"}
    if named & title and not named <= title:
        return ""  # "Project Puffin began in 1973. It is a familiar emblem" in an article on
        # the puffin: the bird, most likely, not the project named after it
    bare_span = re.sub(r"^(?:the|The)\s+", "", span)
    typed = [e.label == "PERSON" for e in analysis.entities if e.text == bare_span]
    if typed and sum(typed) * 2 >= len(typed):
        return ""  # "It lay less than one degree from …": not Galle, whom the tagger typed a
        # place here and a person as often elsewhere (the telescope "Webb" stays a thing)
    common = not re.search(r"\b[A-Z]", re.sub(r"^The\s+", "", span)[1:]) and (
        subject.pos_ == "NOUN" or not re.match(r"[A-Z]", re.sub(r"^The\s+", "", span))
    )  # "Concern over falling numbers led to the 1914 Act. It was replaced …": a sentence's
    # capital makes no name
    title_nouns = {identity(w) for w in title}
    if common and identity(subject.lemma_.lower()) not in title_nouns:
        return ""  # "The pulse becomes irregular …. It is the most common heart rhythm
        # disorder": a common noun is "it" only in an article about that thing
    if span.startswith("The "):
        span = "the " + span[4:]
    return span


# the people a "she" or "he" could be beside the person an article is about
KIN = {
    "she": {"mother", "sister", "daughter", "wife", "aunt", "niece", "grandmother", "queen",
            "woman", "girl", "widow", "maid", "lady", "princess", "duchess", "nurse", "friend"},
    "he": {"father", "brother", "son", "husband", "uncle", "nephew", "grandfather", "king",
           "man", "boy", "prince", "duke", "friend", "master", "servant"},
}  # fmt: skip
MAX_TURN = 8  # sentences a chain of "she … she …" may run back to where its name was written


def _continues_the_subjects_turn(
    analysis: Analysis, previous: SentenceInfo, pronoun: str, subject: str, depth: int = 0
) -> bool:
    """Whether the sentence before opens on the same pronoun, itself the article's person, with
    no one else of that sex in it ("Her mother was an invalid …. She died" stays unresolved)."""
    gender = "she" if pronoun in ("she", "her") else "he"
    text = analysis.article.text[previous.start : previous.end]
    own = set(subject.split()) | title_person_words(analysis, pronoun)
    if any(e.label == "PERSON" and not set(e.text.split()) <= own for e in previous.entities):
        return False
    if any(t.lemma_.lower() in KIN[gender] for t in previous.tokens):
        return False
    named = re.match(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", text)
    if named and set(named.group().split()) <= own:
        return True  # "Kingsley was nearly thirty, … in her life …. She also had …"
    opening = re.match(r"(She|Her|He|His)\b", text)
    if depth >= MAX_TURN or opening is None:
        return False
    if (opening.group(1).lower() in ("she", "her")) != (gender == "she"):
        return False
    return antecedent(analysis, previous, opening.group(1).lower(), depth + 1) == subject


def _subject_across_paragraphs(
    analysis: Analysis, info: SentenceInfo, pronoun: str, depth: int
) -> str:
    """A paragraph's opening "She" or "Her" as the article's person, when the paragraph before
    ends on that person's turn ("… she was without duties. ¶ She sailed again from
    Liverpool"), or ""."""
    if pronoun not in PERSON_PRONOUNS or info.index == 0:
        return ""
    text = analysis.article.text[info.start : info.end]
    if not re.match(rf"{pronoun.capitalize()}\b", text):
        return ""
    subject = title_person(analysis, pronoun, info.start)
    last = analysis.sentences[info.index - 1]
    if not subject or any(e.label == "PERSON" for e in info.entities):
        return ""
    return subject if _continues_the_subjects_turn(analysis, last, pronoun, subject, depth) else ""


def _subject_is_a_named_thing(analysis: Analysis, sentence: SentenceInfo, person) -> bool:
    """Whether the sentence's main subject is a name (or "the" + name) other than a person's,
    with the person only inside the rest of the sentence."""
    subject = _main_subject(sentence)
    if subject is None or subject.pos_ == "PRON" or subject.ent_type_ == "PERSON":
        return False
    start = sentence.offset + subject.left_edge.idx
    end = sentence.offset + subject.right_edge.idx + len(subject.right_edge.text)
    if start <= person.start < end and subject.pos_ != "PROPN":
        return False  # "Her professor, W. W. Claytor, …": the person is the subject's own
    return subject.pos_ == "PROPN"


def _another_person_described(sentence: SentenceInfo, person) -> bool:
    """Whether the sentence speaks of a second person without a name: a person word with a
    person's name as its owner ("Rendell's barrister") or one outside the named person's
    phrase ("the garage owner")."""
    for token in sentence.tokens:
        if token.lemma_.lower() not in PEOPLE_WORDS or token.pos_ != "NOUN":
            continue
        if any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in token.children):
            return True
        span = {t.idx + sentence.offset for t in token.subtree}
        if token.dep_ in PARTICIPANT_ROLES and not any(
            person.start <= at < person.end for at in span
        ):
            return True
    return False


def _mentions(analysis: Analysis, person) -> int:
    return sum(1 for e in analysis.entities if e.key == person.key and e.label == "PERSON")


PERSON_WORDS = {
    *PERSON_NOUNS, "lord", "lady", "king", "queen", "prince", "princess", "duke", "man",
    "woman", "boy", "girl", "farmer", "owner", "collector", "buyer", "seller", "widow",
    "engineer", "inspector", "officer", "doctor", "nurse", "teacher", "priest", "bishop",
}  # fmt: skip
PARTICIPANT_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj")
# people named by whom they belong to ("Rendell's barrister", "her husband")
RELATIONS = {
    "barrister", "solicitor", "lawyer", "wife", "husband", "son", "daughter", "partner",
    "mother", "father", "brother", "sister", "friend", "spokesman", "spokeswoman", "agent",
}  # fmt: skip
PEOPLE_WORDS = PERSON_WORDS | RELATIONS
PEOPLE_GROUPS = {"team", "crew", "staff", "group", "committee", "panel", "family", "board"}


def their_group(analysis: Analysis, info: SentenceInfo, tokens: list, base: int, start: int):
    """A "their" inside the sentence ("Russia hosted their representatives …") with the one
    named group the sentence before speaks of ("… helping the Houthis"), when that is the only
    plural thing there and nothing plural comes before "their"; None otherwise."""
    pronoun = None
    for token in tokens:
        if token.idx + base <= start:
            continue
        if token.tag_ in ("NNS", "NNPS") or token.lower_ in ("they", "them", "it", "its", "this"):
            return None
        if token.lower_ == "their" and token.tag_ == "PRP$":
            pronoun = token
            break
    previous = previous_in_paragraph(analysis, info)
    if pronoun is None or previous is None:
        return None
    plurals = [
        t
        for t in previous.tokens
        if t.tag_ in ("NNS", "NNPS") or t.dep_ == "conj" or _named_group(t)
    ]
    if len(plurals) != 1 or not (plurals[0].tag_ == "NNPS" or _named_group(plurals[0])):
        return None
    group = plurals[0]
    the = group.i > 0 and group.doc[group.i - 1].lower_ == "the"
    return pronoun, ("the " if the else "") + group.text + "'"


def _named_group(token) -> bool:
    """A plural name ("the Houthis", "the Greens"), however the tagger read it."""
    return token.pos_ == "PROPN" and token.text.endswith("s") and not token.text.endswith("ss")
