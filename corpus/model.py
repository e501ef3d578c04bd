"""The report as structured data: sections, table cells, figures and chunks.

Line numbers are 1-based line numbers of the report file, inclusive on both ends.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A heading and the lines it governs (its own heading line included)."""

    ref: str  # stable address, e.g. "IV.2.3", "IV.2.3.b3" (block), "IV.2.3.b3.1" (sub-program)
    kind: str  # part | heading | chapter | program | subprogram | block
    title: str  # as the report writes it, letter-spacing collapsed
    path: tuple[str, ...]  # titles from the part down to this section
    start: int
    end: int
    parent: str | None
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableCell:
    """One data cell with the headers that give it meaning."""

    row: int  # 0-based data-row index within the table
    col: int
    text: str
    row_header: str  # the row's label cell(s), e.g. "뷰티패션산업과"
    col_header: str  # the column's header(s), merged header rows joined with " / "
    line: int


@dataclass(frozen=True)
class Table:
    """A tab-separated or HTML table: header rows, data rows and addressable cells."""

    id: str
    section_ref: str
    start: int
    end: int
    header_lines: tuple[int, ...]
    header: tuple[str, ...]  # column headers, merged header rows joined with " / "
    rows: tuple[tuple[str, ...], ...]  # data rows as cell texts (HTML tags dropped)
    row_lines: tuple[int, ...]  # report line of each data row
    cells: tuple[TableCell, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number with a unit, traced to its source line."""

    label: str
    value: float
    unit: str  # as the report writes it: 백만원, 억원, 명, 개사, %, ㎡ …
    value_krw: float | None  # money normalized to 원; None for other units
    year: int | None
    section_ref: str
    line: int
    source: str  # the source line (or table row) as the report writes it
    computed: bool = False
    col: int = -1  # the table column of a cell's figure; -1 for a figure of a text line
    span: tuple[int, int] = (0, 0)  # where it stands: in `source` for a text line, in the cell's text for a cell
    spans_years: bool = False  # a total its line splits by year (`16,900백만원('23년 : 3,023백만원)`): no one year


@dataclass(frozen=True)
class Chunk:
    """A retrievable span: verbatim text plus the context that is indexed with it."""

    id: str
    section_ref: str
    kind: str  # text | table | audit
    text: str  # verbatim report text for lines start..end (HTML tags dropped)
    start: int
    end: int
    context: str  # section path and, for table rows, the header rows; indexed, never shown as report text

    @property
    def index_text(self) -> str:
        """What the lexical index sees: the whole context, then the text."""
        return f"{self.context}\n{self.text}" if self.context else self.text

    @property
    def embed_text(self) -> str:
        """What the embedding model sees: the section path, then the text (cell pairs would crowd
        the text out of the model's 512-token window)."""
        path = self.context.split("\n", 1)[0]
        return f"{path}\n{self.text}" if path else self.text
