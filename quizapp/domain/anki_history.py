"""Notes and review log read out of an Anki export (.apkg with scheduling, .colpkg) (pure).

Read with the documented collection schema (sqlite3), not the `anki` package, which is a test
dependency only. Current Anki writes a zip of `meta` (protobuf: package version), the
zstd-compressed SQLite `collection.anki21b` (schema 18), a legacy stub `collection.anki2` and
`media`; older versions write `collection.anki21` or `collection.anki2` (schema 11) and no
`meta`. Every size is capped before anything is decompressed, so a zip or zstd bomb stops at
the cap; every failure is an AnkiFileError with a one-line reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

import zstandard

from quizapp.domain.anki import OWNER_TAG_PREFIX

MAX_PACKAGE_BYTES = 100 * 1024 * 1024  # the uploaded file
MAX_COLLECTION_BYTES = 512 * 1024 * 1024  # the SQLite collection once decompressed
MAX_META_BYTES = 1024
# meta's PackageMetadata.version → the collection file it names and whether it is zstd.
PACKAGE_VERSIONS = {
    1: ("collection.anki2", False),
    2: ("collection.anki21", False),
    3: ("collection.anki21b", True),
}
SCHEMA_LEGACY, SCHEMA_CURRENT = 11, 18
# Anki's revlog types: 0 learn, 1 review, 2 relearn, 3 filtered/cram; 4 manual, 5 rescheduled
# (a "set due date" or "forget", ease 0): not an answer, so not a review.
ANSWER_TYPES = frozenset({0, 1, 2, 3})
_CHUNK = 1 << 20


class AnkiFileError(ValueError):
    """The file is not an Anki export quizapp can read; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class NoteType:
    """An Anki note type: id, name and field names in order."""

    id: int
    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """One Anki note: GUID, note type, last modification (epoch s), fields and tags."""

    guid: str
    notetype_id: int
    mtime: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Review:
    """One revlog row: id (its epoch-ms time), note GUID (None: card gone), ease, interval
    (days, or negative seconds while learning), duration (ms) and revlog type."""

    id: int
    guid: str | None
    ease: int
    interval: int
    duration_ms: int
    kind: int

    @property
    def reviewed_at(self) -> datetime:
        """The review's time, UTC."""
        return datetime.fromtimestamp(self.id / 1000, UTC)

    @property
    def is_answer(self) -> bool:
        """An answer button press (Again…Easy), not a manual reschedule."""
        return self.kind in ANSWER_TYPES and 1 <= self.ease <= 4


@dataclass(frozen=True, slots=True)
class History:
    """What quizapp needs from a collection: note types, notes by GUID, the review log."""

    notetypes: dict[int, NoteType]
    notes: dict[str, Note]
    reviews: list[Review]


def owner_marker(user_id: int, created_at: datetime) -> str:
    """A short per-account marker the .apkg export tags its notes with (not a secret)."""
    seed = f"quizapp-anki-owner:{user_id}:{int(created_at.timestamp())}"
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


def owner_markers(note: Note) -> set[str]:
    """The owner markers among a note's tags (Anki may lower-case tags; markers are hex)."""
    prefix = OWNER_TAG_PREFIX.lower()
    return {tag[len(prefix) :] for tag in (t.lower() for t in note.tags) if tag.startswith(prefix)}


def _size(stream: IO[bytes]) -> int:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _meta_version(archive: zipfile.ZipFile) -> int | None:
    try:
        info = archive.getinfo("meta")
    except KeyError:
        return None
    if info.file_size > MAX_META_BYTES:
        raise AnkiFileError("The package's meta entry is oversized; this is not an Anki export.")
    data = archive.read(info)
    # PackageMetadata { Version version = 1; }: field 1, varint. Nothing else is defined.
    if not data:
        return 0
    if data[0] != 0x08:
        raise AnkiFileError("The package's meta entry is unreadable; this is not an Anki export.")
    value, shift = 0, 0
    for byte in data[1:]:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value
        if shift > 63:
            break
    raise AnkiFileError("The package's meta entry is unreadable; this is not an Anki export.")


def _collection_entry(archive: zipfile.ZipFile) -> tuple[zipfile.ZipInfo, bool]:
    version = _meta_version(archive)
    names = set(archive.namelist())
    if version is None:
        name = next((n for n in ("collection.anki21", "collection.anki2") if n in names), None)
        compressed = False
        if name is None:
            raise AnkiFileError("This zip holds no Anki collection; export from Anki as .apkg.")
    elif version in PACKAGE_VERSIONS:
        name, compressed = PACKAGE_VERSIONS[version]
        if name not in names:
            raise AnkiFileError(f"The package says it holds {name}, but it does not.")
    else:
        raise AnkiFileError(
            f"This Anki package has format version {version}, which quizapp cannot read yet "
            "(it reads versions 1–3)."
        )
    info = archive.getinfo(name)
    if info.file_size > MAX_COLLECTION_BYTES:
        raise AnkiFileError(
            f"The collection inside is {_megabytes(info.file_size)} unpacked; the limit is "
            f"{_megabytes(MAX_COLLECTION_BYTES)}."
        )
    return info, compressed


