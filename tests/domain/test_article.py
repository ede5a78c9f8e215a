"""Article reading: formats, normalisation, spans, headings, pull-quotes and bad input."""

from __future__ import annotations

import io

import pytest

from quizapp.domain.article import MAX_BYTES, ArticleError, parse_article
from tests.domain.gold import DATA

SEED = DATA / "seed_article.txt"


def _texts(article, spans):
    return [article.text[s.start : s.end] for s in spans]


def test_seed_article_structure():
    article = parse_article(SEED.read_bytes(), "axis.txt")
    assert article.title == "How Moscow Is Partnering With the Axis of Resistance"
    assert article.words == 2109
    headings = _texts(article, article.headings)
    assert headings[1:] == ["ENEMY OF MY ENEMY", "PEER PRESSURE"]
    sentences = _texts(article, article.sentences)
    assert sentences[0] == "Since invading Ukraine in 2022, Russia has forged deep ties with Iran."
    assert not any("ENEMY" in s for s in sentences), "a heading was glued to a sentence"
    assert all(s.strip() == s and s for s in sentences)
    assert "'" in article.text and "\u2019" not in article.text  # quotes normalised
    assert len(article.sha256) == 64


def test_pull_quotes_are_dropped():
    article = parse_article(SEED.read_bytes(), "axis.txt")
    paragraphs = _texts(article, article.paragraphs)
    assert not any(
        p.startswith("For the axis of resistance, Russia's patronage") for p in paragraphs
    )
    assert any(p.startswith("For the axis, Russia's patronage came") for p in paragraphs)


def test_paragraph_index_and_offsets():
    article = parse_article(SEED.read_bytes(), "axis.txt")
    second = article.paragraphs[1]
    assert article.paragraph_index(second.start) == 1
    assert article.paragraph_index(second.start + 5) == 1
    assert article.paragraph_index(0) == 0


def test_hard_wrapped_text_and_abbreviations():
    raw = (
        "THE TITLE\n\nThe U.S. Army met Dr. Smith in Washington on\nMay 4. "
        "They talked for two hours.\n\nA second paragraph follows here. It has two sentences."
    )
    article = parse_article(raw, "a.txt")
    sentences = _texts(article, article.sentences)
    assert sentences[0] == "The U.S. Army met Dr. Smith in Washington on May 4."
    assert len(article.paragraphs) == 2
    assert _texts(article, article.headings) == ["THE TITLE"]


def test_markdown_headings_links_and_emphasis():
    raw = (
        "# Great Title\n\nSome **bold** text with a [link](http://x.org) here.\n\n"
        "## Part two\n\nMore words in this part."
    )
    article = parse_article(raw.encode(), "a.md")
    assert article.title == "Great Title"
    assert _texts(article, article.headings) == ["Great Title", "Part two"]
    assert "Some bold text with a link here." in article.text


def test_html_main_text_only():
    html = """<html><head><title>Page</title><style>p{color:red}</style></head><body>
    <nav><p>Home | About | Contact us today</p></nav>
    <article><h1>The Real Title</h1><p>The first paragraph has enough words.</p>
    <script>alert('x')</script><p>The second paragraph also has words.</p></article>
    <footer><p>Copyright notice for everyone here.</p></footer></body></html>"""
    article = parse_article(html.encode(), "page.html")
    assert article.title == "The Real Title"
    assert "alert" not in article.text and "Copyright" not in article.text
    assert "Home | About" not in article.text
    assert len(article.sentences) == 2


def _pdf(text: str | None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_without_text_layer():
    with pytest.raises(ArticleError, match="no text layer"):
        parse_article(_pdf(None), "scan.pdf")


def test_broken_pdf():
    with pytest.raises(ArticleError, match="not a readable PDF"):
        parse_article(b"%PDF-1.4 this is not really a pdf", "x.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n\t  ", "empty"),
        ("Hello\n\nWorld", "no sentences"),
        (b"\x00\x01\x02\x03binary", "binary"),
        (b"caf\xe9 au lait is nice", "not UTF-8"),
        (b"a " * (MAX_BYTES // 2), "too large"),
    ],
)
def test_bad_input_gives_one_line_errors(data, message):
    with pytest.raises(ArticleError) as info:
        parse_article(data, "x.txt")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
