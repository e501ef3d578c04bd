"""The question-answering engine: analyze → resolve the follow-up → rank options → abstain or answer,
with sessions. qa/ answers questions and nothing else: HTTP-facing shapes belong to web/.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from threadpoolctl import threadpool_limits

from corpus.model import Chunk, Figure, Section
from corpus.document import Document
from index.embedder import load_embedder
from index.encoder_config import EncoderConfig
from index.store import ReportIndex, build_index as build_report_index, load_or_build
from qa import compose
from qa.abstain import judge
from qa.analyze import Question, analyze
from qa.answer import Answer, AnswerFigure, Passage, SectionInfo
from qa.audit_answers import AuditDesk
from qa.errors import InvalidQuestionError, SectionNotFoundError, StorageError
from qa.features import Previous
from qa.followup import is_followup, resolve, topic_of
from qa.limits import DEFAULT_TOP_K, MAX_QUESTION_CHARS, has_words
from qa.fusion import FusionConfig
from qa.grounding import ReportWords
from qa.operations import Calculator
from qa.rank import Ranker, Ranking
from qa.retrieve import HybridRetriever
from qa.scorer import Scorer
from qa.session import SessionStore, Turn, TurnContext
from qa.strategies import Result, listing, single

DEFAULT_REPORT_YEAR = 2023  # only for a report whose cover states no year

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """One answered (or refused) question, before it is shaped into an Answer."""

    question: Question
    ranking: Ranking
    result: Result | None  # None: abstained
    grounding: float


class QAEngine:
    def __init__(self, index: ReportIndex, fusion: FusionConfig = FusionConfig(),
                 sessions: SessionStore | None = None, scorer: Scorer | None = None) -> None:
        # A question's matrix-vector products are small; BLAS worker threads left spinning after one
        # steal the cores the query encoder needs next (measured: 128 → 40 ms a question on 2 cores).
        threadpool_limits(limits=1, user_api="blas")
        self.index = index
        self.scorer = scorer or Scorer.load()
        self.ranker = Ranker(index, HybridRetriever(index, fusion), self.scorer)
        self.sessions = sessions or SessionStore()
        self.report_year = index.doc.year or DEFAULT_REPORT_YEAR
        self.chunk_by_id = {c.id: c for c in index.chunks}
        self.candidate_by_id = {c.id: c for c in index.candidates.candidates}
        self.report_words = ReportWords(index.doc.lines)
        self.calculator = Calculator(self.ranker, index.doc, self.report_words)
        self.audit = AuditDesk(index.doc, self.ranker)

    @property
    def doc(self) -> Document:
        return self.index.doc

    # -- asking -------------------------------------------------------------
    def ask(self, question: str, session_id: str | None = None, top_k: int = DEFAULT_TOP_K) -> Answer:
        text = validate_question(question)
        sid = session_id or uuid.uuid4().hex
        t0 = time.perf_counter()
        outcome = self.think(text, self.last_turn(sid))
        t1 = time.perf_counter()
        answer = self.shape(outcome, sid, top_k)
        kept = self.remember(sid, text, outcome, answer)
        timing = {"answer": ms(t1 - t0), "compose": ms(time.perf_counter() - t1), "total": ms(time.perf_counter() - t0)}
        return Answer(answer.answer, answer.abstained, sid, answer.passages, answer.figures, timing, kept)

    def last_turn(self, sid: str) -> Turn | None:
        """The session's last turn; None when there is none or the store cannot be read (the question is
        then answered on its own rather than not at all)."""
        try:
            return self.sessions.last(sid)
        except StorageError as error:
            logger.error("reading session turns failed; answering without the conversation: %s", error)
            return None

    def understand(self, text: str, last: Turn | None) -> Ranking:
        """Analyze the question, resolve it against the last turn, and rank its options."""
        own = analyze(text, self.report_year)
        q = resolve(own, last)
        previous = None
        if last is not None and is_followup(own):
            previous = Previous(last.section_ref or "", last.context.candidate_id)
        return self.ranker.rank(q, query_text(q), previous)

    def think(self, text: str, last: Turn | None) -> Outcome:
        """Rank, then answer or abstain."""
        ranking = self.understand(text, last)
        q = ranking.question
        audit = self.audit.answer(q, ranking)
        if audit is not None:
            return Outcome(q, ranking, audit, 1.0)
        verdict = judge(q, ranking.options, self.scorer.abstain_below, self.report_words)
        if verdict.abstain or verdict.chosen is None:
            return Outcome(q, ranking, None, verdict.grounding)
        ranking = ranking.leading(verdict.chosen)
        result = self.calculator.answer(q, ranking)
        if result is None and q.wants_list:
            result = listing(ranking, self.candidate_by_id)
        return Outcome(q, ranking, result or single(ranking), verdict.grounding)

    def shape(self, outcome: Outcome, sid: str, top_k: int) -> Answer:
        """Passages: the cited ones first, in citation order, then the best retrieved ones."""
        retrieval = outcome.ranking.retrieval
        hits = [self.index.chunks[h.index] for h in retrieval.hits[:top_k]]
        scores = {self.index.chunks[h.index].id: h.score for h in retrieval.hits}
        if outcome.result is None:
            nearest = [" > ".join(self.doc.section(c.section_ref).path[-2:]) for c in hits[:3]]
            passages = tuple(self.passage(c, scores) for c in hits)
            return Answer(compose.abstain_answer(nearest), True, sid, passages, ())
        cited = [self.chunk_by_id[cid] for cid in outcome.result.cited if cid in self.chunk_by_id]
        chunks = list(dict.fromkeys(cited + hits))[:max(top_k, len(cited))]
        passages = tuple(self.passage(c, scores) for c in chunks)
        figures = tuple(self.answer_figure(f, cid) for f, cid in outcome.result.figures)
        return Answer(outcome.result.text, False, sid, passages, figures)

    def remember(self, sid: str, text: str, outcome: Outcome, answer: Answer) -> bool:
        """Keep the turn for follow-ups; False when the store failed (the answer is still given)."""
        q = outcome.question
        lead = outcome.result.lead if outcome.result else None
        context = TurnContext(q.attribute, q.answer_type, q.years, lead.id if lead else "", q.wants_number)
        refs = tuple(p.section.ref for p in answer.passages)
        turn = Turn(text, query_text(q), topic_of(q), lead.section_ref if lead else None, time.time(),
                    answer.answer, refs, context)
        try:
            self.sessions.add(sid, turn)
        except StorageError as error:
            logger.error("the turn was answered but not kept: %s", error)
            return False
        return True

    # -- records ------------------------------------------------------------------
    def section_info(self, ref: str) -> SectionInfo:
        s = self.doc.section(ref)
        return SectionInfo(s.ref, s.title, s.path)

    def passage(self, chunk: Chunk, scores: dict[str, float]) -> Passage:
        score = round(scores.get(chunk.id, 0.0), 6)
        return Passage(chunk.id, chunk.text, score, self.section_info(chunk.section_ref), (chunk.start, chunk.end))

    def answer_figure(self, fig: Figure, chunk_id: str) -> AnswerFigure:
        return AnswerFigure(fig.label, fig.value, fig.unit, fig.value_krw, fig.year, fig.computed,
                            self.section_info(fig.section_ref), fig.source, chunk_id)

    # -- browsing -----------------------------------------------------------------
    def outline(self) -> list[dict]:
        return [section_dict(s) for s in self.doc.sections]

    def section(self, ref: str) -> dict:
        try:
            s = self.doc.section(ref)
        except KeyError:
            raise SectionNotFoundError(f"no section with ref {ref!r}") from None
        children = [{"ref": c, "title": self.doc.section(c).title, "kind": self.doc.section(c).kind} for c in s.children]
        return {**section_dict(s), "text": self.doc.text(s.start, s.end), "children": children}


def query_text(q: Question) -> str:
    """What retrieval embeds: a follow-up's borrowed topic, then the question."""
    return " ".join((*q.carried, q.text)) if q.carried else q.text


