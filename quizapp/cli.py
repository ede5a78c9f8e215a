"""The `quizapp` console command: Flask's own commands plus ours (see quizapp/commands/)."""

from __future__ import annotations

import secrets

import click
from flask.cli import FlaskGroup, NoAppException, ScriptInfo
from sqlalchemy.exc import OperationalError, ProgrammingError

from quizapp import create_app
from quizapp.commands.extract import extract_command
from quizapp.commands.generate import generate_command
from quizapp.config import Config, ConfigError

# Commands that answer HTTP requests: only these need the real SECRET_KEY.
SERVING_COMMANDS = frozenset({"run"})
_COMMAND = "quizapp.command"


def _create_app():
    """The app, or click's one-line error when the configuration refuses to start."""
    context = click.get_current_context(silent=True)
    command = context.find_root().meta.get(_COMMAND) if context else None
    try:
        config = Config()
        if command not in SERVING_COMMANDS and not config.SECRET_KEY:
            # Nothing signed by a command-line process ever reaches a browser, so a throw-away
            # key is safe here and spares every maintenance command the SECRET_KEY chore.
            config.SECRET_KEY = secrets.token_hex(32)
        return create_app(config)
    except ConfigError as error:
        raise NoAppException(str(error)) from None


class QuizappGroup(FlaskGroup):
    """FlaskGroup that knows which command it builds the app for and reports config errors in
    one line with exit status 2."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Remember the command name, then load the app once, failing in one line."""
        ctx.find_root().meta[_COMMAND] = name
        command = click.Group.get_command(self, ctx, name)
        if command is not None:
            return command
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except NoAppException as error:
            _fail(ctx, error.format_message())
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        """Run the command; a configuration error raised inside it is one line, exit 2."""
        try:
            return super().invoke(ctx)
        except NoAppException as error:
            _fail(ctx, error.format_message())
        except (OperationalError, ProgrammingError) as error:
            # A missing or un-migrated database is a set-up problem, not a bug: say what to do.
            reason = str(error.orig).strip().splitlines()[0] if error.orig else "unreachable"
            _fail(ctx, f"the database is not ready ({reason}); run `quizapp db upgrade` first.")


def _fail(ctx: click.Context, message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    ctx.exit(2)


cli = QuizappGroup(
    create_app=_create_app, help="quizapp: article → quiz and spaced-repetition deck."
)
# Commands that read files only: they work without SECRET_KEY or a database, so they are
# attached to the group itself and never build the app.
cli.add_command(extract_command)
cli.add_command(generate_command)
