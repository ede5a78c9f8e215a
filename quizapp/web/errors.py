"""Error pages: HTML for browsers, JSON for API clients."""

from __future__ import annotations

from flask import Flask, render_template
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quizapp.extensions import db
from quizapp.generation.read.limits import MAX_ARTICLE_MB
from quizapp.web.auth_support import json_error, wants_json

MESSAGES = {
    400: "The request could not be understood.",
    401: "You need to log in first.",
    403: "You do not have permission to see this page.",
    404: "There is nothing at this address.",
    405: "That action is not allowed here.",
    413: f"The upload is too large: the limit is {MAX_ARTICLE_MB} MB.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Your data is safe; please try again.",
}


def _render(status: int, message: str, code: str):
    if wants_json():
        return json_error(status, code, message)
    return render_template("errors/error.html", status=status, message=message), status


def register_errorhandlers(app: Flask) -> None:
    """Install one handler for every HTTP error and for uncaught exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(
            400,
            "Your form expired or was sent without its security token. "
            "Go back, reload the page and try again.",
            "csrf",
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        # A description passed to abort() is ours and specific; werkzeug's defaults are not.
        custom = error.description and error.description != type(error).description
        if isinstance(error, RateLimitExceeded):
            # Flask-Limiter's description is the limit itself ("10 per 1 minute"), not a sentence.
            custom = False
        message = error.description if custom else MESSAGES.get(status, error.description)
        code = (error.name or "error").lower().replace(" ", "_")
        return _render(status, message, code)

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        if app.config.get("TESTING") and app.config.get("PROPAGATE_UNHANDLED", True):
            raise error
        return _render(500, MESSAGES[500], "internal_server_error")
