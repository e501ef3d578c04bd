"""Encode with an exported ONNX graph on onnxruntime: no torch at all once the file exists.

Texts are tokenized with the `tokenizers` library from the folder's own tokenizer.json, with the prompts,
truncation and padding sentence-transformers applies (index/st_folder.py); the graph returns
L2-normalized embeddings.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.encoder_config import BUILD_THREADS
from index.st_folder import FolderConfig

INPUT_NAMES = ("input_ids", "attention_mask")
OUTPUT_NAME = "embedding"
BATCH_SIZE = 32  # texts per onnxruntime call when many are encoded at once (index builds)


@dataclass(frozen=True)
class TokenBatch:
    input_ids: np.ndarray  # (n, longest) int64, padded
    attention_mask: np.ndarray  # (n, longest) int64, 1 on real tokens


class PromptTokenizer:
    """The folder's tokenizer.json, truncating and padding as sentence-transformers does."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.config = FolderConfig.read(folder)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.config.max_length)
        pad = self.config.pad_token
        self._tokenizer.enable_padding(pad_id=self._tokenizer.token_to_id(pad), pad_token=pad)

    def encode(self, texts: list[str], prompt: str) -> TokenBatch:
        encodings = self._tokenizer.encode_batch([prompt + text for text in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return TokenBatch(ids, mask)


class OnnxSession:
    """One ONNX file on onnxruntime's CPU provider, with `threads` intra-op threads."""

    def __init__(self, path: Path, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.dim = int(self._session.get_outputs()[0].shape[1])

    def run(self, batch: TokenBatch) -> np.ndarray:
        feeds = dict(zip(INPUT_NAMES, (batch.input_ids, batch.attention_mask)))
        return self._session.run([OUTPUT_NAME], feeds)[0]


class OnnxEmbedder:
    """The Embedder protocol on onnxruntime: queries on `query_file` (float32 as served, see
    index/encoder_config.py QUERY_PRECISION), passages on the float32 file.

    Passage vectors are what an index stores, so they are computed at full precision (equal to
    sentence-transformers'); their session (with the build's threads) opens only when passages are encoded,
    i.e. on index builds.
    """

    def __init__(self, folder: Path, query_file: Path, passage_file: Path, model_id: str, query_threads: int) -> None:
        with ThreadPoolExecutor(1) as pool:  # onnxruntime loads without the GIL: overlap it with the tokenizer
            queries = pool.submit(OnnxSession, query_file, query_threads)
            self._tokenizer = PromptTokenizer(folder)
            self._queries = queries.result()
        self._passage_file = passage_file
        self._passages: OnnxSession | None = None
        self.dim = self._queries.dim
        self.model_id = model_id

    def _encode(self, session: OnnxSession, texts: list[str], prompt: str) -> np.ndarray:
        """Batches of similar length (sorted, as sentence-transformers does) so little is padding."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            out[rows] = session.run(self._tokenizer.encode([texts[i] for i in rows], prompt))
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._queries, texts, self._tokenizer.config.query_prompt)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if self._passages is None:
            self._passages = OnnxSession(self._passage_file, BUILD_THREADS)
        return self._encode(self._passages, texts, self._tokenizer.config.passage_prompt)
