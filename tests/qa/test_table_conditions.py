"""Rows that meet a condition between two of their figures, on the real report's tables."""
from __future__ import annotations

import pytest

from qa.analyze import PairCondition, analyze
from qa.engine import QAEngine


@pytest.mark.parametrize("question, pair", [
    ("정원보다 현원이 더 많은 과 있어?", PairCondition("정원", "현원", "gt")),
    ("현원이 정원보다 적은 과는 어디야?", PairCondition("정원", "현원", "lt")),  # the subject before 보다
    ("예산현액보다 지출액이 적은 과는?", PairCondition("예산현액", "지출액", "lt")),
])
def test_a_condition_between_two_figures_is_read(question: str, pair: PairCondition) -> None:
    q = analyze(question, 2023)
    assert (q.operation, q.pair) == ("filter", pair)


def test_the_rows_meeting_it_are_listed_with_both_figures(real: QAEngine) -> None:
    """`경제정책과\t35/38` is the one row of the staff table with more staff than posts."""
    answer = real.ask("정원보다 현원이 더 많은 과 있어?")
    assert answer.answer.startswith("1곳:\n- 경제정책과 정원 35 / 현원 38명 [1]"), answer.answer
    assert [(f.label, f.value) for f in answer.figures[:2]] == [("경제정책과 합계 현원", 38), ("경제정책과 합계 정원", 35)]


def test_figures_in_two_columns_are_compared_row_by_row(real: QAEngine) -> None:
    answer = real.ask("예산현액보다 지출액이 많은 과는?")  # spending never exceeds the budget in February
    assert answer.answer.startswith("조건에 맞는 항목이 없습니다")
