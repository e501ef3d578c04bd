"""Score gold questions against any `ask` function, with exactly the metrics of the shared HTTP scorer
(`../shared/eval/score_api.py`): hit rank, cited, section@1, figures, abstention, latency.

Gold items are the JSONL objects of ../shared/eval (id, question, type, evidence, section, figures, history).
`ask(question, session_id, top_k)` returns an AskResponse-shaped dict and raises QAError when it refuses a
question; such items count as not answered ("http_ok" keeps the HTTP scorer's key name so the two summaries
compare line by line).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import statistics
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.errors import QAError

AskFn = Callable[[str, str, int], dict[str, Any]]
FIGURE_TYPES = frozenset({"numeric", "table", "aggregate", "compare"})
FIGURES_CHECKED = 5
MISSES_SHOWN = 40
HALVES = ("tune", "check")
_SPACE = re.compile(r"\s+")
_MARKER = re.compile(r"\[(\d+)\]")


def load_gold(path: Path, half: str | None = None) -> list[dict[str, Any]]:
    """Gold items of a JSONL file; `half` keeps the scorer's fixed tune or check half."""
    with path.open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    return [item for item in items if half is None or half_of(item["id"]) == half]


def half_of(item_id: str) -> str:
    """The scorer's fixed split of a gold file, by a hash of each id."""
    return HALVES[int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2]


def norm(text: str | None) -> str:
    """Comparison form: all whitespace removed."""
    return _SPACE.sub("", text or "")


def same_number(got: Any, gold: Any) -> bool:
    try:
        return abs(float(got) - float(gold)) <= 1e-6 * max(1.0, abs(float(gold)))
    except (TypeError, ValueError):
        return False


def same_unit(got: str | None, gold: str | None) -> bool:
    """Units match when one is a prefix of the other: '억' matches '억원', '개' matches '개 기업'."""
    a, b = norm(got), norm(gold)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def number_spellings(value: Any) -> set[str]:
    """How the value may be written in an answer sentence: with and without thousands separators."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return set()
    if number.is_integer():
        return {f"{int(number):,}", str(int(number))}
    return {str(number), f"{number:,}"}


def holds_evidence(text: str | None, evidence: Iterable[str]) -> bool:
    body = norm(text)
    return any(e and e in body for e in (norm(x) for x in evidence))


def hit_rank(passages: list[dict[str, Any]], evidence: Iterable[str], k: int) -> int | None:
    """1-based rank of the first of the top k passages that contains an evidence string."""
    wanted = list(evidence)
    return next((rank for rank, p in enumerate(passages[:k], start=1) if holds_evidence(p.get("text"), wanted)), None)


def cited_ok(out: dict[str, Any], evidence: list[str], k: int) -> bool | None:
    """The passage the answer's first `[n]` points at holds an evidence string; None for an abstention."""
    if out.get("abstained"):
        return None
    m = _MARKER.search(out.get("answer") or "")
    passages = (out.get("passages") or [])[:k]
    if not m or not 0 < int(m.group(1)) <= len(passages):
        return False
    return holds_evidence(passages[int(m.group(1)) - 1].get("text"), evidence)


def section_matches(passages: list[dict[str, Any]], section: str | None) -> bool | None:
    """Whether the top passage's section path (and title) contains the gold section; None without one."""
    if not section:
        return None
    top = (passages[0] if passages else {}).get("section") or {}
    return norm(section) in norm("".join(top.get("path") or []) + (top.get("title") or ""))


def figure_check(item: dict[str, Any], figures: list[dict[str, Any]], answer: str) -> dict[str, bool] | None:
    """Gold figure (the computed one when given) among the first figures, and its number in the answer text."""
    gold = item.get("figures") or []
    target = [f for f in gold if f.get("computed")] or [f for f in gold if not f.get("computed")]
    if not target or item["type"] not in FIGURE_TYPES:
        return None
    struct = any(
        same_number(got.get("value"), want["value"]) and same_unit(got.get("unit"), want.get("unit"))
        for want in target
        for got in figures[:FIGURES_CHECKED]
    )
    in_text = any(spelling in answer for want in target for spelling in number_spellings(want["value"]))
    return {"struct": struct, "answer_text": in_text}


