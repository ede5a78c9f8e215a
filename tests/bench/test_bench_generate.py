"""Generation speed against a bare spaCy parse (run with `make bench`; not collected by default)."""

from __future__ import annotations

import random
import statistics
import time

from quizapp.domain.article import parse_article
from quizapp.domain.generate import generate
from quizapp.domain.nlp import get_nlp
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


def test_seed_article_generation_vs_bare_parse():
    raw = (DATA / "seed_article.txt").read_text(encoding="utf-8")
    nlp = get_nlp()
    article = parse_article(raw, "seed.txt")
    nlp(article.text)  # warm up
    generate(_fresh(raw, -1))
    bare = _median(lambda: nlp(article.text))
    counter = iter(range(10_000))
    gen = _median(lambda: generate(_fresh(raw, next(counter))))
    ratio = gen / bare
    print(f"\nseed article: bare spaCy parse {bare:.3f}s, generate {gen:.3f}s, ratio {ratio:.2f}x")
    assert ratio <= 2.0


def test_twenty_thousand_words():
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
    article = parse_article("\n\n".join(chunks) + "\n\nOne more closing sentence here.", "big.txt")
    start = time.perf_counter()
    result = generate(article)
    gen = time.perf_counter() - start
    print(
        f"\n{article.words} words: bare parse {bare:.2f}s, generate {gen:.2f}s "
        f"({len(result.items)} items from {result.candidates} candidates)"
    )
    assert len(result.items) == 150
