"""The `quizapp` console command: Flask's own commands plus ours (see quizapp/commands/)."""

from flask.cli import FlaskGroup, NoAppException

from quizapp import create_app
from quizapp.commands.extract import extract_command
from quizapp.commands.generate import generate_command
from quizapp.config import ConfigError


def _create_app():
    """The app, or click's one-line error when the configuration refuses to start."""
    try:
        return create_app()
    except ConfigError as error:
        raise NoAppException(str(error)) from None


cli = FlaskGroup(create_app=_create_app, help="quizapp: article → quiz and spaced-repetition deck.")
# Commands that read files only: they work without SECRET_KEY or a database, so they are
# attached to the group itself and never build the app.
cli.add_command(extract_command)
cli.add_command(generate_command)
