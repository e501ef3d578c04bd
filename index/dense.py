"""Dense retrieval: L2-normalized embeddings in a FAISS inner-product index (= cosine)."""
from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @property
    def dim(self) -> int:
        return self.index.d

    def search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, self.index.ntotal)
        scores, ids = self.index.search(np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine of the query with every chunk, in chunk order."""
        out = np.zeros(self.index.ntotal, dtype=np.float32)
        for i, s in self.search(query_vector, self.index.ntotal):
            out[i] = s
        return out

    def save(self, directory: Path) -> None:
        faiss.write_index(self.index, str(directory / "dense.faiss"))

    @classmethod
    def load(cls, directory: Path) -> DenseIndex:
        """Memory-mapped and read-only: pages come from the file cache, shared by every server process."""
        return cls(faiss.read_index(str(directory / "dense.faiss"), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY))
