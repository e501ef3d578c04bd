"""BM25 over Kiwi content morphemes, precomputed as a sparse document × term weight matrix."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.2
    b: float = 0.75


def _idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Lucene's non-negative idf."""
    return np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class BM25Index:
    """Scores = sum over the query's distinct terms of the precomputed BM25 weights."""

    def __init__(self, vocab: dict[str, int], weights: sparse.csc_matrix) -> None:
        self.vocab = vocab
        self.weights = weights

    @property
    def n_docs(self) -> int:
        return int(self.weights.shape[0])

    @classmethod
    def build(cls, token_lists: list[list[str]], params: BM25Params = BM25Params()) -> BM25Index:
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for d, tokens in enumerate(token_lists):
            counts: dict[int, int] = {}
            for t in tokens:
                term = vocab.setdefault(t, len(vocab))
                counts[term] = counts.get(term, 0) + 1
            rows += [d] * len(counts)
            cols += list(counts)
            vals += list(counts.values())
        shape = (len(token_lists), max(len(vocab), 1))
        tf = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=shape)
        return cls(vocab, _weights(tf, params))

    def score(self, query_tokens: list[str]) -> np.ndarray:
        ids = sorted({self.vocab[t] for t in query_tokens if t in self.vocab})
        if not ids:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        return np.asarray(self.weights[:, ids].sum(axis=1)).ravel()

    def search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        scores = self.score(tokens)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def save(self, directory: Path) -> None:
        sparse.save_npz(directory / "bm25_weights.npz", self.weights.tocsr())
        (directory / "bm25_vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        weights = sparse.load_npz(directory / "bm25_weights.npz").tocsc()
        vocab = json.loads((directory / "bm25_vocab.json").read_text(encoding="utf-8"))
        return cls(vocab, weights)


def _weights(tf: sparse.csr_matrix, params: BM25Params) -> sparse.csc_matrix:
    n_docs = tf.shape[0]
    doc_len = np.asarray(tf.sum(axis=1)).ravel()
    avg = doc_len.mean() if n_docs else 1.0
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = _idf(df, n_docs).astype(np.float32)
    coo = tf.tocoo()
    norm = params.k1 * (1 - params.b + params.b * doc_len[coo.row] / max(avg, 1e-9))
    data = idf[coo.col] * coo.data * (params.k1 + 1) / (coo.data + norm)
    return sparse.csc_matrix((data.astype(np.float32), (coo.row, coo.col)), shape=tf.shape)
