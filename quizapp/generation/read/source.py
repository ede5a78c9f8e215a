"""Any upload or fetched page → ReadText: the article's text, its headings and its metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.limits import MAX_ARTICLE_BYTES, too_large_message

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class ReadText:
    """Plain text with paragraphs split by blank lines, the lines that are headings, and metadata.

    `markdown` says the text still carries markdown syntax (a .md upload) to be cleaned when
    segmenting; `headings` lists heading lines when the reader knew them (HTML).
    """

    text: str
    markdown: bool = False
    headings: frozenset[str] | None = None
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""


def read_upload(data: bytes | str, filename: str = "article.txt", *, url: str = "") -> ReadText:
    """Read an upload by its file extension; raise ArticleError on unusable input."""
    suffix = PurePath(filename or "article.txt").suffix.lower()
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(too_large_message(size))
    if suffix == ".pdf":
        return _read_pdf(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))
    if suffix in HTML_SUFFIXES:
        return _read_html(data, url)
    return ReadText(text=decode_text(data), markdown=suffix in MARKDOWN_SUFFIXES)


def _read_pdf(data: bytes) -> ReadText:
    from quizapp.generation.read.pdf import read_pdf

    document = read_pdf(data)
    return ReadText(text=document.text, title=document.title, author=document.author)


def _read_html(data: bytes | str, url: str) -> ReadText:
    from quizapp.generation.read.furniture import drop_furniture, headline_like
    from quizapp.generation.read.html import Block, has_article_text, read_html

    if isinstance(data, bytes) and b"\x00" in data[:8192] and b"<" not in data[:1024]:
        raise ArticleError("the file looks binary (it contains NUL bytes), not a web page")
    page = read_html(data, url)
    blocks = [
        Block("heading", b.text) if b.kind == "paragraph" and headline_like(b.text) else b
        for b in drop_furniture(page.blocks, page.title)
    ]
    if not has_article_text(blocks):
        raise ArticleError("the page has no article text (a login wall or a list of links?)")
    return ReadText(
        text="\n\n".join(block.text for block in blocks),
        headings=frozenset(block.text for block in blocks if block.kind == "heading"),
        title=page.title,
        author=page.author,
        date=page.date,
        site=page.site,
        url=page.url,
    )


def decode_text(data: bytes | str) -> str:
    """Plain text from UTF-8 bytes; raise ArticleError for binary or non-UTF-8 data."""
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
