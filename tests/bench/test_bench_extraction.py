"""Article extraction against hand-marked bodies, with trafilatura alone as the baseline.

The corpus folder comes from QUIZAPP_EXTRACTION_CORPUS (default: ../shared/corpus/article-extraction
beside the project); it holds html/<key>.html.gz and ground-truth.json {key: {"articleBody"}}.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import time
from pathlib import Path

import pytest

from quizapp.generation.read.source import read_upload
from quizapp.generation.segment import ArticleError, parse_article
from tests.bench.extraction_metric import score

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = Path(
    os.environ.get("QUIZAPP_EXTRACTION_CORPUS", PROJECT.parent / "shared/corpus/article-extraction")
)
F1_TARGET = 0.96
TIME_TARGET = 1.2
ROUNDS = 3


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, bytes, str]]:
    truth_file = CORPUS / "ground-truth.json"
    if not truth_file.is_file():
        pytest.skip(f"no extraction corpus at {CORPUS} (set QUIZAPP_EXTRACTION_CORPUS)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return [
        (key, gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()), body)
        for key, body in ((k, v["articleBody"]) for k, v in sorted(truth.items()))
    ]


def _reader(html: bytes) -> str | None:
    try:
        return parse_article(html, "page.html").text
    except ArticleError:
        return None


def _read_stage(html: bytes) -> str:
    """The read stage alone (extraction, furniture, metadata), before segmenting."""
    return read_upload(html, "page.html").text


def _trafilatura(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def test_reader_body_f1_against_trafilatura(pages, bench):
    ours = [_reader(html) for _, html, _ in pages]
    refused = [key for (key, _, _), text in zip(pages, ours, strict=True) if text is None]
    reader = score((text or "", truth) for text, (_, _, truth) in zip(ours, pages, strict=True))
    baseline = score((_trafilatura(html), truth) for _, html, truth in pages)
    size = f"{len(pages)} pages"
    bench.record(
        "extraction: body F1, reader vs trafilatura",
        size=size,
        median=reader.f1,
        unit="F1",
        baseline=baseline.f1,
        runs=1,
        target=f"≥ {F1_TARGET}",
        passed=reader.f1 >= F1_TARGET,
    )
    bench.record(
        "extraction: pages refused",
        size=size,
        median=len(refused),
        unit="pages",
        runs=1,
        target="0",
        passed=not refused,
    )
    print(
        f"\nreader F1 {reader.f1:.4f} (P {reader.precision:.4f}, R {reader.recall:.4f}); "
        f"trafilatura alone F1 {baseline.f1:.4f} (P {baseline.precision:.4f}, "
        f"R {baseline.recall:.4f}); refused: {refused or 'none'}"
    )
    assert not refused
    assert reader.f1 >= F1_TARGET


def _paired_ratio(htmls: list[bytes], ours, theirs) -> tuple[float, float, float, list[float]]:
    """Median over rounds of (our corpus time / their corpus time), and median per-page times."""
    ratios, mine, baseline = [], [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for html in htmls:
            theirs(html)
        base = time.perf_counter() - start
        start = time.perf_counter()
        for html in htmls:
            ours(html)
        own = time.perf_counter() - start
        ratios.append(own / base)
        mine.append(own / len(htmls))
        baseline.append(base / len(htmls))
    return statistics.median(ratios), statistics.median(mine), statistics.median(baseline), ratios


def test_reader_time_per_page_against_trafilatura(pages, bench):
    """The read stage against trafilatura alone, in paired rounds; segmenting shown apart."""
    htmls = [html for _, html, _ in pages]
    for html in htmls[:5]:  # warm everything up (imports, caches, the language model)
        _reader(html)
        _trafilatura(html)
    ratio, ours, theirs, ratios = _paired_ratio(htmls, _read_stage, _trafilatura)
    bench.record(
        "extraction: read stage per page vs trafilatura",
        size=f"{len(htmls)} pages",
        median=ours,
        baseline=theirs,
        ratio=ratio,
        runs=ROUNDS,
        target=f"≤ {TIME_TARGET}×",
        passed=ratio <= TIME_TARGET,
    )
    whole, whole_ours, whole_theirs, _ = _paired_ratio(htmls, _reader, _trafilatura)
    bench.record(
        "extraction: read + segment per page vs trafilatura",
        size=f"{len(htmls)} pages",
        median=whole_ours,
        baseline=whole_theirs,
        ratio=whole,
        runs=ROUNDS,
        target="(shown)",
        passed=True,
    )
    print(f"\nread stage/trafilatura: {ratio:.2f}× (rounds: {[round(r, 2) for r in ratios]})")
    assert ratio <= TIME_TARGET
