"""Dashboards per role, cohorts and their members, the admin's user list, the account page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Cohort, User
from quizapp.services import accounts, dashboard, sessions
from quizapp.web.auth_support import (
    admin_required,
    instructor_required,
    login_required,
    renew_login,
)
from quizapp.web.main.forms import AddMemberForm, CohortForm, NewTraineeForm, RoleForm

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """The dashboard of the logged-in user's role; the login page for visitors."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.role == "trainee":
        return render_template(
            "main/dashboard_trainee.html",
            decks=dashboard.trainee_decks(current_user),
            cohorts=dashboard.user_cohorts(current_user),
        )
    context = {
        "decks": dashboard.instructor_decks(current_user),
        "cohorts": dashboard.cohort_summaries(accounts.cohorts_for(current_user)),
    }
    if current_user.is_admin:
        context["roles"] = accounts.users_by_role()
        context["totals"] = dashboard.site_counts()
        return render_template("main/dashboard_admin.html", **context)
    return render_template("main/dashboard_instructor.html", **context)


@bp.route("/cohorts", methods=["GET", "POST"])
@instructor_required
def cohorts():
    """The cohorts the user manages, and a form to create one."""
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = accounts.create_cohort(current_user, form.name.data)
        except accounts.AccountError as error:
            form.name.errors.append(str(error))
        else:
            flash(f"Cohort {cohort.name!r} created. Now add trainees to it.", "success")
            return redirect(url_for("main.cohort", cohort_id=cohort.id))
    summaries = dashboard.cohort_summaries(accounts.cohorts_for(current_user))
    return render_template("main/cohorts.html", form=form, cohorts=summaries)


def _managed_cohort(cohort_id: int) -> Cohort:
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    if not accounts.can_manage(current_user, cohort):
        abort(403)
    return cohort


def _render_cohort(cohort: Cohort, add_form=None, new_form=None):
    return render_template(
        "main/cohort.html",
        cohort=cohort,
        members=cohort.members,
        assignments=dashboard.cohort_assignments(cohort),
        add_form=add_form or AddMemberForm(prefix="add", formdata=None),
        new_form=new_form or NewTraineeForm(prefix="new", formdata=None),
    )


@bp.route("/cohorts/<int:cohort_id>")
@instructor_required
def cohort(cohort_id: int):
    """A cohort's members and assigned decks, with forms to add and create trainees."""
    return _render_cohort(_managed_cohort(cohort_id))


@bp.route("/cohorts/<int:cohort_id>/members", methods=["POST"])
@instructor_required
def add_member(cohort_id: int):
    """Add an existing trainee to the cohort by e-mail."""
    cohort = _managed_cohort(cohort_id)
    form = AddMemberForm(prefix="add")
    if form.validate_on_submit():
        try:
            user = accounts.add_member_by_email(cohort, form.email.data)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            flash(f"{user.name} ({user.email}) joined {cohort.name}.", "success")
            return redirect(url_for("main.cohort", cohort_id=cohort.id))
    return _render_cohort(cohort, add_form=form)


@bp.route("/cohorts/<int:cohort_id>/trainees", methods=["POST"])
@instructor_required
def create_trainee(cohort_id: int):
    """Create a new trainee account directly in the cohort."""
    cohort = _managed_cohort(cohort_id)
    form = NewTraineeForm(prefix="new")
    if form.validate_on_submit():
        try:
            user = accounts.create_trainee_in_cohort(
                cohort, form.email.data, form.name.data, form.password.data
            )
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            flash(
                f"Account created for {user.name}: they log in as {user.email} with the "
                "password you chose, and can change it on their account page.",
                "success",
            )
            return redirect(url_for("main.cohort", cohort_id=cohort.id))
    return _render_cohort(cohort, new_form=form)


@bp.route("/cohorts/<int:cohort_id>/members/<int:user_id>/remove", methods=["POST"])
@instructor_required
def remove_member(cohort_id: int, user_id: int):
    """Take a trainee out of the cohort; their account and progress stay."""
    cohort = _managed_cohort(cohort_id)
    user = db.session.get(User, user_id)
    if user is None or user not in cohort.members:
        abort(404)
    accounts.remove_member(cohort, user)
    flash(f"{user.name} left {cohort.name}; their account and progress are kept.", "info")
    return redirect(url_for("main.cohort", cohort_id=cohort.id))


@bp.route("/users")
@admin_required
def users():
    """Every account with a form to change its role."""
    rows = [
        (user, RoleForm(prefix=f"u{user.id}", role=user.role)) for user in accounts.list_users()
    ]
    return render_template("main/users.html", rows=rows)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@admin_required
def set_role(user_id: int):
    """Change one user's role."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    form = RoleForm(prefix=f"u{user.id}")
    if not form.validate_on_submit():
        flash("Choose one of the listed roles.", "error")
    else:
        try:
            accounts.set_role(user, form.role.data)
        except accounts.AccountError as error:
            flash(str(error), "error")
        else:
            flash(
                f"{user.email} is now {user.role}; every other login of the account has ended.",
                "success",
            )
            if user.id == current_user.id:
                renew_login(user)
    if not current_user.is_admin:
        # An admin who just gave up the role can no longer see the users page.
        return redirect(url_for("main.index"))
    return redirect(url_for("main.users"))


@bp.route("/users/<int:user_id>/logins/end", methods=["POST"])
@admin_required
def end_user_logins(user_id: int):
    """Log one user out of every browser and device (for a lost device or a stolen password)."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    sessions.end_all_logins(user)
    if user.id == current_user.id:
        renew_login(user)
    flash(f"{user.email} is logged out everywhere.", "success")
    return redirect(url_for("main.users"))


@bp.route("/account")
@login_required
def account():
    """The user's own account: details, cohorts, password and logins elsewhere."""
    return render_template(
        "main/account.html",
        cohorts=dashboard.user_cohorts(current_user),
        logins=sessions.count_logins(current_user),
    )
