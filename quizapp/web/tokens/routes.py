"""Create and revoke personal access tokens for the JSON API."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from quizapp.services import tokens
from quizapp.web.auth_support import login_required
from quizapp.web.tokens.forms import NewTokenForm, RevokeTokenForm

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    """List my tokens and create a new one (its value is shown once)."""
    form = NewTokenForm()
    new_token = None
    if form.validate_on_submit():
        try:
            _row, new_token = tokens.create_token(current_user, form.name.data)
        except tokens.TokenError as error:
            form.name.errors.append(str(error))
        else:
            form = NewTokenForm(formdata=None)
    return render_template(
        "tokens/index.html",
        form=form,
        revoke_form=RevokeTokenForm(),
        new_token=new_token,
        tokens=tokens.list_tokens(current_user),
    )


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    """Revoke one of my tokens."""
    if RevokeTokenForm().validate_on_submit() and tokens.revoke_token(current_user, token_id):
        flash("Token revoked: clients using it can no longer connect.", "success")
    else:
        flash("That token does not exist or is already revoked.", "warning")
    return redirect(url_for("tokens.index"))
