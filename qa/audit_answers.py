"""Questions about the audit follow-ups (Part V, 행정사무감사 처리결과), answered from the records of
corpus/audit.py: how many requests are in a table, a status or a department's charge (a count the
summary table states is cited from it, any other from the records themselves), which they are, and
which department holds an item and how far it has come.

A question is taken only when it names the audit (qa/lexicon/audit_words.json) or when its best
option is an audit item and it filters by status or department or asks for one; any other question,
and any question about what was done for an item, is left to the ordinary ranking (None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.audit import AUDIT_PART_SUFFIX, STATUSES, AuditRecord, audit_records, is_audit_section
from corpus.candidates import Candidate
from corpus.document import Document
from corpus.model import Chunk, Figure, Table, TableCell
from corpus.tokens import normalize
from qa.analyze import Question
from qa.compose import Citations, list_answer
from qa.cues import morphs_of
from qa.lexicon import AuditWords, audit_words
from qa.rank import Ranker, Ranking
from qa.strategies import Result

TOPIC_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
MAX_ITEMS = 3  # records an item question answers when its words fit several equally
_SQUEEZE_RE = re.compile(r"[\s·ㆍ]+")


def squeeze(text: str) -> str:
    """The text as cues are matched: normalized, lower-cased, spaces and middle dots removed."""
    return _SQUEEZE_RE.sub("", normalize(text)).lower()


def holds_any(text: str, cues: tuple[str, ...]) -> bool:
    """Whether the squeezed text holds one of the cues (written squeezed in the lexicon)."""
    return any(cue in text for cue in cues)


def strip_phrases(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


@dataclass(frozen=True)
class Filters:
    """Which records a question is about; an empty field does not filter."""

    kinds: frozenset[str]
    statuses: frozenset[str]
    department: str
    topic: tuple[str, ...]  # content nouns the record's request must hold (the most of them)

    @property
    def named(self) -> bool:
        return bool(self.kinds or self.statuses or self.department)

    def admits(self, record: AuditRecord, with_status: bool = True) -> bool:
        return ((not self.kinds or record.kind in self.kinds)
                and (not with_status or not self.statuses or record.status in self.statuses)
                and (not self.department or record.department == self.department))


@dataclass(frozen=True)
class Summary:
    """The part's summary table (counts by table and status) and the passage that holds it."""

    table: Table
    chunk: Chunk


@dataclass(frozen=True)
class Reading:
    """A question as the desk reads it: its filters, and whether it asks a count, a list or one item's
    department or status."""

    filters: Filters
    intent: str  # count | list | item
    asks: str = ""  # an item question: department | status


def topic_overlap(record: AuditRecord, topic: tuple[str, ...]) -> int:
    request = squeeze(record.request)
    return sum(word in request for word in topic)


def best_fitting(records: list[AuditRecord], topic: tuple[str, ...]) -> list[AuditRecord]:
    """The records whose request holds the most topic words (none when it holds none); all without a topic."""
    if not topic:
        return records
    overlaps = [topic_overlap(r, topic) for r in records]
    most = max(overlaps, default=0)
    return [r for r, k in zip(records, overlaps) if k == most > 0]


def cell_count(cell: TableCell) -> int | None:
    text = cell.text.strip()
    return 0 if text in ("-", "–", "－") else int(text) if text.isdigit() else None


