"""read_pdf on PDFs built here: clean paragraphs, running lines dropped, every limit enforced."""

from __future__ import annotations

import io
import random
import time

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, NumberObject

from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.pdf import PdfText, read_pdf

HEADER = "Journal of Tests — 2024"


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _string(text: str) -> bytes:
    escaped = text.encode("cp1252").replace(b"\\", b"\\\\")
    return b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _add_page(writer: PdfWriter, content: bytes, resources: dict | None = None) -> None:
    page = writer.add_blank_page(width=612, height=792)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font()})} | (resources or {})
    )
    stream = ContentStream(None, writer)
    stream.set_data(content)
    page.replace_contents(stream)
    page.compress_content_streams()


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf(
    pages: list[list[str]],
    *,
    header: str | None = None,
    footer: str | None = None,
    metadata: dict[str, str] | None = None,
) -> bytes:
    """A PDF whose pages show these lines top-down; {n} in header/footer is the page number."""
    writer = PdfWriter()
    for number, lines in enumerate(pages, 1):
        ops = []
        if header:
            ops.append(b"BT /F1 9 Tf 72 760 Td " + _string(header.format(n=number)) + b" Tj ET")
        ops.append(b"BT /F1 11 Tf 14 TL 72 720 Td")
        ops += [_string(line) + b" Tj T*" for line in lines]
        ops.append(b"ET")
        if footer:
            ops.append(b"BT /F1 9 Tf 300 40 Td " + _string(footer.format(n=number)) + b" Tj ET")
        _add_page(writer, b"\n".join(ops))
    if metadata:
        writer.add_metadata(metadata)
    return _bytes(writer)


ARTICLE = [
    [
        "Reading Printed Pages",
        "Introduction",
        "Reading a document well means recovering its paragraphs, its headings",
        "and its sentences without the clutter that a printed page carries with",
        "it. Every page repeats the name of the journal and its own number, and",
        "a reader skips them without noticing.",
        "Software has to work harder. The informa-",
        "tion on a page is laid out for the eye, and the well-",
        "known trick of hyphenation splits words across two lines of type that",
        "must be joined again before the text can be searched, and a sentence",
    ],
    [
        "broken by a page has to come back together as one.",
        "Methods",
        "We printed a short article in the usual way, with the Anglo-",
        "Saxon habit of a running header at the top of every single page and",
        "a page number at the bottom, then read it back with the new reader.",
        "Each paragraph ends with a short line.",
    ],
    [
        "Results",
        "The reader kept every paragraph and dropped every header.",
    ],
]

EXPECTED = "\n\n".join(
    [
        "Reading Printed Pages",
        "Introduction",
        "Reading a document well means recovering its paragraphs, its headings and its "
        "sentences without the clutter that a printed page carries with it. Every page repeats "
        "the name of the journal and its own number, and a reader skips them without noticing.",
        "Software has to work harder. The information on a page is laid out for the eye, and "
        "the well-known trick of hyphenation splits words across two lines of type that must be "
        "joined again before the text can be searched, and a sentence broken by a page has to "
        "come back together as one.",
        "Methods",
        "We printed a short article in the usual way, with the Anglo-Saxon habit of a running "
        "header at the top of every single page and a page number at the bottom, then read it "
        "back with the new reader. Each paragraph ends with a short line.",
        "Results",
        "The reader kept every paragraph and dropped every header.",
    ]
)


def test_article_reads_as_clean_paragraphs_with_metadata():
    data = _pdf(
        ARTICLE,
        header=HEADER,
        footer="{n}",
        metadata={"/Title": "Reading Printed Pages", "/Author": "Ada Reader"},
    )
    result = read_pdf(data)
    assert result == PdfText(
        text=EXPECTED, title="Reading Printed Pages", author="Ada Reader", pages=3
    )


@pytest.mark.parametrize("footer", ["{n}", "Page {n} of 3", "- {n} -", "{roman}", HEADER + " {n}"])
def test_running_footers_and_page_numbers_are_dropped(footer):
    romans = ["i", "ii", "iii"]
    pages = [["Alpha is kept."], ["Beta is kept."], ["Gamma is kept."]]
    writer_pages = [
        lines + [footer.replace("{roman}", romans[index]).format(n=index + 1)]
        for index, lines in enumerate(pages)
    ]
    text = read_pdf(_pdf(writer_pages)).text
    assert text == "Alpha is kept.\n\nBeta is kept.\n\nGamma is kept."


def test_repeated_lines_are_kept_in_short_documents_and_inside_pages():
    two_pages = _pdf([["Body one goes here."], ["Body two goes here."]], header=HEADER)
    assert HEADER in read_pdf(two_pages).text
    pages, _ = _words_pages(4, words_per_page=96)  # eight lines a page
    for lines in pages:
        lines[4] = f"as {HEADER} says"
    assert read_pdf(_pdf(pages)).text.count(HEADER) == 4


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        (("a new informa-", "tion system"), "a new information system"),
        (("a well-", "known fact"), "a well-known fact"),
        (("the pro-", "Russian press"), "the pro-Russian press"),
        (("we re-", "cover it"), "we recover it"),
        (("graph-", "based search"), "graph-based search"),
    ],
)
def test_words_broken_at_line_ends(broken, joined):
    text = read_pdf(_pdf([[*broken, "and so on until the end of this long line."]])).text
    assert text.startswith(joined + " and so on")


