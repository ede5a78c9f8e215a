"""Text normalisation shared by the article reader, the generator and the quality gates (pure)."""

from __future__ import annotations

import functools
import re
import unicodedata

# One-for-one replacements, so offsets computed after them stay valid.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\t": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u0085": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ ]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w%$€£.]+|(?<!\d)\.|\.(?!\d)")


def normalize_text(raw: str) -> str:
    """Canonical article text: NFC, straight quotes, plain spaces, LF line ends, no invisibles."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


@functools.lru_cache(maxsize=8192)
def norm_key(phrase: str) -> str:
    """Comparison key: casefolded, punctuation-free, single-spaced, without a leading article."""
    phrase = phrase.translate(_QUOTES).casefold().strip()
    phrase = re.sub(r"'s\b", "", phrase)
    phrase = _NON_WORD.sub(" ", phrase)
    phrase = " ".join(phrase.split())
    return _LEADING_ARTICLE.sub("", phrase)


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether `needle` occurs in `haystack` as whole words, ignoring case and punctuation."""
    key = norm_key(needle)
    if not key:
        return False
    return f" {key} " in f" {norm_key(haystack)} "


def words(text: str) -> list[str]:
    """Whitespace-separated words (the same count `wc -w` gives)."""
    return text.split()