class AuditDesk:
    def __init__(self, doc: Document, ranker: Ranker) -> None:
        self.words: AuditWords = audit_words()
        self.records = audit_records(doc)
        chunks = ranker.index.chunks
        lines = {r.line for r in self.records}
        self.row_chunk = {r.line: c for r in self.records if (c := row_chunk_of(r, chunks)) is not None}
        self.row_candidate: dict[int, Candidate] = {}
        for cand in ranker.index.candidates.candidates:
            if cand.kind == "audit":
                self.row_candidate.setdefault(cand.start, cand)
        self.departments = sorted({r.department for r in self.records if r.department}, key=len, reverse=True)
        self.summary = summary_of(doc, chunks, min(lines, default=0))
        part = next((s for s in doc.sections if s.kind == "part" and s.title.endswith(AUDIT_PART_SUFFIX)), None)
        self.name = part.title[:-len(AUDIT_PART_SUFFIX)].strip() if part else ""
        self.cues = tuple(self.all_cues())
        self.stop = frozenset(m.form for cue in self.cues for m in morphs_of(cue)) | self.words.generic_words

    def all_cues(self) -> list[str]:
        w = self.words
        cues = [*w.audit_cues, *w.all_phrases, *w.not_done, *w.count_cues, *w.department_asks, *w.status_asks,
                *w.list_cues]
        return cues + [c for group in (*w.kinds.values(), *w.statuses.values()) for c in group]

    # -- reading ------------------------------------------------------------------------
    def answer(self, q: Question, ranking: Ranking) -> Result | None:
        """The answer from the audit records, or None when the question is not theirs."""
        text = strip_phrases(squeeze(q.text), self.words.not_audit)
        if not self.records or not self.takes(text, ranking):
            return None
        reading = self.read(q, text)
        if reading is None:
            return None
        if reading.intent == "item":
            return self.item_answer(reading, ranking)
        matched = best_fitting([r for r in self.records if reading.filters.admits(r)], reading.filters.topic)
        if reading.filters.topic and not matched:
            return None  # words of no audit request: not a question about these records
        if reading.intent == "count" and self.summary is not None:
            cell = summary_cell(self.summary.table, reading.filters, len(matched))
            if cell is not None:
                return self.table_answer(self.summary, reading.filters, len(matched), cell)
        return self.records_answer(reading.filters, matched)

    def takes(self, text: str, ranking: Ranking) -> bool:
        """Named audit words, or an audit item on top of a question that filters by status or department."""
        if holds_any(text, self.words.audit_cues):
            return True
        if not ranking.options or ranking.options[0].cand.kind != "audit":
            return False
        w = self.words
        return bool(self.statuses(text) or self.department(text)
                    or holds_any(text, w.department_asks) or holds_any(text, w.status_asks))

    def statuses(self, text: str) -> frozenset[str]:
        if holds_any(text, self.words.not_done):
            return frozenset(s for s in STATUSES if s != "추진완료")
        found = next((s for s, cues in self.words.statuses.items() if holds_any(text, cues)), None)
        return frozenset({found}) if found else frozenset()

    def department(self, text: str) -> str:
        return next((d for d in self.departments if squeeze(d) in text), "")

    def topic(self, q: Question, department: str) -> tuple[str, ...]:
        """Content nouns of the question that are neither cues nor generic words nor the department's own;
        nouns written together (`스마트앵커`, however Kiwi cuts it) are one word."""
        stop = self.stop | {m.form for m in morphs_of(department)}
        words: list[str] = []
        last_end = -1
        for m in morphs_of(q.text):
            if m.tag not in TOPIC_TAGS or m.form in stop or m.form.isdigit():
                continue
            if words and m.start == last_end:
                words[-1] += m.form
            else:
                words.append(m.form)
            last_end = m.end
        return tuple(dict.fromkeys(w for w in words if len(w) > 1 and not holds_any(squeeze(w), self.cues)))

    def counts_records(self, q: Question) -> bool:
        """`몇 건`, `지적 몇 개`: what is counted is the audit items; `강소기업 몇 개 선정했어` counts a
        figure one item states."""
        noun = squeeze(q.asked_noun)
        return q.counter == "건" or not noun or holds_any(noun, self.cues) or noun in self.stop

    def read(self, q: Question, text: str) -> Reading | None:
        w = self.words
        department = self.department(text)
        named = strip_phrases(text, w.all_phrases)
        kinds = frozenset(k for k, cues in w.kinds.items() if holds_any(named, cues))
        filters = Filters(kinds, self.statuses(text), department, self.topic(q, department))
        if q.counter and q.counter not in w.counters:
            return None  # `몇 명`, `몇 %`: a number the report's text states
        if holds_any(text, w.count_cues):
            return Reading(filters, "count") if self.counts_records(q) else None
        asks = ("department" if holds_any(text, w.department_asks)
                else "status" if holds_any(text, w.status_asks) else "")
        if asks and filters.topic:
            return Reading(filters, "item", asks)
        if holds_any(text, w.content_asks):
            return None
        if holds_any(text, w.list_cues) or filters.named:
            return Reading(filters, "list")
        return None

    # -- answering ----------------------------------------------------------------------
    def label(self, filters: Filters) -> str:
        """`2022년 행정사무감사 일자리정책과 소관 시정·처리 요구사항 중 추진중`: what was counted."""
        kinds = [k for k in self.words.kinds if k in filters.kinds]
        statuses = [s for s in STATUSES if s in filters.statuses]
        parts = [self.name,
                 f"{filters.department} 소관" if filters.department else "",
                 f"{'·'.join(filters.topic)} 관련" if filters.topic else "",
                 "·".join(kinds) or ("" if filters.department or filters.topic else "전체"),
                 f"중 {'·'.join(statuses)}" if statuses else ""]
        return " ".join(p for p in parts if p)

    def table_answer(self, summary: Summary, filters: Filters, count: int, cell: TableCell) -> Result:
        """The count, cited from the summary table with the cell that states it."""
        label = self.label(filters)
        text = f"{label} {count}건입니다. [1]\n근거: {cell.row_header} {cell.col_header}: {cell.text}"
        figure = Figure(label, float(count), "건", None, None, summary.table.section_ref, cell.line,
                        summary.chunk.text, computed=True)
        return Result(text, (summary.chunk.id,), ((figure, summary.chunk.id),), self.row_candidate.get(cell.line))

    def record_line(self, record: AuditRecord, mixed_kinds: bool, with_status: bool) -> str:
        """`11. 스마트앵커 … (뷰티패션산업과)`, the table's name first when the list spans tables."""
        kind = f"{record.kind} " if mixed_kinds else ""
        department = f" ({record.department})" if record.department else ""
        status = f" - {record.status}" if with_status else ""
        return f"{kind}{record.number}. {record.request}{department}{status}"

    def records_answer(self, filters: Filters, records: list[AuditRecord]) -> Result:
        """The count, then every record with the passage of its row, in the report's order."""
        cites = Citations()
        label = self.label(filters)
        mixed = len({r.kind for r in records}) > 1
        items = [(self.record_line(r, mixed, not filters.statuses), self.row_chunk[r.line].id)
                 for r in records if r.line in self.row_chunk]
        text = list_answer(f"{label} {len(records)}건입니다.", items, cites)
        if not records:
            return Result(text, (), (), None)
        first = self.row_chunk.get(records[0].line)
        figure = Figure(label, float(len(records)), "건", None, None, records[0].section_ref, records[0].line,
                        first.text if first else records[0].request, computed=True)
        figures = ((figure, first.id),) if first is not None else ()
        return Result(text, tuple(cites.chunk_ids), figures, self.row_candidate.get(records[0].line))

    def item_answer(self, reading: Reading, ranking: Ranking) -> Result | None:
        """The department (or status) of the records whose request fits the question best, each quoted."""
        filters = reading.filters
        fitting = best_fitting([r for r in self.records if filters.admits(r, with_status=False)], filters.topic)
        fitting = [r for r in fitting if r.line in self.row_chunk]
        if not fitting:
            return None
        rank: dict[int, int] = {}
        for k, option in enumerate(ranking.options):
            rank.setdefault(option.cand.start, k)
        chosen = sorted(fitting, key=lambda r: rank.get(r.line, len(rank)))[:MAX_ITEMS]
        cites = Citations()
        blocks = []
        for r in sorted(chosen, key=lambda r: r.line):
            marker = cites.cite(self.row_chunk[r.line].id)
            head = (f"{r.department} (추진상황: {r.status})" if reading.asks == "department"
                    else f"{r.status} ({r.department})")
            blocks.append(f"{head} {marker}\n근거: {r.kind} {r.number}. {r.request} ({r.department})")
        return Result("\n".join(blocks), tuple(cites.chunk_ids), (), self.row_candidate.get(chosen[0].line))


