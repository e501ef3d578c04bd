"""Series of comparable figures around one figure: what a superlative, a sum, a filter or a change works on.

A cell's series is its table column (rows without totals) or its table row (sub-columns without
subtotals); a line's series is the line's figures of the same measure; a program's series is the
same figure in each sibling sub-program (`'23년 예산` of each of its three programs). A series
never mixes measures: 명 is not added to 백만원, a rate never joins another indicator's numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.candidates import Candidate
from corpus.document import Document
from corpus.model import Figure
from corpus.units import compatible
from corpus.years import YEAR_RE
from qa.lexicon import question_words

SUBTOTAL_RE = re.compile(r"(?:소\s*계|합\s*계|총\s*계|^계$|/\s*계$)")


@dataclass(frozen=True)
class Member:
    name: str  # what tells it apart in its series: the row, the column, or its own label
    figure: Figure
    cand: Candidate


def is_total(header: str) -> bool:
    flat = header.replace(" ", "")
    return flat in question_words().total_rows or bool(SUBTOTAL_RE.search(flat))


def series_key(label: str) -> str:
    """A label without its years, so `로봇 '22년` and `로봇 '23년` are one series."""
    return YEAR_RE.sub("", label).replace("년", "").replace(" ", "")


def same_slot(fig: Figure, cell: Candidate, like: Figure, like_cell: Candidate) -> bool:
    """In cells of two numbers (`27/23`, `1조원 (600억원)`), the number in the same place."""
    mine, theirs = cell.figures, like_cell.figures
    if len(mine) != len(theirs):
        return False
    return next(i for i, f in enumerate(mine) if f is fig) == next(i for i, f in enumerate(theirs) if f is like)


class SeriesFinder:
    def __init__(self, doc: Document, candidates: list[Candidate]) -> None:
        self.doc = doc
        self.cells: dict[str, list[Candidate]] = {}
        self.lines_in: dict[str, list[Candidate]] = {}
        for c in candidates:
            if c.kind == "cell":
                self.cells.setdefault(c.table_id, []).append(c)
            elif c.kind == "line" and c.figures:
                self.lines_in.setdefault(c.section_ref, []).append(c)

    def column(self, cand: Candidate, fig: Figure) -> list[Member]:
        """The cell's column down the table's rows, totals left out."""
        out = []
        for c in self.cells.get(cand.table_id, []):
            if c.col != cand.col or is_total(c.row_header):
                continue
            out += [Member(c.row_header, f, c) for f in c.figures if compatible(f.unit, fig.unit) and same_slot(f, c, fig, cand)]
        return out

    def row(self, cand: Candidate, fig: Figure) -> list[Member]:
        """The cell's row across its sibling columns (same header group), subtotals left out."""
        group = cand.col_header.split(" / ")[0] if " / " in cand.col_header else None
        out = []
        for c in self.cells.get(cand.table_id, []):
            if c.row != cand.row or is_total(c.col_header.split(" / ")[-1]):
                continue
            if group is not None and not c.col_header.startswith(group):
                continue
            name = c.col_header.split(" / ")[-1]
            out += [Member(name, f, c) for f in c.figures if compatible(f.unit, fig.unit) and same_slot(f, c, fig, cand)]
        return out

    def line(self, cand: Candidate, fig: Figure) -> list[Member]:
        """The line's figures of the same measure."""
        return [Member(f.label, f, cand) for f in cand.figures if compatible(f.unit, fig.unit)]

    def siblings(self, cand: Candidate, fig: Figure) -> list[Member]:
        """The same figure (label without years, same measure) in each sub-program of the parent program."""
        section = self.doc.section(cand.section_ref)
        program = self.program_of(section.ref)
        if program is None:
            return []
        parent = self.doc.section(program)
        if parent.parent is None:
            return []
        out = []
        for sibling in self.doc.section(parent.parent).children:
            found = self.figure_within(sibling, fig)
            if found is not None:
                out.append(Member(self.doc.section(sibling).title, *found))
        return out

    def program_of(self, ref: str) -> str | None:
        """The nearest program or sub-program above (or at) a section."""
        at: str | None = ref
        while at is not None:
            s = self.doc.section(at)
            if s.kind in ("program", "subprogram"):
                return at
            at = s.parent
        return None

    def figure_within(self, ref: str, like: Figure) -> tuple[Figure, Candidate] | None:
        key = series_key(like.label)
        for section in self.doc.sections:
            if section.ref != ref and not section.ref.startswith(ref + "."):
                continue
            for c in self.lines_in.get(section.ref, []):
                for f in c.figures:
                    if series_key(f.label) == key and compatible(f.unit, like.unit):
                        return f, c
        return None

    def around(self, cand: Candidate, fig: Figure, prefer_rows: bool) -> list[Member]:
        """The series a figure belongs to: for a cell its column (or row), for a line its own figures."""
        if cand.kind == "cell":
            first, second = (self.column, self.row) if prefer_rows else (self.row, self.column)
            found = first(cand, fig)
            return found if len(found) >= 2 else second(cand, fig)
        return self.line(cand, fig)
