"""Register, log in, log out (here or everywhere) and change password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from quizapp.extensions import limiter
from quizapp.services import accounts, sessions
from quizapp.web.auth.forms import ChangePasswordForm, LoginForm, RegisterForm
from quizapp.web.auth_support import client_address, log_in, log_out, login_required, renew_login

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
        email, client = form.email.data, client_address()
        user = accounts.authenticate(email, form.password.data, client=client)
        if user is None:
            form.email.errors.append(_login_failed(email, client))
        else:
            log_in(user, remember=form.remember.data)
            flash(f"Welcome, {user.name}.", "success")
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", form=form)


def _login_failed(email: str, client: str) -> str:
    # Unknown e-mails are throttled exactly like registered ones, so saying "wait" reveals nothing.
    wait = accounts.login_wait(email, client)
    if wait:
        # Not "incorrect": while the pair waits, the password check is run but ignored.
        seconds = "1 second" if wait == 1 else f"{wait} seconds"
        return (
            "Too many failed attempts for this e-mail from your address: "
            f"wait {seconds}, then try again."
        )
    return "E-mail or password is not correct."


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def register():
    """Create a trainee account, answering the same whether or not the e-mail was taken."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            accounts.register_trainee(form.email.data, form.name.data, form.password.data)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            # No mail can be sent, so the page cannot say which case happened without telling
            # anyone which e-mails are registered: it states both, and logging in decides.
            flash(
                "If this e-mail had no account, your trainee account is ready: log in with the "
                "password you chose. If it already had one, that account is unchanged: log in "
                "with its own password.",
                "success",
            )
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (POST only, so a link cannot log someone out); this browser's login ends."""
    log_out()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the current user's password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = current_user._get_current_object()
            accounts.change_password(user, form.current.data, form.new.data)
        except accounts.AccountError as error:
            form.current.errors.append(str(error))
        else:
            renew_login(user)
            flash(
                "Your password is changed. Every other browser and device was logged out.",
                "success",
            )
            return redirect(url_for("main.account"))
    return render_template("auth/password.html", form=form)


@bp.route("/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    """Log out every other browser and device (and every remember cookie), keeping this one."""
    user = current_user._get_current_object()
    sessions.end_all_logins(user)
    renew_login(user)
    flash("Every other browser and device is logged out; you stay logged in here.", "success")
    return redirect(url_for("main.account"))
