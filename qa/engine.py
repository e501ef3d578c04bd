"""The question-answering engine: analyze → retrieve → rank figures → compose, with sessions."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from corpus.model import Chunk, Figure, Section
from corpus.document import Document
from corpus.document_figures import section_year
from corpus.tokens import morph_set
from index.embedder import load_embedder
from index.store import ReportIndex, build_index as build_report_index, load_or_build
from qa import compose
from qa.abstain import judge
from qa.analyze import REPORT_YEAR, Question, analyze, distinct, entities
from qa.asked import asked_noun, squash
from qa.answer import Answer, AnswerFigure, Passage, SectionInfo
from qa.errors import InvalidQuestionError, SectionNotFoundError
from qa.figures import RankedFigure, compute, of_asked_kind, pick_operands, rank_figures, unit_clash
from qa.followup import resolve
from qa.fusion import FusionConfig
from qa.retrieve import Hit, HybridRetriever
from qa.session import SessionStore, Turn

MAX_QUESTION_CHARS = 1000
FIGURE_PASSAGES = 5  # figures are drawn from this many top passages
MAX_FIGURES = 5
YEAR_POOL = 10  # passages a question naming a year may reorder by their section's year
NAMED_HITS = 2  # passages retrieved for each thing a comparison or sum names
ATTRIBUTE_WORDS = frozenset({"예산", "사업비", "출자", "출자액", "매출", "투자", "인원", "규모", "집행률", "정원", "현원"})


@dataclass(frozen=True)
class Retrieved:
    question: Question  # as resolved against the session (a follow-up carries its topic)
    asked: Question  # as the user wrote it: its own words pick the quoted line
    topic: tuple[str, ...]
    hits: list[Hit]


class QAEngine:
    def __init__(self, index: ReportIndex, fusion: FusionConfig = FusionConfig(),
                 sessions: SessionStore | None = None) -> None:
        self.index = index
        self.retriever = HybridRetriever(index, fusion)
        self.sessions = sessions or SessionStore()
        self._squashed_report = squash("\n".join(index.doc.lines))
        self._section_texts: dict[str, str] = {}
        self._warm_token_cache()

    def _warm_token_cache(self) -> None:
        """Tokenize every figure and chunk line once at load, so no question pays for it."""
        for fig in self.doc.figures:
            morph_set(fig.label), morph_set(fig.source)
        for chunk in self.index.chunks:
            for line in chunk.text.split("\n"):
                morph_set(line)

    @property
    def doc(self) -> Document:
        return self.index.doc

    # -- asking -------------------------------------------------------------
    def ask(self, question: str, session_id: str | None = None, top_k: int = 5) -> Answer:
        text = validate_question(question)
        sid = session_id or uuid.uuid4().hex
        t0 = time.perf_counter()
        got = self.retrieve(text, sid, max(top_k, FIGURE_PASSAGES))
        t1 = time.perf_counter()
        answer = self.compose(got, sid, top_k)
        refs = tuple(p.section.ref for p in answer[2])  # answer text and cited refs: for GET /api/sessions/{id}
        self.sessions.add(sid, Turn(text, got.question.text, got.topic, self._top_ref(got), time.time(), answer[0], refs))
        timing = {"retrieve": ms(t1 - t0), "compose": ms(time.perf_counter() - t1), "total": ms(time.perf_counter() - t0)}
        return Answer(answer[0], answer[1], sid, answer[2], answer[3], timing)

    def retrieve(self, text: str, session_id: str, k: int) -> Retrieved:
        asked = analyze(text)
        q, topic = resolve(asked, self.sessions.last(session_id))
        hits = self.same_year_first(q, self.retriever.search(q.text, list(q.terms), max(k, YEAR_POOL)))[:k]
        named = entities(q.text, self.is_report_word) if q.operation in ("compare", "sum") else []
        if named:
            hits = merge_hits([self.search_named(q, words) for words in named] + [hits], k)
        return Retrieved(q, asked, topic, hits)

    def same_year_first(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """A question about 작년 is answered from a `'22년 추진성과` block before the program's other
        passages, and never first from a `'23년 추진계획` block when the pool holds one of its year.
        (This year's blocks are not promoted: 사업개요, which holds this year's budget, has no year.)"""
        if not q.years or q.operation:  # a change or comparison spans years
            return hits
        pool, rest = hits[:YEAR_POOL], hits[YEAR_POOL:]

        def order(hit: Hit) -> int:
            year = section_year(self.doc, self.index.chunks[hit.index].section_ref)
            if year is None:
                return 1
            return 0 if year in q.years and year < REPORT_YEAR else 1 if year in q.years else 2
        return sorted(pool, key=order) + rest

    def search_named(self, q: Question, words: tuple[str, ...]) -> list[Hit]:
        """Retrieval for one of the things a comparison names, with the compared attribute."""
        attribute = [w for w in q.words if w not in words and w in ATTRIBUTE_WORDS]
        query = " ".join([*words, *attribute])
        return self.retriever.search(query, list(analyze(query).terms), NAMED_HITS)

    def compose(self, got: Retrieved, sid: str, top_k: int):
        chunks = [self.index.chunks[h.index] for h in got.hits]
        passages = tuple(self.passage(c, h.score) for c, h in zip(chunks[:top_k], got.hits))
        terms = set(got.question.terms)
        every = rank_figures(got.question, terms, chunks[:FIGURE_PASSAGES], self.figures_of)
        ranked = of_asked_kind(got.question, every)
        verdict = judge(got.question, asked_noun(got.asked.text), chunks[:FIGURE_PASSAGES], ranked, self)
        if verdict.abstain:
            nearest = [" > ".join(self.doc.section(c.section_ref).path[-2:]) for c in chunks[:3]]
            return compose.abstain_answer(nearest), True, passages, ()
        text, figures = self.answer_text(got.question, set(got.asked.terms), chunks, verdict.figures, every)
        return text, False, passages, figures

    def answer_text(self, q: Question, terms: set[str], chunks: list[Chunk], ranked: list[RankedFigure],
                    every: list[RankedFigure]) -> tuple[str, tuple[AnswerFigure, ...]]:
        """`ranked`: figures of the asked kind, the answering one first; `every`: all of them (a clash
        of units is found among all)."""
        shown = [self.answer_figure(r.figure, r.chunk) for r in ranked[:MAX_FIGURES]]
        named = distinct(entities(q.text, self.is_report_word))
        if q.operation and (operands := pick_operands(q, ranked, named)):
            result = compute(q, operands)
            if result:
                figure, sentence = result
                computed = self.answer_figure(figure, operands[0].chunk)
                operand_figs = [self.answer_figure(o.figure, o.chunk) for o in operands]
                figs = [computed, *operand_figs] if figure.computed else operand_figs
                return compose.computed_answer(sentence, operands), tuple(figs[:MAX_FIGURES])
        if clash := unit_clash(q, every, named):
            figs = tuple(self.answer_figure(r.figure, r.chunk) for r in clash)
            return compose.unit_clash_answer(q.operation or "", clash), figs
        if compose.wants_figure(q) and ranked:
            return compose.numeric_answer(ranked[0], ranked), tuple(shown)
        cell = compose.best_cell(terms, chunks[0], list(self.doc.tables))
        if cell is not None:
            return compose.cell_answer(cell, 1), tuple(shown)
        return compose.text_answer(terms, chunks), tuple(shown)

    # -- records ------------------------------------------------------------------
    def figures_of(self, chunk: Chunk) -> list[Figure]:
        return self.doc.figures_in(chunk.start, chunk.end)

    def is_report_word(self, word: str) -> bool:
        return squash(word) in self._squashed_report

    def subjects(self, fig: Figure) -> tuple[str | None, list[str]]:
        """The `○` heading over a figure's line in its section, and the section's other `○` headings."""
        s = self.doc.section(fig.section_ref)
        heads = [(n, self.doc.lines[n - 1]) for n in range(s.start, s.end + 1)
                 if self.doc.lines[n - 1].lstrip().startswith("○")]
        own = [h for h in heads if h[0] <= fig.line]
        if not own:
            return None, []
        return own[-1][1], [text for n, text in heads if n != own[-1][0]]

    def section_text(self, ref: str) -> str:
        """A section's text, joined once per section (abstention reads it for every question)."""
        if ref not in self._section_texts:
            s = self.doc.section(ref)
            self._section_texts[ref] = self.doc.text(s.start, s.end)
        return self._section_texts[ref]

    def section_info(self, ref: str) -> SectionInfo:
        s = self.doc.section(ref)
        return SectionInfo(s.ref, s.title, s.path)

    def passage(self, chunk: Chunk, score: float) -> Passage:
        return Passage(chunk.id, chunk.text, round(score, 6), self.section_info(chunk.section_ref), (chunk.start, chunk.end))

    def answer_figure(self, fig: Figure, chunk: Chunk) -> AnswerFigure:
        return AnswerFigure(fig.label, fig.value, fig.unit, fig.value_krw, fig.year, fig.computed,
                            self.section_info(fig.section_ref), fig.source, chunk.id)

    def _top_ref(self, got: Retrieved) -> str | None:
        return self.index.chunks[got.hits[0].index].section_ref if got.hits else None

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


