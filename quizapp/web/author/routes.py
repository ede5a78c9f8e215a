"""Routes of the author area."""

from flask import Blueprint

bp = Blueprint("author", __name__, url_prefix="/author")
