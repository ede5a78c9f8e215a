"""The development and held-out article sets (corpus keys and files written for the tests).

Corpus pages come from the shared article-extraction corpus (not in this repository); the
held-out set is only measured on, never tuned on.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT / "tests" / "data"
CORPUS = Path(
    os.environ.get("QUIZAPP_EXTRACTION_CORPUS", PROJECT.parent / "shared/corpus/article-extraction")
)

# Development: several genres (sports, business, science, health, politics, explainer,
# editorial, review, how-to, fact check) plus the three articles of the gold-list harness.
DEV_PAGES = [
    "0d46122928", "098bb3e96c", "14cc2a0ca5", "16c30add7e", "1ee91d1fce", "2f42ef1d3e",
    "3c5bf8db42", "42aad16bde", "5fa3154ec0", "63db31a161", "7bb1ca9035", "7de5241947",
    "7f93c1944a", "9e8c9f082a", "a1fca19b88", "b0cf2bbf01", "b6906ca016", "c7e39ac49f",
    "d0382c0d95", "e593d7fe88",
]  # fmt: skip
DEV_FILES = ["seed_article.txt", "science_webb.txt", "history_hansa.txt"]
# Held out: long-form, science, news, music, politics, analysis pages and four clean texts.
HELDOUT_PAGES = ["3d8f3404cf", "686bb170ef", "c58aa507c4", "9cb8224b66", "82b6d780c7", "5fa5679de5"]
HELDOUT_FILES = [
    "heldout/encyclopedia_panama_canal.txt",
    "heldout/science_tardigrades.txt",
    "heldout/analysis_four_day_week.txt",
    "heldout/news_bridge_reopening.txt",
]

# A second held-out set, chosen and written after the first was measured: auto show, politics,
# basketball, business, health scare, car review pages and three clean texts.
HELDOUT2_PAGES = [
    "05844573ca",
    "7a664e40d2",
    "eecd257509",
    "374ac9a59a",
    "ba4dfe2d3e",
    "3cb22bfabe",
]
HELDOUT2_FILES = [
    "heldout2/biography_rosalind_franklin.txt",
    "heldout2/explainer_lithium_batteries.txt",
    "heldout2/feature_tour_de_france.txt",
]
# The third, final held-out set: chosen and written after every change, measured once.
HELDOUT3_PAGES = [
    "291a8bf33e", "2c46804d9d", "33fe2471fd", "360c732d1f", "921019755f", "87bf60570e",
    "d1c57d7821",
]  # fmt: skip
HELDOUT3_FILES = [
    "heldout3/geography_great_barrier_reef.txt",
    "heldout3/economics_inflation_explainer.txt",
    "heldout3/history_printing_press.txt",
]
# A fourth held-out set, for the changes made after round 3 was measured.
HELDOUT4_PAGES = [
    "076f4f33bf", "156770d676", "65408257db", "6ebac05f63", "bc13ff87b2", "c90731f051",
    "ffc109d474",
]  # fmt: skip
HELDOUT4_FILES = [
    "heldout4/science_black_holes.txt",
    "heldout4/history_berlin_wall.txt",
    "heldout4/health_sleep_science.txt",
]
SETS = {
    "dev": (DEV_PAGES, DEV_FILES),
    "heldout": (HELDOUT_PAGES, HELDOUT_FILES),
    "heldout2": (HELDOUT2_PAGES, HELDOUT2_FILES),
    "heldout3": (HELDOUT3_PAGES, HELDOUT3_FILES),
    "heldout4": (HELDOUT4_PAGES, HELDOUT4_FILES),
}


@dataclass(frozen=True)
class Source:
    """One article of a set: its id, the raw bytes and the file name its reader goes by."""

    id: str
    data: bytes
    filename: str


def load_set(name: str) -> list[Source]:
    """The articles of a set in SETS (corpus pages need the shared corpus)."""
    pages, files = SETS[name]
    keys = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for prefix in pages:
        key = next(k for k in keys if k.startswith(prefix))
        html = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())
        out.append(Source(prefix, html, "page.html"))
    for name_ in files:
        out.append(Source(Path(name_).stem, (DATA / name_).read_bytes(), Path(name_).name))
    return out
