"""How items name people and bodies: the title person as the article last called her, and the
short names, initials and university forms a learner may type for an organisation."""

from quizapp.generation.accepted import accepted_answers
from quizapp.generation.analyse import analyse
from quizapp.generation.context import frame
from quizapp.generation.distractors import _build_pool, reads_as_person
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import build_article, parse_article
from quizapp.generation.select import answers
from tests.domain.gold import DATA

MAIDEN_NAME_BIOGRAPHY = (
    b"Elizabeth Garrett Anderson: the doctor who found the open door\n\n"
    b"Elizabeth Garrett was born in 1836 in Whitechapel. Elizabeth Garrett grew up in "
    b"Aldeburgh, where her father ran a malting business. She read widely as a girl. In 1860 "
    b"she enrolled as a surgical nurse at the Middlesex Hospital.\n\n"
    b"In 1871 she married James George Skelton Anderson, a partner in a shipping line. Their "
    b"daughter, Louisa Garrett Anderson, also became a doctor. As Garrett Anderson she kept "
    b"working. Garrett Anderson joined the British Medical Association in 1873. In 1902 she "
    b"retired to Aldeburgh."
)


def _readable(article):
    analysis = analyse(article)
    out = {}
    for info in analysis.sentences:
        view = frame(analysis, info)
        quote = article.text[info.start : info.end]
        out[quote.split(" she ")[0]] = view.problem or view.text(quote, view.cut, view.end)
    return out


def test_she_is_the_title_person_as_the_article_last_called_her():
    # held-out round 42: a biography of Elizabeth Garrett Anderson wrote "In 1860 Anderson
    # enrolled …", years before her marriage, and by her husband's surname (11 edits in 16)
    readable = _readable(parse_article(MAIDEN_NAME_BIOGRAPHY, "ega.txt"))
    assert readable["In 1860"].startswith("In 1860 Elizabeth Garrett enrolled as a surgical")
    assert readable["In 1902"] == "In 1902 Garrett Anderson retired to Aldeburgh."


def _accepted(text: bytes):
    analysis = analyse(parse_article(text, "bodies.txt"))

    def accepted(name: str) -> set[str]:
        entity = next(e for e in analysis.entities if e.text == name)
        return set(accepted_answers(analysis, name, entity))

    return accepted


def test_bodies_are_accepted_by_their_own_name_and_known_initials():
    # held-out rounds 40-41: raters asked for "Calderbridge", "North Carnvale", "Lloyds" and
    # "ABI"; "London" before "Stock Exchange" is no producer's role, so no "Exchange" alone
    accepted = _accepted(
        b"Notes\n\n"
        b"The count was run by researchers at the University of Calderbridge last summer. "
        b"Nine toilet blocks run by East Woldshire District Council will close. The reopening "
        b"is funded by a loan from Lloyds Bank. Corran has been listed on the London Stock "
        b"Exchange since 1997. The Association of British Insurers said claims had risen. "
        b"The Bank of England raised rates."
    )
    assert {"Calderbridge", "Calderbridge University"} <= accepted("University of Calderbridge")
    assert "East Woldshire" in accepted("East Woldshire District Council")
    assert "EWDC" not in accepted("East Woldshire District Council")
    assert "Lloyds" in accepted("Lloyds Bank")
    assert accepted("London Stock Exchange") == {"LSE"}
    assert accepted("Association of British Insurers") == {"ABI"}
    assert "England" not in accepted("Bank of England")  # a place of its own


def test_a_creek_is_a_place_and_a_hill_may_be_a_surname():
    # held-out round 42: "where the Little Conemaugh meets ____" offered three people
    analysis = analyse(
        parse_article(
            b"Johnstown\n\nJohnstown, built on the flood plain where the Little Conemaugh meets "
            b"Stony Creek, was under water by morning. Lucy Hill said the water rose fast.",
            "johnstown.txt",
        )
    )
    labels = {e.text: e.label for e in analysis.entities}
    assert labels["Stony Creek"] != "PERSON"
    assert labels["Lucy Hill"] == "PERSON"


def test_options_of_people_only_for_names_written_as_peoples():
    # held-out round 44: "The 11-mile crossing of ____" and "____ suspended its bus services"
    # offered people's names beside Morwen Sound and the bus firm Valley Rider
    text = (
        "The crossing of Morwen Sound takes 50 minutes by ferry. Drones will cross the Sound "
        "in 14 minutes. Valley Rider suspended its bus services until 11am. Councillor "
        "Patricia Hume welcomed the trial. Hume said it was overdue."
    )
    assert not reads_as_person("Morwen Sound", text)
    assert not reads_as_person("Valley Rider", text)
    assert reads_as_person("Patricia Hume", text)


def test_no_options_for_a_place_beyond_which_something_was_never_seen():
    # held-out round 45 (W): "had never previously been seen west of Denmark" offered as false
    # with Britain, which is as true: anything west of Britain is west of Denmark
    article = parse_article(
        b"Moth record\n\n"
        b"The moth was found at the observatory on Lundle Island in June. The species breeds in "
        b"pine and birch forests in Sweden, Finland and the Baltic states, and had never "
        b"previously been seen west of Denmark. Britain has recorded 2,500 species of moth. "
        b"Norway and Germany have reported it in gardens.",
        "moth.txt",
    )
    for seed in range(4):
        made = [
            d
            for d in generate(article, count=40, seed=seed).trace
            if d.stage == "realise" and "seen west of" in d.subject
        ]
        assert any(d.reason == "cloze" and "west of ____" in d.subject for d in made)
        assert not any(d.reason == "mcq" and "west of ____" in d.subject for d in made)
        assert not any(
            d.reason == "true_false" and "west of Denmark" not in d.subject for d in made
        )


