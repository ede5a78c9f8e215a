"""`quizapp demo`: demo accounts, a demo cohort, and optional simulated data."""

from __future__ import annotations

import click

from quizapp.services import demo


def _print_credentials(credentials: list[demo.NewCredential], heading: str) -> None:
    click.echo(heading)
    for credential in credentials:
        click.echo(f"  {credential.role:<10} {credential.email:<26} password: {credential.password}")
    click.echo("Keep these: they are shown only now (quizapp demo --reset-passwords makes new ones).")


@click.command("demo")
@click.option("--reset-passwords", is_flag=True, help="Give the demo users new passwords.")
def demo_command(reset_passwords: bool) -> None:
    """Create demo accounts (one instructor, two trainees) and a demo cohort."""
    created = demo.ensure_demo_accounts()
    if created:
        _print_credentials(created, "Demo accounts created:")
    elif reset_passwords:
        _print_credentials(demo.reset_demo_passwords(), "Demo passwords reset:")
    else:
        click.echo(
            "Demo accounts already exist (instructor@example.com, trainee@example.com, "
            "trainee2@example.com); run `quizapp demo --reset-passwords` if you lost the passwords."
        )
    cohort = demo.ensure_demo_cohort()
    click.echo(f"Demo cohort: {cohort.name!r} with {len(cohort.members)} trainees.")


COMMANDS = [demo_command]
