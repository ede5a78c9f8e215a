"""`quizapp` sub-commands for this area."""

COMMANDS: list = []