def test_untrustworthy_metadata_is_ignored():
    data = _pdf(
        [["Some text to read."]],
        metadata={"/Title": "Microsoft Word - draft3.docx", "/Author": "jsmith01"},
    )
    result = read_pdf(data)
    assert (result.title, result.author) == ("", "")


def _words_pages(count: int, words_per_page: int = 300) -> tuple[list[list[str]], list[str]]:
    rng = random.Random(7)
    vocabulary = [
        *("the", "of", "and", "a", "to", "in", "is", "that", "for", "it", "with", "as", "on"),
        *("river", "stone", "market", "window", "garden", "letter", "music", "orange", "winter"),
        *("government", "question", "important", "history", "children", "between", "Moscow"),
    ]
    pages, everything = [], []
    for _ in range(count):
        words = [rng.choice(vocabulary) for _ in range(words_per_page)]
        lines = [" ".join(words[i : i + 12]) for i in range(0, words_per_page, 12)]
        lines = [line + "." if index % 6 == 5 else line for index, line in enumerate(lines)]
        pages.append(lines)
        everything += " ".join(lines).split()
    return pages, everything


def test_fifty_pages_read_fast_and_whole():
    pages, words = _words_pages(50)
    data = _pdf(pages, header=HEADER, footer="Page {n} of 50")
    started = time.perf_counter()
    result = read_pdf(data)
    elapsed = time.perf_counter() - started
    assert elapsed < 5
    assert result.pages == 50
    assert result.text.split() == words
    assert "Journal" not in result.text and "Page" not in result.text


def test_decompression_bomb_is_refused_quickly():
    unit = b"BT /F1 12 Tf 72 720 Td (aaaa aaaa aaaa) Tj ET\n"
    writer = PdfWriter()
    _add_page(writer, unit * (3_000_000 // len(unit)))
    data = _bytes(writer)
    assert len(data) < 20_000
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="page 1 of the PDF is too complex to read"):
        read_pdf(data)
    assert time.perf_counter() - started < 5


def test_bomb_hidden_in_a_form_xobject_is_refused_quickly():
    writer = PdfWriter()
    form = ContentStream(None, writer)
    form.set_data(b"BT /F1 12 Tf 72 720 Td (aaaa aaaa aaaa) Tj ET\n" * 70_000)
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([NumberObject(n) for n in (0, 0, 612, 792)]),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font()})}
            ),
        }
    )
    reference = writer._add_object(form.flate_encode())
    xobjects = {NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): reference})}
    _add_page(writer, b"/Fm1 Do", xobjects)
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="too complex to read"):
        read_pdf(_bytes(writer))
    assert time.perf_counter() - started < 5


def test_time_budget_stops_page_by_page():
    pages, _ = _words_pages(10, words_per_page=60)
    readings = iter([0.0, 1.0, 100.0])
    calls = []

    def clock() -> float:
        calls.append(1)
        return next(readings)

    with pytest.raises(ArticleError) as info:
        read_pdf(_pdf(pages), seconds=4.0, clock=clock)
    assert str(info.value) == (
        "the PDF took too long to read (over 4 s by page 2); paste its text instead"
    )
    assert len(calls) == 3  # the start, page 1, page 2: no page after the budget ran out


def test_text_cap_stops_page_by_page():
    line = "x" * 98 + "."
    data = _pdf([[line] * 10] * 10)  # each page gives 10 lines of 99 chars, 999 characters
    with pytest.raises(ArticleError) as info:
        read_pdf(data, max_chars=2_500)
    assert str(info.value) == (
        "the PDF's text is too long to read (more than 2,500 characters by page 3)"
    )
    assert read_pdf(data, max_chars=10_000).pages == 10


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(_pdf([["A secret text to read."]])))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    return _bytes(writer)


def _blank() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return _bytes(writer)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some words, not a PDF at all", "not a readable PDF (it has no PDF header)"),
        (bytes(range(256)) * 20, "not a readable PDF"),
        (b"%PDF-1.4 this is not really a pdf", "not a readable PDF ("),
        (_encrypted("secret"), "the PDF is password-protected"),
        (_blank(), "the PDF has no text layer (a scanned image?); paste its text instead"),
    ],
)
def test_unreadable_pdfs_give_one_line_messages(data, message):
    with pytest.raises(ArticleError) as info:
        read_pdf(data)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_encrypted_with_empty_user_password_is_read():
    assert read_pdf(_encrypted("")).text == "A secret text to read."


def test_corrupted_pdfs_raise_only_article_errors():
    pages, _ = _words_pages(3, words_per_page=60)
    original = _pdf(pages, header=HEADER, footer="{n}")
    rng = random.Random(3)
    for _ in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            assert isinstance(read_pdf(bytes(data)), PdfText)
        except ArticleError as error:
            assert "\n" not in str(error)
