"""The Anki review upload on a deck's progress page, the CLI command and the owner tag."""

from __future__ import annotations

import io
import zipfile

import sqlalchemy as sa

from quizapp.domain import anki_history as reader
from quizapp.domain.anki import OWNER_TAG_PREFIX
from quizapp.models import Cohort, ReviewLog
from quizapp.services import export
from tests.anki_support import export_with_scheduling, open_with, study_days
from tests.study_support import make_deck


def _phone_file(tmp_path, deck, owner, reviews=5) -> bytes:
    col = open_with(tmp_path, export.export_deck(deck, "apkg", owner=owner).data)
    try:
        col, _ = study_days(col, deck.title, days=2, max_reviews=reviews)
        return export_with_scheduling(col, tmp_path / "phone.apkg")
    finally:
        col.close()


def _anki_count(db, user) -> int:
    query = sa.select(sa.func.count(ReviewLog.id)).where(
        ReviewLog.user_id == user.id, ReviewLog.source == "anki"
    )
    return db.session.scalar(query)


def test_downloaded_apkg_is_tagged_for_the_account_that_downloads_it(client, auth, db, make_user):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, n_items=2, trainees=(trainee,), slug="tagged")
    auth.login(trainee)
    data = client.get(f"/export/{deck.slug}.apkg").data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        collection = archive.read("collection.anki2")
    marker = reader.owner_marker(trainee.id, trainee.created_at)
    assert collection.count(f"{OWNER_TAG_PREFIX}{marker}".encode()) == 2
    assert marker != reader.owner_marker(instructor.id, instructor.created_at)


def test_upload_on_the_progress_page_imports_and_marks_anki_reviews(
    client, auth, db, make_user, tmp_path
):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, n_items=3, trainees=(trainee,), slug="upload")
    data = _phone_file(tmp_path, deck, trainee)
    auth.login(trainee)
    page = client.get(f"/study/{deck.id}/progress").get_data(as_text=True)
    assert f'action="/study/{deck.id}/anki-history"' in page and "from Anki" not in page

    url = f"/study/{deck.id}/anki-history"
    response = client.post(
        url, data={"file": (io.BytesIO(data), "phone.apkg")}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Imported 5 Anki reviews; 0 already imported" in page
    assert "(5 from Anki)" in page
    again = client.post(url, data={"file": (io.BytesIO(data), "phone.apkg")}, follow_redirects=True)
    assert "Imported 0 Anki reviews; 5 already imported" in again.get_data(as_text=True)
    assert _anki_count(db, trainee) == 5

    # The instructor's results page marks the reviews that came from Anki.
    cohort_id = db.session.scalar(sa.select(Cohort.id).where(Cohort.instructor_id == instructor.id))
    auth.logout()
    auth.login(instructor)
    results = client.get(f"/analytics/cohorts/{cohort_id}/decks/{deck.id}")
    assert "5 reviews from Anki" in results.get_data(as_text=True)
    auth.logout()
    auth.login(trainee)

    bad = client.post(
        url,
        data={"file": (io.BytesIO(b"hello"), "x.apkg")},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 400
    assert "not an Anki export" in bad.get_json()["error"]["message"]


def test_upload_over_the_limit_gets_one_line(client, auth, db, make_user, monkeypatch):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, n_items=1, trainees=(trainee,), slug="big")
    monkeypatch.setattr(reader, "MAX_PACKAGE_BYTES", 1024 * 1024)
    auth.login(trainee)
    response = client.post(
        f"/study/{deck.id}/anki-history",
        data={"file": (io.BytesIO(b"x" * 2_200_000), "big.apkg")},
        follow_redirects=True,
    )
    assert "The file is larger than the 1 MB limit." in response.get_data(as_text=True)
    assert _anki_count(db, trainee) == 0


def test_outsider_cannot_upload_to_a_deck_they_cannot_study(client, auth, db, make_user):
    instructor, outsider = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, n_items=1, slug="closed")
    auth.login(outsider)
    response = client.post(
        f"/study/{deck.id}/anki-history", data={"file": (io.BytesIO(b"x"), "x.apkg")}
    )
    assert response.status_code == 403


def test_cli_imports_for_the_named_user(runner, db, make_user, tmp_path):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, n_items=3, trainees=(trainee,), slug="cli")
    path = tmp_path / "from-phone.apkg"
    path.write_bytes(_phone_file(tmp_path, deck, trainee, reviews=4))
    result = runner.invoke(args=["import-anki-history", str(path), "--user", trainee.email])
    assert result.exit_code == 0, result.output
    assert "Imported 4 Anki reviews" in result.output
    assert _anki_count(db, trainee) == 4
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"nope")
    result = runner.invoke(args=["import-anki-history", str(bad), "--user", trainee.email])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: bad.apkg: This is not an Anki export (.apkg or .colpkg files are zip files)."
    )
    result = runner.invoke(args=["import-anki-history", str(path), "--user", "no@example.com"])
    assert result.exit_code == 2 and "No user" in result.output
