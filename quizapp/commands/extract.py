"""`quizapp extract PATH|URL`: print what the app reads from an article (no app, no NLP model)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

URL_PREFIXES = ("http://", "https://")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(2)


@click.command("extract")
@click.argument("source")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Plain text, or JSON with the metadata and paragraphs.",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    help="A private or local host a link may reach (repeatable; for testing a local server).",
)
def extract_command(source: str, output: str, allowed_hosts: tuple[str, ...]) -> None:
    """Print the article text quizapp reads from SOURCE (a file or an http(s) link)."""
    from quizapp.generation.segment import ArticleError, parse_article

    try:
        if source.lower().startswith(URL_PREFIXES):
            from quizapp.generation.read.fetch import fetch_article

            fetched = fetch_article(source, allowed_hosts=[h.lower() for h in allowed_hosts])
            data, filename, url = fetched.data, fetched.filename, fetched.url
        else:
            path = Path(source)
            try:
                data, filename, url = path.read_bytes(), path.name, ""
            except OSError as error:
                _fail(f"cannot read {source}: {error.strerror or error}")
        article = parse_article(data, filename, url=url)
    except ArticleError as error:
        _fail(f"{source}: {error}")
    paragraphs = [article.text[p.start : p.end] for p in article.paragraphs]
    if output == "text":
        sys.stdout.write(f"{article.title}\n\n" + "\n\n".join(paragraphs) + "\n")
        return
    document = {
        "title": article.title,
        "author": article.byline,
        "date": article.published,
        "site": article.site,
        "url": article.url,
        "language": article.language.code or None,
        "language_name": article.language.name if article.language.known else None,
        "words": article.words,
        "headings": [article.text[h.start : h.end] for h in article.headings],
        "paragraphs": paragraphs,
        "text": article.text,
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


COMMANDS = [extract_command]
