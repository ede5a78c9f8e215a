"""Realise, part two (with accepted.py): people's names — titles and roles before a name, the
family name and full name a learner may give, names the tagger read as bodies — and the words
that say a name is no person's (pure)."""

from __future__ import annotations

import functools
import re

from quizapp.generation.analyse import Analysis
from quizapp.generation.entities import STREET_WORDS, Entity
from quizapp.generation.select import zipf

TITLE_WORDS = (
    r"(?:President|Vice President|Prime Minister|Gov\.?|Governor|Sen\.?|Senator|Rep\.?|Dr\.?|"
    r"Prof\.?|Professor|Chief|Superintendent|Mayor|Judge|Justice|General|Gen\.?|Col\.?|Lt\.?|"
    r"Capt\.?|Sir|Dame|Lord|Lady|King|Queen|Pope|Councillor|Minister|Secretary|Mr\.?|Mrs\.?|"
    r"Ms\.?|Miss|Tsar|Tsarina|Emperor|Empress|Kaiser|Sultan|Shah|Archbishop|Bishop|Cardinal|"
    r"Prince|Princess|Duke|Duchess|Earl|Count|Countess|Baron|Baroness|"
    r"Rev\.?|Revd|Reverend|Canon|Rabbi|Imam|Cllr|Sergeant|Sgt|Inspector|Det)"
)
TITLES = re.compile(rf"^{TITLE_WORDS}\s+")


def without_titles(name: str) -> str:
    """A name without its leading article and titles ("the Rev Canon Judith Aske" → "Judith
    Aske"); the name unchanged when it has no title."""
    plain = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    bare = plain
    while TITLES.match(bare):
        bare = TITLES.sub("", bare, count=1)
    return bare if bare != plain else name


PLACE_SUFFIXES = {
    "island", "isle", "park", "court", "crown", "academy", "estuary", "zone", "central", "bay",
    "logistics", "chilled", "valley", "moor", "forest", "station", "hall", "school", "college",
    "hospital", "museum", "gallery", "stadium", "airport", "harbour", "port", "reservoir",
}  # fmt: skip


ROLE_WORD_ZIPF = 3.5  # "Producer" before a name is a role; "Maeve" is not a common word


ROLE_ENDINGS = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|ess|ee)$")


ROLE_WORDS = {"captain", "coach", "chef", "poet", "head", "chair", "skipper", "jockey", "pilot"}


def role_word(word: str) -> bool:
    """Whether a capitalised word before a name says what the person does ("Producer",
    "Cellist", "Coach"), never a place or an adjective ("London Stock Exchange", "Great Shell
    Count" name no one)."""
    lowered = word.lower()
    if zipf(lowered) < ROLE_WORD_ZIPF:
        return False
    return lowered in ROLE_WORDS or bool(ROLE_ENDINGS.search(lowered))


NAME_WORD_ZIPF = 5.2  # "James" 5.1 and "Mark" 5.05 are names; "Mean", "Time", "Act" are not


def everyday_words(words: str) -> bool:
    """Whether a capitalised phrase holds a word too common to be part of a person's name
    ("Greenwich Mean Time", "Sunshine Protection Act" are no producer's or cellist's name)."""
    return any(zipf(word.lower()) >= NAME_WORD_ZIPF for word in words.split())


PERSONAL_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}")


def personal_name(words: str) -> bool:
    """Whether capitalised words read as a person's name ("Ang Nyima", "Owen Castell"), not a
    phrase that holds an everyday word ("Fine Foods")."""
    return bool(PERSONAL_NAME.fullmatch(words)) and not everyday_words(words)


def after_a_title(text: str, entity: Entity, display: str) -> bool:
    """A name the article writes right after a person's title ("Dr Anjali Rowe", read as an
    organisation): a person's, when it has a personal name's shape."""
    before = re.search(r"(?<![\w.])[\w.]+ $", text[max(0, entity.start - 16) : entity.start])
    titled = before is not None and TITLES.fullmatch(before.group(0))
    return bool(titled) and bool(PERSONAL_NAME.fullmatch(display))


