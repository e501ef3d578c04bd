"""Fusing lexical and dense scores over the same items (pure functions).

Equal-weight RRF lets a weaker retriever pull a stronger one down (measured in
../shared/notes/embedding-model.md): ranks forget by how much the leader leads. The score-aware
methods rescale each retriever's scores over the items of one query and add them with weights, so a
clear BM25 winner stays ahead unless the dense scores disagree by a wide margin.
`bench/external.py --explore` measures the methods and weights on two external Korean sets.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RRF_K = 60
MODES = ("hybrid", "bm25", "dense")


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based competition rank of every item: tied scores share the best rank of their group."""
    order = np.argsort(-scores, kind="stable")
    ordered = scores[order]
    starts = np.ones(len(scores), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    out = np.empty(len(scores), dtype=np.int64)
    out[order] = np.maximum.accumulate(np.where(starts, np.arange(1, len(scores) + 1), 0))
    return out


def rrf(rank_lists: list[np.ndarray], weights: list[float], k: int) -> np.ndarray:
    """Weighted reciprocal rank fusion of per-item ranks."""
    return sum(w / (k + r) for r, w in zip(rank_lists, weights))


def minmax(scores: np.ndarray) -> np.ndarray:
    """Scores mapped onto [0, 1] (best item 1); all zeros when every item scores the same."""
    spread = float(scores.max() - scores.min()) if len(scores) else 0.0
    if spread == 0.0:
        return np.zeros(len(scores), dtype=np.float64)
    return (scores - scores.min()) / spread


def zscore(scores: np.ndarray) -> np.ndarray:
    """Scores in standard deviations from their mean; all zeros when every item scores the same."""
    std = float(scores.std()) if len(scores) else 0.0
    if std == 0.0:
        return np.zeros(len(scores), dtype=np.float64)
    return (scores - scores.mean()) / std


NORMALIZERS: dict[str, Callable[[np.ndarray], np.ndarray]] = {"minmax": minmax, "zscore": zscore}
METHODS = ("rrf", *NORMALIZERS)


@dataclass(frozen=True)
class FusionConfig:
    mode: str = "hybrid"  # hybrid | bm25 | dense
    method: str = "minmax"  # how hybrid combines the two: rrf | minmax | zscore
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    rrf_k: int = RRF_K

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown fusion mode {self.mode!r}; expected one of {MODES}")
        if self.method not in METHODS:
            raise ValueError(f"unknown fusion method {self.method!r}; expected one of {METHODS}")
        if self.lexical_weight < 0 or self.dense_weight < 0:
            raise ValueError("fusion weights must not be negative")


def fuse(lexical: np.ndarray, dense: np.ndarray, cfg: FusionConfig) -> np.ndarray:
    """One score per item, higher is better, as the configured mode says."""
    if cfg.mode == "bm25":
        return lexical
    if cfg.mode == "dense":
        return dense
    weights = [cfg.lexical_weight, cfg.dense_weight]
    if cfg.method == "rrf":
        return rrf([ranks(lexical), ranks(dense)], weights, cfg.rrf_k)
    norm = NORMALIZERS[cfg.method]
    return weights[0] * norm(np.asarray(lexical, dtype=np.float64)) + weights[1] * norm(np.asarray(dense, dtype=np.float64))
