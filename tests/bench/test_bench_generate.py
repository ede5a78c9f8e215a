"""Generation speed against a bare spaCy parse (run with `make bench`; not collected by default)."""

from __future__ import annotations

import random
import statistics
import time

from quizapp.generation.analyse import get_nlp
from quizapp.generation.pipeline import generate
from quizapp.generation.segment import parse_article
from tests.domain.gold import DATA

RUNS = 5


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fresh(raw: str, salt: int):
    # A new sha256 each run, so the analysis cache never answers for generate().
    return parse_article(raw + f"\n\nThis closing note is number {salt} of the benchmark.", "b.txt")


def test_seed_article_generation_vs_bare_parse(bench):
    raw = (DATA / "seed_article.txt").read_text(encoding="utf-8")
    nlp = get_nlp()
    article = parse_article(raw, "seed.txt")
    nlp(article.text)  # warm up
    generate(_fresh(raw, -1))
    bare = _median(lambda: nlp(article.text))
    counter = iter(range(10_000))
    gen = _median(lambda: generate(_fresh(raw, next(counter))))
    ratio = gen / bare
    bench.record(
        "generation: seed article vs bare spaCy parse",
        size=f"{article.words:,} words",
        median=gen,
        baseline=bare,
        runs=RUNS,
        target="≤ 2.0×",
        passed=ratio <= 2.0,
    )
    print(f"\nseed article: bare spaCy parse {bare:.3f}s, generate {gen:.3f}s, ratio {ratio:.2f}x")
    assert ratio <= 2.0


def test_twenty_thousand_words(bench):
    rng = random.Random(5)
    sources = [
        (DATA / name).read_text(encoding="utf-8")
        for name in ("seed_article.txt", "science_webb.txt", "history_hansa.txt")
    ]
    paragraphs = [p for text in sources for p in text.split("\n") if len(p.split()) > 12]
    chunks, words = [], 0
    while words < 20_000:
        paragraph = rng.choice(paragraphs)
        sentences = paragraph.split(". ")
        rng.shuffle(sentences)
        chunk = ". ".join(sentences).rstrip(".") + f". Section {len(chunks)} ends here."
        chunks.append(chunk)
        words += len(chunk.split())
    article = parse_article("\n\n".join(chunks), "big.txt")
    start = time.perf_counter()
    get_nlp()(article.text)
    bare = time.perf_counter() - start
    times = []
    for salt in range(3):  # a new text each run, so the analysis cache never answers
        article = parse_article("\n\n".join(chunks) + f"\n\nClosing sentence {salt}.", "big.txt")
        start = time.perf_counter()
        result = generate(article)
        times.append(time.perf_counter() - start)
    gen = statistics.median(times)
    bench.record(
        "generation: 20,000-word article",
        size=f"{article.words:,} words",
        median=gen,
        runs=len(times),
        target="< 10 s",
        passed=gen < 10,
    )
    print(
        f"\n{article.words} words: bare parse {bare:.2f}s, generate {gen:.2f}s "
        f"({len(result.items)} items from {result.candidates} candidates)"
    )
    assert len(result.items) == 150
    assert gen < 10
