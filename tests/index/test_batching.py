"""Queries from several threads are encoded together, and each caller gets its own row."""
from __future__ import annotations

import threading

import numpy as np
import pytest

from index.batching import BatchedQueries, MicroBatcher
from index.embedder import HashingEmbedder

THREADS = 8


class RecordingEncoder:
    """Encodes a text as its length, after an optional failure; records the batches it was given."""

    def __init__(self, fail_first: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.fail_first = fail_first

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        if self.fail_first and len(self.batches) == 1:
            raise RuntimeError("encoder broke")
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32).reshape(len(texts), 2)


def ask_together(batcher: MicroBatcher, texts: list[str]) -> dict[str, np.ndarray | BaseException]:
    """Every text from its own thread, released at the same moment."""
    start = threading.Barrier(len(texts))
    results: dict[str, np.ndarray | BaseException] = {}

    def ask(text: str) -> None:
        start.wait()
        try:
            results[text] = batcher.encode([text])[0]
        except RuntimeError as error:
            results[text] = error

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_one_call_serves_queries_that_arrive_together() -> None:
    encoder = RecordingEncoder()
    texts = ["가" * n for n in range(1, THREADS + 1)]
    # a batch that fills up goes at once; the long wait only matters if the threads did not all arrive
    results = ask_together(MicroBatcher(encoder, max_batch=THREADS, max_wait=30.0), texts)
    assert len(encoder.batches) == 1 and sorted(encoder.batches[0]) == sorted(texts)
    for text in texts:
        np.testing.assert_array_equal(results[text], [len(text), 1.0])


def test_no_batch_is_larger_than_the_limit() -> None:
    encoder = RecordingEncoder()
    texts = [f"질문 {n}" for n in range(THREADS)]
    results = ask_together(MicroBatcher(encoder, max_batch=3, max_wait=0.05), texts)
    assert max(len(b) for b in encoder.batches) <= 3
    assert sorted(t for b in encoder.batches for t in b) == sorted(texts)
    assert all(results[t][0] == len(t) for t in texts)


def test_a_failed_call_reaches_its_callers_and_the_next_batch_is_served() -> None:
    encoder = RecordingEncoder(fail_first=True)
    batcher = MicroBatcher(encoder, max_batch=4, max_wait=30.0)
    failed = ask_together(batcher, ["가", "나다", "라마바", "사아자차"])
    assert all(isinstance(r, RuntimeError) for r in failed.values())
    after = batcher.encode(["카타", "파", "하하하", "가나"])  # a full batch: served without waiting
    assert after[:, 0].tolist() == [2, 1, 3, 2]


def test_many_texts_from_one_caller_keep_their_order() -> None:
    batcher = MicroBatcher(RecordingEncoder(), max_batch=2, max_wait=0.0)
    vectors = batcher.encode(["가", "나다", "라마바", "사아자차", "카"])
    assert vectors[:, 0].tolist() == [1, 2, 3, 4, 1]
    assert batcher.encode([]).shape == (0, 2)


def test_batched_queries_match_the_wrapped_embedder() -> None:
    inner = HashingEmbedder()
    batched = BatchedQueries(inner, max_batch=4, max_wait=0.001)
    texts = ["청년취업사관학교 예산", "서울패션허브 임대료"]
    np.testing.assert_array_equal(batched.encode_queries(texts), inner.encode_queries(texts))
    np.testing.assert_array_equal(batched.encode_passages(texts), inner.encode_passages(texts))
    assert (batched.dim, batched.model_id) == (inner.dim, inner.model_id)


@pytest.mark.parametrize("wait", [0.0, 0.002])
def test_sequential_callers_each_get_their_answer(wait: float) -> None:
    encoder = RecordingEncoder()
    batcher = MicroBatcher(encoder, max_batch=32, max_wait=wait)
    for n in range(1, 5):
        assert batcher.encode(["가" * n])[0][0] == n
    assert len(encoder.batches) == 4
