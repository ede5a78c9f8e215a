"""Distractors of the answer's type and form, and a type classifier for any option (pure)."""

from __future__ import annotations

import random
import re

from quizapp.domain.lexicon import CITIES, COUNTRIES, DEMONYMS, MONTHS, NUMBER_WORDS
from quizapp.domain.nlp import Analysis, identity
from quizapp.domain.textnorm import norm_key

_COUNTRY_KEYS = {norm_key(c) for c in COUNTRIES}
_CITY_KEYS = {norm_key(c) for c in CITIES}
_DEMONYM_KEYS = {d.lower() for d in DEMONYMS}
_MONTH_KEYS = {m.lower() for m in MONTHS}


def surface_forms(analysis: Analysis) -> dict[str, str]:
    """Every entity surface (normalised) in the article → its form; first occurrence wins."""
    forms: dict[str, str] = {}
    for ent in analysis.entities:
        forms.setdefault(norm_key(ent.text), ent.form)
    return forms


def classify(option: str, forms: dict[str, str]) -> str:
    """The type-and-form of an option string, judged the same way for answers and distractors."""
    key = norm_key(option)
    if key in forms:
        return forms[key]
    if len(key.split()) >= 4:
        return "PHRASE"
    if key in NUMBER_WORDS:
        return "NUM:words:"
    number = re.fullmatch(r"[$€£]?[\d.,]+%?(?: (\w+))?", key)
    if number:
        return f"NUM:digits:{number.group(1) or ''}"
    if re.fullmatch(r"\d{4}", key):
        return "DATE:year"
    if re.fullmatch(r"\d{4}s", key):
        return "DATE:decade"
    parts = key.split()
    if parts and parts[0] in _MONTH_KEYS:
        return "DATE:monthday" if len(parts) == 2 and parts[1].isdigit() else "DATE:month"
    if key in _COUNTRY_KEYS:
        return "GPE:country"
    if key in _CITY_KEYS:
        return "GPE:place"
    if key in _DEMONYM_KEYS:
        return "NORP:single"
    if key.endswith("s") and key[:-1] in _DEMONYM_KEYS:
        return "NORP:plural"
    return "UNKNOWN"


def pick(
    answer: str,
    form: str,
    analysis: Analysis,
    forms: dict[str, str],
    rng: random.Random,
    n: int = 3,
    exclude: set[str] | None = None,
) -> list[str]:
    """`n` distractors sharing the answer's form, never the answer, an alias or an `exclude` id."""
    answer_id = identity(answer)
    answer_key = norm_key(answer)
    seen = {answer_id} | (exclude or set())
    pool: list[str] = []
    answer_form = classify(answer, forms)
    for candidate in _article_pool(analysis, form) + _builtin_pool(answer, form):
        cid, ckey = identity(candidate), norm_key(candidate)
        if not ckey or cid in seen or ckey in answer_key or answer_key in ckey:
            continue
        if classify(candidate, forms) != answer_form:
            continue
        seen.add(cid)
        pool.append(candidate)
        if len(pool) >= max(n, 6):
            break
    if len(pool) < n:
        return []
    article_first = pool[: max(n, 6)]
    return rng.sample(article_first, n)


def _article_pool(analysis: Analysis, form: str) -> list[str]:
    pools = analysis.__dict__.setdefault("_pools", {})
    if form not in pools:
        pools[form] = _build_pool(analysis, form)
    return pools[form]


def _build_pool(analysis: Analysis, form: str) -> list[str]:
    text = analysis.article.text
    out: list[str] = []
    seen: set[str] = set()
    for ent in analysis.entities:
        if ent.form != form or ent.key in seen:
            continue
        seen.add(ent.key)
        has_the = (
            form.startswith(("GPE", "LOC", "ORG", "FAC", "EVENT", "LAW", "NORP:plural"))
            and text[max(0, ent.start - 4) : ent.start].lower() == "the "
        )
        out.append(("the " if has_the else "") + ent.text)
    return out


def _builtin_pool(answer: str, form: str) -> list[str]:
    key = norm_key(answer)
    if form == "DATE:year" and key.isdigit():
        year = int(key)
        return [str(year + d) for d in (-3, 2, -1, 4, 1, -5, 6, -2)]
    if form == "DATE:decade" and key[:4].isdigit():
        decade = int(key[:4])
        return [f"{prefix}{decade + d}s" for d in (-10, 10, -20, 20) for prefix in ("the ",)]
    if form == "DATE:month":
        return [m for m in MONTHS if m.lower() != key.split()[-1]]
    if form == "DATE:monthday":
        month, day = key.split()[-2], int(key.split()[-1])
        index = [m.lower() for m in MONTHS].index(month)
        return [
            f"{MONTHS[(index + 1) % 12]} {day}",
            f"{MONTHS[index]} {min(28, day + 10) if day < 19 else day - 10}",
            f"{MONTHS[(index + 11) % 12]} {day}",
            f"{MONTHS[(index + 2) % 12]} {day}",
        ]
    if form == "GPE:country":
        return list(COUNTRIES)
    if form == "GPE:place":
        return list(CITIES)
    if form == "NORP:single":
        return list(DEMONYMS)
    if form == "NORP:plural":
        return [d + "s" for d in DEMONYMS if d.endswith(("n", "i"))]
    if form.startswith("NUM:") and form == "NUM:words:" and key in NUMBER_WORDS[:20]:
        index = NUMBER_WORDS.index(key)
        return [
            NUMBER_WORDS[i] for i in (index + 1, index + 2, index - 1, index + 3) if 0 <= i < 20
        ]
    if form.startswith("NUM:") and form.startswith("NUM:digits"):
        return _numbers_like(answer)
    return []


def _numbers_like(answer: str) -> list[str]:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", answer)
    if not match:
        return []
    raw = match.group()
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    out = []
    for factor in (0.5, 2, 1.5, 0.75, 3, 0.25):
        new = value * factor
        if decimals == 0:
            new_text = f"{round(new):,}" if "," in raw else str(round(new))
        else:
            new_text = f"{new:.{decimals}f}"
        if new_text != raw and new > 0:
            out.append(answer[: match.start()] + new_text + answer[match.end() :])
    return out
