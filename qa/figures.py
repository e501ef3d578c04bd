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
YEAR_TOKEN_RE = re.compile(r"[(]?['’‘]?\d{2}[)]?년|\(['’‘]?\d{2}\)|20\d{2}년?")


@dataclass(frozen=True)
class RankedFigure:
    figure: Figure
    chunk: Chunk
    rank: int  # 1-based rank of the passage it came from
    score: float


def figure_score(q: Question, terms: set[str], fig: Figure, rank: int) -> float:
    label_terms = morph_set(fig.label)
    source_terms = morph_set(fig.source)
    score = 2.0 * len(terms & label_terms) + 0.5 * min(len(terms & source_terms), 4) + 4.0 / rank
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


def of_asked_kind(q: Question, ranked: list[RankedFigure]) -> list[RankedFigure]:
    """Only figures of the unit kind the question asks for (money, people, …), when there are any."""
    if not q.unit_kind:
        return ranked
    return [r for r in ranked if unit_kind(r.figure.unit) == q.unit_kind] or ranked


def operand_count(q: Question) -> int:
    m = COUNT_RE.search(q.text)
    if m and q.operation == "sum":
        return int(m.group(1))
    return next((n for word, n in COUNT_WORDS.items() if f"{word} " in q.text), 2)


def same_scale(a: Figure, b: Figure) -> bool:
    """Units that can be added or compared: equal, or convertible (억원 and 백만원)."""
    return a.unit == b.unit or convert(1.0, b.unit, a.unit) is not None


def series_key(label: str) -> str:
    """A label without its year, so `로봇 '22년` and `로봇 '23년` are one series."""
    return YEAR_TOKEN_RE.sub("", label).replace(" ", "")


def named_fit(words: tuple[str, ...], r: RankedFigure) -> int:
    """How well a figure fits a named thing: its label counts double, its line and section path once."""
    wanted = set(words)
    around = morph_set(r.figure.source) | morph_set(r.chunk.context.split("\n", 1)[0])
    return 2 * len(wanted & morph_set(r.figure.label)) + len(wanted & around)


def pick_operands(q: Question, ranked: list[RankedFigure], named: list[tuple[str, ...]]) -> list[RankedFigure]:
    """The figures a computation works on (`ranked` is already of the asked kind); [] when the
    report does not hold enough of them."""
    if q.operation == "delta":
        return pick_change(q, ranked)
    if named:
        return pick_named(ranked, named)
    return pick_alike(ranked, operand_count(q))


def pick_change(q: Question, ranked: list[RankedFigure]) -> list[RankedFigure]:
    """The best pair of one series in two different years (the question's years when it names them)."""
    best: tuple[float, list[RankedFigure]] = (float("-inf"), [])
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            if (a.figure.year and b.figure.year and a.figure.year != b.figure.year
                    and series_key(a.figure.label) == series_key(b.figure.label) and same_scale(a.figure, b.figure)):
                best = max(best, (a.score + b.score, [a, b]), key=lambda t: t[0])
    return best[1]


def pick_named(ranked: list[RankedFigure], named: list[tuple[str, ...]]) -> list[RankedFigure]:
    """For each thing the question names, its best figure (same scale as the first one found)."""
    picked: list[RankedFigure] = []
    for words in named:
        fits = [(named_fit(words, r), r.score, k) for k, r in enumerate(ranked)
                if r not in picked and (not picked or same_scale(picked[0].figure, r.figure))]
        fits = [f for f in fits if f[0] > 0]
        if not fits:
            return []
        picked.append(ranked[max(fits)[2]])
    return picked


CLEAR_FIT = 2  # a label word, or two words of its line and section (one for a one-word name)


def unit_clash(q: Question, ranked: list[RankedFigure], named: list[tuple[str, ...]]) -> list[RankedFigure]:
    """The named things' best figures when they cannot be added or compared (명 and 백만원); else []."""
    if q.operation not in ("sum", "compare") or len(named) < 2:
        return []
    best = []
    for words in named:
        fits = [(named_fit(words, r), r.score, k) for k, r in enumerate(ranked)]
        fits = [f for f in fits if f[0] >= min(CLEAR_FIT, len(words))]
        if not fits:
            return []
        best.append(ranked[max(fits)[2]])
    clash = any(not same_scale(best[0].figure, r.figure) for r in best[1:])
    return best if clash else []


def pick_alike(ranked: list[RankedFigure], want: int) -> list[RankedFigure]:
    """The best figure and the next ones of the same kind: same label head first, then score."""
    if not ranked:
        return []
    first = ranked[0]
    head = first.figure.label.split(" ")[0]
    rest = [r for r in ranked[1:] if same_scale(first.figure, r.figure)
            and (r.figure.line, r.figure.label) != (first.figure.line, first.figure.label)]
    rest.sort(key=lambda r: (r.figure.label.split(" ")[0] != head, -r.score))
    picked = [first, *rest[:want - 1]]
    return picked if len(picked) == want else []


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
        by_year = sorted(zip(operands, values), key=lambda p: p[0].figure.year or 0)
        va, vb = by_year[0][1], by_year[-1][1]
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
