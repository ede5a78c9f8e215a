"""Routes of the export area: deck downloads (.apkg, Anki CSV, GIFT, JSON) and weak cards."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, request, send_file, url_for
from flask_login import current_user

from quizapp.models import Deck
from quizapp.services import export
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
    return _send(deck, lambda: export.export_deck(deck, fmt, owner=current_user))


@bp.get(f"/<slug>/weak.<{FORMAT_RULE}>")
@login_required
def weak(slug: str, fmt: str):
    """The current user's weak cards of the deck."""
    deck = _allowed_deck(slug)
    return _send(deck, lambda: export.export_weak(current_user, deck, fmt))