def section_dict(s: Section) -> dict:
    return {"ref": s.ref, "kind": s.kind, "title": s.title, "path": list(s.path), "lines": [s.start, s.end],
            "parent": s.parent, "children": list(s.children)}


def validate_question(question: str) -> str:
    text = (question or "").strip()
    if not has_words(text):
        raise InvalidQuestionError("question is empty or has no letter or digit")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(f"question is longer than {MAX_QUESTION_CHARS} characters")
    return text


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def load_engine(report_path: Path, index_dir: Path, model: str, model_dir: Path, rebuild: bool = False,
                sessions: SessionStore | None = None,
                on_build: Callable[[str], None] = lambda reason: None,
                encoder: EncoderConfig = EncoderConfig()) -> QAEngine:
    """Load the persisted index, building it when missing, stale or damaged (or when asked)."""
    embedder = load_embedder(model, model_dir, encoder)
    index = load_or_build(report_path, index_dir, embedder, rebuild=rebuild, on_build=on_build)
    return QAEngine(index, sessions=sessions)


def prepare_index(report_path: Path, index_dir: Path, model: str, model_dir: Path, encoder: EncoderConfig) -> None:
    """Make sure the model files and a usable index exist, building what is missing, without an engine."""
    load_or_build(report_path, index_dir, load_embedder(model, model_dir, encoder))


def build_index(report_path: Path, index_dir: Path, model: str, model_dir: Path,
                encoder: EncoderConfig = EncoderConfig()) -> Path:
    build_report_index(report_path, index_dir, load_embedder(model, model_dir, encoder))
    return index_dir
