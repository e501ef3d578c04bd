"""The candidate index: every answer candidate of the report, embedded in its scope, with its terms.

Candidates are rebuilt from the parsed report at load (cheap and deterministic); what is costly is
kept on disk: one vector per candidate-in-scope and the Kiwi morphemes of its own text and of its
context. The stored ids must equal the rebuilt ones, or the index is stale.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.candidates import Candidate, context_of, scoped_text
from corpus.document import Document
from corpus.tokens import morphs, normalize
from index.embedder import Embedder

VECTORS_FILE = "candidate_vectors.npy"
TERMS_FILE = "candidate_terms.jsonl"


class CandidateMismatchError(Exception):
    """The stored candidate files do not match the candidates of the report."""


@dataclass(frozen=True)
class CandidateTerms:
    own: frozenset[str]  # morphemes of the candidate's own words
    context: frozenset[str]  # morphemes of its section titles and parent bullets


@dataclass
class CandidateIndex:
    candidates: list[Candidate]
    vectors: np.ndarray  # (n, dim), L2-normalized
    terms: list[CandidateTerms]

    @classmethod
    def build(cls, doc: Document, candidates: list[Candidate], embedder: Embedder) -> CandidateIndex:
        vectors = embedder.encode_passages([normalize(scoped_text(doc, c)) for c in candidates])
        terms = [CandidateTerms(frozenset(morphs(c.text)), frozenset(morphs(context_of(doc, c)))) for c in candidates]
        return cls(candidates, np.ascontiguousarray(vectors, dtype=np.float32), terms)

    def similarities(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine of the query with every candidate, in candidate order."""
        return self.vectors @ np.asarray(query_vector, dtype=np.float32)

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS_FILE, self.vectors, allow_pickle=False)
        with open(folder / TERMS_FILE, "w", encoding="utf-8") as f:
            for cand, terms in zip(self.candidates, self.terms):
                row = {"id": cand.id, "own": sorted(terms.own), "context": sorted(terms.context)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: Path, candidates: list[Candidate]) -> CandidateIndex:
        try:
            vectors = np.load(folder / VECTORS_FILE, allow_pickle=False)
            with open(folder / TERMS_FILE, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
        except (OSError, ValueError) as e:
            raise CandidateMismatchError(f"unreadable candidate files in {folder}: {e}") from e
        if [r["id"] for r in rows] != [c.id for c in candidates] or len(vectors) != len(candidates):
            raise CandidateMismatchError(f"candidate files in {folder} do not match the report's candidates")
        terms = [CandidateTerms(frozenset(r["own"]), frozenset(r["context"])) for r in rows]
        return cls(candidates, vectors, terms)
