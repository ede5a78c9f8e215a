"""The one error the reading stage raises."""


class ArticleError(ValueError):
    """The upload cannot be read as an article; the message is one line naming the problem."""


def as_sentence(message: str) -> str:
    """A one-line reason as a sentence for a page: capital first, full stop last."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
