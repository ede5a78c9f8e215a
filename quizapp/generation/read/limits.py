"""Size and time limits of reading, one set for the reader, the forms, the CLI and the README."""

# An upload, a paste or a fetched page larger than this is refused.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_MB = MAX_ARTICLE_BYTES // (1024 * 1024)
MAX_TEXT_CHARS = 1_000_000  # extracted text beyond this (≈ 160,000 words) is refused
PDF_SECONDS = 4.0  # a PDF whose text takes longer than this to extract is refused
FETCH_SECONDS = 8.0  # a link must answer in full within this time (a web worker waits for it)


def too_large_message(size: int) -> str:
    """The one wording of the size limit, for every place that enforces it."""
    return (
        f"the article is larger than {MAX_ARTICLE_MB} MB ({size / (1024 * 1024):.1f} MB); "
        "shorten it or split it"
    )
