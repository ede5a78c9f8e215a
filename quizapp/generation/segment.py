"""Raw upload (.txt, .md, .html, .pdf) → Article: normalised text and char-offset spans (pure)."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from quizapp.domain.textnorm import normalize_text, words
from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.language import UNKNOWN, Language, detect_language
from quizapp.generation.read.limits import MAX_ARTICLE_BYTES
from quizapp.generation.read.source import read_upload

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "Span",
    "build_article",
    "parse_article",
    "require_generation_language",
]
MIN_SENTENCE_WORDS = 3


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Article:
    title: str
    text: str
    paragraphs: list[Span] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sha256: str = ""
    words: int = 0
    byline: str = ""  # "By X and Y" from an attribution header (without "By"), or the page's author
    venue: str = ""  # "Foreign Affairs, February 14, 2024" from an attribution header
    published: str = ""  # the page's publication date (ISO), when it gave one
    site: str = ""  # the web site's name, when the article came from a page
    url: str = ""
    language: Language = UNKNOWN

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph containing (or nearest before) a char offset."""
        starts = [p.start for p in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def heading_before(self, offset: int) -> str:
        """Text of the last heading that starts before `offset` ("" when none)."""
        best = ""
        for span in self.headings:
            if span.start <= offset:
                best = self.text[span.start : span.end]
        return best


def parse_article(
    data: bytes | str, filename: str = "article.txt", *, title: str | None = None, url: str = ""
) -> Article:
    """Read an upload by its extension into an Article; raise ArticleError on unusable input."""
    read = read_upload(data, filename, url=url)
    article = build_article(
        read.text,
        markdown=read.markdown,
        heading_texts=read.headings,
        title=title or read.title or None,
    )
    article.byline = article.byline or read.author
    article.published = read.date
    article.site = read.site
    article.url = read.url or url
    return article


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _clean_markdown(raw: str) -> tuple[str, set[int]]:
    """Strip markdown syntax; return the text and the line numbers that were `#` headings."""
    out: list[str] = []
    headings: set[int] = set()
    in_code = False
    for line in raw.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        if _MD_HEADING.match(line):
            headings.add(len(out))
            line = _MD_HEADING.sub("", line).rstrip("#").strip()
        line = re.sub(r"^\s*>\s?", "", line)
        line = _MD_LIST.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out), headings


def _has_markdown_headings(raw: str) -> bool:
    """Whether plain text marks its headings the markdown way ("## The canal and Etruria")."""
    return any(
        _MD_HEADING.match(line) and _looks_like_heading(_MD_HEADING.sub("", line))
        for line in raw.split("\n")
    )


_TERMINAL = (".", "!", "?", '"', "'", ")", ":", ";", "…")


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.endswith(_TERMINAL) or stripped.endswith(","):
        return False
    n = len(stripped.split())
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return False
    if stripped.upper() == stripped and n <= 14:
        return True
    return n <= 16 and len(stripped) <= 120


TITLE_WORDS = 30


def _looks_like_title(line: str) -> bool:
    """A first line set apart as a title though no heading would be: a question ("Why Is the
    Sky Blue?") or a long headline ("Quarrington Town 3 Bellmoor Athletic 1 (aet): …")."""
    stripped = line.strip()
    return (
        bool(stripped)
        and not stripped.endswith((".", ",", ";"))
        and len(stripped.split()) <= TITLE_WORDS
        and stripped[:1].isupper()
    )


