"""Register, log in, log out and change password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from quizapp.extensions import limiter
from quizapp.services import accounts
from quizapp.web.auth.forms import ChangePasswordForm, LoginForm, RegisterForm
from quizapp.web.auth_support import login_required

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str | None:
    """Accept only a local path as a redirect target (no scheme, no host, no //)."""
    if not target or len(target) > 2000:
        return None
    # Browsers read a backslash as "/" and drop tabs and newlines, so "/<backslash>evil.com" or
    # "/<tab>/evil.com" would leave the site: refuse them and every other control character.
    if "\\" in target or any(ord(char) <= 0x20 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    """Show the login form and log the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.email.errors.append(
                "E-mail or password is not correct, or the account is temporarily locked "
                "after too many attempts."
            )
        else:
            login_user(user, remember=form.remember.data)
            flash(f"Welcome, {user.name}.", "success")
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def register():
    """Create a trainee account and log it in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.name.data, form.password.data)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            login_user(user)
            flash("Your account is ready.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (POST only, so a link cannot log someone out)."""
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the current user's password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.new.data)
        except accounts.AccountError as error:
            form.current.errors.append(str(error))
        else:
            flash("Your password is changed.", "success")
            return redirect(url_for("main.account"))
    return render_template("auth/password.html", form=form)
