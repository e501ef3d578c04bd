"""Which year an option speaks for, on the real report."""
from __future__ import annotations

from qa.engine import QAEngine
from qa.features import YEAR

TOTAL_LINE = "총사업비 : 16,900백만원('23년 : 3,023백만원)"  # a project total and its 2023 part


def options_of_line(real: QAEngine, question: str) -> dict[float, object]:
    ranking = real.understand(question, None)
    return {o.figure.value: o for o in ranking.options if o.figure is not None and o.cand.text == TOTAL_LINE}


def test_this_years_money_is_the_years_part_not_the_multi_year_total(real: QAEngine) -> None:
    options = options_of_line(real, "홍릉 바이오 클러스터 올해 돈 얼마야?")
    total, part = options[16900.0], options[3023.0]
    assert total.features[YEAR] < 0 < part.features[YEAR] and part.score > total.score


def test_a_question_without_a_year_leaves_the_total_its_place(real: QAEngine) -> None:
    options = options_of_line(real, "홍릉 바이오 클러스터 총사업비 얼마야?")
    assert options[16900.0].features[YEAR] == 0


def test_a_line_naming_several_years_answers_for_each(real: QAEngine) -> None:
    """`모집·선발('22.12~'23.1) → 사업 개시('23.1.10~)` states 2023 too, not only the 2022 it starts with."""
    ranking = real.understand("동행일자리 올해 언제 시작했어?", None)
    line = next(o for o in ranking.options if o.figure is None and "사업 개시('23.1.10~)" in o.cand.text)
    assert line.features[YEAR] == 1.0
    before = real.understand("동행일자리 2021년에 언제 시작했어?", None)
    assert all(o.features[YEAR] < 0 for o in before.options if o.figure is None and "사업 개시('23.1.10~)" in o.cand.text)
