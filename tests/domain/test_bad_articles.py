"""Articles of awkward shapes: good items or fewer items with the reason, never a crash."""

from __future__ import annotations

import pytest

from quizapp.generation.analyse import analyse
from quizapp.generation.distractors import surface_forms
from quizapp.generation.gate import hard_failures
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import ArticleError, parse_article
from tests.domain.gold import DATA

BRIDGE = (DATA / "heldout9" / "history_golden_gate_bridge.txt").read_text(encoding="utf-8")
BODY = "\n\n".join(BRIDGE.split("\n\n")[1:5])

SHAPES = {
    "one_sentence": ("The Golden Gate Bridge opened to pedestrians on May 27, 1937.\n", "a.txt"),
    "list": (
        "# Facts\n\n"
        + "\n".join(f"- Fact {i}: tower {i} rises {700 + i} feet" for i in range(1, 30)),
        "a.md",
    ),
    "table": (
        "# Spans\n\n| Bridge | Year | Span |\n|---|---|---|\n"
        + "\n".join(f"| Bridge {i} | {1900 + i} | {1000 + i * 10} |" for i in range(40)),
        "a.md",
    ),
    "dialogue": (
        "Interview\n\n"
        + "\n\n".join(
            ['"Did you build it?" she asked.', '"Yes, I did," he said.', '"When?"', '"In 1937."']
            * 5
        ),
        "a.txt",
    ),
    "numbers": (
        "Results\n\n"
        + " ".join(
            f"Runner {i} finished in {100 + i} minutes and {i % 60} seconds." for i in range(150)
        ),
        "a.txt",
    ),
    "capitals": (BODY.upper(), "a.txt"),
    "mixed_scripts": (
        BODY
        + "\n\nЗолотые Ворота — висячий мост через пролив. 金门大桥是一座位于旧金山的悬索桥。\n",
        "a.txt",
    ),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_awkward_article_gives_sound_items_or_says_why_not(shape):
    text, name = SHAPES[shape]
    article = parse_article(text.encode("utf-8"), name)
    result = generate(article)
    forms = surface_forms(analyse(article))
    for item in result.items:
        assert hard_failures(item, article, forms) == [], item.prompt
        assert item.prompt.upper() != item.prompt  # never a shouted prompt
    if len(result.items) < 3:
        assert result.rejected, "fewer items must come with reasons"


def test_capitals_and_a_table_written_out_are_refused_sentence_by_sentence_with_the_reason():
    for shape, reason in (("capitals", "all_capitals"), ("numbers", "repeated_pattern")):
        text, name = SHAPES[shape]
        result = generate(parse_article(text.encode("utf-8"), name))
        assert result.items == []
        assert result.rejected.get(reason, 0) >= 10


def test_mixed_scripts_keep_the_english_items():
    text, name = SHAPES["mixed_scripts"]
    items = generate(parse_article(text.encode("utf-8"), name)).items
    assert len(items) >= 5
    assert not any("Золот" in i.prompt or "金门" in i.prompt for i in items)


def test_only_headings_is_a_one_line_error():
    with pytest.raises(ArticleError) as caught:
        parse_article(b"# Bridges\n\n## Golden Gate\n\n## Bay Bridge\n", "a.md")
    assert "\n" not in str(caught.value)
