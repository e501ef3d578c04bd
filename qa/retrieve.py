"""Hybrid retrieval: BM25 over Kiwi morphemes and dense e5 vectors, fused by weighted RRF.

The fusion weights are measured, not assumed: `bench/compare.py` prints BM25-only, dense-only
and the fused system side by side on the gold questions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.tokens import normalize
from index.store import ReportIndex

RRF_K = 60


@dataclass(frozen=True)
class Hit:
    index: int  # position in ReportIndex.chunks
    score: float
    lexical: float
    dense: float


@dataclass(frozen=True)
class FusionConfig:
    mode: str = "hybrid"  # hybrid | bm25 | dense
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    rrf_k: int = RRF_K


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of every item (ties keep document order)."""
    order = np.argsort(-scores, kind="stable")
    out = np.empty(len(scores), dtype=np.int64)
    out[order] = np.arange(1, len(scores) + 1)
    return out


def rrf(rank_lists: list[np.ndarray], weights: list[float], k: int) -> np.ndarray:
    """Weighted reciprocal rank fusion of per-item ranks."""
    return sum(w / (k + r) for r, w in zip(rank_lists, weights))


class HybridRetriever:
    def __init__(self, index: ReportIndex, config: FusionConfig = FusionConfig()) -> None:
        self.index = index
        self.config = config

    def scores(self, query: str, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        lexical = self.index.lexical.score(terms)
        if self.config.mode == "bm25":
            return lexical, np.zeros_like(lexical)
        vector = self.index.embedder.encode_queries([normalize(query)])[0]
        return lexical, self.index.dense.scores(vector)

    def search(self, query: str, terms: list[str], k: int) -> list[Hit]:
        lexical, dense = self.scores(query, terms)
        cfg = self.config
        if cfg.mode == "bm25":
            fused = lexical
        elif cfg.mode == "dense":
            fused = dense
        else:
            fused = rrf([ranks(lexical), ranks(dense)], [cfg.lexical_weight, cfg.dense_weight], cfg.rrf_k)
        order = np.argsort(-fused, kind="stable")[:k]
        return [Hit(int(i), float(fused[i]), float(lexical[i]), float(dense[i])) for i in order]
