"""Compose the short Korean answer from report text: the chosen figure or line, list items, or a
computation, each with the `[n]` of the passage that holds it. Nothing is generated: every sentence
quotes a candidate, every number is a figure record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.candidates import Candidate
from corpus.model import Figure
from corpus.text import collapse_letter_spacing

ABSTAIN_TEXT = "보고서에서 찾을 수 없습니다."
MAX_QUOTE = 160
CLAUSE_RE = re.compile(r"(?<=[.다])\s+|\s*[○▶※◇]\s*")


@dataclass
class Citations:
    """Passages in the order the answer cites them; `cite` gives a chunk's `[n]`."""

    chunk_ids: list[str] = field(default_factory=list)

    def cite(self, chunk_id: str) -> str:
        if chunk_id not in self.chunk_ids:
            self.chunk_ids.append(chunk_id)
        return f"[{self.chunk_ids.index(chunk_id) + 1}]"


def format_value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def with_ro(phrase: str) -> str:
    """`phrase` with the particle 로/으로 its last sound takes: 10%로, 1,200백만원으로, 30개사로, 8개소로."""
    last = phrase[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return phrase + ("로" if final in (0, 8) else "으로")  # no final consonant, or ㄹ
    if last.isdigit():
        return phrase + ("으로" if last in "036" else "로")  # 영, 삼, 육 end in a consonant other than ㄹ
    return phrase + "로"


def figure_phrase(fig: Figure) -> str:
    return f"{fig.label} {format_value(fig.value)}{fig.unit}".strip()


def quote(cand: Candidate, fig: Figure | None = None) -> str:
    """The candidate's words; of a long one, the clause that states the figure."""
    text = collapse_letter_spacing(cand.text) if cand.kind == "cell" else cand.text
    if len(text) <= MAX_QUOTE:
        return text
    if fig is not None:
        spelled = format_value(fig.value)
        clause = next((c.strip() for c in CLAUSE_RE.split(text) if spelled in c), None)
        if clause:
            return clause
    return text[:MAX_QUOTE] + "…"


def number_answer(cand: Candidate, fig: Figure, siblings: list[Figure], cites: Citations) -> str:
    """The figure (and its siblings on the same row or line), then the line that states it."""
    phrases = ", ".join(figure_phrase(f) for f in [fig, *siblings])
    return f"{phrases} {cites.cite(cand.chunk_id)}\n근거: {quote(cand, fig)}"


def text_answer(cand: Candidate, cites: Citations) -> str:
    return f"{quote(cand)} {cites.cite(cand.chunk_id)}"


def list_answer(head: str, items: list[tuple[str, str]], cites: Citations) -> str:
    """`head`, then every item with the `[n]` of its passage, in the report's order."""
    lines = [f"- {text} {cites.cite(chunk_id)}" for text, chunk_id in items]
    return "\n".join(([head] if head else []) + lines)


def computed_answer(sentence: str, operands: list[tuple[Figure, str]], cites: Citations) -> str:
    cited = ", ".join(f"{figure_phrase(f)} {cites.cite(chunk_id)}" for f, chunk_id in operands)
    return f"{sentence}\n(계산 근거: {cited})"


def unit_clash_answer(operation: str, operands: list[tuple[Figure, str]], cites: Citations) -> str:
    """Refuse to add or compare numbers of different kinds, showing each with its citation."""
    verb = "더할" if operation == "sum" else "비교할"
    listed = ", ".join(f"{figure_phrase(f)} {cites.cite(chunk_id)}" for f, chunk_id in operands)
    return f"단위가 달라 {verb} 수 없습니다: {listed}"


def abstain_answer(nearest: list[str]) -> str:
    near = ", ".join(nearest[:3])
    return f"{ABSTAIN_TEXT} 가까운 내용은 다음 섹션에 있습니다: {near}" if near else ABSTAIN_TEXT
