"""The change rule on the report's own arrow lines: in `A1, A2 ⇒ B1, B2` each value before the arrow
pairs with the value in the same place after it."""
from __future__ import annotations

from dataclasses import dataclass

from corpus.candidates import Candidate
from corpus.document import Document
from corpus.model import Figure
from qa.analyze import analyze
from qa.operations import Calculator

LIMITS_LINE = 1580  # ('22년) 매출액 200억 미만, 2백만원 한도 ⇒ ('23년) 매출액 500억 미만, 5백만원 한도


@dataclass
class Picked:
    figure: Figure
    cand: Candidate


def test_each_value_pairs_with_the_one_in_the_same_place_across_the_arrow(report: Document) -> None:
    figures = tuple(report.figures_in(LIMITS_LINE, LIMITS_LINE))
    cand = Candidate("L1580", "line", report.lines[LIMITS_LINE - 1], LIMITS_LINE, LIMITS_LINE, "IV", (), "x", figures)
    by_value = {f.value: f for f in figures}
    before, after = Calculator.chain_pair(Picked(by_value[2], cand))
    assert (before.figure.value, after.figure.value) == (2, 5) and after.figure.unit == "백만원"
    before, after = Calculator.chain_pair(Picked(by_value[500], cand))
    assert (before.figure.value, after.figure.value) == (200, 500)


def test_how_much_it_was_raised_is_a_change() -> None:
    assert analyze("일자리 매칭 목표 얼마나 올렸어?", 2023).operation == "delta"
    assert analyze("목표 얼마로 올렸어?", 2023).operation is None  # the new value, not the change


def test_a_change_is_read_from_the_line_that_states_it(real: QAEngine) -> None:
    """`CORE100 기업 확대(103 → 200社)` states the change; an earlier line states 103社 alone."""
    answer = real.ask("서울투자청 CORE100 기업 얼마나 늘려?")
    change = answer.figures[0]
    assert change.computed and (change.value, change.unit) == (97, "社")
    assert "103→200社" in answer.passages[0].text.replace(" ", "")


def test_how_many_more_is_the_stated_addition_when_no_line_states_a_change(real: QAEngine) -> None:
    """`'서울형 강소기업' 추가 발굴 (50개)` is the answer, not 50 − 51 against last year's selection."""
    answer = real.ask("서울형 강소기업 올해 몇 개 더 뽑아?")
    first = answer.figures[0]
    assert not first.computed and (first.value, first.unit) == (50, "개")
