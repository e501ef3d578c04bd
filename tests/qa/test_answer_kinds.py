"""Whether a candidate's text can be the kind of answer asked for: a body for `누가`/`어디서`."""
from __future__ import annotations

import pytest

from qa.analyze import analyze
from qa.engine import QAEngine
from qa.features import CLOCK_RE, WHO_RE, names_new


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


@pytest.mark.parametrize("question, answer_type", [
    ("서울창업허브 몇 시에 문 열어?", "clock"),
    ("DDP 뷰티복합문화공간 몇 시까지 해?", "clock"),
    ("광역 일자리카페 운영시간이 어떻게 돼?", "clock"),
    ("동행일자리 하루 몇 시간 일해?", "duration"),  # hours worked are a duration, not a time of day
])
def test_a_time_of_day_is_its_own_kind_of_answer(question: str, answer_type: str) -> None:
    assert analyze(question, 2023).answer_type == answer_type


@pytest.mark.parametrize("text, states_a_time", [
    ("운영시간 : 평일 09:00~18:00", True),
    ("매일 10시~22시 개방", True),
    ("월 169만원 수준 지급 (1일 6시간 주5일 근무시)", False),
])
def test_a_time_of_day_is_written_as_hours_not_as_a_duration(text: str, states_a_time: bool) -> None:
    assert bool(CLOCK_RE.search(text)) is states_a_time


def test_opening_hours_the_report_never_states_are_refused(real: QAEngine) -> None:
    answer = real.ask("DDP 뷰티복합문화공간 몇 시까지 열어?")  # the report gives its visitors, not its hours
    assert answer.abstained, answer.answer


def test_how_many_places_is_never_answered_by_a_count_of_teams(real: QAEngine) -> None:
    answer = real.ask("올해 캠퍼스타운 몇 군데 운영해?")  # `28개 캠퍼스타운에서 2,200팀`: 28 places, 2,200 teams
    assert not answer.abstained and answer.figures, answer.answer
    assert answer.figures[0].unit != "팀" and answer.figures[0].value == 28, answer.answer


def test_when_it_is_all_built_asks_for_the_completion(real: QAEngine) -> None:
    answer = real.ask("디지털금융지원센터 언제 다 지어져?")  # the report: `('26.9월 준공 목표)`
    assert not answer.abstained and "준공" in answer.answer, answer.answer


def test_where_is_answered_by_a_body_as_well_as_a_place(real: QAEngine) -> None:
    answer = real.ask("외국인학교 지원 업무는 어디서 맡아?")  # a department answers 어디서, not a statute
    assert not answer.abstained and "과" in answer.answer and "조례" not in answer.answer, answer.answer


@pytest.mark.parametrize("question, measure", [
    ("서울큐브 건물 몇 층짜리로 지어?", "층"),
    ("정장 대여는 몇 살까지 이용할 수 있어?", "살"),
    ("시비랑 구비 몇 대 몇으로 내?", ""),  # a ratio
    ("예산 몇 억이야?", ""),  # a numeral, not a measure
    ("입주기업 몇 개사야?", ""),  # a counter the answer types know
])
def test_a_counter_no_answer_type_knows_is_a_measure(question: str, measure: str) -> None:
    assert analyze(question, 2023).measure == measure


def test_a_measure_is_answered_by_the_line_that_writes_it(real: QAEngine) -> None:
    floors = real.ask("서울시네마테크 몇 층까지 있어?")  # `연면적 4,806㎡(B3 ~ 10층)`
    assert not floors.abstained and "10층" in floors.answer and not floors.figures, floors.answer
    assert real.ask("서울큐브 건물 몇 층짜리로 지어?").abstained  # its area is stated, its floors are not


def test_a_measure_is_a_number_written_with_it_not_a_word_that_starts_alike(real: QAEngine) -> None:
    assert real.ask("세계도시정상회의 몇 세까지 참여해?").abstained  # `2023 세계도시정상회의` states no age
    ages = real.ask("청년인턴 직무캠프 몇 세까지 지원할 수 있어?")  # `청년(만 18~34세)`: the line, both ends
    assert not ages.abstained and "18~34세" in ages.answer, ages.answer
