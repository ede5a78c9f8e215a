"""Routes of the analytics area."""

from flask import Blueprint

bp = Blueprint("analytics", __name__, url_prefix="/analytics")
