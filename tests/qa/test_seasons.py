"""A season asked (`올봄`, `가을`, `하반기`) picks the line of that season, not the same event's other one."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine
from qa.seasons import months_of


@pytest.mark.parametrize("text, months", [
    ("개최기간 : '23. 3.15.(수) ~ 3.19.(일), 5일간", {3}),
    ("기간 · 서울패션위크: 9.5~9.9", {9}),
    ("2023 서울패션위크 개최 : 3월(춘계) / 9월(추계)", {3, 9}),
    ("본 행사비 예산은 2.8억원", set()),  # a decimal is no date
    ("교육기간 6개월, 1일 6시간", set()),
])
def test_the_months_a_line_is_dated_in(text: str, months: set[int]) -> None:
    assert months_of(text) == months


def test_a_spring_question_is_not_answered_by_the_autumn_edition(real: QAEngine) -> None:
    spring = real.ask("올봄 서울패션위크 언제 해?")
    assert not spring.abstained and "9.5~9.9" not in spring.answer, spring.answer
    assert "3.15" in spring.answer or "춘계" in spring.answer, spring.answer


def test_a_time_word_before_a_name_is_no_unknown_sibling(real: QAEngine) -> None:
    answer = real.ask("이번 봄 서울패션위크 며칠부터 며칠까지야?")
    assert not answer.abstained and "3.15" in answer.answer, answer.answer


def test_a_schedule_is_the_reports_period(real: QAEngine) -> None:
    answer = real.ask("올봄 패션위크 일정 언제부터 언제까지야?")  # the report writes 개최기간, not 일정
    assert not answer.abstained and "3.15" in answer.answer, answer.answer
