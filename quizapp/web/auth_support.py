"""Login manager setup and the login/role decorators shared by every blueprint."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, jsonify, redirect, request, url_for
from flask_login import LoginManager, current_user

from quizapp.extensions import db


def wants_json() -> bool:
    """True when the client asked for JSON (API path, Accept header or JSON body)."""
    if request.path.startswith("/api/"):
        return True
    if request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def json_error(status: int, code: str, message: str):
    """A JSON error body in the API's shape: {"error": {"code", "message"}}."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def configure_login(manager: LoginManager) -> None:
    """Load users by id and answer unauthenticated requests by client type."""
    from quizapp.models import User

    manager.login_view = "auth.login"
    manager.login_message = "Please log in to see that page."
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))

    @manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return json_error(401, "unauthorized", "Log in or send a valid API token.")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def login_required(view: Callable) -> Callable:
    """Require a logged-in user: browsers go to the login page, JSON clients get 401."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            from quizapp.extensions import login_manager

            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapped


def role_required(*roles: str) -> Callable:
    """Require one of the roles (admin always passes); 403 otherwise."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any):
            if current_user.role not in roles and current_user.role != "admin":
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


instructor_required = role_required("instructor")
admin_required = role_required("admin")
