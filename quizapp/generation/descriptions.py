"""Select (with context.py): the fuller name of a bare description ("The charge" → "The
congestion charge", "The lake" → "Lake Mead", "The canal, completed in 1777," → "The Trent and
Mersey Canal, …") when the article gives exactly one (pure)."""

from __future__ import annotations

import re

from quizapp.generation.analyse import Analysis, SentenceInfo
from quizapp.generation.references import (
    NAMED_ELSE,
    name_before_its_noun,
    previous_in_paragraph,
    whole_name,
)

DESCRIPTION_LOOK_BACK = 3


# bodies and posts whose holder changes over the years an article spans
CHANGING_HOLDERS = {
    "government", "administration", "cabinet", "leader", "minister", "president", "chairman",
    "chair", "manager", "coach", "captain", "mayor", "author",
}  # fmt: skip


COMPARING = {"like", "unlike", "than", "as", "besides"}  # a thing set beside another


def fuller_description(analysis: Analysis, info: SentenceInfo, noun: str, tokens: list) -> str:
    """The fuller name an earlier sentence gave a bare "the <noun>" subject: the same noun with
    a compound or a named owner ("the congestion charge", "London's charge"), when exactly one
    such phrase is found in the three sentences before."""
    head = next((t for t in tokens if t.lower_ == noun), None)
    if head is None or head.dep_ not in ("nsubj", "nsubjpass") or head.pos_ != "NOUN":
        return ""
    if head.lemma_.lower() in CHANGING_HOLDERS:
        return ""  # "The government announced in 2025 …" is not the coalition of 2014
    title = analysis.article.title
    named_kind = re.search(rf"\b[A-Z][a-z]+ {re.escape(head.lemma_.lower())}s?\b", title, re.I)
    if named_kind is None or not named_kind.group()[:1].isupper() or len(title.split()) > 6:
        named_kind = None  # the title's own kind of the thing ("English Oak"): "The oak" is that
    if any(_restricts(head, c) for c in head.children):
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
            if _set_aside(token):
                continue  # "units … replacing diesel trains. The trains were converted": not
                # the diesel trains, which were moved away
            if token.dep_ == "pobj" and token.head.lower_ in COMPARING:
                continue  # "Like Smeaton's tower, the Bell Rock is built …. The tower is about
                # 35 metres tall": the Bell Rock's (round 126, a wrong key)
            owners = [
                c for c in token.children
                if (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i == token.i - 1
                    and len(c.text) > 1 and not (c.i > 0 and c.doc[c.i - 1].like_num))
                or (c.dep_ == "poss" and c.pos_ == "PROPN")
            ]  # fmt: skip  # never the "m" of "a £24m plant"
            if not owners or any(c.lower_ in ("a", "an") for c in token.children):
                continue  # "overturning a lower court ruling": another ruling than "the ruling"
            first = min(owners, key=lambda c: c.left_edge.i).left_edge
            words = token.doc[first.i : token.i + 1].text
            if first.pos_ == "DET":
                words = words.split(" ", 1)[1] if " " in words else words
            found.add(words if owners[0].dep_ == "poss" else f"the {words}")
        if found:
            break
    if not found and head.tag_ != "NNS" and not _described_earlier(analysis, info, head):
        # "The cliffs" are not "the Amphitheatre, a crescent of cliffs": one name is never a
        # plural's
        named = _name_of_kind(analysis, info, head.lemma_.lower())
        if named and _report_subject_just_before(analysis, info, named):
            named = ""  # "For Thrapley, the win completes a notable winter. The club …" in a
            # report headed on Thrapley: not Mallowby Athletic Club, the organisers named before
        found = {named} if named else set()
    if len(found) != 1:
        return ""
    phrase = next(iter(found))
    if named_kind and re.sub(r"^the\s+", "", phrase.lower()) != named_kind.group().lower():
        return ""  # "The oak" in an article on the English oak is that oak, not the sessile oak
        # a sentence before compared it with (round 101, a wrong key)
    return phrase[:1].upper() + phrase[1:]


def _report_subject_just_before(analysis: Analysis, info: SentenceInfo, name: str) -> bool:
    """Whether the sentence before, in the same paragraph, names something the title names
    and not `name`: the description then goes on about that subject."""
    previous = previous_in_paragraph(analysis, info)
    if previous is None:
        return False
    said = analysis.article.text[previous.start : previous.end]
    if re.sub(r"^the\s+", "", name) in said:
        return False
    title = analysis.article.title
    return any(
        e.label in NAMED_ELSE and e.text not in name and e.text in title for e in previous.entities
    )


