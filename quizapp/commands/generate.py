"""`quizapp generate ARTICLE`: write the quizapp-items/1 JSON for an article."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

PROGRESS_WORDS = 5_000


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(2)


@click.command("generate")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the JSON here instead of standard output.",
)
@click.option(
    "--count",
    type=click.IntRange(min=1, max=1000),
    default=None,
    help="Number of items (default scales with the article's length).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--report", is_flag=True, help="Also print candidates rejected per gate (stderr).")
def generate_command(
    article: Path, out: Path | None, count: int | None, seed: int, report: bool
) -> None:
    """Generate a question bank from ARTICLE (.txt, .md, .html or .pdf)."""
    from quizapp.domain.article import ArticleError, parse_article
    from quizapp.domain.generate import generate, result_to_contract

    try:
        data = article.read_bytes()
    except OSError as error:
        _fail(f"cannot read {article}: {error.strerror or error}")
    try:
        parsed = parse_article(data, article.name)
    except ArticleError as error:
        _fail(f"{article.name}: {error}")
    progress = None
    if parsed.words > PROGRESS_WORDS:

        def progress(fraction: float, message: str) -> None:
            click.echo(f"[{fraction:4.0%}] {message}", err=True)

    try:
        result = generate(parsed, count=count, seed=seed, progress=progress)
    except ArticleError as error:
        _fail(f"{article.name}: {error}")
    document = json.dumps(result_to_contract(result), ensure_ascii=False, indent=2)
    if out is None:
        sys.stdout.write(document + "\n")
    else:
        try:
            out.write_text(document + "\n", encoding="utf-8")
        except OSError as error:
            _fail(f"cannot write {out}: {error.strerror or error}")
        click.echo(f"Wrote {len(result.items)} items to {out}.", err=True)
    if report:
        click.echo(
            f"{result.candidates} candidates, {len(result.items)} kept; rejected by gate:", err=True
        )
        for reason, number in sorted(result.rejected.items()):
            click.echo(f"  {reason}: {number}", err=True)


COMMANDS = [generate_command]
