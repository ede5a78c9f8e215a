"""Read the text layer of a PDF into clean paragraphs, within size and time limits."""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.limits import MAX_TEXT_CHARS, PDF_SECONDS

# pypdf parses a content stream at roughly 1-2 µs per byte and cannot be interrupted, so a page
# carrying more than this (a few KB of Flate can inflate to it) would eat the whole time budget
# by itself; real pages of text stay far below it (a dense page is 50-200 KB).
PAGE_CONTENT_BYTES = 2_000_000
_EDGE_LINES = 3  # running headers and footers take at most this many lines at a page's edge
_COMMON_ZIPF = 3.5  # a joined word this frequent is a word broken by the line, not a compound

_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"(?:page\s+)?(?:\d{{1,4}}|{_ROMAN})(?:\s*(?:of|/)\s*\d{{1,4}})?|[-–—]\s*\d{{1,4}}\s*[-–—]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
_ANY_END = re.compile(r"[.!?:;,…\-–—][\"'”’)\]]*$")
_WORD_START = re.compile(r"[^\W\d_]+")
_JUNK_METADATA = re.compile(
    r"^(?:untitled|unknown|anonymous|microsoft \w+ -|document\d*$|(?-i:[a-z0-9_.-]+)$)"
    r"|\.(?:docx?|pdf|tex|dvi|indd|rtf|odt|pptx?|qxd)$",
    re.IGNORECASE,
)
_CHARACTERS = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
    | {"\u00a0": " ", "\u2010": "-", "\u2011": "-"}
)


@dataclass(frozen=True)
class PdfText:
    """The readable text of a PDF: paragraphs split by blank lines, plus its metadata."""

    text: str
    title: str
    author: str
    pages: int


def read_pdf(
    data: bytes,
    *,
    max_chars: int = MAX_TEXT_CHARS,
    seconds: float = PDF_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> PdfText:
    """Extract a PDF's text page by page, refusing it with an ArticleError when it can't be read."""
    start = clock()
    reader = _open(data)
    pages: list[list[str]] = []
    chars = 0
    try:
        for number, page in enumerate(reader.pages, 1):
            size = _content_size(page)
            if size > PAGE_CONTENT_BYTES:
                raise ArticleError(
                    f"page {number} of the PDF is too complex to read ({size / 1e6:.1f} MB of "
                    f"drawing instructions); paste its text instead"
                )
            text = page.extract_text() or ""
            chars += len(text)
            if chars > max_chars:
                raise ArticleError(
                    f"the PDF's text is too long to read (more than {max_chars:,} characters "
                    f"by page {number})"
                )
            if clock() - start > seconds:
                raise ArticleError(
                    f"the PDF took too long to read (over {seconds:g} s by page {number}); "
                    f"paste its text instead"
                )
            pages.append(_lines(text))
        title, author = _metadata(reader)
    except ArticleError:
        raise
    except Exception as error:  # pypdf raises far more than PyPdfError on broken files
        raise ArticleError(f"not a readable PDF ({_reason(error)})") from None
    text = "\n\n".join(_paragraphs(_strip_running_lines(pages)))
    if not text:
        raise ArticleError("the PDF has no text layer (a scanned image?); paste its text instead")
    return PdfText(text=text, title=title, author=author, pages=len(pages))


def _open(data: bytes):
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise ArticleError("not a readable PDF (it has no PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ArticleError("the PDF is password-protected")
    except ArticleError:
        raise
    except DependencyError:
        raise ArticleError(
            "the PDF is encrypted with a cipher this server cannot open; paste its text instead"
        ) from None
    except Exception as error:
        raise ArticleError(f"not a readable PDF ({_reason(error)})") from None
    return reader


def _reason(error: Exception) -> str:
    detail = " ".join(str(error).split())[:100]
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def _content_size(page) -> int:
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    return size + _forms_size(page.get("/Resources"), set())


def _forms_size(resources, seen: set[int]) -> int:
    # Form XObjects are drawn by the page's content and parsed with it, so a bomb may hide there.
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if isinstance(resources, dict) else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, dict):
        return 0
    size = 0
    for reference in xobjects.values():
        form = reference.get_object()
        if id(form) in seen or not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
            continue
        seen.add(id(form))
        size += len(form.get_data()) + _forms_size(form.get("/Resources"), seen)
    return size


def _metadata(reader) -> tuple[str, str]:
    info = reader.metadata
    if info is None:
        return "", ""
    return _plausible(info.title, 250), _plausible(info.author, 150)


def _plausible(value: object, longest: int) -> str:
    text = " ".join(str(value or "").split())
    if not 3 <= len(text) <= longest or not re.search(r"[^\W\d_]{2}", text):
        return ""
    return "" if _JUNK_METADATA.search(text) else text


def _lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = " ".join(line.translate(_CHARACTERS).split())
        # A soft hyphen only matters at a line's end, where it marks a broken word.
        lines.append(line[:-1].replace("\u00ad", "") + line[-1:] if line else "")
    return lines


def _edge_key(line: str) -> str:
    return "".join(ch for ch in line.casefold() if ch.isalpha())


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    edges = [[line for line in lines if line] for lines in pages]
    edges = [lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] for lines in edges]
    counts = Counter(key for lines in edges for key in {_edge_key(line) for line in lines})
    numbers: dict[str, set[str]] = {}
    for line in (line for lines in edges for line in lines):
        numbers.setdefault(_edge_key(line), set()).add(re.sub(r"\D+", " ", line).strip())
    # A line repeated with a changing number (a chapter's "Chapter 4: Methods 20") runs along
    # the pages of its chapter, however few of the document's pages those are.
    repeated = {
        key
        for key, n in counts.items()
        if key and len(pages) >= 3 and (n >= len(pages) / 2 or len(numbers[key]) >= 3)
    }

    def running(line: str) -> bool:
        if not line:
            return True
        return bool(_PAGE_NUMBER.fullmatch(line)) or (
            len(line) <= 150 and _edge_key(line) in repeated
        )

    stripped = []
    for lines in pages:
        top, bottom, seen = 0, len(lines), 0
        while top < bottom and seen < _EDGE_LINES and running(lines[top]):
            seen += bool(lines[top])
            top += 1
        seen = 0
        while bottom > top and seen < _EDGE_LINES and running(lines[bottom - 1]):
            seen += bool(lines[bottom - 1])
            bottom -= 1
        stripped.append(lines[top:bottom])
    return stripped


