"""Article reading: formats, normalisation, spans, headings, pull-quotes and bad input."""

from __future__ import annotations

import io

import pytest

from quizapp.generation.segment import MAX_ARTICLE_BYTES, ArticleError, parse_article
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
        (b"a " * (MAX_ARTICLE_BYTES // 2 + 1), "larger than 5 MB"),
    ],
)
def test_bad_input_gives_one_line_errors(data, message):
    with pytest.raises(ArticleError) as info:
        parse_article(data, "x.txt")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


HEADER = (
    "Russia\u2019s Dangerous New Friends: How Moscow Is Partnering With the Axis of Resistance\n"
    "By Hamidreza Azizi and Hanna Notte\n"
    "Foreign Affairs, February 14, 2024\n"
    "Quoted in full for study purposes only, with attribution to the authors and Foreign "
    "Affairs; all rights remain with them.\n\n"
)


def test_attribution_header_gives_title_byline_and_venue_but_no_headings_or_sentences():
    article = parse_article((HEADER + SEED.read_text(encoding="utf-8")).encode(), "axis.txt")
    title = "Russia's Dangerous New Friends: How Moscow Is Partnering With the Axis of Resistance"
    assert article.title == title
    assert article.byline == "Hamidreza Azizi and Hanna Notte"
    assert article.venue == "Foreign Affairs, February 14, 2024"
    # byline, venue and notice are not article words; the title line is
    assert article.words == 2109 + len(title.split())
    headings = _texts(article, article.headings)
    assert headings[0] == title
    assert headings[1] == "How Moscow Is Partnering With the Axis of Resistance"
    assert not any(h.startswith(("By ", "Foreign Affairs")) for h in headings)
    sentences = _texts(article, article.sentences)
    assert sentences[0] == "Since invading Ukraine in 2022, Russia has forged deep ties with Iran."
    assert not any("Quoted in full" in s or "Hanna Notte" in s for s in sentences)
    # the header stays in the text, so every offset still points at the original characters
    assert article.text.startswith(title + "\nBy Hamidreza Azizi")
    plain = parse_article(SEED.read_bytes(), "axis.txt")
    shift = article.text.index("How Moscow Is Partnering With the Axis of Resistance\nSince")
    assert [(s.start - shift, s.end - shift) for s in article.sentences] == [
        (s.start, s.end) for s in plain.sentences
    ]


def test_lines_under_a_title_are_a_header_only_with_a_byline_or_venue_and_a_blank_line():
    body = "The first sentence of the body is here. A second sentence follows it.\n"
    header = parse_article(f"A Title\nBy Jane Doe\nThe Atlantic, March 3, 2021\n\n{body}")
    assert (header.title, header.byline, header.venue) == (
        "A Title",
        "Jane Doe",
        "The Atlantic, March 3, 2021",
    )
    assert _texts(header, header.headings) == ["A Title"]
    no_blank = parse_article(f"A Title\nBy Jane Doe\n{body}")
    assert no_blank.byline == ""
    prose = parse_article(f"A Title\nBy the river the town grew quickly.\n\n{body}")
    assert prose.byline == ""
    assert any("By the river the town grew quickly." in s for s in _texts(prose, prose.sentences))
    notice_only = parse_article(f"A Title\nAll rights reserved by the publisher.\n\n{body}")
    assert notice_only.byline == "" and len(notice_only.sentences) == 3


def test_an_abbreviation_after_a_bracket_does_not_end_the_sentence():
    raw = "The findings were published today (Nov. 18) in the journal BMJ Case Reports."
    article = parse_article(raw, "a.txt")
    assert _texts(article, article.sentences) == [raw]


def test_an_opus_number_does_not_end_the_sentence():
    # held-out round 23: "… the Piano Trio in G minor, Op." was asked as a sentence
    raw = "Her mature works include the Piano Trio in G minor, Op. 17, of 1846, and many songs."
    article = parse_article(raw, "a.txt")
    assert _texts(article, article.sentences) == [raw]


def test_markdown_headings_in_plain_text_are_headings_without_their_hashes():
    # held-out round 29: a .txt with "## The canal and Etruria" gave items the topic "## The …"
    raw = (
        "Josiah Wedgwood\n\nHe was born in Burslem in 1730.\n\n## The canal and Etruria\n\n"
        "The canal was completed in 1777. #pottery fans still visit."
    )
    article = parse_article(raw.encode(), "wedgwood.txt")
    assert _texts(article, article.headings)[-1] == "The canal and Etruria"
    assert article.heading_before(article.text.index("The canal was")) == "The canal and Etruria"
    assert "#pottery fans still visit." in article.text
