"""Large deck exports go through the task queue (run here in process): the request enqueues, a
waiting page polls, the file is served only to the user who asked, and expires."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from io import BytesIO

import pytest
import sqlalchemy as sa

from quizapp.jobs.broker import huey_for
from quizapp.models import ExportJob, Membership, utcnow
from quizapp.services import export, export_jobs
from tests.web import test_export_routes

world = test_export_routes.world  # the export tests' deck, owner and assigned trainee


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def large(app):
    """Every non-empty deck counts as large; the queue starts empty."""
    app.config["EXPORT_TASK_ABOVE_ITEMS"] = 1
    huey_for(app).flush()
    yield app
    huey_for(app).flush()


def run_queued(app) -> None:
    """Take one message off the app's real (SQLite) queue and execute it as a worker would."""
    huey = huey_for(app)
    task = huey.dequeue()
    assert task is not None, "nothing was enqueued"
    huey.execute(task)


def start_export(client, path: str = "/export/axis.apkg") -> int:
    response = client.get(path)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert "/export/jobs/" in response.location
    return int(response.location.rsplit("/", 1)[-1])


def test_a_large_export_is_queued_then_downloaded_by_its_user(client, auth, world, large, db):
    auth.login(world["trainee"])
    job_id = start_export(client)
    assert len(huey_for(large)) == 1
    waiting = client.get(f"/export/jobs/{job_id}")
    assert waiting.status_code == 200
    assert b'http-equiv="refresh"' in waiting.data and b"queued" in waiting.data
    assert client.get(f"/export/jobs/{job_id}/file").status_code == 404  # not written yet
    # Asking again while it is under way reuses the job.
    assert start_export(client) == job_id and len(huey_for(large)) == 1
    run_queued(large)
    status = client.get(f"/export/jobs/{job_id}.json").get_json()
    assert status["status"] == "done" and status["finished"]
    page = client.get(f"/export/jobs/{job_id}")
    assert b"refresh" not in page.data and status["download_url"].encode() in page.data
    response = client.get(status["download_url"])
    assert response.status_code == 200 and response.mimetype == "application/apkg"
    assert "attachment; filename=axis.apkg" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    assert "collection.anki2" in zipfile.ZipFile(BytesIO(response.data)).namelist()
    job = db.session.get(ExportJob, job_id)
    assert (export_jobs.export_dir(large) / job.file_name).is_file()


def test_only_the_user_who_asked_gets_the_file(client, auth, world, large, db, make_user):
    auth.login(world["trainee"])
    job_id = start_export(client)
    run_queued(large)
    auth.logout()
    for stranger in (world["owner"], make_user("admin")):
        auth.login(stranger)
        for path in ("", ".json", "/file"):
            assert client.get(f"/export/jobs/{job_id}{path}").status_code == 404
        auth.logout()
    assert client.get(f"/export/jobs/{job_id}/file").status_code == 302  # to the login page
    # The user who asked loses access to the deck: the finished file is refused too.
    auth.login(world["trainee"])
    db.session.execute(sa.delete(Membership).where(Membership.user_id == world["trainee"].id))
    db.session.commit()
    assert client.get(f"/export/jobs/{job_id}/file").status_code == 403


def test_small_exports_stay_direct(client, auth, world, app):
    app.config["EXPORT_TASK_ABOVE_ITEMS"] = 2  # the deck has exactly two live items
    huey_for(app).flush()
    auth.login(world["owner"])
    response = client.get("/export/axis.csv")
    assert response.status_code == 200 and response.data.startswith(b"#separator:tab\n")
    assert len(huey_for(app)) == 0


def test_json_clients_get_202_with_a_status_url(client, auth, world, large):
    auth.login(world["owner"])
    response = client.get("/export/axis.json", headers={"Accept": "application/json"})
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "queued" and body["status_url"].endswith(".json")
    run_queued(large)
    status = client.get(body["status_url"]).get_json()
    assert status["status"] == "done"
    data = client.get(status["download_url"]).get_json()
    assert [item["id"] for item in data["items"]] == ["a", "b"]


def test_queue_down_falls_back_to_a_direct_download(client, auth, world, large, monkeypatch, db):
    def down(job_id):
        raise ConnectionError("redis is down")

    huey_for(large)
    monkeypatch.setitem(large.extensions["quizapp.tasks"], "export", down)
    auth.login(world["owner"])
    response = client.get("/export/axis.apkg")
    assert response.status_code == 200 and response.mimetype == "application/apkg"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExportJob)) == 0


def test_an_export_error_ends_in_a_failed_job_with_its_reason(
    client, auth, world, large, monkeypatch
):
    def refuse(deck, fmt, *, owner=None):
        raise export.ExportError("Item 'a' would make no card.")

    monkeypatch.setattr(export, "export_deck", refuse)
    auth.login(world["owner"])
    job_id = start_export(client)
    run_queued(large)
    page = client.get(f"/export/jobs/{job_id}")
    assert b"failed" in page.data and b"Item &#39;a&#39; would make no card." in page.data
    assert b"Try again" in page.data
    assert client.get(f"/export/jobs/{job_id}/file").status_code == 404


def test_a_job_for_a_deleted_deck_ends_cleanly(client, auth, world, large, db):
    auth.login(world["owner"])
    job_id = start_export(client)
    db.session.delete(world["deck"])
    db.session.commit()
    run_queued(large)  # nothing to claim: no error, no file
    assert db.session.get(ExportJob, job_id) is None
    assert list(export_jobs.export_dir(large).iterdir()) == []
    assert client.get(f"/export/jobs/{job_id}").status_code == 404


def test_a_job_no_worker_finished_reads_as_failed(client, auth, world, large, db):
    auth.login(world["owner"])
    job_id = start_export(client)
    job = db.session.get(ExportJob, job_id)
    job.created_at = utcnow() - export_jobs.STALE_AFTER - timedelta(seconds=1)
    db.session.commit()
    page = client.get(f"/export/jobs/{job_id}")
    assert b"refresh" not in page.data and b"The export stopped" in page.data
    assert start_export(client) != job_id  # a new request starts a new job


def test_old_files_and_rows_are_cleaned_up(client, auth, world, large, db):
    auth.login(world["owner"])
    job_id = start_export(client)
    run_queued(large)
    job = db.session.get(ExportJob, job_id)
    path = export_jobs.export_dir(large) / job.file_name
    orphan = export_jobs.export_dir(large) / "999-orphan"
    orphan.write_bytes(b"x")
    assert export_jobs.cleanup(large) == 0 and path.is_file() and orphan.is_file()
    assert export_jobs.cleanup(large, keep=timedelta(seconds=-5)) == 1
    assert not path.exists() and not orphan.exists()
    assert db.session.get(ExportJob, job_id) is None
    assert client.get(f"/export/jobs/{job_id}/file").status_code == 404
