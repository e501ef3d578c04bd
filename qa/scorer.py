"""The one scoring model over answer options: a weighted sum of the features of qa/features.py.

The weights and the abstention threshold live in qa/model/scorer.json, written by
`bench/fit_scorer.py` (a softmax over each question's options, fitted on the tune half of the
dev set with cross-validated regularization; the threshold read off the folds' abstention curve).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qa.features import NAMES

DEFAULT_MODEL = Path(__file__).resolve().parent / "model" / "scorer.json"


class ScorerMismatchError(ValueError):
    """The weights file names other features than the code computes."""


@dataclass(frozen=True)
class Scorer:
    weights: tuple[float, ...]
    abstain_below: float  # grounding score under which the best option does not answer

    def score(self, vector: list[float]) -> float:
        return sum(w * x for w, x in zip(self.weights, vector))

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != NAMES:
            raise ScorerMismatchError(f"{path} was fitted for features {data['features']}, the code has {list(NAMES)}")
        return cls(tuple(float(data["weights"][name]) for name in NAMES), float(data["abstain_below"]))

    def save(self, path: Path, about: dict) -> None:
        data = {"features": list(NAMES), "weights": dict(zip(NAMES, self.weights)),
                "abstain_below": self.abstain_below, "fitted": about}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
