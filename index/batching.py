"""Micro-batching: queries that arrive together from several threads are encoded in one call.

FastAPI answers each request on a pool thread. A caller queues its text and waits; one encoder thread takes
whatever is queued (up to `max_batch`), waits up to `max_wait` seconds for more when the batch is not full,
encodes the batch in one call and hands each caller its own row. The queue lock is held only to add or take
texts, never while encoding.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from index.embedder import Embedder

EncodeFn = Callable[[list[str]], np.ndarray]


@dataclass
class _Request:
    text: str
    result: Future = field(default_factory=Future)


class MicroBatcher:
    def __init__(self, encode: EncodeFn, max_batch: int, max_wait: float) -> None:
        self._encode = encode
        self._max_batch = max_batch
        self._max_wait = max_wait
        self._queue: list[_Request] = []
        self._ready = threading.Condition()
        self._worker: threading.Thread | None = None

    def encode(self, texts: list[str]) -> np.ndarray:
        """Each text's vector, in order; blocks until the batches holding them are encoded."""
        requests = [_Request(text) for text in texts]
        with self._ready:
            if self._worker is None:
                self._worker = threading.Thread(target=self._serve, name="query-encoder", daemon=True)
                self._worker.start()
            self._queue.extend(requests)
            self._ready.notify()
        return np.stack([r.result.result() for r in requests]) if requests else self._encode([])

    def _next_batch(self) -> list[_Request]:
        with self._ready:
            self._ready.wait_for(lambda: self._queue)
            deadline = time.monotonic() + self._max_wait
            while len(self._queue) < self._max_batch and (left := deadline - time.monotonic()) > 0:
                self._ready.wait(left)
            batch, self._queue = self._queue[:self._max_batch], self._queue[self._max_batch:]
        return batch

    def _serve(self) -> None:
        while True:
            batch = self._next_batch()
            try:
                vectors = self._encode([r.text for r in batch])
            except Exception as error:  # every caller of the batch sees the failure, the thread lives on
                for request in batch:
                    request.result.set_exception(error)
                continue
            for request, vector in zip(batch, vectors):
                request.result.set_result(vector)


class BatchedQueries:
    """An Embedder whose queries go through a MicroBatcher; passages (index builds) are encoded directly."""

    def __init__(self, embedder: Embedder, max_batch: int, max_wait: float) -> None:
        self._embedder = embedder
        self._batcher = MicroBatcher(embedder.encode_queries, max_batch, max_wait)
        self.dim = embedder.dim
        self.model_id = embedder.model_id

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._batcher.encode(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._embedder.encode_passages(texts)
