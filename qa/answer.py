"""What the engine returns for one question: the answer, its evidence and its figures."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionInfo:
    ref: str
    title: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """A cited span of the report; `text` is the report's own text for `lines`."""

    id: str
    text: str
    score: float
    section: SectionInfo
    lines: tuple[int, int]


@dataclass(frozen=True)
class AnswerFigure:
    label: str
    value: float
    unit: str
    value_krw: float | None
    year: int | None
    computed: bool
    section: SectionInfo
    source: str
    passage_id: str


@dataclass(frozen=True)
class Answer:
    answer: str
    abstained: bool
    session_id: str
    passages: tuple[Passage, ...]
    figures: tuple[AnswerFigure, ...]
    timing_ms: dict[str, float] = field(default_factory=dict)
    turn_kept: bool = True  # False: the session store failed, so a follow-up will not see this turn