def name_read_as_organisation(analysis: Analysis, entity: Entity, display: str) -> bool:
    """A person's name the tagger read as an organisation ("Maeve Donnachie", "Donnachie"):
    first name and surname, or a surname, that the article also writes with the other part;
    never a body named after a place ("Circularity Scotland" is no Mr Scotland)."""
    if entity.label != "ORG":
        return False
    text = analysis.article.text
    words = display.split()
    places = {e.text for e in analysis.entities if e.label in ("GPE", "LOC", "NORP")}
    if words[-1] in places:
        return False
    if len(words) > 1 and any(
        e.text.startswith(words[-1] + " ") and e.label in ("ORG", "FAC", "GPE", "LOC")
        for e in analysis.entities
    ):
        return False  # "Healthwatch Ebbridge" beside "Ebbridge General Hospital": a town's
        # body, never a Mr Ebbridge (round 126: "Ebbridge" was accepted for it)
    if not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z'’-]+)?", display):
        return False
    if any(w.lower() in GENERIC_NAME_WORDS for w in words) or zipf(words[0].lower()) >= 4.0:
        return False  # "Natural England", "Saltby Coastal"
    surname = words[-1]
    full = [
        first
        for first in re.findall(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", text)
        if not TITLES.match(first + " ")
    ]  # "Dr Rowe" is Anjali Rowe again, not a second first name
    alone = len(re.findall(rf"\b{re.escape(surname)}\b", text)) > len(full)
    return alone and len(set(full)) == 1 and zipf(full[0].lower()) < 4.0


PATRONYMICS = {"ibn", "bin", "bint", "ben", "abu", "ap"}


NAME_PARTICLES = {"de", "van", "von", "da", "di", "le", "la", "del", "der", "du", "ten", "zur"}
ROMANCE_PARTICLES = {"de", "da", "di", "del", "du", "dos", "das", "zur", "von"}
# ("Wieser" for "Friedrich von Wieser"; a Dutch "van" stays: "Gogh" is no one)


def without_particle(words: list[str]) -> list[str]:
    """A Romance or German family name as it is used without its particle ("Spínola" for
    "António de Spínola", "Costa Gomes" for "Francisco da Costa Gomes")."""
    for at, word in enumerate(words[1:-1], 1):
        if word in ROMANCE_PARTICLES:
            return [" ".join(words[at + 1 :])]
    return []


def family_names(text: str, words: list[str]) -> list[str]:
    """The family name a learner may give alone: the one the article uses by itself ("Zhang"
    for "Zhang Qian"), with its particle ("de Groot"); else the last word, unless a short
    first word suggests a family name written first (Xi Jinping, Tsai Ing-wen)."""
    at = len(words) - 1
    while at > 1 and words[at - 1].lower() in NAME_PARTICLES:
        at -= 1  # "Henry De la Beche" → "De la Beche", never "la Beche"
    family = " ".join(words[at:])
    if family in STREET_WORDS:
        return []  # "Mill Lane" read as a person is no Mr Lane
    if any(w.lower() in PATRONYMICS for w in words):
        # "Ibn Jubayr", "Muhammad bin Tughluq": "Ibn" or "Muhammad" alone names no one
        return [family] if words[0].lower() not in PATRONYMICS and len(words) > 2 else []
    first_names = (words[0],) if len(words) == 2 else ()  # Xi Jinping, never "Muhammad bin …"
    for candidate in (family, *first_names):
        # alone, not inside another name ("John" of "John Desmond Bernal" or "Sir John Leman")
        alone = re.findall(
            rf"(?<![\w-])(?<![A-Z][a-z] ){re.escape(candidate)}(?![\w-])(?!\s+[A-Z])", text
        )
        if len(alone) > text.count(" ".join(words)):
            return [candidate]
    given_first = len(words[0]) > 3 or words[0] in SHORT_FIRST_NAMES
    return [family] if given_first and _surname_like(words[-1]) else []


# English first names as short as a family name written first ("Tom Storey", never "Xi")
SHORT_FIRST_NAMES = {
    "Tom", "Jon", "Ian", "Sam", "Ben", "Dan", "Tim", "Joe", "Amy", "Ann", "Eve", "Kay", "Liz",
    "Max", "Ray", "Roy", "Guy", "Ted", "Bob", "Jim", "Zoe", "Ada", "Eva", "Ava", "Mia", "Ivy",
    "Tess", "Ron", "Don", "Ken", "Len", "Pat", "Sue", "Meg", "Jan", "Rob", "Ed", "Al", "Jo",
}  # fmt: skip


def first_name_alone(analysis: Analysis, words: list[str]) -> list[str]:
    """The first name of a two-word name, when the article also calls the person by it alone
    ("Frances died …" after "married Frances Henderson") and gives no one else that name."""
    if (
        len(words) != 2
        or words[0].lower() in PATRONYMICS
        or zipf(words[0].lower()) >= EVERYDAY_WORD_ZIPF
    ):
        return []
    alone = rf"(?<![\w-]){re.escape(words[0])}(?![\w-])(?!\s+[A-Z])"
    used = re.search(alone, analysis.article.text)
    return [words[0]] if used and named_first(analysis, words[0]) == [" ".join(words)] else []


_PEERAGE = r"(?:Earl|Duke|Marquess|Marquis|Viscount|Baron|Count|Countess|Duchess)"


def peerage_names(text: str, word: str) -> list[str]:
    """A peer's other names the article gives for the title's place ("Carnarvon"): "Lord
    Carnarvon", "Earl of Carnarvon" and the person's own name set beside the title."""
    titled, at = None, text.find(f" of {word}")
    while at >= 0 and titled is None:  # a look at each " of Carnarvon", never the whole text
        # (a 20,000-word article has hundreds of one-word answers)
        window = text[max(0, at - 12) : at + len(word) + 5]
        titled = re.search(rf"\b({_PEERAGE}) of {re.escape(word)}\b", window)
        start = max(0, at - 12) + (titled.start() if titled else 0)
        at = text.find(f" of {word}", at + 1)
    if not titled:
        return []
    lord = "Lady" if titled.group(1) in ("Countess", "Duchess") else "Lord"
    out = [f"{lord} {word}", f"{titled.group(1)} of {word}"]
    person = re.search(
        r"([A-Z][a-z]+ [A-Z][a-z]+), (?:the )?(?:\w+ )?$", text[max(0, start - 60) : start]
    )
    return out + ([person.group(1)] if person else [])


def _surname_like(word: str) -> bool:
    """A last name a learner may give alone: not a numeral (IV) or half a hyphenated name."""
    return len(word) > 2 and not re.fullmatch(r"[IVXLC]+|[A-Z][a-z]+-[a-z]+", word)


# a company's trade word: "Marcher Inns" is no Mr Inns, "Mallinson Grey LLP" no Mr LLP
GENERIC_NAME_WORDS = {
    "space", "telescope", "observatory", "center", "centre", "institute", "university",
    "company", "corporation", "inc", "ltd", "group", "agency", "council", "district", "county",
    "lake", "river", "canal", "bridge", "station", "airport", "museum", "party", "foundation",
    "hospital", "hospitals", "trust", "nhs", "general", "research", "school",
    "college", "club", "united", "city", "league", "association", "building", "hall", "tower",
    "theatre", "stadium", "library", "gallery", "cathedral", "castle", "palace", "prison",
    "inns", "hotels", "homes", "holdings", "foods", "motors", "stores", "brewery", "taverns",
    "farms", "partners", "services", "systems", "buses", "travel", "media", "llp", "plc",
    "bank", "society", "board", "authority", "commission", "committee", "community",
    "marine", "engineering", "construction", "trains", "rail", "shipping", "builders",
}  # fmt: skip


PLACE_LEADS = {
    "saint",
    "saints",
    "st",
    "san",
    "santa",
    "fort",
    "mount",
    "mt",
    "lake",
    "cape",
    "port",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "great",
    "little",
}  # "Eastern Cape" is no one's full name for "Cape"


_RELATIVE = re.compile(
    r"\b(?:his|her|their)\s+(?:late\s+)?(?:son|daughter|father|mother|brother|sister|wife|"
    r"husband|widow|grandson|granddaughter|nephew|niece)\b",
    re.IGNORECASE,
)


def _beside_a_relative(analysis: Analysis, entity: Entity) -> bool:
    """Whether the paragraph naming someone speaks of a relative by the sentence after the
    name ("… opened by Arthur Pennock. His son Gareth took over"): "Mr Pennock" may then be
    either of them. (Round 86: "Laffer … joking that his mother taught him" three sentences
    on left Jude Wanniski's full name unaccepted.)"""
    article = analysis.article
    paragraph = article.paragraphs[article.paragraph_index(entity.start)]
    ends = [s.end for s in analysis.sentences if paragraph.start <= s.end <= paragraph.end]
    after = [end for end in ends if end > entity.start][:2]  # its sentence and the next
    end = after[-1] if after else paragraph.end
    return bool(_RELATIVE.search(article.text[paragraph.start : end]))


def named_first(analysis: Analysis, first: str) -> list[str]:
    """The one full name the article gives a first name ("Marc" → "Marc Brunel")."""
    names = {
        e.text for e in analysis.entities
        if e.label == "PERSON" and len(e.text.split()) in (2, 3) and e.text.split()[0] == first
        and all(w[:1].isupper() for w in e.text.split())
    }  # fmt: skip  # never "Victoria regia", a water lily, for Queen Victoria
    return list(names) if len(names) == 1 else []


QUOTE_MARKS = {'"', "“", "‘", "'"}


def full_names(analysis: Analysis, surname: str) -> list[str]:
    """The article's full names for a surname, when only one person goes by it."""
    names = {
        TITLES.sub("", _without_owner(e.text))
        for e in _by_last_word(analysis).get(surname, ())
        if (e.label == "PERSON" or PERSONAL_NAME.fullmatch(_without_owner(e.text)))
        and not _beside_a_relative(analysis, e)
        and analysis.article.text[e.start - 1 : e.start] not in QUOTE_MARKS
    }  # (never "Kill Claudio", Beatrice's line, for Claudio: round 101)
    names = {
        n
        for n in names
        if len(n.split()) > 1
        and zipf(n.split()[0].lower()) < EVERYDAY_WORD_ZIPF
        and n.split()[0].lower().rstrip(".") not in PLACE_LEADS
        and not n.split()[0].endswith("ing")
    }  # "Ms Halloran" is no fuller than "Halloran", "Saints Peter" (a cathedral) no one's name,
    # "Representing Tolley" (a sentence's opening) no one's first name
    if len(names) != 1:
        return []
    full = next(iter(names))
    if _another_first_name(analysis.article.text, full):
        return []  # "Ciaran Lumsden", whom the tagger missed, beside his cousin Jordan Lumsden
        # (round 121: "Jordan Lumsden" accepted for Ciaran, a wrong key)
    return [] if _another_by_rank(analysis.article.text, full) else [full]


@functools.lru_cache(maxsize=1024)
def _another_first_name(text: str, full: str) -> bool:
    """Whether the text writes the surname after another capitalised first name too."""
    first, surname = full.split()[0], full.split()[-1]
    before = re.findall(rf"\b([A-Z][a-z]+)\s+{re.escape(surname)}\b", text)
    return any(
        word != first
        and not TITLES.match(word + " ")
        and zipf(word.lower()) < EVERYDAY_WORD_ZIPF  # "When Lumsden …" names no one else
        and word.lower() not in PLACE_LEADS
        and not word.endswith(("ing", "ed"))  # "Representing Tolley, …"
        for word in before
    )


def _by_last_word(analysis: Analysis) -> dict[str, list[Entity]]:
    """The article's names of two or more words by their last word (once per analysis: a scan
    of every entity per answer cost 8 s on a 20,000-word article)."""
    return analysis.once("names_by_last_word", _names_by_last_word)


def _names_by_last_word(analysis: Analysis) -> dict[str, list[Entity]]:
    found: dict[str, list[Entity]] = {}
    for entity in analysis.entities:
        words = entity.text.split()
        if len(words) > 1:
            found.setdefault(words[-1], []).append(entity)
    return found


NOBLE_TITLES = r"Lord|Lady|Sir|Dame|Earl|Duke|Duchess|Baron|Baroness|Count|Countess|Prince|Princess"


@functools.lru_cache(maxsize=1024)
def _another_by_rank(text: str, full: str) -> bool:
    """Whether the article gives the surname alone a rank it never gives the full name: "Lord
    Stanley" beside "Sir William Stanley" is another man (round 99, a wrong accepted answer)."""
    first, surname = full.split()[0], full.split()[-1]
    alone = set(re.findall(rf"\b({NOBLE_TITLES}) {re.escape(surname)}\b", text))
    with_first = set(re.findall(rf"\b({NOBLE_TITLES}) {re.escape(first)}\b", text))
    return bool(alone - with_first)


def _without_owner(name: str) -> str:
    """A name without the side it plays for ("Brackwater's Sophie Akinola")."""
    return re.sub(r"^[A-Z][\w-]*(?: [A-Z][\w-]*)?['’]s (?=[A-Z])", "", name)


# "Old Kelbrook" (a beer) is no one's full name for "Kelbrook" (a town the parser took for a
# person): a first name is not an everyday word ("old" 5.7; "Mark" 5.05 stays a name)
EVERYDAY_WORD_ZIPF = 5.5


RARE_FIRST_NAME_ZIPF = 3.5  # "Thales", never "Bank" of "Bank of England"


def name_before_of(text: str, display: str, person: bool) -> list[str]:
    """The name before "of": "Thales of Miletus" → "Thales" (a person the article also calls
    so, or a rare word; never when a namesake shares it: "Isidore the Younger" beside "Isidore
    of Miletus"), "the Battle of Waterloo" → "Waterloo"."""
    battle = re.fullmatch(r"(?:the\s+)?(?:Battle|Siege) of ([A-Z][\w-]+)", display)
    if battle:
        return [battle.group(1)]
    of_place = re.fullmatch(r"([A-Z][a-z]+) of [A-Z][\w-]+", display)
    if not of_place:
        return []
    first = of_place.group(1)
    if re.search(rf"\b{first}\s+(?:the\s+)?[A-Z]", text):
        return []
    called_so = person and re.search(rf"\b{first}\b(?! of\b)", text)
    return [first] if called_so or zipf(first.lower()) < RARE_FIRST_NAME_ZIPF else []
