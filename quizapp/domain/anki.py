"""Deck → Anki .apkg bytes with genanki: fixed note types, stable ids, sanitised HTML (pure)."""

from __future__ import annotations

import functools
import hashlib
import html
import io
import itertools
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass

import genanki
import nh3

from quizapp.domain.items import CLOZE_BLANK, Deck, QuizItem

# Fixed forever: Anki matches note types by id; a new id would give users a second note type.
MODEL_BASIC_ID = 1_718_204_501
MODEL_CLOZE_ID = 1_718_204_502
MODEL_MCQ_ID = 1_718_204_503
GUID_NAMESPACE = "quizapp"
ZIP_EPOCH = 315_532_800  # 1980-01-01: zip entry dates cannot be earlier
# A tag naming the quizapp account an .apkg was exported for, so reviews read back from Anki
# (domain/anki_history.py) cannot be attached to another account.
OWNER_TAG_PREFIX = "quizapp::owner::"

# Every field any note type will ever need: adding one later makes Anki copy the note type
# ("quizapp Basic+") and leave existing notes un-updated (DESIGN §7).
FIELDS = (
    "Prompt",
    "Answer",
    "Choices",
    "Accepted",
    "Explanation",
    "Quote",
    "ArticleTitle",
    "Topic",
    "ItemKey",
)
# Fixed markup (no user text) put before a true/false statement.
TRUE_FALSE_LABEL = "<b>True or false?</b><br>"
ALLOWED_TAGS = {"b", "i", "em", "strong", "br", "ol", "ul", "li", "p", "span", "div", "sub", "sup"}


class ExportError(ValueError):
    """An export that would be empty or would make a card Anki silently drops."""


CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left;
  color: #1d232a; background: #fbfbf8; margin: 0;
}
.quizapp { max-width: 36em; margin: 0 auto; padding: 1em 1.1em 2em; overflow-wrap: anywhere; }
.prompt { font-size: 1.1em; }
.choices ol { list-style: upper-alpha; padding-left: 1.7em; margin: .8em 0 0; }
.choices li { margin: .4em 0; padding-left: .2em; }
hr#answer { border: 0; border-top: 1px solid #c9cdd4; margin: 1em 0; }
.answer { font-size: 1.15em; font-weight: 650; }
.accepted, .topic, .quote cite { color: #59626d; font-size: .85em; }
.explanation { margin-top: .8em; }
.quote {
  margin: 1em 0 0; padding: .55em .9em; border-left: 4px solid #7f9cc6;
  background: #eef2f8; border-radius: 0 6px 6px 0;
}
.quote cite { display: block; font-style: normal; margin-top: .35em; }
.topic { margin-top: 1.2em; text-transform: uppercase; letter-spacing: .04em; font-size: .7em; }
.cloze { font-weight: 700; color: #1f5fbf; }
@media (max-width: 480px) { .card { font-size: 18px; } .quizapp { padding: .8em .8em 1.5em; } }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e4e7eb; background: #1c2127;
}
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #3a424d; }
.nightMode .accepted, .nightMode .topic, .nightMode .quote cite,
.night_mode .accepted, .night_mode .topic, .night_mode .quote cite { color: #a3adb8; }
.nightMode .quote, .night_mode .quote { background: #27303b; border-left-color: #5d7fb0; }
.nightMode .cloze, .night_mode .cloze { color: #86b6ff; }
"""

_EXTRAS = (
    '{{#Accepted}}<div class="accepted">Also accepted: {{Accepted}}</div>{{/Accepted}}'
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Quote}}<blockquote class="quote">{{Quote}}'
    "{{#ArticleTitle}}<cite>{{ArticleTitle}}</cite>{{/ArticleTitle}}</blockquote>{{/Quote}}"
    '{{#Topic}}<div class="topic">{{Topic}}</div>{{/Topic}}'
)
_PROMPT = '<div class="prompt">{{Prompt}}</div>'
_CHOICES = '<div class="choices">{{Choices}}</div>'
_ANSWER = '<hr id="answer"><div class="answer">{{Answer}}</div>'


def _wrap(body: str) -> str:
    return f'<div class="quizapp">{body}</div>'


def _model(model_id: int, name: str, qfmt: str, afmt: str, model_type: int) -> genanki.Model:
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": name_} for name_ in FIELDS],
        templates=[{"name": "Card 1", "qfmt": _wrap(qfmt), "afmt": _wrap(afmt)}],
        css=CSS,
        model_type=model_type,
    )


BASIC_MODEL = _model(
    MODEL_BASIC_ID,
    "quizapp Basic",
    _PROMPT,
    _PROMPT + _ANSWER + _EXTRAS,
    genanki.Model.FRONT_BACK,
)
MCQ_MODEL = _model(
    MODEL_MCQ_ID,
    "quizapp Multiple choice",
    _PROMPT + _CHOICES,
    _PROMPT + _CHOICES + _ANSWER + _EXTRAS,
    genanki.Model.FRONT_BACK,
)
CLOZE_MODEL = _model(
    MODEL_CLOZE_ID,
    "quizapp Cloze",
    '<div class="prompt">{{cloze:Prompt}}</div>',
    '<div class="prompt">{{cloze:Prompt}}</div><hr id="answer">' + _EXTRAS,
    genanki.Model.CLOZE,
)


def sanitize(fragment: str) -> str:
    """Keep only harmless formatting tags, with no attributes at all (nh3)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes={})


def text_html(text: str, *, strip: bool = True) -> str:
    """Plain text as inert HTML: escaped, line breaks kept as <br>.

    Escaped text holds no markup, so it needs no sanitiser (nh3 costs ~10 µs a call, which
    would dominate a large export); HTML we compose from it goes through `sanitize`.
    Apostrophes stay readable (and searchable in Anki); double quotes are escaped so a field
    is inert inside a double-quoted attribute of a user's own template too.
    """
    if strip:
        text = text.strip()
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace('"', "&quot;")
    if "\r" in escaped or "\n" in escaped:
        escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return escaped


def _cloze_literal(fragment: str) -> str:
    # Braces typed by users must not open a second deletion (an extra card) in Anki.
    return fragment.replace("{", "&#123;").replace("}", "&#125;")


def cloze_html(item: QuizItem) -> str:
    """The cloze prompt with its `____` blank turned into a `{{c1::answer}}` deletion."""
    before, _, after = item.prompt.partition(CLOZE_BLANK)
    # ":" inside a deletion would start an Anki hint ("{{c1::answer::hint}}").
    deletion = _cloze_literal(text_html(item.answer)).replace(":", "&#58;")
    return (
        _cloze_literal(text_html(before.lstrip(), strip=False))
        + "{{c1::"
        + deletion
        + "}}"
        + _cloze_literal(text_html(after.rstrip(), strip=False))
    )


def choices_html(choices: list[str]) -> str:
    """Choices as an ordered list (lettered A, B, C… by the card CSS)."""
    if not choices:
        return ""
    return sanitize("<ol>" + "".join(f"<li>{text_html(c)}</li>" for c in choices) + "</ol>")


def validate_items(deck: Deck) -> None:
    """Raise ExportError for an empty deck or an item that would make zero cards."""
    if not deck.items:
        raise ExportError(f"Deck {deck.slug!r} has no approved items to export.")
    for item in deck.items:
        if not item.prompt.strip():
            raise ExportError(f"Item {item.key!r} has an empty prompt (Anki would make no card).")
        if not item.answer.strip():
            raise ExportError(f"Item {item.key!r} has an empty answer.")
        if item.type == "cloze" and CLOZE_BLANK not in item.prompt:
            raise ExportError(
                f"Cloze item {item.key!r} has no {CLOZE_BLANK} blank, so it has no deletion "
                "(Anki would make no card)."
            )
        if item.type == "mcq" and len(item.choices) < 2:
            raise ExportError(f"Multiple-choice item {item.key!r} has fewer than two choices.")


@functools.lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated; safe inside an Anki tag."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def note_tags(deck: Deck, item: QuizItem) -> list[str]:
    """`quizapp::<slug>::<topic>` (or `quizapp::<slug>` when the item has no topic)."""
    base = f"quizapp::{slugify(deck.slug) or 'deck'}"
    topic = slugify(item.topic)
    return [f"{base}::{topic}" if topic else base]


def deck_id_for(slug: str) -> int:
    """A stable Anki deck id derived from the slug, in genanki's recommended range."""
    digest = hashlib.sha256(f"quizapp-deck:{slug}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


_BASE91 = genanki.util.BASE91_TABLE


def note_guid(slug: str, key: str) -> str:
    """The note GUID: stable per deck slug and item key, so re-imports update, not duplicate.

    Equal to genanki.guid_for("quizapp", slug, key), computed without its per-byte loop.
    """
    digest = hashlib.sha256(f"{GUID_NAMESPACE}__{slug}__{key}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    digits = []
    while number:
        number, digit = divmod(number, 91)
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))


def deck_name(deck: Deck) -> str:
    """The Anki deck name: the title on one line."""
    return " ".join(deck.title.split()) or deck.slug


def package_timestamp(deck: Deck) -> float:
    """The deck's last content change in epoch seconds: Anki updates notes only when newer."""
    if deck.updated_at is None:
        raise ExportError(f"Deck {deck.slug!r} has no last-change time; cannot stamp the package.")
    if deck.updated_at.tzinfo is None:
        raise ExportError(f"Deck {deck.slug!r} has a naive last-change time; use UTC.")
    return deck.updated_at.timestamp()


def article_title_html(deck: Deck) -> str:
    """The source article's title as HTML ("" without a source)."""
    return text_html(deck.source.title) if deck.source is not None else ""


@dataclass(slots=True)
class NoteSpec:
    """One note ready for genanki: model, fields in FIELDS order, tags and GUID."""

    model: genanki.Model
    fields: list[str]
    tags: list[str]
    guid: str


def note_fields(deck: Deck, item: QuizItem) -> dict[str, str]:
    """The sanitised HTML of every field for one item, by field name."""
    return dict(zip(FIELDS, field_values(item, article_title_html(deck)), strict=True))


def field_values(item: QuizItem, title: str) -> list[str]:
    """The sanitised HTML of every field in FIELDS order (`title`: the article title as HTML)."""
    if item.type == "cloze":
        prompt = cloze_html(item)
    elif item.type == "true_false":
        prompt = TRUE_FALSE_LABEL + text_html(item.prompt)
    else:
        prompt = text_html(item.prompt)
    return [
        prompt,
        text_html(item.answer),
        choices_html(item.choices) if item.type == "mcq" else "",
        text_html(", ".join(a for a in item.accepted if a.strip())) if item.accepted else "",
        text_html(item.explanation),
        text_html(item.quote),
        title,
        text_html(item.topic),
        text_html(item.key),
    ]


def model_for(item: QuizItem) -> genanki.Model:
    """The note type an item is exported with."""
    return {"cloze": CLOZE_MODEL, "mcq": MCQ_MODEL}.get(item.type, BASIC_MODEL)


def build_notes(deck: Deck, *, owner: str | None = None) -> list[NoteSpec]:
    """Validate the deck and turn each item into a NoteSpec (tagged with `owner` if given)."""
    validate_items(deck)
    title = article_title_html(deck)
    owner_tags = [OWNER_TAG_PREFIX + owner] if owner else []
    notes = []
    for item in deck.items:
        notes.append(
            NoteSpec(
                model_for(item),
                field_values(item, title),
                note_tags(deck, item) + owner_tags,
                note_guid(deck.slug, item.key),
            )
        )
    return notes


def build_package(deck: Deck, *, owner: str | None = None) -> genanki.Package:
    """The genanki Package of a validated deck."""
    anki_deck = genanki.Deck(deck_id_for(deck.slug), deck_name(deck), text_html(deck.description))
    for spec in build_notes(deck, owner=owner):
        anki_deck.add_note(
            genanki.Note(model=spec.model, fields=spec.fields, tags=spec.tags, guid=spec.guid)
        )
    return genanki.Package(anki_deck)


def _package_for(deck: Deck, notes: list[NoteSpec]) -> genanki.Package:
    """A package of the deck and the note types its notes use, without the notes themselves."""
    anki_deck = genanki.Deck(deck_id_for(deck.slug), deck_name(deck), text_html(deck.description))
    for model in dict.fromkeys(spec.model for spec in notes):  # first-use order, as genanki
        anki_deck.add_model(model)
    return genanki.Package(anki_deck)


_CLOZE_ORD = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)
# The fields the cloze note type's front deletes from (CLOZE_MODEL is our only cloze type).
_CLOZE_FIELDS = [
    FIELDS.index(name) for name in re.findall(r"{{cloze:(\w+)}}", CLOZE_MODEL.templates[0]["qfmt"])
]


def _card_ords(spec: NoteSpec) -> list[int]:
    """The cards genanki would make for a note: its Note.cards, without building a Note."""
    model = spec.model
    if model.model_type == genanki.Model.CLOZE:
        ords = {
            int(n) - 1
            for index in _CLOZE_FIELDS
            for n in _CLOZE_ORD.findall(spec.fields[index])
            if int(n) > 0
        }
        return list(ords)
    rule = {"any": any, "all": all}
    return [
        ord_
        for ord_, any_or_all, required in model._req
        if rule[any_or_all](spec.fields[i] for i in required)
    ]


def _insert_notes(cursor, notes: list[NoteSpec], deck_id: int, timestamp: float, ids) -> None:
    """The rows genanki's Note.write_to_db and Card.write_to_db insert, with two executemany.

    genanki's per-note path re-checks each note (field count, an HTML-tag regex over every
    field, tag spaces) and runs two INSERTs per note: over half of a large export. Our fields
    are escaped or sanitised and our tags slugs, so only the tag rule is kept. Note rows are
    streamed, not listed: fewer live objects, fewer full garbage collections on a big deck.
    """
    mod = int(timestamp)
    cards: list[tuple[int, int, int]] = []

    def note_rows():
        for spec in notes:
            if any(" " in tag for tag in spec.tags):
                raise ExportError(
                    f"Tag {spec.tags!r} contains a space (Anki splits tags on spaces)."
                )
            note_id = next(ids)  # ids in genanki's order: a note, then its cards
            cards.extend((next(ids), note_id, ord_) for ord_ in _card_ords(spec))
            fields = spec.fields
            yield (
                note_id,
                spec.guid,
                spec.model.model_id,
                mod,
                -1,
                " " + " ".join(spec.tags) + " ",
                "\x1f".join(fields),
                fields[spec.model.sort_field_index],
                0,
                0,
                "",
            )

    cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows())
    cursor.executemany(
        f"INSERT INTO cards VALUES({','.join('?' * 18)})",
        (
            (card_id, note_id, deck_id, ord_, mod, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")
            for card_id, note_id, ord_ in cards
        ),
    )


def write_apkg(
    package: genanki.Package, timestamp: float, *, notes: list[NoteSpec] | None = None
) -> bytes:
    """The .apkg bytes, built in a temporary directory that is always removed.

    genanki's own write_to_file leaves its SQLite file in the temp dir (DESIGN §7); this is the
    same procedure with the database inside a directory we clean up. `notes` (for a package of
    a single deck without notes, see _package_for) are written in bulk after genanki's part.
    """
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as workdir:
        db_path = os.path.join(workdir, "collection.anki2")
        connection = sqlite3.connect(db_path)
        # A scratch database: no journal and no fsync; a crash just loses the temp dir.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        try:
            cursor, ids = connection.cursor(), itertools.count(int(timestamp * 1000))
            package.write_to_db(cursor, timestamp, ids)
            if notes:
                _insert_notes(cursor, notes, package.decks[0].deck_id, timestamp, ids)
            connection.commit()
        finally:
            connection.close()
        with open(db_path, "rb") as handle:
            collection = handle.read()
    # Entry dates from the timestamp too, so the same deck always gives the same bytes.
    date_time = time.gmtime(max(timestamp, ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=1)
    return buffer.getvalue()


def deck_to_apkg(deck: Deck, *, owner: str | None = None) -> bytes:
    """A deck as .apkg bytes; raises ExportError naming the item that cannot be exported.

    `owner` (domain/anki_history.owner_marker) tags every note with the account it is for.
    """
    timestamp = package_timestamp(deck)
    notes = build_notes(deck, owner=owner)
    return write_apkg(_package_for(deck, notes), timestamp, notes=notes)
