"""Realise, last touch on the chosen bank: the article's subject as a context line before a
prompt that does not name it ("Great crested grebe: The toes are not webbed but lobed …"), for
articles about one named thing (pure)."""

from __future__ import annotations

import re
from dataclasses import replace

from quizapp.domain.items import QuizItem
from quizapp.generation.segment import Article
from quizapp.generation.select import zipf

MAX_SUBJECT_WORDS = 4
EVERYDAY_NAME_ZIPF = 5.1  # "George" 5.0 names the person; "South" 5.3 and "New" 6.2 name a place


def article_subject(article: Article, page: bool = False) -> str:
    """The one thing the article is about, as its body writes it ("Great crested grebe",
    "Edward Elgar", "Zip fastener"), or "" for a headline or a question: the title's name
    when the body opens on it, or names it in its first paragraph or often. A news page's
    must be a name ("Under Milk Wood"), never a headline's hook ("Flying cars: …")."""
    for head, subtitled in _title_heads(article.title):
        if _event_of_a_named_thing(article, head):
            return head  # "Whaleship Essex" of "The Wreck of the Whaleship Essex, 1820", whose
            # body calls her "the Essex" (round 125: 9 of 20 items wanted her named)
        if page and not all(w[:1].isupper() or w in FUNCTION_WORDS for w in head.split()):
            continue
        if (
            page
            and " " not in head
            and re.search(rf"\b[A-Z][a-z]+ {re.escape(head)}\b", article.text)
        ):
            continue  # "Marchbank, 17, …": a person, whose name before a prompt reads as a
            # speaker's (round 107: 11 prompts opened "Marchbank:")
        found = _named_in_body(article, head, subtitled)
        if found:
            return found[:1].upper() + found[1:]
    return ""


# "How a Zip Fastener Works", "How Pearls Form", "Under the Sea: How the Channel Tunnel Was
# Built": the thing a how-title explains
_HOW_TITLE = re.compile(
    r"^How (?:an? |the )?(.+?) (?:Works?|Makes?|Forms?|Finds?|Keeps?|Flies|Floats|Was Built|"
    r"Were Built|Is Made|Are Made|Changed|Came)\b",
    re.IGNORECASE,
)
# "The Discovery of the Sutton Hoo Ship Burial", "The Wreck of the Royal Charter": the thing
# a history title tells the story of (round 105: 16 of 20 items on Sutton Hoo never named it)
_EVENT_TITLE = re.compile(
    r"^(?:The\s+)?(?:First\s+)?(?:Discovery|Wreck|Siege|Sinking|Building|Making|Founding|"
    r"Invention|Launch|Story|Ascent|Loss|Burning|Opening|Closure|Rescue)\s+of\s+"
    r"(?:the\s+)?(.+)$"
)
MIN_BODY_MENTIONS = 3


def _event_of_a_named_thing(article: Article, head: str) -> bool:
    """Whether an event title's head is a kind and a name ("Whaleship Essex") that the body
    never writes together but calls "the <name>" again and again."""
    words = head.split()
    if len(words) != 2 or not _EVENT_TITLE.match(re.sub(r"[,:].*$", "", article.title.strip())):
        return False
    body = article.text[article.paragraphs[0].start :] if article.paragraphs else article.text
    if head in body or not words[1][:1].isupper():
        return False
    called = re.findall(rf"\b[Tt]he {re.escape(words[1])}\b(?![\w'’-]| [A-Z])", body)
    return len(called) >= MIN_BODY_MENTIONS


FUNCTION_WORDS = {
    "on", "off", "up", "down", "in", "out", "away", "back", "over", "it", "is", "are", "was",
    "at", "to", "for", "by", "with", "and", "or", "the", "a", "of",
}  # fmt: skip  # a title's name the body keeps coming back to is its subject


def _title_heads(title: str) -> list[tuple[str, bool]]:
    """The names a title may give its subject by, with whether the title has more after it."""
    named, *subtitle = re.split(r"[:,]\s", title, maxsplit=1)
    parts = [named, *subtitle]
    heads = [(named, bool(subtitle))]
    heads += [(m.group(1), True) for part in parts if (m := _HOW_TITLE.match(part.strip()))]
    heads += [(m.group(1), True) for part in parts if (m := _EVENT_TITLE.match(part.strip()))]
    out = []
    for head, subtitled in heads:
        head = re.sub(r"^(?:the|a|an)\s+", "", head.strip(), flags=re.I)
        last = head.split()[-1] if head else ""
        if last in FUNCTION_WORDS:
            continue  # "Skates on: Wrendle Fen Championships return": a cry, not a subject
        if head and len(head.split()) <= MAX_SUBJECT_WORDS and head[:1].isupper():
            out.append((head, subtitled))
    return out


