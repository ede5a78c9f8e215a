"""Account use cases: users, passwords, roles, cohorts and memberships."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from werkzeug.security import generate_password_hash

from quizapp.extensions import db
from quizapp.models import ROLES, Cohort, Membership, User, utcnow
from quizapp.services import login_throttle, sessions

MIN_PASSWORD = 8
MAX_PASSWORD = 1000
MAX_EMAIL = 254
MAX_NAME = 120
TAKEN = "An account with this e-mail already exists."


class AccountError(ValueError):
    """A user-caused problem with an account operation; the message is shown as is."""


def normalise_email(email: str) -> str:
    """E-mails compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The user with this e-mail, or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def check_email(email: str) -> str:
    """The normalised e-mail; AccountError when it is not a plausible address."""
    email = normalise_email(email)
    if len(email) > MAX_EMAIL:
        raise AccountError(f"The e-mail may have at most {MAX_EMAIL} characters.")
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise AccountError(f"Not a valid e-mail address: {error}") from error
    return email


def check_password(password: str, label: str = "password") -> None:
    """AccountError when the password is too short or absurdly long."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The {label} must have at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"The {label} may have at most {MAX_PASSWORD} characters.")


def _new_user(email: str, name: str, password: str, role: str) -> User:
    """Validate and add (not commit) a user."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    check_password(password)
    email = check_email(email)
    name = name.strip() or email.split("@")[0]
    if len(name) > MAX_NAME:
        raise AccountError(f"The name may have at most {MAX_NAME} characters.")
    if find_user(email) is not None:
        raise AccountError(TAKEN)
    user = User(email=email, name=name, role=role)
    user.set_password(password)
    db.session.add(user)
    return user


def _commit_new_account() -> None:
    try:
        db.session.commit()
    except sa.exc.IntegrityError as error:
        # Two requests raced for the same e-mail; the unique index decided.
        db.session.rollback()
        raise AccountError(TAKEN) from error


def create_user(email: str, name: str, password: str, role: str = "trainee") -> User:
    """Create and commit a user; AccountError on a bad or taken e-mail, role or password."""
    user = _new_user(email, name, password, role)
    _commit_new_account()
    return user


def create_trainee_in_cohort(cohort: Cohort, email: str, name: str, password: str) -> User:
    """Create a trainee account and make it a member of the cohort, in one transaction."""
    user = _new_user(email, name, password, "trainee")
    cohort.members.append(user)
    _commit_new_account()
    return user


def register_trainee(email: str, name: str, password: str) -> None:
    """Create a trainee account unless the e-mail is taken, and answer the same either way.

    The caller cannot tell the two apart (same result, the password is hashed in both cases):
    registration must not reveal which e-mails have accounts. A taken e-mail's account is
    left exactly as it was.
    """
    try:
        create_user(email, name, password)
    except AccountError as error:
        if str(error) != TAKEN:
            raise
        _dummy_user().set_password(password)


def authenticate(
    email: str, password: str, *, client: str = "", now: datetime | None = None
) -> User | None:
    """The user when the credentials match and the (e-mail, client) pair is not waiting; else None.

    Failures slow down only this pair (login_throttle), so nobody can lock the owner out from
    elsewhere. The password hash runs on every path (unknown e-mail, waiting pair, wrong or right
    password) so the answer time does not tell them apart.
    """
    now = now or utcnow()
    key = login_throttle.throttle_key(email, client)
    user = find_user(email)
    waiting = bool(login_throttle.wait_left(key, now))
    matches = (user or _dummy_user()).check_password(password)
    if user is None or waiting or not matches:
        if not waiting:
            login_throttle.record_failure(key, now)
        return None
    login_throttle.forget(key)
    user.last_active_at = now
    db.session.commit()
    return user


