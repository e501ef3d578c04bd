"""Fusing lexical and dense scores over the same items (pure functions).

Ranks forget by how much the leader leads, so reciprocal rank fusion lets the weaker dense retriever pull
BM25 down (measured in ../shared/notes/embedding-model.md). The default instead rescales each retriever's
scores onto [0, 1] over the items of one query and adds them: a clear BM25 winner stays ahead unless the
dense scores disagree by a wide margin. `bench/external.py --explore` measures the variants on two
external Korean sets; equal weights won on both, so there is no tuned weight.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RRF_K = 60
MODES = ("hybrid", "bm25", "dense")
METHODS = ("minmax", "rrf")


@dataclass(frozen=True)
class FusionConfig:
    mode: str = "hybrid"  # hybrid | bm25 | dense
    method: str = "minmax"  # how hybrid combines the two: minmax (weighted sum of rescaled scores) | rrf
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


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based competition rank of every item: tied scores share the best rank of their group, so a
    retriever that cannot tell items apart (BM25 with no query term in the index) favours none of them."""
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
    values = np.asarray(scores, dtype=np.float64)
    spread = float(values.max() - values.min()) if len(values) else 0.0
    return (values - values.min()) / spread if spread > 0 else np.zeros(len(values))


def fuse(lexical: np.ndarray, dense: np.ndarray, cfg: FusionConfig) -> np.ndarray:
    """One score per item, higher is better, as the configured mode says."""
    if cfg.mode == "bm25":
        return lexical
    if cfg.mode == "dense":
        return dense
    if cfg.method == "rrf":
        return rrf([ranks(lexical), ranks(dense)], [cfg.lexical_weight, cfg.dense_weight], cfg.rrf_k)
    return cfg.lexical_weight * minmax(lexical) + cfg.dense_weight * minmax(dense)
