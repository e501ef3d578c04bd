"""Compose the short Korean answer: the figure (or computation) for numeric questions, the
best-matching report line otherwise, each with its citation marker."""
from __future__ import annotations

import re

from corpus.model import Chunk, Table, TableCell
from corpus.text import collapse_letter_spacing
from corpus.tokens import morph_set
from qa.analyze import Question
from qa.figures import RankedFigure, format_value

ABSTAIN_TEXT = "보고서에서 찾을 수 없습니다."
BULLET_RE = re.compile(r"^[\s\-–•○◇✓▶※*]+")
MAX_QUOTE = 160
CLAUSE_RE = re.compile(r"(?<=[.다])\s+|\s*[○▶※◇]\s*")
HEADING_RE = re.compile(r"^\s*(?:□|[①-⑳]|\d{1,2}(?:\s|$)|[<〈【])")


def best_line(terms: set[str], chunk: Chunk) -> str:
    """The content line of the chunk that shares the most question terms (ties: the earlier line);
    heading lines (`□ '22년 추진성과`, `①`) only when the chunk has nothing else."""
    path = chunk.context.split("\n", 1)[0]
    wanted = terms - morph_set(path)  # words naming the section say where, not what
    lines = [ln for ln in chunk.text.split("\n") if ln.strip()]
    content = [ln for ln in lines if not HEADING_RE.match(ln) and ln.strip() not in path] or lines
    scored = [(len(wanted & morph_set(ln)), -i, ln) for i, ln in enumerate(content)]
    return BULLET_RE.sub("", max(scored)[2]).strip() if scored else ""


def figure_phrase(r: RankedFigure) -> str:
    f = r.figure
    return f"{f.label} {format_value(f.value)}{f.unit}".strip()


def cite(rank: int) -> str:
    return f"[{rank}]"


def quote(figure: RankedFigure) -> str:
    """The figure's line, or for a long line (an audit item) just the clause that states it."""
    line = BULLET_RE.sub("", figure.figure.source).strip()
    if len(line) <= MAX_QUOTE:
        return line
    spelled = format_value(figure.figure.value)
    clauses = [c.strip() for c in CLAUSE_RE.split(line) if c.strip()]
    return next((c for c in clauses if spelled in c), line[:MAX_QUOTE] + "…")


def numeric_answer(figure: RankedFigure, ranked: list[RankedFigure]) -> str:
    """The figure, its siblings (the same header over other sub-columns of its row), and its line."""
    line = quote(figure)
    phrases = [figure_phrase(r) for r in [figure, *siblings(figure, ranked)]]
    return f"{', '.join(phrases)} {cite(figure.rank)}\n근거: {line}"


def siblings(figure: RankedFigure, ranked: list[RankedFigure]) -> list[RankedFigure]:
    """`집행률(%) / 원인행위액` has a sibling `집행률(%) / 지출액` on the same row."""
    head = figure.figure.label.split(" / ")[0]
    if " / " not in figure.figure.label:
        return []
    return [r for r in ranked if r is not figure and r.figure.line == figure.figure.line
            and r.figure.unit == figure.figure.unit and r.figure.label.split(" / ")[0] == head]


def computed_answer(sentence: str, operands: list[RankedFigure]) -> str:
    cited = ", ".join(f"{figure_phrase(o)} {cite(o.rank)}" for o in operands)
    return f"{sentence}\n(계산 근거: {cited})"


def unit_clash_answer(operation: str, figures: list[RankedFigure]) -> str:
    """Refuse to add or compare numbers of different kinds, showing each with its citation."""
    verb = "더할" if operation == "sum" else "비교할"
    listed = ", ".join(f"{figure_phrase(r)} {cite(r.rank)}" for r in figures)
    return f"단위가 달라 {verb} 수 없습니다: {listed}"


def text_answer(terms: set[str], chunks: list[Chunk]) -> str:
    """The best line of the top passage, plus the best line of the second when it adds terms."""
    first = best_line(terms, chunks[0])
    answer = f"{first} {cite(1)}"
    if len(chunks) > 1:
        second = best_line(terms, chunks[1])
        gain = terms & morph_set(second) - morph_set(first)
        if second and second != first and gain:
            answer += f"\n{second} {cite(2)}"
    return answer


def best_cell(terms: set[str], chunk: Chunk, tables: list[Table]) -> TableCell | None:
    """The cell of the passage's table whose row and column headers both match the question."""
    cells = [c for t in tables for c in t.cells if chunk.start <= c.line <= chunk.end]
    scored = [(len(terms & morph_set(c.row_header)), len(terms & morph_set(c.col_header)), c) for c in cells]
    hits = [(r + k, c) for r, k, c in scored if r and k]
    return max(hits, key=lambda h: h[0])[1] if hits else None


def cell_answer(cell: TableCell, rank: int) -> str:
    return f"{cell.row_header} · {cell.col_header}: {collapse_letter_spacing(cell.text)} {cite(rank)}"


def abstain_answer(nearest: list[str]) -> str:
    near = ", ".join(nearest[:3])
    return f"{ABSTAIN_TEXT} 가까운 내용은 다음 섹션에 있습니다: {near}" if near else ABSTAIN_TEXT


def wants_figure(q: Question) -> bool:
    return q.wants_number or q.operation is not None
