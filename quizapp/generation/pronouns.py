"""Select, part four: what a pronoun refers to ("she" in a biography, "it" after a named
thing, "their" of a group), when the article says so unambiguously; frame() writes the name
in. The descriptions ("the company", "the lake") are references.py's (pure)."""

from __future__ import annotations

import re

from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.entities import identity
from quizapp.generation.references import (
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    QUANTIFIERS,
    TOWN_BEFORE,
    main_subject,
    previous_in_paragraph,
    used_as_a_place,
)
from quizapp.generation.title_person import (
    short_person_name,
    someone_else_named_last,
    title_person,
    title_person_words,
)


def person_surnames(analysis: Analysis) -> set[str]:
    """The surnames of the article's full personal names ("Mallinder" of "Darren Mallinder"),
    once per analysis (the pronoun check asks for them on every "he" and "she")."""
    return analysis.once("person_surnames", _person_surnames)


def _person_surnames(analysis: Analysis) -> set[str]:
    return {
        e.text.split()[-1]
        for e in analysis.entities
        if e.label == "PERSON"
        and len(e.text.split()) in (2, 3)
        and e.text.split()[-1][:1].isupper()
    }


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
        tagged = {name for name in tagged if not used_as_a_place(text, name, TOWN_BEFORE)}
        if subject and tagged - title_person_words(analysis, pronoun):
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
    subject = main_subject(previous)
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
    """Whether the sentence before is the article's person's turn: it opens on their name, or
    on the same pronoun that itself means them, with no one else of that sex in it ("Her
    mother was an invalid …. She died" stays unresolved)."""
    gender = "she" if pronoun in ("she", "her") else "he"
    text = analysis.article.text[previous.start : previous.end]
    own = title_person_words(analysis, pronoun)  # every name `subject` can be
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
    subject = main_subject(sentence)
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
