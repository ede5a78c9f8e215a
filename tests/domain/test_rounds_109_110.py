"""Rounds 109-110: a sentence whose fact is a rare term, with no name or number, may be asked
as a true statement (held-out rounds 93-108: blanked key terms were used as they were 30% of
the time, true statements without a name or number 58%)."""

from __future__ import annotations

from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from quizapp.generation.subject_line import page_subject

PALSY = """Bell's Palsy

Bell's palsy is a sudden weakness of the muscles on one side of the face, caused by a problem \
with the facial nerve. Most people recover fully within six months.

When the damaged nerve regrows, some fibres can reconnect to the wrong muscles, a process \
called synkinesis. A blink may then pull up the corner of the mouth.

Specialist physiotherapy can help retrain the muscles, and injections of botulinum toxin can \
calm unwanted movements.
"""

REGROWS = (
    "When the damaged nerve regrows, some fibres can reconnect to the wrong muscles, a process "
    "called synkinesis."
)
PHYSIOTHERAPY = (
    "Specialist physiotherapy can help retrain the muscles, and injections of botulinum toxin "
    "can calm unwanted movements."
)


def _result():
    return generate(parse_article(PALSY.encode(), "bells_palsy.txt"))


def test_a_term_sentence_without_names_is_offered_as_a_true_statement():
    ranked = {d.subject for d in _result().trace if d.stage == "rank"}
    assert REGROWS in ranked
    assert PHYSIOTHERAPY in ranked


def test_the_statement_can_take_a_loose_terms_place_and_a_defined_term_keeps_its_blank():
    items = _result().items
    by_sentence = {
        "physiotherapy": [i for i in items if "physiotherapy" in i.prompt],
        "synkinesis": [i for i in items if "nerve regrows" in i.prompt],
    }
    assert [(i.type, i.answer) for i in by_sentence["physiotherapy"]] == [("true_false", "True")]
    assert by_sentence["physiotherapy"][0].prompt.endswith(PHYSIOTHERAPY)
    assert [(i.type, i.answer) for i in by_sentence["synkinesis"]] == [("cloze", "synkinesis")]


def test_a_sentence_of_everyday_words_still_gives_no_statement():
    text = (
        "Quiet Evenings\n\nThe room was quiet and the lights were low. Nobody wanted to talk "
        "about the weather any more.\n"
    )
    result = generate(parse_article(text.encode(), "quiet.txt"))
    assert not [i for i in result.items if i.type == "true_false"]


CORN_LAWS = """The Corn Laws

As Britain's population grew in the early nineteenth century, farmers had to produce more \
food for the growing towns of Lancashire. In 1815 Parliament passed a law that kept foreign \
grain out until the home price reached 80 shillings a quarter. Scotland, with its own poorer \
harvests, suffered the high prices longest.
"""


def test_the_readers_own_country_and_parliament_are_never_blanked():
    """Held-out rounds 47-108: 29 of 46 such blanks were rejected as guessable."""
    result = generate(parse_article(CORN_LAWS.encode(), "corn_laws.txt"))
    dropped = {(d.subject, d.reason) for d in result.trace if d.stage == "select"}
    assert ("Britain", "home_country") in dropped
    assert ("Parliament", "home_country") in dropped
    assert not [i for i in result.items if i.answer in ("Britain", "Parliament")]
    assert ("Scotland", "home_country") not in dropped
    assert result.items


BAIRD = """John Logie Baird

John Logie Baird was not the only person trying to send moving pictures through the air in \
the 1920s, but he was the first to show the world that it could be done. The Scottish engineer \
gave the first public demonstration of true television in January 1926 in a room in Soho.
"""


def test_a_time_of_which_something_was_not_the_only_case_is_not_blanked():
    """Round 109's wrong key: "not the only person trying … in ____" is true of the 1930s too."""
    result = generate(parse_article(BAIRD.encode(), "baird.txt"))
    dropped = {(d.subject, d.reason) for d in result.trace if d.stage == "select"}
    assert ("the 1920s", "many_answers") in dropped
    assert not [i for i in result.items if "1920s" in i.answer]
    assert [i for i in result.items if i.answer == "January 1926"]


def _page(title: str, body: str):
    return parse_article(f"{title}\n\n{body}\n".encode(), "page.txt")


FENWRIGHT = (
    "Fenwright & Sons, which employs 23 people at its works on Tenter Street, has signed a "
    "three-year contract with the heritage trust. Harriet Fenwright, who runs the firm, said the "
    "order had come at the right moment. Leonard Skaife joined Fenwright as a 16-year-old. The "
    "company will take on two apprentices. Ms Fenwright said costs were still rising."
)


def test_a_family_firm_named_by_one_word_in_the_headline_is_the_pages_subject_in_full():
    """Round 108-109: 'the company' and 'the firm' went unnamed on business pages whose
    headline names the firm by a word its owners share ("Fenwright lands …")."""
    article = _page("Pear-wood blocks back in use as Fenwright lands £2.3m contract", FENWRIGHT)
    assert page_subject(article) == "Fenwright & Sons"


