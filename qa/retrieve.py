"""Hybrid retrieval over one report: BM25 over Kiwi morphemes and dense e5 vectors, fused.

`bench/compare.py` prints BM25-only, dense-only and the fused system side by side on the gold questions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.tokens import normalize
from index.store import ReportIndex
from qa.fusion import FusionConfig, fuse



@dataclass(frozen=True)
class Hit:
    index: int  # position in ReportIndex.chunks
    score: float
    lexical: float
    dense: float


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
        fused = fuse(lexical, dense, self.config)
        order = np.argsort(-fused, kind="stable")[:k]
        return [Hit(int(i), float(fused[i]), float(lexical[i]), float(dense[i])) for i in order]
