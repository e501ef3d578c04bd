"""Hybrid retrieval over one report: BM25 over Kiwi morphemes and dense e5 vectors, fused; the same query
vector also scores every answer candidate in its scope.

`bench/compare.py` prints BM25-only, dense-only and the fused system side by side on the gold questions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.tokens import normalize
from index.query_cache import QueryVectorCache
from index.store import ReportIndex
from qa.fusion import FusionConfig, fuse, minmax


@dataclass(frozen=True)
class Hit:
    index: int  # position in ReportIndex.chunks
    score: float
    lexical: float
    dense: float


@dataclass(frozen=True)
class Retrieval:
    """Every chunk's fused score and every candidate's cosine, for one query."""

    hits: list[Hit]  # chunks, best first
    chunk_scores: np.ndarray  # fused, rescaled to [0, 1], in chunk order
    candidate_dense: np.ndarray  # cosine of the query with each candidate-in-scope (zeros in bm25 mode)


class HybridRetriever:
    def __init__(self, index: ReportIndex, config: FusionConfig = FusionConfig()) -> None:
        self.index = index
        self.config = config
        self.queries = QueryVectorCache(index.embedder.encode_queries)  # lives and dies with this index

    def vector(self, query: str) -> np.ndarray | None:
        if self.config.mode == "bm25":
            return None
        return self.queries.vector(normalize(query))

    def retrieve(self, query: str, terms: list[str]) -> Retrieval:
        lexical = self.index.lexical.score(terms)
        vector = self.vector(query)
        dense = self.index.dense.scores(vector) if vector is not None else np.zeros_like(lexical)
        fused = fuse(lexical, dense, self.config)
        order = np.argsort(-fused, kind="stable")
        hits = [Hit(int(i), float(fused[i]), float(lexical[i]), float(dense[i])) for i in order]
        cand = (self.index.candidates.similarities(vector) if vector is not None
                else np.zeros(len(self.index.candidates.candidates), dtype=np.float32))
        if self.config.mode == "bm25":
            cand = np.zeros_like(cand)
        return Retrieval(hits, minmax(fused), cand)

    def search(self, query: str, terms: list[str], k: int) -> list[Hit]:
        return self.retrieve(query, terms).hits[:k]
