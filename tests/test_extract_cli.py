"""`quizapp extract` and the app-free commands: no SECRET_KEY, no NLP model, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
NEWS = DATA / "pages" / "news_with_furniture.html"
QUIZAPP = Path(sys.executable).with_name("quizapp")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env["QUIZAPP_INSTANCE"] = str(cwd / "instance")
    return subprocess.run(
        [str(QUIZAPP), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_extract_json_without_secret_key(tmp_path):
    result = _run("extract", str(NEWS), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"] == "Harbour seals return to the estuary"
    assert (document["author"], document["date"]) == ("Mara Lindqvist", "2023-04-18")
    assert (document["site"], document["language"]) == ("The Coastal Herald", "en")
    assert document["headings"] == ["Fish stocks recover"]
    assert document["paragraphs"][0].startswith("Harbour seals have returned")
    assert all("Getty" not in p for p in document["paragraphs"])
    assert document["text"].count("\n\n") == len(document["paragraphs"])  # and one heading


def test_extract_text_prints_title_then_paragraphs(tmp_path):
    result = _run("extract", str(NEWS), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n\n")
    assert lines[0] == "Harbour seals return to the estuary"
    assert lines[1].startswith("Harbour seals have returned")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.html", None, "cannot read"),
        ("empty.txt", b"", "empty"),
        ("binary.pdf", b"\x00\x01\x02 not a pdf at all", "not a readable PDF"),
        (
            "links.html",
            b"<html><body><a href=/a>A</a> <a href=/b>B</a></body></html>",
            "no article",
        ),
    ],
)
def test_extract_bad_input_is_one_line_and_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _run("extract", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_extract_refuses_a_private_link_in_one_line(tmp_path):
    result = _run("extract", "http://127.0.0.1:9/article", cwd=tmp_path)
    assert result.returncode == 2
    assert "private or local address" in result.stderr and "Traceback" not in result.stderr


def test_generate_refuses_a_non_english_article_naming_the_language(tmp_path):
    article = tmp_path / "genova.txt"
    article.write_text(
        "Il porto di Genova è uno dei più grandi del Mediterraneo e ogni anno accoglie milioni "
        "di passeggeri e di container provenienti da tutto il mondo.\n\nNegli ultimi dieci anni "
        "il traffico delle merci è cresciuto in modo costante.",
        encoding="utf-8",
    )
    result = _run("generate", str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert "the article is in Italian" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_extract_loads_no_nlp_model():
    code = (
        "import sys; from click.testing import CliRunner; from quizapp.cli import cli; "
        f"r = CliRunner().invoke(cli, ['extract', {str(NEWS)!r}]); "
        "assert r.exit_code == 0, r.output; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