def login_wait(email: str, client: str, *, now: datetime | None = None) -> int:
    """Whole seconds this (e-mail, client) pair must still wait before its next login attempt."""
    left = login_throttle.wait_left(login_throttle.throttle_key(email, client), now or utcnow())
    return int(-(-left.total_seconds() // 1))


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one; every login of the user ends."""
    if not user.check_password(current):
        raise AccountError("The current password is not correct.")
    check_password(new, "new password")
    user.set_password(new)
    sessions.revoke_logins(user)
    db.session.commit()


def set_role(user: User, role: str) -> None:
    """Change a user's role; the last admin cannot stop being one."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    if user.role == "admin" and role != "admin" and count_admins() <= 1:
        raise AccountError("This is the only admin: make someone else admin first.")
    if user.role != role:
        # A role change takes effect everywhere at once: every login of the user ends.
        sessions.revoke_logins(user)
    user.role = role
    db.session.commit()


def count_admins() -> int:
    """How many admin accounts exist."""
    return db.session.scalar(sa.select(sa.func.count()).where(User.role == "admin")) or 0


def users_by_role() -> dict[str, int]:
    """The number of accounts per role (every role present, zero when none)."""
    counts = dict.fromkeys(ROLES, 0)
    rows = db.session.execute(sa.select(User.role, sa.func.count()).group_by(User.role))
    counts.update({role: n for role, n in rows})
    return counts


def list_users() -> list[User]:
    """Every account, by e-mail."""
    return list(db.session.scalars(sa.select(User).order_by(User.email)))


def create_cohort(instructor: User, name: str) -> Cohort:
    """Create a cohort owned by the instructor."""
    name = name.strip()
    if not name:
        raise AccountError("Give the cohort a name.")
    if len(name) > MAX_NAME:
        raise AccountError(f"The cohort name may have at most {MAX_NAME} characters.")
    cohort = Cohort(name=name, instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    return cohort


def cohorts_for(user: User) -> list[Cohort]:
    """The cohorts a user manages: an instructor's own, or all of them for an admin."""
    query = sa.select(Cohort).order_by(Cohort.name, Cohort.id)
    if not user.is_admin:
        query = query.where(Cohort.instructor_id == user.id)
    return list(db.session.scalars(query))


def can_manage(user: User, cohort: Cohort) -> bool:
    """Only the owning instructor and admins may change a cohort."""
    return user.is_admin or (user.role == "instructor" and cohort.instructor_id == user.id)


def add_member(cohort: Cohort, user: User) -> bool:
    """Add a trainee to a cohort; False when already a member."""
    if user.role != "trainee":
        raise AccountError("Only trainees can be members of a cohort.")
    if db.session.get(Membership, (cohort.id, user.id)) is not None:
        return False
    db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
    db.session.commit()
    return True


def not_a_trainee(email: str) -> str:
    """The one answer for an e-mail that is unknown or belongs to an instructor or admin."""
    return (
        f"No trainee account uses {normalise_email(email)}: check the address, or create "
        "the trainee's account below."
    )


def add_member_by_email(cohort: Cohort, email: str) -> User:
    """Add the existing trainee with this e-mail; AccountError otherwise.

    Unknown e-mails and staff accounts get the same message, so an instructor learns nothing
    about accounts they could not add anyway.
    """
    user = find_user(email)
    if user is None or user.role != "trainee":
        raise AccountError(not_a_trainee(email))
    if not add_member(cohort, user):
        raise AccountError(f"{user.name} is already in this cohort.")
    return user


def remove_member(cohort: Cohort, user: User) -> None:
    """Remove a trainee from a cohort (their progress stays)."""
    membership = db.session.get(Membership, (cohort.id, user.id))
    if membership is not None:
        db.session.delete(membership)
        db.session.commit()


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def _dummy_user() -> User:
    """A throw-away user whose hash costs what a real one costs under the configured method."""
    method = "scrypt"
    if has_app_context():
        method = current_app.config.get("PASSWORD_HASH_METHOD", method)
    return User(password_hash=_dummy_hash(method))
