"""When to say "not in the report", and which figure answers.

A question is answered only when what it asks about (its asked noun, see qa/asked.py) is named
in the retrieved passages; a question that wants a number also needs a figure whose label or
line names it. Closeness of topic is not enough: "인턴 월급" near a passage about the intern
program's budget is still a question the report cannot answer. Comparisons and sums are judged
by whether their operands were found instead (qa/figures.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corpus.model import Chunk
from qa.analyze import Question
from qa.asked import mentions
from qa.figures import RankedFigure


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    figures: list[RankedFigure]  # ranked, the one that answers first
    reason: str = ""


def judge(q: Question, asked: str | None, chunks: list[Chunk], ranked: list[RankedFigure],
          section_text: Callable[[str], str]) -> Verdict:
    """`section_text(ref)` is a section's own text: a passage's neighbours in its section count."""
    if not chunks:
        return Verdict(True, [], "nothing retrieved")
    if asked is None or q.operation:
        return Verdict(False, ranked)
    if not any(mentions(asked, f"{c.index_text} {section_text(c.section_ref)}") for c in chunks[:3]):
        return Verdict(True, [], f"no passage names {asked!r}")
    if not q.wants_number:
        return Verdict(False, ranked)
    naming = [r for r in ranked if mentions(asked, f"{r.figure.label} {r.figure.source}")]
    if not naming:
        return Verdict(True, [], f"no figure names {asked!r}")
    return Verdict(False, naming + [r for r in ranked if r not in naming])
