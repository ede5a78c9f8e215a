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
@click.option(
    "--engine",
    type=click.Choice(["rules", "llm"]),
    default="rules",
    show_default=True,
    help="rules: the built-in generator (offline). llm: the QUIZAPP_LLM_* endpoint, every item "
    "grounded in the article, the rules filling in.",
)
@click.option(
    "--report",
    is_flag=True,
    help="Also print, per sentence, which stage made or dropped each candidate and why (stderr).",
)
def generate_command(
    article: Path, out: Path | None, count: int | None, seed: int, engine: str, report: bool
) -> None:
    """Generate a question bank from ARTICLE (.txt, .md, .html or .pdf)."""
    from quizapp.generation.pipeline import generate, result_to_contract
    from quizapp.generation.segment import ArticleError, parse_article

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
        if engine == "llm":
            result = _generate_llm(parsed, count=count, seed=seed, progress=progress)
        else:
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
        _print_report(result)


def _generate_llm(parsed, *, count: int | None, seed: int, progress):
    """The LLM engine's grounded items, the rule engine filling in; what it did goes to stderr."""
    import os

    from quizapp.generation.llm import client
    from quizapp.generation.llm.engine import describe, fill_in, generate_llm, needs_rules
    from quizapp.generation.llm.prompt import plan
    from quizapp.generation.llm.settings import LlmSettingsError, settings_from_env
    from quizapp.generation.pipeline import GenerationResult, default_count, generate

    try:
        settings = settings_from_env(os.environ)
    except LlmSettingsError as error:
        _fail(str(error))
    if not settings.configured:
        _fail("--engine llm needs QUIZAPP_LLM_BASE_URL and QUIZAPP_LLM_MODEL (see the README).")
    click.echo(plan(parsed, settings).describe(), err=True)
    run = generate_llm(parsed, settings, client.complete, count=count, progress=progress)
    result = GenerationResult(parsed, [])
    if needs_rules(run, parsed, count):
        result = generate(parsed, count=count, seed=seed, progress=progress)
    target = default_count(parsed.words) if count is None else count
    result.items = fill_in(run.items, result.items, target)
    result.candidates += run.returned
    result.rejected.update({f"llm:{reason}": n for reason, n in run.rejected.items()})
    used = sum(1 for item in result.items if item.engine == "rules")
    click.echo(describe(run, rule_items=used), err=True)
    return result


def _print_report(result) -> None:
    """Every decision of the pipeline, sentence by sentence, then the totals per reason."""
    article = result.article
    by_sentence: dict[int, list] = {}
    for decision in result.trace:
        by_sentence.setdefault(decision.sentence, []).append(decision)
    for index in sorted(by_sentence):
        span = article.sentences[index] if index < len(article.sentences) else None
        quote = article.text[span.start : span.end] if span else ""
        click.echo(f"\nsentence {index + 1}: {quote[:100]}", err=True)
        for d in by_sentence[index]:
            subject = f" — {d.subject[:90]}" if d.subject else ""
            click.echo(f"  [{d.stage}] {d.outcome}: {d.reason}{subject}", err=True)
    click.echo(
        f"\n{result.candidates} candidates, {len(result.items)} kept; dropped by reason:", err=True
    )
    for reason, number in sorted(result.rejected.items()):
        click.echo(f"  {reason}: {number}", err=True)


COMMANDS = [generate_command]
