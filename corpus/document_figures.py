"""Figure records for a parsed report: mentions in text lines and in table cells, with the
section, line and year each one comes from."""
from __future__ import annotations

import re

from corpus.document import Document
from corpus.figures import Mention, cell_mention, find_mentions
from corpus.model import Figure, Table, TableCell
from corpus.tables import caption_unit
from corpus.text import strip_html
from corpus.units import header_unit, implied_unit
from corpus.years import first_year

PAREN_RE = re.compile(r"^(.*?)\s*\(([^)]+)\)\s*$")
LONG_CELL = 40  # a longer cell is running text: its mentions keep their own labels


def stated_year(text: str) -> int | None:
    """`'22년` → 2022, `2023년` → 2023; None when the text states no year."""
    return first_year(text)


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


CAPTION_LINES = 4  # how far above a table its caption may stand


def caption_breakdown(doc: Document, table: Table) -> tuple[str | None, list[str]]:
    """A table with no `(단위 : …)` caption that breaks down the figures its caption states
    (`정원 269 / 현원 257명` over a row `계 269/257`) takes their unit, and their labels for the
    numbers of a slash-separated cell."""
    above = [strip_html(doc.lines[n - 1]) for n in range(max(1, table.start - CAPTION_LINES), table.start)]
    stated = [m for line in above for m in find_mentions(line)]
    first_row = " ".join(table.rows[0]) if table.rows else ""
    numbers = set(re.findall(r"\d[\d,]*", first_row))
    echoed = [m for m in stated if f"{m.value:,.0f}" in numbers or f"{m.value:.0f}" in numbers]
    if len(echoed) < 1 or len({m.unit for m in echoed}) != 1:
        return None, []
    return echoed[0].unit, [m.label for m in echoed]


def table_figures(doc: Document, table: Table) -> list[Figure]:
    unit = caption_unit(list(doc.lines), table.start - 1)
    parts: list[str] = []
    if unit is None:
        unit, parts = caption_breakdown(doc, table)
    year = section_year(doc, table.section_ref)
    out = []
    for cell in table.cells:
        source = strip_html(doc.lines[cell.line - 1]).strip()
        if len(cell.text) > LONG_CELL:
            mentions = find_mentions(cell.text)
            out.extend(_record(m, m.label, m.year or year, table.section_ref, cell.line, source, cell.col)
                       for m in mentions)
            continue
        split = slash_header_units(cell)
        mentions = cell_mention(cell.text, header_unit(f"{cell.row_header} {cell.col_header}") or unit
                                or (split[0] if split else None))
        labels = cell_labels(cell, len(mentions))
        if split and len(mentions) == len(split[1]):
            labels = [f"{part} {cell.col_header}".strip() for part in split[1]]
        if len(parts) == len(mentions) > 1 and "/" in cell.text:
            labels = [f"{label} {part}" for label, part in zip(labels, parts)]
        for m, label in zip(mentions, labels):
            header_year = stated_year(cell.col_header) or stated_year(cell.row_header)
            out.append(_record(m, label or m.label, header_year or m.year or year, table.section_ref, cell.line,
                               source, cell.col))
    return out


def slash_header_units(cell: TableCell) -> tuple[str, list[str]] | None:
    """A cell `54/1,852` under a row header `학과 / 인원`: the units its two numbers take (`학과/명`)
    and the header words that name them."""
    if cell.text.count("/") != 1:
        return None
    for header in (cell.row_header, cell.col_header):
        parts = [p.strip() for p in header.split("/")]
        units = [implied_unit(p) for p in parts]
        if len(parts) == 2 and all(units):
            return "/".join(u for u in units if u), parts
    return None


def cell_labels(cell: TableCell, count: int) -> list[str]:
    """Row and column headers name a cell; a header `조성규모 (市출자액)` over a cell `1조원 (600억원)`
    names its two numbers apart."""
    m = PAREN_RE.match(cell.row_header)
    if count == 2 and m:
        return [f"{m.group(1)} {cell.col_header}".strip(), f"{m.group(2)} {cell.col_header}".strip()]
    label = " ".join(p for p in (cell.row_header, cell.col_header) if p)
    return [label] * count


def _record(m: Mention, label: str, year: int | None, ref: str, line: int, source: str, col: int = -1) -> Figure:
    """A total its own parenthesis splits by year belongs to no one year, whatever its section states."""
    return Figure(label, m.value, m.unit, m.value_krw, None if m.spans_years else year, ref, line, source, col=col,
                  span=m.span, spans_years=m.spans_years)
