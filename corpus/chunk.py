"""Cut a parsed Document into retrievable chunks.

Chunks never cross a section boundary: each section's own lines (those not inside a child
section) are grouped into bullet units (a top-level line and its indented sub-lines), and units
are packed up to a size budget. Tables become their own chunks: a small table whole, a large
one by groups of rows, and a table of long rows (audit items) row by row; their header rows and
cell-by-cell `row / column: value` pairs go into the indexed context, not into the text.
A line too long for the embedding model is cut at Kiwi sentence boundaries.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from corpus.audit import is_audit_section, row_pieces
from corpus.model import Chunk, Section, Table
from corpus.document import Document
from corpus.text import collapse_letter_spacing, strip_html
from corpus.tokens import sentence_spans

CHUNKER_VERSION = "8"
MAX_PAIR_CELL = 40


@dataclass(frozen=True)
class ChunkConfig:
    max_chars: int = 400  # text packed into one chunk (the model's 512-token limit is ~700 Korean chars)
    max_line_chars: int = 600  # a longer single line is split at sentence boundaries
    table_chars: int = 900  # a table up to this size stays one chunk


def is_continuation(raw: str) -> bool:
    """A sub-bullet or wrapped line that belongs to the unit above it."""
    return raw.startswith((" ", "\t")) or raw.lstrip().startswith(("※", "▶", "*", "(", "－"))


def text_units(doc: Document, lines: list[int]) -> list[list[int]]:
    units: list[list[int]] = []
    for n in lines:
        raw = doc.lines[n - 1]
        if not raw.strip():
            continue
        if units and is_continuation(raw) and units[-1][-1] >= n - 2:
            units[-1].append(n)
        else:
            units.append([n])
    return units


def pack(doc: Document, units: list[list[int]], budget: int) -> list[tuple[int, int]]:
    """Consecutive units packed into (start, end) line ranges of at most `budget` characters."""
    ranges: list[tuple[int, int]] = []
    size = 0
    for unit in units:
        chars = sum(len(strip_html(doc.lines[n - 1])) for n in unit)
        if ranges and size + chars <= budget:
            ranges[-1] = (ranges[-1][0], unit[-1])
            size += chars
        else:
            ranges.append((unit[0], unit[-1]))
            size = chars
    return ranges


def path_context(doc: Document, section: Section) -> str:
    """The report's own title, then the section path: every chunk says whose report it is, so a
    question naming the office (경제정책실) is not drawn to the few passages that repeat it."""
    return " > ".join((doc.title, *section.path)) if doc.title else " > ".join(section.path)


def table_caption(doc: Document, table: Table) -> str:
    """The text lines just above a table (its title or `(단위 : …)` line), up to two of them."""
    above = [strip_html(doc.lines[n - 1]).strip() for n in range(max(1, table.start - 4), table.start)]
    return " ".join(line for line in above if line)[-200:]


def table_context(doc: Document, table: Table, rows: set[int]) -> str:
    """Caption, headers and `row column: value` pairs of short cells (long cells speak for themselves)."""
    header = " | ".join(h for h in table.header if h)
    pairs = [f"{c.row_header} {c.col_header}: {collapse_letter_spacing(c.text)}"
             for c in table.cells if c.line in rows and len(c.text) <= MAX_PAIR_CELL]
    return "\n".join([table_caption(doc, table), header, *pairs])


def table_groups(doc: Document, table: Table, cfg: ChunkConfig) -> list[tuple[int, int]]:
    """Whole table when small; else the header with the first rows, then groups of rows."""
    size = len(doc.text(table.start, table.end))
    if size <= cfg.table_chars:
        return [(table.start, table.end)]
    units = [[n] for n in table.row_lines]
    groups = pack(doc, units, cfg.max_chars)
    if table.header_lines:
        groups[0] = (table.start, groups[0][1])
    return groups


def long_line_spans(text: str, budget: int) -> list[str]:
    """Verbatim pieces of one long line, cut at sentence ends (or, inside a sentence longer than
    the budget, at spaces) and packed up to `budget` chars."""
    groups: list[list[int]] = []
    for start, end in sentence_spans(text):
        if groups and end - groups[-1][0] <= budget:
            groups[-1][1] = end
        else:
            groups.append([start, end])
    pieces = [p for a, b in groups for p in hard_cut(text[a:b], budget)]
    return [p.strip() for p in pieces if p.strip()]


def hard_cut(text: str, budget: int) -> list[str]:
    """Cut at the last space before each `budget` characters."""
    pieces = []
    while len(text) > budget:
        cut = text.rfind(" ", 0, budget)
        cut = cut if cut > budget // 2 else budget
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


def make_chunks(doc: Document, section: Section, start: int, end: int, kind: str,
                context: str, cfg: ChunkConfig, counter: Iterator[int], skip: frozenset[int] = frozenset()) -> list[Chunk]:
    """One chunk for lines start..end, or, when that is too long, one per line (long lines cut
    at sentences); `skip` lines (table headers already in the context) are left out then."""
    text = doc.text(start, end)
    if not text.strip() or _is_lone_marker(text) or (start == end == section.start and says_no_more(text, section)):
        return []
    if len(text) <= cfg.max_line_chars:
        return [Chunk(f"{section.ref}#{next(counter)}", section.ref, kind, text, start, end, context)]
    if start != end:
        return [c for n in range(start, end + 1) if n not in skip
                for c in make_chunks(doc, section, n, n, kind, context, cfg, counter)]
    return [Chunk(f"{section.ref}#{next(counter)}", section.ref, kind, piece, start, end, context)
            for piece in long_line_spans(text, cfg.max_line_chars)]


def says_no_more(heading: str, section: Section) -> bool:
    """A heading line that only repeats its section's title (`□ 사업개요`); one that goes on past the
    title (`□ 추진현황 : 7,147명, … → 사업 개시('23.1.10~)`) is content."""
    return len(collapse_letter_spacing(heading).replace(" ", "")) <= len(section.title.replace(" ", "")) + 3


def _is_lone_marker(text: str) -> bool:
    """A chunk that holds only a heading number or a circled marker says nothing.

    (A chunk that is only its section's heading line is dropped by the caller: the title is
    already in every chunk's context.)"""
    return len(text.strip()) <= 2


def split_at(lines: list[int], cut: set[int]) -> list[list[int]]:
    """Runs of `lines` not in `cut`; a run ends where a cut line stands between two lines."""
    runs: list[list[int]] = [[]]
    for n in lines:
        if n in cut:
            runs.append([])
        else:
            runs[-1].append(n)
    return [r for r in runs if r]


def section_chunks(doc: Document, section: Section, cfg: ChunkConfig) -> list[Chunk]:
    lines = doc.own_lines(section)
    tables = [t for t in doc.tables if t.start in lines]
    table_lines = {n for t in tables for n in range(t.start, t.end + 1)}
    counter = iter(range(10_000))
    context = path_context(doc, section)
    out: list[Chunk] = []
    for segment in split_at(lines, table_lines):
        for start, end in pack(doc, text_units(doc, segment), cfg.max_chars):
            out.extend(make_chunks(doc, section, start, end, "text", context, cfg, counter))
    for table in tables:
        if is_audit_section(doc, section.ref) and len(doc.text(table.start, table.end)) > cfg.table_chars:
            out.extend(audit_chunks(doc, section, table, context, cfg, counter))
            continue
        for start, end in table_groups(doc, table, cfg):
            rows = set(range(start, end + 1))
            ctx = f"{context}\n{table_context(doc, table, rows)}"
            out.extend(make_chunks(doc, section, start, end, "table", ctx, cfg, counter, frozenset(table.header_lines)))
    return sorted(out, key=lambda c: (c.start, c.id))


def audit_chunks(doc: Document, section: Section, table: Table, context: str, cfg: ChunkConfig,
                 counter: Iterator[int]) -> list[Chunk]:
    """An audit table row by row, each row cut between its items (request, status, each action and plan)
    and packed up to the budget; every piece carries the request it answers in its context."""
    out = []
    for line in table.row_lines:
        pieces = row_pieces(doc.lines[line - 1])
        if not pieces:
            continue
        ctx = f"{context}\n{pieces[0]}"
        for group in pack_texts(pieces, cfg.max_chars):
            out.append(Chunk(f"{section.ref}#{next(counter)}", section.ref, "audit", "\n".join(group), line, line, ctx))
    return out


def pack_texts(texts: list[str], budget: int) -> list[list[str]]:
    """Consecutive texts packed into groups of at most `budget` characters (a longer text alone)."""
    groups: list[list[str]] = []
    size = 0
    for text in texts:
        if groups and size + len(text) <= budget:
            groups[-1].append(text)
            size += len(text)
        else:
            groups.append([text])
            size = len(text)
    return groups


def chunk_document(doc: Document, cfg: ChunkConfig = ChunkConfig()) -> list[Chunk]:
    """All chunks of the document, in reading order."""
    chunks = [c for s in doc.sections for c in section_chunks(doc, s, cfg)]
    return sorted(chunks, key=lambda c: (c.start, c.end))


def chunk_plain(text: str, max_chars: int = 400) -> list[str]:
    """Passages of plain text (a page, a paragraph) up to `max_chars`: verbatim runs of Kiwi sentences,
    cut and packed exactly as a report's over-long line is."""
    return long_line_spans(text, max_chars)
