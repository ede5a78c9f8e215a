"""Text exports of a deck: Anki CSV (with # headers), Moodle GIFT and the items JSON (pure)."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from quizapp.domain.anki import (
    ExportError,
    deck_name,
    note_fields,
    note_guid,
    note_tags,
    validate_items,
)
from quizapp.domain.items import CLOZE_BLANK, Deck, QuizItem

__all__ = ["ExportError", "to_csv", "to_gift", "to_json", "gift_escape"]

# Anki's stock note types exist in every collection; the quizapp ones only after an .apkg import.
CSV_BASIC = "Basic"
CSV_CLOZE = "Cloze"
GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _csv_back(fields: dict[str, str], *, with_answer: bool) -> str:
    parts = [f"<b>{fields['Answer']}</b>"] if with_answer else []
    if fields["Accepted"]:
        parts.append(f"Also accepted: {fields['Accepted']}")
    if fields["Explanation"]:
        parts.append(fields["Explanation"])
    if fields["Quote"]:
        source = f" — {fields['ArticleTitle']}" if fields["ArticleTitle"] else ""
        parts.append(f"<i>“{fields['Quote']}”{source}</i>")
    return "<br><br>".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_csv(deck: Deck) -> str:
    """Tab-separated text for Anki's CSV importer, using the stock Basic and Cloze note types.

    Columns: note type, GUID, tags, Front/Text, Back/Back Extra. The note type comes first so
    no data line can start with "#", which Anki reads as a comment.
    """
    validate_items(deck)
    out = io.StringIO()
    out.write(
        "#separator:tab\n#html:true\n#notetype column:1\n#guid column:2\n#tags column:3\n"
        f"#deck:{_one_line(deck_name(deck))}\n"
    )
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for item in deck.items:
        fields = note_fields(deck, item)
        if item.type == "cloze":
            row = [CSV_CLOZE, fields["Prompt"], _csv_back(fields, with_answer=False)]
        else:
            front = fields["Prompt"] + (f"<br>{fields['Choices']}" if fields["Choices"] else "")
            row = [CSV_BASIC, front, _csv_back(fields, with_answer=True)]
        notetype, first, second = row
        writer.writerow(
            [
                notetype,
                note_guid(deck.slug, item.key),
                " ".join(note_tags(deck, item)),
                first.replace("\t", " "),
                second.replace("\t", " "),
            ]
        )
    return out.getvalue()


def gift_escape(text: str) -> str:
    """Text safe inside GIFT: special characters backslash-escaped, one line."""
    escaped = GIFT_SPECIAL.sub(r"\\\1", text.strip())
    return re.sub(r"\r?\n", r"\\n", escaped)


def _gift_html(text: str) -> str:
    # Question text is marked [html]: escape markup so it shows as typed.
    return gift_escape(html.escape(text, quote=False))


def _gift_feedback(deck: Deck, item: QuizItem) -> str:
    parts = [item.explanation.strip()] if item.explanation.strip() else []
    if item.quote.strip():
        title = deck.source.title if deck.source is not None and deck.source.title else ""
        parts.append(f"“{item.quote.strip()}”" + (f" ({title})" if title else ""))
    return "\n".join(parts)


def _gift_answers(item: QuizItem) -> str:
    if item.type == "mcq":
        options = []
        for choice in item.choices:
            mark = "=" if choice == item.answer else "~"
            options.append(f"{mark}{_gift_html(choice)}")
        return " ".join(options)
    if item.type == "true_false":
        return "TRUE" if item.answer.strip().lower() in ("true", "t", "yes") else "FALSE"
    if item.type == "basic":
        return ""  # an essay question: free recall cannot be auto-graded
    seen: list[str] = []
    for answer in [item.answer, *item.accepted]:
        if answer.strip() and answer.strip() not in seen:
            seen.append(answer.strip())
    return " ".join(f"={gift_escape(answer)}" for answer in seen)


def _gift_question(deck: Deck, item: QuizItem) -> str:
    feedback = _gift_feedback(deck, item)
    answers = _gift_answers(item)
    if item.type == "basic" and item.answer.strip():
        feedback = item.answer.strip() + ("\n" + feedback if feedback else "")
    general = f"####{_gift_html(feedback)}" if feedback else ""
    block = "{" + " ".join(part for part in (answers, general) if part) + "}"
    title = f"::{gift_escape(item.key)}::[html]"
    if item.type == "cloze":
        # GIFT's "missing word" form: the answers stand where the blank was.
        before, _, after = item.prompt.partition(CLOZE_BLANK)
        return f"{title}{_gift_html(before)} {block} {_gift_html(after)}".rstrip()
    return f"{title}{_gift_html(item.prompt)} {block}"


def to_gift(deck: Deck) -> str:
    """Moodle GIFT: multiple choice, true/false, short answer with aliases, cloze, essay."""
    validate_items(deck)
    lines = [
        f"// quizapp deck {_one_line(deck.slug)}: {_one_line(deck.title)}",
        f"$CATEGORY: $course$/quizapp/{_one_line(deck.slug)}",
        "",
    ]
    for item in deck.items:
        lines.append(f"// {_one_line(item.type)} · {_one_line(item.topic) or 'no topic'}")
        lines.append(_gift_question(deck, item))
        lines.append("")
    return "\n".join(lines)


def to_json(deck: Deck) -> str:
    """The `quizapp-items/1` contract (DESIGN §4) with the deck's slug and title added."""
    if not deck.items:
        raise ExportError(f"Deck {deck.slug!r} has no approved items to export.")
    source = deck.source
    data = {
        "format": "quizapp-items/1",
        "deck": {"slug": deck.slug, "title": deck.title},
        "article": {
            "title": source.title if source else deck.title,
            "sha256": source.sha256 if source else "",
            "words": len(source.text.split()) if source and source.text else 0,
        },
        "items": [item.to_contract() for item in deck.items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
