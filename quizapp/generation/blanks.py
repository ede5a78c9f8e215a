"""Select, part four: whether a span of a framed sentence is worth a blank (not the topic, not
given away by the rest of the sentence, not a cut name, not trivia such as a weekday or a
quoted passer-by's name); blank_problem() names the reason when it is not.
"""

from __future__ import annotations

import re

from quizapp.generation.analyse import SentenceInfo
from quizapp.generation.context import Frame
from quizapp.generation.entities import demonyms
from quizapp.generation.giveaways import (
    compound_given_away,
    named_elsewhere,
    sum_of_others,
    worked_out,
)
from quizapp.generation.references import CLASS_NOUNS
from quizapp.generation.select import zipf


def norm_answer(answer: str) -> str:
    """An answer lower-cased with spaces squeezed, for comparing with fixed lists."""
    return " ".join(answer.lower().split())


# a bare number before these is a sample size or a list's length, not a fact worth asking
COUNT_NOUNS = {
    "people", "adults", "women", "men", "girls", "boys", "children", "participants", "patients",
    "studies", "tips", "ways", "things", "reasons", "steps", "subjects", "volunteers", "mice",
    "staff", "employees", "officers", "guards", "supporters", "members", "workers", "residents",
}  # fmt: skip

MONTH_PATTERN = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
GENERIC_NAMES = {"earth", "the earth", "the world", "the planet", "the sun", "the moon", "internet"}
_NOT_THE_ONLY = re.compile(r"(?:\bnot|\bnever|n't) (?:the|a|an) (?:only|first|last|sole)\b", re.I)
# Held-out rounds 47-108: of 46 blanks on England, Britain or Parliament ("Roughly a quarter of
# adults in ____ are obese", "Before the end of 1819 ____ passed the Six Acts") 29 were rejected
# and 9 used as they were: the reader's own country and legislature, guessed or filled by
# "the UK", "the government" (Scotland and Wales, named to set them apart, fared well)
# a country or nation and the word for its people, which beside a blank gives it away
PEOPLE_OF = {
    "Wales": "Welsh", "England": "English", "Scotland": "Scottish|Scots", "Ireland": "Irish",
    "France": "French", "Spain": "Spanish", "Portugal": "Portuguese", "Germany": "German",
    "Italy": "Italian", "the Netherlands": "Dutch", "Holland": "Dutch", "Norway": "Norwegian",
    "Sweden": "Swedish", "Denmark": "Danish", "Iceland": "Icelandic", "Greece": "Greek",
    "Russia": "Russian", "China": "Chinese", "Japan": "Japanese", "India": "Indian",
    "Cornwall": "Cornish", "Brittany": "Breton", "Flanders": "Flemish",
}  # fmt: skip
# a blank that ends a name of linked capitalised words ("the Preservation of Life from ____")
_INSIDE_A_NAME = re.compile(r"\b[A-Z][a-z]+ (?:of|for) (?:the )?[A-Z][a-z]+ (?:of|for|from|and) $")
HOME_NAMES = {
    "england", "britain", "great britain", "the uk", "uk", "the united kingdom",
    "united kingdom", "parliament", "the nhs", "nhs",
}  # fmt: skip  # (and the NHS: rounds 1-112, 6 of 7 such blanks rejected)
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
    r"(?:reported|published) by|speaking to|in an interview with|writing in)\s*$",
    re.IGNORECASE,
)
_QUOTED_AFTER = re.compile(r",\s+[^,]{3,90},\s+(?:said|says|told|added|explained|warned)\b")
_VOX_POP_PLACE = re.compile(r"\b\d{1,3},\s+(?:a|an)\s+[^,]{0,60}\bfrom\s+$")
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_EMPLOYER_BEFORE = re.compile(
    r"\b(?:(?:analyst|economist|strategist|researcher|professor|lecturer|director|partner|"
    r"consultant|adviser|advisor|spokesperson|spokesman|spokeswoman|fellow)\s+(?:at|with|for)|"
    r"advised(?: on)? by(?: [\w-]+){0,3})\s+$",
    re.IGNORECASE,
)
# "Dr James Liang, a consultant at ____, said …", "Ellison, who joined in ____, said …": a
# detail of who is speaking, not what the story reports (held-out rounds 16-18)
# "Rob Kinnaird, ____'s director of environment, said", "Paula Grieve, of Unison's ____
# branch, said": the speaker's employer or branch, not what was said
_NAME_IN_COMMAS = re.compile(r",\s+(?:Dr |Cllr |Prof )?[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+,")
# the words a date may end on ("two years ago", "the late 1990s", "last June")
_DATE_WORD = re.compile(
    r"ago|century|centuries|decades?|years?|months?|weeks?|days?|hours?|morning|afternoon|"
    r"evening|night|era|period|age|times|onwards|later|earlier|before|after|since|old|"
    r"[a-z]+day|season|term|summer|autumn|winter|spring|half|quarter|end|start|beginning"
)
_SPEAKER_ASIDE_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,\s+(?:(?:who|a|an|the|of|\d{1,3},)\s[^,]*)?$")
_SPEAKER_ASIDE_AFTER = re.compile(
    r"^[^,]*,\s+(?:said|says|told|added|warned|explained|admitted|insisted|argued|believes|"
    r"thinks|accepts|agreed)\b"
)
# "____'s operations director, Stephen Haig, said", "____ parish council chair Glenys Arkwright
# said": whose officer is speaking, not what the story reports (held-out round 33)
_SPEAKERS_BODY_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,3}[a-z-]+,?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+,?\s+"
    r"(?:said|says|told|added|warned|explained)\b"
)
LATIN_ZIPF = 2.1  # "pneumophila" 1.45, "edulis" 2.0: words English text hardly uses
_LATIN_ENDING = re.compile(r"(?:a|us|is|um|ae|ii|es|ens|ensis|oides|ila|ata)$")


