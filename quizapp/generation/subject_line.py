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


def article_subject(article: Article) -> str:
    """The one thing the article is about, as its body first writes it ("Great crested grebe",
    "Edward Elgar", "Cutty Sark"), or "" for a headline, a question or a how-to title."""
    named, *subtitle = re.split(r"[:,]\s", article.title, maxsplit=1)
    head = re.sub(r"^(?:the|a|an)\s+", "", named.strip(), flags=re.I)
    if not head or len(head.split()) > MAX_SUBJECT_WORDS or not head[:1].isupper():
        return ""
    body = article.text[article.paragraphs[0].start :] if article.paragraphs else article.text
    first = re.match(rf"(?:the\s+|a\s+|an\s+)?({re.escape(head)})\b", body, re.IGNORECASE)
    if first is None and subtitle and article.paragraphs:
        # "Beatrix Potter: The Naturalist Behind Peter Rabbit" names its subject before the
        # colon; the first paragraph names it again, as the entry's subject and not a passing
        # word of a headline
        opening = article.text[article.paragraphs[0].start : article.paragraphs[0].end]
        first = re.search(rf"(?<![\w-])({re.escape(head)})(?![\w-])", opening, re.IGNORECASE)
    if first is None:
        return ""  # the body does not open on it, as an entry on one thing does
    subject = first.group(1)
    return subject[:1].upper() + subject[1:]


MIN_PAGE_SUBJECT_MENTIONS = 2  # "the creamery" twice after "Haskett Fold Creamery"
PLACE_OF_NEWS = (
    r"(?:station|boatyard|creamery|foundry|school|academy|hospital|hospice|clinic|unit|surgery|"
    r"centre|library|museum|theatre|mill|quarry|factory|farm|reservoir|bridge|park|estate|shop|"
    r"store|pool|café|cafe|cinema|church|ward|ferry|line|almshouses|memorial|hall|market)"
)
NOT_A_SUBJECT = {"road", "street", "lane", "place", "parade", "way", "avenue", "square"}


def page_subject(article: Article) -> str:
    """The body or place a news report is about: a name of two to four words its headline
    gives ("Haskett Fold Creamery", "Gallowbeck Academy") that the report goes on to call
    "the creamery", "the academy", or "" when none is."""
    best, most = "", 0
    names = [
        m.group(0) for m in re.finditer(r"(?:[A-Z][\w'’&-]*\s+){1,3}[A-Z][a-z]+", article.title)
    ]
    names += [  # "Kirkhaven station", "Lanthorne dialysis unit"
        m.group(0)
        for m in re.finditer(
            rf"[A-Z][\w-]+(?:['’]s)?\s+(?:[a-z]+\s+)?{PLACE_OF_NEWS}\b", article.title
        )
    ]
    for found in names:
        name = re.sub(r"^The\s+", "", found.strip())
        head = name.split()[-1].lower()
        if len(name.split()) < 2 or head in NOT_A_SUBJECT:
            continue
        first = re.escape(name.split()[0])
        if not re.search(rf"\b[a-z]+[,;]? {first}(?![\w-])", article.text):
            continue  # "Slate quarry to reopen …": a headline's capital, not a name
        mentions = len(re.findall(rf"\bthe {re.escape(head)}\b", article.text, re.IGNORECASE))
        if mentions > most:
            best, most = name, mentions
    return best if most >= MIN_PAGE_SUBJECT_MENTIONS else ""


def with_subject_line(item: QuizItem, subject: str) -> QuizItem:
    """The item with the subject before its prompt, unless the prompt already names it."""
    if not subject:
        return item
    words = subject.split()
    head = words[-1].lower()
    stem = head[: max(4, len(head) - 2)]  # "grebes", "Elgar's", "cataract"
    if stem in item.answer.lower():
        return item  # the line would give the answer away ("Okapia")
    rarest = min((w.lower() for w in words if len(w) > 2), key=zipf, default=head)
    if rarest[: max(4, len(rarest) - 2)] in item.prompt.lower():
        return item  # named already ("grebes", "Elgar's"); "the creamery" names no creamery
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
