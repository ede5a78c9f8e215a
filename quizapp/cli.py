"""The `quizapp` console command: Flask's own commands plus ours (see quizapp/commands/)."""

from flask.cli import FlaskGroup

from quizapp import create_app

cli = FlaskGroup(create_app=create_app, help="quizapp: article → quiz and spaced-repetition deck.")
