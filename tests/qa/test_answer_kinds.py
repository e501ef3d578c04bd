"""Whether a candidate's text can be the kind of answer asked for: a body for `누가`/`어디서`."""
from __future__ import annotations

import pytest

from qa.analyze import analyze
from qa.engine import QAEngine
from qa.features import WHO_RE, names_new


@pytest.mark.parametrize("text, names_a_body", [
    ("2018~2022년 채용 명단 제출 (일자리정책과)", True),
    ("운영기관 : 서울산업진흥원", True),
    ("훈련생·학과 특성을 반영, 맞춤형으로 홍보", False),  # 학과 is no department
    ("'22년 성과 분석 및 환류", False),
    ("교육 효과 제고", False),
])
def test_a_department_is_a_name_ending_in_과_not_any_word_that_does(text: str, names_a_body: bool) -> None:
    q = analyze("이 사업은 누가 맡아?", 2023)
    assert names_new(WHO_RE, text, q) is names_a_body


def test_how_often_is_answered_by_times_and_how_many_places_never_is(real: QAEngine) -> None:
    often = real.ask("서울패션위크 1년에 몇 번 열려?")  # the report: `개최시기 : 연 2회`
    assert not often.abstained and (often.figures[0].value, often.figures[0].unit) == (2, "회")
    places = real.ask("서울패션위크 몇 군데서 해?")
    assert all(f.unit != "회" for f in places.figures)
