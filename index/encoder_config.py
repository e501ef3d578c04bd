"""How the default model encodes: onnxruntime or torch, its threads, and how queries are batched.

Kept free of heavy imports: web/settings.py builds one from QA_* variables.
"""
from __future__ import annotations

from dataclasses import dataclass

ENCODERS = ("onnx", "torch")
DEFAULT_ENCODER = "onnx"
# Threads encoding a query (docs/serving.md): float32 onnxruntime takes 12.8 ms on 1 thread, 7.5 ms on 2;
# (int8 was as fast on 1 as on 2, where a second thread only took a core from other requests' Python work).
QUERY_THREADS = {"onnx": 2, "torch": 2}
# Queries run on the int8 graph (its token embeddings stay float32, read from the table; docs/serving.md):
# on the dev set every metric equals float32's on both halves; on our 380 own questions 3 answers moved (one
# each way in abstention, one gained at rank 1), and the server stays under 600 MB (about 510 vs 600-610 MB).
QUERY_PRECISION = "int8"
BUILD_THREADS = 2  # index builds encode passages 32 at a time, where a second thread pays
# How long a batch's first query waits for others. Measured in-process, 1/10/50 threads: waiting 2 ms added
# 2 ms to a lone query (p50 11-12 -> 14 ms) and no throughput beyond noise; without waiting, queries that
# arrive while a batch is encoded already go together (mean batch 9.5 at 50 threads).
BATCH_WAIT_MS = 0.0
MAX_BATCH = 32  # queries encoded in one call at most


@dataclass(frozen=True)
class EncoderConfig:
    kind: str = DEFAULT_ENCODER
    threads: int | None = None  # None: QUERY_THREADS of the kind
    batch_wait_ms: float = BATCH_WAIT_MS
    max_batch: int = MAX_BATCH

    def __post_init__(self) -> None:
        if self.kind not in ENCODERS:
            raise ValueError(f"the encoder must be one of {', '.join(ENCODERS)}, got {self.kind!r}")
        if self.query_threads < 1 or self.max_batch < 1 or self.batch_wait_ms < 0:
            raise ValueError("encoder threads and batch size must be at least 1, the batch wait not negative")

    @property
    def query_threads(self) -> int:
        return QUERY_THREADS[self.kind] if self.threads is None else self.threads