def _copy_capped(source: IO[bytes], target: IO[bytes]) -> None:
    written = 0
    while chunk := source.read(_CHUNK):
        written += len(chunk)
        if written > MAX_COLLECTION_BYTES:
            raise AnkiFileError(
                f"The collection unpacks to more than {_megabytes(MAX_COLLECTION_BYTES)} "
                "(a compression bomb?); nothing was imported."
            )
        target.write(chunk)


def _extract(stream: IO[bytes], path: str) -> None:
    size = _size(stream)
    if size > MAX_PACKAGE_BYTES:
        raise AnkiFileError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(MAX_PACKAGE_BYTES)}. "
            "Export only this deck (.apkg) rather than the whole collection."
        )
    if not zipfile.is_zipfile(stream):
        raise AnkiFileError("This is not an Anki export (.apkg or .colpkg files are zip files).")
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            info, compressed = _collection_entry(archive)
            with archive.open(info) as entry, open(path, "wb") as target:
                if compressed:
                    reader = zstandard.ZstdDecompressor().stream_reader(entry)
                    _copy_capped(reader, target)
                else:
                    _copy_capped(entry, target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise AnkiFileError(f"The zip file is damaged ({error}).") from None
    except zstandard.ZstdError as error:
        raise AnkiFileError(f"The compressed collection is damaged ({error}).") from None


def _notetypes(connection: sqlite3.Connection, schema: int) -> dict[int, NoteType]:
    if schema == SCHEMA_LEGACY:
        (models,) = connection.execute("SELECT models FROM col").fetchone()
        parsed = json.loads(models or "{}")
        return {
            int(ntid): NoteType(
                int(ntid), str(m.get("name", "")), tuple(str(f["name"]) for f in m["flds"])
            )
            for ntid, m in parsed.items()
        }
    names = dict(connection.execute("SELECT id, name FROM notetypes"))
    fields: dict[int, list[str]] = {ntid: [] for ntid in names}
    for ntid, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    return {ntid: NoteType(ntid, names.get(ntid, ""), tuple(f)) for ntid, f in fields.items()}


def _read_db(path: str, wanted: set[str] | None) -> History:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT ver FROM col").fetchone()
        schema = int(row[0]) if row else None
        if schema not in (SCHEMA_LEGACY, SCHEMA_CURRENT):
            raise AnkiFileError(
                f"This collection has schema version {schema}, which quizapp cannot read "
                f"(it reads {SCHEMA_LEGACY} and {SCHEMA_CURRENT}); export it again from a "
                "current Anki."
            )
        notes = {}
        for guid, mid, mod, tags, flds in connection.execute(
            "SELECT guid, mid, mod, tags, flds FROM notes"
        ):
            if wanted is None or guid in wanted:
                notes[guid] = Note(guid, mid, mod, tuple(flds.split("\x1f")), tuple(tags.split()))
        reviews = [
            Review(*row)
            for row in connection.execute(
                "SELECT r.id, n.guid, r.ease, r.ivl, r.time, r.type FROM revlog r "
                "LEFT JOIN cards c ON c.id = r.cid LEFT JOIN notes n ON n.id = c.nid "
                "ORDER BY r.id"
            )
        ]
        return History(_notetypes(connection, schema), notes, reviews)
    except (sqlite3.DatabaseError, KeyError, TypeError, ValueError) as error:
        if isinstance(error, AnkiFileError):
            raise
        raise AnkiFileError(
            f"The collection inside is not a readable Anki database ({error})."
        ) from None
    finally:
        connection.close()


@contextmanager
def _scratch_dir() -> Iterator[str]:
    path = tempfile.mkdtemp(prefix="quizapp-anki-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def read_history(stream: IO[bytes], *, wanted: set[str] | None = None) -> History:
    """Note types, notes (only those whose GUID is in `wanted`, when given) and every review of
    an Anki export; raises AnkiFileError with a one-line reason for anything else."""
    with _scratch_dir() as workdir:
        path = os.path.join(workdir, "collection.sqlite")
        _extract(stream, path)
        return _read_db(path, wanted)


@dataclass(frozen=True, slots=True)
class Expected:
    """What quizapp exports for an item now: its key, note type, fields and package stamp."""

    key: str
    notetype_id: int
    field_names: tuple[str, ...]
    fields: tuple[str, ...]
    stamp: int  # the deck's last content change, epoch seconds (the notes' mtime on export)


def note_problem(note: Note, notetypes: dict[int, NoteType], expected: Expected) -> str | None:
    """Why this note no longer is the quizapp item it was exported as (None: it still is).

    A note whose fields differ from today's export is accepted only while its mtime is not
    newer than the deck's last change: then quizapp changed the item, not the user in Anki.
    """
    notetype = notetypes.get(note.notetype_id)
    if note.notetype_id != expected.notetype_id or notetype is None:
        name = notetype.name if notetype else f"id {note.notetype_id}"
        return f"the note of item {expected.key!r} was changed to note type {name!r} in Anki"
    if notetype.fields != expected.field_names or len(note.fields) != len(expected.fields):
        return f"the note type of item {expected.key!r} had its fields changed in Anki"
    if note.fields[-1] != expected.fields[-1]:
        return f"the ItemKey field of item {expected.key!r} was edited in Anki"
    if note.fields != expected.fields and note.mtime > expected.stamp:
        return f"the note of item {expected.key!r} was edited in Anki"
    return None
