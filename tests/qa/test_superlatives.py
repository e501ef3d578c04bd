"""Superlatives over a table on the real report: which series is ranked."""
from __future__ import annotations

from qa.engine import QAEngine


def test_a_superlative_ranks_as_many_things_as_the_question_counts(real: QAEngine) -> None:
    """`훈련인원 : … 총 6,407명 (市과정 4,234명, 국가협력과정 2,173명)` is not the four institutes' series."""
    answer = real.ask("기술교육원 네 곳 중 인원 제일 적은 데는?")
    assert answer.answer.startswith("남부 1,010명으로 가장 낮습니다"), answer.answer
