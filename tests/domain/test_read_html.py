"""Reading saved web pages: main content only, no page furniture, metadata kept."""

from pathlib import Path

import pytest

from quizapp.generation.read.furniture import drop_furniture
from quizapp.generation.read.html import Block
from quizapp.generation.segment import ArticleError, parse_article

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
NEWS = (PAGES / "news_with_furniture.html").read_bytes()


def _paragraph(text: str) -> Block:
    return Block("paragraph", text)


def test_news_page_keeps_the_story_and_drops_the_furniture():
    article = parse_article(NEWS, "seals.html")
    text = article.text
    assert "Harbour seals have returned to the Vell estuary" in text
    assert "the seals feed mostly on flounder" in text
    for furniture in (
        "Sport",  # menu
        "Share on Facebook",
        "Getty Images",  # photo credit in a caption
        "By Mara Lindqvist",  # byline
        "Sign up for our newsletter",
        "Seal counts in the Vell estuary",  # reference list
        "Otters spotted",  # related links
        "Most read",
        "All rights reserved",
    ):
        assert furniture not in text, furniture


def test_news_page_metadata_becomes_the_article_attribution():
    article = parse_article(NEWS, "seals.html")
    assert article.title == "Harbour seals return to the estuary"
    assert article.byline == "Mara Lindqvist"
    assert article.published == "2023-04-18"
    assert article.site == "The Coastal Herald"
    assert article.language.code == "en"
    # the page title is metadata, not a heading of the body; section headings are kept
    headings = [article.text[h.start : h.end] for h in article.headings]
    assert headings == ["Fish stocks recover"]


def test_words_are_never_glued_across_inline_elements_or_line_breaks():
    article = parse_article(NEWS, "seals.html")
    assert "along twelve kilometres of the lower river" in article.text
    assert "said Dr Ines Falk, who led the survey. She expects" in article.text


def test_a_page_with_no_article_is_refused_with_a_reason():
    links = "".join(f'<li><a href="/p{i}">Story number {i}</a></li>' for i in range(40))
    page = f"<html><body><nav><ul>{links}</ul></nav></body></html>"
    with pytest.raises(ArticleError, match="no article text"):
        parse_article(page.encode(), "links.html")
    login = (
        "<html><body><form><label>E-mail</label><input name=e>"
        "<label>Password</label><input type=password><button>Log in</button></form></body></html>"
    )
    with pytest.raises(ArticleError, match="no article text"):
        parse_article(login.encode(), "login.html")


def test_truncated_html_is_read_up_to_where_it_stops():
    cut = NEWS[: NEWS.index(b"Since then the trust")]
    article = parse_article(cut, "cut.html")
    assert "Volunteers counted 212 seals" in article.text


def test_a_page_whose_charset_lies_is_still_read():
    page = (
        '<html><head><meta charset="utf-8"><title>Caf\xe9 culture</title></head><body><article>'
        "<p>The caf\xe9 on the corner opened in 1921 and still serves the same "
        "cr\xe8me br\xfbl\xe9e to the regulars who have come every morning for decades.</p>"
        "<p>Its owner, Am\xe9lie Roux, says the recipe has never changed since her grandmother's "
        "time, and that the secret is in the slow oven.</p></article></body></html>"
    ).encode("latin-1")
    article = parse_article(page, "cafe.html")
    assert "opened in 1921" in article.text
    assert "\x00" not in article.text


def test_a_non_english_page_is_read_and_its_language_named():
    page = (
        "<html><head><title>Il porto di Genova</title></head><body><article>"
        "<p>Il porto di Genova è uno dei più grandi del Mediterraneo e ogni anno accoglie "
        "milioni di passeggeri e di container provenienti da tutto il mondo.</p>"
        "<p>Negli ultimi dieci anni il traffico delle merci è cresciuto in modo costante, "
        "soprattutto grazie ai nuovi collegamenti ferroviari con la pianura padana.</p>"
        "</article></body></html>"
    )
    article = parse_article(page.encode(), "genova.html")
    assert "Il porto di Genova è uno dei più grandi" in article.text
    assert (article.language.code, article.language.name) == ("it", "Italian")


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jens Ahlberg/Getty Images",
        "Animation by Lisa Larson-Walker",
        "Share this article",
        "By Mara Lindqvist",
        "Tuesday, April 18, 2023",
        "Sign up for our newsletter",
    ],
)
def test_furniture_lines_are_dropped(line):
    kept = drop_furniture([_paragraph(line), _paragraph("The river has recovered at last.")])
    assert [block.text for block in kept] == ["The river has recovered at last."]


def test_ordinary_short_paragraphs_and_credits_inside_long_ones_are_kept():
    story = (
        "The photographer, who sold her first picture to Getty Images in 1990, spent three "
        "winters on the estuary waiting for the seals to come back, and the museum now shows "
        "the whole series in its east wing."
    )
    blocks = [_paragraph("By then the river was clean."), _paragraph(story)]
    assert drop_furniture(blocks) == blocks


def test_back_matter_sections_and_trailing_headings_are_dropped():
    blocks = [
        Block("heading", "The survey"),
        _paragraph("The seals came back in March."),
        Block("heading", "Notes"),
        _paragraph("1. Counts were made at low tide."),
        Block("heading", "More stories"),
    ]
    assert drop_furniture(blocks) == blocks[:2]


def test_sentences_about_the_site_are_cut_from_long_paragraphs():
    story = (
        "The ferry resumed service on Monday after a three-week repair. "
        "Follow @HarbourNews on Twitter for the latest timetables. "
        "The operator said the new engines burn a fifth less fuel."
    )
    kept = drop_furniture([_paragraph(story)])
    assert [block.text for block in kept] == [
        "The ferry resumed service on Monday after a three-week repair. "
        "The operator said the new engines burn a fifth less fuel."
    ]


def test_a_paragraph_mostly_about_the_site_is_dropped_whole():
    promo = (
        "Start your day with the Morning Tide. The Morning Tide is read by ten thousand "
        "skippers. Sign up for the free daily newsletter."
    )
    story = _paragraph("The ferry resumed service on Monday.")
    assert drop_furniture([_paragraph(promo), story]) == [story]


def test_a_press_release_company_description_without_its_heading_is_dropped():
    about = (
        "Nordhavn Systems is a global provider of port logistics software. The company is "
        "headquartered in Aarhus, Denmark, and employs around 900 people worldwide."
    )
    story = _paragraph("The port will open a second container terminal in 2027.")
    assert drop_furniture([story, _paragraph(about)]) == [story]


def test_a_you_may_also_like_line_starts_back_matter_even_as_a_paragraph():
    blocks = [
        _paragraph("The band will tour again in May."),
        _paragraph("You may also like..."),
        _paragraph("Who will make the Hall of Fame in 2030?"),
    ]
    assert drop_furniture(blocks) == blocks[:1]


def test_teasers_before_the_article_s_own_title_are_dropped():
    blocks = [
        _paragraph("The new tablet is now on sale in twelve countries."),
        Block("heading", "Ferry service resumes after repair"),
        _paragraph("The ferry resumed service on Monday."),
        _paragraph("The repair took three weeks."),
        _paragraph("The engines are new."),
    ]
    kept = drop_furniture(blocks, title="Ferry service resumes after repair")
    assert kept == blocks[2:]


def test_a_call_to_action_paragraph_is_dropped():
    story = _paragraph("The course covers goal setting over six weeks.")
    assert drop_furniture([story, _paragraph("Get started with 2B Mindset here.")]) == [story]