def _latin(word: str) -> bool:
    return zipf(word.lower()) < LATIN_ZIPF and _LATIN_ENDING.search(word.lower()) is not None


_RANGE_AFTER = re.compile(r"\s*(?:to|-|–)\s*[£$€]?\d")
_RANGE_BEFORE = re.compile(
    r"\d[\d,.]*\s*(?:to|-|–)\s*[£$€]?$|\bbetween\s+[£$€]?\d[\d,.]*\s+and\s+$"
)


_PHONE = re.compile(r"(?:\+44\s?|0)\d{2,4}(?:\s?\d{3,4}){1,3}")
_PHONE_BEFORE = re.compile(
    r"\b(?:call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|helpline|line|team)\b[^.]{0,30}"
    r"(?:\bon\s+|\bcalling\s+)[\d ]*$",
    re.IGNORECASE,
)
COURT_PARTICIPLES = "Defending|Prosecuting|Representing|Mitigating|Sentencing|Speaking|Opening"


def _half_a_binomial(answer: str, before: str, after: str) -> bool:
    """One word of a two-word scientific name ("Legionella pneumophila", "Ostrea edulis")."""
    if not re.fullmatch(r"[A-Za-z]+", answer):
        return False
    species = re.match(r"\s+([a-z]{4,})\b", after)
    if answer[:1].isupper() and species and _latin(species.group(1)):
        return True
    genus = re.search(r"\b([A-Z][a-z]{3,})\s+$", before)
    return answer.islower() and genus is not None and _latin(answer)