def merge_hits(lists: list[list[Hit]], k: int) -> list[Hit]:
    """Round-robin over the lists (each thing named gets its best passage up front), no repeats."""
    out: list[Hit] = []
    seen: set[int] = set()
    for rank in range(max(len(lst) for lst in lists)):
        for lst in lists:
            if rank < len(lst) and lst[rank].index not in seen:
                seen.add(lst[rank].index)
                out.append(lst[rank])
    return out[:k]


def section_dict(s: Section) -> dict:
    return {"ref": s.ref, "kind": s.kind, "title": s.title, "path": list(s.path), "lines": [s.start, s.end],
            "parent": s.parent, "children": list(s.children)}


def validate_question(question: str) -> str:
    text = (question or "").strip()
    if not text:
        raise InvalidQuestionError("question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(f"question is longer than {MAX_QUESTION_CHARS} characters")
    return text


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def load_engine(report_path: Path, index_dir: Path, model: str, model_dir: Path, rebuild: bool = False,
                sessions: SessionStore | None = None) -> QAEngine:
    """Load the persisted index, building it when missing or stale (or when asked)."""
    embedder = load_embedder(model, model_dir)
    return QAEngine(load_or_build(report_path, index_dir, embedder, rebuild=rebuild), sessions=sessions)


def build_index(report_path: Path, index_dir: Path, model: str, model_dir: Path) -> Path:
    build_report_index(report_path, index_dir, load_embedder(model, model_dir))
    return index_dir
