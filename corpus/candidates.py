"""Answer candidates: every unit of the report that can answer a question, with its scope.

A candidate is a text line, a table cell (with its row and column headers), a list block (a
bullet and the points under it), or an item of an audit follow-up. Its scope is what a reader
sees above it: the chain of parent bullets (`□` → `○` → `-` → ` -` → `▶`), a table's caption,
the request an audit item answers. Each candidate knows the passage (chunk) that holds it, so an
answer that quotes it can cite it, and the figure records it states.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.audit import is_audit_section, row_pieces
from corpus.bullets import LEAF_DEPTH, Bullet, section_bullets
from corpus.document import Document
from corpus.document_figures import section_year, stated_year
from corpus.model import Chunk, Figure, Section, Table
from corpus.text import collapse_letter_spacing, squash_ws, strip_html

MARKER_RE = re.compile(r"^[\s\-–－•○◇◆●□■✓▶☞▷※*·]+")
KEY_RE = re.compile(r"^(\(?[^:()]{1,20}?\)?)\s*:\s*(\S.*)$")  # `위치/규모 : 중구 …`
MIN_LIST_ITEMS = 3
MAX_LIST_ITEM = 30  # a longer part is a clause of a sentence, not an item of a list
MAX_DOT_ITEM = 12  # `의류봉제·기계금속·주얼리`: parts joined by `·` are single short names
MIN_TEXT = 6  # a shorter line (a chart label, a lone word) answers nothing unless it states a figure
NOISE_CELLS = frozenset({"", "-", "–", "－"})


@dataclass(frozen=True)
class Candidate:
    id: str  # L<line> (text line), C<table>.<row>.<col> (cell), B<line> (block), A<line>.<k> (audit item)
    kind: str  # line | cell | block | audit
    text: str  # the report's own words for it (a cell: `row · column: value`), bullet marker dropped
    start: int
    end: int
    section_ref: str
    scope: tuple[str, ...]  # what stands above it, outermost first
    chunk_id: str  # the passage that holds it
    figures: tuple[Figure, ...] = ()
    key: str = ""  # `key : value` lines: the key; cells: the column header
    heading: bool = False  # a section's own heading line or a box title
    items: tuple[str, ...] = ()  # a list: the block's points, or the parts of an enumerating line
    year: int | None = None  # the year its line or section states
    row_header: str = ""
    col_header: str = ""
    table_id: str = ""
    depth: int = LEAF_DEPTH
    parent_id: str = ""  # the candidate of the bullet it hangs from
    children: tuple[str, ...] = field(default=())
    record: str = ""  # an audit item: the other items of its record (what else was done for the request)
    row: int = -1  # a cell's data row and column in its table
    col: int = -1

    @property
    def value_text(self) -> str:
        """A `key : value` line's value, else the whole text."""
        m = KEY_RE.match(self.text)
        return m.group(2) if m and self.kind == "line" else self.text


def clean(raw: str) -> str:
    """A line as quoted: HTML dropped, the bullet marker and its spaces dropped."""
    return MARKER_RE.sub("", strip_html(raw)).strip()


def key_of(text: str) -> str:
    m = KEY_RE.match(text)
    return squash_ws(collapse_letter_spacing(m.group(1))).strip("() ") if m else ""


