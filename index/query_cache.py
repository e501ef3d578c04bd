"""A bounded LRU cache of query vectors, keyed by the query with its whitespace collapsed.

The text that is encoded is the key itself: the e5 tokenizer collapses runs of whitespace anyway, so two
spellings that share a key would get the same vector. A cache belongs to one loaded index (the retriever
that owns it is made with the index), so it never outlives a rebuilt or swapped index.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

QUERY_CACHE_SIZE = 2048  # vectors kept (384 float32 each: 3 MB)


def query_key(text: str) -> str:
    return " ".join(text.split())


class QueryVectorCache:
    def __init__(self, encode: Callable[[list[str]], np.ndarray], size: int = QUERY_CACHE_SIZE) -> None:
        self._encode = encode
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # held for dictionary updates only, never while encoding

    def vector(self, text: str) -> np.ndarray:
        key = query_key(text)
        with self._lock:
            vector = self._vectors.get(key)
            if vector is not None:
                self._vectors.move_to_end(key)
                return vector
        vector = self._encode([key])[0]
        vector.setflags(write=False)  # shared by every caller of the same question
        with self._lock:
            self._vectors[key] = vector
            self._vectors.move_to_end(key)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return vector