def test_a_headline_firm_is_named_as_the_headline_writes_it_and_a_place_never():
    body = (
        "Hebblethwaite & Sons was founded in 1889. Hebblethwaite Ironware will reopen the foundry "
        "in Ripplemoor, said Katharine Hebblethwaite. The company has hired 12 people, and the "
        "firm expects to pour its first pans in March. Ripplemoor residents welcomed the news, "
        "and the town of Ripplemoor will host an open day. Hebblethwaite exports a third of its "
        "pans."
    )
    article = _page("Hebblethwaite Ironware to cast pans in Ripplemoor again", body)
    assert page_subject(article) == "Hebblethwaite Ironware"
    town = _page(
        "Pickersby stalls go cash-only",
        "Traders in Pickersby said the company had switched off the network. The firm blamed "
        "costs. Pickersby market has 40 stalls, and shoppers in Pickersby were angry.",
    )
    assert page_subject(town) == ""


GOLDCREST = """Holidaymakers Offered Vouchers After Tours Cancelled

Hundreds of holidaymakers have been told they can have credit notes but not their money back.

Goldcrest Coach Holidays, which has traded from an office on Quarry Lane in Thessington since \
1994 and employs eleven people, wrote to customers on 3 March to say that 41 tours would not go \
ahead. About 1,140 customers are affected, and they paid a total of roughly \
£610,000.
"""


def test_a_long_sentence_leaves_out_a_which_clause_that_does_not_hold_the_blank():
    """Round 111: a 756-word news page gave no items at all, its facts in sentences over the
    30-word limit with a "which" clause on the firm's name."""
    items = generate(parse_article(GOLDCREST.encode(), "goldcrest.txt")).items
    asked = [i for i in items if i.answer in ("3 March", "41")]
    assert asked
    for item in asked:
        assert "Goldcrest Coach Holidays wrote to customers on" in item.prompt
        assert "Quarry Lane" not in item.prompt
        assert len(item.prompt.split()) <= 30


def _asides(sentence: str, keep: str) -> list[str]:
    from quizapp.generation.analyse import analyse
    from quizapp.generation.wording import comma_asides

    analysis = analyse(parse_article(f"Title\n\n{sentence}\n".encode(), "a.txt"))
    info = next(s for s in analysis.sentences if keep in analysis.article.text[s.start : s.end])
    quote = analysis.article.text[info.start : info.end]
    at = quote.index(keep)
    spans = comma_asides(info, quote, (0, len(quote)), (at, at + len(keep)))
    return [quote[a:b] for a, b in spans]


def test_a_which_clause_is_kept_where_the_sentence_still_needs_it():
    assert (
        _asides(
            "The summit holds several craters, including the Voragine, which formed in 1945, the "
            "North-East Crater and the Bocca Nuova, along with a vent that opened in 2011.",
            "2011",
        )
        == []
    )  # a list member's clause: leaving it out runs two names together
    assert (
        _asides(
            "In 1843 the chemist Alfred Bird, who had invented an egg-free custard for his wife, "
            "produced one of the first baking powders; she could not eat yeast.",
            "1843",
        )
        == []
    )  # "she" is the wife inside the clause
    assert (
        _asides(
            "The council points to coverage data from Ofcom, which suggests good signal across the "
            "town centre, helped by an upgrade to the mast on the fire station in 2023.",
            "2023",
        )
        == []
    )  # "helped by …" belongs to the clause
    assert _asides(
        "The borehole at Lettcombe Down, which has been read since 1969, recorded a level of "
        "94.3 metres on Monday, 40 centimetres above the previous record.",
        "40 centimetres",
    ) == [", which has been read since 1969,"]


CARDLE = """Carpet weaver Cardle & Finch lands £6.8m cruise ship order

Cardle & Finch has won a £6.8 million order to weave carpets for two cruise ships. Eight of the \
new jobs will be apprenticeships run with Haltonbridge College, which is writing a textile \
course. Helen Cardle, the managing director, said the firm had waited years for such an order. \
The announcement comes six months after the closure of the Wenning & Hart paper converting \
plant on the other side of Haltonbridge, where 140 people lost their jobs. The company will \
reopen its No. 3 weaving shed, which was closed in 2019.
"""


def test_a_town_named_alone_never_accepts_its_colleges_name():
    """Round 112's wrong key: "Haltonbridge College" accepted for the town of Haltonbridge."""
    from quizapp.generation.accepted import used_as_a_place

    text = CARDLE
    assert used_as_a_place(text, "Haltonbridge")
    assert not used_as_a_place("Apprentices train at Haltonbridge College.", "Haltonbridge")
    items = generate(parse_article(text.encode(), "cardle.txt")).items
    town = [i for i in items if i.answer == "Haltonbridge"]
    assert town
    assert all("Haltonbridge College" not in i.accepted for i in town)


def test_a_firm_of_two_partners_named_twice_is_the_pages_subject():
    """Round 112: a business page calling its firm "the firm" and "the company" throughout had
    no subject line, its name "Cardle & Finch" said only twice."""
    title, body = CARDLE.split("\n\n", 1)
    assert page_subject(_page(title, body.replace("\\\n", ""))) == "Cardle & Finch"