def top_level_parts(text: str) -> list[str]:
    """`text` cut at commas outside parentheses (a thousands separator `36,118` is no cut)."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        thousands = k > 0 and text[k - 1].isdigit() and re.match(r"\d{3}(?!\d)", text[k + 1:k + 4] or "")
        if ch == "," and depth == 0 and not thousands:
            parts.append(text[start:k])
            start = k + 1
    return parts + [text[start:]]


def list_items(text: str) -> tuple[str, ...]:
    """The parts of a line that enumerates, else (): comma-separated short parts (`화재감지기, 누전차단기,
    도색·바닥개선 …`), or single words joined by `·` in one parenthesis (`5개분야(경영기획·돌봄·행정사무)`)."""
    m = KEY_RE.match(text)
    body = m.group(2) if m else text
    parts = [p.strip() for p in top_level_parts(body) if p.strip()]
    if len(parts) >= MIN_LIST_ITEMS and all(len(p) <= MAX_LIST_ITEM for p in parts):
        return tuple(parts)
    groups = re.findall(r"\(([^()]+)\)", body) + ([body] if m else [])
    for group in groups:
        words = [w.strip() for w in re.split(r"\s*[·/]\s*", group)]
        if len(words) >= MIN_LIST_ITEMS and all(w and len(w) <= MAX_DOT_ITEM and w.count(" ") <= 1 for w in words):
            return tuple(words)
    return ()


ROW_YEAR_RE = re.compile(r"[‘’'][0-9]{2}년|20[0-9]{2}년")


def row_year(cells: tuple[str, ...]) -> int | None:
    """The year a row's note states (`'22년 잠정치`)."""
    for cell in cells:
        if ROW_YEAR_RE.search(cell):
            return stated_year(ROW_YEAR_RE.search(cell).group(0))
    return None


def states(fig: Figure, text: str) -> bool:
    """`text` writes the figure's number with its unit (`2.8억원`, `1,651명`)."""
    value = f"{fig.value:,.0f}" if float(fig.value).is_integer() else f"{fig.value:,}".rstrip("0")
    plain = value.replace(",", "")
    squashed = text.replace(" ", "")
    unit = fig.unit.replace(" ", "")
    return any(f"{v}{unit}" in squashed for v in {value, plain, value.lstrip("-"), plain.lstrip("-")})


def line_year(text: str) -> int | None:
    return stated_year(text)


class _Builder:
    def __init__(self, doc: Document, chunks: list[Chunk]) -> None:
        self.doc = doc
        self.chunks = chunks
        self.by_line: dict[int, list[Chunk]] = {}
        for chunk in chunks:
            for n in range(chunk.start, chunk.end + 1):
                self.by_line.setdefault(n, []).append(chunk)
        self.out: list[Candidate] = []
        self.line_ids: dict[int, str] = {}

    def chunk_for(self, line: int, text: str) -> str:
        """The passage holding `line`; of the pieces of a split line, the one holding `text`."""
        held = self.by_line.get(line, [])
        if not held:
            return ""
        key = re.sub(r"\s+", "", text)[:40]
        for chunk in held:
            if key and key in re.sub(r"\s+", "", chunk.text):
                return chunk.id
        return held[0].id

    def figures_of(self, line: int, col: int) -> tuple[Figure, ...]:
        return tuple(f for f in self.doc.figures_in(line, line) if f.col == col)

    def section(self, section: Section) -> None:
        if is_audit_section(self.doc, section.ref):
            self.audit_section(section)
            return
        bullets = section_bullets(self.doc, self.doc.own_lines(section))
        tables = {n: t for t in self.doc.tables if t.section_ref == section.ref for n in range(t.start, t.end + 1)}
        scope_text: dict[int, str] = {}
        year = section_year(self.doc, section.ref)
        done_tables: set[str] = set()
        for b in bullets:
            table = tables.get(b.line)
            scope = self.scope_of(b, bullets, scope_text)
            if table is not None:
                if table.id not in done_tables:
                    done_tables.add(table.id)
                    self.table(table, scope, year)
                continue
            text = clean(self.doc.lines[b.line - 1])
            scope_text[b.line] = text
            if not text or len(text) <= 2:
                continue
            heading = b.line == section.start or b.marker in ("<", "〈")
            cid = f"L{b.line}"
            self.line_ids[b.line] = cid
            self.out.append(Candidate(
                cid, "line", text, b.line, b.line, section.ref, scope, self.chunk_for(b.line, text),
                self.figures_of(b.line, -1), key_of(text), heading, list_items(text),
                line_year(text) or year, depth=b.depth,
                parent_id=self.line_ids.get(b.parent, "") if b.parent else ""))
        self.blocks(section, bullets, scope_text, year)

    def scope_of(self, b: Bullet, bullets: list[Bullet], scope_text: dict[int, str]) -> tuple[str, ...]:
        chain: list[str] = []
        parents = {x.line: x.parent for x in bullets}
        at = b.parent
        while at is not None:
            if scope_text.get(at):
                chain.append(scope_text[at])
            at = parents.get(at)
        return tuple(reversed(chain))

    def blocks(self, section: Section, bullets: list[Bullet], scope_text: dict[int, str], year: int | None) -> None:
        """A bullet with two or more points under it is also a list candidate."""
        children: dict[int, list[int]] = {}
        for b in bullets:
            if b.parent is not None and scope_text.get(b.line):
                children.setdefault(b.parent, []).append(b.line)
        by_line = {b.line: b for b in bullets}
        for parent, kids in children.items():
            if len(kids) < 2 or len(scope_text.get(parent, "")) < MIN_TEXT:
                continue
            items = tuple(scope_text[k] for k in kids)
            head = scope_text[parent]
            text = "\n".join((head, *items))
            self.out.append(Candidate(
                f"B{parent}", "block", text, parent, kids[-1], section.ref,
                self.scope_of(by_line[parent], bullets, scope_text), self.chunk_for(parent, head),
                (), key_of(head), False, items, line_year(head) or year, depth=by_line[parent].depth,
                parent_id=f"L{parent}", children=tuple(f"L{k}" for k in kids)))

    def table(self, table: Table, scope: tuple[str, ...], year: int | None) -> None:
        caption = " ".join(clean(self.doc.lines[n - 1]) for n in range(max(1, table.start - 2), table.start)
                           if self.doc.lines[n - 1].strip() and "\t" not in self.doc.lines[n - 1])
        cell_scope = scope + ((caption,) if caption and caption not in scope else ())
        caption_year = stated_year(caption)  # `(단위 : 백만원, '23.2.10. 기준)`: the table's date
        row_years = {k: row_year(row) for k, row in enumerate(table.rows)}
        for cell in table.cells:
            text = collapse_letter_spacing(cell.text)
            if text in NOISE_CELLS:
                continue
            row = squash_ws(cell.row_header)
            col = squash_ws(cell.col_header)
            quoted = f"{row} · {col}: {text}" if row or col else text
            self.out.append(Candidate(
                f"C{table.id}.{cell.row}.{cell.col}", "cell", quoted, cell.line, cell.line, table.section_ref,
                cell_scope, self.chunk_for(cell.line, cell.text), self.figures_of(cell.line, cell.col),
                col, False, (), stated_year(col) or stated_year(row) or row_years.get(cell.row) or caption_year or year,
                row, col, table.id,
                row=cell.row, col=cell.col))

    def audit_section(self, section: Section) -> None:
        """Audit rows as their items, each scoped by the request it answers; other lines as usual."""
        tables = [t for t in self.doc.tables if t.section_ref == section.ref]
        rows = {n for t in tables for n in t.row_lines}
        for n in self.doc.own_lines(section):
            raw = self.doc.lines[n - 1]
            if not raw.strip() or (n not in rows and "\t" in raw):
                continue
            if n not in rows:
                text = clean(raw)
                if len(text) > 2:
                    self.out.append(Candidate(f"L{n}", "line", text, n, n, section.ref, (), self.chunk_for(n, text),
                                              self.figures_of(n, -1), key_of(text), n == section.start))
                continue
            pieces = row_pieces(raw)
            request = pieces[0] if pieces else ""
            row_figures = [f for f in self.doc.figures_in(n, n) if f.col >= 1]
            for k, piece in enumerate(pieces):
                text = clean(piece)
                if len(text) <= 2:
                    continue
                figures = tuple(f for f in row_figures if states(f, text)) if k else ()
                record = " ".join(clean(p) for j, p in enumerate(pieces) if j and j != k)
                self.out.append(Candidate(
                    f"A{n}.{k}", "audit", text, n, n, section.ref, (request,) if k else (),
                    self.chunk_for(n, piece), figures, key_of(text), False, list_items(text), line_year(text),
                    record=record))


def worth_keeping(cand: Candidate) -> bool:
    """A candidate a passage holds, with words enough (or a figure) to answer something."""
    return bool(cand.chunk_id) and (len(cand.text) >= MIN_TEXT or bool(cand.figures))


def build_candidates(doc: Document, chunks: list[Chunk]) -> list[Candidate]:
    """Every candidate of the report, in reading order."""
    builder = _Builder(doc, chunks)
    for section in doc.sections:
        builder.section(section)
    kept = [c for c in builder.out if worth_keeping(c)]
    return sorted(kept, key=lambda c: (c.start, c.kind != "line", c.id))


CONTEXT_TITLES = 3  # section titles above a candidate that travel with it (program, sub-program, block)
MAX_SCOPED_CHARS = 600  # what is embedded stays inside the model's window


def context_of(doc: Document, cand: Candidate, with_record: bool = True) -> str:
    """What stands above a candidate: its nearest section titles, its parent bullets, and for an audit
    item the rest of its record."""
    titles = doc.section(cand.section_ref).path[-CONTEXT_TITLES:]
    above = " > ".join((*titles, *cand.scope))
    return f"{above} {cand.record}" if with_record and cand.record else above


def scoped_text(doc: Document, cand: Candidate) -> str:
    """The candidate read in its scope, as it is embedded: context first (cut to fit), then its own words."""
    room = max(0, MAX_SCOPED_CHARS - len(cand.text) - 1)
    return f"{context_of(doc, cand, with_record=False)[:room]}\n{cand.text}"[:MAX_SCOPED_CHARS]
