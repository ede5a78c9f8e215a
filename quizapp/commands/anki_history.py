"""`quizapp import-anki-history FILE --user EMAIL`."""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.services import accounts, anki_history


@click.command("import-anki-history")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", required=True, help="The account whose Anki study this is.")
def import_anki_history_command(file: Path, email: str) -> None:
    """Import the reviews of an Anki export (.apkg with scheduling, or .colpkg) for a user."""
    user = accounts.find_user(email)
    if user is None:
        raise click.UsageError(f"No user with e-mail {email!r}.")
    try:
        with file.open("rb") as stream:
            report = anki_history.import_history(user, stream)
    except anki_history.AnkiFileError as error:
        raise click.ClickException(f"{file.name}: {error}") from None
    click.echo(report.message())


COMMANDS = [import_anki_history_command]
