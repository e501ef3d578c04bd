"""When to say "not in the report": weak lexical evidence, or a number asked that no figure gives.

Thresholds are calibrated on the gold questions (`bench/calibrate.py`), not guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

from qa.analyze import Question
from qa.figures import RankedFigure
from qa.retrieve import Hit


@dataclass(frozen=True)
class Evidence:
    top_lexical: float
    top_dense: float
    figure_score: float | None  # best figure's match score, None when no figure is in reach


@dataclass(frozen=True)
class AbstainPolicy:
    min_lexical: float = 0.0
    min_dense: float = 0.0
    min_figure_score: float = float("-inf")

    def abstain(self, q: Question, ev: Evidence) -> bool:
        if ev.top_lexical < self.min_lexical or ev.top_dense < self.min_dense:
            return True
        wants = q.wants_number and q.operation is None
        return wants and (ev.figure_score is None or ev.figure_score < self.min_figure_score)


def evidence_of(q: Question, hits: list[Hit], ranked: list[RankedFigure]) -> Evidence:
    top = hits[0] if hits else None
    return Evidence(
        top_lexical=max((h.lexical for h in hits[:3]), default=0.0),
        top_dense=top.dense if top else 0.0,
        figure_score=ranked[0].score if ranked else None,
    )
