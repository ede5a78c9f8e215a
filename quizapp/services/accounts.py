"""Account use cases: users, passwords, roles, cohorts and memberships."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email

from quizapp.extensions import db
from quizapp.models import ROLES, Cohort, Membership, User, utcnow

MIN_PASSWORD = 8
MAX_PASSWORD = 1000
MAX_EMAIL = 254
MAX_NAME = 120
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
        raise AccountError("An account with this e-mail already exists.")
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
        raise AccountError("An account with this e-mail already exists.") from error


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
    check_password(new, "new password")
    user.set_password(new)
    db.session.commit()


def set_role(user: User, role: str) -> None:
    """Change a user's role; the last admin cannot stop being one."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    if user.role == "admin" and role != "admin" and count_admins() <= 1:
        raise AccountError("This is the only admin: make someone else admin first.")
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


def add_member_by_email(cohort: Cohort, email: str) -> User:
    """Add the existing trainee with this e-mail; AccountError when unknown or not a trainee."""
    user = find_user(email)
    if user is None:
        raise AccountError(f"No account uses {normalise_email(email)}: create the trainee instead.")
    if not add_member(cohort, user):
        raise AccountError(f"{user.name} is already in this cohort.")
    return user


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