def _described_earlier(analysis: Analysis, info: SentenceInfo, head) -> bool:
    """Whether an earlier sentence described a thing of this kind without naming it ("set up
    the families' group"): then "The group" may be that one and not the one named so."""
    first = _first_described(analysis).get(head.lemma_.lower())
    return first is not None and first < info.index


def _first_described(analysis: Analysis) -> dict[str, int]:
    """Each noun's first sentence where the article describes one without naming it (once
    per analysis: a scan per description cost half a second on a 20,000-word article)."""
    return analysis.once("first_described", _each_first_described)


def _each_first_described(analysis: Analysis) -> dict[str, int]:
    found: dict[str, int] = {}
    for sentence in analysis.sentences:
        for token in sentence.tokens:
            described = token.pos_ == "NOUN" and not token.ent_type_
            described = described and token.dep_ != "appos"  # "the Great Eastern, the
            # largest steamship of its day" names it
            if described and any(
                c.dep_ in ("poss", "amod", "compound") and c.pos_ != "PROPN" for c in token.children
            ):
                found.setdefault(token.lemma_.lower(), sentence.index)
    return found


def _restricts(head, child) -> bool:
    """Whether a word or phrase hanging on the noun says which one it is: "the old zone",
    "the zone in the centre", but not the aside of "The canal, completed in 1777, …"."""
    if child.dep_ in ("compound", "amod", "poss"):
        return True
    if child.dep_ not in ("prep", "acl", "relcl"):
        return False
    between = head.doc[head.i + 1 : child.left_edge.i]
    return not any(t.text == "," for t in between) and not (
        child.left_edge.i > 0 and head.doc[child.left_edge.i - 1].text == ","
    )


# honorifics only a person carries (accepted_people.TITLES also has King, General, Lord …,
# which name bridges, hospitals and firms too: "the King Edward VII Bridge", "General Motors")
_TITLED = re.compile(r"(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Cllr|Councillor)\.?\s+[A-Z]")
INTRO_WINDOW = 80  # characters around a name in which the article says what kind of thing it is
RECENT_SPAN = 4  # sentences back in which a rival name makes a bare description ambiguous
NAME_LABELS = {"FAC", "ORG", "LOC", "GPE", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "MISC"}
NAME_JOINERS = {"and", "of", "the", "upon", "on", "de", "la", "du"}  # "Trent and Mersey Canal"
NAME_LEADS = {"lake", "mount", "fort", "cape", "port", "river"}  # "Lake Mead", "Mount Fuji"


def _mostly_people(analysis: Analysis) -> set[str]:
    """Names the tagger types a person at least as often as anything else ("Pickersgill", a
    MISC once and a PERSON five times, is never "the ball")."""
    typed: dict[str, list[bool]] = {}
    for entity in analysis.entities:
        typed.setdefault(entity.text, []).append(entity.label == "PERSON")
    return {name for name, kinds in typed.items() if sum(kinds) * 2 >= len(kinds)}


def _introduced_as(text: str, name: str, noun: str) -> bool:
    """The article introduced the name as a <noun>: "the container ship Ever Given", "a tanker
    called the Ideal X", "Casgevy, the first CRISPR therapy"."""
    noun_words = rf"{noun}s?"
    name_pattern = rf"(?:the\s+)?{re.escape(name)}"
    before = rf"(?<![\w-]){noun_words}[^\S\n]+(?:(?:called|named|known as)\s+)?{name_pattern}\b"
    # (never "the play-the-ball Pickersgill": a word of a compound introduces no one)
    after = (
        rf"{name_pattern},\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,3}}{noun_words}\b"
        r"(?!\s+[A-Z])"  # "Sudan, the chemist A. F. Joseph": the chemist is Joseph
        r"(?!['’])"  # "Dr Anjali Mistry, the centre's clinical director" is no centre
    )
    if re.search(before, text):
        return True
    # "the Monument to the Great Fire, a Doric column": the column is the Monument, not the fire
    inside_a_name = re.compile(r"[A-Z][\w'’-]*\s+(?:to|of|for|on)\s+(?:the\s+)?$")
    return any(not inside_a_name.search(text[: m.start()]) for m in re.finditer(after, text))


