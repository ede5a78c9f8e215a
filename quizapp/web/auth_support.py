"""Login manager setup and the login/role decorators shared by every blueprint."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import abort, current_app, jsonify, redirect, request, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from quizapp.services import sessions


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
    """Load users by their live login and answer unauthenticated requests by client type."""
    from quizapp.models import User

    manager.login_view = "auth.login"
    manager.login_message = "Please log in to see that page."
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(login_id: str) -> User | None:
        # The session and the remember cookie both carry "<user id>:<login token>"; a logout,
        # password or role change, or "log out everywhere" deletes the login and so both.
        return sessions.user_for_login(login_id)

    @manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return json_error(401, "unauthorized", "Log in or send a valid API token.")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def client_address() -> str:
    """The client's IP address: the peer, or X-Forwarded-For's when TRUSTED_PROXIES is set."""
    return request.remote_addr or ""


def log_in(user, *, remember: bool) -> None:
    """Start a new revocable login for this browser, with a remember cookie when asked."""
    duration = current_app.config.get("REMEMBER_COOKIE_DURATION") or timedelta(days=365)
    if isinstance(duration, int):
        duration = timedelta(seconds=duration)
    sessions.open_login(user, duration if remember else sessions.BROWSER_LIFETIME)
    login_user(user, remember=remember)


def renew_login(user) -> None:
    """Give this browser a fresh login after all of the user's logins were revoked."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    log_in(user, remember=cookie in request.cookies)


def log_out() -> None:
    """End this browser's login on the server too, so a copied cookie stops working."""
    if current_user.is_authenticated:
        sessions.close_login(current_user._get_current_object())
    logout_user()


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
