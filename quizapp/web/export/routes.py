"""Routes of the export area: deck downloads (.apkg, Anki CSV, GIFT, JSON) and weak cards."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Deck, ExportJob
from quizapp.services import export, export_jobs
from quizapp.web.auth_support import json_error, login_required, wants_json

bp = Blueprint("export", __name__, url_prefix="/export")

FORMAT_RULE = "any(" + ", ".join(export.FORMATS) + "):fmt"


def _allowed_deck(slug: str) -> Deck:
    deck = export.find_deck(slug)
    if deck is None:
        abort(404)
    if not export.can_export(current_user, deck):
        abort(403)
    return deck


def _back(deck: Deck) -> str:
    """Where to send the user after a failed export: the page they came from, or the deck."""
    referrer = request.referrer
    if referrer:
        parts = urlsplit(referrer)
        if parts.netloc == request.host and parts.path != request.path:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    views = current_app.view_functions
    if current_user.is_instructor and "author.deck" in views:
        return url_for("author.deck", deck_id=deck.id)
    if "study.deck_progress" in views:
        return url_for("study.deck_progress", deck_id=deck.id)
    return url_for("main.index")


def _send(deck: Deck, produce):
    try:
        result = produce()
    except export.ExportError as error:
        if wants_json():
            return json_error(400, "export_failed", str(error))
        flash(str(error), "error")
        return redirect(_back(deck))
    response = send_file(
        io.BytesIO(result.data),
        mimetype=result.mimetype,
        as_attachment=True,
        download_name=result.filename,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get(f"/<slug>.<{FORMAT_RULE}>")
@login_required
def download(slug: str, fmt: str):
    """The deck's live items in the requested format."""
    deck = _allowed_deck(slug)
    if export_jobs.is_large(deck):
        job = export_jobs.start(current_user, deck, fmt)
        if job is not None:
            url = url_for("export.job", job_id=job.id)
            if wants_json():
                payload = export_jobs.job_payload(job) | {"status_url": url + ".json"}
                return jsonify(payload), 202, {"Location": url}
            return redirect(url)
        # The queue is down: a slow download still beats none.
    return _send(deck, lambda: export.export_deck(deck, fmt, owner=current_user))


def _own_job(job_id: int) -> ExportJob:
    job = export_jobs.job_for(current_user, job_id)
    if job is None:
        abort(404)
    return job


@bp.get("/jobs/<int:job_id>")
@login_required
def job(job_id: int):
    """The waiting page of a large export: refreshes itself, then offers the download."""
    row = _own_job(job_id)
    status, message = export_jobs.status_of(row)
    deck = db.session.get(Deck, row.deck_id)
    return render_template("export/job.html", job=row, deck=deck, status=status, message=message)


@bp.get("/jobs/<int:job_id>.json")
@login_required
def job_status(job_id: int):
    """The export job's status as JSON."""
    row = _own_job(job_id)
    payload = export_jobs.job_payload(row)
    if payload["status"] == "done":
        payload["download_url"] = url_for("export.job_file", job_id=row.id)
    return jsonify(payload)


@bp.get("/jobs/<int:job_id>/file")
@login_required
def job_file(job_id: int):
    """The finished file, for the user who asked while they may still export the deck."""
    row = _own_job(job_id)
    deck = db.session.get(Deck, row.deck_id)
    if deck is None or not export.can_export(current_user, deck):
        abort(403)
    path = export_jobs.file_path(row)
    if path is None:
        abort(404)
    response = send_file(
        path,
        mimetype=row.mimetype,
        as_attachment=True,
        download_name=row.download_name,
        max_age=0,
        conditional=False,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get(f"/<slug>/weak.<{FORMAT_RULE}>")
@login_required
def weak(slug: str, fmt: str):
    """The current user's weak cards of the deck."""
    deck = _allowed_deck(slug)
    return _send(deck, lambda: export.export_weak(current_user, deck, fmt))