def row_chunk_of(record: AuditRecord, chunks: list[Chunk]) -> Chunk | None:
    """The passage of the record's row that quotes its request (a long row is cut into several)."""
    covering = [c for c in chunks if c.section_ref == record.section_ref and c.start <= record.line <= c.end]
    opening = squeeze(record.request)[:20]
    return next((c for c in covering if opening in squeeze(c.text)), covering[0] if covering else None)


def summary_cell(table: Table, filters: Filters, count: int) -> TableCell | None:
    """The summary table's cell for a count by one table and one status at most, when it states `count`:
    its row is the table's (`시정·처리요구사항`) or `계`, its column the status (`완료`, `추진 중`) or `계`."""
    if filters.department or filters.topic or len(filters.kinds) > 1 or len(filters.statuses) > 1:
        return None
    kind = squeeze(next(iter(filters.kinds)))[:2] if filters.kinds else ""
    status = next(iter(filters.statuses), "")
    for cell in table.cells:
        row, col = squeeze(cell.row_header), squeeze(cell.col_header)
        row_fits = row.startswith(kind) if kind else row == "계"
        col_fits = status.endswith(col) and col != "계" if status else col == "계"
        if row_fits and col_fits:
            return cell if cell_count(cell) == count else None
    return None


def summary_of(doc: Document, chunks: list[Chunk], first_record: int) -> Summary | None:
    """The audit part's table that stands before its first record, with its passage."""
    table = next((t for t in doc.tables if is_audit_section(doc, t.section_ref) and t.end < first_record), None)
    if table is None:
        return None
    chunk = next((c for c in chunks if c.kind == "table" and c.section_ref == table.section_ref
                  and c.start <= table.start <= c.end), None)
    return Summary(table, chunk) if chunk is not None else None
