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


def with_subject_line(item: QuizItem, subject: str) -> QuizItem:
    """The item with the subject before its prompt, unless the prompt already names it."""
    if not subject:
        return item
    words = subject.split()
    head = words[-1].lower()
    stem = head[: max(4, len(head) - 2)]  # "grebes", "Elgar's", "cataract"
    if stem in item.prompt.lower() or stem in item.answer.lower():
        return item  # named already, or the line would give the answer away ("Okapia")
    pairs = [" ".join(words[i : i + 2]).lower() for i in range(len(words) - 1)]
    if any(pair in item.prompt.lower() for pair in pairs):
        return item  # "The South Sea Company" names the South Sea Bubble's company
    first = words[0] if len(words) > 1 and words[0][:1].isupper() else ""
    first = first if zipf(first.lower()) < EVERYDAY_NAME_ZIPF else ""  # "George", never "South"
    if first and re.search(rf"\b{re.escape(first)}\b", item.prompt):
        return item  # "George's portrait" names George Stephenson ("the lake" stays unnamed)
    return replace(item, prompt=f"{subject}: {item.prompt}")
