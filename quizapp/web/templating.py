"""Template globals shared by every page."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BuildError

from quizapp.domain.items import TYPE_LABELS


def register_templating(app: Flask) -> None:
    """Expose helpers such as url_for_exists to templates."""

    def url_for_exists(endpoint: str) -> bool:
        return endpoint in app.view_functions

    app.jinja_env.globals["url_for_exists"] = url_for_exists
    app.jinja_env.filters["type_label"] = lambda item_type: TYPE_LABELS.get(item_type, item_type)
    app.jinja_env.globals["BuildError"] = BuildError
