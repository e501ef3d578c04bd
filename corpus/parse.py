"""Parse a report file into a Document: section tree, tables and figures."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from corpus.figures import cell_mention, find_mentions
from corpus.model import Figure, Section, Table
from corpus.sections import build_sections
from corpus.tables import build_table, caption_unit, table_runs
from corpus.text import strip_html


@dataclass(frozen=True)
class Document:
    name: str
    lines: tuple[str, ...]  # the report's lines, without newlines; line n is lines[n - 1]
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    figures: tuple[Figure, ...]

    @cached_property
    def by_ref(self) -> dict[str, Section]:
        return {s.ref: s for s in self.sections}

    def section(self, ref: str) -> Section:
        return self.by_ref[ref]

    def section_at(self, line: int) -> Section:
        """The deepest section whose range holds `line` (the first part for a preamble line)."""
        best = self.sections[0]
        for s in self.sections:
            if s.start <= line <= s.end and len(s.path) >= len(best.path):
                best = s
        return best

    def text(self, start: int, end: int) -> str:
        """Report text for lines start..end: non-blank lines, HTML tags dropped."""
        rows = (strip_html(line).rstrip() for line in self.lines[start - 1:end])
        return "\n".join(r for r in rows if r.strip())

    def figures_in(self, start: int, end: int) -> list[Figure]:
        keys = [f.line for f in self.figures]
        return list(self.figures[bisect.bisect_left(keys, start):bisect.bisect_right(keys, end)])


YEAR_IN_TITLE_RE = re.compile(r"['’‘](\d{2})년")


def section_year(doc: Document, ref: str) -> int | None:
    """The year a section's title states (`□ '22년 추진성과` → 2022), nearest first."""
    for title in reversed(doc.section(ref).path):
        m = YEAR_IN_TITLE_RE.search(title)
        if m:
            return 2000 + int(m.group(1))
    return None


def _tables(lines: list[str], doc_at) -> list[Table]:
    return [build_table(f"t{n}", doc_at(s + 1).ref, lines, s, e)
            for n, (s, e) in enumerate(table_runs(lines))]


def _line_figures(doc: Document, table_lines: set[int]) -> list[Figure]:
    out = []
    for n, raw in enumerate(doc.lines, start=1):
        if n in table_lines or not raw.strip():
            continue
        text = strip_html(raw).strip()
        ref = doc.section_at(n).ref
        year = section_year(doc, ref)
        out.extend(Figure(m.label, m.value, m.unit, m.value_krw, m.year or year, ref, n, text)
                   for m in find_mentions(text))
    return out


def _table_figures(doc: Document, table: Table) -> list[Figure]:
    unit = caption_unit(list(doc.lines), table.start - 1)
    year = section_year(doc, table.section_ref)
    out = []
    for cell in table.cells:
        source = strip_html(doc.lines[cell.line - 1]).strip()
        label = " ".join(p for p in (cell.row_header, cell.col_header) if p)
        out.extend(Figure(label or m.label, m.value, m.unit, m.value_krw, m.year or year, table.section_ref, cell.line, source)
                   for m in cell_mention(cell.text, _header_unit(label) or unit))
    return out


def _header_unit(label: str) -> str | None:
    """Units stated in a header, e.g. `집행률(%)`, `GRDP (조원)`, `외국인직접투자 (백만불)`."""
    for unit in ("%", "조원", "백만불", "백만원", "천개", "천명", "억원"):
        if f"({unit})" in label.replace(" ", ""):
            return unit
    return None


def parse_text(text: str, name: str) -> Document:
    lines = text.split("\n")
    sections = build_sections(lines)
    shell = Document(name, tuple(lines), tuple(sections), (), ())
    tables = _tables(lines, shell.section_at)
    table_lines = {n for t in tables for n in range(t.start, t.end + 1)}
    figures = _line_figures(shell, table_lines)
    for table in tables:
        figures.extend(_table_figures(shell, table))
    figures.sort(key=lambda f: f.line)
    return Document(name, tuple(lines), tuple(sections), tuple(tables), tuple(figures))


def parse_report(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), path.name)
