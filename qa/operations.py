"""Computations over figure records: comparisons, superlatives, sums, changes, filters (placeholder)."""
from __future__ import annotations


class Calculator:
    def __init__(self, ranker, doc) -> None:
        self.ranker = ranker
        self.doc = doc

    def answer(self, q, ranking):
        return None
