"""Anki CSV (through Anki's own importer), GIFT and the items JSON."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from quizapp.domain import anki, formats
from quizapp.domain.anki import ExportError
from quizapp.domain.items import QuizItem
from tests.domain.test_anki import RENDER_ERRORS, sample_deck, sample_items

# --- GIFT ------------------------------------------------------------------------------------


def gift_blocks(text: str) -> dict[str, str]:
    """Question text by its ::title:: (the item key)."""
    blocks = {}
    for line in text.splitlines():
        match = re.match(r"::((?:\\.|[^:\\])*)::(.*)$", line)
        if match:
            blocks[re.sub(r"\\(.)", r"\1", match.group(1))] = match.group(2)
    return blocks


def test_gift_escapes_every_special_character():
    assert formats.gift_escape("a~b=c#d{e}f:g\\h") == r"a\~b\=c\#d\{e\}f\:g\\h"
    assert formats.gift_escape("two\nlines") == r"two\nlines"


def test_gift_question_types():
    blocks = gift_blocks(formats.to_gift(sample_deck()))
    assert len(blocks) == len(sample_items())
    assert blocks["mcq-patron"].startswith("[html]Which state is the axis's main patron? {")
    assert (
        "~Iraq =Iran ~Qatar ~Oman ####Tehran funds and arms the network.}" in (blocks["mcq-patron"])
    )
    assert blocks["tf-houthis"] == "[html]The Houthis are based in Yemen. {TRUE}"
    assert blocks["short-leader"].endswith("{=The Houthis =Houthis =Ansar Allah}")
    # The cloze becomes a missing-word short answer where the blank was.
    assert blocks["cloze-khmeimim"].startswith(
        "[html]Russia jammed GPS signals around the {=Khmeimim ####"
    )
    assert blocks["cloze-khmeimim"].endswith("} air base.")
    # Free-recall items become essays with the model answer as general feedback.
    assert blocks["basic-aim"] == (
        "[html]What does the author recommend? {####Deterrence backed by allies.}"
    )


def test_gift_text_cannot_break_out_of_its_question():
    item = QuizItem(
        key="k:1",
        type="mcq",
        prompt="Is 2 = 2? {~trap} #x <b>",
        answer="yes: = sure",
        choices=["yes: = sure", "no ~ way"],
    )
    deck = sample_deck([item])
    body = gift_blocks(formats.to_gift(deck))["k:1"]
    assert body == r"[html]Is 2 \= 2? \{\~trap\} \#x &lt;b&gt; {=yes\: \= sure ~no \~ way}"
    assert formats.to_gift(deck).splitlines()[4] == r"::k\:1::" + body


def test_gift_false_statement_and_validation():
    item = QuizItem(key="f", type="true_false", prompt="Oman leads the axis.", answer="False")
    assert "{FALSE}" in formats.to_gift(sample_deck([item]))
    bad = QuizItem(key="cloze-without-blank", type="cloze", prompt="Nothing blank.", answer="x")
    with pytest.raises(ExportError, match="cloze-without-blank"):
        formats.to_gift(sample_deck([bad]))
    with pytest.raises(ExportError, match="no approved items"):
        formats.to_gift(sample_deck([]))


# --- JSON ------------------------------------------------------------------------------------


def test_json_is_the_items_contract_and_round_trips():
    data = json.loads(formats.to_json(sample_deck()))
    assert data["format"] == "quizapp-items/1"
    assert data["deck"] == {"slug": "axis-of-resistance", "title": "Axis of Resistance"}
    assert data["article"]["title"] == "The Axis of Resistance <b>Explained</b>"
    assert [QuizItem.from_contract(item) for item in data["items"]] == sample_items()
    with pytest.raises(ExportError):
        formats.to_json(sample_deck([]))


# --- Anki CSV --------------------------------------------------------------------------------


def test_csv_headers_and_rows():
    text = formats.to_csv(sample_deck())
    lines = text.splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype column:1",
        "#guid column:2",
        "#tags column:3",
        "#deck:Axis of Resistance",
    ]
    rows = lines[6:]
    assert len(rows) == len(sample_items())
    assert all(not row.startswith("#") for row in rows)
    assert "<script" not in text.lower() and "<img" not in text.lower()
    with pytest.raises(ExportError, match="empty-one"):
        formats.to_csv(
            sample_deck([QuizItem(key="empty-one", type="basic", prompt="", answer="a")])
        )


def test_csv_imports_through_ankis_own_importer(tmp_path):
    collection = pytest.importorskip("anki.collection")
    items = sample_items()
    deck = sample_deck(items)
    path = tmp_path / "deck.csv"
    path.write_text(formats.to_csv(deck), encoding="utf-8")
    col = collection.Collection(str(tmp_path / "csv.anki2"))
    try:
        metadata = col.get_csv_metadata(path=str(path), delimiter=None)
        log = col.import_csv(collection.ImportCsvRequest(path=str(path), metadata=metadata)).log
        assert len(log.new) == len(items)
        assert col.note_count() == len(items)
        assert col.card_count() == len(items)  # the cloze gives exactly one card
        assert "Axis of Resistance" in [d.name for d in col.decks.all_names_and_ids()]
        assert "quizapp::axis-of-resistance::russian-military-support" in col.tags.all()
        guids = {col.get_note(nid).guid for nid in col.find_notes("")}
        assert guids == {anki.note_guid(deck.slug, item.key) for item in items}
        cloze_cards = col.find_cards("note:Cloze")
        assert len(cloze_cards) == 1
        front = col.get_card(cloze_cards[0]).render_output(reload=True).question_text
        assert "[...]" in front
        for card_id in col.find_cards(""):
            output = col.get_card(card_id).render_output(reload=True)
            for html in (output.question_text, output.answer_text):
                assert not [m for m in RENDER_ERRORS if m in html], html
                assert BeautifulSoup(html, "html.parser").find(["script", "img"]) is None
        # Importing the same file again updates in place: no duplicates.
        col.import_csv(collection.ImportCsvRequest(path=str(path), metadata=metadata))
        assert col.note_count() == len(items)
    finally:
        col.close()
