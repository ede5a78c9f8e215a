"""Routes of the quiz area."""

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/quiz")
