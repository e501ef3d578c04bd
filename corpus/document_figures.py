"""Figure records for a parsed report: mentions in text lines and in table cells, with the
section, line and year each one comes from."""
from __future__ import annotations

import re

from corpus.document import Document
from corpus.figures import Mention, cell_mention, find_mentions
from corpus.model import Figure, Table, TableCell
from corpus.tables import caption_unit
from corpus.text import strip_html
from corpus.units import header_unit

YEAR_RE = re.compile(r"['’‘](\d{2})년|(20\d{2})년")
PAREN_RE = re.compile(r"^(.*?)\s*\(([^)]+)\)\s*$")
LONG_CELL = 40  # a longer cell is running text: its mentions keep their own labels


def stated_year(text: str) -> int | None:
    """`'22년` → 2022, `2023년` → 2023; None when the text states no year."""
    m = YEAR_RE.search(text)
    if not m:
        return None
    return 2000 + int(m.group(1)) if m.group(1) else int(m.group(2))


def section_year(doc: Document, ref: str) -> int | None:
    """The year a section's title states (`□ '22년 추진성과` → 2022), nearest first."""
    for title in reversed(doc.section(ref).path):
        year = stated_year(title)
        if year:
            return year
    return None


def line_figures(doc: Document, skip: set[int]) -> list[Figure]:
    out = []
    for n, raw in enumerate(doc.lines, start=1):
        if n in skip or not raw.strip():
            continue
        text = strip_html(raw).strip()
        ref = doc.section_at(n).ref
        year = section_year(doc, ref)
        out.extend(_record(m, m.label, m.year or year, ref, n, text) for m in find_mentions(text))
    return out


def table_figures(doc: Document, table: Table) -> list[Figure]:
    unit = caption_unit(list(doc.lines), table.start - 1)
    year = section_year(doc, table.section_ref)
    out = []
    for cell in table.cells:
        source = strip_html(doc.lines[cell.line - 1]).strip()
        if len(cell.text) > LONG_CELL:
            mentions = find_mentions(cell.text)
            out.extend(_record(m, m.label, m.year or year, table.section_ref, cell.line, source) for m in mentions)
            continue
        mentions = cell_mention(cell.text, header_unit(f"{cell.row_header} {cell.col_header}") or unit)
        for m, label in zip(mentions, cell_labels(cell, len(mentions))):
            header_year = stated_year(cell.col_header) or stated_year(cell.row_header)
            out.append(_record(m, label or m.label, header_year or m.year or year, table.section_ref, cell.line, source))
    return out


def cell_labels(cell: TableCell, count: int) -> list[str]:
    """Row and column headers name a cell; a header `조성규모 (市출자액)` over a cell `1조원 (600억원)`
    names its two numbers apart."""
    m = PAREN_RE.match(cell.row_header)
    if count == 2 and m:
        return [f"{m.group(1)} {cell.col_header}".strip(), f"{m.group(2)} {cell.col_header}".strip()]
    label = " ".join(p for p in (cell.row_header, cell.col_header) if p)
    return [label] * count


def _record(m: Mention, label: str, year: int | None, ref: str, line: int, source: str) -> Figure:
    return Figure(label, m.value, m.unit, m.value_krw, year, ref, line, source)
