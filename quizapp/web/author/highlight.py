"""Show an item's source sentence highlighted inside its paragraph, safely escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

from quizapp.domain.authoring import paragraph_bounds


def highlighted_paragraph(text: str, start: int | None, end: int | None) -> Markup:
    """The paragraph around text[start:end] as HTML with that span in <mark>.

    Every piece of article text is escaped first; only the <mark> tags are ours.
    """
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return Markup("")
    para_start, para_end = paragraph_bounds(text, start)
    para_end = max(para_end, end)
    return (
        escape(text[para_start:start])
        + Markup("<mark>")
        + escape(text[start:end])
        + Markup("</mark>")
        + escape(text[end:para_end])
    )