@dataclass(frozen=True)
class Row:
    """One gold item's outcome."""

    id: str
    type: str
    ms: float
    ok: bool
    abstained: bool = False
    hit_rank: int | None = None
    cited: bool | None = None
    section_ok: bool | None = None
    fig: dict[str, bool] | None = None
    answer: str = ""
    error: str = ""

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def verdict(self) -> str:
        """A word for the row: ok, miscite, false-abstain, guessed (unanswerable answered), error."""
        if not self.ok:
            return "error"
        if not self.answerable:
            return "ok" if self.abstained else "guessed"
        if self.abstained:
            return "false-abstain"
        return "ok" if self.cited else "miscite"


def score_answer(item: dict[str, Any], out: dict[str, Any], k: int, ms: float) -> Row:
    passages = out.get("passages") or []
    evidence = item.get("evidence") or []
    return Row(item["id"], item["type"], ms, True, bool(out.get("abstained")), hit_rank(passages, evidence, k),
               cited_ok(out, evidence, k), section_matches(passages, item.get("section")),
               figure_check(item, out.get("figures") or [], out.get("answer") or ""), out.get("answer") or "")


def run_item(ask: AskFn, item: dict[str, Any], k: int, session_id: str, clock: Callable[[], float]) -> Row:
    """Ask the history first in the same session (their outcome is ignored), then the timed question."""
    for earlier in item.get("history") or []:
        with contextlib.suppress(QAError):
            ask(earlier, session_id, k)
    start = clock()
    try:
        out = ask(item["question"], session_id, k)
    except QAError as error:
        return Row(item["id"], item["type"], (clock() - start) * 1000, False, error=f"{error.code}: {error}")
    return score_answer(item, out, k, (clock() - start) * 1000)


def fraction(flags: Iterable[bool | None]) -> float | None:
    """Share of true flags among those that are not None, to 3 places."""
    known = [flag for flag in flags if flag is not None]
    return round(sum(1 for flag in known if flag) / len(known), 3) if known else None


def _fig_flag(row: Row, key: str) -> bool | None:
    return row.fig[key] if row.fig else None


def _mrr(rows: list[Row]) -> float | None:
    return round(statistics.fmean(1 / r.hit_rank if r.hit_rank else 0 for r in rows), 3) if rows else None


def _latency(rows: list[Row]) -> dict[str, float | None]:
    ms = sorted(row.ms for row in rows)
    return {
        "latency_ms_p50": round(statistics.median(ms), 1) if ms else None,
        "latency_ms_p95": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else None,
    }


def _by_type(rows: list[Row], k: int) -> dict[str, dict[str, Any]]:
    by_type = {}
    for kind in sorted({row.type for row in rows}):
        answered = [row for row in rows if row.type == kind and row.ok]
        by_type[kind] = {
            "n": len(answered),
            f"recall@{k}": fraction(r.hit_rank is not None for r in answered) if kind != "unanswerable" else None,
            "cited": fraction(bool(r.cited) for r in answered) if kind != "unanswerable" else None,
            "abstained": fraction(r.abstained for r in answered),
        }
    return by_type


def summarize(rows: list[Row], k: int) -> dict[str, Any]:
    answered = [row for row in rows if row.answerable and row.ok]
    unanswerable = [row for row in rows if not row.answerable and row.ok]
    return {
        "n": len(rows),
        "http_ok": fraction(row.ok for row in rows),
        "recall@1": fraction(row.hit_rank == 1 for row in answered),
        f"recall@{k}": fraction(row.hit_rank is not None for row in answered),
        "mrr": _mrr(answered),
        "cited": fraction(bool(row.cited) for row in answered),
        "section@1": fraction(row.section_ok for row in answered),
        "figure_struct": fraction(_fig_flag(row, "struct") for row in answered),
        "figure_in_answer": fraction(_fig_flag(row, "answer_text") for row in answered),
        "abstain_on_unanswerable": fraction(row.abstained for row in unanswerable),
        "false_abstain": fraction(row.abstained for row in answered),
        **_latency(rows),
        "by_type": _by_type(rows, k),
        "misses": [row.id for row in answered if row.hit_rank is None][:MISSES_SHOWN],
    }


def run(items: list[dict[str, Any]], ask: AskFn, k: int = 5,
        clock: Callable[[], float] = time.perf_counter) -> list[Row]:
    """Ask every item, each in a fresh session; `clock` is injectable for tests."""
    batch = uuid.uuid4().hex[:8]
    return [run_item(ask, item, k, f"eval-{item['id']}-{batch}", clock) for item in items]


def evaluate(items: list[dict[str, Any]], ask: AskFn, k: int = 5,
             clock: Callable[[], float] = time.perf_counter) -> dict[str, Any]:
    """Ask every item and summarize."""
    return summarize(run(items, ask, k, clock), k)
