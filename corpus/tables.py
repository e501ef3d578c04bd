"""Tab-separated and HTML-celled tables: header rows, data rows and cells with their headers.

A table is a run of consecutive lines holding a tab. Its leading rows are headers while they
hold no numbers (year labels such as `'22년` do not count); a second header row counts only
when the one above it has merged (empty) cells, as in `집행률(%)` over `원인행위액 / 지출액`.
"""
from __future__ import annotations

import re

from corpus.model import Table, TableCell
from corpus.text import collapse_letter_spacing, squash_ws, strip_html

YEAR_TOKEN_RE = re.compile(r"[(]?['’‘]\d{2}[)]?년?|\(\d{2}\)|\d{2}년|\d{4}년")
UNIT_CAPTION_RE = re.compile(r"단위\s*:\s*([^,)]+)")


def cell_text(raw: str) -> str:
    return squash_ws(strip_html(raw))


def split_row(line: str) -> list[str]:
    return [cell_text(c) for c in line.split("\t")]


def is_numeric_cell(text: str) -> bool:
    """A cell that states a quantity: digits left after year labels are removed."""
    return any(ch.isdigit() for ch in YEAR_TOKEN_RE.sub("", text)) if text else False


def table_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) 0-based inclusive index ranges of consecutive lines that hold a tab."""
    runs, start = [], None
    for i, line in enumerate(lines):
        is_row = "\t" in line and sum(1 for c in line.split("\t") if c.strip()) >= 1
        if is_row and start is None:
            start = i
        elif not is_row and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(lines) - 1))
    return [(s, e) for s, e in runs if _cells_in_run(lines[s:e + 1]) >= 2]


def _cells_in_run(rows: list[str]) -> int:
    return max(sum(1 for c in r.split("\t") if c.strip()) for r in rows)


def header_count(rows: list[list[str]]) -> int:
    """How many leading rows are column headers."""
    count = 0
    for k, row in enumerate(rows[:-1]):
        if any(is_numeric_cell(c) for c in row):
            break
        if k > 0 and "" not in rows[k - 1][1:]:
            break
        count += 1
    return count


def column_headers(header_rows: list[list[str]], width: int) -> tuple[str, ...]:
    """Merge header rows per column; a label spans the empty cells to its right in the first row."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for k, row in enumerate(header_rows):
        last = ""
        for j in range(width):
            text = row[j] if j < len(row) else ""
            if k == 0 and not text and j > 0:
                text = last
            last = text or last
            if text and text not in columns[j]:
                columns[j].append(collapse_letter_spacing(text))
    return tuple(" / ".join(parts) for parts in columns)


def row_label(row: list[str]) -> tuple[str, int]:
    """The leading non-numeric cells name the row; returns the label and the first value column."""
    if len(row[0]) > 15:
        return collapse_letter_spacing(row[0]), 1
    parts, j = [], 0
    while j < len(row) and not is_numeric_cell(row[j]) and j < 2:
        if row[j]:
            parts.append(collapse_letter_spacing(row[j]))
        j += 1
        if parts and j < len(row) and row[j] and not is_numeric_cell(row[j]):
            break
    return " ".join(parts), max(j, 1)


def caption_unit(lines: list[str], start: int) -> str | None:
    """The `(단위 : 백만원, …)` caption within the few lines above a table."""
    for line in lines[max(0, start - 4):start]:
        m = UNIT_CAPTION_RE.search(line)
        if m:
            return squash_ws(m.group(1)).replace(" ", "")
    return None


def build_table(table_id: str, section_ref: str, lines: list[str], start: int, end: int) -> Table:
    """A table from 0-based line indexes start..end; Table line numbers are 1-based."""
    rows = [split_row(lines[i]) for i in range(start, end + 1)]
    n_head = header_count(rows)
    width = max(len(r) for r in rows)
    header = column_headers(rows[:n_head], width)
    data, data_lines, cells = [], [], []
    for k, row in enumerate(rows[n_head:]):
        line_no = start + n_head + k + 1
        data.append(tuple(row))
        data_lines.append(line_no)
        label, first = row_label(row)
        for j in range(first, len(row)):
            if row[j]:
                cells.append(TableCell(k, j, row[j], label, header[j] if j < width else "", line_no))
    header_lines = tuple(range(start + 1, start + n_head + 1))
    return Table(table_id, section_ref, start + 1, end + 1, header_lines, header,
                 tuple(data), tuple(data_lines), tuple(cells))
