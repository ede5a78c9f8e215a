"""Select (with context.py): whether a pronoun or demonstrative inside a sentence has anything
before it in the sentence to point to ("this caution", "they" with no plural noun, "In the
United States, it reached …") (pure)."""

from __future__ import annotations


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


def dangling_reference(
    tokens: list,
    base: int,
    start: int,
    resolved=None,
    surnames: frozenset | set = frozenset(),
    opener=None,
) -> bool:
    """A demonstrative ("this caution", "that money") or a pronoun with nothing before it in the
    sentence that it could refer to ("they" with no plural noun, "she" with no person); the
    `resolved` pronoun has its name written in, and stands for that person, and so does one of
    the article's `surnames` however the tagger typed it here, and an `opener` ("She had
    almost no schooling, spent … nursing her parents": the sentence's "her" is its "She",
    whose name the opening will be written as, or the sentence is dropped)."""
    seen_plural = False
    place_seen = False
    persons: list = [opener] if opener is not None else []
    things: list = []
    for token in tokens:
        if token.idx + base < start:
            continue
        if resolved is not None and token.i == resolved.i:
            persons.append(token)
            seen_plural |= token.lower_ in ("they", "their")
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
        if word == "there" and token.dep_ == "advmod" and not place_seen:
            return True  # "Turnout there at the election was 31 per cent": where?
        if _subject_after_adverbial(token):
            return True
        place_seen |= token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "LOC", "FAC", "ORG")
        place_seen |= token.pos_ == "NOUN" and token.dep_ == "pobj"  # "… on the islands …
        # there", "in the garden, where it still stands there"
        seen_plural |= token.tag_ in ("NNS", "NNPS") or token.dep_ == "conj"
        if token.tag_ in ("NN", "NNP") and token.ent_type_ not in NOT_IT:
            things.append(token)  # "In 1772 the king tested it": "it" is never the date
        if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.text in surnames):
            persons.append(token)  # "In 1907 Rutherford [typed a firm] moved …, where he built"
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
