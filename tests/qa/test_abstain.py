"""What grounds an answer on the real report: the asked kind of number, the noun the interrogative asks
about, and the asked attribute."""
from __future__ import annotations

import pytest

from qa.engine import QAEngine


@pytest.mark.parametrize("question, unit", [
    ("스케일업센터에 입주하는 창업팀은 몇 팀 뽑아?", "팀"),  # the best-ranked line states years (4년), not teams
    ("청년취업사관학교 캠퍼스 몇 개소야?", "개소"),
])
def test_a_count_is_never_answered_by_a_figure_of_another_kind(real: QAEngine, question: str, unit: str) -> None:
    answer = real.ask(question)
    assert answer.abstained or (answer.figures and answer.figures[0].unit == unit), answer.answer


@pytest.mark.parametrize("question", [
    "청년취업사관학교 강사 연봉 얼마야?",  # the program's budget is no salary
    "서울시립과학관 도슨트는 몇 명이야?",
])
def test_an_asked_noun_the_report_never_ties_to_the_subject_is_refused(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained


@pytest.mark.parametrize("question", [
    "G밸리 위크 언제 해?",  # the report writes `G밸리 Week`
    "청년취업사관학교 올해 예산 얼마야?",
])
def test_the_same_kind_of_question_about_what_the_report_states_is_answered(real: QAEngine, question: str) -> None:
    assert not real.ask(question).abstained


def test_the_answering_figure_is_of_the_asked_kind_even_when_another_ranks_first(real: QAEngine) -> None:
    from qa.abstain import judge
    from qa.features import TYPE

    ranking = real.understand("청년취업사관학교 캠퍼스 몇 개소야?", None)
    wrong = next(o for o in ranking.options if o.figure is not None and o.features[TYPE] == 0)
    verdict = judge(ranking.question, [wrong, *(o for o in ranking.options if o is not wrong)], 0.0)
    assert verdict.chosen is not None and verdict.chosen.features[TYPE] > 0
    assert verdict.chosen.figure is not None and verdict.chosen.figure.unit == "개소"



@pytest.mark.parametrize("question", [
    "청년취업사관학교 송파 캠퍼스 언제 열어?",  # the report names other campuses, never 송파
    "서부기술교육원은 학과 몇 개 있어?",  # 북부·남부·동부·중부 are in the report
    "제3핀테크랩은 언제 개관해?",
])
def test_a_sibling_of_a_named_place_the_report_never_writes_is_refused(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained


@pytest.mark.parametrize("question", [
    "북부기술교육원 학과 몇 개야?",
    "G벨리 창업큐브는 누가 운영해?",  # a misspelling of the report's G밸리 is still the report's name
    "올해 서울뷰티위크 언제 해?",  # a time singles out no other event
])
def test_the_places_the_report_names_are_answered_however_written(real: QAEngine, question: str) -> None:
    assert not real.ask(question).abstained


def test_a_date_of_another_event_does_not_answer_when_an_event_is_asked(real: QAEngine) -> None:
    assert real.ask("서울큐브 개관은 언제야?").abstained  # the report dates only the start of its works
    started = real.ask("서울큐브 공사 언제 시작해?")
    assert not started.abstained and "착수 : 7월" in started.answer


@pytest.mark.parametrize("question", [
    "청년취업사관학교 교육생 1인당 교육비 얼마 들어?",  # the report states the program's budget, not per head
    "서울형 R&D 과제 하나당 최대 얼마까지 지원해줘?",  # its only 과제당 amount is the test-bed's
])
def test_an_amount_per_head_or_item_needs_a_line_that_states_one(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained


@pytest.mark.parametrize("question, amount", [
    ("작업환경 개선 사업 업체 한 곳당 최대 얼마 받을 수 있어?", "업체당 최대 9백만원"),  # 곳 and 업체: one basis
    ("서울 동행일자리 하면 매달 얼마 받아?", "월 169만원"),  # a monthly amount is written 월, not 달당
])
def test_an_amount_per_basis_is_answered_from_the_line_stating_it(real: QAEngine, question: str, amount: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained and amount.replace(" ", "") in answer.answer.replace(" ", ""), answer.answer


@pytest.mark.parametrize("question", [
    "마곡 R&D센터 3차 부지 면적은 얼마야?",  # the report writes the whole district's area and the 1차 site
    "서울창업허브 스케일업센터 3호점 언제 열어?",  # it opens one 스케일업센터
])
def test_a_round_or_branch_the_report_never_writes_is_refused(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained


@pytest.mark.parametrize("question, text", [
    ("마곡 R&D센터 1차 동북측 민간형 면적 얼마야?", "43천㎡"),
    ("민간기업 맞춤형 뉴딜 2차 모집은 언제야?", "2차"),
])
def test_a_round_the_report_writes_is_answered(real: QAEngine, question: str, text: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained and text in answer.answer, answer.answer


def test_of_two_amounts_on_one_line_the_one_per_the_asked_basis_answers(real: QAEngine) -> None:
    answer = real.ask("서울형 뉴딜일자리 한 달에 최대 얼마 받아?")  # `시간당 11,157원 … 월 최대 241만원 지급`
    assert not answer.abstained and (answer.figures[0].value, answer.figures[0].unit) == (241, "만원"), answer.answer


def test_a_line_about_another_place_of_the_asked_kind_does_not_answer(real: QAEngine) -> None:
    from qa.abstain import OTHER_PLACE, place_factor

    # `입주기업 추가 모집(현재 83개사 …)` stands under `AI 양재허브 운영`; the report counts no 서울바이오허브 companies
    facilities = real.report_words.facilities
    for question, factor in [("서울바이오허브 입주기업 지금 몇 곳이야?", OTHER_PLACE), ("AI 양재허브 입주기업 현재 몇 개사야?", 1.0)]:
        ranking = real.understand(question, None)
        line = next(o for o in ranking.options if "현재 83개사" in o.cand.text)
        assert place_factor(ranking.question, line, facilities) == factor, question


def test_a_bound_answers_a_criterion_not_how_many(real: QAEngine) -> None:
    from qa.abstain import BOUND, bound_factor

    # `(기존) 상시근로자 10인 이상 … ⇨ (변경) 30인, 6억 이상` states who may take part, not how many are chosen
    for question, factor in [("서울형 청년인턴 직무캠프 올해 몇 명이나 뽑아?", BOUND),
                             ("청년인턴 직무캠프 참여기업 조건이 상시근로자 몇 인 이상이야?", 1.0)]:
        ranking = real.understand(question, None)
        bound = next(o for o in ranking.options if o.figure is not None and o.figure.value == 10 and o.figure.unit == "인")
        assert bound_factor(ranking.question, bound) == factor, question


def test_a_word_the_report_never_writes_does_not_block_the_answer(real: QAEngine) -> None:
    # the report writes 임대료, never 월세; the asked noun (인건비) is the report's own
    answer = real.ask("서울에 있는 국제기구들한테 월세랑 인건비 대주는 거 총 얼마야?")
    assert not answer.abstained and "14억원" in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "캠퍼스타운 연세대 창업팀은 몇 팀이야?",  # the report names no 연세대 (one letter off 세대 is not it)
    "우호도시 중에 프랑스 파리랑은 언제 협약 맺어?",
])
def test_a_proper_noun_the_report_never_writes_is_refused(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained


def test_people_counted_at_a_place_need_not_name_the_place_in_the_cell(real: QAEngine) -> None:
    answer = real.ask("금천 캠퍼스 1기 몇 명 중에 몇 명 취업했어?")  # `금 천 | … (1기) | 217 명 | 155 명 | 71 %`
    assert not answer.abstained and "217" in answer.answer, answer.answer
    assert "155" in answer.passages[0].text  # the cited row holds both numbers


def test_a_kind_of_program_the_report_never_names_is_not_answered_from_its_kinds(real: QAEngine) -> None:
    assert real.ask("뉴딜일자리 청년형 사업은 몇 개야?").abstained  # the report has 공공형 and 민간형 only
    known = real.ask("공공형 뉴딜일자리 사업 몇 개야?")  # `공공형 뉴딜일자리 사업 181개`
    assert not known.abstained and "181" in known.answer, known.answer


@pytest.mark.parametrize("question", [
    "서울뷰티위크 작년 예산 얼마 들었어?",  # the report gives its exports and sales (`155억원 수출계약, 21억원 매출`)
    "서울패션위크 작년 판매액 얼마야?",  # it gives orders (`936만불 수주상담 진행, 300만불 수주`)
    "디지털금융지원센터 연면적 몇 ㎡야?",  # it gives the site (`대지 529㎡`)
])
def test_a_figure_of_another_measure_of_the_asked_kind_does_not_answer(real: QAEngine, question: str) -> None:
    assert real.ask(question).abstained, real.ask(question).answer


@pytest.mark.parametrize("question, number", [
    ("서울뷰티위크 작년 수출 계약 얼마나 했어?", "155"),
    ("서울패션위크 작년 수주 실적 얼마야?", "300"),
    ("디지털금융지원센터 대지 면적 얼마야?", "529"),
])
def test_the_measure_the_report_states_is_answered(real: QAEngine, question: str, number: str) -> None:
    answer = real.ask(question)
    assert not answer.abstained and number in answer.answer, answer.answer


def test_a_rate_is_answered_only_by_a_line_naming_what_it_counts(real: QAEngine) -> None:
    assert real.ask("기술교육원 졸업생 취업률 몇 퍼센트야?").abstained  # `입학인원의 약 15%` is a share of applicants
    converted = real.ask("청년인턴 정규직 전환율 몇 %야?")  # `114명(45%) 정규직 전환`: the line writes 전환
    assert not converted.abstained and "45" in converted.answer, converted.answer


def test_the_asked_measure_is_picked_from_a_line_stating_two(real: QAEngine) -> None:
    # `연면적 16,127㎡(부지면적 8,473㎡)`: 땅 is the report's 부지, whichever figure ranks first
    answer = real.ask("서울큐브 땅 넓이 얼마야?")
    assert not answer.abstained and answer.figures and answer.figures[0].value == 8473, answer.answer
