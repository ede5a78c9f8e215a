"""Routes of the export area."""

from flask import Blueprint

bp = Blueprint("export", __name__, url_prefix="/export")