def build_article(
    raw: str,
    *,
    markdown: bool = False,
    heading_texts: Collection[str] | None = None,
    title: str | None = None,
) -> Article:
    """Normalise text and find headings, paragraphs and sentences (char offsets into `text`).

    `heading_texts`, when given, are the lines a structured reader (HTML) knew to be headings;
    then no other line is guessed to be one.
    """
    if not markdown and heading_texts is None:
        markdown = _has_markdown_headings(raw)  # "## Section" pasted from a notes app
    structured = markdown or heading_texts is not None
    known_headings = {normalize_text(h).strip() for h in heading_texts or ()}
    if markdown:
        raw, heading_lines = _clean_markdown(raw)
        # normalize_text strips leading blank lines; recompute heading lines on the result.
        known_headings |= {normalize_text(raw.split("\n")[i]).strip() for i in heading_lines}
    text = normalize_text(raw)
    if not text.strip():
        raise ArticleError("article is empty (no text found)")
    lines = _line_spans(text)
    header = _attribution_header(text, lines)
    one_per_line = _one_paragraph_per_line(
        text, [s for i, s in enumerate(lines) if i not in header]
    )
    headings: list[Span] = []
    paragraphs: list[Span] = []
    block: list[Span] = []
    chars = list(text)

    def flush() -> None:
        if block:
            for span in block[:-1]:  # hard-wrapped: the newline becomes a space (same length)
                chars[span.end] = " "
            paragraphs.append(Span(block[0].start, block[-1].end))
            block.clear()

    for index, span in enumerate(lines):
        line = text[span.start : span.end]
        if not line.strip() or index in header:
            flush()  # attribution lines (byline, venue, notice) are neither headings nor text
            continue
        first_line = not headings and not paragraphs and not block
        first_line = first_line and any(text[s.start : s.end].strip() for s in lines[index + 1 :])
        is_heading = (
            (header and index == 0)
            or line.strip() in known_headings
            or (
                not structured
                and (_looks_like_heading(line) or (first_line and _looks_like_title(line)))
                and _isolated(text, span, one_per_line)
            )
        )
        if is_heading:
            flush()
            headings.append(span)
        elif one_per_line:
            flush()
            block.append(span)
            flush()
        else:
            block.append(span)
    flush()
    text = "".join(chars)
    paragraphs = _drop_pull_quotes(text, paragraphs)
    sentences = [s for p in paragraphs for s in split_sentences(text, p.start, p.end)]
    if not sentences:
        raise ArticleError("no sentences found (need at least one sentence of three words)")
    if not title:
        title = _title_from_text(text, headings, sentences)
    byline = next(
        (text[lines[i].start : lines[i].end] for i in header if header[i] == "byline"), ""
    )
    venue = next((text[lines[i].start : lines[i].end] for i in header if header[i] == "venue"), "")
    return Article(
        byline=re.sub(r"^By\s+", "", byline.strip()),
        venue=venue.strip(),
        title=title.strip()[:300],
        text=text,
        paragraphs=paragraphs,
        headings=headings,
        sentences=sentences,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        words=len(words(text))
        - sum(len(words(text[lines[i].start : lines[i].end])) for i in header),
        language=detect_language(" ".join(text[s.start : s.end] for s in sentences)),
    )


TITLE_CHARS = 90
GENERATION_LANGUAGE = "en"


def require_generation_language(article: Article) -> None:
    """Refuse an article the English question generator cannot read (a one-line ArticleError)."""
    language = article.language
    if language.known and language.code != GENERATION_LANGUAGE:
        raise ArticleError(
            f"the article is in {language.name}; quizapp writes questions for English articles only"
        )


def _title_from_text(text: str, headings: list[Span], sentences: list[Span]) -> str:
    """The first heading that is not a credit, else the first sentence cut at a word boundary."""
    from quizapp.generation.read.furniture import is_credit

    for span in headings:
        heading = text[span.start : span.end].strip()
        if not is_credit(heading):
            return heading
    first = text[sentences[0].start : sentences[0].end].strip().rstrip(".!?:;")
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


_BYLINE = re.compile(r"^By\s+[A-Z][^.!?]{1,150}$")
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATED = re.compile(rf"\b(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}},?\s+)?(?:1[89]|20)\d\d\b")
_NOTICE = re.compile(
    r"\b(?:quoted|reproduced|reprinted|republished|copyright|all rights|rights reserved|"
    r"permission|for (?:study|educational|personal) (?:purposes|use)|originally published)\b|©",
    re.IGNORECASE,
)


