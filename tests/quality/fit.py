"""Fit the rank model to blind ratings: `python -m tests.quality.fit [--collect SHEETS RATINGS]`.

--collect NAME SHEETS RATINGS joins a round's items (SHEETS/items.json) with the raters' JSON
files (RATINGS/*.json: {article: [{"item": n, "grade": "A|E|R|W", "why": "…"}]}) into
tests/data/ratings/NAME.json. The models are fitted on the development ratings: every
tests/data/ratings/dev-*.json and the held-out rounds FITTED_ROUNDS (once measured, a round's
articles are development data; later rounds are written after the fit and stay unseen).
Two logistic regressions (L2, Newton steps, numpy) separate acceptable (A or E) from not (R or
W), and as-is (A) from the rest. Articles are split into three folds by a fixed rule; each fold
is scored by a model fitted on the other two (AUC and accuracy). To show how the models do on
rounds they never saw, models fitted without CHECK_ROUNDS are scored on those rounds. The
models fitted on all of FITTED_ROUNDS are written to quizapp/generation/rank_model.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import numpy as np

from quizapp.domain.items import QuizItem
from quizapp.generation.rank import FEATURES, MODEL_FILE, features

RATINGS = Path(__file__).resolve().parents[1] / "data" / "ratings"
L2 = 20.0  # chosen on rounds 30-32 (1, 5 and 20 gave AUC 0.701, 0.709, 0.717)
FITTED_ROUNDS = range(1, 47)  # held-out rounds 1-46, rated on the code of their day
CHECK_ROUNDS = range(42, 47)  # rated on the as-is ranking, left out of the check models
ACCEPTABLE = {"A", "E"}
AS_IS = {"A"}
TARGETS = {"weights": ACCEPTABLE, "as_is_weights": AS_IS}


def collect(name: str, sheets: Path, ratings: Path) -> Path:
    """Join a round's items and grades into tests/data/ratings/<name>.json; return its path."""
    items = json.loads((sheets / "items.json").read_text(encoding="utf-8"))
    rows = []
    for path in sorted(ratings.glob("*.json")):
        for article, grades in json.loads(path.read_text(encoding="utf-8")).items():
            for grade in grades:
                item = items[article][int(grade["item"]) - 1]
                rows.append(_row(article, int(grade["item"]), grade, item))
    rows.sort(key=lambda r: (r["article"], r["number"]))
    RATINGS.mkdir(parents=True, exist_ok=True)
    out = RATINGS / f"{name}.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def _row(article: str, number: int, grade: dict, item: dict) -> dict:
    """One stored rating. The features are kept; for a page of the shared corpus (a hex key)
    the source sentence and the explanation are not, so no corpus text beyond the item's own
    prompt and answer enters the repository."""
    vector = features(QuizItem.from_contract(item))
    item = json.loads(json.dumps(item))
    if re.fullmatch(r"[0-9a-f]{10}", article):
        item.get("source", {}).pop("text", None)
        item["explanation"] = ""
    return {
        "article": article,
        "number": number,
        "grade": grade["grade"],
        "why": grade.get("why", ""),
        "item": item,
        "features": dict(zip(FEATURES, [round(v, 5) for v in vector], strict=True)),
    }


def _vector(row: dict) -> list[float]:
    """The row's features in FEATURES order: those stored with it (the item as rated; a corpus
    page's row keeps no source text to compute them again), the newer ones from its item."""
    stored = row.get("features") or {}
    if all(name in stored for name in FEATURES):
        return [float(stored[name]) for name in FEATURES]
    computed = features(QuizItem.from_contract(row["item"]))
    return [float(stored.get(name, value)) for name, value in zip(FEATURES, computed, strict=True)]


def _matrix(rows: list[dict], target: set[str] = ACCEPTABLE) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([_vector(r) for r in rows], dtype=float)
    y = np.array([1.0 if r["grade"] in target else 0.0 for r in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression weights by Newton's method (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-6 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random acceptable item outscores a random rejected one."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


FOLDS = 3


def _part(article: str) -> int:
    """The article's fold: every item of an article is scored by a model that never saw it."""
    return int(hashlib.sha256(article.encode()).hexdigest(), 16) % FOLDS


def main() -> None:
    """Collect (optionally), cross-validate by article, fit on all, write the model."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--collect", nargs=3, metavar=("NAME", "SHEETS", "RATINGS"))
    args = parser.parse_args()
    if args.collect:
        print("wrote", collect(args.collect[0], Path(args.collect[1]), Path(args.collect[2])))
    rows = _rounds(FITTED_ROUNDS)
    checked = [r for r in rows if r["round"] in CHECK_ROUNDS]
    before = [r for r in rows if r["round"] not in CHECK_ROUNDS]
    model: dict = {"features": list(FEATURES)}
    for name, target in TARGETS.items():
        label = "/".join(sorted(target))
        aucs = []
        for fold in range(FOLDS):
            train = [r for r in rows if _part(r["article"]) != fold]
            test = [r for r in rows if _part(r["article"]) == fold]
            x_test, y_test = _matrix(test, target)
            scores = 1.0 / (1.0 + np.exp(-x_test @ fit(*_matrix(train, target))))
            aucs.append(auc(scores, y_test))
            accuracy = float(((scores >= 0.5) == (y_test == 1)).mean())
            print(
                f"{label} fold {fold}: fitted on {len(train)} items, scored on {len(test)} items "
                f"of {len({r['article'] for r in test})} other articles: AUC {aucs[-1]:.3f}, "
                f"accuracy {accuracy:.3f}, {label} share {y_test.mean():.2f}"
            )
        x_check, y_check = _matrix(checked, target)
        held_out = auc(x_check @ fit(*_matrix(before, target)), y_check)
        print(
            f"{label}: fitted without rounds {CHECK_ROUNDS.start}-{CHECK_ROUNDS.stop - 1}, "
            f"scored on their {len(checked)} items: AUC {held_out:.3f}"
        )
        weights = fit(*_matrix(rows, target))
        model[name] = [round(float(v), 5) for v in weights]
        model[f"{name}_cross_validated_auc"] = [round(a, 3) for a in aucs]
        model[f"{name}_held_out_auc"] = round(held_out, 3)
        for feature, value in sorted(zip(FEATURES, weights, strict=True), key=lambda p: -abs(p[1])):
            print(f"  {feature:24s} {value:+.3f}")
    model["fitted_on"] = (
        f"tests/data/ratings/dev-*.json and heldout-round{FITTED_ROUNDS.start}.."
        f"{FITTED_ROUNDS.stop - 1}.json: {len(rows)} items, "
        f"{len({r['article'] for r in rows})} articles"
    )
    model["held_out_rounds"] = f"{CHECK_ROUNDS.start}-{CHECK_ROUNDS.stop - 1}"
    MODEL_FILE.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


def _rounds(numbers: range) -> list[dict]:
    """The development ratings and the held-out rounds `numbers`, each row with its round
    (0 for the development rounds)."""
    rows = []
    for path in sorted(RATINGS.glob("dev-*.json")):
        rows += [{**row, "round": 0} for row in json.loads(path.read_text(encoding="utf-8"))]
    for n in numbers:
        path = RATINGS / f"heldout-round{n}.json"
        rows += [{**row, "round": n} for row in json.loads(path.read_text(encoding="utf-8"))]
    return rows


if __name__ == "__main__":
    main()
