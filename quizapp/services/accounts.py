"""Account use cases: users, passwords, roles, cohorts and memberships."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import ROLES, Cohort, Membership, User, utcnow

MIN_PASSWORD = 8
LOCK_AFTER = 10
LOCK_FOR = timedelta(minutes=15)


class AccountError(ValueError):
    """A user-caused problem with an account operation; the message is shown as is."""


def normalise_email(email: str) -> str:
    """E-mails compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The user with this e-mail, or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(email: str, name: str, password: str, role: str = "trainee") -> User:
    """Create and commit a user; AccountError on duplicate e-mail, bad role or short password."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must have at least {MIN_PASSWORD} characters.")
    email = normalise_email(email)
    if find_user(email) is not None:
        raise AccountError("An account with this e-mail already exists.")
    user = User(email=email, name=name.strip() or email.split("@")[0], role=role)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except sa.exc.IntegrityError as error:
        db.session.rollback()
        raise AccountError("An account with this e-mail already exists.") from error
    return user


def authenticate(email: str, password: str, *, now: datetime | None = None) -> User | None:
    """The user when the credentials match and the account is not locked; else None.

    Failed attempts count toward a temporary lock; the caller shows one message for every
    failure so the response never reveals whether an e-mail is registered.
    """
    now = now or utcnow()
    user = find_user(email)
    if user is None:
        # Spend the same time as a real check so timing does not reveal unknown e-mails.
        User(password_hash=_DUMMY_HASH).check_password(password)
        return None
    if user.locked_until is not None and user.locked_until > now:
        return None
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until = now + LOCK_FOR
            user.failed_logins = 0
        db.session.commit()
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_active_at = now
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise AccountError("The current password is not correct.")
    if len(new) < MIN_PASSWORD:
        raise AccountError(f"The new password must have at least {MIN_PASSWORD} characters.")
    user.set_password(new)
    db.session.commit()


def set_role(user: User, role: str) -> None:
    """Change a user's role."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    user.role = role
    db.session.commit()


def create_cohort(instructor: User, name: str) -> Cohort:
    """Create a cohort owned by the instructor."""
    cohort = Cohort(name=name.strip(), instructor_id=instructor.id)
    db.session.add(cohort)
    db.session.commit()
    return cohort


def add_member(cohort: Cohort, user: User) -> bool:
    """Add a trainee to a cohort; False when already a member."""
    if user.role != "trainee":
        raise AccountError("Only trainees can be members of a cohort.")
    if db.session.get(Membership, (cohort.id, user.id)) is not None:
        return False
    db.session.add(Membership(cohort_id=cohort.id, user_id=user.id))
    db.session.commit()
    return True


def remove_member(cohort: Cohort, user: User) -> None:
    """Remove a trainee from a cohort (their progress stays)."""
    membership = db.session.get(Membership, (cohort.id, user.id))
    if membership is not None:
        db.session.delete(membership)
        db.session.commit()


_DUMMY_HASH = (
    "scrypt:32768:8:1$saltsaltsaltsalt$"
    "0c3d2f6f4b1e8e7a0b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0"
    "c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8"
)
