"""When to say "not in the report", and which figure answers.

A question is answered only when what it asks about (its asked noun, see qa/asked.py) is named
in the retrieved passages; a question that wants a number also needs a figure whose label or
line names it. Closeness of topic is not enough: "인턴 월급" near a passage about the intern
program's budget is still a question the report cannot answer. Comparisons and sums are judged
by whether their operands were found instead (qa/figures.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from corpus.model import Chunk, Figure
from corpus.tokens import kiwi_tokens, morph_set
from qa.analyze import REPORT_YEAR, Question
from qa.asked import mentions
from qa.figures import RankedFigure
from qa.followup import topic_words


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    figures: list[RankedFigure]  # ranked, the one that answers first
    reason: str = ""


def asks_who(text: str) -> bool:
    return "누구" in text or "누가" in text


def names_someone(line: str, question: str) -> bool:
    """A line that names a person or an organisation the question did not already name."""
    if "(주)" in line or "㈜" in line:
        return True
    return any((t.tag == "NNP" or (t.tag == "SL" and len(t.form) >= 3)) and t.form not in question
               for t in kiwi_tokens(line))


def near_lines(noun: str, text: str) -> list[str]:
    """Lines that name the noun, and the lines right next to them."""
    lines = text.split("\n")
    keep = {k for i, line in enumerate(lines) if mentions(noun, line) for k in (i - 1, i, i + 1)}
    return [lines[k] for k in sorted(keep) if 0 <= k < len(lines)]


class ReportView(Protocol):
    def section_text(self, ref: str) -> str:
        """A section's text: a passage's neighbours in its section count as evidence."""

    def subjects(self, fig: Figure) -> tuple[str | None, list[str]]:
        """The `○` heading a figure stands under, and the other `○` headings of its section."""


def about_another_subject(q: Question, fig: Figure, report: ReportView) -> bool:
    """The figure stands under a `○` subject while a sibling `○` subject of its section fits the
    question better: "양재 AI 융복합 타운 총사업비" is not the 총사업비 listed under "AI 지원센터"."""
    own, others = report.subjects(fig)
    if own is None:
        return False
    words = set(topic_words(q.words))
    fit = len(words & morph_set(own))
    return any(len(words & morph_set(other)) > fit for other in others)


def judge(q: Question, asked: str | None, chunks: list[Chunk], ranked: list[RankedFigure],
          report: ReportView) -> Verdict:
    if not chunks:
        return Verdict(True, [], "nothing retrieved")
    beyond = [y for y in q.years if y > REPORT_YEAR]
    if beyond and q.wants_number and not any(r.figure.year in q.years for r in ranked):
        return Verdict(True, [], f"the report states no figure for {beyond[0]}")
    if asked is None or q.operation:
        return Verdict(False, ranked)
    if not any(mentions(asked, f"{c.index_text} {report.section_text(c.section_ref)}") for c in chunks[:3]):
        return Verdict(True, [], f"no passage names {asked!r}")
    if asks_who(q.text) and not any(names_someone(line, q.text) for c in chunks[:3] for line in near_lines(asked, c.text)):
        return Verdict(True, [], f"no passage names who for {asked!r}")
    if not q.wants_number:
        return Verdict(False, ranked)
    naming = [r for r in ranked if mentions(asked, f"{r.figure.label} {r.figure.source}")
              and not about_another_subject(q, r.figure, report)]
    if not naming:
        return Verdict(True, [], f"no figure of this subject names {asked!r}")
    return Verdict(False, naming + [r for r in ranked if r not in naming])
