"""Audit follow-up records (Part V): one record per numbered item of the 행정사무감사 tables.

Each item is one table row: `N. what the council asked (부서)` in the first cell, then the status
(`추진상황 : 추진 중`), the actions taken (`추진내용`) and the plans (`향후계획`) as list items.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from corpus.document import Document
from corpus.text import squash_ws

AUDIT_PART_SUFFIX = "처리결과"  # the part's title: `2022년 행정사무감사 처리결과`
STATUSES = ("추진완료", "추진중", "검토중", "미반영")
_ITEM_TAG_RE = re.compile(r"<(?:p|li|ul|ol|tr|div|br|table|thead|tbody)\b[^>]*>", re.I)  # a cell of a row (td) stays on its line
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_NUMBER_RE = re.compile(r"^(\d{1,2})\.\s*")
_DEPARTMENT_RE = re.compile(r"\(([^()]*?(?:과|실|단|관|원))\)\s*\.?$")
_STATUS_RE = re.compile(r"추진\s*상황\s*:\s*([가-힣 ]+?)(?=\s*(?:추진\s*내용|향후|서울형|$))")


@dataclass(frozen=True)
class AuditItem:
    text: str
    part: str  # actions | plans | status


@dataclass(frozen=True)
class AuditRecord:
    number: int
    kind: str  # the table it stands in: 시정·처리 요구사항 | 건의사항 | 기타사항
    department: str
    request: str  # what the council asked, without its number and department
    status: str  # one of STATUSES
    items: tuple[AuditItem, ...]
    line: int
    section_ref: str


def cell_items(raw_cell: str) -> list[str]:
    """The cell's list items in order: one per `<p>`/`<li>` (or per line of a plain cell), tags dropped."""
    marked = _ITEM_TAG_RE.sub("\n", raw_cell)
    text = html.unescape(_TAG_RE.sub(" ", marked))
    return [squash_ws(piece) for piece in text.split("\n") if squash_ws(piece)]


def normalize_status(text: str) -> str:
    squashed = text.replace(" ", "")
    return next((s for s in STATUSES if squashed.startswith(s)), squashed)


def split_request(text: str) -> tuple[int, str, str] | None:
    """`3. … 바람 (일자리정책과)` → (3, request, department)."""
    m = _NUMBER_RE.match(text)
    if not m:
        return None
    body = text[m.end():].strip()
    dept = _DEPARTMENT_RE.search(body)
    return int(m.group(1)), (body[:dept.start()].strip() if dept else body), (dept.group(1) if dept else "")


_PIECE_SPLIT_RE = re.compile(r"\s(?=[○▶☞※]\s)|\s(?=-\s)|(?=추진\s*내용)|(?<!및 )(?=향후\s*(?:추진\s*)?계획)")
_PART_RE = re.compile(r"^(추진\s*내용(?:\s*및\s*향후\s*추진\s*계획)?|향후\s*(?:추진\s*)?계획|조치\s*결과)\s*")


def _pieces(cells: list[str]) -> list[str]:
    """Cell items cut further at the markers that run together inside one item (`○ … ○ …`)."""
    return [p.strip() for cell in cells for p in _PIECE_SPLIT_RE.split(cell) if p and p.strip()]


def _items(pieces: list[str]) -> tuple[str, list[AuditItem]]:
    """The status and the items after it, each tagged as an action or a plan."""
    status, part, items = "", "actions", []
    for piece in pieces:
        found = _STATUS_RE.search(piece)
        if found and not status:
            status = normalize_status(found.group(1))
            piece = piece[found.end():].strip()
        heading = _PART_RE.match(piece)
        if heading:
            part = "plans" if heading.group(1).startswith("향후") else "actions"
            piece = piece[heading.end():].strip()
        if piece:
            items.append(AuditItem(piece, part))
    return status, items


def row_pieces(raw: str) -> list[str]:
    """An audit row as a reader sees it: the request's items, then the status, each action and each plan."""
    if "\t" not in raw:
        return cell_items(raw)
    first, rest = raw.split("\t", 1)
    return cell_items(first) + _pieces(cell_items(rest))


def is_audit_section(doc: Document, ref: str) -> bool:
    path = doc.section(ref).path
    return bool(path) and path[0].endswith(AUDIT_PART_SUFFIX)


def record_of(doc: Document, line: int, section_ref: str, kind: str) -> AuditRecord | None:
    raw = doc.lines[line - 1]
    if "\t" not in raw:
        return None
    first, rest = raw.split("\t", 1)
    request = " ".join(cell_items(first))
    parsed = split_request(request)
    if parsed is None:
        return None
    number, what, department = parsed
    status, items = _items(_pieces(cell_items(rest)))
    return AuditRecord(number, kind, department, what, status, tuple(items), line, section_ref)


def audit_records(doc: Document) -> list[AuditRecord]:
    """Every numbered item of the audit part's request tables, in report order."""
    part = next((s for s in doc.sections if s.kind == "part" and s.title.endswith(AUDIT_PART_SUFFIX)), None)
    if part is None:
        return []
    out = []
    for ref in part.children:
        section = doc.section(ref)
        for n in range(section.start, section.end + 1):
            record = record_of(doc, n, section.ref, section.title)
            if record is not None:
                out.append(record)
    return out
