"""Rank the figures of the retrieved passages against the question, and compute from them.

Every computed number comes from figure records, never from free text: a sum, a comparison or a
change names its operands (each traced to its source line) and refuses incompatible units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Chunk, Figure
from corpus.tokens import morph_set
from corpus.units import convert, to_krw, unit_kind
from qa.analyze import Question

COUNT_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8}
COUNT_RE = re.compile(r"(\d+)\s*개")


@dataclass(frozen=True)
class RankedFigure:
    figure: Figure
    chunk: Chunk
    rank: int  # 1-based rank of the passage it came from
    score: float


def figure_score(q: Question, terms: set[str], fig: Figure, rank: int) -> float:
    label_terms = morph_set(fig.label)
    source_terms = morph_set(fig.source)
    score = 2.0 * len(terms & label_terms) + 0.5 * len(terms & source_terms) + 2.0 / rank
    kind = unit_kind(fig.unit)
    if q.unit_kind:
        score += 2.0 if kind == q.unit_kind else -1.5
    if q.years and fig.year is not None:
        score += 1.5 if fig.year in q.years else -1.0
    return score


def in_chunk(fig: Figure, chunk: Chunk) -> bool:
    """A figure of a long line belongs to the piece of the line that holds its label."""
    if fig.source.strip() == chunk.text.strip() or "\n" in chunk.text or len(chunk.text) >= len(fig.source):
        return True
    return fig.label[:6] in chunk.text


def rank_figures(q: Question, terms: set[str], chunks: list[Chunk], figures_of) -> list[RankedFigure]:
    """Figures of the passages, best first; `figures_of(chunk)` lists a chunk's figures."""
    seen: set[tuple] = set()
    out: list[RankedFigure] = []
    for rank, chunk in enumerate(chunks, start=1):
        for fig in figures_of(chunk):
            key = (fig.line, fig.label, fig.value, fig.unit)
            if key in seen or not in_chunk(fig, chunk):
                continue
            seen.add(key)
            out.append(RankedFigure(fig, chunk, rank, figure_score(q, terms, fig, rank)))
    return sorted(out, key=lambda r: -r.score)


def operand_count(q: Question) -> int:
    m = COUNT_RE.search(q.text)
    if m and q.operation == "sum":
        return int(m.group(1))
    return next((n for word, n in COUNT_WORDS.items() if f"{word} " in q.text), 2)


def pick_operands(q: Question, ranked: list[RankedFigure]) -> list[RankedFigure]:
    """The best figure, then the next best ones of a compatible unit from other cells or lines."""
    if not ranked:
        return []
    first = ranked[0]
    picked = [first]
    want = operand_count(q)
    for r in ranked[1:]:
        if len(picked) == want:
            break
        if convert(1.0, r.figure.unit, first.figure.unit) is None and r.figure.unit != first.figure.unit:
            continue
        if any(p.figure.line == r.figure.line and p.figure.label == r.figure.label for p in picked):
            continue
        if q.operation == "delta" and any(p.figure.year == r.figure.year for p in picked):
            continue
        picked.append(r)
    return picked if len(picked) >= 2 else []


def value_in(value: float, unit: str, target: str) -> float:
    converted = convert(value, unit, target)
    return value if converted is None else converted


def compute(q: Question, operands: list[RankedFigure]) -> tuple[Figure, str] | None:
    """The computed figure and a Korean sentence showing the computation."""
    base = operands[0].figure
    values = [value_in(o.figure.value, o.figure.unit, base.unit) for o in operands]
    if q.operation == "sum":
        total = sum(values)
        return _computed("합계", total, base.unit, base), " + ".join(format_value(v) for v in values) + f" = {format_value(total)}{base.unit}"
    if q.operation == "delta":
        ordered = sorted(zip(operands, values), key=lambda p: p[0].figure.year or 0)
        (a, va), (b, vb) = ordered[0], ordered[-1]
        unit = "%p" if base.unit == "%" else base.unit
        change = round(vb - va, 6)
        word = "증가" if change > 0 else "감소"
        return _computed("변화", abs(change), unit, base), f"{format_value(va)} → {format_value(vb)}, {format_value(abs(change))}{unit} {word}"
    if q.operation == "compare":
        top = max(zip(operands, values), key=lambda p: p[1])
        rest = " · ".join(f"{o.figure.label} {format_value(v)}{base.unit}" for o, v in zip(operands, values))
        return top[0].figure, f"{top[0].figure.label} 쪽이 더 큽니다 ({rest})"
    return None


def _computed(label: str, value: float, unit: str, like: Figure) -> Figure:
    return Figure(label, round(value, 6), unit, to_krw(value, unit), like.year, like.section_ref, like.line,
                  like.source, computed=True)


def format_value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
