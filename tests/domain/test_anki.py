"""Deck → .apkg: validated, sanitised, stable ids, and checked against the real Anki backend."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import genanki
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.domain import anki
from quizapp.domain.anki import ExportError, deck_to_apkg
from quizapp.domain.items import Deck, DeckSource, QuizItem

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
XSS_PROMPT = "Who <script>alert('x')</script> jammed <img src=x onerror=alert(1)> signals?"
# Markers of Anki's template error pages (broken template, no cloze, blank front).
RENDER_ERRORS = ("templates/errors", "has a problem", "No cloze", "is blank", "Please edit")


def sample_items() -> list[QuizItem]:
    return [
        QuizItem(
            key="cloze-khmeimim",
            type="cloze",
            prompt="Russia jammed GPS signals around the ____ air base.",
            answer="Khmeimim",
            quote="Russia jammed GPS signals around the Khmeimim air base.",
            topic="Russian military support",
        ),
        QuizItem(
            key="mcq-patron",
            type="mcq",
            prompt="Which state is the axis's main patron?",
            answer="Iran",
            choices=["Iraq", "Iran", "Qatar", "Oman"],
            explanation="Tehran funds and arms the network.",
            topic="Iran's network",
        ),
        QuizItem(
            key="tf-houthis",
            type="true_false",
            prompt="The Houthis are based in Yemen.",
            answer="True",
            topic="Iran's network",
        ),
        QuizItem(
            key="short-leader",
            type="short_answer",
            prompt="Which group controls northern Yemen?",
            answer="The Houthis",
            accepted=["Houthis", "Ansar Allah"],
            topic="Yemen & the Red Sea: {{c2::x}}",
        ),
        QuizItem(
            key="basic-aim",
            type="basic",
            prompt="What does the author recommend?",
            answer="Deterrence backed by allies.",
            kind="argument",
        ),
        QuizItem(
            key="xss-item",
            type="short_answer",
            prompt=XSS_PROMPT,
            answer="Russia",
            explanation="<b onmouseover=alert(2)>bold</b> <iframe src=//evil></iframe>",
            quote='"><svg onload=alert(3)>',
        ),
    ]


def sample_deck(items: list[QuizItem] | None = None, updated_at: datetime = T0) -> Deck:
    return Deck(
        slug="axis-of-resistance",
        title="Axis of Resistance",
        description="Iran's network <em>explained</em>",
        items=sample_items() if items is None else items,
        source=DeckSource(title="The Axis of Resistance <b>Explained</b>"),
        updated_at=updated_at,
    )


def package_notes(data: bytes, tmp_path: Path) -> list[tuple[str, int, int, str, str]]:
    """(guid, mid, mod, tags, flds) of every note inside an .apkg."""
    path = tmp_path / "deck.apkg"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        return connection.execute("SELECT guid, mid, mod, tags, flds FROM notes").fetchall()
    finally:
        connection.close()


# --- pure checks on the package ------------------------------------------------------------


def test_notes_use_fixed_models_stable_guids_tags_and_the_deck_timestamp(tmp_path):
    notes = package_notes(deck_to_apkg(sample_deck()), tmp_path)
    by_guid = {guid: (mid, mod, tags, flds) for guid, mid, mod, tags, flds in notes}
    assert len(notes) == 6
    expected_models = {
        "cloze": anki.MODEL_CLOZE_ID,
        "mcq": anki.MODEL_MCQ_ID,
        "true_false": anki.MODEL_BASIC_ID,
        "short_answer": anki.MODEL_BASIC_ID,
        "basic": anki.MODEL_BASIC_ID,
    }
    for item in sample_items():
        guid = genanki.guid_for("quizapp", "axis-of-resistance", item.key)
        mid, mod, tags, flds = by_guid[guid]
        assert mid == expected_models[item.type]
        assert mod == int(T0.timestamp())
        fields = dict(zip(anki.FIELDS, flds.split("\x1f"), strict=True))
        assert fields["ItemKey"] == item.key
    mcq = by_guid[genanki.guid_for("quizapp", "axis-of-resistance", "mcq-patron")]
    assert "quizapp::axis-of-resistance::iran-s-network" in mcq[2].split()
    no_topic = by_guid[genanki.guid_for("quizapp", "axis-of-resistance", "basic-aim")]
    assert no_topic[2].split() == ["quizapp::axis-of-resistance"]


def test_same_deck_gives_identical_bytes_and_ids_depend_only_on_slug():
    assert deck_to_apkg(sample_deck()) == deck_to_apkg(sample_deck())
    assert anki.deck_id_for("axis-of-resistance") == anki.deck_id_for("axis-of-resistance")
    assert anki.deck_id_for("axis-of-resistance") != anki.deck_id_for("other-deck")
    assert (1 << 30) <= anki.deck_id_for("x") < (1 << 31)


def test_cloze_prompt_becomes_one_deletion_and_user_braces_cannot_add_more():
    item = QuizItem(
        key="c", type="cloze", prompt="{{c2::sneaky}} the ____ base: {x}", answer="Khmei::mim}}"
    )
    text = anki.cloze_html(item)
    assert text.count("{{c") == 1
    assert text.startswith("&#123;&#123;c2::sneaky&#125;&#125; the ")
    assert "{{c1::Khmei&#58;&#58;mim&#125;&#125;}}" in text


def test_script_and_event_handlers_never_reach_the_package(tmp_path):
    notes = package_notes(deck_to_apkg(sample_deck()), tmp_path)
    for _guid, _mid, _mod, _tags, flds in notes:
        assert "<script" not in flds.lower()
        assert "<iframe" not in flds.lower() and "<img" not in flds.lower()
        assert "<svg" not in flds.lower()
        soup = BeautifulSoup(flds.replace("\x1f", "<hr>"), "html.parser")
        assert soup.find(["script", "img", "iframe", "svg"]) is None
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
    xss = next(n for n in notes if n[0] == anki.note_guid("axis-of-resistance", "xss-item"))
    # Shown as the text that was typed, not as markup.
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in xss[4]


def test_no_temporary_files_are_left_behind(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = sorted(p.name for p in scratch.iterdir())
    deck_to_apkg(sample_deck())
    assert sorted(p.name for p in scratch.iterdir()) == before == []
    # The check can fail: genanki's own writer leaves its SQLite file there (DESIGN §7).
    anki.build_package(sample_deck()).write_to_file(str(tmp_path / "raw.apkg"), timestamp=1.0)
    assert len(list(scratch.iterdir())) == 1


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (QuizItem(key="cloze-nodel", type="cloze", prompt="No blank here.", answer="x"), "nodel"),
        (QuizItem(key="empty-front", type="basic", prompt="   ", answer="x"), "empty-front"),
        (QuizItem(key="no-answer", type="basic", prompt="Q?", answer=""), "no-answer"),
        (QuizItem(key="one-choice", type="mcq", prompt="Q?", answer="a", choices=["a"]), "one-ch"),
    ],
)
def test_items_that_would_make_no_card_are_rejected_by_key(item, message):
    deck = sample_deck([*sample_items()[:2], item])
    with pytest.raises(ExportError, match=message):
        deck_to_apkg(deck)


def test_empty_deck_and_missing_timestamp_are_rejected():
    with pytest.raises(ExportError, match="no approved items"):
        deck_to_apkg(sample_deck([]))
    with pytest.raises(ExportError, match="last-change time"):
        deck_to_apkg(Deck(slug="d", title="D", items=sample_items()))


# --- the real Anki backend -------------------------------------------------------------------

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions
IF_NEWER = pytest.importorskip(
    "anki.import_export_pb2"
).IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


def import_apkg(col, data: bytes, path: Path):
    path.write_bytes(data)
    options = ImportAnkiPackageOptions(
        update_notes=IF_NEWER, update_notetypes=IF_NEWER, with_scheduling=False
    )
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def note_by_key(col, key: str):
    guid = anki.note_guid("axis-of-resistance", key)
    (note_id,) = [nid for nid in col.find_notes("") if col.get_note(nid).guid == guid]
    return col.get_note(note_id)


def test_apkg_imports_renders_and_updates_in_place(tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        items = sample_items()
        log = import_apkg(col, deck_to_apkg(sample_deck(items)), tmp_path / "v1.apkg")
        assert len(log.new) == len(items)
        assert col.note_count() == len(items)
        assert col.card_count() == len(items)  # one card per item, the cloze too

        assert "Axis of Resistance" in [d.name for d in col.decks.all_names_and_ids()]
        assert "quizapp::axis-of-resistance::russian-military-support" in col.tags.all()
        names = {col.get_note(nid).note_type()["name"] for nid in col.find_notes("")}
        assert names == {"quizapp Basic", "quizapp Cloze", "quizapp Multiple choice"}

        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            output = card.render_output(reload=True)
            for text in (output.question_text, output.answer_text):
                assert not [marker for marker in RENDER_ERRORS if marker in text], text
                if card.note()["ItemKey"] != "xss-item":  # its text says "onerror" on purpose
                    assert "error" not in text.lower(), text
                soup = BeautifulSoup(text, "html.parser")
                assert soup.find(["script", "img", "iframe", "svg"]) is None
            if card.note().note_type()["name"] == "quizapp Cloze":
                assert "[...]" in output.question_text
                front = BeautifulSoup(output.question_text, "html.parser").get_text()
                assert "Khmeimim" not in front  # hidden (Anki keeps it only in data-cloze)
                assert "Khmeimim" in BeautifulSoup(output.answer_text, "html.parser").get_text()
            else:
                assert card.note()["Prompt"] in output.question_text
        mcq_card = note_by_key(col, "mcq-patron").cards()[0].render_output(reload=True)
        assert "<li>Oman</li>" in mcq_card.question_text
        assert "Tehran funds" in mcq_card.answer_text

        # Study one card in Anki, then edit that item and add another in quizapp.
        edited = note_by_key(col, "mcq-patron")
        card = edited.cards()[0]
        card.start_timer()
        col.sched.answerCard(card, 3)
        reps_before = col.get_card(card.id).reps
        revlog_before = col.db.scalar("select count() from revlog where cid = ?", card.id)
        assert reps_before == 1 and revlog_before == 1

        items[1].prompt = "Which state is the axis's main patron and arms supplier?"
        items.append(
            QuizItem(
                key="new-item", type="short_answer", prompt="Where is Khmeimim?", answer="Syria"
            )
        )
        later = sample_deck(items, updated_at=T0 + timedelta(hours=2))
        log = import_apkg(col, deck_to_apkg(later), tmp_path / "v2.apkg")
        assert len(log.new) == 1 and len(log.updated) >= 1
        assert col.note_count() == len(items) and col.card_count() == len(items)
        after = note_by_key(col, "mcq-patron")
        assert after.id == edited.id
        assert after["Prompt"] == "Which state is the axis's main patron and arms supplier?"
        assert col.get_card(card.id).reps == reps_before
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        assert note_by_key(col, "new-item")["Answer"] == "Syria"

        # Re-importing the same export changes nothing and duplicates nothing.
        log = import_apkg(col, deck_to_apkg(later), tmp_path / "v3.apkg")
        assert len(log.new) == 0 and len(log.updated) == 0
        assert col.note_count() == len(items)
        # An edit stamped with the same time is skipped by Anki: why the timestamp must move.
        items[2].prompt = "The Houthis are based in Oman."
        log = import_apkg(
            col, deck_to_apkg(sample_deck(items, later.updated_at)), tmp_path / "v4.apkg"
        )
        assert len(log.updated) == 0
        assert "Yemen" in note_by_key(col, "tf-houthis")["Prompt"]
    finally:
        col.close()


@settings(max_examples=300, deadline=None)
@given(slug=st.text(max_size=40), key=st.text(max_size=60))
def test_note_guid_is_exactly_genankis_guid_for(slug, key):
    assert anki.note_guid(slug, key) == genanki.guid_for("quizapp", slug, key)
