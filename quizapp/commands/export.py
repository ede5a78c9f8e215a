"""`quizapp export SLUG --format apkg|csv|gift|json -o FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.services import export


@click.command("export")
@click.argument("slug")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(export.FORMATS)),
    default="apkg",
    show_default=True,
    help="apkg: Anki package; csv: Anki text import; gift: Moodle; json: quizapp-items/1.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: the deck's export file name in the current directory).",
)
def export_command(slug: str, fmt: str, output: Path | None) -> None:
    """Export a deck's approved items; nothing is written when the export fails."""
    deck = export.find_deck(slug)
    if deck is None:
        raise click.ClickException(f"No deck with slug {slug!r}.")
    try:
        result = export.export_deck(deck, fmt)
    except export.ExportError as error:
        raise click.ClickException(str(error)) from error
    target = output or Path(result.filename)
    target.write_bytes(result.data)
    click.echo(f"Wrote {target} ({len(result.data):,} bytes, {fmt}).")


COMMANDS = [export_command]
