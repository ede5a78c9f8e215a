"""`quizapp create-user` and `quizapp set-role`."""

from __future__ import annotations

import click

from quizapp.models import ROLES
from quizapp.services import accounts


@click.command("create-user")
@click.option("--email", required=True, help="Login e-mail.")
@click.option("--name", default="", help="Display name (defaults to the e-mail's local part).")
@click.option("--role", type=click.Choice(ROLES), default="trainee", show_default=True)
@click.password_option(help="At least 8 characters; prompted when omitted.")
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a user account with a role."""
    try:
        user = accounts.create_user(email, name, password, role)
    except accounts.AccountError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Created {user.role} {user.email}.")


@click.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def set_role_command(email: str, role: str) -> None:
    """Change the role of an existing user."""
    user = accounts.find_user(email)
    if user is None:
        raise click.UsageError(f"No user with e-mail {email!r}.")
    accounts.set_role(user, role)
    click.echo(f"{user.email} is now {role}.")


COMMANDS = [create_user_command, set_role_command]
