"""The task queue: where background work is enqueued by the web and run by `quizapp worker`."""
