"""`quizapp demo`: demo accounts, a demo cohort, and optional simulated data."""

from __future__ import annotations

import click

from quizapp.models import utcnow
from quizapp.services import demo, demo_history, demo_scale


def _print_credentials(credentials: list[demo.NewCredential], heading: str) -> None:
    click.echo(heading)
    for credential in credentials:
        click.echo(
            f"  {credential.role:<10} {credential.email:<26} password: {credential.password}"
        )
    click.echo(
        "Keep these: they are shown only now (quizapp demo --reset-passwords makes new ones)."
    )


@click.command("demo")
@click.option("--reset-passwords", is_flag=True, help="Give the demo users new passwords.")
@click.option(
    "--history",
    is_flag=True,
    help="Also add a cohort of 12 simulated trainees with 30 days of study and quiz history.",
)
@click.option(
    "--scale",
    type=click.IntRange(1, 5000),
    default=None,
    metavar="N",
    help="Also add N trainees x 500 items with card states and 10 reviews per card (benchmarks).",
)
def demo_command(reset_passwords: bool, history: bool, scale: int | None) -> None:
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
    if history:
        _simulate_history()
    if scale:
        _build_scale(scale)


def _simulate_history() -> None:
    try:
        summary = demo_history.simulate(now=utcnow())
    except demo_history.HistoryError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Simulated cohort: {summary.cohort.name!r} with {summary.trainees} trainees.")
    for deck in summary.simulated:
        click.echo(
            f"  {deck.title}: {deck.reviews} study and quiz reviews, {deck.attempts} quiz "
            f"attempts ({deck.responses} answers) over the last {demo_history.DAYS} days."
        )
    for title in summary.skipped:
        click.echo(f"  {title}: already has simulated history; nothing added.")
    if not summary.simulated and not summary.skipped:
        click.echo("  No published deck with approved items to simulate; import a deck first.")
    click.echo("Log in as instructor@example.com and open Results (/analytics) to see it.")


def _build_scale(trainees: int) -> None:
    try:
        summary = demo_scale.build(trainees, now=utcnow())
    except demo_scale.ScaleError as error:
        raise click.ClickException(str(error)) from error
    if summary.skipped:
        click.echo(
            f"Scale deck {demo_scale.DECK_SLUG!r} already exists ({summary.trainees} trainees, "
            f"{summary.items} items); nothing added."
        )
        return
    click.echo(
        f"Scale data: {summary.trainees} trainees x {summary.items} items, "
        f"{summary.card_states:,} card states, {summary.reviews:,} review logs, "
        f"{summary.attempts:,} quiz attempts in {summary.seconds:.1f} s."
    )
    click.echo(
        f"Scale trainees log in as {demo_scale.EMAIL.format(1)} … "
        f"{demo_scale.EMAIL.format(summary.trainees)} with password: {summary.password}"
    )


COMMANDS = [demo_command]
