"""Blind rating sheets: `python -m tests.quality.sheets dev|heldout OUT_DIR`.

One markdown file per article: the article as the app read it, then its first 20 items in
bank order, without the generator's scores. Also OUT_DIR/items.json for joining the ratings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quizapp.domain.grading import GRADING_POLICY
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from tests.quality.sets import load_set

RATED = 20


def _item_block(number: int, item) -> str:
    lines = [f"### Item {number} ({item.type})", f"- Prompt: {item.prompt}"]
    if item.choices:
        lines.append("- Choices: " + " | ".join(item.choices))
    lines.append(f"- Answer: {item.answer}")
    if item.accepted:
        lines.append("- Also accepted: " + " | ".join(item.accepted))
    lines.append(f"- Explanation: {item.explanation}")
    lines.append(f"- Source sentence: {item.quote}")
    return "\n".join(lines)


def main(set_name: str, out: Path) -> None:
    """Write the sheets and the item index for one set."""
    out.mkdir(parents=True, exist_ok=True)
    index = {}
    for source in load_set(set_name):
        article = parse_article(source.data, source.filename)
        items = generate(article).items[:RATED]
        index[source.id] = [item.to_contract() for item in items]
        paragraphs = "\n\n".join(article.text[p.start : p.end] for p in article.paragraphs)
        sheet = [f"# Article {source.id}: {article.title}", "", paragraphs, "", "## Items", ""]
        sheet += [f"Grading: {GRADING_POLICY}", ""]
        sheet += [_item_block(n, item) + "\n" for n, item in enumerate(items, 1)]
        (out / f"{source.id}.md").write_text("\n".join(sheet), encoding="utf-8")
    (out / "items.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