# "58 per cent … and Tollbridge shareholders the remaining ____": one subtraction away
_REMAINDER = re.compile(r"\b(?:remaining|the rest|the remainder|the other)\b", re.IGNORECASE)
_PER_CENT = re.compile(r"%|\bper ?cent\b|\bpercent\b")
_ACRONYM_GIVEN = re.compile(r",?\s*(?:known as|abbreviated (?:as|to)|short for)\s+$")
# a word after the blank that makes the answer its adjective ("English universities")
DEMONYM_WORDS = frozenset(demonyms())  # "the ____ judge" (Welsh), however the tagger typed it
_BEFORE_A_NOUN = re.compile(
    r"\s+(?!(?:in|on|at|and|or|by|to|for|of|with|from|is|was|are|were|as|but)\b)[a-z]+"
)
NAME_WORD_ZIPF = 3.0  # a capitalised first word this rare is a name, not "Since" or "Today"
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
    if re.fullmatch(r"\d{1,3}", answer) and (
        re.match(r"-year-old|,? who\b", quote[end:])
        or (re.search(r"[A-Z][\w'’-]+,\s*$", quote[:start]) and quote[end:].startswith(","))
    ):
        return "age_detail"  # "Noel, 31, …", "the 66-year-old", "Graham Lytton, 54, of …"
    if re.fullmatch(r"\d{1,4}", answer) and re.search(r"\b[A-Z][a-z]+\s+$", quote[:start]):
        before_word = quote[:start].split()[-1]
        if before_word not in _SENTENCE_OPENERS and not re.fullmatch(
            MONTH_PATTERN, before_word.lower()
        ):
            return "part_of_a_name"  # "Apollo ____" (13), "Section ____" (230)
    if re.fullmatch(r"the (?:Younger|Elder|Great|Good|Bold|Conqueror|Confessor)", answer) and (
        re.search(r"\b[A-Z][a-z]+\s+$", quote[:start])
    ):
        return "part_of_a_name"  # "Isidore ____" (the Younger)
    if re.match(r"(?:Sergeant|Constable|Inspector|Superintendent|Officer|Chief)\b", answer) and (
        re.search(r"\b(?:Detective|Police|Chief|Acting|Deputy)\s+$", quote[:start])
    ):
        return "part_of_a_name"  # "Detective ____" (Sergeant Aled Pryce): a rank cut in two
    if label == "DATE" and re.search(
        r"\b(?:Act|Treaty|Convention|Regulations|Order)\s+$", quote[:start]
    ):
        return "part_of_a_name"  # "under Section 119 of the Highways Act ____" (1980)
    if re.fullmatch(r"\d{1,3}", answer) and (
        re.search(r"\b(?:[Nn]umber|[Rr]oute|No\.)\s+$", quote[:start])
        or re.match(r"\s+(?:bus|service)\b", quote[end:])
    ):
        return "route_number"  # "The number ____ bus" (14), "route ____" (38): a label
    if re.fullmatch(r"\d[\d,]*", answer) and sum_of_others(quote, start, end, answer):
        return "answer_given_away"  # "Of the 41 crossings, ____ were … and 18 the other way"
    if _SIZE_MODIFIER.fullmatch(answer) and re.search(
        r"\b(?:[Tt]he|an?|its|their)\s+$", quote[:start]
    ):
        return "size_detail"  # "The ____ wall" (30-metre), "a ____ hall" (6,400 square metre):
        # held-out rounds 53-98, of 17 such blanks 4 used as they were and 10 rejected
    if re.match(r"(?:a few|several|many|some|a couple of|dozens of|hundreds of)\s", answer):
        return "vague_number"  # "only ____ wide" (a few millimetres)
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") and not re.search(r"\d", answer):
        return "vague_number"  # "the hundreds", "billions of dollars"
    if label == "TIME" or re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?", answer.strip()):
        return "time_of_day"  # "6:30 a.m.", "Tuesday night", "the ____ from Kelsford" (07:42)
    if norm_answer(answer) in GENERIC_NAMES or norm_answer(answer) in CLASS_NOUNS:
        return "generic_name"  # "the largest reef system on ____" (Earth), and a name's word
        # of kind the tagger left alone ("the 1988 ____": Act)
    if _NOT_THE_ONLY.search(quote[:start]):
        return "many_answers"  # "Baird was not the only person trying … in ____" (the 1920s):
        # true of the 1930s too (round 109, a wrong key)
    if re.search(r"\b[a-z]+ly\s*$", quote[:start]) and label == "TERM":
        return "split_phrase"  # "computationally ____" (heavy simulations)
    demonym = answer in DEMONYM_WORDS and _BEFORE_A_NOUN.match(quote[end:])
    if label == "NORP" or demonym or (label == "LANGUAGE" and _BEFORE_A_NOUN.match(quote[end:])):
        return "nationality_blank"  # "____ universities" (English): British, UK … fit too
    if label == "DATE" and not re.search(r"\d|" + MONTH_PATTERN, answer, re.IGNORECASE):
        return "vague_date"  # "Tuesday", "last week", "recent decades"
    if label == "DATE" and re.fullmatch(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)", answer.strip()):
        return "vague_date"  # "On ____, the Indian picked up Chase" (the 18th): of which month?
    if re.search(r"\d\S*\s+to\s+\S*\d", answer) and re.search(r"\bfrom\s+$", quote[:start]):
        return "two_values"  # "will rise from ____ per kilowatt hour" (11.8p to 19.1p)
    if label == "DATE" and re.fullmatch(MONTH_PATTERN, answer.strip(), re.IGNORECASE):
        return "month_only"  # "In ____, NASA awarded …": a month without its year is trivia
    if label == "DATE" and (
        len(re.findall(r"\b[a-z]{3,}\b", answer)) > 1
        or re.search(r",\s*[a-z]", answer)
        or re.search(r"\s(?:or|and|to)$", answer)
        or re.match(r"(?:between|from)\s", answer, re.IGNORECASE)
        or re.search(r"\d\w*\s+(?!(?:or|and|to)$)[a-z]+$", answer)
        and not _DATE_WORD.fullmatch(answer.split()[-1])
    ):
        return "ragged_date"  # "March 2018 after years", "August 1914, days", "over the ____
        # wall" (1960s sea)
    if (
        label == "DATE"
        and re.match(MONTH_PATTERN, answer, re.IGNORECASE)
        and re.search(r"\b\d{1,2}\s+$", quote[:start])
    ):
        return "ragged_date"  # "the morning of 7 ____" (November 1940): the day left outside
    if (
        _PHONE.fullmatch(answer.strip())
        or _PHONE_BEFORE.search(quote[:start])
        or (answer.strip().isdigit() and re.match(r"\s\d{3}\s?\d{3}\b", quote[end:]))
    ):
        return "contact_detail"  # "by calling the highways line on ____"
    if label in ("PERSON", "ORG") and re.match(rf"(?:{COURT_PARTICIPLES})\s", answer):
        return "ragged_answer"  # "____, Rebecca Lanyon said" (Defending Coulthwaite)
    if label != "DATE" and re.search(r"\s(?:and|or|of|the|to|with)$", answer):
        return "ragged_answer"  # "between ____ Ebbsworth" (Carrow Bridge and)
    if re.fullmatch(r"[A-Z]{2,5}", answer) and re.match(r"\s+(?:\d|[a-z]{3,}\b)", quote[end:]):
        return "acronym_modifier"  # "____ 111" (NHS), "the ____ vaccine" (MMR), "an ____ trust"
    if norm_answer(answer) in HOME_NAMES:
        return "home_country"  # "As ____'s population grew, …" (Britain)
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
    people = PEOPLE_OF.get(re.sub(r"^the\s+", "", answer))
    if people and re.search(rf"\b{people}\b", quote[:start] + " " + quote[end:]):
        return "answer_given_away"  # "the Welsh-speaking north … the conquest of south ____"
        # (Wales: round 129)
    if re.fullmatch(r"[A-Z][a-z]+", answer) and _INSIDE_A_NAME.search(quote[:start]):
        return "part_of_a_name"  # "the National Institution for the Preservation of Life from
        # ____" (Shipwreck: round 129)
    if compound_given_away(answer, quote[:start] + " " + quote[end:]):
        return "answer_given_away"  # "the tip of the whip" beside "The crack of ____"
        # (bullwhip), "iron gall ink" beside "____ mixed with iron salts" (oak galls)
    eponym = label == "PERSON" or re.fullmatch(r"[A-Z][^\W\d_]+", answer)
    if eponym and named_elsewhere(answer, quote[:start] + " " + quote[end:]):
        return "answer_given_away"  # "the Koebner phenomenon, after … ____" (Heinrich Köbner)
        # and "the ____ phenomenon, after … Heinrich Köbner" (Koebner)
    if re.search(r",\s+say,\s+[£$€]?$", quote[:start]):
        return "example_figure"  # "A fine of, say, £____": the writer's example, not a fact
    if _CITATION_BEFORE.search(quote[:start]):
        return "source_citation"  # "according to ____", "Data from ____": who said it, not what
    near = (quote[max(0, start - 25) : start] + " | " + quote[end : end + 25]).lower()
    if label in ("PERSON", "ORG") and ATTRIBUTION_NEAR.search(near):
        return "attribution_blank"  # "…, ____ said", "as ____ reported"
    if key in title_keys and label not in ("DATE", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return "article_topic"
    if label == "DATE" and re.fullmatch(r"\d{4}", answer) and f"year:{answer}" in title_keys:
        return "article_topic"  # "The ____ flood" in "The North Sea flood of 1953"
    if label == "TERM" and key.split()[-1] in title_keys:
        return "article_topic"  # "become young ____" in an article titled "Coral IVF …"
    if label == "PERSON" and _QUOTED_AFTER.match(quote[end:]):
        return "quoted_person"  # "____, a director at Ofgem, said …": who spoke, not what
    if label in ("GPE", "LOC", "FAC") and _VOX_POP_PLACE.search(quote[:start]):
        return "vox_pop"  # "Joanne Pike, 41, a teaching assistant from ____"
    if norm_answer(answer) in WEEKDAYS:
        return "vague_date"  # "on ____" (Tuesday): the day of the week is trivia
    if label == "PERSON" and re.match(r",\s*\d{1,3},", quote[end:]):
        return "vox_pop"  # "____, 34, who takes the number 12 …": a passer-by quoted
    if _SPEAKER_ASIDE_BEFORE.search(quote[:start]) and _SPEAKER_ASIDE_AFTER.match(quote[end:]):
        return "speaker_detail"
    if _PER_CENT.search(answer) and len(_PER_CENT.findall(quote)) == 2:
        other = _PER_CENT.search(quote[end:]) or _PER_CENT.search(quote[:start])
        if other and _REMAINDER.search(quote):
            return "answer_given_away"  # one share and "the remaining" share of a hundred
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE") and (
        _RANGE_AFTER.match(quote[end:]) or _RANGE_BEFORE.search(quote[:start])
    ):
        return "half_a_range"  # "____ to 15,000 people", "roughly 1,500 to ____"
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") and worked_out(quote, start, end):
        return "answer_given_away"  # "£412,500 pledged, £____ more than its target of £375,000"
    if answer[:1].islower() and _NAME_IN_COMMAS.match(quote[end:]):
        return "role_of_a_speaker"  # "The school's ____, Gareth Simms, said" (headteacher)
    if label not in ("DATE",) and _SPEAKERS_BODY_AFTER.match(quote[end:]):
        return "attribution_blank"  # "____'s operations director, Stephen Haig, said …"
    if _half_a_binomial(answer, quote[:start], quote[end:]):
        return "part_of_a_name"  # "the bacterium ____ pneumophila", "Ostrea ____"
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
        if any(word in other and word != other for other in rest_words):
            return "answer_given_away"  # "Antihistamine tablets block ____" (histamine)
    before = quote[:start].split()[-2:]
    after = quote[end:].split()[:2]
    if after and after[0][:1].isupper() and re.fullmatch(r"[A-Z][\w'’-]*", after[0]):
        return "part_of_a_name"
    if answer[:1].isupper() and re.match(
        r"['’]s\s+[A-Z][a-z]+\s+(?:in|at|of|on|near)\b", quote[end:]
    ):
        return "part_of_a_name"  # "At ____'s Orchards in Hemsfold Magna" (Pennick)
    inner = quote[max(view.cut, 0) : start].rstrip()
    if answer[:1].isupper() and re.search(r"(?:^|\s)[A-Z][\w-]*[a-z]['’]$", inner):
        return "part_of_a_name"  # "the Shoppers' ____" (Rights Trust)
    opener = re.fullmatch(r"[A-Z][A-Za-z]+", inner)
    if answer[:1].isupper() and opener and zipf(inner.lower()) < NAME_WORD_ZIPF:
        return "part_of_a_name"  # "Fellside ____ warned …" (Water): no sentence opens so
    if (
        answer[:1].isupper()
        and re.search(r"\s[A-Z][A-Za-z]*[a-z][A-Za-z]*$", " " + inner)
        and not re.search(r"[.:;!?\"“]\s*[A-Z][a-z]+$", inner)
        and inner.count(" ") >= 1
        and before
        and before[-1] not in _SENTENCE_OPENERS
        and before[-1].rstrip(".") not in NAME_TITLES
    ):
        return "part_of_a_name"  # "Wall ____" (Street), "peer ____" stays allowed
    if (
        answer[:1].isupper()
        and label not in ("PERSON", "DATE")
        and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", quote[end:])
    ):
        return "part_of_a_name"  # "____ of Parliament" (The Houses)
    if (
        answer[:1].isupper()
        and label not in ("PERSON", "DATE")
        and _AND_NAME_AFTER.match(quote[end:])
    ):
        return "part_of_a_name"  # "The ____ and Clyde Canal" (Forth)
    joined = (
        len(before) == 2
        and before[1].lower() in NAME_JOINERS
        and before[0][:1].isupper()
        and not before[0].endswith(",")  # "Iran, Iraq, Russia, and ____": a list, not a name
    )
    if joined and (before[1].lower() != "the" or before[0] not in ("In", "On", "At", "By")):
        return "part_of_a_name"  # "Fate of ____" (Macy)
    return ""


# the second half of a name joined by "and" ("Forth and Clyde Canal", "Liverpool and
# Manchester Railway"), not a list of two places ("Australia and New Zealand")
_AND_NAME_AFTER = re.compile(
    r"\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:Canal|Railway|Railways|Navigation|"
    r"Company|Line|Bank|Society|Trust|Hospital|Museum|College|Council|Club|Union|Association)\b"
)
_SIZE_MODIFIER = re.compile(r"[\d.,]+(?:-| )(?:square[- ])?(?:metre|kilometre)s?")


def spans_a_subject(info: SentenceInfo, start: int, end: int) -> bool:
    """Whether the answer (article offsets) swallowed the subject of the verb right after it:
    "During the First World War Rutherford worked …", read as one war named Rutherford, would
    leave "During ____ worked …" (round 123)."""
    inside = [t for t in info.tokens if start <= info.offset + t.idx < end]
    if len(inside) < 3 or inside[-1].i + 1 >= len(inside[-1].doc):
        return False  # a name of one or two words is the tagger's whole name
    verb = inside[-1].doc[inside[-1].i + 1]
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
        t.dep_ in ("nsubj", "nsubjpass") for t in inside
    ):
        return False
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # "drugs called vasopressors are needed": the subject is "needed"'s
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