def _title_name_of_kind(title: str, noun: str) -> str:
    """A name of this kind by its own words in the article's title ("Lake Tanganyika")."""
    for run in re.findall(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*)+", title):
        words = run.split()
        last, first = words[-1].lower(), words[0].lower()
        if last in (noun, noun + "s") or (first == noun and noun in NAME_LEADS):
            return run
    return ""


def _name_of_kind(analysis: Analysis, info: SentenceInfo, noun: str) -> str:
    """The one proper name before this sentence that is a <noun> by its own words ("the Golden
    Gate Bridge" for "the bridge", "Lake Mead" for "the lake"), written as the article writes it."""
    text = analysis.article.text
    names: dict[str, str] = {}
    latest: dict[str, int] = {}
    person_starts = {e.start for e in analysis.entities if e.label == "PERSON"}
    people = _mostly_people(analysis)
    for entity in analysis.entities:
        if entity.end > info.start or entity.label not in NAME_LABELS or entity.text in people:
            continue
        if entity.end + 1 in person_starts or _TITLED.match(entity.text):
            continue  # "His Honour Judge Peter Ashworth", "Dr Anjali Mistry": a person
        start, whole = whole_name(text, entity.start, entity.end)
        words = re.sub(r"^the\s+", "", whole, flags=re.IGNORECASE).split()
        if not words or not all(
            w[:1].isupper() or w[:1].isdigit() or (w in NAME_JOINERS and 0 < n < len(words) - 1)
            for n, w in enumerate(words)
        ):
            continue
        last, first = words[-1].lower(), words[0].lower()
        own_words = len(words) > 1 and (
            last in (noun, noun + "s") or (first == noun and noun in NAME_LEADS)
        )
        if not own_words:
            # the name's surroundings only, and only where the noun is near (once per name,
            # not a search of the whole text: 0.2 s of a 2,000-word article's 0.37 s)
            window = text[
                max(0, entity.start - INTRO_WINDOW) : min(entity.end + INTRO_WINDOW, info.start)
            ]
            if noun not in window.lower() or not _introduced_as(window, " ".join(words), noun):
                continue
        if name_before_its_noun(analysis, entity):
            continue  # "the Hatherley Road junction": a place the road meets, not the road
        name = " ".join(words)
        before = text[max(0, start - 4) : start].lower()
        bare = first == noun or "the" not in before
        names.setdefault(entity.key, name if bare else f"the {name}")
        latest[entity.key] = entity.start
    title = analysis.article.title.lower()
    own = [key for key, name in names.items() if re.sub(r"^the\s+", "", name.lower()) in title]
    opens_paragraph = previous_in_paragraph(analysis, info) is None
    if len(names) > 1 and len(own) == 1 and opens_paragraph:
        return names[own[0]]  # "The lake" opening a paragraph in an article on Lake
        # Tanganyika, though the paragraph before ended on Lake Baikal
    if not own and opens_paragraph and _title_name_of_kind(analysis.article.title, noun):
        return ""  # a paragraph on the title's lake (which the tagger may have typed a
        # person) after one that ended on another lake: which is meant?
    if len(names) > 1 and info.index >= RECENT_SPAN:
        # several dams: the one the sentence before names, when no other was named lately
        # (a county council and a parish council a sentence apart stay ambiguous)
        just = analysis.sentences[info.index - 1].start
        lately = analysis.sentences[info.index - RECENT_SPAN].start
        recent = [key for key in names if latest[key] >= just]
        others = [key for key in names if key not in recent and latest[key] >= lately]
        names = {recent[0]: names[recent[0]]} if len(recent) == 1 and not others else names
    return next(iter(names.values())) if len(names) == 1 else ""


REPLACING = {"replace", "supersede", "succeed", "retire", "withdraw", "scrap"}


def _set_aside(token) -> bool:
    """Whether a noun names what something else replaces or is set against ("replacing diesel
    trains", "instead of the old bridge", "unlike the earlier model")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in REPLACING:
        return True
    if token.dep_ == "pobj" and head.lower_ in ("unlike", "than", "of"):
        return head.lower_ != "of" or head.head.lower_ in ("instead", "place")
    return False
