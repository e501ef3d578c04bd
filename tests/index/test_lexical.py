"""BM25 posting lists score like the textbook formula, and read back as written."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from index.lexical import BM25Index, BM25Params

DOCS = [["청년", "예산", "예산"], ["청년", "취업"], ["뷰티", "패션", "예산"], []]


def textbook(query: list[str], docs: list[list[str]], p: BM25Params = BM25Params()) -> list[float]:
    avg = sum(map(len, docs)) / len(docs)
    out = []
    for d in docs:
        score = 0.0
        for term in set(query):
            df = sum(term in x for x in docs)
            if not df:
                continue
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            tf = d.count(term)
            score += idf * tf * (p.k1 + 1) / (tf + p.k1 * (1 - p.b + p.b * len(d) / avg))
        out.append(score)
    return out


def test_scores_are_bm25() -> None:
    index = BM25Index.build(DOCS)
    for query in (["예산"], ["청년", "예산", "예산"], ["패션", "취업"]):
        np.testing.assert_allclose(index.score(query), textbook(query, DOCS), rtol=1e-5)
    assert index.search(["예산"], 5)[0][0] == 0  # two mentions in a short document beat one
    assert not index.score(["없는말"]).any() and index.score([]).shape == (4,)


def test_saved_postings_read_back_equal(tmp_path: Path) -> None:
    index = BM25Index.build(DOCS)
    index.save(tmp_path)
    again = BM25Index.load(tmp_path)
    assert again.n_docs == 4 and again.vocab == index.vocab
    np.testing.assert_array_equal(again.score(["청년", "패션"]), index.score(["청년", "패션"]))
