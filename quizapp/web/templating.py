"""Template globals shared by every page."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup
from werkzeug.routing import BuildError

from quizapp.domain.items import TYPE_LABELS


def register_templating(app: Flask) -> None:
    """Expose helpers such as url_for_exists to templates."""

    def url_for_exists(endpoint: str) -> bool:
        return endpoint in app.view_functions

    app.jinja_env.globals["url_for_exists"] = url_for_exists
    app.jinja_env.filters["type_label"] = lambda item_type: TYPE_LABELS.get(item_type, item_type)
    app.jinja_env.globals["BuildError"] = BuildError
    app.jinja_env.filters["sentence"] = sentence
    from quizapp.web import form_messages

    form_messages.install()


def sentence(message: object) -> str | Markup:
    """A message as a sentence: capital first letter, full stop at the end (flashes, errors)."""
    if isinstance(message, Markup):
        return message  # written as HTML on purpose: left as it is
    text = str(message).strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":", "…", ")")) else text + "."
