"""Query vectors are cached by their whitespace-collapsed text, in a bounded LRU."""
from __future__ import annotations

import numpy as np

from index.embedder import HashingEmbedder
from index.query_cache import QueryVectorCache


class CountingEncoder:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self._inner = HashingEmbedder()

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return self._inner.encode_queries(texts)


def test_the_same_question_is_encoded_once() -> None:
    encoder = CountingEncoder()
    cache = QueryVectorCache(encoder)
    first = cache.vector("청년취업사관학교 예산은?")
    again = cache.vector("  청년취업사관학교\t 예산은? ")
    assert encoder.texts == ["청년취업사관학교 예산은?"]
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first, HashingEmbedder().encode_queries(["청년취업사관학교 예산은?"])[0])


def test_the_least_recently_used_question_is_dropped_first() -> None:
    encoder = CountingEncoder()
    cache = QueryVectorCache(encoder, size=2)
    cache.vector("가")
    cache.vector("나")
    cache.vector("가")  # now 나 is the oldest
    cache.vector("다")
    cache.vector("가")
    cache.vector("나")
    assert encoder.texts == ["가", "나", "다", "나"]


def test_cached_vectors_cannot_be_changed_by_a_caller() -> None:
    vector = QueryVectorCache(CountingEncoder()).vector("집행률")
    assert not vector.flags.writeable