def _attribution_header(text: str, lines: list[Span]) -> dict[int, str]:
    """Line index → role ("byline", "venue", "notice") of an attribution block under the title:
    title line, then "By X and Y", "Venue, date" and a rights notice, then a blank line."""
    body = [i for i, s in enumerate(lines) if text[s.start : s.end].strip()]
    if len(body) < 3 or not _looks_like_heading(text[lines[body[0]].start : lines[body[0]].end]):
        return {}
    roles: dict[int, str] = {}
    previous = body[0]
    for index in body[1:5]:
        if index != previous + 1:
            break  # the header is one block of consecutive lines
        line = text[lines[index].start : lines[index].end].strip()
        n = len(line.split())
        if "byline" not in roles.values() and _BYLINE.match(line) and n <= 14:
            roles[index] = "byline"
        elif "venue" not in roles.values() and n <= 10 and _DATED.search(line):
            roles[index] = "venue"
        elif "notice" not in roles.values() and n <= 60 and _NOTICE.search(line):
            roles[index] = "notice"
        else:
            break
        previous = index
    if not ({"byline", "venue"} & set(roles.values())):
        return {}  # a rights notice alone is not enough to call the block a header
    last = max(roles)
    after = lines[last + 1] if last + 1 < len(lines) else None
    if after is not None and text[after.start : after.end].strip():
        return {}  # the block must end at a blank line (or the end of the text)
    return roles


def _line_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for match in re.finditer("\n", text):
        spans.append(Span(start, match.start()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return spans


def one_paragraph_per_line(text: str) -> bool:
    """True when the text puts each paragraph on one line, so a single newline ends a paragraph."""
    return _one_paragraph_per_line(text, _line_spans(text))


def _one_paragraph_per_line(text: str, lines: list[Span]) -> bool:
    """True when the text puts each paragraph on one line (no hard wrapping)."""
    body = [text[s.start : s.end].strip() for s in lines if text[s.start : s.end].strip()]
    if "\n\n" not in text:
        return True
    long_lines = sum(1 for line in body if len(line) > 160)
    ended = sum(1 for line in body if line.endswith(_TERMINAL))
    return long_lines >= len(body) / 3 or ended >= 0.8 * len(body)


def _isolated(text: str, span: Span, one_per_line: bool) -> bool:
    """A heading candidate in hard-wrapped text must stand alone between blank lines."""
    if one_per_line:
        return True
    before = text[max(0, span.start - 2) : span.start]
    after = text[span.end : span.end + 2]
    return (span.start == 0 or before == "\n\n") and (span.end == len(text) or after == "\n\n")


def _drop_pull_quotes(text: str, paragraphs: list[Span]) -> list[Span]:
    """Drop one-sentence paragraphs that repeat a sentence from the body (magazine pull-quotes)."""
    if len(paragraphs) < 3:
        return paragraphs
    lowered = [text[p.start : p.end].lower() for p in paragraphs]
    kept: list[Span] = []
    for index, para in enumerate(paragraphs):
        body = lowered[index].strip()
        if len(body.split()) <= 40 and len(split_sentences(text, para.start, para.end)) == 1:
            longer = [other for other in lowered if len(other) > len(body)]
            if longer and process.extractOne(
                body, longer, scorer=fuzz.partial_ratio, score_cutoff=88
            ):
                continue
        kept.append(para)
    return kept


_ABBREVIATIONS = set(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "inc",
        "co",
        "corp",
        "ltd",
        "llc",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "al",
        "approx",
        "ca",
        "no",
        "nos",
        "op",  # "the Piano Trio in G minor, Op. 17"
        "vol",
        "pp",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dept",
        "univ",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9\u00c0-\u024f])")


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Rule-based sentence spans within [start, end) that hold at least three words."""
    spans: list[Span] = []
    chunk = text[start:end]
    cursor = 0
    for match in _BOUNDARY.finditer(chunk):
        before = chunk[cursor : match.start()]
        last = before.split()[-1].lower().rstrip(".").lstrip("([\"'“‘") if before.split() else ""
        if match.group().startswith(".") and (
            last in _ABBREVIATIONS
            or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)  # initials and U.S.-style abbreviations
        ):
            continue
        spans.append(Span(start + cursor, start + match.end()))
        cursor = match.end()
    spans.append(Span(start + cursor, end))
    result = []
    for span in spans:
        s, e = span.start, span.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if sum(1 for w in text[s:e].split() if any(c.isalpha() for c in w)) >= MIN_SENTENCE_WORDS:
            result.append(Span(s, e))
    return result
