"""Landing page and the dashboard of each role."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """The dashboard of the logged-in user's role; the login page for visitors."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template(f"main/dashboard_{current_user.role}.html")