def _typical(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.8)] if len(lengths) >= 4 else 0


def _is_heading(line: str, following: str, typical: int) -> bool:
    return (
        len(line) <= min(80, 0.7 * typical)
        and len(line.split()) <= 12
        and (line[0].isupper() or line[0].isdigit())
        and not _ANY_END.search(line)
        and not following[:1].islower()
    )


def _paragraphs(pages: list[list[str]]) -> list[str]:
    fallback = _typical([line for lines in pages for line in lines]) or 60
    flat = [(line, _typical(lines) or fallback) for lines in pages for line in lines]
    paragraphs: list[str] = []
    current = ""
    for index, (line, typical) in enumerate(flat):
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        following = flat[index + 1][0] if index + 1 < len(flat) else ""
        if (not current or _SENTENCE_END.search(current)) and _is_heading(line, following, typical):
            paragraphs += [current, line]
            current = ""
            continue
        current = _join(current, line) if current else line
        if len(line) < 0.8 * typical and _SENTENCE_END.search(line):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return [paragraph for paragraph in paragraphs if paragraph]


def _join(left: str, right: str) -> str:
    if left.endswith("\u00ad"):
        return left[:-1] + right
    token = left.rsplit(" ", 1)[-1]
    if len(token) > 1 and token[-1] == "-" and token[-2].isalpha() and right[:1].isalpha():
        head = token[:-1].lstrip("\"'“‘([")
        tail = _WORD_START.match(right)
        capital = right[0].isupper() and not (head.isupper() and tail and tail.group().isupper())
        if tail and not capital and _joins(head, tail.group()):
            return left[:-1] + right
        return left + right
    if left.endswith("—") and not left.endswith(" —"):
        return left + right
    return f"{left} {right}"


@lru_cache(maxsize=4096)
def _joins(head: str, tail: str) -> bool:
    """Whether head-/tail broken across lines is one word rather than a hyphenated compound."""
    from wordfreq import zipf_frequency

    joined = zipf_frequency(head + tail, "en")
    return joined >= min(zipf_frequency(f"{head}-{tail}", "en"), _COMMON_ZIPF)
