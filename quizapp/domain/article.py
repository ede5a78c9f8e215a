"""Raw upload (.txt, .md, .html, .pdf) → Article: normalised text and char-offset spans (pure)."""

from __future__ import annotations

import bisect
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from rapidfuzz import fuzz

from quizapp.domain.textnorm import normalize_text, words

MAX_BYTES = 2_000_000  # an article of 2 MB or more is refused
MIN_SENTENCE_WORDS = 3


class ArticleError(ValueError):
    """The upload cannot be read as an article; the message is one line naming the problem."""


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
    byline: str = ""  # "By X and Y" from an attribution header, without "By"
    venue: str = ""  # "Foreign Affairs, February 14, 2024" from an attribution header

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
    data: bytes | str, filename: str = "article.txt", *, title: str | None = None
) -> Article:
    """Read an upload by its extension into an Article; raise ArticleError on unusable input."""
    suffix = PurePath(filename or "article.txt").suffix.lower()
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size >= MAX_BYTES:
        raise ArticleError(f"article is too large: {size / 1_000_000:.1f} MB (the limit is 2 MB)")
    if suffix == ".pdf":
        raw = _pdf_text(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))
    else:
        raw = _decode(data)
        if suffix in (".html", ".htm"):
            raw = _html_to_markdown(raw)
    markdown = suffix in (".md", ".markdown", ".html", ".htm")
    return build_article(raw, markdown=markdown, title=title, filename=filename)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data[:8192]:
            raise ArticleError("file looks binary (it contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"file is not UTF-8 text (invalid byte at position {error.start})"
            ) from None
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise ArticleError("text contains invalid Unicode (lone surrogates)")
    if "\x00" in text:
        raise ArticleError("file looks binary (it contains NUL bytes), not text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if text and controls / len(text) > 0.05:
        raise ArticleError("file looks binary (too many control characters), not text")
    return text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ArticleError(f"not a readable PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise ArticleError("PDF has no text layer (scanned image?); paste the text instead")
    return text


_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figure",
    "template",
]
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dd", "dt"]


def _html_to_markdown(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    lines: list[str] = []
    for block in root.find_all(_BLOCK_TAGS):
        if block.find_parent(_BLOCK_TAGS):
            continue  # nested blocks are read through their outermost block
        text = " ".join(block.get_text(" ", strip=True).split())
        if not text:
            continue
        if block.name and block.name[0] == "h" and block.name[1:].isdigit():
            lines.append("#" * int(block.name[1:]) + " " + text)
        else:
            lines.append(text)
    if not lines:
        lines = [line for line in root.get_text("\n").splitlines() if line.strip()]
    if page_title and not (lines and lines[0].startswith("# ")):
        lines.insert(0, "# " + page_title)
    return "\n\n".join(lines)


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


def build_article(
    raw: str, *, markdown: bool = False, title: str | None = None, filename: str = ""
) -> Article:
    """Normalise text and find headings, paragraphs and sentences (char offsets into `text`)."""
    heading_lines: set[int] = set()
    if markdown:
        raw, heading_lines = _clean_markdown(raw)
        raw = "\n".join(raw.split("\n"))
    text = normalize_text(raw)
    if markdown:
        # normalize_text strips leading blank lines; recompute heading lines on the result.
        heading_texts = {normalize_text(raw.split("\n")[i]) for i in heading_lines}
    else:
        heading_texts = set()
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
        is_heading = (
            (header and index == 0)
            or line.strip() in heading_texts
            or (not markdown and _looks_like_heading(line) and _isolated(text, span, one_per_line))
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
    if title is None:
        title = text[headings[0].start : headings[0].end].strip() if headings else ""
        if not title:
            title = PurePath(filename).stem.replace("-", " ").replace("_", " ").strip() or "Article"
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
    )


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
    kept: list[Span] = []
    for index, para in enumerate(paragraphs):
        body = text[para.start : para.end].strip()
        if len(split_sentences(text, para.start, para.end)) == 1 and len(body.split()) <= 40:
            others = (text[o.start : o.end] for i, o in enumerate(paragraphs) if i != index)
            if any(
                fuzz.partial_ratio(body.lower(), other.lower(), score_cutoff=88)
                for other in others
                if len(other) > len(body)
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
        last = before.split()[-1].lower().rstrip(".") if before.split() else ""
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
