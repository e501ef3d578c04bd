"""Rank the answer options of a question: retrieve, pool the candidates worth a look, score each option
(a candidate, and for a number each of its figures) with the one linear model of qa/scorer.py.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.candidates import context_of
from corpus.model import Figure
from corpus.tokens import morphs
from index.lexical import BM25Index
from index.store import ReportIndex
from qa.analyze import Question
from qa.features import Previous, Signals, option_vectors, wanted
from qa.fusion import minmax
from qa.grounding import View, Vocabulary, view_of
from qa.retrieve import HybridRetriever, Retrieval
from qa.scorer import Scorer

POOL = 40  # candidates scored in full, by a quick look at their retrieval scores together
PER_SIGNAL = 15  # and the best candidates by each retrieval score alone
TOP_CHUNKS = 3  # and every candidate of the best passages


@dataclass(frozen=True)
class Option:
    view: View
    figure: Figure | None
    position: int  # the candidate's index in the candidate list
    features: tuple[float, ...]
    score: float

    @property
    def cand(self):
        return self.view.cand


@dataclass(frozen=True)
class Ranking:
    question: Question
    retrieval: Retrieval
    options: list[Option]  # best first

    def leading(self, option: Option) -> Ranking:
        """The same ranking with `option` moved to the front (the one that answers)."""
        return Ranking(self.question, self.retrieval, [option, *(o for o in self.options if o is not option)])


class Ranker:
    def __init__(self, index: ReportIndex, retriever: HybridRetriever, scorer: Scorer) -> None:
        self.index = index
        self.retriever = retriever
        self.scorer = scorer
        doc = index.doc
        cands = index.candidates
        self.views = [view_of(c, t, context_of(doc, c)) for c, t in zip(cands.candidates, cands.terms)]
        self.vocab = Vocabulary(self.views, frozenset(morphs(doc.title, bigrams=False)))
        self.lexical = BM25Index.build([sorted(v.context_terms) for v in self.views])
        self.by_chunk: dict[str, list[int]] = {}
        for k, v in enumerate(self.views):
            self.by_chunk.setdefault(v.cand.chunk_id, []).append(k)
        self.position = {v.cand.id: k for k, v in enumerate(self.views)}
        chunk_position = {c.id: i for i, c in enumerate(index.chunks)}
        self.view_chunk = np.array([chunk_position.get(v.cand.chunk_id, -1) for v in self.views])  # -1: none

    def signals(self, q: Question, retrieval: Retrieval) -> Signals:
        scores = np.append(np.asarray(retrieval.chunk_scores, dtype=float), 0.0)  # index -1: no chunk
        lexical = minmax(self.lexical.score(list(q.terms) + list(q.carried)))
        dense = minmax(retrieval.candidate_dense) if retrieval.candidate_dense.any() else retrieval.candidate_dense
        return Signals(scores[self.view_chunk].tolist(), [float(x) for x in dense], [float(x) for x in lexical])

    def pool(self, retrieval: Retrieval, signals: Signals) -> list[int]:
        chunk_of, dense, lexical = np.asarray(signals.chunk), np.asarray(signals.dense), np.asarray(signals.lexical)
        picked = list(np.argsort(-(chunk_of + dense + lexical), kind="stable")[:POOL])
        for signal in (dense, lexical):
            picked.extend(np.argsort(-signal, kind="stable")[:PER_SIGNAL])
        for hit in retrieval.hits[:TOP_CHUNKS]:
            picked.extend(self.by_chunk.get(self.index.chunks[hit.index].id, []))
        return list(dict.fromkeys(int(k) for k in picked))

    def rank(self, q: Question, query: str, previous: Previous | None = None,
             restrict: list[int] | None = None) -> Ranking:
        """Options best first; `restrict` limits them to the given candidate positions."""
        retrieval = self.retriever.retrieve(query, list(q.terms) + list(q.carried))
        signals = self.signals(q, retrieval)
        positions = restrict if restrict is not None else self.pool(retrieval, signals)
        options = []
        want = wanted(q, self.vocab)
        for k in positions:
            view = self.views[k]
            figures: tuple[Figure | None, ...] = (None, *view.cand.figures) if q.wants_number else (None,)
            for fig, vector in zip(figures, option_vectors(q, want, view, figures, k, signals, self.vocab, previous)):
                options.append(Option(view, fig, k, tuple(vector), self.scorer.score(vector)))
        options.sort(key=lambda o: -o.score)
        return Ranking(q, retrieval, options)
