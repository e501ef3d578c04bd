"""Superlatives over a table on the real report: which series is ranked."""
from __future__ import annotations

from qa.engine import QAEngine


def test_a_superlative_ranks_as_many_things_as_the_question_counts(real: QAEngine) -> None:
    """`훈련인원 : … 총 6,407명 (市과정 4,234명, 국가협력과정 2,173명)` is not the four institutes' series."""
    answer = real.ask("기술교육원 네 곳 중 인원 제일 적은 데는?")
    assert answer.answer.startswith("남부 1,010명으로 가장 낮습니다"), answer.answer


def test_a_superlative_without_a_measure_word_still_ranks_numbers(real: QAEngine) -> None:
    """`학과 제일 많은 곳`: no 얼마/몇 and no money or people word, but 제일 많은 compares numbers."""
    answer = real.ask("기술교육원 4곳 중에 학과 제일 많은 곳은?")
    assert answer.answer.startswith("북부 54개로 가장 높습니다"), answer.answer  # 54개 학과


def test_a_superlative_over_a_line_ranks_every_item_the_line_states(real: QAEngine) -> None:
    """`의류봉제 756개, 기계금속 95개, …`: the longest series among the best lines, 756 included."""
    answer = real.ask("도시제조업 작업환경 개선 업종 중 작년에 제일 많이 지원받은 업종은?")
    assert answer.answer.startswith("의류봉제 756개로 가장 높습니다"), answer.answer
