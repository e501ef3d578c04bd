"""How the default model encodes: onnxruntime or torch, its threads, and how queries are batched.

Kept free of heavy imports: web/settings.py builds one from QA_* variables.
"""
from __future__ import annotations

from dataclasses import dataclass

ENCODERS = ("onnx", "torch")
DEFAULT_ENCODER = "onnx"
THREADS = 2  # intra-op threads; measured on 2 cores (docs in bench/load.py)
BATCH_WAIT_MS = 2.0  # how long the first query of a batch waits for others
MAX_BATCH = 32  # queries encoded in one call at most


@dataclass(frozen=True)
class EncoderConfig:
    kind: str = DEFAULT_ENCODER
    threads: int = THREADS
    batch_wait_ms: float = BATCH_WAIT_MS
    max_batch: int = MAX_BATCH

    def __post_init__(self) -> None:
        if self.kind not in ENCODERS:
            raise ValueError(f"the encoder must be one of {', '.join(ENCODERS)}, got {self.kind!r}")
        if self.threads < 1 or self.max_batch < 1 or self.batch_wait_ms < 0:
            raise ValueError("encoder threads and batch size must be at least 1, the batch wait not negative")