def test_round_47_answers_options_and_places():
    # held-out round 47: "called gonioscopy" and "10C." as keys, "between 3 February" as an
    # option, "off ____" (Gannet Point) swapped for a person, no "200 metres" for "below 200"
    text = (
        "Specialists may examine the drainage angle with a special contact lens, a test called "
        "gonioscopy. "
        "Two kayakers became disorientated in the fog off Gannet Point on Tuesday evening. "
        "Visibility at the airport fell below 200 metres. Complaints rose between 3 February and "
        "17 March. The fault was found on 17 March."
    )
    analysis = analyse(build_article(text))
    found = {a.display for info in analysis.sentences for a in answers(text, info)}
    assert "called gonioscopy" not in found
    warm = (
        "Inland, temperatures reached 24C on Wednesday. On the seafront at Skerrymouth, the "
        "thermometer has barely crept above 10C."
    )
    temperatures = {
        a.display for info in analyse(build_article(warm)).sentences for a in answers(warm, info)
    }
    assert "10C" in temperatures and "10C." not in temperatures
    labels = {e.text: e.label for e in analysis.entities}
    assert labels.get("Gannet Point") != "PERSON"
    below = next(e for e in analysis.entities if e.text.startswith("below 200"))
    assert "200 metres" in accepted_answers(analysis, below.text, below)
    assert not any(o.lower().startswith("between") for o in _build_pool(analysis, "DATE:monthday"))


def test_people_and_firms_are_accepted_by_the_other_name_the_article_gives():
    # held-out rounds 42-45: "Rowe" for "Dr ____" (Anjali Rowe, read as a body), "William
    # Horsfield" for Horsfield (read as MISC), "Seaholt Foods" for Seaholt; no "Park" for the
    # bowls club Fenwick Park
    accepted = _accepted(
        b"Notes\n\n"
        b"Dr Anjali Rowe, a retired GP, founded the project. Dr Rowe said the figures were good. "
        b"The engineer William Horsfield noticed a crack in the dam. Horsfield sent for help. "
        b"Seaholt Foods will reopen the cannery. Seaholt said the works would employ 48 people. "
        b"Fenwick Park beat the holders in the semi-final."
    )
    assert "Rowe" in accepted("Anjali Rowe")
    assert "William Horsfield" in accepted("Horsfield")
    assert "Seaholt Foods" in accepted("Seaholt")
    assert "Park" not in accepted("Fenwick Park")
    # held-out round 54 (W): a town's one hospital is not another name for the town
    town = _accepted(
        b"Notes\n\nThe trust met at its offices on Quay Road in Asherby. Asherby General "
        b"Hospital, which employs around 1,100 staff, said it would help."
    )
    assert "Asherby General Hospital" not in town("Asherby")
    # held-out round 53-54: a wife the article later calls by her first name, a player read
    # as a place, a peer by his title, and the war's short forms
    people = _accepted(
        b"Notes\n\nIn 1802 Stephenson married Frances Henderson, a servant. Frances died in "
        b"1806. The third goal came from captain Hannah Pryce. Pryce setting up Ellie Marsh, "
        b"the Otters levelled. His patron, George Herbert, the fifth Earl of Carnarvon, paid. "
        b"Carnarvon did not live to see the mask. After the Second World War trawlers came."
    )
    assert "Frances" in people("Frances Henderson")
    path = DATA / "heldout54" / "sport_report_tarrenbury_otters_water_polo_cup_final_shootout.txt"
    assert "Hannah Pryce" in _accepted(path.read_bytes())("Pryce")
    assert {"Lord Carnarvon", "George Herbert"} <= people("Carnarvon")
    assert "WWII" in people("Second World War")


def test_the_title_person_is_never_a_piece_of_the_full_name():
    # held-out round 48: "In 1836 Kingdom Brunel married Mary Horsley" (the tagger had cut
    # "Isambard Kingdom Brunel" into "Isambard" and "Kingdom Brunel")
    path = DATA / "heldout48" / "biography_isambard_kingdom_brunel.txt"
    article = parse_article(path.read_bytes(), path.name)
    analysis = analyse(article)
    written = []
    for info in analysis.sentences:
        view = frame(analysis, info)
        quote = article.text[info.start : info.end]
        if not view.problem:
            written.append(view.replacement + view.text(quote, view.cut + view.replaced, view.end))
    married = [w for w in written if "married Mary Horsley" in w]
    assert married and not any("Kingdom Brunel" in w for w in married)
    assert not any(w.startswith(("In 1855 Kingdom", "In 1836 Kingdom")) for w in written)


def test_an_actor_before_the_part_is_never_swapped():
    # held-out round 48 (W): "Jess Rowell's Danny is gentler …" offered as false, but Jess's
    # sweetheart in the show is Danny
    path = DATA / "heldout48" / "page_arts_review_cinder_and_salt_musical_halstow_playhouse.html"
    article = parse_article(path.read_bytes(), path.name)
    for seed in range(3):
        made = [
            d for d in generate(article, seed=seed).trace
            if d.stage == "realise" and "Danny is gentler" in d.subject
        ]  # fmt: skip
        assert not any(d.reason in ("mcq", "true_false") for d in made)


def test_first_names_and_community_hospitals_are_accepted_in_full_and_short():
    accepted = _accepted(
        b"Notes\n\n"
        b"Marc Brunel was an inventor of real talent. The project used Marc's tunnelling shield. "
        b"The Rowan Birth Centre at Kilmarden Community Hospital will close for three months."
    )
    assert "Marc Brunel" in accepted("Marc")
    assert "Kilmarden" in accepted("Kilmarden Community Hospital")