def _named_in_body(article: Article, head: str, subtitled: bool) -> str:
    """The head as the body writes it, when the body opens on it, names it in its first
    paragraph after a title with more to say, or names it again and again; else ""."""
    body = article.text[article.paragraphs[0].start :] if article.paragraphs else article.text
    first = re.match(rf"(?:the\s+|a\s+|an\s+)?({re.escape(head)})\b", body, re.IGNORECASE)
    if first is None and subtitled and article.paragraphs:
        # "Beatrix Potter: The Naturalist Behind Peter Rabbit" names its subject before the
        # colon; the first paragraph names it again, as the entry's subject and not a passing
        # word of a headline
        opening = article.text[article.paragraphs[0].start : article.paragraphs[0].end]
        first = re.search(rf"(?<![\w-])({re.escape(head)})(?![\w-])", opening, re.IGNORECASE)
    if first is not None:
        return first.group(1)
    singular = re.sub(r"s$", "", head)  # "Zero-Hours Contracts" as "the zero-hours contract"
    mentions = re.findall(rf"(?<![\w-])({re.escape(singular)}s?)(?![\w-])", body, re.IGNORECASE)
    return mentions[0] if len(mentions) >= MIN_BODY_MENTIONS else ""


MIN_PAGE_SUBJECT_MENTIONS = 2  # "the creamery" twice after "Haskett Fold Creamery"
PLACE_OF_NEWS = (
    r"(?:station|boatyard|creamery|foundry|school|academy|hospital|hospice|clinic|unit|surgery|"
    r"centre|library|museum|theatre|mill|quarry|factory|farm|reservoir|bridge|park|estate|shop|"
    r"store|pool|café|cafe|cinema|church|ward|ferry|line|almshouses|memorial|hall|market)"
)
NOT_A_SUBJECT = {
    "road", "street", "lane", "place", "parade", "way", "avenue", "square", "row", "terrace",
    "crescent", "close", "drive", "mews",
}  # fmt: skip  # a street, never the subject ("Harbour Row:" before a sail loft's items, round 130)


def page_subject(article: Article) -> str:
    """The body or place a news report is about: a name of two to four words its headline
    gives ("Haskett Fold Creamery", "Gallowbeck Academy") that the report goes on to call
    "the creamery", "the academy", or "" when none is."""
    best, most = "", 0
    # the headline's first clause: "Free Wi-Fi switched off, and Pickersby market stalls go
    # cash-only" is not news of the market (round 95)
    headline = re.split(r",\s(?:and|but)\s", article.title)[0]
    names = [m.group(0) for m in re.finditer(r"(?:[A-Z][\w'’&-]*\s+){1,3}[A-Z][a-z]+", headline)]
    names += [  # "Kirkhaven station", "Lanthorne dialysis unit"
        m.group(0)
        for m in re.finditer(rf"[A-Z][\w-]+(?:['’]s)?\s+(?:[a-z]+\s+)?{PLACE_OF_NEWS}\b", headline)
    ]
    for found in names:
        name = re.sub(r"^The\s+", "", found.strip())
        head = name.split()[-1].lower()
        if len(name.split()) < 2 or _a_street(name):
            continue
        first = re.escape(name.split()[0])
        if not re.search(rf"\b[a-z]+[,;]? {first}(?![\w-])", article.text):
            continue  # "Slate quarry to reopen …": a headline's capital, not a name
        mentions = _told_of(article.text, re.escape(head))
        if mentions > most:
            best, most = name, mentions
    return best if most >= MIN_PAGE_SUBJECT_MENTIONS else _named_business(article, names)


BUSINESS_WORDS = r"(?:company|firm|business|charity|trust|club|group|society|co-operative)"
MIN_NAME_MENTIONS = 3


def _named_business(article: Article, names: list[str]) -> str:
    """The one body the headline names that the report keeps naming and calls "the company"
    or "the firm" ("Norland Shellfish" of "85 jobs at risk as Norland Shellfish loses
    Fairbrother's crab contract"), or ""."""
    if _told_of(article.text, BUSINESS_WORDS) < 2:
        return ""
    named = {
        name: len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w'’-])", article.text))
        for name in (re.sub(r"^The\s+", "", n.strip()) for n in names)
        if len(name.split()) >= 2 and not re.search(r"['’]s?$", name)
    }
    often = [name for name, count in named.items() if count >= MIN_NAME_MENTIONS]
    if not often:
        often = _body_names_of_firm(article)  # "Fenwright lands …", "Crane & Elstob reopens …"
    return often[0] if len(often) == 1 else ""


