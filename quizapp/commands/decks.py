"""`quizapp import-deck` and `quizapp export-deck`: deck files ⇄ the database."""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.domain.deckfile import DeckFileError, dump_deck
from quizapp.services import accounts, decks


class UnreadableDeck(click.ClickException):
    """A deck file that is not readable YAML: one line, exit status 2 (like a bad argument)."""

    exit_code = 2


@click.command("import-deck")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--owner", "owner_email", default=None, help="E-mail of the instructor who owns it.")
def import_deck_command(path: Path, owner_email: str | None) -> None:
    """Load a deck file (decks/<slug>.yaml): upsert by slug, items by key, retire the rest.

    Exit status 1 when the deck does not validate, 2 when the file cannot be read as YAML.
    """
    owner = None
    if owner_email:
        owner = accounts.find_user(owner_email)
        if owner is None:
            raise click.UsageError(f"No user with e-mail {owner_email!r}.")
        if not owner.is_instructor:
            raise click.UsageError(f"{owner.email} is a {owner.role}; decks need an instructor.")
    try:
        report = decks.import_deck_file(path, owner=owner)
    except DeckFileError as error:
        if error.unreadable:
            raise UnreadableDeck(f"{error.errors[0]} (not imported; nothing changed)") from error
        for line in error.errors:
            click.echo(line, err=True)
        count = len(error.errors)
        raise click.ClickException(
            f"{path}: not imported ({count} problem{'s' if count != 1 else ''}); nothing changed."
        ) from error
    except decks.DeckImportError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Imported {report.slug}: {report.created} created, {report.updated} updated, "
        f"{report.retired} retired, {report.unchanged} unchanged."
    )


@click.command("export-deck")
@click.argument("slug")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml"]),
    default="yaml",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output). The article is written beside it.",
)
def export_deck_command(slug: str, fmt: str, output: Path | None) -> None:
    """Write a database deck (live items) back as a deck file."""
    try:
        deck = decks.export_deck_domain(slug)
    except KeyError:
        raise click.UsageError(f"No deck with slug {slug!r}.") from None
    text = dump_deck(deck)
    if output is None:
        click.echo(text, nl=False)
        return
    if deck.source is not None:
        _write_article(output.parent / deck.source.file, deck.source.text)
    output.write_bytes(text.encode("utf-8"))
    click.echo(f"Wrote {output} ({len(deck.items)} items).")


def _write_article(path: Path, text: str) -> None:
    """Write the source article beside the deck unless an identical file is already there."""
    data = text.encode("utf-8")
    if path.exists():
        if path.read_bytes() == data:
            return
        raise click.ClickException(
            f"{path} exists with different text; move it away or export elsewhere."
        )
    path.write_bytes(data)


COMMANDS = [import_deck_command, export_deck_command]
