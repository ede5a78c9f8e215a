"""Reading an Anki export back: every bad file is refused with one line, before any import."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
import zstandard

from quizapp.domain import anki_history
from quizapp.domain.anki_history import AnkiFileError, read_history


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _collection(tmp_path, ver: int = 18) -> bytes:
    path = tmp_path / f"col-{ver}.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(
        "create table col (ver integer, models text);"
        "create table notes (id integer, guid text, mid integer, mod integer, tags text,"
        " flds text);"
        "create table cards (id integer, nid integer);"
        "create table revlog (id integer, cid integer, ease integer, ivl integer,"
        " time integer, type integer);"
        "create table notetypes (id integer, name text);"
        "create table fields (ntid integer, ord integer, name text);"
    )
    connection.execute("insert into col values (?, '{}')", (ver,))
    connection.execute("insert into notes values (1, 'g', 7, 100, ' a b ', 'x\x1fy')")
    connection.execute("insert into cards values (10, 1)")
    connection.execute("insert into revlog values (1700000000000, 10, 3, 4, 1500, 1)")
    connection.execute("insert into revlog values (1700000000001, 99, 1, -60, 900, 0)")
    connection.execute("insert into notetypes values (7, 'T')")
    connection.executemany("insert into fields values (7, ?, ?)", [(0, "A"), (1, "B")])
    connection.commit()
    connection.close()
    return path.read_bytes()


def _package(tmp_path, ver: int = 18) -> io.BytesIO:
    compressed = zstandard.ZstdCompressor().compress(_collection(tmp_path, ver))
    return _zip({"meta": b"\x08\x03", "collection.anki21b": compressed, "media": b""})


def test_a_current_package_is_read_with_its_notes_and_reviews(tmp_path):
    history = read_history(_package(tmp_path))
    assert history.notetypes[7].fields == ("A", "B")
    assert history.notes["g"].fields == ("x", "y") and history.notes["g"].tags == ("a", "b")
    first, orphan = history.reviews
    assert (first.guid, first.ease, first.interval, first.duration_ms) == ("g", 3, 4, 1500)
    assert first.reviewed_at.isoformat() == "2023-11-14T22:13:20+00:00"
    assert orphan.guid is None  # its card was deleted: counted as a note quizapp did not export


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: io.BytesIO(b"SQLite format 3\x00 not a zip"), "not an Anki export"),
        (lambda tmp: _zip({"readme.txt": b"hi"}), "holds no Anki collection"),
        (lambda tmp: _zip({"meta": b"\x08\x07", "collection.anki21b": b""}), "format version 7"),
        (lambda tmp: _zip({"meta": b"\xff\xff"}), "meta entry is unreadable"),
        (lambda tmp: _zip({"meta": b"\x08\x03"}), "holds collection.anki21b, but it does not"),
        (lambda tmp: _package(tmp, ver=99), "schema version 99"),
        (lambda tmp: _zip({"collection.anki2": b"not sqlite at all" * 100}), "not a readable"),
        (
            lambda tmp: _zip({"meta": b"\x08\x03", "collection.anki21b": b"\x28\xb5\x2f\xfdjunk"}),
            "not a readable Anki database",
        ),
    ],
)
def test_bad_files_are_refused_in_one_line(tmp_path, make, reason):
    with pytest.raises(AnkiFileError, match=reason) as caught:
        read_history(make(tmp_path))
    assert "\n" not in str(caught.value)


def test_zip_and_zstd_bombs_stop_at_the_cap(monkeypatch):
    monkeypatch.setattr(anki_history, "MAX_COLLECTION_BYTES", 1024 * 1024)
    zeros = b"\0" * (8 * 1024 * 1024)
    # The zstd frame says nothing about its size here: decompression stops at the cap.
    compressor = zstandard.ZstdCompressor(write_content_size=False)
    bomb = _zip({"meta": b"\x08\x03", "collection.anki21b": compressor.compress(zeros)})
    assert len(bomb.getvalue()) < 64 * 1024
    with pytest.raises(AnkiFileError, match="compression bomb"):
        read_history(bomb)
    # A deflated entry declaring its real size is refused before it is inflated.
    with pytest.raises(AnkiFileError, match="8 MB unpacked; the limit is 1 MB"):
        read_history(_zip({"collection.anki2": zeros}))


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.apkg"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    with path.open("rb") as handle, pytest.raises(AnkiFileError, match="200 MB; the limit is"):
        read_history(handle)
