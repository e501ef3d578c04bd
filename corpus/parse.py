"""Parse a report file into a Document: section tree, tables and figures."""
from __future__ import annotations

from pathlib import Path

from corpus.document import Document
from corpus.document_figures import line_figures, table_figures
from corpus.model import Table
from corpus.sections import build_sections
from corpus.tables import build_table, table_runs


def _tables(lines: list[str], doc_at) -> list[Table]:
    return [build_table(f"t{n}", doc_at(s + 1).ref, lines, s, e)
            for n, (s, e) in enumerate(table_runs(lines))]


def parse_text(text: str, name: str) -> Document:
    lines = text.split("\n")
    sections = build_sections(lines)
    shell = Document(name, tuple(lines), tuple(sections), (), ())
    tables = _tables(lines, shell.section_at)
    table_lines = {n for t in tables for n in range(t.start, t.end + 1)}
    figures = line_figures(shell, table_lines)
    for table in tables:
        figures.extend(table_figures(shell, table))
    figures.sort(key=lambda f: f.line)
    return Document(name, tuple(lines), tuple(sections), tuple(tables), tuple(figures))


def parse_report(path: Path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), path.name)