# a firm's name as the body first gives it: the headline's word and the capitalised words or
# "&" that follow ("Fenwright" → "Fenwright & Sons", "Crane" → "Crane & Elstob")
_FIRM_TAIL = r"(?:\s+(?:&\s+)?[A-Z][\w'’-]+)+"


def _body_names_of_firm(article: Article) -> list[str]:
    """The firm names a headline gives by a word the body keeps using ("Fenwright lands £2.3m
    heritage contract" of a report on Fenwright & Sons), in full: as the headline writes them
    when the body does too ("Hebblethwaite Ironware"), else as the body first does; never a
    bare family name (the firm's "Ms Fenwright" speaks in its report) nor a place."""
    body, title = article.text, article.title
    words = re.findall(r"(?<=\s)[A-Z][a-z][\w'’-]+", " " + title)
    found = []
    for word in dict.fromkeys(words):
        mentions = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body))
        partners = re.search(rf"{re.escape(word)} & [A-Z]", body)  # "Cardle & Finch"
        if mentions < (2 if partners else MIN_NAME_MENTIONS):
            continue
        if not re.search(rf"\b[a-z]+[,;]? {re.escape(word)}(?![\w-])|{re.escape(word)} &", body):
            continue  # "Councillors order …": a sentence's capital, not a name
        if re.search(rf"\b(?:in|near|outside|around|across|of) {re.escape(word)}\b", body):
            continue  # a place ("pans cast in Ripplemoor")
        pattern = rf"(?<![\w-]){re.escape(word)}{_FIRM_TAIL}"
        headline = re.search(pattern, title)
        if headline is not None and _a_street(headline.group()):
            continue  # "Harbour Row sail loft to make …": the street, not the loft (round 130)
        if headline is not None and headline.group() in body:
            found.append((headline.group(), True))
            continue
        full = re.search(pattern, body)
        name = re.sub(r"['’]s?$", "", full.group()) if full is not None else ""
        kind = re.search(rf"\s({PLACE_OF_NEWS})$", name, re.IGNORECASE)
        institution = kind is not None and _told_of(body, kind.group(1)) < _told_of(
            body, r"(?:company|firm|business)"
        )  # a firm's report that names its customer ("the firm" 4 times, "the hospital" once)
        if (
            " " in name
            and not name.endswith(" Council")
            and not institution
            and not _a_street(name)
        ):
            found.append((name, False))  # never "Kittiwick Borough Council's", nor "Crossbeck
            # General Hospital" in a report on the Crossbeck clog maker (round 128)
    in_headline = [name for name, headlined in found if headlined]
    return list(dict.fromkeys(in_headline or [name for name, _ in found]))


def _a_street(name: str) -> bool:
    """Whether a name's last word makes it a street ("Harbour Row", "Mill Lane")."""
    return name.split()[-1].lower() in NOT_A_SUBJECT


def _told_of(text: str, kind: str) -> int:
    """How often the text says "the <kind>" (a word or a pattern of words)."""
    return len(re.findall(rf"\bthe {kind}\b", text, re.IGNORECASE))


def with_subject_line(item: QuizItem, subject: str) -> QuizItem:
    """The item with the subject before its prompt, unless the prompt already names it."""
    if not subject:
        return item
    words = subject.split()
    head = words[-1].lower()
    stem = head[: max(4, len(head) - 2)]  # "grebes", "Elgar's", "cataract"
    if stem in item.answer.lower():
        return item  # the line would give the answer away ("Okapia")
    rarest = min((w for w in words if len(w) > 2), key=lambda w: zipf(w.lower()), default=head)
    stem = rarest[: max(4, len(rarest) - 2)]
    if (stem in item.prompt) if stem[:1].isupper() else (stem in item.prompt.lower()):
        return item  # named already ("grebes", "Elgar's"); "the canyon" names no Grand Canyon,
        # nor "the creamery" a creamery (round 93: four items on "the canyon" wanted its name)
    answer_words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", item.answer)}
    if answer_words & {w.lower() for w in words}:
        return item  # "Gallowbeck Academy:" before "____ Academy" (Gallowbeck)
    pairs = [" ".join(words[i : i + 2]).lower() for i in range(len(words) - 1)]
    if any(pair in item.prompt.lower() for pair in pairs):
        return item  # "The South Sea Company" names the South Sea Bubble's company
    first = words[0] if len(words) > 1 and words[0][:1].isupper() else ""
    first = first if zipf(first.lower()) < EVERYDAY_NAME_ZIPF else ""  # "George", never "South"
    if first and re.search(rf"\b{re.escape(first)}\b", item.prompt):
        return item  # "George's portrait" names George Stephenson ("the lake" stays unnamed)
    return replace(item, prompt=f"{subject}: {item.prompt}")
