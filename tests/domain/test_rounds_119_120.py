"""Rounds 119-120: the fixes their blind ratings asked for (each test names its round)."""

from __future__ import annotations

from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article

LACTOSE = (
    "Lactose Intolerance\n\n"
    "Doctors distinguish three types. Secondary lactose intolerance occurs when the lining of "
    "the small intestine is damaged by another problem, such as coeliac disease. It is often "
    "temporary and improves once the underlying condition is treated. Congenital lactase "
    "deficiency, in which a baby is born unable to make the enzyme at all, is very rare; it is "
    "most often reported in Finland.\n"
)


def test_an_explanation_never_adds_a_sentence_that_opens_on_a_pronoun():
    """Round 119's wrong key: the congenital form's explanation went on "It is often temporary
    and improves …", which the article says of the secondary form."""
    from quizapp.generation.analyse import analyse
    from quizapp.generation.feedback import explain

    article = parse_article(LACTOSE.encode(), "lactose.txt")
    sentences = analyse(article).sentences
    info = next(s for s in sentences if article.text[s.start : s.end].startswith("Congenital"))
    congenital = article.text[info.start : info.end]
    assert congenital.startswith("Congenital")
    assert "temporary" not in explain(article, info, congenital)


SALT = (
    "Sea salt maker expands\n\n"
    "Polgwyn Sea Salt was founded by Anna Jewell, 41, in 2014. Today the company pumps seawater "
    "from Tremellick Cove at high tide, when the water is cleanest. Anna Jewell said the new "
    "evaporation house would treble output. The firm sells salt to 300 shops, and Tremellick "
    "Cove is a site of special scientific interest.\n"
)


def test_a_place_the_tagger_took_for_a_person_is_never_swapped_for_a_person():
    """Rounds 115-120: "pumps seawater from Anna Jewell", "the journey over Tomasz Nowak"."""
    from quizapp.generation.distractors import used_as_a_person

    article = parse_article(SALT.encode(), "salt.txt")
    assert used_as_a_person("Anna Jewell", article.text)
    assert not used_as_a_person("Tremellick Cove", article.text)
    for seed in range(4):
        items = generate(article, seed=seed).items
        assert not [i for i in items if "from Anna Jewell" in i.prompt]
