"""Encode with an exported ONNX graph on onnxruntime: no torch at all once the files exist.

Texts are tokenized with the `tokenizers` library from the kept vocabulary's tokenizer.json (index/vocab_prune.py),
with the prompts, truncation and padding sentence-transformers applies (index/st_folder.py). Each token's
embedding row is read from the table file on disk (the page cache holds it, not the process), and the graph
turns the rows into L2-normalized sentence embeddings.
"""
from __future__ import annotations

import os
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.encoder_config import BUILD_THREADS
from index.st_folder import FolderConfig

INPUT_NAMES = ("inputs_embeds", "attention_mask")
OUTPUT_NAME = "embedding"
TOKENIZER_FILE = "tokenizer.json"
BATCH_SIZE = 32  # texts per onnxruntime call when many are encoded at once (index builds)


@dataclass(frozen=True)
class TokenBatch:
    input_ids: np.ndarray  # (n, longest) int64, padded
    attention_mask: np.ndarray  # (n, longest) int64, 1 on real tokens


class PromptTokenizer:
    """A tokenizer.json, truncating and padding as sentence-transformers does for the folder's config."""

    def __init__(self, tokenizer_file: Path, config: FolderConfig) -> None:
        from tokenizers import Tokenizer

        self.config = config
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.enable_truncation(self.config.max_length)
        pad = self.config.pad_token
        self._tokenizer.enable_padding(pad_id=self._tokenizer.token_to_id(pad), pad_token=pad)

    def encode(self, texts: list[str], prompt: str) -> TokenBatch:
        encodings = self._tokenizer.encode_batch([prompt + text for text in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return TokenBatch(ids, mask)

    def tokens(self, text: str) -> list[str]:
        return self._tokenizer.encode(text).tokens


class TokenTable:
    """The token embedding table (.npy, float32), read a row at a time: a question reads a few dozen rows,
    and the 160 MB table stays on disk and in the page cache instead of the server's memory."""

    def __init__(self, path: Path) -> None:
        header = np.load(path, mmap_mode="r")
        self.rows, self.dim = header.shape
        self._offset = header.offset
        del header
        self._row_bytes = self.dim * np.dtype(np.float32).itemsize
        self._fd = os.open(path, os.O_RDONLY)  # read with pread: no shared offset between threads
        weakref.finalize(self, os.close, self._fd)

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """(n, length) token ids → (n, length, dim) float32 rows."""
        unique, where = np.unique(ids, return_inverse=True)
        if len(unique) and (unique[0] < 0 or unique[-1] >= self.rows):
            raise ValueError(f"token ids must be within 0..{self.rows - 1}, got {unique[0]}..{unique[-1]}: "
                             "the tokenizer does not belong to this table")
        rows = np.empty((len(unique), self.dim), dtype=np.float32)
        for k, token in enumerate(unique.tolist()):
            data = os.pread(self._fd, self._row_bytes, self._offset + token * self._row_bytes)
            rows[k] = np.frombuffer(data, dtype=np.float32)
        return rows[where.reshape(ids.shape)]


class OnnxSession:
    """One ONNX file on onnxruntime's CPU provider, with `threads` intra-op threads."""

    def __init__(self, path: Path, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.dim = int(self._session.get_outputs()[0].shape[1])

    def run(self, embeds: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        feeds = dict(zip(INPUT_NAMES, (embeds, attention_mask)))
        return self._session.run([OUTPUT_NAME], feeds)[0]


@dataclass(frozen=True)
class OnnxFiles:
    """What the ONNX encoder reads (index/onnx_model.py makes them)."""

    query_graph: Path  # float32 as served, see index/encoder_config.py QUERY_PRECISION
    passage_graph: Path  # always float32: passage vectors are what an index stores
    tokenizer: Path  # the kept vocabulary's tokenizer.json
    table: Path  # its token embedding rows


class OnnxEmbedder:
    """The Embedder protocol on onnxruntime.

    Passage vectors are computed at full precision (equal to sentence-transformers'); their session (with the
    build's threads) opens only when passages are encoded, i.e. on index builds.
    """

    def __init__(self, config: FolderConfig, files: OnnxFiles, model_id: str, query_threads: int) -> None:
        with ThreadPoolExecutor(1) as pool:  # onnxruntime loads without the GIL: overlap it with the tokenizer
            queries = pool.submit(OnnxSession, files.query_graph, query_threads)
            self._tokenizer = PromptTokenizer(files.tokenizer, config)
            self._table = TokenTable(files.table)
            self._queries = queries.result()
        self._passage_file = files.passage_graph
        self._passages: OnnxSession | None = None
        self.dim = self._queries.dim
        self.model_id = model_id

    def _encode(self, session: OnnxSession, texts: list[str], prompt: str) -> np.ndarray:
        """Batches of similar length (sorted, as sentence-transformers does) so little is padding."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start:start + BATCH_SIZE]
            batch = self._tokenizer.encode([texts[i] for i in rows], prompt)
            out[rows] = session.run(self._table.embed(batch.input_ids), batch.attention_mask)
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._queries, texts, self._tokenizer.config.query_prompt)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if self._passages is None:
            self._passages = OnnxSession(self._passage_file, BUILD_THREADS)
        return self._encode(self._passages, texts, self._tokenizer.config.passage_prompt)
