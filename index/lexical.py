"""BM25 over Kiwi content morphemes, precomputed as each term's posting list of (document, weight).

Plain numpy arrays in compressed-sparse-column layout (term by term): a query sums the posting lists of its
distinct terms. The server needs no scipy for it (about 22 MB less in every process).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WEIGHTS_FILE = "bm25_weights.npz"
VOCAB_FILE = "bm25_vocab.json"


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.2
    b: float = 0.75


@dataclass(frozen=True)
class Postings:
    """Term t's documents are docs[start[t]:start[t + 1]], with their BM25 weights alongside."""

    n_docs: int
    start: np.ndarray  # (terms + 1,) int64
    docs: np.ndarray  # int32
    weights: np.ndarray  # float32


def _idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Lucene's non-negative idf."""
    return np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class BM25Index:
    """Scores = sum over the query's distinct terms of the precomputed BM25 weights."""

    def __init__(self, vocab: dict[str, int], postings: Postings) -> None:
        self.vocab = vocab
        self.postings = postings

    @property
    def n_docs(self) -> int:
        return self.postings.n_docs

    @classmethod
    def build(cls, token_lists: list[list[str]], params: BM25Params = BM25Params()) -> BM25Index:
        vocab: dict[str, int] = {}
        docs, terms, counts = [], [], []
        for d, tokens in enumerate(token_lists):
            tf: dict[int, int] = {}
            for t in tokens:
                term = vocab.setdefault(t, len(vocab))
                tf[term] = tf.get(term, 0) + 1
            docs += [d] * len(tf)
            terms += list(tf)
            counts += list(tf.values())
        return cls(vocab, _postings(np.array(docs, dtype=np.int32), np.array(terms, dtype=np.int64),
                                    np.array(counts, dtype=np.float32), len(token_lists), len(vocab), params))

    def score(self, query_tokens: list[str]) -> np.ndarray:
        p = self.postings
        ids = sorted({self.vocab[t] for t in query_tokens if t in self.vocab})
        if not ids:
            return np.zeros(p.n_docs, dtype=np.float32)
        spans = [np.arange(p.start[t], p.start[t + 1]) for t in ids]
        at = np.concatenate(spans)
        return np.bincount(p.docs[at], weights=p.weights[at], minlength=p.n_docs).astype(np.float32)

    def search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        scores = self.score(tokens)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def save(self, directory: Path) -> None:
        p = self.postings
        with (directory / WEIGHTS_FILE).open("wb") as f:
            np.savez_compressed(f, n_docs=np.array(p.n_docs), start=p.start, docs=p.docs, weights=p.weights)
        (directory / VOCAB_FILE).write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        with np.load(directory / WEIGHTS_FILE) as f:
            postings = Postings(int(f["n_docs"]), f["start"], f["docs"], f["weights"])
        vocab = json.loads((directory / VOCAB_FILE).read_text(encoding="utf-8"))
        return cls(vocab, postings)


def _postings(docs: np.ndarray, terms: np.ndarray, tf: np.ndarray, n_docs: int, n_terms: int,
              params: BM25Params) -> Postings:
    """BM25 weight of each (document, term) pair, grouped term by term."""
    doc_len = np.bincount(docs, weights=tf, minlength=n_docs)
    avg = doc_len.mean() if n_docs else 1.0
    idf = _idf(np.bincount(terms, minlength=n_terms), n_docs).astype(np.float32)
    norm = params.k1 * (1 - params.b + params.b * doc_len[docs] / max(avg, 1e-9))
    weights = (idf[terms] * tf * (params.k1 + 1) / (tf + norm)).astype(np.float32)
    order = np.lexsort((docs, terms))  # by term, then document
    start = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=start[1:])
    return Postings(n_docs, start, docs[order], weights[order])
