"""Sub-commands of the `quizapp` CLI, one module per area."""
